"""Finding tables in documents: plain text (fixed-width, SGML <TABLE>) and HTML."""

from risk.tables._raw import RawRow, RawTable
from risk.tables._text import find_text_tables

__all__ = ["RawRow", "RawTable", "find_text_tables"]
