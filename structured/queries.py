"""Deterministic queries over the four tables; every result carries the facts and the rows it used.

The assistant calls these; nothing here guesses. Filters take canonical values (full
region names, NO2/PM10, the status enum), which `assistant/understanding.py` produces.

>>> q = TableQueries(StructuredTables.load(path))  # doctest: +SKIP
>>> [f.region for f in q.stations(pollutant="PM10", meets_target=False).facts][:2]  # doctest: +SKIP
['蓬江区', '蓬江区']
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import pandas as pd

from corpus.glossary import STATUS_LABELS, TOPICS
from structured.build import StructuredTables

BEHIND = ("lagging", "not_met")  # what 「滞后」「没完成」「未达标」 ask about


@dataclass(frozen=True)
class Fact:
    """One figure an answer states, with the row it comes from (DESIGN §4 `facts`)."""

    table: str
    region: str
    item: str
    value: float | str | None
    target: float | str | None
    unit: str
    status: str
    source: dict[str, str]
    year: int | None = None
    note: str = ""

    def to_dict(self) -> dict:
        return {
            k: v for k, v in asdict(self).items() if v not in ("", None) or k in ("value", "target", "unit", "status")
        }


@dataclass(frozen=True)
class RowRef:
    """A table row an answer used: what a citation quotes."""

    doc_id: str
    title: str
    locator: str
    quote: str
    table: str


@dataclass
class QueryResult:
    table: str
    frame: pd.DataFrame
    facts: list[Fact]
    rows: list[RowRef]
    summary: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.frame.empty


class TableQueries:
    """Filter, rank and aggregate the structured tables."""

    def __init__(self, tables: StructuredTables) -> None:
        self.tables = tables
        self.frames = tables.frames

    # -- stations ---------------------------------------------------------------------------

    def stations(
        self,
        region: str | Iterable[str] | None = None,
        station: str | None = None,
        pollutant: str | None = None,
        meets_target: bool | None = None,
        year: int | None = None,
    ) -> QueryResult:
        frame = self.frames["stations"]
        frame = _filter(frame, region=region, pollutant=pollutant, year=year)
        if station:
            frame = frame[frame["station"].map(lambda s: s in station or station in s)]
        if meets_target is not None:
            frame = frame[(frame["value"] <= frame["target"]) == meets_target]
        facts = [
            Fact(
                table="stations",
                region=r.region,
                item=f"{r.station}子站 {r.pollutant}",
                value=_num(r.value),
                target=_num(r.target),
                unit=r.unit,
                status="达标" if r.value <= r.target else "未达标",
                source=_source(r),
                year=_int(r.year),
                note=_join(f"文件结论：{r.stated_result}" if r.stated_result else "", r.check),
            )
            for r in frame.itertuples()
        ]
        return QueryResult("stations", frame, facts, _refs(frame, quote="quote"))

    # -- funds ----------------------------------------------------------------------------------

    def funds(
        self,
        region: str | Iterable[str] | None = None,
        fund_year: int | None = None,
        level: str | None = None,
    ) -> QueryResult:
        frame = _filter(self.frames["funds"], region=region)
        if fund_year is not None:
            frame = frame[frame["fund_year"] == fund_year]
        if level:
            frame = frame[frame["level"] == level]
        facts = [
            Fact(
                table="funds",
                region=r.region,
                item=f"{_int(r.fund_year)}年{r.level}环保专项资金执行率",
                value=_num(r.rate),
                target=_num(r.target),
                unit="%",
                status=_fund_status(r),
                source=_source(r),
                year=_int(r.fund_year),
                note=_join(
                    r.rate_basis if r.rate_basis != "文件所列执行率" else "",
                    f"目标期限{r.target_deadline}" if isinstance(r.target_deadline, str) else "",
                ),
            )
            for r in frame.itertuples()
        ]
        return QueryResult("funds", frame, facts, _refs(frame, quote="quote"))

    # -- tasks ------------------------------------------------------------------------------------

    def tasks(
        self,
        region: str | Iterable[str] | None = None,
        year: int | None = None,
        statuses: Iterable[str] | None = None,
        topic: str | None = None,
        key_only: bool = False,
        doc_id: str | None = None,
    ) -> QueryResult:
        frame = _filter(self.frames["tasks"], region=region, year=year)
        if doc_id:
            frame = frame[frame["doc_id"] == doc_id]
        if statuses:
            frame = frame[frame["status"].isin(list(statuses))]
        if topic:
            frame = frame[frame.apply(lambda r: _on_topic(r, topic), axis=1)]
        if key_only:
            frame = frame[frame["key_assessment"].fillna(False).astype(bool)]
        facts = [
            Fact(
                table="tasks",
                region=r.region,
                item=_task_label(r),
                value=_rate_or_status(r),
                target=r.deadline or None,
                unit="%" if _is_num(r.rate_stated) else "",
                status=STATUS_LABELS.get(r.status, r.status) if r.status != "unknown" else "未说明",
                source=_source(r),
                year=_int(r.year),
                note=_join(r.status_raw, "【重点考核】" if r.key_assessment else "", r.check),
            )
            for r in frame.itertuples()
        ]
        summary = {"tasks": frame["task_key"].nunique(), "sub_items": len(frame)}
        return QueryResult("tasks", frame, facts, _refs(frame.drop_duplicates("task_key"), quote="row_text"), summary)

    def region_points(
        self, year: int | None = None, region: str | Iterable[str] | None = None, doc_id: str | None = None
    ) -> QueryResult:
        """Points of each region's assessed tasks (each task counted once)."""
        frame = _filter(self.frames["tasks"], region=region, year=year)
        if doc_id:
            frame = frame[frame["doc_id"] == doc_id]
        frame = frame[frame["task_points"].notna()].drop_duplicates("task_key")
        totals = frame.groupby("region", sort=False)["task_points"].sum()
        facts = [
            Fact(
                table="tasks",
                region=name,
                item=f"{_int(year) or ''}年考核任务分值合计（{len(frame[frame['region'] == name])}项任务）",
                value=_num(total),
                target=None,
                unit="分",
                status="",
                source={
                    "doc_id": frame[frame["region"] == name]["doc_id"].iloc[0],
                    "locator": _span(frame[frame["region"] == name]),
                },
                year=year,
            )
            for name, total in totals.items()
        ]
        return QueryResult("tasks", frame, facts, _refs(frame, quote="row_text"), {"totals": totals.to_dict()})

    def points_at_stake(self, year: int | None = None, region: str | Iterable[str] | None = None) -> QueryResult:
        """Points of tasks with a lagging or unmet sub-item: the sub-item's own points
        where the document splits them, else the whole task's."""
        frame = _filter(self.frames["tasks"], region=region, year=year)
        behind = frame[frame["status"].isin(BEHIND) & frame["task_points"].notna()]
        stakes: dict[str, float] = {}
        for _, group in behind.groupby("task_key", sort=False):
            own = group["points"].dropna()
            split = group["points"].notna().all() and len(frame[frame["task_key"] == group["task_key"].iloc[0]]) > 1
            stakes[group["task_key"].iloc[0]] = float(own.sum()) if split else float(group["task_points"].iloc[0])
        behind_tasks = behind.drop_duplicates("task_key")
        facts = [
            Fact(
                table="tasks",
                region=r.region,
                item=_task_label(r),
                value=stakes[r.task_key],
                target=None,
                unit="分",
                status=STATUS_LABELS.get(r.status, r.status),
                source=_source(r),
                year=_int(r.year),
                note=r.status_raw,
            )
            for r in behind_tasks.itertuples()
        ]
        by_region = {}
        for r in behind_tasks.itertuples():
            by_region[r.region] = by_region.get(r.region, 0.0) + stakes[r.task_key]
        return QueryResult(
            "tasks", behind_tasks, facts, _refs(behind_tasks, quote="row_text"), {"by_region": by_region}
        )

    # -- indicators -----------------------------------------------------------------------------------

    def indicators(
        self,
        words: Iterable[str] = (),
        doc_id: str | None = None,
        region: str | None = None,
        status: str | None = None,
        table: str | None = None,
    ) -> QueryResult:
        """Indicators whose name contains all of `words` (e.g. ["PM2.5"]); status 达标/未达标."""
        frame = self.frames["indicators"]
        if doc_id:
            frame = frame[frame["doc_id"] == doc_id]
        if region:
            frame = frame[frame["region"] == region]
        if table:
            frame = frame[frame["table"] == table]
        for word in words:
            frame = frame[frame["full_name"].str.lower().str.contains(word.lower(), regex=False)]
        if status:
            frame = frame[
                (frame["stated_status"] == status)
                | ((frame["stated_status"] == "") & (frame["computed_status"] == status))
            ]
        facts = [
            Fact(
                table="indicators",
                region=r.region,
                item=r.full_name,
                value=_num(r.current_value) if _is_num(r.current_value) else (r.current_text or _num(r.baseline_value)),
                target=r.standard_text or (_num(r.target_value) if _is_num(r.target_value) else r.target_text) or None,
                unit=r.unit,
                status=r.stated_status or (r.computed_status or ""),
                source=_source(r),
                year=_int(r.current_year) or _int(r.target_year),
                note=_join(_indicator_note(r), r.check),
            )
            for r in frame.itertuples()
        ]
        return QueryResult("indicators", frame, facts, _refs(frame, quote="row_text"))

    # -- generic ------------------------------------------------------------------------------------

    def table(
        self, name: str, region: str | None = None, status: str | None = None, year: int | None = None
    ) -> pd.DataFrame:
        """A whole table with the CLI's filters (`tables NAME --region --status --year`)."""
        frame = self.frames[name]
        if region:
            frame = frame[frame["region"] == region] if "region" in frame else frame.iloc[0:0]
        if year is not None:
            year_column = next((c for c in ("year", "fund_year", "report_year") if c in frame), None)
            frame = frame[frame[year_column] == year] if year_column else frame
        if status:
            columns = [c for c in ("status", "stated_status", "computed_status", "status_raw") if c in frame]
            labels = {v: k for k, v in STATUS_LABELS.items()}
            wanted = {status, labels.get(status, status)}
            frame = frame[frame[columns].isin(wanted).any(axis=1)] if columns else frame
        return frame


def rank(result: QueryResult, descending: bool, n: int | None = None) -> QueryResult:
    """Order a result's facts by value (numbers only); n keeps the first n."""
    numeric = [f for f in result.facts if isinstance(f.value, int | float)]
    ordered = sorted(numeric, key=lambda f: f.value, reverse=descending)
    kept = ordered[:n] if n else ordered
    keep_locators = {f.source["locator"] for f in kept}
    rows = [r for r in result.rows if r.locator in keep_locators]
    return QueryResult(result.table, result.frame, kept, rows, result.summary)


# -- helpers ---------------------------------------------------------------------------------------


def _filter(frame: pd.DataFrame, region=None, pollutant=None, year=None) -> pd.DataFrame:
    if region:
        regions = [region] if isinstance(region, str) else list(region)
        frame = frame[frame["region"].isin(regions)]
    if pollutant:
        frame = frame[frame["pollutant"] == pollutant]
    if year is not None and "year" in frame:
        frame = frame[frame["year"] == year]
    return frame


def _on_topic(row, topic: str) -> bool:
    text = " ".join(str(row[c]) for c in ("task", "content", "requirement", "category") if isinstance(row[c], str))
    return any(word in text for word in TOPICS.get(topic, (topic,)))


def _source(row) -> dict[str, str]:
    return {"doc_id": row.doc_id, "locator": row.locator}


def _refs(frame: pd.DataFrame, quote: str) -> list[RowRef]:
    return [
        RowRef(
            doc_id=r["doc_id"],
            title=r["doc_title"],
            locator=r["locator"],
            quote=r[quote] or r["row_text"],
            table=r["table"],
        )
        for _, r in frame.iterrows()
    ]


def _task_label(row) -> str:
    name = row.task.split("。")[0] if isinstance(row.task, str) else ""
    number = f"序号{row.task_no}" if row.task_no else ""
    return " ".join(p for p in (number, name, row.sub_item) if p).strip()


def _rate_or_status(row):
    return _num(row.rate_stated) if _is_num(row.rate_stated) else (row.status_raw or None)


def _fund_status(row) -> str:
    if row.meets_target is None or (isinstance(row.meets_target, float) and math.isnan(row.meets_target)):
        return ""
    due = "（已到期）" if row.target_due else "（下一节点）"
    return ("已达到目标" if row.meets_target else "未达到目标") + due


def _indicator_note(row) -> str:
    parts = []
    if row.current_note:
        parts.append(row.current_note)
    if isinstance(row.values_by_year, str) and row.values_by_year:
        by_year = json.loads(row.values_by_year)
        parts.append("；".join(f"{y}年：{v}" for y, v in by_year.items() if v))
    if row.note:
        parts.append(row.note)
    return "；".join(parts)


def _span(frame: pd.DataFrame) -> str:
    locators = list(frame["locator"])
    return locators[0] if len(locators) == 1 else f"{locators[0]} 至 {locators[-1].split(' ')[-1]}"


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if isinstance(p, str) and p)


def _is_num(value) -> bool:
    return isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value))


def _num(value):
    if not _is_num(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _int(value) -> int | None:
    return int(value) if _is_num(value) else None
