"""The shared data types of the corpus: a loaded document, its text blocks and raw tables."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

DOCUMENT_KINDS = {
    "progress_table": "任务进度表",
    "work_plan": "工作计划",
    "five_year_plan": "五年规划",
    "work_programme": "工作方案",
    "plan": "规划",
    "key_points": "工作要点",
    "bulletin": "通报",
    "statistics": "统计数据",
    "other": "其他文件",
}


@dataclass(frozen=True)
class DocumentInfo:
    """What is known about a document besides its content (from the manifest or inferred).

    >>> DocumentInfo(doc_id="hm-2020-work-plan", title="海门市…工作计划", region="海门市", year=2020)
    """

    doc_id: str
    title: str
    issuer: str = ""
    region: str = ""
    year: int | None = None
    period: str = ""
    kind: str = "other"
    source_file: str = ""


@dataclass(frozen=True)
class TextBlock:
    """One paragraph of running text with the headings it sits under.

    `line` is the 1-based line of the source file where the block starts (0 when the
    source has no lines, e.g. a spreadsheet).
    """

    text: str
    heading_path: tuple[str, ...] = ()
    line: int = 0
    page: int = 0  # the PDF page it starts on (0: the source has no pages)


@dataclass(frozen=True)
class Table:
    """A table as a raw grid of cell strings, exactly as the source gives it.

    Rows may have different lengths: cells merged in the source come out empty ("") or
    missing. The first rows are the header rows; `structured/` decides which rows those are.
    A cell keeps its inner line breaks ("\\n").

    >>> Table(index=1, caption="表1 …", rows=[["序号", "指标"], ["1", "PM2.5"]])
    """

    index: int
    caption: str
    rows: list[list[str]]
    heading_path: tuple[str, ...] = ()
    row_lines: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheet: str = ""  # the spreadsheet's sheet it comes from
    page: int = 0  # the PDF page it starts on

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Document:
    """A loaded source file: its metadata, text blocks and tables."""

    info: DocumentInfo
    blocks: list[TextBlock]
    tables: list[Table]
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.info.doc_id

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            info=DocumentInfo(**data["info"]),
            blocks=[
                TextBlock(text=b["text"], heading_path=tuple(b["heading_path"]), line=b["line"], page=b.get("page", 0))
                for b in data["blocks"]
            ],
            tables=[
                Table(
                    index=t["index"],
                    caption=t["caption"],
                    rows=t["rows"],
                    heading_path=tuple(t["heading_path"]),
                    row_lines=t["row_lines"],
                    notes=t["notes"],
                    sheet=t.get("sheet", ""),
                    page=t.get("page", 0),
                )
                for t in data["tables"]
            ],
            sha256=data.get("sha256", ""),
            warnings=data.get("warnings", []),
        )
