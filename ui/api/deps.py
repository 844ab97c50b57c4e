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
    if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip(), expected):
        raise HTTPException(status_code=401, detail="需要有效的访问令牌（Authorization: Bearer …）")


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[PolicyAssistant, Depends(get_assistant)]
WriteAccess = Depends(require_token)
