"""HTTP bodies: pydantic at the edge, mirroring the dataclasses of DESIGN.md §4."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, field_validator


def valid_text(value: str) -> str:
    """Refuse a lone UTF-16 surrogate (JSON `"\\ud800"`): it cannot be encoded, so every later step would fail.

    >>> valid_text("海门市")
    '海门市'
    """
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("含有无效的 Unicode 字符（单独的代理项），请检查文本编码")
    return value


Text = Annotated[str, AfterValidator(valid_text)]


class Message(BaseModel):
    role: Literal["user", "assistant"]
    content: Text


class AskRequest(BaseModel):
    question: Text = Field(..., description="中文问题", examples=["哪些区县PM10未达标？"])
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


class TextPart(BaseModel):
    """An OpenAI content part; only text parts are read."""

    type: Literal["text"] = "text"
    text: Text


class ChatMessage(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[TextPart] | None = None

    @field_validator("content", mode="before")
    @classmethod
    def _text_only(cls, value: Any) -> Any:
        # checked before pydantic's union, which would report one English-shaped error per alternative
        if value is None:
            return value
        if isinstance(value, str):
            return valid_text(value)
        if not isinstance(value, list):
            raise ValueError('应为字符串，或由 {"type": "text", "text": …} 组成的列表')
        for n, part in enumerate(value):
            if not isinstance(part, dict):
                raise ValueError(f"第 {n + 1} 部分应为 JSON 对象")
            if part.get("type", "text") != "text":
                raise ValueError(f"第 {n + 1} 部分的类型「{part.get('type')}」不受支持：只能回答文字（type 为 text）")
            if not isinstance(part.get("text"), str):
                raise ValueError(f"第 {n + 1} 部分的 text 应为字符串")
            valid_text(part["text"])
        return value

    def text(self) -> str:
        if isinstance(self.content, list):  # OpenAI content parts
            return "".join(part.text for part in self.content)
        return self.content or ""


class StreamOptions(BaseModel):
    include_usage: bool = False


class ChatCompletionRequest(BaseModel):
    """The subset of OpenAI's chat completion request this service reads; other fields are ignored."""

    model: Text = "policy-assistant"
    messages: list[ChatMessage] = Field(..., min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = None
    max_tokens: int | None = Field(None, ge=1, description="回答最多的 token 数（计数规则见接口说明）")
    max_completion_tokens: int | None = Field(None, ge=1, description="同 max_tokens（OpenAI 的新名字）")

    def token_limit(self) -> int | None:
        limits = [n for n in (self.max_tokens, self.max_completion_tokens) if n is not None]
        return min(limits) if limits else None

    def include_usage(self) -> bool:
        return bool(self.stream and self.stream_options and self.stream_options.include_usage)
