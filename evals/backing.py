"""Unbacked figures: a line of a table answer that names one region and states a figure must
cite a row of that region holding that figure (or a fact of that region stating it).

This is the check for the worst defect a bureau can meet — 蓬江区's 805.33万元 printed under
another region's name. Lines naming several regions state figures about all of them (「共5个
区县」) and are not checked; years, dates, sub-item numbers, locators and names with digits
(PM2.5, NO2, O3-8h-90per, a licence 「JSSQ1322OOD017-1」, a cited row's 「年产3万吨…项目」) are not figures, nor is a position in a ranking of the cited rows (「排第2」), nor
a figure of a document's title (「〔2025〕27号」), nor one computed from two figures of the line (「超出1（由两数相减得出）」) or converted from one (「15.4公里（折合自表中15400米）」);
an average or a sum the answer computes from the region's rows cited (「算术平均为37.67」「合计1748天（5项相加）」) is stated by none of them and not checked (a city's, of its 区县's rows), but
one citing no row of that region or its 区县 is unbacked.

>>> unbacked_lines({"route": "structured", "answer": "- 江海区 执行率：9.25%",
...                 "facts": [], "citations": [{"section": "表 第3行（蓬江区）", "quote": "执行率9.25%"}]},
...                {"江海区": "江海区", "蓬江区": "蓬江区"}, "")
['- 江海区 执行率：9.25%']
"""

from __future__ import annotations

import re
import unicodedata

from corpus.gazetteer import gazetteer
from structured.numbers import without_thousands

NUMBER = re.compile(r"(?<![A-Za-z0-9.])-?\d+(?:\.\d+)?")
NOT_FIGURES = re.compile(
    r"20\d\d\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?|20\d\d\s*[./]\s*\d{1,2}(?!\d)|20\d\d\s*年(度)?|\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月|"
    r"\d{1,2}\s*月(底|份|末)?|\d{1,2}\s*日|序号\s*[:：]?\s*[\d一二三四五六七八九十\-（）()]+|第\s*\d+\s*[行项条页]|[（(]\s*\d+\s*[）)]|附件\s*\d+|表\s*\d+|"
    r"[a-zA-Z]+\d+(\.\d+)?[a-zA-Z0-9]*(-[a-zA-Z0-9]+)*|[一二三四]季度|\d+\s*项(相加|任务)?|共\s*\d+\s*(个|项|级|种|家|条)|排第\s*\d+"
)
TABLE_ROUTES = ("structured", "mixed")
AGGREGATE = re.compile(r"算术平均|\d+\s*项相加|另列小计")
# a figure the answer computes from two of the line's own (「超出1微克/立方米（由两数相减得出）」): its operands are checked
DERIVED = re.compile(r"-?\d+(?:\.\d+)?[^\d（(；;，,。]{0,8}[（(](?:由两(?:数|列|行)相(?:减|除)得出[）)]|折合自)")
# a row of the whole (「全市 全市平均为35」) beside a 区县's: the figures of the whole's rows cited back it too
WHOLE = "全市"
WHOLE_ROW = re.compile(r"全[市县区]\s*(全[市县区])?(平均|合计|总计|均值)")
TEXT_PART = "相关措施与要求"
ROW_NAME = 4  # a cited row's name this long, written with digits, is a name


def unbacked_lines(answer: dict, places: dict[str, str], question: str) -> list[str]:
    """The lines of a table answer whose one named region's figures no cited row or fact of that
    region states. `places` maps every name of a place (「蓬江」, 「蓬江区」) to its full name."""
    if answer.get("route") not in TABLE_ROUTES:
        return []
    text = answer.get("answer", "").split(TEXT_PART)[0]
    asked = set(_figures(question))
    backing = _backing(answer, places)
    titles = {c.get("title", "") for c in answer.get("citations", [])} - {""}
    # the names of the rows cited (「年产3万吨锂电池正极材料项目」): their digits are no figures
    names = {n for c in answer.get("citations", []) for inner in re.findall(r"[（(]([^（）()]+)[）)]", c.get("section", ""))
             for n in inner.split() if len(n) >= ROW_NAME and re.search(r"\d", n)}  # fmt: skip
    unbacked = []
    for line in text.splitlines():
        named = line
        while re.search(r"《[^《》]*》", named):  # innermost first: 「《…（监测依据：《标准》（GB 3838—2002））》」
            named = re.sub(r"《[^《》]*》", " ", named)
        for title in titles:  # a document's title names its city, not the row's region
            named = named.replace(title, " ")
        for name in names:
            named = named.replace(name, " ")
        regions = _regions_in(named, places)
        if len(regions) != 1:
            continue
        region = regions.pop()
        # (「…41，全市 全市平均为35」: the whole's row cited beside the region's backs its own figures)
        held = backing.get(region, set()) | (backing.get(WHOLE, set()) if WHOLE_ROW.search(named) else set())
        # (a city's sum is of its 区县's rows: 「茂名市：…合计1748天（5项相加）」 citing 茂南区, 电白区 …)
        within = any(gazetteer().parent_of(r, {region}) == region for r, figures in backing.items() if figures)
        if AGGREGATE.search(named) and (held or within):
            continue  # 「…的算术平均为26.17」「合计1748天（5项相加）」: computed from the region's rows cited, stated by none
        figures = _figures(DERIVED.sub(" ", named)) or _figures(named)  # (no operand on the line: the result is)
        if any(figure not in held and figure not in asked for figure in figures):
            unbacked.append(line)
    return unbacked


def _backing(answer: dict, places: dict[str, str]) -> dict[str, set[str]]:
    """Region → the figures its facts and cited rows state. A cited row is a region's when a fact
    of that region names the row as its source, or the row names the region itself."""
    backing: dict[str, set[str]] = {}
    row_regions: dict[tuple[str, str], set[str]] = {}
    for fact in answer.get("facts", []):
        region = places.get(fact.get("region", ""), fact.get("region", ""))
        stated = " ".join(str(fact.get(k, "")) for k in ("value", "target", "note", "item"))
        backing.setdefault(region, set()).update(_figures(stated, keep_all=True))
        source = fact.get("source") or {}
        row_regions.setdefault((source.get("doc_id", ""), source.get("locator", "")), set()).add(region)
    for citation in answer.get("citations", []):
        where = f"{citation.get('section', '')} {citation.get('quote', '')}"
        doc_id, section = citation.get("doc_id", ""), citation.get("section", "")
        # a task's row is cited once for its sub-items (「表 序号35」 for 「表 序号35（1）」)
        owners = {r for (d, loc), regions in row_regions.items() if d == doc_id and loc.startswith(section)
                  for r in regions}  # fmt: skip
        for region in _regions_in(where, places) | owners | ({WHOLE} if WHOLE_ROW.search(section) else set()):
            backing.setdefault(region, set()).update(_figures(citation.get("quote", ""), keep_all=True))
    return backing


def _regions_in(text: str, places: dict[str, str]) -> set[str]:
    found, rest = set(), text
    for name in sorted(places, key=len, reverse=True):
        if name in rest:
            found.add(places[name])
            rest = rest.replace(name, " ")
    return found


def _figures(text: str, keep_all: bool = False) -> list[str]:
    """Numbers as compared: 「85.490」 and 「85.49」 are one figure, and 「1,275.00」 is 1275."""
    text = unicodedata.normalize("NFKC", without_thousands(text))
    if not keep_all:
        text = NOT_FIGURES.sub(" ", text)
    return [_canonical(m.group(0)) for m in NUMBER.finditer(text)]


def _canonical(number: str) -> str:
    value = float(number)
    return str(int(value)) if value.is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")
