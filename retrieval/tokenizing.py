"""Normalising and tokenizing Chinese policy text for BM25 and for the place-name guard.

Every text goes through `normalize_text` first (NFKC so full-width 「２０２０」 and 「ＰＭ２．５」 become
ASCII, lower case, traditional → simplified so 「區」「達標」 match), then jieba with the domain
user dictionary of `retrieval.glossary`, in search mode so that 「空气质量」 also yields
「空气」「质量」 for partial matches.

>>> ChineseTokenizer().run("東湖站的ＰＭ１０濃度")
['东湖', '站', 'pm10', '浓度']
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

import jieba
import jieba.posseg

from corpus.text import normalize_text
from retrieval.glossary import (
    DOMAIN_WORDS,
    GENERIC_PLACE_ENDINGS,
    GENERIC_PLACE_WORDS,
    PLACE_SUFFIXES,
    STOPWORDS,
    fold_term,
)

logger = logging.getLogger(__name__)

jieba.setLogLevel(logging.WARNING)

# A token is a term only if it has a letter, digit or CJK character (drops punctuation).
_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff]")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def domain_jieba() -> jieba.Tokenizer:
    """A jieba tokenizer of its own (the global one is left alone) with the domain words added.

    Loading jieba's dictionary takes about half a second, so it is done once per process.
    """
    with _lock:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word in DOMAIN_WORDS:
            # A high frequency makes jieba prefer the whole word over its parts.
            tokenizer.add_word(normalize_text(word), freq=100_000, tag="nz")
        return tokenizer


@lru_cache(maxsize=1)
def _pos_tokenizer() -> jieba.posseg.POSTokenizer:
    return jieba.posseg.POSTokenizer(domain_jieba())


class ChineseTokenizer:
    """Turns text into BM25 terms: normalised, jieba search-mode words, stopwords dropped.

    `fold_terms` maps aliases to one form (「二氧化氮」 → 「no2」, 「蓬江」 → 「蓬江区」) on both
    sides of the search.
    """

    def __init__(self, fold_terms: bool = True, search_mode: bool = True) -> None:
        self.fold_terms = fold_terms
        self.search_mode = search_mode

    def warm_up(self) -> None:
        domain_jieba()

    def run(self, text: str) -> list[str]:
        normalized = normalize_text(text)
        tokenizer = domain_jieba()
        words = tokenizer.cut_for_search(normalized) if self.search_mode else tokenizer.cut(normalized)
        terms = []
        for word in words:
            word = word.strip()
            if not word or word in STOPWORDS or not _WORDLIKE.search(word):
                continue
            terms.append(fold_term(word) if self.fold_terms else word)
        return terms

    def run_batch(self, texts: list[str]) -> list[list[str]]:
        return [self.run(text) for text in texts]


def place_names(text: str) -> list[str]:
    """Place names a question mentions: jieba's 'ns' words and nouns ending in 省/市/区/县….

    >>> place_names("广州市2020年PM2.5目标是多少")
    ['广州市']
    """
    places = []
    for pair in _pos_tokenizer().cut(normalize_text(text)):
        word, flag = pair.word.strip(), pair.flag
        if len(word) < 2 or word in GENERIC_PLACE_WORDS or word.endswith(GENERIC_PLACE_ENDINGS):
            continue
        if flag == "ns" or (flag.startswith("n") and len(word) >= 3 and word.endswith(PLACE_SUFFIXES)):
            places.append(word)
    return places
