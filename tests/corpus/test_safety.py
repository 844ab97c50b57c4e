"""One set of limits for every file: names, size, type by content, zip bombs, huge sheets, time, memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest

from corpus import load_document
from corpus.errors import DocumentLoadError
from corpus.safety import MAX_NAME_BYTES, MB, FileRefused, ReadLimits, safe_file_name
from tests.support.documents import huge_cell_xlsx, many_rows_xlsx, programme_pdf, zip_bomb_docx

ROOT = Path(__file__).resolve().parents[2]


class TestFileNames:
    @pytest.mark.parametrize(
        ("raw", "reason"),
        [
            ("../../etc/passwd", "路径"),
            ("/etc/passwd", "路径"),
            ("..\\..\\windows\\win.ini", "路径"),
            ("uploads/进度表.docx", "路径"),
            ("进度表\x00.docx", "NUL"),
            ("", "没有名字"),
            ("   ", "没有名字"),
            ("..", "无效"),
        ],
    )
    def test_refused(self, raw, reason):
        with pytest.raises(FileRefused, match=reason):
            safe_file_name(raw)

    def test_chinese_names_are_kept_and_cleaned(self):
        assert safe_file_name("2024年肇庆市（1-6月）进度表.docx") == "2024年肇庆市（1-6月）进度表.docx"
        assert safe_file_name(".隐藏 .txt") == "隐藏 .txt"  # no hidden files
        assert safe_file_name('表<1>:"x"|?*.xlsx') == "表_1___x____.xlsx"
        assert safe_file_name("a\tb\u200bc.md") == "abc.md"  # control and format characters dropped

    def test_over_long_names_are_shortened_keeping_the_extension(self):
        name = safe_file_name("长" * 300 + ".docx")
        assert name.endswith(".docx") and len(name.encode()) <= MAX_NAME_BYTES and name.startswith("长长长")


def _refusal(path: Path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(DocumentLoadError) as caught:
        load_document(path, limits=limits)
    message = str(caught.value)
    assert path.name in message and str(path.parent) not in message  # names the file, never its folder
    return message


class TestTypeByContent:
    def test_a_program_renamed_pdf(self, tmp_path):
        fake = tmp_path / "方案.pdf"
        fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode")
        assert "Windows 程序" in _refusal(fake)

    def test_a_pdf_renamed_docx(self, tmp_path):
        fake = tmp_path / "进度表.docx"
        fake.write_bytes(programme_pdf(tmp_path).read_bytes())
        assert "PDF" in _refusal(fake)

    def test_a_truncated_docx(self, tmp_path):
        good = tmp_path / "good.docx"
        word = docx.Document()
        word.add_paragraph("2024年示例市工作要点")
        word.save(good)
        broken = tmp_path / "损坏.docx"
        broken.write_bytes(good.read_bytes()[:3000])
        assert "损坏的 zip 压缩包" in _refusal(broken)

    def test_a_zip_that_is_no_word_file(self, tmp_path):
        other = tmp_path / "资料.docx"
        with zipfile.ZipFile(other, "w") as archive:
            archive.writestr("readme.txt", "not a word file")
        assert "zip 压缩包" in _refusal(other)

    def test_a_word_file_with_broken_xml(self, tmp_path):
        broken = tmp_path / "坏.docx"
        with zipfile.ZipFile(broken, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document><w:body><w:p>没有结束")
        assert "无法解析" in _refusal(broken)


class TestSizes:
    def test_the_size_cap(self, tmp_path):
        big = tmp_path / "大文件.txt"
        big.write_bytes("污染防治攻坚。\n".encode() * 5000)  # 110 KB
        assert "文件大小 0.1 MB，超过 0.1 MB 的上限" in _refusal(big, ReadLimits(max_file_bytes=100 * 1024))

    def test_a_40_mb_text_is_refused_before_it_is_read(self, tmp_path):
        big = tmp_path / "四十兆.txt"
        with big.open("wb") as handle:
            for _ in range(40):
                handle.write(b"a" * MB)
        assert "20 MB" in _refusal(big)

    def test_too_much_text_for_the_budget(self, tmp_path):
        long = tmp_path / "长文.txt"
        long.write_text("一、目标\n" + "推进污染防治。" * 400, encoding="utf-8")
        assert "万字" in _refusal(long, ReadLimits(max_text_chars=1000))

    def test_a_zip_bomb(self, tmp_path):
        assert "压缩炸弹" in _refusal(zip_bomb_docx(tmp_path / "炸弹.docx", unpacked_mb=150))

    def test_a_64_mib_cell(self, tmp_path):
        path = huge_cell_xlsx(tmp_path / "巨型单元格.xlsx")
        assert path.stat().st_size < MB and "压缩" in _refusal(path)

    def test_a_long_cell_within_the_zip_limits(self, tmp_path):
        path = huge_cell_xlsx(tmp_path / "长单元格.xlsx", cell_bytes=200_000, random_text=True)  # compresses 2:1
        assert "单元格长 200000 字，超过 32767 字" in _refusal(path)

    def test_too_many_rows_stop_the_stream(self, tmp_path):
        path = many_rows_xlsx(tmp_path / "十万行.xlsx", rows=1500)
        assert "1000 行" in _refusal(path, ReadLimits(max_rows=1000))

    def test_too_many_cells(self, tmp_path):
        path = many_rows_xlsx(tmp_path / "单元格.xlsx", rows=400)
        assert "1000 个单元格" in _refusal(path, ReadLimits(max_cells=1000))

    def test_too_many_word_table_rows(self, tmp_path):
        path = tmp_path / "长表.docx"
        word = docx.Document()
        word.add_table(rows=30, cols=2)
        word.save(path)
        assert "20 行" in _refusal(path, ReadLimits(max_rows=20))

    def test_too_many_pdf_pages(self, tmp_path):
        from reportlab.pdfgen import canvas

        path = tmp_path / "三页.pdf"
        pages = canvas.Canvas(str(path))
        for n in range(3):
            pages.drawString(72, 720, f"page {n + 1}")
            pages.showPage()
        pages.save()
        assert "PDF 共 3 页，超过 2 页" in _refusal(path, ReadLimits(max_pdf_pages=2))

    def test_the_wall_clock_budget(self, tmp_path):
        slow = tmp_path / "慢.txt"
        slow.write_text("一、目标\n推进污染防治。\n" * 50, encoding="utf-8")
        assert "秒的时限" in _refusal(slow, ReadLimits(seconds=1e-9))


# -- memory: the file is read in a child process whose peak RSS is measured ---------------------------------------

LOAD_IN_CHILD = textwrap.dedent(
    """
    import resource, sys
    import docx, openpyxl, pdfplumber  # the parsers' own size, before the file is read
    from corpus import load_document
    from corpus.errors import DocumentLoadError
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        load_document(sys.argv[1])
        print("LOADED")
    except DocumentLoadError as exc:
        print("REFUSED", exc)
    print("KB", base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _peak_rss_of_loading(path: Path) -> tuple[str, float, float]:
    """(what the child printed, its peak RSS in MiB, its peak RSS before reading the file in MiB)."""
    result = subprocess.run([sys.executable, "-c", LOAD_IN_CHILD, str(path)], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)  # fmt: skip
    base, peak = next(line.split()[1:] for line in result.stdout.splitlines() if line.startswith("KB "))
    return result.stdout, int(peak) / 1024, int(base) / 1024


@pytest.mark.parametrize("make", [huge_cell_xlsx, zip_bomb_docx], ids=["64MiB-cell-xlsx", "docx-zip-bomb"])
def test_hostile_files_cost_little_memory(tmp_path, make):
    path = make(tmp_path / ("hostile.xlsx" if make is huge_cell_xlsx else "hostile.docx"))
    output, peak, base = _peak_rss_of_loading(path)
    assert "REFUSED" in output and "压缩" in output
    assert peak - base < 64, f"reading a refused file grew memory by {peak - base:.0f} MiB (peak {peak:.0f} MiB)"


def test_a_huge_sheet_is_refused_while_streaming(tmp_path):
    path = many_rows_xlsx(tmp_path / "十万行.xlsx", rows=100_000)
    output, peak, base = _peak_rss_of_loading(path)
    assert "REFUSED" in output and "20000 行" in output
    assert peak - base < 128, f"streaming a 100k-row sheet grew memory by {peak - base:.0f} MiB"
