"""What retrieval needs to know from the outside: the embedding model and where things live.

Components never read the environment; the assistant builds this from its one `Settings`
object and the data dir:

>>> RetrievalConfig(cache_dir=Path("data/cache"), chroma_path=Path("data/chroma")).chroma.mode
'embedded'
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

logger = logging.getLogger(__name__)

CORPUS_STATIC_MODEL = "corpus-static"  # the value of POLICY_EMBEDDING_MODEL that selects the corpus-trained model
MANIFEST_FILE = "manifest.json"
CHUNKS_FILE = "chunks.jsonl"
BM25_DIR = "bm25"
CHAR_DIR = "chars"
VECTORS_FILE = "vectors.npy"
TOKENIZER_FILE = "tokenizer.json"
MODEL_DIR = "model"


@dataclass(frozen=True)
class ChromaConfig:
    """Where the vectors live: `path` (embedded, the default) or `host`:`port` (a server).

    `path` also names this data dir's collections on a shared server.
    """

    path: Path
    host: str | None = None
    port: int = 8000
    timeout: float = 10.0  # seconds per request to a server (chromadb's own client waits forever)

    @property
    def mode(self) -> str:
        return "server" if self.host else "embedded"

    @property
    def prefix(self) -> str:
        digest = hashlib.sha1(str(Path(self.path).expanduser().resolve()).encode()).hexdigest()[:8]
        return f"pa-{digest}-"


class SnapshotLike(Protocol):
    """One data version, as `assistant.datadir.Snapshot` provides it."""

    @property
    def version(self) -> str: ...

    @property
    def retrieval_dir(self) -> Path: ...

    @property
    def lexicon_path(self) -> Path: ...


@dataclass(frozen=True)
class RetrievalConfig:
    """`embedding_model`: a sentence-transformers name or path, or 'corpus-static' (the default).

    `cache_dir` keeps embeddings and trained models across ingests; `chroma_path` is the
    embedded store (and names this data dir's collections on a server). `calibration_sets`:
    eval-format JSONL files whose in-corpus and off-topic questions calibrate each new index
    (`retrieval.calibration`); none: the defaults. `retrain_share`: corpus-static is retrained
    when more than this share of the chunks is new since it was trained.
    """

    cache_dir: Path
    chroma_path: Path
    embedding_model: str = CORPUS_STATIC_MODEL
    chroma_host: str | None = None
    chroma_port: int = 8000
    calibration_sets: tuple[Path, ...] = ()
    retrain_share: float = 0.2
    chroma_timeout: float = 10.0

    @property
    def chroma(self) -> ChromaConfig:
        return ChromaConfig(
            path=Path(self.chroma_path), host=self.chroma_host, port=self.chroma_port, timeout=self.chroma_timeout
        )

    @property
    def embeddings_path(self) -> Path:
        return Path(self.cache_dir) / "embeddings.sqlite"

    @property
    def models_dir(self) -> Path:
        return Path(self.cache_dir) / "models"

    @property
    def uses_corpus_static(self) -> bool:
        return self.embedding_model.strip() == CORPUS_STATIC_MODEL
