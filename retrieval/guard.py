"""Refusing questions about places the documents never mention.

A floor on scores cannot refuse 「广州市2020年PM2.5目标是多少」: every word but the city
matches a passage about another city's PM2.5 target. So before searching, the place names a
question mentions (jieba's 'ns' words, nouns ending in 市/区/县/省…) are looked up in the
corpus text; if one never occurs there, the question is about somewhere else and gets no hits.

>>> guard = UnknownPlaceGuard("海门市2020年工作计划 蓬江区东湖子站")
>>> guard.run("广州市2020年PM2.5目标是多少"), guard.run("海门市2020年PM2.5目标是多少")
(['广州市'], [])
"""

from __future__ import annotations

import logging

from retrieval.tokenizing import normalize_text, place_names

logger = logging.getLogger(__name__)


class UnknownPlaceGuard:
    """`run(question)` returns the places the question names that the corpus never mentions."""

    def __init__(self, corpus_text: str) -> None:
        self.corpus_text = normalize_text(corpus_text)

    def run(self, question: str) -> list[str]:
        """Unknown places, unless the question also names a place the corpus has (then it is
        about that place, and the other is context: 「南通市下达海门市的任务」)."""
        # jieba sometimes glues a particle on: 「的潭江」
        places = [p.lstrip("的在和与对及从到") for p in place_names(question)]
        unknown = [p for p in places if p and p not in self.corpus_text]
        if unknown and len(unknown) == len(places):
            logger.info("question names places outside the corpus: %s", unknown)
            return unknown
        return []
