"""The distance to default from a price series: one-year volatility and past return."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from risk.features import (
    MERTON_SPEC,
    equity_volatility,
    merton_debt,
    naive_default_probability,
    naive_distance_to_default,
)
from risk.market._models import EquityHistory, MarketSeries, MarketValue

__all__ = ["DistanceToDefault", "distance_to_default", "equity_history"]


def equity_history(series: MarketSeries, as_of: date) -> EquityHistory:
    """The one-year equity volatility and past return of ``series`` as of a date.

    The window is the year before ``as_of`` (``MERTON_SPEC.volatility_window_days``):
    it starts from the latest close at or before ``as_of`` minus a year and ends at the
    latest close at or before ``as_of``; nothing after ``as_of`` is used. Closing
    prices are used when every row of the window has one, else market
    capitalisations. The volatility is that of :func:`risk.features.equity_volatility`.

    Returns
    -------
    EquityHistory
        With ``volatility`` and ``past_return`` None and the ``reason`` when no close
        reaches a year back, or the window holds fewer than
        ``MERTON_SPEC.min_daily_returns`` daily returns (a weekly or monthly series).
    """
    start = as_of - timedelta(days=MERTON_SPEC.volatility_window_days)
    first = max((i for i, d in enumerate(series.dates) if d <= start), default=None)
    last = max((i for i, d in enumerate(series.dates) if d <= as_of), default=None)
    base = EquityHistory(as_of=as_of, source=series.source)
    if first is None or last is None or last <= first:
        return base.model_copy(
            update={
                "reason": f"no close on or before {start}: the price series does not reach "
                f"a year back from {as_of}"
            }
        )
    picked = _complete_column(series, first, last)
    if picked is None:
        return base.model_copy(
            update={"reason": "neither closes nor market capitalisations cover the year"}
        )
    returns = last - first
    update = {"returns": returns, "first": series.dates[first], "last": series.dates[last]}
    if returns < MERTON_SPEC.min_daily_returns:
        update["reason"] = (
            f"{returns} returns in the year to {as_of}: a one-year volatility needs daily "
            f"prices (at least {MERTON_SPEC.min_daily_returns} returns)"
        )
        return base.model_copy(update=update)
    update["volatility"] = equity_volatility(picked)
    update["past_return"] = picked[-1] / picked[0] - 1.0
    return base.model_copy(update=update)


def _complete_column(series: MarketSeries, first: int, last: int) -> list[float] | None:
    for column in (series.close, series.market_cap):
        values = column[first : last + 1]
        if all(v is not None for v in values):
            return [float(v) for v in values if v is not None]
    return None


class DistanceToDefault(BaseModel):
    """The naive Merton distance to default of a company as of a date, with its inputs."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    distance: float
    probability: float
    equity_value: float
    debt: float  # short-term debt + 0.5 long-term debt
    volatility: float
    past_return: float
    reference: str


def distance_to_default(
    value: MarketValue,
    history: EquityHistory,
    *,
    short_term_debt: float | None,
    long_term_debt: float | None,
) -> DistanceToDefault | None:
    """The naive distance to default (Bharath and Shumway 2008), or None when an input
    is missing (no one-year history, no debt figures, no debt at all)."""
    if history.volatility is None or history.past_return is None:
        return None
    if short_term_debt is None or long_term_debt is None:
        return None
    debt = float(merton_debt(short_term_debt, long_term_debt))
    if not debt > 0:
        return None
    dd = float(
        naive_distance_to_default(value.value, debt, history.volatility, history.past_return)
    )
    return DistanceToDefault(
        distance=dd,
        probability=float(naive_default_probability(dd)),
        equity_value=value.value,
        debt=debt,
        volatility=history.volatility,
        past_return=history.past_return,
        reference=MERTON_SPEC.reference,
    )
