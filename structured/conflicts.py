"""Rows of different documents that state different figures for the same thing.

An uploaded table may repeat a station's reading, a fund's execution rate or an indicator's
target that another document already states. When the figures agree nothing is said; when
they differ, both rows carry a `conflict` note naming the other row, the ingest report lists
it, and every answer that uses such a row says so — neither figure is silently preferred.

>>> flag_conflicts(frames)  # doctest: +SKIP
['stations：蓬江区东湖子站PM10（2023年1-6月）《A》表1 第3行写43，《B》表 第2行写41']
"""

from __future__ import annotations

import pandas as pd

from structured.facts import fmt, is_number

# table → (the columns that say what a row is about, the figure that must agree, how to name it)
KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "stations": (("region", "station", "pollutant", "year", "period"), "value"),
    "funds": (("region", "fund_year", "level"), "rate"),
    "indicators": (("region", "full_name", "target_year"), "target_value"),
}


def flag_conflicts(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Add a `conflict` column to the known tables (「」 where a row agrees with every other) and
    return one line per disagreement, for the ingest report."""
    report = []
    for table, (keys, figure) in KEYS.items():
        frame = frames.get(table)
        if frame is None:
            continue
        frame["conflict"] = ""
        if frame.empty or not set(keys) <= set(frame.columns):
            continue
        for _, group in frame.groupby(list(keys), dropna=True, sort=False):
            stated = group[[is_number(v) for v in group[figure]]]
            if stated["doc_id"].nunique() < 2 or stated[figure].nunique() < 2:
                continue
            for index, row in stated.iterrows():
                others = stated[stated["doc_id"] != row["doc_id"]]
                others = others[others[figure] != row[figure]]
                if others.empty:
                    continue
                other = others.iloc[0]
                frame.at[index, "conflict"] = (
                    f"与《{other['doc_title']}》{other['locator']}不一致（该行写{fmt(other[figure])}）"
                )
            first, second = stated.iloc[0], stated[stated[figure] != stated.iloc[0][figure]].iloc[0]
            about = "".join(
                str(first[k]) for k in keys if k in ("region", "station", "pollutant", "level", "full_name")
            )
            report.append(
                f"{table}：{about}——《{first['doc_title']}》{first['locator']}写{fmt(first[figure])}，"
                f"《{second['doc_title']}》{second['locator']}写{fmt(second[figure])}，两份文件不一致"
            )
    return report
