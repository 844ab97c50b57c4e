"""The one entry point that turns a file into a `Document`, whatever its format."""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from corpus.assembler import DocumentAssembler
from corpus.errors import DocumentLoadError
from corpus.gazetteer import mentions
from corpus.model import Document, DocumentInfo
from corpus.text import normalize_text

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".xlsx")
KIND_WORDS = (
    ("progress_table", ("完成情况", "进度", "滞后")),
    ("five_year_plan", ("五年", "十三五", "十四五", "十五五", "规划")),
    ("work_plan", ("工作计划", "计划")),
    ("work_programme", ("工作方案", "方案")),
)


def load_document(path: Path | str, info: DocumentInfo | None = None) -> Document:
    """Load a .txt/.md/.docx/.pdf/.xlsx file into a Document.

    `info` comes from the corpus manifest; without it, the title, region, year and kind
    are inferred from the file. Raises `DocumentLoadError` naming the file when it is
    missing, empty, of an unsupported type, or not readable.

    >>> doc = load_document("corpus/documents/000_3d0d0f0d850faa75.txt")  # doctest: +SKIP
    >>> len(doc.tables)  # doctest: +SKIP
    1
    """
    path = Path(path)
    if not path.exists():
        raise DocumentLoadError(path, "文件不存在")
    if not path.is_file():
        raise DocumentLoadError(path, "这不是一个文件")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentLoadError(
            path, f"不支持的文件类型「{suffix or '无扩展名'}」，支持 {' '.join(SUPPORTED_SUFFIXES)}"
        )
    data = path.read_bytes()
    if not data.strip():
        raise DocumentLoadError(path, "文件为空")
    try:
        parsed = _parse(path, suffix, data)
    except DocumentLoadError:
        raise
    except Exception as exc:  # a broken .docx/.pdf/.xlsx: say which file, keep the cause
        logger.exception("parsing %s failed", path)
        raise DocumentLoadError(path, f"文件内容无法解析（{type(exc).__name__}: {exc}）") from exc
    if not parsed.blocks and not parsed.tables:
        raise DocumentLoadError(path, "文件中没有可读取的文字或表格")
    if info is None:
        info = infer_info(path, parsed)
    return Document(
        info=info,
        blocks=parsed.blocks,
        tables=parsed.tables,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _parse(path: Path, suffix: str, data: bytes) -> DocumentAssembler:
    if suffix in (".txt", ".md"):
        from corpus.plaintext import parse_plain_text

        return parse_plain_text(_decode_text(path, data))
    if suffix == ".docx":
        from corpus.office import read_docx

        return read_docx(path)
    if suffix == ".xlsx":
        from corpus.office import read_xlsx

        return read_xlsx(path)
    from corpus.pdf import read_pdf

    return read_pdf(path)


def _decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (a superset of GBK and
    GB2312, in which Chinese government files are often saved)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try_decode(data, "utf-16")
    else:
        if b"\x00" in data:
            raise DocumentLoadError(path, "这不是文本文件（含有二进制内容）")
        text = _try_decode(data, "utf-8-sig")
        if text is None:
            text = _try_decode(data, "gb18030")
            if text is not None and _mostly_unreadable(text):
                text = None
    if text is None:
        raise DocumentLoadError(path, "无法识别文本编码（既不是 UTF-8，也不是 GB18030/GBK），请另存为 UTF-8 后再导入")
    if not text.strip():
        raise DocumentLoadError(path, "文件为空")
    return text


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _mostly_unreadable(text: str) -> bool:
    """Bytes of another encoding often decode as GB18030 too, into rare characters and symbols:
    text is readable when most of its characters are common CJK, ASCII or punctuation."""
    readable = sum(1 for c in text if c.isascii() or "\u4e00" <= c <= "\u9fa5" or "\u3000" <= c <= "\u303f"
                   or "\uff00" <= c <= "\uffef")  # fmt: skip
    return readable < 0.9 * len(text)


def infer_info(path: Path, parsed: DocumentAssembler) -> DocumentInfo:
    """Guess a user file's metadata from its name and first lines."""
    headings = [b.heading_path[0] for b in parsed.blocks[:1] if b.heading_path]  # a Word title, a Markdown #
    first_lines = headings + [b.text for b in parsed.blocks[:3]] + [t.caption for t in parsed.tables[:1]]
    title = next((t for t in first_lines if t and len(t) <= 60), path.stem)
    probe = f"{path.stem} {title} {' '.join(first_lines)}"
    region = next((name for name, _, _ in mentions(normalize_text(probe))), "")
    years = re.findall(r"(20\d\d)年", probe)
    kind = next((k for k, words in KIND_WORDS if any(w in probe for w in words)), "other")
    return DocumentInfo(
        doc_id=doc_id_for(path),
        title=title,
        region=region,
        year=int(years[0]) if years else None,
        kind=kind,
        source_file=path.name,
    )


def doc_id_for(path: Path) -> str:
    """A stable id for a user's file: its name, so a changed file replaces its old version."""
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", path.stem).strip("-").lower()
    return f"user-{stem or hashlib.sha1(path.name.encode()).hexdigest()[:8]}"
