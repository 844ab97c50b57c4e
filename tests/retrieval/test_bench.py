"""The benchmark's metrics on a hand-made ranking."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from retrieval.bench import load_cases
from retrieval.metrics import Case, RetrievalEvaluator
from retrieval.types import Chunk, Hit

CHUNKS = [Chunk.create(doc_id="d", title="t", section="", text=t) for t in ("甲 乙", "丙丁", "戊己", "庚")]


def _search(ranking):
    return lambda question: [Hit(CHUNKS[i], 1.0 - n / 10) for n, i in enumerate(ranking[question])]


def test_metrics():
    cases = [Case("a", "qa", ("甲乙",)), Case("b", "qb", ("戊己",)), Case("c", "qc", ("无此句",))]
    evaluator = RetrievalEvaluator(cases, CHUNKS)
    metrics = evaluator(_search({"qa": [0, 1], "qb": [1, 3, 2], "qc": []}))
    assert metrics["hit@1"] == pytest.approx(1 / 3)
    assert metrics["hit@5"] == pytest.approx(2 / 3)
    assert metrics["mrr@10"] == pytest.approx((1 + 1 / 3) / 3)
    assert metrics["ndcg@10"] == pytest.approx((1 + 1 / math.log2(4)) / 3)
    assert metrics["no_hits"] == pytest.approx(1 / 3)


def test_load_cases_reads_the_eval_format(tmp_path):
    path = tmp_path / "d.jsonl"
    rows = [
        {"id": "r1", "kind": "retrieval", "question": "问", "expect": {"citation_contains": ["引文"]}},
        {"id": "s1", "kind": "structured", "question": "问", "expect": {"route": "structured"}},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert load_cases([path]) == [Case("r1", "问", ("引文",))]


@pytest.mark.parametrize("name", ["retrieval_dev.jsonl", "retrieval_test.jsonl"])
def test_datasets_quote_the_documents(name, corpus_documents):
    """Every gold quote is 8–30 characters copied from one paragraph or table cell."""
    units = [b.text for d in corpus_documents.values() for b in d.blocks]
    units += [cell for d in corpus_documents.values() for t in d.tables for row in t.rows for cell in row]
    squashed = ["".join(u.split()) for u in units]
    cases = load_cases([Path(__file__).parents[2] / "evals" / "datasets" / name])
    assert len(cases) >= (60 if "dev" in name else 25)
    for case in cases:
        for quote in case.quotes:
            quote = "".join(quote.split())
            assert 8 <= len(quote) <= 30 and any(quote in u for u in squashed), case.id
