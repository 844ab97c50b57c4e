"""Search over one data version: word BM25, character BM25 and dense channels, fused, with floors.

The assistant loads a `HybridRetriever` once per data version (indexes, vectors, the model and
the Chroma collection stay in memory) and calls `search()` per question:

>>> retriever = HybridRetriever.from_snapshot(snapshot, config)  # doctest: +SKIP
>>> [h.chunk.doc_id for h in retriever.search("海门市2020年PM2.5目标是多少", top_k=3)]  # doctest: +SKIP
['hm-2020-work-plan', 'hm-2020-work-plan', 'hm-2020-work-plan']

A query is read three ways: jieba words (BM25), characters and their pairs (BM25), and the
embedding model's vector. Thesaurus and domain synonyms are added to the first two at a lower
weight (`retrieval.expansion`). Each channel brings its best candidates; every candidate then
gets its exact score from every channel, and the calibrated weights of the index's model fuse
them (`retrieval.calibration`).

Refusals: a place the corpus never names (「广州市…」), not one word the corpus uses (「你好」),
a best score under the mode's calibrated floor, or a best hit holding too little of the
question's own words (evidence) get no hits, so the assistant can refuse honestly.

Filters are numpy masks computed at load (`retrieval.filtering`). With a filter the dense
channel scores the allowed rows exactly with numpy (the vectors are kept beside the index),
which is faster here than the store's filtered query and never misses a row; without one it
asks Chroma (embedded or a server).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.text import normalize_text
from retrieval.calibration import (
    DEFAULT_CALIBRATION,
    DENSE_SURE,
    MODE_CHANNELS,
    NO_EVIDENCE,
    Calibration,
    Calibrator,
    ScoredQuestion,
    load_questions,
)
from retrieval.config import (
    BM25_DIR,
    CHAR_DIR,
    CHUNKS_FILE,
    MANIFEST_FILE,
    TOKENIZER_FILE,
    VECTORS_FILE,
    RetrievalConfig,
    SnapshotLike,
)
from retrieval.embedding.embedder import Embedder
from retrieval.errors import IndexNotReadyError, RetrievalError
from retrieval.expansion import QueryExpander
from retrieval.filtering import MetadataMasks
from retrieval.fusion import WeightedFusion
from retrieval.guard import UnknownPlaceGuard
from retrieval.indexer import read_chunks
from retrieval.indexes.bm25_index import BM25Index, CharIndex, WeightedQuery, top_positions
from retrieval.indexes.chroma_store import ChromaStore
from retrieval.metrics import squash
from retrieval.tokenizing import ChineseTokenizer, char_terms
from retrieval.types import SEARCH_MODES, Chunk, Hit, SearchFilters

logger = logging.getLogger(__name__)

# How many candidates each channel brings to the fusion, at least.
MIN_CANDIDATES = 50


@dataclass(frozen=True)
class QueryPlan:
    """A question read for every channel: word and character queries (own and added terms) and the
    words whose presence in a passage is the evidence of an answer."""

    text: str
    word: WeightedQuery
    char: WeightedQuery
    evidence_terms: tuple[str, ...]  # the question's own terms and the domain list's


@dataclass(frozen=True)
class Candidates:
    """Positions of candidate chunks and each channel's 0…1 score of them (and the raw cosines)."""

    positions: np.ndarray
    scores: dict[str, np.ndarray]
    cosines: np.ndarray
    evidence: np.ndarray


class DenseRetriever:
    """The dense channel: the query's vector against the chunks' vectors.

    `vectors` (the same ones stored in Chroma, kept as a memory-mapped .npy) give exact cosines of
    any rows; Chroma's index finds the nearest chunks of an unfiltered query, or the vectors do when
    no collection was opened (a one-shot command: the same vectors, without Chroma's start-up).
    """

    def __init__(self, embedder: Embedder, store: ChromaStore, collection: Any, chunks: Sequence[Chunk],
                 vectors: np.ndarray) -> None:  # fmt: skip
        self.embedder = embedder
        self.store = store
        self.collection = collection
        self.vectors = vectors
        self._positions = {c.chunk_id: i for i, c in enumerate(chunks)}

    def vector(self, query: str) -> np.ndarray:
        return self.embedder.embed_query(query)

    def nearest(self, vector: np.ndarray, top_k: int, allowed: np.ndarray | None = None) -> np.ndarray:
        """Positions of the `top_k` nearest chunks (among `allowed` rows, exactly, when given)."""
        if not np.any(vector) or top_k < 1:  # nothing the model knows: no direction to compare
            return np.zeros(0, dtype=np.int64)
        if allowed is not None or self.collection is None:
            rows = np.flatnonzero(allowed) if allowed is not None else np.arange(len(self.vectors))
            return rows[[p for p, _ in top_positions(self.vectors[rows] @ vector + 1.0, top_k)]]
        try:
            found = self.store.query(self.collection, vector, min(top_k, len(self._positions)))
        except Exception as exc:
            raise RetrievalError(f"向量检索失败（{type(exc).__name__}: {exc}），请检查向量库 Chroma 是否可用") from exc
        return np.array([self._positions[i] for i, _ in found if i in self._positions], dtype=np.int64)

    def cosines(self, vector: np.ndarray, positions: np.ndarray) -> np.ndarray:
        return np.asarray(self.vectors[positions] @ vector, dtype=np.float32)


class HybridRetriever:
    """Searches one data version. Build it with `from_snapshot` and keep it while that version is current."""

    def __init__(
        self,
        chunks: Sequence[Chunk],
        bm25: BM25Index,
        chars: CharIndex,
        dense: DenseRetriever,
        calibration: Calibration = DEFAULT_CALIBRATION,
        guard: UnknownPlaceGuard | None = None,
        version: str = "",
        model_id: str = "",
    ) -> None:
        self.chunks = list(chunks)
        self.bm25 = bm25
        self.chars = chars
        self.tokenizer = bm25.tokenizer
        self.dense = dense
        self.guard = guard or UnknownPlaceGuard(())
        self.version = version
        self.model_id = model_id
        self.masks = MetadataMasks(self.chunks)
        self.expander = QueryExpander(known=lambda term: term in self.bm25.vocabulary)
        self.calibration = calibration

    @property
    def calibration(self) -> Calibration:
        return self._calibration

    @calibration.setter
    def calibration(self, calibration: Calibration) -> None:
        self._calibration = calibration
        self.fusion = WeightedFusion(calibration.weights)

    @classmethod
    def from_snapshot(cls, snapshot: SnapshotLike | None, config: RetrievalConfig, embedder: Embedder | None = None,
                      chunks: list[Chunk] | None = None, open_store: bool = True) -> HybridRetriever:  # fmt: skip
        """Load the indexes, vectors, model and Chroma collection of `snapshot` (once; keep the object).

        `embedder`, `chunks`: the index's model and chunks in memory already (the indexer calibrating
        what it just built). `open_store=False`: search the version's vector file alone (a one-shot
        command answering one question; a server keeps Chroma's index open).
        """
        if snapshot is None:
            raise IndexNotReadyError("还没有建立索引，请先运行 policy-assistant ingest 导入文件")
        directory = Path(snapshot.retrieval_dir)
        manifest = read_manifest(directory)
        if manifest is None or not (directory / CHAR_DIR).exists():
            raise IndexNotReadyError(
                f"数据版本 {snapshot.version} 没有（当前格式的）检索索引，请重新运行 policy-assistant ingest"
            )
        if manifest.get("embedding_model") != config.embedding_model:
            logger.warning(
                "the index was built with embedding model %s, settings say %s: searching with the index's "
                "model; re-run ingest to switch",
                manifest.get("embedding_model"),
                config.embedding_model,
            )
        model_path = manifest["model_path"]
        if (directory / model_path).exists():
            model_path = str(directory / model_path)
        tokenizer = ChineseTokenizer.from_dict(json.loads((directory / TOKENIZER_FILE).read_text(encoding="utf-8")))
        tokenizer.warm_up()
        embedder = embedder or Embedder(model_path, model_id=manifest["model"])
        embedder.warm_up()
        store = ChromaStore(config.chroma)
        chunks = chunks if chunks is not None else read_chunks(directory / CHUNKS_FILE)
        dense = DenseRetriever(embedder, store, store.open(snapshot.version) if open_store else None, chunks,
                               np.load(directory / VECTORS_FILE, mmap_mode="r"))  # fmt: skip
        retriever = cls(
            chunks=chunks,
            bm25=BM25Index.load(directory / BM25_DIR, tokenizer),
            chars=CharIndex.load(directory / CHAR_DIR, tokenizer),
            dense=dense,
            calibration=calibration_of(manifest),
            guard=UnknownPlaceGuard.load(directory),
            version=snapshot.version,
            model_id=manifest["model"],
        )
        retriever.search("空气质量目标", top_k=1)  # the first search loads HNSW files and caches: pay now
        return retriever

    # -- searching ---------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        top_k: int = 5,
        filters: SearchFilters | None = None,
        mode: str = "hybrid",
        floor: float | None = None,
    ) -> list[Hit]:
        """The best `top_k` chunks for `query` with a score at or above the mode's floor, best first."""
        if mode not in SEARCH_MODES:
            raise ValueError(f"mode must be one of {SEARCH_MODES}, got {mode!r}")
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, got {top_k}")
        query = query.strip()
        plan = self.plan(query) if query else None
        # Two refusals no score can make: a place the corpus never names (「广州市…」), and not
        # one word the corpus uses (「你好」; a static model still finds a nearest chunk for it).
        if plan is None or self.guard.run(query) or not self.knows_any(plan):
            return []
        allowed = self.masks.allowed(filters)
        if allowed is not None and not allowed.any():
            return []
        found = self.candidates(plan, max(MIN_CANDIDATES, 5 * top_k), allowed, MODE_CHANNELS[mode])
        weights = self.calibration.weights if mode == "hybrid" else {MODE_CHANNELS[mode][0]: 1.0}
        fused = WeightedFusion(weights).run(found.scores) if mode != "hybrid" else self.fusion.run(found.scores)
        floor = self.calibration.floors.get(mode, 0.0) if floor is None else floor
        order = np.lexsort((found.positions, -fused))
        if not len(order) or fused[order[0]] < floor or not self.has_evidence(found, order[0]):
            return []
        return [self._hit(found, fused, i) for i in order[:top_k] if fused[i] >= floor and fused[i] > 0]

    def plan(self, query: str) -> QueryPlan:
        """How each channel reads `query`: own terms, and the terms synonyms add at a lower weight."""
        analysis = self.tokenizer.analyze(query)
        content = [self.tokenizer.term(w.strip()) for w in analysis.words if self.tokenizer.keeps(w.strip())]
        expansion = self.expander.run(query, content)
        word_added: dict[str, float] = {}
        char_added: dict[str, float] = {}
        own_chars = self.chars.query_terms(query)
        for term, weight in expansion.terms.items():
            for t in self.tokenizer.run(term):
                if t not in analysis.terms:
                    word_added[t] = max(word_added.get(t, 0.0), weight)
            for t in char_terms(normalize_text(term)):
                if t not in own_chars:
                    char_added[t] = max(char_added.get(t, 0.0), weight)
        # the thesaurus's synonyms are too loose to be evidence; the domain list's terms are not
        evidence = [*analysis.terms, *(t for term in expansion.domain for t in self.tokenizer.run(term))]
        return QueryPlan(
            text=query,
            word=WeightedQuery(tuple(analysis.terms), word_added),
            char=WeightedQuery(tuple(own_chars), char_added),
            evidence_terms=tuple(dict.fromkeys(evidence)),
        )

    def knows_any(self, plan: QueryPlan) -> bool:
        """Whether the corpus uses at least one of the query's words or the words synonyms add."""
        return self.bm25.knows_any(plan.word) or bool(self.bm25.known_ids(plan.word.added))

    def candidates(self, plan: QueryPlan, count: int, allowed: np.ndarray | None = None,
                   channels: Sequence[str] = MODE_CHANNELS["hybrid"]) -> Candidates:  # fmt: skip
        """Each channel's best `count` chunks, every one scored exactly by every channel."""
        among = np.flatnonzero(allowed) if allowed is not None else None
        word = self.bm25.scores(plan.word, among)
        chars = self.chars.scores(plan.char, among)
        vector = self.dense.vector(plan.text) if "dense" in channels or self.fusion.weights["dense"] else None
        picked: list[np.ndarray] = []
        if "word" in channels:
            picked.append(np.array([p for p, _ in top_positions(word, count, allowed)], dtype=np.int64))
        if "char" in channels:
            picked.append(np.array([p for p, _ in top_positions(chars, count, allowed)], dtype=np.int64))
        if "dense" in channels and vector is not None:
            picked.append(self.dense.nearest(vector, count, allowed))
        positions = np.unique(np.concatenate(picked)) if picked else np.zeros(0, dtype=np.int64)
        cosines = self.dense.cosines(vector, positions) if vector is not None else np.zeros(len(positions), np.float32)
        scores = {
            "word": word[positions],
            "char": chars[positions],
            "dense": self.calibration.normalize_dense(cosines),
        }
        return Candidates(positions, scores, cosines, self.evidence(plan, positions))

    def evidence(self, plan: QueryPlan, positions: np.ndarray) -> np.ndarray:
        """Per candidate: the keyness of the most corpus-specific question term it contains
        (`BM25Index.keyness`; NO_EVIDENCE when it contains none)."""
        vocabulary = self.bm25.vocabulary
        ids = np.array([vocabulary[t] for t in plan.evidence_terms if t in vocabulary], dtype=np.int64)
        evidence = np.full(len(positions), NO_EVIDENCE, dtype=np.float32)
        if not len(positions) or not len(ids):
            return evidence
        rows = self.bm25.bm25.rows[positions]
        keyness = np.where(np.isin(rows.indices, ids), self.bm25.keyness[rows.indices], NO_EVIDENCE)
        filled = np.diff(rows.indptr) > 0
        evidence[filled] = np.maximum.reduceat(keyness, rows.indptr[:-1][filled]) if len(keyness) else NO_EVIDENCE
        return evidence

    def has_evidence(self, found: Candidates, best: int) -> bool:
        """The best hit holds a corpus-specific word of the question, or the dense channel is sure."""
        dense = float(found.scores["dense"][best])
        return float(found.evidence[best]) >= self.calibration.evidence or dense >= DENSE_SURE

    # -- calibrating -------------------------------------------------------------------------------

    def calibrate(self, paths: Sequence[Path], calibrator: Calibrator | None = None) -> Calibration:
        """Measure this index's weights, dense range and floors on the questions of `paths` (eval-format
        JSONL), set them on this retriever and return them. ValueError if no in-corpus question of
        `paths` has its gold passage in this corpus."""
        in_corpus, off_topic = load_questions(paths)
        texts = [squash(c.text) for c in self.chunks]
        gold = [(q, [i for i, t in enumerate(texts) if any(squash(x) in t for x in quotes)]) for q, quotes in in_corpus]
        gold = [(q, g) for q, g in gold if g]
        if not gold:
            raise ValueError("没有一道校准问题的标准段落在当前语料中")
        questions = [q for q, _ in gold] + off_topic
        vectors = np.stack([self.dense.vector(q) for q in questions])
        cosines = np.asarray(vectors @ np.asarray(self.dense.vectors).T, dtype=np.float32)
        dense_range = Calibrator.dense_range(cosines[: len(gold)].max(axis=1), cosines.ravel())
        self.calibration = Calibration(self.calibration.weights, dense_range, {})
        scored = [self._scored(q, set(g)) for q, g in gold]
        scored_off = [self._scored(q, set()) for q in off_topic]
        calibration = (calibrator or Calibrator()).run([s for s in scored if s], [s for s in scored_off if s],
                                                       dense_range)  # fmt: skip
        details = {**calibration.details, "sets": [str(p) for p in paths], "model": self.model_id,
                   "gold_found": len(gold), "gold_missing": len(in_corpus) - len(gold)}  # fmt: skip
        self.calibration = Calibration(calibration.weights, dense_range, calibration.floors, calibration.evidence,
                                       calibration.source, details)  # fmt: skip
        return self.calibration

    def _scored(self, question: str, gold: set[int]) -> ScoredQuestion | None:
        """A question's candidates as the calibrator sees them (None if the pre-checks refuse it)."""
        plan = self.plan(question)
        if self.guard.run(question) or not self.knows_any(plan):
            return None
        found = self.candidates(plan, MIN_CANDIDATES)
        relevant = np.array([int(p) in gold for p in found.positions], dtype=bool)
        return ScoredQuestion(found.scores, relevant, found.evidence, found.cosines)

    def _hit(self, found: Candidates, fused: np.ndarray, i: int) -> Hit:
        return Hit(
            self.chunks[int(found.positions[i])],
            round(float(fused[i]), 6),
            bm25=float(found.scores["word"][i]),
            dense=float(found.cosines[i]),
            char=float(found.scores["char"][i]),
        )


def read_manifest(directory: Path) -> dict | None:
    path = Path(directory) / MANIFEST_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def calibration_of(manifest: dict) -> Calibration:
    """The calibration stored for the manifest's model, or the default (logged) when there is none."""
    stored = manifest.get("calibration", {}).get(manifest.get("model", ""))
    if stored is None:
        logger.info("no calibration for model %s in the index: using defaults; run policy-assistant calibrate",
                    manifest.get("model"))  # fmt: skip
        return DEFAULT_CALIBRATION
    return Calibration.from_dict(stored)
