"""New documents made in the test set-up, one per format, with figures the tests assert.

All figures are fictional (韶关市 in 2029). Each builder writes its file under `folder` and
returns its path; `FACTS` holds the figures put in them, so tests read expected values from
here, not from the code's output.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

YEAR = 2029
CITY = "韶关市"

# 1. a Word progress table: 区域 cells merged down two rows each; stations with PM2.5, PM10, O3
PROGRESS_TITLE = f"{YEAR}年韶关市各县（市、区）污染防治攻坚重点任务进度情况表（1-6月）"
STATIONS = {  # station: (region, {pollutant: (target, value, stated)})
    "东岗": ("浈江区", {"PM2.5": (26, 29, "未达任务要求"), "PM10": (42, 40, "达到任务要求"),
                       "O3": (146, 151, "基本完成任务要求")}),
    "西河": ("武江区", {"PM2.5": (25, 23, "达到任务要求"), "PM10": (40, 44, "未达任务要求"),
                       "O3": (148, 139, "达到任务要求")}),
}  # fmt: skip
VILLAGES = {"total": 14, "done": 4, "rate": "28.6%"}  # 浈江区, 进度滞后
SEWER_KM = {"total": 18, "done": 11, "rate": "61.1%"}  # 武江区, 按进度推进

# 2. an Excel indicator sheet: two-row merged header, 类别 merged down, a 注 row
PLAN_TITLE = "韶关市生态环境保护“十五五”规划主要指标"
INDICATORS = [  # 类别, 指标名称, 单位, 2025年现状值, 2030年目标值, 属性
    ("环境质量", "细颗粒物（PM2.5）年均浓度", "微克/立方米", 24, 21, "约束性"),
    ("环境质量", "城市空气质量优良天数比例", "%", 93.1, 95.2, "约束性"),
    ("污染减排", "农村生活污水治理率", "%", 62, 83, "预期性"),
]
PLAN_NOTE = "注：2025年现状值为预计数。"

# 3. an Excel statistics sheet of a kind the project has never seen
STATS_TITLE = f"{YEAR}年韶关市规模以上工业分行业增加值"
INDUSTRIES = [  # 行业, 增加值（亿元）, 增加值增速（%）
    ("有色金属冶炼和压延加工业", 120.5, 8.2),
    ("电力、热力生产和供应业", 98.3, 3.1),
    ("汽车制造业", 45.6, 12.7),
    ("食品制造业", 30.2, -1.5),
]

# 4. a PDF programme: issuer and number first, then the notice, then a table whose cells wrap
PDF_TITLE = f"韶关市{YEAR}年臭氧污染防治攻坚方案"
PDF_ISSUER = "韶关市大气污染防治工作领导小组办公室"
PDF_NUMBER = f"韶气防办〔{YEAR}〕7号"
PDF_TASKS = [  # 任务, 完成时限, 牵头单位
    ("完成全市38家涉挥发性有机物重点企业活性炭吸附设施提标改造并建立更换台账", f"{YEAR}年9月底前", "市生态环境局"),
    ("推动城市建成区餐饮服务单位全部安装高效油烟净化设施并定期清洗维护", f"{YEAR}年10月底前", "市城市管理和综合执法局"),
]  # fmt: skip
PDF_TEXT = f"到{YEAR}年底，全市臭氧日最大8小时平均浓度第90百分位数控制在145微克/立方米以内。"

# 5. a GB18030 text: a county's work points
TXT_TITLE = f"翁源县{YEAR}年水污染防治工作要点"
TXT_TEXT = f"{YEAR}年，全县农村生活污水治理率达到76%，新建镇级污水管网12公里。"


def workbook(path: Path, sheets: dict[str, list], merged: dict[str, tuple[str, ...]] | None = None) -> None:
    """An .xlsx at `path` with one sheet per name, each holding its rows (title, header, data) as given;
    `merged`: a sheet's merged ranges (「A2:A3」)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
    book.save(path)


def add_docx_table(word, header: list[str], rows: list, merged: tuple = ()) -> None:
    """A table of `header` and `rows` in the python-docx document `word`; each (top, bottom, columns) of
    `merged` merges those columns' cells of data rows top..bottom (1-based) into one, a real vertical merge
    (w:vMerge restart / continue) that keeps the top row's text."""
    table = word.add_table(rows=1 + len(rows), cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for r, values in enumerate(rows, start=1):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            cell.text = text
    for top, bottom, columns in merged:
        for c in columns:
            text = table.cell(top, c).text
            for r in range(top + 1, bottom + 1):
                table.cell(r, c).text = ""
            table.cell(top, c).merge(table.cell(bottom, c)).text = text


def docx_file(path: Path, lines: tuple[str, ...], header: list[str], rows: list, merged: tuple = ()) -> Path:
    """A .docx at `path`: the paragraphs `lines` (a title, a note), then a table of `header` and `rows` (`merged`
    as for `add_docx_table`)."""
    import docx

    word = docx.Document()
    for line in lines:
        word.add_paragraph(line)
    add_docx_table(word, header, rows, merged)
    word.save(path)
    return path


def progress_docx(folder: Path) -> Path:
    import docx

    path = folder / f"{PROGRESS_TITLE}.docx"
    word = docx.Document()
    word.add_paragraph("附件")
    word.add_paragraph(PROGRESS_TITLE)
    word.add_paragraph("填报单位：韶关市生态环境局")
    header = ["序号", "区域", "主要任务", "工作内容及要求", "工作进展情况"]
    rows = [
        ["1", "浈江区", "强化空气质量自动监测子站周边污染源管控。（5分）", _station_target("东岗"), _station_progress("东岗")],
        ["2", "浈江区", f"完成{VILLAGES['total']}个自然村生活污水治理。（3分）", f"{YEAR}年9月底前完成。",
         f"进度滞后。\n截至6月底，已完成{VILLAGES['done']}个自然村生活污水治理，完成率{VILLAGES['rate']}。"],
        ["3", "武江区", "强化空气质量自动监测子站周边污染源管控。（5分）", _station_target("西河"), _station_progress("西河")],
        ["4", "武江区", f"新建城镇污水管网{SEWER_KM['total']}公里。（3分）", f"{YEAR}年12月底前完成。",
         f"按进度推进。\n截至6月底，已建成城镇污水管网{SEWER_KM['done']}公里，完成率{SEWER_KM['rate']}。"],
    ]  # fmt: skip
    add_docx_table(word, header, rows, merged=((1, 2, (1,)), (3, 4, (1,))))  # each region over its two rows
    word.add_paragraph("本文件为测试用虚构材料。")
    word.save(path)
    return path


def _station_target(station: str) -> str:
    region, readings = STATIONS[station]
    parts = [f"{p}浓度达到或优于{t}微克/立方米" for p, (t, _, _) in readings.items()]
    return (f"{region}{station}空气质量自动监测子站" + "，".join(parts) + "。\n"
            "考核站点各项指标浓度达到或优于考核目标值的为达到任务要求；高于目标值但不高于2028年年均值的为基本完成任务要求。")  # fmt: skip


def _station_progress(station: str) -> str:
    region, readings = STATIONS[station]
    parts = [f"{p}浓度为{v}微克/立方米，{s}" for p, (_, v, s) in readings.items()]
    return f"【重点考核】\n1-6月，{region}{station}空气质量自动监测子站" + "；".join(parts) + "。"


def indicator_xlsx(folder: Path) -> Path:
    import openpyxl

    path = folder / f"{PLAN_TITLE}.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "主要指标"
    sheet["A1"] = PLAN_TITLE
    sheet.merge_cells("A1:G1")
    for cell, text in (("A2", "序号"), ("B2", "指标"), ("D2", "单位"), ("E2", "指标值"), ("G2", "指标属性"),
                       ("B3", "类别"), ("C3", "指标名称"), ("E3", "2025年现状值"), ("F3", "2030年目标值")):  # fmt: skip
        sheet[cell] = text
    for merged in ("A2:A3", "B2:C2", "D2:D3", "E2:F2", "G2:G3"):
        sheet.merge_cells(merged)
    for n, (group, name, unit, now, target, kind) in enumerate(INDICATORS, start=1):
        sheet.append([n, group, name, unit, now, target, kind])
    sheet.merge_cells("B4:B5")  # 环境质量 over the first two indicators
    sheet.append([PLAN_NOTE])
    sheet.merge_cells(f"A{sheet.max_row}:G{sheet.max_row}")
    book.save(path)
    return path


def statistics_xlsx(folder: Path) -> Path:
    import openpyxl

    path = folder / f"{STATS_TITLE}.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "分行业"
    sheet.append([STATS_TITLE])
    sheet.merge_cells("A1:C1")
    sheet.append(["行业", "增加值（亿元）", "增加值增速（%）"])
    for row in INDUSTRIES:
        sheet.append(list(row))
    sheet.append(["注：增速按可比价计算。"])
    book.save(path)
    return path


def programme_pdf(folder: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built in: no font file
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=13)
    path = folder / f"{PDF_TITLE}.pdf"
    story = [Paragraph(PDF_ISSUER, body), Paragraph(PDF_NUMBER, body),
             Paragraph(f"关于印发《{PDF_TITLE}》的通知", body),
             Paragraph("各县（市、区）人民政府，市有关单位：现将方案印发给你们，请认真组织实施。", body), Spacer(1, 12),
             Paragraph("一、工作目标", body), Paragraph(PDF_TEXT, body), Spacer(1, 12),
             Paragraph("表1 重点任务分工表", body)]  # fmt: skip
    rows = [[Paragraph(t, cell) for t in ("序号", "任务名称", "完成时限", "牵头单位")]]
    rows += [[Paragraph(str(n), cell), Paragraph(task, cell), Paragraph(due, cell), Paragraph(lead, cell)]
             for n, (task, due, lead) in enumerate(PDF_TASKS, start=1)]  # fmt: skip
    table = Table(rows, colWidths=[30, 230, 90, 110])  # narrow cells: each task wraps onto several lines
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 12), Paragraph("本文件为测试用虚构材料。", body)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def gb18030_txt(folder: Path) -> Path:
    path = folder / f"{TXT_TITLE}.txt"
    text = (f"翁源县人民政府办公室\n翁府办函〔{YEAR}〕12号\n翁源县人民政府办公室关于印发{TXT_TITLE}的通知\n"
            f"各镇人民政府：\n现将《{TXT_TITLE}》印发给你们，请认真贯彻落实。\n\n{TXT_TITLE}\n"
            f"一、工作目标\n{TXT_TEXT}\n二、重点任务\n（一）加快补齐污水收集管网短板，推进雨污分流改造。\n"
            "本文件为测试用虚构材料。\n")  # fmt: skip
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    return path


def all_new_documents(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "progress": progress_docx(folder),
        "indicators": indicator_xlsx(folder),
        "statistics": statistics_xlsx(folder),
        "pdf": programme_pdf(folder),
        "txt": gb18030_txt(folder),
    }


# -- hostile files ----------------------------------------------------------------------------------------------


def zip_bomb_docx(path: Path, unpacked_mb: int = 300) -> Path:
    """A .docx whose word/document.xml inflates from a few hundred KB to `unpacked_mb` MB,
    written as a stream (the test process never holds it)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>')
            block = b"A" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(block)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def huge_cell_xlsx(path: Path, cell_bytes: int = 64 * 1024 * 1024, random_text: bool = False) -> Path:
    """An .xlsx with one inline-string cell of `cell_bytes` bytes, streamed: repeated letters by
    default (64 MiB pack into tens of KB), or random letters that barely compress."""
    import random

    letters = random.Random(0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _write_xlsx_frame(archive)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(_SHEET_HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>')
            left = cell_bytes
            while left > 0:
                size = min(left, 1024 * 1024)
                block = bytes(letters.choices(range(97, 123), k=size)) if random_text else b"A" * size
                member.write(block)
                left -= size
            member.write(b"</t></is></c></row></sheetData></worksheet>")
    return path


def many_rows_xlsx(path: Path, rows: int) -> Path:
    """An .xlsx of `rows` rows of three cells each, streamed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _write_xlsx_frame(archive)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(_SHEET_HEAD)
            for r in range(1, rows + 1):
                member.write(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>任务{r}</t></is>'
                             f'</c><c r="C{r}"><v>{r % 97}</v></c></row>'.encode())  # fmt: skip
            member.write(b"</sheetData></worksheet>")
    return path


_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
               b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')  # fmt: skip


def _write_xlsx_frame(archive: zipfile.ZipFile) -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    archive.writestr("[Content_Types].xml", (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'))  # fmt: skip
    archive.writestr("_rels/.rels", (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))  # fmt: skip
    archive.writestr("xl/workbook.xml", (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'))  # fmt: skip
    archive.writestr("xl/_rels/workbook.xml.rels", (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))  # fmt: skip


def markdown_documents(folder: Path, texts: dict[str, str]) -> list:
    """Markdown files written under `folder`, each named by its title, loaded as documents."""
    from corpus import load_document

    paths = []
    for title, text in texts.items():
        path = folder / f"{title}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return [load_document(path) for path in paths]
