"""The market value of equity as of a date: a quote at or before it, times shares."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from risk.exceptions import InputError
from risk.financials import Filing, LineItem
from risk.market._models import (
    MarketQuote,
    MarketSeries,
    MarketValue,
    MarketValueMethod,
    SharesCount,
)

__all__ = ["market_value", "quote_at", "shares_at"]


def quote_at(series: MarketSeries, as_of: date) -> MarketQuote:
    """The latest row of ``series`` dated at or before ``as_of`` (never a later one).

    Raises
    ------
    InputError
        When every row is dated after ``as_of`` (the message names the first date).
    """
    best = None
    for i, on in enumerate(series.dates):
        if on <= as_of:
            best = i
    if best is None:
        raise InputError(
            f"market data for {series.entity or 'the company'} start on {series.dates[0]}, "
            f"after as_of {as_of}: a market value dated after as_of is never used",
            source=series.source,
        )
    return MarketQuote(
        entity=series.entity,
        on=series.dates[best],
        close=series.close[best],
        market_cap=series.market_cap[best],
        source=f"{series.source} row {series.rows[best]}",
    )


def shares_at(filings: Sequence[Filing], as_of: date) -> SharesCount | None:
    """Shares outstanding from the filings, the latest dated at or before ``as_of``.

    Read from the cover page (``dei:EntityCommonStockSharesOutstanding``, or the
    cover's sentence: :attr:`Filing.cover_shares`) and from the balance-sheet (or XBRL
    ``us-gaap:CommonStockSharesOutstanding``) value ``shares_outstanding`` of each
    filing's point-in-time periods; a count dated after ``as_of`` is never used. Among
    counts of the same date the later filing's wins. None when no filing states one.
    """
    best: tuple[date, date, SharesCount] | None = None
    for filing in filings:
        for stated in filing.cover_shares:
            if stated.on > as_of:
                continue
            how = stated.concept or "cover page"
            key = (stated.on, filing.filed or date.min)
            if best is None or key > best[:2]:
                where = f"{stated.document} ({how})"
                best = (*key, SharesCount(value=stated.value, on=stated.on, source=where))
        for period in filing.periods:
            value = period.values.get(LineItem.SHARES_OUTSTANDING)
            if period.months != 0 or value is None or value <= 0 or period.end > as_of:
                continue
            prov = period.provenance.get(LineItem.SHARES_OUTSTANDING)
            where = prov.document if prov is not None else filing.source
            if prov is not None and prov.line is not None:
                where += f" line {prov.line}"
            key = (period.end, filing.filed or date.min)
            if best is None or key > best[:2]:
                best = (*key, SharesCount(value=value, on=period.end, source=where))
    return best[2] if best is not None else None


def _not_after(name: str, on: date, as_of: date) -> None:
    if on > as_of:
        raise InputError(
            f"{name} is dated {on}, after as_of {as_of}: a market value dated after as_of "
            "is never used (give one at or before as_of)"
        )


def _positive(name: str, value: float | None) -> None:
    if value is not None and not value > 0:
        raise InputError(f"{name} must be a positive number; got {value!r}")


def market_value(
    as_of: date,
    *,
    series: MarketSeries | None = None,
    market_cap: float | None = None,
    price: float | None = None,
    shares: float | None = None,
    on: date | None = None,
    filings: Sequence[Filing] = (),
) -> MarketValue:
    """The market value of equity of a company as of a date, with its date and source.

    Give exactly one of ``series`` (a market-data file's series for the company),
    ``market_cap`` or ``price``.

    Parameters
    ----------
    as_of : date
        Nothing dated after it is used.
    series : MarketSeries, optional
        Its latest row at or before ``as_of``: the market capitalisation when the row
        has one, else the close times shares.
    market_cap : float, optional
        A stated market capitalisation (currency units).
    price : float, optional
        A closing price per share; multiplied by ``shares``, or by the latest shares
        outstanding the filings state at or before ``as_of``.
    shares : float, optional
        Shares outstanding to multiply a price by (instead of the filings').
    on : date, optional
        The date of ``market_cap`` or ``price``; default ``as_of``. A date after
        ``as_of`` is refused.
    filings : sequence of Filing
        The company's filings, for shares outstanding.

    Returns
    -------
    MarketValue

    Raises
    ------
    InputError
        When not exactly one source is given, a value is not positive, the value is
        dated after ``as_of`` (the only one given), or a price has no shares to
        multiply (neither ``shares`` nor a count in the filings).
    """
    sources = (("series", series), ("market_cap", market_cap), ("price", price))
    given = [name for name, value in sources if value is not None]
    if len(given) != 1:
        raise InputError(
            "give exactly one of series, market_cap or price for the market value; "
            f"got {', '.join(given) or 'none'}"
        )
    for name, value in (("market_cap", market_cap), ("price", price), ("shares", shares)):
        _positive(name, value)
    if series is not None:
        quote = quote_at(series, as_of)
        if quote.market_cap is not None:
            return MarketValue(
                value=quote.market_cap,
                on=quote.on,
                method=MarketValueMethod.MARKET_CAP,
                source=quote.source,
            )
        return _times_shares(quote.close, quote.on, quote.source, shares, filings, as_of)
    when = as_of if on is None else on
    _not_after("market_cap" if market_cap is not None else "price", when, as_of)
    if market_cap is not None:
        return MarketValue(
            value=market_cap, on=when, method=MarketValueMethod.MARKET_CAP, source="given"
        )
    return _times_shares(price, when, "given", shares, filings, as_of)


def _times_shares(
    price: float | None,
    on: date,
    source: str,
    shares: float | None,
    filings: Sequence[Filing],
    as_of: date,
) -> MarketValue:
    if price is None:  # a series row with neither value is refused when read
        raise InputError(f"{source}: no close and no market_cap to value the equity")
    count = (
        SharesCount(value=shares, on=on, source="given")
        if shares is not None
        else shares_at(filings, as_of)
    )
    if count is None:
        raise InputError(
            "shares: a price needs shares outstanding, and no filing states them at or "
            f"before {as_of} (give the number of shares)"
        )
    return MarketValue(
        value=price * count.value,
        on=on,
        method=MarketValueMethod.PRICE_TIMES_SHARES,
        source=source,
        price=price,
        shares=count,
    )
