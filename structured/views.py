"""Whole tables as users browse them (`tables NAME --region --status --year`, the dashboard)."""

from __future__ import annotations

import pandas as pd

from corpus.glossary import STATUS_LABELS

YEAR_COLUMNS = ("year", "fund_year", "report_year")
STATUS_COLUMNS = ("status", "stated_status", "computed_status", "status_raw")


def select_rows(frame: pd.DataFrame, region: str | None = None, status: str | None = None,
                year: int | None = None) -> pd.DataFrame:  # fmt: skip
    """The rows of one region, year and status (the enum key, its label, or the document's word).

    >>> select_rows(pd.DataFrame({"region": ["蓬江区", "江海区"], "status": ["lagging", "completed"]}),
    ...             status="进度滞后")["region"].tolist()
    ['蓬江区']
    """
    if region:
        frame = frame[frame["region"] == region] if "region" in frame else frame.iloc[0:0]
    if year is not None:
        column = next((c for c in YEAR_COLUMNS if c in frame), None)
        frame = frame[frame[column] == year] if column else frame
    if status:
        columns = [c for c in STATUS_COLUMNS if c in frame]
        keys = {label: key for key, label in STATUS_LABELS.items()}
        wanted = {status, keys.get(status, status)}
        frame = frame[frame[columns].isin(wanted).any(axis=1)] if columns else frame
    return frame
