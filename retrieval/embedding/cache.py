"""A persistent embedding cache: (model id, text hash) → vector, in SQLite under the data dir's cache/.

Re-ingesting unchanged files then embeds nothing. For the corpus-static model the model id
carries the training fingerprint, so vectors of an older model are never reused.

>>> cache = EmbeddingCache(Path("/tmp/emb.sqlite"))  # doctest: +SKIP
>>> cache.put_many("m", {"h": np.ones(3, dtype=np.float32)})  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    model_id TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model_id, text_hash)
)
"""
_BATCH = 500  # SQLite's limit on query parameters is 999 in older builds


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class EmbeddingCache:
    """Vectors by (model id, text hash). Safe to share between ingests; one writer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in a transaction (committed on success), closed afterwards."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            with connection:
                connection.execute(_SCHEMA)
                yield connection
        finally:
            connection.close()

    def get_many(self, model_id: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        with self._connect() as connection:
            for start in range(0, len(wanted), _BATCH):
                batch = wanted[start : start + _BATCH]
                placeholders = ",".join("?" * len(batch))
                rows = connection.execute(
                    f"SELECT text_hash, vector FROM embeddings WHERE model_id = ? AND text_hash IN ({placeholders})",
                    [model_id, *batch],
                )
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [
            (model_id, key, int(vector.shape[0]), np.asarray(vector, dtype=np.float32).tobytes())
            for key, vector in vectors.items()
        ]
        with self._connect() as connection:
            connection.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)

    def count(self, model_id: str | None = None) -> int:
        with self._connect() as connection:
            if model_id is None:
                return connection.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
            return connection.execute("SELECT COUNT(*) FROM embeddings WHERE model_id = ?", [model_id]).fetchone()[0]

    def drop_models(self, prefix: str, keep: str) -> int:
        """Drop the vectors of models whose id starts with `prefix`, except `keep`.

        Used for older corpus-static models, whose vectors are never asked for again.
        """
        with self._connect() as connection:
            cursor = connection.execute(
                "DELETE FROM embeddings WHERE substr(model_id, 1, ?) = ? AND model_id != ?",
                [len(prefix), prefix, keep],
            )
            return cursor.rowcount
