"""An OpenAI-compatible chat endpoint, so existing chat front-ends and the `openai` client can talk to the assistant.

`POST /v1/chat/completions`: the last user message is the question, the earlier user and assistant
messages its history. The answer's sources are appended to the message text (so any client shows them)
and given in full as an extra `citations` field. `GET /v1/models` lists the one model, `policy-assistant`;
any other `model` is a 404 with code `model_not_found`. Errors under `/v1/` come in OpenAI's envelope
(see `ui/api/errors.py`).

Tokens. There is no tokenizer behind the answers, so `usage` counts by a stated rule (`TOKEN_RULE`):
each run of ASCII letters and digits is one token, every other character that is not whitespace (a Chinese
character, a punctuation mark, a full-width digit) is one token, whitespace is free.
`prompt_tokens` is the sum over the content of every message in the request, `completion_tokens` the count
of the returned content (answer and sources). `max_tokens` (or `max_completion_tokens`) cuts the content
after that many tokens by the same rule and sets `finish_reason` to "length".

>>> count_tokens("海门市2020年PM2.5目标")  # 海 门 市 2020 年 PM2 . 5 目 标
10
>>> truncate("PM2.5年均浓度", 3)
('PM2.5', True)
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from assistant.answer import Answer
from ui.api.deps import AssistantDep
from ui.api.errors import ApiError
from ui.api.routes.ask import encoded, pieces
from ui.api.schemas import ChatCompletionRequest, ChatMessage

router = APIRouter(prefix="/v1", tags=["OpenAI 兼容"])
MODEL_ID = "policy-assistant"
TOKEN_RULE = (
    "usage 按固定规则计数：连续的 ASCII 字母和数字算 1 个 token，其余每个非空白字符（汉字、标点、全角字符）各算 1 个，"
    "空白不计。prompt_tokens 为请求中全部消息内容之和，completion_tokens 为返回内容（回答及来源）的计数；"
    "max_tokens 按同一规则截断回答，并把 finish_reason 设为 length。"
)
TOKEN = re.compile(r"[A-Za-z0-9]+|\S")
_URL_END = r"[^\s<>`（）()【】「」《》，。；！？、]+"
LINK = re.compile(
    rf"!?\[[^\]\n]*\]\([^)\n]*\)?|!?\[[^\]\n]*\]\[[^\]\n]*\]|\b(?:https?|ftp)://{_URL_END}|\bwww\.{_URL_END}"
    r"|\b[\w.+-]+@[\w-]+\.[\w.-]+",
    re.IGNORECASE,
)  # Markdown links and images (inline and by reference), bare URLs and e-mail addresses a client would linkify
RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])")


def count_tokens(text: str) -> int:
    """Tokens of `text` by `TOKEN_RULE`."""
    return sum(1 for _ in TOKEN.finditer(text))


def truncate(text: str, limit: int | None) -> tuple[str, bool]:
    """`text` cut after its `limit`-th token (by `TOKEN_RULE`), and whether it was cut."""
    if limit is None:
        return text, False
    for n, match in enumerate(TOKEN.finditer(text), start=1):
        if n == limit:
            cut = text[: match.end()]
            return cut, bool(TOKEN.search(text, match.end()))
    return text, False


@dataclass(frozen=True)
class Completion:
    """What one request answers: the content (cut to `max_tokens`), why it ended, and the token counts."""

    answer: Answer
    content: str
    finish_reason: str
    usage: dict[str, int]


def model_card() -> dict:
    return {"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "policy-assistant"}


def require_model(model: str) -> None:
    if model != MODEL_ID:
        raise ApiError(404, f"模型「{model}」不存在，可用的模型：{MODEL_ID}", param="model", code="model_not_found")


@router.get("/models", summary="模型列表")
def models() -> dict:
    return {"object": "list", "data": [model_card()]}


@router.get("/models/{model_id}", summary="一个模型")
def model(model_id: str) -> dict:
    require_model(model_id)
    return model_card()


@router.post(
    "/chat/completions",
    summary="OpenAI 兼容的对话接口（支持 stream、stream_options.include_usage、max_tokens）",
    description=TOKEN_RULE,
    openapi_extra={"x-token-counting": TOKEN_RULE},
)
def chat_completions(body: ChatCompletionRequest, assistant: AssistantDep):
    require_model(body.model)
    question, history = dialogue(body.messages)
    answer = assistant.ask(question, history)
    content, cut = truncate(inert_links(with_sources(answer)), body.token_limit())
    prompt_tokens = sum(count_tokens(m.text()) for m in body.messages)
    completion_tokens = count_tokens(content)
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    completion = Completion(answer, content, "length" if cut else "stop", usage)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    if body.stream:
        chunks = _chunks(completion, completion_id, include_usage=body.include_usage())
        return StreamingResponse(encoded(chunks), media_type="text/event-stream")
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": completion.finish_reason,
            }
        ],
        "usage": usage,
        **_extras(answer),
    }


def dialogue(messages: list[ChatMessage]) -> tuple[str, list[dict]]:
    """The question (the last user message) and the user/assistant messages before it."""
    turns = [m for m in messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user" or not turns[-1].text().strip():
        raise ApiError(400, "最后一条消息应是非空的用户问题（role 为 user）", param="messages")
    return turns[-1].text(), [{"role": m.role, "content": m.text()} for m in turns[:-1]]


def with_sources(answer: Answer) -> str:
    """The answer text, then its sources as a Markdown list."""
    if not answer.citations:
        return answer.answer
    lines = [answer.answer, "", "**来源**"]
    for n, c in enumerate(answer.citations, start=1):
        quote = c.quote if len(c.quote) <= 120 else c.quote[:120] + "…"
        lines.append(f"{n}. 《{c.title}》{c.section}：「{quote}」")
    return "\n".join(lines)


def inert_links(text: str) -> str:
    """`text` with every link and image a Markdown client would follow shown as code instead, and no raw HTML.

    Answers quote documents, and a document can carry 「[点此查看](http://…)」, an image that calls home, or a
    bare URL a client would linkify: as code they read as the text they are, and nothing is fetched or clicked.

    >>> inert_links("见[通知](http://x.example/a)与 www.y.example；<img src=x>")
    '见`[通知](http://x.example/a)`与 `www.y.example`；\\\\<img src=x>'
    """
    text = LINK.sub(lambda m: "`" + m.group(0).replace("`", "'") + "`", text)
    return RAW_HTML.sub(r"\\<", text)


def _extras(answer: Answer) -> dict:
    """Fields beyond OpenAI's: the sources in full, the route and the backend."""
    return {"citations": answer.to_dict()["citations"], "route": answer.route, "backend": answer.backend}


def _chunks(completion: Completion, completion_id: str, include_usage: bool) -> Iterator[str]:
    """Server-sent chunks as OpenAI streams them; with `include_usage`, every chunk has `usage: null`
    and one last chunk with empty `choices` carries the usage."""
    created = int(time.time())

    def chunk(choices: list[dict], **extra) -> str:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": choices,
            **({"usage": None} if include_usage else {}),
            **extra,
        }
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    def delta(content: dict, finish: str | None = None) -> list[dict]:
        return [{"index": 0, "delta": content, "finish_reason": finish}]

    yield chunk(delta({"role": "assistant", "content": ""}))
    for piece in pieces(completion.content):
        yield chunk(delta({"content": piece}))
    yield chunk(delta({}, completion.finish_reason), **_extras(completion.answer))
    if include_usage:
        yield chunk([], usage=completion.usage)
    yield "data: [DONE]\n\n"
