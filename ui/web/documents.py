"""The 文件 tab: the documents and a reader for each; adding, editing and deleting them with the token.

The panel says first whether uploads are enabled and, if not, how to enable them; without a verified
token its controls cannot be used, so nobody chooses a file only to be refused afterwards. Files are
ingested from what Gradio received for this browser's upload session (`ui/web/uploads.py`), never from
a path the page sends. The list, edit and delete buttons call the assistant's document methods
(`add_documents`, `edit_document`, `delete_document`), which go through the one document service.
"""

from __future__ import annotations

import html

import gradio as gr
import pandas as pd

from assistant.documents import Upload
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from corpus import SUPPORTED_SUFFIXES
from corpus.errors import PolicyAssistantError
from corpus.model import DOCUMENT_KINDS
from ui import markdown
from ui.web import reader
from ui.web.uploads import COOKIE, UploadSessions

LIST_WIDTHS = [
    "200px",
    "300px",
    "200px",
    "80px",
    "60px",
    "90px",
    "56px",
    "56px",
    "180px",
]  # 1222 px: no sideways scrolling at 1366
LIST_HEADERS = ["文档编号", "标题", "发文机关", "地区", "年份", "类型", "段落", "表格", "来源"]
ENABLED = (
    "**上传已启用。** 输入管理员令牌（服务器设置的 `POLICY_API_TOKEN`）并点击「验证令牌」后，可以上传、修改和删除文件；"
    "阅读文件不需要令牌。支持 {suffixes}。导入失败时，原有文件和索引保持不变。"
)
DISABLED = (
    "**上传未启用：** 服务器没有设置管理员令牌 `POLICY_API_TOKEN`，所以不能在网页上上传、修改或删除文件（阅读不受影响）。"
    "**启用方法：** 在服务器的 `.env` 文件或环境变量中设置 `POLICY_API_TOKEN=一串足够长的随机字符`，重启服务"
    "（`policy-assistant serve`），再把令牌交给负责维护文件的同事。服务停止时，也可以在服务器上运行 "
    "`policy-assistant ingest 文件或目录` 导入。"
)
VERIFY_JS = """async (token) => {
  if (!token) { return ["empty"]; }
  const url = new URL("api/web-upload-session", document.baseURI);
  const response = await fetch(url, {method: "POST", headers: {Authorization: "Bearer " + token}, credentials: "same-origin"});
  return [String(response.status)];
}"""


def documents_tab(assistant: PolicyAssistant, settings: Settings, sessions: UploadSessions):
    """Build the tab; returns (load, inputs, outputs) run when the page opens."""
    enabled = bool(settings.api_token)
    gr.Markdown(
        ENABLED.format(suffixes=" ".join(SUPPORTED_SUFFIXES)) if enabled else DISABLED,
        elem_id="upload-status", elem_classes="upload-enabled" if enabled else "upload-disabled",
    )  # fmt: skip
    listing = gr.Dataframe(
        value=_document_list(assistant), label="已收录的文件", interactive=False, wrap=True,
        elem_id="document-list", max_height=400, column_widths=LIST_WIDTHS,
    )  # fmt: skip
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=480):
            choice = gr.Dropdown(_choices(assistant), value=None, label="阅读文件", elem_id="document-choice")
            text = gr.HTML(
                '<p class="reader-meta">选择一份文件阅读：标题层级、表格按原样显示。</p>', max_height=760,
                css_template=reader.READER_CSS, elem_id="document-text", padding=True,
            )  # fmt: skip
        with gr.Column(scale=2, min_width=360, elem_id="document-admin"):
            gr.Markdown("### 管理文件")
            with gr.Row(equal_height=True):
                token = gr.Textbox(
                    label="管理员令牌", type="password", interactive=enabled, scale=3, elem_id="upload-token",
                    placeholder="POLICY_API_TOKEN" if enabled else "上传未启用",
                )  # fmt: skip
                verify = gr.Button("验证令牌", interactive=enabled, scale=1, elem_id="verify-token")
            admin_note = gr.Markdown(elem_id="admin-note")
            files = gr.File(
                file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), label="选择文件（验证令牌后可用）",
                interactive=False, height=150, elem_id="upload-files",
            )  # fmt: skip
            upload = gr.Button("上传并导入", variant="primary", interactive=False, elem_id="upload-button")
            result = gr.Markdown(elem_id="upload-result")
            with gr.Accordion("修改或删除所选文件", open=False, elem_id="edit-document"):
                edit_title = gr.Textbox(label="标题", interactive=False, elem_id="edit-title")
                with gr.Row():
                    edit_issuer = gr.Textbox(label="发文机关", interactive=False, elem_id="edit-issuer")
                    edit_region = gr.Textbox(label="地区", interactive=False, elem_id="edit-region")
                with gr.Row():
                    edit_year = gr.Textbox(label="年份", interactive=False, elem_id="edit-year")
                    edit_kind = gr.Dropdown(
                        [(label, key) for key, label in DOCUMENT_KINDS.items()], label="类型", interactive=False,
                        elem_id="edit-kind",
                    )  # fmt: skip
                with gr.Row():
                    save = gr.Button("保存修改", interactive=False, elem_id="save-document")
                    delete = gr.Button("删除文件", variant="stop", interactive=False, elem_id="delete-document")
                with gr.Row(visible=False) as confirm_row:
                    confirm = gr.Button("确定删除", variant="stop", elem_id="confirm-delete-document")
                    cancel = gr.Button("取消")
                edit_note = gr.Markdown(elem_id="edit-note")

    admin_controls = [files, upload, edit_title, edit_issuer, edit_region, edit_year, edit_kind, save, delete]

    def allowed(request: gr.Request) -> bool:
        return enabled and sessions.valid(request.cookies.get(COOKIE))

    def unlock(request: gr.Request):
        if allowed(request):
            note = "令牌已验证：可以上传、修改和删除文件（8 小时内有效）。"
            others = [gr.update(interactive=True)] * (len(admin_controls) - 1)
            return [note, gr.update(interactive=True, label="选择文件（可多选）"), *others]
        return ["", *[gr.update()] * len(admin_controls)]

    def after_verify(status: str, request: gr.Request):
        if allowed(request):
            return ["", *unlock(request)]
        message = {"empty": "请输入令牌。", "401": "**令牌不正确**，请重新输入。", "403": "上传未启用。"}.get(
            status, f"验证失败（{html.escape(status)}），请稍后再试。"
        )
        return [gr.update(), message, *[gr.update()] * len(admin_controls)]

    def ingest(request: gr.Request, progress=gr.Progress()):  # noqa: B008 (Gradio injects it)
        if not allowed(request):
            return "请先输入管理员令牌并点击「验证令牌」。", gr.update(), gr.update(), gr.update()
        key = request.cookies.get(COOKIE)
        received = sessions.files(key)
        if not received:
            return "请先选择文件，等上传完成后再点击「上传并导入」。", gr.update(), gr.update(), gr.update()
        stages: list[str] = []

        def report_progress(stage: str, done: int, total: int) -> None:
            if stage not in stages:
                stages.append(stage)
            progress(done / total if total else 0, desc=f"第 {len(stages)} 步：{stage}（{done}/{total}）")

        uploads = [Upload(path, path.name) for path in received]  # the user's file names name the documents
        try:
            report = assistant.add_documents(uploads, progress=report_progress)
        except PolicyAssistantError as exc:
            message = f"**导入失败**：{markdown.escape(str(exc))}"
            return message, gr.update(), gr.update(), gr.update()
        sessions.forget(key)
        lines = [
            f"**导入完成**（数据版本 {report.version}，用时 {report.seconds:.1f} 秒；步骤：{' → '.join(stages)}）："
        ]
        lines += [
            f"- {markdown.escape(d.title)}（{d.status}）：{d.blocks} 段文字，{d.tables} 个表格"
            for d in report.documents
            if d.status != "未变化"
        ]
        lines += [f"- 注意：{markdown.escape(w)}" for w in report.details.get("table_warnings", [])]
        return "\n".join(lines), _document_list(assistant), gr.update(choices=_choices(assistant)), None

    def show(doc_id: str | None):
        document = assistant.document(doc_id) if doc_id else None
        if document is None:
            return ["", "", "", "", "", None]
        info = document.info
        return [reader.render(document), info.title, info.issuer, info.region, str(info.year or ""), info.kind]

    def save_edit(doc_id: str | None, title: str, issuer: str, region: str, year: str, kind: str, request: gr.Request):
        if not allowed(request):
            return "请先输入管理员令牌并点击「验证令牌」。", gr.update(), gr.update()
        if not doc_id:
            return "请先在「阅读文件」中选择要修改的文件。", gr.update(), gr.update()
        year = (year or "").strip()
        if year and not (year.isdigit() and len(year) == 4):
            return "年份应为四位数字，例如 2023；不知道可以留空。", gr.update(), gr.update()
        fields = {
            "title": title.strip(),
            "issuer": issuer.strip(),
            "region": region.strip(),
            "year": year,
            "kind": kind,
        }
        try:
            assistant.edit_document(doc_id, {name: value for name, value in fields.items() if value})
        except (PolicyAssistantError, ValueError) as exc:
            return f"**未保存**：{markdown.escape(str(exc))}", gr.update(), gr.update()
        return (
            "已保存。",
            _document_list(assistant),
            gr.update(choices=_choices(assistant), value=doc_id),
        )

    def remove(doc_id: str | None, request: gr.Request, progress=gr.Progress()):  # noqa: B008
        if not allowed(request):
            return "请先输入管理员令牌并点击「验证令牌」。", gr.update(), gr.update(), gr.update(visible=False)
        if not doc_id:
            return "请先在「阅读文件」中选择要删除的文件。", gr.update(), gr.update(), gr.update(visible=False)
        document = assistant.document(doc_id)
        title = document.info.title if document else doc_id

        def report_progress(stage: str, done: int, total: int) -> None:
            progress(done / total if total else 0, desc=f"重建索引：{stage}（{done}/{total}）")

        try:
            assistant.delete_document(doc_id, progress=report_progress)
        except PolicyAssistantError as exc:
            return f"**未删除**：{markdown.escape(str(exc))}", gr.update(), gr.update(), gr.update(visible=False)
        return (
            f"已删除「{markdown.escape(title)}」，索引已重建。",
            _document_list(assistant),
            gr.update(choices=_choices(assistant), value=None),
            gr.update(visible=False),
        )

    verify.click(after_verify, [token], [token, admin_note, *admin_controls], js=VERIFY_JS)
    upload.click(ingest, None, [result, listing, choice, files], show_progress_on=[files])  # where the files were

    def discard_all(request: gr.Request) -> None:
        sessions.forget(request.cookies.get(COOKIE))

    def discard_one(event: gr.DeletedFileData, request: gr.Request) -> None:
        sessions.forget(request.cookies.get(COOKIE), [event.file.path])

    files.clear(discard_all, None, None)
    files.delete(discard_one, None, None)
    choice.change(show, [choice], [text, edit_title, edit_issuer, edit_region, edit_year, edit_kind])
    save.click(save_edit, [choice, edit_title, edit_issuer, edit_region, edit_year, edit_kind],
               [edit_note, listing, choice])  # fmt: skip
    delete.click(lambda: gr.update(visible=True), None, [confirm_row])
    cancel.click(lambda: gr.update(visible=False), None, [confirm_row])
    confirm.click(remove, [choice], [edit_note, listing, choice, confirm_row], show_progress_on=[listing])

    def opened(request: gr.Request):
        # the list as it is now: documents another browser added or deleted since the app started
        listed = [_document_list(assistant), gr.update(choices=_choices(assistant), value=None)]
        return [*unlock(request), *listed]

    return opened, None, [admin_note, *admin_controls, listing, choice]


def _document_list(assistant: PolicyAssistant) -> pd.DataFrame:
    rows = [
        [e.doc_id, e.title, e.issuer or "—", e.region or "—", e.year or "—", e.kind_name, e.blocks, e.tables,
         f"上传：{e.source_file}" if e.origin == "upload" else "内置"]
        for e in assistant.document_entries()
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=LIST_HEADERS)


def _choices(assistant: PolicyAssistant) -> list[tuple[str, str]]:
    return [(d.info.title, d.doc_id) for d in assistant.documents()]
