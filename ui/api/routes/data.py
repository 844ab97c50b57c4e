"""Reading the data: `GET /api/tables[/{name}]`, `GET /api/search`, health (documents: `routes/documents.py`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from retrieval import SEARCH_MODES
from structured import TABLE_COLUMNS, records
from ui.api.deps import AssistantDep
from ui.api.schemas import SearchBody

router = APIRouter(prefix="/api", tags=["数据"])


@router.get("/health", summary="服务状态")
def health(assistant: AssistantDep) -> dict:
    return assistant.health()


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
    top_k: Annotated[int, Query(ge=1, le=100)] = 5,
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
