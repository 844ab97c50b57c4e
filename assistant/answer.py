"""The answer contract of DESIGN.md §4: what `ask --json` prints and `POST /api/ask` returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

REFUSAL_PREFIX = "未在已收录文件中找到"
ROUTES = ("structured", "retrieval", "mixed", "refusal")
EXTRACTIVE = "extractive"


@dataclass(frozen=True)
class Citation:
    """A source an answer rests on: a table row or a passage, with the text it quotes."""

    doc_id: str
    title: str
    section: str
    chunk_id: str
    quote: str
    score: float = 0.0


@dataclass
class Answer:
    """An answer with its route, computed facts and citations.

    >>> Answer(question="你好", answer="未在已收录文件中找到……", route="refusal").to_dict()["citations"]
    []
    """

    question: str
    answer: str
    route: str
    facts: list[dict] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    backend: str = EXTRACTIVE
    timings_ms: dict[str, float] = field(default_factory=dict)
    why: str = ""  # the route decision, for logs; not part of the contract

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("why")
        for citation in data["citations"]:
            citation["score"] = round(float(citation["score"]), 4)
        return data


def refusal(question: str, what: str = "", why: str = "", scope: str = "") -> Answer:
    """「未在已收录文件中找到……」 — never a guess. `what` names what was looked for, in the
    system's own words (the question itself is not echoed, so instructions in it are not);
    `scope` says what the documents do cover."""
    detail = f"{what}的相关内容" if what else "能回答这个问题的内容"
    text = f"{REFUSAL_PREFIX}{detail}。"
    if scope:
        text += f"已收录的文件：{scope}。"
    return Answer(question=question, answer=text, route="refusal", why=why)
