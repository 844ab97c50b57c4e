"""BM25 for the word channel (jieba terms) and the character channel (1–2-grams), with weighted queries.

Both are one scipy CSC matrix of BM25 weights (documents × terms, Lucene's variant: idf ·
tf / (tf + k1 · (1 − b + b · dl / avgdl))), built with numpy from each chunk's term ids and
saved as .npy files that load memory-mapped. A query is a set of weighted terms: the user's
own words weigh 1, words a thesaurus adds weigh less (`retrieval.expansion`), and the score
is one sparse product.

Scores are normalised to 0…1: a chunk's score divided by the most any chunk could score for
the user's own terms (the sum of their IDFs, BM25's limit as term frequency grows). Own terms
the corpus never uses count in that sum with the highest IDF, so a question sharing no words
with the documents (「你好」) scores 0, and one that shares only a few scores low: a floor can
then refuse it. Added terms raise a score but not the ceiling (a score is capped at 1).

>>> index = BM25Index.build(["海门市 PM2.5 年均浓度达33微克/立方米"], ChineseTokenizer())  # doctest: +SKIP
>>> index.run("海门PM2.5目标", top_k=1)  # doctest: +SKIP
[(0, 0.71)]
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from corpus.text import normalize_text
from retrieval.tokenizing import ChineseTokenizer, char_keys, char_terms, term_key

logger = logging.getLogger(__name__)

K1, B = 1.2, 0.75


@dataclass(frozen=True)
class WeightedQuery:
    """A query's terms: `own` (the user's words, weight 1) and `added` (term → weight below 1)."""

    own: tuple[str, ...]
    added: Mapping[str, float] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.own


class SparseBM25:
    """The BM25 weight matrix over integer term ids; `scores(ids, weights)` is Σ weight · BM25."""

    def __init__(self, matrix: sparse.csc_matrix, idf: np.ndarray) -> None:
        self.matrix = matrix
        self.idf = idf
        self._rows: sparse.csr_matrix | None = None

    @property
    def rows(self) -> sparse.csr_matrix:
        """The same matrix by rows (made on first use): which terms a few candidate chunks contain."""
        if self._rows is None:
            self._rows = self.matrix.tocsr()
        return self._rows

    @property
    def size(self) -> int:
        return self.matrix.shape[0]

    @property
    def max_idf(self) -> float:
        return float(np.log(1 + (self.size + 0.5) / 0.5))

    @classmethod
    def build(cls, documents: Sequence[np.ndarray], vocab_size: int, k1: float = K1, b: float = B) -> SparseBM25:
        """`documents`: each document's term ids (repeats count as term frequency)."""
        counted = [np.unique(d, return_counts=True) for d in documents]
        return cls.from_counts([c[0] for c in counted], [c[1] for c in counted], vocab_size, k1, b)

    @classmethod
    def from_counts(cls, ids: Sequence[np.ndarray], counts: Sequence[np.ndarray], vocab_size: int,
                    k1: float = K1, b: float = B) -> SparseBM25:  # fmt: skip
        """`ids[d]`: document d's distinct term ids (sorted), `counts[d]` how often each occurs. The
        matrix is put together row by row without a coordinate list, which at 50 000 chunks would
        need several copies of every term occurrence."""
        lengths = np.array([c.sum() for c in counts], dtype=np.float32)
        indptr = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum([len(i) for i in ids], out=indptr[1:])
        indices = np.concatenate(ids).astype(np.int32) if ids else np.zeros(0, np.int32)
        tf = np.concatenate(counts).astype(np.float32) if counts else np.zeros(0, np.float32)
        frequency = np.bincount(indices, minlength=vocab_size).astype(np.float32)
        idf = np.log(1 + (len(ids) - frequency + 0.5) / (frequency + 0.5)).astype(np.float32)
        average = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        norm = np.repeat(k1 * (1 - b + b * lengths / average), np.diff(indptr))
        tf = idf[indices] * tf / (tf + norm)
        matrix = sparse.csr_matrix((tf, indices, indptr), shape=(len(ids), vocab_size)).tocsc()
        return cls(matrix, idf)

    def scores(self, ids: np.ndarray, weights: np.ndarray, among: np.ndarray | None = None) -> np.ndarray:
        """Σ weight · BM25 of every row; with `among` (row positions) only those rows are scored (the
        rest are 0): a filter that allows a few hundred of 50 000 chunks then costs a few hundred."""
        scores = np.zeros(self.size, dtype=np.float32)
        if not len(ids):
            return scores
        if among is not None and len(among) < self.size // 4:
            scores[among] = np.asarray(self.rows[among][:, ids] @ weights, dtype=np.float32).ravel()
            return scores
        return np.asarray(self.matrix[:, ids] @ weights, dtype=np.float32).ravel()

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for prefix, matrix in (("", self.matrix), ("rows_", self.rows)):
            for name in ("data", "indices", "indptr"):
                np.save(directory / f"{prefix}{name}.npy", getattr(matrix, name))
        np.save(directory / "idf.npy", self.idf)
        (directory / "shape.json").write_text(json.dumps(list(self.matrix.shape)), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> SparseBM25:
        """Memory-mapped: loading 50 000 chunks' matrices reads nothing until a search needs it."""
        shape = tuple(json.loads((directory / "shape.json").read_text(encoding="utf-8")))
        parts = [np.load(directory / f"{name}.npy", mmap_mode="r") for name in ("data", "indices", "indptr")]
        index = cls(sparse.csc_matrix(tuple(parts), shape=shape, copy=False), np.load(directory / "idf.npy"))
        rows = [np.load(directory / f"rows_{name}.npy", mmap_mode="r") for name in ("data", "indices", "indptr")]
        index._rows = sparse.csr_matrix(tuple(rows), shape=shape, copy=False)
        return index


class _Channel:
    """What the word and character indexes share: a vocabulary lookup over one `SparseBM25`."""

    bm25: SparseBM25

    def known_ids(self, terms: Iterable[str]) -> dict[str, int]:
        raise NotImplementedError

    def _query_terms(self, query: str | WeightedQuery) -> WeightedQuery:
        raise NotImplementedError

    @property
    def size(self) -> int:
        return self.bm25.size

    def scores(self, query: str | WeightedQuery, among: np.ndarray | None = None) -> np.ndarray:
        """Normalised scores (0…1) of every text for `query` (a string or a `WeightedQuery`); with
        `among` (positions), only those texts are scored and the others score 0."""
        query = self._query_terms(query)
        own = list(dict.fromkeys(query.own))
        if not own or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        known = self.known_ids(own)
        ceiling = sum(float(self.bm25.idf[known[t]]) if t in known else self.bm25.max_idf for t in own)
        weights = {known[t]: 1.0 for t in own if t in known}
        for term, i in self.known_ids(query.added).items():
            weights[i] = max(weights.get(i, 0.0), float(query.added[term]))
        if not weights:
            return np.zeros(self.size, dtype=np.float32)
        ids = np.fromiter(weights, dtype=np.int64)
        raw = self.bm25.scores(ids, np.fromiter(weights.values(), dtype=np.float32), among)
        return np.minimum(raw / ceiling, 1.0)

    def knows_any(self, query: str) -> bool:
        return bool(self.known_ids(self._query_terms(query).own))

    def run(
        self, query: str | WeightedQuery, top_k: int = 10, allowed: np.ndarray | None = None,
        scores: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:  # fmt: skip
        """The best `top_k` positions with a score above 0; `allowed` is a boolean mask (filters)."""
        scores = self.scores(query) if scores is None else scores
        return top_positions(scores, top_k, allowed)


class BM25Index(_Channel):
    """The word channel: BM25 over jieba terms (`ChineseTokenizer`).

    `keyness[term id]`: how much more this corpus uses a term than Chinese at large (the log ratio
    of its share of chunks to its frequency in jieba's general dictionary). 「申请」「准备」 are
    everyday words, 「渣土」「排污口」「海门市」 are this corpus's: a question that matches a passage
    only by everyday words is not evidence that the documents answer it.
    """

    def __init__(self, bm25: SparseBM25, vocabulary: dict[str, int], tokenizer: ChineseTokenizer,
                 keyness: np.ndarray | None = None) -> None:  # fmt: skip
        self.bm25 = bm25
        self.vocabulary = vocabulary
        self.tokenizer = tokenizer
        self.keyness = keyness if keyness is not None else corpus_keyness(bm25, vocabulary)

    @classmethod
    def build(cls, texts: Sequence[str], tokenizer: ChineseTokenizer) -> BM25Index:
        return cls.from_terms([tokenizer.run(t) for t in texts], tokenizer)

    @classmethod
    def from_terms(cls, documents: Iterable[list[str]], tokenizer: ChineseTokenizer) -> BM25Index:
        vocabulary: dict[str, int] = {}
        ids = [np.array([vocabulary.setdefault(t, len(vocabulary)) for t in terms], dtype=np.int32)
               for terms in documents]  # fmt: skip
        return cls(SparseBM25.build(ids, len(vocabulary)), vocabulary, tokenizer)

    def known_ids(self, terms: Iterable[str]) -> dict[str, int]:
        return {t: self.vocabulary[t] for t in terms if t in self.vocabulary}

    def _query_terms(self, query: str | WeightedQuery) -> WeightedQuery:
        return query if isinstance(query, WeightedQuery) else WeightedQuery(tuple(self.tokenizer.run(query)))

    def document_frequency(self, term: str) -> int:
        i = self.vocabulary.get(term)
        return 0 if i is None else int(self.bm25.matrix.indptr[i + 1] - self.bm25.matrix.indptr[i])

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        self.bm25.save(directory)
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (directory / "vocabulary.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        np.save(directory / "keyness.npy", self.keyness)

    @classmethod
    def load(cls, directory: Path, tokenizer: ChineseTokenizer) -> BM25Index:
        directory = Path(directory)
        terms = json.loads((directory / "vocabulary.json").read_text(encoding="utf-8"))
        return cls(SparseBM25.load(directory), {t: i for i, t in enumerate(terms)}, tokenizer,
                   np.load(directory / "keyness.npy"))  # fmt: skip


def corpus_keyness(bm25: SparseBM25, vocabulary: dict[str, int]) -> np.ndarray:
    """log(share of chunks using a term / the term's frequency in jieba's general dictionary), per term id."""
    import jieba

    jieba.dt.initialize()
    general, total = jieba.dt.FREQ, jieba.dt.total
    frequency = np.diff(bm25.matrix.indptr).astype(np.float64)
    in_corpus = frequency / max(frequency.sum(), 1.0)
    everyday = np.ones(len(vocabulary))
    for term, i in vocabulary.items():
        everyday[i] += general.get(term, 0)
    return np.log(np.maximum(in_corpus, 1e-12) / (everyday / total)).astype(np.float32)


class CharIndex(_Channel):
    """The character channel: BM25 over the 1- and 2-grams of a text (`tokenizing.char_terms`)."""

    def __init__(self, bm25: SparseBM25, keys: np.ndarray, tokenizer: ChineseTokenizer | None = None) -> None:
        self.bm25 = bm25
        self.keys = keys  # sorted term keys; a key's position is its term id
        self.tokenizer = tokenizer or ChineseTokenizer()

    @classmethod
    def build(cls, texts: Sequence[str]) -> CharIndex:
        return cls.from_keys([char_keys(normalize_text(t)) for t in texts])

    @classmethod
    def from_keys(cls, documents: Sequence[np.ndarray]) -> CharIndex:
        """From each document's term keys (`tokenizing.char_keys`)."""
        counted = [np.unique(d, return_counts=True) for d in documents]
        return cls.from_counted([c[0] for c in counted], [c[1] for c in counted])

    @classmethod
    def from_counted(cls, keys: Sequence[np.ndarray], counts: Sequence[np.ndarray]) -> CharIndex:
        """From each document's distinct keys (sorted) and their counts."""
        vocabulary = np.unique(np.concatenate(keys)) if keys else np.zeros(0, np.int64)
        ids = [np.searchsorted(vocabulary, k).astype(np.int32) for k in keys]
        return cls(SparseBM25.from_counts(ids, counts, len(vocabulary)), vocabulary)

    def known_ids(self, terms: Iterable[str]) -> dict[str, int]:
        terms = list(terms)
        if not terms or not len(self.keys):
            return {}
        wanted = np.array([term_key(t) for t in terms], dtype=np.int64)
        positions = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        return {t: int(p) for t, p, k in zip(terms, positions, wanted, strict=True) if self.keys[p] == k}

    def _query_terms(self, query: str | WeightedQuery) -> WeightedQuery:
        if isinstance(query, WeightedQuery):
            return query
        return WeightedQuery(tuple(self.query_terms(query)))

    def query_terms(self, text: str) -> list[str]:
        """The 1–2-grams of the question's content words: 「如何」「多少」 say nothing about a passage.
        Neighbouring content words stay one run, so pairs across them count too."""
        runs, current = [], []
        for word in self.tokenizer.jieba.cut(normalize_text(text)):
            if self.tokenizer.keeps(word.strip()):
                current.append(word.strip())
            elif current:
                runs.append("".join(current))
                current = []
        runs.append("".join(current))
        return [t for run in runs for t in char_terms(run)]

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        self.bm25.save(directory)
        np.save(directory / "keys.npy", self.keys)

    @classmethod
    def load(cls, directory: Path, tokenizer: ChineseTokenizer | None = None) -> CharIndex:
        directory = Path(directory)
        return cls(SparseBM25.load(directory), np.load(directory / "keys.npy"), tokenizer)


def top_positions(scores: np.ndarray, top_k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
    """(position, score) of the best `top_k` scores above 0, best first; `allowed`: a boolean mask."""
    if allowed is not None:
        scores = np.where(allowed, scores, 0.0)
    candidates = np.argpartition(-scores, top_k)[:top_k] if top_k < len(scores) else np.arange(len(scores))
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    return [(int(i), float(scores[i])) for i in order if scores[i] > 0]
