"""The Gradio app, mounted at `/` on the FastAPI server: 问答, 任务进度, 文件.

It calls the same assistant object as the API (loaded once at server start), so the
chat, the dashboard and the API give the same numbers. Text from documents is escaped
before it is shown: it is data, never HTML.
"""

from __future__ import annotations

import html
import logging
import os
import secrets
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home: the machine may be offline

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from assistant.documents import Upload  # noqa: E402
from assistant.pipeline import PolicyAssistant, QuestionError  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from corpus import SUPPORTED_SUFFIXES  # noqa: E402
from corpus.errors import PolicyAssistantError  # noqa: E402
from corpus.glossary import STATUS_LABELS  # noqa: E402
from corpus.model import DOCUMENT_KINDS  # noqa: E402
from ui.web import charts  # noqa: E402

logger = logging.getLogger(__name__)

EXAMPLES = [
    "哪些区县PM10未达标？",
    "海门市2020年PM2.5目标是多少？",
    "恩平市有哪些任务进度滞后？",
    "台山市2023年中央资金环保专项资金执行率是多少？",
    "江门十三五规划对黑臭水体有什么要求？",
    "鹤山PM10为什么没达标，有什么措施？",
]
FACT_HEADERS = ["表", "区域", "项目", "数值", "目标", "单位", "状态", "来源"]
ALL = "全部"
CSS = """
.gradio-container { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; }
footer { display: none !important; }
"""


def mount_web(app: FastAPI, assistant: PolicyAssistant, settings: Settings) -> FastAPI:
    theme = gr.themes.Soft(font=["Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"], font_mono=["monospace"])
    return gr.mount_gradio_app(app, build_blocks(assistant, settings), path="/", theme=theme, css=CSS, footer_links=[])


def build_blocks(assistant: PolicyAssistant, settings: Settings) -> gr.Blocks:
    with gr.Blocks(title="政策文件问答助手") as blocks:
        gr.Markdown(
            "# 政策文件问答助手\n江门市、海门市生态环境政策文件：目标、任务进度、空气质量站点、专项资金和指标。回答附带来源；文件中没有依据时会明确说明。"
        )
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                _chat_tab(assistant)
            with gr.Tab("任务进度", id="dashboard"):
                refresh, inputs, outputs = _dashboard_tab(assistant)
            with gr.Tab("文件", id="documents"):
                _documents_tab(assistant, settings)
        blocks.load(refresh, inputs, outputs)  # the dashboard fills itself when the page opens
    return blocks


# -- 问答 ------------------------------------------------------------------------------------------------------


def _chat_tab(assistant: PolicyAssistant) -> None:
    chatbot = gr.Chatbot(
        label="对话", height=520, elem_id="chatbot", sanitize_html=True, buttons=["copy"], feedback_options=None
    )
    with gr.Row():
        question = gr.Textbox(
            placeholder="输入问题，例如：哪些区县PM10未达标？", show_label=False, scale=8, elem_id="question"
        )
        send = gr.Button("发送", variant="primary", scale=1, elem_id="send")
        clear = gr.Button("清空对话", scale=1)
    backend = gr.Markdown(_backend_note(assistant, None), elem_id="backend")
    facts = gr.Dataframe(headers=FACT_HEADERS, label="计算所用数据（来自表格）", interactive=False, elem_id="facts")
    gr.Examples(EXAMPLES, inputs=question, label="示例问题")

    def respond(message: str, history: list):
        prior = [{"role": m["role"], "content": _text_of(m)} for m in history if not _is_source(m)]
        try:
            answer = assistant.ask(message, prior)
        except QuestionError as exc:
            gr.Warning(str(exc))
            yield history, "", gr.update(), gr.update()
            return
        shown = history + [{"role": "user", "content": html.escape(message)}]
        text = html.escape(answer.answer)
        for end in range(24, len(text) + 24, 24):  # stream the answer as it is written out
            yield shown + [{"role": "assistant", "content": text[:end]}], "", gr.update(), gr.update()
        sources = []
        if answer.citations:  # one box the user can open: every source with the text it quotes
            listing = "\n\n".join(
                f"**{n}.** 《{html.escape(c.title)}》{html.escape(c.section)}\n\n> {html.escape(c.quote)}"
                for n, c in enumerate(answer.citations, start=1)
            )
            sources = [
                {
                    "role": "assistant",
                    "content": listing,
                    "metadata": {"title": f"来源（{len(answer.citations)} 条）", "status": "done"},
                }
            ]
        final = shown + [{"role": "assistant", "content": text}] + sources
        yield final, "", _facts_frame(answer.facts), _backend_note(assistant, answer)

    outputs = [chatbot, question, facts, backend]
    send.click(respond, [question, chatbot], outputs)
    question.submit(respond, [question, chatbot], outputs)
    clear.click(lambda: ([], "", None), None, [chatbot, question, facts])


def _text_of(message: dict) -> str:
    content = message.get("content", "")
    if isinstance(content, list):  # Gradio may hand back content parts
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return html.unescape(str(content))


def _is_source(message: dict) -> bool:
    return bool((message.get("metadata") or {}).get("title"))


def _facts_frame(facts: list[dict]) -> pd.DataFrame:
    rows = [
        [
            f.get("table", ""), f.get("region", ""), f.get("item", ""), _cell(f.get("value")), _cell(f.get("target")),
            f.get("unit", ""), f.get("status", ""), (f.get("source") or {}).get("locator", ""),
        ]
        for f in facts
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=FACT_HEADERS)


def _backend_note(assistant: PolicyAssistant, answer) -> str:
    if answer is None:
        name = assistant.writer.model_name if assistant.writer else "extractive（抽取式，不调用大模型）"
        return f"回答方式：{name}"
    return f"回答方式：{answer.backend}　路由：{answer.route}　用时：{answer.timings_ms.get('total', 0):.0f} 毫秒"


def _cell(value) -> str:
    return "" if value is None else str(value)


# -- 任务进度 ---------------------------------------------------------------------------------------------------

VIEW_COLUMNS = {
    "tasks": {
        "locator": "位置", "region": "区域", "year": "年份", "task": "任务", "deadline": "时限", "status_raw": "进展",
        "rate_stated": "完成率%", "check": "核查", "key_assessment": "重点考核",
    },
    "stations": {
        "region": "区域", "station": "站点", "pollutant": "污染物", "value": "读数", "target": "目标",
        "unit": "单位", "stated_result": "文件结论", "computed_result": "核算",
    },
    "funds": {
        "region": "区域", "fund_year": "资金年度", "level": "级别", "rate": "执行率%", "target": "目标%",
        "target_deadline": "目标期限", "rate_basis": "依据",
    },
    "indicators": {
        "doc_title": "文件", "locator": "位置", "full_name": "指标", "unit": "单位", "current_text": "现状值",
        "standard_text": "指标值", "target_text": "目标", "stated_status": "达标情况", "computed_status": "核算",
    },
}  # fmt: skip
TABLE_NAMES = {"tasks": "任务", "stations": "空气质量站点", "funds": "专项资金", "indicators": "指标"}
BEHIND_LABELS = {"lagging", "not_met", "未达标", "超过目标"}


def _dashboard_tab(assistant: PolicyAssistant):
    years = sorted(
        {int(y) for y in assistant.table_rows("tasks")["year"].dropna()}
        | {int(y) for y in assistant.table_rows("funds")["fund_year"].dropna()}
    )
    regions = sorted(set(assistant.table_rows("tasks")["region"]) | set(assistant.table_rows("stations")["region"]))
    with gr.Row():
        table = gr.Dropdown(
            [(label, key) for key, label in TABLE_NAMES.items()], value="tasks", label="表格", elem_id="table-choice"
        )
        year = gr.Dropdown([ALL, *map(str, years)], value=ALL, label="年份", elem_id="year-filter")
        region = gr.Dropdown([ALL, *regions], value=ALL, label="区域", elem_id="region-filter")
        status = gr.Dropdown([ALL, *[(label, key) for key, label in STATUS_LABELS.items()]], value=ALL, label="状态")
        key_only = gr.Checkbox(label="只看【重点考核】", value=False)
    summary = gr.Markdown(elem_id="dashboard-summary")
    view = gr.Dataframe(label="表格（滞后、未达标的行标红）", interactive=False, wrap=True, elem_id="dashboard-table")
    with gr.Row():
        stations_plot = gr.BarPlot(label="站点读数与目标（微克/立方米）", elem_id="chart-stations")
        funds_plot = gr.BarPlot(label="专项资金执行率（%）", elem_id="chart-funds")
    with gr.Row():
        rates_plot = gr.BarPlot(label="任务完成率（%，文件所列）", elem_id="chart-rates")
        status_plot = gr.BarPlot(label="各区县任务状态（子项数）", elem_id="chart-status")

    def refresh(table_name: str, year_value: str, region_value: str, status_value: str, key: bool):
        year_filter = None if year_value == ALL else int(year_value)
        region_filter = None if region_value == ALL else region_value
        status_filter = None if status_value == ALL else status_value
        frame = assistant.table_rows(table_name, region=region_filter, status=status_filter, year=year_filter)
        if key and "key_assessment" in frame:
            frame = frame[frame["key_assessment"].fillna(False).astype(bool)]
        shown = frame[list(VIEW_COLUMNS[table_name])].rename(columns=VIEW_COLUMNS[table_name])
        note = f"**{TABLE_NAMES[table_name]}**：{len(frame)} 行" + (f"（{region_filter}）" if region_filter else "")
        return (
            note,
            _highlight(shown, frame),
            charts.station_readings(assistant.table_rows("stations"), region_filter, year_filter),
            charts.fund_rates(assistant.table_rows("funds"), region_filter, year_filter),
            charts.task_rates(assistant.table_rows("tasks"), region_filter, year_filter),
            charts.status_counts(assistant.table_rows("tasks"), region_filter, year_filter),
        )

    inputs = [table, year, region, status, key_only]
    outputs = [summary, view, stations_plot, funds_plot, rates_plot, status_plot]
    for control in inputs:
        control.change(refresh, inputs, outputs)
    return refresh, inputs, outputs


def _highlight(shown: pd.DataFrame, frame: pd.DataFrame):
    """Lagging and unmet rows in red: the rows a staff member looks for first."""
    behind = []
    for _, row in frame.iterrows():
        values = {str(row.get(c, "")) for c in ("status", "computed_result", "computed_status")}
        meets = row.get("meets_target")
        behind.append(bool(values & BEHIND_LABELS) or meets is False)
    shown = shown.reset_index(drop=True)

    def color(row):
        return ["background-color: #fde2e1" if behind[row.name] else "" for _ in row]

    return shown.style.apply(color, axis=1)


# -- 文件 ----------------------------------------------------------------------------------------------------------


def _documents_tab(assistant: PolicyAssistant, settings: Settings) -> None:
    listing = gr.Dataframe(
        value=_document_list(assistant), label="已收录的文件", interactive=False, elem_id="document-list"
    )
    with gr.Row():
        choice = gr.Dropdown(_document_choices(assistant), value=None, label="查看文件", elem_id="document-choice")
    reader = gr.Textbox(label="正文（纯文本）", lines=18, max_lines=30, interactive=False, elem_id="document-text")
    gr.Markdown(
        "### 添加文件\n支持 "
        + " ".join(SUPPORTED_SUFFIXES)
        + "。上传需要管理员令牌（POLICY_API_TOKEN）。导入失败时，原有索引保持不变。"
    )
    with gr.Row():
        files = gr.File(
            file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), label="选择文件", elem_id="upload-files"
        )
        token = gr.Textbox(label="管理员令牌", type="password", elem_id="upload-token")
    upload = gr.Button("上传并导入", variant="primary", elem_id="upload-button")
    result = gr.Markdown(elem_id="upload-result")

    choice.change(lambda doc_id: _document_text(assistant, doc_id), choice, reader)

    def ingest(paths: list[str] | None, given: str, progress=gr.Progress()):  # noqa: B008 (Gradio injects it)
        if not settings.api_token:
            return "**上传未启用**：服务器没有设置 POLICY_API_TOKEN。", gr.update(), gr.update()
        if not given or not secrets.compare_digest(given.strip(), settings.api_token):
            return "**令牌不正确**，未导入任何文件。", gr.update(), gr.update()
        if not paths:
            return "请先选择文件。", gr.update(), gr.update()

        def report_progress(stage: str, done: int, total: int) -> None:
            progress(done / total if total else 0, desc=stage)

        # Gradio keeps each upload under its own folder with the user's file name, which becomes the document's id
        uploads = [Upload(Path(path), Path(path).name) for path in paths]
        try:
            report = assistant.add_documents(uploads, progress=report_progress)
        except PolicyAssistantError as exc:
            return f"**导入失败**：{html.escape(str(exc))}", gr.update(), gr.update()
        lines = [f"**导入完成**（数据版本 {report.version}，用时 {report.seconds:.1f} 秒）："]
        lines += [
            f"- {html.escape(d.title)}（{d.status}）：{d.blocks} 段文字，{d.tables} 个表格" for d in report.documents
        ]
        for warning in report.details.get("table_warnings", []):
            lines.append(f"- 注意：{html.escape(warning)}")
        return "\n".join(lines), _document_list(assistant), gr.update(choices=_document_choices(assistant))

    upload.click(ingest, [files, token], [result, listing, choice])


def _document_list(assistant: PolicyAssistant) -> pd.DataFrame:
    rows = [
        [d.doc_id, d.info.title, d.info.issuer, d.info.region, d.info.year or "", DOCUMENT_KINDS.get(d.info.kind, d.info.kind),
         len(d.blocks), len(d.tables)]
        for d in assistant.documents()
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["文档编号", "标题", "发文机关", "地区", "年份", "类型", "段落", "表格"])


def _document_choices(assistant: PolicyAssistant) -> list[tuple[str, str]]:
    return [(d.info.title, d.doc_id) for d in assistant.documents()]


def _document_text(assistant: PolicyAssistant, doc_id: str | None) -> str:
    document = next((d for d in assistant.documents() if d.doc_id == doc_id), None)
    if document is None:
        return ""
    lines: list[str] = [document.info.title, ""]
    path: tuple[str, ...] = ()
    for block in document.blocks:
        if block.heading_path != path:
            path = block.heading_path
            lines.append("【" + " > ".join(path) + "】" if path else "")
        lines.append(block.text)
    for table in document.tables:
        lines += ["", f"〔表格〕{table.caption}"]
        lines += [" | ".join(cell.replace("\n", " ") for cell in row) for row in table.rows]
    return "\n".join(lines)
