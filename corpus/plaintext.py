"""Read plain-text and Markdown exports of Word/PDF policy documents.

Two table encodings occur in these exports:

(a) Word tables: every cell starts with a tab at the start of a line and continues over
    the following untabbed lines; rows are separated by a blank line before the next
    tabbed line, but a blank line may also fall inside a row, and merged cells come out
    as empty cells or not at all.
(b) One row per line, cells separated by tabs (a PDF table turned into text). A table of
    contents also has tabs (before its page numbers) and is not a table.

Markdown pipe tables (``| a | b |``) are read too, for users' own .md files, and (c) tables typed
with spaces (a notice's 「地区  大气  水  噪声」 under a 「-----」 ruler), for users' own .txt files.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from corpus.assembler import NOTE_ITEM_LINE, TOC_LINE, DocumentAssembler
from corpus.text import clean_inline, strip_markdown_heading

# A run of blank lines this long ends a Word table even if text follows.
TABLE_END_BLANK_LINES = 2
TABLE_NOTE = re.compile(r"^\s*(\\?\*|注[:：])")


@dataclass
class _Cell:
    lines: list[str]
    line_no: int
    blank_before: bool

    @property
    def text(self) -> str:
        return "\n".join(clean_inline(line) for line in self.lines if line.strip())


def parse_plain_text(text: str) -> DocumentAssembler:
    """Split a document's text into heading-tagged paragraphs and raw table grids.

    >>> parsed = parse_plain_text("一、目标\\nPM2.5年均浓度达33微克/立方米。\\n")
    >>> parsed.blocks[0].heading_path, parsed.blocks[0].text
    (('一、目标',), 'PM2.5年均浓度达33微克/立方米。')
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc = DocumentAssembler()
    i = 0
    while i < len(lines):
        if _is_row_table_start(lines, i):
            i = _read_row_table(lines, i, doc)
        elif lines[i].startswith("\t"):
            i = _read_word_table(lines, i, doc)
        elif _is_pipe_table_start(lines, i):
            i = _read_pipe_table(lines, i, doc)
        elif _is_spaced_table_start(lines, i):
            i = _read_spaced_table(lines, i, doc)
        else:
            level, _ = strip_markdown_heading(lines[i])
            doc.add_line(re.sub(r"^#{1,6}\s+", "", lines[i].strip()), line_no=i + 1, heading_level=level)
            i += 1
    return doc.finish()


# -- (a) Word tables -----------------------------------------------------------------------


def _read_word_table(lines: list[str], start: int, doc: DocumentAssembler) -> int:
    cells: list[_Cell] = []
    blank_run = 0
    i = start
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            cells.append(_Cell([line.lstrip("\t")], i + 1, blank_before=blank_run > 0))
            blank_run = 0
        elif not line.strip():
            blank_run += 1
        elif blank_run >= TABLE_END_BLANK_LINES or (blank_run and _starts_new_part(line)):
            break
        else:
            cells[-1].lines.append(line)
            blank_run = 0
        i += 1
    rows = _group_rows(cells)
    notes, i = _read_notes(lines, i)
    doc.add_table([[c.text for c in row] for row in rows], [row[0].line_no for row in rows], notes=notes)
    return i


def _starts_new_part(line: str) -> bool:
    """Text after a blank line that opens a new part of the document ends a Word table."""
    return bool(re.match(r"^(附件\s*\d*|表\s*\d+|第[一二三四五六七八九十\d]+[章节])", line.strip()))


def _group_rows(cells: list[_Cell]) -> list[list[_Cell]]:
    """Group the cells of a Word table into rows.

    A blank line before a tabbed line starts a new segment. Most segments are whole rows,
    so the most common segment length is the row width. A short segment followed by one
    that fits into the remaining width is one row broken by a blank line inside a cell;
    two short segments that together overflow are two rows with merged cells.
    """
    segments: list[list[_Cell]] = []
    for cell in cells:
        if not segments or cell.blank_before:
            segments.append([cell])
        else:
            segments[-1].append(cell)
    if not segments:
        return []
    width = Counter(len(s) for s in segments).most_common(1)[0][0]
    rows = [segments[0]]
    for segment in segments[1:]:
        if len(rows[-1]) < width and len(rows[-1]) + len(segment) <= width:
            rows[-1] = rows[-1] + segment
        else:
            rows.append(segment)
    return rows


def _read_notes(lines: list[str], i: int) -> tuple[list[str], int]:
    """Footnotes right under a table (「*为2015年排放总量」, 「注：…」) belong to it."""
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    notes = []
    # (「注：1.…；」 then 「2.…」「3.…」 on lines of their own: the note's items)
    while j < len(lines) and (TABLE_NOTE.match(lines[j]) or (notes and NOTE_ITEM_LINE.match(lines[j]))):
        notes.append(clean_inline(lines[j]))
        j += 1
    return (notes, j) if notes else ([], i)


# -- (b) one row per line ------------------------------------------------------------------


def _row_like(line: str) -> bool:
    """Two tabs or more between cells; a second header row's merged cells lead with tabs
    (「\t\t\t10月\t1-10月」), a Word table's cell one tab and its text (「\t序号」)."""
    cells = [c for c in line.split("\t") if c.strip()]  # 「\t序号\t」 is a Word table's one cell
    return line.count("\t") >= 2 and len(cells) >= 2 and not TOC_LINE.search(line)


def _is_row_table_start(lines: list[str], i: int) -> bool:
    return _row_like(lines[i]) and i + 1 < len(lines) and _row_like(lines[i + 1])


def _read_row_table(lines: list[str], start: int, doc: DocumentAssembler) -> int:
    rows, row_lines = [], []
    i = start
    while i < len(lines) and "\t" in lines[i]:
        rows.append([clean_inline(c) for c in lines[i].split("\t")])
        row_lines.append(i + 1)
        i += 1
    notes, i = _read_notes(lines, i)
    doc.add_table(rows, row_lines, notes=notes)
    return i


# -- Markdown pipe tables --------------------------------------------------------------------


def _is_pipe_table_start(lines: list[str], i: int) -> bool:
    return (
        lines[i].strip().startswith("|")
        and i + 1 < len(lines)
        and re.match(r"^\s*\|?\s*:?-{3,}", lines[i + 1]) is not None
    )


def _read_pipe_table(lines: list[str], start: int, doc: DocumentAssembler) -> int:
    rows, row_lines = [], []
    i = start
    while i < len(lines) and lines[i].strip().startswith("|"):
        if i != start + 1:  # the |---| separator
            cells = lines[i].strip().strip("|").split("|")
            rows.append([clean_inline(c.replace("<br>", "\n")) for c in cells])
            row_lines.append(i + 1)
        i += 1
    notes, i = _read_notes(lines, i)
    doc.add_table(rows, row_lines, notes=notes)
    return i


# -- (c) tables typed with spaces ------------------------------------------------------------

RULER = re.compile(r"^\s*[-=_─━—－＝]{8,}\s*$")
SPACED_CELL = re.compile(r"\S+(?: \S+)*")  # a cell: words apart by one space at most
MIN_SPACED_COLUMNS = 3
NUMERIC_CELL = re.compile(r"[-+]?\d+(?:[.,]\d+)*%?")


def _spaced_cells(line: str) -> list[tuple[int, str]]:
    """(display column where it starts, text) of each cell of a line; a CJK character is two columns wide."""
    cells, column, at = [], 0, 0
    for match in SPACED_CELL.finditer(line):
        column += _width(line[at : match.start()])
        cells.append((column, match.group(0)))
        column += _width(match.group(0))
        at = match.end()
    return cells


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _is_spaced_table_start(lines: list[str], i: int) -> bool:
    """A ruler over a row of three or more cells, or a header of words over two rows of as many cells with
    figures, a ruler under the header or none (not prose, nor a table of contents: its header has a page
    number)."""
    following = [line for line in lines[i : i + 4] if not RULER.match(line)]
    if RULER.match(lines[i]):
        return bool(following) and len(_spaced_cells(following[0])) >= MIN_SPACED_COLUMNS
    said = following[:3]  # 「序号  项目名称 …」 over 「-----」 and two rows
    rows = [[text for _, text in _spaced_cells(line)] for line in said]
    if len(rows) < 3 or len({len(r) for r in rows}) != 1 or len(rows[0]) < MIN_SPACED_COLUMNS:
        return False
    header, body = rows[0], rows[1:]
    figures = [any(NUMERIC_CELL.fullmatch(c) for c in row) for row in body]
    return not any(NUMERIC_CELL.fullmatch(c) for c in header) and all(figures) and not any(map(_prose, said))


def _read_spaced_table(lines: list[str], start: int, doc: DocumentAssembler) -> int:
    """Rows until a blank line or a line of prose; each cell goes under the header column it starts
    in, so an empty cell leaves its column empty rather than shifting the row."""
    header: list[tuple[int, str]] = []
    rows, row_lines = [], []
    i = start
    while i < len(lines) and lines[i].strip() and not _prose(lines[i]):
        if not RULER.match(lines[i]):
            cells = _spaced_cells(lines[i])
            if header and len(cells) < 2:
                break
            if not header:
                header = cells
            rows.append(_under_header(cells, header))
            row_lines.append(i + 1)
        i += 1
    notes, i = _read_notes(lines, i)
    doc.add_table(rows, row_lines, notes=notes)
    return i


def _prose(line: str) -> bool:
    """A sentence or a note, not a row: 「…整治工作。」「注：…」."""
    return line.rstrip().endswith("。") or bool(TABLE_NOTE.match(line.strip()))


def _under_header(cells: list[tuple[int, str]], header: list[tuple[int, str]]) -> list[str]:
    if len(cells) == len(header):
        return [clean_inline(text) for _, text in cells]
    row = [""] * len(header)
    for column, text in cells:
        index = max((j for j, (start, _) in enumerate(header) if start <= column + 1), default=0)
        row[index] = f"{row[index]} {text}".strip()
    return [clean_inline(c) for c in row]
