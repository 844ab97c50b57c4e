"""`policy-assistant ask`, `tables` and `eval` as a user runs them."""

from __future__ import annotations

import json
import os

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


def test_tables_read_in_chinese_at_100_columns(ingested_settings):
    from rich.cells import cell_len

    env = {"POLICY_DATA_DIR": str(ingested_settings.data_dir), "COLUMNS": "100"}
    result = CliRunner().invoke(cli, ["tables", "tasks", "--region", "恩平", "--status", "进度滞后"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(cell_len(line) for line in lines) <= 100
    header = next(line for line in lines if "区域" in line and "进展" in line)
    for column in ("区域", "任务", "要求", "进展", "状态", "完成率", "核查"):
        assert column in header
    assert "樟木坑" in result.output and "进度滞后" in result.output
    for raw in ("nan", "None", "False", "True", "lagging"):
        assert raw not in result.output


def test_tables_export_the_filtered_rows_to_csv_and_xlsx(ingested_settings, tmp_path):
    import openpyxl
    import pandas as pd

    csv_path = tmp_path / "资金.csv"
    result = run(ingested_settings, "tables", "funds", "--region", "台山", "--year", "2023", "--csv", str(csv_path))
    assert result.exit_code == 0 and "已写入 3 行" in result.output
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM as Chinese
    funds = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str)
    assert set(funds["级别"]) == {"中央", "省级", "市级"} and set(funds["区域"]) == {"台山市"}

    xlsx_path = tmp_path / "恩平滞后.xlsx"
    result = run(
        ingested_settings, "tables", "tasks", "--region", "恩平", "--status", "进度滞后", "--xlsx", str(xlsx_path)
    )
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(xlsx_path).active.values)
    header, body = rows[0], rows[1:]
    assert header[:7] == ("区域", "任务", "要求", "进展", "状态", "完成率", "核查")
    # 恩平市 2023: 第22行 has three lagging sub-items, 第23行 and 第24行 one each
    assert len(body) == 5 and {r[4] for r in body} == {"进度滞后"}
    assert all(None not in r[:7] and "nan" not in r[:7] for r in body)


def test_chat_keeps_the_conversation_for_follow_ups(ingested_settings):
    env = {"POLICY_DATA_DIR": str(ingested_settings.data_dir), "COLUMNS": "200"}
    session = "恩平市有哪些任务进度滞后？\n\n那台山市呢？\n/新对话\n那台山市呢？\n/退出\n"
    result = CliRunner().invoke(cli, ["chat"], input=session, env=env)
    assert result.exit_code == 0, result.output
    first, follow_up, after_reset = [part for part in result.output.split("问> ")[1:] if part.strip()][:3]
    assert "樟木坑" in first
    assert "海园河一体化污水处理站" in follow_up  # 台山市's lagging task of 2020, asked as a follow-up
    assert "海园河" not in after_reset  # without the context 「那台山市呢」 asks nothing
    assert "再见" in result.output


def test_chat_commands_are_never_asked_as_questions(ingested_settings):
    env = {"POLICY_DATA_DIR": str(ingested_settings.data_dir), "COLUMNS": "200"}
    result = CliRunner().invoke(cli, ["chat"], input="/帮助\n/help\n/列表\n/退出\n", env=env)
    assert result.exit_code == 0, result.output
    assert result.output.count("/新对话（或 /new）") == 3 and "没有命令「/列表」" in result.output
    assert "未在已收录文件中找到" not in result.output


def test_table_commands_do_not_load_the_vector_store_or_the_web(ingested_settings):
    from tests.ui.test_cli_fast import imported_by

    env = {**os.environ, "POLICY_DATA_DIR": str(ingested_settings.data_dir)}
    assert imported_by("tables", "stations", "--region", "鹤山", env=env) == {"pandas"}
    assert imported_by("ask", "海门市2020年PM2.5目标是多少？", env=env) == {"pandas"}


def test_a_passage_question_from_the_command_line_reads_the_version_vectors_without_chroma(ingested_settings):
    """One question and exit: the same vectors Chroma holds, searched exactly, the same answer as a server's."""
    from assistant.pipeline import PolicyAssistant
    from tests.ui.test_cli_fast import imported_by

    question = "江门十三五规划对黑臭水体有什么要求？"
    env = {**os.environ, "POLICY_DATA_DIR": str(ingested_settings.data_dir)}
    assert "chromadb" not in imported_by("ask", question, env=env)
    printed = run(ingested_settings, "ask", question, "--json")
    served = PolicyAssistant(ingested_settings).ask(question)  # Chroma's index
    assert printed.exit_code == 0 and served.route == "retrieval"
    assert json.loads(printed.output)["answer"] == served.answer


def test_a_filter_that_leaves_no_rows_says_so(ingested_settings):
    result = run(ingested_settings, "tables", "stations", "--region", "鹤山", "--year", "2030")
    assert result.exit_code == 0 and "没有符合条件的行" in result.output and "2030" in result.output
