"""Equity at the dates a statement of shareholders' equity prints ("Balances at June 2, 2023").

A statement of changes in equity runs its balances down the rows ("Balance at December
31, 2022", then the changes, then "Balance at March 31, 2023") and its components across
the columns (common stock, retained earnings, ... and the total). The column holding the
registrant's total equity is not named reliably ("Total", "Total Adobe stockholders'
equity", or no header at all), so it is found by arithmetic: the one column whose
balances equal the balance sheet's equity at every date both print (one date at least).
Its other balances - the quarter ends of the year before, the beginning of the year -
are then the registrant's equity at those dates.

Balance rows that print no date ("Balances at beginning of period", "Total shareholders'
equity, ending balances") are dated by their column's period: its end, or the end of the
period before it. A series (a column, or in a statement whose columns are periods, a row
of balances under its heading) is confirmed by the balance sheet as above; the same
series in another statement of equity of the document (the prior year's quarter, which
shares no date with the balance sheet) is confirmed by its name: the column header and
row label with the dates taken out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from risk._lazy import lazy_regex
from risk.financials import LineItem, PeriodValues, Provenance
from risk.statements._periods import parse_column_period, period_start
from risk.tables import RawTable, parse_amount

__all__ = ["EQUITY_STATEMENT_TITLE", "equity_statement_balances"]

#: The title of a statement of (changes in) shareholders' equity.
EQUITY_STATEMENT_TITLE = lazy_regex(
    r"statements?\s+of\s+(?:changes\s+in\s+)?(?:consolidated\s+)?(?:[\w&.’'-]+\s+){0,3}?"
    r"(?:stockholders|shareholders|shareowners|share\s?owners|owners)[’']?\s*"
    r"(?:equity|deficit|deficiency|investment)"
    r"|statements?\s+of\s+(?:changes\s+in\s+)?(?:total\s+)?equity\b",
    re.I,
)
_BALANCE_ROW = lazy_regex(r"^\s*(?:ending\s+|closing\s+)?balances?\b", re.I)
#: A balance row dated by its column: "Balances at beginning of period", "Total
#: shareholders' equity, ending balances", "Balance, end of year".
_UNDATED_BALANCE = lazy_regex(
    r"\bbalances?\b.*\b(?:beginning|end|ending|opening|closing)\b"
    r"|\b(?:beginning|ending|opening|closing)\s+balances?\b",
    re.I,
)
_BEGINNING = lazy_regex(r"\b(?:beginning|opening)\b", re.I)
_SHARES = lazy_regex(r"\bshares?\b|\bunits\b", re.I)
#: Words taken out of headers and labels to name a series across tables.
_DATE_WORDS = lazy_regex(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|one|two|three|four|six|"
    r"nine|twelve|thirteen|twenty|weeks?|months?|quarters?|years?|fiscal|ended|ending|end|"
    r"beginning|opening|closing|period|balances?|as|of|at|the|for|unaudited|restated)\b"
    r"|\d+|[^a-z ]",
)
_NOTE = "from the statement of shareholders' equity; its series matches the balance sheet"


@dataclass(frozen=True)
class _Cell:
    value: float
    line: int | None
    label: str
    raw: str
    column: int


#: A series of balances: (header key, row key) - the column header and, for rows dated
#: by their column, the row label under its heading, with dates taken out.
_Key = tuple[str, str]


def _name(text: str) -> str:
    return " ".join(_DATE_WORDS.sub(" ", text.lower()).split())


def _row_date(
    label: str,
    column: str,
    title: str,
    known_ends: Collection[date],
    siblings: Collection[date] = (),
) -> tuple[date | None, bool]:
    """The date of a balance cell, and whether the row prints it (else the column does).

    A balance at the first of a month ("Balance at January 1, 2021") opens that day: it
    is the balance at the close of the day before where that day is a period end the
    periods give and the first is not (a quarter of 52-53 weeks may end on Sunday, May 1).
    """
    end = parse_column_period(label).end
    if end is not None:
        before = end - timedelta(days=1)
        if end.day == 1 and before in known_ends and end not in known_ends:
            return before, True
        return end, True
    if not _UNDATED_BALANCE.search(label):
        return None, False
    period = parse_column_period(column, title=title, known_ends=known_ends)
    if period.end is None or not period.months:
        return None, False
    if _BEGINNING.search(label):
        return period_start(period.end, period.months, known_ends, siblings), False
    return period.end, False


def _series(table: RawTable, known_ends: Collection[date]) -> dict[_Key, dict[date, _Cell]]:
    """Per series of balances (not share counts), the balance at each date it gives."""
    out: dict[_Key, dict[date, _Cell]] = {}
    section = ""
    # the ends of the table's columns: a statement whose columns are periods
    siblings = [
        cp.end
        for h in table.columns
        if (cp := parse_column_period(h, title=table.title, known_ends=known_ends)).end
    ]
    for row in table.rows:
        amounts = [parse_amount(c) for c in row.cells]
        if not any(a is not None for a in amounts):
            section = row.label if row.label.strip() else section
            continue
        if not (_BALANCE_ROW.match(row.label) or _UNDATED_BALANCE.search(row.label)):
            continue
        for j, amount in enumerate(amounts):
            header = table.columns[j] if j < len(table.columns) else ""
            if amount is None or _SHARES.search(header):
                continue
            end, dated = _row_date(row.label, header, table.title, known_ends, siblings)
            if end is None:
                continue
            key = (_name(header), "" if dated else _name(f"{section} {row.label}"))
            if not dated and _SHARES.search(f"{section} {row.label}"):
                continue
            cells = out.setdefault(key, {})
            if end in cells and not _agree(cells[end].value, amount.value):
                cells[end] = _Cell(math.nan, None, "", "", j)  # two figures for one date
                continue
            cells.setdefault(end, _Cell(amount.value, row.line, row.label, row.cells[j], j))
    return {k: {d: c for d, c in v.items() if not math.isnan(c.value)} for k, v in out.items()}


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= max(1.0, 0.005 * max(abs(a), abs(b)))


def _equity_statements(
    tables: Sequence[tuple[RawTable, float | None]],
) -> list[tuple[RawTable, float]]:
    """The statements of equity among the tables, with their scale.

    A table titled as one, and the table right after one with the same column names (the
    statement continued on the next page, or the prior year's block under a bare
    "For the six months ended June 30, 2022").
    """
    out: list[tuple[RawTable, float]] = []
    before: list[str] | None = None
    for table, scale in tables:
        names = [_name(h) for h in table.columns]
        titled = bool(EQUITY_STATEMENT_TITLE.search(table.title))
        if titled or (before is not None and names == before and any(names)):
            if scale is not None:
                out.append((table, scale))
            before = names
        else:
            before = None
    return out


def _confirmed(
    series: dict[_Key, dict[date, _Cell]], sheet: dict[date, float], scale: float
) -> tuple[set[_Key], set[_Key]]:
    """The series whose balances the balance sheet confirms (all shared dates agree, one at
    least), and those it contradicts (some shared date disagrees)."""
    good: set[_Key] = set()
    bad: set[_Key] = set()
    for key, cells in series.items():
        shared = [d for d in cells if d in sheet]
        if any(not _agree(cells[d].value * scale, sheet[d]) for d in shared):
            bad.add(key)
        elif shared:
            good.add(key)
    return good, bad


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
        The tables of a document part, in order, with the money scale each was read with
        (None: unknown, the table is skipped).
    periods : sequence of PeriodValues
        What the part's other tables give; the balance sheet's ``stockholders_equity``
        confirms a series.
    line_offset : int, default 0
        Added to the rows' lines for provenance (lines before the part in the file).

    Returns
    -------
    list of PeriodValues
        Balances (``months == 0``) holding ``stockholders_equity`` only, at dates the
        periods give no equity for; empty when no series is confirmed, or when the
        confirmed series disagree at some date.
    """
    sheet = {
        pv.end: value
        for pv in periods
        if pv.months == 0 and (value := pv.values.get(LineItem.STOCKHOLDERS_EQUITY)) is not None
    }
    if not sheet:
        return []
    known_ends = {pv.end for pv in periods if pv.months == 0}
    statements = [
        (table, scale, _series(table, known_ends)) for table, scale in _equity_statements(tables)
    ]
    judged = [_confirmed(series, sheet, scale) for _t, scale, series in statements]
    named = {key for good, _bad in judged for key in good if any(key)}
    found: dict[date, tuple[float, Provenance]] = {}
    clash: set[date] = set()
    for (table, scale, series), (good, bad) in zip(statements, judged, strict=True):
        for key, cells in series.items():
            if key in bad or (key not in good and key not in named):
                continue
            for end, cell in cells.items():
                value = cell.value * scale + 0.0
                if end in found and not _agree(found[end][0], value):
                    clash.add(end)
                    continue
                found.setdefault(end, (value, _provenance(table, cell, scale, line_offset)))
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


def _provenance(table: RawTable, cell: _Cell, scale: float, line_offset: int) -> Provenance:
    header = table.columns[cell.column] if cell.column < len(table.columns) else ""
    return Provenance(
        document=table.document,
        document_type=table.document_type,
        line=cell.line + line_offset if cell.line is not None else None,
        label=f"{cell.label} | {header}".strip(" |"),
        raw=cell.raw.strip(),
        scale=scale,
        note=_NOTE,
    )
