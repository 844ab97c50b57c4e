"""BM25 over jieba terms (`bm25s`), persisted in the snapshot's retrieval dir; rebuilt every ingest.

Scores are returned normalised to 0…1: a chunk's BM25 score divided by the most any chunk
could score for those query terms (the sum of their IDFs, BM25's limit as term frequency
grows). Query terms the corpus never uses count in that sum with the highest IDF, so a
question sharing no words with the documents (「你好」) scores 0, and one that shares only a
few scores low: the fusion's floor can then refuse it.

>>> index = BM25Index.build(["海门市 PM2.5 年均浓度达33微克/立方米"], ChineseTokenizer())  # doctest: +SKIP
>>> index.run("海门PM2.5目标", top_k=1)  # doctest: +SKIP
[(0, 0.71)]
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from retrieval.tokenizing import ChineseTokenizer

logger = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG

STATS_FILE = "stats.json"


class BM25Index:
    """A BM25 index over texts in a fixed order; `run()` returns (position, normalised score)."""

    def __init__(self, retriever: bm25s.BM25, document_frequency: dict[str, int], size: int,
                 tokenizer: ChineseTokenizer) -> None:  # fmt: skip
        self.retriever = retriever
        self.document_frequency = document_frequency
        self.size = size
        self.tokenizer = tokenizer

    @classmethod
    def build(cls, texts: Sequence[str], tokenizer: ChineseTokenizer, k1: float = 1.2, b: float = 0.75) -> BM25Index:
        terms = tokenizer.run_batch(list(texts))
        # bm25s needs a non-empty vocabulary; an empty text still takes its place.
        retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
        retriever.index([t or [""] for t in terms], show_progress=False)
        frequency = Counter(term for doc in terms for term in set(doc))
        return cls(retriever, dict(frequency), len(texts), tokenizer)

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.retriever.save(str(directory))
        (directory / STATS_FILE).write_text(
            json.dumps({"size": self.size, "document_frequency": self.document_frequency}, ensure_ascii=False),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, directory: Path, tokenizer: ChineseTokenizer) -> BM25Index:
        directory = Path(directory)
        stats = json.loads((directory / STATS_FILE).read_text(encoding="utf-8"))
        retriever = bm25s.BM25.load(str(directory))
        return cls(retriever, stats["document_frequency"], stats["size"], tokenizer)

    def idf(self, term: str) -> float:
        frequency = self.document_frequency.get(term, 0)
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def knows_any(self, query: str) -> bool:
        """Whether at least one of the query's terms occurs in the indexed texts."""
        return any(term in self.document_frequency for term in self.tokenizer.run(query))

    def scores(self, query: str) -> np.ndarray:
        """Normalised scores (0…1) of every text for `query`."""
        terms = list(dict.fromkeys(self.tokenizer.run(query)))
        if not terms or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        known = [t for t in terms if t in self.document_frequency]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        ceiling = sum(self.idf(t) for t in terms)
        return (self.retriever.get_scores(known) / ceiling).astype(np.float32)

    def run(
        self, query: str, top_k: int = 10, allowed: np.ndarray | None = None, scores: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The best `top_k` positions with a score above 0; `allowed` is a boolean mask (filters).

        `scores` may be passed when the caller already has `self.scores(query)`.
        """
        scores = self.scores(query) if scores is None else scores
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        candidates = np.argpartition(-scores, top_k)[:top_k] if top_k < len(scores) else np.arange(len(scores))
        order = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]
