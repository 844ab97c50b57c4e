"""The layout of POLICY_DATA_DIR and its build-aside-then-swap versions.

    data/
      CURRENT                 which version answers questions (replaced atomically)
      versions/<version>/     one complete ingest: documents/, tables/, retrieval/
      uploads/                files users added, kept for later re-ingests
      cache/                  embeddings and trained embedders, reused across ingests
      chroma/                 the embedded Chroma store (unless a server is configured)

An ingest writes a new version beside the current one and only then points CURRENT at
it, so a failed ingest leaves the previous version answering.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.settings import Settings
from corpus.errors import IndexNotReadyError, IngestError
from retrieval.config import RetrievalConfig

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """One version of everything an ingest builds."""

    path: Path

    @property
    def version(self) -> str:
        return self.path.name

    @property
    def documents_dir(self) -> Path:
        return self.path / "documents"

    @property
    def tables_dir(self) -> Path:
        return self.path / "tables"

    @property
    def retrieval_dir(self) -> Path:
        return self.path / "retrieval"

    @property
    def lexicon_path(self) -> Path:
        return self.path / "lexicon.json"

    @property
    def meta_path(self) -> Path:
        return self.path / "meta.json"

    def read_meta(self) -> dict:
        return json.loads(self.meta_path.read_text(encoding="utf-8"))

    def write_meta(self, meta: dict) -> None:
        write_json_atomic(self.meta_path, meta)


class DataDir:
    """POLICY_DATA_DIR: finds the current version, stages new ones and swaps them in."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.versions_dir = self.root / "versions"
        self.uploads_dir = self.root / "uploads"
        self.cache_dir = self.root / "cache"
        self.chroma_dir = self.root / "chroma"
        self.current_path = self.root / "CURRENT"

    def current(self) -> Snapshot | None:
        if not self.current_path.exists():
            return None
        version = json.loads(self.current_path.read_text(encoding="utf-8"))["version"]
        snapshot = Snapshot(self.versions_dir / version)
        return snapshot if snapshot.meta_path.exists() else None

    def require_current(self) -> Snapshot:
        snapshot = self.current()
        if snapshot is None:
            raise IndexNotReadyError(f"数据目录 {self.root} 中还没有索引，请先运行 `policy-assistant ingest` 导入文件")
        return snapshot

    def current_version(self) -> str | None:
        snapshot = self.current()
        return snapshot.version if snapshot else None

    def stage(self) -> Snapshot:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        path = self.versions_dir / f"{stamp}-{secrets.token_hex(3)}"
        path.mkdir(parents=True)
        return Snapshot(path)

    def commit(self, snapshot: Snapshot) -> list[str]:
        """Point CURRENT at `snapshot`; return the versions that were removed."""
        write_json_atomic(self.current_path, {"version": snapshot.version})
        removed = []
        for old in self.versions_dir.iterdir():
            if old.name != snapshot.version:
                shutil.rmtree(old, ignore_errors=True)
                removed.append(old.name)
        return removed

    def discard(self, snapshot: Snapshot) -> None:
        shutil.rmtree(snapshot.path, ignore_errors=True)

    def writer_lock(self) -> FileLock:
        """Only one ingest at a time may write to the data directory."""
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(self.root / "ingest.lock", timeout=0)

    def server_lock(self) -> FileLock:
        """Held by a running server on an embedded Chroma store: the store then has one
        writer, the server, and other processes must ingest through it. One lock object per
        path and process, shared by its threads, so two apps in one process do not lock
        each other out."""
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(self.root / "server.lock", timeout=0, thread_local=False, is_singleton=True)

    def server_running(self) -> bool:
        lock = self.server_lock()
        try:
            lock.acquire()
        except Timeout:
            return True
        lock.release()
        return False


def retrieval_config(settings: Settings) -> RetrievalConfig:
    """Where retrieval keeps its caches and store, and which model and server it uses."""
    data = DataDir(settings.data_dir)
    return RetrievalConfig(
        cache_dir=data.cache_dir,
        chroma_path=data.chroma_dir,
        embedding_model=settings.embedding_model,
        chroma_host=settings.chroma_host,
        chroma_port=settings.chroma_port,
        chroma_timeout=settings.chroma_timeout,
    )


def acquire(lock: FileLock) -> FileLock:
    try:
        lock.acquire()
    except Timeout as exc:
        raise IngestError(
            f"另一个导入（或正在运行的服务）正在写入数据目录 {Path(lock.lock_file).parent}，请稍后再试，"
            "或通过网页上传文件"
        ) from exc
    return lock


def write_json_atomic(path: Path, data: dict | list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
