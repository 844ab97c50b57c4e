"""The document reader: a document as HTML — its headings as headings, its tables as tables — with
the passage or table row a citation quotes highlighted.

A citation carries the text it quotes (a passage, a table row's text, one sub-item of a cell). The
reader finds it in the document by sentences: a paragraph's sentences that appear in the quote are
marked; of the table rows, the one sharing the most quoted text is marked. Every piece of document
text is escaped: it is shown, never interpreted (a link in a document is text here).

>>> from corpus.model import Document, DocumentInfo, TextBlock
>>> doc = Document(DocumentInfo("d", "示例"), [TextBlock("PM2.5年均浓度达33微克/立方米。其余不变。", ("一、目标",))], [])
>>> "<mark" in render(doc, "PM2.5年均浓度达33微克/立方米。")
True
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from corpus.model import DOCUMENT_KINDS, Document, Table, TextBlock

MIN_SENTENCE = 6  # shorter pieces (「（一）」, 「是」) say nothing about where a quote comes from
_SENTENCE_END = re.compile(r"(?<=[。；！？;!?])")
CITED_CLASS = "cited"


def squash(text: str) -> str:
    """Text compared as the eval matcher does: width folded, whitespace dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


@dataclass
class Marks:
    """Where a quote is in a document: sentences of paragraphs, and one table row."""

    blocks: dict[int, set[int]] = field(default_factory=dict)  # block index → indexes of its quoted sentences
    row: tuple[int, int] | None = None  # (table position, row index)

    def __bool__(self) -> bool:
        return bool(self.blocks) or self.row is not None


def _covered(piece: str, quote: str) -> int:
    """How much of `quote` this piece of document text accounts for."""
    piece = squash(piece)
    if len(piece) >= MIN_SENTENCE and piece in quote:
        return len(piece)
    if len(quote) >= MIN_SENTENCE and quote in piece:
        return len(quote)
    return 0


def locate(document: Document, quote: str) -> Marks:
    """The paragraphs' sentences and the table row that `quote` was taken from."""
    wanted = squash(quote)
    marks = Marks()
    if not wanted:
        return marks
    for b, block in enumerate(document.blocks):
        found = {s for s, text in enumerate(sentences(block.text)) if _covered(text, wanted)}
        if found:
            marks.blocks[b] = found
    best = 0
    for t, table in enumerate(document.tables):
        for r, row in enumerate(table.rows):
            score = sum(_covered(part, wanted) for cell in row for part in sentences(cell))
            if score > best:
                best, marks.row = score, (t, r)
    # a quote from a table row also matches paragraphs that repeat a sentence of it: keep the better place
    paragraph = sum(
        _covered(text, wanted)
        for b, found in marks.blocks.items()
        for s, text in enumerate(sentences(document.blocks[b].text))
        if s in found
    )
    if marks.row is not None and paragraph > best:
        marks.row = None
    elif marks.row is not None and best >= paragraph:
        marks.blocks = {}
    return marks


def render(document: Document, quote: str = "") -> str:
    """The document as HTML, with what `quote` cites marked (class `cited`)."""
    marks = locate(document, quote) if quote else Marks()
    info = document.info
    meta = " · ".join(
        part for part in (info.issuer, info.region, f"{info.year}年" if info.year else "",
                          DOCUMENT_KINDS.get(info.kind, info.kind), info.source_file) if part
    )  # fmt: skip
    parts = [f"<h2>{html.escape(info.title)}</h2>", f'<p class="reader-meta">{html.escape(meta)}</p>']
    if quote and not marks:
        parts.append('<p class="reader-notice">未能在正文中定位引文，以下为全文。</p>')
    heading: tuple[str, ...] = ()
    for kind, index, item in _in_order(document):
        path = item.heading_path
        if path != heading:
            shared = next((i for i, (a, b) in enumerate(zip(path, heading, strict=False)) if a != b), None)
            shared = min(len(path), len(heading)) if shared is None else shared
            for depth in range(shared, len(path)):
                level = min(3 + depth, 6)
                parts.append(f"<h{level}>{html.escape(path[depth])}</h{level}>")
            heading = path
        if kind == "block":
            parts.append(_paragraph(item, marks.blocks.get(index, set())))
        else:
            row = marks.row[1] if marks.row and marks.row[0] == index else None
            parts.append(_table(item, row, squash(quote)))
    return '<article class="reader">' + "\n".join(parts) + "</article>"


def _in_order(document: Document) -> list[tuple[str, int, TextBlock | Table]]:
    """Paragraphs and tables in the order of the source (by line, then page); tables without a place last."""
    items: list[tuple[tuple[int, int, int], str, int, TextBlock | Table]] = []
    for b, block in enumerate(document.blocks):
        items.append(((block.page, block.line or b, 0), "block", b, block))
    for t, table in enumerate(document.tables):
        line = table.row_lines[0] if table.row_lines else 0
        place = (table.page, line, 1) if (line or table.page) else (10**9, t, 1)
        items.append((place, "table", t, table))
    items.sort(key=lambda entry: entry[0])
    return [(kind, index, item) for _, kind, index, item in items]


def _paragraph(block: TextBlock, marked: set[int]) -> str:
    pieces = []
    for s, text in enumerate(sentences(block.text)):
        escaped = html.escape(text).replace("\n", "<br>")
        pieces.append(f'<mark class="{CITED_CLASS}">{escaped}</mark>' if s in marked else escaped)
    return "<p>" + "".join(pieces) + "</p>"


def _table(table: Table, cited_row: int | None, quote: str) -> str:
    width = table.width
    lines = ["<figure>"]
    caption = " · ".join(part for part in (table.caption, table.sheet and f"工作表「{table.sheet}」") if part)
    if caption:
        lines.append(f"<figcaption>{html.escape(caption)}</figcaption>")
    lines.append('<div class="reader-table"><table>')
    for r, row in enumerate(table.rows):
        tag = "th" if r == 0 else "td"
        marked = quote if r == cited_row else ""
        cells = "".join(f"<{tag}>{_cell(c, marked)}</{tag}>" for c in row + [""] * (width - len(row)))
        attributes = f' class="{CITED_CLASS}"' if r == cited_row else ""
        lines.append(f"<tr{attributes}>{cells}</tr>")
    lines.append("</table></div>")
    lines += [f'<p class="reader-note">{html.escape(note)}</p>' for note in table.notes]
    lines.append("</figure>")
    return "\n".join(lines)


def _cell(text: str, quote: str = "") -> str:
    """A cell's text; in the cited row, the sentences the quote contains are marked too."""
    pieces = []
    for sentence in sentences(text):
        escaped = html.escape(sentence).replace("\n", "<br>")
        pieces.append(f"<mark>{escaped}</mark>" if quote and _covered(sentence, quote) else escaped)
    return "".join(pieces)


READER_CSS = """
.reader { line-height: 1.75; font-size: 15px; }
.reader h2 { font-size: 1.3em; margin: 0 0 .2em; }
.reader h3 { font-size: 1.15em; margin: 1.2em 0 .4em; }
.reader h4, .reader h5, .reader h6 { font-size: 1.02em; margin: 1em 0 .3em; }
.reader-meta, .reader-note, .reader-notice { color: #666; font-size: .9em; }
.reader-notice { color: #8a5a00; }
.reader mark.cited { background: #ffe58f; padding: 1px 0; }
.reader-table { overflow-x: auto; }
.reader table { border-collapse: collapse; font-size: .92em; margin: .4em 0 1em; }
.reader th, .reader td { border: 1px solid #d0d0d0; padding: 4px 6px; vertical-align: top; min-width: 3em; }
.reader th { background: #f3f4f6; }
.reader tr.cited td { background: #fff3c4; }
.reader tr.cited mark { background: #ffd666; }
.reader figcaption { font-weight: 600; margin: .6em 0 .2em; }
"""
# after the reader re-renders with a highlight: bring the reader into view, then scroll the reader's own
# box so the highlighted passage or row sits in its upper third (the rest of the page stays put)
SCROLL_TO_CITED_JS = """
const showCited = () => {
  const mark = element.querySelector('.cited');
  if (!mark) return;
  (element.closest('.reader-panel') || element).scrollIntoView({block: 'start', behavior: 'instant'});
  let box = mark.parentElement;
  while (box && box !== document.body) {
    const style = getComputedStyle(box);
    if (box.scrollHeight > box.clientHeight + 1 && /(auto|scroll)/.test(style.overflowY)) break;
    box = box.parentElement;
  }
  if (!box || box === document.body) return;
  const offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  box.scrollTop = Math.max(0, offset - box.clientHeight / 3);
};
setTimeout(showCited, 0);  // the reader may first appear with a highlight already in it
watch('value', showCited);
"""
