"""What a user's file is: its title, issuing body, region, year, period and kind, read from its first lines.

Government files rarely start with their title. A Word attachment opens with 「附件」 (and a 附件
number), a notice opens with the issuing body (「肇庆市……领导小组办公室」) and its document number
(「肇气防办〔2024〕5号」), then 「关于印发《……》的通知」, whose 《》 holds the title of the file
that follows. So the title is, in order: the name inside 「关于印发《…》」, the first of the
opening lines that reads like a title (a kind word such as 方案 / 进度表 / 规划, not a body, a
number, a date, a salutation or a sentence), any such line, and last the file's name.

The region is the most specific division of China the title names (a 区县 over its city), else
the issuer, else the opening lines, else the city whose 区县 the tables' rows name; the year comes
from the title, the document number, the opening lines or a five-year plan's period (「十四五」 → 2021,
2021-2025年); the kind from words of the title, then of the opening lines.

>>> from corpus.assembler import DocumentAssembler
>>> parsed = DocumentAssembler()
>>> for line in ("附件", "2024年示例市各县（市、区）重点任务进度情况表（1-6月）", "填报单位：示例市生态环境局"):
...     parsed.add_line(line)
>>> info = infer_info("表.docx", parsed.finish())
>>> info.title, info.year, info.period, info.kind
('2024年示例市各县（市、区）重点任务进度情况表（1-6月）', 2024, '1-6月', 'progress_table')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath

from corpus.assembler import DocumentAssembler
from corpus.gazetteer import gazetteer, mentions
from corpus.model import DocumentInfo
from corpus.text import normalize_text

OPENING_LINES = 12  # lines read for the title, issuer and number
TITLE_CHARS = (6, 80)

# (kind, words): the first kind whose words the title has wins; then the same over the opening lines
KIND_RULES = (
    ("progress_table", r"进度|完成情况|推进情况|滞后情况"),
    ("five_year_plan", r"五年|十[一二三四五六七八九]五"),
    ("bulletin", r"通报"),
    ("statistics", r"统计|月报|年报|公报|汇总|监测数据|增加值|分行业"),
    ("key_points", r"要点"),
    ("work_plan", r"计划"),
    ("work_programme", r"方案"),
    ("plan", r"规划"),
)
TITLE_WORDS = re.compile(r"表|规划|方案|计划|要点|通报|通知|意见|办法|报告|汇总|统计|公报|指标|情况|清单|细则|决定")
FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}

ORGAN = re.compile(
    r"^(?:中共)?[\u4e00-\u9fff（）()、\s]{2,60}?"
    r"(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|领导小组|指挥部|管委会|分局|局|厅|委|办|中心)$"
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔［\[(（]\s*(20\d\d|19\d\d)\s*[〕］\])）]\s*\d{1,4}\s*号")
ISSUED = re.compile(r"^(?P<issuer>.{2,60}?)?关于印发\s*《(?P<title>[^》]{4,80})》")
ISSUED_BARE = re.compile(r"^(?P<issuer>.{2,60}?)?关于印发(?P<title>.{4,60}?)的通知")
NOT_A_TITLE = re.compile(
    r"^(附件|附表|附录)\s*[0-9一二三四五六七八九十]*\s*[:：]?$"
    r"|^(填报单位|报送单位|制表单位|制表|单位|联系人|抄送|印发)\s*[:：]"
    r"|^(密级|特急|加急|急件|主动公开|依申请公开|不予公开)"
    r"|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
    r"|^[（(]?[一二三四五六七八九十]+[、)）]|^\d+[.、．]"  # a numbered section heading
    r"|^目\s*录$"
)
PERIOD = re.compile(r"(\d{1,2}\s*[-—－~至]\s*\d{1,2}\s*月|[上下]半年|第[一二三四]季度|全年)")


def states_own_number(text: str) -> bool:
    """Whether a text gives a document's own number (「海办〔2020〕70号」 under its issuer), not one it cites in
    brackets after another document's title (「《…实施意见》（通委发〔2018〕21号）」)."""
    return any(not text[: m.start()].rstrip().endswith(("（", "(")) for m in DOC_NUMBER.finditer(text))


def infer_info(file_name: str, parsed: DocumentAssembler) -> DocumentInfo:
    """Metadata of a user's file from its name and its parsed first lines (the doc_id from its name)."""
    lines = opening_lines(parsed)
    stem = PurePath(file_name).stem
    title, issued_by = _title(lines, stem)
    title = re.sub(r"\s*\n\s*", "", title)  # a title broken over two lines in its cell or paragraph is one line
    issuer = _issuer(lines, issued_by)
    five_year = next((p for p in FIVE_YEAR_PLANS if p in title), "")
    year = _year(title, lines, stem, five_year)
    return DocumentInfo(
        doc_id=doc_id_for(file_name),
        title=title,
        issuer=issuer,
        region=_region(title, issuer, stem) or _region_of_rows(parsed) or most_specific_place(" ".join(lines)),
        year=year,
        period=_period(title, year, five_year),
        kind=infer_kind(title, lines),
        source_file=file_name,
    )


def opening_lines(parsed: DocumentAssembler) -> list[str]:
    """The first lines of a document in reading order, as written: headings, paragraphs, then
    the first table's caption (a spreadsheet's title row)."""
    lines: list[str] = []
    for block in parsed.blocks[:OPENING_LINES]:
        for text in (*block.heading_path, block.text):
            text = text.strip()
            if text and text not in lines:
                lines.append(text)
    for table in parsed.tables[:1]:
        caption = table.caption.strip()
        if caption and caption not in lines:
            lines.append(caption)
    return lines[:OPENING_LINES]


def _title(lines: list[str], stem: str) -> tuple[str, str]:
    """(title, the body that issued it when a 「…关于印发《title》的通知」 line says so)."""
    for line in lines:
        match = ISSUED.search(line) or ISSUED_BARE.search(line)
        if match:
            return match.group("title").strip(), (match.group("issuer") or "").strip()
    candidates = [line for line in lines if _title_like(line)]
    titled = [line for line in candidates if TITLE_WORDS.search(line)]
    if titled:
        return titled[0], ""
    stem_title = stem.strip()
    if TITLE_WORDS.search(stem_title) and re.search(r"[\u4e00-\u9fff]", stem_title):
        return stem_title, ""
    return (candidates[0] if candidates else stem_title or stem), ""


def _title_like(line: str) -> bool:
    low, high = TITLE_CHARS
    return (
        low <= len(line) <= high
        and not NOT_A_TITLE.search(line)
        and not ORGAN.match(line)
        and not DOC_NUMBER.fullmatch(line.strip())
        and not line.endswith(("。", "：", ":", "；"))
    )


def _issuer(lines: list[str], issued_by: str) -> str:
    """The issuing body (「肇庆市高要区人民政府办公室」), with its document number when the file
    gives one: 「…办公室（要府办函〔2024〕21号）」, as the corpus manifest writes it."""
    organ = issued_by if ORGAN.match(issued_by) else ""
    if not organ:
        organ = next((line for line in lines if len(line) <= 60 and ORGAN.match(line)), "")
    number = next((m.group(0) for line in lines if (m := DOC_NUMBER.search(line))), "")
    organ = re.sub(r"\s+", "、", organ.strip())
    return f"{organ}（{number}）" if organ and number else organ


def _region(title: str, issuer: str, stem: str) -> str:
    """The most specific place the title names, else the issuer's, else the file name's (a note row
    「备注：太白县…无滞后任务」 among the opening lines names no document's region)."""
    for text in (title, issuer, stem):
        place = most_specific_place(text)
        if place:
            return place
    return ""


def _region_of_rows(parsed: DocumentAssembler) -> str:
    """「各县（市、区）…进展情况表」 that names no city: the city whose 区县 its tables' rows name (two or more, of
    one city only), else ""."""
    cells = " ".join(cell for table in parsed.tables for row in table.rows for cell in row[:3])
    counties = [n for n, _, _ in mentions(normalize_text(cells)) if gazetteer().level_of(n) == "county"]
    cities = {gazetteer().parent_of(n, set(counties)) for n in counties}
    return cities.pop() if len(set(counties)) >= 2 and len(cities) == 1 and "" not in cities else ""


def most_specific_place(text: str) -> str:
    """The 区县 a text names (over its city), else its first city, else its first province.

    >>> most_specific_place("肇庆市高要区人民政府办公室"), most_specific_place("2024年肇庆市各县（市、区）")
    ('高要区', '肇庆市')
    """
    found = list(dict.fromkeys(name for name, _, _ in mentions(normalize_text(text))))
    if not found:
        return ""
    g = gazetteer()
    by_level = {level: [n for n in found if g.level_of(n) == level] for level in ("county", "city", "province")}
    cities = {g.parent_of(n, set(found)) for n in by_level["county"]}
    if len(by_level["county"]) >= 2 and len(cities) == 1 and "" not in cities:
        return cities.pop()  # a sheet of 武陵区、鼎城区 … is of their city, 常德市
    for level in ("county", "city", "province"):
        if by_level[level]:
            return by_level[level][0]
    return found[0]


def _year(title: str, lines: list[str], stem: str, five_year: str) -> int | None:
    if five_year:
        return FIVE_YEAR_PLANS[five_year]
    for text in (title, *(m.group(0) for line in lines if (m := DOC_NUMBER.search(line))), " ".join(lines), stem):
        match = re.search(r"(20\d\d|19\d\d)\s*年", text) or re.search(r"[〔［\[(（]\s*(20\d\d)\s*[〕］\])）]", text)
        if match:
            return int(match.group(1))
    return None


def _period(title: str, year: int | None, five_year: str) -> str:
    if five_year:
        start = FIVE_YEAR_PLANS[five_year]
        return f"{start}-{start + 4}年"
    span = re.search(r"(20\d\d)\s*[-—－~至]\s*(20\d\d)\s*年", title)
    if span:
        return f"{span.group(1)}-{span.group(2)}年"
    match = PERIOD.search(title)
    if match:
        return re.sub(r"\s*[-—－~至]\s*", "-", match.group(1))
    return f"{year}年" if year else ""


def infer_kind(title: str, lines: list[str] = ()) -> str:
    """The kind of a document from its title, else its opening lines; 'other' when no word says."""
    for text in (title, " ".join(lines)):
        for kind, words in KIND_RULES:
            if re.search(words, text):
                return kind
    return "other"


def doc_id_for(file_name: str) -> str:
    """A stable id for a user's file from its name: the same name replaces the file's old version.

    >>> doc_id_for("高要区2024年水污染防治工作要点.txt")
    'user-高要区2024年水污染防治工作要点'
    """
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", PurePath(file_name).stem).strip("-").lower()
    return f"user-{stem or hashlib.sha1(file_name.encode()).hexdigest()[:8]}"


# -- edits ------------------------------------------------------------------------------------------

EDITABLE_FIELDS = ("title", "issuer", "region", "year", "period", "kind")
FIELD_NAMES = {
    "title": "标题",
    "issuer": "发文机关",
    "region": "地区",
    "year": "年份",
    "period": "时期",
    "kind": "类型",
}


def validate_edits(changes: dict) -> dict:
    """Metadata a user typed, checked and normalised; ValueError with a Chinese reason.

    >>> validate_edits({"region": "高要", "kind": "工作要点", "year": "2024"})
    {'region': '高要区', 'kind': 'key_points', 'year': 2024}
    """
    from corpus.gazetteer import canonical_place
    from corpus.model import DOCUMENT_KINDS

    unknown = [name for name in changes if name not in EDITABLE_FIELDS]
    if unknown:
        raise ValueError(f"不能修改「{'、'.join(map(str, unknown))}」，可修改：{'、'.join(EDITABLE_FIELDS)}")
    if not changes:
        raise ValueError("没有要修改的内容")
    clean: dict = {}
    for name, value in changes.items():
        label = FIELD_NAMES[name]
        if name == "year":
            clean[name] = _year_value(value)
            continue
        if not isinstance(value, str):
            raise ValueError(f"{label}应为文字")
        value = unicodedata.normalize("NFC", value).strip()
        if any(unicodedata.category(c) == "Cc" for c in value):
            raise ValueError(f"{label}含有控制字符")
        if len(value) > 200:
            raise ValueError(f"{label}太长（{len(value)} 字），最多 200 字")
        if name == "title" and not value:
            raise ValueError("标题不能为空")
        if name == "region" and value:
            place = canonical_place(value)
            if not gazetteer().is_place(place):
                raise ValueError(f"「{value}」不是中国的行政区划名称（如 肇庆市、高要区）")
            value = place
        if name == "kind":
            by_label = {v: k for k, v in DOCUMENT_KINDS.items()}
            value = by_label.get(value, value)
            if value not in DOCUMENT_KINDS:
                choices = "、".join(f"{k}（{v}）" for k, v in DOCUMENT_KINDS.items())
                raise ValueError(f"未知的文件类型「{changes[name]}」，可选：{choices}")
        clean[name] = value
    return clean


def _year_value(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        raise ValueError("年份应为四位数字，如 2024")
    year = int(str(value).strip())
    if not 1949 <= year <= 2100:
        raise ValueError(f"年份 {year} 不在 1949—2100 之间")
    return year
