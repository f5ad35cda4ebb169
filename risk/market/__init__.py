"""Market inputs: dated prices or market capitalisations, the market value of equity as of
a date (never after it), and the distance to default from a one-year price history."""

from risk.market._input import MarketInput, as_market_input, resolve_market
from risk.market._merton import DistanceToDefault, distance_to_default, equity_history
from risk.market._models import (
    EquityHistory,
    MarketSeries,
    MarketValue,
    MarketValueMethod,
    SharesCount,
)
from risk.market._read import MarketData, read_market_data
from risk.market._select import market_value

__all__ = [
    "DistanceToDefault",
    "EquityHistory",
    "MarketData",
    "MarketInput",
    "MarketSeries",
    "MarketValue",
    "MarketValueMethod",
    "SharesCount",
    "as_market_input",
    "distance_to_default",
    "equity_history",
    "market_value",
    "read_market_data",
    "resolve_market",
]
