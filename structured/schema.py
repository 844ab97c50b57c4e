"""Table kinds described as data: columns, what a row is about, its measures and its words.

The planner and the executor read a table only through its `TableSchema`, so a new kind of
table is a new schema, not new code: which column names the entity a row is about (a
station, a region, a task), which columns hold measures and in what unit, which column says
a row's verdict, which words of a question point at the table or name its measures.

>>> SCHEMAS["stations"].measures["value"].column
'value'
>>> SCHEMAS["funds"].noun_column("区县")
'region'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.glossary import COUNTY_NOUNS, SCORE_WORDS


@dataclass(frozen=True)
class MeasureSpec:
    """A figure a question may ask about, sum, rank or filter by.

    `column` holds it (derived columns start with `_`, computed by the executor); the unit is
    fixed (`unit`) or per row (`unit_column`); `words` name it in questions, strongest first;
    `lower_is_better` says which end of a ranking is the worst; `derived`: computed from other
    columns of the row (a change between two years, what is left), not stated by the document;
    `additive`: ranking groups (「哪个县区得分最高」) ranks their sums; `places`: the decimals every value
    is typed with (「39.0%」), kept when printed.
    """

    name: str
    label: str
    column: str
    words: tuple[str, ...] = ()
    unit: str = ""
    unit_column: str = ""
    lower_is_better: bool = False
    derived: bool = False
    additive: bool = False  # a group's figure is its rows' sum (a 区县's 得分 is its tasks' scores added)
    places: int = 0  # decimals the document types every value with (「39.0%」): printed so
    fallback: str = ""  # the measure read instead when no row found states this one (下达 → 资金)
    gap_of: tuple[str, ...] = ()  # a generic table's gap to target: the (value, target) measures it is computed from
    ratio_of: tuple[
        str, ...
    ] = ()  # a rate stated as (part, whole) of two other measures: several rows' is Σpart ÷ Σwhole


# 「是否执行完毕」「自动监控是否联网」「PM2.5·是否达标」: (what leads, what is asked)
YES_NO_HEADER = re.compile(r"(.{0,8}?)是否(.{2,20})")


@dataclass(frozen=True)
class TableSchema:
    """One kind of table.

    `entity` is the column a row is about; `nouns` map the nouns of a question (「哪些子站」)
    to columns; `key` identifies the thing counted once (a task's sub-items count as one task);
    `verdict` names the derived column holding "met" / "behind" / "on_track" / "";
    `match_columns` are the text columns a row is found by; `words` point a question at the
    table; `lexicon` maps columns to the lexicon kind their values feed.
    """

    name: str
    title: str
    entity: str
    entity_label: str
    key: str
    measures: dict[str, MeasureSpec]
    default_measure: str = ""
    nouns: dict[str, str] = field(default_factory=dict)
    year_column: str = "year"
    period_column: str = ""
    match_columns: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    lexicon: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # column → Chinese header, for views and wording
    generic: bool = False
    verdict: bool = False  # a generic table whose rows have a verdict (a status column, or a target)
    stated_verdict: bool = False  # … stated by a status column, beside each measure's own against its target
    status_column: str = ""  # a generic table's column of status words (「建设状态」: 在建 / 未开工 …)

    @property
    def naming_column(self) -> str:
        """A generic table's column that names its rows (「断面（点位）名称」), "" if none."""
        return next((c for c, label in self.labels.items() if label == self.entity_label and c != "entity"), "")

    def verdict_words(self) -> dict[str, str]:
        """A generic sheet's verdicts in the words of its 「是否X」 status column (「是否完成整改」: 已完成整改 /
        未完成整改); {} where it has none."""
        asked = YES_NO_HEADER.fullmatch(self.labels.get(self.status_column, "")) if self.generic else None
        return {"met": f"已{asked.group(2)}", "behind": f"未{asked.group(2)}"} if asked else {}

    def gap_measure(self, measure: str) -> MeasureSpec | None:
        """The gap-to-target measure of a judged measure (asked by its value or by its target column)."""
        return next((m for m in self.measures.values() if m.gap_of and measure in m.gap_of), None)

    def ratio_parts(self, measure: str) -> tuple[MeasureSpec, MeasureSpec]:
        """The part and the whole a rate is stated as (已支出, 下达金额 of 执行率)."""
        part, whole = (self.measures[m] for m in self.measures[measure].ratio_of)
        return part, whole

    def noun_column(self, noun: str) -> str | None:
        """The column a question's noun names: 「区县」 → region, 「子站」 → station."""
        for word, column in sorted(self.nouns.items(), key=lambda item: -len(item[0])):
            if word in noun:
                return column
        return None

    def measure_for(self, words: str) -> MeasureSpec | None:
        """The measure whose words occur in `words`: not one of another period than the span said, nor one month's when
        no month is said; then the longest word (a word of more than two columns weighs its length over their number),
        then one a ranking word follows (「投资最多」), and between equals a target's
        column only if a target is asked, then the one more of whose words are said (「二氧化硫许可排放量」), then the word of fewer columns, then a 小计 / 合计 of
        the columns a word heads, then the one whose label names a year that `words` name too (「2024年优良天数比例」 over 2023年's), then the
        period said (「1-11月」), then this year's over last year's 「同期」 unless last year is asked."""
        best, best_key = None, (False, False, 0, False, False, 0, 0, False, False, False, False, False, (0, 0, 0))
        asked_span = MONTH_SPAN_WORD.search(words)
        asked_month = re.search(r"\d{1,2}\s*月", words)
        # a word of several columns (「资金」 of each 「资金下达·…」) names none of them as surely as 「支出」 names one
        shared = Counter(w for spec in self.measures.values() for w in set(spec.words))
        asks_target = bool(re.search(r"目标|要求", words))
        asks_last_year = bool(LAST_YEAR_WORDS.search(words))
        rows_noun = re.sub(r"名称$", "", str(self.labels.get("entity", ""))) if self.generic else ""
        for spec in self.measures.values():
            year = re.search(r"(20\d\d)\s*年", spec.label)
            dated = bool(year) and year.group(1) in words
            # 「2025年PM2.5最高」 is the reading, not 「2025年度目标·PM2.5」, unless a target is asked
            fits = ("目标" in spec.label) == asks_target
            # 「1-11月PM10最高」 is this year's 「2024年1-11月」, not 「2023年同期」, unless last year is asked
            span = MONTH_SPAN_WORD.search(spec.label)
            period = bool(span) and _squeezed(span.group(0)) in _squeezed(words)
            this_year = bool(LAST_YEAR_WORDS.search(spec.label)) == asks_last_year
            hits = sum(w in words for w in spec.words)  # 「二氧化硫许可排放量」: both of 许可排放量·二氧化硫's
            # 「1-9月PM2.5累计浓度」 is never a 「PM2.5月均浓度·1月」 column's: a label of another period is not asked
            own = MONTH_SPAN_WORD.search(spec.label) or LABEL_MONTH.search(spec.label)
            other_period = bool(asked_span and own) and _squeezed(own.group(0)) != _squeezed(asked_span.group(0))
            # 「PM2.5」 with no month said is the series' span (「1-9月累计均值」), not its first month
            month_unasked = not asked_month and bool(LABEL_MONTH.search(spec.label))
            for word in spec.words:
                if word == rows_noun and word != spec.label:
                    continue  # 「水污染防治类项目合计下达了多少」: 项目 names the rows, not 「项目总投资」
                # a word of many columns (「PM2.5」 of each month's) names one of them less than a word of one
                weight = len(word) if shared[word] <= 2 else len(word) / shared[word]
                # a half of a label the sheet's title says (「焚烧」 of 焚烧面积 in 「秸秆露天焚烧…登记表」) is its topic
                if self.generic and word in self.title and word != spec.label:
                    weight /= 2
                # 「下达资金」 over its 中央、省级 and 小计 columns: between equals, their total
                total = shared[word] > 1 and bool(re.search(r"小计|合计|总计", spec.label))
                # 「重点工程里哪类投资最多」: between words as long, the one a ranking word follows
                ranked = bool(re.search(rf"{re.escape(word)}\s*(最|排名|排第|排在|前[一二三四五]|倒数)", words))
                key = (not other_period, not month_unasked, weight, ranked, fits, hits, -shared[word], total, dated,
                       period, this_year, period_named(spec.label, words), period_end(spec.label))  # fmt: skip
                if word in words and key > best_key:
                    best, best_key = spec, key
        return best


LAST_YEAR_WORDS = re.compile(r"同期|上年|去年")
# the period a column's label ends with, in words (「执行率·一季度末」「水质类别·上半年」)
PERIOD_WORD = re.compile(r"(前三|[一二三四1-4])季度末?|[上下]半年|全年|年度|(?<![\d\-—–~至])(1[0-2]|[1-9])月[底末]?")
CHANGE_WORDS = re.compile(r"同比|环比|变化|增减|增幅|降幅|较")
# a column with no period of its own is the table's current one (「得分」 beside 「2023年度得分」)
UNDATED = (9999, 12, 1)
QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def period_named(label: str, words: str) -> bool:
    """Whether `words` name the period a column's label ends with (「二季度」 of 「水质类别·二季度」)."""
    found = PERIOD_WORD.search(label.rpartition("·")[2])
    said = re.sub(r"[底末]$", "", found.group(0)) if found else ""
    return bool(said) and bool(re.search(rf"(?<!前){re.escape(said)}", words))  # (「前三季度」 names no 三季度)


def period_end(label: str) -> tuple[int, int, int]:
    """(year, last month, whether cumulative) of the period a column's label states (the latest when none): between
    columns a question names alike, the latest (「执行率·上半年」 over 「执行率·一季度末」; 上半年 over 二季度)."""
    year = re.search(r"(20\d\d)\s*年", label)
    tail = label.rpartition("·")[2]
    span = MONTH_SPAN_WORD.search(tail)
    word = PERIOD_WORD.search(tail)
    if CHANGE_WORDS.search(tail):
        return (0, 0, 0)  # 「O3·同比变化」 is no period's figure, however undated
    if not (year or span or word):
        return UNDATED
    if span:
        month, cumulative = int(re.findall(r"\d{1,2}", span.group(0))[-1]), 1
    elif word is None:
        month, cumulative = 0, 0
    elif word.group(1):
        month, cumulative = (9, 1) if word.group(1) == "前三" else (3 * QUARTER[word.group(1)], 0)
    elif word.group(2):
        month, cumulative = int(word.group(2)), 0
    else:
        month, cumulative = {"上半年": (6, 1), "下半年": (12, 0)}.get(word.group(0), (12, 1))
    return (int(year.group(1)) if year else 0, month, cumulative)


LABEL_MONTH = re.compile(r"(?<![\d\-—–~至])(1[0-2]|[1-9])月")


def _squeezed(text: str) -> str:
    return re.sub(r"[—–~至]", "-", re.sub(r"\s", "", text))


MONTH_SPAN_WORD = re.compile(r"\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月")

REGION_NOUNS = {"区": "region", "县": "region", "市": "region", **dict.fromkeys(COUNTY_NOUNS, "region"),
                "市区": "region", "地区": "region", "区域": "region", "哪个区": "region", "哪个县": "region",
                "哪个市": "region", "哪些区": "region", "哪些县": "region", "哪些市": "region", "城市": "region",
                "哪个地方": "region", "哪里": "region"}  # fmt: skip

STATIONS = TableSchema(
    name="stations",
    title="空气质量站点",
    entity="station",
    entity_label="子站",
    key="row_id",
    measures={
        "value": MeasureSpec("value", "浓度", "value", ("浓度", "读数", "数值", "监测值", "均值"), unit_column="unit",
                             lower_is_better=True),
        "target": MeasureSpec("target", "考核目标", "target", ("考核目标", "目标值", "目标"), unit_column="unit",
                              lower_is_better=True),
        "excess": MeasureSpec("excess", "超出目标", "excess", ("超出目标", "超过目标", "超标", "超出", "超过", "高出",
                                                               "超了"), unit_column="unit", lower_is_better=True),
    },  # fmt: skip
    default_measure="value",
    nouns={**REGION_NOUNS, "子站": "station", "站点": "station", "监测站": "station", "站": "station",
           "污染物": "pollutant", "指标": "pollutant"},  # fmt: skip
    period_column="period",
    match_columns=("station", "station_full", "region"),
    words=("子站", "站点", "监测站", "监测点", "站", "浓度", "读数", "空气质量"),
    lexicon={"region": "place", "station": "station", "pollutant": "pollutant", "year": "year", "period": "period"},
    labels={"region": "区域", "station": "站点", "pollutant": "污染物", "value": "读数", "target": "目标",
            "unit": "单位", "stated_result": "文件结论", "computed_result": "核算", "year": "年份", "period": "时段"},
)  # fmt: skip

FUNDS = TableSchema(
    name="funds",
    title="专项资金",
    entity="region",
    entity_label="区县",
    key="row_id",
    measures={
        "rate": MeasureSpec("rate", "执行率", "rate", ("执行率", "支出率", "执行进度", "支出进度"), unit="%"),
        "target": MeasureSpec("target", "目标执行率", "target", ("目标", "要求"), unit="%"),
        "allocated": MeasureSpec("allocated", "下达资金", "allocated", ("下达", "拨付", "到位", "多少钱", "金额"),
                                 unit="万元", fallback="amount"),
        "amount": MeasureSpec("amount", "资金", "amount", ("资金总额", "资金规模"), unit="万元"),
        "gap": MeasureSpec("gap", "距目标", "gap", ("差距", "还差", "差多少", "距离目标"), unit="个百分点",
                           lower_is_better=True),
    },  # fmt: skip
    default_measure="rate",
    nouns={**REGION_NOUNS, "级别": "level", "资金": "level"},
    year_column="fund_year",
    period_column="period",
    match_columns=("region", "level"),
    words=("专项资金", "资金", "执行率", "支出率", "下达"),
    lexicon={"region": "place", "level": "level", "fund_year": "year"},
    labels={"region": "区域", "fund_year": "资金年度", "level": "级别", "rate": "执行率%", "target": "目标%",
            "target_deadline": "目标期限", "allocated": "下达（万元）", "rate_basis": "依据"},
)  # fmt: skip

TASKS = TableSchema(
    name="tasks",
    title="任务",
    entity="task_key",
    entity_label="任务",
    key="task_key",
    measures={
        "rate": MeasureSpec("rate", "完成率", "rate", ("完成率", "完成比例", "完成的比例", "完成进度", "工程量", "进度",
                                                       "整治率", "淘汰率", "改造率", "落实率"),
                            unit="%"),
        "points": MeasureSpec("points", "分值", "task_points", ("分值", "总分", "分数", "多少分", "几分"), unit="分",
                              additive=True),
        "score": MeasureSpec("score", "得分", "score", SCORE_WORDS,
                             unit="分", additive=True),
        "done": MeasureSpec("done", "已完成", "done", ("已完成", "完成了多少", "做了多少"), unit_column="measure_unit"),
        "total": MeasureSpec("total", "任务量", "total", ("任务量", "总数"), unit_column="measure_unit"),
        "remaining": MeasureSpec("remaining", "尚未完成", "remaining", ("还差", "剩下", "剩余", "还剩", "差多少"),
                                 unit_column="measure_unit", lower_is_better=True),
    },  # fmt: skip
    default_measure="",
    nouns={**REGION_NOUNS, "任务": "task_key", "项目": "task_key", "事项": "task_key", "工程": "task_key",
           "填埋场": "task_key", "加油站": "task_key"},  # fmt: skip
    period_column="period",
    match_columns=("task", "content", "requirement", "progress", "category", "lead_units"),
    words=("任务", "项目", "工程", "进度", "进展", "滞后", "牵头", "责任单位", "分值", "完成时限", "重点考核"),
    lexicon={"region": "place", "lead_units": "department", "responsible_units": "department",
             "status_raw": "status", "year": "year", "period": "period"},
    labels={"locator": "位置", "region": "区域", "year": "年份", "task": "任务", "requirement": "要求",
            "deadline": "时限", "progress": "进展", "status_raw": "状态", "rate_stated": "完成率%", "check": "核查",
            "key_assessment": "重点考核", "lead_units": "牵头单位", "task_points": "分值", "score": "得分"},
)  # fmt: skip

INDICATORS = TableSchema(
    name="indicators",
    title="指标",
    entity="full_name",
    entity_label="指标",
    key="row_id",
    measures={
        "current": MeasureSpec("current", "现状值", "current_value", ("现状值", "现状", "基准值", "评估值", "现在", "实际", "目前"),
                               unit_column="unit"),
        "target": MeasureSpec("target", "目标值", "target_value", ("目标值", "目标", "指标值", "要求"),
                              unit_column="unit"),
        "gap": MeasureSpec("gap", "距目标", "gap", ("还差", "差多少", "差距", "距离"), unit_column="unit"),
        "year_value": MeasureSpec("year_value", "数值", "year_value", (), unit_column="year_unit"),
        # between the first and the last year asked (「从2015年到2020年提高得最多」): the later minus the earlier
        "year_change": MeasureSpec("year_change", "变化", "year_change", (), unit_column="year_unit", derived=True),
    },  # fmt: skip
    default_measure="",
    nouns={"指标": "full_name", "项": "full_name", "类别": "category"},
    year_column="target_year",
    match_columns=("full_name", "category", "domain", "target_text", "standard_text"),
    words=("指标", "目标值", "现状值", "指标值", "属性", "约束性", "预期性", "参考性", "达标情况"),
    lexicon={"region": "place", "full_name": "indicator", "name": "indicator", "responsible": "department",
             "attribute": "attribute"},
    labels={"doc_title": "文件", "locator": "位置", "full_name": "指标", "unit": "单位", "current_text": "现状值",
            "standard_text": "指标值", "target_text": "目标", "attribute": "属性", "stated_status": "达标情况",
            "computed_status": "核算", "responsible": "责任部门"},
)  # fmt: skip

SCHEMAS: dict[str, TableSchema] = {s.name: s for s in (TASKS, STATIONS, FUNDS, INDICATORS)}
