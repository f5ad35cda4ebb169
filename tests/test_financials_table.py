"""Structured input: the financials.md table layout from CSV, Parquet or dicts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from risk.exceptions import InputError, TableInputError
from risk.financials import LineItem, read_table, table_to_filings

GOOD = """entity,period_end,months,revenue,net_income,total_assets,total_liabilities
Acme,2002-12-31,12,25557000,-31077000,75603000,71126000
Acme,2001-12-31,12,52362000,480000,92983000,
Beta,2002-12-31,12,1000,,,
"""


def _write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_reads_csv_sorted_with_missing_as_nan(tmp_path: Path) -> None:
    frame = read_table(_write(tmp_path, GOOD))
    assert list(frame["entity"]) == ["Acme", "Acme", "Beta"]
    # sorted by period within an entity
    assert list(frame["period_end"].dt.year) == [2001, 2002, 2002]
    assert frame.loc[0, "revenue"] == 52362000.0
    assert pd.isna(frame.loc[0, "total_liabilities"])  # empty cell stays missing, never 0
    assert frame["months"].dtype == "int64"


def test_parquet_and_records_give_the_same_frame(tmp_path: Path) -> None:
    from_csv = read_table(_write(tmp_path, GOOD))
    raw = pd.read_csv(tmp_path / "t.csv")
    raw.to_parquet(tmp_path / "t.parquet")
    from_parquet = read_table(tmp_path / "t.parquet")
    from_records = read_table(raw.to_dict(orient="records"))
    for other in (from_parquet, from_records):
        pd.testing.assert_frame_equal(
            from_csv[list(from_csv.columns)], other[list(from_csv.columns)], check_dtype=False
        )


@pytest.mark.parametrize(
    ("text", "row", "column", "rule"),
    [
        # header is line 1, so the first data row is row 2
        ("entity,period_end,months,revenue\nA,2002-12-31,12,12abc\n", 2, "revenue", "not a number"),
        ("entity,period_end,months,revenu\nA,2002-12-31,12,1\n", None, "revenu", "unknown column"),
        (
            "entity,period_end,months\nA,2002-12-31,12\nA,31/12/2001,12\n",
            3,
            "period_end",
            "ISO date",
        ),
        ("entity,period_end,months\nA,2002-12-31,7\n", 2, "months", "one of 0, 3, 6, 9, 12"),
        ("entity,period_end,months\nA,2002-12-31,\n", 2, "months", "one of 0, 3, 6, 9, 12"),
        ("entity,period_end,revenue\nA,2002-12-31,1\n", None, "months", "required column"),
        ("entity,period_end,months,revenue\nA,2002-12-31,0,5\n", 2, "revenue", "a flow needs"),
        ("entity,period_end,months,revenue\nA,2002-12-31,12,inf\n", 2, "revenue", "finite"),
        ("entity,period_end,months\n,2002-12-31,12\n", 2, "entity", "must not be empty"),
    ],
)
def test_bad_cell_names_file_row_column_and_rule(
    tmp_path: Path, text: str, row: int | None, column: str, rule: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(TableInputError) as info:
        read_table(path)
    err = info.value
    assert isinstance(err, ValueError)  # input errors are ValueErrors
    assert err.row == row
    assert err.column == column
    message = str(err)
    assert str(path) in message
    assert rule in message
    if row is not None:
        assert f"row {row}" in message
    assert repr(column) in message


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match=r"unsupported table format '\.xlsx'"):
        read_table(_write(tmp_path, "x", "t.xlsx"))


def test_record_that_is_not_a_mapping_is_named() -> None:
    with pytest.raises(TableInputError, match="row 2: each record must be a mapping"):
        read_table([{"entity": "A", "period_end": "2002-12-31", "months": 12}, ["A"]])  # type: ignore[list-item]


def test_table_to_filings_splits_flows_and_balances(tmp_path: Path) -> None:
    filings = table_to_filings(read_table(_write(tmp_path, GOOD)))
    assert [f.company for f in filings] == ["Acme", "Beta"]
    acme = filings[0]
    fy2002 = acme.period(date(2002, 12, 31), 12)
    bal2002 = acme.period(date(2002, 12, 31), 0)
    assert fy2002 is not None and bal2002 is not None
    assert fy2002.values == {LineItem.REVENUE: 25557000.0, LineItem.NET_INCOME: -31077000.0}
    assert bal2002.values == {
        LineItem.TOTAL_ASSETS: 75603000.0,
        LineItem.TOTAL_LIABILITIES: 71126000.0,
    }
    bal2001 = acme.period(date(2001, 12, 31), 0)
    assert bal2001 is not None
    assert LineItem.TOTAL_LIABILITIES not in bal2001.values  # missing stays missing
    assert fy2002.provenance[LineItem.REVENUE].source == "input"
