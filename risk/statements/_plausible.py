"""Values no listed company can report, left out with a warning (``plausibility.json``).

The bounds are data: no period before 1900 or after the day its values became public,
no balance above ten trillion dollars, no flow larger than a hundred times the total
assets, no negative total assets or revenue, nothing non-finite. A value outside them is
left out of its period with an ``implausible_value`` warning that names the document,
the field, the period and the rule, and carries the field and period so that the report
can name the gap. Nothing is corrected.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from risk._rules import RuleModel, load_rule_file
from risk.financials import FilingWarning, LineItem, Period, PeriodValues, WarningCode

__all__ = [
    "IMPLAUSIBLE",
    "PlausibilityRule",
    "implausible_warning",
    "refused_values",
    "screen_periods",
]

_RULES_FILE = Path(__file__).with_name("plausibility.json")

#: The warning code of a value left out as implausible.
IMPLAUSIBLE = WarningCode.IMPLAUSIBLE_VALUE


class PlausibilityRule(StrEnum):
    """Why a value was left out."""

    NON_FINITE = "not a finite number"
    BEFORE_EARLIEST = "the period ends before {earliest}"
    AFTER_FILED = "the period ends after the filing date {filed}"
    NEGATIVE = "it cannot be negative"
    TOO_LARGE = "an amount above {limit:,.0f} dollars"
    FLOW_TOO_LARGE = "a flow larger than {ratio:g} times the total assets ({assets:,.0f})"


class _Bounds(RuleModel):
    earliest_end: date
    max_money: float = Field(gt=0)
    max_flow_to_total_assets: float = Field(gt=0)
    not_negative: frozenset[LineItem]
    not_money: frozenset[LineItem]


@lru_cache(maxsize=1)
def _bounds() -> _Bounds:
    return load_rule_file(_RULES_FILE, _Bounds)


def implausible_warning(
    *,
    document: str,
    item: LineItem | None,
    end: date,
    months: int | None,
    value: float | None,
    why: str,
) -> FilingWarning:
    """The ``implausible_value`` warning for one value (or a whole period when ``item`` is None)."""
    when = f"{end}" + (f" ({months}m)" if months else "")
    what = f"{item.value} for {when}" if item is not None else f"the period {when}"
    shown = ""
    if value is not None and not math.isfinite(value):
        shown = f" is {value!r}"
    elif value is not None:
        if abs(value) < 1e3:
            shown = f" is {value:,.2f}"
        else:
            shown = f" is {value:,.0f}" if abs(value) < 1e15 else f" is {value:.4g}"
    period = Period(end=end, months=months) if months in (0, 3, 6, 9, 12) else None
    return FilingWarning(
        code=IMPLAUSIBLE,
        message=f"{document}: {what}{shown}: left out, {why}",
        document=document,
        field=item,
        period=period,
    )


def _money_rule(
    item: LineItem, value: float, pv: PeriodValues, assets: dict[date, float], bounds: _Bounds
) -> str | None:
    if item in bounds.not_negative and value < 0:
        return PlausibilityRule.NEGATIVE.value
    if item in bounds.not_money:
        return None
    if abs(value) > bounds.max_money:
        return PlausibilityRule.TOO_LARGE.value.format(limit=bounds.max_money)
    total = assets.get(pv.end)
    if pv.months and total is not None and abs(value) > bounds.max_flow_to_total_assets * total:
        return PlausibilityRule.FLOW_TOO_LARGE.value.format(
            ratio=bounds.max_flow_to_total_assets, assets=total
        )
    return None


def _date_rule(pv: PeriodValues, filed: date | None) -> str | None:
    """Why no value of the period can stand, judged by its end date; None when they can.

    The period may not end after the latest day one of its values became public (each
    value's own ``filed`` date where its provenance has one, else the filing's).
    """
    bounds = _bounds()
    if pv.end < bounds.earliest_end:
        return PlausibilityRule.BEFORE_EARLIEST.value.format(earliest=bounds.earliest_end)
    public: date | None = None
    for item in pv.values:
        prov = pv.provenance.get(item)
        day = prov.filed if prov is not None and prov.filed is not None else filed
        if day is None:
            return None  # a value of unknown date: nothing to judge by
        public = day if public is None or day > public else public
    if public is not None and pv.end > public:
        return PlausibilityRule.AFTER_FILED.value.format(filed=public)
    return None


def _assets(periods: Iterable[PeriodValues]) -> dict[date, float]:
    """Total assets per balance date that pass the balance rules themselves."""
    bounds = _bounds()
    out: dict[date, float] = {}
    for pv in periods:
        value = pv.values.get(LineItem.TOTAL_ASSETS)
        if pv.months == 0 and value is not None and 0 < value <= bounds.max_money:
            out[pv.end] = value
    return out


def screen_periods(
    periods: Iterable[PeriodValues], *, document: str, filed: date | None
) -> tuple[list[PeriodValues], list[FilingWarning]]:
    """Leave out the values no listed company can report.

    Parameters
    ----------
    periods : iterable of PeriodValues
        The periods of one filing.
    document : str
        The document name, for the warnings.
    filed : date or None
        The filing date: no value may be dated after the day it became public (a value
        whose provenance carries its own ``filed`` date is judged by that).

    Returns
    -------
    periods : list of PeriodValues
        The periods without the values left out; a period left with nothing is dropped.
    warnings : list of FilingWarning
        One ``implausible_value`` warning per value left out, with ``field`` and
        ``period`` set.
    """
    given = list(periods)
    bounds = _bounds()
    assets = _assets(given)
    out: list[PeriodValues] = []
    warnings: list[FilingWarning] = []
    for pv in given:
        when = _date_rule(pv, filed)
        if when is not None:
            names = ", ".join(sorted(item.value for item in pv.values))
            warnings.append(
                implausible_warning(
                    document=document,
                    item=None,
                    end=pv.end,
                    months=pv.months,
                    value=None,
                    why=f"{when}; its values are left out ({names})",
                )
            )
            continue
        keep: dict[LineItem, float] = {}
        for item, value in pv.values.items():
            why = _money_rule(item, value, pv, assets, bounds)
            if why is None:
                keep[item] = value
                continue
            warnings.append(
                implausible_warning(
                    document=document,
                    item=item,
                    end=pv.end,
                    months=pv.months,
                    value=value,
                    why=why,
                )
            )
        if len(keep) == len(pv.values):
            out.append(pv)
        elif keep:
            out.append(
                PeriodValues(
                    end=pv.end,
                    months=pv.months,
                    values=keep,
                    provenance={k: v for k, v in pv.provenance.items() if k in keep},
                    estimate=pv.estimate,
                )
            )
    return out, warnings


def refused_values(warnings: Iterable[FilingWarning]) -> list[tuple[LineItem, Period, str]]:
    """The values left out as implausible: (field, period, the warning's message)."""
    return [
        (w.field, w.period, w.message)
        for w in warnings
        if w.code == IMPLAUSIBLE and w.field is not None and w.period is not None
    ]
