"""The project's exceptions. Messages are in Chinese because users read them."""

from __future__ import annotations

from pathlib import Path


class PolicyAssistantError(Exception):
    """Base of every error this project raises on purpose; `str(err)` is the user's message."""


class DocumentLoadError(PolicyAssistantError):
    """A source file could not be read or parsed into a Document.

    The message names the file, never its folder: users read it, and the folder may be a
    server's temporary directory (`path` keeps it for the log).
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"无法读取文件「{self.path.name}」：{reason}")


class IngestError(PolicyAssistantError):
    """An ingest run failed; the previous index is still in place."""


class IndexNotReadyError(PolicyAssistantError):
    """Something asked for the index before any ingest built it."""


class DataDirError(IndexNotReadyError):
    """The data directory's current version is damaged; the message says what and the command that repairs it."""
