"""Tokenizing Chinese policy text for BM25 and the corpus-static embedder.

Every text goes through `normalize_text` first (NFKC so full-width 「２０２０」 and 「ＰＭ２．５」 become
ASCII, lower case, traditional → simplified so 「區」「達標」 match), then jieba with the domain
words of `retrieval.glossary` and of the data version's lexicon, in search mode so that
「空气质量」 also yields 「空气」「质量」 for partial matches.

>>> ChineseTokenizer().run("東湖站的ＰＭ１０濃度")
['东湖', '站', 'pm10', '浓度']
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache

import jieba

from corpus.lexicon import Lexicon
from corpus.text import normalize_text
from retrieval.glossary import DOMAIN_WORDS, STOPWORDS, TERM_FOLDS

logger = logging.getLogger(__name__)

jieba.setLogLevel(logging.WARNING)

# A token is a term only if it has a letter, digit or CJK character (drops punctuation).
_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff]")
_lock = threading.Lock()


@lru_cache(maxsize=8)
def domain_jieba(words: frozenset[str] = frozenset()) -> jieba.Tokenizer:
    """A jieba tokenizer of its own (the global one is left alone) with the glossary's domain words
    and `words` (a data version's lexicon) added; one per set of words, kept.

    Loading jieba's dictionary takes about half a second, so it is done once per data version.
    """
    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word in {normalize_text(w) for w in DOMAIN_WORDS} | words:
            # A high frequency makes jieba prefer the whole word over its parts.
            tokenizer.add_word(word, freq=100_000, tag="nz")
        return tokenizer


class ChineseTokenizer:
    """Turns text into BM25 terms: normalised, jieba search-mode words, stopwords dropped.

    `words` (a data version's places, stations, indicators …) are kept whole; `folds` map a
    spelling to one form (「二氧化氮」 → 「no2」, 「蓬江」 → 「蓬江区」) on both sides of the search.
    """

    def __init__(
        self,
        fold_terms: bool = True,
        search_mode: bool = True,
        words: Iterable[str] = (),
        folds: Mapping[str, str] | None = None,
    ) -> None:
        self.fold_terms = fold_terms
        self.search_mode = search_mode
        self.words = frozenset(normalize_text(w) for w in words)
        self.folds = {**TERM_FOLDS, **{normalize_text(k): v for k, v in (folds or {}).items()}}

    @classmethod
    def for_lexicon(cls, lexicon: Lexicon | None) -> ChineseTokenizer:
        """The tokenizer of a data version: its lexicon's words kept whole, a place's short name
        folded into its full name."""
        if lexicon is None:
            return cls()
        folds = {t.surface: normalize_text(t.value) for t in lexicon.of_kind("place")
                 if t.surface != normalize_text(t.value) and not t.surface.isascii()}  # fmt: skip
        return cls(words=lexicon.jieba_words(), folds=folds)

    @property
    def jieba(self) -> jieba.Tokenizer:
        return domain_jieba(self.words)

    def warm_up(self) -> None:
        domain_jieba(self.words)

    def run(self, text: str) -> list[str]:
        normalized = normalize_text(text)
        tokenizer = self.jieba
        words = tokenizer.cut_for_search(normalized) if self.search_mode else tokenizer.cut(normalized)
        terms = []
        for word in words:
            word = word.strip()
            if not word or word in STOPWORDS or not _WORDLIKE.search(word):
                continue
            terms.append(self.folds.get(word, word) if self.fold_terms else word)
        return terms

    def run_batch(self, texts: list[str]) -> list[list[str]]:
        return [self.run(text) for text in texts]
