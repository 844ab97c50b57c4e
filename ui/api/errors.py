"""One place turns every error into a JSON envelope: {"error": {"type", "message"}}."""

from __future__ import annotations

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from assistant.pipeline import QuestionError
from corpus.errors import DocumentLoadError, IndexNotReadyError, IngestError, PolicyAssistantError

logger = logging.getLogger(__name__)

STATUS = {
    QuestionError: 422,
    IndexNotReadyError: 503,
    IngestError: 400,
    DocumentLoadError: 400,
}


def envelope(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"type": kind, "message": message}})


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        messages = [
            str(e.get("ctx", {}).get("error") or e.get("msg")).removeprefix("Value error, ") for e in exc.errors()
        ]
        return envelope(422, "invalid_request", "；".join(messages) or "请求格式不正确")

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return envelope(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(PolicyAssistantError)
    async def _ours(request: Request, exc: PolicyAssistantError) -> JSONResponse:
        status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 500)
        return envelope(status, type(exc).__name__, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s", request.url.path)
        return envelope(500, "internal_error", "服务器内部错误，请查看服务日志")
