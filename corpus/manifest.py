"""The bundled corpus: the documents in `corpus/documents/` and their manifest."""

from __future__ import annotations

import json
from pathlib import Path

from corpus.model import DocumentInfo

CORPUS_DIR = Path(__file__).resolve().parent
MANIFEST_PATH = CORPUS_DIR / "manifest.json"


def bundled_documents() -> list[tuple[Path, DocumentInfo]]:
    """The corpus shipped with the project, as (file, metadata) pairs in manifest order."""
    manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    entries = []
    for entry in manifest["documents"]:
        path = CORPUS_DIR / entry.pop("file")
        entries.append((path, DocumentInfo(**entry, source_file=path.name)))
    return entries
