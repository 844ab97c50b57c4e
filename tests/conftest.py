"""Shared fixtures: the bundled corpus loaded once per session, settings on a temp data dir."""

from __future__ import annotations

import os
from pathlib import Path

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
def corpus_lexicon(corpus_documents, corpus_tables):
    """The lexicon an ingest of the seed documents builds."""
    from corpus.lexicon import documents_lexicon
    from structured.vocabulary import table_terms

    documents = list(corpus_documents.values())
    return documents_lexicon(documents, table_terms(corpus_tables))


@pytest.fixture(scope="session")
def executor(corpus_tables):
    from structured.executor import Executor

    return Executor(corpus_tables)


@pytest.fixture(scope="session")
def understander(corpus_documents, corpus_lexicon):
    from assistant.slots import Catalogue, document_bigrams
    from assistant.understanding import Understander
    from corpus.tables import table_label

    documents = list(corpus_documents.values())
    catalogue = Catalogue(
        titles={d.doc_id: f"{d.info.title}　{Path(d.info.source_file or '').stem}" for d in documents},
        captions={f"{d.doc_id}|{table_label(d, t)}": (d.doc_id, t.caption) for d in documents for t in d.tables},
        bigrams=document_bigrams(
            [
                *(b.text for d in documents for b in d.blocks),
                *(c for d in documents for t in d.tables for r in t.rows for c in r),
            ]
        ),
    )
    return Understander(corpus_lexicon, catalogue)


@pytest.fixture(scope="session")
def planner(corpus_documents, corpus_lexicon, executor):
    from assistant.planner import Holdings, Planner

    parents = {p: corpus_lexicon.parent_of(p) for p in corpus_lexicon.places() if corpus_lexicon.parent_of(p)}
    regions = {d.doc_id: d.info.region for d in corpus_documents.values()}
    from assistant.slots import document_bigrams

    texts = [*(b.text for d in corpus_documents.values() for b in d.blocks),
             *(c for d in corpus_documents.values() for t in d.tables for r in t.rows for c in r)]  # fmt: skip
    names = {
        d.doc_id: " ".join([d.info.title, Path(d.info.source_file or "").stem, *(t.caption for t in d.tables)])
        for d in corpus_documents.values()
    }  # as the assistant loads them
    holdings = Holdings.of(executor.frames, executor.schemas, regions, parents, executor.row_index.known,
                           doc_names=names, said=document_bigrams(texts))  # fmt: skip
    return Planner(corpus_lexicon, holdings, executor.schemas)


@pytest.fixture(scope="session")
def ask_tables(understander, planner, executor):
    """A question (with history) answered from the tables alone: understand → plan → execute → word."""
    from assistant.table_answers import TableAnswerer

    answerer = TableAnswerer(planner, executor)
    return lambda question, history=None: answerer.run(understander.run(question, history or []))


def table_path(documents):
    """(understander, answerer) over any documents, built as ingest builds them: lexicon from
    their text and tables, catalogue of titles and captions, holdings of the tables."""
    from assistant.planner import Holdings, Planner
    from assistant.slots import Catalogue, document_bigrams
    from assistant.table_answers import TableAnswerer
    from assistant.understanding import Understander
    from corpus.lexicon import documents_lexicon
    from corpus.tables import table_label
    from structured import build_tables
    from structured.executor import Executor
    from structured.vocabulary import table_terms

    tables = build_tables(documents)
    lexicon = documents_lexicon(documents, table_terms(tables))
    executor = Executor(tables)
    texts = [*(b.text for d in documents for b in d.blocks),
             *(c for d in documents for t in d.tables for r in t.rows for c in r)]  # fmt: skip
    catalogue = Catalogue(
        titles={d.doc_id: f"{d.info.title}　{Path(d.info.source_file or '').stem}" for d in documents},
        captions={f"{d.doc_id}|{table_label(d, t)}": (d.doc_id, t.caption) for d in documents for t in d.tables},
        bigrams=document_bigrams(texts),
    )
    parents = {p: lexicon.parent_of(p) for p in lexicon.places() if lexicon.parent_of(p)}
    names = {
        d.doc_id: " ".join([d.info.title, Path(d.info.source_file or "").stem, *(t.caption for t in d.tables)])
        for d in documents
    }
    holdings = Holdings.of(executor.frames, executor.schemas, {d.doc_id: d.info.region for d in documents},
                           parents, executor.row_index.known, doc_names=names, said=catalogue.bigrams)  # fmt: skip
    return Understander(lexicon, catalogue), TableAnswerer(Planner(lexicon, holdings, executor.schemas), executor)


@pytest.fixture(scope="session")
def table_asker():
    """documents → ask(question, history): the table path alone over those documents."""

    def make(documents):
        understander, answerer = table_path(documents)
        return lambda question, history=None: answerer.run(understander.run(question, history or []))

    return make


@pytest.fixture(scope="session")
def ingested_settings(tmp_path_factory) -> Settings:
    """Settings on a data dir with the bundled corpus ingested once (embedded Chroma, corpus-static).

    Every value retrieval reads is passed explicitly, so the developer's POLICY_* do not leak in.
    """
    from assistant.documents import DocumentService
    from assistant.settings import CORPUS_STATIC_MODEL

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("ingested") / "data",
        embedding_model=CORPUS_STATIC_MODEL,
        chroma_host=None,
        _env_file=None,
    )
    DocumentService(settings).ingest()
    return settings


@pytest.fixture(scope="session")
def hybrid_retriever(ingested_settings):
    """The retriever of the session's ingested data dir, loaded once."""
    from assistant.datadir import DataDir, retrieval_config
    from retrieval import HybridRetriever

    snapshot = DataDir(ingested_settings.data_dir).require_current()
    return HybridRetriever.from_snapshot(snapshot, retrieval_config(ingested_settings))


@pytest.fixture(scope="session")
def assistant(ingested_settings):
    """The assistant on the session's ingested data, warmed up once (extractive backend)."""
    from assistant.pipeline import PolicyAssistant

    policy_assistant = PolicyAssistant(ingested_settings)
    policy_assistant.warm_up()
    return policy_assistant
