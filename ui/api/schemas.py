"""HTTP bodies: pydantic at the edge, mirroring the dataclasses of DESIGN.md §4."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator


class Message(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    question: str = Field(..., description="中文问题", examples=["哪些区县PM10未达标？"])
    history: list[Message] = Field(default_factory=list, description="此前的对话，用于追问")

    @field_validator("question")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        # the length limit is the assistant's (POLICY_MAX_QUESTION_CHARS); it answers 422 too
        if not value.strip():
            raise ValueError("问题不能为空")
        return value.strip()


class Citation(BaseModel):
    doc_id: str
    title: str
    section: str
    chunk_id: str
    quote: str
    score: float


class AnswerBody(BaseModel):
    """The answer contract of DESIGN.md §4."""

    question: str
    answer: str
    route: Literal["structured", "retrieval", "mixed", "refusal"]
    facts: list[dict]
    citations: list[Citation]
    backend: str
    timings_ms: dict[str, float]


class Hit(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    score: float


class SearchBody(BaseModel):
    query: str
    hits: list[Hit]


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool"]
    content: str | list[dict] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # OpenAI content parts
            return "".join(part.get("text", "") for part in self.content if isinstance(part, dict))
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """The subset of OpenAI's chat completion request this service reads."""

    model: str = "policy-assistant"
    messages: list[ChatMessage]
    stream: bool = False
