"""Answers computed from the tables: every figure is read or computed here, from a row.

Each intent below says when it applies and builds a short Chinese answer with the facts
and rows it used. An intent that applies but finds no row returns `NoData`, so the
assistant refuses instead of guessing.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

import pandas as pd

from assistant.rowmatch import RowIndex
from assistant.understanding import Understanding
from corpus.glossary import STATUS_LABELS
from structured import Fact, QueryResult, RowRef, TableQueries
from structured.progress import COUNT_UNITS, MEASURE_UNITS, quantity_for
from structured.queries import BEHIND

logger = logging.getLogger(__name__)

MAX_LISTED = 40
ROW_CONFIDENT = 0.6  # a row covering this share of a question's words answers it outright
ROWS_SAYING = 0.9  # 「哪些…」 lists the rows that cover this share of the question's words
ASKED_FIELD_BONUS = 0.15  # the row has the field asked for (a milestone, a lead unit …)
ASKED_FIELDS = {
    "milestone": "milestones", "lead": "lead_units", "deadline": "deadline_text", "points": "task_points",
    "attribute": "attribute", "current": "current_text", "target": "target_text",
}  # fmt: skip
# what a question must ask for to be answered from one table row
ROW_ASKS = {
    "target",
    "current",
    "lead",
    "deadline",
    "points",
    "rate",
    "progress",
    "amount",
    "attribute",
    "milestone",
    "value",
}


@dataclass
class StructuredReply:
    text: str
    facts: list[Fact]
    rows: list[RowRef]
    intent: str
    confidence: float = 1.0  # below 1 for a row found by its words, which running text may beat
    mismatch: str = ""  # what the question asks that the row does not give


@dataclass
class NoData:
    """A table question whose rows do not exist (another region, another year).

    `final` when the question named the table's own things (a station): no other table
    then answers it.
    """

    what: str
    intent: str
    final: bool = False


class StructuredAnswerer:
    """Maps an understood question to table queries and words the result."""

    def __init__(self, queries: TableQueries, parent_regions: dict[str, set[str]]) -> None:
        """`parent_regions`: a region whose documents' rows name its 区县 (江门市) → those documents."""
        self.queries = queries
        self.parent_regions = parent_regions
        self.frames = queries.frames
        self.row_index = RowIndex(self.frames)
        stations = self.frames["stations"]
        self.station_regions = set(stations["region"])
        self.station_pollutants = set(stations["pollutant"])
        self.fund_regions = set(self.frames["funds"]["region"])
        self.periods = sorted({p for name in ("tasks", "stations") for p in self.frames[name]["period"] if p})
        self.task_regions = set(self.frames["tasks"]["region"])
        self.lead_units = _unit_names(self.frames["tasks"]["lead_units"])
        # departments named anywhere: lead or responsible units of tasks, responsible units of indicators
        self.units = _unit_names(
            pd.concat(
                [
                    self.frames["tasks"]["lead_units"],
                    self.frames["tasks"]["responsible_units"],
                    self.frames["indicators"]["responsible"],
                ]
            )
        )

    def answer(self, u: Understanding) -> StructuredReply | NoData | None:
        """The first intent that answers; a `NoData` only if no later intent answers either."""
        if u.monthly or self._period_missing(u):
            # the tables hold annual and half-year figures; a month's or another half-year's may only be in text
            return NoData(f"{u.period}的数据（表格只有{'、'.join(self.periods)}的数值）", "period")
        if re.search(r"实际得|得了多少分|扣了多少分|扣分|考核得分|最终得分|实得", u.text):
            return NoData("考核实际得分（表格只有各任务的分值，没有评出的得分）", "points", final=True)
        missing: NoData | None = None
        for intent in (
            self._stations,
            self._funds,
            self._points,
            self._indicator_count,
            self._indicator_status,
            self._task_rank,
            self._task_status,
            self._by_deadline,
            self._task_count,
            self._by_unit,
            self._regions_without,
            self._row_quantities,
            self._quoted_rows,
            self._rows_saying,
            self._row_lookup,
        ):
            result = intent(u)
            if isinstance(result, StructuredReply):
                if missing is not None and result.confidence < ROW_CONFIDENT:
                    break  # the question is about a table that has no such row; a loose match is no answer
                logger.info("structured intent %s: %s", intent.__name__, u.explain())
                return result
            if isinstance(result, NoData):
                if result.final:
                    return result
                missing = missing or result
        return missing

    def _period_missing(self, u: Understanding) -> bool:
        """「7-12月」 asked of tables that report only 「1-6月」."""
        return bool(re.fullmatch(r"\d{1,2}-\d{1,2}月", u.period)) and u.period not in self.periods

    # -- regions -----------------------------------------------------------------------------

    def _region_filter(self, u: Understanding, available: set[str]) -> tuple[list[str] | None, bool]:
        """(regions to filter on or None for all, whether the asked regions have no rows)."""
        asked = [r for r in u.regions if r not in self.parent_regions or r in available]
        if not asked:
            return None, False
        present = [r for r in asked if r in available]
        return (present or None), not present

    # -- stations ---------------------------------------------------------------------------------

    def _stations(self, u: Understanding) -> StructuredReply | NoData | None:
        pollutants = [p for p in u.pollutants if p in self.station_pollutants]
        reading_words = u.station_words or "浓度" in u.text or u.behind or u.met or u.rank or u.count
        station_region = bool(set(u.regions) & self.station_regions)
        applies = not u.fund and (
            u.stations or (pollutants and (reading_words or station_region)) or (u.station_words and "空气" in u.text)
        )
        if not applies or (u.doc_ids and not set(u.doc_ids) & set(self.frames["stations"]["doc_id"])):
            return None
        if u.pollutants and not pollutants:
            return NoData(f"{'、'.join(u.pollutants)}的站点读数", "stations")
        regions, missing = self._region_filter(u, self.station_regions)
        if missing:
            return NoData(f"{'、'.join(u.regions)}的空气质量站点读数", "stations")
        if u.period and u.period not in set(self.frames["stations"]["period"]):
            periods = "、".join(sorted(set(self.frames["stations"]["period"])))
            return NoData(
                f"{u.period}的空气质量站点读数（表中只有{periods}的读数）", "stations", final=bool(u.stations)
            )
        years = [y for y in u.years if y in set(self.frames["stations"]["year"])]
        if u.years and not years:
            # another year's figure about a named station may still be in policy text (2020年的站点比值)
            return NoData(f"{_years_text(u)}的空气质量站点读数", "stations")
        station = u.stations[0] if len(u.stations) == 1 else None
        filtering = not (u.yes_no or u.stations)
        meets = False if u.behind and filtering else (True if (u.met or u.below) and filtering else None)
        results = [
            self.queries.stations(
                region=regions, station=station, pollutant=p, meets_target=meets, year=years[0] if years else None
            )
            for p in (pollutants or [None])
        ]
        if len(u.stations) > 1:
            results = [_keep(r, lambda f, s=u.stations: f.item.split("子站")[0] in s) for r in results]
        if u.below and filtering:  # 「低于目标」 is strictly below: a reading level with its target is not
            results = [_keep(r, lambda f: f.value < f.target) for r in results]
        stated = set(self.frames["stations"]["stated_result"])
        for quote in (q for q in u.quoted if q in stated):  # 「被判定为“达到任务要求”的」: the document's own verdict
            results = [_keep(r, lambda f, q=quote: re.search(rf"文件结论：{q}(；|$)", f.note or "")) for r in results]
        facts = [f for r in results for f in r.facts]
        targets = _station_target_rows(self.frames["stations"], facts) if "target" in u.asks else []
        rows = _unique_rows([*(r for result in results for r in result.rows), *targets])
        if not facts:
            if meets is False:
                scope = "、".join(regions or []) or "各站点"
                return StructuredReply(
                    f"{scope}{'、'.join(pollutants)}均达到考核目标，没有未达标的读数。", [], rows, "stations"
                )
            return NoData("符合条件的空气质量站点读数", "stations")
        return StructuredReply(_word_stations(u, facts), facts, rows, "stations")

    # -- funds -------------------------------------------------------------------------------------

    def _funds(self, u: Understanding) -> StructuredReply | NoData | None:
        if not u.fund or u.status_words:  # 「专项资金任务被标为“未按进度完成”的」 asks about task status
            return None
        regions, missing = self._region_filter(u, self.fund_regions)
        if missing:
            return NoData(f"{'、'.join(u.regions)}的专项资金执行情况", "funds")
        funds = self.frames["funds"]
        years = [y for y in u.years if y in set(funds["fund_year"])]
        if u.years and not years:
            return NoData(f"{'、'.join(map(str, u.years))}年度的专项资金执行情况", "funds")
        results = [
            self.queries.funds(region=regions, fund_year=y, level=level)
            for y in (years or [None])
            for level in (u.levels or [None])
        ]
        facts = [f for r in results for f in r.facts]
        if not facts:
            return NoData("符合条件的专项资金执行情况", "funds")
        threshold = _threshold(u.text)
        if threshold and threshold[2] == "%":
            facts = [f for f in facts if _passes(f.value, threshold[0], threshold[1])]
        else:
            threshold = None
        rows = _unique_rows(r for result in results for r in result.rows)
        frame = pd.concat([r.frame for r in results])
        text = _word_funds(u, facts, frame, threshold)
        return StructuredReply(text, facts, rows, "funds")

    # -- points ---------------------------------------------------------------------------------------

    def _points(self, u: Understanding) -> StructuredReply | NoData | None:
        if "points" not in u.asks or u.fund or self._named_unit(u):
            return None  # 「交通局牵头的项目分值合计」 is a department's rows: _by_unit
        if not (u.total or u.rank or u.behind):
            row = self._row_lookup(u)  # 「东灶河水质自动站的分值」: one row's points, not a region's total
            if isinstance(row, StructuredReply) and row.confidence >= ROW_CONFIDENT:
                return None
        doc_id = u.doc_ids[0] if len(u.doc_ids) == 1 else None
        year = u.years[0] if len(u.years) == 1 else None
        if u.rank and not u.total:
            tasks = self.frames["tasks"]
            scored = tasks[tasks["task_points"].notna()]
            if doc_id:
                scored = scored[scored["doc_id"] == doc_id]
            if u.table_label:
                scored = scored[scored["table"] == u.table_label]
            scored = scored.drop_duplicates("task_key")
            if scored.empty:
                return None
            best = scored["task_points"].max() if u.rank == "max" else scored["task_points"].min()
            chosen = scored[scored["task_points"] == best]
            result = self.queries.tasks(doc_id=chosen["doc_id"].iloc[0])
            keys = set(chosen["task_key"])
            facts = [f for f in result.facts if f.source["doc_id"] + "|" + f.source["locator"] in keys]
            lines = [f"分值{'最高' if u.rank == 'max' else '最低'}为{_n(best)}分，共{len(chosen)}项："]
            lines += [f"- {r.locator}：{_first_sentence(r.task)}（{_n(r.task_points)}分）" for r in chosen.itertuples()]
            rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in chosen.itertuples()]
            return StructuredReply("\n".join(lines), facts, rows, "points")
        regions, missing = self._region_filter(u, self.task_regions)
        if missing:
            return NoData(f"{'、'.join(u.regions)}的任务分值", "points")
        if u.behind:
            result = self.queries.points_at_stake(year=year, region=regions)
            if result.empty:
                return StructuredReply("所查范围内没有进度滞后或未完成的计分任务。", [], [], "points")
            lines = [f"- {f.region} {f.item}：{f.note}，涉及{_n(f.value)}分" for f in result.facts]
            summary = "；".join(f"{r}共{_n(v)}分" for r, v in result.summary["by_region"].items())
            return StructuredReply(
                f"进度滞后或未完成的计分任务涉及分值：{summary}。\n" + "\n".join(lines),
                result.facts,
                result.rows,
                "points",
            )
        result = self.queries.region_points(year=year, region=regions, doc_id=doc_id)
        if result.empty:
            return NoData("符合条件的任务分值", "points")
        lines = [
            f"- {f.region}：{_n(f.value)}分（{f.item.split('（')[-1].rstrip('）')}，{f.source['locator']}）"
            for f in result.facts
        ]
        head = f"{year}年" if year else ""
        totals = result.summary["totals"]
        if u.rank and len(totals) > 1:
            best = max(totals.values()) if u.rank == "max" else min(totals.values())
            top = [r for r, v in totals.items() if v == best]
            word = "最高" if u.rank == "max" else "最低"
            same = f"各区县均为{_n(best)}分，分值相同。"
            lines.append(same if len(top) == len(totals) else f"{word}：{'、'.join(top)}（{_n(best)}分）")
        return StructuredReply(f"{head}考核任务分值合计：\n" + "\n".join(lines), result.facts, result.rows, "points")

    # -- indicators counted by attribute or status ------------------------------------------------------------

    def _indicator_count(self, u: Understanding) -> StructuredReply | NoData | None:
        attribute = next((a for a in ("约束性", "预期性", "参考性") if a in u.text), None)
        status = "未达标" if "未达标" in u.text else ("达标" if "达标" in u.text else None)
        if not (u.count and (attribute or status)) or u.stations or u.fund:
            return None
        indicators = self.frames["indicators"]
        docs = [d for d in u.doc_ids if d in set(indicators["doc_id"])]
        if not docs and "指标" not in u.text:
            return None
        frame = indicators[indicators["doc_id"].isin(docs)] if docs else indicators[indicators["table"] != "附件1"]
        if attribute:
            frame = frame[frame["attribute"] == attribute]
        if status:
            frame = frame[
                (frame["stated_status"] == status)
                | ((frame["stated_status"] == "") & (frame["computed_status"] == status))
            ]
        if attribute and not status:  # an indicator with sub-indicators counts once
            frame = frame.drop_duplicates(["doc_id", "seq"])
        by_doc = frame.groupby("doc_title", sort=False)
        lines = [f"{'、'.join(p for p in (attribute, status) if p)}指标共{len(frame)}个："]
        for title, group in by_doc:
            names = (
                group["parent"].where(group["parent"] != "", group["name"])
                if attribute and not status
                else group["full_name"]
            )
            lines.append(f"- {title}：{len(group)}个（{'、'.join(names)}）")
        rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in frame.itertuples()]
        keys = {(r.doc_id, r.locator, r.full_name) for r in frame.itertuples()}
        facts = [
            f for f in self.queries.indicators().facts if (f.source["doc_id"], f.source["locator"], f.item) in keys
        ]
        return StructuredReply("\n".join(lines), facts, rows, "indicators")

    # -- indicators by status ------------------------------------------------------------------------------

    def _indicator_status(self, u: Understanding) -> StructuredReply | NoData | None:
        indicator_docs = set(self.frames["indicators"]["doc_id"])
        asks_unmet = u.behind or "未达标" in u.text
        names_indicator = u.indicator_words or (u.doc_ids and set(u.doc_ids) <= indicator_docs)
        if not (asks_unmet and names_indicator) or u.stations or u.fund or u.pollutants:
            return None
        doc_ids = [d for d in u.doc_ids if d in indicator_docs] or [None]
        results = [self.queries.indicators(doc_id=d, status="未达标") for d in doc_ids]
        facts = [f for r in results for f in r.facts]
        rows = _unique_rows(r for result in results for r in result.rows)
        if not facts:
            return StructuredReply("所查指标中没有标为未达标的指标。", [], rows, "indicators")
        lines = [f"共有{len(facts)}项指标未达标："] if u.count or len(facts) > 1 else []
        lines += [f"- {_word_indicator_fact(f)}" for f in facts]
        return StructuredReply("\n".join(lines), facts, rows, "indicators")

    # -- tasks ranked by their stated rate ---------------------------------------------------------------------

    def _task_rank(self, u: Understanding) -> StructuredReply | NoData | None:
        if not u.rank or u.fund or u.stations or "points" in u.asks or not (u.topics or "rate" in u.asks):
            return None
        if "target" in u.asks:
            return None  # 「治理率目标定得最低」 ranks a target the rows state, not a completion rate
        tasks = self.frames["tasks"]
        frame = tasks[tasks["rate_stated"].notna()]
        if u.years:
            frame = frame[frame["year"].isin(u.years)]
        regions, _ = self._region_filter(u, self.task_regions)
        if regions:
            frame = frame[frame["region"].isin(regions)]
        for topic in u.topics[:1]:
            frame = frame[frame.apply(lambda r, t=topic: _on_topic_row(r, t), axis=1)]
        frame = frame.drop_duplicates("task_key")
        if frame.empty:
            return None
        best = frame["rate_stated"].max() if u.rank == "max" else frame["rate_stated"].min()
        chosen = frame[frame["rate_stated"] == best]
        lines = [f"完成率{'最高' if u.rank == 'max' else '最低'}的是："]
        lines += [
            f"- {r.region}（{r.locator}）{_first_sentence(r.task)}：完成率{_n(r.rate_stated)}%（{r.status_raw}）"
            for r in chosen.itertuples()
        ]
        others = "、".join(f"{r.region}{_n(r.rate_stated)}%" for r in frame.sort_values("rate_stated").itertuples())
        lines.append(f"同类任务的完成率：{others}。")
        rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in frame.itertuples()]
        return StructuredReply("\n".join(lines), _task_facts(self.queries, frame), rows, "tasks")

    # -- tasks by status ---------------------------------------------------------------------------------------

    def _key_only(self, u: Understanding) -> bool:
        """「【重点考核】任务」 filters on the mark only where the asked rows carry it: 「2020年重点考核
        任务完成情况表」 is a document's name, and none of its rows is marked."""
        if not u.key_only:
            return False
        tasks = self.frames["tasks"]
        scope = tasks[tasks["year"].isin(u.years)] if u.years else tasks
        if u.doc_ids:
            scope = scope[scope["doc_id"].isin(u.doc_ids)]
        return bool(scope["key_assessment"].astype(bool).any())

    def _task_status(self, u: Understanding) -> StructuredReply | NoData | None:
        key_only = self._key_only(u)
        asks_status = u.behind or u.status_words or key_only
        if not asks_status or (u.fund and not u.status_words) or u.stations or u.pollutants or "points" in u.asks:
            return None
        if u.difference:  # 「还差多少个没完成」 asks about one task's remainder, not which tasks lag
            return None
        if not u.behind and re.search(r"没有|都没", u.text):
            return None  # 「哪些县一项【重点考核】任务都没有」: the regions without, _regions_without
        if not (u.regions or u.years or u.doc_ids or "任务" in u.text or u.topics):
            return None
        regions, missing = self._region_filter(u, self.task_regions)
        if missing:
            return NoData(f"{'、'.join(u.regions)}的任务进度", "tasks")
        tasks = self.frames["tasks"]
        years = [y for y in u.years if y in set(tasks["year"])]
        if u.years and not years:
            return NoData(f"{'、'.join(map(str, u.years))}年的任务进度", "tasks")
        doc_ids = [d for d in u.doc_ids if d in set(tasks["doc_id"])]
        statuses = None if (u.status_words or not u.behind) else BEHIND
        results = [
            self.queries.tasks(region=regions, year=y, statuses=statuses, topic=t, key_only=key_only, doc_id=d)
            for y in (years or [None])
            for t in (u.topics[:1] or [None])
            for d in (doc_ids or [None])
        ]
        frame = pd.concat([r.frame for r in results])
        if u.status_words:
            frame = frame[frame["status_raw"].isin(u.status_words)]
        if frame.empty:
            scope = "、".join(regions or []) or "所查范围"
            return StructuredReply(f"{scope}没有符合条件的任务（进度滞后或未完成）。", [], [], "tasks")
        return _word_tasks(u, frame, self.queries)

    def _task_count(self, u: Understanding) -> StructuredReply | NoData | None:
        if not re.search(r"(多少|几)项|(多少|几)个任务|任务(数|总数)|一共.{0,6}任务", u.text) or "任务" not in u.text:
            return None
        if u.fund or u.stations:
            return None
        tasks = self.frames["tasks"]
        frame = tasks
        doc_ids = [d for d in u.doc_ids if d in set(tasks["doc_id"])]
        if doc_ids:
            frame = frame[frame["doc_id"].isin(doc_ids)]
        if u.table_label:
            frame = frame[frame["table"] == u.table_label]
        regions, missing = self._region_filter(u, self.task_regions)
        if missing:
            return NoData(f"{'、'.join(u.regions)}的任务", "tasks")
        if regions and not doc_ids:
            frame = frame[frame["region"].isin(regions)]
        for topic in u.topics[:1]:
            frame = frame[frame.apply(lambda r, t=topic: _on_topic_row(r, t), axis=1)]
        unit = next((name for name in self.lead_units if name in u.text), None)
        if unit:
            only = re.search(r"只有|仅有|唯一|单独|一家", u.text)
            frame = frame[frame["lead_units"].map(lambda s: s == unit if only else _names_unit(s, unit))]
        tasks_found = frame.drop_duplicates("task_key")
        if tasks_found.empty:
            return NoData("符合条件的任务", "tasks")
        by_doc = tasks_found.groupby(["doc_title", "table"], sort=False).size()
        lines = [f"- {title}（{table}）：{count}项" for (title, table), count in by_doc.items()]
        if len(tasks_found) <= 10:  # few enough to name
            lines += [f"  - {r.region} {r.locator}：{_first_sentence(r.task)}" for r in tasks_found.itertuples()]
        condition = (
            f"牵头单位{'只有' if unit and re.search(r'只有|仅有|唯一|一家', u.text) else '含'}{unit}的" if unit else ""
        )
        text = f"{condition}任务共{len(tasks_found)}项：\n" + "\n".join(lines)
        rows = [
            RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table)
            for r in tasks_found.head(MAX_LISTED).itertuples()
        ]
        facts = [
            Fact("tasks", region=r.region, item=r.locator, value=r.status_raw or None, target=None, unit="", status="",
                 source={"doc_id": r.doc_id, "locator": r.locator})
            for r in tasks_found.head(MAX_LISTED).itertuples()
        ]  # fmt: skip
        return StructuredReply(text, facts, rows, "tasks")

    # -- rows picked by a department, a deadline or a missing topic; figures summed across rows ---------------

    def _named_unit(self, u: Understanding) -> str | None:
        return next((name for name in self.units if name in u.text), None)

    def _by_unit(self, u: Understanding) -> StructuredReply | NoData | None:
        """「由交通局牵头的项目分值合计」「责任部门是市委组织部的指标有哪些」: one department's rows."""
        unit = self._named_unit(u)
        if unit is None or u.fund or not (re.search(r"哪些|哪几|哪项", u.text) or u.total or u.count):
            return None
        table = "indicators" if (u.indicator_words or "指标" in u.text) and "任务" not in u.text else "tasks"
        if table == "tasks":
            column = (
                "responsible_units" if re.search(r"责任单位|配合", u.text) and "牵头" not in u.text else "lead_units"
            )
        else:
            column = "responsible"
        allowed = {i for t, i in self._allowed_rows(u, use_years=True) if t == table}
        frame = self.frames[table].loc[sorted(allowed)]
        frame = frame[frame[column].map(lambda units: _names_unit(units, unit))]
        if table == "tasks":
            frame = frame.drop_duplicates("task_key")
        if frame.empty:
            return NoData(
                f"{unit}{'牵头' if column == 'lead_units' else '负责'}的{'指标' if table == 'indicators' else '任务'}",
                "unit",
            )
        role = {"lead_units": "牵头单位", "responsible_units": "责任单位", "responsible": "责任部门"}[column]
        what = "指标" if table == "indicators" else "任务"
        lines = []
        for r in frame.head(MAX_LISTED).itertuples():
            name = r.full_name if table == "indicators" else _first_sentence(r.task)
            points = f"（{_n(r.task_points)}分）" if table == "tasks" and _is_number(r.task_points) else ""
            lines.append(f"- {name}{points}（{r.doc_title}，{r.locator}）")
        head = f"{role}含{unit}的{what}共{len(frame)}项"
        if table == "tasks" and "points" in u.asks:
            head += f"，分值合计{_n(frame['task_points'].fillna(0).sum())}分"
        rows = [
            RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in frame.head(MAX_LISTED).itertuples()
        ]
        return StructuredReply(head + "：\n" + "\n".join(lines), [], rows, "unit")

    def _by_deadline(self, u: Understanding) -> StructuredReply | NoData | None:
        """「完成时间为2020年6月的是哪几个项目」: the tasks due in one month."""
        due = re.search(r"(20\d\d)\s*(?:年|\.|-|/)\s*(\d{1,2})(?!\d)\s*月?", u.text)
        if not due or not re.search(r"完成时间|完成时限|时限|期限|截止|到期|底前|前完成", u.text):
            return None
        if not (re.search(r"哪些|哪几|哪项", u.text) or u.count):
            return None
        year, month = int(due.group(1)), int(due.group(2))
        allowed = {i for t, i in self._allowed_rows(u, use_years=False) if t == "tasks"}
        frame = self.frames["tasks"].loc[sorted(allowed)]
        stated = frame["deadline_text"].fillna("") + " " + frame["requirement"].fillna("")
        pattern = rf"{year}\s*(?:年|\.|-)\s*0?{month}(?!\d)"
        frame = frame[
            frame["deadline"].astype(str).str.startswith(f"{year}-{month:02d}") | stated.str.contains(pattern)
        ]
        frame = frame.drop_duplicates("task_key")
        if frame.empty:
            return NoData(f"{year}年{month}月到期的任务", "deadline")
        lines = [f"完成时限在{year}年{month}月的任务共{len(frame)}项："]
        lines += [
            f"- {r.region}（{r.locator}）{_first_sentence(r.task)}"
            + (f"（{_first_sentence(r.content)}）" if r.content and r.content not in r.task else "")
            + f"：{r.deadline_text or _date_cn(r.deadline)}"
            + (f"；牵头单位：{r.lead_units}" if "lead" in u.asks and r.lead_units else "")
            for r in frame.head(MAX_LISTED).itertuples()
        ]
        rows = [
            RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in frame.head(MAX_LISTED).itertuples()
        ]
        return StructuredReply("\n".join(lines), [], rows, "deadline")

    def _regions_without(self, u: Understanding) -> StructuredReply | NoData | None:
        """「哪些区没有燃煤锅炉整治任务」「哪些县一项【重点考核】任务都没有」: the complement."""
        if not re.search(r"哪些|哪个|哪几", u.text) or not re.search(r"没有|都没|无", u.text):
            return None
        if not re.search(r"任务|项目", u.text) or u.fund or u.stations:
            return None
        allowed = {i for t, i in self._allowed_rows(u, use_years=True) if t == "tasks"}
        scope = self.frames["tasks"].loc[sorted(allowed)]
        regions = list(dict.fromkeys(scope["region"]))
        if len(regions) < 2:
            return None
        key_only = self._key_only(u)
        if key_only:
            having = scope[scope["key_assessment"].astype(bool)]
        elif u.topics:
            having = scope[scope.apply(lambda r: any(_on_topic_row(r, t) for t in u.topics), axis=1)]
        else:
            return None
        without = [r for r in regions if r not in set(having["region"])]
        what = "【重点考核】任务" if key_only else f"{'、'.join(u.topics)}方面的任务"
        titles = "、".join(dict.fromkeys(scope["doc_title"]))
        if not without:
            return StructuredReply(f"《{titles}》中各区县都有{what}。", [], [], "without")
        lines = [f"《{titles}》所列{len(regions)}个区县中，没有{what}的是：{'、'.join(without)}。"]
        lines += [f"- 有此类任务的：{'、'.join(dict.fromkeys(having['region']))}"]
        first = having.drop_duplicates("region")
        rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in first.itertuples()]
        return StructuredReply("\n".join(lines), [], rows, "without")

    def _row_quantities(self, u: Understanding) -> StructuredReply | NoData | None:
        """「七个市（区）要整治的县级VOCs重点监管企业一共多少家」「哪个区…最多」: one figure read
        from each region's matching task row, then summed or ranked."""
        limit = _threshold(u.text)
        if not (u.total or u.rank or (limit and "哪些" in u.text)) or u.fund or u.stations or "points" in u.asks:
            return None
        counted = re.search(rf"(?:多少|几)\s*({COUNT_UNITS})", u.text)
        unit = counted.group(1) if counted else (limit[2] if limit else "%" if re.search(r"率|百分", u.text) else "")
        if not unit:
            return None
        allowed = {key for key in self._allowed_rows(u, use_years=True) if key[0] == "tasks"}
        query = _without_names(u.fact_text or u.text, u)
        matches = self.row_index.best(query, allowed, top=MAX_LISTED)
        if not matches or matches[0].coverage < ROW_CONFIDENT:
            return None
        frame = self.frames["tasks"]
        chosen = frame.loc[[m.index for m in matches if m.coverage >= matches[0].coverage - 0.1]]
        best = chosen.iloc[0]  # one table's regions: a row of another document is another count
        chosen = chosen[(chosen["doc_id"] == best["doc_id"]) & (chosen["table"] == best["table"])]
        done_asked = re.search(r"已|截至|完成了|实际", u.text)
        counted_rows = chosen["total"].notna().all() and set(chosen["measure_unit"]) == {unit}
        values: dict[str, tuple[float, float | None]] = {}
        used = {}  # region → the row its figure comes from (its first matching row that states one)
        for r in chosen.itertuples():
            if r.region in values:
                continue
            if counted_rows:
                values[r.region], used[r.region] = (r.total, r.done), r
                continue
            text = r.progress if done_asked else f"{r.content}\n{r.requirement}\n{r.task}"
            value = quantity_for(query, text or "", unit)
            if value is not None:
                values[r.region], used[r.region] = (value, None), r
        if len(values) < 2:
            return None
        lines = [f"- {region}（{used[region].locator}）：{_n(v)}{unit}" + (f"，已完成{_n(d)}{unit}" if _is_number(d) else "")
                 for region, (v, d) in values.items()]  # fmt: skip
        if limit and not (u.total or u.rank):
            word, bound, _ = limit
            passing = [r for r, (v, _) in values.items() if _passes(v, word, bound)]
            head = f"{word}{_n(bound)}{unit}的：{'、'.join(passing) or '没有'}（共{len(passing)}个）。"
        elif u.rank:
            best_value = (max if u.rank == "max" else min)(v for v, _ in values.values())
            top = [r for r, (v, _) in values.items() if v == best_value]
            words = ("最高", "最低") if unit == "%" else ("最多", "最少")
            head = f"{words[0] if u.rank == 'max' else words[1]}的是{'、'.join(top)}：{_n(best_value)}{unit}。"
        else:
            head = f"{len(values)}个区县合计{_n(round(sum(v for v, _ in values.values()), 4))}{unit}"
            if all(_is_number(d) for _, d in values.values()):
                head += f"，已完成合计{_n(round(sum(d for _, d in values.values()), 4))}{unit}"
            head += "。"
        rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in used.values()]
        return StructuredReply(head + "\n" + "\n".join(lines), [], rows, "quantities", confidence=matches[0].coverage)

    # -- rows holding a quoted text --------------------------------------------------------------------------

    def _quoted_rows(self, u: Understanding) -> StructuredReply | NoData | None:
        """「现状值写的是“未统计”的指标有哪些」: the rows whose cells say what the question quotes."""
        quotes = [q for q in u.quoted if len(q) <= 12]
        if not quotes or not ("哪些" in u.text or u.count):
            return None
        if set(u.asks) & {"progress", "rate", "deadline", "lead", "points"} or set(u.regions) - set(
            self.parent_regions
        ):
            return None  # 「蓬江区“千吨万人”…整治完成了几个」 asks one row's figures: the row lookup
        table = "indicators" if (u.indicator_words or "指标" in u.text) else "tasks"
        frame = self.frames[table]
        if u.doc_ids:
            frame = frame[frame["doc_id"].isin(u.doc_ids)]
        labels = ("category", "domain") if table == "indicators" else ("category",)
        searched = frame["row_text"] + " " + frame[list(labels)].fillna("").astype(str).agg(" ".join, axis=1)
        found = frame[searched.map(lambda text: all(q in text for q in quotes))]
        if found.empty:
            return None
        key = "full_name" if table == "indicators" else "task"
        lines = [f"共{len(found)}项写有“{'、'.join(quotes)}”："]
        lines += [f"- {_first_sentence(getattr(r, key))}（{r.doc_title}，{r.locator}）" for r in found.itertuples()]
        rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in found.itertuples()]
        return StructuredReply("\n".join(lines), [], rows, "quoted")

    # -- rows that say what the question says ---------------------------------------------------------------

    def _rows_saying(self, u: Understanding) -> StructuredReply | NoData | None:
        """「哪些填埋场的调节池液位超出了警戒线」: every task row that says all of the question's words."""
        if "哪些" not in u.text or u.asks or u.reason or u.status_words:
            return None
        allowed = {key for key in self._allowed_rows(u, use_years=True) if key[0] == "tasks"}
        query = _without_names(u.text, u)
        matches = [m for m in self.row_index.best(query, allowed, top=MAX_LISTED) if m.coverage >= ROWS_SAYING]
        frame = self.frames["tasks"].loc[[m.index for m in matches]].drop_duplicates("task_key")
        if len(frame) < 2:
            return None  # one row: the row lookup or the text answers it
        lines = [f"共{len(frame)}项任务写到："]
        for r in frame.itertuples():
            said = self.row_index.best_sentence(query, f"{r.progress}\n{r.content}\n{r.requirement}")
            lines.append(f"- {r.region}（{r.year}年{r.period}，{r.locator}）{_first_sentence(r.task)}：{said}")
        rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in frame.itertuples()]
        return StructuredReply("\n".join(lines), [], rows, "rows", confidence=min(m.coverage for m in matches))

    # -- one row ------------------------------------------------------------------------------------------------

    def _row_lookup(self, u: Understanding) -> StructuredReply | NoData | None:
        # a figure, a unit, a date or a status of one row — not 「怎么治理」 (that is policy text)
        if not set(u.asks) & ROW_ASKS:
            return None
        allowed = self._allowed_rows(u, use_years=True)
        query = _without_names(u.fact_text or u.text, u)
        matches = self.row_index.best(query, allowed)
        if u.follow_up and u.context_text and (not matches or matches[0].coverage < ROW_CONFIDENT):
            matches = self.row_index.best(_without_names(f"{u.context_text} {query}", u), allowed) or matches
        if not matches:
            return None
        best = matches[0]
        if best.table == "tasks" and set(u.asks) & {"target", "current", "value", "attribute"}:
            # a figure asked for: an indicator row that matches about as well states it more plainly
            figure = next((m for m in matches if m.table == "indicators" and m.coverage >= best.coverage - 0.05), None)
            best = figure or best
        if best.table == "tasks":
            # 「分值是多少？由哪个部门牵头？」: of rows that match about as well, the one that has
            # the most of the asked fields answers
            near = [m for m in matches if m.table == "tasks" and m.coverage >= best.coverage - 0.05]
            best = max(near, key=lambda m: _asked_fields(u, self.frames["tasks"].loc[[m.index]]))
        table = best.table
        frame = self.frames[table]
        row = frame.loc[best.index]
        if table == "tasks":
            # the whole task: every sub-item of the row that matched
            reply = _word_task_rows(u, frame[frame["task_key"] == row["task_key"]], self.queries)
        else:
            several = bool(re.search(r"和|与|及|、|分别", u.fact_text or u.text))  # 「二氧化硫和氮氧化物」
            floor = best.coverage * 0.7 if several else best.coverage - 0.02
            chosen = [m.index for m in matches if m.table == "indicators" and m.coverage >= floor]
            reply = _word_indicator_rows(u, frame.loc[chosen], self.queries)
        reply.confidence = best.coverage
        chosen_rows = frame[frame["task_key"] == row["task_key"]] if table == "tasks" else frame.loc[[best.index]]
        # 「要完成多少亩」「三季度要达到什么形象进度」 ask the plan, not what was done
        planned = "milestone" in u.asks or re.search(r"[要需应][^，。？?]{0,4}?(?:完成|达到|实现|建成)|计划", u.text)
        asks_done = ("progress" in u.asks and not planned) or re.search(
            r"已经|已完成|截至|目前|至今|完成了|做完", u.text
        )
        if table == "tasks" and asks_done and not any(chosen_rows["progress"]):
            # a plan's target, no report of what was done
            return NoData(f"{_first_sentence(row['task'])}的完成进展（文件只有计划要求）", "row", final=True)
        if _has_asked_field(u, chosen_rows):
            reply.confidence = min(1.0, reply.confidence + ASKED_FIELD_BONUS)
        counted = re.search(rf"多少\s*({MEASURE_UNITS})", u.text)
        if counted and not _states_unit(reply.text, counted.group(1)):
            # 「多少辆」「多少立方米」 but the row states no such figure: only text that does may answer
            reply.confidence = min(reply.confidence, ROW_CONFIDENT - 0.01)
            reply.mismatch = f"以「{counted.group(1)}」计的数值"
        return reply

    def _allowed_rows(self, u: Understanding, use_years: bool) -> set[tuple[str, int]]:
        allowed = set()
        regions = [r for r in u.regions if r not in self.parent_regions]
        # 「江门…」 alone: rows of 江门's own documents, not a 海门 row that matches the words better
        parent_docs = set().union(*(self.parent_regions.get(r, set()) for r in u.regions))
        for table in ("tasks", "indicators"):
            frame = self.frames[table]
            mask = pd.Series(True, index=frame.index)
            if u.doc_ids:
                mask &= frame["doc_id"].isin(u.doc_ids)
            if u.table_label:
                mask &= frame["table"] == u.table_label
            if regions:
                mask &= frame["region"].isin(regions)
            elif parent_docs:
                mask &= frame["doc_id"].isin(parent_docs)
            if use_years and u.years:
                mask &= frame.apply(lambda r, t=table: _row_has_year(r, t, u.years), axis=1)
            allowed |= {(table, i) for i in frame.index[mask]}
        return allowed


# -- wording --------------------------------------------------------------------------------------------------


def _word_stations(u: Understanding, facts: list[Fact]) -> str:
    excess = {id(f): f.value - f.target for f in facts}
    if u.rank:
        key = (lambda f: excess[id(f)]) if u.by_excess else (lambda f: f.value)
        ordered = sorted(facts, key=key, reverse=u.rank == "max")
        top = [f for f in ordered if key(f) == key(ordered[0])]
        what = "超出目标" if u.by_excess else "浓度"
        head = f"{what}{'最高' if u.rank == 'max' else '最低'}的是："
        return head + "\n" + "\n".join(f"- {_station_line(f)}" for f in top)
    if u.average:
        lines = []
        for pollutant in dict.fromkeys(f.item.split()[-1] for f in facts):
            values = [f.value for f in facts if f.item.endswith(pollutant)]
            unit = next(f.unit for f in facts if f.item.endswith(pollutant))
            mean = sum(values) / len(values)
            lines.append(f"{len(values)}个站点{pollutant}读数的算术平均为{_n(round(mean, 2))}{unit}")
        return "；".join(lines) + "。\n" + "\n".join(f"- {_station_line(f)}" for f in facts)
    if u.count:
        stations = {f.item for f in facts}
        head = (
            f"共有{len(stations)}个站点读数{'未达到考核目标' if u.behind else '符合条件'}："
            if u.behind
            else f"共{len(stations)}个站点读数："
        )
        return head + "\n" + "\n".join(f"- {_station_line(f)}" for f in facts)
    if u.difference and len(facts) == 1:
        f = facts[0]
        diff = f.value - f.target
        side = "高出" if diff > 0 else "低于"
        return f"{_station_line(f)}。读数比目标{side}{_n(abs(diff))}{f.unit}。"
    if u.behind and ("区县" in u.text or "哪些区" in u.text or "哪些县" in u.text or "哪些市" in u.text):
        regions: dict[str, list[Fact]] = {}
        for f in facts:
            regions.setdefault(f.region, []).append(f)
        head = f"{'、'.join(regions)}共{len(regions)}个区县有站点读数未达到考核目标："
        return head + "\n" + "\n".join(f"- {_station_line(f)}" for f in facts)
    return "\n".join(f"- {_station_line(f)}" for f in facts) if len(facts) > 1 else _station_line(facts[0]) + "。"


def _station_target_rows(stations: pd.DataFrame, facts: list[Fact]) -> list[RowRef]:
    """The sentences that set the targets of the readings an answer states."""
    wanted = {(f.source["doc_id"], f.source["locator"]) for f in facts}
    chosen = stations[[(d, loc) in wanted for d, loc in zip(stations["doc_id"], stations["locator"], strict=True)]]
    return [
        RowRef(r.doc_id, r.doc_title, r.locator, r.target_quote, r.table) for r in chosen.itertuples() if r.target_quote
    ]


def _station_line(f: Fact) -> str:
    stated = f"；{f.note}" if f.note else ""
    gap = f.value - f.target
    excess = f"，超出目标{_n(gap)}{f.unit}" if gap > 0 else ""
    return f"{f.region} {f.item}：{_n(f.value)}{f.unit}，目标≤{_n(f.target)}{f.unit}，{f.status}{excess}{stated}（{f.year}年）"


def _word_funds(
    u: Understanding, facts: list[Fact], frame: pd.DataFrame, threshold: tuple[str, float, str] | None
) -> str:
    if not facts:
        return f"没有执行率{threshold[0]}{_n(threshold[1])}%的区县。"
    if u.difference and len({f.region for f in facts}) == 2 and len(facts) == 2:
        a, b = facts
        high, low = (a, b) if a.value >= b.value else (b, a)
        return (
            f"{high.region}{high.item}为{_n(high.value)}%，{low.region}为{_n(low.value)}%，"
            f"{high.region}高{_n(round(high.value - low.value, 4))}个百分点。"
        )
    if u.total and "amount" in u.asks:
        amounts = frame.dropna(subset=["allocated"])
        if not amounts.empty:
            total = round(float(amounts["allocated"].sum()), 4)
            parts = "、".join(
                f"{r.region}{int(r.fund_year)}年{r.level}{_n(r.allocated)}万元" for r in amounts.itertuples()
            )
            return f"合计下达{_n(total)}万元（{parts}）。"
    if u.rank:
        groups: dict[str, list[Fact]] = {}
        for f in facts:
            groups.setdefault(f.item, []).append(f)
        lines = []
        for item, group in groups.items():
            ordered = sorted(group, key=lambda f: f.value, reverse=u.rank == "max")
            top = [f for f in ordered if f.value == ordered[0].value]
            lines.append(
                f"{item}{'最高' if u.rank == 'max' else '最低'}："
                + "、".join(f"{f.region}（{_n(f.value)}%）" for f in top)
            )
        return "\n".join(lines)
    lines = []
    if threshold:
        lines.append(
            f"执行率{threshold[0]}{_n(threshold[1])}%的有：{'、'.join(dict.fromkeys(f.region for f in facts))}。"
        )
    for f, r in zip(facts, frame.itertuples(), strict=False):
        detail = []
        if isinstance(r.allocated, float) and r.allocated == r.allocated:
            detail.append(f"下达{_n(r.allocated)}万元")
        if isinstance(r.amount, float) and r.amount == r.amount:
            detail.append(f"资金{_n(r.amount)}万元")
        if f.target is not None:
            detail.append(f"目标{_n(f.target)}%（{r.target_deadline}前，{'已到期' if r.target_due else '未到期'}）")
        basis = f"，{r.rate_basis}" if "暂未支出" in r.rate_basis else ""
        lines.append(f"- {f.region} {f.item}：{_n(f.value)}%{basis}" + (f"；{'；'.join(detail)}" if detail else ""))
    return "\n".join(lines)


def _word_tasks(u: Understanding, frame: pd.DataFrame, queries: TableQueries) -> StructuredReply:
    tasks = frame.drop_duplicates("task_key")
    lines = []
    if u.count or len(tasks) > 1:
        lines.append(f"共{len(tasks)}项任务：")
    for r in tasks.head(MAX_LISTED).itertuples():
        subs = frame[frame["task_key"] == r.task_key]
        statuses = "；".join(dict.fromkeys(f"{s.sub_item}{s.status_raw}" for s in subs.itertuples() if s.status_raw))
        key = "【重点考核】" if r.key_assessment else ""
        lines.append(
            f"- {r.region}（{r.year}年{r.period}，{r.locator}）{key}{_first_sentence(r.task)}：{statuses}。{_progress_gist(subs)}"
        )
    facts = _task_facts(queries, tasks)
    rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in tasks.head(MAX_LISTED).itertuples()]
    return StructuredReply("\n".join(lines), facts, rows, "tasks")


def _word_task_rows(u: Understanding, chosen: pd.DataFrame, queries: TableQueries) -> StructuredReply:
    first = chosen.iloc[0]
    lines = [f"{first['region']}（{first['doc_title']}，{first['locator'].split('（')[0]}）：{first['task']}"]
    if first["content"] and first["content"] != first["task"]:
        lines.append(
            f"- 考核内容：{_flat(chosen['content'].iloc[0]) if chosen['content'].nunique() == 1 else '；'.join(chosen['content'].unique())}"
        )
    requirements = list(
        dict.fromkeys(_flat(r).rstrip("；;。") for r in chosen["requirement"] if r and r != first["task"])
    )
    if requirements:
        lines.append(f"- 要求：{'；'.join(requirements)}。")
    deadline_text = first["deadline_text"]
    deadlines = [d for d in dict.fromkeys(chosen["deadline"]) if isinstance(d, str) and d]
    if deadline_text:
        lines.append(f"- 完成时限：{deadline_text}")
    elif deadlines:
        lines.append(f"- 完成时限：{'、'.join(_date_cn(d) for d in deadlines)}")
    if first["milestones"]:
        stages = json.loads(first["milestones"])
        lines.append("- 形象进度：" + "；".join(f"{k}{v}" for k, v in stages.items()))
    progress = list(dict.fromkeys(p for p in chosen["progress"] if p))
    if progress:
        lines.append(f"- 进展：{'；'.join(_flat(p) for p in progress)}")
    checked = set()
    for r in chosen.itertuples():
        if (r.done, r.total, r.rate_stated) in checked:
            continue
        checked.add((r.done, r.total, r.rate_stated))
        if u.difference and _is_number(r.done) and _is_number(r.total) and r.total > r.done:
            lines.append(
                f"- 还差{_n(r.total - r.done)}{r.measure_unit}（目标{_n(r.total)}{r.measure_unit}，已完成{_n(r.done)}{r.measure_unit}）"
            )
        if isinstance(r.rate_stated, float) and r.rate_stated == r.rate_stated and r.rate_computed == r.rate_computed:
            check = f"，与文件不一致：{r.check}" if r.check else "，与文件一致"
            lines.append(
                f"- 核算{r.sub_item}：{_n(r.done)}/{_n(r.total)}{r.measure_unit}，完成率{r.rate_computed:.1f}%（文件写{_n(r.rate_stated)}%{check}）"
            )
    if first["lead_units"]:
        lines.append(
            f"- 牵头单位：{first['lead_units']}"
            + (f"；责任单位：{first['responsible_units']}" if first["responsible_units"] else "")
        )
    if isinstance(first["task_points"], float) and first["task_points"] == first["task_points"]:
        lines.append(f"- 分值：{_n(first['task_points'])}分")
    facts = _task_facts(queries, chosen.drop_duplicates("task_key"))
    rows = [
        RowRef(first["doc_id"], first["doc_title"], first["locator"].split("（")[0], first["row_text"], first["table"])
    ]
    return StructuredReply("\n".join(lines), facts, rows, "row")


def _word_indicator_rows(u: Understanding, chosen: pd.DataFrame, queries: TableQueries) -> StructuredReply:
    lines = []
    first = chosen.iloc[0]
    if len(chosen) == 1 and first["target_text"] and not first["standard_text"] and not first["current_text"]:
        # a stated target only: say it first, plainly (「PM2.5年均浓度：2020年目标 达33微克/立方米」)
        year = (
            f"{_n(first['target_year'])}年"
            if first["target_year"] == first["target_year"] and first["target_year"]
            else ""
        )
        lines.append(
            f"{first['region']}{year}{first['full_name']}目标：{_flat(first['target_text'])}{_unit_after(first['target_text'], first['unit'])}。"
        )
    for r in chosen.itertuples():
        parts = []
        if isinstance(r.values_by_year, str) and r.values_by_year:
            by_year = json.loads(r.values_by_year)
            parts.append("；".join(f"{y}年：{v}{_unit_after(v, r.unit)}" for y, v in by_year.items() if v))
        if r.current_text:
            parts.append(
                f"现状值（{_n(r.current_year)}年）：{_flat(r.current_text)}{_unit_after(r.current_text, r.unit)}"
            )
        if r.standard_text:
            parts.append(f"指标值：{r.standard_text}{_unit_after(r.standard_text, r.unit)}")
        if r.target_text and not r.values_by_year:
            parts.append(f"{_n(r.target_year) or ''}年目标：{_flat(r.target_text)}{_unit_after(r.target_text, r.unit)}")
        if r.attribute:
            parts.append(f"指标属性：{r.attribute}")
        if r.stated_status or r.computed_status:
            stated = f"文件写{r.stated_status}" if r.stated_status else ""
            computed = f"按数值核算{r.computed_status}" if r.computed_status else ""
            parts.append("达标情况：" + "，".join(p for p in (stated, computed) if p))
        if (u.difference or u.yes_no) and len(u.years) >= 2 and isinstance(r.values_by_year, str) and r.values_by_year:
            parts.append(_year_difference(json.loads(r.values_by_year), u.years, r.unit))
        if u.difference and _is_number(r.current_value) and _is_number(r.target_value) and len(u.years) < 2:
            gap = round(r.target_value - r.current_value, 4)
            unit_word = "个百分点" if r.unit == "%" else r.unit
            side = "低" if gap > 0 else "高"
            parts.append(f"现状值{_n(r.current_value)}比目标{_n(r.target_value)}{side}{_n(abs(gap))}{unit_word}")
        required = re.search(r"考核要求下降\s*(\d+(?:\.\d+)?)\s*%", r.current_note or "")
        if required and _is_number(r.current_value) and r.current_value < 0:
            extra = round(-r.current_value - float(required.group(1)), 4)
            parts.append(
                f"实际下降{_n(-r.current_value)}%，比考核要求的{required.group(1)}%{'多' if extra >= 0 else '少'}{_n(abs(extra))}个百分点"
            )
        if r.check:
            parts.append(f"注意：{r.check}")
        if r.note:
            parts.append(f"说明：{r.note}")
        if r.responsible:
            parts.append(f"{'牵头单位' if r.table.startswith('附件') else '责任部门'}：{r.responsible}")
        lines.append(f"{r.full_name}（{r.doc_title}，{r.locator}）：" + "；".join(parts) + "。")
    result = queries.indicators()
    keys = {(r.doc_id, r.locator, r.full_name) for r in chosen.itertuples()}
    facts = [f for f in result.facts if (f.source["doc_id"], f.source["locator"], f.item) in keys]
    rows = [RowRef(r.doc_id, r.doc_title, r.locator, r.row_text, r.table) for r in chosen.itertuples()]
    return StructuredReply("\n".join(lines), facts, _unique_rows(rows), "row")


def _year_difference(by_year: dict[str, str], years: list[int], unit: str) -> str:
    """「2015年90.31，2020年目标95，相差4.69」 between the first two years asked that have numbers."""
    numbers = {}
    for year in years:
        match = re.search(r"-?\d+(\.\d+)?", by_year.get(str(year), ""))
        if match:
            numbers[year] = float(match.group(0))
    if len(numbers) < 2:
        return ""
    (y1, v1), (y2, v2) = list(numbers.items())[:2]
    gap = round(abs(v2 - v1), 4)
    unit_word = "个百分点" if unit == "%" else unit
    if gap == 0:
        return f"{y1}年与{y2}年均为{_n(v1)}，持平（没有变化）"
    return f"{y1}年{_n(v1)}与{y2}年{_n(v2)}相差{_n(gap)}{unit_word}"


def _word_indicator_fact(f: Fact) -> str:
    target = f"，指标值{f.target}" if f.target else ""
    return f"{f.item}：现状值{_n(f.value) if isinstance(f.value, float | int) else f.value}{f.unit if isinstance(f.value, float | int) else ''}{target}（{f.source['locator']}）"


# -- helpers ----------------------------------------------------------------------------------------------------


def _task_facts(queries: TableQueries, tasks: pd.DataFrame) -> list[Fact]:
    keys = set(tasks["task_key"])
    facts = []
    for doc_id in tasks["doc_id"].unique():
        result: QueryResult = queries.tasks(doc_id=doc_id)
        facts += [f for f, k in zip(result.facts, result.frame["task_key"], strict=True) if k in keys]
    return facts


def _progress_gist(subs: pd.DataFrame) -> str:
    text = _flat(subs["progress"].iloc[0])
    text = re.sub(r"^【[^】]*】", "", text)
    return text[:120] + ("…" if len(text) > 120 else "")


UNIT_SPELLINGS = {"平方米": ("平方米", "m2", "㎡"), "立方米": ("立方米", "m3", "m³"), "公里": ("公里", "千米", "km")}


def _threshold(text: str) -> tuple[str, float, str] | None:
    """「60%及以上」「不低于60%」 → (comparison word, bound, unit) for `_passes`."""
    after = re.search(rf"(\d+(?:\.\d+)?)\s*(%|{COUNT_UNITS})\s*[（(]?(及以上|或以上|以上|及以下|或以下|以下)", text)
    if after:
        # 「以上」「以下」 include the bound, as in Chinese regulations
        word = {
            "及以上": "不低于",
            "或以上": "不低于",
            "以上": "不低于",
            "及以下": "不高于",
            "或以下": "不高于",
            "以下": "不高于",
        }
        return word[after.group(3)], float(after.group(1)), after.group(2)
    before = re.search(
        rf"(不低于|不少于|不高于|不超过|高于|超过|大于|低于|少于|小于|不足)\s*(\d+(?:\.\d+)?)\s*(%|{COUNT_UNITS})", text
    )
    if before:
        return before.group(1), float(before.group(2)), before.group(3)
    return None


def _states_unit(text: str, unit: str) -> bool:
    """Whether `text` gives a figure in `unit`: 「17.80m2」, 「4.68*：…单位为万吨」."""
    spellings = "|".join(re.escape(s) for s in UNIT_SPELLINGS.get(unit, (unit,)))
    return bool(re.search(rf"\d\s*({spellings})|单位(为|是|：|:)\s*({spellings})", text))


def _unit_names(column: pd.Series) -> list[str]:
    """Department names in 「、」-joined cells, longest first (so 「市生态环境局」 wins over 「生态环境局」)."""
    names = {n.strip() for cell in column if isinstance(cell, str) for n in cell.split("、") if len(n.strip()) >= 2}
    return sorted(names, key=len, reverse=True)


def _names_unit(cell, unit: str) -> bool:
    """Whether a 「、」-joined cell names `unit` (「交通局」 in 「市交通局、各区镇」)."""
    return isinstance(cell, str) and any(unit in n or (len(n) >= 3 and n in unit) for n in cell.split("、"))


def _asked_fields(u: Understanding, rows: pd.DataFrame) -> int:
    """How many of the fields the question asks for (分值, 牵头单位, …) the rows fill."""
    columns = {ASKED_FIELDS.get(ask) for ask in u.asks} - {None}
    return sum(1 for c in columns if c in rows and rows[c].map(lambda v: bool(v) and v == v).any())


def _has_asked_field(u: Understanding, rows: pd.DataFrame) -> bool:
    return _asked_fields(u, rows) > 0


def _years_text(u: Understanding) -> str:
    return u.plan_period + "期间" if u.plan_period else "、".join(f"{y}年" for y in u.years)


def _without_names(text: str, u: Understanding) -> str:
    """The words that pick a row: the document and regions are chosen by filters already."""
    from corpus.glossary import REGIONS

    for name in u.document_names:
        text = text.replace(name, " ")
    for full in u.regions:
        for name in (full, *REGIONS.get(full, ())):
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def _on_topic_row(row, topic: str) -> bool:
    from corpus.glossary import TOPICS

    text = " ".join(str(row[c]) for c in ("task", "content", "requirement") if isinstance(row[c], str))
    return any(word in text for word in TOPICS.get(topic, (topic,)))


def _row_has_year(row, table: str, years: list[int]) -> bool:
    if any(f"{y}年" in row["row_text"] for y in years):  # 「1.03（2017年数据）」, 「2022年度…执行率」
        return True
    if table == "tasks":
        return row["year"] in years
    candidates = {row["year"], row["target_year"], row["current_year"], row["baseline_year"]}
    if isinstance(row["values_by_year"], str) and row["values_by_year"]:
        candidates |= {int(y) for y in json.loads(row["values_by_year"])}
    return any(y in candidates for y in years)


def _passes(value, word: str, limit: float) -> bool:
    if not isinstance(value, int | float):
        return False
    if word in ("低于", "小于", "不足", "不到", "少于"):
        return value < limit
    if word in ("不高于", "不超过", "以下"):
        return value <= limit
    if word in ("不低于", "不少于", "以上"):
        return value >= limit
    return value > limit  # 高于, 超过, 大于


def _keep(result: QueryResult, predicate) -> QueryResult:
    facts = [f for f in result.facts if predicate(f)]
    locators = {f.source["locator"] for f in facts}
    return QueryResult(result.table, result.frame, facts, [r for r in result.rows if r.locator in locators])


def _unique_rows(rows) -> list[RowRef]:
    seen, unique = set(), []
    for r in rows:
        key = (r.doc_id, r.locator, r.quote)
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=。)", _flat(text))[0].rstrip("。")


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text or "").strip()


def _date_cn(iso: str) -> str:
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{year}年{month}月{day}日"


def _unit_after(text: str, unit: str) -> str:
    """Append the unit to a bare number (「95.5」 → 「95.5%」), not to words or text with a unit."""
    flat = _flat(str(text))
    return unit if unit and re.fullmatch(r"[<>≤≥＜＞]?\s*[\u4e00-\u9fff]{0,4}\s*[<>≤≥]?\s*-?\d+(\.\d+)?", flat) else ""


def _is_number(value) -> bool:
    return isinstance(value, int | float) and value == value


def _n(value) -> str:
    """A number as the documents write it: 15, 85.49, 0.55."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    value = float(value)
    if value != value:
        return ""
    return str(int(value)) if value.is_integer() else f"{round(value, 4):g}"


__all__ = ["STATUS_LABELS", "NoData", "StructuredAnswerer", "StructuredReply"]
