"""Chinese policy-text conventions: inline clean-up, heading patterns, PDF line joins.

Headings in these documents are inconsistent (Markdown `#` counts disagree with the
numbering), so a heading's rank comes from its numbering pattern, not from `#`:

>>> heading_rank("第五章 系统推进污染治理攻坚")
1
>>> heading_rank("（二）打好碧水保卫战")
4
>>> heading_rank("3.22亿立方米以内") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc

_NUM = "一二三四五六七八九十百零〇两"

# Rank 0 is reserved for document-level headings (Markdown titles, 附件N).
HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^第[{_NUM}\d]+[章篇]")),
    (2, re.compile(rf"^第[{_NUM}\d]+节")),
    (3, re.compile(rf"^[{_NUM}]+\s*、")),
    (4, re.compile(rf"^[（(]\s*[{_NUM}]+\s*[）)]")),
    (5, re.compile(r"^\d{1,2}\s*[、.．](?!\d)")),
    (6, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
]
ANNEX_PATTERN = re.compile(r"^附件\s*\d*\s*$")
MAX_HEADING_CHARS = 50
MAX_LEAD_CHARS = 40
CLAUSE_HEADING_CHARS = 30  # a numbered line longer than this with a clause break and no ending is a cut paragraph
SENTENCE_END = "。！？!?；;：:”」』）)]】"
# A paragraph shorter than this that lacks final punctuation is a title, not a cut sentence
# (an official-document line holds 28 characters).
MIN_CUT_PARAGRAPH_CHARS = 25


def normalize_text(text: str) -> str:
    """The form every comparison of words uses: NFKC, lower case, simplified Chinese.

    >>> normalize_text("（一）ＰＭ２．５年均濃度達標")
    '(一)pm2.5年均浓度达标'
    """
    return to_simplified(unicodedata.normalize("NFKC", text).lower())


_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# a count in words before the thing counted (「五期工程」「两座水厂」「十二个镇」), not 「一企一策」 or 「十三五」
COUNTED = "期|座|家|条|台|项|所|处|批|辆|艘|套|宗|个|公里|千米|吨|蒸吨"  # what is counted (「五期」「两座」)
COUNT_IN_WORDS = re.compile(
    rf"(?<![一二两三四五六七八九十百千万])([一二两三四五六七八九]?十?[一二三四五六七八九]?)(?=({COUNTED}))"
)


def fold_counts(text: str) -> str:
    """Counts written in words as digits, so 「五期」 and 「5期」 compare equal (1–99).

    >>> fold_counts("荷塘镇污水处理厂五期、十二个镇、两座、二十五家、一企一策")
    '荷塘镇污水处理厂5期、12个镇、2座、25家、一企一策'
    """

    def digits(match: re.Match) -> str:
        word = match.group(1)
        if not word:
            return word
        if "十" not in word:
            return str(_DIGIT[word]) if len(word) == 1 else word
        tens, _, ones = word.partition("十")
        return str(_DIGIT.get(tens, 1) * 10 + _DIGIT.get(ones, 0)) if len(tens) <= 1 and len(ones) <= 1 else word

    return COUNT_IN_WORDS.sub(digits, text)


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (「區」「達標」 → 区、达标), by OpenCC's tables
    (`opencc-python-reimplemented`, Apache-2.0); text without a traditional character, which is
    nearly all of it, is returned at once.

    >>> to_simplified("鶴山區PM10達標了嗎"), to_simplified("鹤山区")
    ('鹤山区PM10达标了吗', '鹤山区')
    """
    if _traditional().isdisjoint(text):
        return text
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """The characters OpenCC's character table turns into another one."""
    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = (line.split("\t", 1) for line in table.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return frozenset(key for key, values in pairs if values.split() and values.split()[0] != key)


def clean_inline(text: str) -> str:
    """Remove export markup (Markdown emphasis, <sub>/<sup>, LaTeX units) but keep the words.

    >>> clean_inline("PM <sub>2.5</sub> 年均浓度 (μg/m <sup>3</sup> )")
    'PM2.5 年均浓度 (μg/m3)'
    >>> clean_inline("**关注民生、绿色发展。**坚持问题导向")
    '关注民生、绿色发展。坚持问题导向'
    """
    text = re.sub(r"\s*<su[bp]>\s*(.*?)\s*</su[bp]>", r"\1", text)
    text = re.sub(r"\$\s*(.*?)\s*\$", lambda m: _latex_to_text(m.group(1)), text)
    text = text.replace("**", "").replace("\\*", "*")
    text = re.sub(r"\s+\)", ")", text)
    return text.strip()


def _latex_to_text(latex: str) -> str:
    latex = latex.replace("\\mu", "μ")
    latex = re.sub(r"\\text\{(.*?)\}", r"\1", latex)
    latex = latex.replace("^", "").replace("{", "").replace("}", "")
    return latex.replace(" ", "")


def strip_markdown_heading(line: str) -> tuple[int, str]:
    """Return (number of leading '#', the line without them and without emphasis)."""
    match = re.match(r"^(#{1,6})\s+(.*)$", line.strip())
    if not match:
        return 0, clean_inline(line)
    return len(match.group(1)), clean_inline(match.group(2))


def heading_rank(text: str) -> int | None:
    """The rank of a heading by its numbering pattern (1 = 章 … 6 = （1）), or None."""
    text = text.strip()
    if ANNEX_PATTERN.match(text):
        return 0
    for rank, pattern in HEADING_PATTERNS:
        if pattern.match(text):
            return rank
    return None


def split_heading(text: str, markdown_level: int = 0) -> tuple[int | None, str | None]:
    """Decide whether a paragraph is (or starts with) a heading.

    Returns (rank, heading_text). A short numbered line is a heading; a long numbered
    paragraph whose first sentence is short carries that sentence as a lead heading
    (「1．精准治理工业VOCs。一是…」 → 「1．精准治理工业VOCs」). A Markdown heading
    without numbering is a document-level heading (rank 0).
    """
    text = text.strip()
    rank = heading_rank(text)
    if rank is None:
        if markdown_level and len(text) <= MAX_HEADING_CHARS:
            return 0, text
        return None, None
    body = text.rstrip("。")
    if text.endswith(("；", ";")) and "。" not in body:
        return None, None  # 「2.浓度低于…的为未达标；」: an item of a list (a table's note), text, no heading
    if (
        "，" in body
        and "。" not in body
        and len(text) > CLAUSE_HEADING_CHARS
        and not text.endswith(tuple(SENTENCE_END))
    ):
        # 「（一）以VOCs…为重点，深入开展…，力争2025年优良天数」 runs on past the line's end: its first clause
        # leads the paragraph the next lines finish
        lead = body.split("，", 1)[0]
        return (rank, lead) if len(lead) <= MAX_LEAD_CHARS else (None, None)
    if len(text) <= MAX_HEADING_CHARS and "。" not in body:
        return rank, body
    lead = text.split("。", 1)[0]
    if len(lead) <= MAX_LEAD_CHARS:
        return rank, lead
    return None, None


def is_cut_sentence(paragraph: str) -> bool:
    """True when a paragraph ends mid-sentence, as PDF page breaks leave them."""
    paragraph = paragraph.rstrip()
    if len(paragraph) < MIN_CUT_PARAGRAPH_CHARS or re.search(r"\s{2,}", paragraph):
        return False  # a title, or a laid-out line such as a signature
    return not paragraph.endswith(tuple(SENTENCE_END))


def join_broken_lines(first: str, second: str) -> str:
    """Join two pieces of one sentence; no space between Chinese characters."""
    first, second = first.rstrip(), second.lstrip()
    if first and second and first[-1].isascii() and second[0].isascii():
        return f"{first} {second}"
    return first + second


def abbreviates(short: str, name: str) -> bool:
    """「住建局」 for 「市住房城乡建设局」, 「市场监管局」 for 「市市场监督管理局」: a department's short name keeps its
    first and last characters and some of the others, in order (with or without the city's 市)."""
    return any(
        3 <= len(s) < len(n) and s[0] == n[0] and s[-1] == n[-1] and _in_order(s, n)
        for s in {short, short.removeprefix("市")}
        for n in {name.strip(), name.strip().removeprefix("市")}
    )


def _in_order(short: str, name: str) -> bool:
    rest = iter(name)
    return all(char in rest for char in short)
