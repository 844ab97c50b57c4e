"""China's administrative divisions (省 / 市 / 县): which names are places, and whose they are.

The list ships in the `cpca` package (its adcode table, MIT licence); only the data file is
read, by path, so nothing of `cpca` is imported. A division's parent comes from its adcode:
a 县/区's first four digits name its city (440703 蓬江区 → 440700 江门市).

It tells the lexicon which words of a document are places (「端州区」, 「四会市」) and which
city a 区县 belongs to, and tells question understanding that 「广州市」 is a place the
documents do not cover.

>>> gazetteer().parent_of("蓬江区")
'江门市'
>>> gazetteer().level_of("海门市"), gazetteer().parent_of("海门市")
('county', '南通市')
>>> gazetteer().parent_of("无为市")  # 无为县 until 2019
'芜湖市'
>>> gazetteer().parent_of("凤翔区")  # 凤翔县 until 2021
'宝鸡市'
"""

from __future__ import annotations

import csv
import importlib.metadata
import re
from dataclasses import dataclass
from functools import lru_cache

import jieba

# Endings of division names, longest first; what is left is the short name (「端州区」 → 「端州」).
SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "林区",
            "省", "市", "区", "县", "盟", "旗")  # fmt: skip

# 「连南瑶族自治县」: everyday speech says 「连南县」 or 「连南」.
AUTONOMOUS = re.compile(r"^(.{2,}?)((?:[\u4e00-\u9fff]{1,3}族)+)自治(县|旗)$")

COMMON_STEM = 200  # jieba's count of a word this common (平原, 东海, 长安): no 区 is derived from its 县

# Rows of the adcode table that group divisions without being places.
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Division names that are also common words in these documents (「城区优良天数」, 「矿区」): only a
# document's own use of them (its tables, its title) makes them places.
COMMON_WORDS = frozenset({"城区", "郊区", "矿区", "新区", "市中区", "高新区", "开发区", "新城区", "老城区"})


@dataclass(frozen=True)
class Division:
    name: str
    adcode: str
    level: str  # province / city / county
    parent: str  # the city of a county, the province of a city, "" for a province


class Gazetteer:
    """Divisions by name; a name several provinces share keeps all its divisions."""

    def __init__(self, divisions: list[Division]) -> None:
        self.by_name: dict[str, list[Division]] = {}
        self.aliases: dict[str, str] = {}  # 「连南县」 → 「连南瑶族自治县」
        self.renamed: set[str] = set()  # 「无为市」: a 县 made a city after the list was drawn up
        for division in divisions:
            self.by_name.setdefault(division.name, []).append(division)
            autonomous = AUTONOMOUS.match(division.name)
            if autonomous:
                self.aliases[autonomous.group(1) + autonomous.group(3)] = division.name
        jieba.dt.check_initialized()  # (its word counts say which names are common words)
        # a 县 made a county-level city or a 区 after the list was drawn up (无为县 → 无为市, 2019; 凤翔县 → 凤翔区,
        # 2021): the new name is a division of its own, where no other division has it
        for division in divisions:
            county = (
                division.level == "county" and division.name.endswith("县") and not division.name.endswith("自治县")
            )
            # (a 区 only of a name no common word is: 「平原县」 gives no 「平原区」)
            common = (jieba.dt.FREQ.get(division.name[:-1]) or 0) >= COMMON_STEM
            for renamed in (division.name[:-1] + "市", *(() if common else (division.name[:-1] + "区",))):
                if county and len(renamed) >= 3 and renamed not in self.by_name:
                    self.by_name[renamed] = [Division(renamed, division.adcode, "county", division.parent)]
                    self.renamed.add(renamed)

    def get(self, name: str) -> list[Division]:
        return self.by_name.get(name, [])

    def is_place(self, name: str) -> bool:
        return name in self.by_name

    def level_of(self, name: str) -> str:
        found = self.get(name)
        return found[0].level if found else ""

    def parent_of(self, name: str, near: set[str] | frozenset[str] = frozenset()) -> str:
        """The parent of `name`; among namesakes, the one whose parent is `near` (the
        documents' other places), else the only one."""
        found = self.get(name)
        if len(found) > 1 and near:
            found = [d for d in found if d.parent in near] or found
        return found[0].parent if len(found) == 1 else ""

    def names(self, levels: tuple[str, ...] = ("province", "city", "county")) -> list[str]:
        return [name for name, found in self.by_name.items() if any(d.level in levels for d in found)]


def mentions(text: str) -> list[tuple[str, int, int]]:
    """(division, start, end) for every division of China a normalised text names as a word of its
    own: a full name, or a city's or province's short name or pinyin (「广州市」「北京」「shenzhen」);
    not inside a longer word (「示范县」 does not name 范县, 「中山公园」 not 中山市).

    >>> [m[0] for m in mentions("广州市和示范县的中山公园")]
    ['广州市']
    """
    import rjieba

    automaton = _mention_automaton(pinyin=re.search(r"[A-Za-z]{4}", text) is not None)
    tokens = [(start, end) for _, start, end in rjieba.tokenize(text, hmm=True)]
    starts, ends = {a for a, _ in tokens}, {b for _, b in tokens}
    found = []
    for end, (surface, names) in automaton.iter(text):
        start = end - len(surface) + 1
        if surface.isascii():
            whole = (start == 0 or not text[start - 1].isalnum()) and (
                end + 1 == len(text) or not text[end + 1].isalnum()
            )
            if not whole:
                continue
        elif start not in starts or end + 1 not in ends:
            continue
        found += [(name, start, end + 1) for name in names]
    return found


@lru_cache(maxsize=2)
def _mention_automaton(pinyin: bool):
    """The names to look for; with `pinyin`, the pinyin of short names too (「shenzhen」): only a text
    with a run of four Latin letters (the shortest pinyin kept; not 「PM2.5」) needs them, and pypinyin
    takes half a second to load."""
    import ahocorasick

    g = gazetteer()
    surfaces: dict[str, set[str]] = {}
    for name in g.names():
        if name in COMMON_WORDS:
            continue
        surfaces.setdefault(name, set()).add(name)
        short = short_name(name)
        if short and g.level_of(name) in ("province", "city"):
            surfaces.setdefault(short, set()).add(name)
            if pinyin:
                from pypinyin import lazy_pinyin

                surfaces.setdefault("".join(lazy_pinyin(short)), set()).add(name)
    for alias, name in g.aliases.items():
        surfaces.setdefault(alias, set()).add(name)
    automaton = ahocorasick.Automaton()
    for surface, names in surfaces.items():
        automaton.add_word(surface, (surface, sorted(names)))
    automaton.make_automaton()
    return automaton


def canonical_place(name: str, near: set[str] | frozenset[str] = frozenset()) -> str:
    """A table cell's place under its full name: 「蓬江」 → 「蓬江区」 when the documents' other places
    (`near`) make it unambiguous; the cell itself when it is a division or nothing fits."""
    name = name.strip()
    noted = re.fullmatch(r"(\w{2,}?[区县市镇])\s*[（(][^）)]{1,6}[）)]", name)  # 「枫溪区（功能区）」
    name = noted.group(1) if noted else name
    g = gazetteer()
    if not name or g.is_place(name):
        return name
    if name in g.aliases:
        return g.aliases[name]
    candidates = [n for n in (name + s for s in ("市", "区", "县")) if g.is_place(n)]
    if len(candidates) > 1:  # 「翁源」 is 翁源县, not the 翁源市 it might have become
        candidates = [n for n in candidates if n not in g.renamed] or candidates
    if len(candidates) > 1 and near:
        candidates = [n for n in candidates if n in near or g.parent_of(n, near) in near] or candidates
    return candidates[0] if len(candidates) == 1 else name


def short_name(name: str) -> str:
    """「端州区」 → 「端州」, 「广东省」 → 「广东」, 「连南瑶族自治县」 → 「连南」; "" when too little is
    left (「城区」)."""
    autonomous = AUTONOMOUS.match(name)
    if autonomous:
        return autonomous.group(1)
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    path = importlib.metadata.distribution("cpca").locate_file("cpca/resources/adcodes.csv")
    with open(path, encoding="utf-8") as handle:
        rows = [(row["adcode"][:6], row["name"]) for row in csv.DictReader(handle)]
    rows = [(code, name) for code, name in rows if name not in PLACEHOLDERS]
    names = dict(rows)
    divisions = []
    for code, name in rows:
        if code.endswith("0000"):
            divisions.append(Division(name, code, "province", ""))
        elif code.endswith("00"):
            divisions.append(Division(name, code, "city", names.get(code[:2] + "0000", "")))
        else:
            # counties of a municipality (北京市东城区) have no city row: their parent is the province
            parent = names.get(code[:4] + "00") or names.get(code[:2] + "0000", "")
            divisions.append(Division(name, code, "county", parent))
    return Gazetteer(divisions)
