"""Tokenizing Chinese policy text for the word and character channels and the corpus-static embedder.

Every text goes through `normalize_text` first (NFKC so full-width 「２０２０」 and 「ＰＭ２．５」 become
ASCII, lower case, traditional → simplified so 「區」「達標」 match). Then:

- the **word channel**: jieba (its Rust port `rjieba`: the same dictionary and algorithm, twenty
  times faster, which is what makes 50 000 chunks an ingest of minutes) with the domain words of
  `retrieval.glossary` and of the data version's lexicon, cut once; search mode adds the
  dictionary words inside long words, so that 「空气质量」 also yields 「空气」「质量」;
- the **character channel**: every character and every pair of neighbouring characters
  (1–2-grams) of each run of letters, digits and CJK: a colloquial 「污水厂」 shares 「污水」「水厂」
  with the plan's 「污水处理厂」 though not one jieba word.

>>> ChineseTokenizer().run("東湖站的ＰＭ１０濃度")
['东湖', '站', 'pm10', '浓度']
>>> char_terms("臭水沟")
['臭', '水', '沟', '臭水', '水沟']
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import rjieba

from corpus.lexicon import Lexicon
from corpus.text import normalize_text
from retrieval.glossary import DOMAIN_WORDS, STOPWORDS, TERM_FOLDS

logger = logging.getLogger(__name__)

# A token is a term only if it has a letter, digit or CJK character (drops punctuation).
_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u9fff]")
# The characters the character channel reads; anything else ends a run.
_CHAR_RUN = re.compile(r"[0-9a-z.%\u3400-\u4dbf\u4e00-\u9fff]+")
_lock = threading.Lock()


@lru_cache(maxsize=8)
def domain_jieba(words: frozenset[str] = frozenset()) -> rjieba.Jieba:
    """A jieba tokenizer of its own with the glossary's domain words and `words` (a data version's
    lexicon) added; one per set of words, kept."""
    with _lock:
        tokenizer = rjieba.Jieba()
        for word in {normalize_text(w) for w in DOMAIN_WORDS} | words:
            # A high frequency makes jieba prefer the whole word over its parts.
            tokenizer.add_word(word, 100_000, "nz")
        return tokenizer


@dataclass(frozen=True)
class Analysis:
    """One text cut once: its normalised form, jieba's words (accurate mode) and the word channel's terms."""

    normalized: str
    words: list[str]
    terms: list[str]


class ChineseTokenizer:
    """Turns text into word-channel terms: normalised, jieba search-mode words, stopwords dropped.

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
        return cls(words=lexicon.jieba_words(), folds=place_folds(lexicon))

    def to_dict(self) -> dict:
        """What `from_dict` needs to rebuild this tokenizer (saved with the index: no lexicon at load)."""
        return {"words": sorted(self.words), "folds": {k: v for k, v in self.folds.items() if k not in TERM_FOLDS}}

    @classmethod
    def from_dict(cls, data: Mapping) -> ChineseTokenizer:
        return cls(words=data.get("words", ()), folds=data.get("folds", {}))

    @property
    def jieba(self) -> rjieba.Jieba:
        return domain_jieba(self.words)

    def warm_up(self) -> None:
        domain_jieba(self.words)

    def analyze(self, text: str) -> Analysis:
        """Normalise and cut `text` once; both the words and the search terms come from that one cut."""
        normalized = normalize_text(text)
        words = self.jieba.cut(normalized)
        return Analysis(normalized, words, self.terms_of(words))

    def terms_of(self, words: list[str]) -> list[str]:
        """The word channel's terms of jieba's words: in search mode the dictionary's 2- and 3-character
        words inside longer ones are added, as `jieba.cut_for_search` does, without cutting again."""
        terms = []
        for word in words:
            word = word.strip()
            if self.search_mode and len(word) > 2:
                terms += [self.term(p) for p in _inner_words(self.jieba, word)]
            if self.keeps(word):
                terms.append(self.term(word))
        return terms

    def run(self, text: str) -> list[str]:
        return self.analyze(text).terms

    def run_batch(self, texts: list[str]) -> list[list[str]]:
        return [self.run(text) for text in texts]

    def content_words(self, text: str) -> list[str]:
        """jieba's words of `text` that say what it is about (stopwords and punctuation dropped)."""
        return [self.term(w.strip()) for w in self.jieba.cut(normalize_text(text)) if self.keeps(w.strip())]

    @staticmethod
    def keeps(word: str) -> bool:
        """Whether a word says what a text is about (not a stopword, not punctuation)."""
        return bool(word) and word not in STOPWORDS and bool(_WORDLIKE.search(word))

    def term(self, word: str) -> str:
        """A word as a term: its folded form (「二氧化氮」 → 「no2」)."""
        return self.folds.get(word, word) if self.fold_terms else word


@lru_cache(maxsize=200_000)
def _inner_words(tokenizer: rjieba.Jieba, word: str) -> list[str]:
    """The dictionary's 2- and 3-character words inside `word` (jieba's search mode), cached per word."""
    parts = [word[i : i + 2] for i in range(len(word) - 1)]
    if len(word) > 3:
        parts += [word[i : i + 3] for i in range(len(word) - 2)]
    return [p for p in parts if tokenizer.has_word(p) and ChineseTokenizer.keeps(p)]


def place_folds(lexicon: Lexicon) -> dict[str, str]:
    """A place's Chinese short names → its full name (「蓬江」 → 「蓬江区」)."""
    return {t.surface: normalize_text(t.value) for t in lexicon.of_kind("place")
            if t.surface != normalize_text(t.value) and not t.surface.isascii()}  # fmt: skip


def char_terms(normalized: str) -> list[str]:
    """The character channel's terms of a normalised text: the 1- and 2-grams of each run."""
    unigrams: list[str] = []
    bigrams: list[str] = []
    for run in _CHAR_RUN.findall(normalized):
        unigrams += list(run)
        bigrams += [run[i : i + 2] for i in range(len(run) - 1)]
    return unigrams + bigrams


def char_keys(normalized: str) -> np.ndarray:
    """`char_terms` as integer keys (a character's code point; a pair's two code points in one int64),
    computed with numpy: the character index of 50 000 chunks is built from these."""
    codes = np.frombuffer(normalized.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    if not len(codes):
        return codes
    inside = _in_run(codes)
    pairs = inside[:-1] & inside[1:]
    bigrams = (codes[:-1][pairs] << 21) | codes[1:][pairs]
    return np.concatenate([codes[inside], bigrams])


def term_key(term: str) -> int:
    """The integer key of one character-channel term (see `char_keys`)."""
    return ord(term) if len(term) == 1 else (ord(term[0]) << 21) | ord(term[1])


def _in_run(codes: np.ndarray) -> np.ndarray:
    return (
        ((codes >= 0x30) & (codes <= 0x39))
        | ((codes >= 0x61) & (codes <= 0x7A))
        | (codes == 0x2E)
        | (codes == 0x25)
        | ((codes >= 0x3400) & (codes <= 0x4DBF))
        | ((codes >= 0x4E00) & (codes <= 0x9FFF))
    )
