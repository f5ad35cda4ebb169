"""Finding tables in documents: plain text (fixed-width, SGML <TABLE>) and HTML."""

from risk.tables._entity import OtherEntity, OtherEntityTable, other_entity
from risk.tables._raw import STATEMENT_TITLE, RawRow, RawTable
from risk.tables._text import find_text_tables

__all__ = [
    "STATEMENT_TITLE",
    "OtherEntity",
    "OtherEntityTable",
    "RawRow",
    "RawTable",
    "find_text_tables",
    "other_entity",
]
