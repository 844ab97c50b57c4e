"""From a raw cell grid to labelled rows: header detection, column roles, alignment, carry-down.

Both `structured/` (which turns rows into tasks, stations, funds and indicators) and
`retrieval/` (which makes each row a searchable chunk with its column names) read tables
through this one module.

Tables are recognised by their header words, not by which file they come from, so a new
year's table of the same kind parses without code changes:

- progress tables: 区域 / 任务 / 要求 / 进展 columns (完成情况, 工作进展情况 …)
- task-decomposition and project tables: 任务 / 内容 / 时限 / 牵头单位 …
- indicator tables: 指标 / 单位 / 目标 / 现状 / 属性 …

Merged cells come out empty (carried down from the row above) or missing (a short row;
the missing cell is found by comparing each cell with what its column usually holds,
and filled with its right-hand neighbour, the cell it was merged with).
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from dataclasses import dataclass, field

from corpus.glossary import canonical_pollutant, column_status
from corpus.model import Document, Table

logger = logging.getLogger(__name__)

# role → header words. A header cell takes the first role with an exact match, else the role
# of the longest word it contains (of those as long, the one it ends with); the order of this dict
# breaks the remaining ties.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号"),
    "region": (
        "区域",
        "地区",
        "县（市、区）",
        "县(市、区)",
        "市（区）",
        "县（区）",
        "县(区)",
        "区（县）",
        "县市区",
        "区县",
        "县区",
        "镇街",
        "镇（街）",
        "责任区域",
        "辖市区",  # 镇江: its 辖市 (丹阳市) and 区
        "区市",
        "县市",
        "市县",
        "辖区",
        "县（市）",
        "区（市）",
        "市（县）",
        "市（县、区）",
    ),
    "domain": ("领域",),
    "category": ("类别", "项目类型", "任务类别", "一级指标", "指标类别"),
    "task": (
        "问题描述",  # a 督察 sheet with a 区县 column: its rows are the problems fed back
        "督办事项",  # a 督办清单's items, and an 整改 list's
        "整改事项",
        "事项名称",
        "指标名称",
        "主要任务",
        "项目名称",
        "任务名称",
        "重点任务",
        "工作任务",
        "任务",
        "内容",
        "二级指标",
        "指标",
    ),
    # (「年度目标·任务量」: a figure of the task's target, not its name)
    "content": (
        "考核内容",
        "目标任务",
        "考核目标",
        "任务目标",
        "工作目标",
        "任务量",
        "目标任务量",
        "年度任务量",
        "任务数",
    ),
    "requirement": (
        "目标要求",
        "工作内容及要求",
        "工作要求",
        "达到标准",
        "具体要求",
        "完成标准",
        "工作内容",
        "具体措施",
        "工作措施",
        "主要措施",
    ),
    "deadline": ("完成时限", "完成时间", "时间节点", "完成期限", "时限"),
    "progress": (
        "完成情况",
        "工作进展情况",
        "进展情况",
        "工作进展",
        "推进情况",
        "完成进度",
        "进度情况",
        "落实情况",
        "实施情况",
        "进展",
    ),
    "milestones": ("形象进度安排", "进度安排", "时序进度"),
    "evidence": ("认定标准", "佐证材料"),
    "points": ("分值", "分数", "权重"),
    "scoring": ("计分办法", "评分标准", "评分办法"),
    "score": ("得分", "考核得分", "实际得分"),  # what an assessment gave, beside the 分值 it could give
    "key": ("重点考核", "是否重点考核"),  # a column of marks (「★」「是」) for the tasks assessed first
    "lead": ("牵头单位", "牵头部门"),
    "responsible": ("责任单位", "责任部门", "配合单位", "参与单位", "实施单位"),
    "rate": ("完成率", "完成比例", "完成百分比"),  # before target: 「目标完成率」 is a rate
    "unit": ("单位", "计量单位"),
    "standard": ("指标值", "标准值", "考核标准"),
    "target": ("目标值", "目标"),
    "current": (
        "现状值",
        "现状",
        "实际值",
        "完成值",
        "当前值",
        "评估值",
    ),  # a review's 「2025年评估值」 is its current value
    "baseline": ("基准值", "基期值", "基准年值"),  # a plan's current value where it has no 现状值 column
    "stated": ("达标情况", "是否达标", "评估结论", "评估情况", "评价结论"),
    "attribute": ("指标属性", "属性", "指标类型"),
    # a progress table's own verdict and rate columns (「进度评价：进度滞后」「完成率：30.6%」): they
    # decide, not the words a progress text opens with (「已完成修复26公顷」 is work, not the status)
    "status": (
        "是否完成",  # 「是否完成整改」 of a 督察 sheet: 是 / 否 (`structured.tasks` words them 已完成 / 未完成)
        "是否滞后",  # … and 「是否滞后」 of a list of lagging tasks (进度滞后 / 未滞后)
        "进度评价",
        "完成评价",
        "进展评价",
        "评价结果",
        "进度状态",
        "任务状态",
        "完成状态",
        "推进状态",
        "状态",
        "评定",
        "评定结果",
        "考核评定",
        "评定等次",
        "完成等次",  # 提前完成 / 按期完成 / 逾期完成 of a list of tasks done
        "评价",
        "评价等次",
        "评价等级",
    ),
}
WHOLE_HEADER_ONLY = {
    "评定",
    "评价",
    "重点考核",
}  # a column's role only as its whole header (「评定标准」「评定依据」 are no verdicts)
FIGURE_SUB_HEADER = re.compile(r"完成|累计|实际|\d")  # a sub-column of figures: 「1-9月完成」「累计完成量」
# 「完成进度（%）」: a percent the header declares is the task's rate, not its progress text
PERCENT_PROGRESS_HEADER = re.compile(r"(^|·)(完成|任务|工作)?进度\s*[（(]\s*[%％]\s*[)）]$")  # not 序时进度（%）
# 「2023年」, 「2020年（基准年）」, 「2045年基期」, 「基准年（2020年）」: a year's figures
YEAR_HEADER = re.compile(
    r"^(?:(20\d\d)\s*年?(?:[（(](?:基准|基期|现状)[年值]?[)）]|基期)?|(?:基准|基期)年[（(](20\d\d)\s*年?[)）])$"
)
PERIOD_SUB_HEADER = re.compile(r"^(20\d\d年)?(\d{1,2}\s*[-—–~至]\s*\d{1,2}月|截至\d{1,2}月底?)$")
SUB_HEADER = re.compile(r"^(第?[一二三四1-4]季度|[上下]半年|\d{1,2}月)$")


class TableFormatError(ValueError):
    """A table whose header has no known column words."""


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    role: str  # one of ROLE_WORDS, "year", or "other"
    year: int | None = None


@dataclass
class LabelledTable:
    """A table whose columns have roles and whose rows are aligned to them."""

    document: Document
    table: Table
    kind: str  # progress / tasks / indicators
    label: str  # 「表1」, 「附件1」
    columns: list[Column]
    rows: list[list[str]]  # aligned, merged cells filled
    raw_rows: list[list[str]]  # the same rows before filling, for provenance
    row_numbers: list[int]  # 1-based index of each row among the grid's data rows
    first_row: int = 1  # where the data rows start in the raw grid (after one or two header rows)
    warnings: list[str] = field(default_factory=list)

    def role_index(self, role: str) -> int | None:
        return next((c.index for c in self.columns if c.role == role), None)

    def value(self, row: list[str], role: str) -> str:
        index = self.role_index(role)
        return row[index] if index is not None and index < len(row) else ""

    def cell(self, row: list[str], role: str) -> str:
        """The stripped text of `row`'s cell in the column with `role` ("" if none)."""
        return self.value(row, role).strip()

    def row_text(self, row_index: int) -> str:
        """The row as the document gives it, 「表头：内容」 pairs — what answers quote."""
        raw = self.raw_rows[row_index]
        return join_cells([(c.header, _flat(raw[c.index])) for c in self.columns if c.index < len(raw)])

    def row_pairs(self, row_index: int) -> list[tuple[str, str]]:
        """(column name, cell) of a row with merged cells filled in from above — search text."""
        row = self.rows[row_index]
        return [(c.header, _clean(row[c.index])) for c in self.columns if c.index < len(row)]


def header_key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def role_of(header: str) -> tuple[str, int | None]:
    key = header_key(header)
    year = YEAR_HEADER.match(key)
    if year:
        return "year", int(year.group(1) or year.group(2))
    key_year = re.search(r"(20\d\d)\s*年", key)
    if PERCENT_PROGRESS_HEADER.search(key):
        return "rate", None
    for role, words in ROLE_WORDS.items():
        if key in words:
            return role, int(key_year.group(1)) if key_year else None
    head = re.sub(r"[（(][^）)]*[）)]$", "", key)  # 「进展状态（%）」's words end at 状态

    def contained_in(text: str) -> list[tuple[int, bool, int, str]]:
        return [(len(w), head.endswith(w), -order, role) for order, (role, words) in enumerate(ROLE_WORDS.items())
                for w in words if w in text and w not in WHOLE_HEADER_ONLY]  # fmt: skip

    # the words outside a closing bracket name the column (「考核任务（计量单位）」 is a task whose cells end
    # in their unit); the longest word names it (「考核内容及要求」 is 考核内容, not 内容), and between words
    # as long the one it ends with (「进展状态」 is a 状态)
    # 「重点任务及目标要求」: a task named first names the column (a task, with its requirement) when its word is
    # as long as any (not 「内容」 of 「具体内容及目标要求」; 「整改目标及时限」 stays a deadline)
    lead = re.split(r"及|和|与", head, maxsplit=1)[0]
    contained = contained_in(head) or contained_in(key)
    first = contained_in(lead) if lead != head else []
    if first and contained and max(first)[3] == "task" and max(first)[0] >= max(contained)[0]:
        contained = [(w, True, order, role) for w, _, order, role in first]
    if contained:
        return max(contained)[3], int(key_year.group(1)) if key_year else None
    return "other", None


def header_rows(rows: list[list[str]]) -> tuple[list[str], int]:
    """(header, where the data starts) of a grid of no known kind: its first row, joined with the
    next when that is the lower level of a two-level header."""
    if not rows:
        return [], 0
    headers = [_flat(c) for c in rows[0]]
    if len(rows) > 1 and _is_units_row(headers, [_flat(c) for c in rows[1]]):
        return _with_units(headers, [_flat(c) for c in rows[1]]), 2
    if len(rows) > 1 and _is_nested_header(headers, [_flat(c) for c in rows[1]]):
        return _join_headers(headers, [_flat(c) for c in rows[1]]), 2
    return headers, 1


# a cell of a header's row of units (「μg/m³」「%」「万元」) under the names of the columns
UNIT_CELL = re.compile(
    r"[（(]?\s*((μg|µg|ug|mg)/m[³3]|mg/L|%|‰|[万亿]?元|[微毫]克/立方米|[万]?吨|个|天|家|公里|千米|平方公里|[万]?立方米|个百分点|倍|分"
    r"|无量纲|[^\s/\d]{1,6}/[^\s/\d]{1,8})\s*[)）]?"  # and any 「a/b」 unit: 吨/平方公里·月
)
NO_UNIT = re.compile(r"[—\-/／]*|单位|计量单位")  # a column without one, or the row's own label, in a row of units


def _is_units_row(header: list[str], row: list[str]) -> bool:
    """Whether `row` only gives the units of the columns above it (a merged-down cell repeats its name)."""
    if len(row) != len(header):
        return False
    units = [c for c, top in zip(row, header, strict=True) if c and c != top and not NO_UNIT.fullmatch(c)]
    dashes = [c for c, top in zip(row, header, strict=True) if c and c != top and NO_UNIT.fullmatch(c)]
    return len(units) >= 2 and all(UNIT_CELL.fullmatch(c) for c in units) and len(dashes) <= len(units)


def _with_units(header: list[str], row: list[str]) -> list[str]:
    """「PM2.5年均浓度」 over 「μg/m³」 → 「PM2.5年均浓度（μg/m³）」, the way a header states its unit."""
    return [
        top if not unit or unit == top or NO_UNIT.fullmatch(unit) else f"{top}（{UNIT_CELL.fullmatch(unit).group(1)}）"
        for top, unit in zip(header, row, strict=True)
    ]


def find_header(rows: list[list[str]]) -> int | None:
    """The first row with at least two known column words."""
    for i, row in enumerate(rows[:5]):
        known = sum(1 for cell in row if cell and role_of(cell)[0] != "other")
        if known >= 2:
            return i
    return None


def label_table(document: Document, table: Table) -> LabelledTable:
    """Give a raw grid column roles and aligned rows; raise TableFormatError if unknown."""
    header_at = find_header(table.rows)
    if header_at is None:
        raise TableFormatError(f"表头中没有可识别的列名（首行：{'、'.join(_flat(c) for c in table.rows[0][:6])}）")
    header = table.rows[header_at]
    body_start = header_at + 1
    grouped = _pollutant_groups(table.rows[header_at - 1]) if header_at else set()
    grouped = grouped or _pollutant_groups(header)
    if len(grouped) >= 2:  # 「PM10 | NO2」 over 「均值 | 年度目标 | 完成情况」 each: readings, no tasks
        raise TableFormatError(f"表头按污染物分组（{'、'.join(sorted(grouped))}），是监测读数表")
    headers = [_flat(h) for h in header]
    # a second header row: the columns' units, or mostly empty, filled with sub-column words (一季度 … 四季度)
    if body_start < len(table.rows) and _is_units_row(headers, [_flat(c) for c in table.rows[body_start]]):
        headers = _with_units(headers, [_flat(c) for c in table.rows[body_start]])
        body_start += 1
    elif body_start < len(table.rows) and _is_sub_header(table.rows[body_start]):
        headers = _merge_sub_header(headers, [_flat(c) for c in table.rows[body_start]])
        body_start += 1
    # or the lower row of a two-level header: 「指标值」 over 「2020年现状值 | 2025年目标值」
    elif body_start < len(table.rows) and _is_nested_header(headers, [_flat(c) for c in table.rows[body_start]]):
        headers = _join_headers(headers, [_flat(c) for c in table.rows[body_start]])
        body_start += 1
    columns = _assign_roles(headers)
    kind = _table_kind(columns)
    if kind is None:
        raise TableFormatError(f"无法判断表格类型（列：{'、'.join(headers)}）")
    # In an indicator table 「任务」 groups indicators; it is a category, not a task.
    if kind == "indicators":
        columns = [
            Column(c.index, c.header, "category", c.year) if c.role == "task" and c.header == "任务" else c
            for c in columns
        ]
        columns = _review_columns(_indicator_name_column(columns))
    labelled = LabelledTable(
        document=document,
        table=table,
        kind=kind,
        label=table_label(document, table),
        columns=columns,
        rows=[],
        raw_rows=[],
        row_numbers=[],
    )
    data_rows = list(table.rows[body_start:])
    while data_rows and is_note_row(data_rows[-1]):  # a 「说明：」 row under the rows: a note (rows keep their places)
        data_rows.pop()
    aligned = _align_rows(labelled, data_rows)
    labelled.raw_rows = [list(r) for r in aligned]
    labelled.rows = _carry_down(labelled, aligned)
    labelled.row_numbers = list(range(1, len(aligned) + 1))
    labelled.first_row = body_start
    labelled.columns = _status_by_content(_rates_by_content(labelled.columns, labelled.rows), labelled.rows)
    if _names_mostly_blank(labelled):
        header = next(c.header for c in labelled.columns if c.index == _name_index(labelled))
        raise TableFormatError(f"名称列「{header}」大多为空，不是指标或任务表")
    figures = _figures_as_text(labelled)
    if figures:
        raise TableFormatError(f"「{figures}」列只有数值，不是任务表")
    return labelled


# 「注：…」「说明：…」: a note, when it fills a row merged across the table (or stands under it)
NOTE_CELL = re.compile(r"^(注|说明|备注)\s*\d?\s*[:：]")


def is_note_row(row: list[str]) -> bool:
    """A 「注：…」 or 「说明：…」 row merged across the table under its rows: a note, not a row."""
    filled = {_flat(c) for c in row if c.strip()}
    return len(filled) == 1 and bool(NOTE_CELL.match(filled.pop()))


def _pollutant_groups(row: list[str]) -> set[str]:
    """The pollutants a header row groups columns under (each over two or more sub-columns: 「PM10 | PM10 | NO2 |
    NO2」), none for a row naming each pollutant once."""
    cells = [canonical_pollutant(_flat(c)) for c in row]
    return {p for p in cells if p and cells.count(p) >= 2}


PLACEHOLDER_CELL = re.compile(r"^[—–\-/／无]*$")


def _name_index(labelled: LabelledTable) -> int | None:
    return next((c.index for c in labelled.columns if c.role in ("name", "task")), None)


def _names_mostly_blank(labelled: LabelledTable) -> bool:
    """An indicator or task table whose names are mostly 「—」 was taken by a header word in passing
    (a water sheet's 「主要超标指标」 is not the name of its rows): it is a table of another kind."""
    index = _name_index(labelled)
    if labelled.kind == "progress" or not labelled.rows or index is None:  # 「任务」 grouping indicators: no names
        return False
    blank = sum(bool(PLACEHOLDER_CELL.match(_flat(r[index]) if index < len(r) else "")) for r in labelled.rows)
    return blank * 2 > len(labelled.rows)


NUMBER_CELL = re.compile(r"^[-+]?\d+(\.\d+)?\s*[%％]?$")


def _figures_as_text(labelled: LabelledTable) -> str:
    """The header of a task table's 内容/要求 column that holds only figures (「考核目标」 of a sheet of
    readings: 「35」「58」): the table is one of figures, not of tasks ("" if none)."""
    if labelled.kind != "tasks":
        return ""
    worded = []  # the task columns that hold words (a 工作要求, a 完成时限, a 牵头单位): a task table after all
    figures = ""
    for column in labelled.columns:
        if column.role not in ("content", "requirement", "progress", "deadline", "lead", "responsible"):
            continue
        cells = [_flat(r[column.index]) for r in labelled.rows if column.index < len(r)]
        filled = [c for c in cells if not PLACEHOLDER_CELL.match(c)]
        if filled and all(NUMBER_CELL.match(c) for c in filled):
            figures = figures or column.header
        elif filled:
            worded.append(column.header)
    return "" if worded else figures


def _rates_by_content(columns: list[Column], rows: list[list[str]]) -> list[Column]:
    """A 「完成进度」 column of percents (「77.5%」「—」) beside the progress text is the rate, not the progress."""
    progress = [c for c in columns if c.role == "progress"]
    candidates = [c for c in columns if c.role in ("progress", "other") and re.search(r"进度|完成|比例", c.header)]
    if not progress or any(c.role == "rate" for c in columns):
        return columns

    def percents(column: Column) -> bool:
        cells = [_flat(r[column.index]) for r in rows if column.index < len(r)]
        filled = [c for c in cells if c and c not in ("—", "-", "/", "——")]
        return bool(filled) and all(re.fullmatch(r"\d+(\.\d+)?\s*[%％]", c) for c in filled)

    rates = [c for c in candidates if percents(c)]
    if len(rates) != 1 or (rates[0] in progress and len(progress) < 2):
        return columns  # the only progress column stays the progress, whatever it holds
    return [Column(c.index, c.header, "rate", c.year) if c is rates[0] else c for c in columns]


ITEM_NUMBER = re.compile(r"[（(]\s*\d{1,2}\s*[）)]")


def _status_by_content(columns: list[Column], rows: list[list[str]]) -> list[Column]:
    """A column of no known header whose every cell is a short verdict (「序时推进」「偏慢」「滞后」), in at
    least two kinds, is the table's status column; so is the first of two progress columns when it holds only
    verdicts (「完成进度：滞后」 beside 「进展情况：已复核780张」)."""
    if any(c.role == "status" for c in columns) or len(rows) < 3:
        return columns

    def verdicts(column: Column) -> bool:
        cells = [_flat(r[column.index]) for r in rows if column.index < len(r)]
        filled = [c for c in cells if not PLACEHOLDER_CELL.match(c)]
        # 「（1）滞后序时（2）序时推进」: a verdict per sub-item
        statuses = [column_status(part) for c in filled for part in ITEM_NUMBER.split(c) if part.strip()]
        return len(filled) * 2 > len(cells) and "unknown" not in statuses and len(set(statuses)) > 1

    # a second progress column was demoted to other (`_assign_roles`): if the first holds verdicts, the second
    # is the progress text
    second = next((c for c in columns if c.role == "other" and role_of(c.header)[0] == "progress"), None)
    roles = ("other", "progress") if second else ("other",)
    found = next((c for c in columns if c.role in roles and verdicts(c)), None)
    progress = second if found is not None and found.role == "progress" else None
    return [
        Column(c.index, c.header, "status" if c is found else "progress" if c is progress else c.role, c.year)
        for c in columns
    ]


def _is_sub_header(row: list[str]) -> bool:
    filled = [_flat(c) for c in row if c.strip()]
    return bool(filled) and len(filled) <= len(row) // 2 and all(SUB_HEADER.match(c) for c in filled)


def _merge_sub_header(headers: list[str], sub: list[str]) -> list[str]:
    """形象进度安排 over 一季度…四季度: the parent spans as many columns as the sub-row adds."""
    first = next(i for i, c in enumerate(sub) if c)
    span = len(sub) - len(headers) + 1
    merged = headers[:first]
    merged += [f"{headers[first]}·{sub[first + k]}" if sub[first + k] else headers[first] for k in range(span)]
    merged += headers[first + 1 :]
    return merged


def _is_nested_header(header: list[str], row: list[str]) -> bool:
    """Whether `row` is the lower level of a two-level header: no figures in it, and under a
    parent spanning two or more columns (merged: repeated, or empty to its right) it names
    different sub-columns."""
    if len(row) != len(header) or any(re.fullmatch(r"[-+.\d%]+", c) for c in row if c):
        return False
    if any(len(row[j]) > 20 and not _sub_column_name(header, row, j) for j in range(len(row)) if row[j] != header[j]):
        return False  # merged down: the header's own
    for j in range(1, len(header)):
        spans = header[j] == header[j - 1] or (not header[j] and header[j - 1])
        if header[j - 1] and spans and row[j] and row[j - 1] and row[j] != row[j - 1]:
            return True
    return False


LONG_SUB_COLUMN = 40  # a sub-column's name is no longer than this


def _sub_column_name(header: list[str], row: list[str], j: int) -> bool:
    """A long sub-column name (「县级及以上集中式饮用水水源地水质达标率（%）」) under a parent of its own, in a row
    whose first cell is the header's merged down (「县区」 over 「县区」), not a sentence."""
    cell = row[j]
    return (bool(header[j]) and row[0] == header[0] and len(cell) <= LONG_SUB_COLUMN
            and not re.search(r"[。；;，,：:、]", cell))  # fmt: skip


def _join_headers(header: list[str], row: list[str]) -> list[str]:
    """「指标值·2020年现状值」: the parent and the sub-column; a column merged down keeps its name."""
    joined, parent = [], ""
    for top, sub in zip(header, row, strict=True):
        parent = top or parent
        joined.append(parent if sub in ("", parent) else f"{parent}·{sub}")
    return joined


def _assign_roles(headers: list[str]) -> list[Column]:
    columns = []
    for i, header in enumerate(headers):
        last = header.rsplit("·", 1)[-1]
        if SUB_HEADER.match(last):
            columns.append(Column(i, header, "milestones"))
        else:
            # a sub-column names its role more precisely than its parent (「指标值·2025年目标值」); the
            # parent may name its year (「2025年·目标值」)
            role, year = role_of(last)
            parent = role_of(header.rsplit("·", 1)[0])[0] if "·" in header else ""
            # 「指标值·2025年1-10月」 (not 「目标值·1-9月」, a target's, nor 「完成值·1-9月」, already a current value)
            # 「2025年1-9月」 beside 2020年 and 2024年 columns too
            period = PERIOD_SUB_HEADER.match(header_key(last))
            if role == "other" and period and (parent in ("standard", "other") or (not parent and period.group(1))):
                role = "current"  # the value reached so far, not the 指标值 planned
                stated = re.match(r"(20\d\d)年", header_key(last))
                year = int(stated.group(1)) if stated else None
            elif role == "other" and not (FIGURE_SUB_HEADER.search(last) and role_of(header)[0] in ("task", "name")):
                # a group's word over figures (「量化指标·1-9月完成」) never names the row
                role, year = role_of(header)
            elif year is None:
                stated = re.search(r"(20\d\d)\s*年", header_key(header))
                year = int(stated.group(1)) if stated else None
            columns.append(Column(i, header, role, year))
    roles = [c.role for c in columns]
    # 「主要任务」 beside a 「内容」 column is the section a task belongs to
    if roles.count("task") > 1:
        first_task = roles.index("task")
        columns[first_task] = Column(first_task, columns[first_task].header, "category", columns[first_task].year)
    # 目标值 with a year and plain year columns are both targets; keep the first "target" only
    seen: set[str] = set()
    unique = []
    for c in columns:
        if c.role in seen and c.role not in ("year", "other", "milestones"):
            unique.append(Column(c.index, c.header, "other", c.year))
        else:
            unique.append(c)
            seen.add(c.role)
    return unique


def _table_kind(columns: list[Column]) -> str | None:
    roles = {c.role for c in columns}
    indicator_roles = {"unit", "standard", "target", "current", "baseline", "stated", "attribute", "year"}
    # a plan's indicators with 现状/目标/属性 columns, even beside a 「2023年进展」 column (a mid-term review)
    # a 完成率 beside a 推进状态 is a progress table's even without a progress text (「量化指标·1-9月完成」 is a figure)
    progressing = "progress" in roles or {"rate", "status"} <= roles
    indicators = "task" in roles and len(roles & indicator_roles) >= (3 if progressing else 2)
    if progressing and ("task" in roles or "region" in roles) and not (indicators and "region" not in roles):
        return "progress"
    if indicators:
        return "indicators"
    if "task" in roles and roles & {"deadline", "lead", "requirement", "content", "points"}:
        return "tasks"
    return None


def _review_columns(columns: list[Column]) -> list[Column]:
    """A mid-term review's 「2023年进展」 after 「2020年现状」: the later figure is the current value, the
    earlier one a year's value (「2020年是多少」 still reads it)."""
    progress = next((c for c in columns if c.role == "progress" and c.year), None)
    current = next((c for c in columns if c.role == "current"), None)
    if progress is None or (current is not None and (current.year or 0) >= progress.year):
        return columns
    renamed = {progress.index: "current"} | ({current.index: "year"} if current is not None and current.year else {})
    return [Column(c.index, c.header, renamed.get(c.index, c.role), c.year) for c in columns]


def _indicator_name_column(columns: list[Column]) -> list[Column]:
    return [Column(c.index, c.header, "name", c.year) if c.role == "task" else c for c in columns]


# -- alignment -------------------------------------------------------------------------------


def _cell_features(text: str) -> tuple[float, float, float, float]:
    flat = _flat(text)
    return (
        math.log1p(len(flat)),
        1.0 if re.fullmatch(r"\d{1,3}", flat) else 0.0,
        1.0 if re.search(r"20\d\d[年.]|月底|日前|季度", flat) and len(flat) < 20 else 0.0,
        1.0 if not flat else 0.0,
    )


def _profiles(rows: list[list[str]], width: int) -> list[tuple[float, ...]]:
    full = [r for r in rows if len(r) == width] or rows
    profiles = []
    for i in range(width):
        feats = [_cell_features(r[i]) for r in full if i < len(r)]
        profiles.append(tuple(sum(f[k] for f in feats) / len(feats) for k in range(4)) if feats else (0, 0, 0, 1))
    return profiles


def _distance(text: str, profile: tuple[float, ...]) -> float:
    f = _cell_features(text)
    return abs(f[0] - profile[0]) + 3 * abs(f[1] - profile[1]) + 3 * abs(f[2] - profile[2]) + abs(f[3] - profile[3])


def _align_rows(labelled: LabelledTable, rows: list[list[str]]) -> list[list[str]]:
    width = len(labelled.columns)
    profiles = _profiles(rows, width)
    aligned = []
    for n, row in enumerate(rows, start=1):
        if len(row) == width:
            aligned.append(list(row))
        elif len(row) < width:
            aligned.append(_fill_gaps(row, width, profiles))
        elif labelled.kind == "indicators" and len(row) == width + 1 and labelled.role_index("name") is not None:
            # a sub-indicator splits the name column: (parent, name)
            k = labelled.role_index("name")
            parent, name = row[k], row[k + 1]
            aligned.append([*row[:k], f"{parent}\n{name}" if parent else f"\n{name}", *row[k + 2 :]])
        else:
            labelled.warnings.append(
                f"{labelled.document.doc_id} {labelled.label} 第{n}行有 {len(row)} 个单元格，表头只有 {width} 列，多出的内容并入末列"
            )
            aligned.append([*row[: width - 1], "\n".join(c for c in row[width - 1 :] if c)])
    return aligned


def _fill_gaps(row: list[str], width: int, profiles: list[tuple[float, ...]]) -> list[str]:
    """Put a short row's cells where they fit best; a gap takes its right neighbour's value."""
    missing = width - len(row)
    best, best_cost = None, math.inf
    for gaps in itertools.combinations(range(width), missing):
        cells = iter(row)
        placed = [None if i in gaps else next(cells) for i in range(width)]
        cost = sum(_distance(c, profiles[i]) for i, c in enumerate(placed) if c is not None)
        if cost < best_cost:
            best, best_cost = placed, cost
    assert best is not None
    for i in reversed(range(width)):
        if best[i] is None:
            best[i] = best[i + 1] if i + 1 < width and best[i + 1] is not None else (best[i - 1] or "")
    return [c or "" for c in best]


# -- carry-down --------------------------------------------------------------------------------

ALWAYS_CARRIED = ("region", "domain", "category", "task", "name")
# a cell that makes its row a sum of the rows above (「小计」「合计」), not one more item of theirs
# 「一、大气污染防治类」「（二）水污染防治」: a section heading over the rows under it
SECTION_MARK = re.compile(r"^\s*([一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])\s*")
TOTAL_CELL = re.compile(
    r"^\s*[\u4e00-\u9fff（）()、]{0,14}?(小\s*计|合\s*计|总\s*计)\s*([（(][^）)]*[）)])?\s*$"
)  # 「海丰县小计」「合计（9个项目）」「县（市）小计」


def section_of(row: list[str]) -> str:
    """The name of a section row, one text across it (「一、大气污染防治类」 → 「大气污染防治类」), or ""."""
    filled = {re.sub(r"\s*\n\s*", "", c).strip() for c in row if c.strip()}
    text = filled.pop() if len(filled) == 1 else ""
    return SECTION_MARK.sub("", text) if SECTION_MARK.match(text) else ""


def _carry_down(labelled: LabelledTable, rows: list[list[str]]) -> list[list[str]]:
    """Fill cells that merged vertically.

    Grouping columns (区域, 领域, 类别, task names) are carried into every empty cell
    below them. In tables numbered by 序号, a row without a number is a sub-row of the
    numbered row above it and inherits all of its empty cells.
    """
    seq = labelled.role_index("seq")
    carried = [c.index for c in labelled.columns if c.role in ALWAYS_CARRIED]
    filled: list[list[str]] = []
    for row in rows:
        row = list(row)
        previous = filled[-1] if filled else None
        if previous is not None:
            is_sub_row = seq is not None and not row[seq].strip() and not any(TOTAL_CELL.match(c) for c in row)
            for i, cell in enumerate(row):
                if not cell.strip() and (i in carried or is_sub_row):
                    row[i] = _carry_value(labelled, i, previous[i])
                elif cell.startswith("\n") and labelled.columns[i].role == "name":
                    row[i] = previous[i].split("\n", 1)[0] + cell  # a sub-indicator under the same parent
        filled.append(row)
    return filled


def _carry_value(labelled: LabelledTable, index: int, above: str) -> str:
    # a sub-indicator's name cell is 「parent\nname」; below it, the parent carries, not the name
    if labelled.columns[index].role == "name" and "\n" in above:
        return above.split("\n", 1)[0] + "\n"
    return above


# -- helpers ------------------------------------------------------------------------------------


def table_label(document: Document, table: Table) -> str:
    """「表1」, 「附件1」 … the name a reader would use for this table."""
    numbered = re.match(r"^\s*(表\s*\d+)(?!\d)", table.caption or "")  # 「表1　2025年…」 is 表1, not 表12025
    caption = header_key(table.caption)
    if numbered:
        return header_key(numbered.group(1))
    annex = next((h for h in reversed(table.heading_path) if re.match(r"^附件\s*\d+$", h)), None)
    if annex:
        return header_key(annex)
    if caption:
        for block in document.blocks:
            flat = header_key(block.text)
            mention = re.search(r"附件[:：]?\s*(\d+)[.．、]?" + re.escape(caption[:12]), flat)
            if mention:
                return f"附件{mention.group(1)}"
    return f"表{table.index}" if len(document.tables) > 1 else "表"


def join_cells(pairs: list[tuple[str, str]]) -> str:
    """「列名：值；列名：值」 over the filled cells, without doubling a cell's own end mark."""
    parts: list[str] = []
    for label, value in pairs:
        if not value:
            continue
        if parts and not parts[-1].endswith(("。", "；", "！", "？", ";", "!", "?")):
            parts.append("；")
        parts.append(f"{label}：{value}" if label else value)
    return "".join(parts)


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text).strip()


def _clean(cell: str) -> str:
    """A cell's lines joined: vertical text (「生\n态\n制\n度」) without breaks, other lines with one."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    if len(lines) > 1 and all(len(line) <= 2 for line in lines):
        return "".join(lines)
    return "\n".join(lines)
