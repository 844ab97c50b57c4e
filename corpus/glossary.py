"""The domain's aliases and overrides in one place: pollutants, status words, place-name exceptions.

Places, stations, departments and indicators are not listed here: the lexicon learns them
from each data version's documents (`corpus.lexicon`). What stays is what no document
teaches — that 二氧化氮 is NO2, which status words mean lagging — and the exceptions to
what is learned (「江海直达」 is a ship, not 江海区).

>>> canonical_pollutant("二氧化氮")
'NO2'
>>> STATUS_WORDS["未按进度推进"]
'lagging'
"""

from __future__ import annotations

import re
import unicodedata

# Words after which a place's short name is something else: 「江海直达船舶」「江海联运」 are not 江海区.
PLACE_ALIAS_EXCEPTIONS: dict[str, tuple[str, ...]] = {"江海": ("直达", "联运", "河")}
# Words jieba puts before 镇 or 街道 that do not name a town (「重点镇」「各镇街道」).
TOWN_NOT_NAMES = frozenset({"重点", "中心", "特色", "建制", "小城", "示范", "各", "全", "城", "乡", "村", "市", "区",
                            "县", "所在", "有关", "相关", "各个", "沿江", "沿海", "全市", "各区", "工业", "省级", "生态",
                            "流域"})  # fmt: skip

POLLUTANTS: dict[str, tuple[str, ...]] = {
    "PM2.5": ("pm2.5", "pm25", "细颗粒物"),
    "PM10": ("pm10", "可吸入颗粒物"),
    "NO2": ("no2", "二氧化氮"),
    "SO2": ("so2", "二氧化硫"),
    "O3": ("o3", "臭氧"),
    "CO": ("一氧化碳",),
    "CO2": ("co2", "二氧化碳"),  # (no air table measures it: 「二氧化碳排放总量」 is no 二氧化硫 reading)
    "VOCs": ("vocs", "挥发性有机物"),
}

# Water-quality parameters (GB 3838) a question may ask of a section; a sheet states some of them only.
WATER_PARAMETERS = ("化学需氧量", "高锰酸盐指数", "五日生化需氧量", "溶解氧", "氨氮", "总磷", "总氮", "石油类",
                    "粪大肠菌群")  # fmt: skip

# What a table's header word is also called in questions (a generic table's 「站点名称」 column is
# what 「哪些子站」 asks for).
NOUN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "站点": ("子站", "站点", "监测站", "监测点", "自动站"),
    "子站": ("子站", "站点", "监测站"),
    "项目": ("项目", "工程"),
    "任务": ("任务", "事项"),
    "支出": ("支出", "花了", "花费", "花掉", "用掉", "花出去", "花出", "付出去"),
    "支付": ("支付", "付了", "付出去", "付出", "付掉", "花了", "花出去", "花掉", "支出"),
    # money a project or a place is given is headed 下达 or 安排 and asked as 「分到」「拿到」
    "下达": ("下达", "分到", "拿到", "分配到"),
    "安排": ("安排", "分到", "拿到", "分配到"),
    # an emission's chemical name and its abbreviation, either way (「COD排放超过100吨」 of 化学需氧量排放量)
    "化学需氧量": ("化学需氧量", "COD"),
    "COD": ("COD", "化学需氧量"),
    "氮氧化物": ("氮氧化物", "NOx"),
    "NOx": ("NOx", "氮氧化物"),
    "罚款": ("罚款", "罚了", "罚得", "罚多少", "罚没", "处罚金额"),
    "案件": ("案件", "案子"),
    "立案": ("立案", "案件", "案子"),  # 「立案查处（宗）」 is asked as 「立了多少宗案子」
    "得分": ("得分", "考核分", "分数"),
    # a fund's share spent is headed 执行率, 支出进度 or 支出率 and asked by any of them
    "执行率": ("执行率", "支出进度", "支出率", "执行进度"),
    "支出进度": ("支出进度", "执行率", "支出率", "执行进度"),
    "支出率": ("支出率", "执行率", "支出进度"),
    "完成率": ("完成率", "完成比例", "完成进度"),
    "完成比例": ("完成比例", "完成率", "完成进度"),
    "优良天数比例": ("优良天数比例", "优良率", "优良天数占比", "达标天数比例"),
    "办结率": ("办结率", "结案率"),
    "长度": ("长度", "距离", "里程", "多远"),  # 「巡河长度（公里）」 asked as 「巡河距离最长」「巡了多远」
}

# The verbs a question says a 是否 column's act in (「交了没有」 of 是否已缴纳, 「移交公安」 of 是否移送公安), before a
# particle or the thing (「交罚款」)
WHETHER_VERBS: dict[str, str] = {
    "缴纳": "交|缴|付",
    "缴款": "交|缴|付",
    "移送": "移送|移交|送交",
    "听证": "听证|开听证",
}

# What a question calls a register's cell by its opening word: 「被否掉的环评」 is the 「不予批复」 row.
CELL_OPENING_ALIASES: dict[str, tuple[str, ...]] = {
    "不予": ("否掉", "被否", "否决", "驳回", "没通过", "未通过", "没批准", "未获批", "没获批"),
}

# Units things are counted in: a progress text's 「完成12台」「新建5.4公里」, a question's 「多少辆」 (one list, so a
# figure parsed from a table and one asked for are of the same units).
COUNT_UNITS = "家|台|套|个|条|座|项|公里|千米|处|户|宗|辆|艘|吨|亩|万元|km"
# … what a question may count beyond them (「多少家次」「几名」「几件」); 家次 before 家
QUESTION_COUNT_UNITS = rf"家次|名|所|只|类|件|次|{COUNT_UNITS}"
# Units a question may ask a figure in (「多少立方米」): a row that states none of them cannot answer it.
MEASURE_UNITS = rf"万立方米|立方米|平方米|平方公里|万千瓦|千瓦|蒸吨|万吨|{COUNT_UNITS}"

# The small status enum and its Chinese labels. Order: worst first.
STATUS_LABELS: dict[str, str] = {
    "not_met": "未达要求",
    "lagging": "进度滞后",
    "not_started": "未启动",
    "basically_on_track": "基本按进度",
    "on_track": "按进度推进",
    "completed": "已完成/达到要求",
    "unknown": "未说明",
}
STATUS_ORDER = list(STATUS_LABELS)

# The documents' own status words → the enum. Matching takes the longest word first, so
# 「未完成任务要求」 is not read as 「完成任务要求」.
STATUS_WORDS: dict[str, str] = {
    "按进度完成": "completed",
    "达到任务要求": "completed",
    "完成任务要求": "completed",
    "已完成": "completed",
    "按进度推进": "on_track",
    "基本按进度推进": "basically_on_track",
    "基本按进度完成": "basically_on_track",
    "基本完成任务要求": "basically_on_track",
    "未按进度推进": "lagging",
    "未按进度完成": "lagging",
    "进度滞后": "lagging",
    "未达预期进度": "lagging",
    "未达任务要求": "not_met",
    "未完成任务要求": "not_met",
    "未完成任务": "not_met",
    "未启动": "not_started",
    "尚未启动": "not_started",
    "未开工": "not_started",
    # 「序时进度」 is the progress due by now (浙江、江苏 bureaus' word for 进度)
    "按序时推进": "on_track",
    "基本按序时推进": "basically_on_track",
    "滞后序时进度": "lagging",
    "滞后于序时进度": "lagging",
    "落后于序时进度": "lagging",
    "未达序时进度": "lagging",
}
# The short words of a table's own 进度评价 column (inside a progress text only as a whole opening clause,
# `verdict_clause`: 「完成」 also starts 「完成工程量10%」), by what they say rather than word by word: 「滞后」「进度偏慢」, 「序时推进」
# 「正常」, 「未开展」「未开始」, 「已完成」; the first rule that matches decides.
COLUMN_STATUS_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), status)
    for pattern, status in (
        # 「前期」: not begun; 「未整改」 of a 督查 table's 整改情况: nothing put right yet
        (r"(未|尚未|没有?)(开展|开始|启动|开工|实施)|^前期(工作|阶段)?$|^(未|尚未|没有?)整改$", "not_started"),
        (r"逾期(?!完成|完工|办结)|(未|尚未|没有?)整改(到位)?$|整改不到位", "lagging"),  # 「逾期未整改」「未整改到位」
        (r"^(未|不|无|没有?)(滞后|落后)", "on_track"),  # 「未滞后」「不滞后」 of a 是否滞后 column's reading
        (r"滞后|落后|偏慢|缓慢|未达|未按", "lagging"),
        (r"未完成|没完成", "not_met"),
        (r"^基本", "basically_on_track"),
        (
            r"序时|达序|按进度|按计划|(按期|按时|如期)推进|正常|推进中|实施中|在建|超前|有序|整改中|正在整改|部分整改",
            "on_track",
        ),
        # 「已销号」 of a 督办清单: closed; 「提前完成」「逾期完成」 of a 完成等次 column: done, early or late
        (
            r"^(已|全部)?(完成|完工|竣工|建成|销号|办结)|^达到|^(提前|按期|按时|如期|逾期|延期|超期)(完成|完工|办结)"
            r"|^(已|全部)整改|^整改(完成|到位|完毕)",
            "completed",
        ),
    )
)
# a status as a verdict on a row: 已完成 → met, 滞后/未完成 → behind, 按进度推进 → on_track
VERDICT_OF_STATUS = {"completed": "met", "not_met": "behind", "lagging": "behind", "on_track": "on_track",
                     "basically_on_track": "on_track"}  # fmt: skip
COLUMN_STATUS_LENGTH = 10  # a longer cell is a sentence, read by `find_status_words` only


def column_status(cell: str) -> str:
    """The status a 进度评价 cell states (「序时推进」 → on_track), or unknown."""
    cell = cell.strip().rstrip("。")
    if not cell or len(cell) > COLUMN_STATUS_LENGTH:
        return "unknown"
    return next((status for pattern, status in COLUMN_STATUS_RULES if pattern.search(cell)), "unknown")


# A progress text that opens with a bare verdict clause (「完成。…」「基本完成。…」「未完成。…」), as an
# assessment's 完成情况 column writes it: the clause is the status. Only the whole clause counts, never
# 「完成工程量10%」.
VERDICT_CLAUSE = re.compile(r"(已|全部|基本|未|没)?完成|(进度)?滞后")


def verdict_clause(clause: str) -> str:
    """The status a bare verdict clause states (「基本完成」 → basically_on_track), or unknown."""
    return column_status(clause) if VERDICT_CLAUSE.fullmatch(clause.strip()) else "unknown"


# How a question says a task has not started (「还没启动」「没有开工」「一点没动」): the tables' label 未启动.
NOT_STARTED_QUESTION = re.compile(
    r"(还|尚)?(一点|完全|一直)?[都也还]?(没有?|未)(启动|开工|开始实施|动工|开展|开始|动(?![员静用过]))"
)
_STATUS_PATTERN = re.compile("|".join(sorted(map(re.escape, STATUS_WORDS), key=len, reverse=True)))

KEY_ASSESSMENT_MARK = "【重点考核】"

# Just before a status word or a 是否 column's word: its opposite (「没按进度完成」「还没有执行完毕」);
# 「有没有」「能不能」「是不是」 ask, they do not negate.
# (「有没有」「有没达标」 ask, no negation; 「有没有没达标的」「有没达标的吗」 negate a 没 before the rows' 的)
NEGATION = r"(?:还没有?|尚未|(?<!有)没有?|(?<=有)没(?!有)(?=[^，。？?的]{1,8}的)|未|(?<![能是])不(?![能是]))"
# The rows' own year, said as such (「今年」「本年度」).
THIS_YEAR = re.compile(r"今年|本年度?|当年|年内")
# A question over the 区县 of a city: 「哪些区县」「各县区」「区县有哪些」; `ACROSS_COUNTIES` also 「每个区」「全市」.
# What a city's parts are called in a question or a header: 「区县」「县（市、区）」, a 镇街 city's 「镇街」.
COUNTY_NOUNS = (
    "区县",
    "县区",
    "县市区",
    "辖市区",
    "县（市、区）",
    "市（区）",
    "镇街",
    "镇（街）",
)  # not 乡镇 (「乡镇污水处理设施」)
COUNTY_NOUN_PATTERN = "|".join(COUNTY_NOUNS)  # no regex metacharacters: （） are full-width
_COUNTY_NOUN = rf"(?:{COUNTY_NOUN_PATTERN}|县(?![级城])|区(?!域))"
PLACES_ASKED = re.compile(
    rf"(?:哪些|哪几个|哪个|各){_COUNTY_NOUN}|(?:{COUNTY_NOUN_PATTERN})(?:有|是)?(?:哪些|哪几个|哪个)"
)
ACROSS_COUNTIES = re.compile(rf"(?:哪些|哪几个|哪个|各个?|每个|所有){_COUNTY_NOUN}|全市")
# 「单位：万元」 written over a table: the unit of its figures.
# 「单位：万元」「金额单位：万元」, not 「填报单位：…局」
STATED_UNIT = re.compile(r"(?<![\u4e00-\u9fff])(?:计量|金额)?单位\s*[：:]\s*([^（）()\s，,；;。]+)")
# How a table's 得分 is asked; all but the bare 「得分」 ask for a score actually given (not the 分值 at stake).
SCORE_WORDS = ("得分", "总得分", "考核得分", "考核分", "实际得分", "最终得分", "实得", "得了几分", "得了多少分", "得几分", "得多少分",
               "扣了多少分", "扣分")  # fmt: skip
# (「怎么扣分」 asks a rule of deductions, no score a row got)
SCORE_ASKED = re.compile("(?<!怎么)(?<!如何)(?<!怎样)(?:" + "|".join(w for w in SCORE_WORDS if w != "得分") + ")")
# (「发现一个火点要扣多少考核分」「每超1天扣几分」: a rule of deductions the text states, no score a row got)
DEDUCTION_RULE = re.compile(r"(要|会|将|应|得|需)扣|每[^，。？?]{0,8}扣")
# Column headers of free text about a row (「PM2.5、优良天数比例均未完成」): their words name no rows.
REMARKS = re.compile(r"备注|说明|附注|原因")
# Header words too common to name a column alone (the whole label still does: 「考核目标」).
GENERIC_LABEL_WORDS = frozenset({"比例", "变化", "数量", "浓度", "情况", "数值", "指标", "合计", "总计", "占比", "考核",
                                 "目标", "要求", "标准", "实际", "完成", "计划", "金额", "名称", "单位", "序号", "平均",
                                 "最大", "最小", "小时", "环境", "生态", "统计", "进度", "其中"})  # fmt: skip
# A water-quality class cell (「Ⅲ类」「劣Ⅴ」「IV」): classes are ordered, Ⅰ best, 劣Ⅴ worst.
# a river's class (GB 3838: Ⅰ…Ⅴ, 劣Ⅴ) or a sea area's (GB 3097: 第一类…第四类, 劣四类, written 「二类」)
WATER_CLASS = re.compile(r"^(劣)?(Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|IV|V|I{1,3})\s*类?$|^(劣)?第?(一|二|三|四)类$")
_CLASS_RANKS = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5,
                "一": 1, "二": 2, "三": 3, "四": 4}  # fmt: skip


def water_class_rank(cell: str) -> int | None:
    """1 for 「Ⅰ类」 … 5 for 「Ⅴ类」, 6 for 「劣Ⅴ类」; a sea area's 「二类」 2 … 「劣四类」 5; None for any other
    cell (「—」, 「Ⅲ类~Ⅳ类」)."""
    found = WATER_CLASS.match(str(cell).strip())
    if not found:
        return None
    worse, name = (found.group(1), found.group(2)) if found.group(2) else (found.group(3), found.group(4))
    return _CLASS_RANKS[name] + bool(worse)


# Fund levels (a funds table's 资金级别, a workbook's 「省级资金」 sheet): known before any funds table teaches them.
FUND_LEVELS = ("中央", "省级以上", "省级", "市级", "县级", "区级", "各级")
LEVELS_DOWNWARD = ("中央", "省级", "市级", "县级")  # highest first: 「省级以上」 is 中央 and 省级
# A table of lagging tasks only (「…工作任务进度滞后情况表」「滞后任务清单」): each row lags unless it says otherwise.
LISTS_LAGGING = re.compile(r"(进度)?滞后(任务|事项|工作|项目)?(情况)?(汇总)?(表|清单)")
# How a question says a change is for the worse or the better (「水质变差」), whichever way the figure moves.
# A change said in words (「同比上升」「在涨」「持平」), for which way it goes.
RISE_WORDS = ("不降反升", "上升", "增加", "增长", "提高", "上涨", "在涨", "涨了", "变多", "为正", "升高", "回升")
FALL_WORDS = ("不升反降", "下降", "减少", "降低", "下跌", "变少", "为负", "降了")
# 「比去年高」「比大气投诉多」: which way a comparison word goes
COMPARED_WAY = {"高": "up", "多": "up", "大": "up", "低": "down", "少": "down", "小": "down", "好": "better",
                "差": "worse"}  # fmt: skip
WORSE_WORDS = ("变差", "变坏", "恶化", "退化")
BETTER_WORDS = ("好转", "变好", "改善")
# Characters that say where after a word (「项目里」「表中」): never a misspelt character of it.
LOCATIVES = frozenset("里中内上下")


def canonical_pollutant(name: str) -> str | None:
    lowered = unicodedata.normalize("NFKC", name).strip().lower()  # 「PM₁₀」 as PM10
    for canonical, aliases in POLLUTANTS.items():
        if lowered == canonical.lower() or lowered in aliases:
            return canonical
    return None


def find_status_words(text: str) -> list[tuple[int, str]]:
    """All status words in `text` with their positions, e.g. [(0, '按进度完成')]."""
    return [(m.start(), m.group(0)) for m in _STATUS_PATTERN.finditer(text)]


def status_of(word: str) -> str:
    return STATUS_WORDS.get(word, "unknown")


def worst_status(statuses: list[str]) -> str:
    known = [s for s in statuses if s != "unknown"]
    return min(known, key=STATUS_ORDER.index) if known else "unknown"


# Short forms staff write in a question for the documents' terms (「农污」 is 农村生活污水, not a typo of 农膜):
# read as the full term before anything else. (Retrieval folds its own: 危废, 固废 in retrieval.glossary.TERM_FOLDS,
# 污水厂 in COLLOQUIAL_TERMS below.)
ABBREVIATIONS: dict[str, str] = {"农污": "农村生活污水"}
# Names a question writes in another form than a table's rows do (「单位GDP能耗」 of 「单位地区生产总值能耗」), read as the
# rows' form when rows are matched to a question's words: a per-GDP measure only (「GDP是多少」 is no such row)
ROW_NAME_FORMS: dict[str, str] = {r"gdp(能耗|用水|二氧化碳|碳排放|建设用地)": r"地区生产总值\1"}
# A row's date by the verb that asks it → the headers of its column (「到期」 is 有效期至, not 发证日期); the first three
# are a deadline's, which may fall back on any date column of a sheet
DATE_VERBS: tuple[tuple[str, str], ...] = (
    (r"到期|失效|届满", r"有效期|到期|届满|失效"),
    (r"完成|完工|投运|建成", r"完成|完工|竣工|投运|建成|时限|期限"),
    (r"时限|截止", r"时限|期限|截止"),
    (r"批复|审批|获批|批下来|批准|批的", r"批复|审批"),
    (r"受理", r"受理"),
    (r"发证|核发|颁发", r"发证|核发|颁发"),
    (r"立案|签订|验收|开工|办结|结案|发生", r"立案|签订|验收|开工|办结|结案|发生"),
    (r"检查|抽检|巡查|排查", r"检查|抽检|巡查|排查"),  # 「8月份执法检查了几家次」: 检查日期
    (r"处罚决定|作出处罚", r"决定"),  # 「6月以后作出处罚决定的」: 处罚决定日期
    (r"联网|接入|并网", r"联网|接入|并网"),  # 「今年才接入自动监控的」: 自动监控联网日期
)
DEADLINE_VERBS = "|".join(verbs for verbs, _ in DATE_VERBS[:3])
DEADLINE_HEADERS = "|".join(headers for _, headers in DATE_VERBS[:3])  # a deadline's column, not a row's own date
DATE_VERB = "|".join(verbs for verbs, _ in DATE_VERBS)
# Short forms a question uses for a table's title words (「环保专项」 of 「生态环境专项资金…」「…环境保护专项资金…」), read
# so only when asking whether a word names the table (the documents write both forms, so questions are not expanded)
TITLE_SHORT_FORMS: dict[str, str] = {"环保": "环境", "重点排污": "重点",  # 「重点排污单位」 of a 「…重点单位名录」
                                     "危废": "危险废物", "固废": "固体废物", "医废": "医疗废物",
                                     "环评": "环境影响评价"}  # fmt: skip
_ABBREVIATION = re.compile("|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)))


# How a question says a table's own term in other words: 「跟去年同期比」 is the 同比 of a sheet's 同比 column
# (「过了时限还没干完」 is a sheet's 逾期未完成)
PHRASE_FORMS: dict[str, str] = {
    r"(?:跟|和|与|同|较)?(?:去年|上年|上一年)同期(?:相)?比(?:较|起来)?": "同比",
    r"(?:已经?)?(?:过了|超过了?|超出了?|超了)(?:完成|整改)?(?:时限|期限|截止(?:时间|日期)|完成时间)(?:还|仍然?|却|但)?"
    r"(?:没有?|未)(?:干完|完成|做完|弄完|搞完|完工)": "逾期未完成",
    r"(?:已经?)?(?:过了|超过了?|超出了?|超了)(?:完成|整改)?(?:时限|期限|截止(?:时间|日期)|完成时间)": "逾期",
    # 「这批拿到的钱最少」: the money a place or a project is given, as a fund sheet heads it
    r"(?:拿到|分到|分得|得到|领到|争取到|拿了|分了)(?:了)?的?钱": "分到的资金",
    r"(?<!生)活儿": "任务",  # 「哪项活儿还没动」
    r"省里(?:的|给的|下达的|拨的)?钱": "省级资金",  # 「一分省里的钱都没有」
    r"市里(?:的|给的|下达的|拨的)?钱": "市级资金",
    r"中央(?:的|给的|下达的|拨的)?钱": "中央资金",
}
_PHRASE_FORM = re.compile("|".join(f"(?:{form})" for form in PHRASE_FORMS))


def expand_abbreviations(text: str) -> str:
    """「台山农污治理率」 → 「台山农村生活污水治理率」, 「跟去年同期比」 → 「同比」; a full term already written stays as it is."""
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(0)], text)
    return _PHRASE_FORM.sub(lambda m: next(v for k, v in PHRASE_FORMS.items() if re.fullmatch(k, m.group(0))), text)


# How people say what the plans call by their own terms: a question's phrase (left) also searches for
# the plans' words (right), weighted below the user's own words (`retrieval.expansion`). Everyday
# speech only; the plans' own synonyms come from a thesaurus (同义词词林).
COLLOQUIAL_TERMS: dict[str, tuple[str, ...]] = {
    "饭店": ("餐饮",), "饭馆": ("餐饮",), "餐馆": ("餐饮",), "小吃店": ("餐饮",), "食堂": ("餐饮",),
    "炒菜": ("餐饮油烟",), "油烟": ("餐饮油烟", "油烟净化"),
    "泔水": ("餐厨垃圾",), "剩饭剩菜": ("餐厨垃圾",), "厨余": ("餐厨垃圾",),
    "臭水沟": ("黑臭水体",), "臭河": ("黑臭水体",), "返臭": ("返黑返臭",), "按天罚": ("按日连续处罚",),
    "量身定做": ("一企一策",), "一家一个方案": ("一企一策",),
    "泥头车": ("渣土运输车", "渣土车"), "拉泥": ("渣土运输",), "土方车": ("渣土运输车",),
    "污水厂": ("污水处理厂",), "垃圾场": ("垃圾填埋场",), "脏水": ("渗滤液", "污水"),
    "口子": ("排污口",), "排污的口": ("排污口",),
    "修车": ("汽车维修", "汽修"), "喷漆": ("喷涂", "涂装"), "上漆": ("涂装", "喷涂"),
    "共享工厂": ("共性工厂",), "公用的设施": ("共性工厂", "集中治理"), "扎堆": ("集聚",), "小厂": ("小散",),
    "大货车": ("柴油货车", "重型柴油车"), "老旧": ("老旧车", "国三"), "柴油车": ("柴油货车",),
    "工地": ("施工工地", "建筑工地"), "尘土": ("扬尘",), "灰尘": ("扬尘", "降尘"),
    "船上厕所": ("船舶生活污水",), "小货船": ("船舶",), "旧船": ("拆船",), "拆船": ("拆解",), "海滩": ("滩涂",),
    "搬走": ("搬迁", "关闭搬迁"), "空地": ("地块",), "厂址": ("地块",), "关掉": ("关停", "关闭"), "彻底关停": ("两断三清",),
    "储油罐": ("油罐", "埋地油罐"), "漏油": ("渗漏",), "烧山": ("炼山",), "翻垦": ("全垦",),
    "没有手续": ("资质",), "农田": ("耕地", "农用地"), "分开管": ("分类管理",),
    "赔偿": ("生态补偿",), "上游": ("流域", "横向补偿"),
    "巡查": ("巡河",), "巡视": ("巡河",), "河长": ("巡河",), "湖长": ("巡河",),
    "有机废气": ("挥发性有机物", "vocs"), "抵": ("替代", "倍量替代"), "减排量": ("替代",),
    "废水管道": ("污水管网", "明管"),
    "偷排": ("违法排污",), "罚款": ("处罚",),
    "gdp": ("地区生产总值",), "漏水": ("漏损",), "自来水": ("供水",), "化工厂": ("化工企业",),
    "汽车尾气": ("机动车",), "尾气": ("机动车排气",), "电动车": ("新能源汽车",), "充电桩": ("充电设施",),
    "外来物种": ("外来物种入侵",), "水质": ("断面水质",), "进度": ("进展",),
}  # fmt: skip


# Environmental media a table is of or not, each by its words: 「声环境质量」 asked of an air sheet is of none of its
# rows; 「噪声」 of a 「声环境功能区」 row is.
MEDIA = (("声环境", "噪声"), ("辐射", "电磁"), ("土壤",), ("地下水",), ("近岸海域", "海水", "海洋"))
