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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from assistant.planner import (
    GAP_ASKED,
    SCOPING_FIELDS,
    Missing,
    Planner,
    Planning,
    base_year,
    names_pollutant,
    of_targets,
    yes_no_label,
)
from assistant.slots import Question, canonical_unit
from assistant.wording import nothing_found, word
from corpus.gazetteer import gazetteer
from corpus.glossary import MEASURE_UNITS, PLACES_ASKED, POLLUTANTS, WATER_PARAMETERS, canonical_pollutant
from corpus.metadata import states_own_number
from structured.executor import Executor, ResultSet
from structured.facts import Fact, fmt, is_number
from structured.generic import says_verdict
from structured.numbers import difference_unit
from structured.plan import BOUND_OPS, Filter, QueryPlan

if TYPE_CHECKING:  # langchain is imported only when an LLM is configured
    from assistant.llm_planner import LLMPlanner

# A row found by its words this well answers outright; below ROW_SURE, running text that covers
# the question better (by TEXT_MARGIN, or at all below ROW_CONFIDENT) answers instead.
ROW_CONFIDENT = 0.6
LOOSE_ROWS = 5  # rows a list's conditions may find for its other words to be let go
ROW_SURE = 0.8
WORDS_ALL = 0.99  # a row that says every word of the question's (its confidence)
# 「是哪些部门牵头」「由谁负责」「牵头单位是哪个」: who leads, asked (not 「哪个单位排放量最大」, nor the 「谁」 of 「谁的浓度更高」)
LEAD_ASKED = re.compile(r"(哪|谁|什么)[^，,。？?]{0,6}(牵头|负责)|(牵头|负责)[^，,。？?]{0,6}(哪|谁|什么)")
LEAD_SAID = re.compile(r"牵头|负责")  # a sentence that may name the lead
NOW_ASKED = re.compile(r"目前|现在|当前|眼下|最新")  # 「目前进度滞后的任务」: as the most recent report stands
LEAD_MISMATCH = "牵头单位"
FIGURE_MISMATCH = "具体数值"
SPAN_MISMATCH = "起止时间"
# 「禁烧巡查从什么时候到什么时候」「每年几月到几月」: a span asked, which a deadline (完成时限) is not
WHEN = r"什么时候|什么时间|何时|哪天|几号"
SPAN_ASKED = re.compile(rf"({WHEN})(开始)?(到|至)({WHEN})|起止时间")
SPAN_SAID = re.compile(r"\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*(至|到|—|-|~|－)\s*(次年|20\d\d\s*年)?\s*\d{1,2}\s*月")
SUBMIT_MISMATCH = "报送时间或报送单位"
QUARTER_MISMATCH = "该季度的安排"  # 「第四季度…要在什么时间前完成」 of a row with a year's deadline only
DATE_SAID = re.compile(r"\d{1,2}\s*月\s*(\d{1,2}\s*日|底|[上中下]旬)")
# 「总投资多少钱」「安排了多少资金」: an amount of money, which a row states in 元 (万元、亿元)
MONEY_ASKED = re.compile(r"多少(钱)|(?:投资|资金|经费)(?:是|有|为)?多少(?!\s*[个项家%])|(?:总投资)")
DONE_SAID = r"已经?(完成|建成|淘汰|整改|实现|安装|改造|治理|关停|拆除)|完成了|累计完成|截至|截止"  # work done, said
# fields of a project a question may ask that the tables seldom hold: said only where a row or a header says them
RARE_FIELD = re.compile(
    r"(施工|设计|建设|监理|运营|承建|中标|代建)(单位|企业)|(环评)?(批复|审批)?文号|批复|联系人|联系电话|电话|地址|经纬度|坐标|法人代表|法定代表人|统一社会信用代码"
    r"|保有量"  # (「机动车保有量」: a statistic a plan's sentence on 机动车 does not state by the way)
    + "".join(f"|{w}" for w in WATER_PARAMETERS)  # 「化学需氧量均值」 of a sheet stating 氨氮 and 总磷 only
)
BUILDING = r"(承建|施工|中标|代建|运营|运维)"
WHO_BUILDS = re.compile(
    rf"哪家(?:公司|企业|单位)?[^，。？?]{{0,4}}?{BUILDING}(?=的|[？?]|$)|{BUILDING}的?(?:是|单位是)?哪家"
)
SHORT_OF_ROWS = 3  # rows a yes/no bound may be answered 「否」 for, each with its own figure
TEXT_MARGIN = 0.15
ASKED_FIELD_BONUS = 0.15  # the row has the field asked for (a milestone, a lead unit …)
FIGURE_MARGIN = 0.05  # an indicator row this close to the best task row states a figure more plainly
ASKED_FIELDS = {"milestone": "milestones", "lead": "lead_units", "deadline": "deadline_text", "points": "task_points",
                "attribute": "attribute", "current": "current_text", "target": "target_text"}  # fmt: skip
UNIT_SPELLINGS = {"平方米": ("平方米", "m2", "㎡"), "立方米": ("立方米", "m3", "m³"), "公里": ("公里", "千米", "km")}


@dataclass
class TableAnswer:
    result: ResultSet
    text: str
    confidence: float
    mismatch: str = ""  # what the question asks that the rows do not give
    unit: str = ""  # the unit of that figure (「辆」), which running text may state
    lacking: str = ""  # the field asked that no row holds (「施工单位」), which running text may name
    others: list[ResultSet] = field(default_factory=list)  # the same question answered for other places

    @property
    def results(self) -> list[ResultSet]:
        return [self.result, *self.others]

    def stated_in(self, sentence: str) -> bool:
        """Whether a sentence gives what the rows lack: a figure in the unit asked, or the lead asked."""
        if self.mismatch == FIGURE_MISMATCH:
            return bool(re.search(r"\d", sentence))
        if self.mismatch == LEAD_MISMATCH:
            return bool(LEAD_SAID.search(sentence))
        if self.mismatch == SPAN_MISMATCH:
            return bool(SPAN_SAID.search(sentence))
        if self.mismatch == SUBMIT_MISMATCH:
            return bool(SUBMIT_SAID.search(sentence))
        if self.mismatch == QUARTER_MISMATCH:
            return bool(DATE_SAID.search(sentence))
        if self.lacking:
            return self.lacking in sentence
        return bool(self.unit) and states_unit(sentence, self.unit)


class TableAnswerer:
    """`llm_planner` (optional) fills in a plan when the rules leave a question unanswered."""

    def __init__(self, planner: Planner, executor: Executor, llm_planner: LLMPlanner | None = None) -> None:
        self.planner = planner
        self.executor = executor
        self.llm_planner = llm_planner
        self._names: dict[str, frozenset[str]] = {}

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
        by_place = self._per_place(q, planning)
        if by_place is not None:
            return by_place
        elsewhere = self._target_elsewhere(q) or self._reading_against_plan(q)
        if elsewhere is not None:
            return elsewhere
        emptied = None  # 「没有…」 is the answer only if no other table the question names has the rows
        partly = None  # rows only some of the question's words found: a later table that reads them all answers first
        unstated = None  # rows that state no figure in the unit asked (「多少家」): another table's rows may
        for plan in planning.plans:
            result = self._execute_named_places(plan, q)
            if not result.empty and self._county_for_city(plan, result, q):
                continue
            if not result.empty:
                if plan.unconsumed and (partly is not None or (plan.match and result.confidence < ROW_CONFIDENT)):
                    partly = partly or result
                    continue
                # (「这两家的罚款都交了吗」: some of the rows named do not)
                partial = self._short_of_bound(plan, q, met=result) if self._several_named(plan) else None
                answer = partial or _beyond_reports(result, q) or self._answer(q, result)
                if isinstance(answer, TableAnswer) and answer.mismatch:
                    unstated = unstated or answer  # kept unless a later table's rows state it
                    continue
                return answer
            station, pollutant = plan.filter_on("station"), plan.filter_on("pollutant")
            if plan.table == "stations" and station and pollutant:  # the station is read, not for that
                return Missing(f"{station.label}子站的{pollutant.label}读数", final=True)
            if plan.match and not result.frame.empty:
                continue
            loose = self._without_words(plan, q)
            if loose is not None:
                return self._answer(q, loose)
            if emptied is None and partly is None and self._conditions_emptied(plan):
                emptied = self._short_of_bound(plan, q) or TableAnswer(result, nothing_found(result), 1.0)
                others = [p.table for p in planning.plans if p is not plan]
                # (「国控断面里面有没达标的吗」: none of the 断面, though the stations are 国控 too and some fail)
                called = self.planner.rows_called(plan.table, q) and not any(
                    self.planner.rows_called(t, q) for t in others
                )
                # 「阳春市在建项目有几个」: none, not another table's rows
                if _names_its_rows(plan, q, others) or called:
                    return emptied
        if partly is not None:
            answer = _beyond_reports(partly, q) or self._answer(q, partly)
            if not (isinstance(answer, TableAnswer) and answer.mismatch):
                return answer
            unstated = unstated or answer
        if emptied is not None and unstated is None:
            return emptied
        best: ResultSet | None = None
        for plan in planning.fallbacks:
            result = self._execute(plan, q)
            if result.empty or self._county_for_city(plan, result, q):
                continue
            if planning.missing and result.confidence < ROW_CONFIDENT:
                continue  # the table the question names has no such rows; a loose match is no answer
            if planning.missing and plan.aggregate in ("mean", "sum") and result.value is None:
                continue  # rows with no figure to average or add up answer no 「平均浓度是多少」
            ranked = result.scope if result.scope is not None else result.frame
            if plan.ranking and PLACES_ASKED.search(q.text) and "region" in ranked and ranked["region"].nunique() < 2:
                continue  # 「哪个区县最低」 of one place's rows: no 区县 is ranked
            if best is None or _better(result, best):
                best = result
        if best is not None:
            answer = _beyond_reports(best, q) or self._answer(q, best)
            if not (unstated and isinstance(answer, TableAnswer) and answer.mismatch):
                return answer
        return unstated or planning.missing

    def _target_elsewhere(self, q: Question) -> TableAnswer | None:
        """「凤翔区上半年PM2.5跟今年的年度目标比，差了多少」: the place's reading in one sheet against its target in a
        sheet of targets (「…各县区环境质量目标」), each row cited, the gap computed."""
        asked = q.has("compare") or q.has("versus_target") or bool(GAP_ASKED.search(q.text))
        if "target" not in q.values("ask") or not asked or not q.regions or q.follow_up or q.monthly or q.has("year"):
            return None  # (a month's or another year's reading is no half-year's against this year's target)
        schemas = self.planner.schemas
        targets = [t for t, s in schemas.items() if of_targets(s)]
        for target_table in targets:
            target = schemas[target_table].measure_for(q.text)
            for table, schema in schemas.items():
                spec = schema.measure_for(q.text) if schema.generic and table not in targets else None
                if target is None or spec is None or schema.gap_measure(spec.name):
                    continue
                if canonical_unit(spec.unit) != canonical_unit(target.unit):  # (「μg/m³」 is 「微克/立方米」)
                    continue
                found = [self._one_row(t, m, q.regions) for t, m in ((table, spec.name), (target_table, target.name))]
                if all(r is not None for r in found):
                    return _against_target(*found)
        return None

    def _reading_against_plan(self, q: Question) -> TableAnswer | None:
        """「衢州今年1—9月全市PM2.5平均浓度是多少？离2045年规划目标还差多少？」: the city's reading (the whole row of a
        sheet of readings) against the target a plan's indicator sets for the year said, both rows cited."""
        pollutants, years = set(q.values("pollutant")), {s.value for s in q.of("year")}
        cities = [r for r in q.regions if gazetteer().level_of(r) == "city"]
        if "target" not in q.values("ask") or not GAP_ASKED.search(q.text) or len(pollutants) != 1 or len(years) != 1:
            return None
        # (「全市…离规划2050年的目标」 with no city named: the one city whose plan sets a target for that year)
        if (len(cities) != 1 or len(q.regions) != 1) and (q.regions or "全市" not in q.text):
            return None
        (pollutant,), (year,) = pollutants, years
        where = (Filter("region", "in", tuple(cities)),) if cities else ()
        where += (Filter("target_years", "contains", (str(year),)),)
        target = self.executor.run(QueryPlan("indicators", filters=where, measure="target", shape="detail"))
        named = target.frame["full_name"].map(lambda name: names_pollutant(str(name), pollutant))
        target.frame = target.frame[named & target.frame["target_value"].map(is_number)]
        if len(target.frame) != 1:
            return None
        reading = self._whole_reading(str(target.frame["region"].iloc[0]), pollutant)
        if reading is None:
            return None
        target.rows = [r for r in target.rows if r.locator in set(target.frame["locator"])]
        return _against_plan(reading, target, year)

    def _whole_reading(self, city: str, pollutant: str) -> ResultSet | None:
        """The one whole row (「全市」「全市平均」) of the city's sheets that reads the pollutant, else None."""
        holdings, found = self.planner.holdings, []
        for table, schema in self.planner.schemas.items():
            if not schema.generic or table not in holdings.totals:
                continue
            if not any(holdings.doc_regions.get(d) == city for d in holdings.docs.get(table, ())):
                continue
            read = [m for m in schema.measures.values() if names_pollutant(m.label, pollutant)
                    and not re.search(r"目标|同比|变化|同期|排名", m.label)]  # fmt: skip
            if len(read) != 1:
                continue
            where = (Filter("total_row", "eq", True), Filter("entity", "excludes", ("其中：", "其中:")))
            result = self.executor.run(QueryPlan(table, filters=where, measure=read[0].name, shape="detail"))
            if len(result.frame) == 1 and is_number(result.frame[read[0].column].iloc[0]):
                found.append(result)
        return found[0] if len(found) == 1 else None

    def _one_row(self, table: str, measure: str, places: tuple[str, ...]) -> ResultSet | None:
        """The one row per place of a sheet, read for a measure; None unless each place has exactly one with a figure."""
        # (a city's own figures are its 全市 row's)
        whole = all(gazetteer().level_of(p) == "city" for p in places)
        where = (Filter("region", "in", tuple(places)), Filter("total_row", "eq", whole))
        result = self.executor.run(QueryPlan(table, filters=where, measure=measure, shape="detail"))
        column = result.schema.measures[measure].column
        figures = result.frame[column] if column in result.frame else pd.Series(dtype=float)
        if len(result.frame) != len(places) or not all(is_number(v) for v in figures):
            return None
        return result

    def _one_county_unasked(self, q: Question, result: ResultSet) -> bool:
        """Whether a figure asked with no place named (「危险废物规范化管理评估要评多少家」) finds one 区县's task
        row only: the figure the question means may be the city's, which running text states."""
        plan = result.plan
        if plan.table != "tasks" or not plan.match or q.regions or q.follow_up or result.frame.empty:
            return False
        if not (q.has("count") or "value" in q.values("ask")):
            return False
        regions = set(result.frame["region"].astype(str))
        if len(regions) != 1 or gazetteer().level_of(next(iter(regions))) != "county":
            return False
        # (a county's own file: its rows are the figures asked, not its city's)
        cities = {self.planner.holdings.doc_regions.get(d, "") for d in result.frame["doc_id"]}
        return all(gazetteer().level_of(c) == "city" for c in cities)

    def _county_for_city(self, plan: QueryPlan, result: ResultSet, q: Question) -> bool:
        """Whether the one task the question's words find is a 区县's, while the question asks its city's figure
        (「宝鸡今年全市要淘汰多少辆国四柴油货车」 of 金台区's 「淘汰…320辆」): the city's figure is the text's."""
        if plan.table != "tasks" or not plan.match or plan.shape != "detail" or q.follow_up:
            return False
        if not (q.has("count") or "value" in q.values("ask")):
            return False  # 「开封市农村生活污水治理是哪些部门牵头」: the task's row, read for what it lacks
        cities = [r for r in q.regions if gazetteer().level_of(r) == "city"]
        if not cities or len(cities) != len(q.regions):
            return False
        regions = set(result.frame["region"].astype(str))
        parents = self.planner.holdings.parents
        return all(gazetteer().level_of(r) == "county" and parents.get(r, "") in cities for r in regions)

    def _without_words(self, plan: QueryPlan, q: Question) -> ResultSet | None:
        """A list whose conditions (a deadline, a threshold, a status) find a few rows, none of which
        says the question's other words (「要求11月底前建成投运」 of a row 「11月底前，完成项目建设并投入
        运行」): those rows, since the words only paraphrase what the conditions already pick."""
        deciding = [f for f in plan.filters if f.field not in SCOPING_FIELDS]
        if not plan.match or not deciding or plan.shape != "list":
            return None
        result = self._execute(plan.with_(match="", match_all=False), q)
        if not 0 < len(result.frame) <= LOOSE_ROWS or "row_text" not in result.frame:
            return None
        wanted = set(re.sub(r"[\s|]", "", plan.match))
        if not all(len(wanted & set(text)) >= 0.6 * len(wanted) for text in result.frame["row_text"]):
            return None  # 「黑臭水体」 of rows about something else: the words were no paraphrase
        q.notes = [*q.notes, f"表格中没有逐字写「{plan.match.replace('|', '、')}」的行，以上按问题的其余条件列出"]
        return result

    def _per_place(self, q: Question, planning: Planning) -> TableAnswer | None:
        """A question that names no place or year, nor a document of one city only, which the tables of several
        cities answer (「哪个县区的省级以上资金执行率最低？」 over 江门's and 清远's reports; 「工作方案附件里」 of two
        cities' 工作方案): answered for each city, the most recent report first, and said so — not one city's rows
        mixed with another's."""
        if q.regions or q.follow_up or any(not base_year(s, q) for s in q.of("year")):
            return None
        if self._one_city_names(q):  # 「寿光羊口站跟诸城密州站」: rows only one city's sheet has
            return None
        if q.doc_ids and len(self._cities(set(q.doc_ids))) < 2:  # 「工作方案附件里」 of two cities' 工作方案: each
            return None
        answers: dict[str, tuple[int, ResultSet]] = {}
        # (a table that cannot take all the question's conditions — 「全市…平均浓度」 of a list of stations — is none)
        # (no table cued: the tables whose rows the question's words find, 「入河排污口整治还差多少个」)
        cued = planning.plans or planning.fallbacks
        fewest = min((self.planner.unsaid(p.table, q) for p in cued), default=0)
        plans = [p for p in cued if self.planner.unsaid(p.table, q) == fewest]
        # (「哪个项目审批最快」: a sheet ranking by a figure it reads — days from 受理 to 审批 — before a table ranking by
        # none of its own)
        measured = any(p.ranking and p.measure for p in plans)
        plans = [p for p in plans if not (measured and p.ranking and not p.measure and not p.aggregate)]
        # a city's table that the question's words fully name before one whose rows its leftover words match
        # (「全都达标的站点」: a city's station sheet, not a task mentioning 站点)
        unsaid = set()  # cities whose rows are found but lack what is asked (a lead, a figure in its unit …)
        for plan in sorted(plans, key=lambda p: bool(p.match)):
            docs = self.planner.holdings.docs.get(plan.table, set())
            for city, city_docs in self._cities(docs).items():
                if city in answers:
                    continue
                result = self._execute(plan.with_(filters=(*plan.filters, Filter("doc_id", "in", city_docs))), q)
                if not result.empty and (not plan.match or result.confidence >= ROW_CONFIDENT):
                    if self._says_it(q, result):
                        answers[city] = (_latest_year(result), result)
                    else:
                        unsaid.add(city)
        # a city whose rows the question's words name fully (「淘汰老旧柴油货车」, an indicator of its plan), before one
        # whose rows of another table only share some of them (「鼓励淘汰老旧船舶」 of a 柴油货车 task): that city's alone
        worded = [result for _, result in answers.values() if result.plan.match]
        best = max(worded, key=lambda r: r.confidence, default=None)
        # (rows of the same table stand side by side; so do lists, which other tables' conditions pick)
        if best is not None and best.confidence >= WORDS_ALL and best.plan.shape == "detail":
            answers = {c: a for c, a in answers.items()
                       if not a[1].plan.match or a[1].confidence >= WORDS_ALL
                       or a[1].plan.table == best.plan.table}  # fmt: skip
        if len(answers) == 1 and unsaid - set(answers):  # 「化工企业关闭退出谁牵头」: the one city's rows that say it
            return self._answer(q, next(iter(answers.values()))[1])
        if len(answers) < 2:
            return None
        ordered = sorted(answers.items(), key=lambda item: -item[1][0])
        if NOW_ASKED.search(q.text) and ordered[0][1][0] > ordered[1][1][0]:  # 「目前…」: the most recent report's
            (city, (_, result)), others = ordered[0], "、".join(c for c, _ in ordered[1:])
            said = f"（问题问的是目前，以上据{city}最新的文件；{others}的文件也有相关表格，需要时请指明地区。）"
            return TableAnswer(result, f"{word(result)}\n{said}", 1.0)
        texts = [f"【{city}】\n{word(result)}" for city, (_, result) in ordered]
        cities = "、".join(city for city, _ in ordered)
        lead = f"问题没有指明地区，{cities}的文件都有相关表格，分别作答（较新的在前）：\n"
        results = [result for _, (_, result) in ordered]
        return TableAnswer(results[0], lead + "\n\n".join(texts), 1.0, others=results[1:])

    def _says_it(self, q: Question, result: ResultSet) -> bool:
        """Whether the rows answer what is asked as a lone city's would: not what they lack (a report to send, a span,
        an amount in 元 …), which the text may say."""
        answer = self._answer(q, result)
        return isinstance(answer, TableAnswer) and not answer.mismatch and answer.confidence >= ROW_CONFIDENT

    def _one_city_names(self, q: Question) -> bool:
        """Whether the rows the question names by their own words (a station, a sheet's row name) are all
        one city's: 「寿光羊口站」 is 潍坊's; 「市级」 or 「PM10」 every city's tables write."""
        # (a pollutant, however a sheet writes it 「PM₁₀」, is every city's)
        named = [s.text for s in q.of("entity") if not canonical_pollutant(str(s.value[2]))]
        named += [s.text for s in q.of("station")]
        if not named:
            return False
        docs: set[str] = set()
        for frame in self.executor.frames.values():
            saying = frame["row_text"].astype(str).str.contains("|".join(map(re.escape, named)), case=False)
            docs |= set(frame.loc[saying, "doc_id"])
        return len(self._cities(docs)) == 1

    def cities_of(self, docs: set[str]) -> set[str]:
        """The cities the documents are about (a 区县's document is its city's)."""
        return set(self._cities(docs))

    def _cities(self, docs: set[str]) -> dict[str, tuple[str, ...]]:
        """The documents of a table by the city they are about."""
        holdings = self.planner.holdings
        cities: dict[str, list[str]] = {}
        for doc in sorted(docs):
            region = holdings.doc_regions.get(doc, "")
            city = region if gazetteer().level_of(region) != "county" else holdings.parents.get(region, region)
            cities.setdefault(city, []).append(doc)
        return {city: tuple(found) for city, found in cities.items() if city}

    def _execute(self, plan: QueryPlan, q: Question) -> ResultSet:
        result = self.executor.run(plan)
        generic = self.planner.schemas[plan.table].generic
        if generic and plan.aggregate == "sum" and not plan.group_by and not plan.ranking and not result.value:
            # 「郧西县那家化工企业罚了多少钱」 of a row whose 罚款 is 「—」: no sum of 0 but the row, which says it has none
            rows = self.executor.run(plan.with_(aggregate="", shape="detail"))
            column = rows.schema.measures[plan.measure].column if plan.measure in rows.schema.measures else ""
            unstated = column in rows.frame and pd.to_numeric(rows.frame[column], errors="coerce").isna().all()
            result = rows if not rows.empty and unstated else result
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
        if plan.shape == "detail" and (_name_unsaid(plan.match, result) or self._one_county_unasked(q, result)):
            # 「天沙河的黑臭现象」 of a row on 黑臭河道; 「…要评多少家」 of one 区县's task row: text may say it
            confidence = min(confidence, ROW_CONFIDENT - 0.01)
        if (
            plan.table == "tasks"
            and plan.shape in ("detail", "yesno")
            and _asks_done(q, plan)
            and not any(result.frame["progress"])
            and not SUBMIT_ASKED.search(q.text)  # (「11月进展材料最晚哪天报」 asks when to report, not what is done)
        ):
            row = result.frame.iloc[0]
            # (a heading 「一、工作目标」 names no task: its requirement does)
            said = row["requirement"] if re.match(r"[一二三四五六七八九十]+、", str(row["task"])) else row["task"]
            task = re.split(r"(?<=[。，,；;])", str(said or row["task"]))[0].rstrip("。，,；;")
            # running text may say it (「已完成整改31项」), not the plan's own requirement
            return Missing(f"{task}的实际完成情况（文件只有计划要求）", needs=DONE_SAID)
        after = _asked_after_period(q, plan, result)
        if after:
            return Missing(after, final=True)
        text = word(result)
        answer = TableAnswer(result, text, confidence)
        # 「多少辆」; 「发生了几起」 (events, cases: no row of a plan's table counts them unless it says so)
        counted = re.search(
            rf"多少\s*({MEASURE_UNITS})(?!百分点|理|置|罚)|(?<!哪)几\s*(起|宗)", q.text
        )  # (not 「多少处理能力」)
        # (「总投资多少钱」: an amount in 元)
        unit = (counted.group(1) or counted.group(2)) if counted else "元" if MONEY_ASKED.search(q.text) else ""
        spec = result.schema.measures.get(plan.measure)
        # (「…罚了多少钱」 of a register whose 罚款（万元） the row leaves 「—」: its row says so, no text is looked for)
        column_of_unit = (spec is not None and unit and spec.unit.endswith(unit) and plan.shape == "detail"
                          and result.schema.generic)  # fmt: skip
        if plan.match and unit and not states_unit(text, unit) and not column_of_unit:
            # 「多少辆」 but the rows state no such figure: only text that does may answer
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch, answer.unit = "金额" if unit == "元" else f"以「{unit}」计的数值", unit
        elif plan.match and plan.table == "tasks" and _figure_unstated(q, result):
            # 「全市煤炭消费总量要压到多少以下」 of a task 「完成…削减任务」 that states no figure: text that does answers
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch = FIGURE_MISMATCH
        elif (
            plan.table == "indicators"
            and NOW_ASKED.search(q.text)
            and "target" not in q.values("ask")
            and not result.frame["current_text"].astype(bool).any()
        ):
            # 「…比例现在是多少」 of a plan's base-year and target figures: a sentence with the figure reached answers
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch = FIGURE_MISMATCH
        elif unnamed := _row_unnamed(q, self._row_names(plan.table)):
            # 「黄柏河东支天福庙断面」 of a sheet that holds 黄柏河's 夜明珠 only: its rows are another section's
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch, answer.lacking = f"「{unnamed}」", unnamed
        elif unquoted := _quote_unwritten(q, result):
            # 「拿到“两山”…命名的县」: a quoted name no row of the table writes — text may say it, else none
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch, answer.lacking = f"「{unquoted}」", unquoted
        elif SUBMIT_ASKED.search(q.text) and not _rows_say(result, SUBMIT_SAID):
            # 「整改方案什么时候前报上去、报给谁」 of rows that send nothing anywhere: what the document asks its readers
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch = SUBMIT_MISMATCH
        elif unstated := _field_unstated(q, result):
            # 「…是哪家施工单位在做」「环评批复文号是多少」: a field no row or header holds — text may say it, else none
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch, answer.lacking = f"「{unstated}」", unstated
        elif unnamed := _things_unnamed(q, result):
            # 「要消除哪几条河的黑臭」 of an indicator on 黑臭水体比例: the rows name no river — text may
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch, answer.lacking = f"「{unnamed}」的名称", unnamed
        elif plan.table == "tasks" and SPAN_ASKED.search(q.text) and not _rows_say(result, SPAN_SAID):
            # 「禁烧巡查从什么时候到什么时候」 of rows with a deadline only: a sentence that gives the span answers
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch = SPAN_MISMATCH
        elif unread := _reading_unsaid(q, result):
            # 「彬州1-9月SO2浓度是多少」 of a task naming 彬州's boilers: a reading no row of the tasks states
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch, answer.lacking = f"{unread}的读数", unread
        elif confidence >= ROW_CONFIDENT and _quarter_unsaid(q, result):
            # 「第四季度…由哪个部门牵头？要在什么时间前完成」 of a row with its year's deadline only: a sentence that
            # sets a date for that work answers first, or a later table's rows that say the quarter; else this row
            answer.mismatch = QUARTER_MISMATCH
        elif LEAD_ASKED.search(q.text) and not _states_department(result):
            # 「…是哪些部门牵头」 of rows with no 牵头单位: a sentence that names the lead answers, else none
            answer.confidence = min(confidence, ROW_CONFIDENT - 0.01)
            answer.mismatch = LEAD_MISMATCH
        return answer

    def _row_names(self, table: str) -> frozenset[str]:
        """The names of a table's rows (its 断面 / 站点 column), read once."""
        if table not in self._names:
            schema, frame = self.planner.schemas.get(table), self.executor.frames.get(table)
            column = (schema.naming_column if schema is not None and schema.generic else "station") or "entity"
            self._names[table] = (
                frozenset(map(str, frame[column])) if frame is not None and column in frame else frozenset()
            )
        return self._names[table]

    def _several_named(self, plan: QueryPlan) -> bool:
        """Whether a yes/no plan picks several rows by their names (「这两家」「晶川和绿野」), not by a condition."""
        schema = self.planner.schemas[plan.table]
        names = {schema.naming_column, schema.entity, schema.key, "station", "entity"} - {""}
        return plan.shape == "yesno" and any(
            f.op == "in" and not f.column and len(f.value) >= 2 and f.field in names for f in plan.filters
        )

    def _short_of_bound(self, plan: QueryPlan, q: Question, met: ResultSet | None = None) -> TableAnswer | None:
        """「樊城区执行率有没有超过60%」「鼓楼区是否达到序时进度要求」 where it has not: 「否」 with the row's own
        figures, not 「没有…记录」 — when the question names the column bounded (of a sheet, at most a few rows);
        `met`: the rows that do, when only some of those named do (「这两家的罚款都交了吗」: 「否，其中1个…未缴纳」)."""
        schema = self.planner.schemas[plan.table]
        answered = self.planner.yes_no_columns(plan.table, q)
        acts = {f.field for f in self.planner.act_cells(plan.table, q)}  # 「罚款交了吗」 of its 执行情况 cell
        named = {s.value[1] for s in q.of("column") if s.value[0] == plan.table} | set(answered) | acts
        bounds = [f for f in plan.filters if (f.op in BOUND_OPS and not f.column) or f.field in set(answered) | acts]
        if plan.shape != "yesno" or not schema.generic or not bounds or not all(f.field in named for f in bounds):
            return None
        kept = tuple(f for f in plan.filters if f not in bounds)
        result = self.executor.run(plan.with_(filters=kept, shape="detail"))
        if result.empty or len(result.frame) > SHORT_OF_ROWS:
            return None
        if met is not None and ("exists" in plan.asked or len(met.frame) >= len(result.frame)):
            return None  # every row named meets it (or some row meeting it is asked for: 「有没有…的」)
        said = "、".join(f.label for f in bounds if f.label)
        # a 是/否 column's own words (「否，未达到序时进度」); a bound's (「否，未满足「执行率高于60%」」)
        own = len(bounds) == 1 and answered.get(bounds[0].field) == "是" and bounds[0].label
        head = f"{yes_no_label(schema.labels[bounds[0].field], '否')}" if own else f"未满足「{said}」" if said else ""
        if (
            len(bounds) == 1 and bounds[0].field in acts
        ):  # 「否，执行情况为「未缴纳，已申请法院强制执行」」: as the cell says
            cells = "」「".join(dict.fromkeys(result.frame[bounds[0].field].astype(str)))
            head = f"{schema.labels[bounds[0].field]}为「{cells}」"
        if met is not None and not met.empty:
            frame, naming = result.frame, schema.naming_column if schema.naming_column in result.frame else "entity"
            short = frame.loc[~frame["row_id"].isin(met.frame["row_id"]), naming].astype(str).tolist()
            head = f"其中{'、'.join(short)}{head or '不满足'}"
        return TableAnswer(result, f"否{'，' + head if head else ''}：\n{word(result)}", 1.0)

    def _execute_named_places(self, plan: QueryPlan, q: Question) -> ResultSet:
        """The plan's result; but 「主城区秦都和渭城两个区…加起来」: words beside the places named (「主城区」) that only
        some of their rows write describe the places, they pick none of them out — the places' rows without them."""
        result = self._execute(plan, q)
        places = plan.filter_on("region")  # (the places the question names, not a city's 区县 it stands for)
        if not plan.match or places is None or places.op != "in" or len(places.value) < 2:
            return result
        if set(places.value) != set(q.regions) or set(places.value) <= set(result.frame.get("region", ())):
            return result
        loose = self._execute(plan.with_(match="", match_all=False), q)
        # (the places are the rows: a sheet of one row per place, not a place's tasks, which the words pick)
        rows = loose.frame.get("region", pd.Series(dtype=str))
        return loose if set(places.value) <= set(rows) and len(rows) == len(places.value) else result

    def _conditions_emptied(self, plan: QueryPlan) -> bool:
        """Whether the rows exist and only the plan's conditions (a status, a threshold) left none:
        then 「没有…」 is the answer, not a refusal."""
        kept = tuple(f for f in plan.filters if f.field in SCOPING_FIELDS)
        if (len(kept) == len(plan.filters) and plan.having is None) or plan.match:
            return False
        return not self.executor.run(
            plan.with_(filters=kept, having=None, ranking=None, aggregate="", shape="list", group_by="")
        ).empty


def _names_its_rows(plan: QueryPlan, q: Question, others: list[str]) -> bool:
    """Whether a condition of the plan is a value of its own table the question names (「在建」 of 建设状态), and of
    none of the `others` tables planned (「国控」 of the stations and of the river sections: either may hold it)."""
    # its own table's values (not 「达标」, nor another sheet's 「PM10」)
    named = {s.value[2] for s in q.slots if s.kind == "entity" and s.value[0] == plan.table
             and not says_verdict(s.value[2])}  # fmt: skip
    named -= {s.value[2] for s in q.slots if s.kind == "entity" and s.value[0] in others}
    return any(f.op == "in" and f.field != "region" and named & set(f.value) for f in plan.filters)


def _latest_year(result: ResultSet) -> int:
    years = pd.to_numeric(result.frame.get("year", pd.Series(dtype=float)), errors="coerce").dropna()
    return int(years.max()) if len(years) else 0


def _beyond_reports(result: ResultSet, q: Question) -> Missing | None:
    """「到9月底完成了几家」 asked of rows that report to the end of June: not in the documents."""
    cutoff = q.first("cutoff")
    if not cutoff or "period" not in result.frame or not re.search(r"完成了|已完成|已经|进展|做了|建成了", q.text):
        return None
    ends = [
        int(m.group(1))
        for p in set(result.frame["period"])
        for m in [re.fullmatch(r"\d{1,2}-(\d{1,2})月", str(p))]
        if m
    ]
    if ends and cutoff > max(ends):
        return Missing(f"截至{cutoff}月底的进展（表格只报告到{max(ends)}月底）", final=True)
    return None


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


def _states_department(result: ResultSet) -> bool:
    """Whether the rows name a department: a 牵头单位 / 责任部门 column (or a sheet's such header) filled."""
    schema, frame = result.schema, result.frame
    columns = [c for c, kind in schema.lexicon.items() if kind == "department"]
    columns += [c for c, label in schema.labels.items() if re.search(r"牵头|责任|负责|部门", str(label))]
    return any(c in frame and frame[c].map(lambda v: bool(v) and v == v).any() for c in columns)


# 「年底最后完成了没有」「最终建成了吗」: the outcome at the year's end, asked
YEAR_END_OUTCOME = re.compile(
    r"(年底|年末|最终|到头来|最后(?![一两二三四五六七八九十\d]*[项个条名位]))[^，。？?]{0,6}"
    r"(完成|建成|达标|做完|办完)(了没有?|没有|了吗|没|了多少)"  # not 「年底要完成多少」, the target
)


def _asked_after_period(q: Question, plan: QueryPlan, result: ResultSet) -> str:
    """What a question asks of the year's end when the task rows report a span that ends before it (「1-6月」):
    the documents do not say it."""
    if plan.table != "tasks" or not YEAR_END_OUTCOME.search(q.text) or "period" not in result.frame:
        return ""
    if (result.frame["status"] == "completed").all():
        return ""  # done by then: done at the year's end too
    periods = {str(p) for p in result.frame["period"] if str(p)}
    spans = [re.fullmatch(r"\d{1,2}-(\d{1,2})月", p) for p in periods]
    if not spans or not all(m and int(m.group(1)) < 12 for m in spans):
        return ""
    task = re.split(r"(?<=。)", str(result.frame["task"].iloc[0]))[0].rstrip("。")
    return f"{task}到年底的完成情况（表中只记录到{'、'.join(sorted(periods))}）"


# a date or a row's number, no figure of the rows: 「2020年12月底前」「2020.12」「序号：9-3」
NOT_A_FIGURE = re.compile(
    r"20\d\d\s*[-年./—]?(\s*\d{1,2}\s*[-月./]?(\s*\d{1,2}\s*日?)?)?|\d{1,2}\s*月(底|份|末|中旬|上旬|下旬)?|\d{1,2}\s*日"
    r"|序号\s*[:：]?\s*[\d\-（）()]+|[（(]\d+[）)]|\d+[.．、](?=\D)"
)


def _figure_unstated(q: Question, result: ResultSet) -> bool:
    """Whether 「多少」 (「数量要求」) is asked of task rows none of whose text states a figure (a date is none)."""
    if not re.search(r"多少|几(?![乎])|数量要求", q.text) or result.frame.empty:
        return False
    if "status" in result.frame and (result.frame["status"] == "not_started").all():
        return False  # 「第一项完成了多少」 of a task not begun: 未启动 (nothing done) is the answer
    said = NOT_A_FIGURE.sub(" ", " ".join(map(str, result.frame["row_text"])))
    return not re.search(r"\d", said)


def _asks_done(q: Question, plan: QueryPlan) -> bool:
    """「已经完成了多少」, not 「要完成多少」 (a plan's target) nor a milestone."""
    planned = "milestone" in plan.asked or re.search(r"[要需应][^，。？?]{0,4}?(?:完成|达到|实现|建成)|计划", q.text)
    return bool(
        ("progress" in plan.asked and not planned)
        or re.search(r"已经|已完成|截至|目前|至今|完成了|做完|实际|实测|达到了?没有|达没达到|达到.{0,4}了没", q.text)
    )


def states_unit(text: str, unit: str) -> bool:
    """Whether `text` gives a figure in `unit`: 「17.80m2」, 「4.68*：…单位为万吨」, 「〔2600〕吨」 (five years' sum)."""
    spellings = "|".join(re.escape(s) for s in UNIT_SPELLINGS.get(unit, (unit,)))
    return bool(
        re.search(rf"\d[〕\]］]?\s*[万亿]?\s*({spellings})|单位(为|是|：|:)\s*({spellings})", text)
    )  # 「1.2万户」


# a place's own name (「天沙河」「锦江河」「东湖公园」): a row that does not write it whole is about another place
PLACE_NAME = re.compile(
    r"^(?![沿入跨出临环])[\u4e00-\u9fff]{1,8}(河|江|湖|涌|渠|溪|湾|库|港|岛|山|桥|公园|园区)$"
)  # (长江, not 沿江)


def _name_unsaid(match: str, result: ResultSet) -> bool:
    """Whether a word of the question that reads as a river's, a lake's or a park's name is written whole by
    none of the rows found, which only share some of its characters."""
    texts = [str(t) for t in result.frame.get("row_text", [])]
    words = [w for w in re.split(r"[\s|]+", match) if PLACE_NAME.match(w)]
    return bool(texts) and any(not any(w in t for t in texts) for w in words)


# A section or a station named by the question (「天福庙断面」「南津关子站」), the words of a kind left out
NAMED_ROW = re.compile(r"([\u4e00-\u9fff]{2,4}?)(断面|子站|监测站)")
KIND_WORDS = re.compile(
    r"考核|国控|省控|市控|县控|国考|省考|自动|主要|全市|监测|重点|地表水|水质|跨界|出境|入境|交界|饮用水|哪些|哪个|这个|那个|各个?$"
)


def _row_unnamed(q: Question, names: frozenset[str]) -> str:
    """A section or station the question names (its name's last two characters and its kind, 「福庙断面」) that no
    row of the table is named by, when its rows were found by another of its names (the river 黄柏河)."""
    if not names or not q.has("entity"):
        return ""
    said = [(s.start, s.end) for s in q.slots if s.kind in ("entity", "station", "place")]
    for m in NAMED_ROW.finditer(q.text):
        start = max([m.start(1), *(end for begin, end in said if begin < m.end(1) and end > m.start(1))])
        stem = re.split(r"[的是为了在和及与或有类个些这那每各其几哪所上下里中]", q.text[start : m.end(1)])[-1]
        if len(stem) >= 2 and not KIND_WORDS.search(stem) and not any(stem[-2:] in n for n in names):
            return stem[-2:] + m.group(2)  # 「Ⅳ类的断面」「月湖区市监测站」 name no row of their own
    return ""


def rare_field(q: Question) -> str:
    """The field a question asks that tables and text seldom state (「施工单位」「高锰酸盐指数」), or ""."""
    asked = RARE_FIELD.search(q.text)
    if asked:
        return asked.group(0)
    builder = WHO_BUILDS.search(q.text)  # 「是哪家公司承建的」: who builds it, which 承建 says
    return (builder.group(1) or builder.group(2)) if builder else ""


def states_field(field: str, text: str) -> bool:
    """Whether a passage states the rare field asked: its word, or for a 文号 a document number (「随政发〔2078〕9号」)."""
    return field in text or (field.endswith("文号") and states_own_number(text))


def _quote_unwritten(q: Question, result: ResultSet) -> str:
    """A quoted name (「“两山”」) the rows found were matched by but none of them writes, else ""."""
    said = " ".join(map(str, result.frame.to_numpy().ravel())) if result.plan.match else ""
    return next((s.text for s in q.of("quote") if said and s.text in result.plan.match and s.text not in said), "")


THINGS_ASKED = re.compile(r"哪(?:几|些)(?:条|个|座|处)?(河|湖|水库|码头)")


def _things_unnamed(q: Question, result: ResultSet) -> str:
    """The things a question asks to be named (「哪几条河」) when none of the rows found names one."""
    asked = THINGS_ASKED.search(q.text)
    if not asked or result.frame.empty or result.plan.group_by:  # a list by a column names them
        return ""
    said = " ".join(map(str, [*result.schema.labels.values(), *result.frame.to_numpy().ravel()]))
    return "" if asked.group(1) in said else asked.group(1)


def _against_target(reading: ResultSet, target: ResultSet) -> TableAnswer:
    """Each place's reading, its target from the sheet of targets, and how far apart, with a fact of the gap."""
    spec = reading.schema.measures[reading.plan.measure]
    goal = target.schema.measures[target.plan.measure]
    lines, facts = [], []
    goals = dict(zip(target.frame["region"], target.frame[goal.column], strict=True))
    for row, ref in zip(reading.frame.itertuples(), reading.rows, strict=True):
        value, bound = float(getattr(row, spec.column)), float(goals[row.region])
        gap, places = abs(value - bound), max(spec.places, goal.places)
        unit = difference_unit(spec.unit)
        worse = value > bound if spec.lower_is_better else value < bound
        said = "高于" if value > bound else "低于" if value < bound else "等于"
        verdict = "未达到目标" if worse else "达到目标"
        lines.append(
            f"{row.region}：{spec.label} {fmt(value, spec.places)}{spec.unit}（《{reading.schema.title}》），"
            f"{goal.label} {fmt(bound, goal.places)}{goal.unit}（《{target.schema.title}》），{said}目标"
            f"{fmt(gap, places)}{unit}（由两数相减得出），{verdict}。"
        )
        facts.append(Fact(reading.plan.table, row.region, f"{spec.label}与目标之差", value, bound, unit,
                          "未达标" if worse else "达标", {"doc_id": ref.doc_id, "locator": ref.locator},
                          note=f"相差{fmt(gap, places)}（由两数相减得出）"))  # fmt: skip
    reading.facts = [*reading.facts, *facts]
    rows = [
        line if line.startswith("- ") else f"- {line}" for part in (reading, target) for line in word(part).splitlines()
    ]
    text = "\n".join([*lines, *rows])
    return TableAnswer(reading, text, 1.0, others=[target])


def _against_plan(reading: ResultSet, target: ResultSet, year: int) -> TableAnswer:
    """The city's reading, the plan's target for `year` and how far the reading is from it."""
    spec = reading.schema.measures[reading.plan.measure]
    row, goal = reading.frame.iloc[0], target.frame.iloc[0]
    value, bound = float(row[spec.column]), float(goal["target_value"])
    unit = spec.unit or str(goal["unit"])
    gap = round(abs(value - bound), 4)
    lower = str(goal["target_comparator"]).startswith(("≤", "<")) or spec.lower_is_better
    reached = value <= bound if lower else value >= bound
    city = str(goal["region"])
    said = f"已达到{year}年目标" if reached else f"距{year}年目标还差{fmt(gap)}{'个百分点' if unit == '%' else unit}"
    head = (f"{city}：{spec.label} {fmt(value, spec.places)}{unit}（《{reading.schema.title}》），"
            f"{goal['full_name']}{year}年目标 {goal['target_text']}{unit if unit != '%' else '%'}"
            f"（《{goal['doc_title']}》），{said}（由两数相减得出）。")  # fmt: skip
    ref = reading.rows[0]
    reading.facts = [*reading.facts, Fact(reading.plan.table, city, f"{spec.label}与{year}年目标之差", value, bound,
                                          unit, "达标" if reached else "未达标",
                                          {"doc_id": ref.doc_id, "locator": ref.locator},
                                          note=f"相差{fmt(gap)}（由两数相减得出）")]  # fmt: skip
    rows = [
        line if line.startswith("- ") else f"- {line}" for part in (reading, target) for line in word(part).splitlines()
    ]
    return TableAnswer(reading, "\n".join([head, *rows]), 1.0, others=[target])


def _field_unstated(q: Question, result: ResultSet) -> str:
    """The rare field a question asks (「施工单位」「环评批复文号」) when none of the rows found, nor their headers, say it."""
    asked = rare_field(q)
    if not asked or result.frame.empty:
        return ""
    said = " ".join(map(str, [*result.schema.labels.values(), *result.frame.to_numpy().ravel()]))
    # (「环评批复文号」: its 批复文号; a cell holding a document number states a 文号)
    return "" if states_field(asked, said) or asked.removeprefix("环评") in said else asked


def _reading_unsaid(q: Question, result: ResultSet) -> str:
    """A pollutant's reading asked (「SO2浓度是多少」) of task rows none of which names the pollutant, else ""."""
    asked = [p for p in q.values("pollutant") if re.search(r"浓度|均值|读数|监测值", q.text)]
    if result.plan.table != "tasks" or not asked or result.frame.empty:
        return ""
    said = " ".join(map(str, result.frame["row_text"])).lower()
    return next((p for p in asked if not any(a.lower() in said for a in (p, *POLLUTANTS.get(p, ())))), "")


def _quarter_unsaid(q: Question, result: ResultSet) -> bool:
    """Whether a quarter's work is asked (「第四季度…」) of rows that set none: no milestone, no quarter said."""
    quarter = q.first("quarter")
    if not quarter or not set(q.values("ask")) & {"deadline", "lead"} or result.frame.empty:
        return False  # (a quarter's reading or score, 「三季度…得分最低」, is a sheet's rows' to answer)
    titles = {result.schema.title, *map(str, result.frame.get("doc_title", []))}
    if any(str(quarter) in t for t in titles):  # 「第二季度河湖长巡河记录台账」: the quarter is the whole sheet's
        return False
    stages = result.frame.get("milestones")
    staged = stages is not None and any(str(m).strip() not in ("", "None", "nan", "[]", "{}") for m in stages)
    return not staged and not _rows_say(result, re.compile(re.escape(str(quarter))))


def _rows_say(result: ResultSet, said: re.Pattern) -> bool:
    return any(said.search(str(t)) for t in result.frame.get("row_text", []))


# 「…什么时候前报上去？报给谁？」「要在哪天之前报、报给谁」: what the document asks its readers to send (not
# 「举报给谁」「预报到哪天」「上报了吗」)
SUBMIT_ASKED = re.compile(
    r"(?<![举预通])报(送)?(给|到|至)(谁|哪)|(之?前|以前|哪天|几号|什么时候|啥时候|何时)(要|需|得|须)?报(上去|上来|送)?(给[^，,。？?]{1,6})?(?=[，,、？?]|$)"
)
SUBMIT_SAID = re.compile(r"报送|上报|报(市|省|区|县)")
