"""A table as printed, before any meaning is given to it.

Plain-text and HTML table readers both produce :class:`RawTable`; one shared
normaliser (``risk.statements``) turns it into periods and line items, so label
mapping, scale, sign and period logic exist once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from risk._lazy import lazy_regex

__all__ = ["STATEMENT_TITLE", "RawRow", "RawTable"]

#: The title of a primary statement: balance sheet (statement of financial position or
#: condition), income statement (statement of operations, results of operations,
#: income, earnings, loss, comprehensive income) or statement of cash flows.
STATEMENT_TITLE = lazy_regex(
    r"balance\s+sheets?|income\s+statements?|statements?\s+of\s+(?:consolidated\s+)?"
    r"(?:results\s+of\s+)?(?:operations|income|earnings|cash\s+flows?|"
    r"financial\s+(?:position|condition)|loss|comprehensive)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RawRow:
    """One row: the label as printed (wrapped lines joined) and one cell per column.

    Attributes
    ----------
    label : str
        Row label with wrapped lines joined by a space; "" for an unlabeled (total) line.
    cells : tuple of str
        Raw cell text per column, as printed ("$4,609", "(848)", "---", ""), aligned
        with :attr:`RawTable.columns`.
    line : int or None
        1-based line of the row in the document part (plain text), where known.
    indent : int
        Leading spaces of the label (plain text) or nesting depth (HTML).
    is_rule : bool
        True for a rule line (``----``, ``====``) kept to mark subtotals.
    """

    label: str
    cells: tuple[str, ...]
    line: int | None = None
    indent: int = 0
    is_rule: bool = False


@dataclass(frozen=True)
class RawTable:
    """A table as printed.

    Attributes
    ----------
    title : str
        Text just above the table (caption, heading, "(Dollars in thousands ...)");
        the normaliser reads the scale and statement kind from it.
    columns : tuple of str
        One header string per value column, the header lines above that column joined
        by a space ("Three Months Ended March 31, 2003").
    rows : tuple of RawRow
    document : str
        The document name (for provenance).
    document_type : str or None
        The EDGAR part type (``EX-99.1``).
    line : int or None
        1-based line where the table starts.
    notes : tuple of str
        What the reader was unsure about while reading the table.
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[RawRow, ...]
    document: str
    document_type: str | None = None
    line: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
