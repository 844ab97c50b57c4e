"""The facts an answer states and the rows it cites, made from one frame of one table.

>>> facts = facts_of("stations", frame)  # doctest: +SKIP
>>> facts[0].to_dict()["status"]  # doctest: +SKIP
'未达标'
"""

from __future__ import annotations

import json
import math
import numbers
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from corpus.glossary import STATUS_LABELS
from structured.stations import station_name


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


def facts_of(table: str, frame: pd.DataFrame, schema=None, measure: str = "") -> list[Fact]:
    """One fact per row; a generic table's fact states the measure asked (else its first)."""
    builder = _BUILDERS.get(table)
    if builder is None:
        column = measure or (schema.default_measure if schema else "")
        spec = schema.measures.get(column) if schema else None
        return [_generic_fact(table, r, spec) for r in frame.itertuples()]
    return [builder(table, r) for r in frame.itertuples()]


def group_facts(table: str, groups: pd.DataFrame, column: str, what: str, unit: str, frame: pd.DataFrame) -> list[Fact]:
    """A computed figure per group (「蓬江区：合计15分」), citing the first row it was computed from."""
    facts = []
    for _, g in groups.iterrows():
        rows = frame[frame[column] == g[column]] if column in frame else frame.iloc[0:0]
        first = rows.iloc[0] if not rows.empty else None
        source = {"doc_id": first["doc_id"], "locator": first["locator"]} if first is not None else {}
        facts.append(Fact(table, str(g[column]) if column == "region" else "", f"{g[column]} {what}",
                          num(g["_value"]), None, unit, "", source, note=f"由{int(g['_n'])}行计算"))  # fmt: skip
    return facts


def row_refs(frame: pd.DataFrame, targets: bool = False) -> list[RowRef]:
    """One citation per row (a task's sub-items share their task's row); with `targets`, also the
    sentence that sets each reading's target (「…子站NO2指标浓度达到或优于23微克/立方米」)."""
    seen, refs = set(), []
    for r in frame.itertuples():
        target_quote = getattr(r, "target_quote", "") if targets else ""
        if target_quote and (r.doc_id, r.locator, target_quote) not in seen:
            seen.add((r.doc_id, r.locator, target_quote))
            refs.append(RowRef(r.doc_id, r.doc_title, r.locator, target_quote, r.table))
        quote = getattr(r, "quote", "") or r.row_text
        noted = getattr(r, "noted", "")  # a note under the table naming the row, quoted with it
        quote = f"{quote}；表注：{noted}" if isinstance(noted, str) and noted else quote
        locator = r.locator.split("（")[0] if getattr(r, "task_key", "") and r.sub_item else r.locator
        key = (r.doc_id, locator, quote)
        if key not in seen:
            seen.add(key)
            refs.append(RowRef(r.doc_id, r.doc_title, locator, quote, r.table))
    return refs


def _station_fact(table: str, r) -> Fact:
    return Fact(
        table=table,
        region=r.region,
        item=f"{station_name(r.station, getattr(r, 'station_full', ''))} {r.pollutant}",
        value=num(r.value),
        target=num(r.target),
        unit=r.unit,
        status="达标" if r.value <= r.target else "未达标",
        source=_source(r),
        year=_int(r.year),
        note=_join(
            f"超出目标{fmt(r.value - r.target)}" if r.value > r.target else "",
            f"低于目标{fmt(r.target - r.value)}" if r.value < r.target else "",
            f"文件结论：{r.stated_result}" if r.stated_result else "",
            r.check,
            getattr(r, "conflict", ""),
        ),
    )


def _fund_gap(r) -> str:
    """「距目标还差9.64个百分点」: the executor's gap of the rate to the target it is judged by."""
    if not is_number(r.gap):
        return ""
    gap = round(r.gap, 4)
    return f"距目标{'还差' if gap > 0 else '超出'}{fmt(abs(gap))}个百分点" if gap else ""


def _fund_fact(table: str, r) -> Fact:
    return Fact(
        table=table,
        region=r.region,
        item=f"{_int(r.fund_year)}年{r.level}环保专项资金执行率",
        value=num(r.rate),
        target=num(r.target),
        unit="%",
        status=_fund_status(r),
        source=_source(r),
        year=_int(r.fund_year),
        note=_join(
            r.rate_basis if r.rate_basis != "文件所列执行率" else "",
            f"下达{fmt(r.allocated)}万元" if is_number(r.allocated) else "",
            f"目标期限{r.target_deadline}" if isinstance(r.target_deadline, str) else "",
            _fund_gap(r),
            f"目标：{r.targets_text}" if getattr(r, "targets_text", "") else "",
            f"文件写{r.rate_text}%" if getattr(r, "rate_text", "") and r.rate_text != fmt(r.rate) else "",
            getattr(r, "conflict", ""),
        ),
    )


def _task_fact(table: str, r) -> Fact:
    name = r.task.split("。")[0] if isinstance(r.task, str) else ""
    label = " ".join(p for p in (f"序号{r.task_no}" if r.task_no else "", name, r.sub_item) if p).strip()
    return Fact(
        table=table,
        region=r.region,
        item=label,
        value=num(r.rate) if is_number(r.rate) else (r.status_raw or None),
        target=r.deadline or None,
        unit="%" if is_number(r.rate) else "",
        status=STATUS_LABELS.get(r.status, r.status) if r.status != "unknown" else "未说明",
        source=_source(r),
        year=_int(r.year),
        note=_join(
            r.status_raw,
            "【重点考核】" if r.key_assessment else "",
            r.check,
            f"完成率按{fmt(r.done)}/{fmt(r.total)}{r.measure_unit}计算" if is_number(r.rate) and not is_number(r.rate_stated) else "",
            f"已完成{fmt(r.done)}/{fmt(r.total)}{r.measure_unit}，还差{fmt(r.total - r.done)}"
            if is_number(r.done) and is_number(r.total) else "",
        ),
    )  # fmt: skip


def _indicator_fact(table: str, r) -> Fact:
    return Fact(
        table=table,
        region=r.region,
        item=r.full_name,
        value=num(r.current_value) if is_number(r.current_value) else (r.current_text or num(r.baseline_value)),
        target=r.standard_text or (num(r.target_value) if is_number(r.target_value) else r.target_text) or None,
        unit=r.unit,
        status=r.stated_status or (r.computed_status or ""),
        source=_source(r),
        year=_int(r.current_year) or _int(r.target_year),
        note=_join(_indicator_note(r), r.check, getattr(r, "conflict", "")),
    )


def _generic_fact(table: str, r, spec) -> Fact:
    value = getattr(r, spec.column, None) if spec else None
    return Fact(
        table=table,
        region=getattr(r, "region", "") or "",
        item=f"{getattr(r, 'entity', '')} {spec.label if spec else ''}".strip(),
        value=num(value) if is_number(value) else value,
        target=None,
        unit=spec.unit if spec else "",
        status="",
        source=_source(r),
        year=_int(getattr(r, "year", None)),
    )


_BUILDERS = {"stations": _station_fact, "funds": _fund_fact, "tasks": _task_fact, "indicators": _indicator_fact}


def _source(row) -> dict[str, str]:
    return {"doc_id": row.doc_id, "locator": row.locator}


def _fund_status(row) -> str:
    if row.meets_target is None or (isinstance(row.meets_target, float) and math.isnan(row.meets_target)):
        return ""
    due = "（已到期）" if row.target_due else "（下一节点）"
    return ("已达到目标" if row.meets_target else "未达到目标") + due


def _indicator_note(row) -> str:
    parts = [row.current_note] if row.current_note else []
    if row.target_text and row.standard_text:
        parts.append(f"目标{row.target_text}")
    if is_number(row.current_value) and is_number(row.target_value):
        parts.append(f"距目标{fmt(abs(row.target_value - row.current_value))}")
    if isinstance(row.values_by_year, str) and row.values_by_year:
        by_year = json.loads(row.values_by_year)
        parts.append("；".join(f"{y}年：{v}" for y, v in by_year.items() if v))
    if row.note:
        parts.append(row.note)
    return "；".join(parts)


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if isinstance(p, str) and p)


def is_number(value) -> bool:
    """A real number (numpy's too), not a bool, not NaN."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        return False
    return not math.isnan(value)


def num(value):
    """A cell as a plain number (15, 85.49), or None."""
    if not is_number(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def fmt(value, places: int = 0) -> str:
    """A number as the documents write it: 15, 85.49, 0.55; with `places`, at least that many decimals
    (「39.0」 of a column typed 「39.0%」); "" for none."""
    if value is None or isinstance(value, str):
        return value or ""
    if not is_number(value):
        return ""
    value = float(value)
    if places and round(value, places) == value:
        return f"{value:.{places}f}"
    if value.is_integer():
        return str(int(value))
    return f"{round(value, 4):.4f}".rstrip("0").rstrip(".")


def _int(value) -> int | None:
    return int(value) if is_number(value) else None
