"""Security headers on every response: the API, the docs pages and the Gradio app mounted at `/`.

- `Content-Security-Policy`: the API's JSON may load nothing at all (`default-src 'none'`). The web app may load
  scripts, styles, fonts, images and connections from this server only; nothing may frame the pages, no
  plugins, no `<base>` or form posts elsewhere. Gradio writes its config and styles inline and its charts
  (Vega) compile expressions with `new Function`, so inline scripts and `'unsafe-eval'` are allowed there (no
  nonce can be given to Gradio's page); what an injected script could do is still bounded: it cannot load code
  from or send data to another host.
- `X-Frame-Options: DENY` (for browsers without `frame-ancestors`), `X-Content-Type-Options: nosniff` (a served
  document is never sniffed into HTML or script), `Referrer-Policy: no-referrer`.

A response that sets its own policy keeps it (`/docs` and `/redoc` set theirs). A pure ASGI middleware, so it
also covers streamed answers and the mounted app's files.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
WEB_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data: blob:; connect-src 'self'; "
    "worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
API_PREFIXES = ("/api/", "/v1/", "/openapi.json")
SECURITY_HEADERS = {
    "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every HTTP response that does not set them itself (the web app's policy on
    paths outside the API)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        wanted = dict(SECURITY_HEADERS)
        if not scope["path"].startswith(API_PREFIXES):
            wanted["Content-Security-Policy"] = WEB_CONTENT_SECURITY_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in wanted.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
