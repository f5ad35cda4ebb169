"""Finding tables in documents: plain text (fixed-width, SGML <TABLE>) and HTML.

The HTML table reader (lxml) is imported on first use of its names.
"""

from typing import TYPE_CHECKING

from risk._lazy import lazy_exports
from risk.tables._entity import OtherEntity, OtherEntityTable, other_entity
from risk.tables._raw import STATEMENT_TITLE, RawRow, RawTable
from risk.tables._text import find_text_tables
from risk.tables._text_cells import Amount, parse_amount

if TYPE_CHECKING:
    from risk.tables._html import TablePriority, read_html_tables, table_priority
else:
    __getattr__ = lazy_exports(
        globals(),
        {
            "TablePriority": "risk.tables._html",
            "read_html_tables": "risk.tables._html",
            "table_priority": "risk.tables._html",
        },
    )

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
