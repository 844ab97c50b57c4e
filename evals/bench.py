"""The project's benchmark: answer latency per route, ingest times, retrieval metrics per channel, scale.

`policy-assistant bench` (or `make bench`) runs it and writes bench.json. Other tools read these
keys, so they stay (more may be added):

    {"latency_ms": {"structured": {"p50", "p95"}, "retrieval": {"p50", "p95"}, …},
     "ingest": {"corpus_s", "reingest_unchanged_s", "add_one_docx_s"},
     "scale": [{"chunks", "build_s", "peak_rss_mb", "load_s", "search_p50_ms", "search_p95_ms",
                "filtered_p50_ms", …}, …],
     "retrieval": {dataset: {mode: {"hit@1", "hit@5", "mrr@10", …}}}}

Everything runs on temporary data dirs with the settings' embedding model; the bundled corpus is
ingested fresh, then again unchanged, then with one .docx added. Latency is the warm in-process
`PolicyAssistant.ask` time of every eval question, grouped by the route it answered by.
"""

from __future__ import annotations

import logging
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.documents import DocumentService
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from evals.runner import load_dataset
from retrieval.bench import SCALE_SIZES, channel_metrics, percentile, scale

logger = logging.getLogger(__name__)

DATASETS = Path(__file__).parent / "datasets"
RETRIEVAL_SETS = ("retrieval_dev", "retrieval_test", "retrieval_para_dev")
LATENCY_SETS = ("dev", "dev2", "test", "test2", "test3")
# A Word file of a new kind of document for the "add one .docx" ingest (a development set's file).
NEW_DOCX = Path(__file__).parent / "newdocs" / "zhaoqing" / "files"

Progress = Callable[[str], None]


def run_bench(settings: Settings, sizes: Sequence[int] = SCALE_SIZES, progress: Progress | None = None) -> dict:
    progress = progress or (lambda message: None)
    report: dict = {"embedding_model": settings.embedding_model}
    with tempfile.TemporaryDirectory(prefix="policy-bench-") as tmp:
        local = settings.model_copy(update={"data_dir": Path(tmp) / "data", "chroma_host": None})
        progress("导入内置语料（首次、未变化、加入一个 .docx）")
        report["ingest"] = ingest_times(local)
        assistant = PolicyAssistant(local)
        assistant.warm_up()
        progress("各路由回答耗时")
        report["latency_ms"] = route_latency(assistant)
        progress("各检索通道的指标")
        retriever = assistant.loaded.retriever
        report["retrieval"] = channel_metrics(retriever, [DATASETS / f"{name}.jsonl" for name in RETRIEVAL_SETS])
        report["calibration"] = retriever.calibration.to_dict()
    if sizes:
        progress(f"规模测试（{'、'.join(str(s) for s in sizes)} 块）")
        report["scale"] = scale(sizes, settings.calibration_sets, DATASETS / "retrieval_dev.jsonl")
    return report


def ingest_times(settings: Settings) -> dict:
    def timed(paths: Sequence[Path] = ()) -> float:
        started = time.perf_counter()
        DocumentService(settings).ingest(paths)
        return round(time.perf_counter() - started, 2)

    docx = sorted(NEW_DOCX.glob("*.docx"))[:1]
    return {"corpus_s": timed(), "reingest_unchanged_s": timed(), "add_one_docx_s": timed(docx)}


def route_latency(assistant: PolicyAssistant) -> dict:
    """p50 / p95 of warm `ask` times per answer route over the eval questions."""
    cases = [case for name in LATENCY_SETS for case in load_dataset(DATASETS / f"{name}.jsonl")]
    assistant.ask(cases[0].question)  # warm
    timings: dict[str, list[float]] = {}
    for case in cases:
        started = time.perf_counter()
        answer = assistant.ask(case.question, case.history)
        timings.setdefault(answer.route, []).append((time.perf_counter() - started) * 1000)
    return {
        route: {"n": len(values), "p50": round(statistics.median(values), 1), "p95": round(percentile(values, 0.95), 1)}
        for route, values in sorted(timings.items())
    }
