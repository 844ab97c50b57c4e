"""Fake answers and a stub `ask` for eval tests: no index, no model."""

from __future__ import annotations

from assistant.answer import Answer, Citation


def answer(text: str, route: str, quotes: tuple[str, ...] = (), ms: float = 10.0, section: str = "") -> Answer:
    citations = [Citation("d1", "文件", section, f"c{n}", quote) for n, quote in enumerate(quotes)]
    return Answer(question="", answer=text, route=route, citations=citations, timings_ms={"total": ms})


def stub_ask(answers: dict[str, Answer]):
    """An `ask(question, history)` answering each question with its fake answer."""

    def ask(question: str, history: list[dict]) -> Answer:
        return answers[question]

    return ask
