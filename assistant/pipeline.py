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

import dataclasses
import functools
import json
import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from assistant.answer import EXTRACTIVE, Answer, Citation, refusal
from assistant.datadir import DataDir, Snapshot, retrieval_config, write_json_atomic
from assistant.extractive import SentenceSelector, Support, compose
from assistant.planner import Holdings, Missing, Planner
from assistant.settings import Settings
from assistant.slots import Catalogue, Question, document_bigrams
from assistant.table_answers import ROW_CONFIDENT, ROW_SURE, TEXT_MARGIN, TableAnswer, TableAnswerer
from assistant.understanding import Understander
from corpus.errors import PolicyAssistantError
from corpus.lexicon import Lexicon
from corpus.model import DOCUMENT_KINDS, Document
from corpus.tables import table_label
from corpus.text import normalize_text
from retrieval.retriever import HybridRetriever
from retrieval.types import Hit, SearchFilters
from structured import TABLE_TITLES, StructuredTables
from structured.executor import Executor
from structured.views import select_rows

if TYPE_CHECKING:  # imported where used: a CLI call that needs neither pays for neither
    from langchain_core.language_models import BaseChatModel

    from assistant.conversations import ConversationStore
    from assistant.llm import LLMWriter
    from assistant.llm_planner import LLMPlanner

logger = logging.getLogger(__name__)

RETRIEVAL_TOP_K = 8
METADATA_FILE = "document_metadata.json"  # thin update_document's edits
EDITABLE_FIELDS = ("title", "issuer", "region", "year", "kind")
MAX_ROWS_PER_TABLE = 3


class QuestionError(PolicyAssistantError):
    """An empty or oversized question (CLI exit 2, HTTP 422)."""


@dataclass(frozen=True)
class LoadedData:
    """Everything one data version answers from, loaded once."""

    version: str
    documents: list[Document]
    tables: StructuredTables
    lexicon: Lexicon
    executor: Executor
    planner: Planner
    tables_answerer: TableAnswerer
    understander: Understander
    retrieval: LazyRetrieval
    scope: str
    parent_of: dict[str, str]  # 区县 whose rows are in its city's documents → the city (恩平市 → 江门市)

    @property
    def retriever(self) -> HybridRetriever:
        return self.retrieval.get()[0]

    @property
    def selector(self) -> SentenceSelector:
        return self.retrieval.get()[1]


class LazyRetrieval:
    """A version's retriever and sentence selector, opened on first use: the vector store, the BM25 index
    and the tokenized passages take seconds to load, and a table question or `tables` never needs them."""

    def __init__(self, snapshot: Snapshot, settings: Settings) -> None:
        self._snapshot = snapshot
        self._settings = settings
        self._parts: tuple[HybridRetriever, SentenceSelector] | None = None
        self._lock = threading.Lock()

    def get(self) -> tuple[HybridRetriever, SentenceSelector]:
        with self._lock:
            if self._parts is None:
                retriever = HybridRetriever.from_snapshot(self._snapshot, retrieval_config(self._settings))
                self._parts = (retriever, SentenceSelector(retriever.chunks, retriever.tokenizer))
            return self._parts


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
        self._ensure_loaded().retrieval.get()

    def _ensure_loaded(self) -> LoadedData:
        """The current version's tables and words; its retrieval opens on first use (or in `warm_up`)."""
        with self._lock:
            snapshot = self.data_dir.require_current()
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
        holdings = Holdings.of(executor.frames, executor.schemas, {d.doc_id: d.info.region for d in documents}, parent_of,
                               executor.row_index.known)  # fmt: skip
        catalogue = Catalogue(
            titles={d.doc_id: d.info.title for d in documents},
            captions={f"{d.doc_id}|{table_label(d, t)}": (d.doc_id, t.caption) for d in documents for t in d.tables},
            bigrams=document_bigrams(_texts(documents)),
        )
        planner = Planner(lexicon, holdings, executor.schemas)
        return LoadedData(
            version=snapshot.version,
            documents=documents,
            tables=tables,
            lexicon=lexicon,
            executor=executor,
            planner=planner,
            tables_answerer=TableAnswerer(planner, executor, self._llm_planner(lexicon, executor)),
            understander=Understander(lexicon, catalogue),
            retrieval=LazyRetrieval(snapshot, self.settings),
            scope=_scope(documents),
            parent_of=parent_of,
        )

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
        q = data.understander.run(question, history or [])
        answer = self._route(data, q)
        answer.question = question
        if q.notes:  # what was read differently from how it was written
            answer.answer += f"\n（{'；'.join(q.notes)}）"
        if self.writer is not None and answer.route != "refusal":
            answer = self._rewrite(answer, q)
        answer.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 1)
        logger.info("route=%s why=%s | %s", answer.route, answer.why, q.explain())
        return answer

    def _route(self, data: LoadedData, q: Question) -> Answer:
        if q.chit_chat or not q.text:
            return refusal(q.raw, why="闲聊或空问题", scope=data.scope)
        if q.realtime:
            return refusal(q.raw, what="实时情况（天气、今日数据等）", why="问的是当下的情况，文件是往年的计划和报告",
                           scope=data.scope)  # fmt: skip
        unknown = q.values("unknown_place")
        if unknown and not q.regions:
            places = "、".join(unknown)
            return refusal(q.raw, what=places, why=f"问题问的是文件未覆盖的地方：{places}", scope=data.scope)
        plan_name = _unknown_plan(q, data)
        if plan_name:
            return refusal(q.raw, what=plan_name, why=f"没有关于{plan_name}的文件", scope=data.scope)
        table = data.tables_answerer.run(q)
        if isinstance(table, Missing):
            # the tables lack it; running text may still say it (「十三五期间要建哪些监测站」)
            supports = [] if table.final else self._supports(data, q)
            if supports:
                return _retrieval_answer(q, supports)
            return refusal(q.raw, what=table.what, why=f"表格中没有{table.what}", scope=data.scope)
        supports = None
        if table is not None and table.confidence < ROW_SURE:
            # a row found by only some of the question's words: running text that covers it better wins
            supports = self._supports(data, q)
            text_wins = supports and supports[0].hit.chunk.source != "table"
            margin = 0.0 if table.confidence < ROW_CONFIDENT else TEXT_MARGIN
            if text_wins and supports[0].coverage > table.confidence + margin:
                return _retrieval_answer(q, supports)
            if table.mismatch and table.confidence < ROW_CONFIDENT:
                return refusal(q.raw, what=table.mismatch, why=f"找到的表格行没有{table.mismatch}", scope=data.scope)
        if table is not None:
            answer = _structured_answer(q, table)
            if q.reason:
                # the measures: sought with the clause that asks for them, else with the whole question
                reasons = self._supports(data, q, q.reason_text) if q.reason_text else []
                reasons = reasons or (supports if supports is not None else self._supports(data, q))
                if reasons:
                    return _mixed(answer, reasons)
            return answer
        supports = supports if supports is not None else self._supports(data, q)
        if not supports:
            return refusal(q.raw, why="检索不到足够相关的原文句子", scope=data.scope)
        return _retrieval_answer(q, supports)

    # -- tables ---------------------------------------------------------------------------------------------

    # -- retrieval -------------------------------------------------------------------------------------------

    def _supports(self, data: LoadedData, q: Question, text: str | None = None) -> list[Support]:
        """Sentences supporting `text` (default: the whole question, with a follow-up's context)."""
        hits = self._hits(data, q, text)
        return data.selector.run(q, hits, text) if hits else []

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
        terms = data.selector.query_terms(q, text)
        if not terms:
            return []
        # a comparison's base year (「比2015年减排」) is part of the subject, not a filter
        base_years = re.findall(r"(?:比|较|相比|相较于?)(20\d\d)年?", text)
        query = " ".join([*q.regions, *terms, *base_years])
        region = _asked_region(q, data)
        parent = data.parent_of.get(region or "")
        docs = q.doc_ids
        filters = SearchFilters(doc_id=docs[0] if len(docs) == 1 else None, region=None if parent else region)
        hits = data.retriever.search(query, top_k=top_k * 3, filters=filters, mode=mode)
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
        from assistant.llm import LLMUnavailable

        assert self.writer is not None
        started = time.perf_counter()
        try:
            text = self.writer.write(q.text, answer.facts, [c.quote for c in answer.citations], answer.answer)
        except LLMUnavailable as exc:
            logger.warning("LLM %s unavailable, answering extractively: %s", self.writer.model_name, exc)
            answer.backend = f"{EXTRACTIVE} (fallback from {self.writer.model_name}: {str(exc)[:80]})"
        else:
            answer.answer = text
            answer.backend = self.writer.model_name
        answer.timings_ms["llm"] = round((time.perf_counter() - started) * 1000, 1)
        return answer

    # -- what the interfaces read (the UI and the CLI use only these) --------------------------------------

    def search(
        self, query: str, top_k: int = 5, filters: SearchFilters | None = None, mode: str = "hybrid"
    ) -> list[Hit]:
        return self.loaded.retriever.search(query, top_k=top_k, filters=filters, mode=mode)

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
        return {
            name: {"rows": len(frame), "columns": list(frame.columns), "title": TABLE_TITLES.get(name, name)}
            for name, frame in self.loaded.tables.frames.items()
        }

    def table_rows(self, name: str, region: str | None = None, status: str | None = None,
                   year: int | None = None) -> pd.DataFrame:  # fmt: skip
        """One table's rows, filtered as a user browses them; KeyError for an unknown table."""
        frame = self.loaded.tables.frames[name]
        return select_rows(frame, region=self.place(region) if region else None, status=status, year=year)

    def documents(self) -> list[Document]:
        return [_edited(d, self._metadata()) for d in self.loaded.documents]

    def document(self, doc_id: str) -> Document | None:
        found = next((d for d in self.loaded.documents if d.doc_id == doc_id), None)
        return _edited(found, self._metadata()) if found else None

    @functools.cached_property
    def conversations(self) -> ConversationStore:
        """Saved conversations and feedback (POLICY_DATABASE_URL, else SQLite under the data directory)."""
        from assistant.conversations import ConversationStore  # sqlalchemy only where conversations are kept

        return ConversationStore.for_data_dir(self.settings.data_dir, self.settings.database_url)

    def health(self) -> dict:
        data = self.loaded
        return {
            "status": "ok",
            "data_version": data.version,
            "documents": len(data.documents),
            "backend": self.writer.model_name if self.writer else "extractive",
            "chroma": self.settings.chroma_mode,
        }

    # -- document lifecycle: THIN VERSIONS until the document service (branch `docs`) replaces them ----------
    # add_documents and delete_document run an ordinary ingest; update_document keeps its edits beside the
    # data versions (data/document_metadata.json) and shows them in documents() and document() only.

    def add_documents(self, paths: list, progress=None):
        """Ingest `paths` as new or replacing uploads; returns the ingest report."""
        from assistant.ingest import Ingestor

        report = Ingestor(self.settings, inside_server=True).run(paths, progress=progress)
        self.reload_if_changed()
        return report

    def delete_document(self, doc_id: str, progress=None):
        """Remove an uploaded document and rebuild without it; bundled documents stay."""
        import shutil
        import tempfile

        document = self.document(doc_id)
        if document is None:
            raise PolicyAssistantError(f"没有文档编号为「{doc_id}」的文件")
        upload = self.data_dir.uploads_dir / document.info.source_file
        if not document.info.source_file or not upload.is_file():
            raise PolicyAssistantError(f"「{document.info.title}」是内置文件，不能删除")
        with tempfile.TemporaryDirectory(prefix="policy-delete-", dir=self.data_dir.root) as aside:
            kept = shutil.move(upload, Path(aside) / upload.name)
            try:
                report = self.add_documents([], progress=progress)
            except Exception:
                shutil.move(kept, upload)  # the ingest failed: the document stays
                raise
        return report

    def update_document(self, doc_id: str, **fields):
        """Change a document's title, issuer, region, year or kind as the documents list shows it."""
        if self.document(doc_id) is None:
            raise PolicyAssistantError(f"没有文档编号为「{doc_id}」的文件")
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise PolicyAssistantError(
                f"不能修改的字段：{'、'.join(sorted(unknown))}；可修改：{'、'.join(EDITABLE_FIELDS)}"
            )
        if "kind" in fields and fields["kind"] not in DOCUMENT_KINDS:
            raise PolicyAssistantError(f"文件类型应为：{'、'.join(DOCUMENT_KINDS)}")
        if not str(fields.get("title", "x")).strip():
            raise PolicyAssistantError("标题不能为空")
        metadata = self._metadata()
        metadata[doc_id] = {**metadata.get(doc_id, {}), **fields}
        write_json_atomic(self.data_dir.root / METADATA_FILE, metadata)
        return self.document(doc_id)

    def _metadata(self) -> dict[str, dict]:
        path = self.data_dir.root / METADATA_FILE
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# -- composing answers ---------------------------------------------------------------------------------------


def _edited(document: Document, metadata: dict[str, dict]) -> Document:
    """`document` with the metadata a user edited (thin version, see update_document)."""
    fields = metadata.get(document.doc_id)
    if not fields:
        return document
    return dataclasses.replace(document, info=dataclasses.replace(document.info, **fields))


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
        for r in result.rows
    ]
    return Answer(
        question=q.raw,
        answer=table.text,
        route="structured",
        facts=[f.to_dict() for f in result.facts],
        citations=citations,
        why=f"表格查询（{result.plan.describe()}）",
    )


def _retrieval_answer(q: Question, supports: list[Support]) -> Answer:
    return Answer(
        question=q.raw,
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


def _asked_region(q: Question, data: LoadedData) -> str | None:
    """The one region a question is about (a 区县 rather than its city when it names both)."""
    cities = set(data.parent_of.values())
    regions = [r for r in q.regions if r not in cities]
    return regions[0] if len(regions) == 1 else (q.regions[0] if len(q.regions) == 1 else None)


def _unknown_plan(q: Question, data: LoadedData) -> str:
    """「十四五规划」 when no document is about that plan period."""
    period = q.plan_period
    if not period or not re.search(rf"{period}”?(规划)", q.text):
        return ""
    titles = [d.info.title for d in data.documents]
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
