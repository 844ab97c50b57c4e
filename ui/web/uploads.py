"""Who may upload through the web page, and which uploaded files an ingest may read.

Gradio takes files at `POST /gradio_api/upload` before any event runs, and an event's input can name
any path as a `FileData`. So the web page does not trust either:

- the upload route is closed to anonymous users: it needs the cookie of an **upload session**, which
  `POST /api/web-upload-session` hands out to a caller with the write token (the page calls it when the
  user enters the token); without `POST /api/web-upload-session` having succeeded, nothing is written;
- every file the route takes is recorded under its session; the ingest event reads only files recorded
  for the caller's session, never a path the browser sends;
- Gradio's own limit (`max_file_size`, POLICY_MAX_UPLOAD_MB like the API's) bounds each file.

>>> sessions = UploadSessions()
>>> key = sessions.open()
>>> sessions.valid(key), sessions.valid("guess")
(True, False)
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.api.deps import same_secret
from ui.api.errors import envelope

COOKIE = "policy_upload_session"
SESSION_SECONDS = 8 * 3600
SESSION_ROUTE = "/api/web-upload-session"
GRADIO_UPLOAD = "/gradio_api/upload"
MAX_SESSIONS = 1000  # token holders only; old sessions are dropped first


@dataclass
class _Session:
    expires: float
    files: dict[str, Path] = field(default_factory=dict)  # the path Gradio answered → the file


class UploadSessions:
    """Upload sessions of token holders (in memory: a restart asks for the token again)."""

    def __init__(self) -> None:
        self._sessions: dict[str, _Session] = {}
        self._lock = threading.Lock()

    def open(self) -> str:
        key = secrets.token_urlsafe(32)
        with self._lock:
            now = time.time()
            self._sessions = {k: s for k, s in self._sessions.items() if s.expires > now}
            while len(self._sessions) >= MAX_SESSIONS:
                self._sessions.pop(min(self._sessions, key=lambda k: self._sessions[k].expires))
            self._sessions[key] = _Session(now + SESSION_SECONDS)
        return key

    def valid(self, key: str | None) -> bool:
        return self._get(key) is not None

    def close(self, key: str | None) -> None:
        with self._lock:
            self._sessions.pop(key or "", None)

    def received(self, key: str, paths: list[str]) -> None:
        session = self._get(key)
        if session is not None:
            with self._lock:
                session.files.update({p: Path(p) for p in paths})

    def files(self, key: str | None) -> list[Path]:
        """The files this session uploaded and has not used or removed, as Gradio stored them."""
        session = self._get(key)
        return [p for p in session.files.values() if p.is_file()] if session else []

    def forget(self, key: str | None, paths: list[str] | None = None) -> None:
        """Drop some (or all) of the session's files from the list, deleting them from Gradio's cache."""
        session = self._get(key)
        if session is None:
            return
        with self._lock:
            chosen = list(session.files) if paths is None else [p for p in paths if p in session.files]
            for path in chosen:
                session.files.pop(path).unlink(missing_ok=True)

    def _get(self, key: str | None) -> _Session | None:
        with self._lock:
            session = self._sessions.get(key or "")
            return session if session is not None and session.expires > time.time() else None


class GradioUploadGuard:
    """ASGI middleware in front of Gradio's upload route: refuses callers without an upload session
    (403 when uploads are disabled) and records the files it stores for the caller's session."""

    def __init__(self, app: ASGIApp, sessions: UploadSessions, enabled: bool) -> None:
        self.app = app
        self.sessions = sessions
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith(GRADIO_UPLOAD):
            await self.app(scope, receive, send)
            return
        if not self.enabled:
            refusal = envelope(403, "forbidden", "上传未启用：服务器没有设置 POLICY_API_TOKEN")
            await refusal(scope, receive, send)
            return
        key = Request(scope).cookies.get(COOKIE)
        if not self.sessions.valid(key):
            message = "上传需要管理员令牌：请先在「文件」页输入令牌并点击「验证令牌」"
            await envelope(401, "unauthorized", message)(scope, receive, send)
            return
        body = bytearray()
        status = 0

        async def recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body") and status == 200:
                    self.sessions.received(key, _paths(bytes(body)))
            await send(message)

        await self.app(scope, receive, recording)


def _paths(body: bytes) -> list[str]:
    try:
        answer = json.loads(body)
    except ValueError:
        return []
    return [p for p in answer if isinstance(p, str)] if isinstance(answer, list) else []


def install(app: FastAPI, sessions: UploadSessions, token: str | None) -> None:
    """The session route and the guard on `app` (before Gradio is mounted at `/`)."""

    @app.post(SESSION_ROUTE, summary="网页上传会话：用写入令牌换取上传所需的 Cookie", tags=["写入（需令牌）"])
    def open_session(request: Request, response: Response) -> dict:
        if not token:
            return envelope(403, "forbidden", "上传未启用：服务器没有设置 POLICY_API_TOKEN")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not same_secret(given.strip(), token):
            return envelope(401, "unauthorized", "令牌不正确")
        response.set_cookie(
            COOKIE, sessions.open(), max_age=SESSION_SECONDS, httponly=True, samesite="strict",
            secure=request.url.scheme == "https", path="/",
        )  # fmt: skip
        return {"ok": True, "expires_in": SESSION_SECONDS}

    @app.delete(SESSION_ROUTE, summary="结束网页上传会话", tags=["写入（需令牌）"])
    def close_session(request: Request, response: Response) -> dict:
        key = request.cookies.get(COOKIE)
        sessions.forget(key)
        sessions.close(key)
        response.delete_cookie(COOKIE, path="/")
        return {"ok": True}

    app.add_middleware(GradioUploadGuard, sessions=sessions, enabled=bool(token))
