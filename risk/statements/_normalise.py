"""One printed table (a :class:`~risk.tables.RawTable`) to line items per period.

The same normaliser serves plain-text and HTML tables: it sees only the table's title,
its column header strings and its rows of label plus raw cell strings.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from risk._lazy import lazy_regex
from risk.financials import (
    FLOW_FIELDS,
    FilingWarning,
    LineItem,
    PeriodValues,
    Provenance,
    WarningCode,
)
from risk.statements._labels import BalanceAt, LabelRule, Sign, ValueKind, match_label
from risk.statements._periods import (
    ColumnPeriod,
    dates_over_year_columns,
    parse_column_period,
    parse_duration,
    parse_scale,
    period_start,
)
from risk.statements._restricted_cash import RESTRICTED_CASH_NOTE
from risk.statements._sectors import sector_split
from risk.tables import STATEMENT_TITLE, Amount, RawRow, RawTable, parse_amount

__all__ = ["FLOW_BALANCE_NOTE", "NormalisedTable", "confirm_flow_balances", "normalise_table"]

#: The provenance note of a balance read from a statement of flows ("Cash ... at end of
#: period"): kept only where the balance sheet confirms it (:func:`confirm_flow_balances`).
FLOW_BALANCE_NOTE = "balance printed in a statement of flows"

#: Column headers that are not the consolidated figures of a period.
_NOT_HISTORICAL = lazy_regex(
    r"pro\s*-?\s*forma|adjust|eliminat|change|increase|decrease|variance|percent|%|"
    r"combined|segment|consolidating|guarantor|subsidiar|parent\s+company|budget|forecast|"
    r"projected|plan\b",
    re.I,
)
_OTHER_UNITS = lazy_regex(
    r"\(\s*in\s+(?:thousands\s+|millions\s+|billions\s+)?of\s+(?!(?:u\.?s\.?\s+)?dollars)[a-z]"
    r"|kilowatt|\bkwh|megawatt|\bbarrels\b|\bounces\b"
    r"|percent(?:age)?\s+of|as\s+a\s+percent|%\s+of\s+(?:net\s+)?(?:sales|revenues?)",
    re.I,
)
_SEGMENTS = lazy_regex(
    r"\b(?:by|operating|business|reportable|industry)\s+segments?\b|\bsegment\s+(?:information|data|results)|"
    r"\bgeographic(?:al)?\s+(?:information|data|areas?|segments?)|\bquarterly\s+financial\s+(?:data|information)|\bselected\s+quarterly|"
    r"\bquarterly\s+results\s+of\s+operations",
    re.I,
)
#: A catch-all row ("Other, net", "Other - net"): printed under several headings of one
#: statement (operating and investing activities), so its repeat is no sign of blocks per
#: subsidiary or segment.
_CATCH_ALL = lazy_regex(r"(total )?other( net)?")
#: The last words of a title that head the first value column from the corner cell, above
#: the labels ("In millions, except per share data  Years ended December 31, 2023" over
#: columns "", "2022", "2021"): a full date, with the period words before it.
_CORNER_DATE = lazy_regex(
    r"((?:(?:years?|quarters?|(?:three|six|nine|twelve)\s+months|\d{2}\s+weeks)\s+ended\s+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+\d{1,2},\s*((?:19|20)\d{2}))\s*$",
    re.I,
)
_BARE_YEAR = lazy_regex(r"\s*((?:19|20)\d{2})\s*")
#: A heading over the figures of discontinued operations ("Discontinued Operations",
#: "Cash flows of discontinued operations:"): the flows of operations printed under it are
#: not the company's ("Cash provided by operating activities" of the discontinued part).
_DISCONTINUED_HEADING = lazy_regex(r"\bdiscontinued\s+operations?\b", re.I)
_OPERATIONS_FLOWS = frozenset(
    {
        LineItem.REVENUE,
        LineItem.OPERATING_INCOME,
        LineItem.OPERATING_CASH_FLOW,
        LineItem.CAPITAL_EXPENDITURES,
    }
)
_PRO_FORMA = lazy_regex(r"pro\s*-?\s*forma", re.I)
_HISTORICAL = lazy_regex(r"historical|actual|as\s+reported", re.I)


#: Every match of ``_SEGMENTS`` holds one of these (in any case).
_SEGMENT_WORDS = ("segment", "geographic", "quarterly")
#: ``_OTHER_UNITS`` for lower-cased ASCII text, every alternative starting at a literal
#: (a leading word boundary is checked by a look-behind after the word), so that ``re``
#: skips to the places one can start.
_OTHER_UNITS_LOW = lazy_regex(
    r"\(\s*in\s+(?:thousands\s+|millions\s+|billions\s+)?of\s+(?!(?:u\.?s\.?\s+)?dollars)[a-z]"
    r"|kilowatt|kwh(?<!\w...)|megawatt|barrels(?<!\w.......)\b|ounces(?<!\w......)\b"
    r"|percent(?:age)?\s+of|as\s+a\s+percent|%\s+of\s+(?:net\s+)?(?:sales|revenues?)"
)


def _segments(title: str) -> bool:
    """``_SEGMENTS.search(title)`` is not None; an ASCII title without its words is
    answered without the pattern (ignoring case is lower-casing for ASCII)."""
    if title.isascii():
        low = title.lower()
        if not any(word in low for word in _SEGMENT_WORDS):
            return False
    return _SEGMENTS.search(title) is not None


def _other_units(title: str) -> bool:
    """``_OTHER_UNITS.search(title)`` is not None (for an ASCII title, ``_OTHER_UNITS_LOW``
    on the title lower-cased)."""
    if title.isascii():
        return _OTHER_UNITS_LOW.search(title.lower()) is not None
    return _OTHER_UNITS.search(title) is not None


@lru_cache(maxsize=4096)  # a document heads many columns alike ("1997", "Three Months")
def _not_historical(header: str) -> bool:
    """A column header naming what is not the historical figures (pro forma, change ...)."""
    return _NOT_HISTORICAL.search(header) is not None


@lru_cache(maxsize=4096)
def _historical(header: str) -> bool:
    """A column header naming the historical figures ("Historical", "As reported")."""
    return _HISTORICAL.search(header) is not None


_LABEL_SCALE = (
    (re.compile(r"\(\s*(?:in\s+)?thousands\s*\)|\bin\s+thousands\b", re.I), 1e3),
    (re.compile(r"\(\s*(?:in\s+)?millions\s*\)|\bin\s+millions\b", re.I), 1e6),
)
_FLOWS = frozenset(FLOW_FIELDS)
_YEAR_IN_HEADER = lazy_regex(r"(?<![\d,.$])\b((?:19|20)\d{2})\b(?![,.]\d)")
#: The title of a primary statement of flows.
_FLOW_STATEMENT = lazy_regex(
    r"statements?\s+of\s+(?:consolidated\s+)?(?:income|earnings|operations|cash\s+flows?)\b",
    re.I,
)
_CASH_FLOW_TITLE = lazy_regex(r"cash\s+flows?|changes\s+in\s+financial\s+position", re.I)
_ROUNDING = 1.5  # printed units: each printed figure is rounded by up to half a unit


@dataclass(frozen=True)
class NormalisedTable:
    """What one table says, as line items per period.

    Attributes
    ----------
    periods : tuple of PeriodValues
        One entry per (end, months); balances at ``months == 0``.
    warnings : tuple of FilingWarning
        Failed checks, unsure signs, columns or rows left out and why.
    columns : tuple of ColumnPeriod or None
        The period read from each column (None for a column left out).
    scale : float or None
        The multiplier applied to amounts (None when unknown: amounts are then left out).
    """

    periods: tuple[PeriodValues, ...]
    warnings: tuple[FilingWarning, ...]
    columns: tuple[ColumnPeriod | None, ...] = ()
    scale: float | None = None


@dataclass
class _Row:
    index: int
    raw: RawRow
    rule: LabelRule | None
    field: LineItem | None
    amounts: list[Amount | None]
    section: str = ""


@dataclass(slots=True)
class _Slot:
    priority: int
    accumulate: bool
    value: float
    provenance: Provenance
    rows: list[int] = field(default_factory=list)


def _amounts(row: RawRow, n: int) -> list[Amount | None]:
    cells = list(row.cells[:n]) + [""] * max(0, n - len(row.cells))
    return [parse_amount(c) for c in cells]


def _cost_sign(row: _Row, usable: list[int]) -> int | None:
    """+1 when the row prints costs as positive numbers, -1 when as deductions, None if unsure."""
    neg = sum(1 for j in usable if (a := row.amounts[j]) is not None and a.value < 0)
    pos = sum(1 for j in usable if (a := row.amounts[j]) is not None and a.value > 0)
    if neg > pos:
        return -1
    if pos > neg or (pos == 0 and neg == 0):
        return 1
    return None


def _tax_value(rows: list[_Row], k: int, j: int) -> tuple[float | None, str]:
    """The tax of row ``k`` in column ``j`` from the arithmetic around it."""
    row = rows[k]
    amount = row.amounts[j]
    assert amount is not None
    printed = amount.value
    if printed == 0:
        return 0.0, "zero"
    pretax = next(
        (
            r.amounts[j]
            for r in reversed(rows[:k])
            if r.field is LineItem.PRETAX_INCOME and r.amounts[j] is not None
        ),
        None,
    )
    after = next(
        (
            r.amounts[j]
            for r in rows[k + 1 :]
            if not r.raw.is_rule and r.amounts[j] is not None and r.field is not row.field
        ),
        None,
    )
    if pretax is None or after is None:
        return None, "no pre-tax result and following subtotal to check the sign against"
    if abs(pretax.value - printed - after.value) <= _ROUNDING:
        return printed, f"sign from the table: {pretax.value:g} - ({printed:g}) = {after.value:g}"
    if abs(pretax.value + printed - after.value) <= _ROUNDING:
        return -printed, f"sign from the table: {pretax.value:g} + ({printed:g}) = {after.value:g}"
    return None, (
        f"neither {pretax.value:g} - ({printed:g}) nor {pretax.value:g} + ({printed:g}) "
        f"gives the next figure {after.value:g}"
    )


def _names_line_items(table: RawTable) -> bool:
    """Whether two rows with figures name line items (a statement, not a note's list)."""
    named = 0
    for row in table.rows:
        if row.label.strip() and any(parse_amount(c) is not None for c in row.cells):
            rule, _ = match_label(row.label)
            named += rule is not None and rule.field is not None
            if named >= 2:
                return True
    return False


def _undated(table: RawTable) -> FilingWarning:
    """The warning for a table of line items none of whose columns could be dated."""
    lines = [line.strip() for line in table.title.split("\n") if line.strip()]
    heading = next(
        (line for line in reversed(lines) if STATEMENT_TITLE.search(line)),
        next((line for line in reversed(lines) if not line.startswith("(")), ""),
    )
    reasons = "; ".join(
        dict.fromkeys(
            parse_column_period(h, title=table.title).reason or f"header {h!r}"
            for h in table.columns
        )
    )
    return FilingWarning(
        code=WarningCode.COLUMNS_UNDATED,
        message=(
            f"no column of the table {heading[:100]!r} could be dated ({reasons[:300]}); "
            "its figures are left out"
        ),
        document=table.document,
        line=table.line,
    )


def _corner_header(table: RawTable) -> RawTable:
    """The table with its first column headed from the corner cell, where the title ends
    with a full date of the year after the bare years heading the other columns."""
    first, *rest = table.columns or ("x",)
    if first.strip() or not rest:
        return table
    years = [m.group(1) for h in rest if (m := _BARE_YEAR.fullmatch(h))]
    last = table.title.strip().rsplit("\n", 1)[-1]
    corner = _CORNER_DATE.search(last)
    if (
        corner is None
        or len(years) != len(rest)
        or int(corner.group(2)) != max(map(int, years)) + 1
    ):
        return table
    return replace(table, columns=(corner.group(1), *rest))


def _column_periods(
    table: RawTable,
    warn: list[FilingWarning],
    known_ends: Collection[date],
    fiscal_year_end: date | None = None,
    fiscal_years: Mapping[int, date] | None = None,
) -> list[ColumnPeriod | None]:
    periods: list[ColumnPeriod | None] = []
    if fiscal_year_end is not None:
        # The document's fiscal year serves only columns that print its own year too
        # ("Year Ended 2011 / 2010" in a 10-K for 2011), not a retailer's "Fiscal 2023"
        # ending in 2024 nor a table of other years.
        printed = {int(y) for h in table.columns for y in _YEAR_IN_HEADER.findall(h)}
        if fiscal_year_end.year not in printed:
            fiscal_year_end = None
    # an annual report's statement of earnings or cash flows over columns "2023 2022 2021"
    annual = 12 if fiscal_year_end is not None and _FLOW_STATEMENT.search(table.title) else None
    for header in table.columns:
        if _not_historical(header):
            periods.append(None)
            continue
        cp = parse_column_period(
            header,
            title=table.title,
            known_ends=known_ends,
            fiscal_year_end=fiscal_year_end,
            fiscal_years=fiscal_years,
            default_months=annual,
        )
        periods.append(cp if cp.end is not None else None)
    ordered = dates_over_year_columns(table.columns, table.title)
    if ordered is not None:
        months = parse_duration(table.title)
        periods = [
            None if _not_historical(header) else ColumnPeriod(end, parse_duration(header) or months)
            for header, end in zip(table.columns, ordered, strict=True)
        ]
    seen: dict[tuple[date, int | None], list[int]] = {}
    for j, col in enumerate(periods):
        if col is not None and col.end is not None:
            seen.setdefault((col.end, col.months), []).append(j)
    for (end, months), cols in seen.items():
        if len(cols) > 1:
            for j in cols:
                periods[j] = None
            warn.append(
                FilingWarning(
                    code=WarningCode.COLUMNS_AMBIGUOUS,
                    message=(
                        f"{len(cols)} columns are headed by the same period {end} "
                        f"({months or 0}m) (segments, subsidiaries or unconsolidated figures?); "
                        "they are left out"
                    ),
                    document=table.document,
                    line=table.line,
                )
            )
    return periods


def normalise_table(
    table: RawTable,
    *,
    scale: float | None = None,
    line_offset: int = 0,
    known_ends: Collection[date] = (),
    fiscal_year_end: date | None = None,
    fiscal_years: Mapping[int, date] | None = None,
) -> NormalisedTable:
    """Turn one printed table into line items per period.

    Parameters
    ----------
    table : RawTable
        ``title`` is read for the scale ("Dollars in thousands except share data") and,
        when a column header lacks them, for the period length and month-day;
        ``columns`` holds one header string per value column ("Three Months Ended
        March 31, 2003"); each row gives a label (wrapped lines joined; a row whose
        cells are all empty is a section heading such as "Operating expenses:") and
        one raw cell string per column (``"$(4,005)"``, ``"---"``, ``""``).
    scale : float or None, default None
        The multiplier for amounts when the table itself states none (e.g. the scale
        printed above an earlier table on the same page). None leaves amounts of a
        table without a stated scale out, with a warning.
    line_offset : int, default 0
        Added to ``RawRow.line`` for provenance (lines before the part in the file).
    known_ends : collection of date, default ()
        Period ends printed in full elsewhere in the document, for year-only columns
        (see :func:`~risk.statements.parse_column_period`).
    fiscal_year_end : date or None, default None
        The document's fiscal-year end (:func:`~risk.statements.fiscal_year_end`), for
        twelve-month columns headed by a year alone ("Year Ended 2011") when the table
        prints no month and day; used only when one column is of that same year.
    fiscal_years : mapping of int to date, default None
        The ends of the fiscal years the document names
        (:func:`~risk.statements.fiscal_year_names`), for columns headed "Fiscal 2023".

    Notes
    -----
    Checked, with a ``check_failed`` warning and no correction: revenue - cost of sales
    = gross profit; gross profit (or revenue) - operating expenses = operating income;
    total assets = total liabilities + minority interest + equity (one printed unit of
    rounding is allowed). The sign of a tax row is taken from the table's arithmetic
    (pre-tax result minus tax equals the next figure printed below it).

    Left out, with a warning: a table titled pro forma (unless it is a bridge whose
    columns are headed historical, or pro forma / adjustments beside the historical
    ones, which are then read), columns headed pro forma, adjustments, change,
    %, segment ..., and columns that share one period (subsidiaries side by side).

    Returns
    -------
    NormalisedTable
    """
    warn: list[FilingWarning] = []
    table = _corner_header(table)
    refused = _refused(table)
    if refused is not None:
        return NormalisedTable((), (refused,), (), None)
    col_periods = _column_periods(table, warn, known_ends, fiscal_year_end, fiscal_years)
    usable = [j for j, cp in enumerate(col_periods) if cp is not None]
    scales = _scales(table, scale)
    if not usable or not table.rows:
        if not usable and table.rows and _names_line_items(table):
            warn.append(_undated(table))
        return NormalisedTable((), tuple(warn), tuple(col_periods), scales.money)
    rows = _label_rows(table, line_offset, warn)
    slots, share_factors = _place_values(
        rows, usable, col_periods, scales, table, line_offset, known_ends, warn
    )
    if scales.money is not None and scales.balances_allowed:
        _unlabeled_total(rows, usable, col_periods, slots, scales.money, table, line_offset)
    _settle_share_scale(slots, share_factors, table, warn)
    periods = _assemble(slots)
    warn.extend(_checks(periods, table, scales.money or 1.0))
    return NormalisedTable(tuple(periods), tuple(warn), tuple(col_periods), scales.money)


# ------------------------------------------------------------- refused tables


def _refused(table: RawTable) -> FilingWarning | None:
    """Why the whole table is not read (segments, another unit, pro forma), or None."""
    if _segments(table.title):
        return FilingWarning(
            code=WarningCode.SEGMENT_TABLE,
            message="the table reports segments or regions, not consolidated totals; "
            "it is not read",
            document=table.document,
            line=table.line,
        )
    if _other_units(table.title):
        return FilingWarning(
            code=WarningCode.NOT_MONEY,
            message="the table counts something other than money (its title names "
            "another unit); it is not read",
            document=table.document,
            line=table.line,
        )
    bridge = any(_historical(c) or _not_historical(c) for c in table.columns)
    if _PRO_FORMA.search(table.title) and not bridge:
        return FilingWarning(
            code=WarningCode.PRO_FORMA_TABLE,
            message="the table is titled pro forma; its figures are not the historical ones "
            "and are left out",
            document=table.document,
            line=table.line,
        )
    return None


# --------------------------------------------------------------------- scales


@dataclass(frozen=True)
class _Scales:
    """The multipliers of one table, and whether it may give balances."""

    #: for amounts: the scale the table states, else the one given from around it
    money: float | None
    #: for share counts; None: the title states a scale for money only, and share counts
    #: need their own label ("(in thousands)") or the per-share arithmetic to confirm one
    shares: float | None
    #: False for a statement of cash flows (its "Accounts receivable" is a change)
    balances_allowed: bool


def _scales(table: RawTable, scale: float | None) -> _Scales:
    stated = parse_scale(" ".join((table.title, *table.columns)))
    return _Scales(
        money=stated.money if stated.money is not None else scale,
        shares=stated.shares if stated.money is not None else 1.0,
        balances_allowed=not _CASH_FLOW_TITLE.search(table.title),
    )


# --------------------------------------------------------- rows to line items


def _label_rows(table: RawTable, line_offset: int, warn: list[FilingWarning]) -> list[_Row]:
    """Each row with its label rule and line item (None for headings, rows above the
    consolidated rows of a sector split, and rows from a repeated block on)."""
    n = len(table.columns)
    split = sector_split(table)
    read_from = 0
    if split is not None:
        read_from = split.consolidated_from
        warn.append(
            FilingWarning(
                code=WarningCode.SECTOR_SPLIT,
                message=(
                    f"the statement is split by sector ({', '.join(split.sectors)}); only "
                    "the consolidated rows below them are read"
                    + ("" if read_from < len(table.rows) else ", and it prints none")
                ),
                document=table.document,
                line=table.line,
            )
        )
    rows: list[_Row] = []
    section = ""
    section_indent = 0
    no_indents = all(r.indent == 0 for r in table.rows)
    gross_seen = False
    seen_labels: dict[str, int] = {}
    last_heading = -1
    repeated_from: int | None = None
    for i, raw in enumerate(table.rows):
        amounts = _amounts(raw, n)
        has_value = any(a is not None for a in amounts)
        if not has_value:
            if raw.label.strip() and not raw.is_rule:
                section = raw.label
                section_indent = raw.indent
                last_heading = i
            rows.append(_Row(i, raw, None, None, amounts))
            continue
        if repeated_from is not None or i < read_from:
            rows.append(_Row(i, raw, None, None, amounts))
            continue
        indented = raw.indent > section_indent or no_indents
        rule, key = (
            match_label(raw.label, section=section, short_needs_section=indented)
            if raw.label.strip()
            else (None, "")
        )
        if rule is None or rule.field is None or _CATCH_ALL.fullmatch(key):
            key = ""  # only named line items count as repeated rows
        if key and key in seen_labels and seen_labels[key] < last_heading:
            # The same rows again under a new heading: blocks per subsidiary or segment.
            repeated_from = i
            warn.append(
                FilingWarning(
                    code=WarningCode.REPEATED_BLOCKS,
                    message=(
                        f"row {raw.label!r} repeats under the heading {section!r} "
                        "(subsidiaries or segments side by side); the rows from there on "
                        "are not read as consolidated figures"
                    ),
                    document=table.document,
                    line=_line(raw, line_offset),
                )
            )
            rows.append(_Row(i, raw, None, None, amounts))
            continue
        if key:
            seen_labels.setdefault(key, i)
        item = rule.field if rule else None
        if rule is not None and gross_seen and rule.after_gross_profit is not None:
            item = rule.after_gross_profit
        if item in _OPERATIONS_FLOWS and _DISCONTINUED_HEADING.search(section):
            item = None
        if item is LineItem.GROSS_PROFIT:
            gross_seen = True
        rows.append(_Row(i, raw, rule, item, amounts, section))
    return rows


# ------------------------------------------------------------ cells to values

_SlotKey = tuple[date, int, LineItem]


def _place_values(
    rows: list[_Row],
    usable: list[int],
    col_periods: list[ColumnPeriod | None],
    scales: _Scales,
    table: RawTable,
    line_offset: int,
    known_ends: Collection[date],
    warn: list[FilingWarning],
) -> tuple[dict[_SlotKey, _Slot], dict[_SlotKey, float | None]]:
    """Every cell of a line-item row, signed and scaled, in its (date, months, item) slot;
    and the scale of each share count (None where still open)."""
    slots: dict[_SlotKey, _Slot] = {}
    share_factors: dict[_SlotKey, float | None] = {}
    skipped_flows = 0
    missing_scale = 0
    # the column ends of each period length (52-53 week columns date a period's start)
    ends_by_length: dict[int | None, list[date]] = {}
    for c in col_periods:
        if c is not None and c.end is not None:
            ends_by_length.setdefault(c.months, []).append(c.end)
    for k, row in enumerate(rows):
        rule, item = row.rule, row.field
        if rule is None or item is None:
            continue
        if not scales.balances_allowed and item is LineItem.CASH and rule.balance_at is None:
            # "Cash and cash equivalents" under a statement of flows' closing line (its
            # reconciliation to the balance sheet): the balance at the column's end
            rule = rule.model_copy(update={"balance_at": BalanceAt.END})
        cost = _cost_sign(row, usable) if rule.sign is Sign.COST else 1
        if cost is None:
            warn.append(
                FilingWarning(
                    code=WarningCode.AMBIGUOUS_SIGN,
                    message=(
                        f"row {row.raw.label!r} prints as many positive as negative figures; "
                        f"its sign as {item.value} is unclear and it is left out"
                    ),
                    document=table.document,
                    line=_line(row.raw, line_offset),
                )
            )
            continue
        shares = rule.kind is ValueKind.SHARES
        factor = _row_factor(row, rule, scales)
        is_flow = item in _FLOWS  # a LineItem hashes and compares as its value
        for j in usable:
            amount = row.amounts[j]
            cp = col_periods[j]
            if amount is None or cp is None or cp.end is None:
                continue
            if factor is None and not shares:
                missing_scale += 1
                continue
            if is_flow and cp.months is None:
                skipped_flows += 1
                continue
            siblings = ends_by_length.get(cp.months, ())
            at = _value_date(rule, cp, is_flow, scales.balances_allowed, known_ends, siblings)
            if at is None:
                continue
            months = cp.months if is_flow and cp.months is not None else 0
            printed, note = _signed_value(rows, k, j, rule, amount.value, cost)
            value = printed * (factor if factor is not None else 1.0)
            if value == 0:
                value = 0.0  # no negative zero
            prov = Provenance(
                document=table.document,
                document_type=table.document_type,
                line=_line(row.raw, line_offset),
                label=row.raw.label,
                raw=row.raw.cells[j].strip() if j < len(row.raw.cells) else None,
                scale=factor,
                note=note,
            )
            slot_key = (at, months, item)
            if rule.restricted_cash and item is LineItem.CASH:
                prov = prov.model_copy(update={"note": RESTRICTED_CASH_NOTE})
            _put(slots, slot_key, rule, value, prov, k, table, warn)
            if rule.balance_field is not None and cp.months is not None:
                # the cash a statement of flows ends a period with: also the balance then
                balance = prov.model_copy(update={"note": FLOW_BALANCE_NOTE})
                balance_rule = rule
                if rule.restricted_cash:
                    balance = prov.model_copy(update={"note": RESTRICTED_CASH_NOTE})
                    balance_rule = rule.model_copy(update={"priority": 0})
                key = (cp.end, 0, rule.balance_field)
                _put(slots, key, balance_rule, value, balance, k, table, warn)
            if shares and (slot := slots.get(slot_key)) is not None and slot.rows == [k]:
                share_factors[slot_key] = factor
    if missing_scale:
        warn.append(
            FilingWarning(
                code=WarningCode.SCALE_UNKNOWN,
                message=(
                    "the table states no scale (thousands, millions) and none was found "
                    f"near it; {missing_scale} amounts are left out"
                ),
                document=table.document,
                line=table.line,
            )
        )
    if skipped_flows:
        warn.append(
            FilingWarning(
                code=WarningCode.PERIOD_LENGTH_UNKNOWN,
                message=(
                    f"{skipped_flows} income or cash-flow figures stand in columns headed by a "
                    "date without a period length; they are left out"
                ),
                document=table.document,
                line=table.line,
            )
        )
    return slots, share_factors


def _row_factor(row: _Row, rule: LabelRule, scales: _Scales) -> float | None:
    """The multiplier of a row's cells: none for per-share values, the share scale (or
    the one its label or heading states) for share counts, else the money scale."""
    if rule.kind is ValueKind.PER_SHARE:
        return 1.0
    if rule.kind is ValueKind.SHARES:
        factor = scales.shares
        for text in (row.section, row.raw.label):  # the label outranks its heading
            for pattern, label_factor in _LABEL_SCALE:
                if pattern.search(text):
                    factor = label_factor
        return factor
    return scales.money


def _value_date(
    rule: LabelRule,
    cp: ColumnPeriod,
    is_flow: bool,
    balances_allowed: bool,
    known_ends: Collection[date],
    table_ends: Collection[date] = (),
) -> date | None:
    """The date a cell's value stands at: the column's end, or for "Cash ... at
    beginning of period" in a statement of flows the period's start; None when the
    cell gives no value of its line item (a balance in a table that gives none)."""
    if cp.end is None:
        return None
    if rule.balance_at is not None:
        # "Cash ... at end of period" in a statement of flows: a balance
        if cp.months is None:
            return None
        if rule.balance_at is BalanceAt.BEGINNING:
            return period_start(cp.end, cp.months, known_ends, table_ends)
        return cp.end
    if not is_flow and (not balances_allowed or (rule.instant_only and cp.months is not None)):
        return None
    return cp.end


def _signed_value(
    rows: list[_Row], k: int, j: int, rule: LabelRule, amount: float, cost: int
) -> tuple[float, str | None]:
    """The printed amount with the sign of its line item (``labels.json``'s ``sign``),
    and the note that says how the sign was decided (None when as printed)."""
    note: str | None = FLOW_BALANCE_NOTE if rule.balance_at is not None else None
    sign = rule.sign
    if sign is Sign.TAX:
        taxed, why = _tax_value(rows, k, j)
        if taxed is None:
            negative = rule.fallback is Sign.NEGATIVE
            return (-abs(amount) if negative else amount), f"sign as the label reads: {why}"
        return taxed, why
    if sign in (Sign.DEFICIT, Sign.NEGATIVE):
        return -abs(amount), note
    if sign is Sign.COST:
        return amount * cost, note
    return amount, note


# ------------------------------------------------ totals, share scale, checks


#: Fields of the asset side of a balance sheet: a table holding only these is an assets table.
_ASSET_SIDE = frozenset(
    {
        LineItem.CASH,
        LineItem.RECEIVABLES,
        LineItem.INVENTORY,
        LineItem.CURRENT_ASSETS,
    }
)


def _reduces_to(values: list[float]) -> float | None:
    """The grand total the last value closes, or None.

    The values before the last are folded as printed subtotals are: a value equal to the
    sum of two or more values just above it replaces them (inventories 220 + 19 + 270 =
    509, total current assets, net property 1,295 - 739 = 556). The last value closes the
    table when it equals the sum of what is left, two or more items.
    """
    items: list[float] = []
    for v in values[:-1]:
        for n in range(len(items), 1, -1):
            if abs(sum(items[-n:]) - v) <= 1e-6 + 1e-9 * abs(v):
                del items[-n:]
                break
        items.append(v)
    last = values[-1]
    if len(items) >= 2 and abs(sum(items) - last) <= 1e-6 + 1e-9 * abs(last):
        return last
    return None


def _unlabeled_total(
    rows: list[_Row],
    usable: list[int],
    col_periods: list[ColumnPeriod | None],
    slots: dict[tuple[date, int, LineItem], _Slot],
    money_scale: float,
    table: RawTable,
    line_offset: int,
) -> None:
    """Total assets from an unlabeled last line of an assets table (in place).

    Apple's 1997 10-Q prints the asset side alone and closes it with "$4,487" and no
    label. That line is taken as ``total_assets`` only when (1) it is the table's last
    line with figures and has no label, (2) every line item the table names is on the
    asset side and total current assets is among them, (3) no total assets is printed,
    and (4) in every column the figure equals the sum of the lines above it, printed
    subtotals folded (:func:`_reduces_to`). An unlabeled last line of a liabilities
    table (liabilities plus equity) is never taken.
    """
    valued = [r for r in rows if any(a is not None for a in r.amounts)]
    if len(valued) < 3:
        return
    last = valued[-1]
    if last.raw.label.strip() or last.field is not None:
        return
    named = {r.field for r in valued if r.field is not None}
    if LineItem.CURRENT_ASSETS not in named or not named <= _ASSET_SIDE:
        return
    found: dict[int, float] = {}
    for j in usable:
        column = [r.amounts[j] for r in valued]
        if any(a is None for a in column):
            return
        total = _reduces_to([a.value for a in column if a is not None])
        if total is None:
            return
        found[j] = total
    for j, total in found.items():
        cp = col_periods[j]
        if cp is None or cp.end is None:
            continue
        key = (cp.end, 0, LineItem.TOTAL_ASSETS)
        if key in slots:
            continue
        prov = Provenance(
            document=table.document,
            document_type=table.document_type,
            line=_line(last.raw, line_offset),
            label=None,
            raw=last.raw.cells[j].strip() if j < len(last.raw.cells) else None,
            scale=money_scale,
            note="unlabeled last line of the assets table; equals the sum of the lines above",
        )
        slots[key] = _Slot(0, False, total * money_scale, prov, [last.index])


_SHARE_SCALES = (1e-6, 1e-3, 1.0, 1e3, 1e6)  # below 1: counts already scaled too far
_EPS_FIT = 3.0  # net income / (EPS x shares) within this factor: preferred dividends, rounding


def _eps_scales(slots: dict[tuple[date, int, LineItem], _Slot]) -> dict[tuple[date, int], float]:
    """Per period, the share scale under which net income / shares gives the printed EPS.

    1.0 means the shares as they stand fit; a period where no scale fits
    within :data:`_EPS_FIT`, or where EPS rounds to zero, gives no entry.
    """
    out: dict[tuple[date, int], float] = {}
    pairs = (
        (LineItem.WEIGHTED_SHARES_BASIC, LineItem.EPS_BASIC),
        (LineItem.WEIGHTED_SHARES_DILUTED, LineItem.EPS_DILUTED),
    )
    for (end, months, item), slot in slots.items():
        if item is not LineItem.NET_INCOME or months == 0:
            continue
        for shares_item, eps_item in pairs:
            shares = slots.get((end, months, shares_item))
            eps = slots.get((end, months, eps_item))
            if shares is None or eps is None or shares.value <= 0 or abs(eps.value) < 0.02:
                continue
            fits = [
                s
                for s in _SHARE_SCALES
                if 1 / _EPS_FIT <= slot.value / (eps.value * shares.value * s) <= _EPS_FIT
            ]
            if len(fits) == 1:
                out[(end, months)] = fits[0]
                break
    return out


def _settle_share_scale(
    slots: dict[tuple[date, int, LineItem], _Slot],
    factors: dict[tuple[date, int, LineItem], float | None],
    table: RawTable,
    warn: list[FilingWarning],
) -> None:
    """Scale, confirm or drop the share counts of one table (in place).

    A share count whose scale the title leaves open ("Dollars in millions, except per
    share amounts") is kept only when net income / weighted shares gives the printed EPS
    under exactly one scale in every period where it can be checked; a share count whose
    stated scale that arithmetic contradicts (by a factor of a thousand) is dropped. Either
    way a warning names the rows left out.
    """
    if not factors:
        return
    # Shares whose scale is still open stand as printed (their provenance scale is None).
    fits = _eps_scales(slots)
    open_keys = [k for k, f in factors.items() if f is None]
    if open_keys:
        found = set(fits.values())
        if len(found) == 1 and min(found) >= 1.0:
            confirmed = found.pop()
            for key in open_keys:
                slot = slots[key]
                slot.value *= confirmed
                slot.provenance = slot.provenance.model_copy(
                    update={
                        "scale": confirmed,
                        "note": "share scale from net income / weighted shares = EPS",
                    }
                )
            fits = _eps_scales(slots)
        else:
            for key in open_keys:
                del slots[key]
            warn.append(
                FilingWarning(
                    code=WarningCode.SHARE_SCALE_UNKNOWN,
                    message=(
                        "the title states a scale for dollars only and not for share counts, "
                        "and net income / shares = EPS does not settle it; "
                        f"{len(open_keys)} share counts are left out"
                    ),
                    document=table.document,
                    line=table.line,
                )
            )
            return
    wrong = {period for period, s in fits.items() if s != 1.0}
    if wrong:
        dropped = [k for k in factors if k in slots]
        for key in dropped:
            del slots[key]
        warn.append(
            FilingWarning(
                code=WarningCode.SHARE_SCALE_CONTRADICTED,
                message=(
                    "net income / weighted shares does not give the printed EPS under the "
                    f"stated share scale (periods {sorted(str(p[0]) for p in wrong)}); "
                    f"{len(dropped)} share counts are left out"
                ),
                document=table.document,
                line=table.line,
            )
        )


def _line(row: RawRow, line_offset: int) -> int | None:
    return row.line + line_offset if row.line is not None else None


def _put(
    slots: dict[tuple[date, int, LineItem], _Slot],
    key: tuple[date, int, LineItem],
    rule: LabelRule,
    value: float,
    prov: Provenance,
    k: int,
    table: RawTable,
    warn: list[FilingWarning],
) -> None:
    old = slots.get(key)
    if old is None or rule.priority > old.priority:
        slots[key] = _Slot(rule.priority, rule.accumulate, value, prov, [k])
        return
    if rule.priority < old.priority or k in old.rows:
        return
    if rule.accumulate and old.accumulate:
        old.value += value
        old.rows.append(k)
        old.provenance = old.provenance.model_copy(
            update={
                "label": f"{old.provenance.label} + {prov.label}",
                "raw": f"{old.provenance.raw} + {prov.raw}",
                "note": "sum of the rows named in label",
            }
        )
        return
    if abs(old.value - value) > 0.5 * max(abs(prov.scale or 1.0), 1.0):
        warn.append(
            FilingWarning(
                code=WarningCode.DUPLICATE_ROW,
                message=(
                    f"{key[2].value} for {key[0]} ({key[1]}m) is printed twice in one table "
                    f"({old.provenance.raw} and {prov.raw}); the first is kept"
                ),
                document=table.document,
                line=prov.line,
            )
        )


def _assemble(slots: dict[tuple[date, int, LineItem], _Slot]) -> list[PeriodValues]:
    grouped: dict[tuple[date, int], tuple[dict[LineItem, float], dict[LineItem, Provenance]]]
    grouped = {}
    for (end, months, item), slot in slots.items():
        values, prov = grouped.setdefault((end, months), ({}, {}))
        values[item] = slot.value
        prov[item] = slot.provenance
    return [
        PeriodValues(end=end, months=months, values=v, provenance=p)
        for (end, months), (v, p) in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]


def _checks(periods: list[PeriodValues], table: RawTable, unit: float) -> list[FilingWarning]:
    """Accounting identities; a failure is reported, never corrected."""
    out: list[FilingWarning] = []
    tol = 1.0 * unit + 1e-6  # one printed unit of rounding; two or more is a failure

    def fail(pv: PeriodValues, what: str) -> None:
        out.append(
            FilingWarning(
                code=WarningCode.CHECK_FAILED,
                message=f"{what} for {pv.end} ({pv.months}m)",
                document=table.document,
                line=table.line,
            )
        )

    for pv in periods:
        v = pv.values
        rev, cos, gp = (
            v.get(LineItem.REVENUE),
            v.get(LineItem.COST_OF_SALES),
            v.get(LineItem.GROSS_PROFIT),
        )
        if rev is not None and cos is not None and gp is not None and abs(rev - cos - gp) > tol:
            fail(pv, f"revenue {rev:,.0f} - cost of sales {cos:,.0f} != gross profit {gp:,.0f}")
        opex, oi = v.get(LineItem.OPERATING_EXPENSES), v.get(LineItem.OPERATING_INCOME)
        base, base_name = (gp, "gross profit") if gp is not None else (rev, "revenue")
        if base is not None and opex is not None and oi is not None and abs(base - opex - oi) > tol:
            fail(
                pv,
                f"{base_name} {base:,.0f} - operating expenses {opex:,.0f} != operating "
                f"income {oi:,.0f}",
            )
        assets = v.get(LineItem.TOTAL_ASSETS)
        liab = v.get(LineItem.TOTAL_LIABILITIES)
        equity = v.get(LineItem.STOCKHOLDERS_EQUITY)
        if assets is not None and liab is not None and equity is not None:
            minority = v.get(LineItem.MINORITY_INTEREST, 0.0)
            if abs(assets - liab - minority - equity) > tol:
                fail(
                    pv,
                    f"total assets {assets:,.0f} != liabilities {liab:,.0f} + minority "
                    f"interest {minority:,.0f} + equity {equity:,.0f}",
                )
    return out


def _confirms(flow: float, sheet: float) -> bool:
    """Whether the balance sheet's figure confirms a balance printed in a statement of flows.

    Equal within rounding only. A cash-flow statement whose cash includes restricted cash
    (:func:`~risk.statements.includes_restricted_cash`) exceeds the sheet's cash and
    equivalents; its balances at other dates are then not cash and equivalents either,
    and are left out (the corpus's inline-XBRL oracle tags the sheet's cash at those
    dates in the notes, different from the statement's).
    """
    return abs(flow - sheet) <= max(1.0, 0.005 * max(abs(flow), abs(sheet)))


def confirm_flow_balances(
    periods: list[PeriodValues],
    *,
    document: str,
    seen: Sequence[PeriodValues] | None = None,
) -> tuple[list[PeriodValues], list[FilingWarning]]:
    """Keep the balances read from a statement of flows only where a balance sheet agrees.

    "Cash and cash equivalents at end of period" in a cash-flow statement may include
    restricted cash, or cash of operations held for sale, where the balance sheet's cash
    does not. Such balances (provenance note :data:`FLOW_BALANCE_NOTE`) stand only when
    the balance sheet prints the same field at one of their dates at least and agrees
    there within rounding (:func:`_confirms`); otherwise they are all left out, with a
    warning. Where both print a date the balance sheet's figure is kept; the statement
    of flows gives the dates the sheet does not print (the cash at the beginning of the
    prior year).

    ``seen`` holds every table's periods before they were merged (a merge keeps one value
    per date, so the check needs them); by default ``periods`` themselves.
    """
    flow: list[tuple[PeriodValues, LineItem]] = []
    sheet: dict[tuple[date, LineItem], tuple[float, Provenance | None]] = {}
    for pv in periods if seen is None else seen:
        for item, value in pv.values.items():
            prov = pv.provenance.get(item)
            if prov is not None and prov.note == FLOW_BALANCE_NOTE:
                flow.append((pv, item))
            elif pv.months == 0 and (prov is None or prov.note != RESTRICTED_CASH_NOTE):
                sheet.setdefault((pv.end, item), (value, prov))
    if not flow:
        return periods, []
    bad: set[LineItem] = set()
    for item in {item for _pv, item in flow}:
        pairs = [
            (pv.values[item], sheet[(pv.end, item)][0])
            for pv, i in flow
            if i is item and (pv.end, item) in sheet
        ]
        if not pairs or not all(_confirms(a, b) for a, b in pairs):
            bad.add(item)
    out: list[PeriodValues] = []
    changed = False
    for pv in periods:
        values = dict(pv.values)
        provs = dict(pv.provenance)
        for item in list(values):
            prov = provs.get(item)
            if prov is None or prov.note != FLOW_BALANCE_NOTE:
                continue
            changed = True
            if item in bad:
                del values[item]
                provs.pop(item, None)
            elif (pv.end, item) in sheet:
                values[item], sheet_prov = sheet[(pv.end, item)]
                if sheet_prov is not None:
                    provs[item] = sheet_prov
        if values == pv.values and provs == pv.provenance:
            out.append(pv)
        elif values:
            out.append(
                PeriodValues(
                    end=pv.end,
                    months=pv.months,
                    values=values,
                    provenance={k: v for k, v in provs.items() if k in values},
                    estimate=pv.estimate,
                )
            )
    if not bad:
        return (out if changed else periods), []
    warning = FilingWarning(
        code=WarningCode.FLOW_BALANCE_UNCONFIRMED,
        message=(
            f"{', '.join(sorted(i.value for i in bad))} printed at the beginning or end of "
            "periods in a statement of flows does not match the balance sheet (or the "
            "balance sheet gives none at those dates); those figures are left out"
        ),
        document=document,
    )
    return out, [warning]
