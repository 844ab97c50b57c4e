"""What the table tests read of an answer from `table_asker`."""

from __future__ import annotations

from assistant.planner import Missing


def answer_text(answer) -> str:
    """The answer's text; a table answer is expected, not a refusal (`Missing`) nor none."""
    assert not isinstance(answer, Missing) and answer is not None
    return answer.text


def first_line(answer) -> str:
    """The answer's conclusion line (「共5个区县：…」), which a list's rows follow."""
    return answer_text(answer).splitlines()[0]


def assistant_over(files, data_dir):
    """A whole assistant (tables and passages, embedded Chroma, the corpus-trained embedder) over just `files`."""
    from assistant.documents import DocumentService
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import CORPUS_STATIC_MODEL, Settings

    settings = Settings(data_dir=data_dir, embedding_model=CORPUS_STATIC_MODEL, chroma_host=None, _env_file=None)
    DocumentService(settings).ingest(files)
    return PolicyAssistant(settings)
