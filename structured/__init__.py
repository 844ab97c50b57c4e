"""Tables parsed from the documents, deterministic scoring, and plans run over them."""

from structured.build import TABLE_COLUMNS, TABLE_TITLES, StructuredTables, build_tables, records
from structured.facts import Fact, RowRef

__all__ = ["TABLE_COLUMNS", "TABLE_TITLES", "Fact", "RowRef", "StructuredTables", "build_tables", "records"]
