"""The structured-input layout as numpy columns: the scoring path's table, without pandas.

A table in the layout of :func:`risk.financials.read_table` (``entity``,
``period_end``, ``months`` and line items in currency units) is passed between the
scoring stages as a mapping of column name to numpy array (:data:`Columns`):
``entity`` an object array, ``period_end`` ``datetime64[D]``, ``months`` integers,
line items float64 with NaN where missing. :func:`columns_from_rows` builds one
from timeline rows; :func:`as_columns` reads a pandas DataFrame in that layout
(column by column, on access) so that the same functions take either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from risk.financials import LINE_ITEMS

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Columns",
    "FrameColumns",
    "as_columns",
    "column_dates",
    "columns_from_rows",
    "entity_codes",
    "n_rows",
]

#: Column name -> numpy array, all of one length (the structured-input layout).
Columns: TypeAlias = Mapping[str, np.ndarray]

_KEYS = ("entity", "period_end", "months")


class FrameColumns(Mapping[str, np.ndarray]):
    """A pandas DataFrame in the structured-input layout, read as numpy columns on access.

    ``period_end`` as ``datetime64[D]``, ``entity`` and ``months`` as stored, numeric
    columns as float64 with NaN for a missing value (nullable dtypes included),
    other columns as stored.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._read: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._read:
            self._read[name] = self._convert(name)
        return self._read[name]

    def _convert(self, name: str) -> np.ndarray:
        import pandas as pd

        series = self.frame[name]
        if name == "period_end":
            return pd.to_datetime(series).to_numpy(dtype="datetime64[D]")
        if name in _KEYS or not pd.api.types.is_numeric_dtype(series.dtype):
            return series.to_numpy()
        return series.to_numpy(dtype=np.float64, na_value=np.nan)

    def entity_codes(self) -> np.ndarray:
        """An integer per distinct entity, in order of first appearance (missing: -1)."""
        import pandas as pd

        codes: np.ndarray = pd.factorize(self.frame["entity"])[0].astype(np.int64)
        return codes

    def __iter__(self) -> Iterator[str]:
        return iter(str(c) for c in self.frame.columns)

    def __len__(self) -> int:
        return len(self.frame.columns)

    def __contains__(self, name: object) -> bool:
        return name in self.frame.columns


def as_columns(table: Any) -> Columns:
    """``table`` as :data:`Columns`: a DataFrame wrapped (:class:`FrameColumns`), a mapping kept."""
    if isinstance(table, Mapping):
        return table
    return FrameColumns(table)


def n_rows(columns: Columns) -> int:
    """The number of rows (0 for a table without columns)."""
    if isinstance(columns, FrameColumns):
        return len(columns.frame)
    for name in columns:
        return len(columns[name])
    return 0


def entity_codes(columns: Columns) -> np.ndarray:
    """An integer per distinct ``entity``, in order of first appearance (None or NaN: -1)."""
    if isinstance(columns, FrameColumns):
        return columns.entity_codes()
    codes: dict[object, int] = {}
    values = columns["entity"].tolist()
    out = np.empty(len(values), dtype=np.int64)
    for i, value in enumerate(values):
        missing = value is None or value != value  # None or NaN
        out[i] = -1 if missing else codes.setdefault(value, len(codes))
    return out


def column_dates(values: np.ndarray) -> list[Any]:
    """``period_end`` values as :class:`datetime.date` objects."""
    days: list[Any] = np.asarray(values, dtype="datetime64[D]").astype(object).tolist()
    return days


def columns_from_rows(rows: Sequence[Mapping[str, object]]) -> dict[str, np.ndarray]:
    """Rows of :meth:`Timeline.frame_rows` (of one timeline or many) as one table of columns.

    ``entity`` (object), ``period_end`` (``datetime64[D]``), ``months`` (int64, 12) and,
    in :data:`~risk.financials.LINE_ITEMS` order, every line item present in some row
    (float64, NaN where a row lacks it).
    """
    present: set[str] = set()
    for row in rows:
        present.update(row)
    items = [c for c in LINE_ITEMS if c in present]
    nan = float("nan")
    out: dict[str, np.ndarray] = {
        "entity": np.array([row["entity"] for row in rows], dtype=object),
        "period_end": np.array([row["period_end"] for row in rows], dtype="datetime64[D]"),
        "months": np.full(len(rows), 12, dtype=np.int64),
    }
    for c in items:
        out[c] = np.array([row.get(c, nan) for row in rows], dtype=np.float64)
    return out
