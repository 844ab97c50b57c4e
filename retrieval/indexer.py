"""Building the retrieval index of one data version: chunks, BM25, embeddings, the Chroma collection.

Everything goes into the staged snapshot's retrieval dir and a collection named after its
version, beside the version answering questions; the assistant's `VersionBuilder` swaps CURRENT
when the whole ingest succeeded and then calls `keep_only`, or calls `discard` on failure.

    snapshot/retrieval/
      manifest.json     collection name, model, counts
      chunks.jsonl      every chunk, in index order
      bm25/             the bm25s index
      model/            the corpus-static model (a copy of cache/models/<fingerprint>/)

>>> indexer = RetrievalIndexer(RetrievalConfig(cache_dir=Path("d/cache"), chroma_path=Path("d/chroma")))  # doctest: +SKIP
>>> indexer.build(snapshot, documents)["chunks"]  # doctest: +SKIP
479
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from corpus.lexicon import Lexicon
from corpus.model import Document
from retrieval.chunking import Chunker
from retrieval.config import BM25_DIR, CHUNKS_FILE, MANIFEST_FILE, MODEL_DIR, RetrievalConfig, SnapshotLike
from retrieval.embedding.cache import EmbeddingCache
from retrieval.embedding.embedder import Embedder, model_id_for
from retrieval.embedding.static_model import CORPUS_STATIC_MODEL, CorpusStaticTrainer, unk_rate
from retrieval.indexes.bm25_index import BM25Index
from retrieval.indexes.chroma_store import ChromaStore
from retrieval.tokenizing import ChineseTokenizer
from retrieval.types import Chunk

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
STATIC_PREFIX = f"{CORPUS_STATIC_MODEL}@"


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
        progress = progress or (lambda stage, done, total: None)
        started = time.perf_counter()
        directory = Path(snapshot.retrieval_dir)
        directory.mkdir(parents=True, exist_ok=True)

        chunks = self.chunker.run(documents)
        _write_chunks(directory / CHUNKS_FILE, chunks)
        tokenizer = ChineseTokenizer.for_lexicon(lexicon)
        BM25Index.build([c.search_text for c in chunks], tokenizer).save(directory / BM25_DIR)

        model_path, model_id, unk = self._embedding_model(chunks, directory, progress, tokenizer)
        embedder = Embedder(model_path, cache=self.cache, model_id=model_id)
        result = embedder.run([c.search_text for c in chunks], progress=progress)
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
            "seconds": round(time.perf_counter() - started, 2),
            "model": model_id,
            "embedding_model": self.config.embedding_model,
            "dimension": int(result.vectors.shape[1]) if len(chunks) else 0,
            "unk_rate": None if unk is None else round(unk, 5),
            "collection": collection,
            "chroma": self.config.chroma.mode,
        }
        manifest = {**details, "version": snapshot.version, "model_path": _relative_model_path(model_path, directory)}
        (directory / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        logger.info("retrieval index %s: %s", snapshot.version, details)
        return details

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
        self, chunks: list[Chunk], directory: Path, progress: ProgressCallback, tokenizer: ChineseTokenizer
    ) -> tuple[str, str, float | None]:
        """(model path or name, model id, [UNK] rate if known) for this build."""
        if not self.config.uses_corpus_static:
            return self.config.embedding_model, model_id_for(self.config.embedding_model), None
        texts = [c.text for c in chunks]
        fingerprint = self.trainer.fingerprint(texts, tokenizer)
        cached = self.config.models_dir / f"{CORPUS_STATIC_MODEL}-{fingerprint}"
        if not (cached / "modules.json").exists():
            progress("训练语料向量模型", 0, 1)
            staging = self.config.models_dir / f".staging-{fingerprint}-{secrets.token_hex(3)}"
            try:
                self.trainer.run(texts, staging, tokenizer)
                if not cached.exists():
                    os.replace(staging, cached)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            progress("训练语料向量模型", 1, 1)
        target = directory / MODEL_DIR
        _copy_tree(cached, target)
        from tokenizers import Tokenizer

        unk = unk_rate(Tokenizer.from_file(str(target / "tokenizer.json")), texts)
        return str(target), f"{STATIC_PREFIX}{fingerprint}", unk


def _write_chunks(path: Path, chunks: list[Chunk]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for chunk in chunks:
            f.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")


def read_chunks(path: Path) -> list[Chunk]:
    with Path(path).open(encoding="utf-8") as f:
        return [Chunk.from_dict(json.loads(line)) for line in f if line.strip()]


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
