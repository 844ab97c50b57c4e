"""The CLI's side of the limits and of one server per data dir (no data needed: both are checked first)."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

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

    monkeypatch.setattr("ui.cli.Ingestor", went_on)
    monkeypatch.setattr("ui.cli.PolicyAssistant", went_on)
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
