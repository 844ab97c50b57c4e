"""`report.md`: an eval run in Markdown for evaluators, who read it rather than the JSON.

Everything is a sentence or a Markdown table — never a Python dict, list or repr. Sections: the
summary, pass rate with route and content accuracy apart (overall and by kind), refusal precision
and recall, retrieval hit@k / MRR against the gold quotes, latency by route, unbacked figures,
the comparison with a baseline run when one was given, then every failed case in full.

>>> print(markdown_table(["题型", "通过率"], [["表格题", "91.5%"], ["a|b", "—"]]))
| 题型 | 通过率 |
|---|---|
| 表格题 | 91.5% |
| a\\|b | — |
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from evals.cases import KIND_LABELS, ROUTE_LABELS, CaseResult

if TYPE_CHECKING:
    from evals.baseline import MetricDelta, RunDiff

RANK_METRICS = ("hit@1", "hit@5", "mrr@10", "ndcg@10")
RANK_HEADERS = ("hit@1", "hit@5", "MRR@10", "nDCG@10")
ANSWER_DIFFS_SHOWN = 40
# always in the table of metric changes; the rest (by kind, retrieval, latency) only when they moved
HEADLINE_METRICS = (
    "pass_rate",
    "cases",
    "route_accuracy",
    "content_accuracy",
    "citation_accuracy",
    "refusal.precision",
    "refusal.recall",
    "unbacked_figures.count",
)  # answer changes printed in full; diff.json has them all
EXPECTATIONS = (
    ("answer_contains", "应包含"),
    ("answer_contains_any", "应包含其一"),
    ("answer_excludes", "不应包含"),
    ("citation_contains", "引文应包含"),
)


def render_report(dataset: Path, results: list[CaseResult], metrics: dict, diff: RunDiff | None = None) -> str:
    lines = [f"# 评测报告：{Path(dataset).name}", ""]
    lines += _summary(metrics, diff)
    lines += _by_kind(metrics)
    lines += _route_and_content(metrics)
    lines += _refusal(metrics)
    lines += _retrieval(metrics)
    lines += _latency(metrics)
    lines += _unbacked(metrics)
    if diff is not None:
        lines += render_diff(diff)
    lines += _failures(results)
    return "\n".join(lines).rstrip("\n") + "\n"


# -- sections --------------------------------------------------------------------------------------


def _summary(metrics: dict, diff: RunDiff | None) -> list[str]:
    refusal = metrics["refusal"]
    lines = [
        f"- 用例 {metrics['cases']} 个，通过 {metrics['passed']} 个，通过率 **{pct(metrics['pass_rate'])}**"
        "（通过 = 路由正确且内容正确）",
        f"- 路由正确率 **{pct(metrics['route_accuracy'])}**"
        f"（标注了路由的 {metrics.get('route_checked', '—')} 个用例中 {metrics.get('route_passed', '—')} 个）",
        f"- 内容正确率 **{pct(metrics.get('content_accuracy'))}**"
        f"（{metrics['cases']} 个用例中 {metrics.get('content_passed', '—')} 个的回答满足路由以外的全部期望，不论路由对错）",
        f"- 引用正确率 {pct(metrics['citation_accuracy'])}（标注了「引文应包含」的用例）",
        f"- 拒答：精确率 {pct(refusal['precision'])}，召回率 {pct(refusal['recall'])}"
        f"（应拒答 {refusal['expected']} 个，实际拒答 {refusal['refused']} 个）",
    ]
    hybrid = (metrics.get("retrieval") or {}).get("hybrid")
    if hybrid:
        lines.append(
            f"- 检索（混合，{hybrid['questions']} 道检索题的标准引文）：hit@1 {num(hybrid['hit@1'])}，"
            f"hit@5 {num(hybrid['hit@5'])}，MRR@10 {num(hybrid['mrr@10'])}"
        )
    lines += [
        f"- 无依据数字：**{metrics['unbacked_figures']['count']} 行**"
        "（某行点名一个区县并给出数字，但引用的该区县表格行与事实中都没有这个数字）",
        f"- 回答方式：{metrics.get('backend', 'extractive')}",
    ]
    if diff is not None:
        lines.append(
            f"- 与基线相比：新通过 {len(diff.newly_passing)} 个，新失败 {len(diff.newly_failing)} 个，"
            f"路由变化 {len(diff.route_changed)} 个，回答变化 {len(diff.answer_changed)} 个（见「与上次运行对比」）"
        )
    return lines + [""]


def _by_kind(metrics: dict) -> list[str]:
    headers = ["题型", "用例数", "通过", "通过率", "路由正确率", "内容正确率"]
    rows = [
        [kind_label(kind), m["cases"], m.get("passed", "—"), pct(m["pass_rate"]), pct(m.get("route_accuracy")),
         pct(m.get("content_accuracy"))]
        for kind, m in metrics["by_kind"].items()
    ]  # fmt: skip
    rows.append(
        ["**合计**", metrics["cases"], metrics["passed"], pct(metrics["pass_rate"]), pct(metrics["route_accuracy"]),
         pct(metrics.get("content_accuracy"))]
    )  # fmt: skip
    return ["## 按题型", "", *markdown_table(headers, rows).splitlines(), ""]


def _route_and_content(metrics: dict) -> list[str]:
    grid = metrics.get("route_vs_content")
    if not grid:
        return []
    rows = [
        ["路由正确", grid["both"], grid["route_only"]],
        ["路由错误", grid["content_only"], grid["neither"]],
    ]
    return [
        "## 路由与内容",
        "",
        "标注了路由的用例按路由与内容是否正确分开计数。路由错误而内容正确，说明问题走了另一条路仍答对了；"
        "路由正确而内容错误，才是回答本身的问题。",
        "",
        *markdown_table(["", "内容正确", "内容错误"], rows).splitlines(),
        "",
    ]


def _refusal(metrics: dict) -> list[str]:
    refusal = metrics["refusal"]
    row = [refusal["expected"], refusal["refused"], refusal.get("correct", "—"), pct(refusal["precision"]),
           pct(refusal["recall"])]  # fmt: skip
    return [
        "## 拒答",
        "",
        "精确率 = 拒答中本应拒答的比例（低则说明把能答的问题拒了）；召回率 = 应拒答的用例中确实拒答的比例"
        "（低则说明对文件里没有的内容作了回答）。",
        "",
        *markdown_table(["应拒答", "实际拒答", "拒答正确", "精确率", "召回率"], [row]).splitlines(),
        "",
    ]


def _retrieval(metrics: dict) -> list[str]:
    retrieval = metrics.get("retrieval")
    lines: list[str] = []
    if retrieval:
        rows = [[mode, m["questions"], *(num(m[k]) for k in RANK_METRICS)] for mode, m in retrieval.items()]
        lines += [
            "## 检索（检索题的标准引文）",
            "",
            *markdown_table(["方式", "题数", *RANK_HEADERS], rows).splitlines(),
            "",
        ]
    compare = metrics.get("compare")
    if compare:
        ranked = [[name, *(signed(value.get(k)) for k in RANK_METRICS)] for name, value in compare.items()
                  if isinstance(value, dict)]  # fmt: skip
        scalars = [[name, signed_pct(value)] for name, value in compare.items() if not isinstance(value, dict)]
        lines += ["## 对比（相对 hybrid 的差值）", ""]
        if ranked:
            lines += [*markdown_table(["对比", *RANK_HEADERS], ranked).splitlines(), ""]
        if scalars:
            lines += [*markdown_table(["对比", "差值"], scalars).splitlines(), ""]
    return lines


def _latency(metrics: dict) -> list[str]:
    rows = [
        [route_label(route), m["n"], num(m["p50"], 1), num(m["p95"], 1)] for route, m in metrics["latency_ms"].items()
    ]
    return ["## 各路由耗时（毫秒）", "", *markdown_table(["路由", "数量", "p50", "p95"], rows).splitlines(), ""]


def _unbacked(metrics: dict) -> list[str]:
    unbacked = metrics["unbacked_figures"]
    lines = [f"## 无依据数字（{unbacked['count']} 行）", ""]
    if not unbacked["lines"]:
        return lines + ["没有：表格回答中点名单个区县的每一行，数字都能在该区县被引用的行或事实中找到。", ""]
    return lines + [*markdown_table(["用例", "回答中的行"], unbacked["lines"]).splitlines(), ""]


def render_diff(diff: RunDiff) -> list[str]:
    """The 「与上次运行对比」 section: metric deltas, then the cases that changed."""
    lines = [
        "## 与上次运行对比",
        "",
        f"- 基线：`{diff.baseline}`；基线 {diff.baseline_cases} 个用例，本次 {diff.current_cases} 个，"
        f"两次都有的 {diff.common_cases} 个（逐题比较只看这些）",
        f"- 新通过 {len(diff.newly_passing)} 个，新失败 {len(diff.newly_failing)} 个，"
        f"路由变化 {len(diff.route_changed)} 个，回答文字变化 {len(diff.answer_changed)} 个",
    ]
    if diff.only_in_baseline:
        lines.append(f"- 只在基线中的用例：{'、'.join(diff.only_in_baseline)}")
    if diff.only_in_current:
        lines.append(f"- 只在本次中的用例：{'、'.join(diff.only_in_current)}")
    lines += ["", "### 指标变化", ""]
    shown = [m for m in diff.metrics if m.key in HEADLINE_METRICS or m.delta != 0]
    rows = [[m.label, _metric_value(m, m.baseline), _metric_value(m, m.current), _metric_delta(m)] for m in shown]
    lines += markdown_table(["指标", "基线", "本次", "变化"], rows).splitlines()
    if len(shown) < len(diff.metrics):
        lines += ["", f"其余 {len(diff.metrics) - len(shown)} 项指标与基线相同（全部指标见 diff.json）。"]
    lines.append("")

    failing = diff.newly_failing
    lines += [f"### 新失败（{len(failing)} 个）", ""]
    if failing:
        rows = [[c.id, kind_label(c.kind), c.question, "；".join(c.current_failures)] for c in failing]
        lines += markdown_table(["用例", "题型", "问题", "本次的问题所在"], rows).splitlines()
    else:
        lines.append("没有。")
    passing = diff.newly_passing
    lines += ["", f"### 新通过（{len(passing)} 个）", ""]
    if passing:
        rows = [[c.id, kind_label(c.kind), c.question, "；".join(c.baseline_failures) or "—"] for c in passing]
        lines += markdown_table(["用例", "题型", "问题", "基线的问题所在"], rows).splitlines()
    else:
        lines.append("没有。")
    routed = diff.route_changed
    lines += ["", f"### 路由变化（{len(routed)} 个）", ""]
    if routed:
        rows = [
            [c.id, kind_label(c.kind), c.question, route_label(c.expected_route), route_label(c.baseline_route),
             route_label(c.current_route)]
            for c in routed
        ]  # fmt: skip
        lines += markdown_table(["用例", "题型", "问题", "期望路由", "基线", "本次"], rows).splitlines()
    else:
        lines.append("没有。")
    changed = diff.answer_changed
    lines += ["", f"### 回答变化（{len(changed)} 个）", ""]
    if not changed:
        lines.append("没有。")
    for c in changed[:ANSWER_DIFFS_SHOWN]:
        outcome = f"{_outcome(c.baseline_passed)} → {_outcome(c.current_passed)}"
        lines += [
            f"**{c.id}** · {kind_label(c.kind)} · {outcome} · {c.question}",
            "",
            "```diff",
            *c.answer_diff,
            "```",
            "",
        ]
    if len(changed) > ANSWER_DIFFS_SHOWN:
        lines += [f"其余 {len(changed) - ANSWER_DIFFS_SHOWN} 个见 diff.json。", ""]
    return lines if lines[-1] == "" else [*lines, ""]


def _failures(results: list[CaseResult]) -> list[str]:
    failed = [r for r in results if not r.passed]
    lines = [f"## 未通过的用例（{len(failed)} 个）", ""]
    if not failed:
        return lines + ["没有。"]
    rows = [[r.case.id, kind_label(r.case.kind), _route_verdict(r, short=True), _content_verdict(r, short=True)]
            for r in failed]  # fmt: skip
    lines += [*markdown_table(["用例", "题型", "路由", "内容"], rows).splitlines(), ""]
    for r in failed:
        lines += [f"### {r.case.id}：{kind_label(r.case.kind)}", "", f"- 问题：{r.case.question}"]
        if r.case.history:
            lines.append(f"- 对话历史：{history_text(r.case.history)}")
        lines += [
            f"- 期望：{expectation_text(r.case.expect)}",
            f"- 路由：{_route_verdict(r)}",
            f"- 内容：{_content_verdict(r)}",
            "- 实际回答：",
            "",
            "> " + (r.answer.get("answer") or "（空）").replace("\n", "\n> "),
            "",
        ]
    return lines


# -- words -----------------------------------------------------------------------------------------


def _route_verdict(result: CaseResult, short: bool = False) -> str:
    actual = route_label(result.answer.get("route"))
    if result.route_passed is None:
        return "未要求" if short else f"未要求，实际为 {actual}"
    if result.route_passed:
        return "正确" if short else f"正确：{actual}"
    expected = route_label(result.case.expect.get("route"))
    return f"错误：应为 {expected}，实际为 {actual}"


def _content_verdict(result: CaseResult, short: bool = False) -> str:
    failures = result.content_failures
    if not failures:
        return "正确" if short else "正确（路由以外的期望都满足）"
    return f"错误 {len(failures)} 处" if short else "错误：" + "；".join(failures)


def _outcome(passed: bool) -> str:
    return "通过" if passed else "未通过"


def expectation_text(expect: dict) -> str:
    """`expect` in words: 「路由 structured；应包含「蓬江区」「江海区」；应包含其一：「未达」或「超标」」."""
    parts = []
    if "route" in expect:
        parts.append(f"路由 {route_label(expect['route'])}")
    for key, label in EXPECTATIONS:
        values = expect.get(key) or []
        if not values:
            continue
        if key == "answer_contains_any":
            groups = ["或".join(f"「{v}」" for v in group) for group in values]
            parts.append(f"{label}：{'，且'.join(groups)}")
        else:
            parts.append(label + "".join(f"「{v}」" for v in values))
    return "；".join(parts) or "（无）"


def history_text(history: Sequence[dict]) -> str:
    speakers = {"user": "用户", "assistant": "助手"}
    return " / ".join(f"{speakers.get(m.get('role'), m.get('role'))}：{m.get('content', '')}" for m in history)


def kind_label(kind: str | None) -> str:
    if not kind:
        return "未标注"
    return f"{KIND_LABELS[kind]}（{kind}）" if kind in KIND_LABELS else kind


def route_label(route: str | None) -> str:
    if not route:
        return "—"
    return f"{route}（{ROUTE_LABELS[route]}）" if route in ROUTE_LABELS else route


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def signed_pct(value: float | None) -> str:
    """A difference of two rates, in percentage points."""
    return "—" if value is None else f"{value * 100:+.1f} 个百分点"


def num(value: float | None, places: int = 3) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def signed(value: float | None, places: int = 3) -> str:
    return "—" if value is None else f"{value:+.{places}f}"


def _metric_value(metric: MetricDelta, value: float | None) -> str:
    if value is None:
        return "—"
    if metric.kind == "rate":
        return pct(value)
    if metric.kind == "count":
        return str(int(value))
    return num(value, 1 if metric.kind == "ms" else 3)


def _metric_delta(metric: MetricDelta) -> str:
    delta = metric.delta
    if delta is None:
        return "—"
    if delta == 0:
        return "不变"
    if metric.kind == "rate":
        return signed_pct(delta)
    if metric.kind == "count":
        return f"{int(delta):+d}"
    return signed(delta, 1 if metric.kind == "ms" else 3)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub Markdown table; a cell's 「|」 is escaped and its line breaks become spaces."""
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: object) -> str:
    text = "—" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split()) if text.strip() else ("" if value == "" else "—")
