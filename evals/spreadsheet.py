"""Eval cases written in Excel: a header row in Chinese, then one case a row.

Evaluators write cases in a spreadsheet rather than in JSON; this reads such a workbook into the
same `Case` objects a .jsonl set gives (format: `evals/datasets/README.md`).

| 编号 | 题型 | 问题 | 对话历史 | 路由 | 应包含 | 应包含其一 | 不应包含 | 引文应包含 |
|---|---|---|---|---|---|---|---|---|
| | | 哪些区县PM10未达标？ | | structured | 蓬江区；江海区 | 未达\\|超标 | 台山市 | |

>>> load_sheet(Path("我的用例.xlsx"))[0].id  # doctest: +SKIP
'x001'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

from evals.cases import KINDS, ROUTES, Case, DatasetError

SHEET_SUFFIXES = (".xlsx", ".xlsm")
# header → the Case field or `expect` key it fills
COLUMNS = {
    "编号": "id",
    "题型": "kind",
    "问题": "question",
    "对话历史": "history",
    "路由": "route",
    "应包含": "answer_contains",
    "应包含其一": "answer_contains_any",
    "不应包含": "answer_excludes",
    "引文应包含": "citation_contains",
}
NOTES = "备注"  # a column evaluators may keep for themselves; never read
ROUTE_NAMES = {
    **{route: route for route in ROUTES},
    "表格": "structured",
    "检索": "retrieval",
    "表格+措施": "mixed",
    "混合": "mixed",
    "拒答": "refusal",
}
KIND_NAMES = {
    **{kind: kind for kind in KINDS},
    "表格题": "structured",
    "检索题": "retrieval",
    "拒答题": "refusal",
    "追问": "followup",
    "追问题": "followup",
}
GENERATED_ID = "x{:03d}"
# 「；」 and 「;」 are one character once width is folded, as matching folds it (DESIGN §5)
ITEM_SEPARATOR = re.compile(r"[；;\r\n]+")
ALTERNATIVE_SEPARATOR = re.compile(r"[|｜]")
SPEAKER = re.compile(r"^\s*(用户|助手)\s*[：:]\s*")
ROLES = {"用户": "user", "助手": "assistant"}


def load_sheet(path: Path) -> list[Case]:
    """The cases of the first worksheet whose header row has a 「问题」 column.

    A malformed sheet is a `DatasetError` naming the file, the sheet and the row."""
    import openpyxl  # only eval runs on a workbook pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DatasetError(f"无法读取 Excel 文件 {path.name}：{exc}（应为 .xlsx 工作簿）") from exc
    try:
        sheets = [(sheet, _rows(sheet)) for sheet in workbook.worksheets]
    finally:
        workbook.close()
    for sheet, rows in sheets:
        header = _header(rows)
        if header is not None and "问题" in {_header_name(c) for c in header[1]}:
            return _cases(path.name, sheet.title, rows, header)
    if not sheets:
        raise DatasetError(f"{path.name}：工作簿中没有工作表")
    first_title, first_rows = sheets[0][0].title, sheets[0][1]
    header = _header(first_rows)
    if header is None:
        raise DatasetError(f"{path.name} 工作表「{first_title}」是空的：第一行应为表头，且含「问题」列")
    also = f"（共查看 {len(sheets)} 个工作表：{'、'.join(s.title for s, _ in sheets)}）" if len(sheets) > 1 else ""
    raise DatasetError(
        f"{path.name} 工作表「{first_title}」第 {header[0]} 行（表头）缺少「问题」列{also}；表头应含：{'、'.join(COLUMNS)}"
    )


def _rows(sheet) -> list[tuple[int, list[str]]]:
    """(row number, cell texts) of every row, read while the workbook is open."""
    return [(number, [_text(cell) for cell in row]) for number, row in enumerate(sheet.iter_rows(min_row=1), start=1)]


def _header(rows: list[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    """The first row with any text: the header."""
    return next(((number, cells) for number, cells in rows if any(cells)), None)


def _header_name(cell: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell))


def _cases(file: str, title: str, rows: list[tuple[int, list[str]]], header: tuple[int, list[str]]) -> list[Case]:
    header_row, names = header
    columns: dict[str, int] = {}
    for index, raw in enumerate(names):
        name = _header_name(raw)
        if not name or name.startswith(NOTES):
            continue
        if name not in COLUMNS:
            raise DatasetError(
                f"{file} 工作表「{title}」第 {header_row} 行（表头）：「{raw}」不是已知的列；"
                f"已知的列：{'、'.join(COLUMNS)}（不参与评测的说明请写在「{NOTES}」列）"
            )
        if name in columns:
            raise DatasetError(f"{file} 工作表「{title}」第 {header_row} 行（表头）：「{name}」列出现了两次")
        columns[name] = index

    cases: list[Case] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        if number <= header_row:
            continue
        row = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        if not any(row.values()):
            continue
        where = f"{file} 工作表「{title}」第 {number} 行"
        try:
            case = _case(row, GENERATED_ID.format(len(cases) + 1))
        except ValueError as exc:
            raise DatasetError(f"{where}：{exc}") from exc
        if case.id in seen:
            raise DatasetError(f"{where}：编号「{case.id}」与第 {seen[case.id]} 行重复")
        seen[case.id] = number
        cases.append(case)
    return cases


def _case(row: dict[str, str], generated_id: str) -> Case:
    """One row as a Case; a bad cell is a ValueError saying which and why."""
    if not row.get("问题"):
        raise ValueError("「问题」为空")
    expect: dict = {}
    if row.get("路由"):
        route = ROUTE_NAMES.get(_word(row["路由"]))
        if route is None:
            raise ValueError(f"路由「{row['路由']}」无法识别，应为：{'、'.join(ROUTE_NAMES)} 之一")
        expect["route"] = route
    for column in ("应包含", "不应包含", "引文应包含"):
        if items := _items(row.get(column, "")):
            expect[COLUMNS[column]] = items
    if groups := _groups(row.get("应包含其一", "")):
        expect["answer_contains_any"] = groups
    history = _history(row.get("对话历史", ""))
    kind = _kind(row.get("题型", ""), history, expect.get("route"))
    return Case(id=row.get("编号") or generated_id, kind=kind, question=row["问题"], history=history, expect=expect)


def _word(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _kind(text: str, history: list[dict], route: str | None) -> str:
    """The 题型 as written, or, left empty, what the row implies: a follow-up when it has a history,
    else the kind of its route (mixed answers are table questions)."""
    if text:
        kind = KIND_NAMES.get(_word(text))
        if kind is None:
            raise ValueError(f"题型「{text}」无法识别，应为：{'、'.join(KIND_NAMES)} 之一")
        return kind
    if history:
        return "followup"
    return {"structured": "structured", "mixed": "structured", "retrieval": "retrieval", "refusal": "refusal"}.get(
        route or "", ""
    )


def _items(text: str) -> list[str]:
    return [item.strip() for item in ITEM_SEPARATOR.split(text) if item.strip()]


def _groups(text: str) -> list[list[str]]:
    groups = [[a.strip() for a in ALTERNATIVE_SEPARATOR.split(item) if a.strip()] for item in _items(text)]
    return [group for group in groups if group]


def _history(text: str) -> list[dict]:
    """「用户：…」「助手：…」 lines as messages; a line without a speaker continues the message above."""
    messages: list[dict] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        speaker = SPEAKER.match(line)
        if speaker:
            messages.append({"role": ROLES[speaker.group(1)], "content": line[speaker.end() :].strip()})
        elif messages:
            messages[-1]["content"] += "\n" + line.strip()
        else:
            raise ValueError(f"「对话历史」第 {number} 行应以「用户：」或「助手：」开头：{line.strip()}")
    for message in messages:
        if not message["content"]:
            raise ValueError("「对话历史」中有一条空消息")
    return messages


def _text(cell) -> str:
    """A cell as the text the evaluator typed: 24 not 24.0, a cell shown as 9.25% as 「9.25%」."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if "%" in (getattr(cell, "number_format", "") or ""):
            return _number(value * 100) + "%"
        return _number(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


def _number(value: float) -> str:
    value = round(float(value), 10)  # 0.0925 × 100 is 9.250000000000002
    return str(int(value)) if value.is_integer() else repr(value)
