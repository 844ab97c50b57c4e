"""Refusing questions about places the documents never mention.

A floor on scores cannot refuse 「广州市2020年PM2.5目标是多少」: every word but the city
matches a passage about another city's PM2.5 target. So before searching, the divisions of
China a question names (`corpus.gazetteer.mentions`) are looked up in the data version's
lexicon; a question naming only places the documents never cover gets no hits.

>>> guard = UnknownPlaceGuard(lexicon)  # doctest: +SKIP
>>> guard.run("广州市2020年PM2.5目标是多少"), guard.run("海门市2020年PM2.5目标是多少")  # doctest: +SKIP
(['广州市'], [])
"""

from __future__ import annotations

import logging

from corpus.gazetteer import mentions
from corpus.lexicon import Lexicon
from corpus.text import normalize_text

logger = logging.getLogger(__name__)


class UnknownPlaceGuard:
    """`run(question)` returns the places the question names that the documents never cover."""

    def __init__(self, lexicon: Lexicon | None) -> None:
        self.lexicon = lexicon

    def run(self, question: str) -> list[str]:
        """Unknown places, unless the question also names a place the documents have (then it is
        about that place, and the other is context: 「南通市下达海门市的任务」)."""
        if self.lexicon is None:
            return []
        text = normalize_text(question)
        if self.lexicon.find(text, ("place",)):
            return []
        unknown = list(dict.fromkeys(name for name, _, _ in mentions(text) if not self.lexicon.names_of(name)))
        if unknown:
            logger.info("question names places outside the corpus: %s", unknown)
        return unknown
