"""The lexicon's terms that the parsed tables teach: every value of the columns a schema marks.

Regions of the 区域 column (with their city), stations (with their region), pollutants,
departments, fund levels, status words, attributes, indicator names (with their parent),
years and periods — whatever the tables of this data version hold, nothing listed by hand.

>>> terms = table_terms(tables)  # doctest: +SKIP
>>> {t.value for t in terms if t.kind == "station"} >= {"东湖", "花果山"}  # doctest: +SKIP
True
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import lru_cache

import jieba
import pandas as pd

from corpus.gazetteer import canonical_place, gazetteer, short_name
from corpus.glossary import CELL_OPENING_ALIASES
from corpus.lexicon import Term, place_terms
from structured.build import StructuredTables
from structured.generic import LIST_CELL, TOTAL_ROW, says_verdict
from structured.schema import TableSchema


def table_terms(tables: StructuredTables, schemas: dict[str, TableSchema] | None = None) -> list[Term]:
    schemas = schemas or tables.schemas()
    terms: list[Term] = []
    for name, schema in schemas.items():
        if schema.generic:  # a generic table's columns by the words of their headers
            terms += [Term(word, "column", spec.name, table=name, field=spec.column)
                      for spec in schema.measures.values() for word in spec.words]  # fmt: skip
    places = {v for name, s in schemas.items() if name in tables.frames for v in _values(tables.frames[name], "region")}
    for name, schema in schemas.items():
        frame = tables.frames.get(name)
        if frame is None or frame.empty:
            continue
        for column, kind in schema.lexicon.items():
            if column not in frame:
                continue
            if kind == "place":
                g = gazetteer()
                # (a row of several places, 「信州区、广信区、上饶经开区」, names each: no place of the three together)
                for place in dict.fromkeys(
                    p.strip() for v in _values(frame, column) for p in v.split("、") if p.strip()
                ):
                    level = g.level_of(place) or "county"
                    parent = g.parent_of(place, places) or _neighbours_city(frame, column, place)
                    terms += [
                        Term(t.surface, "place", place, t.parent, t.level, name, column)
                        for t in place_terms(place, level, parent)
                    ]
            elif kind == "station":
                terms += _station_terms(frame, name)
            elif kind == "indicator":
                terms += _indicator_terms(frame, column, name)
            else:
                values = _split_values(frame, column, kind)
                if kind == "entity":  # places are every table's; a generic table's own entities are not places
                    values = [v for v in values if not gazetteer().is_place(canonical_place(v))]
                if column == schema.status_column:  # 「未开工」「达标」 are read as statuses; 「在建」 names rows
                    values = [v for v in values if not says_verdict(v)]
                terms += [Term(v, kind, v, table=name, field=column) for v in values]
                # 「峰源焦化」 of 「邯郸市峰源焦化有限公司」: a company by its own name
                if kind == "entity":
                    # 「水污染方面的」 of a 投诉类型 column writing 「水」 beside 「大气」「固废」: a medium by one character
                    terms += [Term(f"{v}污染", kind, v, table=name, field=column)
                              for v in _values(frame, column) if v in MEDIUM_CHARACTERS]  # fmt: skip
                    # 「被否掉的」 of an 审批意见 column writing 「不予批复」
                    terms += [Term(alias, kind, v, table=name, field=column) for v in values
                              for opening, aliases in CELL_OPENING_ALIASES.items() if v.startswith(opening)
                              for alias in aliases]  # fmt: skip
                    terms += [Term(short, kind, v, table=name, field=column) for v, short in _company_names(values)]
                    terms += [Term(short, kind, v, table=name, field=column) for v, short in _suffixed_names(values)]
                    terms += [Term(short, kind, v, table=name, field=column) for v, short in _site_names(values)]
                    # 「已经结案的」 of a 办理状态 cell 「已结案」
                    terms += [Term(f"已经{v[1:]}", kind, v, table=name, field=column) for v in values
                              if v.startswith("已") and len(v) >= 3]  # fmt: skip
    return terms


MEDIUM_CHARACTERS = ("水", "气", "声", "土")  # a pollution medium, as a category cell may write it alone

# rows named 「石横空气质量自动监测站」「新汶空气质量自动监测站」…: a suffix they share, this long or more, ending as the
# name of a site does
SHARED_SUFFIX = 4
PLACE_NOUN_ENDS = "站点口厂场库园"


def _suffixed_names(values: list[str]) -> list[tuple[str, str]]:
    """(row, a short name) of rows whose names end alike: 「石横站」 of 「石横空气质量自动监测站」 (the name without the
    suffix its neighbours share, with the suffix's last character), and 「东平城区」 when three characters or more."""
    named = [v for v in values if not TOTAL_ROW.match(v)]
    if len(named) < 3:
        return []
    suffix = os.path.commonprefix([v[::-1] for v in named])[::-1]
    if len(suffix) < SHARED_SUFFIX or suffix[-1] not in PLACE_NOUN_ENDS:  # (not 「…改造工程」「…完成情况」)
        return []
    jieba.dt.check_initialized()  # (its dictionary says which stems are words)
    pairs = []
    for value in named:
        stem = value[: -len(suffix)]
        if len(stem) >= 2:
            pairs.append((value, stem + suffix[-1]))
            if len(stem) >= 3 and not jieba.dt.FREQ.get(stem):
                pairs.append((value, stem))
    return pairs


# 「沅水托口断面（洪江市，国控）」: a site named after its river, its place in brackets
SITE_NOUNS = "断面|监测点|点位|水库|站"
SITE_AFTER_RIVER = re.compile(
    rf"^[\u4e00-\u9fff]{{1,2}}[水江河溪湖](?P<own>[\u4e00-\u9fff]{{2,}}?(?P<noun>{SITE_NOUNS}))$"
)
WATER_WORDS = ("海域", "水域", "湖区", "库区", "河段", "近岸", "入海口", "出境", "入境")
MIN_SITE_STEM = 3  # 「竹坪铺」 of 「竹坪铺断面」 alone; not 「托口」, too short to be nobody else's


def _site_names(values: list[str]) -> list[tuple[str, str]]:
    """(row, a short name) of sites named long: the name without its brackets (「沅水托口断面」), without its river
    (「托口断面」), and its own stem when long enough (「竹坪铺」)."""
    pairs = []
    for value in values:
        # (a bracket that ends the name only: not 「赤水河（仁怀段）茅台镇…工程」, a project named after its river)
        bare = re.sub(r"[（(].*[）)]$", "", value).strip()
        if bare != value and len(bare) >= MIN_SITE_STEM and re.search(f"(?:{SITE_NOUNS})$", bare):
            pairs.append((value, bare))
        site = SITE_AFTER_RIVER.match(bare)
        # (not 「南水海域点位」: 「海域点位」 is every sea point's, no name of its own)
        if site and site.group("own")[: -len(site.group("noun"))] not in WATER_WORDS:
            pairs.append((value, site.group("own")))
            stem = site.group("own")[: -len(site.group("noun"))]
            pairs += [(value, stem)] if len(stem) >= MIN_SITE_STEM else []
    return pairs


COMPANY_LEAD = 4  # a company is named by its first characters, no fewer than these
COMPANY_SUFFIX = re.compile(r"(集团)?(股份)?(有限责任公司|有限公司|公司|专业合作社|合作社)$")
PLACE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,4}?(市|县|矿区|区)(?=[\u4e00-\u9fff]{3})")


def _company_names(values: list[str]) -> list[tuple[str, str]]:
    """(company, a short name) of each company: its own name (「金泓电镀园区运营」), and its first four or more
    characters (「金泓电镀」「城北污水」) when no other company's name opens so."""
    jieba.dt.check_initialized()  # (its dictionary says which leads are words)
    shorts = {v: short for v in values if (short := _short_company(v)) != v}
    leads = Counter(short[:k] for short in set(shorts.values()) for k in range(COMPANY_LEAD, len(short)))
    pairs = []
    for value, short in shorts.items():
        pairs.append((value, short))
        # (not a word of its own: 「生态环境」 of 「生态环境工程有限公司」 names no company in 「生态环境部门」)
        pairs += [(value, short[:k]) for k in range(COMPANY_LEAD, len(short))
                  if leads[short[:k]] == 1 and not jieba.dt.FREQ.get(short[:k])]  # fmt: skip
        own = _after_place(short)  # 「梦泽食品」 of 「湖北梦泽食品有限公司」, 「鸿宇铸造」 of 「孝昌鸿宇铸造有限公司」
        pairs += [(value, own)] if own and not jieba.dt.FREQ.get(own) else []
    return pairs


def _after_place(name: str) -> str:
    """A company's name after the short name of a province, city or county it opens with (「湖北」「孝昌」), or ""."""
    for k in (3, 2):
        lead = name[:k]
        if len(name) - k >= COMPANY_LEAD and (lead in _province_names() or gazetteer().is_place(canonical_place(lead))):
            return name[k:]
    return ""


@lru_cache(maxsize=1)
def _province_names() -> frozenset[str]:
    return frozenset(short_name(p) for p in gazetteer().names(("province",)))


def _short_company(name: str) -> str:
    """A company's own name, without the places before it and its 有限公司 (or the name as it is)."""
    if not COMPANY_SUFFIX.search(name):
        return name
    short = COMPANY_SUFFIX.sub("", name)
    for _ in range(2):  # 「邯郸市邯山区光明焦化」: the city, then the 区
        short = PLACE_PREFIX.sub("", short)
    return short if len(short) >= 3 else name


def _neighbours_city(frame: pd.DataFrame, column: str, place: str) -> str:
    """The city of a place the gazetteer does not list (「枫溪区」, a 功能区): the one city of the places
    beside it in the same documents."""
    if "doc_id" not in frame:
        return ""
    docs = set(frame.loc[frame[column] == place, "doc_id"])
    beside = set(frame.loc[frame["doc_id"].isin(docs), column].dropna()) - {place}
    g = gazetteer()  # a row of the city itself beside them (「中山市」 of a 合计 or 直属 row) is that city
    cities = {p if g.level_of(p) == "city" else g.parent_of(p, beside) for p in beside} - {""}
    return cities.pop() if len(cities) == 1 else ""


def _values(frame: pd.DataFrame, column: str) -> list[str]:
    if column not in frame:
        return []
    return [v for v in dict.fromkeys(str(x).strip() for x in frame[column].dropna()) if v and v != "nan"]


def _split_values(frame: pd.DataFrame, column: str, kind: str) -> list[str]:
    values = []
    for value in _values(frame, column):
        if kind == "year":
            value = value.split(".")[0]
            if re.fullmatch(r"20\d\d", value):
                values += [value]
            continue
        parts = re.split(r"[、；;\s]+", value) if kind in ("department", "status") else [value]
        # 「总磷、氨氮」: the cell, and each of its items (not the parts of a bracket: 「（洪江市，国控）」)
        if kind == "entity" and len(LIST_CELL.split(re.sub(r"[（(][^）)]*[）)]", "", value))) > 1:
            parts = [value, *LIST_CELL.split(value)]
        values += [p.strip() for p in parts if len(p.strip()) >= 2]
    return list(dict.fromkeys(values))


def _station_terms(frame: pd.DataFrame, table: str) -> list[Term]:
    terms = []
    for row in frame.drop_duplicates("station").itertuples():
        for surface in {row.station, f"{row.station}子站", f"{row.station}站", row.station_full}:
            terms.append(Term(surface, "station", row.station, parent=row.region, table=table, field="station"))
    return terms


def _indicator_terms(frame: pd.DataFrame, column: str, table: str) -> list[Term]:
    terms = []
    for row in frame.itertuples():
        name = getattr(row, column)
        if isinstance(name, str) and len(name) >= 3:
            terms.append(Term(name, "indicator", row.full_name, parent=row.parent or "", table=table, field=column))
    return terms
