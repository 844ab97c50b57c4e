"""Tables of one document that share a header, read as one table with a column for what tells them apart: a
workbook with a sheet a quarter (「第一季度」「第二季度」…), a report with a table under each 断面's heading
(「（一）沅水托口断面（洪江市，国控）」). Asked across them (「通道县四个季度的PM2.5」「哪个断面总磷最高」), their rows
are one table's; asked of one (「二季度洪江市PM10」), the column picks its rows.

>>> [(t.rows[2][0], t.rows[2][-1]) for t, _ in stack_siblings(workbook)]  # doctest: +SKIP
[('鹤城区', '第一季度')]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from corpus.glossary import canonical_pollutant
from corpus.model import Document, Table
from corpus.tables import header_rows, is_note_row, table_label

# a period a caption names: 「第二季度」「5月」「上半年」「1-6月」
PERIOD_SAID = re.compile(
    r"第?[一二三四1-4]季度|[上下]半年|\d{1,2}\s*[-—–至]\s*\d{1,2}\s*月|(?<![\d\-—–至])\d{1,2}月份?"
)
# a heading's number: 「（一）」「一、」「1.」
NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+\s*[.、．])\s*")
BRACKETED_ANYWHERE = re.compile(r"[（(][^）)]*[）)]")
YEAR_SAID = re.compile(r"20\d\d(?=\s*年)")
BRACKETED = re.compile(r"[（(].*$")  # what a name says after it in brackets (「（沅陵县，国控（湖库））」)
MIN_SIBLINGS = 2
PERIOD_HEADERS = ("季度", "月份", "时段")  # the column's header when a period tells the tables apart


def stack_siblings(document: Document, stackable=lambda table: True) -> list[tuple[Table, list[str]]]:
    """The document's tables, each with where its body rows are cited (「工作表「第二季度」 第3行」) when stacked: those
    sharing a header (two or more `stackable` ones, told apart by a period of their captions, their headings or their
    sheets) each group replaced by one table in the first one's place; the others as they are, with no places."""
    groups: dict[tuple[str, ...], list[Table]] = {}
    for table in filter(stackable, document.tables):
        headers, start = header_rows(table.rows)
        if headers and start < len(table.rows):
            groups.setdefault(tuple(map(_header_form, headers)), []).append(table)
    stacked: dict[int, tuple[Table, list[str]]] = {}
    merged: set[int] = set()
    for group in groups.values():
        told = _told_apart(group) if len(group) >= MIN_SIBLINGS and not _units_differ(group) else None
        if told is None:
            continue
        stacked[id(group[0])] = _stack(document, group, *told)
        merged |= {id(t) for t in group}
    return [stacked.get(id(t), (t, [])) for t in document.tables if id(t) not in merged or id(t) in stacked]


def _header_form(header: str) -> str:
    """A column's header as sheets of one series write it alike: 「PM2.5浓度」 and 「主要污染物浓度（微克/立方米）·PM2.5」
    are PM2.5; any other header whole, without its unit (which `_units_differ` compares: 「PM2.5·浓度」 and
    「SO2·浓度」 differ, 「总投资（万元）」 and 「总投资（亿元）」 are the same header in two units)."""
    lowest = BRACKETED_ANYWHERE.sub("", header.rpartition("·")[2]).strip()
    pollutant = canonical_pollutant(re.sub(r"(年均|月均|平均)?浓度$|均值$", "", lowest))
    return pollutant or BRACKETED_ANYWHERE.sub("", header).strip()


def _units_differ(group: list[Table]) -> bool:
    """Whether two of the tables state different units for one column (「（万元）」 and 「（亿元）」)."""
    stated = [[BRACKETED_ANYWHERE.findall(h) for h in header_rows(t.rows)[0]] for t in group]
    width = min(map(len, stated))
    return any(len({tuple(units[k]) for units in stated if units[k]}) > 1 for k in range(width))


def _told_apart(group: list[Table]) -> tuple[str, list[str], str] | None:
    """(the column's header, each table's value, the caption the whole keeps) — or None when nothing tells the tables
    apart, or they are of different years (「（一）2088年」「（二）2089年」: each its own year's table)."""
    years = {tuple(YEAR_SAID.findall(" ".join([t.caption, *t.heading_path[-1:]]))) for t in group} - {()}
    if len(years) > 1:  # (a caption that says no year is of any)
        return None
    said = [PERIOD_SAID.findall(t.caption) for t in group]
    shared = set.intersection(*map(set, said))  # (「第三季度…月报（2087年7月…）」: the quarter is all of theirs)
    periods = [[p for p in ps if p not in shared] for ps in said]
    if all(len(p) == 1 for p in periods) and len({p[0] for p in periods}) == len(group):
        values = [p[0] for p in periods]
        kind = _period_kind(values)
        if not kind:
            return None  # 「5月」 beside 「1-5月」: a month and the months to it, not one period each
        caption = re.sub(r"\s{2,}", " ", group[0].caption.replace(values[0], "", 1)).strip()
        return kind, values, caption
    headings = [NUMBERING.sub("", t.heading_path[-1]).strip() if t.heading_path else "" for t in group]
    if all(headings) and len(set(headings)) == len(group) and len({t.heading_path[:-1] for t in group}) == 1:
        # (each caption its own heading: the whole is the document's, by its title)
        noun = _noun(headings)
        noun = noun if noun not in header_rows(group[0].rows)[0] else f"{noun}（分表）"  # (a 类别 column of its own)
        return noun, headings, group[0].caption if len({t.caption for t in group}) == 1 else ""
    sheets = [t.sheet for t in group]
    if all(sheets) and len(set(sheets)) == len(group) and len({t.caption for t in group}) == 1:
        return "工作表", sheets, group[0].caption
    return None


def _period_kind(values: list[str]) -> str:
    """The header of periods of one kind — 季度, 月份, or 时段 for halves or spans that do not overlap — else ""."""
    if all("季度" in v for v in values):
        return PERIOD_HEADERS[0]
    if all(re.fullmatch(r"\d+月份?", v) for v in values):
        return PERIOD_HEADERS[1]
    if all("半年" in v for v in values):
        return PERIOD_HEADERS[2]
    spans = [tuple(map(int, re.findall(r"\d+", v))) for v in values]
    if all(len(s) == 2 for s in spans):
        ordered = sorted(spans)
        if all(a[1] < b[0] for a, b in itertools.pairwise(ordered)):  # 「1-3月」「4-6月」, not 「1-3月」「1-6月」
            return PERIOD_HEADERS[2]
    return ""


def _noun(names: list[str]) -> str:
    """The noun the names end in alike (「…托口断面（洪江市，国控）」: 断面), else 「类别」 (「（一）工业企业」「（二）建筑
    工地」: the kinds of rows each table holds)."""
    bare = [BRACKETED.sub("", n) for n in names]
    end = bare[0][-2:]
    return end if len(end) == 2 and all(b.endswith(end) for b in bare) else "类别"


def _stack(
    document: Document, group: list[Table], header: str, values: list[str], caption: str
) -> tuple[Table, list[str]]:
    """One grid: the shared header with the column last (the rows keep their own names; a 合计 row stays one), then
    each table's body rows (no blank nor note rows) with its value — but a section row (「一、工业企业」, one cell
    filled) without it; with where each row is cited in its own table."""
    first = group[0]
    width = max(len(row) for t in group for row in t.rows)
    rows = [[*_padded(row, width), header] for row in first.rows[: header_rows(first.rows)[1]]]  # (merged down)
    origins: list[str] = []
    for table, value in zip(group, values, strict=True):
        start = header_rows(table.rows)[1]  # (one sheet's header may take two rows, another's one)
        body = [row for row in table.rows[start:] if any(c.strip() for c in row) and not is_note_row(row)]
        rows += [[*_padded(row, width), value if sum(bool(c.strip()) for c in row) > 1 else ""] for row in body]
        where = f"工作表「{table.sheet}」" if table.sheet else (f"第{table.page}页 " if table.page else "")
        origins += [f"{where}{table_label(document, table)} 第{k}行" for k in range(1, len(body) + 1)]
    notes = list(dict.fromkeys(n for t in group for n in t.notes))
    sheet = first.sheet if len({t.sheet for t in group}) == 1 else ""
    heading_path = first.heading_path if header in (*PERIOD_HEADERS, "工作表") else first.heading_path[:-1]
    table = replace(
        first, caption=caption, rows=rows, notes=notes, row_lines=[], sheet=sheet, heading_path=heading_path
    )
    return table, origins


def _padded(row: list[str], width: int) -> list[str]:
    return [*row, *[""] * (width - len(row))]
