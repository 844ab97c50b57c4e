"""Tables of no known kind, made queryable: typed columns, an entity column, a schema as data.

A monthly monitoring sheet (月份 / PM2.5 / PM10 / …), a statistics release (行业 / 增速 …) or a
plan's target table (区县 / 2023年实际值 / 2024年目标值) becomes a generic table: each column
typed from its cells (number with the unit its header states, percent, date, text), the
column that names what a row is about as its entity, and a `TableSchema` built from the
header words, so the planner can filter, rank, sum and look up by them without code for it.

>>> table = generic_table(document, grid, "g1")  # doctest: +SKIP
>>> table.schema.measures["c2"].label, table.schema.measures["c2"].unit  # doctest: +SKIP
('PM2.5', '微克/立方米')
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from dataclasses import dataclass

import jieba
import pandas as pd

from corpus.gazetteer import canonical_place, gazetteer
from corpus.glossary import (
    COUNT_UNITS,
    COUNTY_NOUN_PATTERN,
    DATE_VERB,
    GENERIC_LABEL_WORDS,
    NOUN_SYNONYMS,
    POLLUTANTS,
    REMARKS,
    STATED_UNIT,
    VERDICT_OF_STATUS,
    canonical_pollutant,
    column_status,
    find_status_words,
    status_of,
    water_class_rank,
)
from corpus.model import Document, Table
from corpus.tables import TOTAL_CELL, header_rows, is_note_row, join_cells, section_of, table_label
from corpus.text import normalize_text
from structured.facts import is_number
from structured.numbers import difference_unit
from structured.schema import REGION_NOUNS, YES_NO_HEADER, MeasureSpec, TableSchema

GENERIC_COLUMNS = ["doc_id", "doc_title", "table", "locator", "row_text", "region", "year", "entity", "total_row",
                   "verdict", "noted"]  # fmt: skip
NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
UNIT = re.compile(r"[（(]\s*([^（）()]{1,16}?)\s*[)）]\s*$")
MONTH = re.compile(r"^(1[0-2]|[1-9])月(份)?$")
MONTH_SPAN = re.compile(r"^(1[0-2]|[1-9])\s*[-—–~至]\s*(1[0-2]|[1-9])月(份)?$|^全年$")
YEAR_LEAD = re.compile(r"^(20\d\d\s*年度?|上年|去年)")
PERIOD_LEAD = re.compile(r"^((1[0-2]|[1-9])\s*[-—–~至]\s*(1[0-2]|[1-9])月(份)?|[上下]半年|全年|截至\S{1,8}?月底?)")
PERIOD_KEY = re.compile(
    r"^((1[0-2]|[1-9])月份?|[一二三四1-4]季度|第[一二三四]季度|[上下]半年|(20\d\d)年?(度|上半年|下半年)?)$"
)
# 「县（市、区）」「（含子项）」, a period 「（10月）」「（1-6月）」「（2024年）」 are no units
NOT_UNIT = re.compile(  # (「第95百分位」「日最大8小时第90百分位」 say which statistic, in no unit)
    r"[、，,]|百分位|^[市区县镇]+$|^(含|不含|其中|注)|^(20\d\d\s*年)?\d{0,2}\s*([-—~至]\s*\d{1,2}\s*)?月份?$|^20\d\d\s*年度?$"
    r"|^(预计|预估|估计|初步|暂定|计划|实际|快报|初步统计)(值|数)?$"  # 「2025年（预计）」
)
COUNT_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff]{3}[^天人次个户件家])(数|数量)$")  # 「立案查处数」, not 「化学需氧量」
LIST_CELL = re.compile(r"\s*[、，,；;/]\s*")  # 「总磷、氨氮」: a cell listing several items
NUMERIC_SHARE = 0.8  # a column whose filled cells are at least this share numbers holds numbers
UNIT_HEADER = re.compile(r"(计量)?单位")
# what a unit line may name as a column's unit (「罚没款：万元」), never 「排名：由低到高」
STATED_UNIT_WORD = re.compile(
    rf"[万亿]?元|[万千]?({COUNT_UNITS}|吨|公顷|平方米|平方公里|立方米|件|次|人|户)|%|[^\s/]{{1,6}}/[^\s/]{{1,8}}"
)
UNIT_CLAUSE = re.compile(r"([\u4e00-\u9fff]{2,8})\s*[：:]\s*([^（）()\s，,；;。：:]{1,8})")
COLUMN_UNIT = re.compile(r"([\u4e00-\u9fff]{2,8})单位\s*[：:]\s*([^（）()\s，,；;。]+)")
# 「单位：微克/立方米（优良天数比例为%）」: the one column the sheet's unit is not
EXCEPTED_UNIT = re.compile(
    r"[（(]\s*([\u4e00-\u9fffA-Za-z0-9.]{2,10}?)(?:单位)?为\s*([^（）()\s，,；;。]{1,8})\s*[）)]"
)
RATE_LABEL = re.compile(r"(率|比例|占比|比重)$")
SEQ_HEADER = re.compile(r"序号|编号|No\.?|排序|行号")
YEAR_PREFIX = re.compile(r"^(20\d\d)\s*年(度)?")
# how a remainder of money is asked (「还有多少没支出」「没付的」「剩余资金」)
REMAINDER_WORDS = (
    "未支付",
    "没支付",
    "未支出",
    "没支出",
    "没付",
    "未付",
    "没花",
    "未拨付",
    "没拨付",
    "剩余",
    "还剩",
    "结余",
)
UNITLESS_LABEL = re.compile(r"(排名|名次|排序|个数|项数|家数|件数|数量|(?<!盐)指数)$")  # no figure in the sheet's unit
# a column stating what is left already (「未支付金额」「剩余资金」): no remainder of its own is derived
LEFT_HEADER = re.compile(r"^(未|尚未|剩余|结余)")
DONE_VERBS = (
    "支出",
    "拨付",
    "支付",
    "整改",
    "办结",
    "处置",
    "销号",
    "使用",
    "完成",
)  # 「已整改」「累计支出」: what is done
DONE_HEADER = re.compile(
    rf"^[\u4e00-\u9fff]{{0,6}}?(已|累计)({'|'.join(DONE_VERBS)})|^完成投资|^实际(支出|支付)"
    r"|^\d{1,2}\s*[-—–~至]\s*\d{1,2}月(累计)?完成"
)
WHOLE_HEADER = re.compile(r"下达|总投资|总额|计划|安排|预算|总量|任务量|年度目标|目标任务")
# a cell of a place column named like a place the gazetteer does not list (「枫溪区」, a 功能区; 「空港经济区」)
PLACE_HEADER = re.compile(rf"^(所在|所属)?({COUNTY_NOUN_PATTERN}|区域|地区)$")
# not 园区、保护区、建成区、主城区、县城区…; 平城区 is a 区 the gazetteer may not know yet
PLACE_LIKE = re.compile(r"[\u4e00-\u9fff]{2,10}((?<![园护成片景范风])(?<![主老旧心市县全]城)区|县|镇|街道|乡)")
TOTAL_ROW = re.compile(r"^(合\s*计|总\s*计|小\s*计|全市|全县|全区|全省|总体)")  # 「合　计」 spaced out too
GRAND_TOTAL = re.compile(
    r"^(全市|全县|全区|全省)?(合计|总计)([（(][^）)]*[）)])?$|^(全市|全县|全区|全省)([（(][^）)]*[）)])?$"
)  # 「合计（9个项目）」「全市（15个断面）」
STATUS_HEADER = re.compile(r"达标情况|是否达标|完成情况|进展情况|进展|状态|结论|评价|是否完成")
VERDICT_HEADER = re.compile(r"是否|达标|结论|评价")  # a status header that states a verdict, not a progress
TARGET_HEADER = re.compile(r"目标|要求|标准|控制值|限值")
# 「比目标」「较序时进度」: a gap to the target, not one
TARGET_GAP_HEADER = re.compile(r"[比较距超](目标|序时|计划|要求)|与目标(相)?比|目标差")
RANK_HEADER = re.compile(r"(排名|名次|排序)$")  # 「综合指数排名」 too
CHANGE_WORDS = re.compile(r"同比|变化|增减|增幅|降幅")  # a column of changes (「优良天数·同比」)
CONCENTRATION_PART = re.compile(r"浓度|均值|目标|同期|限值")  # the parts of a pollutant's group in its unit
CHANGE_LABEL_WORDS = re.compile(rf"{CHANGE_WORDS.pattern}|比例")
# 「上年同期」「2024年同期水质类别」: last year's figure for the same period
RATIO_ROWS = 3  # rows a rate must be one column over another on, to be read as such
LAST_YEAR = re.compile(r"^(上年|去年|20\d\d\s*年)同期(值|数值)?")
LOWER_IS_BETTER = re.compile(r"综合指数|浓度|排放|降尘|超标|(?<!优良)天数(?!比例)|立方米|mg|μg")
PART_DONE = re.compile(r"完成(?:了|工程量|投资)?\s*(\d+(?:\.\d+)?)\s*[%％]")  # 「主体工程完成65%」
PLAIN_VERDICTS = (("未达标", "behind"), ("不达标", "behind"), ("超标", "behind"), ("未完成", "behind"),
                  ("滞后", "behind"), ("达标", "met"), ("已完成", "met"), ("完成", "met"), ("否", "behind"),
                  ("是", "met"))  # fmt: skip


@dataclass(frozen=True)
class GenericTable:
    frame: pd.DataFrame
    schema: TableSchema
    meta: dict  # what rebuilds the schema on load: columns, entity, title, verdict rule


def generic_table(document: Document, table: Table, name: str, by_month: bool = False,
                  origins: list[str] | None = None) -> GenericTable | None:  # fmt: skip
    """The generic table of a grid with a header and a numeric or verdict column, or None. `by_month`: the
    same grid with its month columns (1月 … 12月) read as one row per month, or None if it has none; `origins`: where
    each body row is cited, when the grid is stacked from several (`structured.stacking`)."""
    headers, start = header_rows(table.rows)
    body = [r for r in table.rows[start:] if any(c.strip() for c in r) and not is_note_row(r)]
    if len(headers) < 2 or not body:
        return None
    numbers = list(range(1, len(body) + 1))  # each row's number in the sheet's body, as cited
    grouped = _sections(headers, body)
    if grouped:
        headers, body, numbers = grouped
    long = _places_as_rows(headers, body, table.caption or document.info.title, document.info.region)
    long = long or _measures_by_place(headers, body, document.info.region)
    if by_month:
        long = _months_as_rows(headers, body, table.caption or document.info.title)
        if long is None:
            return None
    if long:  # (its rows are numbered by the grid's columns: a stacked grid's own places no longer fit them)
        headers, body, numbers = long
        origins = None
    columns = [_column(f"c{k + 1}", header, [r[k] if k < len(r) else "" for r in body]) for k, header in
               enumerate(headers)]  # fmt: skip
    if not any(c["kind"] in ("number", "percent") for c in columns) and not _verdict_rule(columns) \
            and not _register(columns, body):  # fmt: skip
        return None  # a grid of words only is a table when it states a verdict (「是否达标」 of each 断面) or is a register
    stated = STATED_UNIT.search(" ".join([table.caption or "", *table.notes]))
    _units_of_columns(columns, " ".join(table.notes))
    for column in columns:  # 「（单位：微克/立方米）」 of the sheet: the unit of its figures that state none
        if stated and column["kind"] == "number" and not column["unit"] and not SEQ_HEADER.fullmatch(column["label"]):
            if UNITLESS_LABEL.search(column["label"]):  # 「排名」「项目个数」 beside 万元: a place, a count, no 万元
                continue
            # a rate beside amounts (「执行率」 under 「单位：万元」) is a percent, not 万元
            column["unit"] = "%" if RATE_LABEL.search(column["label"]) else _listed_unit(stated.group(1), column)
    _units_per_row(columns)
    _totals_named(columns)
    _series_spans(columns, table.caption or document.info.title)
    _ratios(columns, body)
    columns += _changes(columns, _year(table.caption, document))
    columns += _remainders(columns)
    columns += _durations(columns, body)
    columns += _noted_targets(columns, table.notes)
    columns += _embedded_figures(columns, body)
    places = _place_column(columns, body)
    if places:
        body = _places_filled_down(body, places["index"])
    keys = _key_columns(columns, body)
    body = _keys_filled_down(body, [c["index"] for c in keys])
    label = table_label(document, table)
    where = f"工作表「{table.sheet}」" if table.sheet else (f"第{table.page}页 " if table.page else "")
    verdict = _verdict_rule(columns)
    # a sheet that states its verdict (评价：基本达标) and gives the target too: its gaps still say by how much
    columns += _target_gaps(columns, _target_rule(columns) if verdict.get("status") else verdict)
    names = [" ".join(_flat(r[c["index"]]) for c in keys if c["index"] < len(r)) for r in body]
    monthly = sum(bool(MONTH.match(n)) for n in names) >= 3  # a 「1—11月」 row under 1月 … 11月 sums them
    # a column of months among the keys (a sheet read by month): its 「全年」「1-3月」 rows total them too
    month_keys = [c["index"] for c in keys if sum(bool(MONTH.match(_flat(r[c["index"]]))) for r in body
                                                   if c["index"] < len(r)) >= 3]  # fmt: skip
    # the places of rows that are no 小计: 「海丰县小计」 sums 海丰县's rows, 「城区小计」 a group of others
    listed = {canonical_place(_flat(r[places["index"]])) for r in body if places and places["index"] < len(r)
              and not TOTAL_CELL.match(_flat(r[places["index"]]))}  # fmt: skip
    every_name = {_flat(r[c["index"]]) for r in body for c in keys if c["index"] < len(r)}
    records = []
    for n, row in zip(numbers, body, strict=True):
        cells = [_flat(row[k]) if k < len(row) else "" for k in range(len(headers))]
        for key in (
            keys
        ):  # 「海丰县小计」 is that 区县's 小计 row: its name cell is read as 「小计」, its place cell as 海丰县
            total = TOTAL_CELL.match(cells[key["index"]])
            if total and cells[key["index"]] != total.group(1):
                owner = canonical_place(cells[key["index"]][: total.start(1)].strip())
                # (「市本级小计」: a name the column's own rows are written under, a place or not)
                own_place = places and key["index"] == places["index"] and owner in listed
                word = re.sub(r"\s+", "", total.group(1))
                cells[key["index"]] = owner if own_place else word
                for other in keys if own_place else ():  # its blank name cell is read as 「小计」
                    cells[other["index"]] = cells[other["index"]] or word
        # (a cell merged across two key columns, 「合计」 of A:B, names the row once)
        # (「合计」 in the 序号 column of a row whose name cell is merged into it names the row)
        name_text = (
            " ".join(dict.fromkeys(cells[c["index"]] for c in keys if cells[c["index"]]))
            or next((c for c in cells if TOTAL_CELL.match(c)), "")
            or str(n)
        )
        place = canonical_place(cells[places["index"]]) if places else ""
        record = {
            "doc_id": document.doc_id,
            "doc_title": table.caption or document.info.title,  # a workbook's sheets are its tables
            "table": label,
            "locator": f"{origins[n - 1] if origins else f'{where}{label} 第{n}行'}（{name_text}）",
            # (a target a note states is quoted with the row it judges: 「执行率·目标（表注）：75」)
            "row_text": join_cells(
                [(h, c) for h, c in zip(headers, cells, strict=True)]
                + [(c["label"], _flat(f"{c['const']:g}")) for c in columns if "const" in c]
            ),
            # (beside the row's text, not in it: the note's words pick no row)
            "noted": _noted_of_row(table.notes, [cells[k["index"]] for k in keys], every_name),
            "region": place if gazetteer().is_place(place) or PLACE_LIKE.fullmatch(place) else document.info.region,
            "year": _year(table.caption, document),
            "entity": name_text,
            # a 合计 row, or a 全市 row among the 区县 (a 小计 of one 区县's levels is that 区县's row)
            # (「其中：中央资金」 under the 合计 is a part of it, no row of its own)
            "total_row": bool(TOTAL_ROW.match(name_text) or (places and TOTAL_ROW.match(cells[places["index"]])))
            or name_text.startswith(("其中：", "其中:"))
            or bool(GRAND_TOTAL.match(next((c for c in cells if c), "")))  # 「全市合计」 in the 序号 column
            or (monthly and _spans_months(name_text))
            or any(MONTH_SPAN.match(cells[k]) for k in month_keys),
        }
        for column in columns:
            if "const" in column:  # a target a note states for every row
                record[column["id"]] = column["const"]
                continue
            if "within" in column:  # the largest figure a text cell writes in brackets (「总磷（0.40）」)
                figures = [float(f) for f in EMBEDDED_FIGURE.findall(cells[column["within"]])]
                record[column["id"]] = max(figures) if figures else None
                continue
            if "days_of" in column:  # the days from one date of the row to the next (受理日期 → 审批日期)
                later, earlier = (_day(record[c]) for c in column["days_of"])
                record[column["id"]] = float((later - earlier).days) if later and earlier and later >= earlier else None
                continue
            if "of" in column:  # a derived column: the first of two columns minus the second
                later, earlier = (_rank(record[c]) if column.get("ordinal") else record[c] for c in column["of"])
                record[column["id"]] = round(later - earlier, 6) if is_number(later) and is_number(earlier) else None
                continue
            cell = cells[column["index"]]
            record[column["id"]] = _value(cell) if column["kind"] in ("number", "percent") else cell
            if cell == "持平" and column["kind"] in ("number", "percent") and CHANGE_WORDS.search(column["label"]):
                record[column["id"]] = 0.0  # 「同比变化：持平」: no change
        record["verdict"] = row_verdict(verdict, record)
        for pair in verdict.get("pairs", ()):  # each measure's own, read when that measure or its target is asked
            for column in _judged_columns(verdict, pair):
                record[f"verdict_{column}"] = row_verdict(pair, record)
        records.append(record)
    meta = {"name": name, "title": table.caption or document.info.title, "doc_id": document.doc_id,
            "columns": columns, "entity": _naming(keys, body)["id"], "keys": [c["id"] for c in keys],
            "places": places["id"] if places else "", "verdict": verdict}  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=frame_columns({"columns": columns, "verdict": verdict}))
    return GenericTable(frame, generic_schema(meta, frame), meta)


COMPANY_NOUNS = ("单位", "企业", "公司")
COMPANY_NAME = re.compile(r"(公司|厂|集团|合作社|商行|门市部|经营部|养殖场|加油站)$")
COMPANY_SHARE = 0.6  # of a column's names ending so, for its rows to be companies


def _spans_months(name: str) -> bool:
    """A row of a sheet of months that is no month: 「1-6月」, 「全年」, last year's 「2024年1-6月」「上年同期」."""
    rest = re.sub(r"(累计|平均|均值|合计)$", "", YEAR_LEAD.sub("", name))  # 「1-9月累计」 too
    return bool(MONTH_SPAN.match(rest)) or (rest != name and rest in ("", "同期"))


def frame_columns(meta: dict) -> list[str]:
    """A generic table's frame columns: the common ones, its own, and each judged measure's verdict."""
    verdict = meta.get("verdict") or {}
    own = [f"verdict_{column}" for pair in verdict.get("pairs", ()) for column in _judged_columns(verdict, pair)]
    return [*GENERIC_COLUMNS, *(c["id"] for c in meta["columns"]), *own]


def _judged_columns(verdict: dict, pair: dict) -> tuple[str, ...]:
    """The columns whose own verdict a pair gives: its figure and its target, or only its figure where a status
    column states the row's verdict (「年度目标」 named over several targets asks the stated one)."""
    shared = sum(p["target"] == pair["target"] for p in verdict.get("pairs", ())) > 1  # one target of several
    return (pair["value"],) if verdict.get("status") or shared else (pair["value"], pair["target"])


def generic_schema(meta: dict, frame: pd.DataFrame) -> TableSchema:
    """The schema of a generic table: its numeric columns are measures named by their header
    words; its text columns are what rows are named and grouped by (「哪个月」「哪些站点」)."""
    columns = meta["columns"]
    entity = next(c for c in columns if c["id"] == meta["entity"])
    measures = {
        c["id"]: MeasureSpec(c["id"], c["label"], c["id"], tuple(c["words"]), unit=c["unit"],
                             lower_is_better=c.get("lower_is_better", _lower_is_better(c)),
                             derived=c["index"] < 0 and "within" not in c, places=c.get("places", 0), gap_of=tuple(c.get("gap_of", ())),
                             unit_column=c.get("unit_column", ""), ratio_of=tuple(c.get("ratio_of", ())))
        for c in columns
        if c["kind"] in ("number", "percent")
    }  # fmt: skip
    status = (meta.get("verdict") or {}).get("status")
    texts = [c for c in columns if c["kind"] == "text" and c["id"] != status]
    nouns: dict[str, str] = {}
    for column in sorted(texts, key=lambda c: c is not entity):  # the entity's words first, then each header's
        for word in column["words"]:  # a word of several headers names the first (「断面」: 断面名称, not 断面属性)
            if DATE_HEADER.search(column["label"]) and not DATE_HEADER.search(word) and not re.search(DATE_VERB, word):
                continue  # (「处罚」 of 「处罚决定日期」 names no rows: 「…的处罚案件」 are not dates; 「完工」 still says it)
            nouns.setdefault(word, column["id"])
    headers = {c["id"]: _flat(c["header"]) for c in texts}
    for column in texts:  # 「问题」 of 「督察反馈问题」 beside 「问题类别」: the header it ends, whose rows are 问题
        for word in column["words"]:
            if len(word) >= 2 and headers[column["id"]].endswith(word) and not headers[nouns[word]].endswith(word):
                nouns[word] = column["id"]
    # 「单位名称」「被检查单位名称」: its rows are 单位, however generic the word (and a list of 单位 is one of 企业 too)
    named = re.fullmatch(r"(.{2,6})名称", entity["label"])
    if named:
        for noun in COMPANY_NOUNS if named.group(1).endswith(COMPANY_NOUNS) else (named.group(1),):
            nouns.setdefault(noun, entity["id"])
    # 「当事人」 whose rows are 「…有限公司」「…建材厂」: 「几家企业」 counts them too (not 「几家重点排污单位」, which a
    # column of another sheet may count)
    names = [str(v) for v in frame[entity["id"]] if str(v).strip() and not TOTAL_ROW.match(str(v))] \
        if entity["id"] in frame else []  # fmt: skip
    if names and sum(bool(COMPANY_NAME.search(v)) for v in names) >= COMPANY_SHARE * len(names):
        for noun in ("企业", "公司"):
            nouns.setdefault(noun, entity["id"])
    # 「…处罚案件登记台账」: its rows are 案件, asked as 「处罚案件」「案子」 (a noun longer than a header's 「处罚」)
    titled = TITLE_ROWS.search(_flat(meta["title"]))
    if titled and entity["id"] in frame:
        head, words = titled.group(2), jieba.lcut(titled.group(1))
        for noun in NOUN_SYNONYMS.get(head, (head,)):  # (with the words before it, whole: 行政处罚案件, 处罚案件)
            for k in range(len(words) + 1):
                nouns.setdefault("".join(words[k:]) + noun, entity["id"])
    for column in [entity, *texts]:  # a column of months (the entity, or beside a 区县 column)
        values = [str(v) for v in frame[column["id"]]] if column["id"] in frame else []
        months = [v for v in values if v and not TOTAL_ROW.match(v)]  # a 合计 row under 1月…9月 too
        if months and all(MONTH.match(v) or _spans_months(v) for v in months) and any(map(MONTH.match, months)):
            nouns |= {"月份": column["id"], "月": column["id"]}
            break
    if meta.get("places"):
        nouns |= {word: "region" for word in REGION_NOUNS}
    return TableSchema(
        name=meta["name"],
        title=meta["title"],
        entity="entity",
        entity_label=entity["label"],
        key="row_id",
        measures=measures,
        # the first figure that is no target (「考核目标」 left of 「1-9月浓度」 is not what 「谁的浓度更高」 ranks)
        default_measure=next(
            (m.name for m in measures.values() if not TARGET_HEADER.search(m.label) and not m.derived),
            next(iter(measures), ""),
        ),  # fmt: skip
        nouns=nouns,
        year_column="year",
        match_columns=("entity", "row_text"),
        words=tuple(entity["words"]),
        # a status column's own words (「在建」) name rows too; its status words stay statuses (vocabulary)
        lexicon={
            "region": "place",
            **{c["id"]: "entity" for c in texts if c["id"] != meta.get("places") and not REMARKS.search(c["label"])},
            **({status: "entity"} if status else {}),
        },
        labels={"entity": entity["label"], **{c["id"]: c["header"] for c in columns}},
        generic=True,
        verdict=bool(meta.get("verdict")),
        stated_verdict=bool((meta.get("verdict") or {}).get("status")),
        status_column=status or "",
    )


def says_verdict(cell: str) -> bool:
    """Whether a status cell is a verdict or a status word (「完成」「未达标」「是」「未开工」), not a word of
    its own that names rows (「在建」)."""
    cell = cell.strip()
    return bool(find_status_words(cell)) or status_of(cell) != "unknown" or any(w in cell for w, _ in PLAIN_VERDICTS)


def row_verdict(rule: dict, record: dict) -> str:
    """met / behind / on_track by the table's own status column, else by a value against its target."""
    if not rule:
        return ""
    if rule.get("status"):
        return stated_verdict(str(record.get(rule["status"]) or ""))
    if rule.get("pairs"):  # behind on any target is behind; met only on every one
        verdicts = [row_verdict(pair, record) for pair in rule["pairs"]]
        return "behind" if "behind" in verdicts else ("met" if verdicts and all(verdicts) else "")
    value, target = _rank(record.get(rule["value"])), _rank(record.get(rule["target"]))
    if value is None or target is None:
        return ""
    # a target cell's own sign says which way (「≤0.5」 of 氨氮 beside 「≥6」 of 溶解氧 in one column)
    sign = re.match(
        r"\s*(≤|<|不高于|不超过|不大于)|\s*(≥|>|不低于|不少于|不小于)", str(record.get(rule["target"]) or "")
    )
    lower = bool(sign.group(1)) if sign else rule["lower_is_better"]
    return "met" if (value <= target if lower else value >= target) else "behind"


def stated_verdict(text: str) -> str:
    """met / behind / on_track as a status cell states it (「达标」「未达标」「按进度推进」「滞后」), or ""."""
    words = find_status_words(text)
    part = PART_DONE.search(text)
    if part and float(part.group(1)) < 100 and not words:  # 「主体工程完成65%」: under way, not done
        return ""
    if words:
        return VERDICT_OF_STATUS.get(status_of(words[0][1]), "")
    short = column_status(text)  # a review's 「滞后」「达到进度要求」「基本达到进度要求」
    if short != "unknown":
        return VERDICT_OF_STATUS.get(short, "")
    return next((v for word, v in PLAIN_VERDICTS if word in text), "")


RESPONSIBLE_HEADER = re.compile(r"责任(单位|主体|部门)|牵头(单位|部门)|实施主体")


def _register(columns: list[dict], body: list[list[str]]) -> bool:
    """A register of words (a 名录 of units): a 「是否…」 column, columns of √ marks, or a column of dates (a list of
    licences with their 有效期限)."""
    return any(YES_NO_HEADER.search(c["header"]) for c in columns) or any(_marks(c, body) >= MIN_MARKS for c in columns) \
        or any(_dates_held(c, body) >= MIN_MARKS for c in columns if DATE_HEADER.search(c["header"]))  # fmt: skip


def _dates_held(column: dict, body: list[list[str]]) -> int:
    """How many cells of a column are dates (「2054-02-28」「2052.03.01-2054.02.28」)."""
    return sum(bool(DATE_CELL.search(_flat(r[column["index"]]))) for r in body if 0 <= column["index"] < len(r))


DATE_HEADER = re.compile(r"时间|时限|日期|期限|有效期|到期")  # a column of dates (计划完成时间, 批复日期, 有效期至)
DATE_CELL = re.compile(r"20\d\d\s*[年./-]\s*\d{1,2}")


def _marks(column: dict, body: list[list[str]]) -> int:
    """How many cells of a column are a √ mark."""
    return sum(_flat(r[column["index"]]) in MARKS for r in body if 0 <= column["index"] < len(r))


MARKS = ("√", "✓", "✔", "●")
MIN_MARKS = 3


def _verdict_rule(columns: list[dict]) -> dict:
    """How a row's verdict is read: the column that states it (达标情况), else a measure and the
    target column beside it (「1-6月浓度」 and 「考核目标」; 「执行率」 and 「目标执行率」)."""
    statuses = [c for c in columns if c["kind"] == "text" and STATUS_HEADER.search(c["header"])]
    # 「是否完成」 beside 「整改进展」: the column that gives the verdict, not the one that tells the progress
    # (and a 状态 column of stages — 前期 / 在建 / 已建成 — before a 进展情况 column of sentences)
    statuses.sort(key=lambda c: (not VERDICT_HEADER.search(c["header"]), not c["header"].endswith("状态")))

    # 「PM10·完成情况」 beside 「NO2·完成情况」: each measure judged by the status column of its own group
    # (a group's unit said or not: 「PM2.5（微克/立方米）·评价」 beside 「PM2.5·1-6月浓度」)
    def group(label: str) -> str:
        return UNIT.sub("", label.split("·")[0]).strip()

    grouped = {group(c["label"]): c["id"] for c in statuses if "·" in c["label"]}
    if len(grouped) >= 2:
        labels = {c["id"]: c["label"] for c in columns}
        pairs = [{**pair, "status": grouped[group(labels[pair["value"]])]}
                 for pair in _target_rule(columns).get("pairs", ()) if group(labels[pair["value"]]) in grouped]  # fmt: skip
        if len(pairs) == len(grouped):
            return {"pairs": pairs}
    if not statuses:
        return _target_rule(columns)
    # a row's verdict as its status column states it; each of several measures also judged against its own target,
    # or by the status column of its own group (「NO2·评价」 says 基本达标, which no target tells)
    labels = {c["id"]: c["label"] for c in columns}
    pairs = [{**pair, "status": grouped[group(labels[pair["value"]])]} if group(labels[pair["value"]]) in grouped
             else pair for pair in _target_rule(columns).get("pairs", ())]  # fmt: skip
    return {"status": statuses[0]["id"], **({"pairs": pairs} if pairs else {})}


def _target_rule(columns: list[dict]) -> dict:
    """A verdict by a measure and the target column beside it (「1-6月浓度」 and 「考核目标」), or {}."""
    # not a status column (「目标完成情况」 states the verdict)
    # (nor a 「是否达到年度目标」 column of 是/否, which says whether, not what)
    targets = [c for c in columns if TARGET_HEADER.search(c["header"]) and not TARGET_GAP_HEADER.search(c["header"])
               and not (c["kind"] == "text" and (STATUS_HEADER.search(c["header"]) or "是否" in c["header"]))]  # fmt: skip
    measures = [
        c
        for c in columns
        if (c["kind"] in ("number", "percent") or c.get("ordinal"))
        and c not in targets
        and c["index"] >= 0
        and not TARGET_GAP_HEADER.search(c["header"])
    ]  # a change or a remainder column computed from two others is judged by none
    if not targets or not measures:
        return {}
    spans = [c for c in measures if c.get("series_span")]
    if len(targets) == 1 and len(spans) == 1:  # 「2037年目标」 beside 「1-9月累计均值」 judges it, not each month
        return _target_pair(targets[0], spans)
    pairs = [pair for pair in (_target_pair(target, measures) for target in targets) if pair]
    if len(targets) == 1:
        return _over_periods(pairs[0], columns, measures) if pairs else {}
    # several targets (「PM2.5考核目标」「优良天数比例目标」): each its measure, when they pair off one to one
    return {"pairs": pairs} if pairs and len({p["value"] for p in pairs}) == len(pairs) else {}


def _over_periods(pair: dict, columns: list[dict], measures: list[dict]) -> dict:
    """One target over a measure's readings of several periods (「目标类别」 beside 「水质类别·10月」 and
    「水质类别·1-10月」): each reading judged by it, the row behind if any is."""
    value = next(c for c in columns if c["id"] == pair["value"])
    group, dot, _ = value["label"].rpartition("·")
    same = [c["id"] for c in measures if dot and c["label"].rpartition("·")[0] == group
            and (c["kind"], c["unit"], c.get("ordinal")) == (value["kind"], value["unit"], value.get("ordinal"))
            and not _last_years(c["label"]) and not CHANGE_LABEL_WORDS.search(c["label"])]  # fmt: skip
    if len(same) < 2:
        return pair
    return {"pairs": [{**pair, "value": column} for column in same]}


def _target_pair(target: dict, measures: list[dict]) -> dict:
    """The measure a target column is the target of: the one under the same upper header (「PM10·1-9月」 for
    「PM10·2025年目标」), else the one sharing most of its characters, then the nearest."""
    parent = target["label"].split("·")[0] if "·" in target["label"] else None
    year = (_label_year(target["label"]) or (None,))[0]
    value = max(
        measures,
        key=lambda c: (
            c["label"].split("·")[0] == parent,
            # a limit of figures (「≤0.5」) judges a reading, not a class column beside it (「单项水质类别」); a class
            # target (「Ⅲ类」) a class
            bool(c.get("ordinal")) == bool(target.get("ordinal")),
            not _last_years(c["label"]),  # 「PM2.5·2024年同期」 is last year's, not judged
            # 「优良天数·年度目标（%）」 judges 「优良天数·比例（%）」, not 「…·天数（天）」 nor 「…·同比（百分点）」
            parent is None or not target["unit"] or c["unit"] == target["unit"],
            parent is None or not CHANGE_WORDS.search(c["label"]),
            # 「2036年度目标」 judges 「2036年1-6月」, not 「2035年1-6月」 beside it
            year is not None and (_label_year(c["label"]) or (None,))[0] == year,
            len(set(c["label"]) & set(target["label"])),
            -abs(c["index"] - target["index"]),
        ),
    )
    years = [_label_year(c["label"]) for c in (value, target)]
    if all(years) and years[0][0] != years[1][0]:
        return {}  # 「2023年实际值」 against 「2024年目标值」 is a gap to a plan, not an assessment
    if value["unit"] and target["unit"] and value["unit"] != target["unit"]:
        return {}  # 「氮氧化物排放限值（毫克/立方米）」 is no limit of a 「数据有效传输率（%）」
    lower = bool(value.get("ordinal") or LOWER_IS_BETTER.search(value["header"] + value["unit"] + target["header"]))
    lower = lower or _lower_is_better(value)  # 「1—11月累计监测结果·PM2.5」: a pollutant's own column
    return {"value": value["id"], "target": target["id"], "lower_is_better": lower}


def _changes(columns: list[dict], own_year: int | None = None) -> list[dict]:
    """「2024年1-6月浓度」 beside 「2023年1-6月浓度」: a column of their change (同比), so 「比去年同期
    降了多少」「不降反升的站点」 are a figure and a filter like any other. A column without a year (「全年」
    beside 「2023年全年」) is of the table's own year."""
    by_label: dict[str, list[tuple[int, dict]]] = {}
    for c in columns:
        year = _label_year(c["label"])
        if c["kind"] not in ("number", "percent"):
            continue
        if year:
            by_label.setdefault(year[1], []).append((year[0], c))
        elif own_year:
            by_label.setdefault(c["label"].strip(), []).append((own_year, c))
    changes = _last_year_changes(columns)
    for base, found in by_label.items():
        if len(found) != 2 or found[0][0] == found[1][0]:
            continue
        (early, earlier), (late, later) = sorted(found, key=lambda f: f[0])
        label = f"{base}同比变化（{late}年较{early}年）"
        words = sorted({f"{base}同比", "同比变化", "同比", "比去年同期", "比去年", "去年同期", "较去年", "增减", "变化", "同期"},
                       key=len, reverse=True)  # fmt: skip
        changes.append({"id": f"c{len(columns) + len(changes) + 1}", "index": -1, "header": label, "label": label,
                        "kind": later["kind"], "unit": _change_unit(later), "words": words,
                        "of": [later["id"], earlier["id"]]})  # fmt: skip
    return changes


def _change_unit(column: dict) -> str:
    """Two rates differ by points (「优良天数比例」 93.4% and 91.6%: 1.8个百分点), other figures in their unit."""
    return difference_unit("%" if column["kind"] == "percent" else column["unit"])


def _change_stated(columns: list[dict], column: dict) -> bool:
    """Whether the sheet has its own column of a figure's change in the change's unit, under the figure's group
    (「优良天数比例（%）·变化（百分点）」 beside 「优良天数比例（%）·1-6月」)."""
    group, unit = column["label"].rpartition("·")[0], _change_unit(column).lstrip("个")
    return bool(group) and any(c["index"] >= 0 and c["label"].rpartition("·")[0] == group
                               and CHANGE_WORDS.search(c["label"].rpartition("·")[2]) and c["unit"].lstrip("个") == unit
                               for c in columns)  # fmt: skip


def _label_year(label: str) -> tuple[int, str] | None:
    """The year a column's label opens with, itself or under its group (「2024年1-6月浓度」, 「PM2.5浓度·2023年1-11月」),
    and the label without it; None without one."""
    year = YEAR_PREFIX.match(label)  # 「2030年1-10月·PM2.5」 too
    if year:
        return int(year.group(1)), label[year.end() :].strip()
    group, dot, own = label.rpartition("·")
    year = YEAR_PREFIX.match(own)
    return (int(year.group(1)), f"{group}{dot}{own[year.end() :]}".strip()) if year else None


def _lower_is_better(column: dict) -> bool:
    """A concentration, an emission, a 综合指数, a pollutant's own column (「NO2」) or a 排名 (1 is the first)."""
    if LOWER_IS_BETTER.search(column["header"] + column["unit"]) or RANK_HEADER.search(column["label"]):
        return True
    leads = (re.match(r"[A-Za-z][A-Za-z0-9.]*", part) for part in (column["label"], column["label"].rpartition("·")[2]))
    polluted = any(lead and canonical_pollutant(lead.group(0)) for lead in leads)  # 「PM2.5·均值」「…结果·PM2.5」
    return polluted and not CHANGE_LABEL_WORDS.search(column["label"])


def _last_years(label: str) -> bool:
    """Last year's figure for the same period: 「上年同期PM2.5」, or under its group 「PM2.5·2024年同期」."""
    return bool(LAST_YEAR.match(label) or LAST_YEAR.match(label.rpartition("·")[2]))


def _last_year_changes(columns: list[dict]) -> list[dict]:
    """A 「上年同期」 column beside the figure it repeats for last year (「1-6月水质」, Ⅲ类 → Ⅳ类): a column of
    their change, in classes for water classes (more is worse)."""
    changes = []
    for earlier in (c for c in columns if _last_years(c["label"])):
        kin = [c for c in columns if c["index"] < earlier["index"] and not _last_years(c["label"])
               and (c["kind"], bool(c.get("ordinal"))) == (earlier["kind"], bool(earlier.get("ordinal")))
               and (c["kind"] in ("number", "percent") or c.get("ordinal")) and not TARGET_HEADER.search(c["header"])]  # fmt: skip
        # 「上年同期PM2.5」 repeats the column that says PM2.5; a bare 「上年同期」 the one just before it
        group, _, own = earlier["label"].rpartition("·")
        rest = (LAST_YEAR.sub("", own) if LAST_YEAR.match(own) else LAST_YEAR.sub("", earlier["label"])).strip(
            "·（）() "
        )
        rest = rest or group
        kin = [c for c in kin if rest in c["label"]] if rest else kin[-1:]
        if (
            len(kin) > 1
        ):  # 「2023年同期类别」 after 1月…11月 under 「各月水质类别」: the 「1-11月综合类别」 its own header says
            kin = [c for c in kin if rest in c["label"].split("·")[-1]][-1:] or kin
        if len(kin) != 1:
            continue  # no figure or several it could repeat: no change column rather than a wrong one
        later = kin[0]
        if _change_stated(columns, later):
            continue  # 「优良天数比例·变化（百分点）」 says it already (not 「同比变化（%）」 of a reading in 微克)
        label = f"{later['label']}较上年同期变化" + ("（类别）" if later.get("ordinal") else "")
        words = sorted({f"{later['label']}变化", "比去年同期", "较上年同期", "去年同期", "上年同期", "同比", "变化"},
                       key=len, reverse=True)  # fmt: skip
        changes.append({"id": f"c{len(columns) + len(changes) + 1}", "index": -1, "header": label, "label": label,
                        "kind": "number" if later.get("ordinal") else later["kind"], "unit": _change_unit(later),
                        "words": words, "of": [later["id"], earlier["id"]], "places": later.get("places", 0),
                        **({"ordinal": True, "lower_is_better": True} if later.get("ordinal") else {})})  # fmt: skip
    return changes


def _remainders(columns: list[dict]) -> list[dict]:
    """「下达金额（万元）」 and 「已支出（万元）」: a column of what is left (未支出), so 「还有多少万元
    没支出」 is read off, not computed by the reader."""
    # 「累计完成量」 alone or under an upper header (「1-11月完成情况·累计完成量」)
    done = [c for c in columns if c["kind"] == "number" and DONE_HEADER.search(c["label"].split("·")[-1])
            and c["index"] >= 0]  # fmt: skip
    derived = []
    stated = [c for c in columns if c["kind"] == "number" and LEFT_HEADER.search(c["label"].split("·")[-1])]
    for left in stated:  # 「未支付金额」: asked as any remainder is (「还有多少没支出」「没付」)
        left["words"] = list(dict.fromkeys([*left["words"], *REMAINDER_WORDS]))
    if stated:
        return derived
    for d in done:
        whole = [c for c in columns if c["kind"] == "number" and c["unit"] == d["unit"] and c["index"] >= 0
                 and c is not d and WHOLE_HEADER.search(c["label"])]  # fmt: skip
        # (a rate stated as this one over another says which whole: 「执行率」 = 已支付 ÷ 下达资金·合计)
        rated = [
            w
            for c in columns
            if (c.get("ratio_of") or [None])[0] == d["id"]
            for w in columns
            if w["id"] == c["ratio_of"][1]
        ]
        whole = rated[:1] or whole
        if len(whole) > 1:  # 「省级以上已支出」 of 「省级以上下达」, not of 「市级下达」; 「完成投资」 of 「计划投资」
            shared = [(len(os.path.commonprefix([c["label"], d["label"]])), len(set(c["label"]) & set(d["label"])))
                      for c in whole]  # fmt: skip
            whole = [c for c, n in zip(whole, shared, strict=True) if n == max(shared) and max(n) >= 1]
        if len(whole) != 1:
            continue
        verb = next((v for v in DONE_VERBS if v in d["label"]), "完成")
        label = f"未{verb}（{whole[0]['label']}减{d['label']}）"
        # 「未完成」 alone is a status (「未完成的考核任务」): the remainder of a 完成 column is 「未完成投资」
        said = verb + (d["label"].split("·")[-1].split(verb, 1)[-1] if verb == "完成" else "")
        words = [f"{no}{said}" for no in ("未", "没", "尚未", "还没") if said != "完成"]
        words += ["剩余", "还剩", "结余", "还有多少", "还差"]
        words += {"支付": ["没付", "未付"], "拨付": ["没拨", "未拨"], "支出": ["没花", "未花"]}.get(
            verb, []
        )  # said short
        words += [w for w in d["words"] if w in whole[0]["words"]]  # 「省级」「以上」: whose remainder it is
        derived.append({"id": f"c{len(columns) + len(derived) + 1}", "index": -1, "header": label, "label": label,
                        "kind": "number", "unit": d["unit"], "unit_column": d.get("unit_column", ""), "words": words,
                        "of": [whole[0]["id"], d["id"]]})  # fmt: skip
    return derived


# what the days between a row's two dates are asked by (「从受理到批下来用了多少天」), not any count of days (优良天数)
DURATION_WORDS = ("用时", "耗时", "用了多少天", "用了几天", "花了多少天", "用了多久", "花了多长时间", "多长时间")
DAY_CELL = re.compile(r"(20\d\d)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")


def _durations(columns: list[dict], body: list[list[str]]) -> list[dict]:
    """「受理日期」 then 「审批日期」: a column of the days between a row's two dates, so 「从受理到批下来用了多少天」
    and 「哪个拖得最久」 are read off (fewer days are better)."""
    dated = [c for c in columns if c["kind"] == "text" and c["index"] >= 0 and DATE_HEADER.search(c["label"])
             and sum(bool(DAY_CELL.search(_flat(r[c["index"]]))) for r in body if c["index"] < len(r)) >= MIN_MARKS]  # fmt: skip
    derived = []
    for earlier, later in itertools.pairwise(dated):
        first, then = (DATE_HEADER.sub("", c["label"]) or c["label"] for c in (earlier, later))
        label = f"{first}至{then}天数"
        derived.append({"id": f"c{len(columns) + len(derived) + 1}", "index": -1, "header": label, "label": label,
                        "kind": "number", "unit": "天", "words": [label, f"{first}到{then}", *DURATION_WORDS],
                        "lower_is_better": True, "days_of": [later["id"], earlier["id"]]})  # fmt: skip
    return derived


def _day(cell) -> dt.date | None:
    found = DAY_CELL.search(str(cell or ""))
    try:
        return dt.date(*map(int, found.groups())) if found else None
    except ValueError:  # 2月30日 and the like: no date
        return None


NOTED_TARGETS = re.compile(
    r"((?:年度)?(?:考核)?目标|考核要求)值?(为|是)?[:：]"
)  # 「…年度考核目标为：」 of a note, before its bounds
NOTED_BOUND = re.compile(r"(不高于|不超过|不大于|控制在|≤|不低于|不少于|不小于|≥)\s*(\d+(?:\.\d+)?)\s*(%|％)?")
NOTE_ITEM = re.compile(r"[；;。]|(?<![\d.])\d{1,2}\s*[.．、](?!\d)")  # 「注：1.…；2.…」: one item each


NOTED_NAME = 3  # a row's name this long, said in a note under the table, makes the note the row's


def _noted_of_row(notes: list[str], names: list[str], every: set[str]) -> str:
    """「注：3.清溪…子站4月10日至5月1日因设备更新停运，…」: the note items that name the row and no other row of the
    table (not 「城区指城中区、鱼峰区、柳南区…」), quoted with it."""
    items = [i.strip() for note in notes for i in NOTE_ITEM.split(note.removeprefix("注：")) if i.strip()]
    others = [o for o in every - set(names) if len(o) >= 2]
    said = [i for i in items if any(len(n) >= NOTED_NAME and n in i for n in names) and not any(o in i for o in others)]
    return "；".join(said)


def _noted_targets(columns: list[dict], notes: list[str]) -> list[dict]:
    """「注：2.各县（市、区）2055年度考核目标为：PM2.5平均浓度不高于25微克/立方米，优良天数比例不低于97.0%」 under a sheet
    with no target column: a target column of each measure a note bounds, the same figure on every row."""
    if any(TARGET_HEADER.search(c["header"]) for c in columns):
        return []
    added: list[dict] = []
    for item in (i for note in notes for i in NOTE_ITEM.split(note) if i):
        said = NOTED_TARGETS.search(item)
        for clause in re.split(r"[，,、]", item[said.end() :]) if said else ():
            bound = NOTED_BOUND.search(clause)
            measure = _bounded_measure(columns, clause[: bound.start()], bool(bound.group(3))) if bound else None
            if measure is None or any(c["of_target"] == measure["id"] for c in added):
                continue
            group = measure["label"].rpartition("·")[0] or measure["label"]
            label = f"{group}·{said.group(1)}（表注）"
            lower = bound.group(1) in ("不高于", "不超过", "不大于", "控制在", "≤")
            added.append({"id": f"c{len(columns) + len(added) + 1}", "index": -1, "header": label, "label": label,
                          "kind": measure["kind"], "unit": measure["unit"], "places": measure["places"],
                          "words": [f"{w}{said.group(1)}" for w in measure["words"] if len(w) >= 2] + ["考核目标", "目标"],
                          "const": float(bound.group(2)), "of_target": measure["id"], "lower_is_better": lower})  # fmt: skip
    return added


# 「化学需氧量（0.12）、总磷（0.40）」: a figure in brackets after each name; the header says what the figure is
EMBEDDED_FIGURE = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9.₂₃])\s*[（(]\s*(\d+(?:\.\d+)?)\s*倍?\s*[）)]")
EMBEDDED_HEADER = re.compile(r"(?:及|和|与|[（(])\s*((?:超标)?倍数)\s*[）)]?$")  # (not a 浓度 or 限值 per pollutant)
EMBEDDED_ROWS = 2  # cells of the column writing a figure so, for it to be read as one


def _embedded_figures(columns: list[dict], body: list[list[str]]) -> list[dict]:
    """「主要污染物及超标倍数」 whose cells write 「总磷（0.25）」: a column of each row's largest figure (超标倍数), so
    「超标超过0.15倍的断面」 and 「超标最厉害的」 are read off, while the text column still names the pollutants."""
    added: list[dict] = []
    for column in columns:
        said = EMBEDDED_HEADER.search(column["label"]) if column["kind"] == "text" else None
        cells = [_flat(r[column["index"]]) for r in body if column["index"] < len(r)] if said else []
        if sum(bool(EMBEDDED_FIGURE.search(c)) for c in cells) < EMBEDDED_ROWS:
            continue
        decimals = {len(f.partition(".")[2]) for c in cells for f in EMBEDDED_FIGURE.findall(c)}
        label = said.group(1) if said.group(1).startswith("超标") else f"超标{said.group(1)}"
        words = [label, label.removeprefix("超标"), "超了", "超得", "超出", "超标最", "超标超过", "超标程度"]
        added.append({"id": f"c{len(columns) + len(added) + 1}", "index": -1, "header": label, "label": label,
                      "kind": "number", "unit": "倍", "words": words,
                      "places": decimals.pop() if len(decimals) == 1 else 0,
                      "within": column["index"]})  # fmt: skip
    return added


def _bounded_measure(columns: list[dict], subject: str, percent: bool) -> dict | None:
    """The one figure column a note's clause bounds (「PM2.5平均浓度」 → 细颗粒物·浓度): the column named by the longest
    word of the clause, of a change or a rank none; None if two are named alike."""
    figures = [c for c in columns if c["kind"] in ("number", "percent") and c["index"] >= 0
               and (c["kind"] == "percent") == percent and not CHANGE_WORDS.search(c["label"])
               and not RANK_HEADER.search(c["label"]) and not SEQ_HEADER.fullmatch(c["label"])]  # fmt: skip
    subject = normalize_text(subject)
    said = {c["id"]: max((len(w) for w in c["words"] if len(w) >= 2 and w in subject), default=0) for c in figures}
    best = max(said.values(), default=0)
    named = [c for c in figures if best and said[c["id"]] == best]
    return named[0] if len(named) == 1 else None


def _ratios(columns: list[dict], body: list[list[str]]) -> None:
    """A percent column that is one column over another on every row (「执行率」 = 已支出 ÷ 下达金额): marked so,
    so that the rate of several rows together is their sums divided, never their rates added or averaged."""
    figures = [c for c in columns if c["kind"] == "number" and c["index"] >= 0 and not SEQ_HEADER.fullmatch(c["label"])]
    for rate in (c for c in columns if c["kind"] == "percent" and c["index"] >= 0):
        cells = [_cell(r, rate) for r in body]
        places = max((len(c.split(".")[1].rstrip("%")) for c in cells if c and "." in c), default=0)
        tolerance = 0.5 * 10**-places + 1e-9
        for part, whole in ((a, b) for a in figures for b in figures if a is not b and a["unit"] == b["unit"]):
            checked = [
                (_value(_cell(r, part)), _value(_cell(r, whole)), _value(c)) for r, c in zip(body, cells, strict=True)
            ]
            checked = [(a, b, p) for a, b, p in checked if a is not None and b and p is not None]
            if len(checked) >= RATIO_ROWS and all(abs(100 * a / b - p) <= tolerance for a, b, p in checked):
                rate["ratio_of"] = [part["id"], whole["id"]]
                if re.search(r"支出|拨付|使用", part["label"]):  # 「完成进度」 = 已支出 ÷ 下达: the funds' 执行率
                    rate["words"] = list(dict.fromkeys([*rate["words"], *NOUN_SYNONYMS["执行率"]]))
                break


def _cell(row: list[str], column: dict) -> str:
    return row[column["index"]].strip() if column["index"] < len(row) else ""


def _listed_unit(stated: str, column: dict) -> str:
    """A column's unit of a sheet's 「单位：万元、%、个」: a count's (「入库储备项目」) the count unit listed, any other
    figure's the first unit listed that is no percent."""
    units = [u for u in re.split(r"[、,，]", stated) if u]
    if len(units) < 2:
        return stated
    counts = [u for u in units if re.fullmatch(COUNT_UNITS, u) and u not in ("万元", "吨", "亩", "公里", "千米", "km")]
    if counts and re.search(r"(项目|个数|数量|项数|家数|件数)$", column["label"]):  # not 「储备项目总投资」
        return counts[0]
    return next((u for u in units if u != "%"), stated)


def _units_of_columns(columns: list[dict], notes: str) -> None:
    """「排放限值单位：毫克/立方米；许可排放量单位：吨/年」 above a table: each named column's unit."""
    excepted = [
        m for m in EXCEPTED_UNIT.finditer(notes) if STATED_UNIT_WORD.fullmatch(m.group(2))
    ]  # a unit, not 「2020年」
    stated = [*COLUMN_UNIT.finditer(notes), *excepted]
    if "单位" in notes:  # 「单位：件；罚没款：万元」: the sheet's unit, then a column's own
        clauses = (UNIT_CLAUSE.fullmatch(part.strip()) for part in re.split(r"[；;，,]", notes))
        stated += [
            m for m in clauses if m and not m.group(1).endswith("单位") and STATED_UNIT_WORD.fullmatch(m.group(2))
        ]
    for m in stated:
        for column in columns:
            # (「罚款金额单位：万元」 of a column headed 「罚款」: its words said longer)
            longer = (
                len(column["label"]) >= 2 and column["label"] in m.group(1) and STATED_UNIT_WORD.fullmatch(m.group(2))
            )
            if column["kind"] == "number" and not column["unit"] and (m.group(1) in column["label"] or longer):
                column["unit"] = m.group(2)
    # 「浓度单位：微克/立方米（CO为毫克/立方米）」: every pollutant's reading and target is a concentration
    for m in (m for m in COLUMN_UNIT.finditer(notes) if m.group(1).endswith("浓度")):
        for column in columns:
            lead = re.sub(r"[（(].*", "", column["label"].partition("·")[0])  # 「O3（日最大8小时第90百分位）」
            if (
                column["kind"] == "number"
                and not column["unit"]
                and canonical_pollutant(lead)
                # (a concentration or its target, not 「PM2.5·排名」)
                and (not column["label"].partition("·")[2] or CONCENTRATION_PART.search(column["label"]))
                and not CHANGE_LABEL_WORDS.search(column["label"])
            ):
                column["unit"] = m.group(2)


def _units_per_row(columns: list[dict]) -> None:
    """A 「计量单位」 column (家 / 座 / 个 per row): the unit of each figure whose header states none."""
    unit = next((c for c in columns if c["kind"] == "text" and UNIT_HEADER.fullmatch(c["label"])), None)
    for column in columns if unit else ():
        if column["kind"] == "number" and not column["unit"] and not SEQ_HEADER.fullmatch(column["label"]):
            column["unit_column"] = unit["id"]


TOTAL_LABEL = re.compile(r"合\s*计|小\s*计|总\s*计|合计金额")


def _totals_named(columns: list[dict]) -> None:
    """A bare 「合计」 after 「省级资金」「市级资金」 totals them: it is asked by the word they share (「资金」, 「拿到的钱」),
    so a question of the money ranks and sums the total, not the first level's column."""
    for at, column in enumerate(columns):
        if column["kind"] != "number" or not TOTAL_LABEL.fullmatch(column["label"]):
            continue
        unit = column["unit"]
        parts = list(itertools.takewhile(lambda c, unit=unit: c["kind"] == "number" and c["unit"] == unit
                                         and not TOTAL_LABEL.fullmatch(c["label"]), reversed(columns[:at])))  # fmt: skip
        shared = os.path.commonprefix([c["label"][::-1] for c in parts])[::-1] if len(parts) >= 2 else ""
        tokens = list(jieba.cut(parts[0]["label"])) if shared else []
        # (whole words of it: 「资金」 of 「…级资金」)
        shared = max(("".join(tokens[k:]) for k in range(len(tokens)) if shared.endswith("".join(tokens[k:]))),
                     key=len, default="")  # fmt: skip
        if len(shared) >= 2:
            column["words"] = list(dict.fromkeys([*column["words"], shared, f"{shared}{column['label']}"]))


def _target_gaps(columns: list[dict], verdict: dict) -> list[dict]:
    """「PM2.5·1-9月」 judged against 「PM2.5·2025年目标」: a column of how far each row is short of its
    target (positive: not met; negative: better than the target), so 「离目标差得最多」 ranks it."""
    by_id = {c["id"]: c for c in columns}
    gaps = []
    for pair in verdict.get("pairs") or ([verdict] if verdict.get("target") else []):
        value, target = by_id[pair["value"]], by_id[pair["target"]]
        if value["kind"] not in ("number", "percent") or target["kind"] != value["kind"]:
            continue  # a water class, or a target written in words
        label = f"{value['label']}距目标差距"
        gaps.append({"id": f"c{len(columns) + len(gaps) + 1}", "index": -1, "header": label, "label": label,
                     "kind": value["kind"], "unit": _change_unit(value),
                     "words": [label], "lower_is_better": True, "gap_of": [value["id"], target["id"]],
                     "of": [value["id"], target["id"]] if pair["lower_is_better"] else [target["id"], value["id"]]})  # fmt: skip
    return gaps


def _places_as_rows(headers: list[str], body: list[list[str]], caption: str, city: str):
    """A sheet of months (or quarters, years) by 区县, one column per place (「月份 | 茂南区 | 电白区 … |
    全市」), read as one row per period and place, so a place filters and ranks like any other; the
    全市 (or the document's own city) column becomes the 合计 row of each period. (headers, body, row
    numbers), or None for any other sheet (indicators by place keep their columns)."""

    def whole(header: str) -> bool:
        return bool(TOTAL_ROW.match(header)) or (bool(city) and canonical_place(header) == city)

    names = [_flat(h) for h in headers]
    places = [k for k, h in enumerate(names) if whole(h) or gazetteer().is_place(canonical_place(h))]
    keys = [k for k in range(len(headers)) if k not in places]
    districts = [k for k in places if not whole(names[k])]
    periods = [_flat(r[keys[0]]) for r in body if keys and keys[0] < len(r) and r[keys[0]].strip()]
    if len(districts) < 2 or not keys or len(places) < 0.6 * (len(headers) - 1):
        return None
    if not periods or not all(PERIOD_KEY.match(p) or MONTH_SPAN.match(p) for p in periods):  # 「1-9月」 totals them
        return None
    unit = UNIT.search(caption)
    value = re.sub(  # 「潮州市2024年1-9月各县区PM2.5月均浓度」 → 「PM2.5月均浓度」
        rf"^\s*({re.escape(city) if city else '$^'})?\s*(20\d\d)\s*年度?\s*(\d{{1,2}}\s*[-—–~至]\s*\d{{1,2}}\s*月)?|"
        rf"各({COUNTY_NOUN_PATTERN}|地区)",
        "",
        UNIT.sub("", caption),
    ).strip()
    measure = (
        f"{value or '数值'}（{unit.group(1).removeprefix('单位：').removeprefix('单位:')}）"
        if unit
        else value or "数值"
    )
    rows, numbers = [], []
    for n, row in enumerate(body, start=1):
        for k in places:
            place = "全市" if whole(names[k]) else names[k]
            rows.append([*(row[j] if j < len(row) else "" for j in keys), place, row[k] if k < len(row) else ""])
            numbers.append(n)
    return [*(headers[j] for j in keys), "区县", measure], rows, numbers


def _sections(headers: list[str], body: list[list[str]]):
    """A table whose rows fall under section rows of one cell (「一、大气污染防治类」「（二）水污染防治」): the
    section as a 类别 column of the rows under it, the section rows left out. (headers, body, row numbers), or
    None for a table without them."""
    marks = [k for k, row in enumerate(body) if section_of(row) or _place_row(row)]
    # a 合计 row may stand above the first section (the sheet's total, then 「一、中央水污染防治资金」…)
    totals_first = bool(marks) and all(
        TOTAL_ROW.match(_flat(next((c for c in r if c.strip()), ""))) for r in body[: marks[0]]
    )
    if not marks or len(headers) < 3 or not totals_first or len(marks) * 2 > len(body):
        return None
    rows, numbers, parent, section = [], [], "", ""
    for k, row in enumerate(body):
        if k in marks:  # 「（一）…」 under 「一、…」 is a part of it
            name = section_of(row) or _place_row(row)
            nested = bool(parent) and _flat(next(c for c in row if c.strip())).lstrip().startswith(("（", "("))
            section = f"{parent}·{name}" if nested else name
            parent = parent if nested else name
            continue
        rows.append([section, *row])
        numbers.append(k + 1)
    if all(_place_row(body[k]) for k in marks):  # 「惠城区（2个）」 across the rows of its sections: their 区县
        return ["所在县（市、区）", *headers], rows, numbers
    return ["分类" if "类别" in headers else "类别", *headers], rows, numbers


def _place_row(row: list[str]) -> str:
    """The place of a row of one text across that names only it (「惠城区（2个）」 → 「惠城区」), or ""."""
    filled = {_flat(c) for c in row if c.strip()}
    text = filled.pop() if len(filled) == 1 else ""
    name = re.sub(r"\s*[（(]\s*\d+\s*[个项处座条家]?\s*[）)]$", "", text)
    return name if name and gazetteer().is_place(canonical_place(name)) else ""


def _measures_by_place(headers: list[str], body: list[list[str]], city: str):
    """A sheet of measures by 区县, one column per place (「项目 | 单位 | 涧西区 | 西工区 … | 合计」, each row a measure
    such as 「评定得分（分）」), turned so each place is a row and each measure a column (its unit from a 单位 column
    into its name); the 合计 (or the city's own) column becomes the 合计 row. (headers, body, the places' column
    numbers, cited as their rows), or None for any other sheet."""
    names = [_flat(h) for h in headers]
    places = [k for k, h in enumerate(names)
              if k and (gazetteer().is_place(canonical_place(h)) or PLACE_LIKE.fullmatch(h))]  # fmt: skip
    wholes = [k for k, h in enumerate(names) if k and k not in places and (TOTAL_ROW.match(h) or h == city)]
    before = [k for k in range(min(places, default=0)) if not SEQ_HEADER.fullmatch(names[k])]
    units = [k for k in before if UNIT_HEADER.fullmatch(names[k])]
    label = next((k for k in reversed(before) if k not in units), None)
    others = [k for k in range(min(places, default=0), len(headers)) if k not in places and k not in wholes]
    if label is None or len(places) < 2 or others or len(before) > 3:
        return None
    rows = [r for r in body if label < len(r) and r[label].strip()]
    labels = [_flat(r[label]) + (f"（{_flat(r[units[0]])}）" if units and _flat(r[units[0]]) else "") for r in rows]
    if len(labels) < 2 or any(PERIOD_KEY.match(x) or MONTH_SPAN.match(x) for x in labels):
        return None  # a sheet of periods by place: `_places_as_rows`
    turned = [[names[k] if k in places else "合计", *(r[k] if k < len(r) else "" for r in rows)]
              for k in [*places, *wholes]]  # fmt: skip
    return ["区县", *labels], turned, [k + 1 for k in [*places, *wholes]]


def _months_as_rows(headers: list[str], body: list[list[str]], caption: str):
    """A sheet with a column per month (「污染物 | 站点 | 1月 | 2月 … | 全年」), read as one row per row and month
    (「全年」「1-6月」 rows too, their totals), so 「哪个月最高」「12月哪个站最高」「超过35的有几个月」 are
    filters and rankings over rows. (headers, body, row numbers), or None for a sheet of fewer months."""
    # a month's column may sit under a group's header (「立案查处数·1月」): the group is what each cell counts
    names = [_flat(h).rsplit("·", 1)[-1] for h in headers]

    def group_of(k: int) -> str:
        return _flat(headers[k]).rsplit("·", 1)[0] if "·" in headers[k] else ""

    single = [k for k, h in enumerate(names) if MONTH.match(h)]
    groups = {group_of(k) for k in single}
    if len(single) < 3 or len(groups) > 1:
        return None
    group = groups.pop()
    # the spans of the same group (「…·1-9月」), not another measure's (「优良天数比例·1-9月」)
    months = sorted([*single, *(k for k, h in enumerate(names) if MONTH_SPAN.match(h) and group_of(k) == group)])
    keys = [k for k in range(min(months)) if k not in months]
    if not keys:
        return None
    unit = UNIT.search(group) or UNIT.search(caption)
    if group and not (YEAR_PREFIX.match(group) or PERIOD_KEY.match(group)):  # 「立案查处数·1月」, not 「2025年·1月」
        caption = UNIT.sub("", group)
    # 「阳江市2025年一季度空气质量月均浓度统计表」 → 「空气质量月均浓度」: what each cell is
    value = re.sub(r"20\d\d\s*年度?|[一二三四1-4]季度|[上下]半年|\d{1,2}\s*[-—–至]\s*\d{1,2}月|全年|统计表$|情况表$|表$", "",
                   UNIT.sub("", caption))  # fmt: skip
    value = re.sub(r"^[\u4e00-\u9fff]{1,4}?[市县区](?=[\u4e00-\u9fff]{2})", "", value.strip()).strip() or "数值"
    measure = f"{value}（{unit.group(1)}）" if unit else value
    rows, numbers = [], []

    # a count or share row under a sheet of classes (「当月达到水质目标断面数（个）| 13 | 11 …」「Ⅲ类及以上断面比例（%）| 91.7
    # …」) is no row of classes
    def cells(row: list[str]) -> list[str]:
        return [_flat(row[k]) for k in months if k < len(row) and _flat(row[k])]

    counted = [all(re.fullmatch(r"\d+(\.\d+)?%?", c) for c in cells(row)) for row in body]
    # (a sheet of classes: most rows' month cells are 「Ⅱ」「劣Ⅴ类」, not a sheet of figures with a 「—」 here and there)
    classes = [bool(cells(row)) and all(re.fullmatch(r"劣?[ⅠⅡⅢⅣⅤIV]+类?", c) for c in cells(row)) for row in body]
    words = sum(classes) > len(body) / 2
    for n, row in enumerate(body, start=1):
        if words and counted[n - 1]:
            continue
        for k in months:
            rows.append([*(row[j] if j < len(row) else "" for j in keys), names[k], row[k] if k < len(row) else ""])
            numbers.append(n)
    return [*(headers[j] for j in keys), "月份", measure], rows, numbers


def _key_columns(columns: list[dict], body: list[list[str]]) -> list[dict]:
    """The text columns that name a row (before its figures, targets or verdicts): 「1月」, 「清城区 凤城 PM2.5」,
    「白土 北江 曲江区 国考」."""
    # (a register's first 「是否…」 or √ column ends its names too)
    first_number = min((c["index"] for c in columns if c["index"] >= 0 and (
        c["kind"] in ("number", "percent") or c.get("ordinal") or STATUS_HEADER.search(c["header"])
        or TARGET_HEADER.search(c["header"]) or YES_NO_HEADER.search(c["header"]) or _marks(c, body) >= MIN_MARKS)),
        default=len(columns))  # fmt: skip
    keys = [c for c in columns if c["kind"] == "text" and c["index"] < first_number
            and not STATUS_HEADER.search(c["header"])]  # fmt: skip
    return keys or [next((c for c in columns if c["kind"] == "text"), columns[0])]


def _distinct(column: dict, body: list[list[str]]) -> int:
    return len({_flat(r[column["index"]]) for r in body if column["index"] < len(r)})


MEASURE_UNIT = re.compile(rf"(?:{COUNT_UNITS}|公顷|平方米|平方公里|立方米|万吨|亿元|米|套|件|次|人|%)")


def _units_named(column: dict, body: list[list[str]]) -> bool:
    """A 单位 column of units of measure (公里 / 条 / 个), not one of departments (市生态环境局 …)."""
    cells = [_flat(r[column["index"]]) for r in body if column["index"] < len(r) and r[column["index"]].strip()]
    return bool(UNIT_HEADER.fullmatch(column["label"]) and cells) and all(MEASURE_UNIT.fullmatch(c) for c in cells)


def _naming(keys: list[dict], body: list[list[str]]) -> dict:
    """Of the key columns, the one that tells most rows apart (on a tie a 「…名称」 or 「…问题」 column, never a
    责任单位 nor a 行业类别 one, else the later one: 站点 over 区县, 断面名称 over 所在水体, 督察反馈问题 over its 整改措施); never a
    column of units (公里 / 条 / 个 name no row), nor one of dates beside a name (a licence's 有效期限)."""
    named = [c for c in keys if not _units_named(c, body)
             and not (DATE_HEADER.search(c["header"]) and _dates_held(c, body) >= MIN_MARKS)] or keys  # fmt: skip
    return max(reversed(named), key=lambda c: (_distinct(c, body), not RESPONSIBLE_HEADER.search(c["label"]),
                                               not CATEGORY_HEADER.search(c["label"]),
                                               bool(NAMING_HEADER.search(c["label"]))))  # fmt: skip


# a register's title naming its rows (「…行政处罚案件登记台账」: 案件, with up to four characters before it)
TITLE_ROWS = re.compile(
    r"([\u4e00-\u9fff]{0,4}?)(案件|企业|断面|点位)(?:登记|统计|办理|管理|信息)?(?:台账|台帐|清单|名录|登记表|一览表|汇总表)"
)
NAMING_HEADER = re.compile(r"名称|(问题|项目|任务|事项)$")
CATEGORY_HEADER = re.compile(r"类别|类型|种类|行业|性质")  # a kind rows share (行业类别), no row's own name on a tie


def _keys_filled_down(body: list[list[str]], keys: list[int]) -> list[list[str]]:
    """A station's cells merged down over its pollutants (「檀溪子站」 over PM2.5 | PM10 | O3): each row under it
    names the station again, as a row that states its own pollutant but no station is its."""
    filled: list[list[str]] = []
    for row in body:
        blank = [k for k in keys if k < len(row) and not row[k].strip()]
        named = [k for k in keys if k < len(row) and row[k].strip()]
        # (「钟山县小计」 sums the rows above: it names none of their projects)
        whole = GRAND_TOTAL.match(next((_flat(c) for c in row if c.strip()), ""))  # 「全市（15个断面）」 in 序号
        if filled and blank and named and not whole and not any(TOTAL_ROW.match(_flat(row[k]))
                                                                or TOTAL_CELL.match(_flat(row[k])) for k in named):  # fmt: skip
            above = filled[-1]
            row = [above[k] if k in blank and k < len(above) else cell for k, cell in enumerate(row)]
        filled.append(row)
    return filled


def _places_filled_down(body: list[list[str]], index: int) -> list[list[str]]:
    """「江城区」 written once over its projects (not merged): the rows under it, its 小计 too, are its rows;
    a 合计 row of the whole table stays nobody's."""
    filled, place = [], ""
    for row in body:
        cell = row[index].strip() if index < len(row) else ""
        if cell:
            place = "" if TOTAL_ROW.match(cell) else cell
        elif (
            place
            and index < len(row)
            and not GRAND_TOTAL.match(next((_flat(c) for c in row if c.strip()), ""))
            and not _names_other_group(row, place)
        ):
            row = [*row[:index], place, *row[index + 1 :]]
        filled.append(row)
    return filled


def _names_other_group(row: list[str], place: str) -> bool:
    """Whether a 小计 row names a group other than the place above it (「中央资金小计」 under 昭阳区's project, the
    places written on every row): a subtotal of a fund level, no row of that place."""
    for cell in (_flat(c) for c in row if c.strip()):
        total = TOTAL_CELL.match(cell)
        owner = cell[: total.start(1)].strip() if total else ""
        if owner and owner not in place and place not in owner:
            return True
    return False


def _place_column(columns: list[dict], body: list[list[str]]) -> dict | None:
    """The first text column whose cells are places (区县, a 功能区 named like one, or a row of 全市 among them)."""
    for column in columns:
        cells = [_flat(r[column["index"]]) for r in body if column["index"] < len(r) and r[column["index"]].strip()]
        # (the 「德城区小计」「合计」「其中：中央资金」 rows under the 区县 decide nothing)
        cells = [c for c in cells if not TOTAL_CELL.match(c) and not c.startswith("其中")] or cells
        listed = [c for c in cells if gazetteer().is_place(canonical_place(c))]
        named = [c for c in cells if c in listed or PLACE_LIKE.fullmatch(c) or TOTAL_ROW.match(c)]
        # mostly places the gazetteer lists, with a 功能区 or a 全市 row among them; under a 「镇街」 header, towns
        headed = bool(PLACE_HEADER.search(column["label"]))
        listing = len(listed) >= 0.5 * len(cells) or headed
        if column["kind"] == "text" and cells and listing and len(named) >= 0.6 * len(cells):
            return column
    return None


def _column(column_id: str, header: str, cells: list[str]) -> dict:
    """A column's type from its cells (number, percent or text), its unit from its header."""
    filled = [c.strip() for c in cells if c.strip() and c.strip() not in ("—", "-", "/")]
    numbers = [c for c in filled if NUMBER.match(c.replace(",", ""))]
    parts = header.split("·")  # 「年均浓度（微克/立方米）·PM2.5」: a two-level header's unit is on either level
    unit = next((u for u in map(_unit_of, reversed(parts)) if u), "")
    label = "·".join(UNIT.sub("", p).strip() if _unit_of(p) else p for p in parts).strip("·") or header
    share = len(numbers) / len(filled) if filled else 0.0
    percent = unit == "%" or (numbers and all(n.endswith("%") for n in numbers))
    kind = ("percent" if percent else "number") if filled and share >= NUMERIC_SHARE else "text"
    if SEQ_HEADER.fullmatch(label):
        kind = "seq"  # 序号 numbers rows; it is no figure to sum or rank
    ordinal = kind == "text" and bool(filled) and all(water_class_rank(c) for c in filled)  # 「Ⅲ类」: ranked
    if kind == "percent":
        unit = "%"
    index = int(column_id[1:]) - 1
    # 「39.0%」「0.0%」: decimals every cell is typed with are printed so (none: as few as the value needs)
    places = min((len(n.rstrip("%").partition(".")[2]) for n in numbers), default=0)
    return {"id": column_id, "index": index, "header": header, "label": label, "kind": kind, "unit": unit,
            "words": _words(label, halves=kind in ("number", "percent")), "places": places,
            **({"ordinal": True} if ordinal else {})}  # fmt: skip


def _unit_of(header: str) -> str:
    """「（微克/立方米）」「（%）」「（万元）」 at a header's end are units; 「县（市、区）」 names places."""
    found = UNIT.search(header)
    unit = re.sub(r"^单位\s*[:：]\s*", "", found.group(1).strip()) if found else ""  # 「（单位：μg/m³）」
    return unit if unit and not NOT_UNIT.search(unit) else ""


SHORT_LABEL = 4


def _words(label: str, halves: bool = False) -> list[str]:
    """What a question calls a column: its label, the label without a year or a period (「2024年目标值」 →
    「目标值」), each name of a two-level header, its distinctive words (「降尘量」 → 「降尘」, 「同比变化」 → 「同比」), and a
    pollutant's other names (「PM2.5」 → 「细颗粒物」)."""
    label = re.sub(r"^其中\s*[：:]\s*", "", label)  # 「其中：12345热线转办」 is asked as 「12345热线转办」
    words = {label, re.sub(r"^20\d\d\s*年(度)?", "", label).strip()}
    words.add(PERIOD_LEAD.sub("", label).strip())  # 「1-6月完成投资」 is asked as 「完成投资」
    words.add(label.replace("·", ""))  # 「优良天数·比例」 is asked as 「优良天数比例」
    # 「立案查处数」 is asked as 「立案查处多少」 (not 「优良天数」 as 「优良天」)
    words.add(COUNT_SUFFIX.sub("", label))
    # 「…累计监测结果·优良天数比例」, 「优良天数比例·1-9月」, 「2024年许可排放量·二氧化硫」 (as 「许可排放量」 too)
    parts = {p for p in label.split("·") if p not in GENERIC_LABEL_WORDS} if "·" in label else set()
    words |= parts | {re.sub(r"^20\d\d\s*年(度)?", "", p).strip() for p in parts}
    # 「投资情况·1-9月完成投资」 asked as 「完成投资」 (not 「1-9月完成」 as any 「完成」)
    words |= {w for p in parts if len(w := PERIOD_LEAD.sub("", p).strip()) >= 3}
    # a short figure's label jieba keeps whole (「立案查处」) is asked by its halves too (「立案超过35件」); not a
    # text column's (「资金来源」 is no column of 「资金」)
    cut = jieba.cut_for_search if halves and len(label) <= SHORT_LABEL else jieba.cut
    words |= {w for w in cut(normalize_text(label)) if len(w) >= 2 and w not in GENERIC_LABEL_WORDS}
    # a figure's head noun, the end of its last word (「核准经营规模」 asked as 「核准规模」: 「规模」)
    last = list(jieba.cut(normalize_text(label.rpartition("·")[2])))[-1:] if halves else []
    words |= {w[-2:] for w in last if len(w) >= 4 and w[-2:] not in GENERIC_LABEL_WORDS}
    # 站点 → 子站, 支出进度 → 执行率; not for a target's column (「9月底目标执行率」 is no 执行率)
    words |= {w for stem, same in NOUN_SYNONYMS.items() if stem in label and not TARGET_HEADER.search(label)
              for w in same}  # fmt: skip
    # 「O3-8h第90百分位数·…」 opens with O3, 「污染物浓度·O3-8h-90per」's lower header does
    leads = [m.group(0) for part in label.split("·") if (m := re.match(r"[a-z][a-z0-9.]*", normalize_text(part)))]
    # (「细颗粒物·浓度」: a part of its label names it)
    pollutant = canonical_pollutant(label) or next(filter(None, map(canonical_pollutant, [*leads, *parts])), None)
    if pollutant:
        words |= {pollutant, *POLLUTANTS.get(pollutant, ())}
    words = {normalize_text(w) for w in words if w and not gazetteer().is_place(canonical_place(w))}  # 「韶关市…」
    return sorted((w for w in words if not re.fullmatch(r"[\d.%年月\-—–~至]+", w)), key=len, reverse=True)


def _series_spans(columns: list[dict], title: str) -> None:
    """「1-9月累计均值（μg/m³）」 right after 「PM2.5月均浓度·1月 … ·9月」 in the same unit, naming no pollutant of its
    own: the series' span, asked as 「PM2.5累计浓度」 too (the series' pollutant named in its header, or in the title
    of a sheet of one: 「…细颗粒物（PM2.5）浓度」 over 「月均浓度·1月」)."""
    titled = {canonical_pollutant(w) for w in re.findall(r"[A-Za-z][A-Za-z0-9.₀-₉]*", normalize_text(title))} - {None}
    for before, column in itertools.pairwise(columns):
        group, _, month = before["label"].rpartition("·")
        pollutant = next(filter(None, map(canonical_pollutant, before["words"])), None)
        pollutant = pollutant or (next(iter(titled)) if len(titled) == 1 else None)
        if not (group and MONTH.match(month) and pollutant and column["kind"] == "number"):
            continue
        if canonical_pollutant(column["label"]) or column["unit"] != before["unit"]:
            continue
        if PERIOD_LEAD.match(column["label"]) or re.search(r"累计|均值|平均", column["label"]):
            said = (normalize_text(w) for w in (pollutant, *POLLUTANTS.get(pollutant, ())))
            column["words"] = list(dict.fromkeys([*column["words"], *said]))
            column["series_span"] = True  # the figure a target beside the series judges (`_target_rule`)


def _value(cell: str) -> float | None:
    text = cell.strip().replace(",", "").rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def _rank(value) -> float | None:
    """A figure to compare: a number, a target's figure (「≤35」), or a water class's rank (「Ⅲ类」 → 3)."""
    rank = water_class_rank(value) if isinstance(value, str) else None
    return float(rank) if rank is not None else _first_number(value)


def _first_number(value) -> float | None:
    """A target cell's figure: 35, 「≤35」, 「≥60%」."""
    if is_number(value):
        return float(value)
    found = re.search(r"-?\d+(?:\.\d+)?", str(value or ""))
    return float(found.group(0)) if found else None


def _year(caption: str, document: Document) -> int | None:
    found = re.search(r"(20\d\d)\s*年", caption or "")
    return int(found.group(1)) if found else document.info.year


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text or "").strip()
