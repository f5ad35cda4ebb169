"""What a caller gives of the market: a capitalisation, a price (and shares), or a file.

:class:`MarketInput` holds it as given; :func:`as_market_input` reads the forms
:func:`risk.score` accepts; :func:`resolve_market` turns it into the market value of
equity a company is scored with as of a date (never a value dated after it) and, from a
file, the company's price series for the distance to default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from risk.exceptions import InputError
from risk.financials import Filing
from risk.market._models import MarketSeries, MarketValue
from risk.market._read import MarketData, read_market_data
from risk.market._select import market_value

__all__ = ["MarketInput", "as_market_input", "resolve_market"]

_KEYS = ("market_cap", "price", "shares", "on", "data", "entity")


@dataclass(frozen=True)
class MarketInput:
    """The market data a caller gives for one company (or a whole batch).

    Give exactly one of ``market_cap``, ``price`` or ``data``.

    Attributes
    ----------
    market_cap : float or None
        A market capitalisation, currency units.
    price : float or None
        A closing price per share, multiplied by ``shares`` or by the shares
        outstanding the filings state (the latest at or before ``as_of``).
    shares : float or None
        Shares outstanding for ``price``.
    on : date or None
        The date of ``market_cap`` or ``price``; None: ``as_of``.
    data : MarketData or None
        A market-data file (:func:`risk.market.read_market_data`): its row at or
        before ``as_of`` is used, and its closes give the distance to default.
    entity : str or None
        The entity of ``data`` to use; None: the file's only one, else the company's
        CIK or name as the file spells it.
    """

    market_cap: float | None = None
    price: float | None = None
    shares: float | None = None
    on: date | None = None
    data: MarketData | None = None
    entity: str | None = None


def as_market_input(value: Any) -> MarketInput | None:
    """Read ``market=`` of :func:`risk.score`.

    Parameters
    ----------
    value : MarketInput, MarketData, str, Path, mapping or None
        A path is a market-data file (CSV or Parquet); a mapping has the keys of
        :class:`MarketInput` (``{"price": 0.11, "shares": 6.9e7}``; its ``data`` may
        be a path).

    Raises
    ------
    InputError
        For another type, an unknown key, or a file that does not read.
    """
    if value is None or isinstance(value, MarketInput):
        return value
    if isinstance(value, MarketData):
        return MarketInput(data=value)
    if isinstance(value, (str, Path)):
        return MarketInput(data=read_market_data(value))
    if isinstance(value, Mapping):
        unknown = sorted(str(k) for k in value if k not in _KEYS)
        if unknown:
            raise InputError(
                f"market: unknown key(s) {', '.join(unknown)}; the keys are {', '.join(_KEYS)}"
            )
        fields = dict(value)
        if isinstance(fields.get("data"), (str, Path)):
            fields["data"] = read_market_data(fields["data"])
        return MarketInput(**fields)
    raise InputError(
        "market must be a MarketInput, a market-data file (path or MarketData) or a "
        f"mapping of {', '.join(_KEYS)}; got {type(value).__name__}"
    )


def _series(data: MarketData, wanted: str | None, names: Sequence[str | None]) -> MarketSeries:
    """The company's series: the one asked for, the file's only one, or by CIK or name."""
    if wanted is not None or len(data.series) == 1:
        return data.for_entity(wanted)
    for name in names:
        if not name:
            continue
        for key, series in data.series.items():
            if key.strip().lower() == name.strip().lower() or key.lstrip("0") == name:
                return series
    raise InputError(
        f"entity: none of {', '.join(repr(n) for n in names if n) or 'the company'} is in "
        f"the market data (it has {', '.join(data.entities[:5])}"
        f"{'...' if len(data.series) > 5 else ''}); name the entity to use",
        source=data.source,
    )


def resolve_market(
    given: MarketInput,
    as_of: date,
    filings: Sequence[Filing],
    *,
    names: Sequence[str | None] = (),
) -> tuple[MarketValue, MarketSeries | None]:
    """The market value of equity a company is scored with as of ``as_of``.

    Parameters
    ----------
    given : MarketInput
    as_of : date
        A price, capitalisation or file row dated after it is never used.
    filings : sequence of Filing
        The company's filings, for shares outstanding.
    names : sequence of str or None
        The company's CIK and name, to find it in a file of several companies.

    Returns
    -------
    value : MarketValue
    series : MarketSeries or None
        The company's series when ``given`` is a file (for the distance to default).

    Raises
    ------
    InputError
        A value dated after ``as_of``, a file whose rows all are, a price without
        shares, a company not in the file (see :func:`risk.market.market_value`).
    """
    if given.data is not None:
        if given.market_cap is not None or given.price is not None:
            raise InputError("market: give a market-data file or a value, not both")
        series = _series(given.data, given.entity, names)
        value = market_value(as_of, series=series, shares=given.shares, filings=filings)
        return value, series
    value = market_value(
        as_of,
        market_cap=given.market_cap,
        price=given.price,
        shares=given.shares,
        on=given.on,
        filings=filings,
    )
    return value, None
