"""The one settings object, read from the environment (prefix POLICY_) and an optional .env."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# retrieval.embedding.static_model.CORPUS_STATIC_MODEL, spelled out so that reading the settings does not import
# the retrieval package (seconds of imports every CLI call would pay); a test keeps the two equal
CORPUS_STATIC_MODEL = "corpus-static"


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
            "Chinese embedding from the corpus at ingest time (works offline)"
        ),
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
