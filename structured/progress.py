"""Reading progress text: sub-items 「（1）…（2）…」, status words, and the numbers stated.

The numbers a progress cell states are checked against each other: 「已新增45个自然村…
完成率13.7%」 with the requirement's 「新增328个自然村」 gives 45/328 = 13.7%. A stated rate
that differs from the one computed from its counts by more than half a tenth of a
percentage point is flagged, never silently trusted.

>>> head, items = split_items("按进度推进。\\n（1）已完成8个。\\n（2）已完成3个。")
>>> head, [n for n, _ in items]
('按进度推进。', [1, 2])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.glossary import (
    COLUMN_STATUS_LENGTH,
    COUNT_UNITS,
    KEY_ASSESSMENT_MARK,
    column_status,
    find_status_words,
    status_of,
    verdict_clause,
    worst_status,
)
from structured.numbers import NUMBER, normalize, percent

ITEM_MARK = re.compile(r"(?:^|(?<=[\n。；;：:]))\s*[（(]\s*(\d{1,2})\s*[）)]")
RATE_WORDS = r"完成率|执行率|支出率|完成进度|总投资进度|进度|工程量"
# A stated rate may differ from the computed one by rounding only.
RATE_TOLERANCE = 0.05
# Without a stated rate, a count is matched to a total only when their words agree this much.
STRONG_OVERLAP = 6


def split_items(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Split 「（1）…（2）…」 enumerations; the numbering must run 1, 2, 3 … to count."""
    marks = list(ITEM_MARK.finditer(text))
    sequential = []
    for m in marks:
        if int(m.group(1)) == len(sequential) + 1:
            sequential.append(m)
    if len(sequential) < 2:
        return text.strip(), []
    head = text[: sequential[0].start()].strip()
    items = []
    for k, m in enumerate(sequential):
        end = sequential[k + 1].start() if k + 1 < len(sequential) else len(text)
        items.append((k + 1, text[m.end() : end].strip()))
    return head, items


# 「已完成7家」「已完成安装4座」「已完成工程量45%」: how much is done, not the status 已完成
DONE_QUANTITY = re.compile(  # 「已完成100%」 is done
    rf"已?完成(?!全部)[^，。；,;\n\d]{{0,6}}(?:\d+(?:\.\d+)?\s*(?:{COUNT_UNITS})|(?!100(?:\.0+)?\s*[%％])\d+(?:\.\d+)?\s*[%％])"
)


@dataclass(frozen=True)
class StatusReading:
    raw: str  # the document's words, 「；」-joined when several
    status: str  # the enum
    key_assessment: bool


def read_status(text: str, inherited: StatusReading | None = None) -> StatusReading:
    """The stated status of a progress text: the status words it opens with (「按进度推进。…」);
    else the head's status it sits under; else status words standing as a clause of their own
    (「…NO2指标浓度为22微克/立方米，达到任务要求。」); an opening bare verdict (「基本完成。…」) counts as
    the status words do. Words inside a sentence (「已完成主体工程
    建设」) describe the work, never the status."""
    # the 【重点考核】 mark of a task's head (before its 「（1）…（2）…」) marks every sub-item
    key = KEY_ASSESSMENT_MARK in text or bool(inherited and inherited.key_assessment)
    opening = re.sub(r"^\s*(【[^】]*】)?\s*(（\d+）|\(\d+\))?\s*", "", text)
    words = find_status_words(opening)
    if words and words[0][0] == 0 and not DONE_QUANTITY.match(opening):
        return StatusReading(words[0][1], status_of(words[0][1]), key)
    first_clause = re.split(r"[，。；,;\n]", opening, maxsplit=1)[0].strip()
    if verdict_clause(first_clause) != "unknown":
        return StatusReading(first_clause, verdict_clause(first_clause), key)
    if inherited and inherited.raw:
        return StatusReading(inherited.raw, inherited.status, key)
    clauses = [c.strip() for c in re.split(r"[，。；,;\n]", text)]
    standing = list(dict.fromkeys(c for c in clauses if status_of(c) != "unknown"))
    if standing:
        return StatusReading("；".join(standing), worst_status([status_of(w) for w in standing]), key)
    return StatusReading("", "unknown", key)


def read_column_status(cell: str) -> StatusReading:
    """A 进度评价 column's cell: the documents' status words, or the short words such columns use
    (「滞后」「序时推进」「未开展」, `column_status`); unknown otherwise."""
    reading = read_status(cell)
    if reading.status != "unknown" or not cell.strip():
        return reading
    # (a short label the glossary does not know, 「待验收」, stays the document's words: the answer says it, unjudged;
    # a 「—」 says nothing)
    short = len(cell.strip()) <= COLUMN_STATUS_LENGTH and re.search(r"[\u4e00-\u9fff]", cell) is not None
    status = column_status(cell)
    return StatusReading(cell.strip(), status, reading.key_assessment) if status != "unknown" or short else reading


@dataclass(frozen=True)
class ProgressNumbers:
    """Counts and rates stated in one progress text, with the computed rate."""

    done: float | None = None
    total: float | None = None
    unit: str = ""
    rate_stated: float | None = None
    rate_computed: float | None = None
    check: str = ""  # why the stated rate is not trusted, if it is not

    @property
    def consistent(self) -> bool | None:
        if self.rate_stated is None or self.rate_computed is None:
            return None
        return abs(self.rate_stated - self.rate_computed) <= RATE_TOLERANCE


_QUANTITY = re.compile(rf"({NUMBER})\s*({COUNT_UNITS})")
_TOTAL_THEN_DONE = re.compile(
    rf"({NUMBER})\s*({COUNT_UNITS})(?P<noun>[^,，。;；]{{0,30}}?)(?:已完成\w{{0,4}}?)?({NUMBER})\s*\2\s*(?:已|已经)?完成"
)
_TOTAL_THEN_DONE_AFTER = re.compile(
    rf"({NUMBER})\s*({COUNT_UNITS})(?P<noun>[^,，。;；]{{0,30}}?)已完成\w{{0,4}}?({NUMBER})\s*\2"
)
# (also 「完成56%」 and 「占计划的60%」: the share done, said without a rate's word)
_RATE = re.compile(
    rf"(?:{RATE_WORDS}|(?<![未没])完成(?=\s*(?:约)?\s*\d)|占(?:年度)?(?:计划|任务|目标)量?的?)"
    rf"\s*(?:为|达|达到|已达到)?\s*(?:约)?\s*({NUMBER})\s*[%％]"
)
# a clause with one count, then 「已整治142个」「累计完成评估52家」 in the same unit
_TOTAL_CLAUSE_THEN_DONE = re.compile(
    rf"(?:^|[，,。；;])[^，,。;；\d]{{0,10}}(?P<total>{NUMBER})\s*(?P<unit>{COUNT_UNITS})[^，,。;；\d]{{0,8}}[，,]\s*"
    rf"(?:已经?|累计)(?:完成|整治|淘汰|改造|建成|消除|治理|关停|拆除|安装|清理|修复)[^，,。;；\d]{{0,6}}?(?P<done>{NUMBER})\s*(?P=unit)"
)
_OWN_RATE = re.compile(rf"^[，,]\s*[^，,。;；\d]{{1,6}}率\s*(?:为|达|达到)?\s*({NUMBER})\s*[%％]")
_INVEST_TOTAL = re.compile(rf"总投资\s*(?:约)?\s*({NUMBER})\s*万元")
_INVEST_DONE = re.compile(rf"(?:累计)?完成投资\s*(?:约)?\s*({NUMBER})\s*万元")


def _plain(text: str) -> str:
    """A text as read for counts: `normalize`d, and 「1.26万户」 as 「12600户」 (万吨 and 万元 stay as written)."""
    return _WAN.sub(lambda m: f"{round(float(m.group(1)) * 10000):d}", normalize(text))


_WAN = re.compile(rf"({NUMBER})\s*万(?=\s*(?:户|个|家|辆|台|座|处|条|项))")  # things counted (not 万吨, 万元)


def read_numbers(progress: str, context: list[str]) -> ProgressNumbers:
    """Find done/total behind a rate that a progress text states.

    Counts are read where the text states a rate (「完成率13.7%」): then they are a check on
    it. Bare counts are paired with a total only when their words match it (see
    `_count_without_rate`); several (「已关停4家，已完成方案编制31家」) are left to the quoted
    text, as a rate computed from some of them would mislead. `context` holds
    the texts that state the task's totals, most specific first (the sub-item's own
    assessment content, its requirement, the whole task).
    """
    text = _plain(progress)
    rates = [m.group(1) for m in _stated_rates(text)]
    if not rates:
        return _stated_pair(text) or _count_without_rate(text, context)
    rate_stated = float(rates[0])
    invest_total, invest_done = _INVEST_TOTAL.search(text), _INVEST_DONE.search(text)
    if invest_total and invest_done:
        return with_rate(float(invest_done.group(1)), float(invest_total.group(1)), "万元", rate_stated)
    clause = _clause_before_rate(text)
    pair = _TOTAL_THEN_DONE.search(clause) or _TOTAL_THEN_DONE_AFTER.search(clause)
    if pair:
        return with_rate(float(pair.group(4)), float(pair.group(1)), pair.group(2), rate_stated)
    quantities = [q for q in _QUANTITY.finditer(clause) if not _is_part_of_range(clause, q)]
    if not quantities:
        return ProgressNumbers(rate_stated=rate_stated)
    # the counts said done (「已完成4个镇，…等7个镇尚在招标」: 4, not the last count), else every count
    said_done = [q for q in quantities if re.search(r"(已|完成|建成)[^，,。；;]{0,4}$", clause[: q.start()])]
    readings = []
    for done_match in reversed(said_done or quantities):
        done, unit = float(done_match.group(1)), done_match.group(2)
        noun, summed = _noun_around(clause, done_match), "共" in clause
        totals = [t for t in (_find_total(noun, unit, [source], summed) for source in context) if t is not None]
        # the sub-item's own total first; but a rate of the whole task (「已建成14公里，完成率40%」 of
        # 35公里, under the half-year milestone of 17.5公里) is the document's rate, not an error
        readings += [with_rate(done, total, unit, rate_stated) for total in dict.fromkeys(totals)]
    if not readings:  # 「已完成1.9万户」 naming no work: the one count done of the only total in its unit
        one = _the_one_count_done(clause, context)
        readings = [with_rate(one.done, one.total, one.unit, rate_stated)] if one.total else []
    return next(
        (r for r in readings if r.consistent), readings[0] if readings else ProgressNumbers(rate_stated=rate_stated)
    )


def _stated_pair(text: str) -> ProgressNumbers | None:
    """「年度任务45个行政村，已完成38个」「排污口186个，已整治142个，整治率76.3%」: a clause stating one count,
    the next saying how many of them are done (已/累计 + a verb, the same unit). A rate of its own words
    (「整治率76.3%」) is the stated rate, checked against the two counts; None when no clause pair says so."""
    pair = _TOTAL_CLAUSE_THEN_DONE.search(text)
    if not pair or float(pair.group("done")) > float(pair.group("total")):
        return None
    done, total = float(pair.group("done")), float(pair.group("total"))
    own = _OWN_RATE.search(text[pair.end() :])  # a stated rate the counts do not make is flagged, as `_RATE`'s are
    return with_rate(done, total, pair.group("unit"), float(own.group(1)) if own else None)


def _count_without_rate(text: str, context: list[str]) -> ProgressNumbers:
    """「新增10个自然村完成生活污水治理」 against 「新增67个自然村完成生活污水治理」: the same
    words around both counts make them done and total. Only one count of the text may match
    so (「10个纳入省民生实事示范自然村」 does not); else the one count said done with the task's
    own verb (`_the_one_count_done`); anything looser is left alone."""
    pairs = []
    for q in _QUANTITY.finditer(text):
        if _is_part_of_range(text, q):
            continue
        total = _find_total(_noun_around(text, q), q.group(2), context[-1:], summed=False, min_overlap=STRONG_OVERLAP)
        if total is not None:
            pairs.append((float(q.group(1)), total, q.group(2)))
    if len(pairs) != 1 or pairs[0][1] < pairs[0][0]:
        return _the_one_count_done(text, context)
    done, total, unit = pairs[0]
    return with_rate(done, total, unit, None)


def _the_one_count_done(text: str, context: list[str]) -> ProgressNumbers:
    """「正在推进，已安装246家」 of 「推动300家餐饮单位安装油烟在线监控设施」: the only count said done, in the
    unit of the only total that a text naming the same work states in that unit (the task first, then its
    requirement: 「已联网19家」 of 「32家化工企业…安装并…联网」 under the task 「…在线监控联网」)."""
    texts = [_plain(t) for t in (context[-1:] + context[:-1])]
    said = []
    for q in _QUANTITY.finditer(text):
        verb = re.search(r"已([^，,。；;\d]{2,4})$", text[: q.start()])
        # the work the task names (安装 of 「推动…安装」), not another step (「已摸排246家」)
        pairs = [verb.group(1)[k : k + 2] for k in range(len(verb.group(1)) - 1)] if verb else []
        if pairs and not _is_part_of_range(text, q) and any(p in t for t in texts for p in pairs):
            said.append((q, pairs))
    if len(said) != 1:
        return ProgressNumbers()
    ((found, pairs),) = said
    done, unit = float(found.group(1)), found.group(2)
    for source in (t for t in texts if any(p in t for p in pairs)):
        totals = {
            float(q.group(1))
            for q in _QUANTITY.finditer(source)
            if q.group(2) == unit and not _is_part_of_range(source, q)
        }
        if totals:  # the first text of the same work stating a count in that unit decides
            return (
                with_rate(done, totals.pop(), unit, None)
                if len(totals) == 1 and min(totals) >= done
                else ProgressNumbers()
            )
    return ProgressNumbers()


def quantity_for(question: str, text: str, unit: str) -> float | None:
    """The figure in `unit` that `text` states for what `question` names, or None.

    A count names what it counts after it (「完成8家县级挥发性有机物重点监管企业和43家新增…企业」),
    a rate before it (「治理率（自然村覆盖率）达到70%」). Words every candidate shares tell
    nothing apart, so candidates are compared on their own words first.
    """
    candidates = []
    for part in re.split(r"[。；;\n]", _plain(text)):
        for q in re.finditer(rf"({NUMBER})\s*({re.escape(unit)})", part):
            if _is_part_of_range(part, q):
                continue
            if unit == "%":
                words = re.split(r"[，,、]", part[: q.start()])[-1]
            else:
                words = re.split(r"[，,、和及与\d]", part[q.end() :])[0][:12]
            candidates.append((float(q.group(1)), {c for c in words if c.strip() and not c.isdigit()}))
    if not candidates:
        return None
    common = set.intersection(*(w for _, w in candidates)) if len(candidates) > 1 else set()
    asked = set(question)
    scored = [(len((w - common) & asked), len(w & asked), value) for value, w in candidates]
    own, shared, value = max(scored, key=lambda s: (s[0], s[1]))
    return value if shared >= 2 else None


def with_rate(done: float, total: float, unit: str, rate_stated: float | None) -> ProgressNumbers:
    """Done and total with the rate they make, checked against the rate the document states."""
    computed = percent(done, total) if total else None
    numbers = ProgressNumbers(done, total, unit, rate_stated, computed)
    if numbers.consistent is False:
        check = f"文件写{_fmt(rate_stated)}%，按{_fmt(done)}/{_fmt(total)}{unit}计算为{computed:.1f}%"
        return ProgressNumbers(done, total, unit, rate_stated, computed, check)
    return numbers


def _stated_rates(text: str):
    """The rates a progress text states, in order; not a bare 「完成60%」 its clause sets as the aim (「按要求6月底前需
    完成60%」「计划年底完成80%」)."""
    for m in _RATE.finditer(text):
        clause = re.split(r"[，,。；;]", text[: m.start()])[-1]
        if (
            m.group(0).startswith("完成")
            and not m.group(0).startswith(("完成率", "完成进度"))
            and PLANNED.search(clause)
        ):
            continue
        yield m


# a clause setting an aim before its 完成 (「需」「应」「要」「计划」「力争」「确保」; not 主要 / 重要 / 应急 / 需求)
PLANNED = re.compile(r"(?:(?<![主重必])要(?!求)|需(?!求)|应(?![急用对])|计划|力争|确保|要求)[^，,。；;]{0,10}$")


def _clause_before_rate(text: str) -> str:
    """The sentence part that states what was done, up to the first rate."""
    rate = next(_stated_rates(text), None)
    head = text[: rate.start()] if rate else text
    sentences = re.split(r"[。；;]", head)
    return next((s for s in reversed(sentences) if _QUANTITY.search(s)), "")


def _is_part_of_range(text: str, match: re.Match[str]) -> bool:
    # 「10-35蒸吨」: the 35 is a size class, not a count
    return match.start() > 0 and text[match.start() - 1] in "-~～"


def _noun_around(text: str, match: re.Match[str]) -> str:
    before = re.split(r"[，,、。；;\n]", text[: match.start()])[-1]
    after = re.split(r"[，,、。；;\n]", text[match.end() :])[0]
    return re.sub(r"(截至\d+月底|已|已经|新增|完成|共)", "", before + after)


def _find_total(noun: str, unit: str, context: list[str], summed: bool, min_overlap: int = 2) -> float | None:
    """The quantity with the same unit whose words best match `noun`, from the first
    context that has one (so a sub-item's own requirement wins over the whole task's)."""
    for source in context:
        best, best_overlap = None, min_overlap - 1
        for part in re.split(r"[。；;\n]", _plain(source)):
            same_unit = [q for q in _QUANTITY.finditer(part) if q.group(2) == unit and not _is_part_of_range(part, q)]
            if not same_unit:
                continue
            if summed:  # 「…共完成26公里」 against 「检测74公里、…检测21公里」
                candidates = [(sum(float(q.group(1)) for q in same_unit), _overlap(noun, part))]
            else:
                candidates = [(float(q.group(1)), _overlap(noun, _noun_around(part, q))) for q in same_unit]
            for value, overlap in candidates:
                if overlap > best_overlap:
                    best, best_overlap = value, overlap
        if best is not None:
            return best
    return None


def _overlap(a: str, b: str) -> int:
    """Characters of `a` that also occur in `b` (cheap word overlap for Chinese)."""
    letters = {c for c in b if c.strip() and not c.isdigit()}
    return sum(1 for c in set(a) if c in letters)


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
