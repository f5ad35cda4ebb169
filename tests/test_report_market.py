"""Market inputs in the report: a market value of equity (given, or the row of a file at or
before as_of, never after) makes the full submodel score the latest statements, and the
report says which submodel ran, the value, its date and source."""

from __future__ import annotations

import json
from datetime import date

import pytest

from risk.cli import main
from risk.exceptions import InputError
from risk.report import ReportStatus, score

#: FiberCore's releases print 68,876,094 weighted-average basic shares for the quarter
#: to 2003-03-31 (seed 001, "Weighted average shares outstanding"): the shares used here.
SHARES = 68_876_094
PRICE = 0.11


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return sorted(seeds_dir.glob("*.txt"))


def _riskiest_two(report) -> bool:
    top = max(b.rank for b in report.bands)
    return report.band is not None and report.band.rank >= top - 1


def test_a_price_and_shares_make_the_full_submodel_score_fibercore(seeds, capsys):
    args = ["score", *map(str, seeds), "--price", str(PRICE), "--shares", str(SHARES)]
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["submodel"] == "full"
    market = data["market"]
    assert market["value"] == pytest.approx(PRICE * SHARES)  # 7,576,370.34
    assert market["on"] == data["as_of"] == "2003-06-11"  # no date given: as_of
    assert (market["method"], market["source"], market["shares_source"]) == (
        "price_times_shares",
        "given",
        "given",
    )
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "The full submodel (statements and market value) scored the company." in text
    assert "Market value of equity: $7.6m on 2003-06-11" in text
    assert "- Model (financial statements and market value, full submodel):" in text


def test_fibercore_stays_in_the_two_riskiest_bands_with_and_without_a_market_value(seeds):
    book = score(seeds)
    full = score(seeds, market={"price": PRICE, "shares": SHARES})
    assert (book.submodel, full.submodel) == ("book", "full")
    assert book.market is None and full.market is not None
    for report in (book, full):
        assert report.status is ReportStatus.SCORED and _riskiest_two(report)
        assert {s.kind for s in report.signals} >= {"going_concern_doubt", "delisting_notice"}
    # The market value enters the features: X4 of Altman's Z is market equity / liabilities.
    mve_tl = full.score("altman_z")
    assert mve_tl is not None and mve_tl.value is not None


def test_the_row_of_a_file_at_or_before_as_of_is_used(seeds, tmp_path):
    prices = tmp_path / "prices.csv"
    prices.write_text(
        "date,close\n2003-06-02,0.20\n2003-06-10,0.11\n2003-06-13,5.00\n", encoding="utf-8"
    )
    report = score(seeds, market={"data": _read(prices), "shares": SHARES})
    assert report.market is not None
    # as_of 2003-06-11: the close of 2003-06-10 (line 3 of the file), not 2003-06-13's.
    assert report.market.on == date(2003, 6, 10)
    assert report.market.price == 0.11 and report.market.source.endswith("prices.csv row 3")
    assert report.market.value == pytest.approx(0.11 * SHARES)
    earlier = score(seeds, as_of="2003-06-05", market={"data": _read(prices), "shares": SHARES})
    assert earlier.market is not None and earlier.market.on == date(2003, 6, 2)


def test_a_market_cap_column_is_used_as_it_is(seeds, tmp_path):
    caps = tmp_path / "caps.csv"
    caps.write_text("date,market_cap\n2003-05-30,8000000\n", encoding="utf-8")
    report = score(seeds, market=caps)
    assert report.market is not None and report.market.value == 8_000_000.0
    assert report.market.method == "market_cap" and report.market.shares is None
    assert report.submodel == "full"


def test_a_value_dated_after_as_of_is_refused(seeds, tmp_path, capsys):
    with pytest.raises(InputError, match="after as_of 2003-06-11"):
        score(seeds, market={"price": PRICE, "shares": SHARES, "on": date(2003, 6, 12)})
    late = tmp_path / "late.csv"
    late.write_text("date,close\n2003-06-12,0.11\n2003-07-01,0.09\n", encoding="utf-8")
    code = main(["score", *map(str, seeds), "--market-data", str(late), "--shares", "1000"])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1
    assert "start on 2003-06-12, after as_of 2003-06-11" in err and "late.csv" in err


def test_a_price_needs_shares_and_the_options_are_checked(seeds, capsys):
    with pytest.raises(InputError, match="shares"):
        score(seeds, market={"price": PRICE})
    with pytest.raises(InputError, match="unknown key"):
        score(seeds, market={"prize": PRICE})
    with pytest.raises(SystemExit) as stopped:  # argparse's usage error
        main(["score", *map(str, seeds), "--price", "-1"])
    assert stopped.value.code != 0
    assert "--price: must be a positive number" in capsys.readouterr().err


def _read(path):
    from risk.market import read_market_data

    return read_market_data(path)


def test_a_price_uses_the_shares_the_cover_states(corpus_dir):
    # Apple's 10-Q filed 1998-08-10 states 134,639,382 shares as of 1998-08-04 on its cover.
    path = corpus_dir / "apple_10-Q_1998-06-26.txt"
    report = score(path, market={"price": 30.0})
    assert report.market is not None and report.submodel == "full"
    assert report.market.shares == 134_639_382 and report.market.shares_on == date(1998, 8, 4)
    assert report.market.shares_source is not None
    assert report.market.shares_source.endswith("(cover page)")
    assert report.market.value == pytest.approx(30.0 * 134_639_382)
    # as of a date before the cover's count, no count is known: a clear refusal
    with pytest.raises(InputError, match="no filing states them at or before 1998-08-01"):
        score(path, as_of="1998-08-01", market={"price": 30.0})
