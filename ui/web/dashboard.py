"""The 任务进度 tab: one set of filters for the table, its Excel export and all four charts."""

from __future__ import annotations

import re

import gradio as gr
import pandas as pd

from assistant.pipeline import PolicyAssistant
from corpus.glossary import STATUS_LABELS
from ui import exports, tableview
from ui.tableview import TABLE_NAMES, Filters
from ui.web import charts
from ui.web.files import export_file

ALL = "全部"
STATUS_STYLE = {  # the 状态 cell: the chart colours, light enough to read text on
    "completed": "background-color: #d7eed9; color: #1b5e20",
    "on_track": "background-color: #eaf6eb; color: #2e7d32",
    "basically_on_track": "background-color: #fff1c7; color: #7a5200",
    "lagging": "background-color: #fbd5d3; color: #b71c1c",
    "not_started": "background-color: #fbd5d3; color: #b71c1c",
    "not_met": "background-color: #f6c3c0; color: #7f0000; font-weight: 600",
}
BEHIND_ROW = "background-color: #fff5f4"
CHARTS = (
    ("stations", "站点读数与目标（微克/立方米）", "chart-stations", charts.station_readings),
    ("funds", "专项资金执行率（%）", "chart-funds", charts.fund_rates),
    ("tasks", "任务完成率（%，文件所列）", "chart-rates", charts.task_rates),
    ("tasks", "各区县任务状态（子项数）", "chart-status", charts.status_counts),
)


def dashboard_tab(assistant: PolicyAssistant):
    """Build the tab; returns (refresh, inputs, outputs) so the page fills it when it opens."""
    tasks, funds, stations = (assistant.table_rows(n) for n in ("tasks", "funds", "stations"))
    years = sorted({int(y) for y in tasks["year"].dropna()} | {int(y) for y in funds["fund_year"].dropna()})
    regions = sorted(set(tasks["region"]) | set(stations["region"]) | set(funds["region"]) - {""})
    with gr.Row(equal_height=True):
        table = gr.Dropdown(
            [(label, key) for key, label in TABLE_NAMES.items()], value="tasks", label="表格", elem_id="table-choice"
        )
        year = gr.Dropdown([ALL, *map(str, years)], value=ALL, label="年份", elem_id="year-filter")
        region = gr.Dropdown([ALL, *regions], value=ALL, label="区域", elem_id="region-filter")
        status = gr.Dropdown(
            [ALL, *[(label, key) for key, label in STATUS_LABELS.items()]], value=ALL, label="状态",
            elem_id="status-filter",
        )  # fmt: skip
        key_only = gr.Checkbox(label="只看【重点考核】", value=False, elem_id="key-filter")
    with gr.Row(equal_height=True):
        summary = gr.Markdown(elem_id="dashboard-summary")
        export = gr.DownloadButton("导出当前表格（Excel）", variant="secondary", elem_id="dashboard-export", scale=0)
    view = gr.Dataframe(
        label="表格（按筛选条件；进度滞后、未达要求的行底色偏红）", interactive=False, wrap=True, max_height=560,
        elem_id="dashboard-table", buttons=["fullscreen"],
    )  # fmt: skip
    chart_outputs: list[gr.components.Component] = []
    for pair in (CHARTS[:2], CHARTS[2:]):
        with gr.Row(equal_height=False):
            for _, label, elem_id, _ in pair:
                with gr.Column(elem_id=elem_id, elem_classes="dashboard-chart"):
                    gr.Markdown(f"**{label}**")
                    note = gr.Markdown(visible=False, elem_classes="chart-empty")
                    plot = gr.Plot(show_label=False, visible=False)
                    caption = gr.Markdown(visible=False, elem_classes="chart-caption")
                chart_outputs += [note, plot, caption]

    def refresh(table_name: str, year_value: str, region_value: str, status_value: str, key: bool):
        filters = Filters(
            year=None if year_value in (ALL, None) else int(year_value),
            region=None if region_value in (ALL, None) else region_value,
            status=None if status_value in (ALL, None) else status_value,
            key_only=bool(key),
        )
        frame = selected(assistant, table_name, filters)
        updates = [
            _summary(table_name, frame, filters),
            _styled(table_name, frame),
            _export(table_name, frame, filters),
        ]
        for name, _, _, draw in CHARTS:
            chart = draw(selected(assistant, name, filters), filters.describe(), _no_marks(name, filters))
            updates += [
                gr.update(value=chart.empty, visible=bool(chart.empty)),
                gr.update(value=chart.plot, visible=chart.plot is not None),
                gr.update(value=chart.caption, visible=bool(chart.caption)),
            ]
        return updates

    inputs = [table, year, region, status, key_only]
    outputs = [summary, view, export, *chart_outputs]
    for control in inputs:
        control.change(refresh, inputs, outputs, show_progress="hidden")
    return refresh, inputs, outputs


def selected(assistant: PolicyAssistant, name: str, filters: Filters) -> pd.DataFrame:
    """The rows of table `name` the filters select (with each row's status key in `_status`)."""
    return filters.apply(name, assistant.table_rows(name, region=filters.region, year=filters.year))


def _no_marks(name: str, filters: Filters) -> str:
    """Why a table has no rows under 只看【重点考核】 when it never marks any."""
    if filters.key_only and name in ("funds", "indicators"):
        return f"{TABLE_NAMES[name]}表没有【重点考核】标记（已勾选「只看【重点考核】」）"
    return ""


def _summary(name: str, frame: pd.DataFrame, filters: Filters) -> str:
    scope = f"（{filters.describe()}）" if filters.describe() else "（全部）"
    text = f"**{TABLE_NAMES[name]}**：{len(frame)} 行{scope}"
    counts = frame["_status"].value_counts() if len(frame) else {}
    shown = [f"{STATUS_LABELS[k]} {counts[k]}" for k in STATUS_LABELS if k in counts and k != "unknown"]
    if shown and "unknown" in counts:  # the counts add up to the rows: those the document gives no status
        shown.append(f"文件未写状态 {counts['unknown']}")
    if shown:
        text += "　" + "，".join(shown)
    if not len(frame):
        text += "　" + (_no_marks(name, filters) or "没有符合条件的行，请放宽筛选条件。")
    return text


def _styled(name: str, frame: pd.DataFrame):
    shown = tableview.view(name, frame).reset_index(drop=True)
    keys = list(frame["_status"]) if len(frame) else []
    status_column = list(shown.columns).index("状态")

    def colour(row: pd.Series) -> list[str]:
        key = keys[row.name]
        base = BEHIND_ROW if key in tableview.BEHIND else ""
        return [STATUS_STYLE.get(key, base) if i == status_column else base for i in range(len(row))]

    styled = shown.style.apply(colour, axis=1) if len(shown) else shown
    return gr.update(value=styled, column_widths=[f"{w}px" for w in tableview.widths(name)])


def _export(name: str, frame: pd.DataFrame, filters: Filters) -> str:
    """The filtered table as an .xlsx (every column), named after the table and the filters."""
    label = "_".join(filter(None, [TABLE_NAMES[name], re.sub(r"[＝、【】\s]+", "", filters.describe())]))
    sheet = TABLE_NAMES[name]
    data = exports.workbook(
        {sheet: tableview.view(name, frame)}, {sheet: [max(6, w // 9) for w in tableview.widths(name)]}
    )
    return export_file(f"{label}.xlsx", data)
