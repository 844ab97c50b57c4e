"""Read Word (.docx) and Excel (.xlsx) files into the common assembler.

Merged cells are resolved to their spans: every grid cell a merge covers holds the merged
text, across (a header 「指标值」 over two columns) and down (a 区域 over four rows), so
multi-row headers join into hierarchical names and rows keep their group. A spreadsheet's
title rows above its header become the table's caption and its note rows below (「注：…」)
its notes; both stay readable as text. Numbers read as typed: 92.5, not 92.49999; 0.00001,
not 1e-05; 45.2% where the cell is formatted as a percentage.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from corpus.assembler import TABLE_META_LINE, DocumentAssembler, captioned
from corpus.glossary import STATED_UNIT

# 「浓度单位：微克/立方米」 (a unit after it, not 「填报单位：…局」)
NAMED_UNIT = re.compile(r"[\u4e00-\u9fff]{2,8}单位\s*[：:]\s*([微毫]?克|[万亿]?元|万?吨|%|[^\s/：:，,]{1,6}/)")
META_CELL = re.compile(r"^[^\d：:]{2,8}[：:]")  # 「填报单位：清远市生态环境局」, 「统计时间：2024年7月10日」
# a caption row's table number (「表一  进度滞后任务清单」, beside 「市…指挥部办公室  2051年10月9日」): no column name
CAPTION_CELL = re.compile(r"^附?表\s*[一二三四五六七八九十\d]+(?![\d.])")
NOTE_ROW = re.compile(
    r"^\s*(注|说明|备注|数据来源|资料来源|填表说明)\s*[0-9一二三四五六七八九十]*\s*[:：.、]|^\s*本文件为"
)


def read_docx(path: Path) -> DocumentAssembler:
    import docx  # python-docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    doc = DocumentAssembler()
    for n, element in enumerate(document.element.body.iterchildren(), start=1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            doc.add_line(paragraph.text, line_no=n, heading_level=_heading_level(paragraph))
        elif tag == "tbl":
            _add_grid(doc, _docx_grid(DocxTable(element, document)))
    return doc.finish()


def _heading_level(paragraph) -> int:
    """A Word heading style (「Heading 2」「标题 2」), or a numbered list paragraph short enough to
    be a heading (its level from the list level)."""
    match = re.match(r"^(Heading|标题)\s*(\d)", paragraph.style.name or "")
    if match:
        return int(match.group(2))
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    text = paragraph.text.strip()
    if numbered and text and len(text) <= 30 and not text.endswith(("。", "；", ";")):
        level = paragraph._p.pPr.numPr.ilvl
        return 2 + (int(level.val) if level is not None else 0)
    return 0


def _docx_grid(table) -> list[list[str]]:
    """The table's grid with every merged cell's text in each grid cell it spans (python-docx
    gives a spanned or vertically continued grid cell the merge's own cell)."""
    return [[cell.text.strip() for cell in row.cells] for row in table.rows]


def read_xlsx(path: Path) -> DocumentAssembler:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), data_only=True)
    doc = DocumentAssembler()
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        grid = _sheet_grid(sheet)
        if not grid:
            continue
        if all(sum(bool(c.strip()) for c in row) <= 1 for row in grid):  # a 填报说明 sheet: lines of text
            for row in grid:
                doc.add_line(next(c for c in row if c.strip()), whole=True)
            continue
        _add_grid(doc, grid, sheet.title)
    return doc.finish()


def _add_grid(doc: DocumentAssembler, grid: list[list[str]], sheet: str = "") -> None:
    """A sheet's or a Word table's grid: title rows merged across it above the header are its caption (else a
    sheet's name, or a Word table's line before it), note rows under it its notes."""
    titles, body, notes = _split_sheet(grid)
    for line in titles:
        doc.add_line(line, whole=True)
    # the title, not the 填报单位 or 「（截至…）」 line under it
    # (a table's number names it, not the office and date beside it: 「表一 …清单　市…办公室 2051年10月9日」)
    unsigned = [next((p for p in t.split("　") if CAPTION_CELL.match(p)), "") or t for t in titles]
    named = [t for t in unsigned if t and not META_CELL.match(t) and not TABLE_META_LINE.match(t)]
    # (a 「单位：万元　统计截至：…」 row alone names nothing: the sheet's name, or the Word table's line before it)
    caption = captioned(named[-1] if named else sheet, titles) or None
    # 「单位：微克/立方米」「浓度单位：…」 under the title states the unit of the sheet's figures: a note of the table
    stated = [t for t in titles if (STATED_UNIT.search(t) or NAMED_UNIT.search(t)) and t != caption]
    if body:
        lines = list(range(len(titles) + 1, len(titles) + len(body) + 1)) if sheet else None
        doc.add_table(body, lines, caption=caption, notes=[*stated, *notes], sheet=sheet)
    for line in notes:
        doc.add_line(line, whole=True)


def _sheet_grid(sheet) -> list[list[str]]:
    grid = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:  # the top-left cell holds the text of the whole range
        value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                grid[r][c] = value
    grid = [row for row in grid if any(row)]
    width = max((len(r) for r in grid), default=0)
    while width and not any(len(r) >= width and r[width - 1] for r in grid):
        width -= 1
    return [r[:width] for r in grid]


def _split_sheet(grid: list[list[str]]) -> tuple[list[str], list[list[str]], list[str]]:
    """(title lines above the header, the table, note lines below it): a title or note row holds
    one text (in one cell, or merged across the row)."""

    def single(row: list[str]) -> str:
        """A row of one text, or of a few 「填报单位：…」「统计时间：…」 labels (each merged across its part)."""
        filled = list(dict.fromkeys(c for c in row if c))
        # 「单位：万元」「截至9月30日」; or 「表一 …清单」 with its office and date beside it (a date alone over columns
        # is an upper header: 「2053年9月30日」 over 累计投资 | 完成率)
        labels = all(META_CELL.match(c) or TABLE_META_LINE.match(c) for c in filled) or any(
            CAPTION_CELL.match(c) for c in filled
        )
        if len(row) > 1 and (len(filled) == 1 or (len(filled) <= 3 and labels)):
            return "　".join(filled)
        return ""

    titles, notes = [], []
    while grid and single(grid[0]):
        titles.append(single(grid[0]))
        grid = grid[1:]
    while grid and (single(grid[-1]) or NOTE_ROW.match(next((c for c in grid[-1] if c), ""))):
        notes.insert(0, single(grid[-1]) or " ".join(c for c in grid[-1] if c))
        grid = grid[:-1]
    return titles, grid, notes


FIXED_PLACES = re.compile(r"0\.(0+)")  # 「0.0%」「#,##0.00」: the decimals a cell shows
# Decimals beyond those shown that mark a computed figure, not one typed (「46.96%」 typed into 「0.0%」 stays)
COMPUTED_DIGITS = 3


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        shown = (cell.number_format or "").split(";")[0]  # the format of positive numbers
        places = FIXED_PLACES.search(shown)
        if "%" in shown:
            return f"{_padded(_number(round(value * 100, 10)), places)}%"
        return _padded(_number(value), places)
    return str(value).strip()


def _padded(text: str, places: re.Match | None) -> str:
    """「96」 of a cell formatted 「0.0%」 as it shows, 「96.0」; never fewer digits than the value has."""
    if places is None:
        return text
    have = len(text.partition(".")[2])
    wanted = len(places.group(1))
    if have >= wanted + COMPUTED_DIGITS:  # a formula's ratio (「46.9584…%」 shown 「47.0%」): as the sheet shows it
        return str(Decimal(text).quantize(Decimal(1).scaleb(-wanted), rounding=ROUND_HALF_UP))
    return text if have >= wanted else f"{text}{'' if have else '.'}{'0' * (wanted - have)}"


def _number(value: float) -> str:
    """A number as typed: the shortest decimal that reads back as it, never in exponent form."""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"
