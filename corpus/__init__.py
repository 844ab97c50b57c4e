"""The corpus: source documents, their manifest, and loading files into `Document`s."""

from corpus.errors import DocumentLoadError, PolicyAssistantError
from corpus.loading import SUPPORTED_SUFFIXES, load_document
from corpus.manifest import bundled_documents
from corpus.model import Document, DocumentInfo, Table, TextBlock

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Document",
    "DocumentInfo",
    "DocumentLoadError",
    "PolicyAssistantError",
    "Table",
    "TextBlock",
    "bundled_documents",
    "load_document",
]
