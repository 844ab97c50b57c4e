"""`policy-assistant ask`, `tables` and `eval` as a user runs them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ui.cli import cli

pytestmark = pytest.mark.slow


def run(settings, *args):
    env = {"POLICY_DATA_DIR": str(settings.data_dir), "POLICY_CHROMA_HOST": None, "POLICY_LLM_BASE_URL": None}
    return CliRunner().invoke(cli, list(args), env=env)


def test_ask_json_is_the_answer_contract(ingested_settings):
    result = run(ingested_settings, "ask", "哪些区县PM10未达标？", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["route"] == "structured" and answer["citations"] and answer["backend"] == "extractive"


def test_ask_with_history_file(ingested_settings, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(
        json.dumps(
            [{"role": "user", "content": "蓬江东湖子站PM10达标了吗？"}, {"role": "assistant", "content": "未达标。"}]
        ),
        encoding="utf-8",
    )
    answer = json.loads(run(ingested_settings, "ask", "那二氧化氮呢？", "--json", "--history", str(history)).output)
    assert [f["item"] for f in answer["facts"]] == ["东湖子站 NO2"]


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_exits_2_with_one_line(ingested_settings, question):
    result = CliRunner().invoke(
        cli, ["ask", question, "--json"], env={"POLICY_DATA_DIR": str(ingested_settings.data_dir)}
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "问题不能为空" in result.stderr


def test_bad_history_file_exits_2(ingested_settings, tmp_path):
    bad = tmp_path / "history.json"
    bad.write_text('{"role": "user"}', encoding="utf-8")
    assert run(ingested_settings, "ask", "你好", "--history", str(bad)).exit_code == 2


def test_readable_answer_shows_sources(ingested_settings):
    result = run(ingested_settings, "ask", "海门市2020年PM2.5目标是多少？")
    assert result.exit_code == 0 and "33微克/立方米" in result.output and "来源1" in result.output


def test_tables_json(ingested_settings):
    summary = json.loads(run(ingested_settings, "tables", "--json").output)["tables"]
    assert summary["stations"]["rows"] == 20 and "pollutant" in summary["stations"]["columns"]
    rows = json.loads(run(ingested_settings, "tables", "funds", "--json", "--region", "台山", "--year", "2023").output)
    assert rows["table"] == "funds" and {r["level"] for r in rows["rows"]} == {"中央", "省级", "市级"}


def test_eval_writes_results_metrics_and_report(ingested_settings, tmp_path):
    dataset = tmp_path / "tiny.jsonl"
    cases = [
        {"id": "t1", "kind": "structured", "question": "江海区2022年度环保专项资金执行率是多少？",
         "expect": {"route": "structured", "answer_contains": ["85.49%"]}},
        {"id": "t2", "kind": "refusal", "question": "广州市2020年PM2.5年均浓度目标是多少？",
         "expect": {"route": "refusal", "answer_contains": ["未在已收录文件中找到"]}},
        {"id": "t3", "kind": "retrieval", "question": "海门市如何治理扬尘？",
         "expect": {"route": "structured", "citation_contains": ["不存在的引文"]}},
    ]  # fmt: skip
    dataset.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cases), encoding="utf-8")
    out = tmp_path / "out"
    result = run(ingested_settings, "eval", str(dataset), "--out", str(out), "--compare")
    assert result.exit_code == 0, result.output
    results = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["passed"] for r in results] == [True, True, False]
    assert "路由应为 structured" in " ".join(results[2]["failures"])
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["pass_rate"] == round(2 / 3, 3) and set(metrics["retrieval"]) == {"bm25", "dense", "hybrid"}
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "海门市如何治理扬尘？" in report and "不存在的引文" in report
    failing = run(ingested_settings, "eval", str(dataset), "--out", str(out), "--min-pass", "0.9")
    assert failing.exit_code == 1
    only = run(ingested_settings, "eval", str(dataset), "--out", str(out), "--ids", "t1")
    assert only.exit_code == 0 and len((out / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_eval_names_a_broken_dataset(ingested_settings, tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "question": "x"}\nnot json\n', encoding="utf-8")
    result = run(ingested_settings, "eval", str(broken), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1 and "broken.jsonl 第 2 行" in result.output
