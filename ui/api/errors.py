"""One place turns every error into a JSON envelope, in Chinese, never a bare 500 for bad input.

Two envelopes, chosen by the path:

- the project's own routes (`/api/...` and everything else): ``{"error": {"type", "message"}}``;
- the OpenAI-compatible routes (`/v1/...`): OpenAI's ``{"error": {"message", "type", "param", "code"}}``,
  so OpenAI clients raise their usual exceptions (`NotFoundError`, `BadRequestError`, …). OpenAI answers an
  invalid request with 400, so a validation error that is 422 on `/api/...` is 400 on `/v1/...`.

Routes stay thin: they raise `ApiError`, `HTTPException` or a project exception and this module words it.
Two pure ASGI middlewares sit in front of the API: `BodySizeLimit` (413 for a JSON body over
`MAX_JSON_BODY_BYTES`, read at most that far) and `ApiRouteGuard` (404/405 for unknown `/api/` and `/v1/`
paths, which the Gradio app mounted at `/` would otherwise answer in English).

>>> message_without_paths("数据目录 /srv/policy/data 中还没有索引")
'数据目录 data 中还没有索引'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import URL
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.pipeline import QuestionError, ServiceUnavailable
from corpus.errors import DocumentLoadError, IndexNotReadyError, IngestError, PolicyAssistantError
from ui.api.headers import SECURITY_HEADERS

logger = logging.getLogger(__name__)

MAX_JSON_BODY_BYTES = 1024 * 1024  # a question with its history is a few KB; uploads (multipart) have their own limit
API_PREFIXES = ("/api/", "/v1/", "/docs/", "/redoc/", "/openapi.json/")  # the web app takes every other path
OPENAI_PREFIX = "/v1/"
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")

STATUS = {
    QuestionError: 422,
    ServiceUnavailable: 503,
    IndexNotReadyError: 503,
    IngestError: 400,
    DocumentLoadError: 400,
}
PROJECT_TYPES = {  # the envelope's `type` of the project's own errors: a name for clients, not a Python class
    QuestionError: "invalid_question",
    ServiceUnavailable: "service_unavailable",
    IndexNotReadyError: "index_not_ready",
    IngestError: "ingest_failed",
    DocumentLoadError: "document_unreadable",
}
KINDS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "invalid_request",
    503: "service_unavailable",
}
PHRASES = {  # for Starlette's and FastAPI's own English details ("Not Found", "There was an error parsing the body")
    400: "请求无法解析",
    401: "需要身份验证",
    403: "没有权限",
    404: "找不到请求的资源",
    405: "不支持该请求方法",
    413: "请求体太大",
    415: "不支持的内容类型",
    422: "请求格式不正确",
    429: "请求太频繁，请稍后再试",
    500: "服务器内部错误，请查看服务日志",
    503: "服务暂不可用，请稍后再试",
}
BODY_UNREADABLE = "请求体无法解析：JSON 应为 UTF-8 编码，上传文件应为完整的 multipart/form-data"
OPENAI_TYPES = {401: "authentication_error", 403: "permission_error", 429: "rate_limit_error"}


class ApiError(Exception):
    """An error a route answers with, worded for the user; `param` and `code` fill OpenAI's envelope.

    >>> ApiError(404, "模型「gpt-4」不存在", param="model", code="model_not_found").status
    404
    """

    def __init__(self, status: int, message: str, *, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code


# -- envelopes ----------------------------------------------------------------------------------------------


def envelope(status: int, kind: str, message: str) -> JSONResponse:
    """The project's envelope: {"error": {"type", "message"}}."""
    return JSONResponse(status_code=status, content={"error": {"type": kind, "message": _printable(message)}})


def openai_envelope(status: int, message: str, *, param: str | None = None, code: str | None = None) -> JSONResponse:
    """OpenAI's envelope: {"error": {"message", "type", "param", "code"}}."""
    error_type = OPENAI_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
    body = {"error": {"message": _printable(message), "type": error_type, "param": param, "code": code}}
    return JSONResponse(status_code=status, content=body)


def error_response(
    path: str,
    status: int,
    message: str,
    *,
    kind: str | None = None,
    param: str | None = None,
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The envelope `path` calls for: OpenAI's under `/v1/`, the project's elsewhere."""
    kind = kind or KINDS.get(status, "internal_error" if status >= 500 else "http_error")
    if path.startswith(OPENAI_PREFIX):
        response = openai_envelope(400 if status == 422 else status, message, param=param, code=code or kind)
    else:
        response = envelope(status, kind, message)
    response.headers.update(dict(headers or {}))
    return response


def _printable(message: str) -> str:
    # a lone surrogate cannot be encoded as UTF-8; JSONResponse would fail with a 500 while reporting an error
    return message.encode("utf-8", "replace").decode("utf-8")


# -- messages --------------------------------------------------------------------------------------------------

_PATH_PART = r"[^\s/\\\u3000-\u303f\uff00-\uffef'\"`]"
_POSIX_PATH = re.compile(rf"(?<![\w:/.~])/(?:{_PATH_PART}+/)+{_PATH_PART}*")
_WINDOWS_PATH = re.compile(rf"\b[A-Za-z]:\\(?:{_PATH_PART}+\\)*{_PATH_PART}*")
_PATH_NOTE = re.compile(r"（路径：[^）]*）")


def message_without_paths(message: str) -> str:
    """A message with every server path cut to its last part (the file or folder name the user knows)."""
    message = _PATH_NOTE.sub("", message)

    def name(match: re.Match) -> str:
        if match.group(0).startswith(API_PREFIXES):  # this service's own URLs, such as POST /api/documents
            return match.group(0)
        parts = [p for p in re.split(r"[/\\]", match.group(0)) if p]
        return parts[-1] if parts else ""

    return _WINDOWS_PATH.sub(name, _POSIX_PATH.sub(name, message))


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def validation_message(errors: Iterable[Mapping[str, Any]]) -> str:
    """Pydantic's errors in Chinese, each with where it is: 「messages[0].content：应为字符串」."""
    messages: list[str] = []
    for error in errors:
        text = describe_error(error)
        if text not in messages:
            messages.append(text)
    return "；".join(messages) or PHRASES[422]


def error_location(loc: Iterable[Any]) -> str:
    """("body", "messages", 0, "content") → "messages[0].content"; ("query", "top_k") → "查询参数 top_k"."""
    loc = list(loc)
    source = loc.pop(0) if loc and loc[0] in ("body", "query", "path", "header", "cookie") else "body"
    dotted = ""
    for part in loc:
        dotted += f"[{part}]" if isinstance(part, int) else (f".{part}" if dotted else str(part))
    prefix = {"query": "查询参数 ", "path": "路径参数 ", "header": "请求头 ", "cookie": "Cookie "}.get(source, "")
    return prefix + dotted if dotted else "请求体"


_TEXTS = {
    "missing": "缺少必填字段",
    "string_type": "应为字符串",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "格式不符合要求（{pattern}）",
    "string_unicode": "含有无效的 Unicode 字符",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（JSON 数组）",
    "tuple_type": "应为列表（JSON 数组）",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "dataclass_type": "应为 JSON 对象",
    "too_short": "至少 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "multiple_of": "应为 {multiple_of} 的倍数",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "extra_forbidden": "是不支持的字段",
    "none_required": "应为空（null）",
    "bytes_type": "应为字符串",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为时间（ISO 8601）",
    "datetime_type": "应为时间（ISO 8601）",
    "uuid_parsing": "应为 UUID",
    "url_parsing": "应为网址",
    "url_type": "应为网址",
}


def describe_error(error: Mapping[str, Any]) -> str:
    """One pydantic error in Chinese."""
    kind = error.get("type", "")
    loc = error.get("loc", ())
    ctx = {k: _ctx_value(v) for k, v in (error.get("ctx") or {}).items()}
    if kind == "json_invalid":
        position = next((p for p in loc if isinstance(p, int)), None)
        where = f"（第 {position + 1} 个字符附近）" if position is not None else ""
        return f"请求体不是有效的 JSON{where}"
    where = error_location(loc)
    if kind in ("value_error", "assertion_error") and ctx.get("error"):
        return f"{where}：{message_without_paths(ctx['error'])}"
    if kind == "model_attributes_type" and where == "请求体":
        return "请求体应为 JSON 对象（Content-Type: application/json）"
    template = _TEXTS.get(kind)
    if template is None:
        logger.info("validation error without a Chinese wording: %s", kind)
        return f"{where}：取值不符合要求"
    try:
        text = template.format(**ctx)
    except (KeyError, IndexError):
        text = template.split("{")[0].rstrip("：（ ") or "取值不符合要求"
    return f"{where}：{text}"


def _ctx_value(value: Any) -> str:
    if isinstance(value, BaseException):
        return str(value)
    # pydantic writes alternatives as "'user' or 'assistant'" / "'a', 'b' or 'c'"
    return str(value).replace(" or ", "、").replace(", ", "、")


def validation_param(errors: list[Mapping[str, Any]]) -> str | None:
    """The field OpenAI's envelope names: the first error's location without its source."""
    for error in errors:
        if error.get("type") == "json_invalid":  # its location is a character position, not a field
            continue
        where = error_location(error.get("loc", ()))
        if where != "请求体" and " " not in where:
            return where
    return None


def route_not_found(method: str, path: str) -> str:
    return f"找不到接口 {method} {path}，请查看 /docs 中的接口列表"


def method_not_allowed(method: str, path: str, allowed: Iterable[str]) -> str:
    return f"接口 {path} 不支持 {method} 请求，可用的方法：{'、'.join(sorted(allowed))}"


# -- handlers -------------------------------------------------------------------------------------------------


def install(app: FastAPI) -> None:
    """Register the handlers and the two middlewares on `app`."""
    app.add_middleware(ApiRouteGuard)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_JSON_BODY_BYTES)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        return error_response(request.url.path, 422, validation_message(errors), param=validation_param(errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = str(exc.detail or "")
        headers = dict(exc.headers or {})
        if _has_chinese(detail):  # a route's own message
            message = message_without_paths(detail)
        elif exc.status_code == 404:  # Starlette's "Not Found": no route has this path
            message = route_not_found(request.method, request.url.path)
        elif exc.status_code == 400 and "parsing the body" in detail:  # not UTF-8, or a broken multipart body
            message = BODY_UNREADABLE
        elif exc.status_code == 405:
            allowed = [m.strip() for m in headers.get("Allow", "").split(",") if m.strip()]
            message = method_not_allowed(request.method, request.url.path, allowed)
        else:
            message = PHRASES.get(exc.status_code, "请求无法处理")
        return error_response(request.url.path, exc.status_code, message, headers=headers)

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(request.url.path, exc.status, exc.message, param=exc.param, code=exc.code)

    @app.exception_handler(PolicyAssistantError)
    async def _ours(request: Request, exc: PolicyAssistantError) -> JSONResponse:
        status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 500)
        headers = {"Retry-After": str(exc.retry_after_seconds)} if isinstance(exc, ServiceUnavailable) else None
        if status >= 500:
            logger.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        kind = next((name for k, name in PROJECT_TYPES.items() if isinstance(exc, k)), None)
        return error_response(request.url.path, status, project_message(exc), kind=kind, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s", request.url.path)
        # sent by Starlette's outermost middleware, past SecurityHeaders: it carries them itself
        return error_response(request.url.path, 500, PHRASES[500], headers=SECURITY_HEADERS)


def project_message(exc: PolicyAssistantError) -> str:
    """The user's message of a project exception, without server paths."""
    if isinstance(exc, DocumentLoadError):
        return f"无法读取文件「{exc.path.name}」：{message_without_paths(exc.reason)}"
    return message_without_paths(str(exc))


# -- middlewares ----------------------------------------------------------------------------------------------


def _is_api(path: str) -> bool:
    return path.startswith(API_PREFIXES)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


class BodySizeLimit:
    """413 for an `/api/` or `/v1/` request body over `max_bytes` (multipart uploads excepted).

    A declared Content-Length over the limit is refused before reading; otherwise the body is read up to
    the limit and handed on, so no more than `max_bytes` is ever held.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_JSON_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not _is_api(scope["path"])
            or _header(scope, b"content-type").lower().startswith("multipart/")
        ):
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client left: let the app see it
                replay: list[Message] = [message]
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
                break

        async def replayed() -> Message:
            return replay.pop(0) if replay else await receive()

        await self.app(scope, replayed, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = f"{self.max_bytes // 1024 // 1024} MB" if self.max_bytes >= 1024 * 1024 else f"{self.max_bytes} 字节"
        message = f"请求体太大：最多 {limit}（上传文件请用 POST /api/documents）"
        response = error_response(scope["path"], 413, message, headers={"Connection": "close"})
        await response(scope, receive, send)


class ApiRouteGuard:
    """404 / 405 in the right envelope for an `/api/` or `/v1/` path no API route takes.

    Without it, Starlette hands such a path to the Gradio app mounted at `/`, which answers
    {"detail": "Not Found"} — in English, and 404 where 405 is meant.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = scope.get("app")
        if scope["type"] != "http" or not _is_api(scope["path"]) or app is None:
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        full, allowed = _api_match(app.router.routes, scope)
        if full:
            await self.app(scope, receive, send)
            return
        if allowed:
            message = method_not_allowed(method, path, allowed)
            response = error_response(path, 405, message, headers={"Allow": ", ".join(sorted(allowed))})
        else:
            # Starlette redirects `/api/ask/` to `/api/ask`; the web app's mount would take it first
            other = {**scope, "path": path[:-1] if path.endswith("/") else path + "/"}
            full, allowed = _api_match(app.router.routes, other)
            if full or allowed:
                response = RedirectResponse(URL(scope=other))
            else:
                response = error_response(path, 404, route_not_found(method, path))
        await response(scope, receive, send)


def _api_match(routes: Iterable[BaseRoute], scope: Scope) -> tuple[bool, set[str]]:
    """Whether a route other than the web app takes `scope`; if not, the methods some route takes its path with.

    The methods are found by asking each route about each method (`route.matches` is Starlette's public way;
    FastAPI's included routers do not expose `methods`).
    """
    routes = [r for r in routes if not (isinstance(r, Mount) and r.path in ("", "/"))]  # the web app takes all

    def taken(probe: Scope) -> bool:
        return any(route.matches(probe)[0] is Match.FULL for route in routes)

    if taken(scope):
        return True, set()
    return False, {method for method in HTTP_METHODS if taken({**scope, "method": method})}
