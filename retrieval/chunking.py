"""Chunking Chinese policy documents along their own structure.

Text blocks already carry their heading path (章/节, 一、/（一）/1./（1）) from the loaders.
Blocks under the same heading are packed sentence by sentence (a sentence ends at 。；！？)
up to `max_chars`; a chunk never ends inside a sentence, so never inside a number. A
sentence longer than `max_chars` stays whole. Every table row becomes its own chunk with its
column names, merged cells filled from above (read through `corpus.tables`, as `structured/`
reads them); a row too long for one chunk is split between cells, each piece repeating the
row's key cells (序号, 区域, 指标名称).

>>> from corpus.model import Document, DocumentInfo, TextBlock
>>> doc = Document(DocumentInfo("d", "海门市2020年工作计划"), [TextBlock("PM2.5年均浓度达33微克/立方米。", ("一、总体工作目标",))], [])
>>> chunk = Chunker().run([doc])[0]
>>> chunk.section, chunk.context
('一、总体工作目标', '海门市2020年工作计划 > 一、总体工作目标')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from itertools import groupby

from corpus.assembler import TOC_LINE, TOC_TITLE
from corpus.model import Document, Table, TextBlock
from corpus.tables import TableFormatError, join_cells, label_table
from retrieval.types import Chunk, known_region

logger = logging.getLogger(__name__)

SENTENCE_ENDS = "。；！？;!?"
# Closing marks that belong to the sentence before them: 「……达标。”」
_CLOSERS = "”’」』）)】》"
_SENTENCE = re.compile(rf"[^{SENTENCE_ENDS}\n]*(?:[{SENTENCE_ENDS}]+[{_CLOSERS}]*|\n|$)")
# Leading row cells repeated in every piece of a split row must be short enough to be keys.
MAX_KEY_CELL_CHARS = 60
KEY_CELLS = 3


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, each with its end mark; joined they give the paragraph back.

    >>> split_sentences("目标达到83.3%。完成率33.3%；其余按进度推进")
    ['目标达到83.3%。', '完成率33.3%；', '其余按进度推进']
    """
    return [s for s in _SENTENCE.findall(text) if s]


class Chunker:
    """Splits documents into chunks of about `max_chars` characters along their structure.

    `max_chars` suits a sentence-transformers model with a 512-token window (bge-small-zh
    reads about one token per Chinese character); table rows may run to `max_row_chars`
    before they are split, because a row read whole answers more questions.
    """

    def __init__(self, max_chars: int = 320, max_row_chars: int = 480, min_chars: int = 40) -> None:
        if max_chars < 50:
            raise ValueError(f"max_chars must be at least 50, got {max_chars}")
        if max_row_chars < max_chars:
            raise ValueError(f"max_row_chars ({max_row_chars}) must be at least max_chars ({max_chars})")
        if not 0 <= min_chars < max_chars:
            raise ValueError(f"min_chars must be between 0 and max_chars, got {min_chars}")
        self.max_chars = max_chars
        self.max_row_chars = max_row_chars
        self.min_chars = min_chars

    def run(self, documents: Sequence[Document]) -> list[Chunk]:
        chunks: list[Chunk] = []
        for document in documents:
            chunks.extend(self._dedupe(list(self._document_chunks(document))))
        return chunks

    # -- running text --------------------------------------------------------------------------

    def _document_chunks(self, document: Document) -> Iterator[Chunk]:
        blocks = [b for b in document.blocks if not _is_toc(b)]
        for heading_path, group in groupby(blocks, key=lambda b: b.heading_path):
            group_blocks = list(group)
            section = " > ".join(heading_path)
            context = " > ".join((document.info.title, *heading_path))
            for text, block in self._pack_blocks(group_blocks):
                yield self._chunk(document, section, text, context, locator=_where(block))
        for table in document.tables:
            yield from self._table_chunks(document, table)

    def _pack_blocks(self, blocks: list[TextBlock]) -> Iterator[tuple[str, TextBlock]]:
        """Pack the sentences of consecutive blocks into pieces of at most max_chars, each with the
        block it starts in. Blocks are joined with a line break; a piece starts at a sentence start.
        """
        pieces: list[tuple[list[str], TextBlock]] = []
        current: list[str] = []
        current_len, current_line = 0, blocks[0] if blocks else TextBlock("")
        for block in blocks:
            for n, sentence in enumerate(split_sentences(block.text)):
                sentence = ("\n" if n == 0 and current else "") + sentence
                if current and current_len + len(sentence) > self.max_chars:
                    pieces.append((current, current_line))
                    current, current_len = [], 0
                    sentence = sentence.lstrip("\n")
                if not current:
                    current_line = block
                current.append(sentence)
                current_len += len(sentence)
        if current:
            # A short tail reads better with the piece before it.
            if (
                pieces
                and current_len < self.min_chars
                and len("".join(pieces[-1][0])) + current_len <= 1.5 * self.max_chars
            ):
                pieces[-1] = (pieces[-1][0] + current, pieces[-1][1])
            else:
                pieces.append((current, current_line))
        for sentences, line in pieces:
            text = "".join(sentences).strip()
            if text:
                yield text, line

    # -- tables --------------------------------------------------------------------------------

    def _table_chunks(self, document: Document, table: Table) -> Iterator[Chunk]:
        caption = table.caption or f"表{table.index}"
        context = " > ".join(dict.fromkeys((document.info.title, caption)))  # the caption is often the title
        for grid_index, pairs in _table_rows(document, table):
            area = next((known_region(v) for _, v in pairs if known_region(v)), "")
            line = table.row_lines[grid_index] if grid_index < len(table.row_lines) else 0
            where = f"工作表「{table.sheet}」" if table.sheet else (f"第{table.page}页" if table.page else "")
            locator = f"表{table.index} 第{grid_index + 1}行" + (
                f"（{where or f'第{line}行'}）" if where or line else ""
            )
            for text in self._row_texts(pairs):
                yield self._chunk(document, caption, text, context, area=area, source="table", locator=locator)

    def _row_texts(self, pairs: list[tuple[str, str]]) -> list[str]:
        text = join_cells(pairs)
        if len(text) <= self.max_row_chars:
            return [text]
        keys: list[tuple[str, str]] = []
        for label, value in pairs[:KEY_CELLS]:
            if not value or len(value) > MAX_KEY_CELL_CHARS:
                break
            keys.append((label, value))
        key_text = join_cells(keys)
        budget = max(self.max_row_chars - len(key_text), self.max_chars // 2)
        pieces: list[list[tuple[str, str]]] = [[]]
        for label, value in pairs[len(keys) :]:
            if not value:
                continue
            for part in self._split_cell(value, budget):
                size = len(join_cells([*pieces[-1], (label, part)]))
                if pieces[-1] and size > budget:
                    pieces.append([])
                pieces[-1].append((label, part))
        return [join_cells([*keys, *piece]) for piece in pieces if piece]

    def _split_cell(self, value: str, budget: int) -> list[str]:
        """A cell too long for one piece is cut between its sentences or lines."""
        if len(value) <= budget:
            return [value]
        parts: list[str] = []
        for sentence in split_sentences(value):
            if parts and len(parts[-1]) + len(sentence) <= budget:
                parts[-1] += sentence
            else:
                parts.append(sentence)
        return [p.strip() for p in parts if p.strip()]

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _chunk(document: Document, section: str, text: str, context: str, **fields) -> Chunk:
        info = document.info
        return Chunk.create(
            doc_id=info.doc_id,
            title=info.title,
            section=section,
            text=text,
            context=context,
            kind=info.kind,
            region=info.region,
            year=info.year,
            **fields,
        )

    @staticmethod
    def _dedupe(chunks: list[Chunk]) -> list[Chunk]:
        """Identical text under one heading (a repeated row) keeps distinct ids: -2, -3, …"""
        seen: dict[str, int] = {}
        result = []
        for chunk in chunks:
            count = seen.get(chunk.chunk_id, 0) + 1
            seen[chunk.chunk_id] = count
            if count > 1:
                chunk = Chunk(**{**chunk.to_dict(), "chunk_id": f"{chunk.chunk_id}-{count}"})
            result.append(chunk)
        return result


def _where(block: TextBlock) -> str:
    """Where a passage is: its PDF page, else its line in the source file."""
    if block.page:
        return f"第{block.page}页"
    return f"第{block.line}行" if block.line else ""


def _table_rows(document: Document, table: Table) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """(index in the raw grid, (column name, cell) pairs) of every data row.

    A table whose header has no known column words still becomes searchable, with the
    first row's cells as column names.
    """
    try:
        labelled = label_table(document, table)
    except TableFormatError:
        header = [re.sub(r"\s+", "", c) for c in table.rows[0]]
        for index, row in enumerate(table.rows[1:], start=1):
            pairs = [(header[k] if k < len(header) else "", cell.strip()) for k, cell in enumerate(row)]
            if any(value for _, value in pairs):
                yield index, pairs
        return
    for i in range(len(labelled.rows)):
        pairs = labelled.row_pairs(i)
        if any(value for _, value in pairs):
            yield labelled.first_row + i, pairs


def _is_toc(block: TextBlock) -> bool:
    """Table-of-contents lines repeat the headings with page numbers: noise for search."""
    in_toc = bool(block.heading_path) and bool(TOC_TITLE.match(block.heading_path[-1].replace(" ", "")))
    return in_toc or bool(TOC_LINE.search(block.text)) or bool(re.search(r"\.{3,}\s*\d+\s*$", block.text))
