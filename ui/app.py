"""The server: the JSON API and the OpenAI-compatible endpoint, with the Gradio app at `/`.

Models and indexes load once, at start; every request uses the same assistant.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from assistant.datadir import DataDir
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from ui.api import errors
from ui.api.routes import ask, data, openai, writes

logger = logging.getLogger(__name__)


def create_app(settings: Settings, assistant: PolicyAssistant | None = None, with_web: bool = True) -> FastAPI:
    """Build the app; `assistant` may be given (tests pass one with a fake chat model)."""
    assistant = assistant or PolicyAssistant(settings)
    data_dir = DataDir(settings.data_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        lock = data_dir.server_lock() if settings.chroma_mode == "embedded" else None
        if lock is not None:
            lock.acquire()  # the embedded store has one writer: this server
        try:
            assistant.warm_up()
            yield
        finally:
            if lock is not None:
                lock.release()

    app = FastAPI(
        title="政策文件问答助手 API",
        description="江门市、海门市生态环境政策文件问答：回答附带来源，数字来自表格计算。",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.assistant = assistant
    errors.install(app)
    for module in (ask, data, writes, openai):
        app.include_router(module.router)
    if with_web:
        from ui.web.app import mount_web

        app = mount_web(app, assistant, settings)
    return app
