"""Result types of the market-data stage: quotes, shares, market values, price history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

__all__ = [
    "EquityHistory",
    "MarketQuote",
    "MarketSeries",
    "MarketValue",
    "MarketValueMethod",
    "SharesCount",
]

_FROZEN = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class MarketValueMethod(StrEnum):
    """How a market value of equity was obtained."""

    MARKET_CAP = "market_cap"  # a stated market capitalisation
    PRICE_TIMES_SHARES = "price_times_shares"  # a closing price times shares outstanding


@dataclass(frozen=True)
class MarketSeries:
    """One entity's dated closes and/or market capitalisations, oldest first.

    ``close[i]`` and ``market_cap[i]`` are None where the row gave none; ``rows[i]`` is
    the row of the input file (CSV: its line, the header being line 1) for messages.
    """

    entity: str
    source: str
    dates: tuple[date, ...]
    close: tuple[float | None, ...]
    market_cap: tuple[float | None, ...]
    rows: tuple[int, ...]


class MarketQuote(BaseModel):
    """One row of market data: what was known about the stock on a date."""

    model_config = _FROZEN

    entity: str
    on: date
    close: float | None = None
    market_cap: float | None = None
    source: str  # "prices.csv row 12"


class SharesCount(BaseModel):
    """Shares outstanding on a date, with where they were read."""

    model_config = _FROZEN

    value: float
    on: date
    source: str  # the document (and line or concept) it was read from, or "given"


class MarketValue(BaseModel):
    """The market value of equity used for a company as of a date.

    Attributes
    ----------
    value : float
        In currency units.
    on : date
        The date of the price or capitalisation (never after ``as_of``).
    method : MarketValueMethod
    source : str
        Where the price or capitalisation came from (a file and row, or ``given``).
    price : float or None
        The closing price when the value is price x shares.
    shares : SharesCount or None
        The shares it was multiplied by, with their date and source.
    """

    model_config = _FROZEN

    value: float
    on: date
    method: MarketValueMethod
    source: str
    price: float | None = None
    shares: SharesCount | None = None


class EquityHistory(BaseModel):
    """What a price series gives the distance to default as of a date.

    ``volatility`` (annualised, of daily log returns) and ``past_return`` (simple, over
    the year before ``as_of``) are None, with ``reason``, when the series is too short
    or too sparse for a one-year volatility.
    """

    model_config = _FROZEN

    as_of: date
    volatility: float | None = None
    past_return: float | None = None
    returns: int = 0  # daily returns in the window
    first: date | None = None  # the close the window starts from
    last: date | None = None  # the latest close at or before as_of
    source: str = ""
    reason: str | None = None
