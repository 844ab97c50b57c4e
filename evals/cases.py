"""Eval cases and how an answer is checked against one (DESIGN.md §5).

A case's expectations fall in two parts, reported apart: the **route** (which way the assistant
answered) and the **content** (every other expectation: what the answer must and must not say,
what its citations must quote). A case whose route is wrong can still have right content — a
table answer given by the retrieval route — and the report counts both.

>>> case = Case("s1", "structured", "哪些区县PM10未达标？", expect={"route": "structured", "answer_contains": ["蓬江区"]})
>>> check(case, {"route": "retrieval", "answer": "蓬江区未达标", "citations": []})
['路由应为 structured，实际为 retrieval']
>>> content_failures(case, {"route": "retrieval", "answer": "蓬江区未达标", "citations": []})
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.answer import ROUTES
from corpus.errors import PolicyAssistantError
from retrieval.metrics import squash

KINDS = ("structured", "retrieval", "refusal", "followup")
# how the report names kinds and routes (the words of the README's tables)
KIND_LABELS = {"structured": "表格题", "retrieval": "检索题", "refusal": "拒答题", "followup": "追问"}
ROUTE_LABELS = {"structured": "表格", "retrieval": "检索", "mixed": "表格+措施", "refusal": "拒答"}
__all__ = [
    "KINDS",
    "KIND_LABELS",
    "ROUTES",
    "ROUTE_LABELS",
    "Case",
    "CaseResult",
    "DatasetError",
    "check",
    "content_failures",
    "route_failure",
]


class DatasetError(PolicyAssistantError):
    """A dataset file that does not follow the eval format."""


@dataclass(frozen=True)
class Case:
    """One question with its expectations.

    >>> Case("x001", "refusal", "广州市PM2.5目标？", expect={"route": "refusal"}).expect["route"]
    'refusal'
    """

    id: str
    kind: str
    question: str
    history: list[dict] = field(default_factory=list)
    expect: dict = field(default_factory=dict)


@dataclass
class CaseResult:
    """A case, the answer it got (as `Answer.to_dict()`), and what the answer missed."""

    case: Case
    answer: dict
    failures: list[str]
    unbacked: list[str] = field(default_factory=list)  # lines stating a figure no cited row of their region holds

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def route_passed(self) -> bool | None:
        """Whether the route is the expected one; None when the case expects no route."""
        return None if "route" not in self.case.expect else route_failure(self.case, self.answer) is None

    @property
    def content_failures(self) -> list[str]:
        wrong_route = route_failure(self.case, self.answer)
        return [f for f in self.failures if f != wrong_route]

    @property
    def content_passed(self) -> bool:
        """Every expectation but the route holds, whatever the route."""
        return not self.content_failures

    def to_dict(self) -> dict:
        return {"id": self.case.id, "passed": self.passed, "route_passed": self.route_passed,
                "content_passed": self.content_passed, "failures": self.failures, "unbacked": self.unbacked,
                "answer": self.answer}  # fmt: skip


def check(case: Case, answer: dict) -> list[str]:
    """The ways `answer` misses `case.expect`, in words an evaluator reads: the route first."""
    wrong_route = route_failure(case, answer)
    return ([wrong_route] if wrong_route else []) + content_failures(case, answer)


def route_failure(case: Case, answer: dict) -> str | None:
    """The message for a wrong route, or None when the route is right or not expected."""
    expected = case.expect.get("route")
    if "route" in case.expect and answer.get("route") != expected:
        return f"路由应为 {expected}，实际为 {answer.get('route')}"
    return None


def content_failures(case: Case, answer: dict) -> list[str]:
    """The ways `answer` misses every expectation but the route."""
    expect, failures = case.expect, []
    text = squash(answer.get("answer", "") or "")
    for needle in expect.get("answer_contains", []):
        if squash(needle) not in text:
            failures.append(f"回答缺少「{needle}」")
    for group in expect.get("answer_contains_any", []):
        if not any(squash(n) in text for n in group):
            failures.append(f"回答不含以下任一：{'、'.join(group)}")
    for needle in expect.get("answer_excludes", []):
        if squash(needle) in text:
            failures.append(f"回答不应含「{needle}」")
    quotes = [squash(c.get("quote", "")) for c in answer.get("citations", [])]
    for needle in expect.get("citation_contains", []):
        if not any(squash(needle) in q for q in quotes):
            failures.append(f"引用中缺少「{needle}」")
    return failures
