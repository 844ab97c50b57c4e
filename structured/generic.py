"""Tables of no known kind, made queryable: typed columns, an entity column, a schema as data.

A monthly monitoring sheet (月份 / PM2.5 / PM10 / …), a statistics release (行业 / 增速 …) or a
plan's target table (区县 / 2023年实际值 / 2024年目标值) becomes a generic table: each column
typed from its cells (number with the unit its header states, percent, date, text), the
column that names what a row is about as its entity, and a `TableSchema` built from the
header words, so the planner can filter, rank, sum and look up by them without code for it.

>>> table = generic_table(document, grid, "g1")  # doctest: +SKIP
>>> table.schema.measures["c2"].label, table.schema.measures["c2"].unit  # doctest: +SKIP
('PM2.5', '微克/立方米')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jieba
import pandas as pd

from corpus.gazetteer import canonical_place, gazetteer
from corpus.glossary import canonical_pollutant
from corpus.model import Document, Table
from corpus.tables import header_rows, join_cells, table_label
from corpus.text import normalize_text
from structured.schema import REGION_NOUNS, MeasureSpec, TableSchema

GENERIC_COLUMNS = ["doc_id", "doc_title", "table", "locator", "row_text", "region", "year", "entity"]
NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
UNIT = re.compile(r"[（(]\s*([^（）()]{1,16}?)\s*[)）]\s*$")
MONTH = re.compile(r"^(1[0-2]|[1-9])月(份)?$")
GENERIC_LABEL_WORDS = frozenset({"比例", "变化", "数量", "浓度", "情况", "数值", "指标", "合计", "总计", "占比"})
NUMERIC_SHARE = 0.8  # a column whose filled cells are at least this share numbers holds numbers


@dataclass(frozen=True)
class GenericTable:
    frame: pd.DataFrame
    schema: TableSchema
    meta: dict  # what rebuilds the schema on load: columns, entity, title


def generic_table(document: Document, table: Table, name: str) -> GenericTable | None:
    """The generic table of a grid with a header and at least one numeric column, or None."""
    headers, start = header_rows(table.rows)
    body = [r for r in table.rows[start:] if any(c.strip() for c in r)]
    if len(headers) < 2 or not body:
        return None
    columns = [_column(f"c{k + 1}", header, [r[k] if k < len(r) else "" for r in body]) for k, header in
               enumerate(headers)]  # fmt: skip
    numeric = [c for c in columns if c["kind"] in ("number", "percent")]
    if not numeric:
        return None
    entity = _entity_column(columns, body)
    label = table_label(document, table)
    where = f"工作表「{table.sheet}」" if table.sheet else (f"第{table.page}页 " if table.page else "")
    records = []
    for n, row in enumerate(body, start=1):
        cells = [row[k].strip() if k < len(row) else "" for k in range(len(headers))]
        name_cell = cells[entity["index"]]
        place = canonical_place(name_cell.split("\n")[0]) if name_cell else ""
        record = {
            "doc_id": document.doc_id,
            "doc_title": document.info.title,
            "table": label,
            "locator": f"{where}{label} 第{n}行（{_flat(name_cell) or n}）",
            "row_text": join_cells([(h, _flat(c)) for h, c in zip(headers, cells, strict=True)]),
            "region": place if gazetteer().is_place(place) else document.info.region,
            "year": _year(table.caption, document),
            "entity": _flat(name_cell),
        }
        for column, cell in zip(columns, cells, strict=True):
            record[column["id"]] = _value(cell) if column["kind"] in ("number", "percent") else _flat(cell)
        records.append(record)
    meta = {"name": name, "title": table.caption or document.info.title, "doc_id": document.doc_id,
            "columns": columns, "entity": entity["id"]}  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=[*GENERIC_COLUMNS, *(c["id"] for c in columns)])
    return GenericTable(frame, generic_schema(meta, frame), meta)


def generic_schema(meta: dict, frame: pd.DataFrame) -> TableSchema:
    """The schema of a generic table: its numeric columns are measures named by their header
    words, its entity column is what 「哪个月」「哪个行业」 group by."""
    columns = meta["columns"]
    entity = next(c for c in columns if c["id"] == meta["entity"])
    measures = {
        c["id"]: MeasureSpec(c["id"], c["label"], c["id"], tuple(c["words"]), unit=c["unit"])
        for c in columns
        if c["kind"] in ("number", "percent")
    }
    values = [str(v) for v in frame["entity"]] if "entity" in frame else []
    nouns = {word: "entity" for word in entity["words"]}
    if values and all(MONTH.match(v) for v in values if v):
        nouns |= {"月份": "entity", "月": "entity"}
    if values and all(gazetteer().is_place(canonical_place(v)) for v in values if v):
        nouns |= {word: "region" for word in REGION_NOUNS}
    return TableSchema(
        name=meta["name"],
        title=meta["title"],
        entity="entity",
        entity_label=entity["label"],
        key="row_id",
        measures=measures,
        default_measure=next(iter(measures)),
        nouns=nouns,
        year_column="year",
        match_columns=("entity", "row_text"),
        words=tuple(entity["words"]),
        lexicon={"region": "place", "entity": "entity"},
        labels={"entity": entity["label"], **{c["id"]: c["header"] for c in columns if c["id"] != entity["id"]}},
        generic=True,
    )


def _column(column_id: str, header: str, cells: list[str]) -> dict:
    filled = [c.strip() for c in cells if c.strip() and c.strip() not in ("—", "-", "/")]
    numbers = [c for c in filled if NUMBER.match(c.replace(",", ""))]
    unit_match = UNIT.search(header)
    unit = unit_match.group(1).strip() if unit_match else ""
    label = UNIT.sub("", header).strip() or header
    share = len(numbers) / len(filled) if filled else 0.0
    percent = unit == "%" or (numbers and all(n.endswith("%") for n in numbers))
    kind = ("percent" if percent else "number") if filled and share >= NUMERIC_SHARE else "text"
    if kind == "percent":
        unit = "%"
    return {"id": column_id, "header": header, "label": label, "kind": kind, "unit": unit, "words": _words(label)}


def _words(label: str) -> list[str]:
    """What a question calls a column: its label, the label without a year (「2024年目标值」 →
    「目标值」), its distinctive words (「降尘量」 → 「降尘」, 「同比变化」 → 「同比」), and a
    pollutant's other names (「PM2.5」 → 「细颗粒物」)."""
    words = {label, re.sub(r"^20\d\d\s*年(度)?", "", label).strip()}
    words |= {w for w in jieba.cut(normalize_text(label)) if len(w) >= 2 and w not in GENERIC_LABEL_WORDS}
    pollutant = canonical_pollutant(label)
    if pollutant:
        from corpus.glossary import POLLUTANTS

        words |= {pollutant, *POLLUTANTS.get(pollutant, ())}
    words = {normalize_text(w) for w in words if w}
    return sorted((w for w in words if not re.fullmatch(r"[\d.%年月]+", w)), key=len, reverse=True)


def _entity_column(columns: list[dict], body: list[list[str]]) -> dict:
    """The first text column whose cells mostly differ (月份, 区县, 行业); else the first column."""
    for k, column in enumerate(columns):
        cells = [r[k].strip() for r in body if k < len(r) and r[k].strip()]
        if column["kind"] == "text" and cells and len(set(cells)) >= 0.7 * len(cells):
            return {**column, "index": k}
    return {**columns[0], "index": 0}


def _value(cell: str) -> float | None:
    text = cell.strip().replace(",", "").rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def _year(caption: str, document: Document) -> int | None:
    found = re.search(r"(20\d\d)\s*年", caption or "")
    return int(found.group(1)) if found else document.info.year


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text or "").strip()
