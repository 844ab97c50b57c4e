"""Build the four tables from every table grid of the corpus, and keep them on disk."""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from corpus.model import Document
from corpus.tables import LabelledTable, TableFormatError, label_table, table_label
from structured.conflicts import flag_conflicts
from structured.funds import FUND_COLUMNS, build_fund_rows, is_fund_row
from structured.generic import NUMBER, NUMERIC_SHARE, GenericTable, frame_columns, generic_schema, generic_table
from structured.indicators import INDICATOR_COLUMNS, build_indicator_rows, is_target_row, target_indicator_rows
from structured.schema import SCHEMAS, TableSchema
from structured.stacking import stack_siblings
from structured.stations import STATION_COLUMNS, build_station_rows
from structured.tasks import TASK_COLUMNS, build_task_rows

logger = logging.getLogger(__name__)

TABLE_COLUMNS: dict[str, list[str]] = {
    "tasks": TASK_COLUMNS,
    "stations": [*STATION_COLUMNS, "conflict"],  # conflict: another document states another figure
    "funds": [*FUND_COLUMNS, "conflict"],
    "indicators": [*INDICATOR_COLUMNS, "conflict"],
}
YEAR_COLUMNS = ("year", "fund_year", "target_year", "current_year", "baseline_year")
# text columns that may come out all empty (then pandas cannot tell they are text)
TEXT_WHEN_EMPTY = {"note", "check", "current_note", "milestones", "evidence", "scoring", "responsible", "stated_status",
                   "middle_bound", "rate_basis", "status_raw", "lead_units", "responsible_units", "sub_item", "period",
                   "deadline_text", "targets_text", "rate_text", "conflict"}  # fmt: skip
TABLE_TITLES = {"tasks": "任务", "stations": "空气质量站点", "funds": "专项资金", "indicators": "指标"}


@dataclass
class StructuredTables:
    """The `tasks`, `stations`, `funds` and `indicators` tables, the generic tables (`g1`, `g2` …,
    tables of no known kind, described by `generic`), and what could not be parsed.

    >>> tables = build_tables(documents)  # doctest: +SKIP
    >>> len(tables.frames["stations"])  # doctest: +SKIP
    20
    """

    frames: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)
    generic: dict[str, dict] = field(default_factory=dict)  # name → what rebuilds its schema

    def schemas(self) -> dict[str, TableSchema]:
        """The schema of every table: the known kinds', and one per generic table."""
        return {**SCHEMAS, **{name: generic_schema(meta, self.frames[name]) for name, meta in self.generic.items()}}

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for name, frame in self.frames.items():
            text = json.dumps(records(frame), ensure_ascii=False, indent=1)
            (directory / f"{name}.json").write_text(text, encoding="utf-8")
        (directory / "warnings.json").write_text(json.dumps(self.warnings, ensure_ascii=False), encoding="utf-8")
        (directory / "generic.json").write_text(json.dumps(self.generic, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> StructuredTables:
        frames = {}
        for name, columns in TABLE_COLUMNS.items():
            records = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
            frames[name] = _tidy(pd.DataFrame.from_records(records, columns=columns))
        generic_path = directory / "generic.json"
        generic = json.loads(generic_path.read_text(encoding="utf-8")) if generic_path.exists() else {}
        for name, meta in generic.items():
            records = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
            frames[name] = _tidy(pd.DataFrame.from_records(records, columns=frame_columns(meta)))
        warnings = json.loads((directory / "warnings.json").read_text(encoding="utf-8"))
        return cls(frames, warnings, generic)

    def counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.frames.items()}


def build_tables(documents: list[Document]) -> StructuredTables:
    """Parse every table of every document; a table that cannot be read is reported, not fatal."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_COLUMNS}
    generic: dict[str, GenericTable] = {}
    warnings: list[str] = []
    for document in documents:
        labelled_once = {id(t): _labelled(document, t) for t in document.tables}  # (a stacked grid is labelled anew)
        for table, origins in stack_siblings(
            document, lambda t, seen=labelled_once: isinstance(seen[id(t)], TableFormatError)
        ):
            labelled = labelled_once.get(id(table)) or _labelled(document, table)
            if isinstance(labelled, TableFormatError):
                # no known kind: a table of typed columns, if it has figures; else it is only text
                found = generic_table(document, table, f"g{len(generic) + 1}", origins=origins)
                if found is not None:
                    generic[found.schema.name] = found
                    # a column per month: also one row per month (「哪个月最高」「12月哪个站最高」)
                    by_month = generic_table(document, table, f"g{len(generic) + 1}", by_month=True, origins=origins)
                    if by_month is not None:
                        generic[by_month.schema.name] = by_month
                else:
                    warnings.append(
                        f"{document.doc_id}「{document.info.title}」{table_label(document, table)}：{labelled}，只作为文字检索"
                    )
                continue
            warnings.extend(labelled.warnings)
            # 「总投资（万元）」 beside a progress table's tasks: rank and sum them too
            if _unclaimed_figures(labelled):
                found = generic_table(document, table, f"g{len(generic) + 1}")
                if found is not None:
                    generic[found.schema.name] = found
            if labelled.kind == "indicators":
                rows["indicators"].extend(build_indicator_rows(labelled))
                continue
            tasks_by_row = build_task_rows(labelled)
            for i, task_rows in tasks_by_row.items():
                rows["tasks"].extend(task_rows)
                first = task_rows[0]
                if is_fund_row(first["task"], labelled.value(labelled.rows[i], "progress")):
                    rows["funds"].extend(build_fund_rows(labelled, task_rows, i))
                if is_target_row(first):
                    rows["indicators"].extend(target_indicator_rows(first))
            rows["stations"].extend(build_station_rows(labelled, tasks_by_row))
    frames = {
        name: _tidy(pd.DataFrame.from_records(rows[name], columns=columns)) for name, columns in TABLE_COLUMNS.items()
    }
    warnings += flag_conflicts(frames)
    frames = {name: _tidy(frame) for name, frame in frames.items()}
    frames |= {name: _tidy(table.frame) for name, table in generic.items()}
    logger.info("structured tables: %s", {n: len(f) for n, f in frames.items()})
    return StructuredTables(frames, warnings, {name: table.meta for name, table in generic.items()})


def _labelled(document: Document, table) -> LabelledTable | TableFormatError:
    """A table labelled as a known kind (tasks, stations, funds, indicators), or why it is none (then it may be
    stacked with its siblings)."""
    try:
        return label_table(document, table)
    except TableFormatError as exc:
        return exc


def _unclaimed_figures(labelled: LabelledTable) -> bool:
    """Whether a table has a column of figures no role reads (「总投资（万元）」「完成投资（万元）」, an indicator's
    「2035年（预计）」)."""
    for column in labelled.columns:
        if column.role != "other":
            continue
        if labelled.kind == "indicators" and column.year and "目标" in column.header:
            continue  # 「2048年目标值 | 2050年目标值」: each a year's target of the indicator rows already
        cells = [
            row[column.index].strip() for row in labelled.rows if column.index < len(row) and row[column.index].strip()
        ]
        if cells and sum(bool(NUMBER.match(c.replace(",", ""))) for c in cells) >= NUMERIC_SHARE * len(cells):
            return True
    return False


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns hold "" for nothing (never NaN), so code can test them as strings; years are
    whole numbers or None, never 2020.0 because another row has none."""
    for column in frame.columns:
        if column in YEAR_COLUMNS:
            frame[column] = pd.Series([_year(v) for v in frame[column]], index=frame.index, dtype=object)
            continue
        values = frame[column].dropna()
        textual = frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column])
        if textual and len(values) and all(isinstance(v, str) for v in values):
            frame[column] = frame[column].fillna("")
        elif len(values) == 0 and column in TEXT_WHEN_EMPTY:
            frame[column] = ""
    return frame


def _year(value) -> int | None:
    try:
        return None if value is None or value != value else int(float(value))
    except (TypeError, ValueError):
        return None


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame as JSON-ready dicts (NaN → null)."""
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _plain(value):
    """JSON-safe cell: NaN and NA become null, numpy scalars become Python numbers."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
