"""The assistant users talk to: understand, route, answer with citations — or refuse.

`PolicyAssistant` loads one data version (tables, indexes, models) once, and answers
from it. Routes: `structured` when a table query answers, `retrieval` for policy text,
`mixed` when a table answer also needs its measures or reasons from the text, and
`refusal` when nothing supports an answer.

>>> assistant = PolicyAssistant(Settings())  # doctest: +SKIP
>>> assistant.ask("海门市2020年PM2.5目标是多少？").route  # doctest: +SKIP
'structured'
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, replace
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from assistant.answer import EXTRACTIVE, Answer, Citation, refusal
from assistant.availability import Gate, ServiceUnavailable
from assistant.datadir import DataDir, Snapshot, damaged, retrieval_config
from assistant.documents import DocumentEntry, DocumentService, Upload
from assistant.extractive import Support, compose
from assistant.ingest import IngestReport, ProgressCallback
from assistant.limits import QuestionError, RequestLimits
from assistant.passages import PassageSearch
from assistant.planner import Holdings, Missing, Planner
from assistant.settings import Settings
from assistant.slots import Catalogue, Question, document_bigrams
from assistant.table_answers import (
    ROW_CONFIDENT,
    ROW_SURE,
    TEXT_MARGIN,
    TableAnswer,
    TableAnswerer,
    rare_field,
    states_field,
)
from assistant.understanding import Understander
from corpus.glossary import MEDIA, THIS_YEAR, canonical_pollutant
from corpus.lexicon import Lexicon
from corpus.model import Document
from corpus.tables import table_label
from corpus.text import normalize_text
from retrieval.errors import RetrievalError, VectorStoreError
from retrieval.types import Hit, SearchFilters
from structured import TABLE_TITLES, StructuredTables
from structured.executor import Executor
from structured.views import select_rows

if TYPE_CHECKING:  # imported where used: a CLI call that needs none of them pays for none
    from langchain_core.language_models import BaseChatModel

    from assistant.conversations import ConversationStore
    from assistant.llm import LLMWriter
    from assistant.llm_planner import LLMPlanner
    from retrieval.retriever import HybridRetriever

logger = logging.getLogger(__name__)
POST_ASKED = re.compile(r"(局长|市长|县长|区长|书记|主任|处长|科长|站长|河长|湖长|林长)(?:是谁|叫什么|姓什么|是哪位)")

RETRIEVAL_TOP_K = 8
WEAK_TERMS = 2  # a question with no more subject words than this is searched with the words naming its document too
MAX_ROWS_PER_TABLE = 3
__all__ = ["PolicyAssistant", "QuestionError", "ServiceUnavailable"]


@dataclass(frozen=True)
class LoadedData:
    """Everything one data version answers from, loaded once."""

    version: str
    documents: list[Document]
    entries: list[DocumentEntry]  # the version's manifest: metadata, origin, edited fields
    tables: StructuredTables
    lexicon: Lexicon
    executor: Executor
    planner: Planner
    tables_answerer: TableAnswerer
    understander: Understander
    passages: PassageSearch
    scope: str
    parent_of: dict[str, str]  # 区县 whose rows are in its city's documents → the city (恩平市 → 江门市)

    @property
    def retriever(self) -> HybridRetriever:
        """The version's retriever (ServiceUnavailable while the vector store is down)."""
        return self.passages.retriever

    def doc_year(self, doc_id: str) -> int:
        """The year a document is of (its manifest's, as inferred or edited), 0 when none."""
        return next((e.year or 0 for e in self.entries if e.doc_id == doc_id), 0)


class PolicyAssistant:
    """Answers questions from the current data version; thread-safe after `warm_up()`."""

    def __init__(self, settings: Settings, chat_model: BaseChatModel | None = None, one_shot: bool = False) -> None:
        """`one_shot`: answering a question or two and exiting (the CLI): passages are searched in the data
        version's own vector file, without opening Chroma (the same vectors; a second less start-up)."""
        self.settings = settings
        self.one_shot = one_shot
        self.data_dir = DataDir(settings.data_dir)
        self._chat_model = chat_model
        self._loaded: LoadedData | None = None
        self._lock = threading.Lock()
        self.limits = RequestLimits(settings)
        self.search_gate = Gate(
            "原文检索（向量库 Chroma）",
            slots=settings.max_concurrent_searches,
            wait=settings.busy_wait,
            pause=settings.retry_after,
            failures=(RetrievalError,),
            advice="；表格类问题（目标、进度、站点读数、资金、指标）不受影响",
        )
        self.long_gate = Gate(
            "较长问题的处理", slots=settings.max_concurrent_long_questions, wait=settings.busy_wait, pause=1.0,
            failures=(),
        )  # fmt: skip
        self.writer = self._build_writer()
        self.llm_gate = Gate(
            "大模型", slots=settings.max_concurrent_llm_calls, wait=settings.busy_wait, pause=settings.retry_after,
            failures=self._llm_failures(),
        )  # fmt: skip

    def _llm_failures(self) -> tuple[type[Exception], ...]:
        if self.writer is None:
            return ()  # no LLM configured: langchain is never imported
        from assistant.llm import LLMUnavailable

        return (LLMUnavailable,)

    # -- loading ------------------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Load tables, indexes and models of the current version (no-op when already loaded). A Chroma
        server that is down leaves table questions answered; passage search is tried again later."""
        self._ensure_loaded().passages.open()

    def _ensure_loaded(self) -> LoadedData:
        """The current version's tables and words; its retrieval opens on first use (or in `warm_up`)."""
        with self._lock:
            snapshot = self.data_dir.require_current(embedded_chroma=self.settings.chroma_mode == "embedded")
            if self._loaded is None or self._loaded.version != snapshot.version:
                started = time.perf_counter()
                self._loaded = self._load(snapshot)
                logger.info("loaded data version %s in %.1fs", snapshot.version, time.perf_counter() - started)
            return self._loaded

    def reload_if_changed(self) -> bool:
        """Pick up a new version written by an ingest; True if one was loaded."""
        current = self.data_dir.current_version()
        if current and (self._loaded is None or current != self._loaded.version):
            self.warm_up()
            return True
        return False

    @property
    def loaded(self) -> LoadedData:
        return self._loaded if self._loaded is not None else self._ensure_loaded()

    def _load(self, snapshot: Snapshot) -> LoadedData:
        documents = [
            Document.from_dict(json.loads(path.read_text(encoding="utf-8")))
            for path in sorted(snapshot.documents_dir.glob("*.json"))
        ]
        tables = StructuredTables.load(snapshot.tables_dir)
        lexicon = Lexicon.load(snapshot.lexicon_path)
        executor = Executor(tables)
        parent_of = {p: lexicon.parent_of(p) for p in lexicon.places() if lexicon.parent_of(p)}
        names = {d.doc_id: " ".join([d.info.title, Path(d.info.source_file or "").stem, *(t.caption for t in d.tables)])
                 for d in documents}  # fmt: skip
        said = document_bigrams(_texts(documents))
        holdings = Holdings.of(executor.frames, executor.schemas, {d.doc_id: d.info.region for d in documents}, parent_of,
                               executor.row_index.known, doc_names=names, said=said)  # fmt: skip
        catalogue = Catalogue(
            titles={d.doc_id: f"{d.info.title}　{Path(d.info.source_file or '').stem}" for d in documents},
            captions={f"{d.doc_id}|{table_label(d, t)}": (d.doc_id, t.caption) for d in documents for t in d.tables},
            bigrams=said,
        )
        passages = PassageSearch(lambda: self._retriever(snapshot), self.search_gate)
        planner = Planner(lexicon, holdings, executor.schemas)
        return LoadedData(
            version=snapshot.version,
            documents=documents,
            entries=[DocumentEntry.from_record(r) for r in snapshot.read_meta()["documents"]],
            tables=tables,
            lexicon=lexicon,
            executor=executor,
            planner=planner,
            tables_answerer=TableAnswerer(planner, executor, self._llm_planner(lexicon, executor)),
            understander=Understander(lexicon, catalogue),
            passages=passages,
            scope=_scope(documents),
            parent_of=parent_of,
        )

    def _retriever(self, snapshot: Snapshot) -> HybridRetriever:
        from retrieval.retriever import HybridRetriever

        try:
            return HybridRetriever.from_snapshot(
                snapshot, retrieval_config(self.settings), open_store=not self.one_shot
            )
        except VectorStoreError as exc:
            if self.settings.chroma_mode != "embedded":
                raise  # a server that is down is not a damaged data directory
            raise damaged(f"内嵌向量库中找不到或读不出当前版本 {snapshot.version} 的数据") from exc

    def _llm_planner(self, lexicon: Lexicon, executor: Executor) -> LLMPlanner | None:
        """With an LLM configured, it may fill in a plan the rules leave unanswered (never an answer)."""
        if self.writer is None:
            return None
        from assistant.llm_planner import LLMPlanner

        return LLMPlanner(self.writer.chat_model, lexicon, executor.schemas)

    def _build_writer(self) -> LLMWriter | None:
        if self._chat_model is None and not self.settings.llm_configured:
            return None
        from assistant.llm import LLMWriter, build_chat_model

        if self._chat_model is not None:
            return LLMWriter(self._chat_model, self.settings.llm_model or "chat-model")
        model = build_chat_model(
            self.settings.llm_base_url,
            self.settings.llm_model,
            self.settings.llm_api_key,
            self.settings.llm_timeout,
        )
        return LLMWriter(model, self.settings.llm_model)

    # -- asking --------------------------------------------------------------------------------------------

    def check_question(self, question: str) -> str:
        return self.limits.question(question)

    def check_history(self, history: list[dict] | None) -> list[dict]:
        return self.limits.history(history)

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        """The answer to `question`; QuestionError over a limit, ServiceUnavailable when it needs passage
        search and the vector store is down (a table answer is given without its passages instead)."""
        question = self.check_question(question)
        history = self.check_history(history)
        if self.limits.is_long(question, history):  # costs ten times a usual one: one at a time
            return self.long_gate.call(self._answer, question, history)
        return self._answer(question, history)

    def _answer(self, question: str, history: list[dict]) -> Answer:
        data = self.loaded
        started = time.perf_counter()
        q = data.understander.run(question, history)
        answer = self._two_counts(data, q, history) or self._route(data, q)
        answer.question = question
        if q.notes:  # what was read differently from how it was written
            answer.answer += f"\n（{'；'.join(q.notes)}）"
        if self.writer is not None and answer.route != "refusal":
            answer = self._rewrite(answer, q)
        answer.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 1)
        logger.info("route=%s why=%s | %s", answer.route, answer.why, q.explain())
        return answer

    def _two_counts(self, data: LoadedData, q: Question, history: list[dict]) -> Answer | None:
        """「随州市重点任务里几项完成了，几项滞后」「哪些完成了，哪些还没启动」: two counts (or lists) of two statuses,
        each clause asked with the words before the first one's count (「随州市重点任务里」); None unless both are
        answered from the tables."""
        clauses = [c for c in re.split(r"[，,；;]", q.text) if c.strip("？?。 ")]
        if len(clauses) != 2 or sum(len(q.of(kind)) for kind in ROWS_ASKED) < 2:
            return None
        first, second = (data.understander.run(text, history) for text in clauses)
        if not all(_counts_a_status(one) for one in (first, second)) or _statuses(first) == _statuses(second):
            return None
        # (「相山区几项滞后，烈山区几项已完成」: a clause with a place of its own is asked as it is)
        opening = 0 if second.regions or second.doc_ids else \
            min(s.start for kind in (*ROWS_ASKED, *STATUS_KINDS) for s in first.of(kind))  # fmt: skip
        answers = [self._route(data, one) for one in
                   (first, data.understander.run(first.text[:opening] + second.text, history))]  # fmt: skip
        if any(a.route != "structured" for a in answers):
            return None
        return Answer(q.raw, "\n\n".join(a.answer for a in answers), "structured",
                      facts=[f for a in answers for f in a.facts],
                      citations=list({c.chunk_id: c for a in answers for c in a.citations}.values()),
                      why="two counts, each of its clause")  # fmt: skip

    def _route(self, data: LoadedData, q: Question) -> Answer:
        if q.chit_chat or not q.text:
            return refusal(q.raw, why="闲聊或空问题", scope=data.scope)
        if q.realtime:
            return refusal(q.raw, what="实时情况（天气、今日数据等）", why="问的是当下的情况，文件是往年的计划和报告",
                           scope=data.scope)  # fmt: skip
        unknown = q.values("unknown_place")
        # 「郑州市…是多少，比洛阳高还是低」「三明市…，跟南平比怎么样」: 洛阳, 南平 are only what is compared with
        compared = [(c.start, c.end) for c in q.of("compare_with")]
        compared += [m.span(2) for m in re.finditer(r"(跟|和|与|同)([^，,。？?]{1,8}?)相?比(?![例率重值])", q.text)]
        subjects = [p for p in q.of("place") if not any(a <= p.start < b for a, b in compared)]
        if unknown and not subjects:
            places = "、".join(unknown)
            return refusal(q.raw, what=places, why=f"问题问的是文件未覆盖的地方：{places}", scope=data.scope)
        plan_name = _unknown_plan(q, data)
        if plan_name:
            return refusal(q.raw, what=plan_name, why=f"没有关于{plan_name}的文件", scope=data.scope)
        # 「…县区要做什么？」「…为什么滞后？」「…计划正文里…」: the text states it
        if _asks_only_text(q) or BODY_TEXT.search(q.text) or TIME_LIMIT.search(q.text):
            supports = self._supports(data, q)
            if supports:
                return _retrieval_answer(q, supports)
        try:
            table = data.tables_answerer.run(q)
        except Exception:  # a fault of the table path loses no question: its text may still answer (logged to fix)
            logger.exception("表格问答出错，改从原文检索作答：%s", q.raw)
            table = None
        if isinstance(table, Missing):
            # the tables lack it; running text may still say it (「十三五期间要建哪些监测站」)
            supports = [] if table.final else self._supports(data, q)
            # 「高锰酸盐指数是多少」: a sentence on the section that states other figures is no answer
            field = rare_field(q)
            field = field or table.place  # 「新蒲新区…」 of sheets with no rows of it: text must name it too
            # (「界牌断面…化学需氧量均值」: a sentence on COD that does not name 界牌 is no answer)
            rows = {s.text for s in q.of("entity") if s.start >= 0 and not canonical_pollutant(s.text)}
            supports = [s for s in supports if states_field(field, s.text) and all(r in s.text for r in rows)
                        and re.search(table.needs, s.text)]  # fmt: skip
            if supports:
                return _retrieval_answer(q, supports)
            return refusal(q.raw, what=table.what, why=f"表格中没有{table.what}", scope=data.scope)
        supports = None
        unavailable: ServiceUnavailable | None = None  # passage search is down: the table answer goes on alone
        if table is not None and table.confidence < ROW_SURE:
            # a row found by only some of the question's words: running text that covers it better wins
            try:
                supports = self._supports(data, q)
            except ServiceUnavailable as exc:
                supports, unavailable = [], exc
            text_wins = supports and supports[0].hit.chunk.source != "table"
            margin = 0.0 if table.confidence < ROW_CONFIDENT else TEXT_MARGIN
            # (text that does not give what the rows lack — 「施工单位」, a figure in 辆 — is no better)
            gives = not table.mismatch or any(table.stated_in(s.text) for s in supports or [])
            if text_wins and gives and supports[0].coverage > table.confidence + margin:
                return _retrieval_answer(q, supports)
            # 「淘汰多少辆柴油货车」: rows without a figure in 辆 and a sentence with one — the sentence answers
            stating = [s for s in supports or [] if table.mismatch and s.hit.chunk.source != "table"
                       and s.coverage >= table.confidence - TEXT_MARGIN and table.stated_in(s.text)]  # fmt: skip
            if table.mismatch and stating:
                return _retrieval_answer(q, stating + [s for s in supports if s not in stating])
            if table.mismatch and table.confidence < ROW_CONFIDENT:
                if unavailable:  # the text might have answered it: say the search is down rather than refuse
                    raise unavailable
                return refusal(q.raw, what=table.mismatch, why=f"找到的表格行没有{table.mismatch}", scope=data.scope)
        if table is not None:
            answer = _structured_answer(q, table)
            if q.reason:
                # the measures: sought with the clause that asks for them, else with the whole question
                try:
                    reasons = self._supports(data, q, q.reason_text) if q.reason_text else []
                    reasons = reasons or (supports if supports is not None else self._supports(data, q))
                except ServiceUnavailable as exc:
                    reasons, unavailable = [], exc
                if reasons:
                    return _mixed(answer, reasons)
            if unavailable:
                return _without_passages(answer, unavailable)
            return self._other_cities_said(data, q, table, answer, supports)
        supports = supports if supports is not None else self._supports(data, q)
        post = POST_ASKED.search(q.text)  # 「市生态环境局局长是谁」: only a sentence naming the post answers it
        named = re.compile(rf"(?<![城园]){post.group(1)}(?![务效期])") if post else None  # not 「园区长效」「主任务」
        supports = [s for s in supports if named.search(s.text)] if named else supports
        # 「城区声环境功能区夜间达标率」: a sentence on another medium (水功能区达标率) is no answer
        medium = next((m for m in MEDIA if any(w in q.text for w in m)), ())
        supports = [s for s in supports if any(w in f"{s.hit.chunk.section} {s.hit.chunk.text}" for w in medium)] \
            if medium else supports  # fmt: skip
        if not supports:
            return refusal(q.raw, why="检索不到足够相关的原文句子", scope=data.scope)
        return _retrieval_answer(q, supports)

    def _other_cities_said(
        self, data: LoadedData, q: Question, table: TableAnswer, answer: Answer, supports: list[Support] | None
    ) -> Answer:
        """「秸秆综合利用率要达到多少？哪个部门牵头？」, naming no place, of one city's table row and another city's
        newer document that says it in its text: both, each under its city, the newer first."""
        if q.regions or q.doc_ids or q.follow_up or table.others or table.result.plan.shape not in ("detail", "value"):
            return answer
        rows_docs = {r.doc_id for r in table.result.rows}
        rows_cities = data.tables_answerer.cities_of(rows_docs)
        if len(rows_cities) != 1:
            return answer
        try:
            supports = supports if supports is not None else self._supports(data, q)
        except ServiceUnavailable:
            return answer
        newer = max(map(data.doc_year, rows_docs), default=0)
        city, said = _newer_city_said(data, supports, rows_cities, newer)
        if not said:
            return answer
        (rows_city,) = rows_cities
        return replace(
            answer,
            answer=f"问题没有指明地区，{city}、{rows_city}的文件都说到这一点，分别作答（较新的在前）：\n"
            f"【{city}】\n{compose(said)}\n\n【{rows_city}】\n{answer.answer}",
            citations=_passage_citations(said) + answer.citations,
            route="mixed",
            why=f"{answer.why} + 原文检索（{city}的文件在正文中说到）",
        )

    # -- tables ---------------------------------------------------------------------------------------------

    # -- retrieval -------------------------------------------------------------------------------------------

    def _supports(self, data: LoadedData, q: Question, text: str | None = None) -> list[Support]:
        """Sentences supporting `text` (default: the whole question, with a follow-up's context)."""
        hits = self._hits(data, q, text)
        if hits and THIS_YEAR.search(q.text) and not (q.regions or q.years or q.doc_ids):
            # 「今年…」 naming no place: not the text of documents years older than the newest (a 2016 plan's)
            # (nor another city's than the newest documents': a city's own plan of 2030 keeps its 2024 notice current)
            newest = max((e.year or 0 for e in data.entries), default=0)
            current = data.tables_answerer.cities_of({e.doc_id for e in data.entries if (e.year or 0) == newest})
            hits = [h for h in hits if data.doc_year(h.chunk.doc_id) >= newest - STALE_YEARS
                    or data.tables_answerer.cities_of({h.chunk.doc_id}) & current]  # fmt: skip
        return data.passages.selector.run(q, hits, text) if hits else []

    def _hits(
        self,
        data: LoadedData,
        q: Question,
        text: str | None = None,
        mode: str = "hybrid",
        top_k: int = RETRIEVAL_TOP_K,
    ) -> list[Hit]:
        if text is None:
            text = f"{q.context_text} {q.text}" if q.follow_up and q.context_text else q.text
        # search with the subject words: question words would only dilute the scores
        terms = data.passages.selector.query_terms(q, text)
        if not terms:
            return []
        # a comparison's base year (「比2015年减排」) is part of the subject, not a filter
        base_years = re.findall(r"(?:比|较|相比|相较于?)(20\d\d)年?", text)
        # the words naming the document asked about (「规划中期评估」) are its subject too, within it, when
        # the question says little else
        weak = len(terms) <= WEAK_TERMS  # 「这次规划中期评估是用什么方式开展的」 leaves only 「这次」「方式」
        named = [s.text for s in q.of("document")] if len(q.doc_ids) == 1 and weak else []
        query = " ".join([*q.regions, *terms, *base_years, *named])
        region = _asked_region(q, data)
        parent = data.parent_of.get(region or "")
        if parent and "lead" in q.values("ask") and q.follow_up and _says_city_level(q):
            region, parent = parent, None  # 「那这项工作市里是哪个部门牵头」 after a 区县's task: the city's measure
        docs = q.doc_ids
        filters = SearchFilters(doc_id=docs[0] if len(docs) == 1 else None, region=None if parent else region)
        hits = data.passages.search(query, top_k=top_k * 3, filters=filters, mode=mode)
        # 「长江鲟…」: the word that is the evidence may be one the terms split off (鲟); then the words as said
        if not hits:
            hits = data.passages.search(" ".join([*q.regions, text]), top_k=top_k * 3, filters=filters, mode=mode)
        if named:  # … and without them, taking turns (ranks, not scores, are compared): the document's name may
            # outweigh its few other words (「推进机制」)
            alone = data.passages.search(" ".join([*q.regions, *terms, *base_years]), top_k=top_k * 3, filters=filters,
                                         mode=mode)  # fmt: skip
            hits = list({h.chunk.chunk_id: h for pair in zip_longest(hits, alone) for h in pair if h}.values())
        if parent:
            # a 区县 named in its city's documents: its own passages and table rows, and the city's
            # prose where it names the 区县 (「加快恩平市的西门、北郊及沙湖空气监测子站的建设」)
            names = data.lexicon.names_of(region)
            hits = [
                h
                for h in hits
                if region in (h.chunk.region, h.chunk.area)
                or (h.chunk.region == parent and not h.chunk.area and any(n in h.chunk.text for n in names))
            ]
        return _diverse(hits, top_k)

    def retrieve(
        self, question: str, history: list[dict] | None = None, mode: str = "hybrid", top_k: int = 10
    ) -> list[Hit]:
        """The passages `ask` would search for this question (for retrieval metrics)."""
        data = self.loaded
        return self._hits(data, data.understander.run(question, history or []), mode=mode, top_k=top_k)

    def _rewrite(self, answer: Answer, q: Question) -> Answer:
        """Let the LLM word the answer from the same material; keep the extractive one on failure."""
        from assistant.llm import LLMError

        assert self.writer is not None
        started = time.perf_counter()
        try:
            text = self.llm_gate.call(
                self.writer.write, q.text, answer.facts, [c.quote for c in answer.citations], answer.answer
            )
        except (LLMError, ServiceUnavailable) as exc:
            reason = exc.__cause__ if isinstance(exc.__cause__, LLMError) else exc  # the gate's first failure: why
            logger.warning("LLM %s not used, answering extractively: %s", self.writer.model_name, reason)
            answer.backend = f"{EXTRACTIVE} (fallback from {self.writer.model_name}: {str(reason)[:80]})"
        else:
            answer.answer = text
            answer.backend = self.writer.model_name
        answer.timings_ms["llm"] = round((time.perf_counter() - started) * 1000, 1)
        return answer

    # -- what the interfaces read (the UI and the CLI use only these) --------------------------------------

    def search(
        self, query: str, top_k: int = 5, filters: SearchFilters | None = None, mode: str = "hybrid"
    ) -> list[Hit]:
        query, top_k = self.limits.query(query), self.limits.top_k(top_k)
        return self.loaded.passages.search(query, top_k=top_k, filters=filters, mode=mode)

    def search_filters(self, doc_id=None, region=None, year=None, kind=None) -> SearchFilters:
        """Filters with the region under its full name (「蓬江」 → 「蓬江区」); ValueError if unknown kind."""
        return SearchFilters(doc_id=doc_id, region=self.place(region) if region else None, year=year, kind=kind)

    def place(self, name: str) -> str:
        """A place's full name from any of its names in the lexicon (「鹤山」「heshan」 → 「鹤山市」)."""
        matches = self.loaded.lexicon.find(normalize_text(name.strip()), ("place",))
        whole = [m for m in matches if m.start == 0 and m.end == len(name.strip())]
        return whole[0].term.value if whole else name.strip()

    def place_names(self) -> dict[str, str]:
        """Every Chinese name of a place the documents cover (「蓬江」, 「蓬江区」) → its full name."""
        terms = self.loaded.lexicon.of_kind("place")
        return {t.surface: t.value for t in terms if t.level != "town" and not t.surface.isascii()}

    def table_summary(self) -> dict[str, dict]:
        schemas = self.loaded.executor.schemas
        return {
            name: {"rows": len(frame), "columns": list(frame.columns),
                   "title": TABLE_TITLES.get(name) or (schemas[name].title if name in schemas else name)}
            for name, frame in self.loaded.tables.frames.items()
        }  # fmt: skip

    def table_headers(self, name: str) -> dict[str, str]:
        """A generic table's columns (c1, c2 …) with the headers its document gives them; none for the known kinds,
        whose columns are named by the project."""
        schema = self.loaded.executor.schemas.get(name)
        if schema is None or not schema.generic:
            return {}
        # (the row's name, `entity`, is one of its columns again)
        return {c: str(label) for c, label in schema.labels.items() if c != "entity" or len(schema.labels) == 1}

    def table_rows(self, name: str, region: str | None = None, status: str | None = None,
                   year: int | None = None) -> pd.DataFrame:  # fmt: skip
        """One table's rows, filtered as a user browses them; KeyError for an unknown table."""
        frame = self.loaded.tables.frames[name]
        return select_rows(frame, region=self.place(region) if region else None, status=status, year=year)

    def documents(self) -> list[Document]:
        return list(self.loaded.documents)

    # -- managing documents: the API, the web page and the CLI add, edit and delete only through these ---------
    #
    # Each change goes through the one `DocumentService` (same limits, same lock), builds a new data version
    # and, when this assistant has a version loaded (a server), loads the new one before returning. Files are
    # `Upload(path, name)` (a temporary file with the name the user gave) or plain paths (their own name).
    # `progress(stage, done, total)` is called with Chinese stage names (检查文件, 读取文件, 解析表格, 建立词表,
    # 建立检索索引, 训练语料向量模型, 计算向量, 写入向量库, 校验新版本, 加载新版本); each stage's seconds are in
    # `report.details["stages"]`. Errors are `PolicyAssistantError`s with a Chinese message naming the file
    # (`DocumentNotFound` for an unknown id, `ValueError` for a bad metadata value); nothing changes on error.

    def document_entries(self) -> list[DocumentEntry]:
        """The documents of the loaded version with their metadata, origin (bundled / upload) and edited fields."""
        return list(self.loaded.entries)

    def add_documents(self, files: list[Upload | Path | str], progress: ProgressCallback | None = None) -> IngestReport:
        """Add files (a file with the name of one added before replaces it; the same content is not added twice)."""
        return self._changed(DocumentService(self.settings).add(files, progress), progress)

    def replace_document(self, doc_id: str, file: Upload | Path | str,
                         progress: ProgressCallback | None = None) -> IngestReport:  # fmt: skip
        return self._changed(DocumentService(self.settings).replace(doc_id, file, progress), progress)

    def edit_document(self, doc_id: str, changes: dict, progress: ProgressCallback | None = None) -> IngestReport:
        """Set title / issuer / region / year / period / kind by hand; kept across re-ingests."""
        return self._changed(DocumentService(self.settings).edit(doc_id, changes, progress), progress)

    def delete_document(self, doc_id: str, progress: ProgressCallback | None = None) -> IngestReport:
        return self._changed(DocumentService(self.settings).delete(doc_id, progress), progress)

    def reingest(self, progress: ProgressCallback | None = None) -> IngestReport:
        """Build a new version from every source (caches checked and reused)."""
        return self._changed(DocumentService(self.settings).ingest(progress=progress), progress)

    def _changed(self, report: IngestReport, progress: ProgressCallback | None) -> IngestReport:
        if self._loaded is not None and report.version and report.version != self._loaded.version:
            started = time.perf_counter()
            if progress:
                progress("加载新版本", 0, 1)
            self.warm_up()
            if progress:
                progress("加载新版本", 1, 1)
            report.details.setdefault("stages", {})["加载新版本"] = round(time.perf_counter() - started, 3)
        return report

    def document(self, doc_id: str) -> Document | None:
        found = next((d for d in self.loaded.documents if d.doc_id == doc_id), None)
        return found

    @functools.cached_property
    def conversations(self) -> ConversationStore:
        """Saved conversations and feedback (POLICY_DATABASE_URL, else SQLite under the data directory)."""
        from assistant.conversations import ConversationStore  # sqlalchemy only where conversations are kept

        return ConversationStore.for_data_dir(self.settings.data_dir, self.settings.database_url)

    def health(self) -> dict:
        """What answers now: `status` is "degraded" while passage search or the LLM is unavailable."""
        data = self.loaded
        retrieval = "ok" if data.passages.available else "unavailable"
        llm = self.llm_gate.state() if self.writer else "none"
        return {
            "status": "ok" if retrieval == "ok" and llm != "unavailable" else "degraded",
            "data_version": data.version,
            "documents": len(data.documents),
            "backend": self.writer.model_name if self.writer else "extractive",
            "chroma": self.settings.chroma_mode,
            "retrieval": retrieval,
            "llm": llm,
        }


# -- composing answers ---------------------------------------------------------------------------------------


ROWS_ASKED = ("count", "which")  # a clause counting or listing rows
STATUS_KINDS = ("status", "status_label", "status_label_word")


def _statuses(q: Question) -> set[str]:
    return {s.text for kind in STATUS_KINDS for s in q.of(kind)}


def _counts_a_status(q: Question) -> bool:
    """Whether a clause counts or lists rows of a status (「几项滞后」「哪些还没启动」)."""
    return any(q.has(k) for k in ROWS_ASKED) and bool(_statuses(q))


def _structured_answer(q: Question, table: TableAnswer) -> Answer:
    result = table.result
    citations = [
        Citation(
            doc_id=r.doc_id,
            title=r.title,
            section=r.locator,
            chunk_id=f"{r.doc_id}#{r.locator}",
            quote=r.quote,
            score=1.0,
        )
        for part in table.results
        for r in part.rows
    ]
    return Answer(
        question=q.raw,
        answer=table.text,
        route="structured",
        facts=[f.to_dict() for part in table.results for f in part.facts],
        citations=citations,
        why=f"表格查询（{result.plan.describe()}）",
    )


# a sentence of another city's document this well covering a question that names no place is said beside the rows
OTHER_CITY_COVERAGE = 0.75
ONLY_HOW = re.compile(
    r"做什么|什么意思|是什么标准|指什么|(怎么|如何)(界定|定义)|(怎么|如何)(督办|处理|整改|处置|问责)|会?怎么处理|(什么|哪些)(后果|处理|处罚)(?!案|决定|金额|记录|企业|单位|对象)|采取了?(什么|哪些)措施|会怎么样|会怎样"
    r"|(打算|准备|要)怎么(弄|搞|做|办)|怎么(弄|搞)"
)
ONLY_WHY = re.compile(r"为什么|为何|为啥|什么原因|原因是|哪些原因|原因有|原因在|怎么回事|咋回事")
SUPPOSED = re.compile(r"^(要是|如果|若是?|假如|万一)[^，,。？?]*[，,]")
FIGURE_CUES = ("which", "count", "rank", "sum", "compare", "yesno", "threshold", "topk")


BODY_TEXT = re.compile(
    r"(正文|原文)[里中上](?![^，,。？?]*(表|附件))"
)  # the body text named as where to look (no table)
# 「未办结的投诉要在多少天内办结」: a time limit a rule sets, which the text (a note under a register) states
TIME_LIMIT = re.compile(r"(要|须|需|需要|得|应|应当|必须)在?(多少|几)(个工作日|天|日|个月)内")


def _asks_only_text(q: Question) -> bool:
    """A question that asks only what is to be done, what a mark means or why (「…要做什么」「★是什么意思」
    「…为什么没跟上进度」): no figure, row list, count or yes/no beside it. Issue 10 routes reasons and
    measures to the text; one that also asks a figure (「…是多少？为什么…」) is mixed."""
    asks = ONLY_HOW.search(q.text) or ONLY_WHY.search(q.text)
    if not asks:
        return False
    # 「采取哪些措施」: the 哪些 asks the measures, no rows
    # (「要是哪个县连着几个季度都滞后，…」: the case supposed asks no rows)
    supposed = SUPPOSED.match(q.text)
    cut = supposed.end() if supposed else 0
    cues = [s for k in FIGURE_CUES for s in q.of(k) if s.start >= cut and not asks.start() <= s.start < asks.end()]
    return not q.fact_text and not cues and not re.search(r"多少|几", q.text[cut:])


def _retrieval_answer(q: Question, supports: list[Support]) -> Answer:
    return Answer(
        question=q.raw,
        answer=compose(supports),
        route="retrieval",
        citations=_passage_citations(supports),
        why=f"原文检索，最佳句子覆盖率 {supports[0].coverage:.2f}",
    )


def _without_passages(answer: Answer, unavailable: ServiceUnavailable) -> Answer:
    """A table answer whose passages could not be searched: it says so instead of failing."""
    answer.answer += f"\n\n（原文检索暂时无法使用，以上只根据表格回答；约 {unavailable.retry_after_seconds} 秒后再问一次可看到原文中的相关内容。）"
    answer.why += "（原文检索不可用）"
    return answer


STALE_YEARS = 5  # a document this many years older than the newest is not 「今年」's


def _newer_city_said(
    data: LoadedData, supports: list[Support], cities: set[str], after: int
) -> tuple[str, list[Support]]:
    """Of the sentences that cover a question well, those of one city other than `cities`, in a document of a year
    after `after` (the city of the best of them, and its sentences)."""

    def city_of(s: Support) -> set[str]:
        return data.tables_answerer.cities_of({s.hit.chunk.doc_id}) - cities

    other = [s for s in supports if s.hit.chunk.source != "table" and s.coverage >= OTHER_CITY_COVERAGE
             and city_of(s) and data.doc_year(s.hit.chunk.doc_id) > after]  # fmt: skip
    if not other:
        return "", []
    city = next(iter(city_of(other[0])))
    return city, [s for s in other if city in city_of(s)]


def _mixed(answer: Answer, supports: list[Support]) -> Answer:
    answer.answer = f"{answer.answer}\n\n相关措施与要求：\n{compose(supports)}"
    answer.citations = answer.citations + _passage_citations(supports)
    answer.route = "mixed"
    answer.why += " + 原文检索（问题还问措施或原因）"
    return answer


def _passage_citations(supports: list[Support]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for s in supports:
        chunk = s.hit.chunk
        if chunk.chunk_id not in seen:
            seen[chunk.chunk_id] = Citation(
                doc_id=chunk.doc_id, title=chunk.title, section=chunk.section, chunk_id=chunk.chunk_id,
                quote=chunk.text, score=s.hit.score,
            )  # fmt: skip
    return list(seen.values())


def _diverse(hits: list[Hit], top_k: int) -> list[Hit]:
    """The best `top_k` hits with at most MAX_ROWS_PER_TABLE rows of one table: seven 区县 rows
    of the same task would otherwise push the plan's own sentence out of reach."""
    kept: list[Hit] = []
    per_table: dict[tuple[str, str], int] = {}
    for hit in hits:
        if hit.chunk.source == "table":
            key = (hit.chunk.doc_id, hit.chunk.section)
            per_table[key] = per_table.get(key, 0) + 1
            if per_table[key] > MAX_ROWS_PER_TABLE:
                continue
        kept.append(hit)
    return kept[:top_k]


CITY_LEVEL = re.compile(r"市里|市级|全市|市一级|市层面")


def _says_city_level(q: Question) -> bool:
    """「市里是哪个部门牵头」, not the 市 of a place (「恩平市里」)."""
    places = [s for s in q.slots if s.kind == "place"]
    return any(not any(p.start <= m.start() < p.end for p in places) for m in CITY_LEVEL.finditer(q.text))


def _asked_region(q: Question, data: LoadedData) -> str | None:
    """The one region a question is about (a 区县 rather than its city when it names both)."""
    cities = set(data.parent_of.values())
    regions = [r for r in q.regions if r not in cities]
    if not q.regions:  # 「古镇镇…」: a town of one city asks that city's documents
        towns = {parent for _, parent in q.values("town") if parent}
        return towns.pop() if len(towns) == 1 else None
    return regions[0] if len(regions) == 1 else (q.regions[0] if len(q.regions) == 1 else None)


def _unknown_plan(q: Question, data: LoadedData) -> str:
    """「十四五规划」 when no document is about that plan period: none names it in its title, nor in a table's
    caption or heading (「表2 荆州市生态环境保护“十七五”规划主要指标」 inside a half-year report)."""
    period = q.plan_period
    if not period or not re.search(rf"{period}”?(规划)", q.text):
        return ""
    titles = [d.info.title for d in data.documents]
    titles += [" ".join([t.caption, *t.heading_path]) for d in data.documents for t in d.tables]
    return "" if any(period in t for t in titles) else f"{period}规划"


def _texts(documents: list[Document]):
    for d in documents:
        yield d.info.title
        yield from (b.text for b in d.blocks)
        yield from (cell for t in d.tables for row in t.rows for cell in row)


def _scope(documents: list[Document]) -> str:
    regions = list(dict.fromkeys(d.info.region for d in documents if d.info.region))
    years = sorted(d.info.year for d in documents if d.info.year)
    span = f"{years[0]}—{years[-1]}年" if years and years[0] != years[-1] else (f"{years[0]}年" if years else "")
    return f"{'、'.join(regions)}{span}的{len(documents)}份生态环境政策文件（目标、任务进度、空气质量站点、专项资金、指标）"
