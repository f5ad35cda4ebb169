"""Read a market-data file: dated closing prices and/or market capitalisations per entity."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from risk.exceptions import InputError, TableInputError
from risk.financials import load_frame
from risk.market._models import MarketSeries

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MARKET_COLUMNS", "MarketData", "read_market_data"]

#: The columns a market-data file may have: ``date`` and at least one of ``close``
#: (closing price per share) and ``market_cap`` (market capitalisation, currency units);
#: ``entity`` is needed when the file holds more than one company.
MARKET_COLUMNS: tuple[str, ...] = ("entity", "date", "close", "market_cap")
_VALUES = ("close", "market_cap")


@dataclass(frozen=True)
class MarketData:
    """A market-data file, one :class:`MarketSeries` per entity."""

    source: str
    series: dict[str, MarketSeries]

    @property
    def entities(self) -> tuple[str, ...]:
        """The entities in the file, sorted."""
        return tuple(sorted(self.series))

    def for_entity(self, entity: str | None = None) -> MarketSeries:
        """The series of ``entity``; None when the file holds one company only.

        Raises
        ------
        InputError
            When the entity is not in the file (the file's entities are named), or
            None is given for a file of several companies.
        """
        if entity is None:
            if len(self.series) != 1:
                raise InputError(
                    f"entity: the market data hold {len(self.series)} companies "
                    f"({', '.join(self.entities[:5])}...): name the one to use",
                    source=self.source,
                )
            return next(iter(self.series.values()))
        if entity not in self.series:
            raise InputError(
                f"entity {entity!r} is not in the market data (it has "
                f"{', '.join(self.entities[:5])}{'...' if len(self.series) > 5 else ''})",
                source=self.source,
            )
        return self.series[entity]


def read_market_data(source: str | Path | Any) -> MarketData:
    """Read and validate a market-data file.

    Parameters
    ----------
    source : str, Path or iterable of mappings
        A ``.csv`` or ``.parquet`` file (or a list of dicts) with the columns
        :data:`MARKET_COLUMNS`: ``date`` (ISO date), ``close`` and/or ``market_cap``
        (positive numbers; an empty cell is missing), ``entity`` when several
        companies are in it.

    Returns
    -------
    MarketData

    Raises
    ------
    TableInputError
        Naming the file, the row, the column and the rule: an unknown or missing
        column, an unparseable date, a value that is not a positive number, a row
        with neither value, or a date given twice for the same entity.
    """
    frame, name, csv = load_frame(source)
    frame.columns = [str(c).strip() for c in frame.columns]
    _check_columns(frame, name)
    rows = [i + 2 if csv else i + 1 for i in range(len(frame))]
    dates = _dates(frame, name, rows)
    values = {c: _numbers(frame, c, name, rows) for c in _VALUES if c in frame.columns}
    entities = (
        [str(e).strip() for e in frame["entity"]]
        if "entity" in frame.columns
        else ["" for _ in range(len(frame))]
    )
    grouped: dict[str, list[int]] = {}
    for i, entity in enumerate(entities):
        if "entity" in frame.columns and not entity:
            raise TableInputError("entity is empty", source=name, row=rows[i], column="entity")
        if all(values[c][i] is None for c in values):
            raise TableInputError(
                f"neither {' nor '.join(values)} is given", source=name, row=rows[i], column=None
            )
        grouped.setdefault(entity, []).append(i)
    series = {e: _series(e, idx, dates, values, rows, name) for e, idx in grouped.items()}
    return MarketData(source=name, series=series)


def _check_columns(frame: pd.DataFrame, name: str) -> None:
    for column in frame.columns:
        if column not in MARKET_COLUMNS:
            raise TableInputError(
                f"unknown column: a market-data file has {', '.join(MARKET_COLUMNS)}",
                source=name,
                row=None,
                column=column,
            )
    if "date" not in frame.columns or not any(c in frame.columns for c in _VALUES):
        raise TableInputError(
            "a market-data file needs a 'date' column and a 'close' or 'market_cap' column",
            source=name,
            row=None,
            column=None,
        )
    if len(frame) == 0:
        raise TableInputError("the market data have no row", source=name, row=None, column=None)


def _dates(frame: pd.DataFrame, name: str, rows: list[int]) -> list[Any]:
    import pandas as pd

    parsed = pd.to_datetime(frame["date"].astype("string"), format="ISO8601", errors="coerce")
    out = []
    for i, value in enumerate(parsed):
        if pd.isna(value):
            raise TableInputError(
                f"not an ISO date (YYYY-MM-DD): {frame['date'].iloc[i]!r}",
                source=name,
                row=rows[i],
                column="date",
            )
        out.append(value.date())
    return out


def _numbers(frame: pd.DataFrame, column: str, name: str, rows: list[int]) -> list[float | None]:
    out: list[float | None] = []
    for i, cell in enumerate(frame[column].tolist()):
        if (
            cell is None
            or (isinstance(cell, float) and math.isnan(cell))
            or str(cell).strip() == ""
        ):
            out.append(None)
            continue
        try:
            number = float(str(cell).replace(",", "").strip())
        except ValueError:
            number = math.nan
        if not (math.isfinite(number) and number > 0):
            raise TableInputError(
                f"must be a positive number; got {cell!r}", source=name, row=rows[i], column=column
            )
        out.append(number)
    return out


def _series(
    entity: str,
    positions: list[int],
    dates: list[Any],
    values: dict[str, list[float | None]],
    rows: list[int],
    name: str,
) -> MarketSeries:
    order = sorted(positions, key=lambda i: dates[i])
    for a, b in pairwise(order):
        if dates[a] == dates[b]:
            raise TableInputError(
                f"date {dates[b]} is given twice for {entity or 'the company'} (also row "
                f"{rows[a]})",
                source=name,
                row=rows[b],
                column="date",
            )
    empty: list[float | None] = [None] * len(dates)
    return MarketSeries(
        entity=entity,
        source=name,
        dates=tuple(dates[i] for i in order),
        close=tuple(values.get("close", empty)[i] for i in order),
        market_cap=tuple(values.get("market_cap", empty)[i] for i in order),
        rows=tuple(rows[i] for i in order),
    )
