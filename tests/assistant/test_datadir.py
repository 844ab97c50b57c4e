"""The data directory checks itself: checksums of a version, CURRENT, caches thrown away when damaged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from assistant.datadir import REPAIR_COMMAND, DataDir, retrieval_config, sqlite_ok, write_json_atomic
from assistant.settings import Settings
from corpus.errors import DataDirError, IndexNotReadyError


def _version(data: DataDir) -> Path:
    """A small complete version: a few files, checksummed, and CURRENT pointing at it."""
    snapshot = data.stage()
    write_json_atomic(snapshot.meta_path, {"documents": []})
    (snapshot.path / "retrieval" / "model").mkdir(parents=True)
    (snapshot.path / "retrieval" / "model" / "model.safetensors").write_bytes(b"\x01" * 4096)
    (snapshot.path / "lexicon.json").write_text('{"terms": []}', encoding="utf-8")
    snapshot.write_checksums()
    data.commit(snapshot)
    return snapshot.path


def _one_sentence_with_the_fix(message: str) -> None:
    assert REPAIR_COMMAND in message and message.endswith("。") and message.count("。") == 1
    assert not any(part in message for part in ("Traceback", "/tmp", "Error:"))


@pytest.fixture
def data(tmp_path) -> DataDir:
    return DataDir(tmp_path / "data")


def test_a_whole_version_verifies(data):
    _version(data)
    assert data.require_current().version == data.current_version()


def test_no_version_yet_says_to_ingest(data):
    with pytest.raises(IndexNotReadyError, match="policy-assistant ingest") as caught:
        data.require_current()
    assert not isinstance(caught.value, DataDirError)


@pytest.mark.parametrize("content", ["", "{", '{"version": ""}', '{"version": "../etc"}', '["x"]'])
def test_a_damaged_current_is_named(data, content):
    _version(data)
    data.current_path.write_text(content, encoding="utf-8")
    with pytest.raises(DataDirError, match="CURRENT") as caught:
        data.require_current()
    _one_sentence_with_the_fix(str(caught.value))


def test_current_naming_a_missing_version(data):
    _version(data)
    data.current_path.write_text(json.dumps({"version": "20990101T000000-aaaaaa"}), encoding="utf-8")
    with pytest.raises(DataDirError, match="不存在"):
        data.require_current()


@pytest.mark.parametrize("name", ["meta.json", "retrieval/model/model.safetensors", "lexicon.json"])
def test_a_truncated_file_is_named(data, name):
    path = _version(data) / name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(DataDirError, match=name.replace(".", r"\.")) as caught:
        data.require_current()
    _one_sentence_with_the_fix(str(caught.value))


def test_a_same_size_change_is_caught_too(data):
    path = _version(data) / "retrieval" / "model" / "model.safetensors"
    path.write_bytes(b"\x02" * 4096)
    with pytest.raises(DataDirError, match="校验值不符"):
        data.require_current()


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_missing_or_damaged_checksums(data, damage):
    path = _version(data) / "checksums.json"
    if damage == "delete":
        path.unlink()
    else:
        path.write_text('{"files": {', encoding="utf-8")
    with pytest.raises(DataDirError, match="校验记录") as caught:
        data.require_current()
    _one_sentence_with_the_fix(str(caught.value))


def _settings(data: DataDir) -> Settings:
    return Settings(data_dir=data.root, _env_file=None)


def test_a_damaged_embedding_cache_is_named_then_thrown_away(data):
    config = retrieval_config(_settings(data))
    config.embeddings_path.parent.mkdir(parents=True)
    with sqlite3.connect(config.embeddings_path) as db:
        db.execute("CREATE TABLE embeddings (model_id TEXT, text_hash TEXT, dim INTEGER, vector BLOB)")
        db.executemany("INSERT INTO embeddings VALUES (?, ?, ?, ?)", [("m", str(n), 3, b"x" * 999) for n in range(300)])
    assert sqlite_ok(config.embeddings_path) and data.cache_problems(config) == []
    config.embeddings_path.write_bytes(config.embeddings_path.read_bytes()[:5000])
    assert not sqlite_ok(config.embeddings_path)
    assert data.cache_problems(config) == ["向量缓存 embeddings.sqlite 已损坏"]
    assert data.repair_caches(config) and not config.embeddings_path.exists()
    assert data.cache_problems(config) == []


def test_a_cached_model_is_reused_only_while_it_matches_its_record(data):
    config = retrieval_config(_settings(data))
    model = config.models_dir / "corpus-static-abc"
    model.mkdir(parents=True)
    (model / "model.safetensors").write_bytes(b"\x03" * 1000)
    assert data.cache_problems(config) == ["缓存的向量模型 corpus-static-abc 已损坏"]  # no record: not trusted
    data.record_cached_models(config)
    assert data.cache_problems(config) == [] and data.repair_caches(config) == []
    (model / "model.safetensors").write_bytes(b"\x03" * 10)
    assert data.repair_caches(config) and not model.exists()
    data.record_cached_models(config)
    assert json.loads((data.cache_dir / "model-checksums.json").read_text()) == {}  # a removed model's record goes


def test_a_damaged_chroma_database(data):
    assert data.chroma_ok()  # none yet
    data.chroma_dir.mkdir(parents=True)
    (data.chroma_dir / "chroma.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert not data.chroma_ok()
