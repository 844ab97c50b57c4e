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
