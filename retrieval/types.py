"""The data types of retrieval: a chunk of a document, a search hit, and search filters."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass
from typing import Any

from corpus.gazetteer import canonical_place, gazetteer
from corpus.model import DOCUMENT_KINDS

logger = logging.getLogger(__name__)

SEARCH_MODES = ("hybrid", "bm25", "char", "dense")


@dataclass(frozen=True)
class Chunk:
    """A searchable piece of a document: a few sentences under one heading, or one table row.

    `text` is what a citation quotes; `context` (「标题 > 二、主要任务 > （一）…」) is put in front
    of it for embedding and BM25 only, so a bare 「达到83.3%」 still knows what it belongs to.

    >>> c = Chunk.create(doc_id="d", title="T", section="一、目标", text="达到83.3%。", context="T > 一、目标")
    >>> c.chunk_id == Chunk.create(doc_id="d", title="T", section="一、目标", text="达到83.3%。", context="").chunk_id
    True
    """

    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    context: str = ""
    kind: str = "other"
    region: str = ""  # the document's region (江门市)
    area: str = ""  # a table row's own 区县 (蓬江区), if it names one
    year: int | None = None
    source: str = "text"  # "text" or "table"
    locator: str = ""  # where in the source: 「第12行」, 「表1 第3行」

    @staticmethod
    def make_id(doc_id: str, section: str, text: str) -> str:
        """A content hash: the same text under the same heading keeps its id across ingests."""
        return hashlib.sha1(f"{doc_id}\x1f{section}\x1f{text}".encode()).hexdigest()[:20]

    @classmethod
    def create(cls, *, doc_id: str, title: str, section: str, text: str, **fields: Any) -> Chunk:
        return cls(chunk_id=cls.make_id(doc_id, section, text), doc_id=doc_id, title=title, section=section,
                   text=text, **fields)  # fmt: skip

    @property
    def search_text(self) -> str:
        """What the embedder and BM25 see: the context prefix, then the text."""
        return f"{self.context}\n{self.text}" if self.context else self.text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        return cls(**data)


@dataclass(frozen=True)
class Hit:
    """A chunk found by a search, with its fused score and the channels' scores it came from
    (`bm25`: jieba words, `char`: characters, both 0…1; `dense`: the raw cosine)."""

    chunk: Chunk
    score: float
    bm25: float | None = None
    dense: float | None = None
    char: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The shape of one hit in `policy-assistant search --json` (DESIGN.md §4)."""
        return {
            "chunk_id": self.chunk.chunk_id,
            "doc_id": self.chunk.doc_id,
            "title": self.chunk.title,
            "section": self.chunk.section,
            "text": self.chunk.text,
            "score": round(float(self.score), 4),
        }


@dataclass(frozen=True)
class SearchFilters:
    """Restrict a search to a document, a region, a year or a kind of document.

    `region` matches the document's region or a table row's own 区县, under its full name (the
    assistant turns 「蓬江」 into 「蓬江区」 with the lexicon); `kind` accepts the key (work_plan) or
    its Chinese name (工作计划).

    >>> SearchFilters(kind="工作计划").kind
    'work_plan'
    """

    doc_id: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.region:
            object.__setattr__(self, "region", self.region.strip())
        if self.kind:
            by_label = {label: key for key, label in DOCUMENT_KINDS.items()}
            kind = by_label.get(self.kind.strip(), self.kind.strip())
            if kind not in DOCUMENT_KINDS:
                raise ValueError(
                    f"未知的文件类型「{self.kind}」，可选：{'、'.join(f'{k}（{v}）' for k, v in DOCUMENT_KINDS.items())}"
                )
            object.__setattr__(self, "kind", kind)

    @property
    def empty(self) -> bool:
        return not (self.doc_id or self.region or self.year is not None or self.kind)

    def matches(self, chunk: Chunk) -> bool:
        if self.doc_id and chunk.doc_id != self.doc_id:
            return False
        if self.region and self.region not in (chunk.region, chunk.area):
            return False
        if self.year is not None and chunk.year != self.year:
            return False
        return not (self.kind and chunk.kind != self.kind)


def known_region(value: str) -> str:
    """The full name of the division a table cell names, or "" (「蓬江区」; 「四会」 → 「四会市」)."""
    value = value.strip().split("\n", 1)[0]
    if not value or len(value) > 12:
        return ""
    place = canonical_place(value)
    return place if gazetteer().is_place(place) else ""
