"""report.md is Markdown an evaluator reads: tables and sentences, never a Python repr."""

from __future__ import annotations

import re

import pytest

from evals.report import expectation_text, markdown_table
from evals.runner import Case, answer_metrics, render_report, run_cases
from tests.evals.fakes import answer, stub_ask

PLACES = {"江海区": "江海区", "蓬江区": "蓬江区"}


@pytest.fixture
def report() -> str:
    cases = [
        Case("s1", "structured", "江海区执行率？", expect={"route": "structured", "answer_contains": ["85.49%"]}),
        Case("s2", "structured", "蓬江区执行率？", expect={"route": "structured", "answer_contains": ["9.25%"],
             "answer_contains_any": [["未达", "低于"], ["滞后"]], "answer_excludes": ["江海区"]}),
        Case("f1", "followup", "那NO2呢？", history=[{"role": "user", "content": "东湖子站PM10？"},
             {"role": "assistant", "content": "43，未达标。"}], expect={"route": "structured", "answer_contains": ["22"]}),
        Case("x1", "refusal", "广州市目标？", expect={"route": "refusal", "answer_contains": ["未在已收录文件中找到"]}),
    ]  # fmt: skip
    replies = {
        "江海区执行率？": answer("- 江海区 执行率：85.49%", "structured", quotes=("执行率85.49%",), section="表 第4行（江海区）"),
        # a figure printed beside 江海区 that only 蓬江区's cited row holds: an unbacked line
        "蓬江区执行率？": answer("- 江海区 执行率：9.25%", "structured", quotes=("执行率9.25%",), section="表 第3行（蓬江区）"),
        "那NO2呢？": answer("东湖子站 NO2 22微克/立方米", "retrieval", quotes=("NO2指标浓度为22",)),
        "广州市目标？": answer("未在已收录文件中找到相关内容。", "refusal"),
    }  # fmt: skip
    results = run_cases(stub_ask(replies), cases, places=PLACES)
    metrics = answer_metrics(results)
    metrics["retrieval"] = {
        "bm25": {"questions": 3, "hit@1": 0.667, "hit@5": 1.0, "mrr@10": 0.8, "ndcg@10": 0.85},
        "hybrid": {"questions": 3, "hit@1": 1.0, "hit@5": 1.0, "mrr@10": 1.0, "ndcg@10": 1.0},
    }
    metrics["compare"] = {
        "bm25 − hybrid": {"hit@1": -0.333, "hit@5": 0.0, "mrr@10": -0.2, "ndcg@10": -0.15},
        "通过率：qwen − extractive": 0.05,
    }
    return render_report("set.jsonl", results, metrics)


def test_no_python_reprs_anywhere(report):
    for repr_start in ("{'", '{"', "[('", "['", "[[", "None", "True", "False"):
        assert repr_start not in report, repr_start


def test_route_and_content_accuracy_overall_and_by_kind(report):
    # s1, x1 pass; s2 fails its content only, f1 its route only
    assert "路由正确率 **75.0%**" in report and "内容正确率 **75.0%**" in report
    assert "| 表格题（structured） | 2 | 1 | 50.0% | 100.0% | 50.0% |" in report
    assert "| 追问（followup） | 1 | 0 | 0.0% | 0.0% | 100.0% |" in report
    assert "| **合计** | 4 | 2 | 50.0% | 75.0% | 75.0% |" in report
    assert "| 路由正确 | 2 | 1 |" in report and "| 路由错误 | 1 | 0 |" in report


def test_the_comparison_is_a_markdown_table(report):
    assert "## 对比（相对 hybrid 的差值）" in report
    assert "| bm25 − hybrid | -0.333 | +0.000 | -0.200 | -0.150 |" in report
    assert "| 通过率：qwen − extractive | +5.0 个百分点 |" in report


def test_refusal_retrieval_latency_and_unbacked_figures_are_shown(report):
    assert "| 1 | 1 | 1 | 100.0% | 100.0% |" in report  # expected, refused, correct, precision, recall
    assert "| hybrid | 3 | 1.000 | 1.000 | 1.000 | 1.000 |" in report
    assert "| structured（表格） | 2 | 10.0 | 10.0 |" in report
    assert "无依据数字：**1 行**" in report and "| s2 | - 江海区 执行率：9.25% |" in report


def test_headings_are_chinese_and_every_table_row_has_its_columns(report):
    headings = re.findall(r"^#+ (.+)$", report, flags=re.MULTILINE)
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in headings), headings
    table = []
    for line in [*report.splitlines(), ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            widths = {len(re.split(r"(?<!\\)\|", row)) for row in table}
            assert len(widths) == 1, table
            table = []


def test_a_failed_case_shows_its_expectation_in_words(report):
    assert "### s2：表格题（structured）" in report
    assert (
        "- 期望：路由 structured（表格）；应包含「9.25%」；应包含其一：「未达」或「低于」，且「滞后」；不应包含「江海区」"
        in report
    )
    assert "- 路由：错误：应为 structured（表格），实际为 retrieval（检索）" in report
    assert "- 对话历史：用户：东湖子站PM10？ / 助手：43，未达标。" in report


def test_cells_escape_pipes_and_line_breaks():
    assert markdown_table(["a"], [["x|y\nz"]]).splitlines()[-1] == "| x\\|y z |"
    assert expectation_text({}) == "（无）"
