"""The one entry point that turns a file into a `Document`, whatever its format.

Every file is checked by `corpus.safety` before a parser sees it (size, type by content, zip
directory, table shapes) and read within a `ReadBudget` (characters and wall-clock time), so a
hostile or broken file costs little and is refused with a Chinese reason naming it.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from corpus.assembler import DocumentAssembler
from corpus.errors import DocumentLoadError
from corpus.metadata import infer_info
from corpus.model import Document, DocumentInfo
from corpus.safety import SUFFIX_KINDS, FileRefused, ReadLimits, check_file, current_budget, reading_budget

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = tuple(SUFFIX_KINDS)


def load_document(path: Path | str, info: DocumentInfo | None = None, limits: ReadLimits | None = None) -> Document:
    """Load a .txt/.md/.docx/.pdf/.xlsx file into a Document.

    `info` comes from the corpus manifest; without it, the title, issuer, region, year, period
    and kind are inferred from the file (`corpus.metadata`). `limits` default to `ReadLimits()`.
    Raises `DocumentLoadError` naming the file when it is missing, empty, of an unsupported or
    disguised type, over a limit, or not readable.

    >>> doc = load_document("corpus/documents/000_3d0d0f0d850faa75.txt")  # doctest: +SKIP
    >>> len(doc.tables)  # doctest: +SKIP
    1
    """
    path = Path(path)
    if not path.exists():
        raise DocumentLoadError(path, "文件不存在")
    if not path.is_file():
        raise DocumentLoadError(path, "这不是一个文件")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise DocumentLoadError(
            path, f"不支持的文件类型「{path.suffix.lower() or '无扩展名'}」，支持 {' '.join(SUPPORTED_SUFFIXES)}"
        )
    if path.stat().st_size == 0:
        raise DocumentLoadError(path, "文件为空")
    limits = limits or ReadLimits()
    try:
        with reading_budget(limits):
            kind = check_file(path, limits)
            data = path.read_bytes()
            if not data.strip():
                raise DocumentLoadError(path, "文件为空")
            parsed = _parse(path, kind, data)
    except FileRefused as exc:
        raise DocumentLoadError(path, str(exc)) from exc
    except DocumentLoadError:
        raise
    except Exception as exc:  # a broken .docx/.pdf/.xlsx: say which file, keep the cause in the log
        logger.exception("parsing %s failed", path)
        raise DocumentLoadError(path, f"文件内容无法解析，文件可能已损坏（{type(exc).__name__}）") from exc
    if not parsed.blocks and not parsed.tables:
        raise DocumentLoadError(path, "文件中没有可读取的文字或表格")
    if info is None:
        info = infer_info(path.name, parsed)
    return Document(
        info=info,
        blocks=parsed.blocks,
        tables=parsed.tables,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _parse(path: Path, kind: str, data: bytes) -> DocumentAssembler:
    if kind == "text":
        from corpus.plaintext import parse_plain_text

        return parse_plain_text(_decode_text(path, data))
    if kind == "docx":
        from corpus.office import read_docx

        return read_docx(path)
    if kind == "xlsx":
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
    budget = current_budget()
    if budget is not None and len(text) > budget.limits.max_text_chars:  # refused before it is split into lines
        raise FileRefused(f"文字共 {len(text)} 字，超过 {budget.limits.max_text_chars // 10_000} 万字的上限")
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
