"""Table rows as search text: 「区域：蓬江区；主要任务：…；工作进展情况：…」.

Raw grids from the loaders are messy (see `corpus.model.Table`): row 0 is the header, some
tables have a second header row (「一季度 二季度 …」 under 「形象进度安排」), merged cells come
out as "" and some rows have fewer or more cells than the header. This module does just
enough to give every row its column names and its region; `structured/` does the real
parsing.

>>> rows = [["区域", "主要任务", "进展"], ["蓬江区", "建污水管网。", "按进度推进。"], ["", "建站。", "滞后。"]]
>>> [r.text for r in labelled_rows(rows)][1]
'区域：蓬江区；主要任务：建站。进展：滞后。'
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# Leading columns whose empty (merged) cells take the value above them: 序号, 区域, 领域….
CARRY_DOWN_COLUMNS = 3
# A second header row holds only short labels without digits (「一季度」, 「目标值」).
SUBHEADER_MAX_CHARS = 8
_SENTENCE_END = ("。", "；", "！", "？", ";", "!", "?")


@dataclass(frozen=True)
class LabelledRow:
    """One data row: (column name, cell text) pairs, and the row's index in the raw grid."""

    index: int
    cells: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        return join_cells(self.cells)


def join_cells(cells: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """「列名：值；列名：值」, without doubling the punctuation a cell already ends with."""
    parts: list[str] = []
    for label, value in cells:
        if not value:
            continue
        if parts and not parts[-1].endswith(_SENTENCE_END):
            parts.append("；")
        parts.append(f"{label}：{value}" if label else value)
    return "".join(parts)


def clean_cell(cell: str) -> str:
    """Join a cell's lines; vertical text (「生\\n态\\n制\\n度」) and split labels join without a break."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    if not lines:
        return ""
    if len(lines) > 1 and all(len(line) <= 2 for line in lines):
        return "".join(lines)
    return "\n".join(lines)


def header_labels(rows: list[list[str]]) -> tuple[list[str], int]:
    """Column names from the header row(s) and how many header rows there are.

    A second header row is merged in: where it is wider, the first header cell above its
    labels spans them (「形象进度安排·一季度」 …).
    """
    first = [_label(c) for c in rows[0]]
    if len(rows) < 2 or not _is_subheader(rows[1]):
        return first, 1
    second = [_label(c) for c in rows[1]]
    extra = max(len(second) - len(first), 0)
    start = next(i for i, c in enumerate(second) if c)
    labels = first[:start]
    if start < len(first):
        labels += [f"{first[start]}·{second[start + k]}".strip("·") for k in range(extra + 1)]
        labels += first[start + 1 :]
    for i, sub in enumerate(second):  # same width: stack the labels
        if sub and i < len(labels) and not labels[i].endswith(sub):
            labels[i] = f"{labels[i]}·{sub}".strip("·")
    return labels, 2


def labelled_rows(rows: list[list[str]]) -> list[LabelledRow]:
    """Every data row with its column names; merged leading cells carry the value from above."""
    if not rows:
        return []
    labels, header_count = header_labels(rows)
    previous: dict[str, str] = {}
    result = []
    for index in range(header_count, len(rows)):
        cells = [clean_cell(c) for c in rows[index]]
        if not any(cells):
            continue
        pairs = _merge_same_labels(_align(labels, cells))
        carried = []
        for position, (label, value) in enumerate(pairs):
            if position < CARRY_DOWN_COLUMNS:
                value = value or previous.get(label, "")
                previous[label] = value
            carried.append((label, value))
        result.append(LabelledRow(index=index, cells=tuple(carried)))
    return result


def _label(cell: str) -> str:
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    return "".join(lines)


def _is_subheader(row: list[str]) -> bool:
    filled = [c.strip() for c in row if c.strip()]
    return (
        bool(filled)
        and not row[0].strip()
        and all(len(c) <= SUBHEADER_MAX_CHARS and not re.search(r"\d", c) for c in filled)
    )


def _align(labels: list[str], cells: list[str]) -> list[tuple[str, str]]:
    """Pair cells with column names. A row with a different number of cells than the header
    keeps the first two columns (the row's keys) on the left and the rest on the right; cells
    left over in the middle take the name of the column to their left."""
    if len(cells) == len(labels):
        return list(zip(labels, cells, strict=True))
    head = min(2, len(cells), len(labels))
    tail = min(len(cells), len(labels)) - head
    pairs = list(zip(labels[:head], cells[:head], strict=True))
    middle = cells[head : len(cells) - tail]
    pairs += [(pairs[-1][0] if pairs else "", value) for value in middle]
    if tail:
        pairs += list(zip(labels[-tail:], cells[-tail:], strict=True))
    return pairs


def _merge_same_labels(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    merged: list[tuple[str, str]] = []
    for label, value in pairs:
        if merged and merged[-1][0] == label and label:
            joined = " ".join(v for v in (merged[-1][1], value) if v)
            merged[-1] = (label, joined)
        else:
            merged.append((label, value))
    return tuple(merged)
