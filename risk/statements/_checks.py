"""Checks between periods of one filing: the balance sheet against the cash-flow statement,
a quarter against the difference of two year-to-date periods.

The identities within one period (assets = liabilities + equity, the cash-flow
statement's net income against the income statement's) are checked where they are
derived (:func:`risk.statements.derive_period`). A check never corrects a value: a
failure is a ``check_failed`` warning naming both sources and the difference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from risk._lazy import lazy_regex
from risk.financials import (
    FLOW_FIELDS,
    NON_ADDITIVE_FLOWS,
    FilingWarning,
    LineItem,
    PeriodValues,
    WarningCode,
)
from risk.statements._derive import rounding_unit, where

__all__ = ["cross_period_checks"]

#: Flows that add up over periods: a quarter is a year-to-date figure less the one before.
_ADDITIVE = tuple(LineItem(f) for f in FLOW_FIELDS if f not in NON_ADDITIVE_FLOWS)
#: Day counts between the ends of two year-to-date periods a quarter apart (13/14 weeks).
_QUARTER_DAYS = (84, 99)
_RESTRICTED = lazy_regex(r"restricted", re.I)
#: From fiscal years beginning after 15 December 2017 (ASU 2016-18) the cash-flow
#: statement explains cash, equivalents and restricted cash together.
_RESTRICTED_CASH_FROM = date(2017, 12, 31)


def _fmt_period(end: date, months: int) -> str:
    return f"the {months} months to {end}"


def _ending_cash(
    flows: PeriodValues, balances: dict[date, PeriodValues], document: str
) -> FilingWarning | None:
    """The cash the cash-flow statement ends with against the balance sheet's cash.

    When the statement's line names restricted cash, or the period ends after
    :data:`_RESTRICTED_CASH_FROM` (ASU 2016-18: the statement then includes restricted
    cash whatever its line says), it may exceed the balance sheet's cash and
    equivalents, never fall short of them.
    """
    end_cash = flows.values.get(LineItem.ENDING_CASH)
    balance = balances.get(flows.end)
    if end_cash is None or balance is None or LineItem.CASH not in balance.values:
        return None
    cash = balance.values[LineItem.CASH]
    cf_prov = flows.provenance.get(LineItem.ENDING_CASH)
    bs_prov = balance.provenance.get(LineItem.CASH)
    tol = max(1.0, 0.5 * (rounding_unit(end_cash, cf_prov) + rounding_unit(cash, bs_prov)))
    diff = end_cash - cash
    restricted = flows.end >= _RESTRICTED_CASH_FROM or bool(
        cf_prov and cf_prov.label and _RESTRICTED.search(cf_prov.label)
    )
    if abs(diff) <= tol or (restricted and diff > 0):
        return None
    return FilingWarning(
        code=WarningCode.CHECK_FAILED,
        message=(
            f"cash at {flows.end}: the balance sheet gives {cash:,.0f} "
            f"({where(LineItem.CASH, bs_prov)}) and the cash-flow statement for "
            f"{_fmt_period(flows.end, flows.months)} ends with {end_cash:,.0f} "
            f"({where(LineItem.ENDING_CASH, cf_prov)}); they differ by {abs(diff):,.0f}"
        ),
        document=document,
    )


def _quarter_start(
    periods: dict[tuple[date, int], PeriodValues], end: date, months: int
) -> PeriodValues | None:
    """The year-to-date period of ``months - 3`` months ending a quarter before ``end``."""
    low, high = _QUARTER_DAYS
    found = [
        pv for (e, m), pv in periods.items() if m == months - 3 and low <= (end - e).days <= high
    ]
    return found[0] if len(found) == 1 else None


def _quarter(
    quarter: PeriodValues, ytd: PeriodValues, before: PeriodValues, document: str
) -> list[FilingWarning]:
    out: list[FilingWarning] = []
    for item in _ADDITIVE:
        if not all(item in p.values for p in (quarter, ytd, before)):
            continue
        q, y, b = (p.values[item] for p in (quarter, ytd, before))
        provs = [p.provenance.get(item) for p in (quarter, ytd, before)]
        units = (rounding_unit(v, pr) for v, pr in zip((q, y, b), provs, strict=True))
        tol = max(1.0, 0.5 * sum(units))
        diff = q - (y - b)
        if abs(diff) <= tol:
            continue
        out.append(
            FilingWarning(
                code=WarningCode.CHECK_FAILED,
                message=(
                    f"{item.value} for {_fmt_period(quarter.end, 3)} is {q:,.0f} "
                    f"({where(item, provs[0])}), but {_fmt_period(ytd.end, ytd.months)}, "
                    f"{y:,.0f} ({where(item, provs[1])}), less "
                    f"{_fmt_period(before.end, before.months)}, {b:,.0f} "
                    f"({where(item, provs[2])}), gives {y - b:,.0f}; they differ by "
                    f"{abs(diff):,.0f}"
                ),
                document=document,
            )
        )
    return out


def cross_period_checks(periods: Sequence[PeriodValues], *, document: str) -> list[FilingWarning]:
    """Check the periods of one filing against each other.

    Parameters
    ----------
    periods : sequence of PeriodValues
        The periods of one filing, after derivation.
    document : str
        The document name, for the warnings.

    Returns
    -------
    list of FilingWarning
        ``check_failed`` when the cash a cash-flow statement ends a period with differs
        from the balance sheet's cash at that date (beyond rounding; a line that includes
        restricted cash may exceed it), and when a quarter's flow differs from the
        year-to-date figure less the year-to-date figure a quarter earlier (for example
        nine months less six months).
    """
    by_key = {(p.end, p.months): p for p in periods}
    balances = {p.end: p for p in periods if p.months == 0}
    out: list[FilingWarning] = []
    for pv in periods:
        if pv.months == 0:
            continue
        found = _ending_cash(pv, balances, document)
        if found is not None:
            out.append(found)
        if pv.months == 3:
            for months in (6, 9, 12):
                ytd = by_key.get((pv.end, months))
                before = _quarter_start(by_key, pv.end, months) if ytd is not None else None
                if ytd is not None and before is not None:
                    out.extend(_quarter(pv, ytd, before, document))
    return out
