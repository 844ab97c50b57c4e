"""The project's exceptions. Messages are in Chinese because users read them."""

from __future__ import annotations

from pathlib import Path


class PolicyAssistantError(Exception):
    """Base of every error this project raises on purpose; `str(err)` is the user's message."""


class DocumentLoadError(PolicyAssistantError):
    """A source file could not be read or parsed into a Document."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"无法读取文件「{self.path.name}」：{reason}（路径：{self.path}）")


class IngestError(PolicyAssistantError):
    """An ingest run failed; the previous index is still in place."""


class IndexNotReadyError(PolicyAssistantError):
    """Something asked for the index before any ingest built it."""
