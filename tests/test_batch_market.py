"""``risk batch --market-data FILE``: each company found in the file is scored with its
market value at or before its as-of date (the full submodel); rows carry the submodel,
the value and its date, the SIC and the status."""

from __future__ import annotations

import csv

from risk.cli import main


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _batch(seeds_dir, tmp_path, name, *extra):
    out = tmp_path / f"{name}.csv"
    args = ["batch", str(seeds_dir), "--out", str(out), "--no-progress", *extra]
    assert main(args) == 0
    [row] = _rows(out)
    return row


def test_a_market_data_file_for_the_run(seeds_dir, tmp_path, capsys):
    market = tmp_path / "market.csv"
    market.write_text(
        "entity,date,market_cap\n"
        '"FiberCore, Inc.",2003-05-30,7500000\n'
        '"FiberCore, Inc.",2003-06-20,9900000\n'  # after as_of 2003-06-11: never used
        "Another Company,2003-05-30,1000000\n",
        encoding="utf-8",
    )
    row = _batch(seeds_dir, tmp_path, "with", "--market-data", str(market))
    assert row["entity"] == "FiberCore, Inc." and row["as_of"] == "2003-06-11"
    assert (row["submodel"], row["market_date"]) == ("full", "2003-05-30")
    assert float(row["market_value"]) == 7_500_000
    assert row["status"] == "scored" and row["sic"] == ""  # the releases state no SIC
    plain = _batch(seeds_dir, tmp_path, "without")
    assert (plain["submodel"], plain["market_value"]) == ("book", "")
    capsys.readouterr()


def test_a_company_whose_market_data_start_after_as_of_is_scored_without(seeds_dir, tmp_path):
    late = tmp_path / "late.csv"
    late.write_text('entity,date,close\n"FiberCore, Inc.",2003-07-01,0.09\n', encoding="utf-8")
    row = _batch(seeds_dir, tmp_path, "late", "--market-data", str(late))
    assert (row["submodel"], row["market_value"], row["market_date"]) == ("book", "", "")
