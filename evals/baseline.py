"""A run compared with a previous one: what changed, case by case, and how the metrics moved.

`policy-assistant eval DATASET --out DIR --baseline PREVIOUS_DIR` reads the previous run's
`results.jsonl` and `metrics.json`, and lists the cases that newly pass, newly fail, changed
route or changed their answer text, with the metric deltas (`DIR/diff.json`, and a section of
`report.md`).

>>> baseline = load_baseline(Path("artifacts/eval-test"))  # doctest: +SKIP
>>> diff = compare_runs(baseline, results, metrics)  # doctest: +SKIP
>>> [change.id for change in diff.newly_failing]  # doctest: +SKIP
['s012']
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import PolicyAssistantError
from evals.cases import KIND_LABELS, CaseResult

RESULTS_FILE = "results.jsonl"
METRICS_FILE = "metrics.json"
DIFF_LINES = 8  # lines of an answer diff shown; the rest is counted
DIFF_WIDTH = 120  # characters of a changed line shown, around where it changed
RATE, SCORE, COUNT, MS = "rate", "score", "count", "ms"
RANK_LABELS = {"hit@1": "hit@1", "hit@5": "hit@5", "mrr@10": "MRR@10", "ndcg@10": "nDCG@10"}


class BaselineError(PolicyAssistantError):
    """A baseline directory that is missing or is not the output of an earlier eval run."""


@dataclass(frozen=True)
class BaselineRun:
    """An earlier run as its files hold it: results by case id, and its metrics."""

    path: Path
    results: dict[str, dict]
    metrics: dict


@dataclass(frozen=True)
class CaseChange:
    """One case answered by both runs, and how its outcome moved."""

    id: str
    kind: str
    question: str
    expected_route: str | None
    baseline_passed: bool
    current_passed: bool
    baseline_route: str
    current_route: str
    baseline_failures: list[str]
    current_failures: list[str]
    answer_diff: list[str]  # empty when the answer text is the same

    @property
    def newly_passing(self) -> bool:
        return self.current_passed and not self.baseline_passed

    @property
    def newly_failing(self) -> bool:
        return self.baseline_passed and not self.current_passed

    @property
    def route_changed(self) -> bool:
        return self.baseline_route != self.current_route

    @property
    def answer_changed(self) -> bool:
        return bool(self.answer_diff)

    @property
    def changes(self) -> list[str]:
        flags = (
            (self.newly_passing, "新通过"),
            (self.newly_failing, "新失败"),
            (self.route_changed, "路由变化"),
            (self.answer_changed, "回答变化"),
        )
        return [label for flag, label in flags if flag]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "question": self.question,
            "changes": self.changes,
            "passed": {"baseline": self.baseline_passed, "current": self.current_passed},
            "route": {"expected": self.expected_route, "baseline": self.baseline_route, "current": self.current_route},
            "failures": {"baseline": self.baseline_failures, "current": self.current_failures},
            "answer_diff": self.answer_diff,
        }


@dataclass(frozen=True)
class MetricDelta:
    """One metric in both runs; `kind` says how to print it (rate, score, count, milliseconds)."""

    label: str
    key: str
    kind: str
    baseline: float | None
    current: float | None

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return round(self.current - self.baseline, 3 if self.kind in (RATE, SCORE) else 1)

    def to_dict(self) -> dict:
        return {"metric": self.label, "key": self.key, "baseline": self.baseline, "current": self.current,
                "delta": self.delta}  # fmt: skip


@dataclass(frozen=True)
class RunDiff:
    """What changed between a baseline run and this one."""

    baseline: Path
    baseline_cases: int
    current_cases: int
    common_cases: int
    changes: list[CaseChange] = field(default_factory=list)  # only cases with some change
    only_in_baseline: list[str] = field(default_factory=list)
    only_in_current: list[str] = field(default_factory=list)
    metrics: list[MetricDelta] = field(default_factory=list)

    @property
    def newly_passing(self) -> list[CaseChange]:
        return [c for c in self.changes if c.newly_passing]

    @property
    def newly_failing(self) -> list[CaseChange]:
        return [c for c in self.changes if c.newly_failing]

    @property
    def route_changed(self) -> list[CaseChange]:
        return [c for c in self.changes if c.route_changed]

    @property
    def answer_changed(self) -> list[CaseChange]:
        return [c for c in self.changes if c.answer_changed]

    def to_dict(self) -> dict:
        return {
            "baseline": str(self.baseline),
            "cases": {"baseline": self.baseline_cases, "current": self.current_cases, "common": self.common_cases},
            "newly_passing": [c.id for c in self.newly_passing],
            "newly_failing": [c.id for c in self.newly_failing],
            "route_changed": [c.id for c in self.route_changed],
            "answer_changed": [c.id for c in self.answer_changed],
            "only_in_baseline": self.only_in_baseline,
            "only_in_current": self.only_in_current,
            "changes": [c.to_dict() for c in self.changes],
            "metrics": [m.to_dict() for m in self.metrics],
        }


# -- reading a previous run ---------------------------------------------------------------------------


def load_baseline(directory: Path) -> BaselineRun:
    """The previous run in `directory`; anything missing or malformed is a `BaselineError`."""
    directory = Path(directory)
    hint = "（应为之前一次 policy-assistant eval --out 的输出目录）"
    if not directory.is_dir():
        raise BaselineError(f"基线目录不存在：{directory}{hint}")
    for name in (RESULTS_FILE, METRICS_FILE):
        if not (directory / name).is_file():
            raise BaselineError(f"基线目录 {directory} 中没有 {name}{hint}")
    try:
        metrics = json.loads((directory / METRICS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"基线的 {METRICS_FILE} 无法读取：{exc}（{directory / METRICS_FILE}）") from exc
    if not isinstance(metrics, dict):
        raise BaselineError(f"基线的 {METRICS_FILE} 应为一个 JSON 对象（{directory / METRICS_FILE}）")
    try:
        lines = (directory / RESULTS_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"基线的 {RESULTS_FILE} 无法读取：{exc}（{directory / RESULTS_FILE}）") from exc
    results: dict[str, dict] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"基线的 {RESULTS_FILE} 第 {number} 行"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{where}不是合法的 JSON：{exc}（{directory / RESULTS_FILE}）") from exc
        problem = _record_problem(record)
        if problem:
            raise BaselineError(f"{where}{problem}（{directory / RESULTS_FILE}）")
        if str(record["id"]) in results:
            raise BaselineError(f"{where}：用例 id「{record['id']}」重复（{directory / RESULTS_FILE}）")
        results[str(record["id"])] = record
    return BaselineRun(directory, results, metrics)


def _record_problem(record) -> str | None:
    if not isinstance(record, dict):
        return "应为一个 JSON 对象"
    missing = [key for key in ("id", "passed", "answer") if key not in record]
    if missing:
        return f"缺少字段：{'、'.join(missing)}"
    if not isinstance(record["passed"], bool):
        return "的 passed 应为 true 或 false"
    answer = record["answer"]
    if not isinstance(answer, dict) or not isinstance(answer.get("answer", ""), str):
        return "的 answer 应为回答对象（含 answer、route 字段）"
    if not isinstance(record.get("failures", []), list):
        return "的 failures 应为列表"
    return None


# -- comparing ----------------------------------------------------------------------------------------


def compare_runs(baseline: BaselineRun, results: list[CaseResult], metrics: dict) -> RunDiff:
    """This run's results and metrics against `baseline`'s, case by case on the ids both answered."""
    current = {r.case.id: r for r in results}
    changes = []
    for result in results:
        before = baseline.results.get(result.case.id)
        if before is None:
            continue
        old_answer, new_answer = before["answer"].get("answer", "") or "", result.answer.get("answer", "") or ""
        change = CaseChange(
            id=result.case.id,
            kind=result.case.kind,
            question=result.case.question,
            expected_route=result.case.expect.get("route"),
            baseline_passed=before["passed"],
            current_passed=result.passed,
            baseline_route=str(before["answer"].get("route", "")),
            current_route=str(result.answer.get("route", "")),
            baseline_failures=[str(f) for f in before.get("failures", [])],
            current_failures=list(result.failures),
            answer_diff=answer_diff(old_answer, new_answer),
        )
        if change.changes:
            changes.append(change)
    return RunDiff(
        baseline=baseline.path,
        baseline_cases=len(baseline.results),
        current_cases=len(results),
        common_cases=len(current.keys() & baseline.results.keys()),
        changes=changes,
        only_in_baseline=[i for i in baseline.results if i not in current],
        only_in_current=[i for i in current if i not in baseline.results],
        metrics=metric_deltas(baseline.metrics, metrics),
    )


def metric_deltas(before: dict, after: dict) -> list[MetricDelta]:
    """Every metric either run has, in a fixed order: overall, by kind, retrieval, latency."""
    specs: list[tuple[str, str, str]] = [
        ("通过率", "pass_rate", RATE),
        ("通过数", "passed", COUNT),
        ("用例数", "cases", COUNT),
        ("路由正确率", "route_accuracy", RATE),
        ("内容正确率", "content_accuracy", RATE),
        ("引用正确率", "citation_accuracy", RATE),
        ("拒答精确率", "refusal.precision", RATE),
        ("拒答召回率", "refusal.recall", RATE),
        ("无依据数字（行）", "unbacked_figures.count", COUNT),
    ]
    for kind in _union_keys(before, after, "by_kind"):
        label = KIND_LABELS.get(kind, kind or "未标注题型")
        specs += [
            (f"{label} 通过率", f"by_kind.{kind}.pass_rate", RATE),
            (f"{label} 路由正确率", f"by_kind.{kind}.route_accuracy", RATE),
            (f"{label} 内容正确率", f"by_kind.{kind}.content_accuracy", RATE),
        ]
    for mode in _union_keys(before, after, "retrieval"):
        specs += [(f"检索 {mode} {name}", f"retrieval.{mode}.{key}", SCORE) for key, name in RANK_LABELS.items()]
    for route in _union_keys(before, after, "latency_ms"):
        specs += [
            (f"耗时 {route} p50（毫秒）", f"latency_ms.{route}.p50", MS),
            (f"耗时 {route} p95（毫秒）", f"latency_ms.{route}.p95", MS),
        ]
    deltas = [MetricDelta(label, key, kind, _lookup(before, key), _lookup(after, key)) for label, key, kind in specs]
    return [d for d in deltas if d.baseline is not None or d.current is not None]


def _union_keys(before: dict, after: dict, key: str) -> list[str]:
    keys = []
    for metrics in (after, before):
        section = metrics.get(key)
        if isinstance(section, dict):
            keys += [k for k in section if k not in keys]
    return keys


def _lookup(metrics: dict, key: str) -> float | None:
    value = metrics
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def answer_diff(old: str, new: str) -> list[str]:
    """The changed lines of an answer, 「- 」 before and 「+ 」 after, clipped around the change.

    >>> answer_diff("共2个：\\n蓬江区\\n江海区", "共3个：\\n蓬江区\\n江海区\\n台山市")
    ['- 共2个：', '+ 共3个：', '+ 台山市']
    """
    if old == new:
        return []
    before, after = old.splitlines(), new.splitlines()
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = before[i1:i2], after[j1:j2]
        if tag == "replace" and len(removed) == len(added):
            for a, b in zip(removed, added, strict=True):
                a, b = _clip_pair(a, b)
                lines += [f"- {a}", f"+ {b}"]
        else:
            lines += [f"- {_clip(a, 0)}" for a in removed] + [f"+ {_clip(b, 0)}" for b in added]
    if not lines:  # only line endings or trailing blank lines differ
        lines = ["（仅空白或换行不同）"]
    if len(lines) > DIFF_LINES:
        lines = lines[:DIFF_LINES] + [f"…（另有 {len(lines) - DIFF_LINES} 行变化）"]
    return lines


def _clip_pair(a: str, b: str) -> tuple[str, str]:
    """Both lines from a little before where they first differ, so a long line shows its change."""
    if len(a) <= DIFF_WIDTH and len(b) <= DIFF_WIDTH:
        return a, b
    same = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        same += 1
    start = max(0, same - DIFF_WIDTH // 4)
    return _clip(a, start), _clip(b, start)


def _clip(line: str, start: int) -> str:
    end = start + DIFF_WIDTH
    return ("…" if start else "") + line[start:end] + ("…" if len(line) > end else "")
