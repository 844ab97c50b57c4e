"""Reading the data: `GET /api/tables[/{name}]`, `GET /api/search`, health (documents: `routes/documents.py`)."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, HTTPException, Query, Request

from retrieval import SEARCH_MODES
from structured import TABLE_COLUMNS, records
from ui.api.deps import AssistantDep
from ui.api.schemas import SearchBody

router = APIRouter(prefix="/api", tags=["数据"])


@router.get("/health", summary="服务状态")
async def health(request: Request) -> dict:
    """Run in its own small thread pool: requests waiting on a slow Chroma or LLM cannot starve it."""
    assistant = request.app.state.assistant

    def check() -> dict:
        assistant.reload_if_changed()
        return assistant.health()

    return await anyio.to_thread.run_sync(check, limiter=request.app.state.health_limiter)


@router.get("/tables", summary="表格列表")
def list_tables(assistant: AssistantDep) -> dict:
    return {"tables": assistant.table_summary()}


@router.get("/tables/{name}", summary="一张表格的行（可筛选）")
def table_rows(
    name: str,
    assistant: AssistantDep,
    region: str | None = None,
    status: str | None = None,
    year: int | None = None,
) -> dict:
    if name not in TABLE_COLUMNS:
        raise HTTPException(status_code=404, detail=f"没有名为「{name}」的表格，可选：{'、'.join(TABLE_COLUMNS)}")
    frame = assistant.table_rows(name, region=region, status=status, year=year)
    return {"table": name, "rows": records(frame)}


@router.get("/search", response_model=SearchBody, summary="检索原文片段")
def search(
    assistant: AssistantDep,
    q: Annotated[str, Query(min_length=1, description="查询")],
    top_k: Annotated[int, Query(ge=1, description="最多返回几条（上限见 POLICY_MAX_TOP_K）")] = 5,
    mode: Annotated[str, Query(pattern="^(" + "|".join(SEARCH_MODES) + ")$")] = "hybrid",
    doc: str | None = None,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> dict:
    if not q.strip():
        raise HTTPException(status_code=422, detail="查询内容不能为空")
    try:
        filters = assistant.search_filters(doc_id=doc, region=region, year=year, kind=kind)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    hits = assistant.search(q, top_k=top_k, filters=filters, mode=mode)
    return {"query": q, "hits": [hit.to_dict() for hit in hits]}
