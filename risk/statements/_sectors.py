"""Statements split by sector: only the consolidated rows are the registrant's totals.

A diversified company prints its income statement in blocks, one per sector, each with
its own revenue and its own pre-tax result ("AUTOMOTIVE / Sales ... / Income before
income taxes - Automotive", "FINANCIAL SERVICES / Revenues ... "), then the group's
figures under a heading of their own ("TOTAL COMPANY"). A sector's "Sales" is not the
group's revenue: once two blocks each print a revenue and a result, only the rows under
the total heading are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from risk._lazy import lazy_regex
from risk.financials import LineItem
from risk.statements._labels import match_label
from risk.tables import RawRow, RawTable, parse_amount

__all__ = ["SectorSplit", "sector_split"]

_RESULTS = frozenset({LineItem.OPERATING_INCOME, LineItem.PRETAX_INCOME, LineItem.NET_INCOME})
_TOTAL_HEADING = lazy_regex(r"\b(?:total|consolidated|combined)\b|\bcompany\b", re.I)


@dataclass(frozen=True)
class SectorSplit:
    """The sectors a statement is split into and the first row of its consolidated part
    (``len(rows)`` when it prints none)."""

    sectors: tuple[str, ...]
    consolidated_from: int


def _is_heading(row: RawRow) -> bool:
    return bool(row.label.strip()) and not row.is_rule and not any(c.strip() for c in row.cells)


def _block_fields(rows: tuple[RawRow, ...], start: int) -> tuple[int, set[LineItem]]:
    """Where the block under the heading at ``start`` ends, and the fields it prints."""
    indent = rows[start].indent
    fields: set[LineItem] = set()
    end = start + 1
    while end < len(rows):
        row = rows[end]
        if _is_heading(row) and row.indent <= indent:
            break
        if any(parse_amount(c) is not None for c in row.cells) and row.label.strip():
            rule, _ = match_label(row.label)
            if rule is not None and rule.field is not None:
                fields.add(rule.field)
        end += 1
    return end, fields


def sector_split(table: RawTable) -> SectorSplit | None:
    """Whether a table is a statement split by sector, and where its consolidated rows start.

    Two or more headings (each with the block of rows below it up to the next heading as
    far left) whose blocks each print a revenue and a result (operating, pre-tax or net
    income) make a sector split. The consolidated rows are those after the last heading
    that names the total ("TOTAL COMPANY", "Consolidated"), below the sectors.

    Returns
    -------
    SectorSplit or None
        None for an ordinary statement.
    """
    rows = table.rows
    sectors: list[tuple[int, str]] = []
    last_end = 0
    for i, row in enumerate(rows):
        if i < last_end or not _is_heading(row):
            continue
        end, fields = _block_fields(rows, i)
        if LineItem.REVENUE in fields and fields & _RESULTS:
            sectors.append((i, row.label.strip()))
            last_end = end
    if len(sectors) < 2:
        return None
    after = sectors[-1][0]
    totals = [
        i
        for i in range(after + 1, len(rows))
        if _is_heading(rows[i]) and _TOTAL_HEADING.search(rows[i].label)
    ]
    start = totals[-1] + 1 if totals else len(rows)
    return SectorSplit(tuple(name for _i, name in sectors), start)
