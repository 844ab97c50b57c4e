"""A small grammar over slots: which table a question is about, and its query plan.

The table is the one whose words and lexicon the question's slots hit (a station, a fund
level, an indicator's attribute, a task's department …); filters come from places, years,
periods, statuses, thresholds and the like, read against what that table holds; the noun
after 「哪些 / 哪个」 says what to group by; ranking, counting, summing and comparing cues
say what to compute; the words no slot consumed pick rows by their text. A question naming
something a table lacks (another region, another year, a month) gets a `Missing` instead
of a plan, so the assistant can say what is not there.

>>> planner = Planner(lexicon, holdings)  # doctest: +SKIP
>>> planner.run(read_question("哪些区县PM10未达标？", lexicon, catalogue)).plans[0].describe()  # doctest: +SKIP
'stations: pollutant∈('PM10',), verdict=behind; 按region分组; 形式 list'
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cached_property

import rjieba

from assistant.slots import (
    BEHIND_WORDS,
    BETTER_ONE,
    FOLLOW_UP_FILLER,
    KIND_WORD,
    LEFT_OUT,
    MET_WORDS,
    NOT_CLOSED,
    RATE_VERBS,
    ROW_DATE_VERB,
    WHOLE_MEAN,
    WORD_AFTER_ZHONG,
    Question,
    Slot,
    bigrams,
    canonical_unit,
    in_longer,
    period_said,
    pieces,
    residual,
)
from corpus.gazetteer import gazetteer
from corpus.glossary import (
    COLUMN_STATUS_LENGTH,
    COMPARED_WAY,
    COUNTY_NOUN_PATTERN,
    DATE_VERB,
    DATE_VERBS,
    DEADLINE_HEADERS,
    DEADLINE_VERBS,
    DEDUCTION_RULE,
    GENERIC_LABEL_WORDS,
    LEVELS_DOWNWARD,
    MEASURE_UNITS,
    MEDIA,
    NEGATION,
    NOUN_SYNONYMS,
    PLACES_ASKED,
    QUESTION_COUNT_UNITS,
    SCORE_ASKED,
    THIS_YEAR,
    TITLE_SHORT_FORMS,
    WHETHER_VERBS,
    canonical_pollutant,
    column_status,
    status_of,
    water_class_rank,
)
from corpus.lexicon import Lexicon
from corpus.tables import TOTAL_CELL
from corpus.text import abbreviates, normalize_text
from structured.facts import fmt, is_number
from structured.generic import (
    DATE_HEADER,
    LAST_YEAR,
    LIST_CELL,
    MARKS,
    MONTH_SPAN,
    PLAIN_VERDICTS,
    STATUS_HEADER,
    TARGET_HEADER,
    TOTAL_ROW,
    YEAR_PREFIX,
    stated_verdict,
)
from structured.numbers import unit_scale
from structured.plan import BASE_YEAR, TARGET_YEAR, UNSELECTING, Filter, QueryPlan, Ranking
from structured.schema import (
    PERIOD_WORD,
    SCHEMAS,
    TASKS,
    YES_NO_HEADER,
    MeasureSpec,
    TableSchema,
    period_end,
    period_named,
)
from structured.stacking import PERIOD_HEADERS

# 「离目标差距最大」「距目标还差多少」「差得最远」「超了多少」「超标最多」: how far a row is from its target
GAP_CUE = re.compile(
    r"[离距]离?目标|与目标(的)?差|差距|还差|差得最|(?<![相之])差了?多少|差多远|超出?了?(多少|几)|超得最|超出目标|超标最"
)
FUND_WORDS = ("专项资金", "资金", "执行率", "支出率")
FUND_AMOUNT = re.compile(r"(安排|下达|拨付|补助)的?金额")  # 「安排金额超过500万元」: a fund's money
BRACKETED_KIND = re.compile(r"(.+?)[（(][^（()）]+[)）]")  # 「大气（扬尘）」: a kind of 「大气」
CLOSED_AS = {"办完": "办结"}  # a verb of closing, as a register's date column names it
REGISTER_END = re.compile(r"(?<=[\u4e00-\u9fff]{2})(台账|台帐|名录|清单|一览表|登记表|汇总表)[上里中内]?$")
ITEM_NOUN_END = re.compile(r"(?<=[\u4e00-\u9fff]{2})(案件|件)$")
# words of any sheet's title, which name no sheet in particular
TITLE_FILLER = re.compile(
    r"情况|工作|生态|环境|保护|统计|汇总|一览|年度|季度|半年|月份|逐月|逐日|各[县区市镇]|全[市县区省]|关于|做好|表$"
    r"|目标|状况|排名|通报|监测|结果|完成|考核|进度|浓度|质量|数据|指标|清单|单位|万元|亿元|文件|污染|主要|重点|达标"
)
PLACE_ROWS_SHARE = 0.6  # of a sheet's row names that are places, for its rows to be places
STATION_WORDS = (
    "子站",
    "站点",
    "监测站",
    "监测点",
    "国控站",
    "省控站",
    "自动站",
    "考核站",
    "个站",
    "station",
)  # 「那两个站」
READING_WORDS = ("浓度", "读数", "监测值", "均值", "超标", "μg", "微克")
INDICATOR_WORDS = ("指标", "现状值", "基准值", "评估值", "指标值", "属性", "达标情况", "约束性", "预期性", "参考性")
TASK_WORDS = (
    "任务",
    "项目",
    "工程",
    "牵头",
    "责任单位",
    "分值",
    "得分",
    "完成时限",
    "重点考核",
    "进展",
    "进度",
    "完成比例",
    "事项",  # 「督办事项」 of a 督办清单 and its 销号 status
    "督办",
    "销号",
)
# Question words that say nothing about which row is meant, in named parts (space-separated
# patterns). They are tried in this order at each position, so a longer word stays before its
# prefix (「是多少」 before 「是」).
_ASKING = r"""
    (那)?换成 (那)?换到 改成 [几多少]*个百分点 百分点 整体 总体 那它的 那它 它的 过没过\d*%? 达没达到\d*%? 百分之几 百分之多少 百分之 属于
    还是 [几哪]?一?(?<![ⅠⅡⅢⅣⅤIVX劣])类水质? 是多少 多少 有?多大 是什么 什么 哪些 哪个 哪项 有没有 是否 了吗 吗 呢 请问 分别 各自 到底 究竟 具体 大概 大约 怎样 咋
    啥 来着 出现过 有过 单月 平均值 均值 明确写了 明确写 明确 写明 注明 情况 怎么样 如何 怎么 由哪个 是谁 谁 咋样 一些 一点儿?
    (推进|进展|开展|落实|完成|执行|搞|做)得 了 要 的 中(?!WORD_AFTER_ZHONG) 里
"""
_TABLE_TALK = r"""
    表中 表里 附表 它们 它俩 [这那]俩 (指标|任务|资金|项目)表 [这那](?=\s|$) [这那该]一?类 [这那该]一?项 [这那该]一?件(事情?)? [这那][几两二三四五六七八九十]+[个项家条座件笔处](站点?|子站|地方|区县|县区)? [这那]一?个 [这那]一?家 [这那该]笔 [这那该]批 [这那该本]次(?!数) [这那]回(?![收访头复应]) [这那该本](?=第[一二三四五六七八九十\d]+[批次期]) [这那该]一?[起宗桩] (进度|推进|进展)(评价|情况) 评价为 评价 含子项 子项 事项 被点名 点名 几件事 件事 事情 结果又是
    结果是 结果 既 又 实际上 已经 告诉我 一下 现在 目前 截至 截止 达到了 达到 完成了 完成 标注 标为 列入 列为 涉及
    包括 对应 (都|全部|一一)?列(一下|出来|出|举) 相比 对比
"""
_SCOPE = rf"""
    还(?=[不没未差]) 压根儿? (?<=[（(，,])不(含|包括|包含)\d+(\.\d+)? 剩下的? 剩余的? 其余的? 另外的? [这那]一?块 [这那]部分 这方面 方面 相关 有关 所有 全部 其中 当中 之中 共有 一共 总共 只有 仅有 [只仅单]算 [只仅]看 一家 单位 部门 牵头 负责 承担的?
    (?<![健安完])全[市县区](?![域]) 重点(任务|工作) 各?({COUNTY_NOUN_PATTERN}|市区) 要求 距离 目标 任务 指标 项目 (主要)?污染物 规划 计划 方案
    (?<![^\s])期间
    干流上? 文件 工作 考核 年底 年度 底前 \d{{1,2}}[日号](?=以后|之后|以来|起|以前|之前) (?<=[月日号])(以后|之后|以来|以前|之前) [这那][几两三四五]年(?!前|后|以) \d{{1,2}}月底 \d{{1,2}}月
"""
# 「七个区县」「两类」「这15个项目」 count what is asked about; 「新增67个」「第3项」 name a row
_COUNTING = rf"""
    (?<!第)[一二三四五六七八九十两几]+[个项家](市区|{COUNTY_NOUN_PATTERN}|市|区|县|子站|站点)? [一二三四五两几]+类
    (?<!\S)[个项家](市区|{COUNTY_NOUN_PATTERN}|市|区|县|子站|站点)
    (?<![\d.])(?<!新增|完成|建成|新建|整治|改造|治理|建设|淘汰|关闭|关停|覆盖)(?<!新增了|完成了|建成了)(?<!第)\d+[个项](?!目)(市区|{COUNTY_NOUN_PATTERN}|市|区|县|子站|站点)?
"""
_VERDICT_TALK = r"""
    各自 (这么|那么|如此|这样)(低|高|慢|快|差|少|多|大|小)? 应该?(达到|到) 判定为 判定 认定为 写的是 写着 写为 (进展|推进|做)?到了?(什么|哪一?个?)(程度|地步|阶段|一步)了? 分布(在|于)?
    落在 集中在 直接 后来 随后 之后 (?<![付罚])钱(?![款]) 开始(?=[花用拨支付动]|\s|$) 最[晚迟](?=\s|$) (?<=[年月期度底\s])到期(?=的|\s|$) [得要]?[弄搞做干]完 (?<![实检监])[测查](出来|出|得)的? (检查|执法检查)?发现的? (核查|核实|调查|查|实测|监测|测)下来的? (拿到|分到|得到|争取到)了? 作出了?(?=[\u4e00-\u9fff]{0,6}决定) (?<=批)决定 真正的? 实际上?(?=[\u4e00-\u9fff]) 正好 刚好 恰好 算?正常 (下?降|控制|提高|提升|减少)(到|至|在) (?<=[a-z0-9.])到(?=\s|$)
"""
_PUNCTUATION_AND_PARTICLES = r"""
    [,，。？?！!、：:；;（）()“”\"'《》【】\s/%-] 由 为 是 (?<![保拥持占具所])有(?![机量效]) 在 和 (?<!参)与 及 或 对 把 被 给 从 向 离(?=\s|$)
"""
YEARS_CHANGE = re.compile(r"提高|提升|增加|增长|上升|下降|降低|减少|变化|变动")  # a change between two years ranked
FALLING = re.compile(r"下降|降低|减少|降得|降了|降幅")
COUNTIES_COUNTED = re.compile(r"[个些各几](区县|县区|县|区)(?![级城域])")  # 「最好的三个县」: places are ranked
PERIOD_WORDS = re.compile(r"累计|当月|本月|月度")  # say which figure of a row, never which row
# a task's total, not what is done (「…治理任务加起来一共多少个」, not 「…任务一共完成了多少个」)
TOTAL_ASKED = re.compile(
    r"任务数|任务量|目标|要求|计划|总共要|一共要|任务(加起来|合计|总共|一共)(?![^，。？?]{0,6}完成)"
)
CHANGE_ASKED = re.compile(r"同比|较上年|较去年|比去年|比上年")  # a change on last year asked of a figure
CHANGE_SAID = re.compile(r"(去年|上年)同期相比|变化了?多少|(增加|减少|上升|下降)了多少")  # … said in other words
CHANGE_MEASURE = re.compile(r"同比|变化|增减|较上年|较去年")  # a column of changes, where a fall is below 0
YEARS_SAME = re.compile(r"(没|未|不)(有)?(变|改变|变化)|保持不变|一样|相同|持平")  # every year asked states one figure
GAP_ASKED = re.compile(r"(相)?差(多少|几)|差距")  # how far apart, said of any measure
BOTH_ROWS = re.compile(r"两者|二者|两个|它俩")  # 「两者差多少」: two rows apart, not a row and its target
REST_AMONG = re.compile(r"(剩下|剩余|其余)的?(几|多少)?个?[\u4e00-\u9fff]{0,3}(里|中|当中)")
UNKNOWN_TOPIC_CHARS = 5  # a word this long that no row of a listed table says is what the question is about
MIN_NAME_ELSEWHERE = 4  # … or this long, when no row says it and the documents do elsewhere (「长潭水库」)
# what 「比…」 compares a place with when it is the whole (「比全市总体执行率低多少」)
# (not 「比全市目标低多少」「比全市平均高」: a target, a mean)
WHOLE_COMPARED = re.compile(
    r"((全市|全县|全区)(合计|总体|整体)?|总体|整体|合计)(?![^，,。？?]{0,6}(目标|要求|标准|平均|均值))"
)
# a place's name by its shape (「新蒲新区」), not a word pointing at places (「其它县」「各县」「哪个区」)
# (「水源保护区」「禁燃区」「城区」 are kinds of area, no place's name)
NOT_PLACE = re.compile(
    r"(保护|功能|示范|风景|管控|规划|试验|控制|缓冲|核心|旅游|禁燃|禁养|限养|建成|城|片|库|景|山|湖|地|园|社|辖|县)区$"
    r"|^(相关|重点|有关|农村|工业|城市|城镇|各类|部分|其他|其它)"
)
PLACE_SHAPED = re.compile(
    r"(?![其各每哪这那全本该剩所另])[\u4e00-\u9fff]{2,6}(新区|开发区|经开区|高新区|园区|街道|镇|乡|区|县)"
)
FILLER = re.compile(
    "|".join(
        " ".join((_ASKING, _TABLE_TALK, _SCOPE, _COUNTING, _VERDICT_TALK, _PUNCTUATION_AND_PARTICLES)).split()
    ).replace("WORD_AFTER_ZHONG", WORD_AFTER_ZHONG)
)
ENGLISH_FILLER = re.compile(
    r"\b(what|which|is|are|was|the|of|in|at|for|to|a|an|how|many|much|does|did|do|target|rate|value|table|"
    r"station|stations|please|answer|english|and|or|h1|year|environmental|special|fund)\b"
)
MIN_MATCH_CHARS = 2
VERDICT_CELLS = frozenset(word for word, _ in PLAIN_VERDICTS)  # 「达标」「未达标」「是」「否」 …
CHANGE_LABEL = re.compile(r"同比|变化|增减|增幅|降幅")
YEAR_LABEL = re.compile(r"^20\d\d\s*年度?")
ROW_CUES = ("which", "count", "rank", "sum", "threshold", "status", "status_label_word")  # slots asking for rows
PLACE_NOUN = re.compile(rf"^各?({COUNTY_NOUN_PATTERN}|地区)")  # 「区县降尘量」 asks 降尘量
BRACKETED_END = re.compile(r"\s*[（(][^）)]*[）)]$")  # 「（是/否）」 after a column's name
DEADLINE_ASKED = re.compile(DATE_VERB)  # a month said as a deadline or a row's date (「10月份批复的」), not a reading's
# A task's field asked (「责任单位有哪些」, 「哪天前交」, 「有什么要求」), and the headers of a column holding it
FIELD_ASKED = {"lead": r"(责任|牵头|配合)(单位|部门)|哪个部门|哪些部门|谁(来)?负责|谁牵头|归(哪|谁)[^，。？?]{0,5}管"
                       r"|(哪个|哪家)(单位|部门)(来)?(管|负责|牵头)",
               # a deadline, not a month's reading (「PM2.5什么时候最高」)
               "deadline": r"(什么时候|啥时候|何时|哪天|几号)(前|之前)?(要|得)?(完成|弄完|搞完|做完|交|报|提交|办结|截止|到期)|哪天前|几号前"
                           r"|(截止|截至)到?(什么时候|何时|哪天)|截止(时间|日期)|完成时限|期限",
               "requirement": r"什么要求|要求是什么|哪些要求|怎么要求|(交|报送|提交)什么",
               # a task's progress (not a fund's 支出进度, which its 执行率 states)
               "progress": r"^(?!.*(资金|支出|执行|拨付)).*((进度|进展|推进得?)(怎么样|如何|情况)|哪一步|哪个阶段)"}  # fmt: skip
FIELD_HEADERS = {
    "lead": r"责任|牵头|部门|(配合|实施)单位",
    "deadline": DATE_HEADER.pattern,
    "requirement": r"要求|内容|措施",
    "progress": r"进展|进度|完成情况|推进情况|状态|处理|处置|办理",
}
WHOLE_PLACE = re.compile(r"全[市县区]")
READING_ASKED = re.compile(r"浓度|读数|均值|达标|超标")
UNIT_ONLY = re.compile(  # 「万吨每天」「吨/年」 too
    r"[万亿]?(公顷|万吨|吨|亩|平方公里|平方米|万立方米|立方米|蒸吨|万千瓦|千瓦|公里|千米|个百分点)([每/][天日年])?"
)
UNIT_NOT_DONE = re.compile(rf"({MEASURE_UNITS}|{UNIT_ONLY.pattern})?(没|未|还没|尚未)有?")
COUNTED_UNIT = re.compile(rf"{QUESTION_COUNT_UNITS}|{MEASURE_UNITS}|亿元")  # figures months add up to
WHICH_MONTH = re.compile(r"哪个月|哪几个月|哪些月|几月")
RATE_UNITS = ("%", "个百分点", "百分点")  # a rate, or a change of one: never added up over rows
MONTHS_ASKED = re.compile(rf"{WHICH_MONTH.pattern}|几个月|每个?月|各月|逐月|月均|单月")  # the months themselves asked
RATE_ASKED = re.compile(r"完成率|执行率|办结率|达标率|支出率")  # a rate the question ranks or bounds by name
WIDER_RANKING = re.compile(r"(全省|全国|全市各地市|各地级市)[^，。？?]{0,8}(排第|排名|排在|名次|第几)")
NOT_THE = re.compile(
    r"((?<!是)不是由?|并非由?|非由|不由|不归)$"
)  # just before a name: every row but its (not 「是不是」)
DEPARTMENTS_ASKED = re.compile(r"(哪个|哪些|哪几个|各个?)(部门|单位|牵头单位|责任单位)")
AFFINITY_MARGIN = 3.0  # how much more of the question a document's title must share to be preferred
MIN_TITLE_WORD = 4  # a shorter word left over (「指标」) names no document
TITLE_SHARE = 0.6  # the share of a word's character pairs a document's name must hold to be named by it
ALL_IN_ORDER = 1000  # 「从高到低怎么排」: every row, in order
# filters that say where to look (not conditions on the rows found there)
SCOPING_FIELDS = (
    "region",
    "doc_id",
    "table",
    "year",
    "fund_year",
    "period",
    "pollutant",
    "station",
    "level",
    "years_stated",
    "target_years",
    "entity",
    "total_row",
)
# what a question must ask for to be answered by a row found only by its words
ROW_KIND_WORDS = re.compile(r"^(考核|国控|省控|市控|国考|省考|国省考|重点|主要|监测|自动|在建|新建)+")  # kinds of rows
WHOLE_ROW = re.compile(r"全(市|县|区)")  # a row that is the whole of a sheet's places
WHOLE_ASKED = re.compile(r"全(市|县|区)(?![各所范域内])")  # 「全市PM10浓度」, not 「全市各站点」
# 「规划里…」「通报中…」「总结上说…」: a kind of document said as where the answer is
TASKS_NOUN = re.compile(r"(重点|攻坚|主要)任务")  # the rows a task table holds, named
KIND_SAID = re.compile(r"(规划|方案|通报|总结|报告|清单)(?:里面?|当中)|(规划|方案)中(?![心期])")
MEAN_WORDS = ("平均", "均值", "平均值")
ROW_ASKS = {"target", "current", "lead", "deadline", "points", "rate", "progress", "amount", "attribute", "milestone",
            "value", "done"}  # fmt: skip
DETAIL_ASKS = ("deadline", "lead", "points", "progress", "milestone", "attribute", "target", "current", "amount",
               "requirement")  # fmt: skip


@dataclass(frozen=True)
class Missing:
    """What a question asks that the tables do not hold; `final` when no other source may say it; `place` a place the
    question names that no row writes (text must name it to answer); `needs` what a sentence must say to answer
    instead (「已完成…」 of work done, not a plan's requirement)."""

    what: str
    final: bool = False
    place: str = ""
    needs: str = ""


@dataclass
class Holdings:
    """What the loaded tables hold: per table, its regions, years, periods and documents."""

    regions: dict[str, set[str]]
    years: dict[str, set[int]]
    periods: dict[str, set[str]]
    docs: dict[str, set[str]]
    pollutants: set[str]
    doc_regions: dict[str, str]  # doc_id → the document's own region
    parents: dict[str, str]  # 区县 → city
    key_years: dict[str, set[int]] = field(default_factory=dict)  # table → years of rows marked 【重点考核】
    monthly: set[str] = field(default_factory=set)  # generic tables whose rows are months (1月 … 12月)
    known: Callable[[str, str], bool] = lambda word, table: True  # whether any row of a table has the word
    doc_names: dict[str, str] = field(default_factory=dict)  # doc_id → its title, file name and captions
    # generic table → text column → a cell as the lexicon names it → the cells so written
    cells: dict[str, dict[str, dict[str, set[str]]]] = field(default_factory=dict)
    totals: set[str] = field(default_factory=set)  # generic tables with a 合计 row
    wholes: dict[str, dict[str, tuple[float, str]]] = field(default_factory=dict)  # generic table → `_whole_row`
    place_rows: set[str] = field(default_factory=set)  # generic tables whose rows are places (区县, not stations)
    status_rows: set[str] = field(default_factory=set)  # generic tables whose rows are statuses (a summary of counts)
    judged: dict[str, set[str]] = field(default_factory=dict)  # generic table → the columns with a verdict of their own
    score_tables: set[str] = field(default_factory=set)  # tables stating the score an assessment gave (「得分」)
    done_labels: dict[str, set[str]] = field(default_factory=dict)  # doc_id → its tasks' labels of done rows
    said: frozenset[str] = frozenset()  # every pair of adjacent characters the documents write

    @property
    def scored(self) -> bool:
        return bool(self.score_tables)

    def unheard(self, word: str) -> bool:
        """Whether the documents never write most of the word (「信访投诉」), unlike a short form of their own
        (「环保资金」 of 环保专项资金) or a word of the question (「到底」)."""
        for form in dict.fromkeys((word, _title_form(word))):  # (「危废」: 危险废物, which they write)
            pairs = [form[k : k + 2] for k in range(len(form) - 1)]
            if not (self.said and pairs and sum(p not in self.said for p in pairs) > len(pairs) / 2):
                return False
        return True

    # generic table → the columns in which a 合计 row has a 「小计」 (the grand total over the levels)
    total_subtotals: dict[str, set[str]] = field(default_factory=dict)
    grand_totals: set[str] = field(default_factory=set)  # tables with a 合计 row besides their 小计 rows
    mean_rows: set[str] = field(default_factory=set)  # generic tables whose whole row is a mean (「全市平均」)
    parts_totals: set[str] = field(default_factory=set)  # … whose 小计 rows are named for parts of the city

    def column_holding(self, table: str, value: str) -> tuple[str, tuple[str, ...]]:
        """The text column of a generic table with `value` as a cell, and the cells that say it
        (「PM10」 in 污染物, written 「可吸入颗粒物（PM10）」)."""
        for column, values in self.cells.get(table, {}).items():
            if value in values:
                return column, tuple(sorted(values[value]))
        # 「省级」 for 「省级以上」, 「中央」 for 「中央…资金」
        for column, values in self.cells.get(table, {}).items():
            starting = [v for v in values if v.startswith(value) and len(value) >= 2]
            if starting:
                return column, tuple(sorted(c for v in starting for c in values[v]))
        return "", ()

    @classmethod
    def of(cls, frames: dict, schemas: dict[str, TableSchema], doc_regions: dict[str, str],
           parents: dict[str, str], known: Callable[[str, str], bool],
           doc_names: dict[str, str] | None = None, said: frozenset[str] = frozenset()) -> Holdings:  # fmt: skip
        regions, years, periods, docs = {}, {}, {}, {}
        for name, frame in frames.items():
            schema = schemas[name]
            # (a task of several 区县 「祥符区、杞县」 is each one's too)
            held = set(frame["region"]) - {""} if "region" in frame else set()
            regions[name] = held | {part for r in held if "、" in str(r) for part in str(r).split("、")}
            column = schema.year_column
            years[name] = {int(y) for y in frame[column].dropna()} if column in frame else set()
            if name == "indicators":
                years[name] |= {int(y) for ys in frame["years_stated"] for y in ys.split()}
            periods[name] = set(frame[schema.period_column]) - {""} if schema.period_column in frame else set()
            docs[name] = set(frame["doc_id"])
        pollutants = set(frames["stations"]["pollutant"]) if "stations" in frames else set()
        key_years = {
            name: {int(y) for y in frame.loc[frame["key_assessment"].astype(bool), "year"].dropna()}
            for name, frame in frames.items()
            if "key_assessment" in frame and "year" in frame
        }
        monthly = {name for name, frame in frames.items() if schemas[name].generic and "月" in schemas[name].nouns}
        cells: dict = {}
        for name, frame in frames.items():
            for column in (c for c in schemas[name].lexicon if schemas[name].generic and c in frame):
                for value in frame[column].dropna().astype(str):
                    cells.setdefault(name, {}).setdefault(column, {}).setdefault(_canonical_cell(value), set()).add(
                        value
                    )
        for values in (v for columns in cells.values() for v in columns.values()):
            for cell in [c for written in list(values.values()) for c in written]:
                kind = BRACKETED_KIND.fullmatch(cell)  # 「大气（扬尘）」 is a kind of 「大气」
                if kind and kind.group(1) in values:
                    values[kind.group(1)].add(cell)
        # the tables whose whole is stated by the 小计 row of its 合计 (one; not a 小计 row of each 区县)
        total_subtotals = {
            name: {
                c for c in cells.get(name, {}) if (frame["total_row"].astype(bool) & (frame[c] == "小计")).sum() == 1
            }
            for name, frame in frames.items()
            if "total_row" in frame
        }
        # a sheet whose total rows are its parts' 小计 (「市区小计」「县（市）小计」) beside its 合计 (「全市合计」)
        parts_totals = {name for name, frame in frames.items() if "total_row" in frame and "entity" in frame
                        and _subtotals_beside_total(frame.loc[frame["total_row"].astype(bool), "entity"])}  # fmt: skip
        grand_totals = {name for name, frame in frames.items() if "total_row" in frame and (
            frame["total_row"].astype(bool) & ~frame[[c for c in cells.get(name, {}) if c in frame]].eq("小计").any(axis=1)
        ).any()}  # fmt: skip
        # (its own: 「全市平均」, not a 「全省平均」 row beside its stations for comparison)
        mean_rows = {name for name, frame in frames.items() if schemas[name].generic and "total_row" in frame
                     and (texts := [" ".join(map(str, r)) for r in frame[frame["total_row"].astype(bool)].to_numpy()])
                     and all("平均" in t and not re.search("全省|全国|省平均", t) for t in texts)}  # fmt: skip
        place_rows = {name for name, frame in frames.items() if schemas[name].generic and len(frame)
                      and (frame["entity"] == frame["region"]).mean() >= PLACE_ROWS_SHARE}  # fmt: skip
        judged = {
            name: {c[len("verdict_") :] for c in frame.columns if c.startswith("verdict_")}
            for name, frame in frames.items()
        }
        # 「已完成 7项；进度滞后 4项」: a summary whose rows are statuses counts tasks, it lists none
        status_rows = {name for name, frame in frames.items() if schemas[name].generic and len(frame) and all(
            column_status(str(e)) != "unknown" or TOTAL_ROW.match(str(e)) for e in frame["entity"])}  # fmt: skip
        return cls(regions, years, periods, docs, pollutants, doc_regions, parents, key_years=key_years, known=known,
                   monthly=monthly, doc_names=doc_names or {}, cells=cells,
                   totals={n for n, f in frames.items() if "total_row" in f and f["total_row"].astype(bool).any()},
                   score_tables=_score_tables(frames, schemas), said=said,
                   total_subtotals=total_subtotals, grand_totals=grand_totals, parts_totals=parts_totals, mean_rows=mean_rows,
                   place_rows=place_rows, wholes={n: _whole_row(f) for n, f in frames.items() if schemas[n].generic},
                   judged=judged, done_labels=_done_labels(frames.get("tasks")), status_rows=status_rows)  # fmt: skip


MEAN_OF_ROWS = "各行算术平均"  # how an answer says a whole no row states: the rows' mean


def _whole_row(frame) -> dict[str, tuple[float, str]]:
    """What a sheet's rows are compared with as a whole, by column: its one 「全市」 row's figure when it lies among the
    rows' (a level, not a sum), else the rows' arithmetic mean — with how the answer says it."""
    if "total_row" not in frame or "entity" not in frame:
        return {}
    totals = frame["total_row"].astype(bool)
    whole = frame[totals & frame["entity"].astype(str).str.fullmatch(r"全[市县区]")]
    if whole.empty:  # (else its one 合计 row: a rate there is the whole's, a level among the rows')
        whole = frame[totals & frame["entity"].astype(str).str.fullmatch(r"(全[市县区])?(合计|总计)")]
    parts = frame[~totals]
    wholes = {}
    for column in parts.columns:
        figures = [float(v) for v in parts[column] if is_number(v)]
        if column == "year" or len(figures) < max(2, len(parts)):  # (every row's figure, two rows or more)
            continue
        stated = whole[column].iloc[0] if len(whole) == 1 and column in whole else None
        if is_number(stated) and min(figures) <= float(stated) <= max(figures):
            wholes[column] = (float(stated), str(whole["entity"].iloc[0]))
        else:
            wholes[column] = (sum(figures) / len(figures), MEAN_OF_ROWS)
    return wholes


# 「有移送涉嫌环境犯罪案件的」: rows with some of a count (not 「有哪些」「有没有」「有几个」)
# a text cell saying there is none: 「无」「—」「0次」, 「未超标」「无异常」「未发现」
NONE_CELL = re.compile(r"^([—\-/／－]+|否|0(\.0+)?\s*[次起件个家]?|(无|没有|未发现|未超标)[\u4e00-\u9fff]{0,4})$")
# 「有移送…的」「出现过重度污染天的」: rows with some of a count
HAVING_SOME = re.compile(
    r"(?:(?<![没还])有|(?<![没未])(?:出现|发生)过?)(?![哪没几多什无])([^，,。？?！!有]{2,16}?)(?:的|$)"
)
COUNT_UNITS = "件个家起次宗项条座处天"
ROWS_ASKED_LAST = re.compile(r"的([\u4e00-\u9fff]{1,6}?)(有哪些|是哪些|有哪几个|都有哪些)?[？?。]?$")
COUNTED_NOUN = re.compile(r"[那这][两二三四五六七八九十几\d]{1,2}[个座条家处]([\u4e00-\u9fff]{1,6})")  # 「那两个断面」
DONE_SAID = re.compile(r"全部完成|全都完成|已经完成|已完成|完成了的|完工|竣工")  # done outright, not 「按进度」
BY_SCHEDULE = re.compile(r"按进度|序时")  # 「按进度完成」: done as far as the schedule asks, not done outright
LIST_JOINER = re.compile(r"\s*[、和及与跟]\s*")  # 「国控、省控站点」: values said as one list


def _done_labels(tasks) -> dict[str, set[str]]:
    """doc_id → the labels its tasks' done rows carry (「已完成」「按进度完成」)."""
    if tasks is None or "status_raw" not in tasks:
        return {}
    done = tasks[(tasks["status"] == "completed") & (tasks["status_raw"] != "")]
    return {doc: set(rows["status_raw"]) for doc, rows in done.groupby("doc_id")}


def _score_tables(frames: dict, schemas: dict[str, TableSchema]) -> set[str]:
    """The tasks when some task states its score; the generic sheets with a 得分 column."""
    tasks = frames.get("tasks")
    scored = {"tasks"} if tasks is not None and "score" in tasks and tasks["score"].notna().any() else set()
    # (a sheet's 「得分」 or 「扣分」 column: 「考核扣分（分）」 of a 督办清单 is what each item lost)
    return scored | {n for n, s in schemas.items() if s.generic and any(re.search("得分|扣分", m.label)
                                                                         for m in s.measures.values())}  # fmt: skip


@dataclass
class Planning:
    """`plans`: for the tables the question's words point at, in order; `fallbacks`: for the
    tables whose rows its words may still match; `missing` when it asks what no table holds."""

    plans: list[QueryPlan] = field(default_factory=list)
    fallbacks: list[QueryPlan] = field(default_factory=list)
    missing: Missing | None = None


class Planner:
    def __init__(self, lexicon: Lexicon, holdings: Holdings, schemas: dict[str, TableSchema] | None = None) -> None:
        self.lexicon = lexicon
        self.holdings = holdings
        self.schemas = dict(schemas or SCHEMAS)
        self._topics: dict[str, frozenset[str]] = {}

    def run(self, q: Question) -> Planning:
        stated = any(self._month_stated(t, q.period or "") or self._deadline_month(t, q)
                     or self._month_across(t, q.period or "", q.text) for t in self.schemas if self.schemas[t].generic)  # fmt: skip
        stated = stated or bool(DUE_IN_SPAN.search(q.text))  # 「上半年到期的」: the months rows are due in
        # (「8月…」 of a report with a table a month, stacked: its 月份 column holds it)
        stated = stated or any(self._stacked_periods(t, q) for t in self.schemas if self.schemas[t].generic)
        due = q.first("deadline")  # 「完成时限卡在8月份的任务」: the month is the deadline's, not a report's period
        stated = stated or bool(due and q.period == f"{due[1]}月")
        if (q.monthly and not self.holdings.monthly or self._period_absent(q)) and not stated:
            periods = sorted({p for ps in self.holdings.periods.values() for p in ps})
            return Planning(missing=Missing(f"{q.period}的数据（表格只有{'、'.join(periods) or '年度'}的数值）"))
        wider = WIDER_RANKING.search(q.text)
        if wider and not self._ranks_cities:  # 「…在全省排第几」: the tables rank a city's own places only
            return Planning(missing=Missing(f"{wider.group(1)}的排名（表格只有本地各区县、站点的数值）"))
        if not self.holdings.scored and SCORE_ASKED.search(q.text) and not DEDUCTION_RULE.search(q.text):
            return Planning(missing=Missing("考核实际得分（表格只有各任务的分值，没有评出的得分）", final=True))
        medium = next((m for m in MEDIA if any(w in q.text for w in m)
                       and not any(self._holds_medium(t, m) for t in self.schemas if t in self.holdings.docs)), ())  # fmt: skip
        if medium:  # 「声环境质量监测结果」 when no table is of it: only a sentence naming it may answer
            said = next(w for w in medium if w in q.text)
            return Planning(missing=Missing(f"关于「{said}」的表格数据", needs=_medium_needs(medium)))
        cued, others = self._tables(q)
        kind = _kind_said(q)  # 「规划里…」: only the tables of documents of that kind (`_documents`)
        if kind:
            cued, others = ([t for t in tables if self._of_kind(t, kind)] for tables in (cued, others))
        planning = Planning()
        for table in cued + others:
            built = self._build(table, q)
            if isinstance(built, Missing):
                if table in cued and built.final and not planning.plans:  # a table before it may answer
                    return Planning(missing=built)
                if table in cued and (planning.missing is None or (built.needs and not planning.missing.needs)):
                    planning.missing = built  # (the first; one that says what a sentence must name, over it)
            elif table in cued:
                planning.plans.append(built)
            elif built.match and set(built.asked) & ROW_ASKS:
                planning.fallbacks.append(built)
        if not q.regions and not q.doc_ids and len(planning.plans) > 1:
            planning.plans = self._by_affinity(planning.plans, q)
        plans = list(planning.plans)  # (a list being sorted reads as empty to its key function)
        # 「彭山区今年环保专项资金总共下了多少」: the sheet whose title says more of the question (…专项资金下达…表;
        # 「几个环评项目」: …环评审批…表)
        # (a plan whose words find its rows keeps its place: 「遂溪河断面水质达标这项任务」 names a task, not a title)
        # (the weakest order: of two plans leaving the same words unread, a sheet whose column the question names —
        # 「…那个VOCs治理项目钱开始花了没有」 reads 花了 of a fund sheet's 已支出, not of the task table)
        named = {s.value[0] for s in q.of("column")}
        planning.plans.sort(
            key=lambda plan: (
                plan.table not in named
                and any(other.table in named and other.unconsumed == plan.unconsumed != () for other in plans)
            )
        )
        # (「新晃锰渣库项目资金执行率」: a task that leaves 资金 unread, after the fund sheet whose 执行率 is named and
        # that reads all the task's other words)
        planning.plans.sort(key=lambda plan: plan.table not in named and any(
            other.table in named and other.match and set(other.unconsumed) < set(plan.unconsumed)
            for other in plans))  # fmt: skip
        runs = {p.table: self._title_run(p.table, q) for p in plans}
        planning.plans.sort(key=lambda plan: runs[plan.table] < max(runs.values(), default=0) and not plan.match)
        # 「德兴市有断面没达标吗」: a sheet whose rows are the 断面 said, before a table that leaves words unread
        rows_said = {p.table for p in plans if _rows_noun_said(self.schemas[p.table], _said_with_before(q))}
        planning.plans.sort(key=lambda plan: bool(rows_said - {plan.table}) and bool(plan.unconsumed))
        # 「云冈区PM2.5比目标高了多少」: the sheet whose rows are the places, before one of their stations
        planning.plans.sort(key=lambda plan: self._places_not_stations(plan.table, q))
        # 「按县（市、区）小计看…」: a sheet with 小计 rows before one that has none (the weakest of the orders below)
        planning.plans.sort(key=lambda plan: _subtotals_named_elsewhere(plan, plans, q))
        # 「各县区优良天数比例同比一共提高了多少」: the sheet of the figure named, with its own change column, before one
        # named only by 「同比」
        planning.plans.sort(key=lambda plan: self._named_by_change_only(plan, plans, q))
        # 「…作为责任单位的重点任务有哪几项」: the task table before a sheet whose rows are no tasks (督办事项)
        # (「那砚山县呢」 after 「丘北县今年有哪些重点任务」: said before)
        tasks_said = TASKS_NOUN.search(_said_with_before(q)) and any(p.table == "tasks" for p in plans)
        planning.plans.sort(key=lambda plan: bool(tasks_said) and self._rows_not_tasks(plan.table))
        planning.plans.sort(key=lambda plan: not _rows_called_short(self.schemas[plan.table], q.text))
        # 「哪个县区PM2.5最高」: the readings, before a sheet of targets that names the same figure
        planning.plans.sort(key=lambda plan: of_targets(self.schemas[plan.table]) and not _target_asked(q))
        planning.plans.sort(key=lambda plan: _named_shorter(plan, plans, q))
        # 「跟去年同期相比变化了多少」 after 「…优良天数比例是多少」: the sheet of the figure asked before
        before = {
            s.value[0] for s in q.of("column") if s.start < 0 and len(s.text) >= 4
        }  # (not 「目标」, every sheet's)
        if before & {p.table for p in plans}:
            planning.plans.sort(key=lambda plan: plan.table not in before)
        planning.plans.sort(key=lambda plan: _cells_elsewhere(plan, plans, q, self.schemas))
        # 「总磷均值最高的断面」: a sheet that ranks by a figure before one with none to rank by (a cell 「总磷」)
        planning.plans.sort(key=lambda plan: self._ranks_nothing(plan, plans, q))
        # 「十七五规划…目标」 (said now or before): a plan's indicators before a year's sheet with a target column
        planning.plans.sort(key=lambda plan: q.has("plan_period") and _target_asked(q) and plan.table != "indicators")
        # 「荔浦河断面达标攻坚那项任务…」: the item pointed at is a row of the tables that call their rows so
        pointed = POINTED_ITEM.search(q.text)
        if pointed:
            planning.plans.sort(key=lambda plan: pointed.group(1) not in self.schemas[plan.table].nouns)
        # 「离75%的序时进度差多少」: a table whose rate the gap is read of
        planning.plans.sort(key=lambda plan: GAP_TO_RATE.search(q.text) is not None and not plan.short_of)
        # 「执行率不到50%的项目」「中央资金项目里…」: a table the bound or the level applies to before one that
        # leaves it out
        planning.plans.sort(key=lambda plan: self._left_out(plan.table, q))
        # 「城西湖湖心北断面」: a sheet with a row of both cells before one whose row has one of them
        cells = {p.table: _cells_taken(p, q) for p in plans}
        most = max(cells.values(), default=0)
        planning.plans.sort(key=lambda plan: most >= 2 and cells[plan.table] < most)
        # 「当涂县农村生活污水治理完成得怎么样」: a task named whole before a sheet whose cell 「生活污水」 is inside it
        planning.plans.sort(key=lambda plan: self._cell_inside_a_name(plan, plans, q))
        # 「城西湖退养还湿这件事归哪个单位管」: a sheet with no column of what is asked (a fund's) after the tasks
        planning.plans.sort(
            key=lambda plan: self.schemas[plan.table].generic and not self._holds_asked_field(plan.table, q)
        )
        # 「一季度哪个县PM10最低」: a sheet a quarter, stacked, that holds the quarter said, before a known kind's table
        # (the corpus's stations), which holds no quarters (not before another sheet, whose rows may be months)
        planning.plans.sort(key=lambda plan: not self.schemas[plan.table].generic and any(
            self._stacked_periods(other.table, q) for other in plans))  # fmt: skip
        return planning

    def _cell_inside_a_name(self, plan: QueryPlan, plans: list[QueryPlan], q: Question) -> bool:
        """Whether the plan picks rows by a cell said inside a longer name another plan's rows are called by."""
        cells = [s.text for s in q.of("entity") if s.value[0] == plan.table
                 and any(f.field == s.value[1] for f in plan.filters)]  # fmt: skip
        said = f"{q.context_text} {q.text}"

        def inside(c: str, words: list[str]) -> bool:  # 「农村」「治理」 right beside it (words carried apart)
            at = said.find(c)
            return at >= 0 and any(said[:at].endswith(w) or said[at + len(c) :].startswith(w) for w in words)

        return any(
            other is not plan and (not self.schemas[other.table].generic or self._row_worded(other.table, q))
            and (any(len(w) >= MIN_ROW_WORD and c in w and len(w) > len(c) for w in other.match.split())
                 # (not 「断面」 of 「湖心北断面」: what the plan's own rows are called)
                 or inside(c, [w for w in other.match.split() if len(w) >= 2 and w != c
                               and w not in self.schemas[plan.table].nouns]))
            # (a name some row of the other table writes: not 「编环评报告书」 of tasks none of which says it)
            and any(all(self.holdings.known(b, other.table) for b in bigrams(w)) for w in other.match.split())
            for other in plans for c in cells
        )  # fmt: skip

    def _named_groups(self, plan: QueryPlan, schema: TableSchema, q: Question) -> QueryPlan:
        """「省级资金和市级资金，哪个执行率更高」「…哪个下达金额更多」: two cells of a column that is no row's name,
        ranked — each the whole of its rows, not its best row: the sheet's own 「其中：省级资金」 rows when it states
        them, else the rate of their sums (or the sum of their amounts)."""
        named = {s.value[1] for s in q.of("entity") if s.value[0] == plan.table} - {schema.entity, schema.naming_column}
        said = next((f for f in plan.filters if f.field in named and f.op == "in" and len(f.value) >= 2), None)
        spec = schema.measures.get(plan.measure)
        if (
            not schema.generic
            or said is None
            or spec is None
            or plan.ranking is None
            or plan.group_by
            or plan.aggregate
        ):
            return plan
        cells = self.holdings.cells.get(plan.table, {}).get(said.field, set())
        stated = [next((c for c in cells if re.fullmatch(rf"其中[:：]\s*{re.escape(str(v))}.{{0,3}}", c)), "")
                  for v in said.value]  # fmt: skip
        if all(stated):  # the document's own figures, as it rounds them
            kept = tuple(f for f in plan.filters if f is not said and f.field != "total_row")
            return plan.with_(filters=(*kept, Filter(said.field, "in", tuple(stated), label=said.label)))
        amount = spec.unit in ("元", "万元", "亿元")  # (a concentration or a count of days is no whole of its rows)
        aggregate = "ratio" if spec.ratio_of else "sum" if amount else ""
        return plan.with_(group_by=said.field, aggregate=aggregate) if aggregate else plan

    def _rows_not_tasks(self, table: str) -> bool:
        schema = self.schemas[table]
        return schema.generic and "任务" not in schema.entity_label

    def _ranks_nothing(self, plan: QueryPlan, plans: list[QueryPlan], q: Question) -> bool:
        """Whether a generic sheet's plan ranks its rows with no figure to rank them by, beside a plan that ranks
        by a column the question names."""
        # (a pollutant names every air sheet's columns: 「PM2.5哪个月最高」 is no column of one sheet)
        named = {s.value[:2] for s in q.of("column") if not any(_covered(s, p) for p in q.of("pollutant"))}
        return (self.schemas[plan.table].generic and bool(plan.ranking) and not plan.measure and not plan.aggregate
                and any(p.ranking and (p.table, p.measure) in named for p in plans))  # fmt: skip

    @cached_property
    def _ranks_cities(self) -> bool:
        """Whether some table has rows of several cities (a province's ranking of its cities)."""
        return any(
            sum("省" in self.lexicon.parent_of(r) for r in regions) >= 3 for regions in self.holdings.regions.values()
        )

    def _left_out(self, table: str, q: Question) -> int:
        """How many of the question's bounds, fund levels, rates asked and rows named before the table has no
        column or row for."""
        schema = self.schemas[table]
        # a bound of the target said before it (「超出目标6微克」) is the target's; any other the table cannot
        # bound is left out (「PM2.5超过年度目标、优良率又低于85%」 of a sheet with no 优良率)
        targets = [s.end for s in q.of("versus_target")]
        bounds = [s for s in q.of("threshold") if not any(0 <= s.start - end <= 2 for end in targets)]
        scored = "tasks" in self.holdings.score_tables
        unbound = sum(_threshold(table, schema, s, q, scored) is None for s in bounds)
        # a fund level is the table's when a column holds it or its title names it (a workbook's 「省级资金」 sheet)
        cells = self.holdings.cells.get(table, {})
        bounded = bool(_amounts_absent(schema, q))
        levels = [
            v
            for v in q.values("level")
            if schema.generic
            and v not in schema.title  # 「中央…资金」 cells hold it
            and not any(c.startswith(v) for written in cells.values() for c in written)
            # (「一分省级资金都没有」: a 省级资金 column the question bounds)
            and not (bounded and any(str(label).startswith(v) for label in schema.labels.values()))
        ]
        # 「…完成比例是多少」 of a sheet with no percent column (a project's row in a funds list)
        no_rate = "rate" in q.values("ask") and schema.generic and all(m.unit != "%" for m in schema.measures.values())
        # 「整治完成了多少个？还差几个」 of a sheet whose figures are no count of things (a project's 万元)
        no_count = (schema.generic and (q.has("compare") or "progress" in q.values("ask"))
                    and bool(self._count_unstated(table, q)))  # fmt: skip
        # 「这几个站分别超了多少」: the rows the answer before named are some other table's
        said = [s for s in q.of("entity") if s.start < 0] if q.rows_listed else []
        rows_elsewhere = bool(said) and not any(s.value[0] == table for s in said)
        # 「PM10没达到目标的县区」 of a sheet that sets a target for PM2.5 only: it cannot judge PM10
        spec = schema.measure_for(q.text) if schema.generic and q.values("pollutant") else None
        unjudged = bool(spec) and (q.has("status") or q.has("versus_target")) and not schema.stated_verdict \
            and schema.gap_measure(spec.name) is None and not any("目标" in m.label for m in schema.measures.values()
                                                                 if m.label.split("·")[0] == spec.label.split("·")[0])  # fmt: skip
        # 「提前完成的任务」 of a sheet no cell of which says 提前完成 (the other sheet of the workbook does)
        unlabelled = schema.generic and any(not any(w in c for written in cells.values() for c in written)
                                            for w in q.values("status_label_word"))  # fmt: skip
        return (
            unbound + bool(levels) + no_rate + no_count + rows_elsewhere + unjudged + unlabelled + self.unsaid(table, q)
        )

    def unsaid(self, table: str, q: Question) -> int:
        """How many of what the question asks of its rows the table cannot say at all: an attribute
        (「…是约束性还是预期性指标」 of a sheet of readings), a whole's own row (「全市PM10平均浓度」 of a list of stations)."""
        cells = self.holdings.cells.get(table, {})
        no_attribute = (
            q.has("attribute")
            and table != "indicators"
            and not any(a in c for a in q.values("attribute") for written in cells.values() for c in written)
        )
        # 「按二类水考核的断面里…」 of a table with no column of water classes (a task naming a 断面)
        no_class = q.has("water_class") and not any(
            _mostly_classes([v for raw in values.values() for v in raw]) for values in cells.values()
        )
        # 「立了案但还没整改完的企业」 of a table with no 是否立案 column, beside a register that has one
        no_whether = not self._yes_no_said(table, q) and any(
            self._yes_no_said(t, q) for t in self.schemas if t != table and self.schemas[t].generic
        )
        # 「一分省里的钱都没有，全靠市级资金」 of a table with no such columns, beside a sheet of them
        no_amounts = not _amounts_absent(self.schemas[table], q) and any(
            _amounts_absent(s, q) for t, s in self.schemas.items() if t != table and s.generic
        )
        return no_attribute + no_class + no_whether + no_amounts + self._no_whole(table, q)

    def _no_whole(self, table: str, q: Question) -> bool:
        """Whether the question asks a whole's reading (「全市PM10浓度」) of a table with no whole row — a list of
        stations — while another sheet states the whole's own row."""
        named = {s.value[0] for s in q.of("entity") if s.start >= 0 and WHOLE_ROW.fullmatch(s.text)}
        if named:  # 「全市」 is a row name of some sheets
            return table not in named
        if not WHOLE_ASKED.search(q.text) or q.regions or not q.has("pollutant"):
            return False
        schema = self.schemas[table]
        reads = table == "stations" or (schema.generic and schema.measure_for(q.text) is not None)
        wholes = [t for t in self.holdings.totals if self.schemas[t].measure_for(q.text) is not None]
        return reads and bool(wholes) and table not in wholes

    def _count_unstated(self, table: str, q: Question) -> str:
        """The unit of a count asked (「几处」) that no figure of a generic sheet is in, else ""."""
        schema, cells = self.schemas[table], self.holdings.cells.get(table, {})
        units = {s.text[-1] for s in q.of("count") if s.text[-1] in "个项家条座台处所"}
        stated = {m.unit for m in schema.measures.values() if m.unit} | {
            u for m in schema.measures.values() if m.unit_column for u in cells.get(m.unit_column, {})
        }  # a 「计量单位」 column's 家 / 座 / 个
        if not units or any(u and u[-1] in units for u in stated) or self.yes_no_columns(table, q):
            return ""
        return min(units)

    def _by_affinity(self, plans: list[QueryPlan], q: Question) -> list[QueryPlan]:
        """With no place or document named, the plan whose documents' titles share clearly more of the
        question's words goes first (「专项资金执行情况」, 「重点任务清单」); else the order stands."""
        names = self.holdings.doc_names
        df = Counter(g for name in names.values() for g in set(bigrams(name)))
        weight = {g: math.log(len(names) / c) for g, c in df.items()}
        asked = set(bigrams(residual(q, kinds_kept=("indicator", "pollutant", "column", "entity", "level"))))

        def affinity(plan: QueryPlan) -> float:
            docs = self.holdings.docs.get(plan.table, set())
            return max((sum(weight.get(g, 0) for g in asked & set(bigrams(names.get(d, "")))) for d in docs), default=0)

        scores = [affinity(p) for p in plans]
        best = max(range(len(plans)), key=lambda i: scores[i])
        if scores[best] >= AFFINITY_MARGIN + max(s for i, s in enumerate(scores) if i != best):
            return [plans[best], *plans[:best], *plans[best + 1 :]]
        return plans

    # -- which table ----------------------------------------------------------------------------------

    def _tables(self, q: Question) -> tuple[list[str], list[str]]:
        words = residual(q, kinds_kept=("place", "station", "pollutant", "status", "threshold", "level", "rank",
                                         "count", "sum", "ask", "which", "each", "compare", "department", "year"))  # fmt: skip
        words = _without(words, q, ("document", "quote"))
        order = self._order(words, q)
        # 「项目资金执行情况表里哪些还没开工」: the tables of a document the question names, after those its words
        # name, when it asks for rows (not 「…规划对黑臭水体有什么要求」, which its text answers)
        if any(q.has(k) for k in ROW_CUES):
            order += [t for t in self.schemas if t not in order and self.holdings.docs.get(t, set()) & set(q.doc_ids)]
        held_here = [t for t in order if t in self.holdings.docs and self._covers(t, q.regions, q)]
        if not held_here and q.follow_up and q.context_text:
            # 「那二氧化氮呢？」「那江海区呢？」: the table of the question before
            order = [*self._order(q.context_text, q), *order]
        elif q.follow_up and q.context_text:  # 「省级资金呢？」: also the sheets of the rows asked before
            order += [t for t in self._order(q.context_text, q) if t not in order]
        held = [t for t in order if t in self.holdings.docs]
        others = [t for t in ("tasks", "indicators", *[t for t in self.schemas if self.schemas[t].generic])
                  if t not in held and t in self.holdings.docs]  # fmt: skip
        # a table of other places is not the question's (「海门PM2.5目标」 is not about 肇庆's stations);
        # only when no table holds the place does the first one say what is missing
        covering = [t for t in held if self._covers(t, q.regions, q)] or sorted(
            (t for t in others if self.schemas[t].generic and self._covers(t, q.regions, q)),
            key=lambda t: -sum(self._generic_score(t, q)),
        )  # 「清城区的站点里…」 when only a generic sheet has 清城区's stations
        # … then a city's table whose rows' text names the place (「乾县…多少户」 of 「其中：…乾县2210户」)
        covering += [t for t in held if t not in covering and self._named_in_rows(t, self._whole_dropped(q.regions, t))]
        # 「清城区的站点里…」: a sheet whose rows the question calls by their own noun, holding the place, too
        called = [t for t in (*held, *others) if t not in covering and self._covers(t, q.regions, q)
                  and _rows_noun_said(self.schemas[t], _said_with_before(q))]  # fmt: skip
        covering += called if covering else []
        known_kind = [t for t in held if not self.schemas[t].generic]
        cued = covering or (known_kind or held)[:1]
        if q.monthly:  # 「阳东区2月PM2.5」: a sheet of months answers it, whichever sheet its words name
            months = [t for t in (*held, *others) if t in self.holdings.monthly and self._covers(t, q.regions, q)]
            # … unless a sheet of that one month lists the rows asked (「10月当月…的断面」「…最高的是哪个站」)
            month_of = [t for t in (*held, *others) if self._month_stated(t, q.period or "")
                        and self._lists_nouns_of(t, q, entity=True)]  # fmt: skip
            cued = [*month_of, *(t for t in months if t not in month_of), *(t for t in cued if t not in months
                                                                            and t not in month_of)]  # fmt: skip
        if REACH_ASKED.search(q.text):  # 「要达到75%，还得再支出多少」: a sheet whose rate is a part of a whole
            cued.sort(key=lambda t: not any(m.ratio_of for m in self.schemas[t].measures.values()))
        expiry = re.search(DATE_VERBS[0][0], q.text) if "任务" not in q.text else None  # (a task is due, not expiring)
        if q.has("date_rank") or expiry:  # 「哪家…最早到期」「哪些许可证2056年到期」: the sheets dating it, first
            dating = [t for t in (*cued, *others) if self._covers(t, q.regions, q) and (
                self._date_column(t, q) if q.has("date_rank") else self.schemas[t].generic
                and self._named_dates(t, expiry.group(0)))]  # fmt: skip
            cued = [*dating, *(t for t in cued if t not in dating)]
        verbs = [m.group(0) for m in re.finditer(DATE_VERB, q.text)] if WHEN_ASKED.search(q.text) else []
        if verbs and "任务" not in q.text:  # 「那个排口是哪天排查的」: a sheet dating it (排查日期), first
            dating = [t for t in (*cued, *others) if self.schemas[t].generic and self._covers(t, q.regions, q)
                      and any(self._named_dates(t, v) for v in verbs)]  # fmt: skip
            cued = [*dating, *(t for t in cued if t not in dating)]
        return cued, [t for t in others if t not in cued and self._covers(t, q.regions, q)]

    def _covers(self, table: str, places: list[str], q: Question | None = None) -> bool:
        """Whether the table has rows of one of the places, of its 区县, or comes from its documents."""
        held = self.holdings.regions.get(table, set())
        places = self._whole_dropped(places, table)
        if not places:
            return True
        doc_regions = {self.holdings.doc_regions.get(d) for d in self.holdings.docs.get(table, ())}
        parents = {self.holdings.parents.get(r) for r in held}
        by_column = q is not None and self._sheet_of_places(table, q)
        return by_column or any(p in held or p in doc_regions or p in parents for p in places)

    def _items_elsewhere(self, table: str) -> bool:
        """Whether a summary sheet whose rows are statuses (「已完成 7项」) has its items in its document's task table."""
        docs = self.holdings.docs
        return table in self.holdings.status_rows and bool(docs.get("tasks", set()) & docs.get(table, set()))

    def _named_in_rows(self, table: str, places: list[str]) -> bool:
        """Whether every place is a 区县 of a city whose own rows the table holds, and some row's text names it
        (「其中：…乾县2210户」 of 咸阳市's task); a table of each 区县's rows lacking it has no data of it."""
        held = self.holdings.regions.get(table, set())
        cells = [c for written in self.holdings.cells.get(table, {}).values() for c in written]
        # a task's progress text, or a text cell of a sheet (not its headers: 「紫金县」 over a column of figures)
        said = (lambda p: self.holdings.known(p, table)) if table == "tasks" else (lambda p: any(p in c for c in cells))
        return bool(places) and all(self.holdings.parents.get(p) in held and said(p) for p in places)

    def _order(self, words: str, q: Question) -> list[str]:
        """The tables the words and slots point at, most specific first."""
        fund = any(w in words for w in FUND_WORDS) or bool(FUND_AMOUNT.search(q.text))
        station_words = q.has("station") or any(w in words for w in STATION_WORDS)
        pollutants = q.values("pollutant")
        reading = any(w in words for w in READING_WORDS) or any(
            q.has(k) for k in ("status", "rank", "count", "versus_target", "mean", "compare")
        )
        indicator = q.has("attribute") or q.has("indicator") or any(w in words for w in INDICATOR_WORDS)
        task = (
            any(w in words for w in TASK_WORDS)
            # 「考核任务」 of a summary sheet's 「考核任务（项）」 column still names the tasks
            or any("任务" in s.text for s in q.of("column"))
            or any(
                q.has(k)
                for k in (
                    "department",
                    "deadline",
                    "key",
                    "status_label",
                    "status_label_word",
                    "quarter",
                    "status_other_than",
                )
            )  # (「还有没销号的吗」)
            or bool(set(q.values("ask")) & {"lead", "points", "deadline", "milestone", "progress"})
            # a task's own figure (「完成率」「整治率」「完成的比例」; a fund's is its 执行率)
            or any(w in words for w in TASKS.measures["rate"].words if re.search("率|比例", w))
        )
        listed = {t for t in self.schemas if self._lists_nouns_of(t, q)}
        task = task or "tasks" in listed
        own_nouns = fund or station_words  # 「监测子站」「资金」 name a known table, not a table of months
        # (「进度滞后的是哪几项」「已完成的有几项」: the items, listed or counted, not a summary of counts by status)
        items = q.has("which") or q.has("count")
        generic = {t: self._generic_score(t, q, months_count=not own_nouns) for t in self.schemas
                   if self.schemas[t].generic and not (items and self._items_elsewhere(t))}  # fmt: skip
        # between sheets named alike, the one a longer column word names (「综合指数同比变化」 over 「同比」)
        said = {t: max((len(s.text) for s in q.of("column") if s.value[0] == t), default=0) for t in generic}
        strong = sorted(
            (t for t, (named, _) in generic.items() if named), key=lambda t: (-generic[t][0], -generic[t][1], -said[t])
        )
        # 「这项任务的责任单位」: a sheet with no such column (a water sheet naming the same river) comes last
        lacking = [t for t in strong if not self._holds_asked_field(t, q)]
        strong = [t for t in strong if t not in lacking]
        order: list[str] = list(strong)
        if q.has("position") and not strong:  # 「路桥区这次空气质量排第几」: a sheet ranking what its title names
            order += [t for t in generic if _rank_column(self.schemas[t]) and _title_said(self.schemas[t], words)]
        # a status label with a task's words asks the tasks first; the funds still answer 「资金执行率…被评了…」
        fund_later = fund and q.has("status_label") and task
        if fund and not fund_later:
            # (a city's own sheet of fund projects, 「…专项资金执行情况表」, beside the funds its task text states)
            order += [t for t in generic if "资金" in self.schemas[t].title and t not in order]
            order.append("funds")
        station_pollutants = bool(pollutants) and set(pollutants) <= self.holdings.pollutants
        # 「VOCs这三年总共要削减多少吨」: a target of a pollutant no table reads, named by an indicator
        indicator = indicator or (bool(pollutants) and not any(map(self._reads_pollutant, pollutants))
                                  and bool(PLAN_TARGET.search(q.text))
                                  and all(self.holdings.known(s.text, "indicators") for s in q.of("pollutant")))  # fmt: skip
        # a pollutant alone points at the readings, unless an indicator or a measure (「臭氧污染高发期
        # 采取哪些措施」) is what is asked
        if not fund and (station_words or (station_pollutants and (reading or not (indicator or q.reason)))):
            # a city's own sheet of station readings (every station) before the readings its task text mentions
            # (「祁门那个站…都达标吗」: the sheet holding the place's stations, whatever figure it asks)
            order += [t for t in generic if station_words and self._rows_are_stations(t) and t not in order
                      and (generic[t][1] or (q.regions and self._covers(t, q.regions, q)))]  # fmt: skip
            order.append("stations")
        if indicator:
            # 「PM2.5浓度下降幅度的现状值」: an indicator's words outrank a pollutant's readings
            at = order.index("stations") if "stations" in order and not station_words else len(order)
            order.insert(at, "indicators")
        # 「哪几个县区PM2.5没达到年度目标」: a sheet judging a measure it names against its target, before the tasks
        order += [t for t, (named, columns) in generic.items()
                  if columns and not named and self.schemas[t].verdict and q.has("status") and t not in order]  # fmt: skip
        # 「重点工程一共完成投资多少」: a sheet whose column of figures is summed, ranked or bounded, before the tasks
        # whose text merely mentions it
        if any(q.has(k) for k in ("sum", "rank", "mean", "threshold")):
            order += [t for t, (named, columns) in generic.items()
                      if columns and not named and self._figures_named(t, q) and t not in order]  # fmt: skip
        # 「有超标记录的县」: a status word inside a sheet's column name (「有超标记录（家）」) is that column's
        inside = [
            t
            for t in generic
            if q.has("status")
            and all(any(c.value[0] == t and in_longer(s, c) for c in q.of("column")) for s in q.of("status"))
        ]
        order += [t for t in inside if t not in order]
        # 「彬州矸石山那个督察问题整改完了没」: a sheet whose own status column judges its rows, named by two of its
        # header words (督察、问题)
        order += [t for t in generic if q.has("status") and self.schemas[t].stated_verdict and t not in order
                  and sum(len(n) >= 2 and n in q.text for n, c in self.schemas[t].nouns.items() if c != "region") >= 2]  # fmt: skip
        if task or q.has("status"):
            order.append("tasks")
        if fund_later:
            order.append("funds")
        # a generic table named only by a column's word (「执行率」, 「PM2.5」) comes after the known
        # tables the question's own nouns point at; the sheet more of whose columns are named first
        order += sorted((t for t, (named, columns) in generic.items()
                         if not named and not q.reason and (columns or self._lists_nouns_of(t, q, entity=True))),
                        key=lambda t: (-generic[t][1], -said[t]))  # fmt: skip
        order += lacking
        if SCORE_ASKED.search(q.text) and "tasks" not in self.holdings.score_tables:
            order = [*sorted(self.holdings.score_tables), *order]  # 「考核得了多少分」: the sheet that states scores
        order = list(dict.fromkeys(order))
        span = q.period if re.fullmatch(r"\d{1,2}-\d{1,2}月", q.period or "") else ""
        stating = [
            t for t in order if span and span in _spans_said(self.schemas[t].title) and generic.get(t, (0, 0))[1]
        ]
        if stating and not q.monthly and not re.search(r"月份|哪个月|几个月|每个?月|各月|逐月", q.text):
            # 「博罗县上半年PM2.5」: the sheet of 1-6月, not the months of a sheet of months one by one (unless its own
            # rows state the span and last year's: 「上半年…同比」)
            later = {t for t in order if t in self.holdings.monthly and not self._span_rows(t, span)}
            order = [*(t for t in order if t not in later), *(t for t in order if t in later)]
        if re.search(
            r"单月|每个?月", q.text
        ):  # 「出现过单月…没达到」「每个月都达到」: a sheet read month by month first
            order = [
                *(t for t in order if t in self.holdings.monthly),
                *(t for t in order if t not in self.holdings.monthly),
            ]
        counties = q.regions or PLACES_ASKED.search(q.text) or COUNTIES_COUNTED.search(q.text)
        if "stations" in order and not station_words and counties:
            # 「博罗县上半年PM2.5浓度」「哪几个县区PM10超标」: a sheet of the 区县's own readings, before their stations'
            at = order.index("stations")
            own = [t for t in order[at:] if t in generic and generic[t][1] and t in self.holdings.place_rows]
            order = [*order[:at], *own, *(t for t in order[at:] if t not in own)]
        counties_named = [r for r in q.regions if not self.holdings.parents.get(r, "省").endswith(("省", "自治区"))]
        if PLACES_ASKED.search(q.text) and not counties_named:
            # 「(遵义)优良天数比例哪个县最低」: a sheet of places, not of months
            # 区县 rows, not a list of cities; a sheet of the 区县's own rows before one of their stations
            judged = q.has("versus_target") or q.has("status")  # (a verdict asked: the sheet that judges, first)
            order = sorted(order, key=lambda t: (self._counties(t) < 2, not station_words and not judged
                                                 and t in generic and self._rows_are_stations(t)))  # fmt: skip
        if (q.has("due_by") or DUE_AFTER.search(q.text)) and "tasks" in order:
            # 「完成时限在10月底之前的」: the task rows read deadlines up to a month; a sheet of a progress table's
            # figures does not
            tasks = self.holdings.docs.get("tasks", set())
            shadows = [t for t in order[: order.index("tasks")] if t in generic
                       and self.holdings.docs.get(t, set()) <= tasks]  # fmt: skip
            order = ["tasks", *(t for t in order if t != "tasks")] if shadows else order
        return self._by_places(self._by_years(order, q), q)

    def _class_named(self, table: str, said: re.Match) -> str:
        """「水环境类的指标」: the 类别 「水环境」 of the indicators, or a generic table's cell so written; else the words
        as said (「水环境治理类项目」 of a list whose rows merely mention 水环境治理)."""
        stem = said.group(1)
        cells = {c for values in self.holdings.cells.get(table, {}).values() for c in values}
        named = stem in cells or (table == "indicators" and self.holdings.known(stem, table))
        return f"{stem} " if named else said.group(0)

    def _holds_asked_field(self, table: str, q: Question) -> bool:
        """Whether a generic table has a column for each task field asked (责任单位, 完成时限, 要求)."""
        labels = " ".join(str(label) for label in self.schemas[table].labels.values())
        # 「谁的完成率最低」 of a fund sheet with an 执行率 and no 完成率: a rate it has no column of (a 「完成进度」
        # that is 已支出 ÷ 下达 is its 执行率)
        named = " ".join(
            [labels, *(w for m in self.schemas[table].measures.values() if m.unit == "%" for w in m.words)]
        )
        rates = [r for r in RATE_ASKED.findall(q.text) if not any(w in named for w in NOUN_SYNONYMS.get(r, (r,)))]
        said = f"{q.context_text}。{q.text}" if q.follow_up else q.text  # 「湘阴的…呢？」 after 「…进度怎么样？」
        return not rates and all(
            re.search(FIELD_HEADERS[f], labels) for f, asked in FIELD_ASKED.items() if re.search(asked, said)
        )

    def _figures_named(self, table: str, q: Question) -> bool:
        """Whether a column of figures of the generic table is one the question names."""
        measures = self.schemas[table].measures
        return any(s.kind == "column" and s.value[0] == table and s.value[1] in measures for s in q.slots)

    def _whole_dropped(self, places: list[str], table: str) -> list[str]:
        """「全市」 of a table of the city's own rows with no 全市 row (a sheet of its months), or of one with a 合计
        row, is the whole table; of a table of 区县 alone it stays a place the rows do not name."""
        held = self.holdings.regions.get(table, set())
        # its 合计 row is the whole city's (「全市总共检了多少辆」)
        whole = (bool(held) and not self._counties(table)) or table in self.holdings.totals
        return [p for p in places if p in held or not (whole and WHOLE_PLACE.fullmatch(p))]

    def _counties(self, table: str) -> int:
        """How many 区县 (places under a city, not cities under a province) the table has rows of."""
        parents = self.holdings.parents
        return sum(1 for r in self.holdings.regions.get(table, ()) if parents.get(r) and "省" not in parents[r])

    def _by_years(self, order: list[str], q: Question) -> list[str]:
        """「PM2.5比2023年下降了多少」「与2023年持平」 (2024 asked too): a sheet with a column of each year
        asked goes before the year's own sheet."""
        years = {str(s.value) for s in q.of("year") if not _names_document(s, q)}
        if q.follow_up and q.context_text and years:  # 「比2023年提高了多少？」 after a question about 2024
            years |= set(re.findall(r"(20\d\d)\s*年", q.context_text))
        if len(years) < 2:
            return order

        def both(table: str) -> bool:
            stated = {m.group(1) for h in self.schemas[table].labels.values() if (m := YEAR_PREFIX.match(str(h)))}
            return len(years & stated) >= 2

        return sorted(order, key=lambda t: not both(t))

    def _by_places(self, order: list[str], q: Question) -> list[str]:
        """「优良天数比例不到95%的县区有哪些」: the tables with rows for the 区县 of the place asked go
        before those with the city's one row (a plan's indicator of the same name)."""
        if not q.regions or not PLACES_ASKED.search(q.text):
            return order

        def places(table: str) -> int:
            return sum(1 for r in self.holdings.regions.get(table, ()) if self.holdings.parents.get(r) in q.regions)

        return sorted(order, key=lambda t: places(t) < 2)

    def _informative(self, table: str, match: str, q: Question) -> str:
        """For a list, the words that can pick rows: a place's, station's or pollutant's name always
        (if no row has it, no row is meant), other words only if some row of the table has them
        (「标注」「判定」 say nothing about which rows)."""
        named = [s.text for s in q.slots if s.kind in ("town", "indicator", "pollutant", "station", "quote") and s.text]
        kept = []
        for alternative in match.split("|"):
            words = [w for w in alternative.split() if any(n in w for n in named) or self.holdings.known(w, table)]
            if words:
                kept.append(" ".join(words))
        return "|".join(kept)

    def _lists_nouns_of(self, table: str, q: Question, entity: bool = False) -> bool:
        """「哪些填埋场」「哪几个子站」「哪个月」: the noun after 哪些 is one the table's rows are."""
        schema = self.schemas[table]
        for slot in [*q.of("which"), *q.of("each"), *q.of("count")]:
            text, start = q.text, slot.start
            if start < 0:  # carried from the question before (「省级资金呢？」): its nouns are said there
                text, start = q.context_text, q.context_text.find(slot.text)
                if start < 0:
                    continue
            end = start + len(slot.text)
            # 「哪个NO2年均浓度更高」: a pollutant's reading follows, no noun of rows (「年均」 is no 年均水质类别)
            after = re.split(r"[,，。？?！!；;的]|pm|no2|so2|o3|浓度", text[end : end + 10])[0]
            month = re.search(r"月份?$", slot.text) or after.startswith("月")  # 「哪个月」
            column = _first_noun(schema, after) or (_first_noun(schema, "月") if month else "")
            column = column or (_first_noun(schema, "站点") if after.startswith("站") else "")  # 「哪个站」
            if slot.kind == "count":  # 「有几个项目」: the noun right after it; else the one before (「…的断面有几个」)
                # (「有几个考核断面」「几个国控站点」: the noun after its kind)
                column = _first_noun(schema, after, at_start=True) or _first_noun(
                    schema, ROW_KIND_WORDS.sub("", after), at_start=True
                )
                # 「一共有几个专项资金项目」: the question ends with the rows' noun, qualified before it
                ending = (
                    re.fullmatch(r"([\u4e00-\u9fff]{2,8})[？?。]*", text[end:]) if slot.text[-1] in "个项" else None
                )
                column = column or (_last_noun(schema, ending.group(1)) if ending else "")
            if not column and slot.kind in ("which", "count"):  # 「还没开工的项目有哪些」: the noun said before 有哪些
                column = _last_noun(schema, re.sub(r"(都|还|又)?(有|是)$", "", text[max(0, start - 12) : start]))
            # 「哪个月」「哪些站点」 name a generic table's rows; 「各县区」 is every table's
            rows_are = ("entity", *(c for c in schema.lexicon if c != "region")) if schema.generic else ("entity",)
            if column and (column in rows_are if entity else column != "region"):
                return True
        # 「二季度没达到水质目标的断面」: the noun the question ends with, after its 的
        ending = ROWS_ASKED_LAST.search(q.text) if schema.generic else None
        column = _first_noun(schema, ending.group(1), at_start=True) if ending else ""
        # 「按二类水考核的断面里，这个月哪些没达到」「…的断面里有没有没达标的」: the rows said as the scope asked among
        among = AMONG_SAID.search(q.text) if schema.generic and not column else None
        column = _last_noun(schema, among.group(1)) if among else column
        rows_are = ("entity", *(c for c in schema.lexicon if c != "region"))
        return bool(column) and (column in rows_are if entity else column != "region")

    def _pollutant_absent(self, table: str, q: Question) -> Missing | None:
        """「凤城子站的二氧化硫浓度」 of a sheet whose 污染物 column has no SO2: not there."""
        if not self.schemas[table].generic or not q.has("pollutant"):
            return None
        columns = self.holdings.cells.get(table, {})
        measured = {canonical_pollutant(v) for values in columns.values() for v in values if canonical_pollutant(v)}
        missing = [p for p in q.values("pollutant") if measured and p not in measured
                   and not _measure_naming(self.schemas[table], p)]  # fmt: skip
        pollutants = q.of("pollutant")
        title = self.schemas[table].title  # 「各县区PM2.5月均浓度」: a sheet of one pollutant, named by its title
        if not measured and not any(_measure_naming(self.schemas[table], s.value) or self.holdings.known(s.text, table)
                                    or self.holdings.known(s.value, table) or s.value in title or s.text in title
                                    for s in pollutants):  # fmt: skip
            # 「NO2比去年同期上升的站点」 of a water sheet: no header, cell or row of it names NO2
            return Missing(f"{self.schemas[table].title}中的{'、'.join(q.values('pollutant'))}数值")
        if not missing:
            return None
        named = [s.text for s in q.of("entity") if s.value[0] == table]
        what = f"{'、'.join(named)}的{'、'.join(missing)}读数（表中只有{'、'.join(sorted(measured))}）"
        return Missing(what, final=bool(named))

    def _names_pollutant(self, table: str, q: Question) -> bool:
        """Whether a generic sheet has a header, cell or row that names a pollutant the question asks."""
        schema = self.schemas[table]
        return schema.generic and any(_measure_naming(schema, s.value) or self.holdings.known(s.text, table)
                                      or self.holdings.known(s.value, table) for s in q.of("pollutant"))  # fmt: skip

    def _known_stations_named(self, q: Question) -> bool:
        """「哪个子站」 where the known stations table holds the place asked: that table's noun first."""
        return (
            any(w in q.text for w in STATION_WORDS)
            and "stations" in self.holdings.docs
            and self._covers("stations", q.regions, q)
        )

    def _reads_pollutant(self, pollutant: str) -> bool:
        """Whether some table reads the pollutant: the stations, or a sheet with a figure of it."""
        return pollutant in self.holdings.pollutants or any(
            names_pollutant(m.label, pollutant) for schema in self.schemas.values() if schema.generic
            for m in schema.measures.values())  # fmt: skip

    def _generic_score(self, table: str, q: Question, months_count: bool = True) -> tuple[int, int]:
        """(how many ways the question names what the generic table's rows are — its entities, the
        noun of its entity after 「哪个」 (「哪个月」), months for a table of months —, how many of its
        columns it names). A generic table is the question's table only when it names its rows:
        「PM2.5」 alone is every air-quality table's word."""
        columns = len({s.value[1] for s in q.slots if s.kind == "column" and s.value[0] == table})
        months = (
            months_count
            and table in self.holdings.monthly
            and (
                q.monthly
                or bool(re.search(r"月份|哪个月|几个月|每个?月|单月|什么时候|何时", q.text))
                # 「1-6月」「上半年」 name months, unless a column of another sheet states that span (「1-6月…比例」)
                or (bool(re.search(r"\d{1,2}-\d{1,2}月|上半年|下半年", q.text)) and not self._span_column(table, q))
            )
        )
        known = [s for s in q.slots if s.kind in ("pollutant", "level", "station", "place")]
        rows = sum((
            # its own values name its rows; a pollutant or a fund level in a column of it is every table's
            any(self._holds_entity(table, s) and not any(_covered(s, k) for k in known)
                and not TOTAL_ROW.match(s.value[2]) for s in q.slots),  # 「小计」 is every sheet's row
            self._lists_nouns_of(table, q, entity=True) and not self._known_stations_named(q),
            # 「没达到序时进度要求的」 of a 「是否达到序时进度要求」 column (「已经完成」 of 「是否完成」: a status said, of any table)
            any(_said_outside_status(q, phrase) for _, phrase in self._yes_no_said(table, q).values()),
            self._rows_counted_named(table, q),
            self._deadline_month(table, q) is not None,  # 「计划8月份完成的」 of its 计划完成时间 column
            bool(self._having_some(table, self.schemas[table], q)),  # 「出现过重度污染天的」 of its count column
            self._topic_said(table, q),
        ))  # fmt: skip
        # a pollutant of its 污染物 column, asked with a reading's or a station's word (「考核站点PM2.5的平均浓度」):
        # a column of it is asked, as a known stations table's would be
        reading = re.search("|".join((*READING_WORDS, *STATION_WORDS, "站")), q.text)
        columns += bool(reading) and any(self.holdings.column_holding(table, s.value)[0] for s in q.of("pollutant"))
        # the noun of its rows said (「国控断面里…」 of a sheet of 断面, beside a sheet of 站点 that is 国控 too)
        schema = self.schemas[table]
        own = _rows_noun(schema)
        columns += bool(rows) and any(len(n) >= 2 and n in q.text and n not in TASK_WORDS and n not in INDICATOR_WORDS
                                      for n, c in schema.nouns.items() if own and c == own)  # fmt: skip
        # months or the document alone name a table only with one of its columns (「上半年PM2.5」)
        hinted = months + bool(self.holdings.docs.get(table, set()) & set(q.doc_ids))
        return rows + (hinted if columns else 0), columns

    def _topic_said(self, table: str, q: Question) -> bool:
        """「三季度的信访件里…」 of a 「…第三季度生态环境信访投诉办理台账」: a word of a generic sheet's title that no other
        document's title or captions write, and that says what the sheet is about, names its rows."""
        if table not in self._topics:
            # (a document's own name, unless it holds a task or fund table too, whose caption is in it)
            known = {d for t, held in self.holdings.docs.items() if not self.schemas[t].generic for d in held}
            own = self.holdings.docs.get(table, set()) - known
            title = self.schemas[table].title
            others = " ".join([*(name.replace(title, " ") for d, name in self.holdings.doc_names.items() if d not in own),
                               *(s.title for t, s in self.schemas.items() if t != table)])  # fmt: skip
            kinds = (*STATION_WORDS, *READING_WORDS, *FUND_WORDS, *TASK_WORDS, *INDICATOR_WORDS)
            # (its documents' titles too: a sheet titled by a note line 「填报单位：…」 under the document's)
            named = " ".join([title, *(self.holdings.doc_names.get(d, "") for d in own)])
            labels = " ".join(map(str, self.schemas[table].labels.values()))  # (a column's word names its column)
            self._topics[table] = frozenset(
                w for w in rjieba.cut(named)
                if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w) and w not in others and w not in labels
                and not TITLE_FILLER.search(w) and not gazetteer().is_place(w) and not any(w in k for k in kinds)
                and not PLACE_NOUN.fullmatch(w) and self.schemas[table].nouns.get(w) != "region"
            )  # fmt: skip
        said = _title_form(q.text)  # (「环评台账」 of a 「…环境影响评价文件审批情况汇总」)
        return any(w in said for w in self._topics[table])

    def _places_not_stations(self, table: str, q: Question) -> bool:
        """Whether a question names 区县 (not a city) and no station — by a station's name, by 「站」 or by the rows'
        noun (「监测点位」) — of a generic sheet whose rows are stations."""
        schema = self.schemas[table]
        parents = self.holdings.parents
        counties = q.regions and all(parents.get(p) and "省" not in parents[p] for p in q.regions)
        stations = q.has("station") or "站" in q.text or any(s.value[0] == table for s in q.of("entity"))
        return (bool(counties) and schema.generic and self._rows_are_stations(table) and not stations
                and not _rows_noun_said(schema, q.text) and not _rows_called_short(schema, q.text))  # fmt: skip

    def _rows_are_stations(self, table: str) -> bool:
        """Whether a generic sheet's rows are monitoring stations (its row names are what 「站点」 names)."""
        schema = self.schemas[table]
        own = _rows_noun(schema)
        return bool(own) and schema.nouns.get("站点") == own

    def _rows_counted_named(self, table: str, q: Question) -> bool:
        """「鹿寨县那两个断面」「这三个站点」: the rows' own noun after a number of them."""
        schema = self.schemas[table]
        own = _rows_noun(schema)
        return bool(own) and any(
            _first_noun(schema, said.group(1), at_start=True) == own for said in COUNTED_NOUN.finditer(q.text)
        )

    def _month_absent(self, table: str, q: Question) -> Missing | None:
        """「10月份」 asked of a sheet of months that ends in September."""
        month = re.fullmatch(r"(\d{1,2})月", q.period or "")
        if month and table in self.holdings.monthly and not self._holds_months(table, f"{month.group(1)}-{q.period}"):
            return Missing(f"{self.schemas[table].title}中{q.period}的数据（表中没有这个月）")
        return None

    def _nothing_to_add_or_rank(self, plan: QueryPlan, schema: TableSchema, q: Question) -> Missing | None:
        """A sum or a place in a ranking asked of rows with no figure to add or rank them by (the plan lists them)."""
        if plan.measure or plan.aggregate or schema.default_measure:
            return None
        words = self._match_words(plan.table, q, ()) if q.has("sum") and "多少" in q.text else ""
        if words and plan.shape == "list":
            # 「各市区任务加起来总投资多少」 of rows whose text names 总投资 here and there: no column adds it up
            return Missing(f"{schema.title}中「{words}」的合计（表中没有这一列）")
        if plan.ranking and any(s.value[0] in ("first", "last") for s in q.of("rank")):  # 「哪个区镇排第一」
            return Missing(f"{schema.title}中的排名（表中没有名次或可比的分数）")
        return None

    def _span_column(self, table: str, q: Question) -> bool:
        """Whether the sheet whose months `table` holds states the span asked in a column of its own (「1-6月累计」
        「1-6月优良天数比例」): that column answers for the span, not the months one by one."""
        title = self.schemas[table].title
        return bool(q.period) and any(
            name != table and schema.title == title and any(q.period in str(label) for label in schema.labels.values())
            for name, schema in self.schemas.items()
        )  # fmt: skip

    def _period_absent(self, q: Question) -> bool:
        """「7-12月」 asked of tables that report only 「1-6月」 (nor name it in a title or a header:
        「2025年1—11月…统计表」, 「1—11月累计监测结果」)."""
        period = q.period
        known = {p for ps in self.holdings.periods.values() for p in ps}
        if not re.fullmatch(r"\d{1,2}-\d{1,2}月", period or "") or not known or period in known:
            return False
        if any(self._holds_months(t, period) for t in self.holdings.monthly):  # 「7-9月」 of a sheet of months
            return False
        named = [*self.holdings.doc_names.values(), *(str(h) for s in self.schemas.values() for h in s.labels.values())]
        return not any(period in _spans_said(text) for text in named)

    def _month_stated(self, table: str, period: str) -> bool:
        """Whether a sheet of one month says so in its title or headers (「2024年10月…浓度（当月）」「PM2.5（10月）」),
        not as the end of a span (「1-10月」)."""
        month = re.fullmatch(r"(\d{1,2})月", period)
        if not month:
            return False
        schema = self.schemas[table]
        labels = [str(label) for label in schema.labels.values()]
        if (
            len({label.rpartition("·")[2] for label in labels if re.fullmatch(r"\d{1,2}月", label.rpartition("·")[2])})
            >= 2
        ):
            return False  # a sheet of months across (1月 … 12月): its months are read as rows, of its long form
        # its headers say so; its title only when no header states a span (「…10月…通报」 over 「1-10月累计浓度」)
        headers = _spans_said(" ".join(labels))
        said = headers if re.search(r"\d-\d{1,2}月", headers) else _spans_said(" ".join([schema.title, *labels]))
        return bool(re.search(rf"(?<![\d-]){month.group(1)}月", said))

    def _deadline_month(self, table: str, q: Question) -> Filter | None:
        """「计划8月份完成的项目」「8月份到期的」 of a sheet with a 计划完成时间 column: its rows whose date is in that
        month; 「下半年立案的」「6月30日以后作出处罚决定的」 of a row's own date (立案日期): its rows dated then."""
        # (「第四季度到期的许可证」: its 有效期's last date in 10–12月; not a deadline's 完成, nor a report's period)
        span = _row_date_span(q, f"{DATE_VERBS[0][0]}|{ROW_DATE_VERB}")
        if span is not None:
            return self._dated_rows(table, q, span=span)
        month = re.fullmatch(r"(\d{1,2})月", q.period or "")
        return self._dated_rows(table, q, months=(int(month.group(1)),)) if month else None

    def _dated_rows(self, table: str, q: Question, months: tuple[int, ...] = (), years: tuple[int, ...] = (),
                    span: DateSpan | None = None) -> Filter | None:  # fmt: skip
        """The rows of a sheet with a date column (计划完成时间, 有效期至) whose date falls in one of the months, one of
        the years or the span of days asked with a date's word: 「计划8月份完成的项目」, 「许可证将在2050年到期的」 — the
        column the word names (到期: 有效期至, not 发证日期); a month alone may fall back on any date column."""
        schema = self.schemas[table]
        verb = DEADLINE_ASKED.search(q.text)
        if schema.generic and not verb and months and not years and not span:
            return self._own_month_rows(table, months[0])  # 「5月份一共巡了几次河」
        if not schema.generic or not verb or not (months or years or span):
            return None
        due_month = q.first("deadline")  # 「2053年11月到期」: the month said with the year
        months = months or ((due_month[1],) if years and due_month and due_month[0] in (*years, 0) else ())

        ends = re.fullmatch(DATE_VERBS[0][0], verb.group(0))  # (「2057.11.02-2062.11.01」 expires on its last date)
        own = self.holdings.years.get(table, set())
        if span and ends and not years and len(own) == 1:  # 「上半年到期的」 of a 2088 list: in 2088's first half
            years = tuple(own)

        def fits(cell: str) -> bool:
            text = normalize_text(cell)
            dates = re.findall(r"20\d\d\s*[年./-]\s*\d{1,2}(?:\s*[月./-]\s*\d{1,2})?", text)
            text = dates[-1] if ends and len(dates) > 1 else text
            in_month = not months or any(re.search(rf"(?<!\d){m}\s*月|(?<!\d)\d{{4}}\s*[-/.]\s*0?{m}\s*[-/.]", text)
                                         for m in months)  # fmt: skip
            day = DAY_OF.search(text) if span else None
            in_span = not span or (
                day is not None and span[0] <= (int(day.group(1)), int(day.group(2) or 1)) <= span[1]
            )
            return (
                bool(in_month) and in_span and (not years or any(re.search(rf"(?<!\d){y}(?!\d)", text) for y in years))
            )

        # (a deadline's word alone may fall back on any date column: not 「批复」 on 完成时限)
        loose = not years and re.fullmatch(DEADLINE_VERBS, verb.group(0))
        # (nor on a column another verb names: 「10月份到期的」 is no 受理日期)
        dated = [c for c in self._date_columns(table)
                 if not any(re.search(headers, str(schema.labels[c])) for _, headers in DATE_VERBS[3:])]  # fmt: skip
        for column in self._named_dates(table, verb.group(0)) or (dated if loose else []):
            due = [c for written in self.holdings.cells[table][column].values() for c in written if fits(c)]
            if due:
                said = span[2] if span else "、".join(f"{y}年" for y in years) + (f"{months[0]}月" if months else "")
                return Filter(column, "in", tuple(sorted(due)), label=f"{schema.labels[column]}在{said}")
        return None

    def _own_month_rows(self, table: str, month: int) -> Filter | None:
        """The rows of a register with one date of its own (巡河日期, 发现日期; not a deadline's 整改时限 nor 有效期至)
        in the month asked (a date written 「2089-05-16」 or 「5月16日」), or None."""
        schema = self.schemas[table]
        own = [c for c in self._date_columns(table) if not re.search(DEADLINE_HEADERS, str(schema.labels[c]))]
        if len(own) != 1:
            return None
        dated = re.compile(rf"(?<!\d)(?:\d{{4}}\s*(?:[-/.]\s*0?|年\s*){month}\s*(?:[-/.]|月)|0?{month}\s*月)")
        due = [c for written in self.holdings.cells[table][own[0]].values() for c in written
               if dated.search(normalize_text(c))]  # fmt: skip
        return Filter(own[0], "in", tuple(sorted(due)), label=f"{schema.labels[own[0]]}在{month}月") if due else None

    def _date_columns(self, table: str) -> list[str]:
        """A generic sheet's columns of dates (计划完成时间, 批复日期, 有效期至)."""
        labels = self.schemas[table].labels
        return [c for c in self.holdings.cells.get(table, {}) if DATE_HEADER.search(str(labels.get(c, "")))]

    def _named_dates(self, table: str, verb: str) -> list[str]:
        """The date columns a verb names: its own word in the lower header first (「批复」: 批复日期; 「许可证有效期·发证日期」
        is 发证日期), else the headers of its kind (「到期」: 有效期至, not 发证日期)."""
        labels = self.schemas[table].labels
        lower = {c: str(labels[c]).rpartition("·")[2] for c in self._date_columns(table)}
        named = next((headers for words, headers in DATE_VERBS if re.fullmatch(words, verb)), verb)
        return [c for c in lower if verb in lower[c]] or [c for c in lower if re.search(named, lower[c])] \
            or [c for c in lower if re.search(named, str(labels[c]))]  # fmt: skip

    def _dated_said(self, table: str, word: str) -> str:
        """A word without a date verb naming a date column of the sheet, nor the words of that column's header around
        the verb (「才接入自动监控」 of 自动监控联网日期: 「」); the word itself when it says no such verb."""
        verb = re.search(DATE_VERB, word)
        columns = self._named_dates(table, verb.group(0)) if verb else []
        if not columns:
            return word
        header = " ".join(str(self.schemas[table].labels[c]) for c in columns)
        around = (word[: verb.start()].lstrip("才刚已"), word[verb.end() :])
        return " ".join(p for p in around if p and p not in header)

    def _kinds_of(self, table: str, column: str, cell: str) -> tuple[str, ...]:
        """A cell named, with the cells of its kinds (「大气」: 「大气（扬尘）」「大气（异味）」 too)."""
        written = self.holdings.cells.get(table, {}).get(column, {}).get(_canonical_cell(cell), set())
        return tuple(sorted(written | {cell}))

    def act_cells(self, table: str, q: Question) -> list[Filter]:
        """「罚款还没有全部交到位的案子」 of a register whose 执行情况 cells say 「已缴纳」: the rows whose cell says
        otherwise (「交了罚款的」: the rows whose cell says so); the act said by its verbs (`WHETHER_VERBS`)."""
        filters = []
        # (「交没交」 asks either way; 「交了多少罚款」 asks an amount, no row's act)
        text = EITHER_WAY.sub(lambda m: " " * len(m.group(0)), q.text)
        for column, cells in self.holdings.cells.get(table, {}).items():
            written = {c for values in cells.values() for c in values}
            for act, verbs in WHETHER_VERBS.items():
                done = tuple(sorted(c for c in written if re.fullmatch(rf"已经?{act}", c)))
                act_said = rf"{NOT_AN_ACT}(?:{verbs})(?=了|过|清|齐|完|到位|没|罚|钱|的)(?![^，。？?]{{0,3}}(多少|几))"
                if not done or not re.search(act_said, text):
                    continue
                # (the negation of the act itself: 「还没有全部交到位」, not 「不在园区的企业交了罚款吗」)
                negated = bool(re.search(rf"{NEGATION}(全部|全|都|完全)?{act_said}", text))
                header = self.schemas[table].labels.get(column, column)
                said = f"{header}{'不是' if negated else '为'}{'、'.join(done)}"
                filters.append(Filter(column, "excludes" if negated else "contains", done, label=said))
        return filters

    def _unclosed(self, table: str, q: Question) -> list[Filter]:
        """「还有哪件投诉没办完」 of a register with no status column: its rows with no 办结日期."""
        for slot in q.of("status_other_than"):
            closing = NOT_CLOSED.search(slot.text)
            verb = CLOSED_AS.get(closing.group(3), closing.group(3)) if closing else ""
            dates = self._named_dates(table, verb) if verb else []
            if dates:
                return [Filter(dates[0], "none", None, label=f"尚未{verb}")]
        return []

    def _date_column(self, table: str, q: Question) -> str:
        """The date column a ranked date's verb names (「最早到期」: 有效期至), else a sheet's only one; of a task
        table, its deadline for a deadline's verb (「哪项任务最晚完成」)."""
        verb = _ranked_verb(q)
        if table == "tasks":
            return "deadline" if re.fullmatch(DEADLINE_VERBS, verb) else ""
        if not self.schemas[table].generic:
            return ""
        dated = self._date_columns(table)
        return (self._named_dates(table, verb) or (dated if len(dated) == 1 else []) or [""])[0]

    def _span_unstated(self, table: str, period: str) -> bool:
        """Whether a sheet that is no sheet of months states no figure for 「7-9月」: its period, title, headers or
        document's name state another span (「1-9月」) and none this one."""
        if period in self.holdings.periods.get(table, set()):
            return False
        schema = self.schemas[table]
        own = _spans_said(" ".join([schema.title, *map(str, schema.labels.values())]))
        if not re.search(r"\d{1,2}-\d{1,2}月", own) and re.search(
            r"(?<![\d-])(?<!截至)(?<!截止)(?<!截至20\d\d年)(?<!截止20\d\d年)\d{1,2}月(?![\s\d底末])", own
        ):
            return True  # 「2036年7月…排名」: one month's sheet, whatever span its workbook's name states
        named = [schema.title, *map(str, schema.labels.values()),
                 *(self.holdings.doc_names.get(d, "") for d in self.holdings.docs.get(table, ()))]  # fmt: skip
        said = [_spans_said(text) for text in named]  # only a sheet that states another span (「1-9月」) lacks it
        return not any(period in text for text in said) and any(re.search(r"\d{1,2}-\d{1,2}月", t) for t in said)

    def _month_across(self, table: str, period: str, text: str = "") -> str:
        """The column of a sheet with a column for each month (「1月」…「6月」 beside 「上半年水质类别」) of the month
        asked (「5月」), else ""."""
        if not re.fullmatch(r"\d{1,2}月", period):
            return ""
        schema = self.schemas[table]
        months = [c for c, label in schema.labels.items() if str(label).rpartition("·")[2] == period]
        if len(months) == 1 and not str(schema.labels[months[0]]).rpartition("·")[0]:
            return months[0]
        # 「PM2.5·5月」 beside 「优良天数比例·5月」: the month of the figure the question names
        spec = schema.measure_for(text) if months and text else None
        return spec.column if spec is not None and spec.column in months else ""

    def _month_column(self, table: str) -> str:
        """The column of a sheet of months that names its months (its rows' own name, or one beside a 区县 column)."""
        return self.schemas[table].noun_column("月份") or "entity"

    def _holds_months(self, table: str, period: str) -> bool:
        """Whether a sheet of months has a row for the first and the last month of 「7-9月」."""
        first, last = re.findall(r"\d+", period)
        months = self.holdings.cells.get(table, {}).get(self._month_column(table), {})
        return f"{first}月" in months and f"{last}月" in months

    # -- one table's plan ----------------------------------------------------------------------------

    def _build(self, table: str, q: Question) -> QueryPlan | Missing:
        schema = self.schemas[table]
        if not schema.generic and POLLUTANTS_ASKED.search(q.text):  # 「超标主要是哪几种污染物」: no task row names them
            return Missing(f"{schema.title}中的污染物名称")
        asks_field = set(q.values("ask")) & {"deadline", "lead"} or re.search(r"什么要求|要求是什么", q.text)
        if table == "stations" and asks_field:
            return Missing("站点读数中的要求、时限或牵头单位")  # 「PM10在线监测有什么要求？哪天前装完？」
        absent = self._pollutant_absent(table, q) or self._month_absent(table, q)
        if absent:
            return absent
        ranked_places = PLACES_ASKED.search(q.text) and (q.has("rank") or q.has("which"))
        if table == "indicators" and ranked_places and not self._by_county(table):
            # 「空气优良天数比例哪个区县最低」: a plan's indicators are the city's, of no 区县 (a sentence may say it)
            return Missing(f"各区县的数值（{schema.title}只有全市的指标）")
        if q.has("date_rank") and not self._date_column(table, q):  # 「哪家最先失效」 of a sheet with no such date
            return Missing(f"{schema.title}中的{_ranked_verb(q)}日期")
        unnamed = [s.text for s in q.of("pollutant") if table in ("tasks", "indicators")
                   and not self.holdings.known(s.text, table)]  # fmt: skip
        if unnamed:  # 「哪些县区PM2.5没达到年度目标」 of tasks none of which names PM2.5: not their rows
            return Missing(f"{schema.title}中关于{'、'.join(unnamed)}的记录")
        filters: list[Filter] = []
        for step in (self._places, self._stations, self._years, self._periods, self._documents):
            found = step(table, schema, q)
            if isinstance(found, Missing):
                return found
            filters += found
        filters += self._conditions(table, schema, q) + self._parts_only(table, q)
        late = [f for slot in q.of("not_on_time") for f in self._late_cells(table, slot.value)]
        if q.has("not_on_time") and not late:  # 「没有按期完成的」 of a table that grades no completion
            return Missing(f"{schema.title}中的完成等次")
        filters += late
        # (「那5月呢」 of a stacked sheet: its 月份 cell said is the period's filter too, once)
        filters = list({(f.field, f.op, repr(f.value)): f for f in filters}.values())
        filters = _judged_each_by_its_own(schema, filters, q)
        if schema.generic and any(f.op == "in" and f.value and all(stated_verdict(str(v)) for v in f.value)
                                  for f in filters if f.field != "verdict"):  # fmt: skip
            # 「NO2评价为未完成」: the cell of the column named says it; the table's first 评价 column does not
            filters = [f for f in filters if f.field != "verdict"]
        answered = self.yes_no_columns(table, q) if schema.generic else {}
        if any(f.field in answered for f in filters):  # 「没达到年度目标的」: its 「是否达到年度目标」 column says it
            filters = [f for f in filters if f.field != "verdict"]
        if schema.generic and not self._holds_asked_field(table, q):  # 「后三位的镇街有什么要求」 of a ranking
            return Missing(f"{schema.title}中的责任单位、时限或要求（表中没有这一列）")
        # 「滞后的任务有几项」 of a summary: its 「滞后（项）」 column is read, no verdict filtered
        if schema.generic and _status_counts(table, q):
            filters = [f for f in filters if f.field != "verdict"]
        if schema.generic and not schema.verdict and any(f.field == "verdict" for f in filters):
            unclosed = self._unclosed(table, q)
            if not unclosed:
                return Missing(f"{schema.title}中的达标判定（该表没有目标或达标列）")
            filters = [f for f in filters if f.field != "verdict"] + unclosed
        if schema.generic and re.search(r"同比|环比", q.text) and not self._states_change(table):
            return Missing(
                f"{schema.title}中的同比变化（表中没有上年同期的数值）"
            )  # 「同比多了几天」 of one year's sheet
        if q.has("direction") and not q.has("threshold") and table in ("stations", "funds"):
            return Missing(f"{schema.title}的同比变化（表中没有上年同期的数值）")
        listing = (q.has("which") or q.has("count")) and not any(q.has(k) for k in ("rank", "compare", "threshold"))
        # not 「增加值」, nor a cell of the table (「水质类别变差的断面」 of a 同比 column of 变差 / 持平 / 变好)
        rising = [d for d in q.of("direction") if not any(_covered(d, c) for c in q.of("column"))
                  and not any(e.start == d.start and self._holds_entity(table, e) for e in q.of("entity"))]  # fmt: skip
        between = (
            self._periods_compared(table, q) if rising and not any(q.has(k) for k in ("rank", "compare")) else None
        )
        if between is not None:
            filters.append(between)
        elif rising and schema.generic and listing and not self._direction_column(table, q):
            return Missing(f"{schema.title}中的升降（表中没有可比的数值）")  # 「哪几个区县得分下降了」 of one year
        measure = (
            self._direction_measure(table, q)
            or self._month_across(table, q.period or "", q.text)
            or self._measure(schema, q)
        )
        if self._target_unstated(schema, measure, q):  # 「优良天数比例的目标定的多少」 of a sheet of readings only
            return Missing(f"{schema.title}中的目标值（表中没有目标列）")
        if self._city_figure_of_stations(table, q):  # 「全市PM2.5的目标」 is no station's
            return Missing(f"{schema.title}中的全市数值（表中只有各站点的数值）")
        named = {_judged_reading(schema, _measure_naming(schema, p)) for p in q.values("pollutant")} - {""} \
            if schema.generic else set()  # fmt: skip
        if schema.generic and q.has("all_of"):  # 「PM10和优良天数比例两项都没达标」: a measure named as a column too
            judged = {m for spec in schema.measures.values() for m in spec.gap_of[:1]}
            # (its reading named, not the 「年度目标」 every measure of the sheet has)
            named |= {s.value[1] for s in q.of("column") if s.value[0] == table} & judged
        if schema.verdict and q.has("all_of") and len(named) >= 2:
            measure = ""  # 「三项都达到」: the row's verdict over each of its targets, not the first pollutant's
            filters = _each_judged(schema, filters, named)
        elif len(named) == 1 and _judges_several(schema) and _verdict_of_pollutant(q, filters):
            filters = _each_judged(schema, filters, named)  # 「臭氧没达到考核目标的站点」: O3's own verdict
        elif _judges_several(schema) and (said := _judged_column_said(schema, q, filters)):
            # 「优良天数比例没达到年度目标的县区」: that column's own verdict, not the row's stated one
            filters = _each_judged(schema, filters, {said})
        elif schema.generic:
            filters = self._period_verdict(table, filters, q)
        filters += self._versus_whole(table, measure, q)
        unknown = self._unknown_figure(table, measure, q)
        if unknown:
            return unknown
        plan = QueryPlan(
            table, filters=tuple(filters), measure=measure, asked=(*_asked(q), *_verdicts_named(schema, q))
        )
        plan = _paired_conditions(plan, q)
        if table == "funds" and q.has("milestone"):
            plan = plan.with_(milestone=q.first("milestone"))
        years = sorted({s.value for s in q.of("year") if not _names_document(s, q)})
        if measure == "year_value":
            plan = plan.with_(years=tuple(s.value for s in q.of("year") if not _names_document(s, q))[:1])
        elif measure == "year_change":  # (one year said: to each row's own target year, `TARGET_YEAR`)
            plan = plan.with_(years=(years[0], years[-1] if len(years) > 1 else TARGET_YEAR))
        listing = q.has("which") or q.has("count")  # 「哪些指标三年的数值完全没变」, not 「两年的一样吗」 of one row
        if table == "indicators" and len(years) >= 2 and listing and YEARS_SAME.search(q.text):
            plan = plan.with_(years=tuple(years), filters=(*plan.filters, Filter("years_same", "eq", True,
                                                                                 label="各年数值相同")))  # fmt: skip
        plan = self._group_bound(self._grand_total(self._totals(self._shape(plan, schema, q), q), q), schema, q)
        plan = self._span_against_last_year(plan, q)
        plan = self._to_reach(plan, schema, q)
        plan = self._short_of(plan, schema, q)
        plan = self._named_groups(plan, schema, q)
        nothing = self._nothing_to_add_or_rank(plan, schema, q) or self._measure_elsewhere(plan, schema, q)
        if nothing:
            return nothing
        if table == "stations" and plan.aggregate == "mean" and re.search(r"全[市县区](?![域])", q.text):
            # a city's mean concentration is the document's own figure, never a mean of the stations it names
            said = "、".join(q.values("pollutant")) or "污染物"
            return Missing(f"{said}的全市平均浓度（表中只有各站点的读数）")
        spec = schema.measures.get(plan.measure)
        # a column of signed changes; not one of falls (「同比降幅」, where a fall is above 0)
        change = plan.measure == "year_change" or (
            spec is not None and CHANGE_MEASURE.search(spec.label) and not FALLING.search(spec.label)
        )
        if change and plan.ranking and FALLING.search(q.text):  # 「下降得最多」「同比降得最多」: of the falls
            fell = Filter(plan.measure, "lt", 0, label="下降")
            flipped = "min" if plan.ranking.direction == "max" else "max"
            plan = plan.with_(ranking=replace(plan.ranking, direction=flipped), filters=(*plan.filters, fell))
        pinned = plan.filter_on(plan.group_by) if plan.group_by else None
        if pinned and pinned.op == "in" and len(pinned.value) == 1 and schema.generic and plan.shape == "list":
            plan = plan.with_(group_by="region" if self.holdings.regions.get(table) else schema.entity)  # one value
        quantity = next((f for f in plan.filters if f.field == "quantity"), None)
        if quantity and not plan.quantity_unit:
            unit = re.sub(r"^.*?\d", "", quantity.label).lstrip(".0123456789") or "%"
            plan = plan.with_(quantity_unit=unit, group_by=plan.group_by or "region")
        docs = q.doc_ids or next((f.value for f in plan.filters if f.field == "doc_id" and f.op == "in"), ())
        places = plan.filter_on("region")
        if not docs and places and places.op == "in":  # the documents of the places asked: 「海门分解表」
            docs = [d for d in self.holdings.docs.get(table, ()) if self.holdings.doc_regions.get(d) in places.value]
        match = self._match_words(table, q, tuple(docs))
        if schema.generic and any(self._of_classes(table, f.field) for f in plan.filters):
            match = CLASS_WORDS.sub(" ", match)  # 「水质类别变差的」「水质为Ⅱ类的」: said by the classes filtered
        titled = self._titled(table, match, q) if match and not docs else ()
        if titled:  # 「生态文明示范市那张指标表里…」: the words name the document, not rows of it
            plan, match = plan.with_(filters=(*plan.filters, Filter("doc_id", "in", titled))), ""
        if match and not schema.generic and table in ("stations", "funds"):  # their rows are named, not matched:
            if plan.shape == "detail" and all(f.field in UNSELECTING for f in plan.filters):
                return Missing(f"{schema.title}中关于「{match}」的记录")  # 「地下水监测点位」 names no station
            # 「富民南路子站那个综合指数比值」: a figure another table's rows state, none of this one's
            away = [w for w in re.split(r"[\s|]+", match) if w and self._elsewhere(w, table)]
            if away and table == "stations" and not q.has("pollutant"):
                return Missing(f"{schema.title}中关于「{away[0]}」的记录")
            match = ""
        named = any(s.kind in ("column", "entity") and s.value[0] == table for s in q.slots)
        # (not the 小计 filter `_subtotals` adds: 「富江流域…项目执行率」 still names its project by words)
        # (the 合计 row asked is pinned too when the words left are the table's own: 「今年专项资金全市一共下达多少」, not
        # 「一共审批了多少个建设项目环评文件」)
        own_words = all(_pieced_said(w, self._written(table)) for w in re.split(r"[\s|]+", match) if w)
        pinned = named and any(((f.field == "region" or f.field in schema.lexicon) and f.value != "小计")
                               or (f.field == "total_row" and f.value is True and own_words) for f in plan.filters)  # fmt: skip
        if match and schema.generic and pinned and plan.shape in ("detail", "value", "yesno"):
            # 「连山县市级环保资金执行率」: the rows are named; 「环保资金」 is the table's topic. A word the
            # documents never write (「信访投诉」) still has to be found
            # (「受污染耕地安全利用」 of 「衢江区受污染耕地安全利用项目」 still names its row)
            match = " ".join(w for w in re.split(r"[\s|]+", match) if w and (self._elsewhere(w, table)
                                                                             or self._in_a_row(w, table)))  # fmt: skip
        listing = plan.shape not in ("detail", "value", "yesno", "compare") or bool(plan.group_by)
        # 「新蒲新区上半年PM2.5平均浓度」: a place no row of the sheet writes has no rows here, not every row
        unplaced = [w for w in re.split(r"[\s|]+", match)
                    if PLACE_SHAPED.fullmatch(w) and not NOT_PLACE.search(w) and not self.holdings.known(w, table)]  # fmt: skip
        if unplaced and schema.generic:
            return Missing(f"{schema.title}中关于「{unplaced[0]}」的记录", place=unplaced[0])
        acronyms = {
            a.lower() for a in re.findall(r"(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])", q.raw)
        }  # 「GDP」, not English
        # (only when the question names no figure of the table: 「京口区AQI优良天数比例」 names its 优良天数比例)
        named = any(s.value[0] == table and not PERIOD_WORD.fullmatch(s.text) for s in q.of("column"))
        latin = [
            w for w in re.split(r"[\s|]+", match) if w in acronyms and not named and not self.holdings.known(w, table)
        ]
        if latin:  # 「GDP增长多少」: a name no table's rows write picks no rows, whatever else the question says
            return Missing(f"{schema.title}中关于「{latin[0].upper()}」的记录")
        words = [w for w in re.split(r"[\s|]+", match) if w]
        # 「漓江干流两岸多大范围内不能新建排氮磷」: a clause no row of a sheet says asks for what a text says
        clause = next((w for w in words if schema.generic and len(w) >= LONG_RUN and self._elsewhere(w, table)), "")
        if clause:
            return Missing(f"{schema.title}中关于「{clause}」的记录")
        if (table == "tasks" and words and all(canonical_pollutant(w) for w in words) and plan.shape == "detail"
                and re.search(r"全[市县区](?![域])", q.text)):  # fmt: skip
            # 「上半年全市PM2.5多少」: the city's reading, which a task naming PM2.5 in its requirement does not state
            return Missing(f"全市{'、'.join(canonical_pollutant(w) or w for w in words)}的读数")
        medium = next((w for w in re.split(r"[\s|]+", match) if w and self._other_medium(w, table)), "")
        if medium:  # 「地下水考核点位的水质」 of a plan's indicators that name no 地下水: a sentence must name it
            words = next(m for m in MEDIA if any(w in medium for w in m))
            return Missing(f"{schema.title}中关于「{medium}」的记录", needs=_medium_needs(words))
        # 「瀚海石化的颗粒物许可排放量」: a figure named, of a row named, qualified by a word the sheet never says
        qualified = schema.generic and named and len(words) >= 2 and plan.shape in ("detail", "value")
        # (also a cell of another sheet: 「颗粒物」 of an inspection sheet's 监测指标, beside a permit register)
        mine = {
            s.text
            for s in q.slots
            if s.kind in ("column", "pollutant") and (s.kind == "pollutant" or s.value[0] == table)
        }
        others = [s.text for s in q.of("entity") if s.value[0] != table and not self._holds_entity(table, s)
                  and s.text not in mine]  # fmt: skip
        qualified = qualified or (schema.generic and bool(others) and plan.shape in ("detail", "value")
                                  and any(f.field in schema.lexicon for f in plan.filters))  # fmt: skip
        foreign = next((w for w in [*words, *others] if qualified and len(w) >= 3 and not self._table_says(w, table)),
                       "")  # fmt: skip
        if foreign:
            return Missing(f"{schema.title}中关于「{foreign}」的记录")
        if match and listing:
            kept = self._informative(table, match, q)
            # 「滞后的那几项任务，市里什么时候发督办函」: when an act is done that no row writes — the text's date, not
            # the rows' deadlines
            # (not 「前报上去」: a report to send, which the answer says the rows lack — `SUBMIT_ASKED`)
            acts = [w for w in re.split(r"[\s|]+", match) if len(w) >= UNWRITTEN_ACT and w not in kept.split()
                    and not self._table_says(w, table) and "报" not in w]  # fmt: skip
            # (… or how often it is done: 「任务落后了，市里多久调度一次」)
            if acts and ("deadline" in plan.asked or HOW_OFTEN.search(q.text)) and not q.follow_up:
                return Missing(f"{schema.title}中关于「{acts[0]}」的记录")
            titles = set(bigrams(" ".join([schema.title, *(self.holdings.doc_names.get(d, "")
                                                            for d in self.holdings.docs.get(table, ()))])))  # fmt: skip
            # a topic, not a way of saying a status (「还没动起来」) nor the table's own (「专项资金」)
            unknown = [w for w in re.split(r"[\s|]+", match) if len(w) >= UNKNOWN_TOPIC_CHARS
                       and w not in kept.replace("|", " ").split() and not re.search(r"[没未还了吗呢着过]", w)
                       and sum(b in titles for b in bigrams(_title_form(w))) * 2 < len(bigrams(_title_form(w)))]  # fmt: skip
            # (a sum or a ranking too, of a word pointing away from the table: 「阳朔县地下水监测井一共多少口」)
            computed = bool(plan.ranking or plan.aggregate or plan.compare)
            away = [w for w in re.split(r"[\s|]+", match) if computed and w not in kept.split()
                    and self._points_away(w, table)]  # fmt: skip
            # (「长潭水库今年有哪些硬任务」: a name the documents write, in none of this table's rows)
            unknown += [w for w in re.split(r"[\s|]+", match) if not computed and len(w) >= MIN_NAME_ELSEWHERE
                        and w not in kept.split() and w not in unknown and self._elsewhere(w, table)]  # fmt: skip
            if (
                (away or (unknown and not computed))
                and not kept
                and all(f.field in (*UNSELECTING, "region") for f in plan.filters)
            ):  # 「中心城区哪些区域全年禁止燃放烟花爆竹」: no row says it; every row is no answer
                unknown = unknown or away
                return Missing(f"{schema.title}中关于「{unknown[0]}」的记录")
            match = kept
        if match:
            plan = plan.with_(match=match, match_all=listing)
        elif table == "tasks" and plan.shape == "detail" and all(f.field in SCOPING_FIELDS for f in plan.filters) \
                and not q.has("status") and not q.follow_up and "progress" not in q.values("ask"):  # fmt: skip
            return Missing("能回答这个问题的任务记录")  # 「江门市长是谁」: no task named, no row is the answer
        excluded = q.first("except")
        place = (
            next((m.term.value for m in self.lexicon.find(excluded) if m.term.kind == "place"), "") if excluded else ""
        )
        if place and place in self.holdings.regions.get(table, set()):  # 「除了开平」: that 区县's rows left out
            plan = plan.with_(filters=(*plan.filters, Filter("region", "ne", place, label=f"除{place}外")))
        elif excluded and not self.holdings.known(excluded, table) and LEFT_OUT.match(q.of("except")[0].text):
            # 「不算沙尘天气的话，…」: a condition no row of the table can leave out — not the rows with it in
            return Missing(f"不算「{excluded}」的{schema.title}数值")
        elif excluded:
            plan = plan.with_(exclude=excluded if self.holdings.known(excluded, table) else "")
        if match and plan.counted_as == "家":  # rows some words find are counted as rows (the text may state 「58家」)
            plan = plan.with_(counted_as="")
        return plan.with_(unconsumed=tuple(w for w in re.split(r"[\s|]+", match) if w), notes=tuple(q.notes))

    def _places(self, table: str, schema: TableSchema, q: Question) -> list[Filter] | Missing:
        places = q.regions
        if not places:
            return []
        # 「茂名市电白区…」: the 区县 named inside its city is the place asked, not every 区县 of the city
        places = [p for p in places if not any(self.holdings.parents.get(o) == p for o in places)]
        held = self.holdings.regions.get(table, set())
        places = self._whole_dropped(places, table)
        if not places:
            return []
        inside = [p for p in places if p in held]
        if not inside and self._sheet_of_places(table, q):
            return []  # 「惠城区1月份」 of a sheet of months with a column of each 区县: its column, not a row
        if inside:
            # a city's rows and its 区县's (「肇庆…哪些任务」 over a table of 区县 and the city's own plan)
            within = [r for r in sorted(held) if self.holdings.parents.get(r) in inside and r not in inside]
            return [Filter("region", "in", (*inside, *within), label="、".join(inside))]
        # a city whose documents' rows name its 区县 (「江门」 for the progress tables)
        cities = [p for p in places if any(self.holdings.parents.get(r) == p for r in held)]
        docs = {d for d, region in self.holdings.doc_regions.items() if region in cities} & self.holdings.docs[table]
        if docs:
            return [Filter("doc_id", "in", tuple(sorted(docs)))]
        # 「乾县…完成了多少户」 of a city's row whose text names its 区县 (「其中：三原县3850户…乾县2210户」)
        # (only to find the row: a sum, count or ranking of it would be the city's figure said of the 区县)
        if self._named_in_rows(table, places) and not any(q.has(k) for k in ("sum", "count", "rank", "mean")):
            return [Filter("row_text", "contains", tuple(places), label="、".join(places))]
        return Missing(f"{'、'.join(places)}的{schema.title}数据")

    def _period_verdict(self, table: str, filters: list[Filter], q: Question) -> list[Filter]:
        """「1-10月累计水质没有达到目标」 of a sheet judging 「水质类别·10月」 and 「水质类别·1-10月」 against one
        target: the verdict of the period said, not the row's over both."""
        verdict = next((f for f in filters if f.field == "verdict"), None)
        judged = self.holdings.judged.get(table, set())
        # 「10月当月」 read as another sheet's row of months is that month too
        months = [str(s.value[2]) for s in q.of("entity") if re.fullmatch(r"\d{1,2}月", str(s.value[2]))]
        period = q.period or (months[0] if len(months) == 1 else "")
        if verdict is None or len(judged) < 2:
            return filters
        labels = self.schemas[table].labels
        own = [c for c in sorted(judged) if period and _spans_said(str(labels.get(c, ""))).rpartition("·")[2] == period]
        # 「二季度没达到水质目标的」 of 「水质类别·一季度」「·二季度」「·上半年」: that quarter's
        # (not 「6月」 of 「1-6月」: a span no column states is the row's own verdict's)
        span = re.fullmatch(r"\d{1,2}-\d{1,2}月", period)
        own = own or [c for c in sorted(judged) if not span and period_named(str(labels.get(c, "")), q.text)]
        if len(own) != 1:
            return filters
        said = {"met": "达标", "behind": "未达标"}.get(str(verdict.value), "")
        label = f"{_spans_said(str(labels.get(own[0], ''))).rpartition('·')[2]}{said}" if said else verdict.label
        return [f for f in filters if f is not verdict] + [replace(verdict, field=f"verdict_{own[0]}", label=label)]

    def _sheet_of_places(self, table: str, q: Question) -> bool:
        """Whether a sheet with a column per place (「PM2.5月均浓度·惠城区」, or 「惠城区」 under a title
        「各县区PM2.5月均浓度」) has one for each place asked, of a measure the question names."""
        schema = self.schemas[table]
        placed = {m.label.rpartition("·")[2] for m in schema.measures.values()}
        if not schema.generic or not q.regions or not all(p in placed for p in q.regions):
            return False
        groups = {m.label.rpartition("·")[0] for m in schema.measures.values()} - {""}  # without their units
        named = " ".join([schema.title, *groups])
        return any(p in named for p in q.values("pollutant")) or any(len(g) >= 2 and g in q.text for g in groups)

    def _placed_measure(self, schema: TableSchema, spec: MeasureSpec | None, q: Question) -> str:
        """The one place asked of a sheet with a column per place: its column under the measure named
        (「博罗县1月份的PM2.5」 → 「PM2.5月均浓度·博罗县」), or ""."""
        places = q.regions
        # 「…立了多少宗案子」 names no measure of the sheet; 「连平县是多少」 of 「各县区PM2.5月均浓度」 does
        if len(places) != 1 or (spec is None and not self._sheet_of_places(schema.name, q)):
            return ""
        return self._place_column(schema, places[0], spec)

    @staticmethod
    def _place_column(schema: TableSchema, place: str, spec: MeasureSpec | None = None) -> str:
        """The measure of a sheet with a column per place (「PM2.5月均浓度·惠城区」) that is the place's, under the
        same header as `spec` when given (none when it has no such column: 「PM10」 of a sheet of PM2.5 only); without
        `spec`, the place's one column, or ""."""
        found = [m for m in schema.measures.values() if m.label.rpartition("·")[2] == place]
        if spec is not None:
            group = spec.label.rpartition("·")[0]
            return next((m.name for m in found if m.label.rpartition("·")[0] == group), "")
        return found[0].name if len(found) == 1 else ""

    def _stations(self, table: str, schema: TableSchema, q: Question) -> list[Filter] | Missing:
        filters = []
        if table == "stations":
            stations = q.values("station")
            if stations:
                filters.append(Filter("station", "in", tuple(stations), label="、".join(stations)))
            pollutants = q.values("pollutant")
            if pollutants:
                held = [p for p in pollutants if p in self.holdings.pollutants]
                if not held:
                    # 「各考核站点的二氧化硫浓度达标了吗」: a reading of stations, never a task that names SO2
                    said = any(w in q.text for w in STATION_WORDS) and READING_ASKED.search(q.text)
                    said = said and not any(self._names_pollutant(t, q) for t in self.schemas if t != "stations")
                    # a reading no station table states is refused, not read off a passage naming the pollutant
                    return Missing(f"{'、'.join(pollutants)}的站点读数", final=bool(stations or said))
                if q.has("all_of") and len(held) < len(pollutants):  # 「PM2.5和PM10两项同时超标」: both read, or none
                    return Missing(f"{'、'.join(p for p in pollutants if p not in held)}的站点读数")
                filters.append(Filter("pollutant", "in", tuple(held), label="、".join(held)))
        return filters

    def _years(self, table: str, schema: TableSchema, q: Question) -> list[Filter] | Missing:
        years = [s.value for s in q.of("year") if not _names_document(s, q) and not base_year(s, q)]
        if not years and q.plan_period and table in ("tasks", "funds") and re.search(r"期间|规划期", q.text):
            # 「十七五期间要完成多少座」: the plan's own figure, which no one year's progress table states
            return Missing(f"{q.plan_period}期间的{schema.title}数据")
        years = years or q.values("plan_year")
        held = self.holdings.years.get(table, set())
        if not years:
            return self._this_year(table, schema, q, held)
        asked = [y for y in years if y in held]
        if table == "indicators":
            if not asked:
                return Missing(f"{_years_text(q, years)}的指标数值")
            if len(asked) >= 2 and _compares_years(q):  # 「从2020年到2025年提高几个百分点」: rows stating both
                return [Filter("years_stated", "contains", str(y)) for y in asked]
            # a year carried from the question before is read as that question said it (「2018年有哪些没达标」)
            said = q.text if any(s.start >= 0 for s in q.of("year")) else (q.context_text or q.text)
            asked_target = re.search(r"目标(?!指标)", said) and not re.search(r"现状|实际|基准|基期", said)
            column = "target_years" if asked_target else "years_stated"  # 「2020年目标」: not a 2020 现状值
            return [Filter(column, "contains", tuple(str(y) for y in asked))]
        if not asked and schema.generic and (_year_measure(schema, years, q) or _year_compared(schema, years)):
            return []  # 「2023年呢」 of a sheet of 2024 with a 「2023年全年」 column: that column, not a year's rows
        # 「2050年到期的许可证」 of a sheet of 2049: its rows whose date falls in 2050 (and 「2053年到期」 of its own year)
        expiring = "到期" in q.text
        dated = None if asked and not expiring else self._dated_rows(table, q, years=tuple(years))
        if dated is not None:
            return [dated]
        if not asked:
            return Missing(f"{_years_text(q, years)}的{schema.title}数据")
        return [Filter(schema.year_column, "in", tuple(asked))]

    def _this_year(self, table: str, schema: TableSchema, q: Question, held: set[int]) -> list[Filter]:
        """「今年的重点任务表里已经完成的几项」「今年普洱市完成了几项」, no period said: of the rows found, those of the
        newest year (a sheet is of its own year)."""
        # (「那岳塘区呢」 after 「雨湖区今年有哪些重点任务」: the year the question before said)
        said = THIS_YEAR.search(q.text) or (q.follow_up and not q.years and THIS_YEAR.search(q.context_text or ""))
        if not (said and held) or q.period or table == "indicators":
            return []
        if schema.generic:  # 「计划今年内完工的项目」: the sheet's own year, of the date column the verb names
            dated = self._dated_rows(table, q, years=(max(held),)) if DEADLINE_ASKED.search(q.text) else None
            return [dated] if dated is not None else []
        return [Filter(schema.year_column, "latest", None, label="最新年份")]

    def _periods(self, table: str, schema: TableSchema, q: Question) -> list[Filter] | Missing:
        period = q.period
        if schema.generic:
            return self._generic_period(table, q)
        if table == "indicators" and period and period != "全年" and not re.search("目标|要求", q.text):
            # 「上半年全市PM2.5多少」: a reading of months, which a plan's indicator (a year's target) is not
            return Missing(f"{period}的{schema.title}数值（指标表只有年度数值）")
        if not period or not schema.period_column or (period == "全年" and table != "stations"):
            return []
        if table == "tasks" and any(d.start <= p.start < d.end for d in q.of("deadline") for p in q.of("period")):
            return []  # 「10月份到期的任务」: the month they are due (a deadline's filter), no period of the report
        span = re.fullmatch(r"(\d{1,2})-(\d{1,2})月", period)
        if table == "tasks" and span and DUE_IN_SPAN.search(q.text):  # 「上半年到期的那几项」: due in those months
            months = tuple(float(m) for m in range(int(span.group(1)), int(span.group(2)) + 1))
            return [Filter("due_month", "in", months, label=f"{period}到期")]
        held = self.holdings.periods.get(table, set())
        if held and period not in held:
            return Missing(f"{period}的{schema.title}数据（表中只有{'、'.join(sorted(held))}）",
                           final=table == "stations" and q.has("station"))  # fmt: skip
        return [Filter(schema.period_column, "eq", period)] if held else []

    def _stacked_periods(self, table: str, q: Question) -> list[Filter] | None:
        """The rows of the periods a question names (「一季度和四季度」, 「5月」) in a table stacked from a sheet a period
        (its 季度 / 月份 / 时段 column, `structured.stacking`); [] when it names none; None when the table has no such
        column or holds none of them (then its period is read as any table's)."""
        column = next((c for c, label in self.schemas[table].labels.items() if label in PERIOD_HEADERS), "")
        if not column:
            return None
        cells = self.holdings.cells.get(table, {}).get(column, {})
        # (every month said: 「5月份比4月份降了多少」 is both rows)
        months = {f"{m}月" for m in re.findall(r"(?<![\d\-—~至到])(1[0-2]|[1-9])\s*月(?!\s*[-—~至到]\s*\d)", q.text)}
        said = (
            {_period_form(s.text) for s in q.of("quarter")}
            or months
            or {_period_form(str(s.value)) for s in q.of("period")}
        )
        if not said:
            return []
        named = tuple(sorted({c for written in cells.values() for c in written if _period_form(c) in said}))
        label = self.schemas[table].labels[column]
        return [Filter(column, "in", named, label=f"{label}为{'、'.join(named)}")] if named else None

    def _generic_period(self, table: str, q: Question) -> list[Filter] | Missing:
        """Months in a table of months are rows (「上半年」 → 1月…6月); a table without months has no
        month's figure."""
        period = q.period or ""
        dated = self._deadline_month(table, q)
        if dated is not None:  # 「计划8月份完成的项目」: the rows due that month
            return [dated]
        stacked = self._stacked_periods(table, q)
        if stacked is not None:  # 「二季度洪江市PM10」 of a workbook with a sheet a quarter: that sheet's rows
            return stacked
        if table not in self.holdings.monthly:
            if q.monthly and not self._month_stated(table, period) and not self._month_across(table, period, q.text):
                return Missing(f"{period}的数据（该表只有年度数值）")
            if re.fullmatch(r"\d{1,2}-\d{1,2}月", period) and self._span_unstated(table, period):
                return Missing(f"{period}的{self.schemas[table].title}数据")  # 「7-9月」 of a sheet of 1-9月
            return []
        if period == "全年" and not q.monthly:  # 「年均浓度」 is no month's figure, unless a 全年 row states it
            column = self._month_column(table)
            if "全年" in self.holdings.cells.get(table, {}).get(column, {}) or WHICH_MONTH.search(q.text):
                return []  # the 全年 row, named as a row; 「全年…最低的是哪个月」: every month
            return Missing(f"{self.schemas[table].title}中的年度数值（该表只有月度数值）")
        span = re.fullmatch(r"(\d{1,2})-(\d{1,2})月", period)
        column = self._month_column(table)
        if span and period not in self.holdings.cells.get(table, {}).get(column, {}):  # not a 「1-4月」 row of its own
            if not MONTHS_ASKED.search(q.text) and self._span_column_elsewhere(table, period):
                return Missing(f"{period}的逐月数据（同一张表另有{period}的综合列）")  # 「1-6月综合」 answers
            months = tuple(f"{m}月" for m in range(int(span.group(1)), int(span.group(2)) + 1))
            return [Filter(column, "in", months, label=period)]
        return []

    def _span_column_elsewhere(self, table: str, period: str) -> bool:
        """Whether the same sheet, read with its months as columns, states the span itself (「1-6月综合」 beside
        「各月水质类别·1月 … 6月」): its own column answers 「1-6月…」, not each month's."""
        title, docs = self.schemas[table].title, self.holdings.docs.get(table, set())
        siblings = [s for t, s in self.schemas.items() if s.generic and t != table and s.title == title
                    and t not in self.holdings.monthly and self.holdings.docs.get(t, set()) == docs]  # fmt: skip
        return any(label.startswith(period) for s in siblings for label in s.labels.values())

    def _documents(self, table: str, schema: TableSchema, q: Question) -> list[Filter] | Missing:
        docs = [d for d in q.doc_ids if d in self.holdings.docs.get(table, set())]
        if q.doc_ids and not docs:
            return Missing(f"所指文件中的{schema.title}数据")
        kind = _kind_said(q)
        if kind:  # 「清单里…」「规划里…」: the table's documents of that kind (`run` left out tables with none)
            docs = [d for d in sorted(self.holdings.docs.get(table, ())) if kind in self.holdings.doc_names.get(d, "")]
        filters = [Filter("doc_id", "in", tuple(docs))] if docs else []
        label = q.first("table_label")
        if label and docs:
            filters.append(Filter("table", "eq", label))
        return filters

    def _conditions(self, table: str, schema: TableSchema, q: Question) -> list[Filter]:
        """Statuses, thresholds, levels, departments, attributes, marks, deadlines, quotations."""
        filters: list[Filter] = []
        column = {"stations": "stated_result", "tasks": "status_raw", "funds": "status_raw"}.get(table)
        labels = [v for v in q.values("status_label_word") if not (table == "tasks" and status_of(v) == "not_started")]
        if len(labels) < len(q.values("status_label_word")) and table == "tasks" and JOINED_STATUSES.search(q.text):
            # 「未开工和进度滞后的任务」: either status, not both
            return [Filter("status", "in", ("not_started", "lagging"), label="未启动或进度滞后")]
        if len(labels) < len(q.values("status_label_word")):  # 「未开展」「还没启动」: the status, whatever its label
            filters.append(Filter("status", "eq", "not_started", label="未启动（未开展）"))
        if labels and column:  # 「评为A或者B」: either label
            filters.append(Filter(column, "contains", tuple(labels), label="或".join(f"标为“{v}”" for v in labels)))
        elif q.values("status_label_word") and schema.status_column:  # 「哪些还没开工」 of a sheet's 建设状态
            filters += self._status_cells(table, schema, q.values("status_label_word"))
        polarity = _polarity(q)
        asks_whether = q.yes_no and not _existential(q)  # 「鹤山PM10达标了吗」 asks about given rows
        # 「超标的单位」 of a sheet with no verdict but a 「超标情况」 column of words: the rows it says something for
        # (not of a 「是否达到…」 column the question names: 是/否 answer it)
        worded = [f for s in q.of("status") for f in self._some_said(table, schema, s.text)] \
            if schema.generic and not schema.verdict and polarity == "behind" and not self.yes_no_columns(table, q) \
            else []  # fmt: skip
        if worded:
            filters += worded
        elif polarity == "not_behind":  # 「不算滞后的」: every row but those behind
            filters.append(Filter("verdict", "ne", "behind", label=_VERDICT_LABELS[polarity]))
        elif polarity and not q.has("status_label_word") and not asks_whether:
            # (「基本达标」 as the sheet's own 评价 column writes it, not the label of its polarity)
            cells = {c for written in self.holdings.cells.get(table, {}).values() for c in written}
            stated = next((s.text for s in q.of("status") if schema.generic and s.text in cells), "")
            said = [s.text for s in q.of("status")]
            if table == "tasks" and polarity == "behind" and said and all("按进度" in w for w in said):
                # 「未按进度完成的」「没按进度走」: progress judged behind or not begun, not a reading judged 「未达任务要求」
                filters.append(Filter("status", "in", ("lagging", "not_started"), label="进度滞后或未启动"))
            elif polarity == "behind" and schema.generic and self._stages_only(table, schema, said):
                # 「还没整治完的排污口」 of a ledger of stages (已完成 / 整治中 / 未启动): every row not done
                filters.append(Filter("verdict", "ne", "met", label="尚未完成"))
            else:
                filters.append(Filter("verdict", "eq", polarity, label=stated or _verdict_label(schema, polarity)))
            done = self._done_label(table, q) if polarity == "met" else None
            filters += [done] if done else []
        for word in q.values("status_left_out"):  # 「不算还没开工的」: every row but the ones not begun
            if table == "tasks":
                filters.append(Filter("status", "ne", "not_started", label=f"不含{word}"))
            elif schema.status_column:
                filters += [replace(f, op="excludes", label=f"不含{word}")
                            for f in self._status_cells(table, schema, [word]) if f.op == "in"]  # fmt: skip
        for status in q.values("status_other_than"):
            if status in _VERDICT_LABELS:
                filters.append(Filter("verdict", "ne", status, label=f"其余（{_VERDICT_LABELS[status]}以外）"))
        for slot in q.of("versus_target"):
            filters += _versus_target(table, slot.value, q, schema)
        filters += _fully_covered(schema, q)
        for slot in q.of("threshold"):
            if q.has("without") and slot.value == ("eq", 0.0, "") and not schema.generic:
                continue  # 「一项都没有滞后的县区」: the places without such a task, not a count of none
            found = _threshold(table, schema, slot, q, "tasks" in self.holdings.score_tables)
            if found:
                filters.append(found)
        some = self._having_some(table, schema, q) + _amount_done(schema, q)
        columns = [c for c in q.of("column") if c.value[0] == table]
        if any(f.op == "notnull" for f in some) or (some and all(any(in_longer(s, c) for c in columns)
                                                                  for s in q.of("status"))):  # fmt: skip
            # 「有超标记录的」: that column, no verdict of the row
            filters = [f for f in filters if f.field != "verdict"]
        held = {(f.field, f.op, f.value) for f in filters}  # (「超标的」 may have read the same column already)
        filters += [f for f in some if (f.field, f.op, f.value) not in held]
        levels = q.values("level")
        if levels and table == "funds":
            filters.append(Filter("level", "in", tuple(levels), label="、".join(levels)))
        departments = q.values("department")
        role = (
            re.search(r"牵头|负责|责任|配合|参与|主管|由", q.text)
            or q.has("which")
            or q.has("count")
            or q.has("sum")
            or any(s.start < 0 for s in q.of("department"))  # 「其中海丰县那项…」 after 「市住建局有几项…」
            # 「市生态环境局的主要任务完成得怎么样」: its tasks
            or any(re.match(r"的[^，,。？?的]{0,4}(任务|工作|事项)", q.text[s.end :]) for s in q.of("department"))
        )
        if departments and table in ("tasks", "indicators") and role:
            filters.append(_department(table, departments[0], q))
        elif departments and schema.generic and role:
            filters += self._department_cells(table, departments[0], q)
        attributes = q.values("attribute")
        # 「X属于约束性指标吗」 asks X's attribute: the row is found by its name and says it, yes or no
        named = q.has("indicator") or (  # 「非化石能源占比这个指标是约束性的吗」: a row named in other words
            bool(attributes) and table == "indicators" and len(re.sub(r"[\s|]", "", self._match_words(table, q))) >= 4
        )
        asks_attribute = q.yes_no and named and not _existential(q)
        # 「X属于约束性还是预期性」: which of the two, X's row says
        asks_attribute = asks_attribute or (q.has("indicator") and len(attributes) >= 2 and "还是" in q.text)
        if attributes and table == "indicators" and not asks_attribute:
            filters.append(Filter("attribute", "in", tuple(attributes), label="、".join(attributes)))
        for mark in q.values("mark"):  # 「标★的任务」: the rows whose cells carry the mark (the sheet's note says why)
            filters.append(Filter("cells", "contains", mark, label=f"标{mark}"))
        if q.has("key") and not q.has("mark") and table in ("tasks", "stations") and self._key_marked(table, q):
            key = "key_task" if table == "tasks" else "key_assessment"  # (the rows of a 重点考核任务 table too)
            filters.append(Filter(key, "eq", True, label="【重点考核】"))
        if q.has("numeric"):
            spec = schema.measure_for(q.text[: q.of("numeric")[0].start])
            if spec and not spec.column.startswith(("gap", "excess")):
                filters.append(Filter(spec.column, "notnull", None, label=f"{spec.label}为具体数值"))
        due = q.first("deadline")
        cutoff = q.of("cutoff")
        if cutoff and any(c.start <= d.start < c.end for c in cutoff for d in q.of("deadline")):
            due = None  # 「截至2020年6月底完成了几台」: the report's date, not a deadline
        after = DUE_AFTER.search(q.text) if table == "tasks" else None
        if after:  # 「截止时间在10月之后的任务」: due in a later month
            filters.append(Filter("due_month", "gt", float(after.group(1)), label=f"{after.group(1)}月之后到期"))
        elif due and table == "tasks" and q.has("due_by"):  # 「完成时限在9月底之前（含）」: that month or earlier
            year, month = due
            said = f"{f'{year}年' if year else ''}{month}月底前（含）到期"
            filters.append(Filter("due_ym", "le", year * 100 + month, label=said) if year
                           else Filter("due_month", "le", month, label=said))  # fmt: skip
        elif due and table == "tasks":
            year, month = due
            filters.append(Filter("due_months", "contains", f"{year or ''}-{month:02d}",
                                  label=f"{f'{year}年' if year else ''}{month}月到期"))  # fmt: skip
        if schema.generic:
            filters += _amounts_absent(schema, q) + self.act_cells(table, q)
            classes = self._water_classes(table, q)  # (a cell 「劣Ⅴ」 is also the class asked: said once, as a class)
            # (a department's cell is found as its department already: 「市住房城乡建设局牵头」 filters once)
            entities = [f for f in self._entities(table, q) if not any(f.same_rows(c) for c in (*classes, *filters))]
            filters += entities + classes + _columns_compared(table, schema, q)
            rising = self._direction_column(table, q)
            # 「同比在下降、但优良天数比例低于55%」: a bound on another column leaves the direction a condition of its own
            bounded = {f.field for f in filters if f.op in ("lt", "le", "gt", "ge")}
            unbound = not q.has("threshold") or bool(rising and bounded and rising[0] not in bounded)
            if rising and unbound and not q.has("rank") and not q.has("compare") and not _amount_of_change(q):
                column, direction = rising
                spec = schema.measures.get(column)
                named = spec.label if spec else column
                if direction in ("worse", "better"):  # 「水质变差」: a rise of what is better lower
                    direction = "up" if (direction == "worse") == bool(spec and spec.lower_is_better) else "down"
                said = {"up": "为正（上升）", "down": "为负（下降）", "flat": "为0（持平）"}[direction]
                filters.append(
                    Filter(column, {"up": "gt", "down": "lt", "flat": "eq"}[direction], 0, label=f"{named}{said}")
                )
        labels = q.values("status_label_word")
        for quote in q.values("quote"):
            listing = q.has("which") or q.has("count")
            if (
                quote not in labels
                and table in ("tasks", "indicators")
                and len(quote) <= 12
                and listing
                # 「“十四五”规划评估中…」 names the document, by the words asked or by its title
                and not any(quote in d.text for d in q.of("document"))
                and not any(quote in self.holdings.doc_names.get(d, "") for d in q.doc_ids)
                # 「“十五五”规划主要指标里」: the title of a document of the table's
                and not any(quote in self.holdings.doc_names.get(d, "") for d in self.holdings.docs.get(table, ()))
            ):
                filters.append(Filter("cells", "contains", quote, label=f"写有“{quote}”"))
        return filters

    def _water_classes(self, table: str, q: Question) -> list[Filter]:
        """「水质是Ⅱ类的断面」「达到或好于Ⅲ类的断面」: the rows of those classes in the column of classes the question
        names (「目标是Ⅲ类」, 「上年同期是Ⅳ类」), else in the one that is neither a target nor last year's."""
        asked = q.of("water_class")
        if not asked:
            return []
        labels = self.schemas[table].labels
        # (a column of classes, whatever its 全市 row says: 「优良13个」)
        classes = {c: values for c, values in self.holdings.cells.get(table, {}).items()
                   if _mostly_classes([v for raw in values.values() for v in raw])}  # fmt: skip
        # (「按二类水考核」: the class it is judged by, said after it)
        before = q.text[max(0, asked[0].start - 8) : asked[0].start] + (
            "考核" if re.match(r"[水质]{0,2}考核", q.text[asked[0].end :]) else ""
        )
        cues = (
            (r"目标|要求|标准|考核$", TARGET_HEADER),
            (r"上年|去年", LAST_YEAR),
        )  # what the question says → its header
        said = next((header for cue, header in cues if re.search(cue, before)), None)
        fitting = [c for c in classes if (said.search(labels.get(c, "")) if said else not any(
            k.search(labels.get(c, "")) for k in (TARGET_HEADER, LAST_YEAR)))]  # fmt: skip
        month = self._month_across(table, q.period or "", q.text)
        fitting = [month] if month in classes else fitting  # 「5月份…劣Ⅴ类的断面」: the 5月 column's classes
        if not fitting:
            return []
        ranks = {r for lo, hi in (s.value for s in asked) for r in range(lo, hi + 1)}
        cells = tuple(v for raw in classes[fitting[0]].values() for v in raw if water_class_rank(v) in ranks)
        name = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ"]
        named = "、".join(
            name[lo - 1] + (f"～{name[hi - 1]}" if hi > lo else "") + "类" for lo, hi in (s.value for s in asked)
        )
        return [Filter(fitting[0], "in", cells, label=f"{labels.get(fitting[0], fitting[0])}为{named}")]

    def _place_amount(self, plan: QueryPlan, schema: TableSchema, q: Question) -> bool:
        """Whether 「多少钱」 is asked of one place's rows of a sheet of amounts, or of the rows of one kind (a fund
        level), none of them named (their sum)."""
        places = plan.filter_on("region")
        spec = schema.measures.get(plan.measure)
        scoping = all(f.field in (*UNSELECTING, "region", "table") or (f.op == "ne" and TOTAL_CELL.match(str(f.value)))
                      for f in plan.filters)  # fmt: skip
        asked = "多少" in q.text and not any(q.has(k) for k in ("which", "count", "rank", "compare", "yesno", "each"))
        # (the column named in words of its own, not 「资金」 of every money column, nor 「没拨付」 of 已拨付)
        named = [c for c in q.of("column") if c.value[:2] == (plan.table, plan.measure) and c.text not in FUND_WORDS
                 and not re.search(f"({NEGATION})$", q.text[: c.start])]  # fmt: skip
        # (one figure asked, of a sheet with no 小计 row that is the place's whole)
        one = len({c.value[1] for c in q.of("column") if c.value[0] == plan.table and c.text not in FUND_WORDS}) == 1
        subtotals = any("小计" in values for values in self.holdings.cells.get(plan.table, {}).values())
        # (or the rows of a kind, a fund level, over every place: 「随州省级资金支出了多少」)
        naming = (schema.entity, schema.naming_column)
        kinds = [f for f in plan.filters if f.op == "in" and f.field in schema.lexicon and f.field not in naming
                 and f.field != "region" and len(f.value) == 1]  # fmt: skip
        scoping = scoping or (bool(kinds) and all(f in kinds or f.field in (*UNSELECTING, "region", "table")
                                                   or f.op == "ne" for f in plan.filters))  # fmt: skip
        place = places is not None and len(places.value) == 1 and not subtotals
        return (schema.generic and plan.shape in ("detail", "value") and not plan.match and scoping and asked
                and (place or bool(kinds)) and spec is not None and bool(named) and one
                and spec.unit in ("元", "万元", "亿元"))  # fmt: skip

    def _amount_each(self, plan: QueryPlan, schema: TableSchema, group: str, q: Question) -> bool:
        """Whether 「各区县…分别是多少」 asks each group's amount of a register of rows (cases, projects) in money, which
        states no 小计 of its own: their sums."""
        spec = schema.measures.get(plan.measure)
        subtotals = any("小计" in values for values in self.holdings.cells.get(plan.table, {}).values())
        return (schema.generic and q.has("each") and "多少" in q.text and group not in ("", schema.key, schema.entity)
                and not plan.aggregate and not plan.ranking and not subtotals and spec is not None
                and spec.unit in ("元", "万元", "亿元") and not q.has("which"))  # fmt: skip

    def _column_counted(self, plan: QueryPlan, schema: TableSchema, q: Question) -> str:
        """The column of a sheet that counts what 「有多少家」 asks (「重点排污单位数（家）」), when the question names no
        other rows to count; else ""."""
        said = COUNT_CLASSIFIER.search(q.text)
        counted = ("which", "rank", "compare", "threshold", "mean")  # (「有几家区县超过10家」 counts the rows)
        if not (schema.generic and said and q.has("count")) or any(q.has(k) for k in counted):
            return ""
        if schema.noun_column(_count_noun(q) or "-") in (schema.key, schema.entity, schema.naming_column):
            return ""
        spec = schema.measure_for(q.text)
        counting = [m for m in schema.measures.values() if m.unit == said.group(2) and not m.derived]
        if spec in counting:
            return spec.name
        # (「有几个区县」 counts the rows, not a column of 个: only a column the noun after the classifier names)
        noun = _count_noun(q)
        named = [m for m in counting if len(noun) >= 2 and noun in m.label]
        return named[0].name if len(named) == 1 else ""

    def _late_cells(self, table: str, label: str) -> list[Filter]:
        """「没有按期完成的」 of a column holding 按期完成: its cells that say late (逾期完成, 延期完成); of a task table,
        the statuses that say so."""
        if table == "tasks":
            return [Filter("status_raw", "contains", tuple(LATE.pattern.split("|")), label="逾期（未按期）")]
        for column, written in self.holdings.cells.get(table, {}).items():
            cells = {c for values in written.values() for c in values}
            if label in cells:
                late = tuple(sorted(c for c in cells if LATE.search(c)))
                return [Filter(column, "in", late, label="、".join(late) or f"未{label}")]
        return []

    def _measure_elsewhere(self, plan: QueryPlan, schema: TableSchema, q: Question) -> Missing | None:
        """「专项资金执行率最低的项目」「执行率不低于60%的要求」 of a task table: a figure ranked or bounded that only another
        sheet's column is named by (执行率), and none of this table's measures nor cells (「PM2.5」 of a 污染物 column)."""
        named = q.of("column")
        held = any(s.value[0] == plan.table for s in q.of("entity"))
        if (
            not (plan.ranking or q.has("threshold"))
            or plan.order_by
            or q.has("date_rank")
            or not named
            or held
            or any(c.value[0] == plan.table for c in named)
        ):  # fmt: skip  (a date ranked is no figure)
            return None
        if plan.measure and plan.measure in schema.measures and schema.measure_for(named[0].text) is not None:
            return None
        if schema.measure_for(" ".join(c.text for c in named)) is not None or q.has("pollutant"):
            return None  # (a pollutant is a row's or a column's of this table too: its stations, its months)
        if any(self._table_says(c.text, plan.table) for c in named):
            return None
        return Missing(f"{schema.title}中的{named[0].text}")

    def _stages_only(self, table: str, schema: TableSchema, said: list[str]) -> bool:
        """Whether 「没整治完」 is asked of a sheet whose status column names stages and no row behind its schedule."""
        cells = [c for written in self.holdings.cells.get(table, {}).get(schema.status_column, {}).values()
                 for c in written]  # fmt: skip
        behind = any(_cell_status(c) in ("lagging", "not_met") for c in cells)
        return bool(cells) and not behind and all(UNFINISHED.search(w) for w in said)

    def _status_cells(self, table: str, schema: TableSchema, labels: list[str]) -> list[Filter]:
        """The rows whose status cell is a label asked, or says the same status (「未开工」 for 「还没开工」)."""
        wanted = {status_of(v) for v in labels} - {"unknown"}
        # (its status column, then a 状态 column beside a 进展情况 one: 「前期」「在建」)
        columns = [schema.status_column, *(c for c, label in schema.labels.items()
                                           if STAGE_HEADER.search(str(label)) and c != schema.status_column)]  # fmt: skip
        for column in columns:
            cells = self.holdings.cells.get(table, {}).get(column, {})
            said = sorted({c for written in cells.values() for c in written
                           if c in labels or (wanted and _cell_status(c) in wanted)})  # fmt: skip
            if said:
                return [Filter(column, "in", tuple(said), label="、".join(said))]
        if wanted and self.holdings.cells.get(table, {}).get(schema.status_column):
            # 「还没开工的项目」 of a sheet none of whose projects is: none of its rows
            return [Filter(schema.status_column, "in", (), label="、".join(labels))]
        return []

    def _direction_column(self, table: str, q: Question) -> tuple[str, str] | None:
        """「同比上升的县区」: the generic column named just before 上升/下降, and the direction."""
        schema = self.schemas[table]
        for slot in q.of("direction"):
            named = [c for c in q.slots if c.kind == "column" and c.value[0] == table and c.end <= slot.start]
            if named:
                last = max(c.end for c in named)
                at = [c.value[1] for c in named if c.end == last]  # 「得分」 names 得分, 2023年度得分, 得分变化
                changing = [c for c in at if c in schema.measures and CHANGE_LABEL.search(schema.measures[c].label)]
                # 「PM2.5没达标、优良天数比例又同比下降」: what the direction's own clause names, when it names a figure
                # (not 「说到优良天数比例，同比下降的县区」)
                clause = max(q.text.rfind(mark, 0, slot.start) for mark in "，,、；;。") + 1
                figures = [
                    c for c in named if c.start >= clause and not CHANGE_LABEL.search(schema.labels.get(c.value[1], ""))
                ]
                if not figures and not any(p.start >= clause for p in q.of("pollutant")):
                    clause = 0
                # 「NO2比去年同期上升」: of the change columns 「去年同期」 names, NO2's
                bases = [
                    (spec.label.split("·")[0] if (spec := schema.measures.get(c.value[1])) else "") for c in named
                    if not CHANGE_LABEL.search(schema.labels.get(c.value[1], "")) and c.start >= clause
                ]  # fmt: skip
                changing = [
                    c for c in changing if any(b and schema.measures[c].label.startswith(b) for b in bases)
                ] or changing
                # 「NO2比去年同期上升」: of the columns 「同期」 names (PM10's, NO2's), the pollutant's said
                pollutants = [p.value for p in q.of("pollutant") if p.start >= clause]
                said = [c for c in at if any(p.lower() in schema.labels.get(c, "").lower() for p in pollutants)]
                changing = [c for c in changing if c in said] or changing  # 「PM2.5同比不降反升」: PM2.5's 同比
                column = (changing or said or at)[0]
                spec = schema.measures.get(column)
                if spec is not None and (spec.derived or CHANGE_LABEL.search(spec.label)):
                    return column, slot.value
                # 「PM2.5比2023年下降了多少」「水质变差」: the change computed beside two years' columns, or last year's
                base = YEAR_PREFIX.sub("", spec.label if spec else schema.labels.get(column, column))
                # … or the 同比 column under the same upper header (「NO2·2023年同期」 → 「NO2·同比（%）」)
                upper = base.split("·")[0] + "·" if "·" in base else base
                change = next((m.name for b in (base, upper) for m in schema.measures.values()
                               if m.label.startswith(b) and CHANGE_LABEL.search(m.label)), "")  # fmt: skip
                # 「PM2.5浓度比去年同期上升」 beside a 「PM2.5同比变化（%）」 column: the change of the pollutant named
                change = change or next((m.name for p in q.values("pollutant") for m in schema.measures.values()
                                         if CHANGE_LABEL.search(m.label) and names_pollutant(m.label, p)), "")  # fmt: skip
                if change or spec is None:
                    return change or column, slot.value
        # 「哪个断面的水质类别变差了」 (rows asked), its words no figure's: the sheet's only change column
        changes = [m.name for m in schema.measures.values() if CHANGE_LABEL.search(m.label)]
        if len(changes) == 1 and q.has("direction") and q.has("which") and not any(c.value[0] == table
                                                                                   for c in q.of("column")):  # fmt: skip
            return changes[0], q.of("direction")[0].value
        return None

    def _periods_compared(self, table: str, q: Question) -> Filter | None:
        """「二季度比一季度水质变差的断面」: the rows whose figure of the later period named is worse (up, better …)
        than of the earlier one, two columns under one header (「水质类别·一季度」「水质类别·二季度」)."""
        schema = self.schemas[table]
        direction = q.first("direction")
        if not schema.generic or direction not in ("worse", "better", "up", "down"):
            return None
        groups: dict[str, list[str]] = {}
        for column, label in schema.labels.items():
            if column != "entity" and period_named(str(label), q.text):
                groups.setdefault(str(label).rpartition("·")[0], []).append(column)
        pairs = [columns for group, columns in groups.items() if group and len(columns) == 2]
        if len(pairs) != 1 and self._direction_column(table, q) is None:  # (no column states the change)
            pairs = self._against_last_year(table, q)
        if len(pairs) != 1:
            return None
        early, late = sorted(pairs[0], key=lambda c: period_end(str(schema.labels[c])))
        spec = schema.measures.get(late)
        lower = spec.lower_is_better if spec else True  # (a water class: the higher, the worse)
        up = direction == "up" or (direction != "down" and (direction == "worse") == lower)
        tail = {c: str(schema.labels[c]).rpartition("·")[2] for c in (early, late)}
        said = next(s.text for s in q.of("direction"))
        return Filter(late, "gt" if up else "lt", early, column=True, label=f"{tail[late]}比{tail[early]}{said}")

    def _by_county(self, table: str) -> bool:
        """Whether a table has rows of two 区县 or more (not only its city's)."""
        return sum(gazetteer().level_of(r) == "county" for r in self.holdings.regions.get(table, set())) >= 2

    def _title_run(self, table: str, q: Question) -> int:
        """The longest run of the question (its places and years left out, short forms read whole: 「环保专项资金」) that
        the table's title or its documents' names say."""
        names = [
            self.schemas[table].title,
            *(self.holdings.doc_names.get(d, "") for d in self.holdings.docs.get(table, ())),
        ]
        said = residual(q, kinds_kept=("column", "entity", "level", "indicator"))
        bare = not re.search(r"[\u4e00-\u9fff]{2,}", FOLLOW_UP_FILLER.sub(" ", said))  # 「普定县呢」: the words before
        said = f"{said} {q.context_text}" if q.follow_up and q.context_text and bare else said
        said = f"{said} {_title_form(said)}"  # (「环保专项资金」 of 「…生态环境…专项资金」, 「重点排污」 as it is)
        # (a kind's word, 「任务」「情况」, or any header's, 「考核」, says which table no more than the others)
        runs = [len(GENERIC_WORD.sub("", KIND_WORD.sub("", run))) for name in names for run in _common_runs(said, name)]
        return max((n for n in runs if n >= MIN_TITLE_RUN), default=0)

    def _of_classes(self, table: str, column: str) -> bool:
        """Whether a column of a sheet holds water classes."""
        return _mostly_classes([v for raw in self.holdings.cells.get(table, {}).get(column, {}).values() for v in raw])

    def _against_last_year(self, table: str, q: Question) -> list[list[str]]:
        """「跟去年同期比，水质类别变差的」: (上年同期, 本期) under one header (「水质类别·上年同期」「水质类别·本期」)
        of a column of water classes — a change no 同比 column states."""
        if not re.search(r"同比|去年|上年", q.text):
            return []
        labels = {c: str(label) for c, label in self.schemas[table].labels.items() if c != "entity"}
        classes = [c for c in labels if self._of_classes(table, c)]
        groups = {labels[c].rpartition("·")[0] for c in classes}  # (「本月水质」「上年同期水质」: one group, "")
        pairs = []
        for group in groups:
            under = [c for c in classes if labels[c].rpartition("·")[0] == group]
            last = [c for c in under if LAST_YEAR_SAID.search(labels[c].rpartition("·")[2])]
            now = [c for c in under if c not in last and not TARGET_HEADER.search(labels[c].rpartition("·")[2])]
            if len(last) == 1 and len(now) == 1:
                pairs.append([last[0], now[0]])
        return pairs

    def _direction_measure(self, table: str, q: Question) -> str:
        found = self._direction_column(table, q) if self.schemas[table].generic else None
        return found[0] if found else ""

    def _entities(self, table: str, q: Question) -> list[Filter]:
        """A generic table's rows by the values of its text columns the question names: 「3月」,
        「制造业」, 「省级以上」, a pollutant in a 污染物 column; its 合计 row only when asked for."""
        schema = self.schemas[table]
        named: dict[str, list[str]] = {}
        spans: dict[str, list[Slot]] = {}
        worded: dict[str, str] = {}  # a column's cells said in the question's own word (「中央资金」 for 中央)
        cutoffs = q.of("cutoff")
        for slot in q.slots:
            if self._holds_entity(table, slot):
                if any(c.start <= slot.start < c.end for c in cutoffs):
                    continue  # 「截至9月底，…」: the report's date, not the cells of a progress text opening with it
                if any(
                    c.start <= slot.start < c.end and WHOLE_MEAN.fullmatch(str(c.value)) for c in q.of("compare_with")
                ):
                    continue  # 「低于全市平均的项目」: the whole compared with, not 「全市空气自动监测站运维」
                if q.yes_no and slot.value[2] in VERDICT_CELLS:
                    continue  # 「综合评价达标了吗」: the verdict is what is asked, not which rows
                pollutant = canonical_pollutant(str(slot.value[2]))
                label = (
                    str(self.schemas[slot.value[0]].labels.get(slot.value[1], ""))
                    if slot.value[0] in self.schemas
                    else ""
                )
                cells_named = bool(label) and label in q.text  # 「首要污染物为PM2.5」
                if pollutant and not cells_named and _measure_naming(schema, pollutant):
                    continue  # 「PM2.5最低的站」「3月PM2.5浓度」: its readings' column, not the cells naming PM2.5
                cell = stated_verdict(slot.value[2])
                if cell and any(s.start < slot.end and slot.start < s.end and s.value != cell for s in q.of("status")):
                    continue  # 「没达到序时要求」: the status said (negated) picks the rows, not the cell 「达到序时」
                column, cells = (
                    (slot.value[1], self._kinds_of(table, slot.value[1], slot.value[2]))
                    if slot.value[0] == table
                    else self.holdings.column_holding(table, slot.value[2])
                )  # (「蔡子池」 of another sheet is 「蔡子池子站」 of this one)
                column = self._column_said(table, column, slot.value[2], q)
                named.setdefault(column, []).extend(cells or (slot.value[2],))
                spans.setdefault(column, []).append(slot)
            elif slot.kind in ("pollutant", "level", "station"):
                if slot.kind == "pollutant" and _measure_naming(schema, slot.value):
                    continue  # a column of its readings, not a 首要污染物 cell
                column, cells = self.holdings.column_holding(table, slot.value)
                covering = [e for e in q.of("entity") if _covered(slot, e) and e is not slot]
                # 「中央」 of 「中央水污染防治资金」: the cell named, not every 中央 cell; but 「中央资金」 of a column of
                # 中央 … rows and a 「其中：中央资金」 row under the 合计 is the 中央 rows (the 其中 row no more: it is
                # their sum)
                if covering and not (
                    slot.kind == "level"
                    and column
                    and all(
                        e.value[:2] == (table, column) and _level_only(str(e.value[2]), slot.value) for e in covering
                    )
                ):
                    continue
                if covering:
                    said = {str(e.value[2]) for e in covering}
                    cells = [c for c in cells if c not in said] or cells
                    named[column] = [v for v in named.get(column, []) if v not in said]
                    worded[column] = "、".join(
                        w for w in dict.fromkeys([*worded.get(column, "").split("、"), *said]) if w
                    )
                if column:
                    named.setdefault(column, []).extend(cells)
                elif slot.kind == "level" and slot.value.endswith("以上") and slot.value[:-2] in LEVELS_DOWNWARD:
                    # 「省级以上」 of a 中央/省级/市级 column
                    for level in LEVELS_DOWNWARD[: LEVELS_DOWNWARD.index(slot.value[:-2]) + 1]:
                        column, cells = self.holdings.column_holding(table, level)
                        if column:
                            named.setdefault(column, []).extend(cells)
        named = self._listed_together(table, named, spans, q)
        answered = self.yes_no_columns(table, q)
        for column, answer in answered.items():
            named.setdefault(column, []).append(answer)
        marked = [Filter(column, "excludes" if negated else "contains", MARKS,
                         label=f"「{word}」栏{'未' if negated else ''}打√")
                  for column, (word, negated) in self.mark_columns(table, q).items()]  # fmt: skip
        month = re.fullmatch(r"\d{1,2}月", q.period or "")
        if month and table in self.holdings.monthly:
            named.setdefault(self._month_column(table), []).append(q.period)
        filters = []
        for column, values in named.items():
            kinds = [v for v in values if (kind := BRACKETED_KIND.fullmatch(v)) and kind.group(1) in values]
            label = worded.get(column) or "、".join(dict.fromkeys(v for v in values if v not in kinds))
            if column in answered and len(set(values)) == 1:  # 「未达到序时进度要求」, not 「否」
                label = yes_no_label(schema.labels[column], values[0])
            filters.append(Filter(column, "in", self._listing(table, column, values), label=label))
        return filters + marked

    def _done_label(self, table: str, q: Question) -> Filter | None:
        """「已经全部完成的」 of tables that tell 「已完成」 from 「按进度完成」 (done by the half-year's schedule): the
        rows labelled done outright, when every document asked that has done rows has that label."""
        if table != "tasks" or not DONE_SAID.search(q.text):
            return None
        held = self.holdings.docs.get(table, set())
        places = set(q.regions) | {self.holdings.parents[r] for r in q.regions if self.holdings.parents.get(r)}
        scope = set(q.doc_ids) or {d for d in held if self.holdings.doc_regions.get(d) in places} or held
        labels = [self.holdings.done_labels.get(d, set()) for d in scope]
        labels = [held for held in labels if held]

        def both(held: set[str]) -> bool:
            return any(BY_SCHEDULE.search(v) for v in held) and any(not BY_SCHEDULE.search(v) for v in held)

        # a document whose done rows are all 「按进度完成」 says no more than that: nothing to tell apart
        if not any(both(held) for held in labels) or any(all(map(BY_SCHEDULE.search, held)) for held in labels):
            return None
        return Filter("status_raw", "excludes", ("按进度", "序时"), label="已完成（不含按进度完成）")

    def _having_some(self, table: str, schema: TableSchema, q: Question) -> list[Filter]:
        """「有移送涉嫌环境犯罪案件的县区」: the rows whose count of it (a column of a generic sheet) is above 0."""
        if not schema.generic or q.has("threshold"):
            return []
        filters = []
        for said in HAVING_SOME.finditer(q.text):
            if re.search(rf"[\d一二两三四五六七八九十]\s*[{COUNT_UNITS}]", said.group(1)):
                continue  # 「有8件立案的」: that count, not some
            # 「没有出现过…的」「从未发生…的」: the rows with none of it
            none = not said.group(0).startswith("有") and bool(re.search(r"(没有?|未|不曾)$", q.text[: said.start()]))
            named = [s for s in q.of("column") if s.value[0] == table and s.value[1] in schema.measures
                     and said.start() <= s.start and s.end <= said.end(1)
                     and schema.measures[s.value[1]].unit[-1:] in COUNT_UNITS]  # fmt: skip
            longest = max((len(s.text) for s in named), default=0)  # 「移送涉嫌环境犯罪」, not 「案件」 of 立案（件）
            counts = {s.value[1] for s in named if len(s.text) == longest}
            if len(counts) == 1:
                column = counts.pop()
                said = schema.measures[column].label.split("·")[-1]
                if none:
                    filters.append(Filter(column, "le", 0.0, label=f"没有{said.removeprefix('有')}"))
                else:
                    filters.append(Filter(column, "gt", 0.0, label=said if said.startswith("有") else f"有{said}"))
            elif not counts:  # 「有超标记录的单位」 of a 「1-6月超标情况」 column of words, 「无」 where there is none
                filters += self._some_said(table, schema, said.group(1))
        return filters

    def _some_said(self, table: str, schema: TableSchema, words: str) -> list[Filter]:
        """The rows whose text column named in `words` says something, not its 「无」."""
        cells = self.holdings.cells.get(table, {})
        named = sorted(((n, c) for n, c in schema.nouns.items() if len(n) >= 2 and n in words and c in cells
                        and any(NONE_CELL.match(v) for v in cells[c])), key=lambda nc: -len(nc[0]))  # fmt: skip
        if not named:
            return []
        noun, column = named[0]
        nones = sorted(v for c in cells[column] if NONE_CELL.match(c) for v in cells[column][c])
        return [Filter(column, "notnull", None, label=f"有{noun}"), *(Filter(column, "ne", v) for v in nones)]

    def _listed_together(self, table: str, named: dict[str, list[str]], spans: dict[str, list[Slot]],
                         q: Question) -> dict[str, list[str]]:  # fmt: skip
        """「国控、省控站点」: two values said as one list (joined by 、和及与) but read in two columns (「国控」 of 站点类型,
        「省控站点」 of 类别) are either of one column that holds both (「国控」「省控」), not a row that is both."""
        if len(named) != 2 or set(spans) != set(named) or any(s.start < 0 for ss in spans.values() for s in ss):
            return named
        (first, one), (second, other) = sorted(spans.items(), key=lambda item: min(s.start for s in item[1]))
        gap = q.text[max(s.end for s in one) : min(s.start for s in other)]
        if not LIST_JOINER.fullmatch(gap):
            return named
        for column in (first, second):
            cells = {c for written in self.holdings.cells.get(table, {}).get(column, {}).values() for c in written}
            held = [next((c for c in sorted(cells, key=len, reverse=True) if v == c or (len(c) >= 2 and v.startswith(c))), "")
                    for v in named[first] + named[second]]  # fmt: skip
            if all(held):
                return {column: list(dict.fromkeys(held))}
        return named

    def _in_a_row(self, word: str, table: str) -> bool:
        """Whether a long run of the word is part of one row's text cell, of no other (a project's name said without
        its place and with a word of its own: 「玄武岩废弃矿山整改」 of 「玄武岩废弃矿山生态修复项目」), or in runs of two or
        more with a word between (「骆马湖生态缓冲带」 of 「骆马湖湖滨新区段生态缓冲带」)."""
        if len(word) < MIN_ROW_WORD:
            return False
        cells = {c for column in self.holdings.cells.get(table, {}).values() for c in column}
        # (runs of two or more: most of the word, not 「畜禽粪污综合利用率」 of 「畜禽粪污资源化利用整县推进项目」)
        return sum(_names_cell(word, c) for c in cells) == 1

    def _elsewhere(self, word: str, table: str) -> bool:
        """Whether a word left over points away from a table whose rows are named: it is no word of the table's
        title, its document's name or its headers, and the documents never write it (「信访投诉」) or none of this
        table's rows do (「森林蓄积量」 of an indicator beside a sheet by 区县)."""
        if THIS_YEAR.fullmatch(word):
            return False  # 「今年」: the rows' own year
        written = self._written(table)
        if _pieced_said(word, written):
            return False
        if self.holdings.unheard(word):
            return True
        # 「工地扬尘」「森林蓄积量」, written in another table's rows (a task's name, an indicator) and in none of this
        # one's, asks for those rows; 「地表水」 of an air sheet, in none of its rows nor its title, asks for what another
        # document's text says (not 「监测值」, any reading's word)
        if len(ANY_READING.sub("", word)) < 2:
            return False
        pairs = bigrams(word)
        # (a long run of words — 「干流两岸多大范围内不能新建排氮磷」 — is known by most of it, not one pair)
        known = (sum(self.holdings.known(p, table) for p in pairs) * 2 >= len(pairs) if len(word) >= LONG_RUN
                 else self.holdings.known(word, table))  # fmt: skip
        return (
            len(word) >= 3
            and not known
            and sum(p in written for p in pairs) * 2 < len(pairs)  # (「类投诉受理」 of a 「…投诉受理情况」 sheet)
        )

    def _named_by_change_only(self, plan: QueryPlan, plans: list[QueryPlan], q: Question) -> bool:
        """Whether the question names the plan's sheet by a change word only (「同比」), while another plan's sheet
        is named by a longer word of its own figure and has a change column of its own."""

        def words(table: str) -> set[str]:
            return {s.text for s in q.of("column") if s.value[0] == table}

        mine = words(plan.table)
        if not mine or not all(CHANGE_MEASURE.fullmatch(w) for w in mine):
            return False
        return any(
            (theirs := words(other.table)) and not any(CHANGE_MEASURE.fullmatch(w) for w in theirs)
            and any(CHANGE_MEASURE.search(m.label) for m in self.schemas[other.table].measures.values())
            for other in plans if other.table != plan.table
        )  # fmt: skip

    def _places_below_city(self, q: Question) -> bool:
        """Whether the question names a place below a city (a 区县), whose rows it asks of."""
        return any(self.lexicon.parent_of(p) and "省" not in self.lexicon.parent_of(p) for p in q.regions)

    def _other_medium(self, word: str, table: str) -> bool:
        """「声环境质量」 of an air sheet titled 「…环境空气质量…」: the word names an environmental medium (`MEDIA`)
        that the table writes by none of its words."""
        return any(any(w in word for w in m) and not self._holds_medium(table, m) for m in MEDIA)

    def _holds_medium(self, table: str, medium: tuple[str, ...]) -> bool:
        """Whether a table's title, headers or rows write the medium by one of its words (each pair of the word's
        characters, in its rows)."""
        written = self._written(table)
        return any(w in written or all(self.holdings.known(p, table) for p in bigrams(w)) for w in medium)

    def _points_away(self, word: str, table: str) -> bool:
        """Whether a word left over names a topic other tables hold (「地下水」 of an air sheet): one the documents
        write (not 「县花得」 of 「哪个县花得最快」) and no pair of which the table has (not 「以上专项资金」 of 「省级及以上
        资金」), no way of saying a status nor other rows (「其它县」), nor the rows' own year (「今年批」)."""
        word = THIS_YEAR.sub("", word)
        if len(word) < 3 or re.search(r"[没未还了吗呢着过]|^(其[它他余]|别的|另外)", word):
            return False
        return not self.holdings.unheard(word) and self._unwritten(word, table)

    def _written(self, table: str) -> str:
        """A table's own words: its title, its documents' names and its headers."""
        schema = self.schemas[table]
        names = [self.holdings.doc_names.get(d, "") for d in self.holdings.docs.get(table, ())]
        return " ".join([schema.title, *names, *map(str, schema.labels.values())])

    def _table_says(self, word: str, table: str) -> bool:
        """Whether the table itself writes the word, in pieces of two characters or more: its title, documents' names,
        headers or cells (not another sheet of its workbook: 「颗粒物」 of an inspection sheet beside a permit register)."""
        cells = " ".join(c for column in self.holdings.cells.get(table, {}).values() for c in column)
        return _pieced_said(normalize_text(word), normalize_text(f"{self._written(table)} {cells}"))

    def _unwritten(self, word: str, table: str) -> bool:
        """Whether no pair of the word's characters is in the table: its title, document names, headers or rows
        (「地下水」 of an air sheet)."""
        written = self._written(table)
        pairs = bigrams(word) + bigrams(_title_form(word))
        return bool(pairs) and not any(p in written or self.holdings.known(p, table) for p in pairs)

    def _holds_entity(self, table: str, slot: Slot) -> bool:
        """Whether an entity the question names is a row name of the table: its own, or a cell it holds too
        (the same sheet read by month has the 站点 of the sheet read by row)."""
        if slot.kind != "entity":
            return False
        return slot.value[0] == table or bool(self.holdings.column_holding(table, slot.value[2])[0])

    def _column_said(self, table: str, column: str, value: str, q: Question) -> str:
        """Of the text columns holding `value` (「Ⅲ类」 in 水质目标 and 实际类别), the one whose header the
        question names (「实际水质是Ⅲ类」); else the lexicon's."""
        holding = [c for c, cells in self.holdings.cells.get(table, {}).items() if value in cells]
        if len(holding) < 2:
            return column
        schema = self.schemas[table]  # a word of the table's title (「水质」 of 「…水源地水质状况」) tells none apart
        text = q.text.lower()  # 「PM10·评价」 of 「pm10」
        said = {c: sum(w.lower() in text and (w.isascii() or w not in schema.title)  # a code (PM10) tells apart
                       for w in _header_words(schema.labels.get(c, ""))) for c in holding}  # fmt: skip
        best = max(said.values())
        chosen = [c for c in holding if said[c] == best]
        return chosen[0] if best and len(chosen) == 1 else column

    def _listing(self, table: str, column: str, values: list[str]) -> tuple[str, ...]:
        """The cells that are `values` or list one of them among others (「氨氮」: 「氨氮」 and 「总磷、氨氮」)."""
        cells = {c for written in self.holdings.cells.get(table, {}).get(column, {}).values() for c in written}
        listing = [c for c in sorted(cells) if set(LIST_CELL.split(c)) & set(values)]
        return tuple(dict.fromkeys([*values, *listing]))

    def _parts_only(self, table: str, q: Question) -> list[Filter]:
        """「路检罚款排前三的镇街」 of a sheet with a row of the city's own (a 直属 centre, 市本级): the rows of its
        镇街 or 区县, which the question ranks or lists."""
        picks = any(q.has(k) for k in ("rank", "topk", "which")) and not q.has("sum")
        if not self.schemas[table].generic or q.regions or not picks or not PLACES_ASKED.search(q.text):
            return []
        held = self.holdings.regions.get(table, set())
        own = {self.holdings.doc_regions.get(d) for d in self.holdings.docs.get(table, ())}
        if len(held - own) < 2:
            return []
        return [Filter("region", "ne", city) for city in sorted(held & own)]  # not a comparison of places named

    def _versus_whole(self, table: str, measure: str, q: Question) -> list[Filter]:
        """「PM2.5比全市平均水平低的县区有哪些」: the rows whose figure is below (above) the sheet's own 全市 row (its
        rows' mean when it has none); not 「…低多少」, which compares one row."""
        spec = self.schemas[table].measures.get(measure)
        whole = self.holdings.wholes.get(table, {}).get(spec.column) if spec else None
        if whole is None or not (q.has("which") or q.has("count")):
            return []
        for slot in q.of("compare_with"):
            way = re.fullmatch(r"比.+?(高|多|大|低|少|小)(了吗|吗)?", slot.text)
            bound = re.match(r"(高于|超过|超出)|(低于|不到|不及)", slot.text)  # 「高于全市平均水平的」
            if not (way or bound) or not WHOLE_MEAN.fullmatch(str(slot.value)):
                continue
            up = COMPARED_WAY[way.group(1)] == "up" if way else bool(bound.group(1))
            (value, name), said = whole, "高于" if up else "低于"
            stated = f"{fmt(value, spec.places)}{spec.unit}" + ("" if name.startswith("全") else f"，{name}")
            label = f"{spec.label}{said}{slot.value}（{stated}）"
            return [Filter(spec.column, "gt" if said == "高于" else "lt", round(value, 6), label=label)]
        return []

    def _unknown_figure(self, table: str, measure: str, q: Question) -> Missing | None:
        """「各区县降尘量是多少」 of a sheet with no 降尘量 column: the figure asked is not there, whatever
        rows its places and year find (they are not an answer)."""
        schema = self.schemas[table]
        named = any(s.value[0] == table for s in q.of("entity"))  # (a row of the sheet named: its project)
        unit = self._count_unstated(table, q) if named and not measure and DONE_ASKED.search(q.text) else ""
        if unit:  # 「废弃露天矿山生态修复上半年完成了几处」 of a fund sheet's row in 万元: the count is the text's
            return Missing(f"{schema.title}中以「{unit}」计的完成数量（表中没有这一项）")
        # 「噪声投诉哪个镇街最多」: a ranking or a sum is of a figure too
        ranks = any(q.has(k) for k in ("rank", "sum", "mean"))
        asks_figure = ("value" in q.values("ask") or ranks) and not (
            q.has("count") or q.yes_no or (q.has("which") and not ranks)
        )
        if not schema.generic or measure or not asks_figure:
            return None
        words = [PLACE_NOUN.sub("", w) for w in self._match_words(table, q).replace("|", " ").split()
                 if not self.holdings.known(w, table)]  # fmt: skip
        words = [w for w in words if len(w) >= MIN_MATCH_CHARS and not THIS_YEAR.fullmatch(w)]
        # 「二氧化氮浓度最低的站点」 of a sheet with a 污染物 column: the rows of NO2 hold the figure
        words = [w for w in words if not self.holdings.column_holding(table, canonical_pollutant(w) or w)[0]]
        return Missing(f"「{'、'.join(words)}」的数值（已收录的表格中没有这一项）") if words else None

    def _subtotals(self, plan: QueryPlan, q: Question) -> QueryPlan:
        """A sheet of each 区县's rows with a 小计 row per 区县. A sum or a count is of the other rows (the 小计
        counted again would double it); a question naming no level nor item is about the 小计 rows
        (「各县区总体执行率最高的」), not the rows beside them; one about the column the 小计 sits in
        (「执行率不到50%的项目」 of a 项目名称 column) or naming a level (「中央资金项目里…」) is about its
        other rows."""
        columns = self.holdings.cells.get(plan.table, {})
        for column, values in columns.items():
            if "小计" not in values or len(values) < 2 or plan.filter_on(column):
                continue
            # 「单个项目…最多」: the column's own noun said asks its rows, not its 小计
            schema = self.schemas[plan.table]  # (the noun of the sheet's own rows, not of a 资金级别 column)
            # (「资金」 of a 资金类别 column is every funds question's word, asking no level's rows)
            nouns = [n for n, c in schema.nouns.items()
                     if c == column == _rows_noun(schema) and len(n) >= 2 and n not in FUND_WORDS]  # fmt: skip
            said = f"{q.text} {q.context_text}" if q.follow_up else q.text  # 「执行率分别多少」 of 「…项目下达了多少」
            if (
                plan.aggregate in ("sum", "count")
                or column == plan.group_by
                or "小计" in str(q.first("except") or "")  # 「不含小计，…」
                or any(n in said for n in nouns)
                or any(e.text in ("分别", "各自") for e in q.of("each"))
                or plan.filter_on("verdict")  # 「哪些县区已经有任务销号了」: rows judged, which no 小计 is
            ):  # fmt: skip  (not 「各县区」)
                return plan.with_(filters=(*plan.filters, Filter(column, "ne", "小计")))
            # (a 是/否 column asked, 「达到序时进度了吗」, names no row: the 小计's own cell answers)
            named = any(f.field in columns and f.field not in SCOPING_FIELDS and not set(f.value if isinstance(f.value, tuple) else (f.value,)) <= {"是", "否"}
                        for f in plan.filters)  # fmt: skip
            if (
                plan.shape in ("rank", "list", "detail", "value", "compare", "yesno")
                and column != plan.group_by
                and not named
            ) and not self._row_worded(plan.table, q):  # (「受污染耕地安全利用」 names its project's row)
                # (a 区县 of one row and no 小计: that row is its whole)
                return plan.with_(filters=(*plan.filters, Filter(column, "whole", "小计")))
        return plan

    def _row_worded(self, table: str, q: Question) -> bool:
        """Whether the words left to pick rows by name rows of the table (「入海排污口整治」 of each 县's 「入海排污口分类整治」,
        and of the city's 「…（4个县市区）」), as `_in_a_row` reads a word."""
        words = self._match_words(table, q, tuple(q.doc_ids)).replace("|", " ").split()
        cells = {c for column in self.holdings.cells.get(table, {}).values() for c in column}
        return any(len(w) >= MIN_ROW_WORD and any(_names_cell(w, c) for c in cells) for w in words)

    def yes_no_columns(self, table: str, q: Question) -> dict[str, str]:
        """「已经执行完毕」「还没有执行完毕」 of a 「是否执行完毕」 column of 是/否: column → 是 or 否."""
        return {column: answer for column, (answer, _) in self._yes_no_said(table, q).items()}

    def _yes_no_said(self, table: str, q: Question) -> dict[str, tuple[str, str]]:
        """The 是/否 columns the question names: column → (是 or 否, the words it says the column's question in)."""
        answers = {}
        for column, header in self.schemas[table].labels.items():
            values = self._answer_cells(table, column)
            # 「是否执行完毕」, or a column of 是 / 否 under its thing's name (「渗滤液收集设施（是/否）」)
            whether = YES_NO_HEADER.fullmatch(header)
            bare = BRACKETED_END.sub("", header)
            asked = whether.group(2) if whether else (bare if values and values <= {"是", "否"} else "")
            # 「达到序时要求」 of 「是否达到序时进度」: its 进度 or 要求 said either way
            core = re.sub(r"(进度|要求)+$", "", asked) if asked else ""
            phrase = asked if asked and asked in q.text else ""
            if (
                asked
                and not phrase
                and len(core) >= 3
                and (alike := re.search(rf"{re.escape(core)}(进度|要求)", q.text))
            ):
                phrase = alike.group(0)
            verb = re.match(rf"({REACH_VERBS})(.{{2,}})", core)  # 「没完成年度目标」 of 「是否达到年度目标」
            if (
                asked
                and not phrase
                and verb
                and (alike := re.search(rf"({REACH_VERBS}){re.escape(verb.group(2))}", q.text))
            ):
                phrase = alike.group(0)
            thing = (
                asked[2:] if asked and len(asked) >= 5 else ""
            )  # 「没签处置合同」「没装视频监控」 of 「是否签订…」「是否安装…」
            short = (
                re.search(rf"([{re.escape(asked[:2])}])了?{re.escape(thing)}", q.text) if thing and not phrase else None
            )
            phrase = short.group(0) if short else phrase
            # 「碰到了生态保护红线」「还得去要总量指标」 of 「是否涉及…」「是否需申请…」: the thing said, with any verb
            # (not 「年度目标」 of 「是否达到年度目标」: a target, which 「离年度目标还差多少」 measures against)
            phrase = phrase or next((asked[k:] for k in range(len(asked) - YES_NO_THING + 1) if asked[k:] in q.text
                                     and not re.search(r"目标|要求|标准|进度$", asked[k:])), "")  # fmt: skip
            said = _yes_no_said_short(asked, q.text) if asked and not phrase else None
            phrase = said.group(0) if said else phrase
            done = asked.removeprefix("已")  # 「没缴纳的」 of 「是否已缴纳」
            phrase = phrase or (done if len(done) >= 2 and done != asked and done in q.text else "")
            # (the act anywhere in the name: 「罚款已缴纳」 asks 「罚款交了没有」, its thing before the verb)
            act = next((a for a in WHETHER_VERBS if a in done), "")
            before, _, after = done.partition(act) if act else ("", "", "")
            verbs, thing = WHETHER_VERBS.get(act, ""), after or before.removesuffix("已")
            # (not the 交 of 提交、移交, the 付 of 应付、支付); with the start of its thing after it (「移送给公安」,
            # 「移送公安了」)
            starts = "|".join(re.escape(thing[:k]) for k in range(len(thing), 1, -1))
            # (the thing right after the verb only when there is one: not 「交」 of 「交城县」 for 「是否已缴纳」)
            right_after = f"|(?:{starts})" if starts else ""
            said = re.search(rf"{NOT_AN_ACT}(?:{verbs})(?:(?=了|过|清|没|罚|钱|的|给|到|至)(?:[给到至]?(?:{starts}))?"
                             rf"{right_after})", q.text) if verbs and not phrase else None  # fmt: skip
            # 「罚款交了没有」「没缴罚款的」「移送给公安」 of 「是否已缴纳」「是否移送…」
            phrase = said.group(0) if said else phrase
            if asked and not phrase and verb:  # 「没达到6月底要求」 of 「是否达到6月底序时进度要求」: said shorter
                phrase = next((m.group(0) for m in SAID_SHORTER.finditer(q.text)
                               if _subsequence(m.group(0), asked) and m.group(0)[-2:] == asked[-2:]), "")  # fmt: skip
            # (「要求什么时候前整改好」: the act's deadline asked, not whether it is done)
            when = phrase and re.search(rf"(什么时候|什么时间|何时|哪天|几号|哪一天)前?{re.escape(phrase)}", q.text)
            if phrase and values and values <= {"是", "否"} and not when:
                text = EITHER_WAY.sub(lambda m: " " * len(m.group(0)), q.text)  # 「要不要拿总量指标」 asks, no 不
                negated = re.search(rf"{NEGATION}[^，。？?]{{0,6}}{re.escape(phrase)}", text)  # 「没跟市平台联网」
                # … or after it, of a column under its thing's name: 「渗滤液收集设施未建成的」
                # (not 「移送公安没有？」, the question's own either-way end)
                negated = negated or (not whether and re.search(rf"{re.escape(phrase)}\s*{NEGATION}(?!有?[？?]|有?$)",
                                                                text))  # fmt: skip
                said_no = re.search(rf"{re.escape(phrase)}[为是：:]?\s*[“「\"']?否", q.text)  # 「…为否的」
                answers[column] = ("否" if negated or said_no else "是", phrase)
        return self._groups_named(table, answers, q)

    def _groups_named(self, table: str, answers: dict, q: Question) -> dict:
        """「PM2.5没达标的站」 of a sheet with 「PM2.5·是否达标」 beside 「PM10·是否达标」: only the columns of the
        pollutants the question names; all of them when it names none (「三项都达标的」)."""
        labels = self.schemas[table].labels
        groups = {
            column: re.sub(r"[（(][^）)]*[）)]", "", str(labels[column]).rpartition("·")[0]).strip()
            for column in answers
        }
        named = {g for g in groups.values() if g and canonical_pollutant(g) in q.values("pollutant")}
        if not named:
            return answers
        return {column: answer for column, answer in answers.items() if groups[column] in named}

    def _department_cells(self, table: str, name: str, q: Question) -> list[Filter]:
        """「市住建局牵头的」 of a generic task sheet: its 牵头单位 (or 责任单位) cells that name the department."""
        role = "责任单位" if re.search(r"责任单位|配合|参与", q.text) and "牵头" not in q.text else "牵头"
        for column, header in self.schemas[table].labels.items():
            if role in header:
                cells = self.holdings.cells.get(table, {}).get(column, {})
                named = tuple(c for c in cells if any(name in part or abbreviates(name, part)
                                                      for part in re.split(r"[、，,；;]", c)))  # fmt: skip
                return [Filter(column, "in", named, label=f"{header}含{name}")]
        return []

    def _span_against_last_year(self, plan: QueryPlan, q: Question) -> QueryPlan:
        """「上半年…同比多了几天」 of a sheet of months with a 「1-6月」 row and a 「2024年1-6月」 row: those two rows
        compared (when no column states the change)."""
        period = q.period if re.fullmatch(r"\d{1,2}-\d{1,2}月", q.period or "") else ""
        rows = self._span_rows(plan.table, period) if re.search(r"同比", q.text) else ()
        if not rows:
            return plan
        column = self._month_column(plan.table)
        kept = tuple(f for f in plan.filters if f.field not in ("total_row", column))
        return plan.with_(filters=(*kept, Filter(column, "in", rows, label=f"{rows[0]}与{rows[1]}")),
                          compare="rows", shape="compare", aggregate="", group_by="", ranking=None)  # fmt: skip

    def _span_rows(self, table: str, period: str) -> tuple[str, ...]:
        """A sheet of months' own rows of 「1-6月」 and of last year's 「2024年1-6月」, or ()."""
        if not period or table not in self.holdings.monthly:
            return ()
        rows = self.holdings.cells.get(table, {}).get(self._month_column(table), {})
        earlier = [r for r in rows if re.fullmatch(rf"20\d\d年{re.escape(period)}", normalize_text(str(r)))]
        now = [r for r in rows if normalize_text(str(r)) == period]
        return (now[0], earlier[0]) if len(earlier) == 1 and len(now) == 1 else ()

    @staticmethod
    def _one_row_named(plan: QueryPlan, schema: TableSchema) -> bool:
        """Whether the plan names one row of a generic sheet by its own name cell (「邵武熙春子站」)."""
        named = plan.filter_on(schema.naming_column) if schema.naming_column else None
        return named is not None and named.op == "in" and len(named.value) == 1

    def _states_change(self, table: str) -> bool:
        """Whether a generic sheet states a change on last year: a column of it (「同比」「较上年」「2024年同期」) or a
        row of last year's figures (「2024年1-6月」「上年同期」)."""
        column = re.compile(r"同比|环比|增减|变化|增幅|降幅|上年|去年|同期")  # not 「2025年目标」
        labels = self.schemas[table].labels.values()
        rows = self.holdings.cells.get(table, {}).get(self._month_column(table), {})
        return any(column.search(str(label)) for label in labels) or any(
            re.search(r"上年|去年|同期|20\d\d年", str(r)) for r in rows
        )

    def _answer_cells(self, table: str, column: str) -> set[str]:
        """The cells of a 是/否 or √ column that answer for a row: not a 合计 row's blank, name or count
        (「—」「合计」「联网31家」)."""
        return {v for v in self.holdings.cells.get(table, {}).get(column, {})
                if v.strip("—-/－ ") and not re.search(r"\d", v) and not TOTAL_ROW.match(v)}  # fmt: skip

    def mark_columns(self, table: str, q: Question) -> dict[str, tuple[str, bool]]:
        """「同时纳入水环境和大气环境」「纳入水环境但没纳入大气环境」 of a register's √ columns (「重点管理类别·水环境」)
        named by their own header: column → (the header word, whether negated)."""
        found = {}
        for column, header in self.schemas[table].labels.items() if self.schemas[table].generic else ():
            cells = self._answer_cells(table, column)
            word = header.rpartition("·")[2]
            at = q.text.find(word)
            if cells and cells <= set(MARKS) and len(word) >= 2 and at >= 0:
                before = re.split(r"[，,、和与及但而又]", q.text[max(0, at - 8) : at])[-1]  # 「没有纳入」 of this word
                found[column] = (word, bool(re.search(NEGATION, before)))
        # 「纳入水环境或者大气环境」: filters joined by 或 are beyond the plan's (all of them) — none rather than wrong
        said = sorted(q.text.index(w) for w, _ in found.values())
        return {} if len(said) > 1 and re.search(r"或|还是", q.text[said[0] : said[-1]]) else found

    @staticmethod
    def _to_reach(plan: QueryPlan, schema: TableSchema, q: Question) -> QueryPlan:
        """「市级资金要达到75%的序时，还得再支出多少」: what each row has yet to spend for its rate (已支出 ÷ 下达) to
        reach the rate said — the rate named (or the one rate of such parts), the rows as the question picks them
        (no bound on the rate: the rows asked are those below it)."""
        said = REACH_ASKED.search(q.text)
        rates = [m for m in schema.measures.values() if m.ratio_of]
        if not said or not rates:
            return plan
        named = {s.value[1] for s in q.of("column") if s.value[0] == schema.name}
        rate = schema.measures.get(plan.measure) if plan.measure in {m.name for m in rates} else None
        rate = rate or next((m for m in rates if m.name in named), None) or (rates[0] if len(rates) == 1 else None)
        if rate is None:
            return plan
        bound = float(said.group(1) or said.group(2))
        kept = tuple(f for f in plan.filters if not (f.op in ("ge", "gt") and f.value == bound and not f.column))
        return plan.with_(filters=kept, measure=rate.name, reach=bound, aggregate="", ranking=None, compare="",
                          shape="detail" if plan.shape in ("detail", "value", "yesno") else plan.shape)  # fmt: skip

    @staticmethod
    def _short_of(plan: QueryPlan, schema: TableSchema, q: Question) -> QueryPlan:
        """「恭城县执行率多少？离75%的序时进度差多少」: the rate read and how many points it is below the rate said."""
        said = GAP_TO_RATE.search(q.text)
        spec = schema.measures.get(plan.measure)
        if not said or plan.reach or plan.aggregate or spec is None or spec.unit != "%":
            return plan  # (an average's gap is not the average of the rows' gaps)
        shape = ("list" if q.has("which") else "detail") if plan.shape in ("value", "compare", "yesno") else plan.shape
        places = (
            shape == "list" and not plan.group_by and re.search(rf"哪[些几个]*({COUNTY_NOUN_PATTERN}|地区)", q.text)
        )
        return plan.with_(short_of=float(said.group(1)), compare="", shape=shape,
                          group_by="region" if places else plan.group_by)  # fmt: skip

    def _grand_total(self, plan: QueryPlan, q: Question) -> QueryPlan:
        """「全市专项资金下达了多少」 of a sheet with 「市区小计」「县（市）小计」 beside its 「全市合计」: the 合计 row."""
        asked = plan.filter_on("total_row")
        if asked is None or asked.value is not True or plan.table not in self.holdings.parts_totals:
            return plan
        if not WHOLE_SAID.search(q.text):  # 「城区五个区一共…」 may be one of the parts: every total row stays
            return plan
        return plan.with_(filters=(*plan.filters, Filter("entity", "contains", GRAND_WORDS, label="合计")))

    def _totals(self, plan: QueryPlan, q: Question) -> QueryPlan:
        """A table's 合计 row answers 「全市整体执行率是多少」; sums, lists and rankings are of the
        other rows (the 合计 row counted again would double the sum)."""
        totals = plan.table in self.holdings.totals
        places = plan.filter_on("region")
        if (
            totals
            and plan.compare == "rows"
            and places is not None
            and places.op == "in"
            and any(self.lexicon.parent_of(p) in places.value for p in places.value)
        ):  # 「比全市总体执行率低多少」: a place beside its city's 合计 row (`_with_compared_row`)
            return plan
        summed = self._months_summed(plan) if totals else None
        if summed is not None:
            return summed
        named = [s.value[1] for s in q.of("entity") if s.value[0] == plan.table and TOTAL_ROW.match(s.value[2])]
        if (
            named
            and plan.compare == "rows"
            and any(f.field in named and f.op == "in" and len(f.value) >= 2 for f in plan.filters)
        ):  # 「湘乡经开区那个子站比全市平均高出多少」: a row beside the 全市平均 row
            return plan
        # 「陵城区和临邑县两地合计」「中央水污染防治资金合计」: the rows picked, added up — not the 合计 row
        picked = any(f.field not in (*named, "total_row") and re.fullmatch(r"c\d+", f.field) for f in plan.filters)
        several = len(set(q.regions)) > 1 or (bool(named) and picked)
        own_subtotal = bool(q.regions) and all(
            re.fullmatch(r"小\s*计", s.text) for s in q.of("entity") if s.value[1] in named
        )
        if totals and named and not plan.group_by and not plan.ranking and not own_subtotal:
            # 「全市合计下达多少」: the 合计 row's own (「娄星区小计」 is that 区县's row: `_subtotals`)
            kept = tuple(f for f in plan.filters if f.field not in named)
            if several:
                plan = plan.with_(filters=kept)  # 「陵城区和临邑县两地合计」: their rows added up
            else:
                return plan.with_(filters=(*kept, *TOTAL_ROW_ONLY), aggregate="", shape="detail")
        city = self._city_as_whole(plan, q)
        if (totals and ((WHOLE_ASKED.search(q.text) and not q.regions) or city) and not q.has("share")
                and not plan.group_by and not plan.ranking and not plan.aggregate
                and plan.shape in ("detail", "compare", "yesno")):  # fmt: skip
            # 「全市PM2.5同比下降了多少」「随州专项资金还有多少没支出」 of a sheet with its 全市 or 合计 row: that row, not
            # each 区县's
            kept = tuple(f for f in plan.filters if f.field != "total_row" and not (city and (f.field == "region"
                                                                                          or f.op == "whole")))  # fmt: skip
            return plan.with_(filters=(*kept, *TOTAL_ROW_ONLY))
        # 「占全市的多大比例」: the 全市 is what the rows are a share of, not the row asked
        said = q.text if not (q.follow_up and not q.regions) else f"{q.text} {q.context_text}"  # 「那最低的是哪个月？」
        whole_said = re.search(r"合计|总计|全市|整体|总体|汇总|全县|全区|全省", said)
        # 「丰城市整体执行率」: that 区县's own 小计, not the city's 合计
        own_whole = (
            bool(whole_said)
            and whole_said.group(0) in ("整体", "总体")
            and bool(q.regions)
            and set(q.regions) <= set(self.lexicon.places("county"))
        )
        whole = bool(whole_said) and not q.has("share") and not own_whole and not several
        # 「中央资金一共下达了多少」 of every row: the 合计 row too (not of some rows: 「已完工的项目一共…」)
        every = q.has("sum") and plan.aggregate in ("sum", "mean") and all(f.field in UNSELECTING for f in plan.filters)
        # 「15个考核站点PM2.5平均浓度多少」 of a sheet whose 「全市平均」 row states it: that row, not a mean of the rows
        every = every or (
            plan.aggregate == "mean"
            and plan.table in self.holdings.mean_rows
            and not any(f.field not in (*UNSELECTING, "region") for f in plan.filters)
            and not self._places_below_city(q)
        )
        summed = (whole and plan.aggregate in ("sum", "mean") and not self._picks_kind(plan)) or every
        if totals and summed and not plan.group_by and not plan.ranking:
            # 「全市合计下达多少」: the 合计 row the document states (its 小计 over the levels), not a sum of its own
            stated = self._every_month(plan)
            stated = stated.with_(filters=(*stated.filters, *TOTAL_ROW_ONLY), aggregate="", shape="detail")
            if self.holdings.total_subtotals.get(plan.table):
                return self._subtotals(stated, q)
            if plan.table in self.holdings.grand_totals:  # the 合计 row, not each 区县's 小计 row
                subtotals = [c for c, values in self.holdings.cells.get(plan.table, {}).items() if "小计" in values]
                stated = stated.with_(filters=(*stated.filters, *(Filter(c, "ne", "小计") for c in subtotals)))
            return stated
        if q.has("reason") and plan.shape == "detail" and plan.filter_on("region"):
            # 「阳东区的执行率为什么这么低」: its 小计 beside the rows it sums, whose 备注 may say why
            return plan.with_(shape="list")
        plan = self._subtotals(plan, q)
        spec = self.schemas[plan.table].measures.get(plan.measure)
        if spec is not None and spec.ratio_of and self._rate_of_rows(plan, q):  # 「省级资金的执行率」: Σ已支出 ÷ Σ下达
            plan = plan.with_(aggregate="ratio", shape="rank" if plan.ranking else "sum")
        elif spec is not None and self._city_of_its_counties(plan, q):
            # 「景德镇上半年排查了多少个问题」「…整改率多少」 of a sheet of its 区县 with no 合计 row: their sum, and the
            # rate the two sums make
            counted = _adds_up(spec) or bool(COUNT_LABEL.search(spec.label))
            aggregate = "ratio" if spec.ratio_of else "sum" if counted and not spec.lower_is_better else ""
            plan = plan.with_(aggregate=aggregate, shape="sum") if aggregate else plan
        elif plan.aggregate == "sum" and spec is not None and spec.unit in RATE_UNITS:
            plan = plan.with_(aggregate="", shape="list")  # rates are never added up: each row's own
        if not totals:
            return plan
        if any(MONTH_SPAN.match(s.value[2]) and self._holds_entity(plan.table, s) for s in q.of("entity")):
            return plan  # 「全年PM10均值超过40的站点」: the 全年 rows are the ones asked
        only = bool(whole) and plan.shape in ("detail", "value", "yesno") and not plan.group_by
        # 「全市PM2.5最低的是哪个月」 of a sheet of months by 区县: the months of its 全市 column
        by_place = len(self.holdings.regions.get(plan.table, ())) > 1  # not a sheet of one city's months
        only = only or bool(
            whole and by_place and plan.table in self.holdings.monthly and plan.group_by not in ("", "region")
        )
        plan = self._every_month(plan) if only else plan
        if only:  # 「全市…下达了多少」: the 合计 row, which no 小计 is
            plan = plan.with_(
                filters=tuple(f for f in plan.filters if (f.op, f.value) not in (("eq", "小计"), ("whole", "小计")))
            )
        return plan.with_(filters=(*plan.filters, Filter("total_row", "eq", only)))

    def _city_figure_of_stations(self, table: str, q: Question) -> bool:
        """Whether a city's own figure (「全市…是多少」, no list, count, ranking or condition) is asked of a
        generic sheet of stations with no 全市 row."""
        if not self.schemas[table].generic or not self._rows_are_stations(table) or table in self.holdings.totals:
            return False
        listing = ("which", "count", "rank", "threshold", "status", "versus_target", "station", "place")
        naming = self.schemas[table].naming_column
        named = any(s.value[0] == table and s.value[1] in (naming, "entity") for s in q.of("entity"))  # a station
        return bool(re.search(r"全[市县区](?![域])", q.text)) and not named and not any(q.has(k) for k in listing)

    @staticmethod
    def _target_unstated(schema: TableSchema, measure: str, q: Question) -> bool:
        """Whether a target is asked of a generic sheet's figure that has none (it is no target, nor judged against
        one)."""
        spec = schema.measures.get(measure)
        if not schema.generic or spec is None or "target" not in q.values("ask") or not re.search("目标", q.text):
            return False  # (a target asked now, not one carried from the question before)
        if q.has("versus_target") or q.has("status") or q.has("threshold"):
            return False  # 「没达到目标的」: a verdict, which the sheet may state
        # (a target column the question names — 「达标率目标是多少」 beside 「几个断面」 — states it)
        named = {s.value[1] for s in q.of("column") if s.value[0] == schema.name and len(s.text) > len("目标")}
        targets = [c for c in named if c in schema.measures and TARGET_HEADER.search(schema.measures[c].label)]
        # (nor a target column of the same figure: 「2037年优良天数比例目标」 beside 「2036年优良天数比例」)
        own = [m for m in schema.measures.values() if TARGET_HEADER.search(m.label) and set(m.words) & set(spec.words)
               and not set(m.words) & set(spec.words) <= {"目标"}]  # fmt: skip
        return (not TARGET_HEADER.search(spec.label) and schema.gap_measure(measure) is None and not targets
                and not own and not of_targets(schema))  # fmt: skip

    def _picks_kind(self, plan: QueryPlan) -> bool:
        """Whether a filter picks rows by a kind (「中央水污染防治资金」), not by a place: 「全市加起来」 of those
        rows is their sum, not the 合计 row."""
        places = set(self.lexicon.places())

        def kind(value) -> bool:  # neither a place nor a month (「同一个月全市平均」 is the 全市 row's)
            return (
                str(value) not in places and not MONTH_NAME.fullmatch(str(value)) and not MONTH_SPAN.match(str(value))
            )

        return any(
            f.op in ("eq", "in") and f.field not in (*UNSELECTING, "region")
            and any(kind(v) for v in (f.value if isinstance(f.value, tuple) else (f.value,)))
            for f in plan.filters
        )  # fmt: skip

    def _every_month(self, plan: QueryPlan) -> QueryPlan:
        """「上半年全市一共受理多少件」 of a sheet of 1月…6月 and a 合计 row: the 合计 row is every month's, so a
        filter naming all the sheet's months is dropped."""
        column = self._month_column(plan.table)
        every = {m for m in self.holdings.cells.get(plan.table, {}).get(column, {}) if MONTH_NAME.fullmatch(m)}

        def all_months(f: Filter) -> bool:
            return f.field == column and f.op == "in" and bool(every) and set(f.value) >= every

        return plan.with_(filters=tuple(f for f in plan.filters if not all_months(f)))

    def _months_summed(self, plan: QueryPlan) -> QueryPlan | None:
        """「7到9月全市立案查处多少件」 of a sheet of months with a 合计 row: the months' rows summed, never the 合计
        row (which is every month's); None unless some months, not all, are asked of a count (not a rate, not a
        concentration) as a value or a sum — a mean, a comparison or a ranking of them stays as it is."""
        column = self._month_column(plan.table)
        months = next((f for f in plan.filters if f.field == column and f.op == "in" and len(f.value) > 1), None)
        spec = self.schemas[plan.table].measures.get(plan.measure)
        if (
            plan.table not in self.holdings.monthly
            or months is None
            or spec is None
            or plan.group_by
            or plan.ranking
            or plan.compare
            or plan.aggregate not in ("", "sum")
            or not COUNTED_UNIT.fullmatch(spec.unit)
        ):
            return None  # fmt: skip
        held = {m for m in self.holdings.cells.get(plan.table, {}).get(column, {}) if re.fullmatch(r"\d{1,2}月", m)}
        if held <= set(months.value):
            return None  # every month: the 合计 row states it
        return plan.with_(aggregate="sum", shape="sum", filters=(*plan.filters, Filter("total_row", "eq", False)))

    def rows_called(self, table: str, q: Question) -> bool:
        """Whether the question (or the one before a follow-up) calls rows by the noun a sheet's title calls its rows
        (「断面」 of 「…地表水断面水质状况」)."""
        return _rows_noun_said(self.schemas[table], _said_with_before(q))

    def _city_as_whole(self, plan: QueryPlan, q: Question) -> bool:
        """Whether the one place asked is the city whose own sheet this is, read as its 区县 (「随州专项资金…」): the
        city's whole, which its 合计 row states."""
        places = plan.filter_on("region")
        if len(q.regions) != 1 or places is None or len(places.value) < 2 or q.regions[0] not in places.value:
            return False
        if not any(s.kind == "place" and s.start >= 0 for s in q.slots):
            return False  # (a place carried from the question before is its rows', not the whole asked now)
        if any(f.field not in (*UNSELECTING, "region", "table", "doc_id") and f.op not in ("whole", "ne")
               for f in plan.filters):  # fmt: skip
            return False  # (「恒达焦化的呢」: a row named, not the whole)
        docs = self.holdings.docs.get(plan.table, set())
        return gazetteer().level_of(q.regions[0]) == "city" and bool(docs) and \
            all(self.holdings.doc_regions.get(d) == q.regions[0] for d in docs)  # fmt: skip

    def _city_of_its_counties(self, plan: QueryPlan, q: Question) -> bool:
        """Whether a figure is asked of a city (no 区县 named) from a generic sheet of its 区县's rows that has no 合计
        row, as one figure (not ranked, grouped or listed by row)."""
        places = plan.filter_on("region")
        held = self.holdings.regions.get(plan.table, set())
        return (
            self.schemas[plan.table].generic
            and bool(q.regions)
            and not self._places_below_city(q)
            and (places is None or set(places.value) >= held)
            and len([r for r in held if self.lexicon.parent_of(r) in q.regions]) >= 2
            and plan.table not in self.holdings.totals
            and plan.shape == "detail"
            and not (plan.ranking or plan.group_by or plan.aggregate)
            and not q.has("which")
            and not q.has("each")
        )

    def _rate_of_rows(self, plan: QueryPlan, q: Question) -> bool:
        """「省级资金的执行率是多少」「中央资金总的执行率」: the rate of the rows a kind picks (a 资金级别), taken
        together, not a row's own; 「整体执行率最靠后的三个区」: each group's rows together, ranked. Not when a row
        is named, nor when the rows themselves are listed or ranked."""
        if plan.aggregate == "sum":
            return not plan.ranking
        schema = self.schemas[plan.table]
        naming = schema.naming_column
        if plan.ranking and plan.group_by and plan.group_by not in (naming, "entity") and not plan.aggregate:
            return True  # 「整体执行率最靠后的三个区」: each 区's rows together
        kinds = [f for f in plan.filters if f.field in schema.lexicon and f.field not in (naming, "region")
                 and f.op in ("in", "eq") and "小计" not in (f.value if isinstance(f.value, tuple) else (f.value,))]  # fmt: skip
        named = any(s.value[0] == plan.table and s.value[1] == naming for s in q.of("entity"))
        # 「孝昌的专项资金执行率是多少」: one place's projects together, of a sheet with no 小计 row stating it
        places = plan.filter_on("region")
        subtotals = any("小计" in values for values in self.holdings.cells.get(plan.table, {}).values())
        place = places is not None and len(places.value) == 1 and not subtotals and schema.generic
        return (
            (bool(kinds) or place)
            and not named
            and not plan.aggregate
            and not plan.ranking
            and plan.shape in ("detail", "value")
        )

    def _key_marked(self, table: str, q: Question) -> bool:
        """The 【重点考核】 mark filters only where the asked rows carry it (「2020年重点考核任务」 names a document
        none of whose rows is marked: its rows are all `key_task` rows)."""
        if any("重点考核" in s.text for s in q.of("document")):
            return table == "tasks"  # (every row of a 重点考核任务 table is a `key_task`, and the marked rows)
        marked = self.holdings.key_years.get(table, set())
        years = [s.value for s in q.of("year")]
        return bool(marked) and (not years or bool(set(years) & marked))

    def _measure(self, schema: TableSchema, q: Question) -> str:
        over = [s for s in q.of("versus_target") if s.value == "gt"]
        if over and "excess" in schema.measures and (q.has("rank") or q.has("compare") or q.has("topk")):
            return "excess"  # 「超出考核目标最多」: ranked by how far over
        text = q.fact_text or _without(q.text, q, ("document", "quote", "status_label_word", "versus_target",
                                                    "threshold"))  # fmt: skip
        text = REST_AMONG.sub(" ", text)  # 「剩下几个县里…最低」: the rows ranked, not what remains to do
        # a ranking or a progress (「它的污水管网任务呢？」) of the measure asked before; not a sum of a count
        ranked = q.has("rank") or q.has("topk") or ("progress" in q.values("ask") and not q.has("sum"))
        if (
            ranked
            and q.follow_up
            and q.context_text
            and not schema.generic
            and schema.measure_for(GAP_ASKED.sub(" ", text)) is None
        ):
            # 「最高的是哪个？两者差多少？」 after 「…执行率哪个区最低？」: the rate again, two rows apart
            text = (GAP_ASKED.sub(" ", text) if BOTH_ROWS.search(text) else text) + " " + q.context_text
        if (q.has("rank") or q.has("compare") or q.has("topk")) and not q.has("both_ends"):
            # 「差距最大」「还差多少」: a gap is what is ranked or compared, whatever else is named (not 「最高和最低的
            # 差多少」: the two ends of the figure, apart)
            for name in ("gap", "excess", "remaining"):
                spec = schema.measures.get(name)
                if spec and any(w in text for w in spec.words):
                    return name
        for better in (s.text for s in q.of("rank") if BETTER_ONE.fullmatch(s.text)):  # 「谁执行得好」: by 执行率
            rate = " 执行率 " if re.search("执行|落实", better) else " 完成率 "
            text = text.replace(better, rate if any(v in better for v in RATE_VERBS) else " ")
        columns = [s.value[1] for s in q.of("column") if s.value[0] == schema.name]
        gap = _target_gap(schema, " ".join([text, *q.values("pollutant")]), columns)
        if gap and not (q.has("both_ends") and not TARGET_SAID.search(q.text)):
            return gap
        years = [s.value for s in q.of("year") if not _names_document(s, q)]
        if schema.name == "indicators" and len(years) == 1 and any(q.has(k) for k in ("rank", "order", "sum")):
            return "year_value"  # 「2015年…排放总量哪项最高」「…加起来」: the value each row states for that year
        if schema.name == "indicators" and len(set(years)) == 1 and TARGET_OVER_YEAR.search(q.text):
            return "year_change"  # 「目标比2040年基准提高多少个百分点」: from that year to each row's target year
        if schema.name == "indicators" and len(set(years)) >= 2 and (q.has("rank") or q.has("order")) \
                and YEARS_CHANGE.search(q.text):  # fmt: skip
            return "year_change"  # 「从2015年到2020年哪个指标提高得最多」
        if schema.generic:  # 「臭氧浓度」 of a sheet whose column is 「O3-8h第90百分位」
            text += " " + " ".join(v for p in q.values("pollutant") for v in (p, p.lower()))
            held = self.holdings.years.get(schema.name, set())
            other = [y for y in years if y not in held]
            stated = _year_measure(schema, other, q) if other else ""
            if stated:
                return stated
        period = q.period or (period_said(q.context_text) if q.follow_up else "")
        if re.fullmatch(r"\d{1,2}-\d{1,2}月", period) and period not in text:
            text += " " + period  # 「上半年优良天数比例」 is the 「1-6月优良天数比例」 column's, not 「1月」's
        counts = [c for c in _status_counts(schema.name, q) if c in schema.measures]
        if schema.generic and counts:  # 「被评为滞后的任务有多少项」 of a summary counting each status in a column
            return counts[0]
        spec = schema.measure_for(text)
        if (
            spec is not None
            and schema.generic
            and (CHANGE_ASKED.search(q.text) or CHANGE_SAID.search(q.text))
            and not CHANGE_MEASURE.search(spec.label)
        ):
            # 「优良天数比例同比是升是降」「跟去年同期相比变化了多少」 (after 「…优良天数比例是多少」): the change column under
            # the same header, not the figure itself
            group = spec.label.split("·")[0]
            spec = next((m for m in schema.measures.values() if "·" in m.label and m.label.split("·")[0] == group
                         and CHANGE_MEASURE.search(m.label.split("·")[-1])), spec)  # fmt: skip
        if spec is None and "done" in schema.measures and (q.has("sum") or ranked) and _quantity_unit(q):
            # 「新增的自然村总共有多少个」: the counts the rows' progress states, or their tasks' 「任务数」
            return "total" if TOTAL_ASKED.search(text) else "done"
        # (a measure's own unit, not a classifier rows are counted in: 「几个项目」)
        in_unit = [m for m in schema.measures.values() if m.unit and m.unit == _quantity_unit(q) and not m.derived
                   and m.unit not in ROW_CLASSIFIERS]  # fmt: skip
        if spec is None and schema.generic and len(in_unit) == 1 and (q.has("sum") or ranked):
            return in_unit[0].name  # 「累计巡了多少公里」: the sheet's one figure in the unit asked (巡河长度（公里）)
        durations = [m for m in schema.measures.values() if m.unit == "天" and m.derived]
        if spec is None and len(durations) == 1 and any(DURATION_RANK.search(s.text) for s in q.of("rank")):
            return durations[0].name  # 「哪个项目审批最快」「拖得最久」: the days from one date of the row to the next
        shares = [m for m in schema.measures.values() if m.unit == "%" and not m.derived]
        if schema.generic and len(shares) == 1 and (spec is None or spec.unit != "%") and q.has("rank") \
                and ("rate" in q.values("ask") or any(re.search("[慢快]", s.text) for s in q.of("rank"))):  # fmt: skip
            return shares[0].name  # 「哪个县花得最慢？支出比例多少」: ranked by the sheet's one rate (执行率)
        placed = self._placed_measure(schema, spec, q)
        if placed:
            return placed
        if spec is None and q.has("position") and _rank_column(schema):  # 「排第几」: the sheet's own 排名
            return _rank_column(schema)
        if spec is None:  # 「那排最后一名的呢？」: the column the question before named
            named = [s for s in q.of("column") if s.value[0] == schema.name and s.value[1] in schema.measures]
            if CHANGE_ASKED.search(q.text) or CHANGE_SAID.search(q.text):  # 「…变化了多少」: the change column
                named = [s for s in named if CHANGE_MEASURE.search(schema.measures[s.value[1]].label)] or named
            spanned = [s for s in named if period and period in schema.measures[s.value[1]].label]
            named = spanned or named  # 「倒数第二是哪个」 after 「上半年…最低」: the 1-6月 column again
            # the column most plainly named (「执行率」 over the 「省级」 every level's column has)
            return max(named, key=lambda s: len(s.text)).value[1] if named else ""
        if spec.unit == "%" and re.search(r"钱|金额|万元|多少万", text) and not re.search(r"率|比例|百分", text):
            # 「已经花出去的钱」 of a 已支出 group of 金额 and 执行率: the amount
            group = spec.label.split("·")[0]
            amount = next((m for m in schema.measures.values()
                           if m.label.split("·")[0] == group and m.unit != "%" and not m.derived), None)  # fmt: skip
            return amount.name if amount else spec.name
        # 「省级资金支出了多少」: the column a word of its own names (已支出), not the one 「资金」 names as every fund's
        own = {s.value[1] for s in q.of("column") if s.value[0] == schema.name and s.value[1] in schema.measures
               and s.text not in FUND_WORDS}  # fmt: skip
        by_fund_word = all(s.text in FUND_WORDS for s in q.of("column") if s.value[:2] == (schema.name, spec.name))
        if schema.generic and len(own) == 1 and spec.name not in own and by_fund_word:
            return own.pop()
        return spec.name

    def _shape(self, plan: QueryPlan, schema: TableSchema, q: Question) -> QueryPlan:
        dated = self._date_column(plan.table, q) if q.has("date_rank") else ""
        if dated:  # 「哪家许可证最早到期」: the row of the earliest date of the column the verb names
            k = q.first("topk") or 1
            ends = re.fullmatch(DATE_VERBS[0][0], _ranked_verb(q))
            return plan.with_(ranking=Ranking(q.first("date_rank"), k), order_by=dated, order_end=bool(ends),
                              shape="rank", group_by="")  # fmt: skip
        group = self._group(schema, q)
        rank = q.first("rank") or ((q.first("order"), ALL_IN_ORDER) if q.has("order") else None)
        k = q.first("topk") or (rank[1] if rank else 1)
        # 「没有执行完毕」 is 否; 「没纳入大气环境」 is a column without its √
        negation_read = (
            "否" in self.yes_no_columns(plan.table, q).values()
            or any(negated for _, negated in self.mark_columns(plan.table, q).values())
            or any(f.op == "excludes" for f in self.act_cells(plan.table, q))
        )  # 「罚款还没交到位」: a cell negated
        if q.has("without") and group and not negation_read and not any(f.op == "none" for f in plan.filters):
            return plan.with_(group_by=group, complement=True, shape="list")
        statuses = [f for f in plan.filters if f.field in STATUS_FIELDS and f.op in NEGATED_OP]
        if q.has("every_row") and group and statuses:  # every row of the place has it: none has it not
            negated = tuple(replace(f, op=NEGATED_OP[f.op]) if f in statuses else f for f in plan.filters)
            return plan.with_(filters=negated, group_by=group, complement=True, every=True, shape="list")
        places = plan.filter_on("region")
        whole = _count_whole(plan, schema, q)
        if whole is not None and q.has("share") and not q.has("count"):  # 「滞后任务占全部任务的几成」: rows counted
            return plan.with_(aggregate="count", count_of=schema.key, shape="count", group_by="", compare="share",
                              count_of_whole=whole)  # fmt: skip
        if self._asks_share(plan, schema, q):  # 「阳春市占了其中多大比例」: of the 合计 row
            # 「中央资金占下达总额的比例」: of the 合计 row's figure in the column named after 占
            said = next((s.text for s in q.of("share")), "")
            whole = schema.measure_for(said) if said else None
            total = whole.name if whole is not None and whole.name != plan.measure and whole.unit != "%" else ""
            measure = plan.measure or schema.default_measure
            return plan.with_(compare="share", shape="compare", group_by="", total=total, measure=measure)
        if q.has("position") and places is not None and places.op == "in":
            return self._position(plan, schema, places.value)
        spec = schema.measures.get(plan.measure or schema.default_measure)
        # places named, not a city's 区县 it stands for (「丽水…哪个项目投资最大」 ranks projects, not 区县)
        several = places is not None and places.op == "in" and len(set(places.value) & set(q.regions)) >= 2
        # 「吴川和徐闻总得分哪个高」「江城区和阳东区完成投资哪个低」: the places' totals (an amount adds up; a rate
        # or a reading does not)
        adds_up = spec is not None and (spec.additive or (schema.generic and spec.unit != "%" and not spec.derived
                                                          and not spec.lower_is_better))  # fmt: skip
        if not rank and q.has("compare") and several and len(places.value) == 2 and adds_up:
            rank = ("max", 1)  # 「陆丰和海丰比，谁的考核分高？高几分」: the two totals, the higher first, and the gap
        elif rank and not q.has("topk") and q.has("compare") and several and len(places.value) == 2 and not adds_up:
            rank = None  # 「A和B谁的完成率更高？高出多少」: a rate of each (no total), and the gap between the two rows
        if rank or q.has("topk"):
            if not group and several and (q.has("sum") or adds_up):
                group = "region"
            direction = "both" if q.has("both_ends") else (rank[0] if rank else "max")
            if direction in ("first", "last"):  # 「综合指数排第一」 of a sheet with its 排名: 排名 1; else the largest
                stated = _rank_column(schema, plan.measure)
                if stated:
                    plan = plan.with_(measure=stated)
                direction = ("min" if direction == "first" else "max") if stated else (
                    "max" if direction == "first" else "min")  # fmt: skip
            fast = any(re.search("[快慢]", s.text) for s in q.of("rank"))
            if spec is not None and spec.derived and spec.unit == "天" and fast and direction in ("max", "min"):
                direction = {"max": "min", "min": "max"}[direction]  # 「办得最快」「谁更快」: the fewest days
            if direction in ("best", "worst"):  # 「空气最好」: the lowest of what is better lower
                direction = "min" if (direction == "best") == bool(spec and spec.lower_is_better) else "max"
            ranked = plan.with_(ranking=Ranking(direction, k, nth=q.has("nth")), shape="rank", group_by=group)
            if direction == "both" and q.has("compare"):  # 「最高和最低的站点差多少」: the two ends, and how far apart
                ranked = ranked.with_(compare="ends")
            counted = _counted_before_rank(q, schema)
            if counted and group and counted != group:
                return ranked.with_(aggregate="count", count_of=counted)
            summable = not (spec and spec.unit in RATE_UNITS)  # rates are ranked row by row, never added up
            summed = q.has("sum") or q.has("each") or adds_up
            if summed and group and group not in (schema.key, schema.entity) and summable:
                return self._quantities(ranked.with_(aggregate="sum"), schema, q)
            if q.has("compare") and schema.measures.get("excess"):
                return ranked.with_(measure="excess")
            return self._quantities(ranked, schema, q)
        # 「一共有多少个」「牵头单位有城管局的一共几条」 count rows: a department's rows, not the 条 of rivers they state
        summed = (q.has("sum") and _quantity_unit(q) and not schema.noun_column(_count_noun(q) or "-")
                  and not re.search(r"(有|共)(多少|几)(个|项)", q.text)
                  and not (schema.generic and (firms := re.search(r"(多少|几)(家|次)", q.text))
                           and not _counted_in(schema, firms.group(2), q))
                  and not _rows_of_department(q))  # fmt: skip
        in_column = self._column_counted(plan, schema, q)
        if in_column:  # 「全市重点排污单位有多少家」 of a sheet counting them by 区县: its column added up
            return plan.with_(measure=in_column, aggregate="sum", shape="sum", group_by="")
        if q.has("count") and not summed:
            counted = _counted_column(schema, _count_noun(q), q)
            if counted in ("row_id", "full_name") and plan.table == "indicators" and plan.filter_on("attribute"):
                counted = "indicator_key"  # an attribute belongs to the numbered indicator, not its sub-rows
            if counted:
                spec = schema.measures.get(plan.measure)
                # (「有几起处罚案件，罚款多少」: the amount asked in a clause of its own is their total too)
                amount = any(c.value[:2] == (plan.table, plan.measure) and AMOUNT_CLAUSE.match(q.text[c.start :])
                             and re.search(r"[，,]", q.text[: c.start]) for c in q.of("column"))  # fmt: skip
                total = plan.measure if (q.has("sum") or amount) and _adds_up(spec) else ""
                said = ROWS_COUNTED_AS.search(q.text) if counted in (schema.key, schema.entity) else None
                # 「许可证有几家」 of a list of organisations: counted by its 许可证编号, said in 家
                said = said or (COUNTED_IN_FIRMS.search(q.text) if _rows_are_organisations(schema) else None)
                whole = _count_whole(plan, schema, q)  # (「总共多少项，已完成几项」: the count beside all the rows')
                # 「各县到期的许可证分别有几家」: a count for each place of a register
                each = group if (q.has("each") and schema.generic and group == "region" and counted != group) else ""
                return plan.with_(aggregate="count", count_of=counted, shape="count", group_by=each, total=total,
                                  counted_as=said.group(2) if said else "", count_of_whole=whole,
                                  compare="share" if whole is not None and q.has("share") else plan.compare)  # fmt: skip
        # (「1-9月均值是多少」 of one row named, in a sheet whose column says 均值: that column's figure)
        column_mean = schema.generic and any(
            c.value[0] == schema.name and m.start <= c.start and c.end <= m.end
            for m in q.of("mean")
            for c in q.of("column")
        )
        # (「总磷均值是多少」 of a task: the figure its progress states, named 均值, not a mean of tasks)
        named_mean = plan.table == "tasks" and all(s.text.startswith("均值") for s in q.of("mean"))
        if q.has("mean") and not named_mean and not (column_mean and self._one_row_named(plan, schema)):
            return plan.with_(aggregate="mean", shape="mean", group_by=group)
        if q.has("sum"):
            each = group if (q.has("each") and group not in ("", schema.key, schema.entity)) else ""
            summed = self._quantities(plan.with_(aggregate="sum", shape="sum", group_by=each), schema, q)
            if summed.measure or summed.quantity_unit:
                return summed.with_(total=_second_sum(schema, q, summed.measure) if not each else "")
        if self._place_amount(plan, schema, q):  # 「孟津区的专项资金项目还有多少钱没支出」: the place's rows added up
            return plan.with_(aggregate="sum", shape="sum", group_by="")
        if self._amount_each(plan, schema, group, q):  # 「各区县的罚款分别是多少」: each place's rows added up
            return plan.with_(aggregate="sum", shape="sum", group_by=group)
        # 「要从多少提高到多少」: an indicator's current value against its target
        moves = plan.table == "indicators" and (_compares_years(q) or q.has("direction"))
        # 「哪些站点比去年同期还高」: the rows whose change is up, a list, not one row against another
        directed = schema.generic and (q.has("which") or q.yes_no) and self._direction_column(plan.table, q) is not None
        # (or two columns of the row compared: 「二季度比一季度水质变好的」 of water classes)
        directed = directed or (schema.generic and any(f.column and f.value in schema.labels for f in plan.filters))
        directed = (
            directed
            or any(WHOLE_MEAN.fullmatch(str(s.value)) for s in q.of("compare_with"))
            and any(f.field in schema.measures and f.op in ("lt", "gt") and not f.column for f in plan.filters)
        )  # 「比全市平均水平低的县区」: a list bounded by the 全市 row
        if q.has("compare") or (q.has("compare_with") and not directed) or moves:
            with_other = self._with_compared_row(plan, q)
            kind = "rows" if with_other is not plan else self._compare_kind(plan, schema, q)
            plan = with_other
            years = tuple(_years_between(q)) if kind == "years" else ()
            if plan.measure == "year_change" and plan.years:  # 「目标比2040年提高多少」: that year to the target's
                kind, years = "years", plan.years
            elif kind == "target" and plan.table == "indicators" and len(asked_years := _years_between(q)) == 1 \
                    and BASE_SAID.search(q.text):  # fmt: skip
                kind, years = "years", (BASE_YEAR, asked_years[0])  # 「到2050年要比基准值提高几个百分点」
            gap = schema.gap_measure(plan.measure) if kind == "target" and schema.generic else None
            if gap is not None and plan.measure in gap.gap_of:  # 「比考核目标高出多少」: the reading's gap to it
                plan = plan.with_(measure=gap.name)
            read = schema.measures.get(plan.measure)
            if kind == "rows" and read is not None and read.gap_of:  # 「A跟B的PM10相差多少」: the readings, not gaps
                plan = plan.with_(measure=read.gap_of[0])
            # 「谁的PM2.5更低？低多少」: the lower one said first
            lower = kind == "rows" and any(v[0] == "min" for v in q.values("rank"))
            return plan.with_(compare=kind, shape="compare", years=years, asked=(*plan.asked, *(["lower"] * lower)))
        if q.yes_no:
            return plan.with_(shape="yesno", group_by=group)
        if group:
            return self._quantities(plan.with_(group_by=group, shape="list"), schema, q)
        conditions = [f for f in plan.filters if f.field not in SCOPING_FIELDS and f.field not in schema.lexicon]
        # 「标为“进度滞后”的有哪几件事」「自然资源局牵头的…还有哪些」: rows picked by a named value
        labelled = q.has("which") and any(
            f.field in schema.lexicon and f.field not in SCOPING_FIELDS for f in plan.filters
        )
        if conditions or labelled or self._lists_nouns_of(plan.table, q):
            return plan.with_(shape="list")
        plural = any(re.match(r"哪(些|几)", v) for v in q.values("which"))
        if plural and not set(q.values("ask")) & set(DETAIL_ASKS):
            # 「…超过警戒线的有哪几个」: every row saying it (words some row has); only then are the
            # question's match words read here (the plan reads them again once shaped)
            words = self._match_words(plan.table, q, tuple(q.doc_ids)).replace("|", " ").split()
            if any(self.holdings.known(w, plan.table) for w in words):
                return plan.with_(shape="list")
        return plan.with_(shape="detail")

    def _asks_share(self, plan: QueryPlan, schema: TableSchema, q: Question) -> bool:
        """A share of the table's 合计 asked of named rows: an amount's (not a rate's), and not per row or by rank
        (「各区县分别占…」「哪个区县占比最高」), nor of rows picked by a condition (their 小计 would stand in)."""
        # (「专项资金占全市的比重」: the sheet's own figure when none is named)
        spec = schema.measures.get(plan.measure or schema.default_measure)
        picked = any(f.field not in SCOPING_FIELDS and f.field not in schema.lexicon for f in plan.filters)
        # (「在全部下达资金里占几成」: 全部 says the whole, before the share, not each row)
        share = q.of("share")[0].start if q.has("share") else 0
        cues = any(q.has(k) for k in ("rank", "which", "topk", "threshold")) or any(
            s.text not in ("全部", "所有") or s.start > share for s in q.of("each"))  # fmt: skip
        # (a sheet with no 合计 row: of the same rows of every place, named by their words, `Executor._every_place`)
        named = self._row_worded(plan.table, q) or any(f.field in schema.lexicon for f in plan.filters)
        whole = plan.table in self.holdings.totals or (plan.filter_on("region") is not None and named)
        return q.has("share") and whole and spec is not None and spec.unit != "%" and not cues and not picked

    def _group_bound(self, plan: QueryPlan, schema: TableSchema, q: Question) -> QueryPlan:
        """「总得分低于20分的县区」: the bound is on each 区县's total of an additive measure, not on each row."""
        if not (q.has("sum") and PLACES_ASKED.search(q.text)) or plan.ranking or plan.aggregate == "count":
            return plan
        additive = {m.column: m.name for m in schema.measures.values() if m.additive}
        bound = next((f for f in plan.filters if f.field in additive and f.op in ("lt", "le", "gt", "ge")), None)
        if bound is None:
            return plan
        return plan.with_(
            filters=tuple(f for f in plan.filters if f is not bound), having=replace(bound, field="_value"),
            group_by="region", aggregate="sum", measure=additive[bound.field], shape="list",
        )  # fmt: skip

    def _position(self, plan: QueryPlan, schema: TableSchema, places: tuple[str, ...]) -> QueryPlan:
        """「恩平排第几」: every row of the place's city in order (best first), the place's own pointed out."""
        cities = {self.holdings.parents.get(p, p) for p in places}
        held = self.holdings.regions.get(plan.table, set())
        peers = tuple(sorted(r for r in held if self.holdings.parents.get(r) in cities)) or places
        spec = schema.measures.get(plan.measure or schema.default_measure)
        own = _rank_column(schema, spec.name) if spec is not None else ""
        if own and own != spec.name and _ranks(schema.measures[own].label, spec.label):
            plan, spec = plan.with_(measure=own), schema.measures[own]  # 「综合指数排第几」: its 综合指数排名 as stated
        rank = _rank_column(schema)  # the sheet's own 排名: 1 is first
        direction = "min" if spec and (spec.lower_is_better or (rank and plan.measure == rank)) else "max"
        kept = tuple(f for f in plan.filters if f.field != "region")
        ranked = plan.with_(filters=(*kept, Filter("region", "in", peers)), ranking=Ranking(direction, ALL_IN_ORDER),
                            shape="rank", focus=tuple(places))  # fmt: skip
        # 「海丰县考核得分排第几」: a 区县's score is its tasks' added up
        return ranked.with_(group_by="region", aggregate="sum") if spec is not None and spec.additive else ranked

    def _quantities(self, plan: QueryPlan, schema: TableSchema, q: Question) -> QueryPlan:
        """A figure each row states in its text, in the unit asked (「要整治多少家企业」, 「治理率目标
        定得最低」), when no column of the table holds it: rows summed, ranked or listed by it."""
        if plan.table != "tasks" or plan.measure in ("rate", "points"):
            return plan
        unit = _quantity_unit(q)
        if not unit and re.search(r"率|百分", q.text) and ("target" in plan.asked or plan.ranking):
            unit = "%"
        if not unit:
            return plan
        return plan.with_(quantity_unit=unit, measure="", group_by=plan.group_by or "region")

    def _group(self, schema: TableSchema, q: Question) -> str:
        """The column a question groups or lists by: the noun after 「哪些/哪个」 (「哪些子站」), before
        「有哪些」 (「区县有哪些」), after 「各/每个」, or closing the question (「…的区县？」)."""
        text = q.text
        asked = DEPARTMENTS_ASKED.search(text)
        if schema.name == "tasks" and asked and any(q.has(k) for k in ("rank", "count", "each")):
            # 「哪个部门滞后的任务最多」 (not 「由哪个部门牵头」, which asks a task's lead)
            return "responsible_units" if asked.group(2) == "责任单位" else "lead_units"
        if schema.generic and any(s.text.endswith("家") or text[s.end : s.end + 1] == "家" for s in q.of("which")):
            found = schema.nouns.get("企业") or schema.nouns.get("单位") or ""
            if found:  # 「哪几家自动监控还没联网」: 家 counts companies, whatever words follow
                return found
        for slot in q.of("which"):  # 「哪个县的任务最多」: the noun right after it (「哪个资金项目」: its head, 项目)
            found = _head_noun(schema, text[slot.end : slot.end + 8])
            if found:
                return found
        among = re.search(
            r"[一二三四五六七八九十两\d]+个\s*([\u4e00-\u9fff（）、]{1,8}?)(里头|里面|当中|之中|中|里)", text
        )
        found = _first_noun(schema, among.group(1), at_start=True) if among and q.has("which") else ""
        if found:  # 「九个区县里头，哪个一项滞后的任务都没有」: one of the 区县
            return found
        # 「哪些没整改完」: a status said is no noun to list by (its 整改 is not the 整改进展 column)
        unsaid = "".join(" " if any(s.start <= i < s.end for s in q.of("status")) else c for i, c in enumerate(text))
        # 「哪座还没有建渗滤液收集设施」: a 是/否 column's condition is no noun to list by either
        for _, phrase in self._yes_no_said(schema.name, q).values() if schema.generic else ():
            unsaid = unsaid.replace(phrase, " " * len(phrase))
        for slot in q.of("which"):
            after = re.split(r"[,，。？?！!；;]", unsaid[slot.end : slot.end + 12])[0]
            found = _first_noun(schema, after)
            if found:
                return found
            before = text[max(0, slot.start - 8) : slot.start]
            # (「一级监管的尾矿库中，哪座…」: the rows said before 中 are listed)
            found = _last_noun(schema, re.sub(r"(有|是|为|属于|包括)$|(中|里|里面|当中|之中)[，,]?$", "", before))
            if found:
                return found
        for slot in q.of("each"):
            found = _first_noun(schema, text[slot.end : slot.end + 5], at_start=True)
            if not found and slot.text in ("各自", "分别", "各"):
                found = _last_noun(schema, re.sub(r"的$", "", text[max(0, slot.start - 8) : slot.start]))
            if found:
                return found
        counted = re.search(r"[一二三四五六七八九十两\d]+个\s*([\u4e00-\u9fff（）、]{1,8})", text)
        if counted and (q.has("each") or q.has("sum") or q.has("rank")):
            found = _first_noun(schema, counted.group(1), at_start=True)
            if found:
                return found
        closing = re.search(r"的\s*([\u4e00-\u9fff（）、]{1,8})[？?。!！]*$", text)
        if closing:  # (「…执行率最低的资金项目」: its head, 项目)
            found = _head_noun(schema, closing.group(1)) or _first_noun(schema, closing.group(1))
            if found:
                return found
        return ""

    def _with_compared_row(self, plan: QueryPlan, q: Question) -> QueryPlan:
        """「9月份的臭氧浓度比5月份高了多少」: the row compared with (5月) beside the one named (9月), when it is a
        value of the same column of a generic table; else the plan as it is."""
        other = q.first("compare_with")
        cells = self.holdings.cells.get(plan.table, {})
        if not other or not self.schemas[plan.table].generic:
            return plan
        places = plan.filter_on("region")
        # (「比全市平均高出多少」 of a sheet whose 全市平均 row is a mean: that row too)
        stated = self.holdings.wholes.get(plan.table, {}).get(plan.measure, (0.0, MEAN_OF_ROWS))[1] != MEAN_OF_ROWS
        mean = WHOLE_MEAN.fullmatch(str(other)) and (plan.table in self.holdings.mean_rows or stated)
        if (WHOLE_COMPARED.match(str(other)) or mean) and plan.table in self.holdings.totals and places is not None:
            # 「比全市总体执行率低多少」: the place's row beside the 合计 row of its city
            cities = tuple({self.lexicon.parent_of(p) for p in places.value} - {""})
            if len(places.value) == 1 and len(cities) == 1:
                kept = tuple(f for f in plan.filters if f is not places and f.field != "total_row"
                             and not (f.op == "in" and f.value and all(_whole_cell(str(v)) for v in f.value)))  # fmt: skip
                return plan.with_(filters=(*kept, replace(places, value=(*places.value, *cities))))
        for condition in plan.filters:
            if condition.op != "in" or len(condition.value) != 1 or condition.field not in cells:
                continue
            said = [v for v in cells[condition.field] if str(other).startswith(v)]
            if said:
                value = sorted(cells[condition.field][max(said, key=len)])[0]
                if value not in condition.value:
                    kept = tuple(f for f in plan.filters if f is not condition)
                    label = f"{condition.label}、{value}" if condition.label else ""
                    return plan.with_(filters=(*kept, replace(condition, value=(*condition.value, value), label=label)))
        return plan

    def _compare_kind(self, plan: QueryPlan, schema: TableSchema, q: Question) -> str:
        # two rows of one column named (「寿光羊口站跟诸城密州站」), not a station and its pollutant
        named = Counter(s.value[1] for s in {s.value: s for s in q.of("entity") if s.value[0] == plan.table}.values())
        if len(q.regions) >= 2 or len(q.values("station")) >= 2 or max(named.values(), default=0) >= 2:
            return "rows"
        if plan.table == "indicators" and len(_years_between(q)) >= 2:
            return "years"
        if len(q.doc_ids) >= 2:  # 「十三五规划和示范市方案的森林覆盖率目标一样吗」: each document's row
            return "rows"
        return "target"

    def _titled(self, table: str, match: str, q: Question) -> tuple[str, ...]:
        """The documents of the table whose names hold most of every word of `match` (「生态文明建设」 of
        「…创建国家生态文明建设示范市…方案」), when they are some of the table's documents, not all, and the
        question says the words as a document's (「…指标里」「…那张表」), not as a topic (「水污染防治的任务」)."""
        words = [w for w in re.split(r"[\s|]+", match) if w]
        held = sorted(self.holdings.docs.get(table, ()))
        if not words or len(held) < 2:
            return ()
        short = self._title_shortened(held, words, q)
        if short:
            return short
        if any(len(w) < MIN_TITLE_WORD for w in words) or not all(
            re.search(re.escape(w) + r"[^，,。？?]{0,4}(表|方案|规划|计划|指标|文件|清单)", q.text) for w in words
        ):
            return ()

        def names(doc: str, word: str) -> bool:
            pairs = set(bigrams(self.holdings.doc_names.get(doc, "")))
            own = bigrams(word)
            return bool(own) and sum(p in pairs for p in own) >= TITLE_SHARE * len(own)

        titled = tuple(d for d in held if all(names(d, w) for w in words))
        return titled if len(titled) < len(held) else ()

    def _title_shortened(self, held: list[str], words: list[str], q: Question) -> tuple[str, ...]:
        """The documents a question names by shortening their title (「大气重点任务」 of 「…大气污染防治重点任务推进情况
        的通报」): its one leftover word and the table's noun after it, in order in some of the documents' names."""
        noun = re.search(re.escape(words[0]) + r"(重点任务|重点工作|任务|项目)", q.text) if len(words) == 1 else None
        if noun is None or len(words[0]) < 2:
            return ()
        said = words[0] + noun.group(1)
        named = tuple(d for d in held if _subsequence(said, self.holdings.doc_names.get(d, "").split(" ")[0]))
        return named if len(named) < len(held) else ()

    def _of_kind(self, table: str, kind: str) -> bool:
        """Whether some document of the table is named as one of `kind` (「规划」「通报」)."""
        return any(kind in self.holdings.doc_names.get(d, "") for d in self.holdings.docs.get(table, ()))

    def _names_kind(self, table: str, word: str) -> bool:
        """Whether `word` is made of pieces of the names of at least half of the table's documents (two
        or more): 「攻坚」 of 「…污染防治攻坚重点任务推进情况表」 and 「…攻坚战工作任务进度滞后情况表」."""
        names = [self.holdings.doc_names.get(d, "") for d in self.holdings.docs.get(table, ())]
        return len(names) >= 2 and 2 * sum(pieces(word, name) > 0 for name in names) >= len(names)

    def _match_words(self, table: str, q: Question, docs: tuple[str, ...] = ()) -> str:
        """The words left to pick rows by: the question without its slots and question words, nor
        the words naming the documents asked about (`docs`); 「A、B分别…」 gives one alternative per
        name (「A|B」)."""
        listed = [str(s.value) for s in q.of("indicator") if s.start < 0] if q.rows_listed else []
        if listed and table == "indicators":  # 「这里面属于约束性的是哪几个」: the indicators the answer before listed
            return "|".join(listed)
        kept = ("town", "indicator", "pollutant", "station", "quote")
        schema = self.schemas[table]
        if schema.generic and all(
            _measure_naming(schema, p) or _titled_pollutant(schema, p) for p in q.values("pollutant")
        ):
            # 「臭氧」 named the column read, or the sheet's own (「…细颗粒物（PM2.5）浓度」 over 月均浓度 columns)
            kept = ("town", "indicator", "station", "quote")
        if not self.schemas[table].generic:
            kept += ("column", "entity")  # a generic table's header words are only words to other tables
        # (an indicator's rows by its whole name, with the words inside it)
        whole = table == "indicators"
        text = (
            residual(q, kinds_kept=kept, whole_names=whole) if not q.fact_text else _blank_slots(q.fact_text, q, kept)
        )
        pointer = ITEM_POINTER.match(text) if q.context_words and ITEM_POINTER.match(q.text) else None
        if pointer:  # 「这项工作对应的专项资金」: the item the question before named, in this table's rows
            text = f"{text[: pointer.start()]} {q.context_words} {text[pointer.end() :]}"
        # 「这些断面」「这些里面」: the rows, no name of one (but a task's words may say 「这些车」)
        pointer = ROWS_POINTER if schema.generic else POINTER_ALONE
        text = pointer.sub(lambda m: " " * len(m.group(0)), text)
        reach = REACH_ASKED.search(q.text) if len(text) == len(q.text) else None
        if reach:  # 「达到75%的序时要求，还得再支出多少」 says what is computed, no row's name
            text = text[: reach.start()] + " " * (reach.end() - reach.start()) + text[reach.end() :]
        for slot in q.of("threshold"):  # 「处理超过20天」: the verb of a measure in 天 before it, no row's name
            verb = re.search(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2}了?$", text[: slot.start])
            if verb and slot.value[2] and any(m.unit == slot.value[2] for m in schema.measures.values()):
                text = text[: verb.start()] + " " * (slot.start - verb.start()) + text[slot.start :]
        # 「离75%的序时进度差多少」: so does the rate a gap is asked to
        short = GAP_TO_RATE.search(q.text) if len(text) == len(q.text) else None
        if short:
            text = text[: short.start()] + " " * (short.end() - short.start()) + text[short.end() :]
        for word, _ in self.mark_columns(table, q).values():  # 「没纳入水环境」 of a √ column: said, no row's name
            text = re.sub(rf"({NEGATION})?(同时)?(纳入|列入|属于|是)?{re.escape(word)}", " ", text)
        # 「自动监控还没跟市平台联网」: said by its 是/否 column
        for column, (_, phrase) in self._yes_no_said(table, q).items():
            whether = YES_NO_HEADER.fullmatch(self.schemas[table].labels[column])
            lead, word = whether.groups() if whether else ("", phrase)  # (「渗滤液收集设施（是/否）」: its name)
            word = word if word in text else phrase  # (「没装视频监控」 of 「是否安装视频监控」: as said)
            text = re.sub(rf"({NEGATION})?[^，。？?\s]{{0,6}}{re.escape(word)}", " ", text)
            text = text.replace(lead, " ") if lead else text
        parts = [text]
        if re.search(r"分别|各是|各为|各超出|各差|这两项|两项|哪项", q.text) or (q.has("sum") and "、" in text):
            parts = [p for p in re.split(r"、|以及|和|及|与", text) if p.strip()]
        elif len(q.of("indicator")) > 1 and re.search(r"[？?][^？?]", q.text.strip()):
            parts = re.split(r"[？?]", text)  # 「PM2.5目标是多少？优良天数比例要到多少？」: two rows asked
        elif table == "indicators" and len(q.of("indicator")) + len(q.of("pollutant")) > 1:
            parts = [p for p in re.split(r"、|以及|和|及|与", text) if p.strip()]  # 「PM2.5和优良天数比例目标」
        alternatives = []
        rates = [w for spec in schema.measures.values() for w in spec.words if re.search("率|比例", w)]
        # 「空气站点」 of a 「表1 …各考核站点…」 in 「…环境空气质量考核站点监测情况」: the rows' noun, qualified by its
        # document's words (not any words of the document's name: 「我市环境空气的首要污染物」 still asks something)
        documents = " ".join(self.holdings.doc_names.get(d, "") for d in self.holdings.docs.get(table, ()))
        titled = replace(schema, title=f"{schema.title} {documents}")
        nouns = [n for n in schema.nouns if len(n) >= 2]
        for part in parts:
            part = re.sub(
                r"^\s*那么?(?=[\u4e00-\u9fffA-Za-z])(?![几两二三四五六七八九十个些起宗桩件家项])", " ", part
            )  # 「那优良天数比例呢」: a follow-up's 那
            part = FILLER.sub(" ", ENGLISH_FILLER.sub(" ", part))
            if re.search(
                r"[各每个][县区]", q.text
            ):  # 「各县农村生活污水治理」: the 县 of 「各县」 (its 各 read), no word's
                part = re.sub(r"(?<![^\s])[县区](?![级城域内])(?=[\u4e00-\u9fff]{2})", " ", part)
            part = re.sub(r"(?<=[\u4e00-\u9fff])[比较](?=\s|$)", " ", part)  # 「排放量比2015年」 without the year
            if not schema.generic:  # 「入河排污口整治率」: the rate is the measure, the rest names the rows
                part = re.sub("|".join(sorted(map(re.escape, rates), key=len, reverse=True)) or "$^", " ", part)
            # 「今年上半年」: the period says which year; a sheet (one document's) is of its own year
            # (「衢州今年的重点任务」: a place's rows are of its documents' year)
            if q.has("period") or q.has("year") or schema.generic or self.holdings.years.get(table) or q.regions:
                part = THIS_YEAR.sub(" ", part)  # (of a table with years: its newest, `_this_year`)
            part = re.sub(r"([\u4e00-\u9fff]{2,})类(?=\s|$)", lambda m: self._class_named(table, m), part)
            words = [w for w in part.split() if len(w) >= MIN_MATCH_CHARS or (len(w) == 1 and w in "厂站河湖")]
            words = [w for w in words if not PLACE_NOUN.fullmatch(w)]  # 「哪几个地区」 asks for places, names none
            words = [w for w in words if not UNIT_ONLY.fullmatch(w)]  # 「增加多少公顷」: the unit asked, no row's name
            words = [w for w in words if not UNIT_NOT_DONE.fullmatch(w)]  # 「还差多少户没完成」: the remainder asked
            if schema.generic:  # 「那家化工企业」: a company's kind, whatever its name ends with (…化工有限公司)
                words = [re.sub(r"(?<=[\u4e00-\u9fff]{2})(企业|单位)$", "", w) for w in words]
            if schema.generic:  # 「哪些月份城区…」: the table's own nouns and title words pick no row
                # 「哪天到期」「才接入自动监控的」: the date column the verb names (有效期至, 自动监控联网日期) is what is
                # asked, no row's name
                words = [p for w in words for p in self._dated_said(table, w).split()]
                words = [w for w in words if not _names_table(schema, w)
                         and not (_title_form(w) != w and _names_table(titled, _title_form(w)))  # 「环评台账」
                         and not (w.endswith(tuple(nouns)) and _names_table(titled, w))]  # fmt: skip
                if table in self.holdings.totals and WHOLE_ROW.search(q.text):
                    words = [w for w in words if w not in MEAN_WORDS]  # 「全市PM10平均浓度」: the 全市 row's own figure
            else:  # 「攻坚任务里」: words most of the table's documents are named by say which table
                words = [w for w in words if not self._names_kind(table, w)]
            named = " ".join(self.holdings.doc_names.get(d, "") for d in docs)
            # 「大气方案的分工表」「生态文明示范市」: words naming the document (in pieces too)
            words = [w for w in words if not (named and _pieced_said(w, named))]  # (「生态环保」 of 「生态环境保护…」)
            if words:
                alternatives.append(" ".join(words))
        if not alternatives and (q.context_words or q.context_cells):
            # 「开平市呢？」: the rows of the question before, in another place (a sheet's cells said before are carried
            # as cells; to other tables they are words)
            said = q.context_words if schema.generic else f"{q.context_words} {q.context_cells}"
            context = FILLER.sub(" ", THIS_YEAR.sub(" ", said)).split()  # (「今年」 says when: `_this_year`)
            if schema.generic:
                context = [w for w in context if not _names_table(schema, w)]
            return " ".join(w for w in context if len(w) >= MIN_MATCH_CHARS)
        return "|".join(alternatives)


DURATION_RANK = re.compile(r"[快慢久]|最长|最短")  # a ranking of the days a row took
TARGET_SAID = re.compile(r"目标|要求|标准|考核值")  # a gap to a target said (not 「最高和最低的差多少」)
COUNT_LABEL = re.compile(
    r"(?<![天指分次])数量?$"
)  # 「排查问题数」: a count with no unit written (not 优良天数, 综合指数)
MIN_ROW_WORD = 6  # a word this long inside one row's cell names that row
SAID_WITHIN = 3  # a word this short beside the column another plan reads is said with it (「钱付了」), no row's name
MIN_TITLE_RUN = 3  # a run of the question this long in a table's title names the table (not 「断面」「镇街」)
ROW_WORD_SHARE = 0.8  # … or this share of a longer word, in runs of two or more
# 「这项工作对应的…」「该项目…」 opening a follow-up: the one item the question before was about (not 「楼冈那个呢」,
# which names its own)
CLASS_WORDS = re.compile(r"水质类别|水质|类别")
LAST_YEAR_SAID = re.compile(r"(上年|去年|20\d\d\s*年)同期")  # a header of last year's figure, anywhere in it
NOT_STARTED_WORDS = r"未开工|未启动|尚未启动|没开工|未开展|没启动|尚未开工"
JOINED_STATUSES = re.compile(
    rf"({NOT_STARTED_WORDS})的?(和|或|及|、|以及|或者)[^，,。？?]{{0,4}}(滞后|落后)"
    rf"|(滞后|落后)的?(和|或|及|、|以及|或者)[^，,。？?]{{0,4}}({NOT_STARTED_WORDS})"
)
UNFINISHED = re.compile(r"(没有?|未)[\u4e00-\u9fff]{0,3}完(成)?$")  # 「没整治完」「未完成」: not finished
DUE_AFTER = re.compile(
    r"(?:时限|期限|截止时间|截止日期|完成时间|到期)(?:定|设)?(?:在|是|为)?\s*(1[0-2]|[1-9])月(?:底|末|份)?\s*(?:之后|以后)"
)
# 「上半年到期的」「7-9月要完成的」: a span of months said as when rows are due, not as the period reported
DUE_IN_SPAN = re.compile(
    r"(上半年|下半年|\d{1,2}\s*[-—至到]\s*\d{1,2}\s*月|季度)[^，,。？?]{0,3}?(到期|截止|要完成|需完成|须完成)"
)
PLAN_TARGET = re.compile(r"目标|削减|要求|规划|这[几两三四五]年|到20\d\d年")  # what a plan's indicator sets
HOW_OFTEN = re.compile(r"多久[^，,。？?]{0,6}一次|多长时间[^，,。？?]{0,6}一次|每隔多久|[几多少]+天一次|频次|频率")
WHEN_ASKED = re.compile(r"哪天|哪一天|什么时候|啥时候|何时|几号|几月几[日号]|什么日期")
STAGE_HEADER = re.compile(r"状态|评价|阶段")  # a column of a row's stage (前期 / 在建 / 已完成)
COUNT_CLASSIFIER = re.compile(r"(多少|几)(家|个|项|座|处|条|件|宗|起|台|辆|户|张|份)")
GENERIC_WORD = re.compile("|".join(sorted(GENERIC_LABEL_WORDS, key=len, reverse=True)))
LATE = re.compile(r"逾期|延期|超期|超时|未按期|未按时")  # a cell saying a thing was done (or is) late
ROWS_POINTER = re.compile(  # (「这期」: the sheet's own period; 「辰溪县两起…」: the rows counted as said)
    r"(这|那)(些|几个|几)|(这|那)(里头|里面|其中|当中)|上述|这一?期|本期|当期|(?<![第\d])[两二三四五六七八九十][起宗件]"
)
POINTER_ALONE = re.compile(rf"(?:{ROWS_POINTER.pattern})(?=\s*(里面|里|中|当中|之中|的|[，,。？?]|$))")
ITEM_POINTER = re.compile(r"\s*(这|那|该)一?(项|个)(工作|任务|项目|工程)?(对应|相关)?的?")
STATUS_FIELDS = ("status", "status_raw", "verdict", "cells")  # the filters a status said in a question becomes
NEGATED_OP = {"contains": "excludes", "eq": "ne"}
MONTH_NAME = re.compile(r"(1[0-2]|[1-9])月")

# -- helpers ---------------------------------------------------------------------------------------------

_VERDICT_LABELS = {
    "behind": "未达标或进度滞后",
    "met": "达标或已完成",
    "on_track": "按进度推进",
    "not_behind": "不属于滞后",
}


def _yes_no_said_short(asked: str, text: str) -> re.Match | None:
    """「立了案」 of 「是否立案」 (a verb and its object apart), 「整改完」 of 「是否整改到位」 (done, said any way)."""
    if len(asked) == 2:
        return re.search(rf"{asked[0]}了?{asked[1]}", text)
    if len(asked) == 4:  # 「发现了问题」 of 「是否发现问题」: a verb, a particle, its object
        said = re.search(rf"{re.escape(asked[:2])}[了过出]{re.escape(asked[2:])}", text)
        if said:
            return said
    done = re.fullmatch(r"(.{2,4}?)(到位|完毕|完成)", asked)
    return re.search(rf"{re.escape(done.group(1))}(到位|完毕|完成|完|好)", text) if done else None


def _said_outside_status(q: Question, word: str) -> bool:
    """Whether the question says a word other than inside a status it states (「完成」 of 「已经完成」 is the status),
    and the word is more than a status word (「完成了几项」: 完成 is any table's)."""
    if any(word in w for w in (*MET_WORDS, *BEHIND_WORDS)):
        return False
    return any(not any(s.start <= m.start() and m.end() <= s.end for s in q.of("status"))
               for m in re.finditer(re.escape(word), q.text))  # fmt: skip


REACH_VERBS = "达到|完成|实现|满足|符合"  # one another's words before a target (「达到年度目标」「完成年度目标」)
SAID_SHORTER = re.compile(rf"(?:{REACH_VERBS})[^，,。？?\s]{{1,8}}(?:要求|进度|目标)")


def _subsequence(short: str, long: str) -> bool:
    """Whether the characters of `short` occur in `long` in order (「达到6月底要求」 in 「达到6月底序时进度要求」)."""
    rest = iter(long)
    return all(c in rest for c in short)


TARGET_OVER_YEAR = re.compile(
    r"目标[^，,。？?]{0,6}?(?:比|较|相比)\s*20\d\d\s*年[^，,。？?]{0,6}?(?:提高|提升|增加|增长|下降|降低|减少|多|少)了?(?:多少|几)"
)
LONG_RUN = 8  # characters of a leftover word that is a clause of its own, not a name
GAP_TO_RATE = re.compile(  # 「离75%的序时进度差多少」「与75%相差多少」「距75%还有多大差距」, not 「…差多少万元」
    r"(?:离|距离?|与|和)\s*(\d+(?:\.\d+)?)\s*%(?:的[^，,。？?]{0,8}?)?\s*(?:分别|各)?(?:还)?"
    r"(?:相?差(?:多少|几)|有多大差距|差距(?:有)?多大|差距是?多少)(?!\s*(?:万|元|亿|钱|个|家|项|户|吨))"
)
OF_WHICH = re.compile(r"^其中\s*[：:]\s*")
POINTED_ITEM = re.compile(r"(?:这|那)一?(?:项|个|条)([\u4e00-\u9fff]{2})")  # 「那项任务」
# 「要达到75%的序时，还得再支出多少」「要达到85%还需要花多少万」: the rate to reach, then what is yet to spend
REACH_ASKED = re.compile(  # … and 「离75%还差多少万元」: the money short of it
    r"达到\s*(\d+(?:\.\d+)?)\s*%[^，。？?]{0,10}?[，,]?\s*(?:还|再|仍)[得要需]{0,2}再?(?:支出|花|拨付|支付|用)掉?多少"
    r"|(?:离|距离?)\s*(\d+(?:\.\d+)?)\s*%[^，。？?]{0,10}?(?:还)?差(?:多少|几)\s*(?:万元|万|元|钱)"
)
POLLUTANTS_ASKED = re.compile(r"哪(几|些|一)?[种类个项]?(主要)?污染物|首要污染物|主要污染物(是|为|有)(什么|哪)")
ANY_READING = re.compile(r"监测|实际|实测|数值|数据|浓度|均值|平均|现状|情况|水平|值")  # words of any reading
TARGET_TITLE = re.compile(r"目标值?(分解|一览)?表?$")  # 「宝鸡市2039年各县区环境质量目标」: a sheet of targets


def of_targets(schema: TableSchema) -> bool:
    """Whether a generic sheet is one of targets (「…各县区环境质量目标」, every figure of which is one), not a list of
    tasks (「重点工作目标」) nor a sheet with target columns of its own."""
    return (schema.generic and bool(TARGET_TITLE.search(schema.title)) and not re.search(r"任务|工作", schema.title)
            and not any(TARGET_HEADER.search(m.label) for m in schema.measures.values()))  # fmt: skip


DONE_ASKED = re.compile(
    r"(完成|建成|修复|整治|淘汰|改造|治理|安装)了?(多少|几)"
)  # 「完成了几处」: a count of things done
WHOLE_SAID = re.compile(r"全[市县区省](?![域])|合计|总计")
# the 合计 row itself, not the 「其中：中央资金」 rows under it (parts of it, no rows of their own either)
TOTAL_ROW_ONLY = (Filter("total_row", "eq", True), Filter("entity", "excludes", ("其中：", "其中:")))
GRAND_WORDS = ("合计", "总计", "全市", "全县", "全区", "全省")  # a grand total row's name says one


def _subtotals_beside_total(names) -> bool:
    """Whether a sheet's total rows (their names) are 小计 rows of its parts beside a grand total (「全市合计」)."""
    names = [re.sub(r"\s", "", str(n)) for n in names]
    return any(n.startswith(GRAND_WORDS) and "小计" not in n for n in names) and any("小计" in n for n in names)


AMOUNT_CLAUSE = re.compile(r"[\u4e00-\u9fff]{0,6}?(一共|总共|共|合计)?(是|有|为)?多少(钱|万元|万)?[？?]?$")


def _adds_up(spec: MeasureSpec | None) -> bool:
    """Whether a measure's figures add up to a total: amounts and counts, not rates or concentrations
    (「PM2.5达标的站一共几个」 counts stations; their PM2.5 readings summed mean nothing) — a capacity per year does
    (「核准经营规模（吨/年）」)."""
    unit = spec.unit if spec else ""
    per_time = re.search(r"/(年|月|日|天|小时|a|d|h)$", unit)
    return bool(spec and (spec.unit_column or unit) and not re.search(r"%|百分点|每|指数|倍", unit)
                and ("/" not in unit or per_time))  # fmt: skip


def _kind_said(q: Question) -> str:
    """The kind of document a question says the answer is in (「规划里」「方案中」 → 规划, 方案), unless it names the
    documents or follows up, else ""."""
    kind = KIND_SAID.search(q.text) if not q.doc_ids and not q.follow_up else None
    return (kind.group(1) or kind.group(2)) if kind else ""


def _verdict_label(schema: TableSchema, polarity: str) -> str:
    """A verdict in the words of the column that states it (「是否完成整改」: 未完成整改 / 已完成整改), else the
    label of its polarity."""
    return schema.verdict_words().get(polarity) or _VERDICT_LABELS[polarity]


def _rows_noun(schema: TableSchema) -> str:
    """The column a generic sheet's own rows are named in, as its nouns say it (「站点名称」's column for 站点)."""
    return schema.nouns.get(schema.entity_label, "")


def _measure_span(plan: QueryPlan, q: Question) -> tuple[int, int] | None:
    """Where the question names the plan's measure (its longest naming), if it does."""
    spans = [(s.start, s.end) for s in q.of("column") if s.value[:2] == (plan.table, plan.measure)]
    return max(spans, key=lambda span: span[1] - span[0], default=None)


# 「滞后任务占全部任务的几成」「未缴纳罚款的案件占几成」: rows (not an amount) said before the share
ROWS_BEFORE_SHARE = re.compile(
    r"(任务|项目|案件|企业|单位|断面|站点|子站|工程|[项家个件起])[^，,。？?]{0,8}?(占|在全部)"
)


def _count_whole(plan: QueryPlan, schema: TableSchema, q: Question) -> tuple[Filter, ...] | None:
    """The filters of all the rows a count is a part of — the plan's without its conditions (a status, a 是否 column,
    a bound) — when the question asks the share of rows, or a second count (「总共多少项，已完成几项」); else None."""
    deciding = [f for f in plan.filters if f.field not in (*SCOPING_FIELDS, *UNSELECTING)]
    rows = ROWS_BEFORE_SHARE.search(q.text) if q.has("share") else None
    # (not 「项目里中央资金占…」: an amount named between the rows and the share is what is shared)
    rows = (
        rows if rows and not any(s.kind == "column" and rows.start() <= s.start < rows.end() for s in q.slots) else None
    )
    asked = rows is not None or len(q.of("count")) >= 2
    if not (deciding and asked):
        return None
    kept = tuple(f for f in plan.filters if f not in deciding)
    total = (Filter("total_row", "eq", False),) if schema.generic and plan.filter_on("total_row") is None else ()
    return (*kept, *total)  # (a 合计 row is none of the rows counted)


def _cells_taken(plan: QueryPlan, q: Question) -> int:
    """How many of the question's cells (with those said before) the plan picks its rows by."""
    cells = [str(v) for f in plan.filters if f.op == "in" and isinstance(f.value, tuple) for v in f.value]
    said = [s for s in q.of("entity") if s.start >= 0] or q.of("entity")  # (those said before when none is now)
    taken = {s.text for s in said if any(s.text in c for c in cells)}
    outer = {t for t in taken if not any(t != other and t in other for other in taken)}  # (水口山 of 水口山子站: one)
    return len(outer)


# 「…的断面里，」「…的断面里有没有」: the rows asked among
AMONG_SAID = re.compile(r"([\u4e00-\u9fff]{1,8}?)(?:里面|里头|里|当中|之中|中)(?:[，,]|有|哪)")


def _named_shorter(plan: QueryPlan, plans: list[QueryPlan], q: Question) -> bool:
    """Whether another plan's measure is named by more of the same words (「重度及以上污染天数」 of a monthly
    sheet's column, beside 「天数」 of a station sheet's 「优良天数」)."""
    mine = _measure_span(plan, q)
    if mine is None or canonical_pollutant(q.text[mine[0] : mine[1]]):
        return False  # (「NO2」 names a sheet's NO2 as fully as 「NO2年均浓度」 another's)
    for other in plans:
        theirs = _measure_span(other, q) if other is not plan else None
        if theirs and theirs[0] <= mine[0] and mine[1] <= theirs[1] and theirs != mine:
            return True
    return False


def _subtotals_named_elsewhere(plan: QueryPlan, plans: list[QueryPlan], q: Question) -> bool:
    """Whether the question names 小计 rows (「按县（市、区）小计看…」) that only other plans' sheets have. (Other
    cells are no such sign: a station's row is 「蔡子池」 in one sheet and 「蔡子池子站」 in the next.)"""
    named = {s.value[0] for s in q.of("entity") if re.fullmatch(r"小\s*计", s.text)}
    return bool(named) and plan.table not in named and any(p.table in named for p in plans)


def _cells_elsewhere(plan: QueryPlan, plans: list[QueryPlan], q: Question, schemas: dict[str, TableSchema]) -> bool:
    """Whether the words a plan only matched in its rows' text (「水污染防治资金」 of a task) are a cell another
    plan filters by and consumes all of the question with (a funds sheet's 资金来源 「中央水污染防治资金」), the
    column another plan reads (「序时」 of a sheet's 「序时进度」 column, beside the same sheet read as tasks), or
    what another sheet's rows are called (「空气站」 of a sheet of stations)."""
    if not plan.unconsumed:
        return False
    for other in plans:
        cells = [s.text for s in q.of("entity") if s.value[0] == other.table]
        read = [s for s in q.of("column") if s.value[0] == other.table and s.value[1] == other.measure]
        column = [s.text for s in read]
        extra = [w for w in plan.unconsumed if w not in other.unconsumed]
        # (「钱付了多少」: a word the column read is said within, 「付了」 of 已支付)
        within = [w for w in extra if len(w) <= SAID_WITHIN and (at := q.text.find(w)) >= 0
                  and any(s.start < at + len(w) and at < s.end for s in read)]  # fmt: skip
        rows_noun = [w for w in extra if schemas[other.table].generic and _rows_said_short(schemas[other.table], w)]
        if (
            other is not plan
            and extra
            and (cells or column)
            and all(
                # (「荔浦河」 of 「荔浦河断面达标攻坚」 names a row of the other table, not all the words)
                any(w in c or (c in w and len(w) - len(c) <= 2) for c in cells)
                or any(w in c for c in column)
                or w in within
                or w in rows_noun
                for w in extra
            )
        ):
            return True
    return False


def _status_counts(table: str, q: Question) -> list[str]:
    """The columns of `table` a status word of the question names (「滞后」 of a summary's 「滞后（项）」)."""
    return [s.value[1] for s in q.of("column")
            if s.value[0] == table and any(w.start == s.start for w in q.of("status_word"))]  # fmt: skip


def _title_said(schema: TableSchema, words: str) -> bool:
    """Whether the words say four characters of the sheet's title running (「空气质量」 of 「…环境空气质量综合指数排名」)."""
    words = re.sub(r"[^\u4e00-\u9fff]", " ", words)
    return any(words[k : k + 4] in schema.title for k in range(len(words) - 3) if " " not in words[k : k + 4])


def _rank_column(schema: TableSchema, measure: str = "") -> str:
    """A sheet's own 排名 / 名次 column, which says who is first: the measure asked when it is one (「PM2.5排名」),
    else the sheet's plain 排名."""
    spec = schema.measures.get(measure)
    if spec is not None and re.search(r"(排名|名次)$", spec.label):
        return measure
    ranks = [m for m in schema.measures.values() if re.search(r"(排名|名次)$", m.label)]
    # 「综合指数排名」 ranks 综合指数
    own = [m.name for m in ranks if spec is not None and _ranks(m.label, spec.label)]
    plain = [m.name for m in ranks if re.fullmatch(r"(综合)?(排名|名次)", m.label)]
    return next(iter(own + plain), "")


def _level_only(cell: str, level: str) -> bool:
    """Whether a cell says a fund level and no more (「中央资金」「省级财政资金」, not 「中央水污染防治资金」)."""
    return re.fullmatch(rf"{re.escape(level)}级?(财政)?(专项)?资金", cell) is not None


def _ranks(rank_label: str, label: str) -> bool:
    """Whether a 排名 column ranks a measure: 「综合指数排名」 ranks 「综合指数」, and 「综合指数·排名」 ranks the
    「综合指数·指数」 beside it under one header."""
    ranked = re.sub(r"·?(排名|名次)$", "", rank_label)
    head, _, sub = label.partition("·")
    # (not the 同比 or 目标 beside it: 「PM2.5·排名」 ranks no 「PM2.5·同比」)
    main = not re.search(r"同比|环比|变化|增减|目标|百分点|基准|同期", sub)
    return "·" not in ranked and (ranked == label or (ranked == head and main))


def _covered(slot: Slot, other: Slot) -> bool:
    """Whether `other` covers `slot`: its span holds it, or both come from the question before with one text
    (carried slots have no span: 「PM2.5」 carried as a pollutant and as a cell)."""
    if other.start < 0 or slot.start < 0:
        return other.start < 0 and slot.start < 0 and other.text == slot.text
    return other.start <= slot.start and slot.end <= other.end


def _spans_said(text: str) -> str:
    """A title or header with its spans of months written as a question's are (「上半年」「1—6月」 → 「1-6月」)."""
    text = re.sub(r"\s*[—–~至到－]\s*", "-", text)
    text = re.sub(r"(\d{1,2})月-(\d{1,2})月", r"\1-\2月", text)  # 「1月至7月」
    return text.replace("上半年", "1-6月").replace("下半年", "7-12月")


def yes_no_label(header: str, answer: str) -> str:
    """「是否达到序时进度要求」 answered 否 in words: 「未达到序时进度要求」 (是: 「达到序时进度要求」); 「自动监控是否联网」
    否: 「自动监控未联网」; 「PM2.5·是否达标」 否: 「PM2.5未达标」."""
    whether = YES_NO_HEADER.fullmatch(header)
    bare = BRACKETED_END.sub("", header)
    act = next((a for a in WHETHER_VERBS if a in bare), "")
    # 「罚款已缴纳（是/否）」 answered 否: 「罚款未缴纳」; 「移送公安机关（是/否）」: 「未移送公安机关」
    if not whether and act:
        before, _, after = bare.partition(act)
        return f"{before.removesuffix('已')}未{act}{after}" if answer == "否" else bare
    if not whether:  # 「渗滤液收集设施（是/否）」 answered 否: 「渗滤液收集设施为“否”」
        return f"{bare}为“{answer}”"
    lead, asked = whether.groups()
    # (「是否已缴纳」 否: 「未缴纳」, not 「未已缴纳」)
    return f"{lead.rstrip('·')}{'未' + asked.removeprefix('已') if answer == '否' else asked}"


def _target_gap(schema: TableSchema, text: str, columns: list[str]) -> str:
    """「离目标差得最多」「PM10离目标还差多少」 of a generic table: the gap column of the measure named (in the
    question, else the one before: 「这几个里面离目标差得最多的」), or of the one measure judged against a
    target; never the target column the word 目标 would pick."""
    gaps = {spec.gap_of: name for name, spec in schema.measures.items() if spec.gap_of}
    if not gaps or not GAP_CUE.search(text):
        return ""
    named = schema.measure_for(GAP_CUE.sub(" ", text).replace("目标", " "))
    said = [named.name] if named else columns
    hits = {name: sum(c in pair for c in said) for pair, name in gaps.items()}
    best = max(hits, key=hits.get)
    if hits[best]:
        return best
    return best if len(gaps) == 1 else ""


def _year_measure(schema: TableSchema, years: list[int], q: Question) -> str:
    """The column of a generic table stated for one of `years` (「2023年全年」), the one whose other words the
    question (or the one before it) says if there are several; "" if none, or several and none said."""
    # 「2023年全年」, or under a group (「基础值·2025年（预计）」), or a part (「其中：2042年计划投资」)
    stated = [m for m in schema.measures.values()
              if any(OF_WHICH.sub("", part).startswith(f"{y}年") for y in years for part in m.label.split("·"))]  # fmt: skip
    said = [m for m in stated if YEAR_LABEL.sub("", m.label) in f"{q.context_text} {q.text}"]
    if said:
        return said[0].name
    return stated[0].name if len(stated) == 1 else ""  # several and none said: no guess


def _medium_needs(words: tuple[str, ...]) -> str:
    """What a sentence must say to answer of a medium no table holds: one of its words, and a figure (a plan's
    「加强辐射环境监测」 states no result)."""
    return rf"^(?=.*(?:{'|'.join(map(re.escape, words))}))(?=.*\d)"


def _amounts_absent(schema: TableSchema, q: Question) -> list[Filter]:
    """「没有中央资金、只安排了省级资金的项目」: the rows whose figure in the column named right after 没有 is empty
    or 0 (and, 「只…」, whose figure in the column named after 只 is not)."""
    filters = []
    for cue, op in (("without", "none"), ("only", "notnull")):
        for slot in q.of(cue) if cue == "without" else ONLY_AMOUNT.finditer(q.text):
            end = slot.end if cue == "without" else slot.end()
            start = slot.start if cue == "without" else slot.start()
            # (「一分省级资金都没有」: the money column said between 一分 and 都没有)
            before = cue == "without" and re.match(r"[都也]", slot.text)
            named = [c for c in q.of("column") if c.value[0] == schema.name and c.value[1] in schema.measures
                     and (0 <= c.start - end <= 3 or (before and 0 <= start - c.end <= 1
                                                      and q.text[: c.start].endswith(("一分", "一分钱"))))
                     and schema.measures[c.value[1]].unit not in ("%", "")]  # fmt: skip
            if named:
                spec = schema.measures[min(named, key=lambda c: (c.start, -len(c.text))).value[1]]
                said = "没有" if op == "none" else "有"
                filters.append(
                    Filter(spec.column, op, None, label=said + OF_WHICH.sub("", spec.label.rpartition("·")[2]))
                )
    # (「哪些区县没有中央资金」: 区县 none of whose rows has any, which the complement of those that have reads)
    return filters if any(f.op == "none" for f in filters) and not PLACES_ASKED.search(q.text) else []


ONLY_AMOUNT = re.compile(r"只(?:安排|下达|有|拿到|获得)了?|[全只]靠")


def _year_compared(schema: TableSchema, years: list[int]) -> bool:
    """「和2044年同期比」 of a sheet with a 「2044年同期水质类别」 column: the year of the sheet's own comparison."""
    return any(label.startswith(f"{y}年") and re.search("同期|上年", label) for y in years
               for label in schema.labels.values())  # fmt: skip


def _header_words(header: str) -> list[str]:
    """A header's words as pairs of characters and its Latin codes, its unit left out (「实际类别」 → 实际, 类别;
    「PM10·评价」 → PM10, 评价)."""
    return re.findall(r"[A-Za-z][A-Za-z0-9.]*|[\u4e00-\u9fff]{2}", re.sub(r"[（(].*?[)）]", "", header))


def names_pollutant(text: str, pollutant: str) -> bool:
    """Whether a header or a name says `pollutant` (「主要污染物浓度·O3-8h」 O3; 「COD」 is no CO; 「PM₁₀（μg/m³）」 as
    typed is PM10)."""
    said = re.compile(rf"(?<![A-Za-z]){re.escape(pollutant)}(?![A-Za-z0-9])", re.IGNORECASE)
    return bool(said.search(normalize_text(text)))


def _measure_naming(schema: TableSchema, pollutant: str) -> str:
    """The measure column of a generic table whose header names `pollutant`."""
    return next((name for name, spec in schema.measures.items() if names_pollutant(spec.label, pollutant)), "")


def _titled_pollutant(schema: TableSchema, pollutant: str) -> bool:
    """Whether a sheet's title names `pollutant` as what all its figures are of (「…各区县（市）细颗粒物（PM2.5）浓度」)."""
    said = re.compile(rf"(?<![A-Za-z]){re.escape(pollutant)}(?![A-Za-z0-9])", re.IGNORECASE)
    return bool(said.search(normalize_text(schema.title))) and not any(canonical_pollutant(
        re.sub(r"[（(].*", "", spec.label.rpartition("·")[2])) for spec in schema.measures.values())  # fmt: skip


def _judged_reading(schema: TableSchema, measure: str) -> str:
    """The reading a sheet judges against its target, for either column of the pair (「PM2.5·考核目标」 →
    「PM2.5·1-6月浓度」)."""
    return next((spec.gap_of[0] for spec in schema.measures.values() if measure in spec.gap_of), measure)


def _verdict_of_pollutant(q: Question, filters: list[Filter]) -> bool:
    """Whether the verdict filtered is said of the one pollutant named, right after it (「臭氧没达到考核目标的站点」),
    not of the rows whose pollutant is then ranked or averaged (「未达标站点的O3平均浓度」)."""
    if any(q.has(k) for k in ("rank", "topk", "order", "mean", "sum")):
        return False
    said = [*q.of("status"), *q.of("versus_target")]
    return any(f.field == "verdict" and f.op == "eq" for f in filters) and any(
        0 <= v.start - p.end <= 4 for p in q.of("pollutant") for v in said
    )


def _judged_column_said(schema: TableSchema, q: Question, filters: list[Filter]) -> str:
    """The one column a sheet judges against its target that the question names right before the verdict it says
    (「优良天数比例没达到年度目标」), unless the rows so judged are then ranked or averaged; else ""."""
    if any(q.has(k) for k in ("rank", "topk", "order", "mean", "sum")):
        return ""
    if not any(f.field == "verdict" and f.op == "eq" for f in filters):
        return ""
    judged = {m for spec in schema.measures.values() for m in spec.gap_of[:1]}
    said = [*q.of("status"), *q.of("versus_target")]
    named = {s.value[1] for s in q.of("column") if s.value[0] == schema.name and s.value[1] in judged
             and any(0 <= v.start - s.end <= 4 for v in said)}  # fmt: skip
    return named.pop() if len(named) == 1 else ""


def _judges_several(schema: TableSchema) -> bool:
    """Whether a sheet judges several readings against their own targets (its row's verdict is theirs together)."""
    return schema.verdict and len({spec.gap_of for spec in schema.measures.values() if spec.gap_of}) >= 2


def _each_judged(schema: TableSchema, filters: list[Filter], named: set[str]) -> list[Filter]:
    """「PM2.5和PM10两项都没达标的站」: each named measure's own verdict, where the sheet judges each."""
    judged = {m for spec in schema.measures.values() for m in spec.gap_of}
    verdict = next((f for f in filters if f.field == "verdict"), None)
    if verdict is None or not named <= judged:
        return filters
    own = [Filter(f"verdict_{m}", verdict.op, verdict.value, label=verdict.label if not k else "")
           for k, m in enumerate(sorted(named))]  # fmt: skip
    return [f for f in filters if f is not verdict] + own


def _judged_each_by_its_own(schema: TableSchema, filters: list[Filter], q: Question) -> list[Filter]:
    """「PM2.5达标、但优良天数比例没达到目标的站点」: each verdict said right after a measure is that measure's
    own, where the sheet judges several against their targets; the row's one verdict is dropped."""
    gaps = {m: spec.gap_of[0] for spec in schema.measures.values() if spec.gap_of for m in spec.gap_of}
    if not schema.generic or len(set(gaps.values())) < 2:
        return filters
    named = sorted((s for s in q.of("column") if s.value[0] == schema.name and s.value[1] in gaps), key=lambda s: s.end)
    said: list[Slot] = []
    for slot in sorted((*q.of("status"), *q.of("versus_target")), key=lambda s: s.start):
        if not said or slot.start >= said[-1].end:  # 「没达到目标」 is one verdict, said by two slots
            said.append(slot)
    verdicts: dict[str, str] = {}
    for k, slot in enumerate(said):
        after = said[k - 1].end if k else -1
        before = [s for s in named if after <= s.start and s.end <= slot.start]
        if not before:
            return filters
        measure = gaps[before[-1].value[1]]
        lower = schema.measures[measure].lower_is_better
        below = "met" if lower and slot.text.startswith("低于") else "behind"  # 「未达到目标」 is short of it
        verdicts[measure] = slot.value if slot.kind == "status" else {
            "gt": "behind" if lower else "met", "lt": below, "ge": "met", "better": "met", "worse": "behind"}[slot.value]  # fmt: skip
    if len(verdicts) < 2 or not set(verdicts.values()) <= {"met", "behind", "on_track"}:
        return filters
    kept = [f for f in filters if f.field != "verdict" and not (f.column and f.field in gaps)]
    said_as = {"met": "达标", "behind": "未达标", "on_track": "按进度推进"}
    return kept + [Filter(f"verdict_{m}", "eq", v, label=f"{schema.measures[m].label.split('·')[0]}{said_as[v]}")
                   for m, v in verdicts.items()]  # fmt: skip


def _listing_nouns(schema: TableSchema) -> dict[str, str]:
    """The nouns rows are listed or grouped by: not a 是/否 column's (「处罚案子」 is no 「是否按日连续处罚」)."""
    return {w: c for w, c in schema.nouns.items() if not YES_NO_HEADER.fullmatch(str(schema.labels.get(c, "")))}


def _first_noun(schema: TableSchema, text: str, at_start: bool = False) -> str:
    """The column of the first noun of `text` that the schema knows (the longest at that place);
    `at_start`: only a noun that opens the text (「各区县」, not 「各项目标」 → 目标)."""
    best: tuple[int, int, str] | None = None
    for word, column in _listing_nouns(schema).items():
        at = text.find(word)
        if at > 0 and (at_start or len(word) == 1):
            continue  # a one-character noun (「区」) only right after 哪些: elsewhere it is part of a word
        if at >= 0 and (best is None or (at, -len(word)) < (best[0], best[1])):
            best = (at, -len(word), column)
    return best[2] if best else ""


HEAD_QUALIFIER = 2  # characters of a qualifier (「专项」) before nouns run together


def _head_noun(schema: TableSchema, text: str) -> str:
    """The column of the noun opening `text`; of nouns run together, the one the rows are (「资金项目」: 项目, not the
    资金级别 of 资金; 「断面水质」: 断面)."""
    first, nouns = [], _listing_nouns(schema)
    for skip in range(HEAD_QUALIFIER + 1):  # (「专项资金项目」: a qualifier before the nouns, 项目 still the rows')
        run, rest = [], text[skip:]
        while word := max((w for w in nouns if len(w) >= 2 and rest.startswith(w)), key=len, default=""):
            run, rest = [*run, nouns[word]], rest[len(word) :]
        if run[:1] == ["region"]:  # 「哪个县区噪声投诉最多」: the places, whose rows are counted
            return "region"
        rows = [c for c in run if c in (schema.key, schema.entity, schema.naming_column)]
        if rows:
            return rows[-1]
        first = first or (run if not skip else [])
    return first[0] if first else _first_noun(schema, text, at_start=True)


def _last_noun(schema: TableSchema, text: str) -> str:
    for word, column in sorted(schema.nouns.items(), key=lambda item: -len(item[0])):
        if len(word) == 1:
            continue
        if text.endswith(word):
            return column
    return ""


def _canonical_cell(value: str) -> str:
    """A cell as the lexicon names it: 「细颗粒物（PM2.5）」, 「PM2.5浓度」 → 「PM2.5」."""
    value = value.strip()
    inner = re.search(r"[（(]([^（）()]+)[)）]", value)
    return canonical_pollutant(value) or (canonical_pollutant(inner.group(1)) if inner else None) or value


def _names_table(schema: TableSchema, word: str) -> bool:
    """Whether a word only names the table: its row nouns (「月份」) and words of its title (「城区」)."""
    rest = PERIOD_WORDS.sub(" ", word)  # 「累计水质」: the period's word and a header's
    rest = ITEM_NOUN_END.sub("", rest)  # 「信访件」「信访案件」 of a 「…信访投诉办理台账」: its items
    rest = REGISTER_END.sub("", rest)  # 「环评台账上」 of a 「…环境影响评价文件审批情况汇总」: the register itself
    if all(_pieced_said(part, schema.title) for part in rest.split()):  # 「重点排污」 of 「…重点单位名录」, whole
        return True
    for noun in sorted(schema.nouns, key=len, reverse=True):
        rest = rest.replace(noun, " ")
    parts = re.findall(r"[\u4e00-\u9fff]{2,}|[a-z0-9.]+", rest)
    return all(_pieced_said(part, schema.title) or _rows_said_short(schema, part) for part in parts)


def _target_asked(q: Question) -> bool:
    return "target" in q.values("ask") or q.has("versus_target")


def _rows_noun_said(schema: TableSchema, text: str) -> bool:
    """Whether a question says the noun a generic sheet's own rows are, as its title calls them (「站点」 of
    「…自动监测站点考核情况表」; not 「项目」 of any funds list, nor 「县区」 inside 「梅县区」)."""
    own = _rows_noun(schema) if schema.generic else ""
    return own not in ("", "region") and any(
        len(n) >= 2 and c == own and n in text and n in schema.title for n, c in schema.nouns.items()
    )


def _said_with_before(q: Question) -> str:
    """The question's words, and a follow-up's the question it goes on from (「超标的是啥指标」 after 「德兴市有断面没达标
    吗」 still says 断面)."""
    return q.text + (q.context_text if q.follow_up else "")


def _rows_called_short(schema: TableSchema, text: str) -> bool:
    """Whether a question calls a generic sheet's rows by a short noun of theirs (「这4个空气站里」)."""
    if not schema.generic:
        return False
    for said in re.finditer(r"(?:^|[个些这那哪各几])([\u4e00-\u9fff]{3,6})", text):
        word = said.group(1)
        for end in range(3, len(word) + 1):  # (「空气站里」: the noun, then what follows it)
            if word[: end - 1] in schema.title and _rows_said_short(schema, word[:end]):
                return True
    return False


def _rows_said_short(schema: TableSchema, word: str) -> bool:
    """「空气站」 of a sheet of 「…环境空气质量监测站点」 whose rows are 「…监测站」: the title's words, then the
    last character of a noun its rows are called by."""
    rows = _rows_noun(schema)  # (not a sheet of places: 「梅州市」 is no short name of its 县区 rows)
    ends = {noun[-1] for noun, column in schema.nouns.items()
            if rows and rows != "region" and column == rows and not noun.endswith("名称")}  # fmt: skip
    return len(word) >= 3 and word[-1] in ends and _pieced_said(word[:-1], schema.title)


def _pieced_said(word: str, title: str) -> bool:
    """`pieces` of the title, also with a title word's short form read whole (「环保专项」 of 「生态环境专项资金」)."""
    return pieces(word, title) > 0 or pieces(_title_form(word), title) > 0


def _whole_cell(cell: str) -> bool:
    """Whether a cell names the whole row (「合计」「全市平均」), a part of no place."""
    return bool(TOTAL_ROW.match(cell) or WHOLE_MEAN.fullmatch(cell))


def _title_form(word: str) -> str:
    """A word with the short forms of title words read whole (「危废」 → 「危险废物」)."""
    for short, whole in TITLE_SHORT_FORMS.items():
        word = word.replace(short, whole)
    return word


def _said(value: str, q: Question) -> str:
    """How the question says a cell value: 「市级」 for the cell 「市级资金」 it named by a slot."""
    if value in q.text:
        return value
    return next((s.text for s in q.slots if s.kind in ("level", "pollutant", "entity", "station")
                 and (s.value == value or (isinstance(s.value, tuple) and value in s.value))), value)  # fmt: skip


# an indicator's base or current value, said as such with no year of its own (「比基准值提高」「较现状」; not 「比2024年现状」)
BASE_SAID = re.compile(r"(比|较|相比|相对于?|与)\s*(基准|基期|基数|现状)")


def _years_between(q: Question) -> list[int]:
    """The years a comparison is between: the question's own, and (「比2015年的基数提高了多少」 after 「…到2020年的目标
    是多少」) the one year the question before asked."""
    years = [s.value for s in q.of("year") if not _names_document(s, q)]
    if not q.follow_up:
        return years
    before = sorted({int(y) for y in re.findall(r"(20\d\d)\s*年", q.context_text)} - set(years))
    return [*years, *before] if len(years) == 1 and len(before) == 1 else years


def _amount_of_change(q: Question) -> bool:
    """「全市PM2.5同比降了多少」: the size of a change asked, which no direction filters (「下降的站点有多少个」 does)."""
    return any(
        re.match(r"\s*了?\s*(百分之)?(多少|几)(?![家项座处条])(?!个(?!百分点))", q.text[s.end :])
        for s in q.of("direction")
    )


def _compares_years(q: Question) -> bool:
    years = {s.value for s in q.of("year") if not _names_document(s, q)}
    return len(years) >= 2 and (q.has("compare") or q.has("direction") or q.has("compare_with"))


def _paired_conditions(plan: QueryPlan, q: Question) -> QueryPlan:
    """Conditions that must hold on different rows of one group: 「省级以上资金执行率不到50%、但
    市级资金执行率在60%以上」 (each threshold with the fund level named before it), 「PM2.5、PM10、
    O3三项都达到」 (each pollutant's row of one station)."""
    thresholds = [f for f in plan.filters if f.op in ("lt", "le", "gt", "ge") and not f.column]
    # (not the months rows are due in: 「上半年到期的…都完成了没有」 asks each of them)
    facet = next((f for f in plan.filters if f.op == "in" and len(f.value) >= 2
                  and f.field not in (*SCOPING_FIELDS, "due_month")
                  or (f.field == "level" and f.op == "in" and len(f.value) >= 2)), None)  # fmt: skip
    slots = q.of("threshold")
    # each condition where the question says it: thresholds, and a verdict (「NO2达到任务要求、但PM10超过45」)
    said = list(zip((s.start for s in slots), thresholds, strict=True)) if len(slots) == len(thresholds) else []
    verdict, status = plan.filter_on("verdict"), next(iter(q.of("status")), None)
    if said and verdict is not None and status is not None:
        said.append((status.start, verdict))
    pollutants = plan.filter_on("pollutant")
    facet = facet or (
        pollutants if pollutants is not None and pollutants.op == "in" and len(pollutants.value) >= 2 else None
    )
    if facet and len(said) >= 2:
        at = {v: q.text.find(_said(v, q)) for v in facet.value}
        pairs = []
        for start, condition in sorted(said, key=lambda c: c[0]):
            before = [v for v, i in at.items() if 0 <= i < start]
            value = max(before, key=lambda v: at[v]) if before else facet.value[0]
            said_as = value if facet.field == "pollutant" else _said(value, q)  # 「NO2」, not the question's 「no2」
            pairs.append((Filter(facet.field, "eq", value, label=said_as), condition))
        conditions = [c for _, c in said]
        kept = tuple(f for f in plan.filters if f not in conditions and f is not facet)
        stations = plan.table == "stations" and not re.search(r"哪些?个?(区|县|市)", q.text)
        group = "station" if stations else "region"
        return plan.with_(filters=kept, entity_conditions=tuple(pairs), group_by=group)
    labels = next(
        (f for f in plan.filters if f.op == "contains" and f.field in STATUS_FIELDS and len(f.value) >= 2), None
    )
    parts = next(iter(q.values("both")), None)
    if (
        labels is not None
        and parts
        and len(labels.value) == 2
        and all(v in p for v, p in zip(labels.value, parts, strict=False))
    ):
        # 「既有进度偏慢的、又有明显滞后的任务」: a place with a row of each label, not a row of either
        kept = tuple(f for f in plan.filters if f is not labels)
        each = tuple((replace(labels, value=(v,), label=f"标为“{v}”"),) for v in labels.value)
        return plan.with_(filters=kept, entity_conditions=each, group_by="region")
    named = set(q.values("pollutant"))
    if q.has("all_of") and facet is not None and len(named) >= 2 and any(LIST_CELL.search(str(v)) for v in facet.value):
        # 「PM2.5、PM10、NO2三项全都超标的站点」 of a 超标项目 column listing them: the cells that list them all
        whole = tuple(v for v in facet.value if named <= {canonical_pollutant(p) for p in LIST_CELL.split(str(v))})
        kept = tuple(f for f in plan.filters if f is not facet)
        return plan.with_(filters=(*kept, replace(facet, value=whole))) if whole else plan
    each = plan.filter_on("pollutant") or facet
    if q.has("all_of") and each and len(each.value) >= 2 and (plan.table == "stations" or each is facet):
        # each named value's row must meet the verdict or threshold (「中央和省级资金执行率都低于60%」)
        held = tuple(f for f in plan.filters if f.field == "verdict" or f in thresholds)
        pairs = tuple((Filter(each.field, "eq", p, label=_said(p, q)), *held) for p in each.value)
        kept = tuple(f for f in plan.filters if f is not each and f not in held)
        group = "station" if plan.table == "stations" else ("region" if each is facet and thresholds else "")
        return plan.with_(filters=(*kept, Filter(each.field, "in", each.value)), entity_conditions=pairs,
                          group_by=group)  # fmt: skip
    return plan


def _existential(q: Question) -> bool:
    """「有没有未达标的站点」 asks which rows exist, not whether given rows meet a target."""
    if re.search(r"(有没有|是否)(达到|实现)[^，。？?]{0,16}(目标|要求)(了|呢|吗)?\s*([，。？?]|$)", q.text):
        return False  # 「有没有达到…目标？」 asks whether the rows asked meet it; 「有没有超标的站点」 which exist
    # (「…任务里有进度滞后的吗」 too: whether such rows exist among some; not 「碑记子站有达标的吗」 of one row)
    return any(s.text in ("有没有", "是否有") for s in q.of("yesno")) or bool(
        re.search(r"有没有|是否有|有无|(里面?|中|内)有[^，。？?有]{1,12}的(吗|么|嘛)", q.text)
        # 「德兴市有断面没达标吗」: whether some row of that kind fails
        or re.search(r"有(?![没无])[^，。？?有]{1,8}(没有?|未|不|超标|滞后)[^，。？?]{0,6}(吗|么|嘛)", q.text)
        # 「黄山区有已经完成的任务吗」: rows of a kind, named after 的
        or re.search(r"(?<![没所具拥享含只])有(?![没无])[^，。？?有]{1,10}的[\u4e00-\u9fff]{1,4}(吗|么|嘛)", q.text)
    )


def _polarity(q: Question) -> str:
    polarities = [s.value for s in q.of("status")]
    if not polarities:
        return ""
    return "behind" if "behind" in polarities else polarities[0]


def _names_cell(word: str, cell: str) -> bool:
    """Whether a word names a cell: a run of it this long inside the cell, or most of it in runs of two or more."""
    blocks = [b.size for b in SequenceMatcher(None, word, cell, autojunk=False).get_matching_blocks()]
    return max(blocks, default=0) >= MIN_ROW_WORD or sum(b for b in blocks if b >= 2) >= max(
        MIN_ROW_WORD, ROW_WORD_SHARE * len(word)
    )


def _common_runs(text: str, name: str) -> list[str]:
    """The runs of Chinese characters of `text` that `name` says too, each as long as it goes."""
    runs = []
    for part in re.findall(r"[\u4e00-\u9fff]{2,}", text):
        start = 0
        while start < len(part) - 1:
            end = start + 2
            while end <= len(part) and part[start:end] in name:
                end += 1
            if end - 1 - start >= 2:
                runs.append(part[start : end - 1])
            start = max(end - 1, start + 1)
    return runs


def _mostly_classes(cells: list[str]) -> bool:
    """Whether a column's cells are water classes, but for at most one other (a 全市 row's 「优良13个」)."""
    written = [c for c in cells if c.strip("—-/ ")]
    classes = sum(bool(water_class_rank(c)) for c in written)
    return classes >= 2 and len(written) - classes <= 1


def _columns_compared(table: str, schema: TableSchema, q: Question) -> list[Filter]:
    """「噪声投诉比大气投诉多的区」: the rows whose figure in one column is above (below) their own in another;
    both columns named, the first just before 比, not an amount asked (「比…多多少」 compares, it picks no row),
    nor a target (「比考核目标还高」 is the reading against its target, `_versus_target`)."""
    filters = []
    named = [s for s in q.of("column") if s.value[0] == table and s.value[1] in schema.measures and s.start >= 0]
    for slot in q.of("compare_with"):
        asked = re.search(r"(多少|几|出)$", slot.text)  # 「比大气投诉多多少」 asks the difference
        way = None if asked else re.fullmatch(r"比.+?(高|多|大|低|少|小)(了吗|吗)?", slot.text)
        base = [s for s in named if slot.start < s.start < slot.end]
        before = [s for s in named if s.end <= slot.start and s.value[1] not in {b.value[1] for b in base}]
        if not way or not base or not before or q.has("versus_target"):
            continue
        a, b = schema.measures[max(before, key=lambda s: s.end).value[1]], schema.measures[base[0].value[1]]
        if a.unit != b.unit or a.name == b.name or TARGET_HEADER.search(b.label):
            continue  # 「噪声比大气多」 of counts in one unit, never a count against a rate
        op = "gt" if COMPARED_WAY[way.group(1)] == "up" else "lt"
        filters.append(Filter(a.column, op, b.column, column=True, label=f"{a.label}{way.group(1)}于{b.label}"))
    return filters


# 「6月以后立案的」「9月之前批复的」: months after or before one, said of a row's own date
MONTHS_AROUND = re.compile(
    rf"(1[0-2]|[1-9])\s*月(?:\s*(\d{{1,2}})\s*[日号])?份?\s*(以后|之后|以来|起|以前|之前)"
    rf"(?=[^，,。？?]{{0,8}}?(?:{ROW_DATE_VERB}))"
)
DAY_OF = re.compile(r"20\d\d\s*[年./-]\s*(\d{1,2})(?:\s*[月./-]\s*(\d{1,2}))?")  # a cell's month and day
DateSpan = tuple[tuple[int, int], tuple[int, int], str]  # (month, day) from, to (both in), as said


def _row_date_span(q: Question, verbs: str = ROW_DATE_VERB) -> DateSpan | None:
    """The days a row's own date (立案, 批复, 检查 …; not a deadline) is asked to fall in: 「下半年立案的」 7月–12月,
    「三季度批复的」 7–9月, 「6月以后作出处罚决定的」 from July (以来/起: from June), 「6月30日以后」 from that day,
    「9月之前」 to the end of August; `verbs`: a date's words that count (a register's expiry too: 「第四季度到期」)."""
    if not re.search(verbs, q.text):
        return None
    span = re.fullmatch(r"(\d{1,2})-(\d{1,2})月", q.period or "")
    quarter = next((s.text for s in q.of("quarter")), "")
    if span or quarter:
        first = int(span.group(1)) if span else 3 * "一二三四1234".index(quarter[0]) % 12 + 1
        last = int(span.group(2)) if span else first + 2
        return (first, 1), (last, 31), f"{first}-{last}月"
    around = MONTHS_AROUND.search(q.text)
    if not around:
        return None
    month, day, way = int(around.group(1)), int(around.group(2) or 0), around.group(3)
    said = around.group(0)[: around.end(3) - around.start()]
    if way in ("以前", "之前"):
        return (1, 1), ((month, day - 1) if day else (month - 1, 31)), said
    if day:
        return (month, day), (12, 31), said
    return ((month + 1, 1) if way in ("以后", "之后") else (month, 1)), (12, 31), said


# 「一次就把总投资全安排到位了」「下达资金全部支出了」: one figure all of another
FULLY = re.compile(
    r"(全(?![市县区年])|全部|足额|一次性?)[^，,。？?]{0,4}(安排|下达|拨付|支出|花|到位)|(安排|下达|拨付)[^，,。？?]{0,3}(到位|足额)"
)  # (not 「全市一共下达了多少」)


def _amount_done(schema: TableSchema, q: Question) -> list[Filter]:
    """「罚了款但还没办结的」「花了钱的项目」: an amount's column said with its verb done (罚了, 花了), not asked how much
    — the rows with some of it (not 「钱花了没有」, which asks it of the row named)."""
    if q.yes_no and not _existential(q):
        return []
    return [Filter(spec.column, "gt", 0.0, label=f"{spec.label}大于0")
            for s in q.of("column") if s.value[0] == schema.name and s.text.endswith("了")
            and (spec := schema.measures.get(s.value[1])) is not None and spec.unit.endswith("元")
            and not re.match(r"[款钱]?\s*(多少|几)", q.text[s.end :])]  # fmt: skip


def _fully_covered(schema: TableSchema, q: Question) -> list[Filter]:
    """「哪些项目把总投资全安排到位了」 of a sheet naming two figures in one unit: the rows whose later-named figure
    (安排) is all of the one named first (总投资) — a figure at least the other."""
    named = list(dict.fromkeys(s.value[1] for s in q.of("column") if s.value[0] == schema.name))
    specs = [schema.measures[c] for c in named if c in schema.measures]
    first = min((s.end for s in q.of("column") if s.value[0] == schema.name), default=0)
    # (the verb after the figure named first: 「把总投资全安排到位」, not 「全部项目下达金额和已支出分别是多少」)
    if not schema.generic or len(specs) != 2 or not FULLY.search(q.text, first) or specs[0].unit != specs[1].unit \
            or specs[0].unit == "%":  # fmt: skip
        return []
    whole, part = specs
    return [Filter(part.column, "ge", whole.column, column=True, label=f"{part.label}达到{whole.label}")]


def _ranked_verb(q: Question) -> str:
    """The verb of the date a question ranks: 「最早到期」 到期, 「完成时限最晚」 时限 (its last)."""
    return re.findall(DATE_VERB, q.of("date_rank")[0].text)[-1]


def _versus_target(table: str, op: str, q: Question, schema: TableSchema) -> list[Filter]:
    whether = q.yes_no and not _existential(q)  # 「陆丰市PM2.5达到年度目标了吗」 asks the row's verdict, filters none
    each = _each_against_target(schema, op, q) if not whether else []
    if each:
        return each
    strictly = _strictly_better(schema, q) if op == "better" and not whether else []
    if strictly:
        return strictly
    gap = _judged_gap(schema, q) if schema.generic and op in ("gt", "lt") and not _polarity(q) and not whether else None
    if gap is not None:
        # 「超过考核目标的站点」 compares the figures, whatever the sheet's 评价 calls the middle level (基本达标)
        value, target = (schema.measures[m] for m in gap.gap_of)
        said = "高于" if op == "gt" else "低于"
        return [Filter(value.column, op, target.column, column=True, label=f"{value.label}{said}{target.label}")]
    if schema.generic and schema.verdict and not _polarity(q) and not whether:
        # 「臭氧超了目标的县」: above a concentration's target is behind, above a rate's is met
        spec = schema.measure_for(_without(q.text, q, ("versus_target",)))
        lower = spec is None or spec.lower_is_better
        said = next((s.text for s in q.of("versus_target") if s.value == op), "")
        verdict = {"gt": "behind" if lower else "met", "worse": "behind", "ge": "met", "better": "met",
                   "lt": "met" if lower and said.startswith("低于") else "behind"}[op]  # fmt: skip
        return [Filter("verdict", "eq", verdict, label=_VERDICT_LABELS[verdict])]
    if table == "stations":
        if op == "lt":
            return [Filter("value", "lt", "target", column=True, label="读数低于目标")]
        verdict = {"gt": "behind", "worse": "behind", "ge": "met", "better": "met"}[op]
        return [] if _polarity(q) else [Filter("verdict", "eq", verdict, label=_VERDICT_LABELS[verdict])]
    if table == "funds":
        return [Filter("rate", "lt" if op in ("lt", "worse") else "ge", "target", column=True,
                       label="执行率低于目标" if op in ("lt", "worse") else "执行率达到目标")]  # fmt: skip
    if table == "indicators" and not _polarity(q):
        verdict = "behind" if op in ("lt", "worse") else "met"
        return [Filter("verdict", "eq", verdict, label=_VERDICT_LABELS[verdict])]
    return []


def _second_sum(schema: TableSchema, q: Question, measure: str) -> str:
    """「年度目标多少个、已经完成多少个」 of a sheet: the other figure the question names, in the same unit, summed
    beside the first ("" if none)."""
    first = schema.measures.get(measure)
    bounds = q.of("threshold")  # 「下达超过600万元的区县」: a column bounded picks rows, it is not summed
    named = dict.fromkeys(s.value[1] for s in q.of("column") if s.value[0] == schema.name
                          and not any(0 <= b.start - s.end <= 2 for b in bounds))  # fmt: skip
    others = [schema.measures[c] for c in named if c in schema.measures and c != measure]
    same = [m for m in others if first and (m.unit, m.unit_column) == (first.unit, first.unit_column) and m.unit != "%"]
    return same[0].name if schema.generic and len(same) == 1 and not same[0].derived else ""


def _each_against_target(schema: TableSchema, op: str, q: Question) -> list[Filter]:
    """「PM2.5和PM10两项都超过年度目标」 of a sheet judging each against its own target: a comparison per pollutant."""
    pollutants = q.values("pollutant")
    if not schema.generic or op not in ("gt", "lt") or not q.has("all_of") or len(pollutants) < 2:
        return []
    gaps = [schema.gap_measure(_judged_reading(schema, _measure_naming(schema, p))) for p in pollutants]
    if any(g is None for g in gaps) or len({g.name for g in gaps}) < len(gaps):
        return []
    said = "高于" if op == "gt" else "低于"
    pairs = [[schema.measures[m] for m in g.gap_of] for g in gaps]
    return [Filter(v.column, op, t.column, column=True, label=f"{v.label}{said}{t.label}") for v, t in pairs]


# 「比考核目标还要好」「优于目标」: better than the target, not merely meeting it
STRICTLY_BETTER = re.compile(r"比[^，,。？?]{0,8}目标[^，,。？?]{0,2}(还要?|更)(好|优)|优于[^，,。？?]{0,6}目标")


def _strictly_better(schema: TableSchema, q: Question) -> list[Filter]:
    """「哪些断面的实际水质比考核目标还要好」 of a sheet judging a figure against its target: the rows beyond it (a gap below
    0; a water class above the target's), not those just at it."""
    if not schema.generic or not STRICTLY_BETTER.search(q.text):
        return []
    gap = _judged_gap(schema, q)
    if gap is not None:
        return [Filter(gap.column, "lt", 0, label="优于目标")]
    labels = schema.labels
    targets = [c for c, label in labels.items() if "目标" in str(label) and "类" not in str(label).replace("目标", "")]
    classes = [c for c, label in labels.items() if re.search(r"类别|综合|水质", str(label)) and c not in targets]
    # (a span's class, 「1-10月水质类别」「1-6月综合」, over each month's; else the one class column)
    spans = [c for c in classes if re.search(r"\d{1,2}\s*[-—至]\s*\d{1,2}\s*月|综合|累计|全年", str(labels[c]))]
    reading = spans[-1] if spans else classes[0] if len(classes) == 1 else ""
    if len(targets) != 1 or not reading:
        return []
    target = targets[0]
    return [Filter(reading, "lt", target, column=True, label=f"{labels[reading]}优于{labels[target]}")]


def _judged_gap(schema: TableSchema, q: Question) -> MeasureSpec | None:
    """The gap-to-target measure of the figure a question compares with its target: of the measure it
    names, else the sheet's only one."""
    spec = schema.measure_for(_without(q.text, q, ("versus_target",)))
    if spec is not None:  # 「同期超过考核目标」 names a figure with no gap of its own: none
        return schema.gap_measure(spec.name)
    gaps = [m for m in schema.measures.values() if m.gap_of]
    return gaps[0] if len(gaps) == 1 else None


def _threshold(table: str, schema: TableSchema, slot: Slot, q: Question, scored: bool = False) -> Filter | None:
    """The filter a bound (「低于20分」「超过60%」) puts on the table's column it is about; `scored`: the tasks
    state assessment scores, so 「总分」 is the score they got, not the points they were worth."""
    op, bound, unit = slot.value
    column = ""
    if schema.generic:
        spec = _generic_threshold_measure(table, schema, slot, q)
        column = spec.column if spec else ""
    elif unit in ("%", "个百分点") or (unit == "" and table != "stations"):
        spec = schema.measure_for(q.text) or schema.measures.get(schema.default_measure)
        # 「完成百分比不到70%」: the tasks' one share of work done, their rate (not a target's 「目标在60%以上」, nor a
        # figure the text states: 「液位超过60%」)
        if (
            spec is None
            and table == "tasks"
            and unit == "%"
            and DONE_SHARE.search(q.text)
            and "target" not in _asked(q)
        ):
            spec = schema.measures.get("rate")
        if table == "stations" and unit == "%":
            return None
        column = spec.column if spec else ""
    elif unit in ("微克/立方米", "") and table == "stations":  # 「NO2超过25」: a reading, as 「超过25微克」
        column = "excess" if re.search(r"超(过|出)(目标|考核目标)\s*\d|超出\s*\d|比目标(高|多)", q.text) else "value"
    elif unit in ("万元", "亿元") and table == "funds":
        column = "allocated"
    elif unit == "分" and table == "tasks":
        spec = schema.measure_for(q.text)  # 「得分低于3分」 bounds the score, 「分值3分以上」 the points
        got = scored and "总分" in q.text and "分值" not in q.text
        column = "score" if (spec is not None and spec.name == "score") or got else "task_points"
    elif table == "tasks":
        column = "quantity"
    if table == "tasks" and unit == "%" and column != "rate" and "target" in _asked(q):
        column = "quantity"  # 「治理率目标在60%及以上」: the target each row states
    if not column:
        return None
    word = {"gt": "高于", "ge": "不低于", "lt": "低于", "le": "不高于", "eq": "为"}[op]
    named = next((m for m in schema.measures.values() if m.column == column), None) or schema.measure_for(q.text)
    # 「不到一半」 as said, not a 50% it never wrote (but 「一分钱没花」 as 已支出为0万元)
    said = slot.text if not re.search(r"\d", slot.text) and (op, bound) != ("eq", 0.0) else ""
    # (「还没执行完」 says its column itself: not 「执行率还没执行完」)
    head = named.label if named and not (said and any(w in said for w in named.words if len(w) >= 2)) else ""
    label = f"{head}{said or f'{word}{_fmt(bound)}{unit}'}"
    column_unit = canonical_unit(named.unit) if named else ""
    scale = unit_scale(unit, column_unit)
    if scale:  # 「过亿」 of a column in 万元: 10000万元; 「500万立方米」 of one in 立方米
        bound = bound * scale
    return Filter(column, op, bound, label=label)


# the share of a task done, said without 完成率 (「完成不到50%」; not 「序时进度」, the share due)
DONE_SHARE = re.compile(r"完成(的)?(百分比|比例|进度|了?百分之)|完成(不到|不足|低于|超过|高于|达到|了)|(?<!序时)进度")

ROW_CLASSIFIERS = ("个", "项", "家", "次", "条", "件", "起", "宗")


def _period_form(text: str) -> str:
    """A period as sheets and questions write it alike: 「第2季度」「二季度」, 「05月」「5月份」."""
    text = re.sub(r"^第|份$", "", text.strip())
    text = re.sub(r"[一二三四]", lambda m: str("一二三四".index(m.group(0)) + 1), text)
    return re.sub(r"(?<!\d)0(\d)", r"\1", text)


NOT_AN_ACT = r"(?<![提移递转应支上])"  # a 是否 column's verb, not the 交 of 提交、移交 nor the 付 of 应付、支付
EITHER_WAY = re.compile(r"([\u4e00-\u9fff])[不没]\1")  # 「要不要」「有没有」「达没达」: asked either way
UNWRITTEN_ACT = 3  # 「发督办函」: an act asked the date of, this long, that no row writes
YES_NO_THING = 4  # the words of a 是否 column's thing said alone, no fewer than these
NEGATION_SAID = re.compile(r"没|未|尚未|还没")


def _generic_threshold_measure(table: str, schema: TableSchema, slot: Slot, q: Question) -> MeasureSpec | None:
    """The column a threshold bounds, of a kind its unit fits (a percent for 「70%」): for 「一分钱还没花」 the column of
    its verb (已支出); else one named inside a threshold said in words (「还没执行完」), else the one named last before it
    (「下达合计超过1200万元、执行率不到70%」: 下达合计, then 执行率); else the question's first; else a share's bound is of
    the sheet's one percent column (「钱花掉九成以上」: 执行率)."""
    unit = slot.value[2]

    def fits(spec: MeasureSpec) -> bool:  # 「70%」 bounds a percent; 「2000万元」 a column in 万元 (or of no unit)
        said = canonical_unit(spec.unit)  # 「微克」 of 微克/立方米, μg/m³ written in Chinese
        same = not said or said.startswith(unit) or unit.startswith(said) or unit_scale(unit, said) is not None
        return not unit or (unit == "%") == (spec.unit == "%") and (unit == "%" or same)

    verb = re.search(r"(?:没有?|未)(花|用|支|拨|动)", slot.text) if slot.value[:2] == ("eq", 0.0) else None
    if verb:  # 「一分钱还没花」: the column of what was spent (花掉, 支出) is 0, not the one of what is left (没花)
        said = {"动": "花"}.get(verb.group(1), verb.group(1))  # (「一分钱没动」: nothing spent)
        spent = [m for m in schema.measures.values() if fits(m)
                 and any(said in w and not NEGATION_SAID.match(w) for w in m.words)]  # fmt: skip
        if len(spent) == 1:
            return spent[0]
    named = [s for s in q.of("column") if s.value[0] == table and s.value[1] in schema.measures]
    spans: dict[tuple[int, int], set[str]] = {}
    # 「还没执行完」「资金一分钱还没花」 name their column inside their own words (not 「80%及以上」's 以上)
    for s in named:
        if slot.start <= s.start and s.end <= slot.end and fits(schema.measures[s.value[1]]) \
                and not re.search(r"\d", slot.text):  # fmt: skip
            spans.setdefault((s.start, s.end), set()).add(s.value[1])
    for s in named if not spans else ():
        if s.end <= slot.start and fits(schema.measures[s.value[1]]):
            spans.setdefault((s.start, s.end), set()).add(s.value[1])
    for span in sorted(spans, key=lambda span: -span[1]):
        columns = set(spans[span])
        totals = {c for c in columns if re.search(r"合计|总计|总额", schema.measures[c].label)}
        if len(columns) > 1:  # 「NO2年均浓度」: 年均浓度 heads three columns, NO2 names one of them
            others = {s.value[1] for s in named if (s.start, s.end) != span}
            # 「PM10超过90而且NO2也超过35」: PM10 heads its 浓度 and its 同比; a bare 90 is no percent
            columns = columns & others or {c for c in columns if (schema.measures[c].unit == "%") == (unit == "%")}
        if len(columns) != 1 and len(totals) == 1:  # 「下达资金」 over 中央、市级 and 下达合计: their total
            columns = totals
        if len(columns) == 1:
            return schema.measures[columns.pop()]
    spec = schema.measure_for(q.text)
    fitting = [m for m in schema.measures.values() if unit and fits(m) and not m.derived] if spec is None else []
    totals = [m for m in fitting if re.search(r"合计|总计|总额", m.label)]
    if len(fitting) > 1 and len(totals) == 1:  # 「超过500万元」 of 省级资金, 市级资金 and 合计: the total
        return totals[0]
    spec = spec or schema.measures.get(schema.default_measure)
    if spec is not None and fits(spec):
        return spec
    # 「钱花掉九成以上的」: a share bounds the table's one percent column (执行率), whatever amount was named
    shares = [m for m in schema.measures.values() if m.unit == "%" and not m.derived] if unit == "%" else []
    return shares[0] if len(shares) == 1 else None  # never 「执行率高于2000万元」


def _department(table: str, name: str, q: Question) -> Filter:
    said = next((s for s in q.of("department") if s.value == name), None)
    # 「牵头单位不是市生态环境局的」: every row it does not lead
    negated = bool(said and said.start > 0 and NOT_THE.search(q.text[max(0, said.start - 5) : said.start]))
    op, verb = ("excludes", "不含") if negated else ("contains", "含")
    if table == "indicators":
        return Filter("responsible", op, name, label=f"责任部门{verb}{name}")
    only = re.search(r"只有|仅有|唯一|单独|一家", q.text)
    column = "responsible_units" if re.search(r"责任单位|配合|参与", q.text) and "牵头" not in q.text else "lead_units"
    role = "牵头单位" if column == "lead_units" else "责任单位"
    if only and not negated:
        return Filter(column, "eq", name, label=f"{role}只有{name}")
    return Filter(column, op, name, label=f"{role}{verb}{name}")


def _verdicts_named(schema: TableSchema, q: Question) -> tuple[str, ...]:
    """A generic table's status columns the question names (「综合评价达标了吗」 beside 「PM2.5达标情况」)."""
    if not schema.generic:
        return ()
    return tuple(c for c, header in schema.labels.items() if c != "entity" and STATUS_HEADER.search(header)
                 and len(label := re.sub(r"[（(][^）)]*[）)]", "", header).split("·")[-1]) >= 2 and label in q.text)  # fmt: skip


def _asked(q: Question) -> tuple[str, ...]:
    asks = list(dict.fromkeys(q.values("ask")))
    if re.search(r"指标值|标准值", q.text):
        asks.append("standard")  # 「比指标值高出多少」: the 指标值, not the plan's target
    if re.search(r"已经|已完成|截至|至今|完成了|做完|做了多少|新增了", q.text):
        asks.append("done")
    if (q.has("status") or q.has("versus_target")) and not q.has("attribute"):
        asks.append("reached")  # 「达标没」「达到目标了没」: a verdict asked, which a yes/no answer leads with
        if q.yes_no and all(s.value == "behind" for s in q.of("status")) and q.has("status"):
            asks.append("behind")  # 「是不是滞后了」: 是 when it lags
    if q.yes_no and _existential(q):
        asks.append("exists")  # 「有没有没达标的」: whether such rows exist, not a verdict on given rows
    return tuple(asks)


def _count_noun(q: Question) -> str:
    count = q.first("count")
    if not count:
        return ""
    # (a count asked before, 「仁寿县今年批了几个环评项目」 → 「洪雅县呢」: its noun said then)
    text = q.text if count in q.text or not q.context_text else q.context_text
    after = text[text.find(count) + len(count) :]
    noun = re.match(r"\s*([\u4e00-\u9fff]{1,4}?)(?=[,，。？?、的]|是|有|$|被|未|没|超|达|进度)", after)
    return noun.group(1) if noun else count


def _counted_column(schema: TableSchema, noun: str, q: Question) -> str:
    """What 「多少X」 counts: rows of the table when X is its noun (「多少个子站」「多少项任务」) or a bare
    classifier after 有/共 (「一共有多少项」); nothing when X is counted inside a row (「治理多少条黑臭
    水体」, 「二季度要完成几个」)."""
    if re.fullmatch(r"(多少|几)\s*次", q.first("count") or "") and not _counted_in(schema, "次", q):
        # 「5月份巡了几次河」 of a register of dated rows: each row is one time (a station's row is no event)
        return schema.key if any(DATE_HEADER.search(str(label)) for label in schema.labels.values()) else ""
    if (
        not noun
        or noun in ("个", "项", "数量", "总数")
        or re.fullmatch(r"有?(多少|几)[个项]?", noun)
        or (re.fullmatch(r"有?(多少|几)家", noun) and not _counted_in(schema, "家"))  # 「有几家持证单位」: its rows
        or (re.fullmatch(r"有?(多少|几)?条", noun) and _rows_of_department(q))
        or (ROWS_CLASSIFIED.fullmatch(noun) and not _counted_in(schema, noun[-1]))  # (not 「噪声投诉多少件」 of its 件)
    ):
        slot = q.of("count")[0]
        before = q.text[max(0, slot.start - 12) : slot.start]
        there_are = (
            re.search(r"(有|共|总共|一共)$", before) or re.match("有(几|多少)", slot.text) or slot.text in ("数量", "总数")
            or _rows_classified(schema, noun, q.text[slot.end :])
            or (re.fullmatch(r"有?(多少|几)家", noun) and _rows_are_organisations(schema))  # 「检查了几家」
        )  # fmt: skip
        # 「…的子站一共有几个」: the noun before the count says what is counted
        named = _last_noun(schema, re.sub(r"(一共|总共|共|都|有|合计)+$", "", before))
        if named and there_are:
            return named
        # 「方案设了几项约束性指标」: the rows' own noun ends the words after the classifier
        after = re.match(r"[^，,。？?]{0,8}", q.text[slot.end :]).group(0)
        rows = next((n for n in sorted(schema.nouns, key=len, reverse=True) if len(n) >= 2 and after.endswith(n)), "")
        return (
            schema.key
            if there_are or q.has("which") or (rows and schema.noun_column(rows) in (schema.key, schema.entity))
            else ""
        )
    # 「几个环评项目」: the rows' own noun that ends the words (项目), not the column another of them names (环评类别)
    head = _last_noun(schema, noun)
    if head and head in (schema.key, schema.entity, schema.naming_column):
        return head
    # 「有几个月水质没达到」: the noun right after the classifier (月), not one inside the words after it (水质)
    return _first_noun(schema, noun, at_start=True) or schema.noun_column(noun) or ""


# 「几张（许可证）」「几份」「几家次」「几件」: a register's rows, each one a licence, a document, an inspection, a case
ROWS_CLASSIFIED = re.compile(r"有?(多少|几)(张|份|件|起|宗)|有多少|次")
ROWS_COUNTED_AS = re.compile(r"(多少|几)(张|份|家次|人次|次)")
COUNTED_IN_FIRMS = re.compile(r"(多少|几)(家)(?!次)")


def _rows_classified(schema: TableSchema, noun: str, after: str) -> bool:
    """「重点管理的有几张」「几张排污许可证」 of a register titled 「…排污许可证核发情况…」, 「几家次」: its rows — not of a sheet
    whose title says no such thing (「多少张排污许可证」 of a fund sheet), nor of one counting them in a column."""
    said = re.match(r"次?([\u4e00-\u9fff]{0,8})", after).group(1)
    return bool(ROWS_CLASSIFIED.fullmatch(noun)) and (not said or said in schema.title) \
        and not any(_counted_in(schema, u) for u in ("张", "份", "次"))  # fmt: skip


def _cell_status(cell: str) -> str:
    """A status cell's status: a label (「未开工」), or a short cell by what it says (「前期」: not begun)."""
    cell = cell.strip()
    known = status_of(cell)
    return known if known != "unknown" or len(cell) > COLUMN_STATUS_LENGTH else column_status(cell)


def _rows_are_organisations(schema: TableSchema) -> bool:
    """Whether a sheet's rows are 单位 / 企业 / 公司 (a register of inspected units), each counted in 家."""
    return any(schema.noun_column(n) in (schema.key, schema.entity, schema.naming_column) for n in ("单位", "企业", "公司")) \
        and not _counted_in(schema, "家")  # fmt: skip


def _counted_in(schema: TableSchema, unit: str, q: Question | None = None) -> bool:
    """Whether a sheet has a column counting in the unit (「重点排污单位（家）」; 「执法检查次数」 when the question says
    what it counts, 「检查」 — not 「回访次数」 of 「被投诉了几次」): 「有几家」「多少次」 reads it, not its rows."""
    return any(m.unit == unit or (q is not None and (stem := m.label.partition(f"{unit}数")[0][-2:])
                                  and f"{unit}数" in m.label and stem in q.text)
               for m in schema.measures.values())  # fmt: skip


def _rows_of_department(q: Question) -> bool:
    """「牵头单位有城管局的一共几条」: the rows a department leads, counted (not the 条 of rivers they state)."""
    return q.has("department") and bool(re.search(r"的[^，,。？?的]{0,4}(多少|几)(条|项|个)", q.text))


def _counted_before_rank(q: Question, schema: TableSchema) -> str:
    """「进度滞后的任务最多」「任务中…滞后的最多」: the rows' noun said before 最多 is counted per group."""
    for slot in q.of("rank"):
        # (「任务条数最多」「项目个数最少」: their number said)
        before = re.sub(r"(条|项|个|件)?(数|数量)$", "", q.text[max(0, slot.start - 6) : slot.start])
        if slot.value[0] not in ("max", "min") or slot.text not in ("最多", "最少"):
            continue
        for noun in ("任务", "项目", "站点", "子站", "指标", "事项"):
            # (「重点考核任务中…哪个区县滞后的最多」: the rows' noun said earlier, then 「…的最多」)
            if before.endswith(noun) or (before.endswith("的") and noun in q.text[: slot.start]):
                return schema.noun_column(noun) or ""
        # 「哪个县区噪声投诉最多」 of a 「…噪声投诉处理台账」: the register's rows, by its title's noun for them
        titled = re.search(r"[\u4e00-\u9fff]{2}$", before)
        noun = titled.group(0) if titled else ""
        if schema.generic and noun in schema.title and schema.nouns.get(noun) in (schema.entity, schema.naming_column):
            return schema.key
    return ""


def _quantity_unit(q: Question) -> str:
    # not 「几个市区一共要改多少台」's 个, which counts the places
    unit = re.search(r"(?:多少|(?<!哪)几)\s*(家|台|个|条|座|公里|千米|处|户|辆|艘|吨|亩|万元)(?!百分点|市|区|县|镇|子站|站点)"
                     r"|(?<![平专用住农商])(?<!任务)(?<!项目)(?<!事项)(家|台|座|条|处|户|辆)数", q.text)  # fmt: skip
    return (unit.group(1) or unit.group(2)) if unit else ""


def _names_document(slot: Slot, q: Question) -> bool:
    """「2023年进度滞后情况表」: the year belongs to the document's name, not to a filter — when it is that
    document's year (「2040年上半年地表水断面…」 of a 2039 bulletin asks of a year it does not report)."""
    return any(0 <= d.start - slot.end <= 1 and any(str(slot.value) in str(doc) for doc in _as_tuple(d.value))
               for d in q.of("document") if d.end > d.start)  # fmt: skip


def _as_tuple(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def base_year(slot: Slot, q: Question) -> bool:
    """「跟2023年同期比」「比2015年」: the year a figure is compared with, not the rows asked for."""
    return bool(re.search(r"(跟|与|比|较|相比|相较于?|同)\s*$", q.text[: slot.start])) and bool(
        re.search(r"^\s*(同期|相比|比较|比|相较)|^\s*[^，。？?]{0,6}(相比|比较|同期)", q.text[slot.end :])
        or re.search(r"(比|较)\s*$", q.text[: slot.start])
    )


def _years_text(q: Question, years: list[int]) -> str:
    return f"{q.plan_period}期间" if q.plan_period and not q.of("year") else "、".join(f"{y}年" for y in years)


def _without(text: str, q: Question, kinds: tuple[str, ...]) -> str:
    chars = list(text)
    for s in q.slots:
        if s.kind in kinds and s.end <= len(chars):
            for i in range(s.start, s.end):
                chars[i] = " "
    return "".join(chars)


def _blank_slots(text: str, q: Question, kept: tuple[str, ...]) -> str:
    for s in q.slots:
        if s.kind not in kept and s.text:
            text = text.replace(s.text, " ")
    return text


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
