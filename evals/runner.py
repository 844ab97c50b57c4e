"""Run an eval dataset (DESIGN.md §5) through the assistant, as a user would, and report.

Writes `results.jsonl` (per case: id, passed, route_passed, content_passed, failures, answer),
`metrics.json` and a `report.md` a non-programmer can read (`evals/report.py`): pass rate, route
accuracy and content accuracy apart, overall and by kind, retrieval hit@k / MRR / nDCG@10 against
the gold quotes, citation accuracy, refusal precision and recall, unbacked figures, latency by
route, then every failure with its question, expectation and answer. Given a previous run
(`evals/baseline.py`), also `diff.json` and a section on what changed.

A dataset is a .jsonl file or an Excel workbook (`evals/spreadsheet.py`).
"""

from __future__ import annotations

import json
import logging
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.answer import REFUSAL_PREFIX, Answer
from evals.backing import unbacked_lines
from evals.baseline import RunDiff
from evals.cases import KINDS, Case, CaseResult, DatasetError, check, content_failures, route_failure
from evals.report import render_report as _render_markdown
from evals.spreadsheet import SHEET_SUFFIXES, load_sheet
from retrieval.metrics import Case as RankedCase
from retrieval.metrics import RetrievalEvaluator

logger = logging.getLogger(__name__)

RANK_METRICS = ("hit@1", "hit@5", "mrr@10", "ndcg@10")
SEARCH_MODES = ("bm25", "dense", "hybrid")
RETRIEVAL_K = 10
# formats people save cases in that are not read; they are asked for a workbook instead
UNREAD_SUFFIXES = (".xls", ".csv", ".ods", ".et", ".numbers")


def load_dataset(path: Path) -> list[Case]:
    """Read a dataset: JSON Lines, or an Excel workbook (.xlsx). A malformed line or row is an
    error naming the file and the line (or sheet and row)."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"找不到评测数据集：{path}")
    suffix = path.suffix.lower()
    if suffix in SHEET_SUFFIXES:
        return load_sheet(path)
    if suffix in UNREAD_SUFFIXES:
        raise DatasetError(f"{path.name}：不能读取 {suffix} 文件；评测集应为 .jsonl，或在 Excel 中另存为 .xlsx 工作簿")
    return _load_jsonl(path)


def _load_jsonl(path: Path) -> list[Case]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path.name} 不是 UTF-8 编码的文本：{exc}") from exc
    cases, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            case = Case(
                id=str(raw["id"]),
                kind=str(raw.get("kind", "")),
                question=str(raw["question"]),
                history=list(raw.get("history") or []),
                expect=dict(raw.get("expect") or {}),
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise DatasetError(f"{path.name} 第 {number} 行格式错误：{exc}") from exc
        if case.id in seen:
            raise DatasetError(f"{path.name} 第 {number} 行：用例 id「{case.id}」重复")
        seen.add(case.id)
        cases.append(case)
    return cases


def run_cases(
    ask: Callable[[str, list[dict]], Answer],
    cases: Iterable[Case],
    progress: Callable[[int], None] | None = None,
    places: dict[str, str] | None = None,
) -> list[CaseResult]:
    """Answer every case; with `places` (every name of a place → its full name), also list the
    lines whose figures no cited row of their region holds."""
    results = []
    for case in cases:
        answer = ask(case.question, case.history).to_dict()
        unbacked = unbacked_lines(answer, places, case.question) if places else []
        results.append(CaseResult(case, answer, check(case, answer), unbacked))
        if progress:
            progress(1)
    return results


# -- metrics ---------------------------------------------------------------------------------------


def answer_metrics(results: list[CaseResult]) -> dict:
    """Pass rates; route accuracy and content accuracy apart, overall and by kind; citation
    accuracy; refusal precision/recall; unbacked figures; latency by route."""
    metrics: dict = {"cases": len(results), **_accuracy(results)}
    metrics["by_kind"] = {}
    for kind in sorted({r.case.kind for r in results}, key=_kind_order):
        group = [r for r in results if r.case.kind == kind]
        metrics["by_kind"][kind] = {"cases": len(group), **_accuracy(group)}
    routed = [r for r in results if r.route_passed is not None]
    metrics["route_vs_content"] = {
        "both": sum(r.route_passed and r.content_passed for r in routed),
        "route_only": sum(r.route_passed and not r.content_passed for r in routed),
        "content_only": sum(not r.route_passed and r.content_passed for r in routed),
        "neither": sum(not r.route_passed and not r.content_passed for r in routed),
    }
    cited = [r for r in results if r.case.expect.get("citation_contains")]
    metrics["citation_accuracy"] = _rate(
        sum(not any(f.startswith("引用中缺少") for f in r.failures) for r in cited), len(cited)
    )
    should = {r.case.id for r in results if r.case.expect.get("route") == "refusal"}
    did = {r.case.id for r in results if r.answer["route"] == "refusal"}
    metrics["refusal"] = {
        "precision": _rate(len(should & did), len(did)),
        "recall": _rate(len(should & did), len(should)),
        "expected": len(should),
        "refused": len(did),
        "correct": len(should & did),
    }
    unbacked = [[r.case.id, line] for r in results for line in r.unbacked]
    metrics["unbacked_figures"] = {"count": len(unbacked), "lines": unbacked}
    metrics["latency_ms"] = {}
    for route in sorted({r.answer["route"] for r in results}):
        times = [r.answer["timings_ms"]["total"] for r in results if r.answer["route"] == route]
        metrics["latency_ms"][route] = {"n": len(times), "p50": _percentile(times, 50), "p95": _percentile(times, 95)}
    return metrics


def _kind_order(kind: str) -> tuple[int, str]:
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), kind)


def _accuracy(results: list[CaseResult]) -> dict:
    """Passed (route and content right), route accuracy over the cases that expect a route, and
    content accuracy (every other expectation holds, whatever the route) over all of them."""
    routed = [r for r in results if r.route_passed is not None]
    passed, route_passed = sum(r.passed for r in results), sum(bool(r.route_passed) for r in routed)
    content_passed = sum(r.content_passed for r in results)
    return {
        "passed": passed,
        "pass_rate": _rate(passed, len(results)),
        "route_checked": len(routed),
        "route_passed": route_passed,
        "route_accuracy": _rate(route_passed, len(routed)),
        "content_passed": content_passed,
        "content_accuracy": _rate(content_passed, len(results)),
    }


def retrieval_metrics(assistant, cases: list[Case], mode: str) -> dict | None:
    """hit@1, hit@5, MRR@10 and nDCG@10 of the assistant's own search (in `mode`) against
    the gold quotes of the retrieval cases."""
    graded = [
        RankedCase(c.id, c.question, tuple(c.expect["citation_contains"]))
        for c in cases
        if c.kind == "retrieval" and c.expect.get("citation_contains")
    ]
    if not graded:
        return None
    evaluator = RetrievalEvaluator(graded, assistant.loaded.retriever.chunks, k=RETRIEVAL_K)
    scores = evaluator(lambda question: assistant.retrieve(question, mode=mode, top_k=RETRIEVAL_K))
    return {"questions": len(graded), **{name: round(value, 3) for name, value in scores.items()}}


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _percentile(values: list[float], q: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 1)


# -- one run ---------------------------------------------------------------------------------------------


@dataclass
class EvaluationReport:
    results: list[CaseResult]
    metrics: dict


def run_evaluation(assistant, cases: list[Case], compare: bool = False, progress=None) -> EvaluationReport:
    """Answer every case; measure answers and retrieval; with `compare`, the baselines too.

    `assistant` is a `PolicyAssistant` (used as a user would: `ask`, and `retrieve` for
    the retrieval metrics, which is the search `ask` itself makes).
    """
    results = run_cases(assistant.ask, cases, progress, places=assistant.place_names())
    metrics = answer_metrics(results)
    metrics["backend"] = assistant.writer.model_name if assistant.writer else "extractive"

    modes = SEARCH_MODES if compare else ("hybrid",)
    retrieval = {mode: retrieval_metrics(assistant, cases, mode) for mode in modes}
    metrics["retrieval"] = {mode: m for mode, m in retrieval.items() if m}
    if compare:
        metrics["compare"] = _deltas(metrics["retrieval"])
        if assistant.writer is not None:
            writer, assistant.writer = assistant.writer, None
            try:
                extractive = answer_metrics(run_cases(assistant.ask, cases))
            finally:
                assistant.writer = writer
            metrics["compare"][f"通过率：{metrics['backend']} − extractive"] = round(
                (metrics["pass_rate"] or 0) - (extractive["pass_rate"] or 0), 3
            )
    return EvaluationReport(results, metrics)


def _deltas(retrieval: dict) -> dict:
    base = retrieval.get("hybrid")
    if not base:
        return {}
    deltas = {}
    for mode, m in retrieval.items():
        if mode != "hybrid":
            deltas[f"{mode} − hybrid"] = {k: round(m[k] - base[k], 3) for k in RANK_METRICS}
    return deltas


# -- files ----------------------------------------------------------------------------------------------


def write_outputs(
    out: Path, dataset: Path, results: list[CaseResult], metrics: dict, diff: RunDiff | None = None
) -> None:
    """`results.jsonl`, `metrics.json` and `report.md` in `out`; with `diff`, also `diff.json`."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as f:
        for result in results:
            f.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    if diff is not None:
        (out / "diff.json").write_text(json.dumps(diff.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    else:  # a diff.json left by an earlier run into this directory is not this run's
        (out / "diff.json").unlink(missing_ok=True)
    (out / "report.md").write_text(render_report(dataset, results, metrics, diff=diff), encoding="utf-8")


def render_report(dataset: Path, results: list[CaseResult], metrics: dict, diff: RunDiff | None = None) -> str:
    """The Markdown report (`evals/report.py`)."""
    return _render_markdown(dataset, results, metrics, diff)


__all__ = [
    "KINDS",
    "REFUSAL_PREFIX",
    "SEARCH_MODES",
    "Case",
    "CaseResult",
    "DatasetError",
    "EvaluationReport",
    "answer_metrics",
    "check",
    "content_failures",
    "load_dataset",
    "render_report",
    "retrieval_metrics",
    "route_failure",
    "run_cases",
    "run_evaluation",
    "write_outputs",
]
