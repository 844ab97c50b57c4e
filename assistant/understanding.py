"""Understanding a question with its history: the slots of the question, and for a follow-up
(「那二氧化氮呢？」) the slots it leaves out, taken from the question before.

>>> understander = Understander(lexicon, catalogue)  # doctest: +SKIP
>>> q = understander.run("那江海区呢？", [{"role": "user", "content": "蓬江区东湖站PM10浓度是多少？"}])  # doctest: +SKIP
>>> q.regions, q.values("pollutant"), q.values("station")  # doctest: +SKIP
(['江海区'], ['PM10'], [])
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.slots import CHINESE_NUMBERS, FOLLOW_UP_FILLER, Catalogue, Question, Slot, read_question, residual
from corpus.glossary import ACROSS_COUNTIES, POLLUTANTS
from corpus.lexicon import Lexicon
from corpus.text import normalize_text
from structured.generic import TOTAL_ROW

NEW_QUESTION_CHARS = 15  # a longer question without 「那/它/这项」 is a question of its own
PRONOUN_PLACE = re.compile(r"那边|(?<!其)它|该区|该市|该县|这个区|这个市|那里|当地")  # not the 它 of 「其它」
# 「剩下几个县里…」 after 「哪些县已经完成了」: the rows of the question before that have not that status
REMAINING = re.compile(r"剩下|剩余|其余")
# 「这个站」「它的PM10」「这笔罚款」「那家企业」「这起案子」: the one station (or row) the answer before named
THIS_STATION = re.compile(r"(这|那|该)个?(子站|站点|监测站|站)|(这|那|该)(笔|家|起|宗)|^它(?!们)")
REFERS_BACK = re.compile(
    r"那项|这项|该项|那个|这个|它|其|上述|前面|两者|二者|^比|^那么?(?![些里])"
)  # 「比2015年…」「那今年1—9月全市…」: of the thing asked before
SAME_KIND = re.compile(r"同类|同一类|同样的|类似的|这类|那类|该类")  # 「恩平同类任务…」: the task asked before
# 「这几个站分别超了多少」: the rows the answer before listed, picked as the question before picked them
SAME_ROWS = re.compile(
    r"(这|那)(几|些|[两二三四五六七八九十][个家项起件条座处宗笔])(?![年天月次])|上述|^其中|^它们|^它俩|这俩|那俩"
)  # 「这两个地方」「这两家」「它们」「它俩」
# 「这里面属于约束性的是哪几个」 after a list of indicators: those indicators (of other rows, the conditions before)
AMONG_THOSE = re.compile(r"(这|那)(里面|里头|当中|之中|其中)")
LISTED_KINDS = ("station", "entity", "place", "indicator")
ROW_KINDS = ("status", "status_label", "status_label_word", "key", "versus_target", "threshold", "attribute", "period")
SAME_TIME = re.compile(r"同一?个?月|同月|当月|那个月|这个月|同期|同一年|同年|当年")  # 「同一个月全市平均是多少」
# what a question is about: carried into a follow-up that names none of its own
ENTITY_KINDS = ("place", "station", "pollutant", "document", "table_label", "town", "indicator", "department", "column",
                "entity", "level")  # fmt: skip
MONTH_ROW = re.compile(r"(1[0-2]|[1-9])月份?")  # a row of a sheet of months (「8月」)
# what a question asks: carried only into a follow-up that asks nothing of its own (「2018年呢？」)
INTENT_KINDS = ("status", "status_label", "status_label_word", "key", "versus_target", "threshold", "rank",
                "topk", "count", "sum", "mean", "which", "each", "compare", "attribute", "period", "quarter",
                "yesno")  # fmt: skip
# how a question asks (counted, listed, ranked …), apart from the conditions it sets
SHAPE_KINDS = ("rank", "topk", "count", "sum", "mean", "which", "each", "compare", "yesno")
OWN_ASKS = {"deadline", "lead", "points", "progress", "milestone", "attribute", "target", "current", "amount",
            "requirement"}  # fmt: skip
FUND_WORDS = ("专项资金", "资金", "执行率", "支出率", "下达")
STATION_WORDS = ("子站", "站点", "监测站", "浓度", "读数")
TASK_WORDS = ("任务", "项目", "工程", "进度", "进展", "入库", "得分")
INDICATOR_WORDS = ("指标", "现状值", "指标值", "属性")


class Understander:
    def __init__(self, lexicon: Lexicon, catalogue: Catalogue) -> None:
        self.lexicon = lexicon
        self.catalogue = catalogue

    def read(self, question: str) -> Question:
        return read_question(question, self.lexicon, self.catalogue)

    def _is_county(self, place: str) -> bool:
        return _county_of(self.lexicon, place)

    def run(self, question: str, history: list[dict] | None = None) -> Question:
        current = self.read(_nth_listed(question, history or []))
        previous_text = _last_user_question(history or [])
        if previous_text is not None and (current.follow_up or not _stands_alone(current)):
            previous = self._previous(history or [])
            listed = self._listed(current, history or [])
            merged = inherit(current, previous, self._is_county, rows_listed=bool(listed))
            listed_before = previous.has("which") or previous.has("count")  # the rows a list picked by status
            rest = [] if current.has("status") or not listed_before or not REMAINING.search(current.text) else [
                Slot("status_other_than", s.value, -1, -1, "") for s in previous.of("status")]  # fmt: skip
            city = self._answered_city(merged, history or []) if current.follow_up or rest else []
            city = self._answered_station(current, history or []) or city
            slots = merged.slots
            # 「它的…有多少件」 after 「…最低的是哪个区」: that 区's own figure, not the ranking asked before
            if city and PRONOUN_PLACE.search(current.text):  # (nor the place asked before: 它 is the one answered)
                slots = [s for s in slots if not (s.kind in ("rank", "topk", "place", "town") and s.start < 0)]
            return replace(merged, slots=[*slots, *listed, *city, *rest], rows_listed=bool(listed))
        return current

    def _previous(self, history: list[dict], depth: int = 2) -> Question:
        """The question before, itself completed by the ones before it when it was a follow-up (「桃江县呢？」 after
        「安化县上半年空气质量优良天数比例是多少？」 asks 桃江县's 优良天数比例)."""
        users = [i for i, m in enumerate(history) if m.get("role") == "user" and str(m.get("content", "")).strip()]
        previous = self.read(str(history[users[-1]]["content"]))
        # (「哪些断面…」 of its own names no place, yet asks anew; 「规模合计多少？」 is said of the rows before)
        if depth and len(users) > 1 and (previous.follow_up or SAME_ROWS_BEFORE.match(previous.text)):
            earlier = self._previous(history[: users[-1]], depth - 1)
            return replace(inherit(previous, earlier, self._is_county), text=previous.text)
        return previous

    def _answered_city(self, merged: Question, history: list[dict]) -> list[Slot]:
        """「那最低的呢？」 after an answer about one city's 区县 (「无为市，…87.96%」) that neither question placed:
        that city, so the follow-up is not answered from another city's tables; 「它的…」 after an answer naming
        one place: that place."""
        answer = next((str(m.get("content", "")) for m in reversed(history) if m.get("role") == "assistant"), "")
        own = any(s.start >= 0 for s in merged.of("place")) or merged.has("station")
        if not answer or own or (merged.has("place") and not PRONOUN_PLACE.search(merged.text)):
            return []
        said = normalize_text(re.sub(r"《[^》]*》", " ", answer))  # a title names a document, not a row's place
        # 「它的大气污染投诉」: that 区 itself, the one the answer's conclusion names (not the city asked before)
        first = normalize_text(re.sub(r"《[^》]*》", " ", (answer.strip().splitlines() or [""])[0]))
        concluded = {m.term.value for m in self.lexicon.find(first, kinds=("place",))}
        if len(concluded) == 1 and PRONOUN_PLACE.search(merged.text):
            return [Slot("place", concluded.pop(), -1, -1, "")]
        if merged.has("place"):
            return []
        places = {m.term.value for m in self.lexicon.find(said, kinds=("place",))}
        if len(places) == 1 and PRONOUN_PLACE.search(merged.text):
            return [Slot("place", places.pop(), -1, -1, "")]
        cities = {self.lexicon.parent_of(p) if self._is_county(p) else p for p in places}
        return [Slot("place", cities.pop(), -1, -1, "")] if len(cities) == 1 else []

    def _answered_station(self, current: Question, history: list[dict]) -> list[Slot]:
        """「这个站的优良天数比例达到目标了吗」 after an answer naming one station (「湖口县石钟山站，…」): that
        station, whatever the question before asked."""
        answer = next((str(m.get("content", "")) for m in reversed(history) if m.get("role") == "assistant"), "")
        if not (answer and THIS_STATION.search(current.text)) or current.has("station") or current.has("entity"):
            return []
        # (its conclusion, the first line: the rows under it name their cells too)
        said = re.sub(r"《[^》]*》", " ", (answer.strip().splitlines() or [""])[0])
        named = {(s.kind, s.value): s for s in self.read(said).slots if s.kind in ("station", "entity")}
        return [_unplaced(s) for s in named.values()] if len(named) == 1 else []

    def _listed(self, current: Question, history: list[dict]) -> list[Slot]:
        """「这几个站分别超了多少」: the stations, places or rows the answer before named."""
        answer = next((str(m.get("content", "")) for m in reversed(history) if m.get("role") == "assistant"), "")
        kinds = (
            LISTED_KINDS
            if SAME_ROWS.search(current.text)
            else ("indicator",)
            if AMONG_THOSE.search(current.text)
            else ()
        )
        if not (answer and kinds):
            return []
        said = re.sub(r"《[^》]*》", " ", answer)  # 「据《湖州市…》」 names the document, not a row
        named = {(s.kind, s.value): s for s in self.read(said).slots if s.kind in kinds and not _said_now(s, current)
                 and not (s.kind == "entity" and TOTAL_ROW.match(str(s.value[2])))}  # fmt: skip
        places = {
            s.text for s in named.values() if s.kind == "place"
        }  # 「德阳经开区」: the place, not a cell naming it
        return [_unplaced(s) for s in named.values() if not (s.kind == "entity" and s.text in places)]


def _said_now(slot: Slot, current: Question) -> bool:
    """Whether the follow-up names its own of the slot's kind — for a sheet's cell, of the same column (「其中国控的」
    after a list of 断面: 国控 of 断面性质, the 断面 still those listed)."""
    if slot.kind != "entity":
        return current.has(slot.kind)
    return any(s.value[:2] == slot.value[:2] for s in current.of("entity"))


def _county_of(lexicon: Lexicon, place: str) -> bool:
    """A place under a city (its parent is no province); a place of unknown parent is not."""
    parent = lexicon.parent_of(place)
    return bool(parent) and "省" not in parent


def inherit(
    current: Question, previous: Question, is_county=lambda place: False, rows_listed: bool = False
) -> Question:
    """Fill what a follow-up leaves out from the previous question, slot by slot.

    What it is about (place, station, pollutant, document …) carries over when the follow-up
    names none of that kind; what was asked (status, ranking, level, period …) carries over
    only when the follow-up asks nothing of its own. A follow-up that turns to another table
    (「鹤山市已入库的项目呢」 after a fund question) drops the slots of the old one; one over all the 区县
    (「哪些区县…」, `is_county` tells them) keeps a city asked before, not a 区县. 「这几个站」 takes the conditions
    of the question before, unless the answer before named the rows (`rows_listed`): then those rows are meant.
    """
    carried: list[Slot] = []
    refers_back = current.follow_up or any(r.search(current.text) for r in (REFERS_BACK, SAME_ROWS, AMONG_THOSE))
    switched = _table_of(current) not in ("", _table_of(previous))
    long_own = len(current.text) > NEW_QUESTION_CHARS and not refers_back
    named = _names_a_row(current)
    for kind in ENTITY_KINDS:
        if kind == "entity" and named:  # 「那天府新区那个配套管网呢」: a row of its own, not the one named before
            continue
        if kind == "column" and current.has(kind) and not long_own and _changes_only(current):
            carried += [_unplaced(s) for s in previous.of(kind)]  # 「跟去年同期相比变化了多少」: of the figure before
            continue
        if current.has(kind) or (long_own and kind not in ("place", "document")):
            continue
        if kind in ("station", "pollutant") and switched and _table_of(current) != "stations":
            continue
        if kind == "pollutant" and _own_figure(current):  # 「优良天数比率呢？」 after 「…PM2.5目标」: not PM2.5's
            continue
        if kind == "level" and switched:  # a fund level is of the funds
            continue
        if kind == "station" and current.has("place"):
            continue  # 「那江海区呢？」: a new region, not the old station
        if kind == "place" and current.has("station"):
            continue
        if kind == "place" and _across_counties(current):
            carried += [_unplaced(s) for s in previous.of(kind) if not is_county(s.value)]
            continue
        carried += [_unplaced(s) for s in previous.of(kind)]
    # a generic table's values carry over column by column: 「那它的PM2.5呢？」 keeps 「英城子站」
    columns_now = {s.value[:2] for s in current.of("entity")}
    carried += [_unplaced(s) for s in previous.of("entity") if current.has("entity") and s.value[:2] not in columns_now]
    if current.has("period"):  # 「7-9月呢？」 after 「7月份…」: the months asked now, not the month row before
        carried = [s for s in carried if not (s.kind == "entity" and MONTH_ROW.fullmatch(s.text))]
    if long_own:
        return _merged(current, carried, previous, follow_up=False)
    if PRONOUN_PLACE.search(current.text) and not current.has("place"):
        carried += [_unplaced(s) for s in previous.of("place") if s not in carried]
    # its own asks, not its table (「省级资金呢？」 after 「市级资金里没开工的项目有几个」 asks the same of another level)
    own_intent = bool(set(current.values("ask")) & OWN_ASKS) or any(current.has(k) for k in INTENT_KINDS)
    if not current.has("year") and (refers_back or SAME_TIME.search(current.text)) and not switched:
        carried += [_unplaced(s) for s in previous.of("year") + previous.of("plan_year") + previous.of("plan_period")]
    month_row = any(MONTH_ROW.fullmatch(s.text) for s in current.of("entity"))  # 「8月呢？」 after 「7月份…」
    if not current.has("period") and not month_row and not switched:
        # the span said before (「1-6月…倒数第一」 → 「排第一的是哪个」), not a mean over months nor one month's sheet
        carried += [_unplaced(s) for s in previous.of("period")]
    # the rows said again, by their conditions; rows the answer named are meant by their names, but a label of
    # their own (「逾期未完成」 of a 督办清单, not a reading's 未达标 of one pollutant) still picks them
    labelled = previous.has("status_label_word") or previous.has("status_label")
    # 「这里面市生态环境局牵头的是哪个」 after a list of lagging tasks: the lagging ones, whatever else it asks
    among = SAME_ROWS.search(current.text) or AMONG_THOSE.search(current.text)
    if among and not switched and (not rows_listed or labelled):
        carried += [_unplaced(s) for kind in ROW_KINDS if not current.has(kind) for s in previous.of(kind)]
    # (「那预期性的呢」: the ask its attribute word makes is that condition, not a shape of its own)
    asks = set(current.values("ask")) - ({"attribute"} if current.has("attribute") else set())
    own_shape = bool(asks & OWN_ASKS) or any(current.has(k) for k in SHAPE_KINDS)
    if own_intent and not own_shape and not switched and current.follow_up:
        # 「逾期未完成的呢？」 after 「进度滞后的任务有几项」: new conditions, asked the same way (counted, listed)
        carried += [_unplaced(s) for kind in SHAPE_KINDS for s in previous.of(kind)]
        carried += [_unplaced(s) for s in previous.of("ask") if s.value not in current.values("ask")]
    if not own_intent and not switched:
        for kind in ("year", "plan_year", "plan_period", *INTENT_KINDS):
            if kind == "period" and month_row:
                continue
            if not current.has(kind) and not any(s.kind == kind for s in carried):
                carried += [_unplaced(s) for s in previous.of(kind)]
        carried += [_unplaced(s) for s in previous.of("ask") if s.value not in current.values("ask")]
    return _merged(current, carried, previous, follow_up=True)


def _names_a_row(q: Question) -> bool:
    """Whether a follow-up points at a thing of its own, in words no slot reads (「那天府新区那个配套管网呢」: 配套管网; not
    「那已经拨付到位多少」)."""
    if ANOTHER.search(q.text):  # 「椒江另外一个站呢」: not the one named before
        return True
    pointed = POINTED_THING.search(residual(q))
    thing = FOLLOW_UP_FILLER.sub("", pointed.group(1)) if pointed else ""
    return len(thing) >= MIN_THING_CHARS and not ROWS_NOUN.search(thing)


ANOTHER = re.compile(r"另外?一个|另一[个家座处项]|其他的?|其余的?|别的")


# a thing pointed at and asked about as a whole (「那个配套管网呢」, not 「这项工作对应的专项资金…」)
POINTED_THING = re.compile(r"(?:那|这)(?:个|项|条|座|家|处)([\u4e00-\u9fff]{2,}?)(?=呢|[？?，,]|$)")
MIN_THING_CHARS = 3  # the words of a thing pointed at, its fillers left out (「那个配套管网」: 配套管网)
# what a sheet's rows are called (「这个断面」 is the one before, no new thing)
ROWS_NOUN = re.compile(r"(断面|站点|子站|站|水源地|点位|单位|企业|公司|区县|县区|项目|任务|工程)$")


CHANGE_ONLY = re.compile(r"^(同比|环比|变化|增减|同比变化|较上年|同期)+$")


def _changes_only(q: Question) -> bool:
    """Whether the columns a follow-up names are only a change of some figure (「同比变化」), not the figure."""
    return all(CHANGE_ONLY.match(s.text) for s in q.of("column"))


def _own_figure(q: Question) -> bool:
    """Whether a follow-up names a sheet's figure of no pollutant in full (「优良天数比率」, not 「同比」)."""
    names = [n for names in POLLUTANTS.values() for n in names] + [p.lower() for p in POLLUTANTS]
    return any(len(s.text) >= 4 and not any(n in s.text.lower() for n in names) for s in q.of("column"))


def _across_counties(q: Question) -> bool:
    """「哪些区县…」「全市…」 ask over every 区县; 「比全市总体执行率低多少」 compares one with the whole."""
    compared = q.of("compare_with") if not q.has("which") else []  # 「比全市平均低的区县有哪些」 lists them all
    return any(not any(s.start <= m.start() < s.end for s in compared) for m in ACROSS_COUNTIES.finditer(q.text))


def _merged(current: Question, carried: list[Slot], previous: Question, follow_up: bool) -> Question:
    words = residual(previous, kinds_kept=("town", "indicator", "pollutant", "station"))
    return replace(
        current,
        slots=[*current.slots, *carried],
        follow_up=follow_up or current.follow_up,
        context_text=previous.text,
        context_words=" ".join(words.split()),
        # (a sheet's cells said before, which name a task too: 「黄河滩区湿地生态修复」 is a project and a task)
        context_cells=" ".join(s.text for s in previous.of("entity") if s.start >= 0),
    )


def _unplaced(slot: Slot) -> Slot:
    """A slot from another text: it has no span in this one."""
    return Slot(slot.kind, slot.value, -1, -1, slot.text)


def _table_of(q: Question) -> str:
    """The table a question's own words point at, if any (for telling a switch of subject)."""
    text = q.text
    if any(w in text for w in FUND_WORDS) or q.has("level"):
        return "funds"
    if q.has("station") or any(w in text for w in STATION_WORDS):
        return "stations"
    if any(w in text for w in INDICATOR_WORDS) or q.has("attribute"):
        return "indicators"
    if any(w in text for w in TASK_WORDS) or q.has("department"):
        return "tasks"
    return ""


# a question that asks a figure of the rows before, naming nothing else (「规模合计多少？」「一共多少钱」)
SAME_ROWS_BEFORE = re.compile(r"^[^，,。？?]{0,6}(合计|加起来|总共|一共|共计)[^，,。？?]{0,4}(多少|几)[？?]?$")


def _stands_alone(q: Question) -> bool:
    """A question that names what it is about needs no history, unless it says it is of the same kind as the
    question before (「恩平同类任务进度怎么样」)."""
    if SAME_KIND.search(q.text):
        return False
    names = q.has("place") or q.has("station") or q.has("document")
    return names and (q.has("pollutant") or _table_of(q) != "" or len(q.text) > NEW_QUESTION_CHARS)


NTH_ITEM = re.compile(r"第([一二三四五六七八九十]|\d{1,2})(项|个|条|家|座|处)")
LISTED_ITEMS = re.compile(r"[，,、；;]")


def _nth_listed(question: str, history: list[dict]) -> str:
    """「第一项完成了多少？」 after an answer listing items (「会泽县有2项：以礼河…治理（滞后），铅锌…处置（…）」): the
    question with that item's name in place of 「第一项」."""
    said = NTH_ITEM.search(question)
    answer = next((str(m.get("content", "")) for m in reversed(history) if m.get("role") == "assistant"), "")
    items = _listed_items(answer) if said else []
    k = (int(said.group(1)) if said.group(1).isdigit() else CHINESE_NUMBERS[said.group(1)]) if said else 0
    return question.replace(said.group(0), items[k - 1], 1) if len(items) >= 2 and 0 < k <= len(items) else question


def _listed_items(answer: str) -> list[str]:
    """The items an answer lists: after its first 「：」 on that line (「A（…），B（…）」), else one per bullet or numbered
    line (「- 墨江县（…，表 序号3）农村黑臭水体治理：未启动」 → 墨江县农村黑臭水体治理)."""
    plain = answer
    while re.search(r"[（(][^（()）]*[）)]", plain):  # brackets first: 「莲花（Ⅳ类，目标Ⅲ类）」 is one item
        plain = re.sub(r"[（(][^（()）]*[）)]", "", plain)
    first = plain.split("\n", 1)[0]
    items = [i.strip(" 。.") for i in LISTED_ITEMS.split(first.split("：", 1)[1])] if "：" in first else []
    items = [i for i in items if len(i) >= 2]
    if len(items) >= 2:
        return items
    lines = [re.match(r"\s*(?:[-•·*]|\d{1,2}\s*[.．、])\s*(.+)", line) for line in plain.splitlines()]
    return [re.split(r"[：:]", m.group(1))[0].strip(" 。.") for m in lines if m and len(m.group(1)) >= 2]


def _last_user_question(history: list[dict]) -> str | None:
    for message in reversed(history):
        if message.get("role") == "user" and str(message.get("content", "")).strip():
            return str(message["content"])
    return None
