"""Reading a document into a :class:`~risk.financials.Filing` (the coordinator)."""

from risk.extraction._extract import (
    DEFAULT_MAX_BYTES,
    READER_MODULES,
    extract,
    extract_all,
    extract_bytes,
    is_document_text,
    load_readers,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READER_MODULES",
    "extract",
    "extract_all",
    "extract_bytes",
    "is_document_text",
    "load_readers",
]
