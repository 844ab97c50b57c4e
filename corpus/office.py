"""Read Word (.docx) and Excel (.xlsx) files into the common assembler.

Merged cells come out as empty cells after the first, as in the text exports, so that
`structured/` carries values down (or across) the same way for every format.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from corpus.assembler import DocumentAssembler


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
            doc.add_line(paragraph.text, line_no=n, heading_level=_heading_level(paragraph.style.name))
        elif tag == "tbl":
            doc.add_table(_docx_grid(DocxTable(element, document)))
    return doc.finish()


def _heading_level(style_name: str | None) -> int:
    match = re.match(r"^(Heading|标题)\s*(\d)", style_name or "")
    return int(match.group(2)) if match else 0


def _docx_grid(table) -> list[list[str]]:
    rows: list[list[str]] = []
    above: list = []
    for row in table.rows:
        cells = row.cells
        texts = []
        for col, cell in enumerate(cells):
            merged_left = col > 0 and cells[col - 1]._tc is cell._tc
            merged_up = col < len(above) and above[col]._tc is cell._tc
            texts.append("" if merged_left or merged_up else cell.text.strip())
        rows.append(texts)
        above = cells
    return rows


def read_xlsx(path: Path) -> DocumentAssembler:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), data_only=True)
    doc = DocumentAssembler()
    for sheet in workbook.worksheets:
        grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        grid = [row for row in grid if any(row)]
        if not grid:
            continue
        width = max(len(r) for r in grid)
        while width and not any(len(r) >= width and r[width - 1] for r in grid):
            width -= 1
        grid = [r[:width] for r in grid]
        # a title row (one filled cell above the header) is the table's caption
        caption = sheet.title
        while grid and sum(1 for c in grid[0] if c) == 1 and width > 1:
            caption = next(c for c in grid[0] if c)
            grid = grid[1:]
        doc.add_table(grid, list(range(1, len(grid) + 1)), caption=caption)
    return doc.finish()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value).strip()
