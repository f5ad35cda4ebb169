"""The fast CSV read of a financials-layout table gives the text read's frame and errors.

:func:`risk.financials.read_table` parses a CSV's line items with the CSV reader
(:mod:`risk.financials._csv_numbers`) and falls back to reading the file as text when
that read cannot promise the same values. Generated tables (plain numbers, blanks, long
decimals, integers beyond 2**63, thousands separators, parentheses, dashes, text,
``nan``, ``inf``, ``True``, signs, negative zeros, white space) are read three ways:
the fast read, the text read alone (the fast read switched off) and a reference
written here that applies the documented rules cell by cell (financials.md: amounts
as plain numbers, missing values empty; the messages of ``read_table``).
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import risk.financials._table as table_module
from risk.exceptions import TableInputError
from risk.financials import read_table
from risk.financials._csv_numbers import exact_parsers, read_numbers_csv
from risk.financials._fields import FLOW_FIELDS

#: The reference rounds as Python does (to the nearest double), as pandas does from 3.1;
#: on an older pandas the fast read is off and the text read is pandas' own rounding.
needs_exact_pandas = pytest.mark.skipif(
    not exact_parsers(pd.__version__), reason="pandas < 3.1 rounds some decimals otherwise"
)

#: Line items the generated tables draw from: flows and balances.
ITEMS = ("revenue", "net_income", "total_assets", "cash", "operating_cash_flow")

#: A plain number as the reader takes it (ASCII digits, a point, an exponent).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
#: Infinity in words, which the reader parses and then refuses as not finite.
_INFINITY = re.compile(r"[+-]?(?:inf|infinity)", re.IGNORECASE)

_ODD = [
    "1,234",
    "(5)",
    "-",
    "--5",
    "n/a",
    "abc",
    "12abc",
    "nan",
    "NaN",
    "inf",
    "-Infinity",
    "INF",
    " inf",
    "True",
    "false",
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "-0.0",
    "0x10",
    "1_000",
    "\xa05",
    " 7 ",
    "\t8",
    "5.",
    ".5",
    "1e5",
    "1E-3",
    "1e",
    "\uff11\uff12",
    "+1.5",
    "+12",
    "+0.30000000000000004",
    "0.1000000000000000055511151231257827",
    "000000000000000000012",
    "0.000000000000000000001",
    "18446744073709551616",
    "-9223372036854775809",
    "9007199254740993",
]

_FINITE = st.floats(allow_nan=False, allow_infinity=False)
_GOOD = st.one_of(
    st.just(""),
    st.integers(-(10**20), 10**20).map(str),
    _FINITE.map(repr),
    (_FINITE.map(lambda x: x * 1e6)).filter(math.isfinite).map(repr),
    st.integers(0, 10**9).map(lambda n: f"{n / 100:.2f}"),
)
#: Cells the CSV reader and ``to_numeric`` read otherwise: a leading "+" on a decimal
#: (``to_numeric`` may be a unit in the last place off) and "-0" among integers.
_TRICKY = st.one_of(
    st.floats(1e-30, 1e30).map(lambda x: f"+{x!r}"),
    st.sampled_from(["-0", "-0", "7", "12"]),
)
_CELL = st.one_of(
    _GOOD, _GOOD, _GOOD, _TRICKY, st.sampled_from(_ODD), st.sampled_from(["", " ", "\t "])
)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A header and rows: unique valid keys, line-item cells drawn from :data:`_CELL`."""
    items = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=4, unique=True))
    header = ["entity", "period_end", "months"] + [
        draw(st.sampled_from([c, f" {c} "])) for c in items
    ]
    n = draw(st.integers(1, 8))
    rows = []
    for i in range(n):
        months = draw(st.sampled_from(["12", "12", "0", "3"]))
        entity = draw(st.sampled_from(["Acme", "Beta"]))
        rows.append([entity, f"{2000 + i}-12-31", months] + [draw(_CELL) for _ in items])
    return header, rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _parse(text: str) -> float | None:
    """A cell by the documented rules: NaN when empty (white space only), the number
    when it is a plain number or infinity in words, None when it is not a number."""
    stripped = text.strip()
    if stripped == "":
        return math.nan
    if _NUMBER.fullmatch(stripped) or _INFINITY.fullmatch(stripped):
        return float(stripped)
    return None


def _reference(header: list[str], rows: list[list[str]]) -> pd.DataFrame | tuple[int, str, str]:
    """The frame :func:`read_table` returns, or its first error as (row, column, rule)."""
    columns = [h.strip() for h in header]
    values: dict[str, list[float]] = {}
    for j, column in enumerate(columns[3:], start=3):
        parsed = [_parse(row[j]) for row in rows]
        for i, (row, value) in enumerate(zip(rows, parsed, strict=True)):
            if value is None:
                rule = (
                    f"{row[j]!r} is not a number (write amounts as plain numbers, "
                    "leave missing values empty)"
                )
                return i + 2, column, rule
        numbers = [v for v in parsed if v is not None]
        for i, value in enumerate(numbers):
            if math.isinf(value):
                return i + 2, column, "value must be finite"
        if column in FLOW_FIELDS:
            for i, (row, value) in enumerate(zip(rows, numbers, strict=True)):
                if row[2] == "0" and not math.isnan(value):
                    return i + 2, column, "a flow needs months 3, 6, 9 or 12; this row has months 0"
        values[column] = numbers
    frame = pd.DataFrame(
        {
            "entity": pd.array([r[0] for r in rows], dtype="str"),
            "period_end": pd.to_datetime([r[1] for r in rows]),
            "months": np.array([int(r[2]) for r in rows], dtype=np.int64),
            **{c: np.array(v, dtype=np.float64) for c, v in values.items()},
        }
    )
    return frame.sort_values(["entity", "period_end", "months"], kind="stable").reset_index(
        drop=True
    )


def _read(path: Path, *, fast: bool) -> pd.DataFrame | TableInputError:
    saved = table_module.read_numbers_csv
    if not fast:
        table_module.read_numbers_csv = lambda _path: None  # type: ignore[assignment]
    try:
        return read_table(path)
    except TableInputError as exc:
        return exc
    finally:
        table_module.read_numbers_csv = saved


def _same_bits(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Equal frames, and equal floats bit for bit (the sign of a zero, each NaN)."""
    pd.testing.assert_frame_equal(left, right, check_exact=True)
    for column in left.columns:
        if left[column].dtype == np.float64:
            assert np.array_equal(
                left[column].to_numpy().view(np.int64), right[column].to_numpy().view(np.int64)
            ), column


@needs_exact_pandas
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=_tables())
def test_fast_read_is_the_text_read_and_follows_the_rules(
    table: tuple[list[str], list[list[str]]], tmp_path: Path
) -> None:
    header, rows = table
    path = _write(tmp_path / "t.csv", header, rows)
    fast, text = _read(path, fast=True), _read(path, fast=False)
    expected = _reference(header, rows)
    if isinstance(expected, tuple):
        assert isinstance(fast, TableInputError), expected
        assert isinstance(text, TableInputError)
        assert str(fast) == str(text)
        assert (fast.row, fast.column, fast.rule) == expected
        return
    assert isinstance(fast, pd.DataFrame), fast
    assert isinstance(text, pd.DataFrame)
    _same_bits(fast, text)
    # A number written with a leading "+" is parsed by pandas' other route, which may
    # be a unit in the last place off the nearest double: those cells within 1e-15.
    signed = {
        c.strip(): [row[j].strip().startswith("+") for row in sorted_rows(rows)]
        for j, c in enumerate(header)
        if j >= 3
    }
    for column, plus in signed.items():
        got, want = fast[column].to_numpy(), expected[column].to_numpy()
        exact = ~np.array(plus, dtype=bool)
        assert np.array_equal(got[exact], want[exact], equal_nan=True), column
        assert np.allclose(got[~exact], want[~exact], rtol=1e-15, atol=0), column
    pd.testing.assert_frame_equal(
        fast[["entity", "period_end", "months"]],
        expected[["entity", "period_end", "months"]],
        check_exact=True,
    )


@pytest.mark.parametrize(
    "cells",
    [
        ["-0", "5"],  # to_numeric: 0.0 among integers; the CSV reader: -0.0
        ["+9.242838461155927e-07", "1.5"],  # to_numeric: 9.242838461155928e-07
        ["+92603351286448.25", "1"],  # to_numeric: 92603351286448.23
        ["True", ""],  # the CSV reader: 1.0; to_numeric: not a number
    ],
)
def test_cells_the_two_parsers_read_otherwise_give_the_text_reads_result(
    cells: list[str], tmp_path: Path
) -> None:
    header = ["entity", "period_end", "months", "cash"]
    rows = [["A", f"{2000 + i}-12-31", "12", c] for i, c in enumerate(cells)]
    path = _write(tmp_path / "t.csv", header, rows)
    fast, text = _read(path, fast=True), _read(path, fast=False)
    if isinstance(text, TableInputError):
        assert isinstance(fast, TableInputError)
        assert str(fast) == str(text)
    else:
        assert isinstance(fast, pd.DataFrame)
        _same_bits(fast, text)


def sorted_rows(rows: list[list[str]]) -> list[list[str]]:
    """``rows`` in the order of :func:`read_table`'s frame (entity, period_end, months)."""
    return sorted(rows, key=lambda r: (r[0], r[1], int(r[2])))


def test_a_long_table_of_seventeen_digit_decimals_reads_the_same_both_ways(
    tmp_path: Path,
) -> None:
    """Amounts in millions times 1e6 print with up to 17 digits (``128348000.00000001``):
    the case where two parsers that round differently would part."""
    rng = np.random.default_rng(7)
    n = 3000
    frame = pd.DataFrame(
        {
            "entity": [f"C_{i // 10}" for i in range(n)],
            "period_end": [f"{1990 + i % 10}-12-31" for i in range(n)],
            "months": 12,
        }
    )
    for column in ITEMS:
        values = rng.lognormal(5, 3, n).round(3) * 1e6 * rng.choice([-1, 1], n)
        values[rng.random(n) < 0.1] = np.nan
        frame[column] = values
    path = tmp_path / "long.csv"
    frame.to_csv(path, index=False)
    assert any(len(v.replace(".", "").replace("-", "")) >= 17 for v in path.read_text().split(","))
    fast, text = _read(path, fast=True), _read(path, fast=False)
    assert isinstance(fast, pd.DataFrame)
    assert isinstance(text, pd.DataFrame)
    _same_bits(fast, text)


@pytest.mark.parametrize(
    ("cell", "fast"),
    [
        ("5", True),
        ("", True),
        (" 7 ", True),
        ("1e+20", True),  # an exponent's sign is not a leading "+"
        ("-5.25", True),
        ("+5", False),
        ("-0", False),
        (" ", False),
        ("True", False),
        ("0", False),  # a column of zeros and ones could be one of True and False
        ("abc", False),
        ("nan", False),
        ("1,234", False),
    ],
)
@needs_exact_pandas
def test_the_fast_read_declines_what_it_cannot_promise(
    cell: str, fast: bool, tmp_path: Path
) -> None:
    """The fast read declines (returns None) a table whose line items it might read
    otherwise than the text read; the text read then decides, with its messages."""
    header = ["entity", "period_end", "months", "cash"]
    path = _write(tmp_path / "t.csv", header, [["A", "2001-12-31", "12", cell]])
    assert (read_numbers_csv(path) is not None) is fast


_KEY_TEXT = st.sampled_from(
    ["2001-12-31", " 2001-12-31", "2001-02-30", "31/12/2001", "", " ", "12", "0", "12.0", "7"]
)


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.one_of(_KEY_TEXT, st.none()), min_size=1, max_size=12))
def test_key_columns_parsed_once_per_distinct_text_as_cell_by_cell(
    texts: list[str | None],
) -> None:
    """Dates and months are parsed once per distinct text, then put back in place:
    the same values, missing values and types as parsing every cell."""
    from risk.financials._table import _parse_dates, _parse_months, _per_distinct

    raw = pd.Series(texts, dtype="str", index=range(5, 5 + len(texts)))
    for parse in (_parse_dates, _parse_months):
        pd.testing.assert_series_equal(_per_distinct(raw, parse), parse(raw), check_exact=True)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["Acme", "Beta", "acme", "Ärger"]), st.integers(0, 3)),
        min_size=1,
        max_size=12,
    )
)
def test_rows_sorted_column_by_column_as_by_sort_values(rows: list[tuple[str, int]]) -> None:
    from risk.financials._table import _sorted

    n = len(rows)
    out = pd.DataFrame(
        {
            "entity": pd.array([r[0] for r in rows], dtype="str"),
            "period_end": pd.to_datetime([f"{2000 + r[1]}-12-31" for r in rows]),
            "months": np.array([12 if i % 2 else 0 for i in range(n)], dtype=np.int64),
            "cash": np.arange(n, dtype=np.float64),
        },
        index=range(3, 3 + n),
    )
    expected = out.sort_values(["entity", "period_end", "months"], kind="stable")
    keys = out[["entity", "period_end", "months"]]
    got = _sorted(keys, {"cash": out["cash"].to_numpy()})
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True), check_exact=True)


@pytest.mark.parametrize(
    ("version", "exact"),
    [
        ("3.1.1", True),
        ("3.1.0", True),
        ("3.2.0.dev0+12.gabc", True),
        ("4.0.0rc1", True),
        ("3.0.6", False),  # 3.0.0 reads 7.374612747394528e-68 a unit in the last place off
        ("2.1.4", False),
        ("2.10.0", False),
        ("unknown", False),
    ],
)
def test_fast_read_only_on_a_pandas_that_rounds_to_the_nearest_double(
    version: str, exact: bool
) -> None:
    assert exact_parsers(version) is exact


def test_an_older_pandas_reads_every_csv_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On pandas 3.0 and 2.x the two parsers may round a 17-digit decimal apart: the
    fast read declines a table it would otherwise read."""
    header = ["entity", "period_end", "months", "cash"]
    path = _write(tmp_path / "t.csv", header, [["A", "2001-12-31", "12", "5.25"]])
    monkeypatch.setattr(pd, "__version__", "3.0.6")
    assert read_numbers_csv(path) is None
    frame = read_table(path)
    assert frame["cash"].tolist() == [5.25]
