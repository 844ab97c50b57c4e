"""The words the assistant knows, learned from the documents of one data version.

A `Lexicon` holds `Term`s: places (with the city a 区县 belongs to), stations, pollutants,
indicators, departments, fund levels, status words, attributes, years and periods, and the
names of documents and tables. It is built at ingest from the documents (this module: titles,
manifest regions, places in running text) and from the parsed tables (`structured.vocabulary`),
saved with the data version, and read by question understanding and by the tokenizer (the
jieba dictionary). The glossary adds only aliases (二氧化氮 → NO2) and overrides.

>>> lexicon = Lexicon([Term("蓬江区", "place", "蓬江区", parent="江门市"), Term("蓬江", "place", "蓬江区")])
>>> [(m.start, m.term.value) for m in lexicon.find("蓬江区东湖站")]
[(0, '蓬江区')]
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import ahocorasick
import jieba

from corpus.gazetteer import gazetteer, short_name
from corpus.glossary import FUND_LEVELS, PLACE_ALIAS_EXCEPTIONS, POLLUTANTS, STATUS_WORDS, TOWN_NOT_NAMES
from corpus.model import Document
from corpus.text import normalize_text

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading messages (in English) are not for the user

KINDS = ("place", "station", "pollutant", "indicator", "department", "level", "status", "attribute", "year",
         "period", "document", "caption", "column", "entity")  # fmt: skip
LEVELS = ("province", "city", "county", "town")


@dataclass(frozen=True)
class Term:
    """One way of writing one thing: `surface` (normalised) means `value` of `kind`.

    `parent` is the city of a 区县 (or the 区县 of a town), the region of a station, the
    parent of a sub-indicator; `level` the level of a place; `table`/`field` the column a
    value was read from ("" for words of the documents' text).
    """

    surface: str
    kind: str
    value: str
    parent: str = ""
    level: str = ""
    table: str = ""
    field: str = ""


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term

    @property
    def text_len(self) -> int:
        return self.end - self.start


class Lexicon:
    """Terms with an automaton that finds every occurrence of their surfaces in a text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        unique: dict[tuple, Term] = {}
        for term in terms:
            surface = normalize_text(term.surface).strip()
            if surface and not (len(surface) == 1 and "\u4e00" <= surface <= "\u9fff"):
                term = Term(surface, term.kind, term.value, term.parent, term.level, term.table, term.field)
                unique.setdefault((surface, term.kind, term.value, term.table, term.field), term)
        self.terms = list(unique.values())
        self._automaton = ahocorasick.Automaton()
        by_surface: dict[str, list[Term]] = {}
        for term in self.terms:
            by_surface.setdefault(term.surface, []).append(term)
        for surface, terms in by_surface.items():
            self._automaton.add_word(surface, (surface, terms))
        if by_surface:
            self._automaton.make_automaton()
        self._by_surface = by_surface

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[Match]:
        """Every occurrence of a term in normalised `text`; an ASCII surface only as a whole word,
        and a longer match hides the shorter ones inside it (「富民南路」 hides 「富民」)."""
        if not self._by_surface:
            return []
        wanted = set(kinds) if kinds is not None else None
        found: dict[tuple, Match] = {}
        for end, (surface, terms) in self._automaton.iter(text):
            start = end - len(surface) + 1
            if surface.isascii() and not _whole_word(text, start, end + 1):
                continue
            if surface[0].isdigit() and start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-—~至到"):
                continue  # 「pm2.5月均」 names no 「5月」, 「1-6月」 no 「6月」
            if _excepted(surface, text, end + 1) or (
                start > 0 and text[start - 1] in DEMONSTRATIVES and surface[0] == "一"
            ):
                continue  # 「那一类」「这一项」 point back; they name no 「一类」 sea area
            for t in terms:
                if wanted is None or t.kind in wanted:
                    # two tables' columns of one id (g4's c3, g5's c3) are two matches; a place is one
                    table = t.table if t.kind in ("column", "entity") else ""
                    found.setdefault((start, end + 1, t.kind, t.value, table), Match(start, end + 1, t))
        matches = list(found.values())
        # 「衡阳」 is 衡阳市, not 衡阳县 (said with its 县); a 区 keeps its name (「屯溪、黄山两个区」)
        cities = {(m.start, m.end) for m in matches if m.term.kind == "place" and m.term.level == "city"}
        matches = [m for m in matches if not (m.term.kind == "place" and m.term.level == "county"
                                              and (m.start, m.end) in cities and m.term.value.endswith("县")
                                              and m.term.surface != m.term.value)]  # fmt: skip
        return [m for m in matches if not any(_inside(m, o) for o in matches)]

    def of_kind(self, kind: str) -> list[Term]:
        return [t for t in self.terms if t.kind == kind]

    def values(self, kind: str) -> list[str]:
        return list(dict.fromkeys(t.value for t in self.terms if t.kind == kind))

    def places(self, level: str | None = None) -> list[str]:
        return list(dict.fromkeys(t.value for t in self.terms if t.kind == "place" and (not level or t.level == level)))

    def parent_of(self, value: str, kind: str = "place") -> str:
        return next((t.parent for t in self.terms if t.kind == kind and t.value == value and t.parent), "")

    def children_of(self, place: str) -> list[str]:
        return list(dict.fromkeys(t.value for t in self.terms if t.kind == "place" and t.parent == place))

    def names_of(self, value: str, kind: str = "place") -> list[str]:
        """Every surface of a value, longest first."""
        return sorted({t.surface for t in self.terms if t.kind == kind and t.value == value}, key=len, reverse=True)

    def jieba_words(self) -> list[str]:
        """Names jieba must keep whole: places, stations, departments, fund levels and attributes
        (not long compounds such as an indicator's full name, whose parts are what a search
        matches, nor anything with Latin letters or digits: 「PM2.5年均浓度」 must still yield pm2.5)."""
        kinds = ("place", "station", "department", "level", "attribute")
        return sorted(
            {t.surface for t in self.terms if t.kind in kinds and 2 <= len(t.surface) <= 8 and _all_chinese(t.surface)}
        )

    def extended(self, terms: Iterable[Term]) -> Lexicon:
        return Lexicon([*self.terms, *terms])

    # -- persistence ---------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"terms": [asdict(t) for t in self.terms]}

    @classmethod
    def from_dict(cls, data: dict) -> Lexicon:
        return cls(Term(**t) for t in data["terms"])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


DEMONSTRATIVES = frozenset("这那哪每同某另该其中统单")  # 「那一类」「其中一类」「统一类」


def _all_chinese(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and (after.isalnum() or after == "."))


ROW_KIND = re.compile(r"子站|站点?|监测站|监测点|点位|断面|国控点|省控点")  # what a row name may be said with


def _excepted(surface: str, text: str, end: int) -> bool:
    """「江海直达」 is a kind of ship, not 江海区: the glossary's overrides."""
    return any(text.startswith(word, end) for word in PLACE_ALIAS_EXCEPTIONS.get(surface, ()))


def _inside(inner: Match, outer: Match) -> bool:
    return (
        outer.text_len > inner.text_len
        and outer.start <= inner.start
        and inner.end <= outer.end
        and outer.term.kind == inner.term.kind
        # one table's longer header hides no other table's (「PM2.5浓度」 of a ranking, 「PM2.5」 of a sheet of months);
        # a longer row name does (「联合桥」 断面 is not the 「联合」 子站 of another sheet), unless it is the same one with
        # its kind said (「蔡子池子站」 of one sheet is 「蔡子池」 of another)
        and (
            outer.term.kind not in ("column", "entity")
            or outer.term.table == inner.term.table
            or (
                outer.term.kind == "entity"
                and not ROW_KIND.fullmatch(outer.term.surface.removeprefix(inner.term.surface))
            )
        )
    )


# -- terms from the documents ----------------------------------------------------------------------


def place_terms(name: str, level: str, parent: str, source_kind: str = "place") -> list[Term]:
    """A place under its full name, its short name (「蓬江」) and their pinyin (「pengjiang」)."""
    from pypinyin import lazy_pinyin

    short = short_name(name) if level != "town" else ""
    surfaces = [name, short] if short else [name]
    surfaces += [alias for alias, full in gazetteer().aliases.items() if full == name]  # 「连南县」
    terms = [Term(s, source_kind, name, parent, level) for s in surfaces]
    for surface in surfaces:
        spelled = "".join(lazy_pinyin(surface))
        if spelled.isascii() and len(spelled) >= 4:
            terms.append(Term(spelled, source_kind, name, parent, level))
    return terms


# A zone named after its city (「德阳高新区」「宜春经开区」) is said without the city (「高新区」) where no other zone of
# the documents is called so.
# (「新区」 of 「镇江新区」; 「高新区」 said is the longer word, never its 新区)
ZONE_WORDS = ("高新区", "经开区", "新区")  # (not 「开发区」「工业园区」: said of many a park, not one)


def documents_lexicon(documents: list[Document], table_terms: Iterable[Term]) -> Lexicon:
    """A data version's lexicon: the documents' places and names, their tables' terms, the glossary's, and the bare
    names of zones (`zone_names`)."""
    terms = [*document_terms(documents), *table_terms, *glossary_terms()]
    return Lexicon([*terms, *zone_names(terms)])


# a zone's own name after its city's (「眉山天府新区」 is said 「天府新区」)
NAMED_ZONE = re.compile(r"^[\u4e00-\u9fff]{2,8}(新区|高新区|经开区|开发区)$")


def zone_names(terms: Iterable[Term]) -> list[Term]:
    """The bare zone word (「高新区」) of each place named 「<its city><zone word>」, and the zone's own name of one
    named 「<its city><name><zone word>」 (「天府新区」 of 「眉山天府新区」), that no other place has."""
    zones: dict[str, dict[str, Term]] = {}
    for term in terms:
        city = short_name(term.parent) if term.kind == "place" and term.surface == term.value and term.parent else ""
        word = next((w for w in ZONE_WORDS if term.value == f"{city}{w}"), "") if city else ""
        rest = term.value[len(city) :] if city and term.value.startswith(city) else ""
        word = word or (rest if NAMED_ZONE.match(rest) else "")
        if word:
            zones.setdefault(word, {}).setdefault(term.value, term)
    return [Term(word, "place", t.value, t.parent, t.level)
            for word, places in zones.items() if len(places) == 1 for t in places.values()]  # fmt: skip


def document_terms(documents: list[Document]) -> list[Term]:
    """Places of the documents (manifest region, title, running text, table cells) with their
    parents, and the names of documents and tables."""
    places: dict[str, tuple[str, str]] = {}  # name → (level, parent)
    towns: dict[str, str] = {}
    g = gazetteer()
    regions = {d.info.region for d in documents if d.info.region}
    for document in documents:
        texts = [document.info.title, document.info.region, *(b.text for b in document.blocks)]
        texts += [cell for table in document.tables for row in table.rows for cell in row]
        texts += [table.caption for table in document.tables]
        for text in texts:
            for name in _divisions_in(text):
                places.setdefault(name, (g.level_of(name), ""))
        region = document.info.region
        for text in texts:
            for town, county in _towns_in(text, set(places)):
                towns.setdefault(town, county or region)
    # a 区县 named in running text counts only if its city is one of the documents' places too:
    # 「示范县」 holds 「范县」, 「西区」 is also a station, and neither city is in these documents
    near = set(places)
    terms = []
    for name, (level, _) in places.items():
        parent = g.parent_of(name, near)
        if level == "county" and parent not in near and name not in regions:
            continue
        terms += place_terms(name, level, parent)
    for town, parent in towns.items():
        terms += place_terms(town, "town", parent)
    for document in documents:
        terms.append(Term(document.info.title, "document", document.doc_id))
        if document.info.year:
            terms.append(Term(f"{document.info.year}年", "year", str(document.info.year)))
    return terms


def glossary_terms() -> list[Term]:
    """Aliases the documents do not teach: pollutants' formulae and Chinese names, status words."""
    terms = [Term(alias, "pollutant", canonical) for canonical, aliases in POLLUTANTS.items() for alias in aliases]
    terms += [Term(canonical, "pollutant", canonical) for canonical in POLLUTANTS]
    terms += [Term(word, "status", word) for word in STATUS_WORDS]
    terms += [Term(word, "level", word) for word in FUND_LEVELS]
    return terms


_DIVISION_PATTERN: re.Pattern[str] | None = None


def _divisions_in(text: str) -> list[str]:
    """Full names of divisions in a text (「肇庆市」, 「端州区」), not a longer name's tail."""
    global _DIVISION_PATTERN
    if _DIVISION_PATTERN is None:
        names = sorted(gazetteer().names(), key=len, reverse=True)
        _DIVISION_PATTERN = re.compile("|".join(map(re.escape, names)))
    return list(dict.fromkeys(m.group(0) for m in _DIVISION_PATTERN.finditer(normalize_text(text))))


def _towns_in(text: str, counties: set[str]) -> list[tuple[str, str]]:
    """Towns a text names (「荷塘镇」 in 「蓬江区荷塘镇污水处理厂」), with the 区县 named just before:
    two characters before 镇 or 街道 that start a word and read as a name, not as a verb, a
    modifier or the tail of 城镇 / 乡镇."""
    flat = normalize_text(text)
    if "镇" not in flat and "街道" not in flat:
        return []
    starts = {start for _, start, _ in jieba.tokenize(flat)}
    found = []
    for match in re.finditer(r"([\u4e00-\u9fff]{2})(镇|街道)", flat):
        name = match.group(1)
        if match.start() not in starts or name[-1] + match.group(2) in GENERIC_TOWN_WORDS:
            continue
        # 「…的天镇县」: the 镇 of a county's name (not 「新荣镇区」「新荣镇市场监管所」)
        tails = [flat[k : match.end() + 1] for k in range(match.start(), match.end() - 1)]
        if flat[match.end() : match.end() + 1] in ("县", "区", "市") and any(
            t in counties or gazetteer().is_place(t) for t in tails
        ):
            continue
        if name in TOWN_NOT_NAMES or _word_class(name) in NOT_NAME_CLASSES:
            continue
        before = flat[: match.start()]
        county = next((c for c in counties if before.endswith(c)), "")
        found.append((name + match.group(2), county))
    return found


GENERIC_TOWN_WORDS = frozenset({"城镇", "乡镇", "区镇", "村镇", "集镇", "小镇", "市镇", "重镇", "各镇", "全镇", "该镇",
                                "本镇", "县镇", "街镇", "城街道"})  # fmt: skip
NOT_NAME_CLASSES = frozenset({"b", "v", "vn", "vd", "d", "a", "ad", "an", "r", "m", "p", "c", "u", "q", "f", "t"})


def _word_class(word: str) -> str:
    import jieba.posseg  # only an ingest reads word classes: its import costs a question-time load ~1 s

    pairs = list(jieba.posseg.cut(word))
    return pairs[0].flag if len(pairs) == 1 else ""
