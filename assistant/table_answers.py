"""Table answers, stage by stage: a question's plans are executed and worded — no index needed.

The first table the question's words point at that has rows for it answers; otherwise the
table whose rows its words match best, if well enough; a `Missing` says what none holds.
Confidence travels with the answer, so the assistant can let running text that covers the
question better answer instead.

>>> answerer = TableAnswerer(planner, executor)  # doctest: +SKIP
>>> answerer.run(understander.run("哪些区县PM10未达标？")).text.splitlines()[0]  # doctest: +SKIP
'据《…》，共5个区县PM10读数未达到考核目标的：蓬江区、江海区、新会区、开平市、鹤山市。'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.planner import Missing, Planner, Planning
from assistant.slots import Question
from assistant.wording import nothing_found, word
from structured.executor import Executor, ResultSet
from structured.plan import QueryPlan
from structured.progress import MEASURE_UNITS

if TYPE_CHECKING:  # langchain is imported only when an LLM is configured
    from assistant.llm_planner import LLMPlanner

# A row found by its words this well answers outright; below ROW_SURE, running text that covers
# the question better (by TEXT_MARGIN, or at all below ROW_CONFIDENT) answers instead.
ROW_CONFIDENT = 0.6
ROW_SURE = 0.8
TEXT_MARGIN = 0.15
ASKED_FIELD_BONUS = 0.15  # the row has the field asked for (a milestone, a lead unit …)
FIGURE_MARGIN = 0.05  # an indicator row this close to the best task row states a figure more plainly
ASKED_FIELDS = {"milestone": "milestones", "lead": "lead_units", "deadline": "deadline_text", "points": "task_points",
                "attribute": "attribute", "current": "current_text", "target": "target_text"}  # fmt: skip
SCOPING = ("region", "doc_id", "table", "year", "fund_year", "period", "pollutant", "station", "level", "years_stated")
UNIT_SPELLINGS = {"平方米": ("平方米", "m2", "㎡"), "立方米": ("立方米", "m3", "m³"), "公里": ("公里", "千米", "km")}


@dataclass
class TableAnswer:
    result: ResultSet
    text: str
    confidence: float
    mismatch: str = ""  # what the question asks that the rows do not give


class TableAnswerer:
    """`llm_planner` (optional) fills in a plan when the rules leave a question unanswered."""

    def __init__(self, planner: Planner, executor: Executor, llm_planner: LLMPlanner | None = None) -> None:
        self.planner = planner
        self.executor = executor
        self.llm_planner = llm_planner

    def run(self, q: Question) -> TableAnswer | Missing | None:
        planning = self.planner.run(q)
        answer = self._rule_answer(q, planning)
        final = isinstance(answer, Missing) and answer.final
        weak = answer is None or isinstance(answer, Missing) or answer.confidence < ROW_CONFIDENT
        if self.llm_planner is not None and weak and not final:
            rule_plan = next(iter(planning.plans or planning.fallbacks), None)
            if rule_plan is None or rule_plan.unconsumed:
                proposed = self.llm_planner.propose(q, rule_plan)
                result = self.executor.run(proposed) if proposed is not None else None
                if result is not None and not result.empty:
                    return TableAnswer(result, word(result), 1.0)
        return answer

    def _rule_answer(self, q: Question, planning: Planning) -> TableAnswer | Missing | None:
        for plan in planning.plans:
            result = self._execute(plan, q)
            if not result.empty:
                return self._answer(q, result)
            if plan.match and not result.frame.empty:
                continue
            if self._conditions_emptied(plan):
                return TableAnswer(result, nothing_found(result), 1.0)
        best: ResultSet | None = None
        for plan in planning.fallbacks:
            result = self._execute(plan, q)
            if result.empty:
                continue
            if planning.missing and result.confidence < ROW_CONFIDENT:
                continue  # the table the question names has no such rows; a loose match is no answer
            if best is None or _better(result, best):
                best = result
        if best is not None:
            return self._answer(q, best)
        return planning.missing

    def _execute(self, plan: QueryPlan, q: Question) -> ResultSet:
        result = self.executor.run(plan)
        if q.follow_up and q.context_words and result.confidence < ROW_CONFIDENT:
            # 「它的规模要达到多少？」: the rows of the question before, read with this one's words
            retry = self.executor.run(plan.with_(match=f"{q.context_words} {plan.match}".strip()))
            if retry.confidence > result.confidence or (result.empty and not retry.empty):
                return retry
        return result

    def _answer(self, q: Question, result: ResultSet) -> TableAnswer | Missing:
        plan = result.plan
        confidence = result.confidence if plan.match else 1.0
        if plan.match and _has_asked_field(plan.asked, result):
            confidence = min(1.0, confidence + ASKED_FIELD_BONUS)
        if (
            plan.table == "tasks"
            and plan.shape == "detail"
            and _asks_done(q, plan)
            and not any(result.frame["progress"])
        ):
            task = re.split(r"(?<=。)", result.frame["task"].iloc[0])[0].rstrip("。")
            return Missing(f"{task}的完成进展（文件只有计划要求）", final=True)
        text = word(result)
        answer = TableAnswer(result, text, confidence)
        counted = re.search(rf"多少\s*({MEASURE_UNITS})(?!百分点)", q.text)
        if plan.match and counted and not _states_unit(text, counted.group(1)):
            # 「多少辆」 but the rows state no such figure: only text that does may answer
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch = f"以「{counted.group(1)}」计的数值"
        return answer

    def _conditions_emptied(self, plan: QueryPlan) -> bool:
        """Whether the rows exist and only the plan's conditions (a status, a threshold) left none:
        then 「没有…」 is the answer, not a refusal."""
        kept = tuple(f for f in plan.filters if f.field in SCOPING)
        if len(kept) == len(plan.filters) or plan.match:
            return False
        return not self.executor.run(plan.with_(filters=kept, ranking=None, aggregate="", shape="list")).empty


def _better(result: ResultSet, best: ResultSet) -> bool:
    """Of rows found by their words in two tables: the better match; an indicator nearly as good
    as a task row when a figure is asked (it states it more plainly)."""
    figure = bool({"target", "current", "value", "attribute"} & set(result.plan.asked))
    if figure and result.plan.table == "indicators" and best.plan.table == "tasks":
        return result.confidence >= best.confidence - FIGURE_MARGIN
    if figure and best.plan.table == "indicators" and result.plan.table == "tasks":
        return result.confidence > best.confidence + FIGURE_MARGIN
    if result.confidence == best.confidence:
        return _has_asked_field(result.plan.asked, result) and not _has_asked_field(best.plan.asked, best)
    return result.confidence > best.confidence


def _has_asked_field(asked, result: ResultSet) -> bool:
    columns = {ASKED_FIELDS.get(a) for a in asked} - {None}
    frame = result.frame
    return any(c in frame and frame[c].map(lambda v: bool(v) and v == v).any() for c in columns)


def _asks_done(q: Question, plan: QueryPlan) -> bool:
    """「已经完成了多少」, not 「要完成多少」 (a plan's target) nor a milestone."""
    planned = "milestone" in plan.asked or re.search(r"[要需应][^，。？?]{0,4}?(?:完成|达到|实现|建成)|计划", q.text)
    return bool(
        ("progress" in plan.asked and not planned) or re.search(r"已经|已完成|截至|目前|至今|完成了|做完", q.text)
    )


def _states_unit(text: str, unit: str) -> bool:
    """Whether `text` gives a figure in `unit`: 「17.80m2」, 「4.68*：…单位为万吨」."""
    spellings = "|".join(re.escape(s) for s in UNIT_SPELLINGS.get(unit, (unit,)))
    return bool(re.search(rf"\d\s*({spellings})|单位(为|是|：|:)\s*({spellings})", text))
