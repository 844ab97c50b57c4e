"""What a user's file may cost to read, checked before and while it is read.

Every file that enters the corpus — through the API, the web page or the command line — passes
the same checks, in this order, before any parser sees it:

1. its name (`safe_file_name`): no folders, no NUL, no control characters, at most
   `MAX_NAME_BYTES` bytes; Chinese kept;
2. its size (`ReadLimits.max_file_bytes`);
3. its type, from its first bytes and not its extension (`sniff`): %PDF, a zip holding the
   members of a Word or Excel file, or text; an .exe renamed .pdf is named as a program;
4. for .docx/.xlsx, the zip directory (`check_zip`): the unpacked size of all members and the
   compression ratio of each, so a zip bomb is refused before anything is inflated (Python's
   zipfile never inflates a member past the size its directory declares);
5. the shape of its tables, read as a stream (`check_workbook`, `check_docx_tables`,
   `check_pdf_pages`): rows, cells and a cell's length, stopping at the first excess.

While the parser runs, a `ReadBudget` (a context variable set by `reading_budget`) counts the
characters the loaders hand to the assembler and the wall-clock time, and stops the read when
either runs out. All refusals raise `FileRefused` with a Chinese reason.

>>> safe_file_name("2024年进度表.docx")
'2024年进度表.docx'
"""

from __future__ import annotations

import re
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024
MAX_NAME_BYTES = 200  # file systems allow 255; room for the suffix a copy may add
RATIO_CHECKED_FROM = MB  # smaller members may compress as well as they like
EXCEL_MAX_CELL_CHARS = 32_767  # Excel's own limit: a longer cell was not written by Excel

SUFFIX_KINDS = {".docx": "docx", ".xlsx": "xlsx", ".pdf": "pdf", ".txt": "text", ".md": "text"}
KIND_LABELS = {
    "docx": "Word 文档（.docx）",
    "xlsx": "Excel 工作簿（.xlsx）",
    "pdf": "PDF 文件",
    "text": "文本文件",
}
# first bytes of files that are none of the supported kinds, to say what a file is instead
FOREIGN_MAGIC = (
    (b"MZ", "Windows 程序（.exe/.dll）"),
    (b"\x7fELF", "Linux 程序"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版或加密的 Office 文件（.doc/.xls），请另存为 .docx/.xlsx"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文档，请另存为 .docx"),
)
ZIP_MEMBERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_DOCX_ROW = re.compile(rb"<w:tr[ >]")
_DOCX_CELL = re.compile(rb"<w:tc[ >]")
_WINDOWS_RESERVED = re.compile(r'[<>:"|?*]')


class FileRefused(Exception):  # noqa: N818 (a refusal, not a program error)
    """A file is refused by a limit; `str()` is the Chinese reason (without the file's name)."""


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may be and cost. Defaults suit policy documents with room to spare: the
    bundled five are at most 0.3 MB, 40 000 characters and 40 table rows each.

    >>> ReadLimits(max_file_bytes=5 * MB).max_file_bytes // MB
    5
    """

    max_file_bytes: int = 20 * MB
    seconds: float = 60.0  # wall-clock time to read one file
    max_unpacked_bytes: int = 100 * MB  # a .docx/.xlsx's members together
    max_compression_ratio: int = 100  # of one member over RATIO_CHECKED_FROM
    max_zip_members: int = 2_000
    max_rows: int = 20_000  # in all the tables of a file
    max_cells: int = 400_000
    max_cell_chars: int = EXCEL_MAX_CELL_CHARS
    max_pdf_pages: int = 500
    max_text_chars: int = 3_000_000  # running text and cells together

    def __post_init__(self) -> None:
        for name in ("max_file_bytes", "seconds", "max_unpacked_bytes", "max_rows", "max_cells", "max_text_chars"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")


# -- names ---------------------------------------------------------------------------------------------


def safe_file_name(raw: str) -> str:
    """The name a user's file is stored and shown under: the name they gave it, cleaned.

    Refused: an empty name, NUL, a folder part (「a/b.txt」「..\\\\x」「/etc/passwd」). Cleaned:
    Unicode NFC, control characters dropped, Windows-reserved characters 「<>:"|?*」 → 「_」,
    leading dots and spaces dropped (no hidden files); a name over `MAX_NAME_BYTES` bytes of
    UTF-8 is shortened, its extension kept.

    >>> safe_file_name(" .肇庆市　方案?.PDF ")
    '肇庆市\\u3000方案_.PDF'
    >>> len(safe_file_name("长" * 300 + ".docx").encode())
    200
    """
    if raw is None or not str(raw).strip():
        raise FileRefused("文件没有名字")
    name = str(raw)
    if "\x00" in name:
        raise FileRefused("文件名含有空字符（NUL）")
    if "/" in name or "\\" in name:
        raise FileRefused("文件名不能含有路径（「/」或「\\」）")
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf"))
    name = _WINDOWS_RESERVED.sub("_", name).strip().lstrip(". ").rstrip(". ")
    if not name or set(name) <= {"."}:
        raise FileRefused("文件名无效")
    return _shortened(name)


def _shortened(name: str) -> str:
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = name, ""
    room = MAX_NAME_BYTES - len(f".{suffix}".encode()) if suffix else MAX_NAME_BYTES
    cut = stem.encode()[:room].decode("utf-8", "ignore")
    return f"{cut}.{suffix}" if suffix else cut


def megabytes(size: float) -> str:
    """A size as users read it.

    >>> megabytes(20 * MB), megabytes(120 * 1024)
    ('20 MB', '0.12 MB')
    """
    return f"{round(size / MB, 1 if size >= MB else 2):g} MB"


# -- type and size -------------------------------------------------------------------------------------


def check_file(path: Path, limits: ReadLimits, shown_suffix: str | None = None) -> str:
    """Size, type by content and, for Office files, the zip directory and table shapes.

    Returns the content kind (docx / xlsx / pdf / text). `shown_suffix` is the extension of
    the name the user gave (default: the path's).
    """
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise FileRefused(f"文件大小 {megabytes(size)}，超过 {megabytes(limits.max_file_bytes)} 的上限")
    suffix = (shown_suffix if shown_suffix is not None else path.suffix).lower()
    expected = SUFFIX_KINDS.get(suffix)
    if expected is None:
        raise FileRefused(f"不支持的文件类型「{suffix or '无扩展名'}」，支持 {' '.join(SUFFIX_KINDS)}")
    with path.open("rb") as handle:
        head = handle.read(8192)
    kind, what = sniff(path, head)
    if kind != expected:
        raise FileRefused(f"扩展名是 {suffix}，但文件内容是{what}，不是{KIND_LABELS[expected]}")
    if kind in ZIP_MEMBERS:
        check_zip(path, kind, limits)
        if kind == "xlsx":
            check_workbook(path, limits)
        else:
            check_docx_tables(path, limits)
    elif kind == "pdf":
        check_pdf_pages(path, limits)
    return kind


def sniff(path: Path, head: bytes) -> tuple[str, str]:
    """(kind, what it is in words) from a file's first bytes; kind "" for nothing supported."""
    if b"%PDF-" in head[:1024]:  # the header may follow a few bytes of junk
        return "pdf", KIND_LABELS["pdf"]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        members = _zip_names(path)
        if members is None:
            return "", "损坏的 zip 压缩包（文件可能不完整）"
        for kind, member in ZIP_MEMBERS.items():
            if member in members:
                return kind, KIND_LABELS[kind]
        return "", "zip 压缩包（不是 Word 或 Excel 文件）"
    for magic, what in FOREIGN_MAGIC:
        if head.startswith(magic):
            return "", what
    return "text", KIND_LABELS["text"]  # decoding it decides (corpus.loading refuses binary)


def _zip_names(path: Path) -> set[str] | None:
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def check_zip(path: Path, kind: str, limits: ReadLimits) -> None:
    """Refuse a .docx/.xlsx whose directory promises too much: too many members, too many bytes
    unpacked, a member compressed too well (a zip bomb), encryption, or missing Office parts."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRefused(f"文件已损坏，无法作为{KIND_LABELS[kind]}打开") from exc
    if len(members) > limits.max_zip_members:
        raise FileRefused(f"压缩包内有 {len(members)} 个部件，超过 {limits.max_zip_members} 个的上限")
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or ZIP_MEMBERS[kind] not in names:
        raise FileRefused(f"文件已损坏：缺少{KIND_LABELS[kind]}必需的部件")
    unpacked = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise FileRefused("文件已加密，请取消密码后再导入")
        unpacked += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM and ratio > limits.max_compression_ratio:
            raise FileRefused(f"解压后大小异常（部件 {member.filename} 压缩比 {ratio:.0f}:1，疑似压缩炸弹），已拒绝")
    if unpacked > limits.max_unpacked_bytes:
        raise FileRefused(
            f"解压后共 {megabytes(unpacked)}，超过 {megabytes(limits.max_unpacked_bytes)} 的上限（疑似压缩炸弹）"
        )


def check_workbook(path: Path, limits: ReadLimits) -> None:
    """Stream every sheet (openpyxl read-only) and stop at the first row, cell count or cell
    length over the limits, before the full workbook is loaded."""
    import openpyxl

    budget = current_budget()
    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        rows = cells = 0
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                rows += 1
                cells += len(row)
                if rows > limits.max_rows:
                    raise FileRefused(f"工作表「{sheet.title}」等共超过 {limits.max_rows} 行的上限")
                if cells > limits.max_cells:
                    raise FileRefused(f"工作表「{sheet.title}」等共超过 {limits.max_cells} 个单元格的上限")
                for value in row:
                    if isinstance(value, str) and len(value) > limits.max_cell_chars:
                        raise FileRefused(
                            f"工作表「{sheet.title}」有一个单元格长 {len(value)} 字，超过 {limits.max_cell_chars} 字的上限"
                        )
                if budget is not None and rows % 256 == 0:
                    budget.charge(0)
    finally:
        workbook.close()


def check_docx_tables(path: Path, limits: ReadLimits) -> None:
    """Count the table rows and cells of a .docx by streaming word/document.xml, before
    python-docx builds its tree."""
    rows = cells = 0
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(ZIP_MEMBERS["docx"]) as xml:
        while chunk := xml.read(MB):
            data = tail + chunk  # a tag cut by the chunk boundary is whole here (tail < tag length)
            rows += len(_DOCX_ROW.findall(data))
            cells += len(_DOCX_CELL.findall(data))
            tail = data[-5:]
            if rows > limits.max_rows:
                raise FileRefused(f"表格共超过 {limits.max_rows} 行的上限")
            if cells > limits.max_cells:
                raise FileRefused(f"表格共超过 {limits.max_cells} 个单元格的上限")


def check_pdf_pages(path: Path, limits: ReadLimits) -> None:
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many kinds for a broken file
        raise FileRefused(f"文件已损坏，无法作为 PDF 打开（{type(exc).__name__}）") from exc
    if pages > limits.max_pdf_pages:
        raise FileRefused(f"PDF 共 {pages} 页，超过 {limits.max_pdf_pages} 页的上限")


# -- while reading -------------------------------------------------------------------------------------


@dataclass
class ReadBudget:
    """The characters and time one file's read may still use; loaders `charge` it as they go."""

    limits: ReadLimits
    deadline: float = field(default=0.0)
    chars: int = 0

    def charge(self, chars: int) -> None:
        self.chars += chars
        if self.chars > self.limits.max_text_chars:
            raise FileRefused(f"文字超过 {self.limits.max_text_chars // 10_000} 万字的上限")
        if time.monotonic() > self.deadline:
            raise FileRefused(f"读取超过 {self.limits.seconds:.0f} 秒的时限")


_BUDGET: ContextVar[ReadBudget | None] = ContextVar("read_budget", default=None)


@contextmanager
def reading_budget(limits: ReadLimits) -> Iterator[ReadBudget]:
    """Charge the reads inside this block to one budget (per thread and task)."""
    budget = ReadBudget(limits, deadline=time.monotonic() + limits.seconds)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def current_budget() -> ReadBudget | None:
    return _BUDGET.get()


def charge(chars: int = 0) -> None:
    """Count `chars` read (and check the clock) against the current budget, if any."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.charge(chars)
