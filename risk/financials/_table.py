"""Structured input: the financials.md table layout from CSV, Parquet or a list of dicts.

One row per entity and period: ``entity``, ``period_end`` (ISO date), ``months``
(12 for a fiscal year, 0 for a balance-only row), then any line item of
financials.md. A row's balances are those at ``period_end``. Missing values are
empty cells, never zero.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from risk.exceptions import TableInputError
from risk.financials._csv_numbers import read_numbers_csv
from risk.financials._fields import (
    FLOW_FIELDS,
    LINE_ITEMS,
    POINT_IN_TIME_FIELDS,
    VALID_MONTHS,
    LineItem,
)
from risk.financials._models import Filing, PeriodValues, Provenance, Source

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["KEY_COLUMNS", "OPTIONAL_COLUMNS", "load_frame", "read_table", "table_to_filings"]

#: Columns every table must have.
KEY_COLUMNS: tuple[str, ...] = ("entity", "period_end", "months")
#: Columns a table may have besides the key and the line items.
OPTIONAL_COLUMNS: tuple[str, ...] = ("filed",)

TableSource = str | Path | Iterable[Mapping[str, Any]]


def _row_number(position: int, csv: bool) -> int:
    # CSV: the line in the file (the header is line 1). Otherwise 1-based row.
    return position + 2 if csv else position + 1


def load_frame(source: TableSource) -> tuple[pd.DataFrame, str, bool]:
    """Read a ``.csv`` or ``.parquet`` file (or a list of dicts) into a raw frame.

    The one reader of tabular input files (structured financials, market data): CSV
    cells are read as text (nothing parsed yet, empty cells kept as ""), Parquet
    columns keep their types. :func:`read_table` tries a faster read of a financials CSV
    first (:func:`~risk.financials._csv_numbers.read_numbers_csv`) and comes here, for
    the same values and these messages, whenever that read declines.

    Returns
    -------
    (pandas.DataFrame, str, bool)
        The frame, the source's name for messages, and whether it was a CSV file
        (its rows are then numbered as lines, the header being line 1).

    Raises
    ------
    TableInputError
        When the file is missing, unreadable or of another format.
    """
    import pandas as pd

    if isinstance(source, str | Path):
        path = Path(source)
        name = str(path)
        if not path.exists():
            raise TableInputError("file not found", source=name, row=None, column=None)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            try:
                frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
            except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
                raise TableInputError(
                    f"not a readable CSV file ({exc})", source=name, row=None, column=None
                ) from exc
            return frame, name, True
        if suffix in {".parquet", ".pq"}:
            try:
                frame = pd.read_parquet(path)
            except Exception as exc:  # pyarrow raises many types for a bad file
                raise TableInputError(
                    f"not a readable Parquet file ({exc})", source=name, row=None, column=None
                ) from exc
            return frame, name, False
        raise TableInputError(
            f"unsupported table format {suffix!r}: use .csv or .parquet",
            source=name,
            row=None,
            column=None,
        )
    records = list(source)
    for i, rec in enumerate(records):
        if not isinstance(rec, Mapping):
            raise TableInputError(
                f"each record must be a mapping; got {type(rec).__name__}",
                source="<records>",
                row=i + 1,
                column=None,
            )
    return pd.DataFrame.from_records(records), "<records>", False


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def _blank_mask(series: pd.Series) -> np.ndarray:
    """True where a cell is empty: None, NaN, or text that is only white space."""
    import numpy as np

    text = series.astype("string")
    blank = text.isna() | (text.str.strip() == "")
    return np.asarray(blank.fillna(True).to_numpy(dtype=bool))


def _parse_dates(raw: pd.Series) -> pd.Series:
    """Cells as ISO dates (NaT where a cell is not one)."""
    import pandas as pd

    return pd.to_datetime(raw.astype(str).str.strip(), format="ISO8601", errors="coerce")


def _parse_months(raw: pd.Series) -> pd.Series:
    """Cells as numbers (missing where a cell is empty or not a number)."""
    import pandas as pd

    return pd.to_numeric(raw.mask(_blank_mask(raw)), errors="coerce")


def _per_distinct(raw: pd.Series, parse: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``parse(raw)``, parsing each distinct text once when ``raw`` is a text column.

    A key column repeats few values (a table of a million rows has some thousands of
    period ends and five lengths of period), so the cells' parse is that of the
    distinct texts, put back in place. A column of other values (Parquet, records) is
    parsed whole: distinct values there can be equal but unlike (``2020`` and ``2020.0``).
    """
    import pandas as pd

    if raw.dtype == object or not pd.api.types.is_string_dtype(raw.dtype):
        return parse(raw)
    codes, uniques = pd.factorize(raw, use_na_sentinel=False)
    parsed = parse(pd.Series(uniques, dtype=raw.dtype))
    return pd.Series(parsed.array.take(codes), index=raw.index, name=raw.name)


def _load(source: TableSource) -> tuple[pd.DataFrame, str, bool]:
    """:func:`load_frame`, with a CSV's line items parsed by the CSV reader where that
    gives the same values (:func:`~risk.financials._csv_numbers.read_numbers_csv`)."""
    if isinstance(source, str | Path):
        path = Path(source)
        if path.suffix.lower() == ".csv" and path.is_file():
            frame = read_numbers_csv(path)
            if frame is not None:
                return frame, str(path), True
    return load_frame(source)


def read_table(source: TableSource) -> pd.DataFrame:
    """Read and validate a structured-input table.

    Parameters
    ----------
    source : str, Path or iterable of mappings
        A ``.csv`` or ``.parquet`` path, or a list of dicts (one per row).

    Returns
    -------
    pandas.DataFrame
        Columns ``entity`` (str), ``period_end`` (datetime64), ``months`` (int64),
        ``filed`` (datetime64, when given) and one float64 column per line item
        present in the input (NaN where the cell was empty). Sorted by entity and
        period_end.

    Raises
    ------
    TableInputError
        When a column is unknown or a key column is missing, or a cell holds text
        in a number column, an unparseable date, ``months`` outside {0, 3, 6, 9, 12},
        a non-finite number, or a flow in a ``months = 0`` row. The message names the
        file, the row, the column and the rule.
    """
    import numpy as np
    import pandas as pd

    frame, name, csv = _load(source)
    frame.columns = [str(c).strip() for c in frame.columns]
    allowed = set(KEY_COLUMNS) | set(OPTIONAL_COLUMNS) | set(LINE_ITEMS)
    for column in frame.columns:
        if column not in allowed:
            raise TableInputError(
                "unknown column: not a key column or a financials.md line item",
                source=name,
                row=None,
                column=column,
            )
    for column in KEY_COLUMNS:
        if column not in frame.columns:
            raise TableInputError(
                "required column is missing", source=name, row=None, column=column
            )
    out = pd.DataFrame(index=frame.index)

    entity = frame["entity"]
    empty = _blank_mask(entity)
    if empty.any():
        pos = int(np.flatnonzero(empty)[0])
        raise TableInputError(
            "entity must not be empty", source=name, row=_row_number(pos, csv), column="entity"
        )
    # Spaces around a name are dropped; a tab or other character is kept, so that a name
    # that differs only by it ("\tAcme") stays another entity (never merged silently).
    out["entity"] = entity.astype(str).str.strip(" ")

    for column in ("period_end", "filed"):
        if column not in frame.columns:
            continue
        raw = frame[column]
        parsed = _per_distinct(raw, _parse_dates)
        for bad_pos in np.flatnonzero(parsed.isna().to_numpy()):
            pos = int(bad_pos)
            value = raw.iloc[pos]
            if column == "filed" and _is_blank(value):
                continue
            beyond = _date_beyond_pandas(value, column=column, columns=frame.columns)
            raise TableInputError(
                beyond or f"{value!r} is not an ISO date (YYYY-MM-DD)",
                source=name,
                row=_row_number(int(pos), csv),
                column=column,
            )
        out[column] = parsed.dt.normalize()
    _check_dates(out, name=name, csv=csv)

    months_raw = frame["months"]
    months = _per_distinct(months_raw, _parse_months)
    invalid = (months.isna() | ~months.isin(sorted(VALID_MONTHS))).to_numpy()
    if invalid.any():
        pos = int(np.flatnonzero(invalid)[0])
        raise TableInputError(
            f"months must be one of 0, 3, 6, 9, 12; got {months_raw.iloc[pos]!r}",
            source=name,
            row=_row_number(pos, csv),
            column="months",
        )
    out["months"] = months.astype("int64")

    items: dict[str, np.ndarray] = {}
    for column in (c for c in frame.columns if c in LINE_ITEMS):
        raw = frame[column]
        if raw.dtype == object or pd.api.types.is_string_dtype(raw):
            blank = _blank_mask(raw)
            numbers = pd.to_numeric(raw.astype("string").str.strip().mask(blank), errors="coerce")
            bad = numbers.isna().to_numpy() & ~blank
            if bad.any():
                pos = int(np.flatnonzero(bad)[0])
                raise TableInputError(
                    f"{raw.iloc[pos]!r} is not a number (write amounts as plain numbers, "
                    "leave missing values empty)",
                    source=name,
                    row=_row_number(pos, csv),
                    column=column,
                )
        elif raw.dtype == np.float64:
            numbers = raw  # to_numeric would return the values, in a copy
        elif pd.api.types.is_numeric_dtype(raw) or pd.api.types.is_bool_dtype(raw):
            numbers = pd.to_numeric(raw, errors="coerce")
        else:
            raise TableInputError(
                f"column has type {raw.dtype}, expected numbers",
                source=name,
                row=None,
                column=column,
            )
        values = numbers.astype("float64")
        infinite = np.isinf(values.to_numpy())
        if infinite.any():
            pos = int(np.flatnonzero(infinite)[0])
            raise TableInputError(
                "value must be finite", source=name, row=_row_number(pos, csv), column=column
            )
        if column in FLOW_FIELDS:
            misplaced = values.notna() & (out["months"] == 0)
            if misplaced.any():
                pos = int(np.flatnonzero(misplaced.to_numpy())[0])
                raise TableInputError(
                    "a flow needs months 3, 6, 9 or 12; this row has months 0",
                    source=name,
                    row=_row_number(pos, csv),
                    column=column,
                )
        items[column] = values.to_numpy()

    _check_unique(out, name=name, csv=csv)
    out = _sorted(out, items)
    out.attrs["source"] = name
    return out


#: The earliest date a table may hold: older ones are typing errors (0001, 1850).
EARLIEST_DATE = "1900-01-01"


def _check_dates(out: pd.DataFrame, *, name: str, csv: bool) -> None:
    """Refuse a date before 1900, or a period end over a year after its filing date.

    Without a ``filed`` column the limit is a year from today (no statement ends
    later). The message names the row, the column and the date.
    """
    import numpy as np
    import pandas as pd

    floor = pd.Timestamp(EARLIEST_DATE)
    today = pd.Timestamp.today().normalize()
    year = pd.DateOffset(years=1)
    for column in ("period_end", "filed"):
        if column not in out.columns:
            continue
        dates = out[column]
        why = _upper_limit(column, out.columns)
        if column == "period_end" and "filed" in out.columns:
            limit = out["filed"].fillna(today) + year
        else:
            limit = pd.Series(today + year, index=out.index)
        early = (dates < floor).to_numpy()
        late = (dates > limit).to_numpy()
        bad = early | late
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            shown = dates.iloc[pos].date().isoformat()
            rule = f"before {EARLIEST_DATE}" if early[pos] else f"after {why}"
            raise TableInputError(
                f"{shown} is {rule}; dates run from {EARLIEST_DATE} to {why}",
                source=name,
                row=_row_number(pos, csv),
                column=column,
            )


def _sorted(keys: pd.DataFrame, items: dict[str, np.ndarray]) -> pd.DataFrame:
    """The table: the columns of ``keys`` then ``items``, its rows sorted by entity,
    period_end and months (a stable sort), indexed 0 to n-1.

    ``sort_values`` on the key alone gives the order; each column is then taken in it
    (numbers with ``numpy.take``, other columns with their own ``take``, which keeps
    their type) and the frame is made of these arrays without a copy: a fraction of
    the time and memory of ``DataFrame.sort_values`` on the whole table.
    """
    import numpy as np
    import pandas as pd

    key = list(KEY_COLUMNS)
    order = keys[key].reset_index(drop=True).sort_values(key, kind="stable").index.to_numpy()
    columns: dict[str, Any] = {}
    for column in keys.columns:
        array = keys[column].array
        numeric = isinstance(array, pd.arrays.NumpyExtensionArray) and array.dtype.kind in "fiu"
        columns[column] = array.to_numpy() if numeric else array
    columns.update(items)
    if not np.array_equal(order, np.arange(len(keys))):
        columns = {
            c: np.take(a, order) if isinstance(a, np.ndarray) else a.take(order)
            for c, a in columns.items()
        }
    return pd.DataFrame(columns, copy=False)


def _check_unique(out: pd.DataFrame, *, name: str, csv: bool) -> None:
    """Refuse two rows with the same entity, period_end and months, naming both rows."""
    import numpy as np

    key = list(KEY_COLUMNS)
    repeated = out.duplicated(key, keep=False).to_numpy()
    if not repeated.any():
        return
    first = int(np.flatnonzero(repeated)[0])
    same = (out[key] == out[key].iloc[first]).all(axis=1).to_numpy()
    second = int(np.flatnonzero(same)[1])
    entity, end, months = out[key].iloc[first]
    raise TableInputError(
        f"rows {_row_number(first, csv)} and {_row_number(second, csv)} are the same "
        f"entity-period ({entity!r}, {end.date().isoformat()}, {months} months): give each "
        "entity, period_end and months once",
        source=name,
        row=_row_number(second, csv),
        column=None,
    )


def table_to_filings(frame: pd.DataFrame, *, source: str | None = None) -> list[Filing]:
    """Turn a validated table (from :func:`read_table`) into one :class:`Filing` per entity.

    Each row gives a flow period (``months`` > 0) with its flows and a balance period
    (``months = 0``) at ``period_end`` with its balances.
    """
    import pandas as pd

    name = source or str(frame.attrs.get("source", "<table>"))
    items = [c for c in frame.columns if c in LINE_ITEMS]
    filings: list[Filing] = []
    for entity, group in frame.groupby("entity", sort=True):
        periods: dict[tuple[date, int], dict[LineItem, float]] = {}
        for rec in group.to_dict(orient="records"):
            end = pd.Timestamp(rec["period_end"]).date()
            for column in items:
                value = rec[column]
                if value is None or (isinstance(value, float) and math.isnan(value)):
                    continue
                months = 0 if column in POINT_IN_TIME_FIELDS else int(rec["months"])
                periods.setdefault((end, months), {})[LineItem(column)] = float(value)
        digest = hashlib.sha256(
            group.to_csv(index=False).encode("utf-8") + name.encode("utf-8")
        ).hexdigest()
        filed = None
        if "filed" in group.columns and group["filed"].notna().any():
            filed = pd.Timestamp(group["filed"].max()).date()
        period_values = [
            PeriodValues(
                end=end,
                months=months,
                values=values,
                provenance={
                    item: Provenance(document=name, source=Source.INPUT, label=item.value)
                    for item in values
                },
            )
            for (end, months), values in sorted(periods.items())
        ]
        filings.append(
            Filing(
                source=name,
                sha256=digest,
                company=str(entity),
                form="table",
                filed=filed,
                periods=period_values,
            )
        )
    return filings


def _upper_limit(column: str, columns: Iterable[object]) -> str:
    """The latest date ``column`` may hold, in words (see :func:`_check_dates`)."""
    if column == "period_end" and "filed" in columns:
        return "its filing date (column 'filed') + 1 year"
    return "today + 1 year"


def _date_beyond_pandas(value: object, *, column: str, columns: Iterable[object]) -> str | None:
    """The date-range rule's message for an ISO date that pandas could not hold.

    Older pandas (before 3.0) keeps dates in nanoseconds, from 1677 to 2262, and
    turns "0001-12-31" or "9999-12-31" into a missing value: such a date is a real
    ISO date outside the allowed range, not a malformed one. ``None`` when ``value``
    is not an ISO date at all.
    """
    try:
        day = date.fromisoformat(str(value).strip())
    except ValueError:
        return None
    floor = date.fromisoformat(EARLIEST_DATE)
    why = _upper_limit(column, columns)
    rule = f"before {EARLIEST_DATE}" if day < floor else f"after {why}"
    return f"{day.isoformat()} is {rule}; dates run from {EARLIEST_DATE} to {why}"
