"""Comparing a run with a previous one: case by case, and a clear error for a bad baseline."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from evals.baseline import BaselineError, answer_diff, compare_runs, load_baseline
from evals.runner import Case, answer_metrics, run_cases, write_outputs
from tests.evals.fakes import answer, stub_ask
from ui.cli import cli

CASES = [
    Case("s1", "structured", "江海区执行率？", expect={"route": "structured", "answer_contains": ["85.49%"]}),
    Case("s2", "structured", "蓬江区执行率？", expect={"route": "structured", "answer_contains": ["9.25%"]}),
    Case("r1", "retrieval", "如何治理扬尘？", expect={"route": "retrieval", "citation_contains": ["扬尘"]}),
    Case("x1", "refusal", "你好", expect={"route": "refusal"}),
]
BEFORE = {
    "江海区执行率？": answer("江海区：85.49%", "structured"),
    "蓬江区执行率？": answer("蓬江区：9.25%", "structured"),
    "如何治理扬尘？": answer("强化扬尘管控", "retrieval", quotes=("扬尘污染防治",)),
    "你好": answer("未在已收录文件中找到相关内容。", "refusal"),
}
AFTER = {
    **BEFORE,
    # s1 now fails: the figure is gone
    "江海区执行率？": answer("江海区：执行率未统计", "structured"),
    # r1 now goes to the tables, still quoting the passage: route changed, content the same
    "如何治理扬尘？": answer("强化扬尘管控", "structured", quotes=("扬尘污染防治",)),
}


def _run(replies: dict, out):
    results = run_cases(stub_ask(replies), CASES)
    metrics = answer_metrics(results)
    write_outputs(out, out / "set.jsonl", results, metrics)
    return results, metrics


@pytest.fixture
def baseline_dir(tmp_path):
    _run(BEFORE, tmp_path / "before")
    return tmp_path / "before"


def test_the_diff_finds_a_newly_failing_case_and_a_route_change(baseline_dir, tmp_path):
    results, metrics = _run(AFTER, tmp_path / "after")
    diff = compare_runs(load_baseline(baseline_dir), results, metrics)
    assert [c.id for c in diff.newly_failing] == ["s1", "r1"]
    assert diff.newly_passing == []
    assert [(c.id, c.baseline_route, c.current_route) for c in diff.route_changed] == [
        ("r1", "retrieval", "structured")
    ]
    assert [c.id for c in diff.answer_changed] == ["s1"]
    assert diff.answer_changed[0].answer_diff == ["- 江海区：85.49%", "+ 江海区：执行率未统计"]
    assert {c.id for c in diff.changes} == {"s1", "r1"}  # s2 and x1 did not change


def test_metric_deltas_compare_the_same_metric_of_both_runs(baseline_dir, tmp_path):
    results, metrics = _run(AFTER, tmp_path / "after")
    deltas = {m.key: m for m in compare_runs(load_baseline(baseline_dir), results, metrics).metrics}
    # before: all 4 pass; after: s2 and x1 pass
    assert (deltas["pass_rate"].baseline, deltas["pass_rate"].current, deltas["pass_rate"].delta) == (1.0, 0.5, -0.5)
    assert deltas["route_accuracy"].delta == -0.25  # r1's route
    assert deltas["content_accuracy"].delta == -0.25  # s1's figure
    assert deltas["by_kind.retrieval.route_accuracy"].current == 0.0


def test_the_report_and_diff_json_list_what_changed(baseline_dir, tmp_path):
    results, metrics = _run(AFTER, tmp_path / "after")
    diff = compare_runs(load_baseline(baseline_dir), results, metrics)
    write_outputs(tmp_path / "after", tmp_path / "set.jsonl", results, metrics, diff=diff)
    report = (tmp_path / "after" / "report.md").read_text(encoding="utf-8")
    section = report[report.index("## 与上次运行对比") : report.index("## 未通过的用例")]
    assert "| 通过率 | 100.0% | 50.0% | -50.0 个百分点 |" in section
    assert "### 新失败（2 个）" in section and "| s1 | 表格题（structured） | 江海区执行率？ |" in section
    assert (
        "| r1 | 检索题（retrieval） | 如何治理扬尘？ | retrieval（检索） | retrieval（检索） | structured（表格） |"
        in section
    )
    assert "```diff\n- 江海区：85.49%\n+ 江海区：执行率未统计\n```" in section
    assert "{'" not in report and "[('" not in report
    saved = json.loads((tmp_path / "after" / "diff.json").read_text(encoding="utf-8"))
    assert (saved["newly_failing"], saved["route_changed"], saved["answer_changed"]) == (["s1", "r1"], ["r1"], ["s1"])


def test_cases_only_in_one_run_are_listed_not_compared(baseline_dir, tmp_path):
    results = run_cases(stub_ask(BEFORE), [*CASES[1:], Case("n1", "refusal", "你好")])
    diff = compare_runs(load_baseline(baseline_dir), results, answer_metrics(results))
    assert (diff.only_in_baseline, diff.only_in_current, diff.common_cases) == (["s1"], ["n1"], 3)
    assert diff.changes == []


def test_a_baseline_written_before_route_and_content_were_split_still_loads(baseline_dir):
    path = baseline_dir / "results.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    old = [{k: v for k, v in row.items() if k not in ("route_passed", "content_passed")} for row in rows]
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in old), encoding="utf-8")
    assert set(load_baseline(baseline_dir).results) == {"s1", "s2", "r1", "x1"}


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "results.jsonl").unlink(), "没有 results.jsonl"),
        (lambda d: (d / "metrics.json").unlink(), "没有 metrics.json"),
        (lambda d: (d / "metrics.json").write_text("{", encoding="utf-8"), "metrics.json 无法读取"),
        (lambda d: (d / "results.jsonl").write_text('{"id": "a", "passed": true, "answer": {}}\n{oops\n'),
         "results.jsonl 第 2 行不是合法的 JSON"),
        (lambda d: (d / "results.jsonl").write_text('{"id": "a", "answer": {}}\n'), "第 1 行缺少字段：passed"),
        (lambda d: (d / "results.jsonl").write_text('{"id": "a", "passed": "yes", "answer": {}}\n'),
         "passed 应为 true 或 false"),
    ],
)  # fmt: skip
def test_a_malformed_baseline_is_a_chinese_error(baseline_dir, damage, message):
    damage(baseline_dir)
    with pytest.raises(BaselineError, match=message):
        load_baseline(baseline_dir)


def test_a_missing_baseline_directory_is_a_chinese_error(tmp_path):
    with pytest.raises(BaselineError, match="基线目录不存在"):
        load_baseline(tmp_path / "nowhere")


@pytest.mark.parametrize("broken", ["missing", "no-results"])
def test_eval_with_a_bad_baseline_exits_2_before_answering(tmp_path, broken):
    """The baseline is read before the index is opened: no ingest is needed to see this error."""
    baseline = tmp_path / "prev"
    if broken == "no-results":
        baseline.mkdir()
    dataset = tmp_path / "set.jsonl"
    dataset.write_text('{"id": "a", "question": "你好"}\n', encoding="utf-8")
    env = {"POLICY_DATA_DIR": str(tmp_path / "data"), "POLICY_CHROMA_HOST": None, "POLICY_LLM_BASE_URL": None}
    result = CliRunner().invoke(
        cli, ["eval", str(dataset), "--out", str(tmp_path / "out"), "--baseline", str(baseline)], env=env
    )
    assert result.exit_code == 2, result.output
    assert "错误" in result.stderr and "基线" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_long_changed_line_is_shown_around_its_change():
    before = "前文" * 100 + "执行率9.25%" + "后文" * 100
    after = before.replace("9.25%", "9.26%")
    removed, added = answer_diff(before, after)
    assert removed.startswith("- …") and "9.25%" in removed and len(removed) < 140
    assert added.startswith("+ …") and "9.26%" in added
