"""Manifests: which documents a data version is built from, and what is known about each.

Two sources feed every ingest:

- the bundled corpus, `corpus/documents/` with `corpus/manifest.json` (`bundled_documents`);
- the user's sources (`UserSources`, kept in the data dir's `sources.json`): the files users
  added — their doc_id, the name they are kept under in `uploads/`, their content hash — and
  the metadata users edited by hand, for any document, bundled or added.

Each data version's own manifest (its `meta.json`) lists the documents it was built from with
their final metadata (`version_record`); the user's sources outlive versions, so `ingest
--rebuild` keeps the edits even when every version is lost.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from corpus.model import Document, DocumentInfo

CORPUS_DIR = Path(__file__).resolve().parent
MANIFEST_PATH = CORPUS_DIR / "manifest.json"
BUNDLED, UPLOAD = "bundled", "upload"


def bundled_documents() -> list[tuple[Path, DocumentInfo]]:
    """The corpus shipped with the project, as (file, metadata) pairs in manifest order."""
    manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    entries = []
    for entry in manifest["documents"]:
        path = CORPUS_DIR / entry.pop("file")
        entries.append((path, DocumentInfo(**entry, source_file=path.name)))
    return entries


@dataclass(frozen=True)
class UploadRecord:
    """A file a user added: its id, its name in `uploads/`, its content hash and when it came."""

    doc_id: str
    file: str
    sha256: str
    added: str = ""


@dataclass
class UserSources:
    """The files users added and the metadata they edited (`edits`: doc_id → {field: value}).

    >>> sources = UserSources([UploadRecord("user-a", "a.docx", "9f…")], {"user-a": {"year": 2024}})
    >>> UserSources.from_dict(sources.to_dict()) == sources
    True
    """

    uploads: list[UploadRecord] = field(default_factory=list)
    edits: dict[str, dict] = field(default_factory=dict)

    def upload(self, doc_id: str) -> UploadRecord | None:
        return next((u for u in self.uploads if u.doc_id == doc_id), None)

    def to_dict(self) -> dict:
        return {"uploads": [asdict(u) for u in self.uploads], "edits": self.edits}

    @classmethod
    def from_dict(cls, data: dict) -> UserSources:
        return cls([UploadRecord(**u) for u in data.get("uploads", [])], dict(data.get("edits", {})))

    @classmethod
    def load(cls, path: Path) -> UserSources:
        """Raises OSError / ValueError when the file is unreadable (the caller decides what to trust)."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def version_record(document: Document, origin: str, edited: list[str]) -> dict:
    """One document as a version's manifest lists it: metadata, origin, edited fields, content hash, size."""
    return {**asdict(document.info), "origin": origin, "edited": edited, "sha256": document.sha256,
            "blocks": len(document.blocks), "tables": len(document.tables)}  # fmt: skip
