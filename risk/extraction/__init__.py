"""Reading a document into a :class:`~risk.financials.Filing` (the coordinator)."""

from risk.extraction._extract import (
    DEFAULT_MAX_BYTES,
    extract,
    extract_all,
    extract_bytes,
    is_document_text,
)

__all__ = ["DEFAULT_MAX_BYTES", "extract", "extract_all", "extract_bytes", "is_document_text"]
