"""An answer with its facts and sources as Markdown or an Excel workbook; any tables as a workbook.

Both are written from the answer contract's dict (DESIGN.md §4), so a saved conversation exports the
same way as the answer just given. Text from documents is escaped in the Markdown (links stay text).
"""

from __future__ import annotations

import io
import re

import pandas as pd

from ui import markdown
from ui.tableview import EMPTY, TABLE_NAMES, cell

ROUTE_NAMES = {"structured": "表格计算", "retrieval": "原文检索", "mixed": "表格计算＋原文", "refusal": "未找到依据"}
FACT_HEADERS = ["表", "区域", "项目", "数值", "目标", "单位", "状态", "年份", "说明", "来源"]
SOURCE_HEADERS = ["序号", "文件", "位置", "引文"]


def facts_frame(answer: dict) -> pd.DataFrame:
    """The computed facts under Chinese headers; 来源 names the document, not only the row."""
    titles = {c["doc_id"]: c["title"] for c in answer.get("citations", [])}
    rows = []
    for fact in answer.get("facts", []):
        source = fact.get("source") or {}
        title = titles.get(source.get("doc_id", ""), source.get("doc_id", ""))
        rows.append(
            [
                TABLE_NAMES.get(fact.get("table", ""), cell(fact.get("table"))),
                cell(fact.get("region")), cell(fact.get("item")), cell(fact.get("value")), cell(fact.get("target")),
                cell(fact.get("unit")), cell(fact.get("status")), cell(fact.get("year")), cell(fact.get("note")),
                f"《{title}》{source.get('locator', '')}" if title else EMPTY,
            ]
        )  # fmt: skip
    return pd.DataFrame(rows, columns=FACT_HEADERS)


def sources_frame(answer: dict) -> pd.DataFrame:
    rows = [
        [n, c.get("title", ""), c.get("section", "") or EMPTY, c.get("quote", "")]
        for n, c in enumerate(answer.get("citations", []), start=1)
    ]
    return pd.DataFrame(rows, columns=SOURCE_HEADERS)


def answer_markdown(answer: dict) -> str:
    """The question, the answer, the facts table and the sources, as one Markdown document."""
    lines = [
        f"# {markdown.escape(answer.get('question', ''))}",
        "",
        markdown.escape(answer.get("answer", "")).replace("\n", "  \n"),
        "",
        f"*回答方式：{markdown.escape(ROUTE_NAMES.get(answer.get('route', ''), answer.get('route', '')))}"
        f"（{markdown.escape(answer.get('backend', ''))}）*",
    ]
    facts = facts_frame(answer)
    if len(facts):
        lines += ["", "## 计算所用数据", "", markdown.table(FACT_HEADERS, facts.values.tolist())]
    if answer.get("citations"):
        lines += ["", "## 来源", ""]
        for n, c in enumerate(answer["citations"], start=1):
            where = f"《{c.get('title', '')}》{c.get('section', '')}"
            lines += [f"{n}. {markdown.escape(where)}", "", f"   > {markdown.escape(c.get('quote', ''))}", ""]
    return "\n".join(lines).rstrip() + "\n"


def answer_workbook(answer: dict) -> bytes:
    """Sheets 回答, 计算数据 and 来源 of one answer."""
    summary = pd.DataFrame(
        [
            ["问题", answer.get("question", "")],
            ["回答", answer.get("answer", "")],
            ["回答方式", ROUTE_NAMES.get(answer.get("route", ""), answer.get("route", ""))],
            ["模型", answer.get("backend", "")],
        ],
        columns=["项目", "内容"],
    )
    sheets = {"回答": summary, "计算数据": facts_frame(answer), "来源": sources_frame(answer)}
    return workbook(sheets, {"回答": [12, 100], "来源": [6, 40, 28, 90]})


def workbook(sheets: dict[str, pd.DataFrame], widths: dict[str, list[int]] | None = None) -> bytes:
    """An .xlsx of the given sheets, headers bold, long text wrapped; `widths` in characters per column."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "A2"
            given = (widths or {}).get(name, [])
            for index, column in enumerate(frame.columns):
                longest = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
                width = given[index] if index < len(given) else min(max(8, longest + 2), 60)
                sheet.column_dimensions[get_column_letter(index + 1)].width = width
            for row in sheet.iter_rows(min_row=2):
                for entry in row:
                    entry.alignment = Alignment(wrap_text=True, vertical="top")
                    _as_number(entry)
            for entry in sheet[1]:
                entry.font = Font(bold=True)
    return buffer.getvalue()


EXCEL_DIGITS = 15
FIGURE = re.compile(r"^-?(0|[1-9]\d*)(\.(\d+))?(%?)$")  # 「9.25%」「0.55」「2023」; not 「007」 nor 「2023-09-30」


def _as_number(entry) -> None:
    """A cell holding a figure as text becomes the number, shown as the document writes it (「9.25%」 is
    0.0925 formatted 0.00%), so Excel sorts and sums it."""
    found = FIGURE.match(entry.value) if isinstance(entry.value, str) else None
    if found is None or len(entry.value.replace(".", "").lstrip("-")) > EXCEL_DIGITS:
        return  # a code of many digits (统一社会信用代码) stays text: Excel keeps 15 digits
    places = len(found.group(3) or "")
    number = float(entry.value.rstrip("%"))
    if found.group(4):
        entry.value = number / 100
        entry.number_format = f"0{'.' + '0' * places if places else ''}%"
    else:
        entry.value = number if places else int(number)
        entry.number_format = f"0.{'0' * places}" if places else "0"
