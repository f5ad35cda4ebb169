"""Market inputs: reading a market-data file, the value at or before as_of, shares, history."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import pytest

from risk.exceptions import InputError, TableInputError
from risk.extraction import extract
from risk.financials import Filing, LineItem, PeriodValues
from risk.market import (
    EquityHistory,
    MarketValue,
    MarketValueMethod,
    distance_to_default,
    equity_history,
    market_value,
    read_market_data,
)
from risk.market._select import quote_at, shares_at

SHA = "0" * 64


def _csv(tmp_path: Path, text: str, name: str = "prices.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _filing(*shares: tuple[str, float], filed: str = "2024-08-01") -> Filing:
    """A made-up filing stating shares outstanding at the given balance-sheet dates."""
    return Filing(
        source="made-up.txt",
        sha256=SHA,
        filed=date.fromisoformat(filed),
        periods=[
            PeriodValues(
                end=date.fromisoformat(end), months=0, values={LineItem.SHARES_OUTSTANDING: n}
            )
            for end, n in shares
        ],
    )


# ------------------------------------------------------------------ reading


def test_market_data_rows_are_sorted_by_date_per_entity(tmp_path):
    path = _csv(
        tmp_path,
        "entity,date,close,market_cap\n"
        "ACME,2024-03-28,12.5,\n"
        "ACME,2024-03-27,12.0,600000000\n"
        "BETA,2024-03-28,,2500000000\n",
    )
    data = read_market_data(path)
    assert data.entities == ("ACME", "BETA")
    acme = data.for_entity("ACME")
    assert acme.dates == (date(2024, 3, 27), date(2024, 3, 28))
    assert acme.close == (12.0, 12.5) and acme.market_cap == (600e6, None)
    assert acme.rows == (3, 2)  # CSV lines, the header being line 1
    with pytest.raises(InputError, match="name the one"):
        data.for_entity()
    with pytest.raises(InputError, match="'GAMMA' is not in the market data"):
        data.for_entity("GAMMA")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("date,close,volume\n2024-01-02,10,5\n", "column 'volume': unknown column"),
        ("date,close\n02/01/2024,10\n", "row 2, column 'date': not an ISO date"),
        ("date,close\n2024-01-02,-3\n", "row 2, column 'close': must be a positive number"),
        ("date,close\n2024-01-02,ten\n", "row 2, column 'close': must be a positive number"),
        ("date,close,market_cap\n2024-01-02,,\n", "row 2: neither close nor market_cap"),
        ("date,close\n2024-01-02,10\n2024-01-02,11\n", "date 2024-01-02 is given twice"),
        ("close\n10\n", "needs a 'date' column"),
    ],
)
def test_bad_market_data_is_refused_naming_the_file_row_and_column(tmp_path, text, where):
    path = _csv(tmp_path, text)
    with pytest.raises(TableInputError, match=r"prices\.csv") as info:
        read_market_data(path)
    assert where in str(info.value)


# -------------------------------------------------------- selection by date


def test_the_quote_is_the_latest_at_or_before_as_of_never_after(tmp_path):
    path = _csv(
        tmp_path, "date,close\n2024-06-03,10\n2024-06-28,11\n2024-07-01,12\n2024-07-02,13\n"
    )
    series = read_market_data(path).for_entity()
    assert quote_at(series, date(2024, 6, 30)).close == 11.0  # a weekend: Friday's close
    assert quote_at(series, date(2024, 7, 1)).close == 12.0  # on as_of itself
    assert quote_at(series, date(2024, 7, 1)).source.endswith("prices.csv row 4")
    with pytest.raises(InputError, match="start on 2024-06-03, after as_of 2024-06-01"):
        quote_at(series, date(2024, 6, 1))


def test_a_market_cap_row_is_used_as_it_stands(tmp_path):
    path = _csv(tmp_path, "date,close,market_cap\n2024-06-28,11,550000000\n")
    value = market_value(date(2024, 7, 15), series=read_market_data(path).for_entity())
    assert value.value == 550e6 and value.method is MarketValueMethod.MARKET_CAP
    assert value.on == date(2024, 6, 28) and value.price is None


def test_a_close_is_multiplied_by_the_shares_the_filings_state_before_as_of(tmp_path):
    path = _csv(tmp_path, "date,close\n2024-06-28,11\n2024-09-30,14\n")
    series = read_market_data(path).for_entity()
    filings = [_filing(("2024-03-31", 48e6), ("2024-06-30", 50e6), ("2024-09-30", 60e6))]
    value = market_value(date(2024, 7, 15), series=series, filings=filings)
    # The close of 2024-06-28 (11) times the count of 2024-06-30 (50M); the 60M of
    # 2024-09-30 and the close of 2024-09-30 are after as_of.
    assert value.value == pytest.approx(11 * 50e6)
    assert value.method is MarketValueMethod.PRICE_TIMES_SHARES
    assert value.shares is not None and value.shares.on == date(2024, 6, 30)
    assert value.shares.source == "made-up.txt"


def test_explicit_values_dated_after_as_of_are_refused():
    as_of = date(2024, 7, 15)
    with pytest.raises(InputError, match="market_cap is dated 2024-07-16, after as_of 2024-07-15"):
        market_value(as_of, market_cap=5e8, on=date(2024, 7, 16))
    with pytest.raises(InputError, match="price is dated 2024-08-01, after as_of"):
        market_value(as_of, price=11.0, shares=50e6, on=date(2024, 8, 1))
    given = market_value(as_of, market_cap=5e8)
    assert (given.value, given.on, given.source) == (5e8, as_of, "given")
    priced = market_value(as_of, price=0.11, shares=6e7, on=date(2024, 7, 10))
    assert priced.value == pytest.approx(6.6e6) and priced.on == date(2024, 7, 10)


def test_a_price_without_shares_and_not_exactly_one_source_are_refused():
    as_of = date(2024, 7, 15)
    with pytest.raises(InputError, match="shares: a price needs shares outstanding"):
        market_value(as_of, price=11.0)
    with pytest.raises(InputError, match="shares: a price needs"):  # only a later count
        market_value(as_of, price=11.0, filings=[_filing(("2024-09-30", 6e7))])
    with pytest.raises(InputError, match="exactly one of"):
        market_value(as_of, price=11.0, market_cap=5e8)
    with pytest.raises(InputError, match="exactly one of"):
        market_value(as_of)
    with pytest.raises(InputError, match="price must be a positive number"):
        market_value(as_of, price=0.0, shares=1e6)


def test_shares_come_from_the_balance_sheet_of_a_real_10q(corpus_dir):
    # Apple's 10-Q for the quarter to 2025-06-28, balance sheet: "14,856,722 and
    # 15,116,786 shares issued and outstanding, respectively" (in thousands).
    filing = extract(corpus_dir / "apple_10-Q_2025-06-28.html")
    count = shares_at([filing], date(2025, 7, 17))
    assert count is not None and count.on == date(2025, 6, 28)
    assert count.value == pytest.approx(14_856_722_000)
    # Its cover (dei:EntityCommonStockSharesOutstanding): "14,840,390,000 shares of common
    # stock were issued and outstanding as of July 18, 2025", the later count from then on.
    cover = shares_at([filing], date(2025, 8, 1))
    assert cover is not None and cover.on == date(2025, 7, 18)
    assert cover.value == pytest.approx(14_840_390_000)
    assert cover.source.endswith("(dei:EntityCommonStockSharesOutstanding)")
    earlier = shares_at([filing], date(2025, 6, 27))  # the 2024-09-28 balance sheet
    assert earlier is not None and earlier.value == pytest.approx(15_116_786_000)
    assert shares_at([filing], date(2024, 9, 27)) is None


# ------------------------------------------------------- one-year history


def _alternating_closes(tmp_path: Path) -> Path:
    """Weekday closes alternating 50, 50.5 from 2023-06-29 to 2024-06-28, plus a row
    before (60) and one after as_of (1000) that must not be used."""
    lines = ["date,close", "2023-06-28,60"]
    day, k = date(2023, 6, 29), 0
    while day <= date(2024, 6, 28):
        if day.weekday() < 5:
            lines.append(f"{day},{50.5 if k % 2 else 50}")
            k += 1
        day += timedelta(days=1)
    lines.append("2024-07-01,1000")
    return _csv(tmp_path, "\n".join(lines) + "\n")


def test_one_year_volatility_and_return_by_hand(tmp_path):
    # as_of 2024-06-28: the window starts from the close of 2023-06-29 (365 days back).
    # Weekdays 2023-06-29 .. 2024-06-28: 52 weeks (260) + Thu, Fri = 262 closes, so 261
    # log returns alternating +a, -a from +a, a = ln 1.01 = 0.00995033: 131 up, 130 down.
    # Mean a / 261; sum of squared deviations a^2 (261 - 1/261); sample variance
    # a^2 (262 / 261); sd a sqrt(262/261) = 0.00995033 * 1.001914 = 0.00996938;
    # annualised * sqrt(252) = 15.874508: 0.158259. Return 50.5 / 50 - 1 = 0.01.
    series = read_market_data(_alternating_closes(tmp_path)).for_entity()
    history = equity_history(series, date(2024, 6, 28))
    assert history.reason is None
    assert (history.first, history.last, history.returns) == (
        date(2023, 6, 29),
        date(2024, 6, 28),
        261,
    )
    assert history.volatility == pytest.approx(0.158259, abs=2e-6)
    assert history.past_return == pytest.approx(0.01)


def test_a_short_or_sparse_series_gives_no_volatility_and_says_why(tmp_path):
    series = read_market_data(_alternating_closes(tmp_path)).for_entity()
    short = equity_history(series, date(2024, 6, 1))  # would need a close by 2023-06-02
    assert short.volatility is None and "does not reach a year back" in short.reason
    # Month ends from 2022-12-28 to 2023-12-28: a year back is covered, by 12 returns.
    months = "".join(f"2023-{m:02d}-28,10\n" for m in range(1, 13))
    monthly = _csv(tmp_path, "date,close\n2022-12-28,10\n" + months, name="monthly.csv")
    sparse = equity_history(read_market_data(monthly).for_entity(), date(2023, 12, 31))
    assert sparse.volatility is None and sparse.returns == 12
    assert "12 returns" in sparse.reason and "needs daily prices" in sparse.reason


def test_distance_to_default_joins_the_market_value_history_and_debt():
    # The hand example of tests/test_scores.py: E 100, F = 20 + 0.5 * 60 = 50,
    # sigma_E 0.40, mu 0.10: DD 3.626758.
    value = MarketValue(
        value=100.0, on=date(2024, 6, 28), method=MarketValueMethod.MARKET_CAP, source="given"
    )
    history = EquityHistory(as_of=date(2024, 6, 28), volatility=0.40, past_return=0.10)
    dd = distance_to_default(value, history, short_term_debt=20.0, long_term_debt=60.0)
    assert dd is not None and dd.distance == pytest.approx(3.626758, abs=2e-6)
    assert dd.debt == 50.0 and 1.31e-4 < dd.probability < 1.59e-4
    assert "Bharath" in dd.reference
    assert distance_to_default(value, history, short_term_debt=None, long_term_debt=60.0) is None
    no_history = EquityHistory(as_of=date(2024, 6, 28), reason="too short")
    assert distance_to_default(value, no_history, short_term_debt=20.0, long_term_debt=60.0) is None
    assert not math.isnan(dd.probability)
