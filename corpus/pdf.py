"""Read PDF files with pdfplumber: running text outside tables, and tables as grids, each with
the page it starts on (citations name the page).

Visual lines are fed to the assembler, which joins a line that ends mid-sentence with
the next one, across page breaks too. A table that continues on the next page (same
width, first thing on the page) is joined to the previous one.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

from corpus.assembler import DocumentAssembler
from corpus.safety import charge

PAGE_NUMBER = re.compile(r"^[-—\s]*\d+[-—\s]*$|^第\s*\d+\s*页")
# Some CJK fonts map glyphs to Kangxi radicals (「⽰例」 for 「示例」); NFKC maps them back.
KANGXI_RADICALS = re.compile("[\u2f00-\u2fdf]")
# A line inside a table cell ends here only where the text does; else the cell was wrapped.
CELL_LINE_END = re.compile(r"[。；;：:！!？?】]$")
CELL_ITEM_START = re.compile(
    r"^\s*([（(]\s*[0-9一二三四五六七八九十]+\s*[)）]|[0-9]+[.、．]|[一二三四五六七八九十]+、|【|注)"
)


def fix_radicals(text: str) -> str:
    """「⼀、总体⽬标」 → 「一、总体目标」."""
    return KANGXI_RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def read_pdf(path: Path) -> DocumentAssembler:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings say nothing a user can act on
    doc = DocumentAssembler()
    line_no = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            charge()  # a page's tables may take long to find: check the clock before each
            doc.page = page.page_number
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            outside = page.filter(lambda obj, boxes=boxes: not any(_inside(obj, b) for b in boxes))
            # text above the first table, the tables, then the rest, in page order
            items = [(t.bbox[1], "table", t) for t in tables]
            for line in outside.extract_text_lines() or []:
                items.append((line["top"], "line", line["text"]))
            items.sort(key=lambda item: item[0])
            first_on_page = True
            note: list[str] | None = None  # the 「注：…」 lines right under a table, until one ends a sentence
            for _, kind, item in items:
                if kind == "line":
                    line_no += 1
                    if not PAGE_NUMBER.match(item.strip()):
                        text = fix_radicals(item)
                        doc.add_line(text, line_no=line_no)
                        # (「表1 …主要指标（续）」 over the table goes on with the one before)
                        first_on_page = first_on_page and bool(CONTINUED.search(text))
                        note = _noted(doc, note, text)
                    continue
                grid = [[join_wrapped(fix_radicals(c or "")).strip() for c in row] for row in _extract(item, page)]
                previous = doc.tables[-1] if doc.tables else None
                if first_on_page and previous and previous.width == max(len(r) for r in grid):
                    repeated = 0  # the header repeated on the new page, all of its rows (a two-row header)
                    while repeated < min(len(grid), len(previous.rows)) and grid[repeated] == previous.rows[repeated]:
                        repeated += 1
                    previous.rows.extend(grid[repeated:])
                else:
                    doc.add_table(grid)
                first_on_page = False
                note = []
    return doc.finish()


CONTINUED = re.compile(r"[（(]\s*续\s*[）)]\s*$|^\s*续表")
NOTE_LINE = re.compile(r"^\s*(注|说明)\s*\d?\s*[:：]")
NOTE_ITEM = re.compile(r"^\s*\d{1,2}\s*[.．、]")  # 「2.地表水…」: the note's next item
HEADING_LINE = re.compile(
    r"^\s*(第[一二三四五六七八九十\d]+[章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
NOTE_LINES = 6


def _noted(doc: DocumentAssembler, note: list[str] | None, line: str) -> list[str] | None:
    """A table's note (「注：1.〔 〕内为五年累计数。2.…」, wrapped over lines) kept with the table too, as a Word
    table's note row is: the lines from 「注：」 right under it, each next one while the last did not end its
    sentence or it opens the note's next item — never a heading, and a few lines at most."""
    if note is None or not doc.tables or (not note and not NOTE_LINE.match(line)):
        return None
    if note and (HEADING_LINE.match(line) or not (NOTE_ITEM.match(line) or not note[-1].rstrip().endswith("。"))):
        return None
    if note:
        doc.tables[-1].notes[-1] += line.strip()
    else:
        doc.tables[-1].notes.append(line.strip())
    return [*note, line] if len(note) + 1 < NOTE_LINES else None


def join_wrapped(cell: str) -> str:
    """A table cell's visual lines joined where the PDF only wrapped them (「完成12家陶瓷企\\n业」 →
    「完成12家陶瓷企业」); a line break after a sentence's end or before an item 「（2）」 stays."""
    lines = [line.strip() for line in cell.split("\n")]
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        if not line:
            continue
        if CELL_LINE_END.search(joined) or CELL_ITEM_START.match(line) or not joined:
            joined += "\n" + line
        else:
            space = (
                " "
                if joined[-1:].isascii() and joined[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum()
                else ""
            )
            joined += space + line
    return joined


def _extract(table, page) -> list[list[str | None]]:
    """The table's cell texts, as pdfplumber reads them, except that a word running a little over its cell's
    borders (a header 「同比（百分点）」 wider than its column) stays whole in the cell holding its middle,
    instead of losing its edge characters to the neighbours (「比例 同」「比（百分点」「） 目标」)."""
    from pdfplumber.utils import extract_text

    grid = table.extract()
    words = page.crop(table.bbox).extract_words(return_chars=True)
    for r, row in enumerate(table.rows):
        cells = {i: box for i, box in enumerate(row.cells) if box}
        owner: dict[tuple, int] = {}  # a spilling word's characters → the cell of its middle
        for word in words:
            middle = _cell_of(cells, word)
            if middle is not None and _spills(word, cells[middle]):
                owner.update({_char_key(c): middle for c in word["chars"]})
        if owner:
            chars = [c for c in page.crop(row.bbox).chars if c["text"].strip()]
            for i in cells:
                mine = [c for c in chars if owner.get(_char_key(c), _cell_of(cells, c)) == i]
                grid[r][i] = extract_text(mine)
    return grid


def _char_key(char: dict) -> tuple:
    return round(char["x0"], 2), round(char["top"], 2), char["text"]


def _cell_of(cells: dict[int, tuple], obj: dict) -> int | None:
    """The cell holding the middle of a character or word."""
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return next((i for i, (x0, top, x1, bottom) in cells.items() if x0 <= x <= x1 and top <= y <= bottom), None)


def _spills(word: dict, box: tuple) -> bool:
    """The word runs past its cell's border through one of its characters (that character sits across the
    line), and by less than a character: a header a little wider than its column. Two cells' texts read as one
    word (「已完成」 and 「1」 with a gap at the line between them) do not, nor does a longer run."""
    x0, _, x1, _ = box
    width = (word["x1"] - word["x0"]) / max(len(word["chars"]), 1)
    crossing = [b for b in (x0, x1) if any(c["x0"] < b - 0.5 and b + 0.5 < c["x1"] for c in word["chars"])]
    over = max(x0 - word["x0"], word["x1"] - x1)
    return bool(crossing) and 0.5 < over < width


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    return (
        obj.get("x0", 0) >= x0 - 1
        and obj.get("x1", 0) <= x1 + 1
        and obj.get("top", 0) >= top - 1
        and obj.get("bottom", 0) <= bottom + 1
    )
