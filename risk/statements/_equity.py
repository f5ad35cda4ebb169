"""Equity at the dates a statement of shareholders' equity prints ("Balances at June 2, 2023").

A statement of changes in equity runs its balances down the rows ("Balance at December
31, 2022", then the changes, then "Balance at March 31, 2023") and its components across
the columns (common stock, retained earnings, ... and the total). The column holding the
registrant's total equity is not named reliably ("Total", "Total Adobe stockholders'
equity", or no header at all), so it is found by arithmetic: the one column whose
balances equal the balance sheet's equity at every date both print (one date at least).
Its other balances - the quarter ends of the year before, the beginning of the year -
are then the registrant's equity at those dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from risk.financials import LineItem, PeriodValues, Provenance
from risk.statements._periods import parse_column_period
from risk.tables import RawTable, parse_amount

__all__ = ["EQUITY_STATEMENT_TITLE", "equity_statement_balances"]

#: The title of a statement of (changes in) shareholders' equity.
EQUITY_STATEMENT_TITLE = re.compile(
    r"statements?\s+of\s+(?:changes\s+in\s+)?(?:consolidated\s+)?(?:[\w&.’'-]+\s+){0,3}?"
    r"(?:stockholders|shareholders|shareowners|share\s?owners|owners)[’']?\s*"
    r"(?:equity|deficit|deficiency|investment)"
    r"|statements?\s+of\s+(?:changes\s+in\s+)?(?:total\s+)?equity\b",
    re.I,
)
_BALANCE_ROW = re.compile(r"^\s*(?:ending\s+|closing\s+)?balances?\b", re.I)
_SHARES = re.compile(r"\bshares?\b|\bunits\b", re.I)
_NOTE = "from the statement of shareholders' equity; its total column matches the balance sheet"


@dataclass(frozen=True)
class _Cell:
    value: float
    line: int | None
    label: str
    raw: str


def _columns(table: RawTable) -> dict[int, dict[date, _Cell]]:
    """Per column (not a share count), the balances of the rows that name their date."""
    out: dict[int, dict[date, _Cell]] = {}
    for row in table.rows:
        if not _BALANCE_ROW.match(row.label):
            continue
        end = parse_column_period(row.label).end
        if end is None:
            continue
        for j, cell in enumerate(row.cells):
            if j < len(table.columns) and _SHARES.search(table.columns[j]):
                continue
            amount = parse_amount(cell)
            if amount is not None:
                out.setdefault(j, {})[end] = _Cell(amount.value, row.line, row.label, cell)
    return out


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= max(1.0, 0.005 * max(abs(a), abs(b)))


def _confirmed(
    columns: dict[int, dict[date, _Cell]], sheet: dict[date, float], scale: float
) -> dict[int, dict[date, _Cell]]:
    """The columns whose balances the balance sheet confirms (all shared dates agree)."""
    good: dict[int, dict[date, _Cell]] = {}
    for j, cells in columns.items():
        shared = [d for d in cells if d in sheet]
        if shared and all(_agree(cells[d].value * scale, sheet[d]) for d in shared):
            good[j] = cells
    return good


def equity_statement_balances(
    tables: Sequence[tuple[RawTable, float | None]],
    periods: Sequence[PeriodValues],
    *,
    line_offset: int = 0,
) -> list[PeriodValues]:
    """Equity at the dates the statements of equity print and the periods do not give.

    Parameters
    ----------
    tables : sequence of (RawTable, scale)
        The tables of a document part with the money scale each was read with (None:
        unknown, the table is skipped).
    periods : sequence of PeriodValues
        What the part's other tables give; the balance sheet's ``stockholders_equity``
        confirms a column.
    line_offset : int, default 0
        Added to the rows' lines for provenance (lines before the part in the file).

    Returns
    -------
    list of PeriodValues
        Balances (``months == 0``) holding ``stockholders_equity`` only, at dates the
        periods give no equity for; empty when no column is confirmed, or when the
        confirmed columns disagree at some date.
    """
    sheet = {
        pv.end: value
        for pv in periods
        if pv.months == 0 and (value := pv.values.get(LineItem.STOCKHOLDERS_EQUITY)) is not None
    }
    if not sheet:
        return []
    found: dict[date, tuple[float, Provenance]] = {}
    clash: set[date] = set()
    for table, scale in tables:
        if scale is None or not EQUITY_STATEMENT_TITLE.search(table.title):
            continue
        for j, cells in _confirmed(_columns(table), sheet, scale).items():
            for end, cell in cells.items():
                value = cell.value * scale + 0.0
                if end in found and not _agree(found[end][0], value):
                    clash.add(end)
                    continue
                found.setdefault(end, (value, _provenance(table, j, cell, scale, line_offset)))
    return [
        PeriodValues(
            end=end,
            months=0,
            values={LineItem.STOCKHOLDERS_EQUITY: value},
            provenance={LineItem.STOCKHOLDERS_EQUITY: prov},
        )
        for end, (value, prov) in sorted(found.items())
        if end not in sheet and end not in clash
    ]


def _provenance(
    table: RawTable, column: int, cell: _Cell, scale: float, line_offset: int
) -> Provenance:
    header = table.columns[column] if column < len(table.columns) else ""
    return Provenance(
        document=table.document,
        document_type=table.document_type,
        line=cell.line + line_offset if cell.line is not None else None,
        label=f"{cell.label} | {header}".strip(" |"),
        raw=cell.raw.strip(),
        scale=scale,
        note=_NOTE,
    )
