"""HTML and inline-XBRL parts: tables and tagged facts to periods. (Stub: issue 9.)"""

from __future__ import annotations

from risk.documents import DocumentPart
from risk.extraction._result import PartResult

__all__ = ["read_html_part"]


def read_html_part(part: DocumentPart, *, document: str) -> PartResult:
    """Read the tables (and inline XBRL facts) of an HTML part into periods."""
    return PartResult(text="", text_offset=None)
