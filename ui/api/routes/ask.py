"""Asking: `POST /api/ask` (one JSON answer) and `POST /api/chat` (server-sent events)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from assistant.answer import Answer
from ui.api.deps import AssistantDep
from ui.api.schemas import AnswerBody, AskRequest

router = APIRouter(prefix="/api", tags=["问答"])
STREAM_PIECE = 24  # characters per streamed piece
SURROGATE = re.compile("[\ud800-\udfff]")


@router.post("/ask", response_model=AnswerBody, summary="提问，返回带来源的回答")
def ask(body: AskRequest, assistant: AssistantDep) -> dict:
    answer = assistant.ask(body.question, [m.model_dump() for m in body.history])
    return answer.to_dict()


@router.post("/chat", summary="提问，以 server-sent events 流式返回", response_class=StreamingResponse)
def chat(body: AskRequest, assistant: AssistantDep) -> StreamingResponse:
    """Events: `meta` (route, backend), `delta` (a piece of the answer text), `done` (the whole answer)."""
    answer = assistant.ask(body.question, [m.model_dump() for m in body.history])
    return StreamingResponse(encoded(answer_events(answer)), media_type="text/event-stream")


def answer_events(answer: Answer) -> Iterator[str]:
    yield _event("meta", {"route": answer.route, "backend": answer.backend})
    for piece in pieces(answer.answer):
        yield _event("delta", {"text": piece})
    yield _event("done", answer.to_dict())


def encoded(events: Iterator[str]) -> Iterator[bytes]:
    """UTF-8 that cannot fail half-way: after the 200 is sent, an unencodable character (a lone surrogate that
    reached the text) would abort the stream, so it becomes U+FFFD instead."""
    for event in events:
        yield SURROGATE.sub("\ufffd", event).encode("utf-8")


def pieces(text: str, size: int = STREAM_PIECE) -> Iterator[str]:
    for start in range(0, len(text), size):
        yield text[start : start + size]


def _event(name: str, data: dict) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
