"""Plain-text parts: tables to periods. (Stub: filled in by issue 3.)"""

from __future__ import annotations

from risk.documents import DocumentPart
from risk.extraction._result import PartResult

__all__ = ["read_text_part"]


def read_text_part(part: DocumentPart, *, document: str) -> PartResult:
    """Read the tables of a plain-text part into periods."""
    return PartResult(text=part.text, text_offset=part.offset)
