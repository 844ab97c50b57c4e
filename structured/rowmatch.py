"""Find the table rows a question's words are about: 「海门沿江生态防护林建设工程」 → 附件2 序号8.

Characters and character bigrams, weighted by how rare they are across rows; a row
matches by the share of the question's weight it covers. Not words, because table cells
and questions cut the same names differently; characters as well as bigrams, so that a
typo (「森林复盖率」) costs a little, not the whole name.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pandas as pd

from corpus.glossary import POLLUTANTS, ROW_NAME_FORMS
from corpus.text import COUNTED, fold_counts, normalize_text

MIN_COVERAGE = 0.45
# a pollutant's Chinese name read as its formula, so 「VOCs减排量」 finds 「挥发性有机物…减排量」 and back
_POLLUTANT_NAMES = {alias: canonical.lower() for canonical, aliases in POLLUTANTS.items()
                    for alias in aliases if not alias.isascii()}  # fmt: skip
_POLLUTANT_NAME = re.compile("|".join(sorted(map(re.escape, _POLLUTANT_NAMES), key=len, reverse=True)))
_NAME_FORMS = [(re.compile(pattern), written) for pattern, written in ROW_NAME_FORMS.items()]


class RowIndex:
    """Bigram index over the rows of several tables, with one set of weights for all, so that
    coverages of rows of different tables compare.

    >>> index = RowIndex({"tasks": (frame, ("task", "progress"))})  # doctest: +SKIP
    >>> index.coverage("荷塘镇污水处理厂", "tasks", frame.index)  # doctest: +SKIP
    """

    def __init__(self, tables: dict[str, tuple[pd.DataFrame, tuple[str, ...]]]) -> None:
        self.features: dict[str, dict] = {}
        for table, (frame, columns) in tables.items():
            present = [c for c in columns if c in frame]
            texts = frame[present].astype(str).agg(" ".join, axis=1) if present and len(frame) else []
            self.features[table] = {index: _features(text) for index, text in zip(frame.index, texts, strict=True)}
        self.vocabulary = {
            table: set().union(*rows.values()) if rows else set() for table, rows in self.features.items()
        }
        df = Counter(g for rows in self.features.values() for grams in rows.values() for g in grams)
        n = sum(len(rows) for rows in self.features.values()) or 1
        self.idf = {g: math.log(1 + n / count) for g, count in df.items()}
        self.max_idf = math.log(1 + n)

    def coverage(self, words: str, table: str, indexes) -> dict:
        """index → share of the words' weight the row covers (rows covering nothing left out).
        A bigram no row has is as distinctive as can be, and unmatched: it lowers every coverage."""
        rows = self.features.get(table, {})
        for pattern, written in _NAME_FORMS:  # 「单位GDP能耗」 as a row among those asked writes it
            said = pattern.search(normalize_text(words))
            if said and any(_features(said.expand(written)) <= rows.get(i, set()) for i in indexes):
                words = pattern.sub(written, normalize_text(words))
        grams = _features(words)
        weights = {g: self.idf.get(g, self.max_idf) for g in grams}
        total = sum(weights.values())
        if not total:
            return {}
        scores = {}
        for index in indexes:
            covered = sum(w for g, w in weights.items() if g in rows.get(index, ()))
            if covered:
                scores[index] = covered / total
        return scores

    def known(self, word: str, table: str) -> bool:
        """Whether a bigram of `word` (its character, if one) occurs in a row of `table`."""
        grams = {g for g in _features(word) if len(g) > 1 or len(word) == 1}
        return bool(grams & self.vocabulary.get(table, set()))

    def best_sentence(self, words: str, text: str) -> str:
        """The sentence of `text` that shares the most of the words' distinctive bigrams."""
        grams = _features(words)
        sentences = [s.strip() for s in re.split(r"(?<=[。；;！？])|\n", text) if s.strip()]
        return max(sentences, key=lambda s: sum(self.idf.get(g, 0.0) for g in grams & _features(s)), default="")


def _features(text: str) -> set[str]:
    """Characters and bigrams of the Chinese runs; whole tokens of the Latin ones (pm2.5)."""
    # 「5期」 stays one token (its bigram tells 五期 from 三期); then Chinese runs and Latin ones
    text = _POLLUTANT_NAME.sub(lambda m: f" {_POLLUTANT_NAMES[m.group(0)]} ", fold_counts(normalize_text(text)))
    chunks = re.findall(rf"\d+(?:{COUNTED})|[\u4e00-\u9fff]+|[a-z0-9.]+", text)
    features: set[str] = set()
    for chunk in chunks:
        if chunk.isascii():
            features.add(chunk)
        else:
            features.update(chunk)
            features.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
    return features
