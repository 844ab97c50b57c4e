"""The `funds` table: special environmental fund execution by region, fund year and level.

Progress cells state them in sentences such as 「2022年度各级环保专项资金执行率达到85.49%。
2023年中央资金环保专项资金执行率0.55%、省级资金…执行率2.42%」 or 「2023年度省级以上资金
下达1205.1万元、市级资金下达196.9万元，暂未支出」. A sentence is cut at each level word;
「暂未支出」 applies to every part of its sentence that states no rate, and means 0%.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from corpus.tables import LabelledTable
from structured.numbers import NUMBER, normalize, parse_deadline
from structured.progress import split_items

FUND_COLUMNS = [
    "doc_id", "doc_title", "table", "locator", "row_text", "quote", "report_year", "period", "region",
    "fund_year", "level", "rate", "rate_basis", "allocated", "amount", "status_raw", "target",
    "target_deadline", "target_due", "meets_target", "targets_text", "milestones", "rate_text",
]  # fmt: skip

LEVELS = ("省级以上", "各级", "中央", "省级", "市级", "县级", "区级")
_LEVEL = re.compile("|".join(LEVELS))
_YEAR = re.compile(r"(20\d\d)\s*年度?")
_RATE = re.compile(rf"(?:执行率|支出率)\s*(?:已达到|达到|为|达)?\s*({NUMBER})\s*%")
_TARGET_RATE = re.compile(rf"执行率\s*(?:达到|不低于|不少于)\s*({NUMBER})\s*%")
_FUND_YEAR = re.compile(r"(20\d\d)\s*年度?\s*(?=[^,，。;；]*?专项资金)")
# 中央 and 省级 funds are both 「省级以上」 for a target set on 省级以上 funds
LEVEL_FAMILY = {"中央": "省级以上", "省级": "省级以上"}
_ALLOCATED = re.compile(rf"下达\s*({NUMBER})\s*万元")
_AMOUNT = re.compile(rf"资金\s*({NUMBER})\s*万元")
NOT_SPENT = "暂未支出"


def is_fund_row(task: str, progress: str) -> bool:
    return "专项资金" in task + progress and bool(re.search(r"执行率|支出率|暂未支出", progress))


def build_fund_rows(labelled: LabelledTable, task_rows: list[dict], row_index: int) -> list[dict]:
    """A row per fund level and year a task's progress states; each with the status of the sub-item
    (（1）（2）) that states it."""
    task_row = task_rows[0]
    progress = labelled.value(labelled.rows[row_index], "progress")
    targets = fund_targets(labelled.value(labelled.rows[row_index], "requirement"), task_row["year"])
    period_end = _period_end(task_row["year"], task_row["period"])
    rows = []
    fund_year = None
    # split the document's own text and its normalised twin alike: quotes keep the original
    raw_sentences = re.split(r"(?<=[。；;])", progress)
    for raw, sentence in zip(raw_sentences, (normalize(s) for s in raw_sentences), strict=True):
        year = _YEAR.search(sentence)
        fund_year = int(year.group(1)) if year else fund_year
        if fund_year is None or not re.search(r"资金|执行率|支出率", sentence):
            continue
        parts = _parts_by_level(sentence)
        for level, part in parts:
            rate = _RATE.search(part)
            written = rate.group(1) if rate else "0"
            if rate:
                value, basis = float(rate.group(1)), "文件所列执行率"
            elif NOT_SPENT in sentence:
                value, basis = 0.0, f"文件写「{NOT_SPENT}」，按0%计"
            else:
                continue
            allocated = _ALLOCATED.search(part)
            amount = _AMOUNT.search(part)
            target = _applicable_target(targets, fund_year, level, period_end)
            rows.append(
                {
                    "doc_id": task_row["doc_id"],
                    "doc_title": task_row["doc_title"],
                    "table": task_row["table"],
                    "locator": re.sub(r"（\d+）$", "", task_row["locator"]),
                    "row_text": task_row["row_text"],
                    "quote": raw.strip(),
                    "report_year": task_row["year"],
                    "period": task_row["period"],
                    "region": task_row["region"],
                    "fund_year": fund_year,
                    "level": level,
                    "rate": value,
                    "rate_basis": basis,
                    "allocated": float(allocated.group(1)) if allocated else None,
                    "amount": float(amount.group(1)) if amount and not allocated else None,
                    "status_raw": _status_stating(task_rows, sentence),
                    "target": target[2] if target else None,
                    "target_deadline": target[3].isoformat() if target else None,
                    "target_due": bool(target and period_end and target[3] <= period_end),
                    "meets_target": (value >= target[2]) if target else None,
                    "targets_text": _targets_text(targets, fund_year, level),
                    "milestones": _milestones(targets, fund_year, level),
                    "rate_text": written,
                }
            )
    return rows


def _status_stating(task_rows: list[dict], sentence: str) -> str:
    """The status of the sub-item whose progress holds the sentence (the task's first, else)."""
    said = re.sub(r"\s+", "", sentence).strip("。；;")
    for row in task_rows:
        if said and said in re.sub(r"\s+", "", normalize(str(row.get("progress") or ""))):
            return row["status_raw"]
    return task_rows[0]["status_raw"]


def fund_targets(requirement: str, report_year: int | None) -> list[tuple[int, str, float, dt.date]]:
    """(fund year, level, target rate, deadline) from 「2023年9月底前，2023年省级以上…执行率不低于60%」."""
    _, items = split_items(requirement)
    targets = []
    for _, item in items or [(0, requirement)]:
        flat = normalize(item)
        deadline = parse_deadline(re.split(r"[,，]", flat)[0], report_year)
        fund_year = _FUND_YEAR.search(flat)
        if not deadline or not fund_year:
            continue
        for level, part in _parts_by_level(flat[fund_year.start() :]):
            rate = _TARGET_RATE.search(part)
            if rate:
                targets.append((int(fund_year.group(1)), level, float(rate.group(1)), deadline))
    return targets


def _dated(targets, fund_year: int, level: str) -> list[tuple[int, str, float, dt.date]]:
    """The targets set for this fund year and level (or its family: 省级 under 省级以上), by deadline."""
    family = {level, LEVEL_FAMILY.get(level, level)}
    return sorted((t for t in targets if t[0] == fund_year and t[1] in family), key=lambda t: t[3])


def _applicable_target(targets, fund_year: int, level: str, period_end: dt.date | None):
    """The target due by the end of the reported period, else the next one to come."""
    matching = _dated(targets, fund_year, level)
    if not matching:
        return None
    due = [t for t in matching if period_end and t[3] <= period_end]
    return due[-1] if due else matching[0]


def _milestones(targets, fund_year: int, level: str) -> str:
    """Every dated target of this fund year and level, 「2023-09-30=60;2023-12-10=80」, for a question
    about one of them (「离12月10日的要求还差多少」)."""
    return ";".join(f"{d.isoformat()}={rate:g}" for _, _, rate, d in _dated(targets, fund_year, level))


def at_milestone(row: dict, month: int) -> dict:
    """The row judged against its target due in `month` (the one asked about) instead of the
    target due by the end of the reported period; unchanged when it has none in that month."""
    for part in (row.get("milestones") or "").split(";"):
        deadline, _, rate = part.partition("=")
        if rate and dt.date.fromisoformat(deadline).month == month:
            target, due = float(rate), dt.date.fromisoformat(deadline)
            period_end = _period_end(row.get("report_year"), row.get("period") or "")
            return {**row, "target": target, "target_deadline": due.isoformat(),
                    "target_due": bool(period_end and due <= period_end), "meets_target": row["rate"] >= target}  # fmt: skip
    return row


def _targets_text(targets, fund_year: int, level: str) -> str:
    """Every target the requirement sets for this fund year and level: 「2023年9月30日前60%；2023年12月10日前80%」."""
    return "；".join(
        f"{d.year}年{d.month}月{d.day}日前不低于{rate:g}%" for _, _, rate, d in _dated(targets, fund_year, level)
    )


def _period_end(year: int | None, period: str) -> dt.date | None:
    month = re.search(r"(\d{1,2})\s*月$", period or "")
    if not year or not month:
        return None
    end_month = int(month.group(1))
    return dt.date(year, end_month, calendar.monthrange(year, end_month)[1])


def _parts_by_level(sentence: str) -> list[tuple[str, str]]:
    """Cut a sentence at each level word; a sentence without one is about 各级 funds."""
    marks = list(_LEVEL.finditer(sentence))
    if not marks:
        return [("各级", sentence)]
    parts = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(sentence)
        parts.append((m.group(0), sentence[m.start() : end]))
    return parts
