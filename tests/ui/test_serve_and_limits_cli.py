"""The CLI's side of the limits and of one server per data dir (no data needed: both are checked first)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.support.servers import free_port
from ui.cli import cli

HOLD_LOCK = (
    "import sys, time\n"
    "from filelock import FileLock\n"
    "lock = FileLock(sys.argv[1])\n"
    "lock.acquire()\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def run(settings, *args):
    env = {"POLICY_DATA_DIR": str(settings.data_dir), "POLICY_CHROMA_HOST": None, "POLICY_LLM_BASE_URL": None}
    return CliRunner().invoke(cli, list(args), env=env)


def test_a_second_serve_on_the_same_data_dir_says_so_in_chinese(settings, monkeypatch):
    def went_on(*args, **kwargs):
        raise AssertionError("serve went on past the lock")  # rather than ingest and listen

    monkeypatch.setattr("assistant.documents.DocumentService", went_on)
    monkeypatch.setattr("assistant.pipeline.PolicyAssistant", went_on)
    settings.data_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(settings.data_dir / "server.lock")], stdout=subprocess.PIPE, text=True
    )  # another process, as a running `serve` holds it
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run(settings, "serve", "--port", "1")
    finally:
        holder.kill()
        holder.wait(10)
    assert result.exit_code == 1
    assert "已被另一个正在运行的服务" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_history_over_its_limit_exits_2(settings, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "user", "content": "问" * 501}]), encoding="utf-8")
    result = run(settings, "ask", "那NO2呢？", "--history", str(history))
    assert result.exit_code == 2 and "第 1 条消息（用户提问）太长（501 字）" in result.output


def test_top_k_over_its_limit_exits_2(settings):
    result = run(settings, "search", "黑臭水体", "--top-k", "1000")
    assert result.exit_code == 2 and "top_k 最大为 50" in result.output


@pytest.mark.slow
def test_serve_with_chroma_unreachable_starts_and_says_so(ingested_settings, monkeypatch):
    """Not 「index missing, re-ingest」: the server starts, tables answer, and the console says what is down."""
    served = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: served.append(app))
    env = {"POLICY_DATA_DIR": str(ingested_settings.data_dir), "POLICY_CHROMA_HOST": "127.0.0.1",
           "POLICY_CHROMA_PORT": str(free_port()), "POLICY_CHROMA_TIMEOUT": "2", "POLICY_LLM_BASE_URL": None}  # fmt: skip
    result = CliRunner().invoke(cli, ["serve", "--port", "1"], env=env)
    assert result.exit_code == 0 and served, result.output
    assert "向量库 Chroma（127.0.0.1:" in result.output and "现在无法使用" in result.output
    assert "表格类问题照常回答" in result.output and "ingest" not in result.output
    assistant = served[0].state.assistant
    assert assistant.ask("哪些区县PM10未达标？").route == "structured"
