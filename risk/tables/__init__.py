"""Finding tables in documents: plain text (fixed-width, SGML <TABLE>) and HTML."""

from risk.tables._entity import OtherEntity, OtherEntityTable, other_entity
from risk.tables._html import TablePriority, read_html_tables, table_priority
from risk.tables._raw import STATEMENT_TITLE, RawRow, RawTable
from risk.tables._text import find_text_tables
from risk.tables._text_cells import Amount, parse_amount

__all__ = [
    "STATEMENT_TITLE",
    "Amount",
    "OtherEntity",
    "OtherEntityTable",
    "RawRow",
    "RawTable",
    "TablePriority",
    "find_text_tables",
    "other_entity",
    "parse_amount",
    "read_html_tables",
    "table_priority",
]
