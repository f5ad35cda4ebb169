"""Cash that includes restricted cash: a figure of last resort for the cash of a date.

Since ASU 2016-18 the statement of cash flows explains "cash, cash equivalents and
restricted cash"; some balance sheets print only that line too. It is not cash and cash
equivalents (financials.md's ``cash``) where restricted cash is material, so such a figure
stands at a date only where the document prints no figure of cash and equivalents alone
at that date, in any of its tables: the balance sheet, the reconciliation under the
statement of flows or in the notes. Where one of the tables being merged prints one, it
replaces the restricted figure; where only another table (a note) prints one, the date
gets no cash at all (which of the two the note means is not checked).

The same choice as the XBRL mapping (``xbrl_concepts.json``), where
``CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents`` stands for cash only
when ``CashAndCashEquivalentsAtCarryingValue`` is not tagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from risk.financials import LineItem, PeriodValues, Provenance

__all__ = ["RESTRICTED_CASH_NOTE", "settle_restricted_cash"]

#: The provenance note of a cash figure that includes restricted cash.
RESTRICTED_CASH_NOTE = (
    "cash, cash equivalents and restricted cash: no figure of cash and equivalents alone "
    "is printed at this date"
)


def _restricted(prov: Provenance | None) -> bool:
    return prov is not None and prov.note == RESTRICTED_CASH_NOTE


def _plain_cash(periods: Iterable[PeriodValues]) -> dict[date, tuple[float, Provenance | None]]:
    """The first figure of cash and equivalents alone at each date."""
    out: dict[date, tuple[float, Provenance | None]] = {}
    for pv in periods:
        if pv.months != 0 or LineItem.CASH not in pv.values:
            continue
        prov = pv.provenance.get(LineItem.CASH)
        if not _restricted(prov):
            out.setdefault(pv.end, (pv.values[LineItem.CASH], prov))
    return out


def settle_restricted_cash(
    periods: list[PeriodValues],
    *,
    seen: Sequence[PeriodValues],
    printed: Iterable[PeriodValues] = (),
) -> list[PeriodValues]:
    """Keep a cash figure that includes restricted cash only where nothing better is printed.

    Parameters
    ----------
    periods : list of PeriodValues
        The merged periods of the tables read (one cash figure per date).
    seen : sequence of PeriodValues
        Those tables' periods before they were merged: a figure of cash and equivalents
        alone in one of them replaces a restricted one at its date.
    printed : iterable of PeriodValues, default ()
        The periods of every other table of the document (notes, MD&A): a figure of
        cash and equivalents alone there leaves the date without cash.

    Returns
    -------
    list of PeriodValues
        ``periods`` with each restricted figure replaced, dropped or kept.
    """
    if not any(_restricted(pv.provenance.get(LineItem.CASH)) for pv in periods):
        return periods
    better = _plain_cash(seen)
    elsewhere = set(_plain_cash(printed))
    out: list[PeriodValues] = []
    for pv in periods:
        if not _restricted(pv.provenance.get(LineItem.CASH)) or pv.months != 0:
            out.append(pv)
            continue
        values = dict(pv.values)
        provs = dict(pv.provenance)
        if pv.end in better:
            values[LineItem.CASH], prov = better[pv.end]
            if prov is not None:
                provs[LineItem.CASH] = prov
        elif pv.end in elsewhere:
            del values[LineItem.CASH]
            provs.pop(LineItem.CASH, None)
        else:
            out.append(pv)
            continue
        if values:
            out.append(pv.model_copy(update={"values": values, "provenance": provs}))
    return out
