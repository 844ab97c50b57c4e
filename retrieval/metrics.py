"""Ranking metrics against gold quotes: hit@1, hit@5, MRR@10, nDCG@10.

Shared by the retrieval benchmark (`python -m retrieval.bench`) and the eval runner. A
retrieved chunk is relevant when its text contains one of the case's gold quotes,
whitespace ignored.

>>> evaluator = RetrievalEvaluator([Case("q1", "问", ("目标",))], chunks)  # doctest: +SKIP
>>> evaluator(lambda question: retriever.search(question, top_k=10))["mrr@10"]  # doctest: +SKIP
1.0
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.types import Chunk, Hit

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Case:
    """A question and the gold quotes of the passage that answers it."""

    id: str
    question: str
    quotes: tuple[str, ...]


def squash(text: str) -> str:
    """Text without whitespace and with Unicode width folded (NFKC), as DESIGN §5 matches:
    the documents write 「37 家」 and 「37家」, 「30％」 and 「30%」 alike."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


class RetrievalEvaluator:
    """A callable over a search function returning {metric: value}; primary metric: mrr@10."""

    primary_metric = "mrr@10"

    def __init__(self, cases: Sequence[Case], chunks: Sequence[Chunk], k: int = 10) -> None:
        self.cases = list(cases)
        self.k = k
        squashed = [squash(c.text) for c in chunks]
        # How many chunks could be right for each case (for the ideal DCG).
        self.relevant_counts = [sum(any(squash(q) in s for q in case.quotes) for s in squashed) for case in cases]

    def relevant(self, case: Case, chunk: Chunk) -> bool:
        text = squash(chunk.text)
        return any(squash(q) in text for q in case.quotes)

    def __call__(self, search: Callable[[str], list[Hit]]) -> dict[str, float]:
        hit1 = hit5 = mrr = ndcg = empty = 0.0
        for case, relevant_count in zip(self.cases, self.relevant_counts, strict=True):
            hits = search(case.question)[: self.k]
            empty += not hits
            flags = [self.relevant(case, h.chunk) for h in hits]
            first = next((i for i, f in enumerate(flags) if f), None)
            if first is not None:
                hit1 += first == 0
                hit5 += first < 5
                mrr += 1.0 / (first + 1)
            dcg = sum(1.0 / math.log2(i + 2) for i, f in enumerate(flags) if f)
            ideal = sum(1.0 / math.log2(i + 2) for i in range(min(relevant_count, self.k)))
            ndcg += dcg / ideal if ideal else 0.0
        n = max(len(self.cases), 1)
        return {
            "hit@1": hit1 / n,
            "hit@5": hit5 / n,
            "mrr@10": mrr / n,
            "ndcg@10": ndcg / n,
            "no_hits": empty / n,
        }
