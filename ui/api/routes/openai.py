"""An OpenAI-compatible chat endpoint, so existing chat front-ends can talk to the assistant.

`POST /v1/chat/completions`: the last user message is the question, the earlier
messages its history. The answer's sources are appended to the message text (so any
client shows them) and given in full as an extra `citations` field.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter, HTTPException
from fastapi.responses import StreamingResponse

from assistant.answer import Answer
from ui.api.deps import AssistantDep
from ui.api.routes.ask import pieces
from ui.api.schemas import ChatCompletionRequest

router = APIRouter(prefix="/v1", tags=["OpenAI 兼容"])
MODEL_ID = "policy-assistant"


@router.get("/models", summary="模型列表")
def models() -> dict:
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "policy-assistant"}],
    }


@router.post("/chat/completions", summary="OpenAI 兼容的对话接口（支持 stream）")
def chat_completions(body: ChatCompletionRequest, assistant: AssistantDep):
    dialogue = [m for m in body.messages if m.role in ("user", "assistant")]
    if not dialogue or dialogue[-1].role != "user" or not dialogue[-1].text().strip():
        raise HTTPException(status_code=422, detail="最后一条消息应是非空的用户问题")
    history = [{"role": m.role, "content": m.text()} for m in dialogue[:-1]]
    answer = assistant.ask(dialogue[-1].text(), history)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    if body.stream:
        return StreamingResponse(_chunks(answer, completion_id), media_type="text/event-stream")
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": with_sources(answer)}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "citations": answer.to_dict()["citations"],
        "route": answer.route,
        "backend": answer.backend,
    }


def with_sources(answer: Answer) -> str:
    """The answer text, then its sources as a Markdown list."""
    if not answer.citations:
        return answer.answer
    lines = [answer.answer, "", "**来源**"]
    for n, c in enumerate(answer.citations, start=1):
        quote = c.quote if len(c.quote) <= 120 else c.quote[:120] + "…"
        lines.append(f"{n}. 《{c.title}》{c.section}：「{quote}」")
    return "\n".join(lines)


def _chunks(answer: Answer, completion_id: str) -> Iterator[str]:
    created = int(time.time())

    def chunk(delta: dict, finish: str | None = None, **extra) -> str:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant"})
    for piece in pieces(with_sources(answer)):
        yield chunk({"content": piece})
    yield chunk({}, "stop", citations=answer.to_dict()["citations"], route=answer.route, backend=answer.backend)
    yield "data: [DONE]\n\n"
