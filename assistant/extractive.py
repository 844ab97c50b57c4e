"""The extractive backend: answer with the best supporting sentences of the retrieved passages.

A sentence supports a question when it covers most of the question's distinctive terms
(weighted by how rare they are in the corpus); the answer is the best few such sentences,
not whole chunks. When none covers enough, or the question names a year the passage
does not, there is no answer and the assistant refuses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.slots import Question
from corpus.glossary import COUNTY_NOUNS, MEASURE_UNITS, PLACES_ASKED, POLLUTANTS, THIS_YEAR
from corpus.metadata import states_own_number
from corpus.text import normalize_text
from retrieval.tokenizing import ChineseTokenizer
from retrieval.types import Chunk, Hit

MIN_COVERAGE = 0.4
KEEP_WITHIN = 0.8  # keep sentences scoring at least this share of the best one
MAX_SENTENCES = 3
FOLLOW_CHARS = 160
LEAD_CHARS = 25
MAX_OPENINGS = 6  # how much of the passage after a chosen sentence comes along
CONTEXT_CREDIT = 0.5  # a term found only in the heading path says where, not what
# Words that shape a question but say nothing about its subject.
QUESTION_WORDS = frozenset(
    [
        "安排",
        "措施",
        "要求",
        "做法",
        "办法",
        "工作",
        "规定",
        "方面",
        "打算",
        "主要",
        "具体",
        "有关",
        "哪些",
        "什么",
        "怎么",
        "如何",
        "怎样",
        "多少",
        "是否",
        "需要",
        "进行",
        "采取",
        "开展",
        "提出",
        "提了",
        "提出了",
        "计划里",
        "里",
        "中",
        "期间",
        "目前",
        "现在",
        "到底",
        "分别",
        "一下",
        "为了",
        "为此",
        "实现",
        "通过",
        "要",
        "治好",
        "打算",
        "时候",
        "什么时候",
        "何时",
        "哪年",
        "多久",
        "多长",
        "多长时间",
        "长时间",
        "时间",
        "哪几个",
        "哪几",
        "哪类",
        "哪种",
        "哪个",
        "几个",
        "一次",
        "几次",
        "是",
        "有",
        # talk that names nothing (「大气这块准备搞什么」)
        "这块",
        "这一块",
        "这项",
        "那项",
        "这项工作",
        "那块",
        "准备",
        "搞",
        "咋",
        "啥",
        "几号",
        "之前",
        "以前",
        "上来",
        "县里",
        "市里",
        "区里",
        "要是",
        "如果",
        "假如",
        "万一",
        "硬性",
    ]
)
# the ranking words a sentence answers 「哪个县区…最多」 with, and a 区/县 it names (「沭阳县立案数量最多」)
RANKED = frozenset({"最多", "最少", "最高", "最低", "最大", "最小"})
NUMBER_TERMS = frozenset(("文号", "发文字号", "发文号", "文件编号"))  # a document's number asked
# words asking when (「哪天开始」「什么时候结束」), said by a sentence that gives a day or a month of a year
WHEN_TERMS = frozenset(
    {"哪天", "哪一天", "几号", "时候", "何时", "开始", "结束", "起止", "截止", "日期", "最迟", "最晚", "期限", "时限"}
)
WHEN_ASKS = frozenset({"哪天", "哪一天", "几号", "时候", "何时", "最迟", "最晚"})  # words that ask when
DATED = re.compile(
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|20\d\d\s*年\s*\d{1,2}\s*月|20\d\d\s*年\s*(年底|底|末|前)|\d{1,2}\s*月\s*(底|末|上旬|中旬|下旬)"
)  # 「10月15日」「2061年11月」「2017年底前」「9月底」
NAMED_COUNTY = re.compile(r"[\u4e00-\u9fff]{1,5}[县区](?![域级内])")
NOT_COUNTY = re.compile(r"(保护|示范|园|景|片|社|小|主城|老城|辖|市|全|本|该|各|库|矿|林|功能|风景|开发)[区县]$")
HOW_ASKED = re.compile(r"(会|要|将)?(怎么|如何|怎样)(处理|处置|办|弄|搞)")
SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


# The line of a measure that names who leads it: 「牵头单位：市自然资源局；责任单位：…」
# … or closes it in brackets: 「（市城市管理综合执法局牵头，市生态环境局…参加，蓬江区…政府落实）」「［市生态环境局牵头］」
LEAD_LINE = re.compile(
    r"(?:^|\n|。)\s*[（(]?((牵头单位|牵头部门|责任单位|责任部门)\s*[：:][^\n。]{1,120}。?)"
    r"|([（(][^（）()\n]{2,60}牵头[^（）()\n]{0,160}[）)]|[［【\[][^［］【】\[\]\n]{2,60}牵头[^［］【】\[\]\n]{0,160}[］】\]])"
)
NEXT_POINT = re.compile(r"\n\s*(\d+\s*[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)")


@dataclass(frozen=True)
class Support:
    sentence: str
    hit: Hit
    coverage: float
    lead: str = ""  # the measure's own 「牵头单位：…」 line, when the question asks who leads

    @property
    def text(self) -> str:
        return f"{self.sentence}{self.lead}"


# 「6—8月」「6月-8月」「6至8月」「6月至8月」: as a question's 6-8月
MONTH_SPAN = re.compile(r"(?<!\d)(\d{1,2})\s*月?\s*(?:[—–－~～\-]|至|到)\s*(\d{1,2})\s*月")


class SentenceSelector:
    """Scores sentences of hits against a question; built once with the corpus's term weights.

    >>> selector = SentenceSelector(len(chunks), tokenizer, bm25.document_frequency)  # doctest: +SKIP
    >>> [s.sentence for s in selector.run(understanding, hits)][:1]  # doctest: +SKIP
    ['一是强化施工扬尘管控。']
    """

    def __init__(self, chunk_count: int, tokenizer: ChineseTokenizer, document_frequency: Callable[[str], int]) -> None:
        """`chunk_count`: how many chunks there are; `document_frequency`: in how many a term occurs — the word index over
        the same chunks and tokenizer knows it (counting again cost a one-shot command 0.3 s)."""
        self.tokenizer = tokenizer
        self.document_frequency = document_frequency
        self.n = max(chunk_count, 1)

    def idf(self, term: str) -> float:
        count = self.document_frequency(term)
        return math.log(1 + self.n / count) if count else math.log(1 + self.n)

    def run(self, u: Question, hits: list[Hit], text: str | None = None) -> list[Support]:
        terms = self.query_terms(u, text)
        if not terms:
            return []
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values())
        candidates = []
        for rank, hit in enumerate(hits):
            context = set(self.tokenizer.run(f"{hit.chunk.title} {hit.chunk.context}"))
            for sentence in _sentences(hit.chunk.text):
                words = set(self.tokenizer.run(sentence))
                coverage = sum(w * self._credit(t, sentence, words, context) for t, w in weights.items()) / total
                if (
                    coverage >= MIN_COVERAGE
                    and self._years_fit(u, sentence, hit.chunk)
                    and (text is not None or _states_figure(u, sentence, hit.chunk))
                ):
                    lead = lead_line(hit.chunk.text, sentence) if "lead" in u.values("ask") else ""
                    candidates.append(Support(sentence.strip(), hit, coverage - 0.01 * rank, lead))
        if not candidates:
            return []
        if WHEN_ASKS & set(terms):  # 「最迟什么时候要整改完」: a sentence giving a date, before one that gives none
            candidates = [c for c in candidates if DATED.search(c.sentence)] or candidates
        candidates.sort(key=lambda s: -s.coverage)
        best = candidates[0].coverage
        numbered = NUMBER_TERMS & set(weights)  # (a sentence giving a document's number answers 「文号」 itself)
        if all(not (set(self.tokenizer.run(c.sentence)) & set(weights)) and not (numbered and states_own_number(c.sentence))
               for c in candidates[:MAX_SENTENCES]):  # fmt: skip
            # only headings match (「蓝天保卫战方面有哪些措施」): the passages under them answer,
            # each by its opening sentence
            openings = []
            for c in candidates:
                if c.coverage >= KEEP_WITHIN * best and all(
                    o.hit.chunk.chunk_id != c.hit.chunk.chunk_id for o in openings
                ):
                    first = _sentences(c.hit.chunk.text)[0].strip()
                    openings.append(Support(first, c.hit, c.coverage))
            return openings[:MAX_OPENINGS]
        chosen: list[Support] = []
        for support in candidates:
            if support.coverage < KEEP_WITHIN * best or len(chosen) == MAX_SENTENCES:
                break
            if all(support.sentence not in c.sentence and c.sentence not in support.sentence for c in chosen):
                chosen.append(support)
        return chosen

    def _credit(self, term: str, sentence: str, words: set[str], context: set[str]) -> float:
        if term in words or (term in RANKED and term in sentence):
            return 1.0
        if term in WHEN_TERMS and DATED.search(sentence):  # 「从哪天开始、哪天结束」: a sentence giving dates
            return 1.0
        if term in NUMBER_TERMS and states_own_number(sentence):  # 「…规划的文号」: a sentence giving 随政发〔2078〕9号
            return 1.0
        if term in COUNTY_NOUNS and _names_county(sentence):  # 「哪个县区…最多」: a sentence naming one
            return 1.0
        if term in context:
            return CONTEXT_CREDIT
        if len(term) > 1:
            # worded differently (「臭水沟」 for 黑臭水体, 「河长」 for 河（湖）长): credit shared characters
            shared = sum(1 for c in term if c in sentence)
            return CONTEXT_CREDIT * shared / len(term)
        return 0.0

    def query_terms(self, u: Question, text: str | None = None) -> list[str]:
        """The question's subject words: not its question words, regions or years (filters check those)."""
        if text is None:
            text = f"{u.context_text} {u.text}" if u.follow_up and u.context_text else u.text
        for name in u.document_names:  # (a name said in parts, 「海门市打赢污染防治攻坚战|工作计划」, part by part)
            for part in name.split("|"):
                text = text.replace(part, " ")
        text = HOW_ASKED.sub(" ", text)  # 「会怎么处理」 asks the measures; 处理 names none (not 污水处理)
        text = re.sub(r"报上[来去]", "报送", text)  # 「几号前要报上去」: as the plans write it
        text = THIS_YEAR.sub(" ", text)  # 「今年」 says when, as a year does (`_years_fit` reads years), not what
        if _month_range(u):  # 「下半年」: `_years_fit` checks it (a sentence's 「9月底前」 is in it)
            for said in {s.text for s in u.of("period")}:
                text = text.replace(said, " ")
        for said in {s.text for s in u.of("quarter")}:  # 「第三季度」 says when, once, not five terms (第三, 三季 …)
            text = re.sub(rf"第?{said}", " 季度 ", text)
        places = " ".join(normalize_text(r) for r in u.regions)
        tokens = self.tokenizer.run(text)
        # 「…河的黑臭？」 cut 黑 / 臭: two single characters the passages write as one word are that word
        pairs = zip(tokens, tokens[1:], strict=False)
        joined = [a + b for a, b in pairs if len(a) == len(b) == 1 and self.document_frequency(a + b)]
        terms = [
            t
            for t in [*tokens, *joined]
            if t not in QUESTION_WORDS and t not in places and not re.fullmatch(r"\d+|20\d\d年?", t)
        ]
        # 「哪个县区立案最多」: the sentence that says which one is the most
        terms += [s.text for s in u.of("rank") if s.text in RANKED and PLACES_ASKED.search(u.text)]
        # single characters (「区」「好」) say little, unless they are all there is
        longer = [t for t in terms if len(t) > 1]
        return list(dict.fromkeys(longer or terms))

    @staticmethod
    def _years_fit(u: Question, sentence: str, chunk: Chunk) -> bool:
        """A question about a year (or a plan period) is answered only by text about it, and a
        question asking 「多少辆」 only by a sentence that counts 辆."""
        where = normalize_text(f"{chunk.title} {chunk.section} {sentence}")
        where = MONTH_SPAN.sub(r"\1-\2月", where)
        if u.years and not (any(str(year) in where for year in u.years) or (u.plan_period and u.plan_period in where)):
            return False
        month_range = _month_range(u)
        said = "|".join([rf"(?<!\d){u.period}", *SPOKEN_PERIODS.get(u.period, ())])  # 「下半年」 is 7-12月
        unsaid = not re.search(r"月均|月平均|月度" if u.period == "月度" else said, where)
        # (「下半年…有什么要求」: a date due within those months is theirs; 「7-12月…完成情况」 asks their data)
        due = month_range and "requirement" in u.values("ask") and _month_within(u.period, sentence)
        if (u.monthly or month_range) and unsaid and not due:
            return False
        # (a question asking more than its counts, 「多少天？…有几家」, may be answered by a sentence giving either)
        asks = len(re.findall(r"多少|(?<![哪他那这的])几", u.text))
        counted = COUNTED_ASKED.search(u.text) if asks == len(COUNTED_ASKED.findall(u.text)) else None
        # (「多少个」 is any count: 「86项」「12座」 too; not 「多少个百分点」「几个月」)
        spans = counted and counted.group(2) == "个" and re.match(r"百分点|月|季度|年|小时", u.text[counted.end() :])
        counted = None if spans and "几" in counted.group(0) else counted  # 「连着几个季度都滞后」 counts no 个
        any_count = counted and counted.group(2) == "个" and not spans
        unit = COUNT_WORDS if any_count else counted.group(2) if counted else ""
        unit = CASE_WORDS if unit in CASE_WORDS.split("|") else unit  # 「多少起」 of a sentence's 「156件」
        if POSITION_ASKED.search(u.text) and not POSITION_SAID.search(sentence):
            return False  # 「在全省13个设区市里排第几」: only a sentence that gives a place in a ranking
        return not counted or bool(
            re.search(rf"[\d一二三四五六七八九十两百千]\s*(万|亿)?\s*(?:{unit})", normalize_text(sentence))
        )


POSITION_ASKED = re.compile(r"排(在|名)?第几|第几名|第几位|名次")
POSITION_SAID = re.compile(
    r"第\s*[\d一二三四五六七八九十]+\s*(名|位)|排(名|在)?(第|前|后|末|首)|名列|位列|位居|[居列](全省|全市|全国)?.{0,6}(第|首位|末位|前列|后列)"
)
# 「多少辆」「办了几宗」 (「多少处理能力」 counts no 处; 「哪几个」「其他几条」「…的几个县」 point at which)
COUNTED_ASKED = re.compile(rf"(?:多少|(?<![哪他那这的])几)\s*(万|亿)?\s*({MEASURE_UNITS}|件|起|次)(?<!处(?=[理置]))")
COUNT_WORDS = "个|项|家|座|条|处|所|批|宗|件"
CASE_WORDS = "件|起|宗"  # a case counted in any of them


def _names_county(sentence: str) -> bool:
    """Whether a sentence names a 县 or 区 (「沭阳县立案数量最多」), not a 保护区, 园区 or 城区."""
    return any(not NOT_COUNTY.search(m.group(0)) for m in NAMED_COUNTY.finditer(sentence))


def _month_range(u: Question) -> bool:
    """Whether the question asks months other than the half-year most reports are of (「下半年」「1-9月」), which a
    sentence must then say."""
    return bool(re.fullmatch(r"\d{1,2}-\d{1,2}月", u.period) and u.period != "1-6月")


def _month_within(period: str, sentence: str) -> bool:
    """Whether a sentence sets a date due in a span of months (「9月底前」「12月10日前」「12月上旬前」 of 「下半年」)."""
    first, last = (int(m) for m in re.findall(r"\d+", period))
    due = re.findall(r"(?<!\d)(\d{1,2})\s*月(?:底|末|上旬|中旬|下旬|\d{1,2}\s*日)\s*(?:之?前|以前)", sentence)
    return any(first <= int(m) <= last for m in due)


# 「…是多少」「有多少」「多少钱」: a figure asked (「多少个百分点」「多少辆」 too; 「多少项任务」 is the tables')
FIGURE_ASKED = re.compile(r"多少|几成|百分之几")
# what is no figure of an answer: a year, a date or month, a list's number 「（1）」「1、」, 「第3条」
NOT_A_FIGURE = re.compile(
    r"20\d\d\s*年|20\d\d(?=\s*[-—~至]\s*20\d\d)|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月|\d{1,2}\s*月(底|份|末)?|[（(]\s*\d+\s*[)）]"
    r"|(^|\s)\d+\s*[、.．]|第\s*\d+"
)


CHINESE_FIGURE = re.compile(
    r"百分之[一二三四五六七八九十百零两]+|[一二三四五六七八九十百千两]+\s*(?:个|项|家|座|条|台|处|公里|吨|亩|成|万)"
)


def _states_figure(u: Question, sentence: str, chunk: Chunk) -> bool:
    """A question asking a figure (「蓬江东湖站2022年NO2年均值是多少」「全市臭氧浓度是多少」) is answered only by a
    sentence stating one the question does not already give (「完成33的目标了吗」 names the 33), and, when it names
    pollutants, a sentence that names one of them: the criteria 「高于2022年年均值的为…」 state no figure."""
    if not FIGURE_ASKED.search(u.text) or u.reason:  # a figure and the measures: the sentences of measures too
        return True
    text = normalize_text(sentence).lower()
    where = normalize_text(f"{chunk.title} {chunk.section} {sentence}").lower()
    asked = set(re.findall(r"\d+(?:\.\d+)?", normalize_text(u.text)))
    figures = set(re.findall(r"(?<![a-z\d.])\d+(?:\.\d+)?", NOT_A_FIGURE.sub(" ", text))) - asked
    figures |= set(CHINESE_FIGURE.findall(text))  # 「建成三个国控站」「下降百分之十八」
    pollutants = [p.lower() for p in u.values("pollutant")]
    named = (
        not pollutants
        or any(p in where for p in pollutants)
        or any(alias in where for p in u.values("pollutant") for alias in POLLUTANTS.get(p, ()))
    )
    amount = AMOUNT_ASKED.search(u.text)  # 「投入多少亿」: a figure in 亿, not a document number 〔2018〕21号
    unit = amount.group(1).lstrip("万亿") or amount.group(1) if amount else ""
    in_unit = not amount or bool(re.search(rf"\d\s*[万亿]?\s*{re.escape(unit)}", text))  # 「2.12万吨」 is in 吨
    return bool(figures) and named and in_unit


# an amount asked in its unit: 「多少亿」「多少万元」「多少万吨」
AMOUNT_ASKED = re.compile(r"多少\s*(亿元|万元|元|亿|万吨|吨)")


# how running text says a span of months
SPOKEN_PERIODS = {"7-12月": ("下半年",), "1-3月": ("一季度",), "4-6月": ("二季度",), "7-9月": ("(?<!前)三季度",),
                  "10-12月": ("四季度",), "1-9月": ("前三季度",)}  # fmt: skip


def compose(supports: list[Support]) -> str:
    """「根据《标题》（章节）：句子。」 grouped by passage; a sentence that opens an
    enumeration (「一是…二是…」) brings the sentences after it, up to a short paragraph."""
    by_chunk: dict[str, list[Support]] = {}
    for support in supports:
        by_chunk.setdefault(support.hit.chunk.chunk_id, []).append(support)
    parts = []
    for group in by_chunk.values():
        chunk = group[0].hit.chunk
        section = (
            f"（{chunk.section}）" if chunk.section and chunk.section != chunk.title else ""
        )  # not the title twice
        sentences = _with_followers(chunk.text, [s.sentence for s in group])
        said = "".join(sentences)
        sentences += [s.lead for s in group if s.lead and s.lead.rstrip("。；;") not in said]
        parts.append(f"根据《{chunk.title}》{section}：" + "".join(_end(s) for s in sentences))
    return "\n".join(parts)


def _with_followers(text: str, chosen: list[str]) -> list[str]:
    """The chosen sentences in passage order, each followed by the next ones while short."""
    sentences = [s.strip() for s in _sentences(text)]
    keep: list[int] = []
    for sentence in chosen:
        if sentence not in sentences:
            continue
        start = sentences.index(sentence)
        if start > 0 and len(sentences[start - 1]) <= LEAD_CHARS:
            keep.append(start - 1)  # 「二是组织开展“绿岛”建设试点。」 leads the sentence after it
        length = 0
        for k in range(start, len(sentences)):
            if k > start and (length >= FOLLOW_CHARS or _is_new_point(sentences[k])):
                break
            length += len(sentences[k])
            keep.append(k)
    return [sentences[k] for k in sorted(set(keep))] or chosen


POINT_CHARS = 400  # a point with no next one after it ends within this many characters


def lead_line(text: str, sentence: str) -> str:
    """The 「牵头单位：…」 line of the point a sentence belongs to (after it, before the next point), or ""."""
    start = text.find(sentence)
    if start < 0 or re.search(r"牵头单位|牵头部门|责任单位|责任部门", sentence):
        return ""
    rest = text[start + len(sentence) :]
    following = NEXT_POINT.search(rest)
    line = LEAD_LINE.search(rest[: following.start()] if following else rest[:POINT_CHARS])
    return (line.group(1) or line.group(3)).strip() if line else ""


def _is_new_point(sentence: str) -> bool:
    """A numbered point (「4. 深度治理…」) starts a new subject; 「一是…」 continues one."""
    return bool(re.match(r"^\s*(\d+\s*[.．、]|第[一二三四五六七八九十]+|[（(][一二三四五六七八九十]+[）)])", sentence))


# 「2．农村清洁取暖改造。」: a numbered point's title (words only, no figure), which the sentence after it is about
POINT_TITLE = re.compile(r"^\s*(\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])[^，,；;\d%]{2,18}[。]$")


def _sentences(text: str) -> list[str]:
    """The passage's sentences; a point's title joined to the sentence it heads (not to the next point: 「1．加强
    监测。2．完善制度。」 are two points)."""
    found = SENTENCE.findall(text)
    sentences: list[str] = []
    for k, sentence in enumerate(found):
        title = k > 0 and POINT_TITLE.match(found[k - 1]) and not _is_new_point(sentence)
        if title and sentences and sentences[-1] == found[k - 1]:
            sentences[-1] += sentence
        else:
            sentences.append(sentence)
    return [s for s in sentences if len(s.strip()) >= 4]


def _end(sentence: str) -> str:
    return sentence if sentence.endswith(("。", "！", "？", "；", ";", "!", "?")) else sentence + "。"
