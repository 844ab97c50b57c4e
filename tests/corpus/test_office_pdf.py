"""Word and PDF files load through the same entry point: headings, text and tables."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from corpus import load_document

HTML = """<html><head><meta charset="utf-8"><style>body{font-family:'Noto Sans CJK SC',sans-serif}
td,th{border:1px solid #000;padding:4px}table{border-collapse:collapse}</style></head><body>
<h1>示例市2024年生态环境工作方案</h1>
<p>一、总体目标</p>
<p>到2024年底，示例市细颗粒物（PM2.5）年均浓度控制在25微克/立方米以内，空气质量优良天数比例达到92%。</p>
<table><tr><th>序号</th><th>区域</th><th>主要任务</th><th>工作进展情况</th></tr>
<tr><td>1</td><td>甲区</td><td>完成10座加油站油气回收改造。</td><td>进度滞后。</td></tr>
<tr><td>2</td><td>乙区</td><td>新增污水管网5公里。</td><td>按进度推进。</td></tr></table>
</body></html>"""


def test_docx_headings_text_and_tables(tmp_path):
    path = tmp_path / "方案.docx"
    word = docx.Document()
    word.add_heading("示例市2024年工作方案", level=1)
    word.add_heading("一、总体目标", level=2)
    word.add_paragraph("PM2.5年均浓度控制在25微克/立方米以内。")
    table = word.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "指标名称", "目标值"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "优良天数比例", "≥92%"
    word.save(path)
    document = load_document(path)
    block = next(b for b in document.blocks if "25微克" in b.text)
    assert block.heading_path[-1] == "一、总体目标"
    assert document.tables[0].rows == [["指标名称", "目标值"], ["优良天数比例", "≥92%"]]
    assert document.info.year == 2024 and document.info.kind == "work_programme"


def test_a_word_tables_title_above_its_unit_line_is_its_caption(tmp_path):
    """「单位：万元」 between a Word table's title and the table is a note of the table, not its caption:
    two tables of one file keep their own titles (and so their fund level)."""
    path = tmp_path / "资金执行情况.docx"
    word = docx.Document()
    for level, spent in (("省级", "120"), ("市级", "45")):
        word.add_paragraph(f"示例市2025年{level}生态环境资金执行情况表")
        word.add_paragraph("单位：万元")
        table = word.add_table(rows=2, cols=3)
        for cell, text in zip(table.rows[0].cells, ("区县", "下达资金", "已支出"), strict=True):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ("甲区", "300", spent), strict=True):
            cell.text = text
    word.add_paragraph("报送单位：示例市生态环境局")
    word.add_paragraph("本表数据截至6月30日。")
    word.save(path)
    tables = load_document(path).tables
    assert [t.caption for t in tables] == [
        "示例市2025年省级生态环境资金执行情况表",
        "示例市2025年市级生态环境资金执行情况表",
    ]
    assert [t.notes for t in tables] == [["单位：万元"], ["单位：万元"]]


@pytest.mark.browser
def test_pdf_printed_by_chromium(tmp_path):
    """A real PDF: Chromium prints an HTML page with Chinese text and a table."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.fail("/usr/bin/chromium is missing: `make test` installs it")
    from playwright.sync_api import sync_playwright

    pdf = tmp_path / "示例方案.pdf"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content(HTML)
        page.pdf(path=str(pdf))
        browser.close()
    document = load_document(pdf)
    text = "".join(b.text for b in document.blocks)
    assert "年均浓度控制在25微克/立方米以内" in text.replace(" ", "")
    assert any(b.heading_path and b.heading_path[-1] == "一、总体目标" for b in document.blocks)
    assert len(document.tables) == 1
    rows = document.tables[0].rows
    assert rows[0] == ["序号", "区域", "主要任务", "工作进展情况"] and rows[1][:2] == ["1", "甲区"]


def _pdf_table(path, rows, widths, style=()):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    table = Table(rows, colWidths=widths)
    base = [("FONT", (0, 0), (-1, -1), "STSong-Light", 9), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
    table.setStyle(TableStyle([*base, *style]))
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    return path


def test_a_pdf_header_wider_than_its_column_stays_in_its_cell(tmp_path):
    """A centred header a little wider than its column (「同比（百分点）」 over a narrow column) keeps all its
    characters: its edges are not read into the neighbouring headers (「比例 同」「） 目标」)."""
    rows = [
        ["县（区）", "比例", "同比（百分点）", "目标"],
        ["甲区", "80.3", "1.5", "80.0"],
        ["乙区", "74.8", "-0.7", "77.0"],
    ]
    # 7 characters of 9 pt in 50 pt: 6.5 pt over each side
    path = _pdf_table(tmp_path / "优良天数.pdf", rows, [60, 40, 50, 40], [("ALIGN", (0, 0), (-1, -1), "CENTER")])
    assert load_document(path).tables[0].rows == rows


def test_two_pdf_cells_close_to_their_line_stay_apart(tmp_path):
    """「已完成」 set right against the line and 「1」 left against it, with little padding, read as one word: each
    still stays in its own cell."""
    rows = [["县（区）", "状态", "数", "备注"], ["甲区", "已完成", "1", "无"], ["乙区", "未完成", "12", "无"]]
    style = [("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (2, 0), (2, -1), "LEFT"),
             ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]  # fmt: skip
    path = _pdf_table(tmp_path / "状态.pdf", rows, [50, 40, 30, 40], style)
    assert load_document(path).tables[0].rows == rows
