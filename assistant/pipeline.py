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

import json
import logging
import re
import threading
import time
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from assistant.answer import EXTRACTIVE, Answer, Citation, refusal
from assistant.datadir import DataDir, Snapshot, retrieval_config
from assistant.extractive import SentenceSelector, Support, compose
from assistant.llm import LLMUnavailable, LLMWriter, build_chat_model
from assistant.settings import Settings
from assistant.structured_answers import ROW_CONFIDENT, NoData, StructuredAnswerer, StructuredReply
from assistant.understanding import Understander, Understanding, Vocabulary
from corpus.errors import PolicyAssistantError
from corpus.model import Document
from corpus.tables import table_label
from retrieval.retriever import HybridRetriever
from retrieval.types import Hit, SearchFilters
from structured import StructuredTables, TableQueries

logger = logging.getLogger(__name__)

RETRIEVAL_TOP_K = 8
MAX_ROWS_PER_TABLE = 3
# a row matched this well (but not surely) still loses to a sentence covering the question by TEXT_MARGIN more
ROW_SURE = 0.8
TEXT_MARGIN = 0.15


class QuestionError(PolicyAssistantError):
    """An empty or oversized question (CLI exit 2, HTTP 422)."""


@dataclass(frozen=True)
class LoadedData:
    """Everything one data version answers from, loaded once."""

    version: str
    documents: list[Document]
    queries: TableQueries
    retriever: HybridRetriever
    understander: Understander
    structured: StructuredAnswerer
    selector: SentenceSelector
    scope: str
    parent_of: dict[str, str]  # 区县 whose rows are in its city's documents → the city (恩平市 → 江门市)


class PolicyAssistant:
    """Answers questions from the current data version; thread-safe after `warm_up()`."""

    def __init__(self, settings: Settings, chat_model: BaseChatModel | None = None) -> None:
        self.settings = settings
        self.data_dir = DataDir(settings.data_dir)
        self._chat_model = chat_model
        self._loaded: LoadedData | None = None
        self._lock = threading.Lock()
        self.writer = self._build_writer()

    # -- loading ------------------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Load tables, indexes and models of the current version (no-op when already loaded)."""
        with self._lock:
            snapshot = self.data_dir.require_current()
            if self._loaded is None or self._loaded.version != snapshot.version:
                started = time.perf_counter()
                self._loaded = self._load(snapshot)
                logger.info("loaded data version %s in %.1fs", snapshot.version, time.perf_counter() - started)

    def reload_if_changed(self) -> bool:
        """Pick up a new version written by an ingest; True if one was loaded."""
        current = self.data_dir.current_version()
        if current and (self._loaded is None or current != self._loaded.version):
            self.warm_up()
            return True
        return False

    @property
    def loaded(self) -> LoadedData:
        if self._loaded is None:
            self.warm_up()
        assert self._loaded is not None
        return self._loaded

    def _load(self, snapshot: Snapshot) -> LoadedData:
        documents = [
            Document.from_dict(json.loads(path.read_text(encoding="utf-8")))
            for path in sorted(snapshot.documents_dir.glob("*.json"))
        ]
        tables = StructuredTables.load(snapshot.tables_dir)
        queries = TableQueries(tables)
        retriever = HybridRetriever.from_snapshot(snapshot, retrieval_config(self.settings))
        vocabulary = _vocabulary(documents, tables)
        parent_names = {d.info.region for d in documents if d.info.region and _names_subregions(d, tables)}
        parents = {r: {d.doc_id for d in documents if d.info.region == r} for r in parent_names}
        parent_of = {
            child: city
            for city, doc_ids in parents.items()
            for name in ("tasks", "stations", "funds", "indicators")
            for child in tables.frames[name][tables.frames[name]["doc_id"].isin(doc_ids)]["region"]
            if child != city
        }
        return LoadedData(
            version=snapshot.version,
            documents=documents,
            queries=queries,
            retriever=retriever,
            understander=Understander(vocabulary),
            structured=StructuredAnswerer(queries, parent_regions=parents),
            selector=SentenceSelector(retriever.chunks),
            scope=_scope(documents),
            parent_of=parent_of,
        )

    def _build_writer(self) -> LLMWriter | None:
        if self._chat_model is not None:
            return LLMWriter(self._chat_model, self.settings.llm_model or "chat-model")
        if self.settings.llm_configured:
            model = build_chat_model(
                self.settings.llm_base_url,
                self.settings.llm_model,
                self.settings.llm_api_key,
                self.settings.llm_timeout,
            )
            return LLMWriter(model, self.settings.llm_model)
        return None

    # -- asking --------------------------------------------------------------------------------------------

    def check_question(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise QuestionError("问题不能为空")
        if len(question) > self.settings.max_question_chars:
            raise QuestionError(f"问题太长（{len(question)} 字），请控制在 {self.settings.max_question_chars} 字以内")
        return question

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        question = self.check_question(question)
        data = self.loaded
        started = time.perf_counter()
        u = data.understander.run(question, history or [])
        answer = self._route(data, u)
        answer.question = question
        if self.writer is not None and answer.route != "refusal":
            answer = self._rewrite(answer, u)
        answer.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 1)
        logger.info("route=%s why=%s | %s", answer.route, answer.why, u.explain())
        return answer

    def _route(self, data: LoadedData, u: Understanding) -> Answer:
        if u.chit_chat or not u.text:
            return refusal(u.question, why="闲聊或空问题", scope=data.scope)
        if u.realtime:
            return refusal(
                u.question,
                what="实时情况（天气、今日数据等）",
                why="问的是当下的情况，文件是往年的计划和报告",
                scope=data.scope,
            )
        if u.unknown_places and not u.regions:
            places = "、".join(u.unknown_places)
            return refusal(u.question, what=places, why=f"问题问的是文件未覆盖的地方：{places}", scope=data.scope)
        if u.unknown_plan:
            return refusal(u.question, what=u.unknown_plan, why=f"没有关于{u.unknown_plan}的文件", scope=data.scope)
        reply = data.structured.answer(u)
        if isinstance(reply, NoData):
            # the tables lack it; running text may still say it (「十三五期间要建哪些监测站」)
            supports = [] if reply.final else self._supports(data, u)
            if supports:
                return _retrieval_answer(u, supports)
            return refusal(u.question, what=reply.what, why=f"表格中没有{reply.what}", scope=data.scope)
        supports = None
        if isinstance(reply, StructuredReply) and reply.confidence < ROW_SURE:
            # a row found by only some of the question's words: running text that covers it better wins
            supports = self._supports(data, u)
            text_wins = supports and supports[0].hit.chunk.source != "table"  # a table row reads better from the table
            margin = 0.0 if reply.confidence < ROW_CONFIDENT else TEXT_MARGIN
            if text_wins and supports[0].coverage > reply.confidence + margin:
                return _retrieval_answer(u, supports)
            if reply.mismatch and reply.confidence < ROW_CONFIDENT:
                return refusal(
                    u.question, what=reply.mismatch, why=f"找到的表格行没有{reply.mismatch}", scope=data.scope
                )
        if isinstance(reply, StructuredReply):
            answer = _structured_answer(u, reply)
            if u.reason:
                # the measures: sought with the clause that asks for them, else with the whole question
                reasons = self._supports(data, u, u.reason_text) if u.reason_text else []
                reasons = reasons or (supports if supports is not None else self._supports(data, u))
                if reasons:
                    return _mixed(answer, reasons)
            return answer
        supports = supports if supports is not None else self._supports(data, u)
        if not supports:
            return refusal(u.question, why="检索不到足够相关的原文句子", scope=data.scope)
        return _retrieval_answer(u, supports)

    def _supports(self, data: LoadedData, u: Understanding, text: str | None = None) -> list[Support]:
        """Sentences supporting `text` (default: the whole question, with a follow-up's context)."""
        hits = self._hits(data, u, text)
        return data.selector.run(u, hits, text) if hits else []

    def _hits(
        self,
        data: LoadedData,
        u: Understanding,
        text: str | None = None,
        mode: str = "hybrid",
        top_k: int = RETRIEVAL_TOP_K,
    ) -> list[Hit]:
        if text is None:
            text = f"{u.context_text} {u.text}" if u.follow_up and u.context_text else u.text
        # search with the subject words: question words would only dilute the scores
        terms = data.selector.query_terms(u, text)
        if not terms:
            return []
        # a comparison's base year (「比2015年减排」) is part of the subject, not a filter
        base_years = re.findall(r"(?:比|较|相比|相较于?)(20\d\d)年?", text)
        query = " ".join([*u.regions, *terms, *base_years])
        region = _asked_region(u, data)
        parent = data.parent_of.get(region or "")
        filters = SearchFilters(doc_id=u.doc_ids[0] if len(u.doc_ids) == 1 else None, region=None if parent else region)
        hits = data.retriever.search(query, top_k=top_k * 3, filters=filters, mode=mode)
        if parent:
            # a 区县 named in its city's documents: its own passages and table rows, and the city's
            # prose where it names the 区县 (「加快恩平市的西门、北郊及沙湖空气监测子站的建设」)
            short = region.rstrip("市区县") or region
            hits = [
                h
                for h in hits
                if region in (h.chunk.region, h.chunk.area)
                or (h.chunk.region == parent and not h.chunk.area and short in h.chunk.text)
            ]
        return _diverse(hits, top_k)

    def retrieve(
        self, question: str, history: list[dict] | None = None, mode: str = "hybrid", top_k: int = 10
    ) -> list[Hit]:
        """The passages `ask` would search for this question (for retrieval metrics)."""
        data = self.loaded
        return self._hits(data, data.understander.run(question, history or []), mode=mode, top_k=top_k)

    def _rewrite(self, answer: Answer, u: Understanding) -> Answer:
        """Let the LLM word the answer from the same material; keep the extractive one on failure."""
        assert self.writer is not None
        started = time.perf_counter()
        try:
            text = self.writer.write(u.text, answer.facts, [c.quote for c in answer.citations], answer.answer)
        except LLMUnavailable as exc:
            logger.warning("LLM %s unavailable, answering extractively: %s", self.writer.model_name, exc)
            answer.backend = f"{EXTRACTIVE} (fallback from {self.writer.model_name}: {str(exc)[:80]})"
        else:
            answer.answer = text
            answer.backend = self.writer.model_name
        answer.timings_ms["llm"] = round((time.perf_counter() - started) * 1000, 1)
        return answer

    # -- searching ------------------------------------------------------------------------------------------

    def search(
        self, query: str, top_k: int = 5, filters: SearchFilters | None = None, mode: str = "hybrid"
    ) -> list[Hit]:
        return self.loaded.retriever.search(query, top_k=top_k, filters=filters, mode=mode)


# -- composing answers ---------------------------------------------------------------------------------------


def _structured_answer(u: Understanding, reply: StructuredReply) -> Answer:
    citations = [
        Citation(
            doc_id=r.doc_id,
            title=r.title,
            section=r.locator,
            chunk_id=f"{r.doc_id}#{r.locator}",
            quote=r.quote,
            score=1.0,
        )
        for r in reply.rows
    ]
    return Answer(
        question=u.question,
        answer=reply.text,
        route="structured",
        facts=[f.to_dict() for f in reply.facts],
        citations=citations,
        why=f"表格查询（{reply.intent}）",
    )


def _retrieval_answer(u: Understanding, supports: list[Support]) -> Answer:
    return Answer(
        question=u.question,
        answer=compose(supports),
        route="retrieval",
        citations=_passage_citations(supports),
        why=f"原文检索，最佳句子覆盖率 {supports[0].coverage:.2f}",
    )


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


def _asked_region(u: Understanding, data: LoadedData) -> str | None:
    """The one region a question is about (a 区县 rather than its city when it names both)."""
    regions = [r for r in u.regions if r not in data.structured.parent_regions]
    return regions[0] if len(regions) == 1 else (u.regions[0] if len(u.regions) == 1 else None)


# -- vocabulary ---------------------------------------------------------------------------------------------


def _vocabulary(documents: list[Document], tables: StructuredTables) -> Vocabulary:
    stations = tables.frames["stations"]
    regions = {d.info.region for d in documents if d.info.region}
    for name in ("tasks", "stations", "funds", "indicators"):
        regions |= {r for r in tables.frames[name]["region"] if isinstance(r, str) and r}
    captions = {}
    for document in documents:
        for table in document.tables:
            captions[f"{document.doc_id}|{table_label(document, table)}"] = (document.doc_id, table.caption)
    text = "\n".join(b.text for d in documents for b in d.blocks) + "\n".join(
        cell for d in documents for t in d.tables for row in t.rows for cell in row
    )
    return Vocabulary(
        regions=tuple(sorted(regions)),
        stations=dict(zip(stations["station"], stations["region"], strict=True)),
        titles={d.doc_id: d.info.title for d in documents},
        captions=captions,
        corpus_text=text,
    )


def _names_subregions(document: Document, tables: StructuredTables) -> bool:
    """Whether the document's rows name regions other than its own (江门市's rows name its 区县)."""
    own = set()
    for name in ("tasks", "stations", "funds", "indicators"):
        frame = tables.frames[name]
        own |= set(frame[frame["doc_id"] == document.doc_id]["region"])
    return bool(own - {document.info.region})


def _scope(documents: list[Document]) -> str:
    regions = list(dict.fromkeys(d.info.region for d in documents if d.info.region))
    years = sorted(d.info.year for d in documents if d.info.year)
    span = f"{years[0]}—{years[-1]}年" if years and years[0] != years[-1] else (f"{years[0]}年" if years else "")
    return f"{'、'.join(regions)}{span}的{len(documents)}份生态环境政策文件（目标、任务进度、空气质量站点、专项资金、指标）"
