"""The command line before any data is loaded: Chinese help and errors, imports kept to what a command
needs, and the feedback export (no ingest needed for any of these)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from assistant.conversations import ConversationStore
from evals.runner import load_dataset
from ui.cli import SEARCH_MODES, TABLE_NAMES, cli

HEAVY = ("torch", "gradio", "chromadb", "sentence_transformers", "langchain_core", "pandas", "uvicorn")


def imported_by(*args: str, env: dict | None = None) -> set[str]:
    """The heavy modules a fresh interpreter has loaded after running `policy-assistant ARGS`."""
    probe = (
        "import sys\nfrom ui.cli import cli\n"
        "try:\n    cli(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        f"print('\\nLOADED=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED="))
    return {m for m in line.removeprefix("LOADED=").split(",") if m}


@pytest.mark.parametrize("args", [["--help"], ["ask", "--help"], ["tables", "--help"], ["chat", "--help"]])
def test_help_imports_no_heavy_library(args):
    assert imported_by(*args) == set()


def test_help_is_in_chinese():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for words in ("用法:", "[选项]", "命令 [参数]...", "选项:", "命令:", "显示此帮助并退出", "交互式问答"):
        assert words in result.output
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["ask"], "缺少参数 '问题'"),
        (["tables", "stations", "--year", "去年"], "'去年' 不是有效的整数"),
        (["tabels"], "没有命令 'tabels'"),
        (["ask", "你好", "--jsno"], "没有选项 '--jsno'"),
        (["tables", "rivers"], "不在可选值"),
    ],
)
def test_usage_errors_are_in_chinese(args, expected):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert expected in result.output and "错误：" in result.output
    assert "Error" not in result.output and "Usage" not in result.output


def test_unknown_status_is_refused_before_loading(settings):
    result = CliRunner().invoke(cli, ["tables", "tasks", "--status", "很好"], env=_env(settings))
    assert result.exit_code == 2 and "无法识别的状态「很好」" in result.output


def test_constants_the_cli_spells_out_match_their_packages():
    """The CLI names these itself so that `--help` imports neither package."""
    from retrieval import SEARCH_MODES as RETRIEVAL_MODES
    from structured import TABLE_COLUMNS

    assert set(SEARCH_MODES) == set(RETRIEVAL_MODES)
    assert tuple(TABLE_COLUMNS) == TABLE_NAMES


def test_feedback_export_writes_rated_questions_as_eval_cases(settings, tmp_path):
    store = ConversationStore.for_data_dir(settings.data_dir)
    chat = store.create("浏览器")
    answer = {"answer": "未在已收录文件中找到……", "route": "refusal", "citations": []}
    turn = store.add_turn("浏览器", chat.id, "广州市PM2.5目标是多少？", answer)
    store.rate("浏览器", turn.id, 1, "拒答正确")
    out = tmp_path / "反馈用例.jsonl"
    result = CliRunner().invoke(cli, ["feedback", "export", "--out", str(out)], env=_env(settings))
    assert result.exit_code == 0, result.output
    assert "已导出 1 个用例" in result.output
    [case] = load_dataset(out)
    assert (case.kind, case.question, case.expect) == ("refusal", "广州市PM2.5目标是多少？", {"route": "refusal"})
    assert json.loads(out.read_text(encoding="utf-8"))["review"]["comment"] == "拒答正确"
    bad = CliRunner().invoke(cli, ["feedback", "export", "--out", str(tmp_path / "x.txt")], env=_env(settings))
    assert bad.exit_code == 2 and ".jsonl 或 .xlsx" in bad.output


def _env(settings) -> dict:
    return {"POLICY_DATA_DIR": str(settings.data_dir), "POLICY_DATABASE_URL": ""}
