"""Route accuracy apart from content accuracy, on a hand-made set answered by a stub."""

from __future__ import annotations

import json

import pytest

from evals.runner import Case, DatasetError, answer_metrics, check, load_dataset, run_cases, write_outputs
from tests.evals.fakes import answer, stub_ask

REFUSED = "未在已收录文件中找到相关内容。"

# (case, the stub's answer); the comment says what is right: route / content
CASES = [
    # route right, content right
    (Case("a", "structured", "哪些区县PM10未达标？", expect={"route": "structured", "answer_contains": ["蓬江区"]}),
     answer("蓬江区、江海区未达标", "structured")),
    # route wrong, content right
    (Case("b", "structured", "江海区执行率？", expect={"route": "structured", "answer_contains": ["江海区"]}),
     answer("江海区执行率85.49%", "retrieval")),
    # route right, content wrong: the citation lacks the gold quote
    (Case("c", "retrieval", "如何治理扬尘？", expect={"route": "retrieval", "citation_contains": ["扬尘污染"]}),
     answer("加强工地管理", "retrieval", quotes=("加强工地管理",))),
    # route wrong, content wrong: should have been refused
    (Case("d", "refusal", "广州市PM2.5目标？", expect={"route": "refusal", "answer_contains": ["未在已收录文件中找到"]}),
     answer("蓬江区 43", "structured")),
    # no route expected; content right; refused although nobody expected a refusal
    (Case("e", "followup", "那NO2呢？", history=[{"role": "user", "content": "东湖子站PM10？"}],
          expect={"answer_contains": ["NO2"]}),
     answer("未在已收录文件中找到NO2的相关内容。", "refusal")),
    # refused as expected
    (Case("f", "refusal", "你好", expect={"route": "refusal", "answer_contains": ["未在已收录文件中找到"]}),
     answer(REFUSED, "refusal")),
]  # fmt: skip


@pytest.fixture
def results():
    ask = stub_ask({case.question: reply for case, reply in CASES})
    return run_cases(ask, [case for case, _ in CASES])


def test_a_case_passes_only_when_route_and_content_both_hold(results):
    verdicts = {r.case.id: (r.passed, r.route_passed, r.content_passed) for r in results}
    assert verdicts == {
        "a": (True, True, True),
        "b": (False, False, True),
        "c": (False, True, False),
        "d": (False, False, False),
        "e": (True, None, True),
        "f": (True, True, True),
    }


def test_route_and_content_accuracy_overall(results):
    metrics = answer_metrics(results)
    assert (metrics["cases"], metrics["passed"], metrics["pass_rate"]) == (6, 3, 0.5)
    # five cases expect a route (not e); a, c and f got it
    assert (metrics["route_checked"], metrics["route_passed"], metrics["route_accuracy"]) == (5, 3, 0.6)
    # a, b, e and f say what they must, whatever their route
    assert (metrics["content_passed"], metrics["content_accuracy"]) == (4, 0.667)
    assert metrics["route_vs_content"] == {"both": 2, "route_only": 1, "content_only": 1, "neither": 1}


def test_route_and_content_accuracy_by_kind(results):
    by_kind = answer_metrics(results)["by_kind"]
    assert list(by_kind) == ["structured", "retrieval", "refusal", "followup"]
    assert by_kind["structured"] == {
        "cases": 2, "passed": 1, "pass_rate": 0.5, "route_checked": 2, "route_passed": 1,
        "route_accuracy": 0.5, "content_passed": 2, "content_accuracy": 1.0,
    }  # fmt: skip
    assert (by_kind["retrieval"]["route_accuracy"], by_kind["retrieval"]["content_accuracy"]) == (1.0, 0.0)
    assert (by_kind["refusal"]["route_accuracy"], by_kind["refusal"]["content_accuracy"]) == (0.5, 0.5)
    assert (by_kind["followup"]["route_accuracy"], by_kind["followup"]["content_accuracy"]) == (None, 1.0)


def test_refusal_precision_and_recall(results):
    # expected refusals: d, f; refusals given: e, f
    assert answer_metrics(results)["refusal"] == {
        "precision": 0.5, "recall": 0.5, "expected": 2, "refused": 2, "correct": 1,
    }  # fmt: skip


def test_check_lists_the_route_first_then_the_content():
    case, reply = CASES[3]
    assert check(case, reply.to_dict()) == ["路由应为 refusal，实际为 structured", "回答缺少「未在已收录文件中找到」"]


def test_results_file_says_route_and_content_apart(results, tmp_path):
    write_outputs(tmp_path, tmp_path / "set.jsonl", results, answer_metrics(results))
    rows = {r["id"]: r for r in map(json.loads, (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines())}
    assert (rows["b"]["passed"], rows["b"]["route_passed"], rows["b"]["content_passed"]) == (False, False, True)
    assert rows["e"]["route_passed"] is None and rows["e"]["answer"]["route"] == "refusal"
    assert not (tmp_path / "diff.json").exists()


def test_a_jsonl_line_that_is_not_an_object_names_its_line(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text('{"id": "a", "question": "问"}\n["b"]\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="set.jsonl 第 2 行"):
        load_dataset(path)


@pytest.mark.parametrize("suffix", [".xls", ".csv"])
def test_a_format_that_is_not_read_asks_for_xlsx(tmp_path, suffix):
    path = tmp_path / f"用例{suffix}"
    path.write_text("问题\n你好\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"另存为 \.xlsx"):
        load_dataset(path)
