"""The market options of ``risk score`` and ``risk batch``: ``--market-cap USD``,
``--price USD [--shares N]``, ``--market-data FILE`` and ``--market-date DATE``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from risk.market import MarketInput

__all__ = ["add_market_options", "market_input"]


def _positive(text: str) -> float:
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive number; got {text!r}") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number; got {text!r}")
    return value


def add_market_options(p: argparse.ArgumentParser, *, values: bool = True) -> None:
    """Add the market options; ``values=False`` (the batch): the file option only."""
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--market-data",
        dest="market_data",
        default=None,
        metavar="FILE",
        help="a CSV/Parquet of date, close and/or market_cap (and entity, for several "
        "companies): the row at or before as-of gives the market value of equity, and "
        "a year of daily closes the distance to default",
    )
    if not values:
        return
    group.add_argument(
        "--market-cap",
        dest="market_cap",
        type=_positive,
        default=None,
        metavar="USD",
        help="the market value of equity (the full submodel then scores)",
    )
    group.add_argument(
        "--price",
        type=_positive,
        default=None,
        metavar="USD",
        help="a share price, times --shares or the shares outstanding the filings state",
    )
    p.add_argument(
        "--shares",
        type=_positive,
        default=None,
        metavar="N",
        help="shares outstanding for --price (default: the latest the filings state)",
    )
    p.add_argument(
        "--market-date",
        dest="market_date",
        default=None,
        metavar="DATE",
        help="the ISO date of --price or --market-cap (default: as-of; never after it)",
    )


def market_input(args: argparse.Namespace) -> MarketInput | None:
    """The market options as a :class:`risk.market.MarketInput` (None: none given)."""
    from risk.cli._fetch import option_date
    from risk.exceptions import InputError

    cap = getattr(args, "market_cap", None)
    price = getattr(args, "price", None)
    shares = getattr(args, "shares", None)
    on = option_date(getattr(args, "market_date", None), "--market-date")
    if args.market_data is None and cap is None and price is None:
        if shares is not None or on is not None:
            raise InputError("--shares and --market-date need --price or --market-cap")
        return None  # no market options: risk.market is not imported
    from risk.market import MarketInput, read_market_data

    if args.market_data is not None:
        if on is not None:
            raise InputError("--market-date: the market-data file's rows carry their dates")
        return MarketInput(data=read_market_data(args.market_data), shares=shares)
    if shares is not None and price is None:
        raise InputError("--shares: give it with --price (a market cap needs no shares)")
    return MarketInput(market_cap=cap, price=price, shares=shares, on=on)
