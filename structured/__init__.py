"""Tables parsed from the documents, deterministic scoring, and queries over them."""

from structured.build import TABLE_COLUMNS, TABLE_TITLES, StructuredTables, build_tables, records
from structured.queries import Fact, QueryResult, RowRef, TableQueries, rank

__all__ = [
    "TABLE_COLUMNS",
    "TABLE_TITLES",
    "Fact",
    "QueryResult",
    "RowRef",
    "StructuredTables",
    "TableQueries",
    "build_tables",
    "rank",
    "records",
]
