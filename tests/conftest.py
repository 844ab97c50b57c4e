"""Shared fixtures: the bundled corpus loaded once per session, settings on a temp data dir."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.settings import Settings  # noqa: E402
from corpus import bundled_documents, load_document  # noqa: E402


@pytest.fixture(scope="session")
def corpus_documents():
    """The five seed documents, loaded once: {doc_id: Document}."""
    return {info.doc_id: load_document(path, info) for path, info in bundled_documents()}


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    """Settings on an empty data dir, ignoring any POLICY_* of the developer's shell."""
    for name in list(os.environ):
        if name.startswith("POLICY_"):
            monkeypatch.delenv(name)
    return Settings(data_dir=tmp_path / "data", _env_file=None)


@pytest.fixture(scope="session")
def corpus_tables(corpus_documents):
    """The structured tables of the seed documents, built once."""
    from structured import build_tables

    return build_tables(list(corpus_documents.values()))


@pytest.fixture(scope="session")
def queries(corpus_tables):
    from structured import TableQueries

    return TableQueries(corpus_tables)
