"""Finding tables in documents: plain text (fixed-width, SGML <TABLE>) and HTML."""

from risk.tables._raw import RawRow, RawTable

__all__ = ["RawRow", "RawTable"]
