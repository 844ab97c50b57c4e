"""Run a `QueryPlan` over the pandas tables: one frame in, one result set out.

Filters, the words that pick rows, grouping, aggregation, ranking and comparison all work
on one frame; the facts and the cited rows are made from that same frame, so a figure can
only ever be printed beside the row it came from.

>>> executor = Executor(tables)  # doctest: +SKIP
>>> result = executor.run(QueryPlan("funds", filters=(Filter("rate", "lt", 60),), shape="list"))  # doctest: +SKIP
>>> sorted(set(result.frame["region"]))  # doctest: +SKIP
['开平市', '新会区', '蓬江区', …]
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from corpus.gazetteer import gazetteer, mentions, short_name
from corpus.glossary import VERDICT_OF_STATUS, water_class_rank
from corpus.text import abbreviates
from structured.build import StructuredTables
from structured.facts import Fact, RowRef, facts_of, group_facts, num, row_refs
from structured.funds import at_milestone
from structured.generic import stated_verdict
from structured.numbers import difference_unit, percent, unit_scale
from structured.plan import BASE_YEAR, TARGET_YEAR, Filter, QueryPlan
from structured.progress import quantity_for
from structured.rowmatch import MIN_COVERAGE, RowIndex
from structured.schema import MeasureSpec, TableSchema

logger = logging.getLogger(__name__)

# A row matching within this much of the best one is picked too (a list's rows, a task's namesakes).
MATCH_MARGIN = 0.1
# For a list (「哪些…」), a row must cover at least this share of the words that pick rows.
LIST_MATCH_FLOOR = 0.6
VERDICTS = ("met", "behind", "on_track")
# of rows matching within this much of the best, the one with the fields asked for is picked
ASKED_MARGIN = 0.05
ASKED_COLUMNS = {"milestone": "milestones", "lead": "lead_units", "deadline": "deadline_text", "points": "task_points",
                 "progress": "progress",
                 "attribute": "attribute", "current": "current_text", "target": "target_text"}  # fmt: skip
# columns computed for a plan, after the rows are picked: filters on them wait until then
DERIVED_LATER = ("quantity", "quantity_done", "year_value", "year_change", "years_same")
JUDGED_ROWS = 2  # a reading asked of this many rows or fewer is said against its target, with the gap
CONTEXT_ROWS = 3  # a ranking over this many rows or fewer prints them all beside the top ones
COMPARED_ROWS = 12  # … and over this many when the question names the places it compares


def context_rows(plan: QueryPlan) -> int:
    """How many rows a ranking may be chosen from for all of them to be printed (and cited) beside the top ones."""
    places = plan.filter_on("region")
    compared = places is not None and places.op == "in" and len(places.value) >= 2  # 「台山和恩平谁更高」: both
    return COMPARED_ROWS if compared else CONTEXT_ROWS


@dataclass
class ResultSet:
    """What a plan found. `frame`: the rows used (with derived columns); `groups`: one row per
    group with `_value` (and `_n`, the rows behind it) when the plan groups; `value`: a scalar
    aggregate; `scope`: the rows before ranking (for context such as 「同类任务的完成率」)."""

    plan: QueryPlan
    schema: TableSchema
    frame: pd.DataFrame
    groups: pd.DataFrame | None = None
    value: float | None = None
    total: float | None = None  # the plan's `total` measure summed beside a count
    scope: pd.DataFrame | None = None
    runner_up: pd.DataFrame | None = None  # of two groups ranked (「海丰和陆丰哪个高」), the one not on top
    whole: float | None = None  # of a share: the table's 合计 row's figure the rows are a part of
    whole_rows: int = 0  # … or the rows of every place it was added up from, where the table has no 合计 row
    own_whole: bool = False  # … or the one row's own figure in another column (「它环保投资占总投资多大比例」)
    part: float | None = None  # of a share: the rows' own figure
    parts: tuple[float, float] | None = None  # of a rate of several rows: its part and its whole, each summed
    counted: float | None = None  # of groups ranked by a count: the things counted in all of them (「共7项」)
    confidence: float = 1.0
    facts: list[Fact] = field(default_factory=list)
    rows: list[RowRef] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.frame.empty and (self.groups is None or self.groups.empty)


class Executor:
    """Runs plans over the tables of one data version."""

    def __init__(self, tables: StructuredTables, schemas: dict[str, TableSchema] | None = None) -> None:
        self.schemas = dict(schemas or tables.schemas())
        self.frames = {name: _derive(name, frame) for name, frame in tables.frames.items() if name in self.schemas}
        self.row_index = RowIndex(
            {name: (frame, self.schemas[name].match_columns) for name, frame in self.frames.items()}
        )

    def run(self, plan: QueryPlan) -> ResultSet:
        schema = self.schemas[plan.table]
        frame = self.frames[plan.table]
        if plan.milestone and "milestones" in frame:
            frame = _at_milestone(frame, plan.milestone)
        own = f"verdict_{_measure_column(plan, schema)}" if plan.measure else ""
        # a row status a sheet states picks its rows (「剩下的站里…」); one measure's own is read of given rows
        stated = schema.stated_verdict and any(f.field == "verdict" for f in plan.filters)
        if own in frame and not stated:  # 「PM2.5达到考核目标没有」 of a sheet with several targets: PM2.5's verdict
            frame = frame.assign(verdict=frame[own])
        later = [f for f in plan.filters if f.field in DERIVED_LATER or f.op == "latest"]  # (of the rows found)
        # (each 区县's whole is read of all its rows, before a condition leaves some of them)
        for condition in sorted(plan.filters, key=lambda f: f.op != "whole"):
            if condition not in later:
                frame = frame[_mask(frame, condition)]
        confidence = 1.0
        column = _measure_column(plan, schema)
        if plan.ranking and not plan.aggregate and not plan.order_by and column in frame and not plan.quantity_unit:
            # rows are ranked by a figure: a row without it (「海门…农村污水治理」, no 完成率) is no candidate
            frame = frame[pd.to_numeric(frame[column], errors="coerce").notna()]
        if plan.match:
            frame, confidence = self._match(frame, plan, schema)
        if plan.exclude:  # the rows saying it, with the rest of their task
            said = frame.loc[self._saying(frame, plan.table, plan.exclude)]
            key = schema.key if schema.key in frame else None
            frame = frame[~frame[key].isin(set(said[key]))] if key else frame.drop(index=said.index)
        if plan.quantity_unit:
            frame = _with_quantities(frame, plan)
        if plan.measure == "year_value" and plan.years:
            frame = frame.assign(year_value=[_value_in_year(r, plan.years[0]) for r in frame.itertuples()],
                                 year_unit=[_unit_in_year(r, plan.years[0]) for r in frame.itertuples()])  # fmt: skip
        if plan.measure == "year_change" or plan.filter_on("years_same") is not None:
            frame = _with_year_changes(frame, plan.years)
        for condition in later:
            frame = frame[_mask(frame, condition)]
        plan = _stated_measure(plan, schema, frame)
        if plan.reach and schema.measures.get(plan.measure) and schema.measures[plan.measure].ratio_of:
            frame, schema, plan = _to_reach(frame, schema, plan)
        if plan.short_of and schema.measures.get(plan.measure):
            frame, schema, plan = _short_of(frame, schema, plan)
        column = _measure_column(plan, schema)
        if plan.entity_conditions:
            frame = _entities_meeting(frame, plan)
        if plan.table == "tasks" and plan.shape in ("list", "count"):
            # a 督办清单 after a notice's task table lists some of its tasks again: each task once, as first listed
            key = ["doc_id", "year", "period", "region", "task", "sub_item"]
            first = frame.groupby(key, dropna=False, sort=False)["table"].transform("first")
            frame = frame[~(frame.duplicated(key) & (frame["table"] != first))]
        scope = frame
        result = ResultSet(plan, schema, frame, scope=scope, confidence=confidence)
        if plan.complement:
            return self._complement(result)
        if plan.aggregate:
            result = _aggregate(result, column)
        if plan.having is not None and result.groups is not None:
            result = _groups_within(result)
        if plan.ranking:
            result = _rank(result, column)
        result.facts = facts_of(plan.table, result.frame, schema, column)
        gap = schema.gap_measure(plan.measure)
        if gap is not None and len(result.frame) <= JUDGED_ROWS:  # the gap to target said beside the reading,
            result.facts += [  # as a distance (「比目标低1」 of a gap of -1)
                replace(f, note=f"与目标相差{num(abs(f.value))}") if isinstance(f.value, (int, float)) else f
                for f in facts_of(plan.table, result.frame, schema, gap.column)
            ]
        context = None
        if plan.ranking and not plan.aggregate and len(result.frame) < len(scope) <= context_rows(plan):
            # the few rows the top ones were chosen from are printed beside them: facts and citations too
            context = scope.drop(index=result.frame.index, errors="ignore")
            result.facts += facts_of(plan.table, context, schema, column)
        if result.groups is not None and plan.group_by:
            what = {"count": "计数", "sum": "合计", "mean": "平均", "ratio": "合计比率"}.get(plan.aggregate, "")
            result.facts += group_facts(plan.table, result.groups, plan.group_by, what, "", result.frame)
            if result.runner_up is not None:  # its total is printed beside the top one's
                result.facts += group_facts(plan.table, result.runner_up, plan.group_by, what, "", scope)
            if plan.aggregate == "sum" and len(result.groups):  # (a ratio's groups are no parts of one total)
                total = num(round(float(result.groups["_value"].sum()), 4))
                result.facts.append(Fact(plan.table, _only_region(result.frame), "合计", total, None, "", "", {}))
            if plan.aggregate == "count" and plan.ranking and len(result.groups):  # 「一共几项？哪个区县最多」: both
                key = plan.count_of or schema.key
                result.counted = float(scope[key].nunique()) if key in scope else float(len(scope))
                result.facts.append(Fact(plan.table, _only_region(scope), "计数合计", num(result.counted), None, "",
                                         "", {}))  # fmt: skip
        elif result.value is not None:
            region = _only_region(result.frame)
            result.facts.append(Fact(plan.table, region, plan.aggregate, num(result.value), None, "", "", {}))
            for label, total in _ratio_parts(result):  # the two sums a rate of several rows is read from
                result.facts.append(Fact(plan.table, region, f"{label}合计", num(total), None, "", "", {}))
        if plan.count_of_whole is not None and plan.aggregate == "count" and result.value is not None:
            whole = self.run(plan.with_(filters=plan.count_of_whole, count_of_whole=None, compare=""))
            result.part, result.whole = result.value, whole.value
            if result.whole and plan.compare == "share":
                item = f"占全部{num(result.whole)}的比例"
                result.facts.append(Fact(plan.table, _only_region(result.frame), item,
                                         num(percent(result.part, result.whole)), None, "%", "", {}))  # fmt: skip
        elif plan.compare == "share":
            result = self._share(result, column, schema.measures[plan.total].column if plan.total else column)
        if plan.compare == "rows" and result.value is None:
            _row_gap(result, column)
        if (
            plan.total and result.groups is None and plan.compare != "share"
        ):  # the measure counted, or a second one summed beside it
            totalled = schema.measures[plan.total].column if plan.total in schema.measures else None
            result.total = _distinct_total(result, totalled or _measure_column(plan, schema))
            if result.total is not None:
                result.facts.append(Fact(plan.table, _only_region(result.frame), "合计", num(result.total), None,
                                         "", "", {}))  # fmt: skip
        result.rows = row_refs(result.frame, targets=plan.measure == "target" or "target" in plan.asked)
        result.rows += row_refs(context) if context is not None else []
        return result

    def _share(self, result: ResultSet, column: str, whole_column: str) -> ResultSet:
        """The rows' figure as a share of the 合计 row of their table (「阳春市占了其中多大比例」), in `whole_column`
        (「中央资金占下达总额的比例」: the 合计 row's 下达合计): `value` in %, `whole` the 合计's figure; none when the rows
        are not of one table with one 合计 row."""
        parts = result.frame[~result.frame["total_row"].astype(bool)] if "total_row" in result.frame else result.frame
        frame = self.frames[result.plan.table]
        if parts.empty or column not in frame or parts["doc_id"].nunique() != 1:
            return result
        totals = frame[frame["total_row"].astype(bool) & (frame["doc_id"] == parts["doc_id"].iloc[0])]
        subtotal = totals.drop(columns=["total_row"]).astype(str).isin(["小计"]).any(axis=1)
        wholes = pd.to_numeric(totals.loc[~subtotal, whole_column], errors="coerce").dropna()
        part = pd.to_numeric(parts[column], errors="coerce").sum()
        if len(parts) == 1 and whole_column != column:  # 「它环保投资占总投资多大比例」: of its own 总投资
            wholes, result.own_whole = pd.to_numeric(parts[whole_column], errors="coerce").dropna(), True
        if (
            len(wholes) != 1
        ):  # 「晋江的入海排污口整治任务量占全市的比重」 of a table with no 合计: the same rows of every place
            wholes, result.whole_rows = self._every_place(result, whole_column)
        if len(wholes) != 1 or not wholes.iloc[0]:
            return result
        result.part, result.whole = round(float(part), 4), float(wholes.iloc[0])
        result.value = percent(result.part, result.whole)
        item = f"占合计{num(result.whole)}的比例"  # the 合计 is printed beside the share: the fact states both
        if plan_total := result.plan.total:  # (another column's 合计: its name said)
            of = "" if result.own_whole else "合计"
            item = f"占{result.schema.measures[plan_total].label}{of}{num(result.whole)}的比例"
        result.facts.append(Fact(result.plan.table, _only_region(parts), item, num(result.value), None, "%", "", {}))
        return result

    def _every_place(self, result: ResultSet, column: str) -> tuple[pd.Series, int]:
        """The figure of the rows a plan names by their words in one place, added up over every place that has such
        rows (and how many rows), when there are more of them than the place's own; else nothing."""
        plan = result.plan
        named = plan.match or any(f.field in result.schema.lexicon for f in plan.filters)  # (by words or a cell)
        if not named or plan.filter_on("region") is None:
            return pd.Series(dtype=float), 0
        wider = plan.with_(filters=tuple(f for f in plan.filters if f.field != "region"), compare="", shape="list",
                           match_all=True)  # fmt: skip
        every = self.run(wider).frame
        every = every[~every["total_row"].astype(bool)] if "total_row" in every else every
        figures = pd.to_numeric(every[column], errors="coerce").dropna() if column in every else pd.Series()
        if every["region"].nunique() < 2 or len(figures) <= len(result.frame):
            return pd.Series(dtype=float), 0
        return pd.Series([round(float(figures.sum()), 4)]), len(figures)

    def rows_saying(self, table: str, words: str, indexes) -> dict:
        """Coverage of each row by `words` (for wording a row's best sentence, and for tests)."""
        return self.row_index.coverage(words, table, indexes)

    def best_sentence(self, words: str, text: str) -> str:
        return self.row_index.best_sentence(words, text)

    # -- steps ------------------------------------------------------------------------------------

    def _match(self, frame: pd.DataFrame, plan: QueryPlan, schema: TableSchema) -> tuple[pd.DataFrame, float]:
        places = plan.filter_on("region")
        if not (places is not None and places.op == "in" and len(places.value) >= 2):
            places = plan.filter_on("doc_id")  # 「十三五规划和示范市方案的…」: each document's row
        if plan.compare == "rows" and not plan.match_all and places is not None and places.op == "in" \
                and len(places.value) >= 2:  # fmt: skip
            # 「台山跟开平比哪个低」: each place's best row, not the two best rows of one place
            found = [self._match(frame[frame[places.field] == p], plan.with_(compare=""), schema)
                     for p in places.value]  # fmt: skip
            found = [(rows, score) for rows, score in found if not rows.empty]
            if len(found) >= 2:
                return pd.concat([rows for rows, _ in found]), min(score for _, score in found)
        words = plan.match
        if plan.match_all:
            # a word no row of the table has (「标注」「判定」) says nothing about which rows are meant
            words = " ".join(w for w in words.split() if self.row_index.known(w, plan.table))
            if not words:
                return frame, 1.0
        alternatives = [a for a in words.split("|") if a.strip()]
        scores: dict = {}
        for alternative in alternatives:
            for index, score in self.row_index.coverage(alternative, plan.table, frame.index).items():
                scores[index] = max(scores.get(index, 0.0), score)
        if len(alternatives) > 1:
            return self._match_each(frame, plan, alternatives)
        if not scores:
            return frame.iloc[0:0], 0.0
        best = max(scores.values())
        if best < MIN_COVERAGE:
            return frame.iloc[0:0], best
        if plan.match_all:
            floor = max(LIST_MATCH_FLOOR, best - MATCH_MARGIN) if best >= LIST_MATCH_FLOOR else best - 0.02
            keep = [i for i, s in scores.items() if s >= floor]
        else:
            keep = [i for i, s in scores.items() if s >= best - 0.02]
        chosen = frame.loc[keep].assign(match_score=[scores[i] for i in keep])
        chosen = chosen.sort_values("match_score", ascending=False, kind="stable")
        if not plan.match_all and schema.key == "task_key":
            # the whole task: every sub-item of the best task; of tasks that match about as well,
            # the one that fills most of the fields asked for (「分值是多少？由哪个部门牵头？」)
            near = frame.loc[[i for i, s in scores.items() if s >= best - ASKED_MARGIN]]
            filled = {
                k: _fields_filled(near[near["task_key"] == k], plan.asked) for k in dict.fromkeys(near["task_key"])
            }
            best_key = max(filled, key=lambda k: (filled[k], max(scores[i] for i in near.index[near["task_key"] == k])))
            chosen = frame[frame["task_key"] == best_key].assign(match_score=best)
        return chosen, best

    def _saying(self, frame: pd.DataFrame, table: str, words: str) -> list:
        """The rows that say `words` about as well as the best one does (a clause 「除了…」 leaves out)."""
        scores = self.row_index.coverage(words, table, frame.index)
        best = max(scores.values(), default=0.0)
        if best < MIN_COVERAGE:
            return []
        return [i for i, score in scores.items() if score >= max(MIN_COVERAGE, best - MATCH_MARGIN)]

    def _match_each(self, frame: pd.DataFrame, plan: QueryPlan, alternatives: list[str]) -> tuple[pd.DataFrame, float]:
        """「化学需氧量、氨氮排放总量」: the best rows for each name, together; confidence the weakest."""
        chosen, confidences = [], []
        for alternative in alternatives:
            single, confidence = self._match(frame, plan.with_(match=alternative), self.schemas[plan.table])
            if not single.empty:
                chosen.append(single)
            confidences.append(confidence)
        if not chosen:
            return frame.iloc[0:0], max(confidences, default=0.0)
        joined = pd.concat(chosen)
        return joined[~joined.index.duplicated()], min(confidences)

    def _complement(self, result: ResultSet) -> ResultSet:
        """Groups of the plan's scope that have none of the matching rows."""
        plan = result.plan
        scope = self.frames[plan.table]
        for condition in plan.filters:
            # (a 合计 row is no group that lacks them)
            if condition.field in (plan.group_by, "doc_id", "table", result.schema.year_column, "year", "period",
                                   "total_row"):  # fmt: skip
                scope = scope[_mask(scope, condition)]
        having = set(result.frame[plan.group_by])
        missing = [g for g in dict.fromkeys(scope[plan.group_by]) if g not in having]
        result.groups = pd.DataFrame({plan.group_by: missing, "_value": [0] * len(missing), "_n": [0] * len(missing)})
        result.scope = scope
        result.facts = facts_of(plan.table, result.frame.drop_duplicates(plan.group_by))
        result.rows = row_refs(result.frame.drop_duplicates(plan.group_by))
        return result


# -- derived columns ---------------------------------------------------------------------------------


def _at_milestone(frame: pd.DataFrame, month: int) -> pd.DataFrame:
    """Fund rows judged against their target due in `month` (「9月底那个节点」), gap and verdict with it;
    rows with no target that month (another fund year's) are not the ones asked about, when some have one."""
    rows = [at_milestone(row, month) for row in frame.to_dict("records")]
    moved = pd.DataFrame(rows, index=frame.index, columns=frame.columns)
    dated = moved["target_deadline"].astype(str).str.match(rf"\d{{4}}-{month:02d}-")
    return _judged_funds(moved[dated] if dated.any() else moved)


def _judged_funds(frame: pd.DataFrame) -> pd.DataFrame:
    """A fund row's gap to its target and its verdict."""
    frame = frame.assign(gap=(frame["target"] - frame["rate"]).round(4))
    return frame.assign(verdict=[_fund_verdict(v) for v in frame["meets_target"]])


def _derive(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a plan may use that the stored table does not hold."""
    frame = frame.copy()
    frame["row_id"] = frame.index
    if "category" in frame:
        # what a row says, with the cells merged down from the rows above (a 一级指标, a 类别)
        labels = [c for c in ("category", "domain") if c in frame]
        joined = frame[labels].fillna("").astype(str).agg(" ".join, axis=1) if len(frame) else ""
        frame["cells"] = frame["row_text"] + " " + joined
    elif "row_text" in frame:
        frame["cells"] = frame["row_text"]  # what a row says: 「标★的」 is read there
    if name == "stations":
        frame["excess"] = (frame["value"] - frame["target"]).round(4)
        frame["verdict"] = ["met" if v <= t else "behind" for v, t in zip(frame["value"], frame["target"], strict=True)]
    elif name == "funds":
        frame = _judged_funds(frame)
    elif name == "tasks":
        frame["remaining"] = (frame["total"] - frame["done"]).round(4)
        frame["due_months"] = [_due_months(d, f"{t} {r}") for d, t, r in
                         zip(frame["deadline"], frame["deadline_text"], frame["requirement"], strict=True)]  # fmt: skip
        frame["verdict"] = [VERDICT_OF_STATUS.get(s, "") for s in frame["status"]]
        due = [_due_month(d, y) for d, y in zip(frame["deadline"], frame["year"], strict=True)]
        frame["due_ym"], frame["due_month"] = [d[0] for d in due], [d[1] for d in due]
        # a table titled 「…重点考核任务…」 that marks none of its rows: each of its rows is a 重点考核 task
        marked = set(frame.loc[frame["key_assessment"].astype(bool), "doc_id"])
        titled = frame["doc_title"].astype(str).str.contains("重点考核")
        frame["key_task"] = frame["key_assessment"].astype(bool) | (titled & ~frame["doc_id"].isin(marked))
    elif name == "indicators":
        # (a plan with no 现状值: from its base year's figure, 「2040年（基准年）95.1」 to 「2045年≥97」)
        reached = pd.to_numeric(frame["current_value"], errors="coerce").fillna(
            pd.to_numeric(frame["baseline_value"], errors="coerce")
        )
        frame["gap"] = (frame["target_value"] - reached).round(4)
        stated = [s or (c or "") for s, c in zip(frame["stated_status"], frame["computed_status"], strict=True)]
        frame["verdict"] = [stated_verdict(s) for s in stated]  # 达标/未达标, or a review's 「滞后」
        frame["years_stated"] = [_indicator_years(r) for r in frame.itertuples()]
        frame["target_years"] = [_target_years(r, stated) for r, stated in zip(frame.itertuples(), frame["years_stated"],
                                                                                strict=True)]  # fmt: skip
        # an indicator's sub-items share its 序号; in a table with no 序号 column each row is its own indicator
        own = frame["seq"].astype(str).where(frame["seq"].astype(str).str.strip() != "", frame["full_name"])
        frame["indicator_key"] = frame["doc_id"] + "|" + frame["table"] + "|" + own
    elif "verdict" not in frame:
        frame["verdict"] = ""
    return frame


def _due_months(deadline, text: str) -> str:
    """「2020-06 2020-09」: the months a task is due in, from its deadline and its wording."""
    months = {str(deadline)[:7]} if isinstance(deadline, str) and deadline else set()
    months |= {f"{y}-{int(m):02d}" for y, m in re.findall(r"(20\d\d)\s*(?:年|\.|-|/)\s*0?(\d{1,2})(?!\d)", text or "")}
    return " ".join(sorted(months))


def _due_month(deadline, year) -> tuple[float, float]:
    """A task's deadline as 204809, and as its month within the table's year (0 before it, 13 after it), so that
    「9月底之前到期的」 compares to one of them; nan with no dated deadline."""
    found = re.match(r"(20\d\d)-(\d\d)", deadline) if isinstance(deadline, str) else None
    if not found:
        return float("nan"), float("nan")
    due_year, month = int(found.group(1)), int(found.group(2))
    if not _is_number(year) or due_year == int(year):
        return due_year * 100 + month, month
    return due_year * 100 + month, (0 if due_year < int(year) else 13)


def _indicator_years(row) -> str:
    """「2015 2018 2020」: every year an indicator row states a value for, or names."""
    years = {row.year, row.target_year, row.current_year, row.baseline_year}
    if isinstance(row.values_by_year, str) and row.values_by_year:
        years |= {int(y) for y in json.loads(row.values_by_year)}
    years |= {int(y) for y in re.findall(r"(20\d\d)年", row.row_text or "")}
    return " ".join(str(int(y)) for y in sorted(y for y in years if _is_number(y)))


def _target_years(row, stated: str) -> str:
    """The years an indicator row states a target for: its years but the current and the base one
    (「2020年现状值」 is no 2020 target)."""
    now = {int(y) for y in (row.current_year, row.baseline_year) if _is_number(y)}
    now -= {int(row.target_year)} if _is_number(row.target_year) else set()  # 「2025年1-10月」 beside 「2025年目标」
    return " ".join(y for y in stated.split() if int(y) not in now)


def _row_gap(result: ResultSet, column: str) -> None:
    """「富民和中沙的PM10差多少」: the larger of two rows' figures less the smaller, as the result's value and a fact
    of their region (two stations of one 区 are that 区's); a task's sub-items repeating its rate count once."""
    frame = result.frame
    if not column or column not in frame:
        return
    numbers = pd.to_numeric(frame[column], errors="coerce")
    keys = frame["task_key"] if "task_key" in frame else pd.Series(frame.index, index=frame.index)
    pairs = {(k, float(v)) for k, v in zip(keys, numbers, strict=True) if v == v}
    if len(pairs) != 2:
        return
    high, low = sorted((v for _, v in pairs), reverse=True)
    result.value = round(high - low, 4)
    result.facts.append(Fact(result.plan.table, _only_region(frame), "差值", num(result.value), None, "", "", {},
                             note="由两行相减得出"))  # fmt: skip


def _only_region(frame: pd.DataFrame) -> str:
    regions = set(frame["region"]) if "region" in frame else set()
    return regions.pop() if len(regions) == 1 else ""


def _fund_verdict(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return "met" if bool(value) else "behind"


# -- filters ----------------------------------------------------------------------------------------


# 「、」-joined departments: a cell 「交通局」 names the 「海门市交通局」 asked; every other column contains its word as
# written (「未按进度推进」 is not in 「按进度推进」, nor a quotation in a shorter cell)
UNIT_FIELDS = ("lead_units", "responsible_units", "responsible")


def _mask(frame: pd.DataFrame, condition: Filter) -> pd.Series:
    """A boolean Series over the frame's rows (also for an empty frame, which would
    otherwise select columns instead of rows)."""
    if condition.field not in frame or frame.empty:
        return pd.Series(False, index=frame.index, dtype=bool)
    return _condition_mask(frame, condition).astype(bool)


def _condition_mask(frame: pd.DataFrame, condition: Filter) -> pd.Series:
    column = frame[condition.field]
    value = frame[condition.value] if condition.column else condition.value
    op = condition.op
    if op == "notnull":
        return column.notna() & (column.astype(str) != "")
    if op == "latest":
        years = _figures(column)
        return years == years.max()
    if op == "none":  # 「没有中央资金的项目」: a figure left empty or 0
        return column.isna() | column.astype(str).isin(("", "0", "0.0", "-", "—")) | (_figures(column) == 0)
    if op == "eq":
        return column == value
    if op == "ne":
        return column != value
    if op == "whole":  # each 区县's whole: its 小计 row, or its one row where it has no 小计
        if "region" not in frame or "total_row" not in frame:
            return column == value
        stated, regions = column == value, frame["region"].astype(str)
        alone = regions.map(regions[~frame["total_row"].astype(bool)].value_counts()).fillna(0) == 1
        return stated | (~regions.isin(set(regions[stated])) & alone & ~frame["total_row"].astype(bool))
    if op == "in":
        found = column.isin(list(value))
        if condition.field == "region":  # 「祥符区、杞县、兰考县」: a row of several places is each one's
            found |= column.astype(str).map(lambda cell: "、" in cell and any(p in cell.split("、") for p in value))
        return found
    if op in ("contains", "excludes"):
        words = [value] if isinstance(value, str) else list(value)
        if condition.field not in UNIT_FIELDS:
            found = column.astype(str).map(lambda cell: any(w in cell for w in words))
        else:
            regions = frame["region"].astype(str) if "region" in frame else pd.Series("", index=frame.index)
            found = pd.Series(
                [any(_names(cell, w) and _of_its_place(w, cell, r) for w in words) for cell, r in
                 zip(column.astype(str), regions, strict=True)], index=frame.index, dtype=bool)  # fmt: skip
        return ~found.astype(bool) if op == "excludes" else found
    numbers = _figures(column)
    bound = _figures(value) if condition.column else value
    compared = {"lt": numbers < bound, "le": numbers <= bound, "gt": numbers > bound, "ge": numbers >= bound}[op]
    return compared.fillna(False).astype(bool)


def _to_reach(frame: pd.DataFrame, schema: TableSchema, plan: QueryPlan):
    """「桐乡市级资金要达到75%，还得再支出多少」: for each row, its rate's whole × the rate asked − its part (下达 ×
    75% − 已支出), none below 0 — a derived measure of the rows, with the schema and plan that read it."""
    rate = schema.measures[plan.measure]
    part, whole = schema.ratio_parts(plan.measure)
    done, of = pd.to_numeric(frame[part.column], errors="coerce"), pd.to_numeric(frame[whole.column], errors="coerce")
    need = (of * plan.reach / 100 - done).clip(lower=0).round(2)
    group, _, tail = part.label.rpartition("·")
    tail = re.sub(r"(金额|资金|数额)$", "", tail)  # 「已支付资金」: 支付
    verb = (re.search(r"[\u4e00-\u9fff]{2}$", tail) or re.search(r".*", tail)).group(0)  # 「截至6月底已支出」: 支出
    label = f"{group + '·' if group else ''}{rate.label.rpartition('·')[2]}达到{plan.reach:g}%还需{verb}"
    spec = MeasureSpec(REACH, label, REACH, (label,), unit=part.unit, derived=True)
    schema = replace(schema, measures={**schema.measures, REACH: spec})
    return frame.assign(**{REACH: need}), schema, plan.with_(measure=REACH)


REACH = "reach_need"  # (not 「_…」: itertuples renames such columns)


def _short_of(frame: pd.DataFrame, schema: TableSchema, plan: QueryPlan):
    """「恭城县执行率离75%的序时进度差多少」: for each row, the rate said less its rate, in points (none below 0)."""
    rate = schema.measures[plan.measure]
    gap = (plan.short_of - pd.to_numeric(frame[rate.column], errors="coerce")).clip(lower=0).round(2)
    label = f"{rate.label.rpartition('·')[2]}距{plan.short_of:g}%还差"
    spec = MeasureSpec(SHORT_OF, label, SHORT_OF, (label,), unit="个百分点", derived=True)
    schema = replace(schema, measures={**schema.measures, SHORT_OF: spec})
    frame = frame.assign(**{SHORT_OF: gap})
    if plan.shape == "list":  # 「哪些县区离75%还差多少」: those below it
        frame = frame[frame[SHORT_OF] > 0]
    return frame, schema, plan.with_(measure=SHORT_OF)


SHORT_OF = "short_of_gap"


def _figures(column: pd.Series) -> pd.Series:
    """A column's figures to compare: its numbers, or the ranks of its water classes (「Ⅳ类」 → 4)."""
    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().any() or column.empty:
        return numbers
    return column.map(lambda cell: water_class_rank(cell) if isinstance(cell, str) else None).astype(float)


@lru_cache(maxsize=256)
def _leading_place(word: str) -> str:
    return next((name for name, start, _ in mentions(word) if start == 0), "")


def _of_its_place(word: str, cell: str, region: str) -> bool:
    """Whether a department named with its place (「浮梁县农业农村局」) can be a row's: the row is of that place
    (or of a 区县 under it), or its cell names it — not 海门's 「农业农村局」."""
    lead = _leading_place(word)
    if not lead:
        return True
    g = gazetteer()
    return lead in (region, g.parent_of(region)) or short_name(lead) in cell


def _names(cell: str, word: str) -> bool:
    """Whether a 「、」-joined cell of departments names `word` (「交通局」 in 「市交通局、各区镇」, 「海门市交通局」
    for a cell 「交通局」)."""
    return any(
        word in part or (len(part) >= 3 and part in word) or abbreviates(word, part) for part in cell.split("、")
    )


# -- quantities, conditions, aggregates, rankings ------------------------------------------------------


def _with_quantities(frame: pd.DataFrame, plan: QueryPlan) -> pd.DataFrame:
    """The figure in the plan's unit each row states for the plan's words: what is planned
    (「整治8家企业」, from the row's count or its requirement) and what is done (its progress)."""
    planned, done = [], []
    unit = plan.quantity_unit
    for row in frame.itertuples():
        # (「15400米」 of a row among others in 公里: 15.4公里)
        scale = 1.0 if row.measure_unit == unit else unit_scale(row.measure_unit, unit) if row.measure_unit else None
        counted = scale is not None
        planned.append(round(row.total * scale, 6) if counted and _is_number(row.total) else
                       quantity_for(plan.match, f"{row.content}\n{row.requirement}\n{row.task}", unit))  # fmt: skip
        done.append(round(row.done * scale, 6) if counted and _is_number(row.done)
                    else quantity_for(plan.match, row.progress or "", unit))  # fmt: skip
    frame = frame.assign(quantity=planned, quantity_done=done)
    column = "quantity_done" if "done" in plan.asked and not any(_is_number(v) for v in planned) else "quantity"
    frame = frame[frame[column].notna()]
    # one figure per region: its first matching row that states one
    return frame.drop_duplicates(plan.group_by or "region")


def _fields_filled(rows: pd.DataFrame, asked: tuple[str, ...]) -> int:
    columns = {ASKED_COLUMNS.get(a) for a in asked} - {None}
    return sum(1 for c in columns if c in rows and rows[c].map(lambda v: bool(v) and v == v).any())


def _value_in_year(row, year: int) -> float | None:
    """The number an indicator row states for `year` (its 2015 / 2018 / 2020 column, or the
    current or target value of that year)."""
    by_year = json.loads(row.values_by_year) if isinstance(row.values_by_year, str) and row.values_by_year else {}
    if str(year) in by_year:
        match = re.search(r"-?\d+(?:\.\d+)?", by_year[str(year)] or "")
        return float(match.group(0)) if match else None
    for value, stated in ((row.current_value, row.current_year), (row.target_value, row.target_year),
                          (row.baseline_value, row.baseline_year)):  # fmt: skip
        if _is_number(value) and _is_number(stated) and int(stated) == year:
            return float(value)
    return None


def _with_year_changes(frame: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    """Each indicator row's change from the first year asked to the last (`year_change`, the later value less the
    earlier; a percent's in 个百分点) and whether every year asked states the same number (`years_same`)."""
    values = [[_value_in_year(r, own_year(r, y)) for y in years] for r in frame.itertuples()]
    stated = [v if len(years) >= 2 and all(x is not None for x in v) else None for v in values]
    units = [_unit_in_year(r, years[-1]) if years else "" for r in frame.itertuples()]
    return frame.assign(
        year_change=[round(v[-1] - v[0], 6) if v else None for v in stated],
        years_same=[bool(v) and len(set(v)) == 1 for v in stated],
        year_unit=[difference_unit(u) for u in units],
    )


def own_year(row, year: int) -> int:
    """`year`, or for `TARGET_YEAR` (`BASE_YEAR`) the year an indicator row's target (current, else base value) is
    set for (0 if it states none)."""
    if year == TARGET_YEAR:
        return int(row.target_year) if _is_number(row.target_year) else 0
    if year == BASE_YEAR:
        stated = next((y for y in (row.current_year, row.baseline_year) if _is_number(y)), None)
        return int(stated) if stated is not None else 0
    return year


def _unit_in_year(row, year: int) -> str:
    """The unit of the figure an indicator row states for `year`: its own, unless the figure carries a footnote
    mark whose note names another (「9.96*」 under 「*为2015年排放总量，单位为万吨」 of a row in %)."""
    by_year = json.loads(row.values_by_year) if isinstance(row.values_by_year, str) and row.values_by_year else {}
    stated = by_year.get(str(year)) or ""
    marked = re.search(r"\d\s*([*＊※])\s*$", stated)
    other = re.search(r"单位(?:为|是|：|:)\s*([^，,。；;\s)）]+)", str(row.note or "")) if marked else None
    return other.group(1) if other else str(row.unit or "")


def _entities_meeting(frame: pd.DataFrame, plan: QueryPlan) -> pd.DataFrame:
    """Rows of the groups that have a row meeting every condition set (「既…又…」)."""
    group = plan.group_by or "region"
    groups = None
    kept = pd.Series(False, index=frame.index)
    for condition in plan.entity_conditions:
        mask = pd.Series(True, index=frame.index)
        for part in condition:
            mask &= _mask(frame, part)
        having = set(frame.loc[mask, group])
        groups = having if groups is None else groups & having
        kept |= mask
    return frame[kept & frame[group].isin(groups or set())]


def _distinct_total(result: ResultSet, column: str) -> float | None:
    """The sum of `column` over the counted things, each once (a task's points stand on each sub-item)."""
    counted = result.plan.count_of or result.schema.key
    if column not in result.frame:
        return None
    distinct = result.frame.drop_duplicates(counted) if counted in result.frame else result.frame
    values = pd.to_numeric(distinct[column], errors="coerce").dropna()
    spec = next((m for m in result.schema.measures.values() if m.column == column and m.unit_column), None)
    if spec is not None and spec.unit_column in distinct:
        units = set(distinct.loc[values.index, spec.unit_column].dropna().astype(str)) - {""}
        if len(units) > 1:
            return None  # 「个」 and 「公里」 of different tasks add up to nothing
    return round(float(values.sum()), 4) if len(values) else None


def _stated_measure(plan: QueryPlan, schema: TableSchema, frame: pd.DataFrame) -> QueryPlan:
    """The measure's stand-in (`fallback`) when none of the rows found states it but they state that one
    (「蓬江区2022年度各级资金一共多少钱」: 「资金805.33万元」, no 下达 amount)."""
    spec = schema.measures.get(plan.measure)
    other = schema.measures.get(spec.fallback) if spec and spec.fallback else None
    if other is None or frame.empty or spec.column not in frame or other.column not in frame:
        return plan
    if frame[spec.column].isna().all() and frame[other.column].notna().all():  # every row, or the sum is a part
        return plan.with_(measure=other.name)
    return plan


def _measure_column(plan: QueryPlan, schema: TableSchema) -> str:
    if plan.quantity_unit:
        return "quantity"
    spec = schema.measures.get(plan.measure or schema.default_measure)
    return spec.column if spec else ""


def _aggregate(result: ResultSet, column: str) -> ResultSet:
    plan, frame = result.plan, result.frame
    counted = plan.count_of or result.schema.key
    if plan.aggregate == "ratio":
        return _ratio(result)
    if plan.aggregate == "count":
        if plan.group_by:
            grouped = frame.groupby(plan.group_by, sort=False)[counted].nunique()
        else:
            result.value = float(frame[counted].nunique()) if counted in frame else float(len(frame))
            return result
    else:
        if not column:
            return result
        # each counted thing once: a task's points stand on each of its sub-items
        distinct = frame.drop_duplicates(counted) if counted in frame else frame
        values = pd.to_numeric(distinct[column], errors="coerce")
        distinct = distinct[values.notna()]
        result.frame = frame[frame[counted].isin(set(distinct[counted]))] if counted in frame else distinct
        if plan.group_by:
            series = pd.to_numeric(distinct[column], errors="coerce")
            grouped = series.groupby(distinct[plan.group_by], sort=False)
            grouped = grouped.sum() if plan.aggregate == "sum" else grouped.mean()
        else:
            series = pd.to_numeric(distinct[column], errors="coerce").dropna()
            result.value = float(series.sum() if plan.aggregate == "sum" else series.mean()) if len(series) else None
            return result
    sizes = frame.groupby(plan.group_by, sort=False)[counted].nunique() if counted in frame else None
    result.groups = pd.DataFrame({plan.group_by: grouped.index, "_value": grouped.values})
    result.groups["_n"] = [int(sizes.get(g, 0)) if sizes is not None else 0 for g in grouped.index]
    return result


def _ratio(result: ResultSet) -> ResultSet:
    """A rate of several rows together: their parts summed over their wholes summed (×100), per group or
    overall; `parts` keeps the two sums the rate is read from."""
    schema, plan = result.schema, result.plan
    part, whole = (spec.column for spec in schema.ratio_parts(plan.measure))
    digits = max(schema.measures[plan.measure].places, 2)  # as the document types its rates, at least 0.01
    counted = schema.key  # a generic table's rows, each once
    rows = result.frame.drop_duplicates(counted)
    sums = rows.assign(
        _part=pd.to_numeric(rows[part], errors="coerce"), _whole=pd.to_numeric(rows[whole], errors="coerce")
    )
    sums = sums[sums["_part"].notna() & sums["_whole"].notna()]
    result.frame = result.frame[result.frame[counted].isin(set(sums[counted]))]
    if plan.group_by:
        grouped = sums.groupby(plan.group_by, sort=False)[["_part", "_whole"]].sum()
        grouped = grouped[grouped["_whole"] != 0]
        result.groups = pd.DataFrame({plan.group_by: grouped.index,
                                      "_value": (100 * grouped["_part"] / grouped["_whole"]).round(digits),
                                      "_n": sums.groupby(plan.group_by, sort=False).size().reindex(grouped.index).values})  # fmt: skip
        return result
    total_part, total_whole = float(sums["_part"].sum()), float(sums["_whole"].sum())
    if total_whole:
        result.value = round(100 * total_part / total_whole, digits)
        result.parts = (round(total_part, 4), round(total_whole, 4))
    return result


def _ratio_parts(result: ResultSet) -> list[tuple[str, float]]:
    """(label, sum) of a rate's part and whole, when the rate is of several rows taken together."""
    if result.parts is None:
        return []
    part, whole = result.schema.ratio_parts(result.plan.measure)
    return [(part.label, result.parts[0]), (whole.label, result.parts[1])]


def _groups_within(result: ResultSet) -> ResultSet:
    """The groups whose aggregate keeps the plan's bound, and only their rows."""
    plan = result.plan
    assert plan.having is not None and result.groups is not None
    groups = result.groups[_mask(result.groups, plan.having)]
    result.groups = groups
    result.frame = result.frame[result.frame[plan.group_by].isin(set(groups[plan.group_by]))]
    return result


def _rank(result: ResultSet, column: str) -> ResultSet:
    """The top k (ties kept) of the groups, or of the rows by the measure."""
    ranking = result.plan.ranking
    assert ranking is not None
    descending = ranking.direction == "max"
    if result.groups is not None:
        if result.groups.empty:
            return result
        ordered = result.groups.sort_values("_value", ascending=not descending, kind="stable")
        if ranking.direction == "both":
            top = _both_ends(ordered, "_value")
        else:
            cut = _kth(ordered["_value"], ranking.k)
            top = _up_to(ordered, "_value", cut, descending, ranking.k if ranking.nth else 0)
        if len(ordered) == 2 and len(top) == 1 and not ranking.nth:
            result.runner_up = ordered.drop(index=top.index)
        result.groups = top
        result.frame = result.frame[result.frame[result.plan.group_by].isin(set(top[result.plan.group_by]))]
        return result
    column = result.plan.order_by or column
    if not column or column not in result.frame:
        return result
    frame = result.frame
    plan = result.plan
    values = _dates(frame[column], plan.order_end) if plan.order_by else pd.to_numeric(frame[column], errors="coerce")
    frame = frame[values.notna()]
    if frame.empty:
        result.frame = frame
        return result
    key = result.schema.key if result.schema.key in frame else "row_id"
    per_thing = frame.assign(rank_value=values[values.notna()]).drop_duplicates(key)
    ordered = per_thing.sort_values("rank_value", ascending=not descending, kind="stable")
    if ranking.direction == "both":
        chosen = _both_ends(ordered, "rank_value")
    else:
        cut = _kth(ordered["rank_value"], ranking.k)
        chosen = _up_to(ordered, "rank_value", cut, descending, ranking.k if ranking.nth else 0)
    result.frame = frame[frame[key].isin(set(chosen[key]))]
    result.frame = result.frame.assign(rank_value=values[result.frame.index]).sort_values(
        "rank_value", ascending=not descending, kind="stable"
    )
    return result


def _dates(cells: pd.Series, last: bool = False) -> pd.Series:
    """Date cells (「2053-06-09」「2053年6月9日」「2053.6.9」) as days, to be ordered; nan where no date. A cell of a
    span (「2057.11.02-2062.11.01」) by its first date, or by its `last`."""
    written = cells.astype(str).str.replace(r"\s", "", regex=True)
    found = written.str.extractall(r"(20\d\d)[年./-](\d{1,2})(?:[月./-](\d{1,2}))?")
    found = found.groupby(level=0).nth(-1 if last else 0).droplevel("match") if len(found) else found
    found = found.reindex(cells.index)
    stamps = pd.to_datetime({"year": found[0], "month": found[1], "day": found[2].fillna(1)}, errors="coerce")
    return (stamps - pd.Timestamp("2000-01-01")).dt.days.astype(float)


def _both_ends(ordered: pd.DataFrame, column: str) -> pd.DataFrame:
    """The highest and the lowest rows (ties kept) of 「最高和最低的」."""
    values = pd.to_numeric(ordered[column])
    return ordered[(values == values.max()) | (values == values.min())]


def _up_to(ordered: pd.DataFrame, column: str, cut, descending: bool, only: int = 0) -> pd.DataFrame:
    """The rows up to the k-th value `cut` (ties kept); or the rows placed `only`-th (「排第二」: with
    [90, 90, 80] none — the two 90s share the first place — and none beyond the last)."""
    values = pd.to_numeric(ordered[column])
    if only:
        return ordered[values.rank(ascending=not descending, method="min") == only]
    return ordered[values >= cut] if descending else ordered[values <= cut]


def _kth(values: pd.Series, k: int):
    """The k-th best value: everything level with it is kept too."""
    distinct = list(values)
    return distinct[min(k, len(distinct)) - 1]


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value))


__all__ = ["Executor", "Fact", "ResultSet", "RowRef", "VERDICTS"]
