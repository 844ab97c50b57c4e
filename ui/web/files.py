"""Files the page offers for download (exports): written to a temporary folder, removed after a day."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

EXPORT_DIR = Path(tempfile.gettempdir()) / "policy-assistant-exports"
KEEP_SECONDS = 24 * 3600


def export_file(name: str, data: bytes | str) -> str:
    """Write `data` as `name` in a folder of its own (two users' exports never collide); return its path."""
    EXPORT_DIR.mkdir(parents=True, exist_ok=True)
    _prune()
    path = Path(tempfile.mkdtemp(dir=EXPORT_DIR)) / _safe(name)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def _safe(name: str) -> str:
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip(" .")
    return cleaned[:120] or "export"


def _prune() -> None:
    cutoff = time.time() - KEEP_SECONDS
    for folder in EXPORT_DIR.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
