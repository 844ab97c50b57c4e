"""The four tables as staff read them, for the dashboard, the CLI and Excel exports.

- columns in reading order with Chinese names: the ones read first (区域, 任务, 要求, 进展, 状态,
  完成率, 核查 for tasks) come first; a sub-item shows its own requirement;
- every cell is text: 「—」 for nothing (never `nan`/`None`), 「是」/「否」 for flags (never `false`);
- every row has a status from the same five words, whatever the table calls it (the task's status,
  the station's verdict, a fund row's 「未按进度完成」, an indicator's 「达标」);
- `Filters` are applied the same way to a table and to every chart drawn from it.

>>> cell(float("nan")), cell(True), cell(26.0), cell(9.25, "%")
('—', '是', '26', '9.25%')
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from corpus.glossary import STATUS_LABELS, status_of

EMPTY = "—"
TABLE_NAMES = {"tasks": "任务", "stations": "空气质量站点", "funds": "专项资金", "indicators": "指标"}
# an indicator's verdict in the status words the other tables use
INDICATOR_STATUS = {"达标": "completed", "未达标": "not_met"}
BEHIND = ("lagging", "not_met")


def cell(value, suffix: str = "") -> str:
    """A value as a person reads it: 「—」 for nothing, 「是」/「否」 for flags, 26 not 26.0."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
        if isinstance(value, bool):
            return "是" if value else "否"
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text + suffix
    if isinstance(value, int):
        return f"{value}{suffix}"
    text = str(value).strip()
    return text + (suffix if text else "") if text else EMPTY


def _join(*parts: str) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip()) or EMPTY


def _task(row: dict) -> str:
    """The task with its sub-item marker, so （1）（2） of one task are told apart at a glance."""
    task = (row.get("task") or "").strip()
    marker = (row.get("sub_item") or "").strip()
    return (f"{marker} " if marker and not task.startswith(marker) else "") + (task or EMPTY)


def _requirement(row: dict) -> str:
    """The sub-item's own requirement; the task's assessment content above it when the table has one."""
    return _join(row.get("content") or "", row.get("requirement") or "")


def _deadline(row: dict) -> str:
    return cell(row.get("deadline_text") or row.get("deadline"))


@dataclass(frozen=True)
class Column:
    """One column of a view: its Chinese label, how a row gives its text, its width on the page (px)
    and whether a narrow terminal (100 columns) shows it."""

    label: str
    text: Callable[[dict], str]
    width: int
    brief: bool = True


def _field(name: str, suffix: str = "") -> Callable[[dict], str]:
    return lambda row: cell(row.get(name), suffix)


def _status_label(row: dict) -> str:
    return STATUS_LABELS.get(row.get("_status", "unknown"), EMPTY)


# first-read columns first; their widths add up to under 1,300 px so they fit a 1366 px screen
VIEWS: dict[str, list[Column]] = {
    "tasks": [
        Column("区域", _field("region"), 76),
        Column("任务", _task, 250),
        Column("要求", _requirement, 280),
        Column("进展", _field("progress"), 300),
        Column("状态", _status_label, 92),
        Column("完成率", _field("rate_stated", "%"), 72),
        Column("核查", _field("check"), 130),
        Column("时限", _deadline, 100, brief=False),
        Column("重点考核", _field("key_assessment"), 80, brief=False),
        Column("年份", _field("year"), 60, brief=False),
        Column("位置", _field("locator"), 160, brief=False),
        Column("文件", _field("doc_title"), 260, brief=False),
    ],
    "stations": [
        Column("区域", _field("region"), 80),
        Column("站点", _field("station"), 100),
        Column("污染物", _field("pollutant"), 72),
        Column("读数", _field("value"), 64),
        Column("目标", lambda r: (r.get("comparator") or "") + cell(r.get("target")), 64),
        Column("单位", _field("unit"), 100, brief=False),
        Column("状态", _status_label, 92),
        Column("文件结论", _field("stated_result"), 120),
        Column("核算", _field("computed_result"), 90),
        Column("核查", _field("check"), 160),
        Column("重点考核", _field("key_assessment"), 80, brief=False),
        Column("年份", _field("year"), 60, brief=False),
        Column("位置", _field("locator"), 180, brief=False),
    ],
    "funds": [
        Column("区域", _field("region"), 80),
        Column("资金年度", _field("fund_year"), 80),
        Column("级别", _field("level"), 80),
        Column("执行率", _field("rate", "%"), 80),
        Column("目标", _field("target", "%"), 70),
        Column("目标期限", _field("target_deadline"), 100),
        Column("达到目标", _field("meets_target"), 80),
        Column("状态", _status_label, 92),
        Column("依据", _field("rate_basis"), 140, brief=False),
        Column("进展原文", _field("quote"), 280, brief=False),
        Column("位置", _field("locator"), 160, brief=False),
    ],
    "indicators": [
        Column("指标", _field("full_name"), 240),
        Column("单位", _field("unit"), 100),
        Column("现状", _field("current_text"), 120),
        Column("目标", _field("target_text"), 140),
        Column("达标情况", _field("stated_status"), 90),
        Column("核算", _field("computed_status"), 80),
        Column("状态", _status_label, 92, brief=False),
        Column("标准值", _field("standard_text"), 120, brief=False),
        Column("地区", _field("region"), 70, brief=False),
        Column("文件", _field("doc_title"), 240, brief=False),
        Column("位置", _field("locator"), 140, brief=False),
    ],
}
FIRST_READ = {"tasks": 7, "stations": 10, "funds": 8, "indicators": 6}  # columns visible without scrolling


def status_key(text: str) -> str | None:
    """A status as a user types it — the key, its label, or the documents' word — as its key.

    >>> status_key("进度滞后"), status_key("未按进度完成"), status_key("completed"), status_key("很好")
    ('lagging', 'lagging', 'completed', None)
    """
    text = text.strip()
    if text in STATUS_LABELS:
        return text
    by_label = {label: key for key, label in STATUS_LABELS.items()}
    key = by_label.get(text) or INDICATOR_STATUS.get(text) or status_of(text)
    return None if key == "unknown" and text not in ("未说明", "unknown") else key


def status_choices() -> str:
    return "、".join(f"{key}（{label}）" for key, label in STATUS_LABELS.items())


def statuses(name: str, frame: pd.DataFrame) -> pd.Series:
    """Each row's status key (STATUS_LABELS), from whatever the table records."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    if name in ("tasks", "stations") and "status" in frame:
        return frame["status"].fillna("unknown").astype(str)
    if name == "funds":
        return frame["status_raw"].fillna("").map(status_of)
    if name == "indicators":
        verdict = frame["computed_status"].where(frame["computed_status"].fillna("") != "", frame["stated_status"])
        return verdict.fillna("").map(lambda v: INDICATOR_STATUS.get(v, "unknown"))
    return pd.Series("unknown", index=frame.index)


@dataclass(frozen=True)
class Filters:
    """What the dashboard's controls select; the same for the table and every chart.

    >>> Filters(region="恩平市", status="lagging").describe()
    '区域＝恩平市、状态＝进度滞后'
    """

    year: int | None = None
    region: str | None = None
    status: str | None = None
    key_only: bool = False

    def describe(self) -> str:
        parts = []
        if self.year is not None:
            parts.append(f"年份＝{self.year}")
        if self.region:
            parts.append(f"区域＝{self.region}")
        if self.status:
            parts.append(f"状态＝{STATUS_LABELS.get(self.status, self.status)}")
        if self.key_only:
            parts.append("只看【重点考核】")
        return "、".join(parts)

    def apply(self, name: str, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of `frame` (already selected by region and year) with this status and mark.

        A table without 【重点考核】 marks (funds, indicators) has no row to show when only marked
        rows are asked for. Adds `_status` (the row's status key) for the views."""
        frame = frame.assign(_status=statuses(name, frame))
        if self.status:
            frame = frame[frame["_status"] == self.status]
        if self.key_only:
            marked = frame["key_assessment"].fillna(False).astype(bool) if "key_assessment" in frame else False
            frame = frame[marked] if "key_assessment" in frame else frame.iloc[0:0]
        return frame


def view(name: str, frame: pd.DataFrame, brief: bool = False) -> pd.DataFrame:
    """The rows as text under Chinese column names (`brief`: only the columns a terminal shows)."""
    columns = [c for c in VIEWS[name] if c.brief or not brief]
    if "_status" not in frame:
        frame = frame.assign(_status=statuses(name, frame))
    rows = [{c.label: c.text(row) for c in columns} for row in frame.to_dict(orient="records")]
    return pd.DataFrame(rows, columns=[c.label for c in columns])


def widths(name: str) -> list[int]:
    return [c.width for c in VIEWS[name]]
