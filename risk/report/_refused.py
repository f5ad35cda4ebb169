"""A latest period that lost a core input as implausible is a data gap, not a fallback.

When :func:`risk.statements.screen_periods` leaves out a value no listed company can
report (negative total assets, a balance above ten trillion dollars ...), the period it
belonged to may no longer be scorable, and the model would silently score an older
fiscal year instead. This rule, shared by the report and the batch's fast scorer, names
the gap and withholds the probability.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from risk.financials import FilingWarning, LineItem
from risk.report._models import DataGap
from risk.statements import refused_values

__all__ = ["CORE_INPUTS", "refused_core_inputs"]

#: The line items the model and the headline scores cannot do without.
CORE_INPUTS: frozenset[LineItem] = frozenset(
    {
        LineItem.TOTAL_ASSETS,
        LineItem.TOTAL_LIABILITIES,
        LineItem.STOCKHOLDERS_EQUITY,
        LineItem.TOTAL_EQUITY,
        LineItem.REVENUE,
        LineItem.OPERATING_INCOME,
        LineItem.NET_INCOME,
    }
)


def refused_core_inputs(
    warnings: Iterable[FilingWarning], *, scored_end: date | None, as_of: date
) -> list[DataGap]:
    """The core inputs left out as implausible in a period newer than the one scored.

    Parameters
    ----------
    warnings : iterable of FilingWarning
        The timeline's warnings (those of the filings public at ``as_of``).
    scored_end : date or None
        The end of the fiscal year the model scored; None when none was scored.
    as_of : date
        Periods ending after this date do not count.

    Returns
    -------
    list of DataGap
        One per value, each blocking the probability: when the list is not empty the
        report gives no probability rather than one of an older period.
    """
    gaps: list[DataGap] = []
    for item, period, message in refused_values(warnings):
        if item not in CORE_INPUTS or period.end > as_of:
            continue
        if scored_end is not None and period.end <= scored_end:
            continue
        older = (
            f"; the older fiscal year ending {scored_end} is not scored in its place"
            if scored_end is not None
            else ""
        )
        gaps.append(
            DataGap(
                input=f"{item.value} for {period}",
                needed_for=[f"the model's probability ({message}{older})"],
                blocks_probability=True,
            )
        )
    return gaps
