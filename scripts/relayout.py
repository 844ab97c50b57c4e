"""Rewrite a folder of policy files in the other office format, as another bureau would have saved them:
each .xlsx sheet as a Word table (title rows above it as paragraphs, merged cells merged, numbers as the
cell shows them) and each .docx of few paragraphs as a workbook (one sheet per table, the two lines
above it as merged title rows). `--rename` also renames header words (完成情况 → 工作进展, 执行率 → 支出进度 …).

The questions of a set should get the same answers from the rewritten files: a layout probe, not a
test set. Usage:

    python scripts/relayout.py evals/newdocs/shanwei/files /tmp/shanwei-x [--rename]
    POLICY_DATA_DIR=/tmp/d policy-assistant ingest && POLICY_DATA_DIR=/tmp/d policy-assistant ingest /tmp/shanwei-x
    POLICY_DATA_DIR=/tmp/d policy-assistant eval evals/newdocs/shanwei/cases.jsonl --out /tmp/out
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import docx
import openpyxl
from docx.table import Table

RENAME = {"完成情况": "工作进展", "进展情况": "推进情况", "区域": "责任地区", "执行率": "支出进度", "目标值": "目标",
          "考核目标": "年度目标", "牵头单位": "责任单位", "序号": "编号"}  # fmt: skip
HEADER_ROWS = 3  # the rows of a table whose words `--rename` renames
MAX_PARAGRAPHS = 5  # a Word file with more text than this is a report, kept as it is


def shown(cell) -> str:
    """A cell's value as the sheet shows it (0.63 formatted 0% is 「63%」, 3200 formatted #,##0.00 is 「3,200.00」)."""
    value, fmt = cell.value, cell.number_format or "General"
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)
    places = len(m.group(1)) if (m := re.search(r"0\.(0+)", fmt)) else 0
    if "%" in fmt:
        return f"{value * 100:.{places}f}%"
    if places:
        return f"{value:,.{places}f}" if "," in fmt else f"{value:.{places}f}"
    return str(int(value)) if float(value).is_integer() else str(value)


def xlsx_to_docx(source: Path, target: Path, renaming: bool) -> None:
    book, word = openpyxl.load_workbook(source), docx.Document()
    for sheet in book.worksheets:
        rows, columns = sheet.max_row, sheet.max_column
        spans = {(r.min_row, r.min_col): (r.max_row, r.max_col) for r in sheet.merged_cells.ranges}
        covered = {(i, j) for (r, c), (r2, c2) in spans.items() for i in range(r, r2 + 1) for j in range(c, c2 + 1)}
        covered -= set(spans)

        top, bottom = 1, rows
        while top <= rows and lone(sheet, top):
            word.add_paragraph(lone(sheet, top))
            top += 1
        while bottom > top and lone(sheet, bottom):
            bottom -= 1
        table = word.add_table(rows=bottom - top + 1, cols=columns)
        table.style = "Table Grid"
        for r in range(top, bottom + 1):
            for c in range(1, columns + 1):
                if (r, c) not in covered:
                    text = shown(sheet.cell(r, c))
                    table.cell(r - top, c - 1).text = rename(text) if renaming and r - top < HEADER_ROWS else text
        for (r, c), (r2, c2) in spans.items():
            if top <= r <= bottom and (min(r2, bottom), c2) != (r, c):
                text = table.cell(r - top, c - 1).text
                table.cell(r - top, c - 1).merge(table.cell(min(r2, bottom) - top, c2 - 1)).text = text
        for r in range(bottom + 1, rows + 1):
            if lone(sheet, r):
                word.add_paragraph(lone(sheet, r))
    word.save(target.with_suffix(".docx"))


def lone(sheet, row: int) -> str:
    """The text of a row with one filled cell (a title or a note), else ""."""
    filled = [shown(c) for c in sheet[row] if c.value is not None]
    return filled[0] if len(filled) == 1 and sheet.max_column > 1 else ""


def docx_to_xlsx(source: Path, target: Path, renaming: bool) -> None:
    document, book = docx.Document(source), openpyxl.Workbook()
    book.remove(book.active)
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")).strip()
            lines += [text] if text else []
        elif element.tag.endswith("}tbl"):
            sheet = book.create_sheet(f"表{len(book.worksheets) + 1}")
            grid = [list(row.cells) for row in Table(element, document).rows]
            width = max(len(row) for row in grid)
            for n, text in enumerate(lines[-2:], start=1):
                sheet.cell(n, 1, text)
                sheet.merge_cells(start_row=n, start_column=1, end_row=n, end_column=width)
            start, lines = len(lines[-2:]) + 1, []
            spans: dict[int, list[int]] = {}
            for i, row in enumerate(grid):
                for j, cell in enumerate(row):
                    if id(cell._tc) in spans:
                        spans[id(cell._tc)][2:] = [i, j]
                        continue
                    spans[id(cell._tc)] = [i, j, i, j]
                    text = rename(cell.text) if renaming and i < HEADER_ROWS else cell.text
                    target_cell = sheet.cell(start + i, j + 1)
                    target_cell.value = number(text) if i else text
                    if i and isinstance(target_cell.value, float):
                        target_cell.number_format = "0." + "0" * len(text.strip().split(".")[1])
            for i, j, i2, j2 in spans.values():
                if (i2, j2) != (i, j):
                    sheet.merge_cells(start_row=start + i, start_column=j + 1, end_row=start + i2, end_column=j2 + 1)
    book.save(target.with_suffix(".xlsx"))


def number(text: str):
    t = text.strip()
    if re.fullmatch(r"-?\d+", t):
        return int(t)
    return float(t) if re.fullmatch(r"-?\d+\.\d+", t) else text


def rename(text: str) -> str:
    for old, new in RENAME.items():
        text = text.replace(old, new)
    return text


def main() -> None:
    source, target, renaming = Path(sys.argv[1]), Path(sys.argv[2]), "--rename" in sys.argv
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.suffix == ".xlsx":
            xlsx_to_docx(path, target / path.name, renaming)
        elif (
            path.suffix == ".docx"
            and sum(bool(p.text.strip()) for p in docx.Document(path).paragraphs) <= MAX_PARAGRAPHS
        ):
            docx_to_xlsx(path, target / path.name, renaming)
        else:
            shutil.copy(path, target / path.name)
    print("\n".join(sorted(p.name for p in target.iterdir())))


if __name__ == "__main__":
    main()
