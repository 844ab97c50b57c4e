"""The `tasks` table: one row per task sub-item of every progress, decomposition or project table.

A task's sub-items 「（1）」「（2）」… are read from its progress cell (each has its own
status) or, when the progress is reported once, from its requirement cell (each has its
own deadline, the status is shared).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from corpus.gazetteer import canonical_place, gazetteer, mentions
from corpus.glossary import KEY_ASSESSMENT_MARK, LISTS_LAGGING, REMARKS
from corpus.tables import TOTAL_CELL, Column, LabelledTable, section_of
from structured.numbers import parse_deadline, parse_points
from structured.progress import read_column_status, read_numbers, read_status, split_items, with_rate
from structured.schema import YES_NO_HEADER

TASK_COLUMNS = [
    "doc_id", "doc_title", "table", "locator", "task_key", "row_text", "task_no", "sub_item", "year", "period",
    "region", "category", "task", "content", "requirement", "deadline", "deadline_text", "points", "task_points", "score",
    "progress", "status_raw", "status", "key_assessment", "lead_units", "responsible_units",
    "milestones", "evidence", "scoring", "done", "total", "measure_unit", "rate_stated", "rate", "rate_text",
    "rate_computed", "rate_consistent", "check",
]  # fmt: skip


HALF_YEARS = {"上半年": "1-6月", "下半年": "7-12月"}  # as questions' periods are written


def document_period(labelled: LabelledTable) -> tuple[int | None, str]:
    """The year and period a table reports on: from its caption, else the document's title or
    file name (a Word file whose first line is 「附件」), else its metadata."""
    info = labelled.document.info
    caption = f"{labelled.table.caption} {info.title} {Path(info.source_file or '').stem}"
    caption = re.sub(
        r"20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", "", caption
    )  # 「填报时间：2025年1月20日」 is no period
    year = re.search(r"(20\d\d)\s*年", caption)
    period = re.search(
        r"[（(]\s*(\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月)\s*[）)]|(上半年|下半年|[一二三四]季度|全年)", caption
    )
    stated = (period.group(1) or period.group(2)).replace(" ", "") if period else labelled.document.info.period
    stated = re.sub(r"(?<=\d)[—至~–](?=\d)", "-", stated or "")  # 「1—9月」 as questions' 「1-9月」
    return int(year.group(1)) if year else labelled.document.info.year, HALF_YEARS.get(stated, stated)


def build_task_rows(labelled: LabelledTable) -> dict[int, list[dict]]:
    """The sub-item rows of each row of a progress/decomposition/project table, by row index."""
    year, period = document_period(labelled)
    near = {labelled.document.info.region} - {""}  # 「四会」 is 四会市 of the document's city
    rows: dict[int, list[dict]] = {}
    last_task_no, rows_in_group = "", 0
    seen: dict[str, int] = {}
    shared = _numbers_over_places(labelled)
    yes_no = next((c.header for c in labelled.columns if c.role == "status" and YES_NO_HEADER.fullmatch(c.header.strip())),
                  "")  # fmt: skip
    joined = any(c.role == "task" and JOINED_REQUIREMENT.search(c.header) for c in labelled.columns)
    for i, cells in enumerate(labelled.rows):
        value = partial(labelled.cell, cells)
        value = _yes_no_worded(value, yes_no) if yes_no else value
        value = _task_and_requirement(value) if joined else value
        raw = labelled.raw_rows[i]
        if any(TOTAL_CELL.match(cell) for cell in raw):
            continue  # a 小计 row sums the tasks above it: no task of its own
        if len(raw) > 2 and section_of(raw):
            continue  # 「一、中央水污染防治资金」 merged across the row: a heading of the rows under it
        own_number = raw[labelled.role_index("seq")].strip() if labelled.role_index("seq") is not None else ""
        # a row that states no task of its own continues the item above (its merged 分值 counts once)
        continues = (
            not own_number
            and i > 0
            and not any(raw[c.index].strip() for c in labelled.columns if c.role in ("task", "content", "requirement"))
        )
        rows_in_group = 1 if own_number else rows_in_group + (0 if continues else 1)
        task_no = own_number or last_task_no
        last_task_no = task_no
        region = (
            canonical_place(_first_line(value("region")), near=near)
            or _named_county(value("task"), labelled.document.info.region)
            # (the 责任单位 of a table with no 牵头单位 column, not a 配合单位 of one with it)
            or _governments(
                value("lead") if labelled.role_index("lead") is not None else value("responsible"),
                labelled.document.info.region,
            )
        )
        locator = _locator(labelled, i, task_no, region)
        if not own_number and task_no and rows_in_group > 1:  # an item listed under the numbered row above
            locator = f"{locator}-{rows_in_group}"
        task_locator = locator  # a 序号 merged down over a task's rows: one task (its 分值 counts once), …
        seen[locator] = seen.get(locator, 0) + 1
        if seen[locator] > 1:  # … each row cited by a locator of its own
            locator = f"{locator}-{seen[locator]}"
        base = {
            # … unless the 序号 runs over several 区县 (a table grouped by task, one row per 区县): a task of each
            "task_key": f"{labelled.document.doc_id}|{task_locator}" + (f"|{region}" if task_no in shared else ""),
            "doc_id": labelled.document.doc_id,
            "doc_title": labelled.document.info.title,
            "table": labelled.label,
            "row_text": labelled.row_text(i),
            "task_no": task_no,
            "year": year,
            "period": period,
            "region": region or labelled.document.info.region,
            "category": _flat_lines(value("category")),
            "task": _flat_lines(value("task")),
            "content": value("content"),
            "deadline_text": value("deadline").replace("\n", ""),
            # a table with a 责任单位 column and no 牵头单位 one: the units responsible lead
            "lead_units": _units(value("lead") if labelled.role_index("lead") is not None else value("responsible")),
            "responsible_units": _units(value("responsible")),
            "milestones": _milestones(labelled, cells),
            "evidence": value("evidence"),
            "scoring": value("scoring"),
        }
        content_points = parse_points(value("content") or value("task"))
        stated_points = _number(value("points"))
        task_points = sum(content_points) if content_points else stated_points
        base["score"] = _number(value("score"))  # 「待复核*」 is no score
        # a 备注 column beside a bare status (「进度滞后」 | 「已淘汰410辆」) states the progress's figures
        remarks = " ".join(raw[c.index] for c in labelled.columns
                           if c.role == "other" and REMARKS.search(c.header) and c.index < len(raw))  # fmt: skip
        rows[i] = _sub_items(
            labelled,
            base,
            locator,
            value,
            content_points,
            task_points,
            year,
            remarks.strip(),
            _counted(labelled, cells),
        )
        if LISTS_LAGGING.search(f"{labelled.table.caption} {labelled.document.info.title}"):
            for row in rows[i]:  # a table of lagging tasks lists each row as lagging unless it says otherwise
                if row["status"] == "unknown":
                    row.update(status="lagging", status_raw="（列入进度滞后情况表）")
    return rows


def _yes_no_worded(value, header: str):
    """A 「是否完成整改」 status column's 是 / 否 read as the words a status column writes (已完成 / 未完成); a
    「是否滞后」 column's as 进度滞后 / 未滞后."""
    words = {"是": "进度滞后", "否": "未滞后"} if "滞后" in header else {"是": "已完成", "否": "未完成"}

    def worded(role: str) -> str:
        cell = value(role)
        return words.get(cell.strip(), cell) if role == "status" else cell

    return worded


def _numbers_over_places(labelled: LabelledTable) -> set[str]:
    """The 序号 whose rows name more than one 区县 (「1 | 重点行业超低排放改造 | 涧西区」「1 | … | 偃师区」)."""
    index = labelled.role_index("seq")
    if index is None or labelled.role_index("region") is None:
        return set()
    places: dict[str, set[str]] = {}
    number = ""
    for raw, cells in zip(labelled.raw_rows, labelled.rows, strict=True):
        number = raw[index].strip() or number
        places.setdefault(number, set()).add(_first_line(labelled.cell(cells, "region")))
    return {n for n, named in places.items() if n and len(named - {""}) > 1}


JOINED_REQUIREMENT = re.compile(r"及.{0,4}要求$")  # 「重点任务及目标要求」: a task's cell 「名称：要求」


def _task_and_requirement(value):
    """The cells of a 「重点任务及目标要求」 column, 「涵江污水处理厂三期扩建：新增污水处理能力5万吨/日」: the task's name
    before the colon, its requirement after it (unless a column of its own states that)."""

    def read(role: str) -> str:
        name, colon, rest = value("task").partition("：")
        if colon and len(name) <= MAX_TASK_NAME and role in ("task", "requirement"):
            return name if role == "task" else value("requirement") or rest
        return value(role)

    return read


MAX_TASK_NAME = 30


def _governments(lead: str, city: str) -> str:
    """The 区县 whose 人民政府 leads a task no 区县 cell places (「荔城区人民政府」, 「仙游县、城厢区人民政府」,
    「八步区人民政府、平桂区人民政府」): the task is theirs; none when a department of the city leads it."""
    if not re.search(r"(人民政府|政府)$", lead.strip()):
        return ""
    g = gazetteer()
    parts = [re.sub(r"(人民政府|政府)$", "", p.strip()) for p in re.split(r"[、，,]", lead)]
    places = [canonical_place(p) for p in parts if p]
    if all(g.level_of(p) == "county" and g.parent_of(p, {city}) == city for p in places):
        return "、".join(places)
    return ""


def _named_county(text: str, city: str) -> str:
    """The one 区县 of the document's city a task's name names (「推进陆丰市涉VOCs…」), when no column says whose it
    is; none when it names several (「参照阳东区经验，在阳春市…」 is no one 区县's task)."""
    g = gazetteer()
    named = {
        name for name, _, _ in mentions(text) if g.level_of(name) == "county" and g.parent_of(name, {city}) == city
    }
    return named.pop() if len(named) == 1 else ""


def _sub_items(
    labelled, base, locator, value, content_points, task_points, year, remarks="", counted=None
) -> list[dict]:
    progress, content = value("progress"), value("content")
    requirement = value("requirement") or value("target")  # 「年度目标」 of a progress table is its requirement
    if counted is not None:  # 「年度目标60个」, 「1-10月完成51个」: the figures as the columns state them
        requirement = requirement if value("requirement") else counted.target_text
        content = "" if counted.target_role == "content" else content  # 「2025年目标任务量：12.5」 is that target
        own = "" if counted.done_role == "progress" else progress  # 「1-9月进展·累计完成量：10.2」 is that figure
        progress = f"{counted.done_text}。{own}" if own else counted.done_text
    p_head, p_items = split_items(progress)
    r_head, r_items = split_items(requirement)
    c_head, c_items = split_items(content)
    head_status = read_status(p_head) if p_head else None
    _, s_items = split_items(value("status"))  # 「（1）滞后序时\n（2）序时推进」: each sub-item's own verdict
    if len(p_items) >= 2:
        items = [(n, text, True) for n, text in p_items]
    elif len(r_items) >= 2:
        items = [(n, progress, False) for n, _ in r_items]
    else:
        items = [(0, progress, False)]
    # the task's own 完成率 column (「39.3%」 of a task in two sub-items): each sub-item's, unless it states its own
    whole_rate = float(_typed_rate(value("rate"))) if _typed_rate(value("rate")) else None
    rows = []
    for n, item_progress, own in items:
        req = dict(r_items).get(n, requirement) if n else requirement
        item_content = dict(c_items).get(n, content) if len(c_items) == len(items) else content
        status = read_status(item_progress, head_status) if own else read_status(progress)
        # the table's own verdict column (a sub-item it gives none of keeps its progress's own)
        stated = read_column_status(dict(s_items).get(n, "") if s_items else value("status"))
        # it speaks for every sub-item that has no progress of its own (the items of a requirement); a label of its
        # own that no glossary word judges (「待验收」) is still said as written where nothing else is
        speaks = stated.status != "unknown" and (len(items) == 1 or not own or status.status == "unknown" or s_items)
        if speaks or (status.status == "unknown" and stated.raw):
            status = stated
        with_remarks = item_progress if len(items) > 1 or not remarks else f"{item_progress}。{remarks}"
        # 「45%」 alone in the progress column (no 完成率 column): the rate it states
        bare = item_progress.strip() if BARE_PERCENT.fullmatch(item_progress or "") else ""
        rate_cell = value("rate") if _typed_rate(value("rate")) or not bare else bare
        numbers = read_numbers(_with_rate_column(with_remarks, rate_cell, 1 if bare and rate_cell == bare else len(items)),
                               [item_content, req, content, base["task"]])  # fmt: skip
        if counted is not None and len(items) == 1:
            numbers = with_rate(counted.done, counted.total, counted.unit, numbers.rate_stated)
        deadline = parse_deadline(req or value("deadline"), year) or parse_deadline(value("deadline"), year)
        own_points = parse_points(item_content) if len(c_items) == len(items) and n else []
        rows.append(
            {
                **base,
                "locator": f"{locator}（{n}）" if n else locator,
                "sub_item": f"（{n}）" if n else "",
                "content": item_content,
                "requirement": req,
                "deadline": deadline.isoformat() if deadline else None,
                "points": own_points[0] if own_points else (task_points if len(items) == 1 else None),
                "task_points": task_points,
                "progress": item_progress if own else progress,
                "status_raw": status.raw,
                "status": status.status,
                # (the mark in the progress or the task's name, where the table's own status column decides)
                "key_assessment": status.key_assessment
                or bool(KEY_MARK.match(value("key")))
                or KEY_ASSESSMENT_MARK in f"{base['task']} {item_progress}",
                "done": numbers.done,
                "total": numbers.total,
                "measure_unit": numbers.unit,
                "rate_stated": numbers.rate_stated,
                # the rate a question ranks or bounds: the document's own, else its two counts' (38/45个)
                "rate": numbers.rate_stated
                if numbers.rate_stated is not None
                else (_rounded(numbers.rate_computed) if numbers.rate_computed is not None else whole_rate),
                # the task's column, unless the sub-item states a rate of its own
                "rate_text": _typed_rate(value("rate")) if len(items) == 1 or numbers.rate_stated is None else "",
                "rate_computed": numbers.rate_computed,
                "rate_consistent": numbers.consistent,
                "check": numbers.check,
            }
        )
    return rows


KEY_MARK = re.compile(r"\s*[★☆√✓✔●是]")  # a 重点考核 column's mark
COUNTED_DONE_HEADER = re.compile(r"完成|累计|实际")  # 「1-10月完成」 beside a 年度目标, in a progress table
FIGURE = re.compile(r"\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*")  # 「1,397」 as typed too
# a 完成率 column's cell: 「85.0%」, 「85.0」 under 「完成率（%）」
RATE_CELL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*[%％]?\s*")
BARE_PERCENT = re.compile(r"\s*\d+(?:\.\d+)?\s*[%％]\s*")
HEADER_UNIT = re.compile(r"\s*[（(]([^（）()]{1,6})[）)]\s*$")  # 「年度目标（公里）」
PERIOD_LEAD = re.compile(r"^\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月")  # 「1-9月进展」's period


@dataclass(frozen=True)
class Counted:
    """A task's target and what is done, as figures in columns of their own."""

    target_text: str  # 「年度目标60个」, as the table says it
    done_text: str  # 「1-10月完成51个」
    done: float
    total: float
    unit: str
    target_role: str  # the roles of the two columns, whose text the figures replace
    done_role: str


def _counted(labelled: LabelledTable, cells: list[str]) -> Counted | None:
    """A progress table that states each task's target and what is done as figures in columns of their own
    (年度目标 | 1-10月完成 | 单位; 2025年目标任务量 | 1-9月进展·累计完成量 | 计量单位; or the unit in their headers)."""
    if labelled.kind != "progress":
        return None

    def figure(column: Column) -> re.Match | None:
        return FIGURE.fullmatch(cells[column.index]) if column.index < len(cells) else None

    target = next((c for c in labelled.columns if c.role in ("target", "content") and figure(c)), None)
    done = next((c for c in labelled.columns if c.role in ("other", "progress") and figure(c)
                 and COUNTED_DONE_HEADER.search(c.header.rsplit("·", 1)[-1])), None)  # fmt: skip
    if target is None or done is None:
        return None
    # the unit: a column of its own, the target's header (「年度目标（公里）」), or the end of the task's name
    # under a header that says so (「考核任务（计量单位）」: 「入河排污口规范整治（个）」)
    named = HEADER_UNIT.search(labelled.cell(cells, "task")) if "单位" in _header(labelled, "task") else None
    stated = HEADER_UNIT.search(target.header) or named
    unit = labelled.cell(cells, "unit") or (stated.group(1) if stated else "")
    target_label, done_label = (_figure_label(c.header) for c in (target, done))
    total_text, done_text = figure(target).group(1), figure(done).group(1)
    return Counted(f"{target_label}{total_text}{unit}", f"{done_label}{done_text}{unit}",
                   float(done_text.replace(",", "")), float(total_text.replace(",", "")), unit, target.role,
                   done.role)  # fmt: skip


def _header(labelled: LabelledTable, role: str) -> str:
    return next((c.header for c in labelled.columns if c.role == role), "")


def _figure_label(header: str) -> str:
    """「年度目标（公里）」 → 「年度目标」, 「1-9月进展·累计完成量」 → 「1-9月累计完成量」: what a figure is, in words."""
    parent, _, own = header.rpartition("·")
    period = PERIOD_LEAD.match(parent)
    return HEADER_UNIT.sub("", f"{period.group(0) if period else ''}{own}")


def _typed_rate(cell: str) -> str:
    """A 完成率 column's figure as typed (「85.0」 of 「85.0%」), "" when the cell is no bare rate."""
    number = RATE_CELL.fullmatch(cell)
    return number.group(1) if number else ""


def _with_rate_column(progress: str, rate: str, items: int) -> str:
    """A progress text with the rate its table states in a column of its own (「完成率：30.6%」),
    read as if the text said it; a whole task's rate is no sub-item's."""
    number = RATE_CELL.fullmatch(rate)
    if items > 1 or not number:
        return progress  # (a text's own 「完成约45%」 is no rate phrase: the column's still counts)
    return f"{progress}；完成率{number.group(1)}%"


def _locator(labelled: LabelledTable, i: int, task_no: str, region: str) -> str:
    if labelled.role_index("seq") is not None and task_no:
        return f"{labelled.label} 序号{task_no}"
    suffix = f"（{region}）" if region else ""
    return f"{labelled.label} 第{labelled.row_numbers[i]}行{suffix}"


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].strip()


def _flat_lines(text: str) -> str:
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def _units(text: str) -> str:
    """「生态环境局\\n水利局」 → 「生态环境局、水利局」."""
    parts = [p.strip(" 、,，") for p in re.split(r"[\n、,，]+", text)]
    return "、".join(p for p in parts if p)


def _milestones(labelled: LabelledTable, cells: list[str]) -> str:
    stages = {
        c.header.rsplit("·", 1)[-1]: cells[c.index].replace("\n", "")
        for c in labelled.columns
        if c.role == "milestones" and c.index < len(cells) and cells[c.index].strip()
    }
    return json.dumps(stages, ensure_ascii=False) if stages else ""


def _number(text: str) -> float | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*分?\s*", text)
    return float(match.group(1)) if match else None


def _rounded(rate: float | None) -> float | None:
    """A computed rate to the one decimal the documents print their rates with."""
    return round(rate, 1) if rate is not None else None
