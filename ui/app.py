"""The server: the JSON API and the OpenAI-compatible endpoint, with the Gradio app at `/`.

Models and indexes load once, at start; every request uses the same assistant.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from assistant.datadir import DataDir
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from ui.api import errors
from ui.api.headers import SecurityHeaders
from ui.api.routes import ask, data, documents, openai

logger = logging.getLogger(__name__)

HEALTH_THREADS = 2  # `/api/health` has threads of its own, apart from the 40 that answer questions

# Swagger UI and Redoc come from the fastapi-offline wheel, not a CDN: intranets have no internet.
DOCS_ASSETS_URL = "/docs-assets"
DOCS_ASSETS_PACKAGE = ("fastapi_offline", "static")
# and the browser may fetch nothing from elsewhere: Redoc's sidebar shows a logo from cdn.redoc.ly that no option
# turns off. Inline script and styles are the pages' own (FastAPI's Swagger UI set-up, Redoc's styled components).
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'"
)


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
        docs_url=None,  # served by _serve_offline_docs from local assets
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.assistant = assistant
    app.state.health_limiter = anyio.CapacityLimiter(HEALTH_THREADS)
    errors.install(app)
    app.add_middleware(SecurityHeaders)  # outermost: every response, the web app's and error pages included
    for module in (ask, data, documents, openai):
        app.include_router(module.router)
    _serve_offline_docs(app)  # before the Gradio mount at `/`, which would otherwise answer these paths
    if with_web:
        from ui.web.app import mount_web

        app = mount_web(app, assistant, settings)
    return app


def _serve_offline_docs(app: FastAPI) -> None:
    """`/docs` (Swagger UI) and `/redoc` with their JS, CSS and favicon served by this server.

    Redoc is told not to load Google Fonts; nothing on either page is fetched from another host.
    """
    app.mount(DOCS_ASSETS_URL, StaticFiles(packages=[DOCS_ASSETS_PACKAGE]), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = _root_path(request)
        page = get_swagger_ui_html(
            openapi_url=root + app.openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{root}{DOCS_ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS_URL}/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )
        page.headers["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return page

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = _root_path(request)
        page = get_redoc_html(
            openapi_url=root + app.openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{DOCS_ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{DOCS_ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
        page.headers["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return page


def _root_path(request: Request) -> str:
    """The prefix a reverse proxy serves the app under (as FastAPI's own doc pages use it)."""
    return request.scope.get("root_path", "").rstrip("/")
