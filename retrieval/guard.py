"""Refusing questions about places the documents never mention.

A floor on scores cannot refuse 「广州市2020年PM2.5目标是多少」: every word but the city
matches a passage about another city's PM2.5 target. So before searching, the divisions of
China a question names (`corpus.gazetteer.mentions`) are compared with the places the data
version covers; a question naming only places the documents never cover gets no hits.

The covered places are written at ingest (`places.json` beside the index) and loaded with it,
so nothing is recomputed from the documents when the index loads.

A city's short name that is also an everyday word (「大同」 小异, 「白银」, 「来宾」, 「保定」 as in
保定期限) counts as a place only where jieba's dictionary knows it as one (tag ``ns``); a full
name (「大同市」) always counts.

>>> guard = UnknownPlaceGuard(["海门市", "海门"])
>>> guard.run("广州市2020年PM2.5目标是多少"), guard.run("海门市2020年PM2.5目标是多少")
(['广州市'], [])
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import ahocorasick

from corpus.gazetteer import mentions
from corpus.lexicon import Lexicon
from corpus.text import normalize_text

logger = logging.getLogger(__name__)

PLACES_FILE = "places.json"
PLACE_TAG = "ns"


class UnknownPlaceGuard:
    """`run(question)` returns the places the question names that the documents never cover.

    `known`: every name (full and short, normalised) of the places the documents cover.
    """

    def __init__(self, known: Iterable[str]) -> None:
        self.known = frozenset(normalize_text(name) for name in known if name)
        self._automaton = ahocorasick.Automaton()
        for name in self.known:
            self._automaton.add_word(name, name)
        if self.known:
            self._automaton.make_automaton()

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon | None) -> UnknownPlaceGuard:
        if lexicon is None:
            return cls(())
        return cls(t.surface for t in lexicon.of_kind("place"))

    def save(self, directory: Path) -> None:
        (Path(directory) / PLACES_FILE).write_text(json.dumps(sorted(self.known), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> UnknownPlaceGuard:
        path = Path(directory) / PLACES_FILE
        return cls(json.loads(path.read_text(encoding="utf-8")) if path.exists() else ())

    def run(self, question: str) -> list[str]:
        """Unknown places, unless the question also names a place the documents have (then it is
        about that place, and the other is context: 「南通市下达海门市的任务」)."""
        if not self.known:
            return []
        text = normalize_text(question)
        if next(self._automaton.iter(text), None) is not None:
            return []
        unknown = [name for name, start, end in mentions(text)
                   if name not in self.known and _names_a_place(text[start:end], name)]  # fmt: skip
        unknown = list(dict.fromkeys(unknown))
        if unknown:
            logger.info("question names places outside the corpus: %s", unknown)
        return unknown


def _names_a_place(surface: str, name: str) -> bool:
    """A full name or pinyin always names the place; a short name only if jieba tags it a place."""
    if surface == name or surface.isascii():
        return True
    tag = _jieba_tags().get(surface)
    return tag is None or tag == PLACE_TAG


@lru_cache(maxsize=1)
def _jieba_tags() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab
