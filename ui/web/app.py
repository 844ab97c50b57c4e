"""The Gradio app, mounted at `/` on the FastAPI server: 问答, 任务进度, 文件.

It calls the same assistant object as the API (loaded once at server start), so the chat, the
dashboard and the API give the same numbers. Text from documents is escaped before it is shown:
it is data, never HTML or Markdown (a link in a document stays text).
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home: the machine may be offline

import gradio as gr  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from assistant.pipeline import PolicyAssistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from ui.web import uploads  # noqa: E402
from ui.web.chat import chat_tab  # noqa: E402
from ui.web.dashboard import dashboard_tab  # noqa: E402
from ui.web.documents import documents_tab  # noqa: E402

logger = logging.getLogger(__name__)

SECRET_FILE = "web-secret"  # encrypts what the page keeps in the browser (owner id), stable across restarts
CACHE_CLEANUP = (3600, 24 * 3600)  # every hour, Gradio deletes cached files older than a day
CSS = """
.gradio-container { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; }
footer { display: none !important; }
#conversation-list .wrap { flex-direction: column; gap: 4px; }
#conversation-list label { width: 100%; }
#conversation-list label span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.sources { margin: 4px 0 8px; }
.sources-title { font-weight: 600; margin-bottom: 4px; }
.source-list { margin: 0; padding-left: 0; list-style: none; }
.source-list li { margin: 0 0 8px; }
.source-link { background: none; border: none; padding: 0; color: var(--link-text-color, #2563eb); cursor: pointer;
               text-align: left; font: inherit; text-decoration: underline; }
.source-quote { color: var(--body-text-color-subdued, #666); font-size: .92em; margin-left: 1.2em; }
.chart-empty { padding: 24px 12px; text-align: center; color: #555; background: #f7f7f8; border-radius: 6px; }
.chart-caption { color: #555; font-size: .9em; }
/* Gradio draws table cells and progress text monospaced */
.body-cell, .header-cell, .progress-level-inner, .meta-text, .meta-text-center { font-family: var(--font) !important; }
#upload-status.upload-disabled { border-left: 4px solid #c62828; padding-left: 10px; }
#upload-status.upload-enabled { border-left: 4px solid #2e7d32; padding-left: 10px; }
"""
# Gradio's toasts title themselves with their level in English ("Warning", "Error") whatever `title` says:
# the page renames them in Chinese as they appear
TOAST_TITLES_JS = """() => {
  const titles = {Warning: "提示", Error: "出错", Info: "提示", Success: "完成"};
  const rename = () => {
    for (const title of document.querySelectorAll(".toast-title")) {
      const text = title.firstChild;
      if (text && text.nodeType === Node.TEXT_NODE && titles[text.data.trim()]) text.data = titles[text.data.trim()] + " ";
    }
    for (const close of document.querySelectorAll("[data-testid=toast-close]")) close.setAttribute("aria-label", "关闭");
  };
  new MutationObserver(rename).observe(document.body, {childList: true, subtree: true});
}"""


def mount_web(app: FastAPI, assistant: PolicyAssistant, settings: Settings) -> FastAPI:
    sessions = uploads.UploadSessions()
    uploads.install(app, sessions, settings.api_token)  # before the mount at `/`, which answers every path
    theme = gr.themes.Soft(font=["Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"], font_mono=["monospace"])
    blocks = build_blocks(assistant, settings, sessions)
    mounted = gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        theme=theme,
        css=CSS,
        js=TOAST_TITLES_JS,
        footer_links=[],
        max_file_size=int(settings.max_upload_mb * 1024 * 1024),
    )
    # Gradio checks that a FileData path in an event's input is a file it received only in a *launched*
    # app; a mounted app is never launched, so without this any path on the host would be copied and served.
    blocks.has_launched = True
    return mounted


def build_blocks(assistant: PolicyAssistant, settings: Settings, sessions: uploads.UploadSessions) -> gr.Blocks:
    with gr.Blocks(title="政策文件问答助手", delete_cache=CACHE_CLEANUP) as blocks:
        gr.Markdown(
            "# 政策文件问答助手\n江门市、海门市生态环境政策文件：目标、任务进度、空气质量站点、专项资金和指标。"
            "回答附带来源；文件中没有依据时会明确说明。"
        )
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                chat_load = chat_tab(assistant, _browser_secret(settings.data_dir))
            with gr.Tab("任务进度", id="dashboard"):
                dashboard_load = dashboard_tab(assistant)
            with gr.Tab("文件", id="documents"):
                documents_load = documents_tab(assistant, settings, sessions)
        for load in (chat_load, dashboard_load, documents_load):  # each tab fills itself when the page opens
            blocks.load(*load)
    return blocks


def _browser_secret(data_dir: Path) -> str:
    path = Path(data_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
