"""How much one request may ask of the assistant: the question, its history, the number of hits.

The API, the web page and the CLI all pass through these checks, so a limit is set once
(`Settings.max_*`) and says the same thing everywhere. The history matters because its last user
message is read as the question a follow-up continues: it is held to the question's limit, while
the assistant's earlier answers (which may list a hundred sources) only to a size bound.

>>> limits = RequestLimits(Settings(_env_file=None))
>>> limits.question("  哪些区县PM10未达标？ ")
'哪些区县PM10未达标？'
>>> limits.top_k(1000)
Traceback (most recent call last):
...
assistant.limits.QuestionError: top_k 最大为 50（收到 1000）
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.settings import Settings
from corpus.errors import PolicyAssistantError

ROLES = ("user", "assistant")


class QuestionError(PolicyAssistantError):
    """A question, history or search the assistant does not take: empty or over a limit (CLI exit 2, HTTP 422)."""


class RequestLimits:
    """Checks a request against the limits in `Settings`; raises `QuestionError` with the limit in Chinese."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def question(self, question: str) -> str:
        """The question without surrounding whitespace; empty or too long is refused."""
        question = (question or "").strip()
        if not question:
            raise QuestionError("问题不能为空")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"问题太长（{len(question)} 字），请控制在 {limit} 字以内")
        return question

    def history(self, history: Sequence[dict] | None) -> list[dict]:
        """The earlier messages as `{"role", "content"}` dicts, each checked, then their number and total size."""
        history = list(history or [])
        settings = self.settings
        if len(history) > settings.max_history_messages:
            raise QuestionError(
                f"对话历史太长（{len(history)} 条消息），最多 {settings.max_history_messages} 条，请开始新的对话"
            )
        checked, total = [], 0
        for n, message in enumerate(history, start=1):
            role, content = _message(n, message)
            limit = settings.max_question_chars if role == "user" else settings.max_history_message_chars
            if len(content) > limit:
                who = "用户提问" if role == "user" else "回答"
                raise QuestionError(
                    f"对话历史第 {n} 条消息（{who}）太长（{len(content)} 字），最多 {limit} 字，请开始新的对话"
                )
            total += len(content)
            checked.append({"role": role, "content": content})
        if total > settings.max_history_chars:
            raise QuestionError(f"对话历史太长（共 {total} 字），最多 {settings.max_history_chars} 字，请开始新的对话")
        return checked

    def query(self, query: str) -> str:
        """A search query: like a question, not empty and not longer than one."""
        query = (query or "").strip()
        if not query:
            raise QuestionError("查询内容不能为空")
        limit = self.settings.max_question_chars
        if len(query) > limit:
            raise QuestionError(f"查询内容太长（{len(query)} 字），请控制在 {limit} 字以内")
        return query

    def is_long(self, question: str, history: list[dict]) -> bool:
        """Whether the text read for this question (it, and the earlier question a follow-up reads) is long: reading
        costs more than linearly in its length, so long ones are answered a few at a time."""
        previous = next((m["content"] for m in reversed(history) if m["role"] == "user"), "")
        return len(question) + len(previous) > self.settings.long_question_chars

    def top_k(self, top_k: int) -> int:
        limit = self.settings.max_top_k
        if not 1 <= top_k <= limit:
            raise QuestionError(f"top_k 最大为 {limit}（收到 {top_k}）" if top_k > limit else "top_k 至少为 1")
        return top_k


def _message(n: int, message: object) -> tuple[str, str]:
    if not isinstance(message, dict) or message.get("role") not in ROLES or not isinstance(message.get("content"), str):
        raise QuestionError(f'对话历史第 {n} 条消息应为 {{"role": "user" 或 "assistant", "content": 文本}}')
    return message["role"], message["content"]
