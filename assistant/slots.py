"""Slot extractors: what each part of a question says, as spans over its normalised text.

Each extractor is independent and returns `Slot`s — places, stations and pollutants from
the lexicon of the loaded data, periods, status words with their polarity, thresholds,
measures, ranking / aggregate / comparison cues, the noun after 「哪些 / 哪个」 that says
what to group by, 「既…又…」, departments, quotations and the documents a question names.
The planner (`assistant.planner`) assembles them into a query plan; what no slot consumed
is the text that picks rows by their words.

>>> question = read_question("鶴山市PM10達標了嗎？", lexicon)  # doctest: +SKIP
>>> [(s.kind, s.value) for s in question.slots]  # doctest: +SKIP
[('place', '鹤山市'), ('pollutant', 'PM10'), ('status', 'met'), ('yesno', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

import rjieba

from corpus.gazetteer import mentions
from corpus.glossary import (
    BETTER_WORDS,
    COMPARED_WAY,
    DATE_VERB,
    DATE_VERBS,
    FALL_WORDS,
    LOCATIVES,
    NEGATION,
    NOT_STARTED_QUESTION,
    QUESTION_COUNT_UNITS,
    RISE_WORDS,
    STATUS_WORDS,
    WORSE_WORDS,
    column_status,
    expand_abbreviations,
    status_of,
    water_class_rank,
)
from corpus.lexicon import Lexicon
from corpus.text import abbreviates, normalize_text
from retrieval.glossary import TERMS

# 「忽略以上所有规则…」: text that tries to instruct the system rather than ask about documents.
INJECTION = re.compile(
    r"(忽略|无视|不要理会|忘记|忘掉|ignore|disregard|forget).{0,12}(规则|指令|指示|提示|对话|设定|要求|instructions?|rules?|prompt)"
    r"|(系统提示|提示词|system\s*prompt|你的(设定|指令|规则))|(扮演|假装|pretend|act as|jailbreak|developer mode)"
    r"|(不用|不必|无需|别)(查|看|引用|给出处).{0,8}(文件|出处|来源)?",
    re.IGNORECASE,
)
ANSWER_FORMAT = re.compile(
    r"(请|please)?\s*(务必|只|仅)?\s*(用英文|用英语|in english|只回答[^,，。？?]*|只输出[^,，。？?]*|直接回答[^,，。？?]*)",
    re.IGNORECASE,
)
# (「每天几点到几点要停」 asks a plan's hours: only 「几点了」 asks the time)
REALTIME = re.compile(
    r"今天|明天|昨天|后天|本周|下周|这周|实时|天气预报|下雨|气温|(?<![到至~—-])几点(?=了|[？?]?$)|现在几|此刻"
)
# The kind of a document, said alone (「通报里…」「这份方案」): the one document of that kind
DOC_KIND = re.compile(
    r"(?<!应该)(?<!基本)(?<=[这那该此本])(份|个|次)?(通报|通知|公报|报告|方案|规划|计划|意见)"
    r"|(通报|通知|公报|台账)(?=[里中上对要说提指])"
)
# A town's name as a question writes it, opening the question or after its city (「五桂山街道」「中山市沙溪镇」)
TOWN_NAME = re.compile(r"(?:^|(?<=[市县区，,。？?！!\s：:、])|(?<=请问)|(?<=那))([\u4e00-\u9fff]{2,4}?)(街道|镇|乡)")
# Verbs whose characters open or close a cue (「出现在」: not 现在; 「高出现」: not 高出)
SPLIT_VERBS = re.compile(r"出现|呈现|体现|表现|发现|实现")
CHIT_CHAT = re.compile(
    r"^(你好|您好|hi|hello|谢谢|再见|早上好|晚上好|在吗|你是谁|你能做什么)[！!。.？?]*$", re.IGNORECASE
)
FOLLOW_UP = re.compile(r"^(那|那么|还有|再|其中|另外|它|这个|这项|该|and|what about)|呢[？?]?$|^[^,，。]{0,12}呢")

BEHIND_WORDS = ("进度滞后", "滞后", "落后", "赶不上进度", "落后于进度", "落在序时后面", "落在进度后面", "落在后面", "拖了后腿", "慢于序时", "慢于进度",
                "掉队", "赶不上", "未按进度", "没按进度", "没有按进度", "不按进度", "拖后腿", "没跟上进度", "跟不上进度", "没跟上", "没有跟上", "未跟上", "跟不上", "没完成", "未完成",
                "没有完成", "未达标", "没达标", "没有达标", "不达标", "未达到", "没达到", "没有达到", "达不到", "未达", "超标",
                "不合格", "没过关", "不过关", "未过关", "偏慢", "进度慢", "拖延", "没干完", "没做完", "没搞完",
                "没整治完", "没治理完", "没改造完", "没建完", "没修完", "没清理完", "没整改完", "没有整改完", "未整改完",
                "没整改到位", "未整改到位", "没守住", "没有守住", "未守住", "守不住", "failed", "fail", "not met", "lagging", "behind")  # fmt: skip
MET_WORDS = ("达标", "提前完成", "超额完成", "全部完成", "全都完成", "都已完成", "均已完成", "达到目标", "达到考核目标", "达到要求", "完成了", "已完成", "已经完成", "按时完成", "合格", "过关", "完工", "竣工", "干完", "做完", "搞完", "弄完", "办完",
             "整治完", "治理完", "改造完", "建完", "修完", "清理完", "拆完", "装完", "整改完", "整改到位", "met",
             "pass")  # fmt: skip
# A 督办清单's rows are closed (「已销号」「已办结」) or open: 「没有销号的」 are all the open ones, behind or not.
# (not 「办结率」, a figure, nor 「销号时限」「申请销号」, the procedure)
# 「还没销号」「还没建成」: every row not closed (not built), whatever its progress
WHEN_DONE = re.compile(r"(什么时候|啥时候|何时|哪天|最迟|最晚)(要|得|能|才|必须|需要?)?(全部)?$")
NOT_CLOSED = re.compile(r"(还|尚|仍)?(没有?|未)(销号|办结|办完|建成|完工|竣工)(?![率数量时标程条申])")
CLOSED = re.compile(r"已经?(销号|办结)(?![率数量时标程条申])|(销号|办结)了")
ON_TRACK_WORDS = (
    "按进度推进",
    "按期推进",
    "按时推进",
    "如期推进",
    "按进度",
    "正常推进",
    "按计划推进",
    "基本达标",
    "on track",
)  # 基本达标: the middle level
# words that look like a status but name something: an indicator (「达标率」), a document, a column
NOT_STATUS = re.compile(
    r"(?<=率|例)[^,，。？?]{0,6}最(落后|滞后)|达标率|达标情况|达标排放|达标(方案|规划|计划|工程|行动)|超标因子|超标项目|超标倍数|进度滞后情况表|未达标区域|完成情况表|完成率|完成时限|完成时间|"
    r"(还差|差|剩)[^,，。？?]{0,6}(没|未)完成|完成了?(百分之|百分比|多大比例|几成)"  # 「完成了百分之多少」 asks a rate
)

RANK_WORDS = {"最高": "max", "最大": "max", "最多": "max", "最严重": "max", "最厉害": "max", "最好": "best", "最快": "max",
              "最低": "min", "最小": "min", "最少": "min", "最差": "worst", "最慢": "min", "最靠后": "worst",
              "最靠前": "best", "最久": "max", "最长": "max", "最短": "min",
              "得最重": "max", "得最狠": "max", "得最轻": "min",  # 「罚得最重」, not 「哪个地方任务最重」
              "谁更高": "max", "谁高": "max", "哪个更高": "max", "谁更多": "max", "谁多": "max", "谁更低": "min",
              "谁低": "min", "哪个更低": "min", "谁更少": "min", "谁少": "min", "谁更快": "max", "谁更慢": "min",
              "highest": "max", "most": "max", "largest": "max", "lowest": "min", "least": "min"}  # fmt: skip
# a date ranked (「最早到期」「最晚批复」「最近一次发证」), with the verb of its column
# (not 「最晚什么时候完成」「最迟要在…前完成」: a deadline asked or said)
# (nor 「最近一个月完成的」「最迟10月底完成吗」: a span or a date said)
DATE_RANK = re.compile(
    rf"最(早|先|晚|迟|近)(?!什么|何时|哪天|几号|要|得|应|须|在)[^，,。？?\d月年天周个]{{0,6}}?({DATE_VERB})"
    rf"|(?:{DATE_VERB})[^，,。？?\d]{{0,2}}?最(早|晚|迟)(?=的|[？?]|$)"  # 「完成时限最晚的」
)
# 「谁完成得好些」「谁做得更好」「谁推进得慢」: of the places named, the one ahead (or behind) on the measure asked
BETTER_ONE = re.compile(r"谁的?(?:(完成|做|推进|干|执行|落实|进展)得更?|更)(好|快|差|慢)")
WHO_HIGHER = re.compile(r"谁(?:的[^，,。？?的]{1,8}?)?更?(高|多|大|低|少|小)")
RATE_VERBS = (
    "完成",
    "推进",
    "执行",
    "落实",
    "进展",
)  # 「谁完成得好」 is asked of a rate; 「谁做得好」 of the figure named
CHINESE_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# (a measure's own units too: 「库容500万立方米及以上」「面积10公顷以上」)
THRESHOLD_UNITS = rf"%|％|个百分点|微克/立方米|微克每立方米|微克|μg/m3|ug/m3|毫克/立方米|毫克/升|mg/l|毫克(?![/每])|mg/m3|万元|亿元|亿(?![吨千立平])|万(?![吨千立平人亩户个家辆元])|分|万立方米|立方米|平方公里|平方米|公顷|万千瓦|千瓦|万吨|天(?![津然])|个?小时|{QUESTION_COUNT_UNITS}"
OP_OF_WORD = {"超过": "gt", "过": "gt", "高于": "gt", "大于": "gt", "多于": "gt", "超出": "gt", "逾": "gt",
              "以上": "ge", "不低于": "ge", "不少于": "ge", "至少": "ge", "达到": "ge",
              "低于": "lt", "小于": "lt", "少于": "lt", "不到": "lt", "不足": "lt", "未达到": "lt", "未满": "lt",
              "没到": "lt", "没有到": "lt", "没达到": "lt", "没赶上": "lt", "没有赶上": "lt", "赶不上": "lt", "赶上": "ge",
              "以下": "le", "不超过": "le", "不高于": "le", "未超过": "le", "以内": "le", "够不够": "ge", "达没达到": "ge", "不够": "lt"}  # fmt: skip
SUM_WORDS = (
    "合计",
    "总计",
    "加起来",
    "加在一起",
    "合起来",
    "合在一起",
    "总和",
    "一共",
    "总共",
    "共计",
    "总得分",
    "总分",
    "总额",
    "sum",
    "total",
)
SUM_VERB = re.compile(r"(下达|安排|投入|支出|支付|拨付|完成|投资|争取)")  # 「合计下达了」: 合计 as the adverb
COUNT_CUE = re.compile(
    r"(?<!剩下|剩余|其余)(多少|几)\s*(个|项|家|条|座|台|处(?![理置])|名|类(?!水)|所|张|份|件|起|宗)(?!百分点)"
    r"|(?<![第一])(多少|几)\s*次(?![数])"  # 「5月份一共巡了几次河」 (not 「每年开展几次」: `FREQUENCY_BEFORE`)
    r"|有几(?:个|项|家|条|座|台|处|名|类(?!水)|所|张|份|件|起|宗)?"
    r"|(?<=[\u4e00-\u9fff]件)有?多少(?=[？?。，,]|$)"  # 「8月份受理的信访件有多少」: the items counted
    r"|数量|how many|总数"  # (「几类水」 asks a class, counts none)
)
# 「每年开展几次」「每月至少巡河几次」「每个月要搞几次」: how often, no rows counted (not 「每个县巡了几次」: a count for
# each)
FREQUENCY_BEFORE = re.compile(r"(?:每(?![个一各])|每一?个(?=月|季度|星期|周|年|工作日))[^，,。？?]{0,6}$")
MEAN_WORDS = re.compile(r"(?<![年月日])平均(?!浓度)|平均浓度是|平均浓度为|平均浓度多少|均值是多少|平均值|average|mean")
DIFF_WORDS = ("高多少", "低多少", "差多少", "相差", "高出", "超出多少", "超过多少", "差距", "多出", "高了多少", "低了多少",
              "提高了多少", "下降了多少", "降低了多少", "增加了多少", "减少了多少", "变化", "还差", "差几", "少多少", "多多少",
              # 「要降多少」「还得提高多少」: from where it stands to its target
              "要降多少", "要下降多少", "要降低多少", "得降多少", "要提高多少", "要提升多少", "得提高多少")  # fmt: skip
# 「高几分」「多几家」, not 「至少几个」「最高几个」; 「还剩多少」, not 「剩下哪些」
# 「占了其中多大比例」「占全市的百分之几」「占比多少」: a row's share of the table's whole
# what 「比…高」 is compared with when it is last year's figure (「比去年同期还高」「比2024年更低」)
LAST_YEAR = re.compile(r"(去年|上年|上一年)(同期)?的?(还|更)?|(20\d\d年)(同期)?的?(还|更)?|同期的?(还|更)?")
SHARE_CUE = re.compile(
    r"占[^，,。？?]{0,10}?(多大|多少|几成|百分之几)?的?(比例|比重|百分比|份额)|占比|占[^，,。？?]{0,10}?(百分之几|几成)"
    r"|占(了|到)?多少(?![分项个家])|占[^，,。？?]{1,8}?(总额|总量|总数|合计|总盘子|总和)的?多少(?![分项个家])"
)
DIFF_CUE = re.compile(
    r"(?<![至最])[高低多少]了?几(?=分|个百分点|微克|度|倍|家|台|座|公里|吨|天)|(还剩|剩下|剩余)(的)?(多少|几)(?!个?[\u4e00-\u9fff]{0,3}(?<!公)(里|中))|超(出|过)?了?(多少|几)(?!个|项|家)"
    r"|(?<!还)差了(多少|几)|超(出|过)?了?(考核|年度)?目标(值)?(多少|几)(?!个|项|家)"  # 「超了目标多少」
)
# 「哪些县区的任务全部评为按序时推进」「…都是已完成」: places whose every row has the status (not 「都是哪些」)
# 「每个月水质都达到目标的断面」: every month's row of it met
EVERY_MONTH = re.compile(r"每个?月[^，,。？?]{0,8}?(都|均|全部|全都)(达到|达标|完成|合格|优于|好于)")
EVERY_ROW = re.compile(r"(全部|全都|都|均)(是|为|被?评为|被?评定为|标为|属于)(?!哪|什么|多少|几|谁)")
REASON_WORDS = ("为什么", "为何", "原因", "措施", "怎么办", "如何", "怎样", "怎么", "做法", "办法", "对策", "哪些要求",
                "提出了哪些", "采取", "做什么", "什么意思", "什么标准", "指什么", "怎么界定", "如何界定", "怎么定义", "如何定义",
                "why", "how")  # fmt: skip
STATUS_QUESTION = re.compile(
    r"(进展|进度|情况|完成|状态|效果|结果|推进|做得|搞得|评价|执行|落实|实施|开展|使用|支出)[^,，。？?]{0,3}(怎么样|如何|怎样|咋样)|(怎么|如何|怎样)(排|排序|排列)"
    r"|(水质|质量|浓度|同比|环比|变化)[^,，。？?]{0,3}(怎么样|如何|怎样|咋样)(?=[,，。？?！!]|$)"
    r"|(怎么|如何|怎样)(定|规定|设定|确定)的"  # 「目标是怎么定的」 asks the target, not measures
    # 「跟目标比怎么样」 asks the comparison (「和去年相比如何进一步改善」 asks measures)
    r"|(跟|和|与|同)[^,，。？?]{1,8}(相?比|比较|对比)(起来)?(怎么样|如何|怎样|咋样)(?=[,，。？?！!]|$)"
    # 「进度怎么评价的」 asks the table's verdict (not 「达标是如何评定的」, a rule)
    r"|(进度|进展|完成情况|推进情况)[^,，。？?]{0,3}(怎么|如何|怎样)(评价|评定|评)的?(?=[,，。？?！!]|$)"
)
# What a question asks of a row, by the words that ask for it.
ASKS: dict[str, tuple[str, ...]] = {
    "deadline": (
        "什么时候到期",  # its 到期 asked too, not left unread (but no bare 到期: 「驾照到期怎么换证」 asks no row's date)
        "何时到期",
        "什么时候",
        "啥时候",
        "何时",
        "期限",
        "时限",
        "截止",
        "有效期",
        "哪天",
        "几月",
        "完成时间",
        "deadline",
        "when",
    ),
    "lead": ("牵头", "负责", "责任部门", "责任单位", "哪个部门", "哪个单位", "哪些部门", "哪些单位", "谁"),
    "points": ("分值", "总分", "多少分", "几分", "分数", "points"),
    "progress": (
        "进展",
        "进度",
        "完成情况",
        "推进状态",  # 「目前推进状态如何」: a sheet's own 推进状态 column
        "推进情况",
        "哪一步",  # 「到底搞到哪一步了」 (not 「要做到什么程度」, a requirement)
        "状态",
        "完成了吗",
        "完成没有",
        "完成了没有",
        "完成没",
        "完成了没",
        "完成了多少",
        "完成多少",
        "按时",
        "咋样",
        "怎么样",
        "搞得",
        "做得",
        "做了多少",
        "progress",
        "status",
    ),
    "rate": ("执行率", "支出率", "完成率", "比例", "覆盖率", "百分之多少", "百分之几", "百分比", "rate"),
    "milestone": ("季度",),
    "attribute": ("属性", "约束性", "预期性", "参考性", "什么性质"),
    "target": ("目标", "指标值", "target"),
    "current": ("现状", "现在", "实际", "目前", "基准值", "基期值", "基期", "current"),
    "amount": ("下达", "金额", "万元", "多少钱", "拨付"),
    "requirement": ("要求", "要做什么", "考核内容", "内容"),
    "value": (
        "浓度",
        "多少件",
        "多少宗",
        "多少次",
        "多少张",
        "多少",
        "几件",
        "几宗",
        "几次",
        "几",
        "数值",
        "读数",
        "实测",
        "是什么",
        "concentration",
        "value",
    ),
}
# 「剩下几个县里」: 「几」 names the rows asked among (not 「还剩多少公里」)
WORD_AFTER_ZHONG = "[期心央型间旬]"  # 「中期」「中心」「中央」…: 中 of a word, not 「…当中」
AMONG = re.compile(rf"个?[\u4e00-\u9fff]{{1,3}}(?<!公)(里|中|当中)(?!{WORD_AFTER_ZHONG})(?![^，,。？?]*(多少|几))")
REST_BEFORE = re.compile(r"(剩下|剩余|其余)的?$")
WHICH = re.compile(
    r"哪些|哪几个|哪几家|哪几项|哪几|哪一个|哪个|哪一项|哪项|哪一家|哪家|哪一次|哪次|哪条|哪座|哪类|哪种|哪件|哪起|哪月|哪年|几月份?|which"
)
BOTH = re.compile(r"既(?P<a>[^,，。？?]+?)(?:又|也|同时)(?P<b>[^,，。？?]+)|同时(?:满足)?|并且|而且")
WITHOUT = re.compile(r"都没有|都没|(?<!有)没有(?![达完按超])")
YES_NO = re.compile(
    r"(吗|(?<![什怎这那多])么|没有|了没|没)(?=[?？!！。,，;；]|$)|是否|有没有|有没(?![有\u4e00-\u9fff]{0,8}的)|是不是|了没|对吗"
    r"|准确吗|对不对"
    r"|(?![时动])([\u4e00-\u9fff])[不没]\2(?![\u4e00-\u9fff]*[什哪几多谁])"  # 「够不够」「达没达到」, not 「时不时」
)
QUOTE = re.compile(r"[“\"「『]([^”\"」』]{2,})[”\"」』]")
MARK = re.compile(r"(?:标|带|有|打|注)(?:了|有)?[“\"「]?([★☆▲△●◆◎※＊*#])[”\"」]?号?")
# not 「2023年1-6月」; 「2045年12月31日」 is due that month (its day said, read with it)
DEADLINE = re.compile(r"(20\d\d)\s*(?:年|\.|-|/)\s*(\d{1,2})(?!\d)(?!\s*[-—~至])\s*月?(?:\s*\d{1,2}\s*[日号])?")
DEADLINE_CUE = re.compile(
    r"完成时间|完成时限|时限|期限|截止|到期|底前|前完成|月底|月前|月份?(就|要|需|须|应)(完成|建成|办结)"
)
# 「10月份到期的任务」「9月底要完成的有哪些」: a month's rows due then (with rows asked)
MONTH_VERB_DUE = re.compile(
    r"(?<![\d年.\-—至到])(1[0-2]|[1-9])\s*月份?\s*(?:底|末)?\s*(?:要|需|须|应|就)?(?:到期|完成|截止|办结)"
)
# 「完成时限是6月30日」「时限为10月底的任务」「截止时间定在年底12月」: a date said as the deadline
DATE_DUE = re.compile(
    r"(?:时限|期限|截止日期|截止时间|到期日|完成时间)(?:定|设|卡)?(?:是|为|在)?\s*(?:今年|本年度?|当年)?\s*(?:年底|年末)?的?\s*(1[0-2]|[1-9])月"
    r"(?:\d{1,2}日|底|末|份)?(?!\d)(?!\s*[之以]?[后前])"
)
# 「比全市平均水平低」「比平均值高」: what a row is compared with is the whole of the sheet's rows
WHOLE_MEAN = re.compile(
    r"(全市|全县|全区)的?(平均|均值|平均值|平均水平|总体水平|整体水平|水平)?|平均|均值|平均值|平均水平"
)
# 「不算高新区的话，」「不包括市本级，」: the rows a question leaves out, said before its comma
LEFT_OUT = re.compile(
    r"(?:^|[,，。；;])(?:不算|不计|不包括|不含|刨去|刨除|去掉|排除)(?:上)?([^,，。？?的有是哪入]{2,10}?)(?:的话|在内)?[,，]"
)
EXCEPT = r"(?<![去清消排拆剔删根免切破扣])除(?![尘臭磷湿霾法数])"
MILESTONE = re.compile(
    r"(?:(?<![\d.])(1[0-2]|[1-9])\s*月(?:\s*\d{1,2}\s*[日号]|底|末|份|中旬|下旬)?|年底|年末)\s*(?:前|之前)?\s*"
    r"(?:要?(?:达到|完成))?(?:的|那个|这个|那一?个)?\s*(?:时间)?(?:节点|要求|目标|时限|考核要求)"
)
YEAR_END_DUE = re.compile(  # 「年底前要完成的」, 「期限是今年年底的」
    r"(?:(20\d\d)\s*)?年\s*(?:底|末)\s*(?:前|之前|以前)(?:要|需|须|得)?(?:完成|建成|办结|到期)"
    r"|(?:时限|期限|截止时间|截止日期|完成时间)(?:定|设)?(?:是|为|在)?\s*(?:今年|(20\d\d)\s*年)?\s*(?:年底|年末)(?!前?\s*\d)"
)
MONTH_DEADLINE = re.compile(r"(?<![\d年.])(1[0-2]|[1-9])\s*月\s*(?:底|末)?\s*(?:(?:及|或)?(?:前|之前|以前))")
PLAN_PERIOD = re.compile(r"十([一二三四五六七八九])五")
DOCUMENT_WORDS = ("规划", "方案", "计划", "表", "指标体系", "项目", "责任书", "通报", "要点", "汇总", "清单", "通知", "意见",
                  "报告", "公报", "台账", "汇报")  # fmt: skip
# words whose 表 names no table (「地表水国省考断面水质」 is a topic, not the 通报's name)
NOT_TABLE_WORD = re.compile("地表|代表|表明|表示|表彰|发表|表现|表扬")
MIN_NAME_RUN = 4
# the words that say what kind a document or table is, not which one (「规划指标」 names no plan)
KIND_WORD = re.compile("|".join((*DOCUMENT_WORDS, "指标", "目标", "主要", "重点", "任务", "工作", "情况", "进展")))
MAX_SKIPPED = 4  # the characters a name said short may leave out (「重点任务推进表」 for 「…推进情况表」)
# what a follow-up says around a name of its own (「那…那个…呢」)
FOLLOW_UP_FILLER = re.compile(r"那个|这个|那|这|呢|吗|的|呀|啊|项目|任务|工程|情况|[？?，,。！!\s]")
# slots that say what to compute, not what about: in a clause asking why or how, they belong to it
CUE_KINDS = ("which", "each", "rank", "date_rank", "nth", "topk", "order", "position", "both_ends", "numeric", "direction", "all_of", "count", "sum", "mean", "compare", "compare_with", "yesno",
             "ask", "both", "without", "share", "every_row")  # fmt: skip


@dataclass(frozen=True)
class Slot:
    kind: str
    value: Any
    start: int
    end: int
    text: str


@dataclass
class Question:
    """A question read against the lexicon: its normalised text, its slots and its flags."""

    raw: str
    text: str
    slots: list[Slot] = field(default_factory=list)
    injection: bool = False
    chit_chat: bool = False
    realtime: bool = False
    follow_up: bool = False
    context_text: str = ""  # the question a follow-up continues
    context_words: str = ""  # the words that picked rows in that question
    context_cells: str = ""  # the cells of sheets it named (rows of a generic sheet, words to other tables)
    fact_text: str = ""  # the clauses asking for figures, when a question also asks for measures
    reason_text: str = ""  # the clauses asking why or how
    notes: list[str] = field(default_factory=list)
    rows_listed: bool = False  # a follow-up about the rows the answer before named (「这几个站」): their slots

    def of(self, kind: str) -> list[Slot]:
        return [s for s in self.slots if s.kind == kind]

    def values(self, kind: str) -> list:
        return list(dict.fromkeys(s.value for s in self.slots if s.kind == kind))

    def has(self, kind: str) -> bool:
        return any(s.kind == kind for s in self.slots)

    def first(self, kind: str, default=None):
        return next((s.value for s in self.slots if s.kind == kind), default)

    # what retrieval reads ------------------------------------------------------------------------

    @property
    def regions(self) -> list[str]:
        return self.values("place")

    @property
    def years(self) -> list[int]:
        return self.values("year") or self.values("plan_year")

    @property
    def period(self) -> str:
        return self.first("period", "")

    @property
    def plan_period(self) -> str:
        return self.first("plan_period", "")

    @property
    def doc_ids(self) -> list[str]:
        return [d for s in self.of("document") for d in s.value]

    @property
    def document_names(self) -> list[str]:
        return [s.text for s in self.of("document")]

    @property
    def monthly(self) -> bool:
        return self.period == "月度" or re.fullmatch(r"\d{1,2}月", self.period or "") is not None

    @property
    def reason(self) -> bool:
        return self.has("reason")

    @property
    def yes_no(self) -> bool:
        return self.has("yesno")

    def explain(self) -> str:
        return " ".join(f"{s.kind}={s.value}" for s in self.slots) or "nothing recognised"


@dataclass(frozen=True)
class Catalogue:
    """Names of the loaded documents and tables, for 「十三五规划」「附件1」-like references."""

    titles: dict[str, str]  # doc_id → title
    captions: dict[str, tuple[str, str]]  # "doc_id|label" → (doc_id, caption)
    bigrams: frozenset[str] = frozenset()  # every pair of Chinese characters the documents write


def bigrams(text: str) -> list[str]:
    """The pairs of adjacent Chinese characters of `text`, in order (「农村污水」 → 农村, 村污, 污水)."""
    chunks = re.findall(r"[\u4e00-\u9fff]+", text)
    return [c[i : i + 2] for c in chunks for i in range(len(c) - 1)]


def document_bigrams(texts) -> frozenset[str]:
    """Every pair of adjacent Chinese characters in `texts` (normalised)."""
    pairs = set()
    for text in texts:
        flat = normalize_text(text)
        pairs.update(flat[k : k + 2] for k in range(len(flat) - 1) if _typo_char(flat[k]) and _typo_char(flat[k + 1]))
    return frozenset(pairs)


def read_question(question: str, lexicon: Lexicon, catalogue: Catalogue) -> Question:
    """All slots of one question (without history)."""
    injection = bool(INJECTION.search(question))
    text = normalize_text(question)
    text = _strip_instructions(text) if injection else text
    text = expand_abbreviations(ANSWER_FORMAT.sub(" ", text).strip())
    text, notes = correct_typos(text, lexicon, catalogue.bigrams)
    q = Question(raw=question, text=text, injection=injection, notes=notes)
    q.chit_chat = bool(CHIT_CHAT.match(question.strip()))
    q.realtime = any(not _straddles(text, m.start(), m.end()) for m in REALTIME.finditer(text))
    q.follow_up = bool(FOLLOW_UP.search(text)) and len(text) <= 20
    slots: list[Slot] = []
    slots += _documents(text, catalogue)
    slots += _quotes(text)
    shadow = _blank(text, [s for s in slots if s.kind in ("document", "quote")])  # not read for intent words
    slots += _lexicon_slots(text, lexicon)
    slots += _short_departments(text, lexicon, slots)
    slots = _levels_of_title(text, slots, catalogue)
    # 「阳东子站」「潮南区政府」: a row's or a department's name that holds a place's names it, not the place
    named = [s for s in slots if s.kind in ("entity", "department", "station")]  # 「潮南区政府」「丰城工业园子站」 too
    slots = [s for s in slots if s.kind != "place" or not any(_within(s, e) for e in named)]
    zones = _unknown_zones(text, slots, catalogue.bigrams)  # 「赣州经开区」: no 赣州市
    slots = [s for s in slots if not (s.kind == "place" and any(z.start <= s.start and s.end <= z.end for z in zones))]
    slots += zones + _unknown_places(text, lexicon, slots) + _unknown_towns(text, slots, catalogue.bigrams)
    slots += _unwritten_zones(text, slots, catalogue.bigrams)
    slots += _times(text)
    years = [s for s in slots if s.kind == "year"]  # 「2025年度」 is a year, not the 「年度…」 column of a sheet
    slots = [s for s in slots if s.kind not in ("column", "entity") or not any(_inside(s, y) for y in years)]
    # 「2025年计划投资」: a column's name, not a cell 「2025年」 of that table
    headers = [s for s in slots if s.kind == "column"]
    slots = [s for s in slots if s.kind != "entity"
             or not any(h.value[0] == s.value[0] and _within(s, h) for h in headers)]  # fmt: skip
    labels = [s for s in slots if s.kind == "document" or (s.kind == "quote" and s.value not in STATUS_WORDS)]
    slots += _statuses(_blank(text, labels), lexicon)
    learned = _learned_labels(slots, text)
    slots = [s for s in slots if not (s.kind == "status" and any(_under(s, label) for label in learned))] + learned
    dated = [s for s in slots if s.kind == "milestone"]  # 「12月10日前达到的要求」 names a target, asks no filter
    bounds = [s for s in _thresholds(shadow) if not any(_within(s, d) for d in dated)]
    # (「不低于60%的要求，哪些没达到」: the 没达到 is the bound's, no verdict of its own)
    slots = [s for s in slots if not (s.kind == "status" and any(b.start < s.start and s.end <= b.end for b in bounds))]
    slots += bounds + _cues(shadow)
    # 「谁完成得好些」 ranks by how far each got (a rate), not by a column named 「完成」
    better = [s for s in slots if s.kind == "rank" and BETTER_ONE.fullmatch(s.text)]
    slots = [s for s in slots if s.kind != "column" or not any(b.start <= s.start < b.end for b in better)]
    slots += [Slot("ask", "rate", b.start, b.end, b.text) for b in better if any(v in b.text for v in RATE_VERBS)]
    slots += _water_classes(shadow)
    slots = _status_asked_apart(text, slots)
    clauses = [c for c in re.split(r"[?？。；;!！]", text) if c.strip()]
    reasons = [c for c in clauses if any(w in STATUS_QUESTION.sub(" ", c) for w in REASON_WORDS)]
    if reasons and len(clauses) > len(reasons):
        q.fact_text = "？".join(c for c in clauses if c not in reasons)
        q.reason_text = "？".join(reasons)
        spans = [(text.find(c), text.find(c) + len(c)) for c in reasons]
        slots = [s for s in slots if s.kind not in CUE_KINDS or not any(a <= s.start < b for a, b in spans)]
    q.slots = sorted(_resolve(slots, text), key=lambda s: (s.start, -s.end))
    return q


ONE_OF = re.compile(r"哪一?[个项条]")  # 「哪一个」: one of the rows counted before (not 「哪些」, a list of its own)


def _status_asked_apart(text: str, slots: list[Slot]) -> list[Slot]:
    """「生态保护类的问题有几个？哪一个已经销号了？」: the status belongs to the second question, which the rows
    listed with their statuses answer (asked as their progress); the count is of them all. (「有几个？哪些滞后？」
    asks a list of those behind: the status stands.)"""
    breaks = [m.end() for m in re.finditer(r"[?？；;]", text)]
    counted = [s for s in slots if s.kind == "count"]
    for cut in breaks:
        before = [s for s in slots if s.end <= cut]
        after = [s for s in slots if s.start >= cut]
        status = [s for s in after if s.kind == "status"]
        if (counted and all(c.end <= cut for c in counted) and status and any(s.kind == "which" and ONE_OF.fullmatch(s.text) for s in after)
                and not any(s.kind in ("status", "status_other_than", "status_label_word") for s in before)):  # fmt: skip
            return [s for s in slots if s not in status] + [
                Slot("ask", "progress", s.start, s.end, s.text) for s in status
            ]
    return slots


def correct_typos(text: str, lexicon: Lexicon, corpus_bigrams: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """A word one character away from a known one is read as it (「森林复盖率」 → 森林覆盖率,
    「目漂」 → 目标), and said: («按「目标」理解「目漂」»). Known words are the lexicon's names of
    three characters or more and the words questions are asked with. Only a character that
    makes a pair the documents never write (「复盖」「目漂」) and that jieba leaves alone can be a
    typo: 「县级以上」「提标改造」「东湖子站」 are read as written."""
    words = _typo_vocabulary(lexicon)
    known = _dictionary()
    alone = _single_characters(text)
    after_word = {end for _, start, end in rjieba.tokenize(text, hmm=False) if end - start >= 2}
    taken = [(m.start, m.end) for m in lexicon.find(text)]
    # (a question word written right is no part of a typo: 「比基准值」 is no 「比例」 misspelt)
    taken += [(m.start(), m.end()) for w in TYPO_QUESTION_WORDS for m in re.finditer(re.escape(w), text)]
    notes, fixed = [], text
    for word in words:
        size = len(word)
        if size > len(text) or word in text:
            continue
        for start in range(len(text) - size + 1):
            window = text[start : start + size]
            differ = [k for k in range(size) if window[k] != word[k]]
            if len(differ) != 1 or window in known or window in words or not _typo_char(window[differ[0]]):
                continue
            if window[differ[0]] in FUNCTION_CHARACTERS:  # 「既标了…又是」: a word of the sentence, no typo
                continue
            at = start + differ[0]
            if at not in alone or any(a < start + size and start < b for a, b in taken):
                continue
            if size == 2 and start + 1 - differ[0] not in alone:
                continue  # 「项目二季度」: the other character belongs to a word of its own
            if window[differ[0]] in LOCATIVES and at in after_word:
                continue  # 「重点项目里水环境…」: 里 after a word is where, not a misspelt 污 or 标
            pairs = {text[at - 1 : at + 1], text[at : at + 2]} & {window[k : k + 2] for k in range(size - 1)}
            if corpus_bigrams and all(p in corpus_bigrams for p in pairs):
                continue  # the documents write it so: not a typo
            if size >= 3 and differ[0] in (0, size - 1):
                continue  # 「河长多长时间」「…水质达标了吗」: a word and the character next to it
            if not _sounds_alike(window[differ[0]], word[differ[0]]):
                continue  # 「碳达峰」 is no 「达标」 misspelt (checked last: reading pinyin costs 0.2 s the first time)
            fixed = fixed[:start] + word + fixed[start + size :]
            taken.append((start, start + size))
            notes.append(f"按「{word}」理解「{window}」")
            break
    return fixed, notes


def _single_characters(text: str) -> set[int]:
    """Positions of characters jieba (rjieba) leaves alone, or joins only into a rare word (「复盖」)."""
    known = _dictionary()
    return {
        k
        for word, start, end in rjieba.tokenize(text, hmm=False)
        if end - start == 1 or word not in known
        for k in range(start, end)
    }


TYPO_KINDS = ("place", "station", "indicator", "department", "attribute")


def _typo_vocabulary(lexicon: Lexicon) -> list[str]:
    names = {t.surface for t in lexicon.terms
             if t.kind in TYPO_KINDS and len(t.surface) >= 3 and not t.surface.isascii()}  # fmt: skip
    return sorted(names | set(TYPO_QUESTION_WORDS), key=len, reverse=True)


COMMON_DIGITS = 2  # a dictionary word counted fewer than 10 times, one digit (「复盖」), may be a typo
TYPO_QUESTION_WORDS = ("目标", "现状", "基准值", "基准年", "达标", "浓度", "执行率", "完成率", "覆盖率", "治理率", "处理率", "牵头", "进度",
                       "滞后", "专项资金", "污水", "治理", "指标", "属性", "约束性", "预期性", "分值", "监测", "子站", "比例",
                       *TERMS)  # fmt: skip


def _sounds_alike(typed: str, meant: str) -> bool:
    """Whether two characters' pinyin (any reading, no tone) are equal or one letter apart: what a
    pinyin keyboard mistypes (复/覆 fu, 漂/标 piao/biao), never 峰/标 (feng/biao)."""
    from pypinyin import Style, pinyin  # loaded only when a word is one character off

    readings = [set(p) for p in pinyin(typed + meant, style=Style.NORMAL, heteronym=True)]
    return any(_one_letter_apart(a, b) for a in readings[0] for b in readings[1])


def _one_letter_apart(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _typo_char(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


FUNCTION_CHARACTERS = frozenset(
    "既又也还都就才再很更最已曾将被把给让向从在的了着过吗呢吧和与或及而但并且即有是为么哪几多少怎样对个能会否没未不谁其这那"
)
QUESTION_WORDS = frozenset({"子项", "分项", "事项", "含子项"})  # rare in jieba, common in questions: never typos


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Words of jieba's general dictionary in common use: a window that is one is not a typo. Read from
    the dictionary file (「word freq tag」 lines) in a fifth of the time jieba takes to load it whole;
    rjieba, which tokenizes here, carries the same dictionary."""
    text = (files("jieba") / "dict.txt").read_text(encoding="utf-8")
    return frozenset(re.findall(rf"^(\S+) \d{{{COMMON_DIGITS},}} ", text, re.MULTILINE)) | QUESTION_WORDS


def residual(question: Question, kinds_kept: tuple[str, ...] = (), whole_names: bool = False) -> str:
    """The question's text with every slot's span blanked (except `kinds_kept`; with `whole_names`, not the words
    inside a kept indicator's name either: 「达到或好于Ⅲ类」 and 「比例」 of 「地表水达到或好于Ⅲ类水体比例」)."""
    names = [s for s in question.slots if whole_names and s.kind == "indicator" and s.kind in kinds_kept]
    return _blank(question.text, [s for s in question.slots if s.kind not in kinds_kept
                                  and not any(in_longer(s, n) for n in names)])  # fmt: skip


def in_longer(slot: Slot, other: Slot) -> bool:
    """Whether `slot` lies inside the longer span of `other` (「超标」 in 「有超标记录」)."""
    return 0 <= other.start <= slot.start and slot.end <= other.end and other.end - other.start > slot.end - slot.start


# -- extractors ----------------------------------------------------------------------------------------


def _lexicon_slots(text: str, lexicon: Lexicon) -> list[Slot]:
    kinds = ("place", "station", "pollutant", "department", "level", "attribute", "indicator", "status", "column",
             "entity")  # fmt: skip
    slots = []
    for match in lexicon.find(text, kinds):
        term = match.term
        kind = "status_word" if term.kind == "status" else term.kind
        value = term.value
        if term.kind == "place":
            value = (term.value, term.level, term.parent)
        elif term.kind in ("column", "entity"):
            value = (term.table, term.field, term.value)
        if kind == "level" and INSPECTION_AFTER.match(text, match.end):
            continue  # 「中央督察反馈的问题」: an inspection's level, not a fund's
        slots.append(Slot(kind, value, match.start, match.end, text[match.start : match.end]))
    # 「黄山」 said bare names the city 黄山市, not its own 黄山区 (which a question calls 黄山区) — unless named beside
    # another of the city's 区县 (「屯溪、黄山两个区」)
    cities = {(s.start, s.end, s.value[0]) for s in slots if s.kind == "place" and s.value[1] == "city"}
    siblings = {(s.start, s.value[2]) for s in slots if s.kind == "place" and s.value[1] == "county"}
    slots = [s for s in slots if not (s.kind == "place" and s.value[1] == "county" and (s.start, s.end, s.value[2]) in
                                      cities and not any(p == s.value[2] and a != s.start for a, p in siblings))]  # fmt: skip
    return [_place_value(s) for s in _contracted_cells(text, lexicon, slots)]


TITLE_RUN = 8  # a run of a document's title this long names the document, with the fund levels inside it
TITLE_RUN_TEXT = re.compile(rf"[\u4e00-\u9fff]{{{TITLE_RUN},}}")


def _levels_of_title(text: str, slots: list[Slot], catalogue: Catalogue) -> list[Slot]:
    """「2045年中央和省级生态环境保护专项资金，哪个区县下达得最多」: the fund levels said as part of a title's run
    (「中央和省级生态环境保护专项资金」 of 「…中央和省级生态环境保护专项资金项目安排表」) name the funds of the documents
    with that run (of the year said, when several are), not a level's column or rows."""
    levels = [s for s in slots if s.kind == "level"]
    if len(levels) < 2 or any(s.kind == "document" for s in slots):
        return slots
    for m in TITLE_RUN_TEXT.finditer(text):
        for a in range(m.start(), m.end() - TITLE_RUN + 1):
            b = max((j for j in range(a + TITLE_RUN, m.end() + 1)
                     if any(text[a:j] in title for title in catalogue.titles.values())), default=0)  # fmt: skip
            if b and len([s for s in levels if a <= s.start and s.end <= b]) >= 2:
                docs = [d for d, title in catalogue.titles.items() if text[a:b] in title]
                years = re.findall(r"20\d\d", text)
                docs = [d for d in docs if any(y in catalogue.titles[d] for y in years)] or docs
                kept = [s for s in slots if not (s.kind in ("level", "column") and a <= s.start and s.end <= b)]
                return [*kept, Slot("document", tuple(docs), a, b, text[a:b])]
    return slots


def _contracted_cells(text: str, lexicon: Lexicon, slots: list[Slot]) -> list[Slot]:
    """「国省考断面」: 「国考」 and 「省考」 said in one word, the shared last character once; the character before a
    two-character cell, with that cell's last one, is a cell of the same column too."""
    cells = {(t.table, t.field, t.value) for t in lexicon.of_kind("entity")}
    more = []
    for s in slots:
        if s.kind != "entity" or len(s.text) != 2 or s.start == 0:
            continue
        table, field, _ = s.value
        other = text[s.start - 1] + s.text[-1]
        if (table, field, other) in cells and not any(t.start < s.start and s.start - 1 < t.end for t in slots):
            more.append(Slot("entity", (table, field, other), s.start - 1, s.start, text[s.start - 1]))
    return slots + more


INSPECTION_AFTER = re.compile(r"(生态)?(环境保护|环保)?(督察|督查|巡视)")


DEPARTMENT_END = re.compile(r"局|委|办|中心|支队|管委会")


def _short_departments(text: str, lexicon: Lexicon, slots: list[Slot]) -> list[Slot]:
    """「市城管执法局」 of 「市城市管理综合执法局」: a department the documents name in full, said by a short form
    (its first and last characters and some of the others, in order); the longest such form."""
    known = lexicon.values("department")
    said = [(s.start, s.end) for s in slots if s.kind == "department"]
    found = []
    for m in DEPARTMENT_END.finditer(text):
        for start in range(max(0, m.end() - 10), m.end() - 2):
            word = text[start : m.end()]
            if any(a < m.end() and start < b for a, b in said) or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
                continue
            if any(abbreviates(word, name) for name in known):
                found.append(Slot("department", word, start, m.end(), word))
                break
    # 「住建部门牵头的」: the department whose short name is the field said before 部门 (住建局); no place's
    # (「相山区部门」 names none)
    places = [(s.start, s.end) for s in slots if s.kind == "place"]
    for m in re.finditer("部门", text):
        for k in range(max(0, m.start() - 4), m.start() - 1):
            if any(a < m.start() and k < b for a, b in places):
                continue
            name = next((f"{text[k : m.start()]}{end}" for end in ("局", "委", "办") if any(
                f"{text[k : m.start()]}{end}" in known_name or abbreviates(f"{text[k : m.start()]}{end}", known_name)
                for known_name in known)), "")  # fmt: skip
            if name and not any(a < m.end() and k < b for a, b in said):
                found.append(Slot("department", name, k, m.end(), text[k : m.end()]))
                break
    return found


def _place_value(slot: Slot) -> Slot:
    if slot.kind != "place":
        return slot
    name, level, parent = slot.value
    return (
        Slot("place", name, slot.start, slot.end, slot.text)
        if level != "town"
        else Slot("town", (name, parent), slot.start, slot.end, slot.text)
    )


def _unknown_towns(text: str, known: list[Slot], said: frozenset[str]) -> list[Slot]:
    """A 镇、街道 or 乡 the question names whose name the documents never write (「五桂山街道」): no pair of
    its characters before 镇/街道/乡 is in them, so it is no word of theirs either (「示范镇」 writes 示范)."""
    covered = [(s.start, s.end) for s in known]
    found = []
    for m in TOWN_NAME.finditer(text):
        stem = m.group(1)
        glue = set(stem) & (FUNCTION_CHARACTERS | set("各每全本该年月日"))  # 「上半年各镇」 is no name
        if said and not glue and not any(a <= m.start() < b for a, b in covered) and not set(bigrams(stem)) & said:
            found.append(Slot("unknown_place", m.group(0), m.start(), m.end(), m.group(0)))
    return found


# The zones a city or a county sets up, written after its name: 「赣州经开区」「宜宾高新区」
ZONE_AFTER = re.compile(
    r"经济技术开发区|经济开发区|高新技术产业开发区|经开区|开发区|高新区|新区|工业园区|保税区|度假区|管理区"
)


def _unknown_zones(text: str, known: list[Slot], said: frozenset[str]) -> list[Slot]:
    """A zone named after a known place that the documents never write (「鹰潭经开区」 of documents that name no
    经开区 at all): neither the zone's words nor the place's last character before the zone's first are in them
    (「江门高新区」 stands: the documents write 「江海区(高新区)」)."""
    found = []
    for place in (s for s in known if s.kind == "place"):
        zone = ZONE_AFTER.match(text, place.end)
        written = zone and set(bigrams(zone.group(0))) <= said
        if zone and said and not written and text[place.end - 1] + zone.group(0)[0] not in said:
            name = text[place.start : zone.end()]
            found.append(Slot("unknown_place", name, place.start, zone.end(), name))
    return found


def _unwritten_zones(text: str, known: list[Slot], said: frozenset[str]) -> list[Slot]:
    """A zone the documents never write, named by its own words (「新蒲新区」: no document writes 新蒲)."""
    covered = [(s.start, s.end) for s in known]
    return [
        Slot("unknown_place", m.group(0), m.start(), m.end(), m.group(0))
        for m in re.finditer(r"([\u4e00-\u9fff]{2})(新区|经开区|高新区|开发区|工业园区)", text)
        if said
        and m.group(1)[:2] not in said
        and not re.search(r"[哪几各每这那些个全本该其不没未在是于非]", m.group(1))  # (「不在工业园区」 is no name)
        and not any(a < m.end() and m.start() < b for a, b in covered)
    ]


def _unknown_places(text: str, lexicon: Lexicon, known: list[Slot]) -> list[Slot]:
    """Divisions of China the question names that no document covers (「广州市」, 「北京」)."""
    # (「四川古蔺鼎晟酿酒有限公司」: a row's name that opens with its province names no place asked)
    covered = [(s.start, s.end) for s in known if s.kind in ("place", "station", "town", "document", "entity")]
    return [
        Slot("unknown_place", name, start, end, text[start:end])
        for name, start, end in mentions(text)
        if not lexicon.names_of(name) and not any(a <= start and end <= b for a, b in covered)
    ]


def _times(text: str) -> list[Slot]:
    slots = []
    # not an amount (「超过2000万元」「2000多家」)
    amount = r"\s*(?:多|余)?\s*(?:万|亿|元|吨|公里|公顷|亩|%|％|辆|台|户|人|件|座|条|处|家|个|项|米|千克)"
    for m in re.finditer(rf"(?<!\d)(20\d\d)(?![\d.])(?!{amount})\s*(年度|年)?", text):
        slots.append(Slot("year", int(m.group(1)), m.start(), m.end(), m.group(0)))
    # 「23年上半年」「22年资金」 are 2023, 2022; 「近10年」「过去20年」「建成12年」「10年以来」 are spans of years
    two_digit = (r"(?<![\d.近这前后每第满共约多余去来几数成续为管])([12]\d)\s*(年度|年)"
                 r"(?=上半年|下半年|年?底|初|末|全年|\d{1,2}(-\d{1,2})?月|的|各|[，,]|资金|专项|执行|完成|目标|任务|重点|考核"
                 r"|环保|省级|市级|中央|县级|区级|空气|水质|PM|pm|no2|o3|[一二三四]季度)")  # fmt: skip
    for m in re.finditer(two_digit, text):
        slots.append(Slot("year", 2000 + int(m.group(1)), m.start(), m.end(), m.group(0)))
    plan = PLAN_PERIOD.search(text)
    if plan:
        first = 2006 + 5 * "一二三四五六七八九".index(plan.group(1))  # 十一五 = 2006–2010
        slots.append(Slot("plan_period", plan.group(0), plan.start(), plan.end(), plan.group(0)))
        if not any(s.kind == "year" for s in slots):
            slots += [Slot("plan_year", y, plan.start(), plan.end(), plan.group(0)) for y in range(first, first + 5)]
    period = _period(text)
    if period:
        slots.append(Slot("period", *period))
    for m in re.finditer(r"(?<![前头至到])([一二三四1-4])季度", text):  # 「前三季度」「一至三季度」 are the months 1-9
        slots.append(Slot("quarter", m.group(0), m.start(), m.end(), m.group(0)))
    for m in MILESTONE.finditer(text):  # 「离12月10日的要求」「9月底那个节点」「年底的目标」
        slots.append(Slot("milestone", int(m.group(1) or 12), m.start(), m.end(), m.group(0)))
    due = DEADLINE.search(text)
    if due and DEADLINE_CUE.search(text):
        slots.append(Slot("deadline", (int(due.group(1)), int(due.group(2))), due.start(), due.end(), due.group(0)))
    month = MONTH_DEADLINE.search(text)
    years = [s.value for s in slots if s.kind == "year"]
    # 「2020年…要求11月底前建成」: the month of the year asked; with no year, when rows are asked (「10月底前要完成的任务
    # 有哪些」), not a milestone's figure (「6月底前应该完成多少工程量」)
    rows_asked = re.search(r"哪些|哪几|哪个|几项|多少项", text)
    if not due and month and (years or rows_asked):
        slots.append(Slot("deadline", (years[0] if years else 0, int(month.group(1))), month.start(), month.end(),
                          month.group(0)))  # fmt: skip
    year_end = YEAR_END_DUE.search(text) if not due and not month and rows_asked else None
    if year_end:  # 「哪些任务要在年底前完成」「2043年底前」: due in December
        said_year = year_end.group(1) or year_end.group(2)
        year = int(said_year) if said_year else (years[0] if years else 0)
        slots.append(Slot("deadline", (year, 12), year_end.start(), year_end.end(), year_end.group(0)))
    due_slot = next((s for s in slots if s.kind == "deadline"), None)
    if due_slot and _due_by(text, due_slot):  # 「完成时限在9月底之前（含9月底）」: due then or earlier
        slots.append(Slot("due_by", due_slot.value, due_slot.start, due_slot.end, due_slot.text))
    dated = DATE_DUE.search(text) if not due and not (month and (years or rows_asked)) and not year_end else None
    dated = dated or (MONTH_VERB_DUE.search(text) if rows_asked and not due and not month and not year_end else None)
    if dated:  # 「完成时限是6月30日」: that month of the rows' own year (0: whichever)
        slots.append(Slot("deadline", (0, int(dated.group(1))), dated.start(), dated.end(), dated.group(0)))
    return slots


def _due_by(text: str, due: Slot) -> bool:
    """「完成时限在9月底之前」「9月底前（含9月底）」「9月底及以前」: a deadline up to the month said, not only in it
    (「9月底前要完成的任务」「要在9月底前完成」 are the ones the table dates 「9月底前」)."""
    before = re.match(r"\s*(底|末)?\s*(之|以)?前", text[due.end :])
    after = text[due.end + before.end() :] if before else text[due.end :]
    # the deadline itself said to lie before the month end (not the work to be done by then)
    deadline_before = (due.text.endswith("前") or before) and re.search(
        r"(时限|期限|截止日期|截止时间|到期时间|完成时间|到期日)(又|也|都|均)?(是|为)?(在|于)\s*$", text[: due.start]
    )
    return bool(
        deadline_before
        or re.search(r"(及|或)(之|以)?前", due.text)
        or re.match(r"\s*([（(]\s*(含|包括)|(及|或)(之前|以前|更早))", after)
    )


def period_said(text: str) -> str:
    """The period a text says (「上半年」 → 「1-6月」), or ""."""
    found = _period(normalize_text(text).lower())
    return found[0] if found else ""


# the verbs of a row's own date (批复, 发证, 检查 …), not a deadline's (完成, 到期: 「6月就完成」 is a deadline)
ROW_DATE_VERB = "|".join(verbs for verbs, _ in DATE_VERBS[3:])


def _period(text: str) -> tuple[str, int, int, str] | None:
    """(period, start, end, text): a half-year, the whole year, months (「1-9月」), one month's
    reading (「12月的PM2.5」, not the deadline 「6月底前」), or monthly figures (「月均浓度」)."""
    for pattern, value in (
        (r"上半年|1\s*月?份?\s*[-—~至到]\s*6\s*月|一至六月|前六个月|前半年|h1", "1-6月"),
        (r"下半年|7\s*月?份?\s*[-—~至到]\s*12\s*月|h2", "7-12月"),
        (r"前(三|3)个?季度|一至三季度", "1-9月"),
        (r"全年|年均浓度|年平均|全年度", "全年"),
    ):
        m = re.search(pattern, text)
        if m:
            return value, m.start(), m.end(), m.group(0)
    span = re.search(r"(\d{1,2})\s*(?:月份?)?\s*[-—~至到]\s*(\d{1,2})\s*月", text)  # (「3月到5月」 too)
    if span and int(span.group(1)) <= int(span.group(2)):  # (not 「11月至3月」, a season across two years)
        return f"{span.group(1)}-{span.group(2)}月", span.start(), span.end(), span.group(0)
    month = re.search(  # 「3月份」 is a month; 「3月的PM2.5」 a month's reading; 「6月底前」 a deadline; 「8月执法检查了」 a date's
        r"(?<![\d\-—至.a-z])(1[0-2]|[1-9])月(?:份|当月|单月|的?[^,，。？?]{0,10}?(?:浓度|均值|读数|空气质量|优良|aqi|pm|no2|so2|o3|降尘"
        rf"|水质|类别)|(?=[^,，。？?底初末前]{{0,4}}?(?:{ROW_DATE_VERB}))|(?=的?呢))",  # (「那5月呢」: a follow-up's month)
        text,
    )
    if month:
        end = month.start(1) + len(month.group(1)) + 1
        end += text.startswith("份", end)  # (「8月份」 whole: no 份 left over)
        return f"{month.group(1)}月", month.start(), end, month.group(0)
    # 「每个月的PM2.5浓度」 asks monthly figures; 「每个月最少要抽检多少辆」 a rule the text states
    monthly = re.search(
        r"月均|月平均|月度(?:浓度|均值|数据)|每个月的?[^,，。？?]{0,8}?(?:浓度|均值|读数|空气质量|优良|aqi|pm|no2|so2|o3|降尘)",
        text,
    )
    if monthly:
        return "月度", monthly.start(), monthly.end(), monthly.group(0)
    return None


def _joined_labels(found: list[tuple[int, int, str]], slots: list[Slot], text: str) -> list[Slot]:
    """「评为已完成或者未按进度推进」: a status word joined to a quoted or 评为 label is a label too."""
    labelled = {s.start for s in slots if s.kind == "status_label_word"}
    ordered = sorted(found)
    added: list[Slot] = []
    for (a1, b1, w1), (a2, b2, w2) in pairwise(ordered):
        if not re.fullmatch(r"\s*(或者|或|和|及|以及|、)\s*", text[b1:a2]) or (a1 in labelled) == (a2 in labelled):
            continue
        start, end, word = (a2, b2, w2) if a1 in labelled else (a1, b1, w1)
        added.append(Slot("status_label_word", word, start, end, word))
        labelled.add(start)
    return added


NEGATION_BEFORE = re.compile(NEGATION + "$")  # 「没按进度完成」


def _negated_at(text: str, start: int) -> bool:
    """Whether a word at `start` is negated before it: 「没按进度完成」, and 「有没完成…的吗」「有没有没达标的」 (rows not
    done asked of), not 「有没达标？」 (whether it is)."""
    before = text[:start]
    asked_of_rows = re.search(r"有没$", before) and re.match(r"[^，,。？?的]{0,8}的", text[start:])
    return bool(NEGATION_BEFORE.search(before) or asked_of_rows)


PLANNED_BEFORE = re.compile(r"(计划|预计|拟|要求)[^，,。？?]{0,6}$")
NOT_COUNTED = re.compile(r"(?<!是)(不算|不属于|并不|不是)$")  # 「不算滞后」, not 「是不是滞后」
NOT_BEHIND = re.compile(
    r"(?<![还尚都也有])(没有?|未曾|并未|从未)$"
)  # 「没超标」; not 「还没…」, which asks what is still behind
# What makes a status word the document's own label: 「评为」「评价为」「评成」「标为」「结果又是」 …
LABELLED_AS = r"(被?评(价|定|判)?[为成是]|(?<![目指])标(注|记)?[为成]|结果(又|也)?[是为]|写为|列为|定为|判定为|认定为)"
# 「Ⅱ类」 as questions are normalised (「ii类」), a range 「Ⅰ～Ⅲ类」, 「达到或好于Ⅲ类」「Ⅲ类及以上」, 「优于Ⅲ类」, 「劣于Ⅲ类」
_CLASS = r"(?<![a-z])(?:劣)?(?:iv|v|i{1,3})"
WATER_CLASS_ASKED = re.compile(
    rf"(?P<lo>{_CLASS})\s*类?\s*[~～\-—至到]\s*(?P<hi>{_CLASS})\s*类"
    rf"|(?P<at_least>达到或(?:好于|优于)|不劣于|不差于)\s*(?P<a>{_CLASS})\s*类"
    rf"|(?P<b>{_CLASS})\s*类(?:及|或)(?:以上|更好|更优)"
    rf"|(?P<better>好于|优于)\s*(?P<c>{_CLASS})\s*类"
    rf"|(?P<worse>劣于|差于)\s*(?P<d>{_CLASS})\s*类"
    rf"|(?P<e>{_CLASS})\s*类"
)
# after a status word: 「…达标这项任务」「…达标攻坚那项任务」 names the item (not 「未达标的那几个」)
NAMED_ITEM = re.compile(r"[^\s，,。？?的]{0,6}?(这|那)一?(项|个|条)")


def _water_classes(text: str) -> list[Slot]:
    """Water classes asked, as the range of their ranks (1 Ⅰ类 … 6 劣Ⅴ类): 「Ⅲ类」 (3, 3), 「达到或好于Ⅲ类」 (1, 3)."""
    slots = []
    for m in WATER_CLASS_ASKED.finditer(text):
        rank = {k: water_class_rank(v.upper() + "类") for k, v in m.groupdict().items() if v and k in "lohiabcde"}
        if m.group("lo"):
            span = (rank["lo"], rank["hi"])
        elif m.group("a") or m.group("b"):
            span = (1, rank.get("a") or rank["b"])
        elif m.group("better"):
            span = (1, rank["c"] - 1)
        elif m.group("worse"):
            span = (rank["d"] + 1, 6)
        else:
            span = (rank["e"], rank["e"])
        slots.append(Slot("water_class", span, m.start(), m.end(), m.group(0)))
    for m in CHINESE_WATER_CLASS.finditer(text):  # 「按二类水考核」「水质达到三类」: the class in Chinese numerals
        rank = "一二三四五".index(m.group(2)) + 1 + bool(m.group(1))
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(Slot("water_class", (rank, rank), m.start(), m.end(), m.group(0)))
    return slots


CHINESE_WATER_CLASS = re.compile(
    r"(?:(?:(?<=水质)|(?<=目标)|(?<=类别))(?:达到|为|是)?|(?=[劣一二三四五]+类水))(劣)?([一二三四五])类"
)


def _statuses(text: str, lexicon: Lexicon) -> list[Slot]:
    """Status words with their polarity: behind / met / on_track, or a document's exact label."""
    cleaned = NOT_STATUS.sub(lambda m: " " * len(m.group(0)), text)
    cleaned = re.sub(r"超(出|过)了?[^,，。？?]{0,4}?(警戒线|红线|设计|能力|负荷|上限|容量)",
                     lambda m: " " * len(m.group(0)), cleaned)  # fmt: skip
    slots = []
    labels = sorted(STATUS_WORDS, key=len, reverse=True)
    exact = []
    for word in labels:
        for m in re.finditer(re.escape(word), cleaned):
            if any(a <= m.start() < b for a, b, _ in exact):
                continue
            # quoted anywhere, or 「评为」「结果是」 right before this word
            labelled = bool(
                re.search(rf"[“\"'「]{word}[”\"'」]", text) or re.search(rf"{LABELLED_AS}$", text[: m.start()])
            )
            exact.append((m.start(), m.end(), word))
            if status_of(word) == "not_started":  # 「未开工的」: not begun, no polarity (nor on track) —
                # (「除了未开工的，…」 leaves them out)
                kind = "status_left_out" if LEFT_OUT_BEFORE.search(text[: m.start()]) else "status_label_word"
                slots.append(Slot(kind, word, m.start(), m.end(), word))
                continue
            polarity = _polarity(status_of(word))
            if polarity in ("met", "on_track") and not labelled and _negated_at(cleaned, m.start()):
                polarity = "behind"  # 「没按进度完成」
            slots.append(Slot("status_label" if labelled else "status", polarity, m.start(), m.end(), word))
            if labelled:
                slots.append(Slot("status_label_word", word, m.start(), m.end(), word))
    slots += _joined_labels(exact, slots, cleaned)
    for m in NOT_CLOSED.finditer(cleaned):  # 「还有哪些没有销号」: every row not closed, whatever its progress
        exact.append((m.start(), m.end(), m.group(0)))
        slots.append(Slot("status_other_than", "met", m.start(), m.end(), m.group(0)))
    for m in CLOSED.finditer(cleaned):
        if not any(a <= m.start() < b for a, b, _ in exact):
            exact.append((m.start(), m.end(), m.group(0)))
            # (「除了已销号的，剩下还有几项」: the rows other than the closed ones)
            kind = "status_other_than" if LEFT_OUT_BEFORE.search(text[: m.start()]) else "status"
            slots.append(Slot(kind, "met", m.start(), m.end(), m.group(0)))
    for m in NOT_STARTED_QUESTION.finditer(cleaned):
        if not any(a <= m.start() < b for a, b, _ in exact):
            exact.append((m.start(), m.end(), "未启动"))
            kind = "status_left_out" if LEFT_OUT_BEFORE.search(text[: m.start()]) else "status_label_word"
            slots.append(Slot(kind, "未启动", m.start(), m.end(), m.group(0)))
    taken = [(a, b) for a, b, _ in exact]
    polarities = [(w, "behind") for w in BEHIND_WORDS] + [(w, "met") for w in MET_WORDS]
    polarities += [(w, "on_track") for w in ON_TRACK_WORDS]
    for word, polarity in sorted(polarities, key=lambda pair: -len(pair[0])):  # 「基本达标」 before its 「达标」
        for m in re.finditer(re.escape(word), cleaned):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            if polarity == "met" and re.search(r"[未没不离距]$|没有$|距离$", cleaned[: m.start()]):
                continue  # 「没达标」 is no met; 「离达标还差多少」 asks a gap
            if polarity == "met" and PLANNED_BEFORE.search(cleaned[: m.start()]):
                continue  # 「计划今年内完工的」: a due date, not the rows done
            if polarity == "met" and WHEN_DONE.search(cleaned[max(0, m.start() - 8) : m.start()]):
                continue  # 「什么时候搞完」「最迟哪天要完成」: its deadline asked, not the rows done
            if polarity == "behind" and NOT_COUNTED.search(cleaned[: m.start()]):
                polarity = "not_behind"  # 「清单里标“否”、不算滞后的」: the rows other than those behind
            elif polarity == "behind" and NOT_BEHIND.search(cleaned[: m.start()]) and not NEGATION_BEFORE.match(word):
                polarity = "not_behind"  # 「PM2.5没超标的县」「没有滞后的任务」: the rows not behind
            if polarity == "on_track" and _negated_at(cleaned, m.start()):
                polarity = "behind"  # 「没有按期推进的」: behind
            counted = re.match(
                r"了?\s*(多少|几)\s*项(?!目)", cleaned[m.end() :]
            )  # 「完成了几项」: the tasks done, counted
            if not counted and re.match(r"了?\s*(多少|几|情况|进度|率|时间|时限|\d|后|之后|以后)", cleaned[m.end() :]):
                continue  # 「完成了多少公里」 asks an amount, 「没达到75%」 a threshold: not for finished rows
            if word.endswith("完") and cleaned[m.end() : m.end() + 1] in ("成", "善", "整", "全"):
                continue  # 「整治完成了几个」: 完成, not 整治完
            if NAMED_ITEM.match(cleaned[m.end() :]):
                continue  # 「断面水质达标这项任务」: the word is in the item's name
            taken.append((m.start(), m.end()))
            slots.append(Slot("status", polarity, m.start(), m.end(), word))
    return slots


def _learned_labels(slots: list[Slot], text: str) -> list[Slot]:
    """A document's own status label the glossary does not know (「基本完成」 of an assessment's 完成情况),
    named whole in a question and naming no document: that label, over the shorter status word inside it
    (「完成」 of 「基本完成了」); within rows a plain status names (「已完成的任务中，…逾期完成的」) it narrows them."""
    read = [s for s in slots if s.kind in ("status", "status_label", "status_label_word", "document", "quote")]
    learned = [
        Slot("status_label_word", s.value, s.start, s.end, s.text)
        for s in slots
        if s.kind == "status_word"
        and len(s.text) >= 3
        and not any(r.start < s.end and s.start < r.end and not (r.kind == "status" and _under(r, s)) for r in read)
        and not NEGATION_BEFORE.search(text[: s.start])  # 「没有按期推进」: not that label, the status negated
        and not LEFT_OUT_BEFORE.search(text[: s.start])  # 「除了未开工的」: rows left out
    ]
    # 「滞后和严重滞后的任务」: a label said with a plain status of its own kind is that kind, not the label alone
    # (but 「已完成的任务中，哪些是逾期完成的」 narrows the plain status to the label)
    said = [s for s in slots if s.kind == "status" and not any(_under(s, w) for w in learned)]
    # 「没有按期完成的」 of a 完成等次 column: the cells it holds that say late (逾期完成), not the label negated away
    late = [Slot("not_on_time", s.text, s.start, s.end, s.text) for s in slots if s.kind == "status_word"
            and ON_TIME.fullmatch(s.text) and NEGATION_BEFORE.search(text[: s.start])]  # fmt: skip
    return late + [w for w in learned if not any(s.value == _polarity(column_status(w.value))
                                                 and not SCOPE.match(text[s.end :]) for s in said)]  # fmt: skip


LEFT_OUT_BEFORE = re.compile(r"(除了|除去|除|不算|不含|不包括|不包含)\s*(还|尚|仍)?\s*$")  # (「不算还没开工的」)
END_LEFT_OUT = r"(?<=[（(，,])\s*不(?:含|包括|包含)"  # 「60%到70%之间（不含70%）」「…，不含70%」: an end left out
ON_TIME = re.compile(r"(按期|按时|如期)(完成|办结|完工|整改)")


SCOPE = re.compile(r"的?(任务|项目|事项|工作)?(中|里|里面|当中|之中)")  # 「已完成的任务中，…」: rows to look among


def _under(status: Slot, label: Slot) -> bool:
    """Whether a plain status word lies inside a document's own label, or is all of a label the glossary does not
    know (「提前完成」 of a 完成等次 column is that label, not any 已完成 row)."""
    whole = (status.start, status.end) == (label.start, label.end) and label.value not in STATUS_WORDS
    return _inside(status, label) or whole


def _within(inner: Slot, outer: Slot) -> bool:
    """Whether `inner` lies inside `outer` and is shorter (「阳东」 in 「阳东子站」)."""
    return outer.start <= inner.start and inner.end <= outer.end and inner.end - inner.start < outer.end - outer.start


def _inside(inner: Slot, outer: Slot) -> bool:
    """Whether `inner` starts within `outer` and is no longer (「完成了」 in 「基本完成了」), or opens it and is shorter
    (「滞后」 of 「滞后序时」)."""
    shorter = inner.end - inner.start < outer.end - outer.start
    return (outer.start < inner.start < outer.end and inner.end - inner.start <= outer.end - outer.start) or (
        outer.start == inner.start and shorter
    )


def _polarity(status: str) -> str:
    return {"completed": "met", "lagging": "behind", "not_met": "behind"}.get(status, "on_track")


SHORT_OF_RULE = r"(没有?|未|还没)(达到|到|达标|满足)|达不到|不满足|不到(?!\d)"  # short of a bound said before


def _thresholds(text: str) -> list[Slot]:
    """「超过60%」「60%以上」「不到10台」「低于目标」 → (op, number or "target", unit)."""
    text = re.sub(r"(?<=\d)个(?=[亿万])", " ", text)  # 「超过2个亿」: 2亿 (the same length: spans stay)
    slots = []
    number = rf"(\d+(?:\.\d+)?)\s*({THRESHOLD_UNITS})?"
    for m in re.finditer(rf"(?:介于|在)\s*{number}\s*(?:和|与|到|至|-|—|~|～)\s*{number}\s*之间", text):
        low, high = sorted((float(m.group(1)), float(m.group(3))))
        unit = canonical_unit(m.group(4) or m.group(2))  # 「60%和80%之间」「60到80%之间」
        # 「（不含70%）」「（含60%）」 after it: which ends are in
        left_out = {float(n) for n in re.findall(rf"{END_LEFT_OUT}\s*(\d+(?:\.\d+)?)", text[m.end() : m.end() + 16])}
        slots.append(Slot("threshold", ("gt" if low in left_out else "ge", low, unit), m.start(), m.end(), m.group(0)))
        slots.append(
            Slot("threshold", ("lt" if high in left_out else "le", high, unit), m.start(), m.end(), m.group(0))
        )
    words = "|".join(sorted((w for w in OP_OF_WORD if w not in ("以上", "以下", "以内")), key=len, reverse=True))
    for m in re.finditer(rf"({words})了?\s*(\d+(?:\.\d+)?)\s*({THRESHOLD_UNITS})?(?![\d.]|\s*[月日号年季点])", text):
        if any(s.start <= m.start() < s.end for s in slots):  # not 「还没到9月底」, a date
            continue
        if m.group(1) == "过" and not re.search(r"[率额量数值度例]$", text[: m.start()]):
            continue  # 「执行率过75%」, not the 过 of 「整改过5个」「有过2项」
        op = OP_OF_WORD[m.group(1)]
        if op in ("ge", "gt") and NEGATION_BEFORE.search(text[: m.start()]):
            op = "lt" if op == "ge" else "le"  # 「没达到75%」: below it
        slots.append(
            Slot("threshold", (op, float(m.group(2)), canonical_unit(m.group(3))), m.start(), m.end(), m.group(0))
        )
    # 「支出进度已经100%的项目」: the rows at (or past) a share said as reached
    for m in re.finditer(r"(?<=[率度例])\s*已经?\s*(\d+(?:\.\d+)?)\s*%", text):
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(Slot("threshold", ("ge", float(m.group(1)), "%"), m.start(), m.end(), m.group(0)))
    # 「执行率到75%了没有」: whether it reached the bound (not 「降到35」, a target said)
    for m in re.finditer(rf"(?<![降减升提增下上])到\s*{number}\s*了?(?=没有?|吗)", text):
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(Slot("threshold", ("ge", float(m.group(1)), canonical_unit(m.group(2))), m.start(), m.end(),
                              m.group(0)))  # fmt: skip
    for m in re.finditer(
        rf"(\d+(?:\.\d+)?)\s*({THRESHOLD_UNITS})?\s*[（(]?(及以上|或以上|以上|及以下|或以下|以下|以内)", text
    ):
        op = "ge" if "上" in m.group(3) else "le"
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(
                Slot("threshold", (op, float(m.group(1)), canonical_unit(m.group(2))), m.start(), m.end(), m.group(0))
            )
    # 「执行率要到60%，哪些没到」「如果要求执行率达到70%以上，哪些还达不到」: the bound a rule sets, and the rows short of it
    for m in re.finditer(
        rf"(?:要求?|需要?|应当?|须|得)[^，,。？?\d]{{0,6}}?(?:达到|到)\s*{number}\s*(?:及以上|以上)?", text
    ):
        short = re.search(SHORT_OF_RULE, text[m.end() :])
        if short and not any(s.start <= m.start() < s.end for s in slots):
            value = (float(m.group(1)), canonical_unit(m.group(2)))
            slots = [s for s in slots if not (m.start() <= s.start < m.end())]  # (its 「达到70%」 is the rule's)
            slots.append(Slot("threshold", ("lt", *value), m.start(), m.end() + short.end(), m.group(0)))
    # 「按执行率不低于60%的要求，哪些项目没达到」: the rows short of a bound said as the rule
    for k, slot in enumerate(slots):
        rule = re.match(r"\s*的?(要求|标准|规定|考核要求|底线)", text[slot.end :])
        short = re.search(SHORT_OF_RULE, text[slot.end :]) if rule else None
        if slot.value[0] in ("ge", "gt") and short:
            op = "lt" if slot.value[0] == "ge" else "le"
            slots[k] = Slot("threshold", (op, *slot.value[1:]), slot.start, slot.end + short.end(), slot.text)
    # 「优良天数比例100%的月份」「得分为100分的」: a measure's word (not 年度/季度/满分), then the figure its rows have
    for m in re.finditer(  # (「氮氧化物限值是50毫克的」 too)
        rf"(?:(?<=[比例率值数量])|(?<=得分))\s*(?:为|是|等于)?\s*(\d+(?:\.\d+)?)\s*(%|％|分|{THRESHOLD_UNITS})\s*"
        r"(?:的|(?=[？?]|$))",  # (「哪些县优良天数比例是100%？」 too)
        text,
    ):
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(
                Slot("threshold", ("eq", float(m.group(1)), canonical_unit(m.group(2))), m.start(), m.end(), m.group(0))
            )
    # 「一件案子都没移送公安的」「一个都没有完成的」: a count of none
    for m in re.finditer(
        rf"(?<![第十百千\d统唯])[一1]\s*({QUESTION_COUNT_UNITS}|起|次|宗|例)[\u4e00-\u9fff]{{0,3}}?都(没有?|未)", text
    ):
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(Slot("threshold", ("eq", 0.0, ""), m.start(), m.end(), m.group(0)))
    for m in re.finditer(
        r"(超过|高于|超出|超|低于|未达到|达到|优于|不到|好于|差于|劣于)了?(其|各自的?|自己的?)?(20\d\d年度?|年度|今年|全年)?(的)?(考核)?"
        r"(目标值?|目标类别|目标水质|考核要求|要求|标准)",
        text,
    ):
        op = {"超过": "gt", "高于": "gt", "超出": "gt", "超": "gt", "低于": "lt", "未达到": "lt", "不到": "lt", "达到": "ge",
              "优于": "better", "好于": "better", "差于": "worse", "劣于": "worse"}[m.group(1)]  # fmt: skip
        if op == "ge" and NEGATION_BEFORE.search(text[: m.start()]):
            op = "worse"  # 「都没达到目标」: short of it (a reading above, a rate below)
        elif op == "gt" and m.group(1) != "超出" and NEGATION_BEFORE.search(text[: m.start()]):
            op = "ge"  # 「PM2.5没有超过考核目标的县」: within it, as 「达到目标」 is
        slots.append(Slot("versus_target", op, m.start(), m.end(), m.group(0)))
    # 「比考核目标还高」「比目标低」: the reading against its target, said the other way round
    for m in re.finditer(
        r"比(其|各自的?)?(20\d\d年度?|年度|今年)?(的)?(考核)?(目标值?|目标类别|目标水质|考核要求|要求)(还要|还|更加|更)?(高|大|多|低|小|少|好|差)(?!了?多少|了?几|出)",
        text,
    ):
        if not any(s.kind == "versus_target" and s.start <= m.start() < s.end for s in slots):
            op = {"高": "gt", "大": "gt", "多": "gt", "低": "lt", "小": "lt", "少": "lt", "好": "better", "差": "worse"}
            slots.append(Slot("versus_target", op[m.group(7)], m.start(), m.end(), m.group(0)))
    # 「执行率连50%都不到」「不到一成」「连一半都不到」「三成以上」: the figure before 「都不到」, a share in words
    share = r"\d+(?:\.\d+)?\s*(?:%|％|个百分点|微克/立方米|微克|分|万元|亿元)|[一二两三四五六七八九]成|一半|半数"
    for m in re.finditer(
        rf"(?<![A-Za-z\d.])(?:{share})\s*(?:都|也|还)?(?:不到|不足|没到|没有到|没达到)"
        rf"(?![^，,。？?]{{0,6}}(?:目标|要求|标准))",
        text,
    ):  # not 「PM2.5没达到年度目标」
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(Slot("threshold", ("lt", *_share(m)), m.start(), m.end(), m.group(0)))
    spoken = r"[一二两三四五六七八九]成|一半|半数"
    words = "|".join(sorted(OP_OF_WORD, key=len, reverse=True))
    for m in re.finditer(rf"({words})(?:{spoken})|(?:{spoken})(以上|以下|以内)", text):
        if not any(s.start <= m.start() < s.end for s in slots):
            op = OP_OF_WORD[m.group(1) or m.group(2)]
            slots.append(Slot("threshold", (op, *_share(m)), m.start(), m.end(), m.group(0)))
    # 「一分钱还没花」「分文未支」: the rows that spent nothing
    for m in re.finditer(r"一分钱?[都也还]{0,2}(没有?|未)(花|用|动|支出?|拨付?)|分文未(花|用|动|支|拨)|零支出", text):
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(Slot("threshold", ("eq", 0.0, "万元"), m.start(), m.end(), m.group(0)))
    for m in re.finditer(
        r"(没有?|未|还没有?)?(花|用|支出|拨付|执行)完(?![成毕])", text
    ):  # 「还没花完的」: spent short of all of it; 「百分之百执行完的」 all of it
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(Slot("threshold", ("lt" if m.group(1) else "ge", 100.0, "%"), m.start(), m.end(), m.group(0)))
    # 「总投资过亿的」: above 1亿元; 「没过亿」 below it (not 「上亿吨」)
    for m in re.finditer(r"(没有?|未|不)?(?:超过|过|上|超|破)(一|1)?(千万|亿)(?![吨人立平方千万])元?", text):
        if not any(s.start <= m.start() < s.end for s in slots):
            bound, unit = (1000.0, "万元") if m.group(3) == "千万" else (1.0, "亿元")
            slots.append(Slot("threshold", ("le" if m.group(1) else "gt", bound, unit), m.start(), m.end(), m.group(0)))
    for m in re.finditer(r"(没有?|未|不|还没有?)?(超?过半(?!年)|达到?一半)", text):  # 「执行率没过半的」「过半了吗」
        if not any(s.start <= m.start() < s.end for s in slots):
            slots.append(Slot("threshold", ("lt" if m.group(1) else "gt", 50.0, "%"), m.start(), m.end(), m.group(0)))
    # 「20万以上」 is 万元 of money only (not 「人口50万的」「库容超过100万」)
    return [
        s for s in slots if s.kind != "threshold" or s.value[2] != "万元" or "元" in s.text or MONEY_SAID.search(text)
    ]


MONEY_SAID = re.compile(r"钱|元|资金|投资|罚|金额|支出|下达|拨付|预算|补助|补贴")


def _share(m: re.Match) -> tuple[float, str]:
    """The figure of a threshold match: 「50%」 as written, 「三成」 30%, 「一半」 50%."""
    said = m.group(0)
    tenths = re.search(r"([一二两三四五六七八九])成", said)
    if tenths:
        return CHINESE_NUMBERS[tenths.group(1)] * 10.0, "%"
    if re.search(r"一半|半数", said):
        return 50.0, "%"
    number = re.search(rf"(\d+(?:\.\d+)?)\s*({THRESHOLD_UNITS})?", said)
    return float(number.group(1)), canonical_unit(number.group(2))


def canonical_unit(text: str | None) -> str:
    """A unit as questions and headers name it alike (「μg/m³」「微克」 → 微克/立方米, 「km」 → 公里)."""
    if not text:
        return ""
    text = text.replace("³", "3").lower()
    return {"％": "%", "万": "万元", "μg/m3": "微克/立方米", "ug/m3": "微克/立方米", "微克": "微克/立方米", "微克每立方米": "微克/立方米",
            "mg/m3": "毫克/立方米", "毫克": "毫克/立方米", "mg/l": "毫克/升", "km": "公里", "千米": "公里", "个小时": "小时"}.get(text, text)  # fmt: skip


def _cues(text: str) -> list[Slot]:
    """Ranking, aggregation, comparison, grouping, yes/no, reasons and the fields asked for."""
    slots = []
    for word, direction in RANK_WORDS.items():
        for m in re.finditer(re.escape(word), text):
            slots.append(Slot("rank", (direction, 1), m.start(), m.end(), word))
    for m in DATE_RANK.finditer(text):  # 「哪家许可证最早到期」「最近批复的项目」: the earliest or latest date
        slots.append(Slot("date_rank", "min" if (m.group(1) or m.group(3)) in "早先" else "max", m.start(), m.end(),
                          m.group(0)))  # fmt: skip
    compared = re.search(r"(跟|和|与|同)[^，。？?]{1,12}比|相比|对比|比较", text)  # 「台山跟开平比哪个低」 compares
    # 「吴川和徐闻哪个高」「龙湖区和金平区比，谁的考核分高」
    # (「哪个PM2.5同比降幅更大」: a 更 said after the measure)
    for m in re.finditer(
        r"(哪个|哪一个|谁)(?:的[^，,。？?的]{1,8}?|[^，,。？?的]{1,10}?更)?(高|多|大|低|少|小)(?![于出过些])", text
    ):
        if not compared or m.group(1) == "谁":  # 「龙湖区和金平区比，谁的考核分高」: the higher one, and by how much
            slots.append(Slot("rank", ("max" if m.group(2) in "高多大" else "min", 1), m.start(), m.end(), m.group(0)))
        elif not any(s.kind == "compare_with" for s in slots):  # 「A和B比，哪个的浓度更低一些」: the two rows
            slots.append(Slot("compare_with", m.group(1), m.start(), m.end(), m.group(0)))
    for m in re.finditer(r"(?<=率|例)[^,，。？?]{0,6}?(最(落后|滞后))", text):  # 「完成率谁最落后」: the lowest rate
        slots.append(Slot("rank", ("min", 1), m.start(1), m.end(1), m.group(1)))
    for m in BETTER_ONE.finditer(text):  # 「鸠江区和无为市谁完成得好些」: the better of the two
        slots.append(Slot("rank", ("best" if m.group(2) in "好快" else "worst", 1), m.start(), m.end(), m.group(0)))
    # 「排第一」: the first of the table's own 排名, else the largest; 「倒数第一」「最后一名」 the last
    last_k = r"(?![两二三四五六七八九十\d]{1,2}[名位个])"  # 「排最后两位」 is the last two
    for m in re.finditer(
        rf"(倒数)?(排名第一|排第一|第一名|名列第一)|倒数第一|排(在)?最后(一名|名)?{last_k}|最后一名|垫底", text
    ):
        last = bool(m.group(1)) or not m.group(2)
        slots.append(Slot("rank", ("last" if last else "first", 1), m.start(), m.end(), m.group(0)))
    # 「排第二」「第三名」「倒数第二」: only the k-th (not 「第二季度」「第53项」)
    for m in re.finditer(
        r"(倒数)?第([两二三四五六七八九十\d]{1,2})(?=名|位|高|低|多|少|大|小|的|是|呢|个(?!月|季度)|[？?]|$)", text
    ):
        k = int(m.group(2)) if m.group(2).isdigit() else CHINESE_NUMBERS.get(m.group(2), 0)
        ranked = (  # 「倒数第二是哪个」; 「第二是什么」 alone ranks nothing
            m.group(1) or re.search(r"(排|排名|名列|位列)$", text[: m.start()]) or text[m.end() : m.end() + 1] in
            tuple("名位高低多少大小")
        )  # fmt: skip
        if 1 < k <= 20 and ranked:
            slots.append(Slot("nth", k, m.start(), m.end(), m.group(0)))
            slots.append(Slot("rank", ("last" if m.group(1) else "first", k), m.start(), m.end(), m.group(0)))
    for m in re.finditer(r"(?:前|top\s*)([一两二三四五六七八九十\d]{1,2})(?:名|个|位|项|家)?(?!个?(季度|月))", text):
        k = int(m.group(1)) if m.group(1).isdigit() else CHINESE_NUMBERS.get(m.group(1), 0)
        if 1 < k <= 20 and re.search(r"最|高|低|多|少|排|大|前", text):
            slots.append(Slot("topk", k, m.start(), m.end(), m.group(0)))
            # 「综合指数排名前三」「排前三的」「按综合指数排名，前三名」 with no word of high or low: the first three
            # of the table's own order
            unsaid = not re.search(r"最|高|低|多|少|大|小|好|差|升序|降序", text)
            placed = re.search(r"排(名|在)?$", text[: m.start()]) or m.group(0).endswith("名")
            if unsaid and placed and not any(s.kind == "rank" for s in slots):
                slots.append(Slot("rank", ("first", k), m.start(), m.end(), m.group(0)))
    # 「排在后三名」「倒数三位」: the last k of the table's own 排名, else the smallest
    # (not 「小数点后两位」「落后两位」)
    for m in re.finditer(
        r"(?:(?:^|(?<=[排在列名最]))后|(?<=[排在列名])末)([两二三四五六七八九十\d]{1,2})(?:名|位|个)"
        r"|倒数(?:前|后)?([两二三四五六七八九十\d]{1,2})(?:名|位|个|项)?(?!个?(月|季度|天|年))",  # 「倒数前三的」「倒数三项」
        text,
    ):
        said = m.group(1) or m.group(2)
        k = int(said) if said.isdigit() else CHINESE_NUMBERS.get(said, 0)
        if 1 < k <= 20:
            slots.append(Slot("topk", k, m.start(), m.end(), m.group(0)))
            slots.append(Slot("rank", ("last", k), m.start(), m.end(), m.group(0)))
    # 「下达最多的是哪三个县」「最高的三个站点」: the top k, said without 前
    for m in re.finditer(
        r"(?:(?<=最[高低多少大小好差优])|(?<=最靠[前后])|(?<=垫底))的?(?:是|为)?哪?([两二三四五六七八九十\d]{1,2})(?:个|家|项|位|座|条|名)"
        r"|哪([两二三四五六七八九十\d]{1,2})(?:个|家|项|位|座|条|名)(?=[^，,。？?]{0,12}最[高低多少大小好差优])",
        text,
    ):
        said = m.group(1) or m.group(2)
        k = int(said) if said.isdigit() else CHINESE_NUMBERS.get(said, 0)
        if 1 < k <= 20:
            slots.append(Slot("topk", k, m.start(), m.end(), m.group(0)))
    for m in re.finditer(
        r"从高到低|从大到小|从多到少|降序|由高到低|从低到高|从小到大|从少到多|升序|由低到高|排个?名(?!次)|排个?序|依次排",
        text,
    ):
        ascending = m.group(0) in ("从低到高", "从小到大", "从少到多", "升序", "由低到高")
        slots.append(Slot("order", "min" if ascending else "max", m.start(), m.end(), m.group(0)))
    position = re.search(r"排(在|名)?(第几|第多少|多少名|几名)|第几名|名次", text)
    if position:  # 「恩平的执行率在7个县市区里排第几」: its place in the whole ranking
        slots.append(Slot("position", True, position.start(), position.end(), position.group(0)))
    if re.search(r"最高.{0,8}最低|最低.{0,8}最高|最多.{0,8}最少|最少.{0,8}最多", text):
        slots.append(Slot("both_ends", True, 0, 0, ""))
    numeric = re.search(r"(为|是|有)(具体)?(数值|数字)|有具体(目标|数值)|量化", text)
    if numeric:
        slots.append(Slot("numeric", True, numeric.start(), numeric.end(), numeric.group(0)))
    for word in SUM_WORDS:
        for m in re.finditer(re.escape(word), text):
            slots.append(Slot("sum", True, m.start(), m.end(), word))
    # 「累计巡了多少公里」: 累计 as the adverb of a count in its units (not 「1-9月累计浓度」, a column's name)
    for m in re.finditer(
        rf"累计(?!有|要|需|应|计划)(?=[\u4e00-\u9fff]{{0,4}}?了?(多少|几)({QUESTION_COUNT_UNITS}))", text
    ):
        slots.append(Slot("sum", True, m.start(), m.end(), m.group(0)))
    # 「哪几个」 asks which; 「这几个站」「那几个县」 point at rows named before (and count nothing)
    for m in (m for m in COUNT_CUE.finditer(text) if not text[: m.start()].endswith("哪")
              and not (m.group(0).endswith("次") and FREQUENCY_BEFORE.search(text[: m.start()]))):  # fmt: skip
        pointing = re.search(r"[这那]$", text[: m.start()])
        slots.append(Slot("pointer" if pointing else "count", m.group(0), m.start(), m.end(), m.group(0)))
    for m in MEAN_WORDS.finditer(text):
        slots.append(Slot("mean", True, m.start(), m.end(), m.group(0)))
    for word in DIFF_WORDS:
        for m in re.finditer(re.escape(word), text):
            if not _straddles(text, m.start(), m.end()):
                slots.append(Slot("compare", word, m.start(), m.end(), word))
    for m in DIFF_CUE.finditer(text):
        slots.append(Slot("compare", m.group(0), m.start(), m.end(), m.group(0)))
    # 「平城区和经开区比，谁的综合指数更高」: two things set side by side, then which one
    # (not 「跟2024年度比，哪几个…下降了」: a year or period set beside is a change)
    side_by_side = (
        r"(?<=[\u4e00-\u9fff][和与跟同])[^，,。？?和与跟]{1,12}?(相)?(比|比较)(?![例重率较值])[，,\s]*(?=谁|哪)"
    )
    for m in re.finditer(side_by_side, text):
        if not re.search(r"\d{4}|年|同期|同比|月", m.group(0)):
            slots.append(Slot("compare", "比", m.end() - 1, m.end(), "比"))
    for m in re.finditer(r"(一样|相同|一致)(吗|么|不|没有|[？?])", text):  # 「两份文件的目标一样吗」
        slots.append(Slot("compare", m.group(1), m.start(), m.end(1), m.group(1)))
    for m in SHARE_CUE.finditer(text):
        slots.append(Slot("share", True, m.start(), m.end(), m.group(0)))
    # 「比2019年高多少」, not the 比 of 比例、比重、同比、对比
    for m in re.finditer(
        r"(?<![对相类同环占])比(?![例重率较值])\s*([^,，。？?比]{1,16}?)(高|低|多|少|大|小|好|差)(多少|几|吗|了吗|了多少|出)?",
        text,
    ):
        slots.append(Slot("compare_with", m.group(1), m.start(), m.end(), m.group(0)))
        if LAST_YEAR.fullmatch(m.group(1)) and m.group(3) in (None, "吗", "了吗"):  # 「比去年同期还高的站点」: up
            slots.append(Slot("direction", COMPARED_WAY[m.group(2)], m.start(2), m.end(2), m.group(2)))
    # 「PM2.5高于全市平均水平的县」: rows bounded by their whole
    for m in re.finditer(r"(?:高于|低于|超过|超出|不到|不及)((?:全市|全县|全区)(?:的?平均(?:水平|值)?)?)", text):
        if not any(s.kind == "compare_with" for s in slots):
            slots.append(Slot("compare_with", m.group(1), m.start(), m.end(), m.group(0)))
    # 「彝良县的PM10跟全市比怎么样」: the row beside its whole
    for m in re.finditer(r"(?:跟|和|与|同)((?:全市|全县|全区)(?:的?平均(?:水平)?)?)(?:相?比|比较)", text):
        if not any(s.kind == "compare_with" for s in slots):
            slots.append(Slot("compare_with", m.group(1), m.start(), m.end(), m.group(0)))
    for m in WHICH.finditer(text):
        slots.append(Slot("which", m.group(0), m.start(), m.end(), m.group(0)))
    for m in re.finditer(r"各自|各个|各项|各类|各|每个|每一个|分别|逐个|所有|全部", text):
        slots.append(Slot("each", m.group(0), m.start(), m.end(), m.group(0)))
    both = BOTH.search(text)
    if both:
        slots.append(Slot("both", (both.group("a"), both.group("b")) if both.group("a") else None, both.start(),
                          both.start() + 1, both.group(0)))  # fmt: skip
    without = WITHOUT.search(text) if re.search(r"哪些|哪个|哪几", text) else None
    if without and re.match(r"都没(有)?(达到|达标|完成|到|过|超过)", text[without.start() :]):
        without = None  # 「都没达到目标的」: every one below target, not 「没有…记录的」
    if without and NOT_STARTED_QUESTION.match(text, without.start()):
        without = None  # 「还停留在前期、没有开工」: a status (not begun), not 「没有…记录的」
    if without:
        slots.append(Slot("without", True, without.start(), without.end(), without.group(0)))
    every_row = (EVERY_ROW.search(text) or EVERY_MONTH.search(text)) if re.search(r"哪些|哪个|哪几", text) else None
    if every_row:
        slots.append(Slot("every_row", True, every_row.start(), every_row.end(), every_row.group(0)))
    yes_no = YES_NO.search(text)
    if yes_no and not (without or re.search(r"哪些|哪个|哪几", text) and yes_no.group(0).startswith("没")):
        slots.append(Slot("yesno", True, yes_no.start(), yes_no.end(), yes_no.group(0)))
    if re.search(r"【?重点考核】?", text) and not re.search(r"重点考核任务完成情况表", text):
        m = re.search(r"【?重点考核】?", text)
        slots.append(Slot("key", True, m.start(), m.end(), m.group(0)))
    plain = STATUS_QUESTION.sub(lambda m: " " * len(m.group(0)), text)
    for word in REASON_WORDS:
        for m in re.finditer(re.escape(word), plain):
            slots.append(Slot("reason", word, m.start(), m.end(), word))
    # 「除了开平」「除…以外」, never the 除 of a word (除尘、除臭、去除、清除)
    excluded = re.search(
        rf"{EXCEPT}了?([^,，。？?]{{2,20}}?)(那条|那项|这条|这项)?(以外|之外|外)?[,，]|{EXCEPT}了([^,，。？?]{{2,20}}?)"
        r"(那条|那项|这条|这项)?(以外|之外)?还",
        text,
    )
    if excluded:
        named = excluded.group(1) or excluded.group(4)
        end = excluded.end() - (0 if excluded.group(1) else 1)
        slots.append(Slot("except", named, excluded.start(), end, excluded.group(0)))
    elif left_out := LEFT_OUT.search(text):  # 「不算高新区的话，…」
        slots.append(
            Slot("except", left_out.group(1), left_out.start(1), left_out.end(), left_out.group(0).lstrip(",，。；;"))
        )
    # 「涨了还是跌了」「是升是降」: which way is asked, no way said
    either = "|".join((*RISE_WORDS, *FALL_WORDS, *WORSE_WORDS, *BETTER_WORDS, "涨", "跌", "升", "降", "增", "减"))
    asked_way = [m.span() for m in re.finditer(rf"(?:{either})了?(?:还是|或是|或者|是)(?:{either})了?", text)]
    slots += [Slot("ask", "direction", a, b, text[a:b]) for a, b in asked_way]
    for m in re.finditer("|".join((*RISE_WORDS, *FALL_WORDS, "持平", "没有?变化", "不变")), text):
        if any(a <= m.start() < b for a, b in asked_way):
            continue
        rise = m.group(0) in RISE_WORDS
        flat = re.fullmatch(r"持平|没有?变化|不变", m.group(0))
        if flat and re.search(r"(不含|不包括|不算|除了?|排除)\s*$", text[: m.start()]):
            continue  # 「严格低于目标（不含持平）」: a bound's edge, no change asked
        slots.append(Slot("direction", "flat" if flat else "up" if rise else "down", m.start(), m.end(), m.group(0)))
    for m in re.finditer("|".join((*WORSE_WORDS, *BETTER_WORDS)), text):  # 「水质变差」: up or down by which is better
        if any(a <= m.start() < b for a, b in asked_way):
            continue
        worse = m.group(0) in WORSE_WORDS
        slots.append(Slot("direction", "worse" if worse else "better", m.start(), m.end(), m.group(0)))
    every = re.search(r"(都|均|全部|全都|全)(达到|达标|完成|合格|未达|超标|没有达到|没达到|没有达标|没达标|不达标|低于|高于|超过|不到|"
                      r"不足|小于|大于|没有?到|没有?过|没有?超过|超出|超)|[两三四五六]项(都|全|均|同时)",
                      text)  # fmt: skip
    if every:
        slots.append(Slot("all_of", True, every.start(), every.end(), every.group(0)))
    cutoff = re.search(r"((?<![达做])到|截至|截止到?)\s*(20\d\d年)?\s*(1[0-2]|[1-9])月(底|末)?", text)
    if cutoff:
        slots.append(Slot("cutoff", int(cutoff.group(3)), cutoff.start(), cutoff.end(), cutoff.group(0)))
    criterion = re.search(
        r"怎样才算|怎么才算|如何认定|怎么认定|什么标准|什么条件|怎么算|如何计算|怎么计算|算不算", text
    )
    if criterion:
        slots.append(Slot("criterion", True, criterion.start(), criterion.end(), criterion.group(0)))
    for ask, words in ASKS.items():
        for word in words:
            for m in re.finditer(re.escape(word), text):
                if word == "谁" and (BETTER_ONE.match(text, m.start()) or WHO_HIGHER.match(text, m.start())):
                    continue  # 「谁完成得好些」「谁的PM2.5浓度更高」 ask which of two, not who is responsible
                if word in ("几", "多少") and AMONG.match(text, m.end()) and REST_BEFORE.search(text[: m.start()]):
                    continue  # 「剩下几个县里…最低的」 names the rows asked among, it asks no figure
                if not _straddles(text, m.start(), m.end()):
                    slots.append(Slot("ask", ask, m.start(), m.end(), word))
    return slots


def _straddles(text: str, start: int, end: int) -> bool:
    """Whether a cue's span cuts a verb in two: 「最高出现在」 says no 高出 and no 现在."""
    return any(
        m.start() < end and start < m.end() and not (start <= m.start() and m.end() <= end)
        for m in SPLIT_VERBS.finditer(text)
    )


def _quotes(text: str) -> list[Slot]:
    """Quoted words (「“进度滞后”的」), and a mark a row is labelled with (「标★的」「带*号的」)."""
    quotes = [Slot("quote", m.group(1), m.start(), m.end(), m.group(1)) for m in QUOTE.finditer(text)]
    return quotes + [Slot("mark", m.group(1), m.start(), m.end(), m.group(0)) for m in MARK.finditer(text)]


def _documents(text: str, catalogue: Catalogue) -> list[Slot]:
    """Documents (and a table) a question names: 「十三五规划」, 「进度滞后情况表」, 「附件1」.

    A name is a run of at least four characters the question shares with a title or caption
    that holds a document word (规划, 方案, 计划, 表 …): 「进度滞后」 alone is a status,
    「进度滞后情况表」 is a document.
    """
    probe = _core(text)
    slots = []
    labels = [m for m in re.finditer(r"(附件|表)\s*(\d+)", text)]
    doc_scores: dict[str, tuple[int, str]] = {}
    for doc_id, title in catalogue.titles.items():
        run = _document_run(probe, _core(title))
        pieced = _pieced_run(probe, _core(title))
        asked, titled = set(re.findall(r"20\d\d", text)), set(re.findall(r"20\d\d", title))
        if len(pieced) > len(run) + 1 and not (asked and titled and not asked & titled):
            run = pieced  # said in pieces (not of another year: 「2023年污染防治工作计划」 is no 2020 plan)
        if run:
            doc_scores[doc_id] = (_run_score(run, _core(title)), run)
    by_title = {d: score for d, (score, _) in doc_scores.items()}
    table_hits = []
    for key, (doc_id, caption) in catalogue.captions.items():
        label = key.split("|", 1)[-1]
        run = _document_run(probe, _core(caption))
        named = any(m.group(0).replace(" ", "") == label for m in labels)
        if run or named:
            score = max(_run_score(run, _core(caption)) if run else 0, 4 * named)
            table_hits.append((score, doc_id, label))
            if score > doc_scores.get(doc_id, (0, ""))[0]:
                doc_scores[doc_id] = (score, run or label)
    doc_scores = _kind_runs_dropped(doc_scores, catalogue, probe)
    doc_scores = _of_period_said(doc_scores, catalogue, text)
    if not doc_scores:  # 「通报里排在后三名的」: the one document of that kind
        said = [(m.group(2) or m.group(3), m) for m in DOC_KIND.finditer(text)]  # 「这份方案」: 方案
        kinds = [(kind, m, [d for d, title in catalogue.titles.items() if kind in title]) for kind, m in said]
        doc_scores = {owners[0]: (len(kind), m.group(0)) for kind, m, owners in kinds if len(owners) == 1}
    if not doc_scores:
        return [Slot("table_label", m.group(0).replace(" ", ""), m.start(), m.end(), m.group(0)) for m in labels]
    best = max(score for score, _ in doc_scores.values())
    docs = [d for d, (score, _) in doc_scores.items() if score == best]
    years = re.findall(r"(20\d\d)\s*年", text)
    dated = [d for d in docs if any(y in catalogue.titles.get(d, "") for y in years)]
    docs = dated or docs  # 「2025年工作方案」 of two 工作方案: the one of 2025
    docs += _also_named(doc_scores, probe, docs)
    run = doc_scores[docs[0]][1]
    start = text.find(run) if run in text else 0
    slots.append(Slot("document", tuple(docs), start, start + len(run) if run in text else 0, run))
    best_table = [(d, label) for score, d, label in table_hits if d in docs and score == max(
        (s for s, d2, _ in table_hits if d2 in docs), default=0)]  # fmt: skip
    table_score = max((score for score, d, _ in table_hits if d in docs), default=0)
    # a table's caption names it only where it says more than the document's title (「十四五规划」 is both)
    said = table_score > by_title.get(docs[0], 0) or any(
        m.group(0).replace(" ", "") == label for _, label in best_table for m in labels
    )
    if len(best_table) == 1 and len(docs) == 1 and said:
        label = best_table[0][1]
        named = next((m for m in labels if m.group(0).replace(" ", "") == label), None)
        slots.append(Slot("table_label", label, named.start() if named else 0, named.end() if named else 0, label))
    return slots


def _core(text: str) -> str:
    """Chinese characters only, without years (they do not name documents)."""
    text = re.sub(r"[“”\"'《》「」〈〉]", "", normalize_text(text))
    text = re.sub(r"20\d\d\s*年?|\d+-\d+月", "|", text)
    return "".join(c if "\u4e00" <= c <= "\u9fff" else "|" for c in text)


def _kind_runs_dropped(
    doc_scores: dict[str, tuple[int, str]], catalogue: Catalogue, question: str
) -> dict[str, tuple[int, str]]:
    """「规划指标里…」: a run of kind words only (规划, 指标 …) names no one document when the names of several hold
    each of its words (a plan's 「表1 规划目标指标」, another's 「规划指标体系」); such a run is dropped."""
    names: dict[str, str] = {d: _core(title) for d, title in catalogue.titles.items()}
    for doc_id, caption in catalogue.captions.values():
        names[doc_id] = names.get(doc_id, "") + "|" + _core(caption)
    kept = {}
    for doc_id, (score, run) in doc_scores.items():
        words = KIND_WORD.findall(run)
        generic = bool(words) and not KIND_WORD.sub("", run)
        # (the 目标 or 指标 asked of a document's kind is no part of its name: 「规划目标」 is any 规划's when two cities
        # have one; 「重点项目」 names the one table of 重点项目)
        kinds = [w for w in words if w not in ("目标", "指标")] or words
        holding = [d for d, name in names.items() if all(w in name for w in kinds)]
        periods = [m.group(0) for m in PLAN_PERIOD.finditer(question)]  # 「“十四五”规划指标」: that period's plan
        holding = [d for d in holding if all(p in names[d] for p in periods)] if periods else holding
        if generic and len(holding) > 1:
            continue
        kept[doc_id] = (score, run)
    return kept


def _of_period_said(
    doc_scores: dict[str, tuple[int, str]], catalogue: Catalogue, question: str
) -> dict[str, tuple[int, str]]:
    """「十五五规划指标表里…」: a document named by kind words only (「规划指标表」) is one of the plan period said;
    none being of it, the one document whose title is."""
    periods = [m.group(0) for m in PLAN_PERIOD.finditer(question)]
    if not periods or not doc_scores:
        return doc_scores
    of_period = [d for d, title in catalogue.titles.items() if all(p in title for p in periods)]
    # (a title of another period is not the one meant: 「十八五生态环保规划」 is no 「十三五」 plan)
    kept = {d: (score, run) for d, (score, run) in doc_scores.items() if d in of_period or (
        KIND_WORD.sub("", run) and not PLAN_PERIOD.search(catalogue.titles.get(d, "")))}  # fmt: skip
    if kept or not of_period:
        return kept or doc_scores
    return {of_period[0]: (len(periods[0]), periods[0])} if len(of_period) == 1 else {}


PIECED_NAME_RUN = 6  # a name said in pieces is this long at least (「生态文明示范市方案」)
MAX_NAME_PIECES = 4


def _document_run(question: str, name: str) -> str:
    """The longest run shared by a question and a document name that holds a document word."""
    best = ""
    # 「地表水」 of the question: its 表 names no table, whichever run it is in
    plain = NOT_TABLE_WORD.sub(lambda m: "·" * len(m.group(0)), question)
    for i in range(len(question)):
        for j in range(i + max(len(best), MIN_NAME_RUN - 1) + 1, len(question) + 1):
            run = question[i:j]
            if "|" in run:
                break
            if run not in name:
                short = _shortened(question, i, j - 1, name)
                best = short if len(short) > len(best) else best
                break
            if any(w in plain[i:j] for w in DOCUMENT_WORDS):
                best = run
    return best


def _also_named(scores: dict[str, tuple[int, str]], question: str, named: list[str]) -> list[str]:
    """A second document named beside the first (「十三五规划和创建生态文明示范市方案」): its own run, apart from
    the first one's and joined to it by 「和」「与」「跟」「及」 or 「、」."""
    first = scores[named[0]][1]
    others = sorted(((score, d) for d, (score, run) in scores.items() if d not in named), reverse=True)
    for score, doc in others:
        run = scores[doc][1]
        if score < MIN_NAME_RUN + 1 or run in first or first in run:
            continue
        a, b = question.find(first), question.find(run)
        left, right = sorted(((a, first), (b, run)))
        if a >= 0 and b >= 0 and re.fullmatch(r"[和与跟及、同]|以及", question[left[0] + len(left[1]) : right[0]]):
            return [doc]
    return []


def _pieced_run(question: str, name: str) -> str:
    """「创建生态文明示范市方案」 of 「…创建国家生态文明建设示范市2020年工作方案」: the longest run of the question made
    of a few pieces of the name (two characters or more each) that ends in a document word."""
    best = ""
    for i in range(len(question)):
        for j in range(len(question), i + max(len(best), PIECED_NAME_RUN - 1), -1):
            run = question[i:j]
            if run.endswith(DOCUMENT_WORDS) and 0 < pieces(run, name) <= MAX_NAME_PIECES:
                best = run
                break
    return best


def pieces(run: str, name: str) -> int:
    """How few pieces of `name` (two characters or more each) `run` is made of; 0 when it is not
    (「生态环境专项资金」 is two of 「…生态环境保护专项资金项目…」)."""
    fewest = {0: 0}
    for end in range(2, len(run) + 1):
        counts = [fewest[start] + 1 for start in fewest if end - start >= 2 and run[start:end] in name]
        if counts:
            fewest[end] = min(counts)
    return fewest.get(len(run), 0)


def _shortened(question: str, start: int, end: int, name: str) -> str:
    """「重点任务推进表」 for 「…重点任务推进情况表」: a run of the name said with the document word that
    ends the name later on, the words between left out ("" if it is not)."""
    run = question[start:end]
    at = name.find(run)
    if len(run) < MIN_NAME_RUN or at < 0:
        return ""
    word = next((w for w in DOCUMENT_WORDS if question.startswith(w, end)), "")
    skipped = name.find(word, at + len(run)) - at - len(run) if word else -1
    return run + word if 0 < skipped <= MAX_SKIPPED else ""


def _run_score(run: str, name: str) -> int:
    """How much a run names a document: its length, one less when it leaves out words of the name (「规划指标表」
    of 「…规划指标体系表」 names it no better than 「规划指标」 another)."""
    return len(run) if run in name else len(run) - 1


def _strip_instructions(text: str) -> str:
    """Keep the question inside an injection: 「忽略…。问题：X」 → 「X」."""
    asked = re.split(r"问题[:：]|question[:：]", text, flags=re.IGNORECASE)
    if len(asked) > 1:
        return asked[-1].strip()
    sentences = [s for s in re.split(r"[。！!；;\n:：]", text) if s.strip() and not INJECTION.search(s)]
    return "。".join(sentences).strip()


# -- helpers ------------------------------------------------------------------------------------------------


def _resolve(slots: list[Slot], text: str) -> list[Slot]:
    """Drop a lexicon slot hidden inside a longer slot of another entity kind (「江海中沙」: a
    station inside a place is fine; 「花果山」 inside a document name is not a station)."""
    entity = ("place", "station", "pollutant", "department", "level", "attribute", "indicator", "town", "unknown_place")
    kept = []
    for s in slots:
        if s.kind in entity and any(
            o is not s and o.kind in ("document", "quote") and o.start <= s.start and s.end <= o.end and o.end > o.start
            for o in slots
        ):
            if s.kind in ("place", "pollutant", "station", "level"):
                kept.append(s)  # a place inside a document name still filters (「江门十三五规划」「中央…资金项目」)
            continue
        if s.kind == "department" and any(o.kind == "place" and o.start <= s.start and s.end <= o.end for o in slots):
            continue  # 「高要」 of a wrapped 「高要区人民政府」 is the place
        if s.kind in ("place", "entity") and any(o.kind == "except" and o.start <= s.start and s.end <= o.end
                                                 for o in slots):  # fmt: skip
            continue  # 「除了开平，…还有哪个地方」: 开平 is left out, not asked about
        if s.kind == "entity" and any(o.kind == "indicator" and o.start <= s.start and s.end <= o.end
                                      and o.end - o.start > s.end - s.start for o in slots):  # fmt: skip
            continue  # 「农村生活污水治理率」 names the indicator, not the project 「农村生活污水治理」
        if s.kind == "mean" and any(o.kind == "compare_with" and o.start <= s.start and s.end <= o.end
                                    and WHOLE_MEAN.fullmatch(str(o.value)) for o in slots):  # fmt: skip
            continue  # 「比全市平均水平低的」: the figure compared with, no mean asked
        if s.kind == "sum" and any(o.kind == "column" and o.start <= s.start and s.end <= o.end for o in slots) \
                and not SUM_VERB.match(text, s.end):  # fmt: skip
            continue  # 「下达合计超过1200万元」: a column's name, no sum asked (「合计下达了多少」 asks one)
        if s.kind == "unknown_place" and any(
            o.kind in ("place", "station", "town") and o.start <= s.start and s.end <= o.end for o in slots
        ):
            continue
        kept.append(s)
    return kept


def _blank(text: str, slots: list[Slot]) -> str:
    chars = list(text)
    for s in slots:
        for i in range(max(0, s.start), min(len(chars), s.end)):
            chars[i] = " "
    return "".join(chars)
