"""Find the table row a question is about by its words: 「海门沿江生态防护林建设工程」 → 附件2 序号8.

Characters and character bigrams, weighted by how rare they are across rows; a row
matches by the share of the question's weight it covers. Not words, because table cells
and questions cut the same names differently; characters as well as bigrams, so that a
typo (「森林复盖率」) costs a little, not the whole name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from retrieval.tokenizing import normalize_text

# Question words that say nothing about which row is meant.
ENGLISH_FILLER = re.compile(
    r"\b(what|which|is|are|was|the|of|in|at|for|to|a|an|how|many|much|does|did|do|target|rate|value|"
    r"station|stations|please|answer|english|and|or|h1|year)\b"
)
FILLER = re.compile(
    r"百分之几|百分之多少|属于|还是|约束性|预期性|参考性|是多少|多少|是什么|什么|哪些|哪个|哪项|有没有|是否|了吗|吗|呢|请问|分别|要求|目标|现状值|现状|"
    r"完成了|完成|情况|进展|进度|怎么样|如何|怎么|由哪个|哪个|单位|部门|牵头|负责|什么时候|期限|时间|"
    r"还差|距离|相差|差多少|高多少|低多少|个百分点|百分点|几[个项类次家条座台]?|是谁|谁|"
    r"咋样|搞得|做得|怎么样|了|要|属性|分值|[一二三四]季度|全年|完成时间|时限|指标值|达标了|达标|"
    r"20\d\d年?|年度|上半年|1-6月|中的|这项|这个|该项|那项|那个|实际上|实际|任务|指标|项目|江门市|江门|海门市|海门|规划|表中|表|的"
)
MIN_COVERAGE = 0.45


@dataclass(frozen=True)
class RowMatch:
    table: str  # "tasks" or "indicators"
    index: int  # row label in that frame
    coverage: float


class RowIndex:
    """Bigram index over the task and indicator rows."""

    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        self.rows: list[tuple[str, int, set[str]]] = []
        for table, columns in (
            ("tasks", ("task", "content", "requirement", "progress", "region", "lead_units")),
            ("indicators", ("full_name", "target_text", "standard_text", "category")),
        ):
            frame = frames[table]
            for index, row in frame.iterrows():
                text = " ".join(str(row[c]) for c in columns if isinstance(row[c], str))
                self.rows.append((table, index, _features(text)))
        df = Counter(b for _, _, grams in self.rows for b in grams)
        n = len(self.rows) or 1
        self.idf = {b: math.log(1 + n / count) for b, count in df.items()}
        self.max_idf = math.log(1 + n)

    def best(self, question: str, allowed: set[tuple[str, int]] | None = None, top: int = 3) -> list[RowMatch]:
        """Rows covering most of the question's distinctive words, best first."""
        grams = _features(ENGLISH_FILLER.sub(" ", FILLER.sub(" ", normalize_text(question))))
        # a bigram no row has is as distinctive as can be, and unmatched: it lowers every coverage
        weights = {g: self.idf.get(g, self.max_idf) for g in grams}
        total = sum(w for w in weights.values()) or 1.0
        scored = []
        for table, index, row_grams in self.rows:
            if allowed is not None and (table, index) not in allowed:
                continue
            covered = sum(w for g, w in weights.items() if g in row_grams)
            if covered:
                scored.append(RowMatch(table, index, covered / total))
        scored.sort(key=lambda m: -m.coverage)
        return [m for m in scored[:top] if m.coverage >= MIN_COVERAGE]

    def best_sentence(self, question: str, text: str) -> str:
        """The sentence of `text` that shares the most of the question's distinctive bigrams."""
        grams = _features(FILLER.sub(" ", normalize_text(question)))
        sentences = [s.strip() for s in re.split(r"(?<=[。；;！？])|\n", text) if s.strip()]
        return max(sentences, key=lambda s: sum(self.idf.get(g, 0.0) for g in grams & _features(s)), default="")


def _features(text: str) -> set[str]:
    """Characters and bigrams of the Chinese runs; whole tokens of the Latin ones (pm2.5)."""
    chunks = re.findall(r"[\u4e00-\u9fff]+|[a-z0-9.]+", normalize_text(text))
    features: set[str] = set()
    for chunk in chunks:
        if chunk.isascii():
            features.add(chunk)
        else:
            features.update(chunk)
            features.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
    return features
