"""The layout of POLICY_DATA_DIR and its build-aside-then-swap versions.

    data/
      CURRENT                 which version answers questions (replaced atomically)
      versions/<version>/     one complete ingest: documents/, tables/, retrieval/, lexicon.json,
                              meta.json (the version's manifest), checksums.json (written last)
      uploads/                files users added, kept for later re-ingests
      sources.json            the uploads' ids and hashes, and metadata users edited
      incoming/               files of an ingest in progress (moved to uploads/ when it succeeds)
      cache/                  embeddings and trained embedders, reused across ingests
      chroma/                 the embedded Chroma store (unless a server is configured)

An ingest writes a new version beside the current one and only then points CURRENT at
it, so a failed ingest leaves the previous version answering. Every file of a version is
checksummed when it is built and verified when it is loaded; caches are checked before they
are reused and thrown away when damaged, and a version never shares a file with them. A damaged
version is named in one sentence with the command that rebuilds it (`REPAIR_COMMAND`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.settings import Settings
from corpus.errors import DataDirError, IndexNotReadyError, IngestError
from retrieval.config import RetrievalConfig

logger = logging.getLogger(__name__)

REPAIR_COMMAND = "policy-assistant ingest --rebuild"
CHECKSUMS_FILE = "checksums.json"
CHROMA_DB = "chroma.sqlite3"
MODEL_CHECKSUMS = "model-checksums.json"  # in cache/: each cached model dir's files and their checksums


def damaged(what: str) -> DataDirError:
    """The one sentence a user reads about a damaged data directory: what, and the command that repairs it."""
    return DataDirError(f"数据目录已损坏：{what}，请运行 `{REPAIR_COMMAND}` 修复。")


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

    @property
    def checksums_path(self) -> Path:
        return self.path / CHECKSUMS_FILE

    def write_checksums(self) -> None:
        """Record every file of the version (written last: a version without it is incomplete)."""
        files = {
            path.relative_to(self.path).as_posix(): {"size": path.stat().st_size, "sha256": file_sha256(path)}
            for path in sorted(self.path.rglob("*"))
            if path.is_file() and path != self.checksums_path
        }
        write_json_atomic(self.checksums_path, {"files": files})

    def verify(self) -> None:
        """Raise `DataDirError` naming the first file that is missing or differs from its checksum."""
        try:
            files = json.loads(self.checksums_path.read_text(encoding="utf-8"))["files"]
        except FileNotFoundError:
            raise damaged(f"当前版本 {self.version} 没有校验记录（导入未完成，或由旧版本程序建立）") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise damaged(f"当前版本的校验记录 {CHECKSUMS_FILE} 无法读取") from exc
        for name, expected in files.items():
            path = self.path / name
            if not path.is_file():
                raise damaged(f"当前版本缺少文件 {name}")
            if path.stat().st_size != expected["size"] or file_sha256(path) != expected["sha256"]:
                raise damaged(f"当前版本的文件 {name} 与导入时的校验值不符（可能被截断或改动）")


class DataDir:
    """POLICY_DATA_DIR: finds the current version, stages new ones and swaps them in."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.versions_dir = self.root / "versions"
        self.uploads_dir = self.root / "uploads"
        self.cache_dir = self.root / "cache"
        self.chroma_dir = self.root / "chroma"
        self.current_path = self.root / "CURRENT"
        self.sources_path = self.root / "sources.json"
        self.incoming_dir = self.root / "incoming"

    def current(self) -> Snapshot | None:
        """The version CURRENT names; None before the first ingest; `DataDirError` when CURRENT
        is unreadable or names a version that is not there."""
        try:
            text = self.current_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise damaged("CURRENT 文件无法读取") from exc
        try:
            version = json.loads(text)["version"]
            if not isinstance(version, str) or not version or "/" in version or version.startswith("."):
                raise ValueError(version)
        except (ValueError, KeyError, TypeError) as exc:
            raise damaged("CURRENT 文件为空或内容无效") from exc
        snapshot = Snapshot(self.versions_dir / version)
        if not snapshot.meta_path.exists():
            raise damaged(f"CURRENT 指向的版本 {version} 不存在或不完整")
        return snapshot

    def require_current(self, embedded_chroma: bool = False) -> Snapshot:
        """The current version, verified against its checksums (what start-up loads); with
        `embedded_chroma`, the embedded store's database is checked too."""
        snapshot = self.current()
        if snapshot is None:
            raise IndexNotReadyError(f"数据目录 {self.root} 中还没有索引，请先运行 `policy-assistant ingest` 导入文件")
        snapshot.verify()
        if embedded_chroma and not self.chroma_ok():
            raise damaged(f"内嵌向量库的数据库 chroma/{CHROMA_DB} 无法读取（可能被截断）")
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

    # -- caches and the embedded store -----------------------------------------------------------------

    def cache_problems(self, config: RetrievalConfig) -> list[str]:
        """What is wrong with the caches (never fatal: the next ingest throws damaged ones away)."""
        problems = []
        if config.embeddings_path.exists() and not sqlite_ok(config.embeddings_path):
            problems.append("向量缓存 embeddings.sqlite 已损坏")
        records = self._model_records()
        problems += [f"缓存的向量模型 {d.name} 已损坏" for d in _cached_models(config) if not _model_ok(d, records)]
        return problems

    def repair_caches(self, config: RetrievalConfig) -> list[str]:
        """Throw away damaged caches before an ingest reuses them; return what was thrown away."""
        removed = []
        if config.embeddings_path.exists() and not sqlite_ok(config.embeddings_path):
            for path in _sqlite_files(config.embeddings_path):
                path.unlink(missing_ok=True)
            removed.append("已丢弃损坏的向量缓存 embeddings.sqlite")
        records = self._model_records()
        for model in _cached_models(config):
            if not _model_ok(model, records):
                shutil.rmtree(model, ignore_errors=True)
                removed.append(f"已丢弃损坏（或无校验记录）的缓存模型 {model.name}")
        for warning in removed:
            logger.warning(warning)
        return removed

    def record_cached_models(self, config: RetrievalConfig) -> None:
        """Checksum each cached model dir that has no record yet (one just trained); forget removed ones."""
        records = self._model_records()
        models = {model.name: model for model in _cached_models(config)}
        kept = {name: files for name, files in records.items() if name in models}
        for name, model in models.items():
            if name not in kept:
                kept[name] = {p.relative_to(model).as_posix(): file_sha256(p) for p in sorted(model.rglob("*"))
                              if p.is_file()}  # fmt: skip
        if kept != records:
            write_json_atomic(self.cache_dir / MODEL_CHECKSUMS, kept)

    def _model_records(self) -> dict[str, dict[str, str]]:
        try:
            records = json.loads((self.cache_dir / MODEL_CHECKSUMS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return records if isinstance(records, dict) else {}

    def chroma_ok(self) -> bool:
        """The embedded store's database opens and passes SQLite's quick check (True when there is none yet)."""
        database = self.chroma_dir / CHROMA_DB
        return not database.exists() or sqlite_ok(database)

    def clear_caches(self) -> None:
        """`ingest --rebuild`: trust no cache."""
        shutil.rmtree(self.cache_dir, ignore_errors=True)

    def reset_embedded_store(self) -> None:
        """Start a damaged embedded Chroma store afresh (the new version's collection is built from
        the sources; older versions' are dropped at commit anyway). Only when no server holds it."""
        shutil.rmtree(self.chroma_dir, ignore_errors=True)
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # a client of this process must not write to the old files

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
        calibration_sets=tuple(settings.calibration_sets),
        retrain_share=settings.retrain_share,
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
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=1))
        handle.flush()
        os.fsync(handle.fileno())  # the rename must not land before the bytes do
    os.replace(tmp, path)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def sqlite_ok(path: Path) -> bool:
    """An SQLite file that opens read-only, has a schema and passes `PRAGMA quick_check`."""
    try:
        with closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=10)) as db:
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            return tables > 0 and db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.Error:
        return False


def _sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
            path.with_name(path.name + "-journal")]  # fmt: skip


def _cached_models(config: RetrievalConfig) -> list[Path]:
    if not config.models_dir.exists():
        return []
    return [p for p in sorted(config.models_dir.iterdir()) if p.is_dir() and not p.name.startswith(".")]


def _model_ok(model_dir: Path, records: dict[str, dict[str, str]]) -> bool:
    """A cached model dir whose files match the checksums recorded when it was trained."""
    files = records.get(model_dir.name)
    if not isinstance(files, dict):
        return False
    present = {p.relative_to(model_dir).as_posix() for p in model_dir.rglob("*") if p.is_file()}
    return present == set(files) and all(file_sha256(model_dir / n) == h for n, h in files.items())
