"""A damaged data directory: start-up says what is wrong in one Chinese sentence with the command that
fixes it, and that command (`policy-assistant ingest --rebuild`) repairs it, keeping uploads and edits.

Everything runs as a user would: the real command line in child processes, on one data directory
restored from a pristine copy (at the same path: Chroma names its collections after the path) before
each damage.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.datadir import REPAIR_COMMAND, DataDir, retrieval_config
from assistant.documents import DocumentService
from assistant.settings import Settings
from tests.support import documents as fx
from tests.support.servers import free_port

pytestmark = pytest.mark.slow

CLI = str(Path(sys.executable).parent / "policy-assistant")
QUESTION = "翁源县2029年农村生活污水治理率要达到多少？"
EDITED_TITLE = "翁源县2029年水污染防治工作要点（修订）"


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICY_")}
    return {**env, "POLICY_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}


def _cli(data_dir: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], env=_env(data_dir), capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, Path]:
    """(the data dir's path, a pristine copy): the corpus, one upload and one edit."""
    root = tmp_path_factory.mktemp("repair")
    data_dir = root / "data"
    upload = fx.gb18030_txt(root)
    assert _cli(data_dir, "ingest", str(upload)).returncode == 0
    doc_id = f"user-翁源县{fx.YEAR}年水污染防治工作要点"
    edited = _cli(data_dir, "documents", "edit", doc_id, "--title", EDITED_TITLE)
    assert edited.returncode == 0, edited.stderr
    listed = json.loads(_cli(data_dir, "documents", "list", "--json").stdout)["documents"]
    assert {d["doc_id"]: d["title"] for d in listed}[doc_id] == EDITED_TITLE
    refused = _cli(data_dir, "documents", "edit", doc_id, "--year", "去年")
    assert refused.returncode == 2 and "年份应为四位数字" in refused.stderr
    shutil.copytree(data_dir, root / "pristine")
    return data_dir, root / "pristine"


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _version(data_dir: Path) -> Path:
    return data_dir / "versions" / json.loads((data_dir / "CURRENT").read_text())["version"]


DAMAGES = {
    "empty CURRENT": lambda d: (d / "CURRENT").write_text(""),
    "truncated model file": lambda d: _truncate(_version(d) / "retrieval" / "model" / "model.safetensors"),
    "truncated chroma.sqlite3": lambda d: _truncate(d / "chroma" / "chroma.sqlite3"),
    "truncated meta.json": lambda d: _truncate(_version(d) / "meta.json"),
    "truncated embedding cache": lambda d: _truncate(d / "cache" / "embeddings.sqlite"),
}
WHAT = {
    "empty CURRENT": "CURRENT",
    "truncated model file": "model.safetensors",
    "truncated chroma.sqlite3": "chroma.sqlite3",
    "truncated meta.json": "meta.json",
    "truncated embedding cache": "embeddings.sqlite",
}


def _start(data_dir: Path) -> tuple[int | None, str]:
    """`policy-assistant serve`: (exit code, or None while it serves; what it printed before serving or exiting)."""
    process = subprocess.Popen([CLI, "serve", "--port", str(free_port())], env=_env(data_dir), text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    lines: list[str] = []
    deadline = time.monotonic() + 180
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "服务地址" in line or time.monotonic() > deadline:
                return None, "".join(lines)
        return process.wait(timeout=30), "".join(lines)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def _one_sentence(text: str) -> str:
    sentences = [line.strip() for line in text.splitlines() if "数据目录" in line or "注意" in line]
    assert len(sentences) == 1, text
    sentence = sentences[0]
    assert "Traceback" not in text and sentence.count("。") == 1 and REPAIR_COMMAND in sentence
    return sentence


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damage_is_named_at_start_up_and_repaired(pristine, damage):
    data_dir, copy = pristine
    shutil.rmtree(data_dir)
    shutil.copytree(copy, data_dir)
    DAMAGES[damage](data_dir)

    code, output = _start(data_dir)
    sentence = _one_sentence(output)
    assert WHAT[damage] in sentence
    if damage == "truncated embedding cache":
        assert code is None and "不影响回答" in sentence  # a cache: the server still starts
    else:
        assert code == 1 and "数据目录已损坏" in sentence

    repaired = _cli(data_dir, *REPAIR_COMMAND.split()[1:])
    assert repaired.returncode == 0, repaired.stderr

    settings = Settings(data_dir=data_dir, _env_file=None)
    data = DataDir(data_dir)
    data.require_current(embedded_chroma=True)
    assert data.cache_problems(retrieval_config(settings)) == []
    listed = DocumentService(settings).list()
    assert EDITED_TITLE in {d.title for d in listed} and len(listed) == 6  # the upload and its edit survive
    answer = json.loads(_cli(data_dir, "ask", QUESTION, "--json").stdout)
    assert "76%" in answer["answer"]
    assert all(p.stat().st_nlink == 1 for p in _version(data_dir).rglob("*") if p.is_file())  # nothing shared
