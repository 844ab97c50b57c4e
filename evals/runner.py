"""Run an eval dataset (DESIGN.md §5) through the assistant, as a user would, and report.

Writes `results.jsonl` (per case: id, passed, failures, answer), `metrics.json` and a
`report.md` a non-programmer can read: the pass rate by kind, route accuracy, retrieval
hit@k / MRR / nDCG@10 against the gold quotes, citation accuracy, refusal precision and
recall, latency by route, then every failure with its question, expectation and answer.
"""

from __future__ import annotations

import json
import logging
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer import REFUSAL_PREFIX, Answer
from corpus.errors import PolicyAssistantError
from evals.backing import unbacked_lines
from retrieval.metrics import Case as RankedCase
from retrieval.metrics import RetrievalEvaluator, squash

logger = logging.getLogger(__name__)

KINDS = ("structured", "retrieval", "refusal", "followup")
RANK_METRICS = ("hit@1", "hit@5", "mrr@10", "ndcg@10")
SEARCH_MODES = ("bm25", "dense", "hybrid")
RETRIEVAL_K = 10


class DatasetError(PolicyAssistantError):
    """A dataset file that does not follow the eval format."""


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    question: str
    history: list[dict] = field(default_factory=list)
    expect: dict = field(default_factory=dict)


@dataclass
class CaseResult:
    case: Case
    answer: dict
    failures: list[str]
    unbacked: list[str] = field(default_factory=list)  # lines stating a figure no cited row of their region holds

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict:
        return {"id": self.case.id, "passed": self.passed, "failures": self.failures, "unbacked": self.unbacked,
                "answer": self.answer}  # fmt: skip


def load_dataset(path: Path) -> list[Case]:
    """Read a JSON Lines dataset; a malformed line is an error naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"找不到评测数据集：{path}")
    cases, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
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
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise DatasetError(f"{path.name} 第 {number} 行格式错误：{exc}") from exc
        if case.id in seen:
            raise DatasetError(f"{path.name} 第 {number} 行：用例 id「{case.id}」重复")
        seen.add(case.id)
        cases.append(case)
    return cases


def check(case: Case, answer: dict) -> list[str]:
    """The ways `answer` misses `case.expect`, in words an evaluator reads."""
    expect, failures = case.expect, []
    text = squash(answer.get("answer", "") or "")
    if "route" in expect and answer.get("route") != expect["route"]:
        failures.append(f"路由应为 {expect['route']}，实际为 {answer.get('route')}")
    for needle in expect.get("answer_contains", []):
        if squash(needle) not in text:
            failures.append(f"回答缺少「{needle}」")
    for group in expect.get("answer_contains_any", []):
        if not any(squash(n) in text for n in group):
            failures.append(f"回答不含以下任一：{'、'.join(group)}")
    for needle in expect.get("answer_excludes", []):
        if squash(needle) in text:
            failures.append(f"回答不应含「{needle}」")
    quotes = [squash(c.get("quote", "")) for c in answer.get("citations", [])]
    for needle in expect.get("citation_contains", []):
        if not any(squash(needle) in q for q in quotes):
            failures.append(f"引用中缺少「{needle}」")
    return failures


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
    """Pass rates, route accuracy, citation accuracy, refusal precision/recall, latency by route."""
    metrics: dict = {"cases": len(results), "passed": sum(r.passed for r in results)}
    metrics["pass_rate"] = _rate(metrics["passed"], len(results))
    metrics["by_kind"] = {}
    for kind in sorted({r.case.kind for r in results}):
        group = [r for r in results if r.case.kind == kind]
        metrics["by_kind"][kind] = {"cases": len(group), "pass_rate": _rate(sum(r.passed for r in group), len(group))}
    routed = [r for r in results if "route" in r.case.expect]
    metrics["route_accuracy"] = _rate(sum(r.answer["route"] == r.case.expect["route"] for r in routed), len(routed))
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
    }
    unbacked = [[r.case.id, line] for r in results for line in r.unbacked]
    metrics["unbacked_figures"] = {"count": len(unbacked), "lines": unbacked}
    metrics["latency_ms"] = {}
    for route in sorted({r.answer["route"] for r in results}):
        times = [r.answer["timings_ms"]["total"] for r in results if r.answer["route"] == route]
        metrics["latency_ms"][route] = {"n": len(times), "p50": _percentile(times, 50), "p95": _percentile(times, 95)}
    return metrics


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


def write_outputs(out: Path, dataset: Path, results: list[CaseResult], metrics: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as f:
        for result in results:
            f.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "report.md").write_text(render_report(dataset, results, metrics), encoding="utf-8")


def render_report(dataset: Path, results: list[CaseResult], metrics: dict) -> str:
    lines = [f"# 评测报告：{Path(dataset).name}", ""]
    lines += [
        f"- 用例 {metrics['cases']} 个，通过 {metrics['passed']} 个，通过率 **{_pct(metrics['pass_rate'])}**",
        f"- 路由正确率 {_pct(metrics['route_accuracy'])}；引用正确率 {_pct(metrics['citation_accuracy'])}",
        f"- 拒答：精确率 {_pct(metrics['refusal']['precision'])}，召回率 {_pct(metrics['refusal']['recall'])}"
        f"（应拒答 {metrics['refusal']['expected']} 个，实际拒答 {metrics['refusal']['refused']} 个）",
        f"- 回答方式：{metrics.get('backend', 'extractive')}",
        f"- 无依据数字（某行点名一个区县并给出数字，但引用的该区县表格行与事实中没有这个数字）："
        f"{metrics['unbacked_figures']['count']} 行",
        "",
        "## 按题型",
        "",
        "| 题型 | 用例数 | 通过率 |",
        "|---|---|---|",
    ]
    lines += [f"| {kind} | {m['cases']} | {_pct(m['pass_rate'])} |" for kind, m in metrics["by_kind"].items()]
    lines += ["", "## 各路由耗时（毫秒）", "", "| 路由 | 数量 | p50 | p95 |", "|---|---|---|---|"]
    lines += [f"| {route} | {m['n']} | {m['p50']} | {m['p95']} |" for route, m in metrics["latency_ms"].items()]
    retrieval = metrics.get("retrieval")
    if retrieval:
        lines += [
            "",
            "## 检索（检索题的标准引文）",
            "",
            "| 方式 | 题数 | hit@1 | hit@5 | MRR@10 | nDCG@10 |",
            "|---|---|---|---|---|---|",
        ]
        for mode, m in retrieval.items():
            lines.append(f"| {mode} | {m['questions']} | " + " | ".join(str(m[k]) for k in RANK_METRICS) + " |")
    compare = metrics.get("compare")
    if compare:
        lines += ["", "## 对比（相对 hybrid 的差值）", ""]
        lines += [f"- {name}：{value}" for name, value in compare.items()]
    if metrics["unbacked_figures"]["lines"]:
        lines += ["", "## 无依据数字", "", "| 用例 | 回答中的行 |", "|---|---|"]
        lines += [f"| {case_id} | {line} |" for case_id, line in metrics["unbacked_figures"]["lines"]]
    failed = [r for r in results if not r.passed]
    lines += ["", f"## 未通过的用例（{len(failed)} 个）", ""]
    for r in failed:
        lines += [
            f"### {r.case.id}（{r.case.kind}）",
            "",
            f"- 问题：{r.case.question}",
        ]
        if r.case.history:
            lines.append(f"- 对话历史：{'；'.join(m['role'] + '：' + m['content'] for m in r.case.history)}")
        lines += [
            f"- 期望：{json.dumps(r.case.expect, ensure_ascii=False)}",
            f"- 问题所在：{'；'.join(r.failures)}",
            f"- 实际路由：{r.answer['route']}",
            "- 实际回答：",
            "",
            "> " + r.answer["answer"].replace("\n", "\n> "),
            "",
        ]
    return "\n".join(lines) + "\n"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


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
    "load_dataset",
    "render_report",
    "retrieval_metrics",
    "run_cases",
    "run_evaluation",
    "write_outputs",
]
