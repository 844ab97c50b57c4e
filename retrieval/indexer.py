"""Building the retrieval index of one data version: chunks, both BM25 indexes, vectors, Chroma, calibration.

Everything goes into the staged snapshot's retrieval dir and a collection named after its
version, beside the version answering questions; the assistant's `VersionBuilder` swaps CURRENT
when the whole ingest succeeded and then calls `keep_only`, or calls `discard` on failure.

    snapshot/retrieval/
      manifest.json     collection name, model, counts, the model's calibration
      chunks.jsonl      every chunk, in index order
      bm25/, chars/     the word and character BM25 matrices (.npy)
      vectors.npy       the chunks' vectors, as stored in Chroma (exact filtered search)
      tokenizer.json    the data version's jieba words and place folds
      places.json       the places the documents cover (the unknown-place guard)
      model/            the corpus-static model (a copy of cache/models/<fingerprint>/)

Each chunk is normalised and cut by jieba once; the word index, the character index and
corpus-static's vocabulary all come from that one pass. Embeddings are cached by text, so
only new chunks are embedded. corpus-static is not retrained for every new document: the
model is kept while at most `retrain_share` of the chunks are new since it was trained
(their words still get vectors from their characters), and retrained beyond that — the
ingest details say which and why.

>>> indexer = RetrievalIndexer(RetrievalConfig(cache_dir=Path("d/cache"), chroma_path=Path("d/chroma")))  # doctest: +SKIP
>>> indexer.build(snapshot, documents)["chunks"]  # doctest: +SKIP
481
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.lexicon import Lexicon
from corpus.model import Document
from retrieval.chunking import Chunker
from retrieval.config import (
    BM25_DIR,
    CHAR_DIR,
    CHUNKS_FILE,
    CORPUS_STATIC_MODEL,
    MANIFEST_FILE,
    MODEL_DIR,
    TOKENIZER_FILE,
    VECTORS_FILE,
    RetrievalConfig,
    SnapshotLike,
)
from retrieval.embedding.cache import EmbeddingCache, text_hash
from retrieval.embedding.embedder import Embedder, model_id_for
from retrieval.embedding.static_model import CorpusStaticTrainer, unk_rate
from retrieval.guard import UnknownPlaceGuard
from retrieval.indexes.bm25_index import BM25Index, CharIndex, SparseBM25
from retrieval.indexes.chroma_store import ChromaStore
from retrieval.tokenizing import Analysis, ChineseTokenizer, char_keys
from retrieval.types import Chunk

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
STATIC_PREFIX = f"{CORPUS_STATIC_MODEL}@"
# corpus-static learns from at most this many chunks, evenly spread: word co-occurrence is learned
# well long before 50 000 chunks, and training time and memory stay bounded.
MAX_TRAINING_CHUNKS = 8_000
TRAINED_FILE = "trained_texts.npy"  # in a corpus-static model dir: hashes of the texts it was trained on


@dataclass
class _Pass:
    """What one pass over the chunks yields for every index (per chunk: distinct term ids or keys, and
    their counts)."""

    word_ids: list[np.ndarray]
    word_tf: list[np.ndarray]
    vocabulary: dict[str, int]
    char_keys: list[np.ndarray]
    char_tf: list[np.ndarray]
    word_counts: Counter[str]  # jieba's words of the training sample's texts
    normalized: list[str]  # each chunk's text (without its context), normalised
    search_texts: list[str]  # each chunk's context and text, normalised (what corpus-static embeds)


class RetrievalIndexer:
    """Builds, keeps or discards the retrieval index of a snapshot."""

    def __init__(self, config: RetrievalConfig, chunker: Chunker | None = None,
                 trainer: CorpusStaticTrainer | None = None) -> None:  # fmt: skip
        self.config = config
        self.chunker = chunker or Chunker()
        self.trainer = trainer or CorpusStaticTrainer()
        self.store = ChromaStore(config.chroma)
        self.cache = EmbeddingCache(config.embeddings_path)

    def build(
        self,
        snapshot: SnapshotLike,
        documents: Sequence[Document],
        progress: ProgressCallback | None = None,
        lexicon: Lexicon | None = None,
    ) -> dict:
        """Build everything for `snapshot`; return the details the ingest report shows. `lexicon`:
        the data version's words, kept whole by the tokenizer (BM25 and the corpus-static model)."""
        return self.build_chunks(snapshot, self.chunker.run(documents), progress, lexicon)

    def build_chunks(
        self,
        snapshot: SnapshotLike,
        chunks: list[Chunk],
        progress: ProgressCallback | None = None,
        lexicon: Lexicon | None = None,
    ) -> dict:
        """`build` from chunks made already (the scale benchmark makes its own)."""
        progress = progress or (lambda stage, done, total: None)
        started = time.perf_counter()
        directory = Path(snapshot.retrieval_dir)
        directory.mkdir(parents=True, exist_ok=True)
        _write_chunks(directory / CHUNKS_FILE, chunks)

        tokenizer = ChineseTokenizer.for_lexicon(lexicon)
        cut = self._cut(chunks, tokenizer, progress)
        bm25 = BM25Index(SparseBM25.from_counts(cut.word_ids, cut.word_tf, len(cut.vocabulary)), cut.vocabulary,
                         tokenizer)  # fmt: skip
        bm25.save(directory / BM25_DIR)
        CharIndex.from_counted(cut.char_keys, cut.char_tf).save(directory / CHAR_DIR)
        del bm25
        cut.word_ids, cut.word_tf, cut.char_keys, cut.char_tf = [], [], [], []  # the rest of the build needs memory
        (directory / TOKENIZER_FILE).write_text(json.dumps(tokenizer.to_dict(), ensure_ascii=False), encoding="utf-8")
        UnknownPlaceGuard.from_lexicon(lexicon).save(directory)

        model_path, model_id, static = self._embedding_model(cut, directory, progress, tokenizer)
        embedder = Embedder(model_path, cache=self.cache, model_id=model_id)
        # corpus-static reads normalised text (its tokenizer folds case and width; simplified here once)
        texts = cut.search_texts if static else [c.search_text for c in chunks]
        result = embedder.run(texts, progress=progress, simplified=bool(static))
        np.save(directory / VECTORS_FILE, result.vectors)
        unk = static.pop("unk_rate", None)
        if unk is None and embedder.loaded:  # a pretrained model: its own tokenizer's rate
            unk = embedder.unk_rate([c.text for c in chunks])

        progress("写入向量库", 0, 1)
        collection = self.store.create(snapshot.version, chunks, result.vectors)
        progress("写入向量库", 1, 1)

        details = {
            "chunks": len(chunks),
            "table_chunks": sum(1 for c in chunks if c.source == "table"),
            "embedded": result.embedded,
            "reused": result.reused,
            "model": model_id,
            "embedding_model": self.config.embedding_model,
            "dimension": int(result.vectors.shape[1]) if len(chunks) else 0,
            "unk_rate": None if unk is None else round(unk, 5),
            "collection": collection,
            "chroma": self.config.chroma.mode,
            **({"corpus_static": static} if static else {}),
        }
        manifest = {**details, "version": snapshot.version, "model_path": _relative_model_path(model_path, directory)}
        _write_manifest(directory, manifest)
        del cut, result
        progress("校准", 0, 1)
        calibration = self._calibrate(snapshot, embedder, chunks)
        progress("校准", 1, 1)
        details["calibration"] = calibration
        details["seconds"] = round(time.perf_counter() - started, 2)
        logger.info("retrieval index %s: %s", snapshot.version, details)
        return details

    def _cut(self, chunks: list[Chunk], tokenizer: ChineseTokenizer, progress: ProgressCallback) -> _Pass:
        """Normalise and cut every chunk once; a heading context shared by many chunks is cut once too."""
        contexts: dict[str, Analysis] = {}
        vocabulary: dict[str, int] = {}
        cut = _Pass([], [], vocabulary, [], [], Counter(), [], [])
        sample = set(_training_sample(len(chunks)))
        stage = "分词"
        for n, chunk in enumerate(chunks):
            if n % 1000 == 0:
                progress(stage, n, len(chunks))
            text = tokenizer.analyze(chunk.text)
            context = contexts.get(chunk.context)
            if context is None:
                context = contexts[chunk.context] = tokenizer.analyze(chunk.context)
            terms = context.terms + text.terms
            ids, tf = np.unique(np.array([vocabulary.setdefault(t, len(vocabulary)) for t in terms], dtype=np.int32),
                                return_counts=True)  # fmt: skip
            cut.word_ids.append(ids)
            cut.word_tf.append(tf.astype(np.int16))
            keys, tf = np.unique(np.concatenate([char_keys(context.normalized), char_keys(text.normalized)]),
                                 return_counts=True)  # fmt: skip
            cut.char_keys.append(keys)
            cut.char_tf.append(tf.astype(np.int16))
            if n in sample:
                cut.word_counts.update(text.words)
            cut.normalized.append(text.normalized)
            cut.search_texts.append(f"{context.normalized}\n{text.normalized}" if chunk.context else text.normalized)
        progress(stage, len(chunks), len(chunks))
        return cut

    def _calibrate(self, snapshot: SnapshotLike, embedder: Embedder, chunks: list[Chunk]) -> dict:
        """Calibrate the new index's model on the configured sets and store it in the manifest."""
        from retrieval.retriever import HybridRetriever

        directory = Path(snapshot.retrieval_dir)
        retriever = HybridRetriever.from_snapshot(snapshot, self.config, embedder=embedder, chunks=chunks)
        paths = [p for p in self.config.calibration_sets if Path(p).exists()]
        try:
            calibration = retriever.calibrate(paths)
        except ValueError as exc:  # no in-corpus question has its passage in this corpus
            logger.warning("calibration skipped (%s): the index uses the default weights and floors", exc)
            return {"source": "default", "why": str(exc)}
        store_calibration(directory, retriever.model_id, calibration.to_dict())
        return {"source": calibration.source, **calibration.details}

    def discard(self, snapshot: SnapshotLike) -> None:
        """Drop a failed ingest's half-built collection (its files go with the snapshot dir)."""
        try:
            self.store.drop(snapshot.version)
        except Exception:  # the ingest already failed; say so in the log, do not mask its error
            logger.exception("could not drop the collection of failed version %s", snapshot.version)

    def keep_only(self, snapshot: SnapshotLike) -> list[str]:
        """After CURRENT points at `snapshot`: delete other versions' collections and stale models.

        The swap has already happened, so a failure here is logged, not raised: the leftovers
        are removed by the next successful ingest.
        """
        try:
            return self._keep_only(snapshot)
        except Exception:
            logger.exception("cleaning up after version %s failed; the next ingest will retry", snapshot.version)
            return []

    def _keep_only(self, snapshot: SnapshotLike) -> list[str]:
        removed = self.store.keep_only(snapshot.version)
        manifest_path = Path(snapshot.retrieval_dir) / MANIFEST_FILE
        model_id = json.loads(manifest_path.read_text(encoding="utf-8"))["model"] if manifest_path.exists() else ""
        if model_id.startswith(STATIC_PREFIX):
            fingerprint = model_id.removeprefix(STATIC_PREFIX)
            self.cache.drop_models(STATIC_PREFIX, keep=model_id)
            for old in self.config.models_dir.glob(f"{CORPUS_STATIC_MODEL}-*"):
                if old.name != f"{CORPUS_STATIC_MODEL}-{fingerprint}":
                    shutil.rmtree(old, ignore_errors=True)
        return removed

    # -- the embedding model ---------------------------------------------------------------------

    def _embedding_model(
        self, cut: _Pass, directory: Path, progress: ProgressCallback, tokenizer: ChineseTokenizer
    ) -> tuple[str, str, dict]:
        """(model path or name, model id, what happened to corpus-static) for this build."""
        if not self.config.uses_corpus_static:
            return self.config.embedding_model, model_id_for(self.config.embedding_model), {}
        hashes = _text_keys(cut.normalized)
        cached, decision = self._reusable_model(hashes)
        if cached is None:
            fingerprint = self.trainer.fingerprint(cut.normalized, tokenizer)
            cached = self.config.models_dir / f"{CORPUS_STATIC_MODEL}-{fingerprint}"
            if not (cached / "modules.json").exists():
                progress("训练语料向量模型", 0, 1)
                self._train(cut, cached, tokenizer, hashes)
                progress("训练语料向量模型", 1, 1)
        target = directory / MODEL_DIR
        _copy_tree(cached, target)
        from tokenizers import Tokenizer

        sample = [cut.normalized[i] for i in _training_sample(len(cut.normalized))]
        decision["unk_rate"] = unk_rate(Tokenizer.from_file(str(target / "tokenizer.json")), sample)
        fingerprint = cached.name.removeprefix(f"{CORPUS_STATIC_MODEL}-")
        return str(target), f"{STATIC_PREFIX}{fingerprint}", decision

    def _reusable_model(self, hashes: np.ndarray) -> tuple[Path | None, dict]:
        """The corpus-static model to keep, if one was trained on enough of these texts."""
        best: tuple[float, Path] | None = None
        for model_dir in self.config.models_dir.glob(f"{CORPUS_STATIC_MODEL}-*"):
            trained = model_dir / TRAINED_FILE
            if (model_dir / "modules.json").exists() and trained.exists():
                new_share = float(1 - np.isin(hashes, np.load(trained)).mean()) if len(hashes) else 0.0
                if best is None or new_share < best[0]:
                    best = (new_share, model_dir)
        limit = self.config.retrain_share
        if best is None:
            return None, {"action": "trained", "why": "还没有语料向量模型"}
        share = round(best[0], 4)
        if share == 0.0:
            return best[1], {"action": "reused", "new_share": share, "why": "语料没有变化"}
        if share <= limit:
            why = f"新文本占 {share:.0%}，不超过 {limit:.0%}，沿用已训练的模型（新词由字向量表示）"
            return best[1], {"action": "reused", "new_share": share, "why": why}
        why = f"新文本占 {share:.0%}，超过 {limit:.0%}，重新训练"
        return None, {"action": "retrained", "new_share": share, "why": why}

    def _train(self, cut: _Pass, target: Path, tokenizer: ChineseTokenizer, hashes: np.ndarray) -> None:
        staging = self.config.models_dir / f".staging-{target.name}-{secrets.token_hex(3)}"
        texts = [cut.normalized[i] for i in _training_sample(len(cut.normalized))]
        try:
            self.trainer.run(texts, staging, tokenizer, word_counts=cut.word_counts, normalized=True)
            np.save(staging / TRAINED_FILE, np.unique(hashes))
            if not target.exists():
                os.replace(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def store_calibration(directory: Path, model_id: str, calibration: dict) -> None:
    """Write `calibration` under `model_id` into the manifest of the index in `directory`."""
    path = Path(directory) / MANIFEST_FILE
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.setdefault("calibration", {})[model_id] = calibration
    _write_manifest(directory, manifest)


def _write_manifest(directory: Path, manifest: dict) -> None:
    path = Path(directory) / MANIFEST_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _training_sample(size: int) -> range:
    """Positions of the chunks corpus-static trains on: all of them, or every n-th of many."""
    return range(0, size, max(1, -(-size // MAX_TRAINING_CHUNKS)))


def _text_keys(texts: Sequence[str]) -> np.ndarray:
    """64-bit keys of texts (the first 16 hex digits of their SHA-256)."""
    return np.array([int(text_hash(t)[:16], 16) for t in texts], dtype=np.uint64)


def _write_chunks(path: Path, chunks: list[Chunk]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for chunk in chunks:
            f.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")


def read_chunks(path: Path) -> list[Chunk]:
    # one parse of the whole file: at 50 000 chunks, a json.loads per line is most of the load time
    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Chunk(**data) for data in json.loads(f"[{','.join(lines)}]")]


def _copy_tree(source: Path, target: Path) -> None:
    """Copy the model files into the snapshot: never hard links, so a file damaged in one
    version (or in the cache) cannot damage the other."""
    shutil.copytree(source, target, dirs_exist_ok=True)


def _relative_model_path(model_path: str, directory: Path) -> str:
    """The corpus-static model is stored relative to the retrieval dir, so the data dir can move."""
    path = Path(model_path)
    if path.exists() and path.resolve().is_relative_to(directory.resolve()):
        return str(path.resolve().relative_to(directory.resolve()))
    return model_path
