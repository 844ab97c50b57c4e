"""Dependencies of the HTTP routes: the one assistant and settings, and the write token."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_assistant(request: Request) -> PolicyAssistant:
    assistant: PolicyAssistant = request.app.state.assistant
    assistant.reload_if_changed()  # an ingest from the web page swapped the data version
    return assistant


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Write endpoints need `Authorization: Bearer <POLICY_API_TOKEN>`; without a token set, they refuse."""
    expected = request.app.state.settings.api_token
    if not expected:
        raise HTTPException(status_code=403, detail="写操作未启用：服务器没有设置 POLICY_API_TOKEN")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not same_secret(token.strip(), expected):
        raise HTTPException(status_code=401, detail="需要有效的访问令牌（Authorization: Bearer …）")


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison of a header value with the configured token, as bytes.

    `secrets.compare_digest` raises TypeError on a str with non-ASCII characters. Header values arrive
    decoded as latin-1, so encoding them back gives the bytes the client sent (UTF-8 for a Chinese token).

    >>> same_secret("令牌".encode().decode("latin-1"), "令牌"), same_secret("é", "e")
    (True, False)
    """
    try:
        sent = given.encode("latin-1")
    except UnicodeEncodeError:  # not from an HTTP header: compare its UTF-8
        sent = given.encode("utf-8", "replace")
    return secrets.compare_digest(sent, expected.encode("utf-8", "replace"))


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[PolicyAssistant, Depends(get_assistant)]
WriteAccess = Depends(require_token)
