"""Retrieval benchmarks: ranking metrics of each channel and of the fusion, and scale on synthetic corpora.

    python -m retrieval.bench metrics --dataset evals/datasets/retrieval_test.jsonl [--data-dir D]
    python -m retrieval.bench scale --sizes 1000 10000 50000

`metrics` builds the index of the bundled corpus (or uses `--data-dir`'s current version) and
asks every question of each dataset (eval format, DESIGN.md §5) in every search mode. A
retrieved chunk is relevant when its text contains one of the case's `citation_contains`
quotes, whitespace ignored; each mode's floor and the evidence test apply, as the assistant
sees them.

`scale` builds corpora of N chunks from the real documents' sentences (regions, years and
figures varied), each build in a process of its own so that its peak memory is its own, then
loads each in another process and times unfiltered and filtered (region + year) searches.
`policy-assistant bench` runs both and writes bench.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from corpus import bundled_documents, load_document
from retrieval.chunking import Chunker
from retrieval.config import CORPUS_STATIC_MODEL, RetrievalConfig
from retrieval.indexer import RetrievalIndexer
from retrieval.metrics import Case, RetrievalEvaluator
from retrieval.retriever import HybridRetriever
from retrieval.types import SEARCH_MODES, Chunk, SearchFilters

logger = logging.getLogger(__name__)

SCALE_SIZES = (1_000, 10_000, 50_000)
RANK_K = 10
# Regions a synthetic chunk may be about: those of the corpus and their neighbours.
REGIONS = ("蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市", "海门市", "启东市", "如皋市",
           "端州区", "鼎湖区", "高要区", "四会市", "广宁县", "怀集县", "封开县", "德庆县")  # fmt: skip
YEARS = tuple(range(2016, 2026))


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


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def channel_metrics(retriever: HybridRetriever, datasets: Sequence[Path]) -> dict:
    """{dataset name: {mode: {hit@1, hit@5, mrr@10, ndcg@10, no_hits}}} over every search mode."""
    report = {}
    for path in datasets:
        cases = load_cases([path])
        evaluator = RetrievalEvaluator(cases, retriever.chunks, k=RANK_K)
        scores = {}
        for mode in SEARCH_MODES:
            found = evaluator(lambda q, mode=mode: retriever.search(q, top_k=RANK_K, mode=mode))
            scores[mode] = {k: round(v, 3) for k, v in found.items()}
        report[Path(path).stem] = {"questions": len(cases), **scores}
    return report


def latency_ms(retriever: HybridRetriever, questions: Sequence[str], repeat: int = 3,
               filters: Sequence[SearchFilters | None] = (None,)) -> dict[str, float]:  # fmt: skip
    """Warm search time: p50 and p95 over `repeat` rounds of every question (with each filter in turn)."""
    for question in questions:  # warm: caches, HNSW
        retriever.search(question, top_k=10, filters=filters[0])
    timings = []
    for n in range(repeat):
        for i, question in enumerate(questions):
            started = time.perf_counter()
            retriever.search(question, top_k=10, filters=filters[(i + n) % len(filters)])
            timings.append((time.perf_counter() - started) * 1000)
    return {"p50": round(statistics.median(timings), 2), "p95": round(percentile(timings, 0.95), 2)}


# -- synthetic corpora ----------------------------------------------------------------------------------


def bundled_chunks() -> list[Chunk]:
    return Chunker().run([load_document(path, info) for path, info in bundled_documents()])


def synthetic_chunks(size: int, seed: int = 7) -> list[Chunk]:
    """`size` chunks made from the bundled corpus's chunks: each a real chunk's sentences with its
    places, years and figures replaced, under a document of its own (100 chunks a document)."""
    rng = random.Random(seed)
    real = bundled_chunks()
    places = re.compile("|".join(sorted(REGIONS, key=len, reverse=True)))
    years = re.compile(r"20[12]\d")
    figures = re.compile(r"\d+(?:\.\d+)?")
    chunks = []
    for i in range(size):
        base = real[i % len(real)]
        region, year = rng.choice(REGIONS), rng.choice(YEARS)
        text = places.sub(lambda _: rng.choice(REGIONS), base.text)
        text = years.sub(lambda _: str(rng.choice(YEARS)), text)
        text = figures.sub(lambda m: _vary(m.group(0), rng), text)
        doc_id = f"syn-{i // 100:04d}"
        chunks.append(replace(Chunk.create(doc_id=doc_id, title=f"{region}{year}年{base.title}",
                                           section=base.section, text=text),  # fmt: skip
                              context=f"{region}{year}年{base.context}", kind=base.kind, region=region,
                              area=rng.choice(REGIONS) if base.area else "", year=year, source=base.source))  # fmt: skip
    return chunks


def _vary(figure: str, rng: random.Random) -> str:
    if len(figure) == 4 and figure.startswith("20"):
        return figure
    digits = [c if c == "." or rng.random() < 0.5 else str(rng.randrange(10)) for c in figure]
    return "".join(digits)


def build_synthetic(size: int, data_dir: Path, calibration_sets: Sequence[Path]) -> dict:
    """Build the index of a synthetic corpus of `size` chunks; build seconds and this process's peak RSS."""
    chunks = synthetic_chunks(size)
    config = _config(data_dir, calibration_sets)
    started, cpu = time.perf_counter(), time.process_time()
    details = RetrievalIndexer(config).build_chunks(_Snapshot(data_dir / "versions" / "bench"), chunks)
    return {
        "chunks": details["chunks"],
        "build_s": round(time.perf_counter() - started, 2),
        # on a machine shared with others the wall time above is mostly waiting: this is the work
        "build_cpu_s": round(time.process_time() - cpu, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def search_synthetic(data_dir: Path, questions: Sequence[str]) -> dict:
    """Load a synthetic index and time unfiltered and filtered searches."""
    started, cpu = time.perf_counter(), time.process_time()
    retriever = HybridRetriever.from_snapshot(_Snapshot(data_dir / "versions" / "bench"), _config(data_dir, ()))
    load_s, load_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    unfiltered = latency_ms(retriever, questions)
    rng = random.Random(11)
    filters = [SearchFilters(region=rng.choice(REGIONS), year=rng.choice(YEARS)) for _ in range(20)]
    filtered = latency_ms(retriever, questions, filters=filters)
    return {
        "load_s": round(load_s, 2),
        "load_cpu_s": round(load_cpu_s, 2),
        "search_p50_ms": unfiltered["p50"],
        "search_p95_ms": unfiltered["p95"],
        "filtered_p50_ms": filtered["p50"],
        "filtered_p95_ms": filtered["p95"],
    }


def _config(data_dir: Path, calibration_sets: Sequence[Path]) -> RetrievalConfig:
    return RetrievalConfig(cache_dir=data_dir / "cache", chroma_path=data_dir / "chroma",
                           embedding_model=CORPUS_STATIC_MODEL, calibration_sets=tuple(calibration_sets))  # fmt: skip


def scale(sizes: Sequence[int], calibration_sets: Sequence[Path], questions_from: Path) -> list[dict]:
    """Per size: build (its own process), then load and search (another process)."""
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"retrieval-scale-{size}-") as tmp:
            sets = [str(p) for p in calibration_sets]
            built = _child(["build", "--size", str(size), "--data-dir", tmp, "--calibration-sets", *sets])
            searched = _child(["search", "--data-dir", tmp, "--questions", str(questions_from)])
            results.append({**built, **searched})
            logger.info("scale %d: %s", size, results[-1])
    return results


def _child(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "retrieval.bench", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"retrieval.bench {args[0]} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m retrieval.bench", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    metrics = commands.add_parser("metrics", help="channel and fusion metrics on retrieval datasets")
    metrics.add_argument("--dataset", action="append", type=Path, required=True, help="eval JSONL (repeatable)")
    metrics.add_argument("--model", default=CORPUS_STATIC_MODEL, help="embedding model (default corpus-static)")
    metrics.add_argument("--calibration-sets", nargs="*", type=Path, default=[])
    size = commands.add_parser("scale", help="build and search synthetic corpora")
    size.add_argument("--sizes", nargs="+", type=int, default=list(SCALE_SIZES))
    size.add_argument("--calibration-sets", nargs="*", type=Path, default=[])
    size.add_argument("--questions", type=Path, required=True, help="eval JSONL whose questions are searched")
    build = commands.add_parser("build")
    build.add_argument("--size", type=int, required=True)
    build.add_argument("--data-dir", type=Path, required=True)
    build.add_argument("--calibration-sets", nargs="*", type=Path, default=[])
    search = commands.add_parser("search")
    search.add_argument("--data-dir", type=Path, required=True)
    search.add_argument("--questions", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    if args.command == "build":
        result = build_synthetic(args.size, args.data_dir, args.calibration_sets)
    elif args.command == "search":
        result = search_synthetic(args.data_dir, [c.question for c in load_cases([args.questions])])
    elif args.command == "scale":
        result = scale(args.sizes, args.calibration_sets, args.questions)
    else:
        with tempfile.TemporaryDirectory(prefix="retrieval-bench-") as tmp:
            config = RetrievalConfig(cache_dir=Path(tmp) / "cache", chroma_path=Path(tmp) / "chroma",
                                     embedding_model=args.model, calibration_sets=tuple(args.calibration_sets))  # fmt: skip
            snapshot = _Snapshot(Path(tmp) / "versions" / "bench")
            RetrievalIndexer(config).build_chunks(snapshot, bundled_chunks())
            result = channel_metrics(HybridRetriever.from_snapshot(snapshot, config), args.dataset)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
