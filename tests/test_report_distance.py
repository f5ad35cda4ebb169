"""The distance to default (naive Merton, Bharath and Shumway 2008) among the report's
published scores when a year of daily prices is given, checked against a hand-computed
example; without a price series it is absent or says what it needs."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from statement_docs import submission, table

from risk.report import score

AS_OF = date(2024, 3, 1)
SHARES = 1_000_000
A = 0.02  # half the swing of the daily log returns
B = math.log(1.1) / 252  # the drift: 252 returns compound to +10 %


def _document() -> str:
    """A small company's balance sheet (thousands), in our own words, filed 2024-02-15."""
    return submission(
        table(
            "CONSOLIDATED BALANCE SHEETS (in thousands)",
            ("December 31, 2023", "December 31, 2022"),
            [
                ("Total current assets", ("9,000", "8,000")),
                ("Total assets", ("$ 30,000", "$ 28,000")),
                ("Short-term debt", ("4,000", "3,000")),
                ("Total current liabilities", ("7,000", "6,000")),
                ("Long-term debt", ("12,000", "12,000")),
                ("Total liabilities", ("19,000", "18,000")),
                ("Retained earnings", ("2,000", "1,500")),
                ("Total stockholders' equity", ("11,000", "10,000")),
            ],
        )
        + table(
            "CONSOLIDATED STATEMENTS OF OPERATIONS (in thousands)",
            ("Year ended December 31, 2023", "Year ended December 31, 2022"),
            [
                ("Revenues", ("25,000", "24,000")),
                ("Operating income", ("1,200", "1,100")),
                ("Net income", ("500", "450")),
            ],
        )
    )


def _prices(path, *, days: int = 252) -> None:
    """Closes on ``days`` + 1 consecutive days from as_of - 365 days: from 10.00, daily
    log returns alternate +A + B and -A + B."""
    start = AS_OF - timedelta(days=365)  # 2023-03-02: the window's first close
    lines, log_price = ["date,close"], math.log(10.0)
    for k in range(days + 1):
        if k:
            log_price += B + (A if k % 2 else -A)
        lines.append(f"{start + timedelta(days=k)},{math.exp(log_price)!r}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_distance_to_default_against_a_hand_computed_example(tmp_path):
    prices = tmp_path / "prices.csv"
    _prices(prices)
    report = score(_document(), as_of=AS_OF, market={"data": str(prices), "shares": SHARES})
    dd = report.score("distance_to_default")
    assert dd is not None and dd.value is not None
    # By hand. 252 daily log returns, 126 of A + B and 126 of -A + B: mean B, every
    # deviation +-A, so the sample variance is 252 A^2 / 251 and
    #   sigma_E = A sqrt(252/251) sqrt(252) = 0.02 x 252 / sqrt(251) = 5.04 / 15.84298
    #           = 0.318122.
    # Past return mu = exp(252 B) - 1 = 0.10; the last close 10 x 1.1 = 11.00, so
    #   E = 11.00 x 1,000,000 shares = 11,000,000;
    #   F = short-term debt 4,000,000 + 0.5 x long-term debt 12,000,000 = 10,000,000.
    #   sigma_D = 0.05 + 0.25 x 0.318122 = 0.129531
    #   sigma_V = 11/21 x 0.318122 + 10/21 x 0.129531 = 0.166635 + 0.061681 = 0.228316
    #   DD = (ln(21/10) + 0.10 - 0.228316^2 / 2) / 0.228316
    #      = (0.741937 + 0.10 - 0.026064) / 0.228316 = 0.815873 / 0.228316 = 3.5734
    #   probability N(-3.5734) = 0.000176
    assert dd.value == pytest.approx(3.5734, abs=2e-4)
    assert dd.probability == pytest.approx(0.000176, abs=2e-6)
    assert dd.period_end == date(2023, 12, 31)
    assert dd.reference is not None and "Bharath" in dd.reference and "2008" in dd.reference
    notes = " ".join(dd.notes)
    assert "E = $11.0m" in notes and "F = $4.0m + 0.5 x $12.0m = $10.0m" in notes
    assert "sigma_E = 31.8% (252 daily returns, 2023-03-02 to 2023-11-09" in notes
    assert "mu = +10.0%" in notes
    # beside Altman and Ohlson in every format
    assert report.score("altman_z") is not None and report.score("ohlson_o") is not None
    assert "Distance to default (naive Merton)" in report.to_markdown()
    assert "Distance to default (naive Merton)" in report.to_html()


def test_a_short_series_gives_the_reason_and_no_number(tmp_path):
    prices = tmp_path / "short.csv"
    _prices(prices, days=150)  # 150 daily returns: too few for a one-year volatility
    report = score(_document(), as_of=AS_OF, market={"data": str(prices), "shares": SHARES})
    dd = report.score("distance_to_default")
    assert dd is not None and dd.value is None
    assert dd.notes == [
        "150 returns in the year to 2024-03-01: a one-year volatility needs daily prices "
        "(at least 200 returns)"
    ]


def test_a_single_value_says_a_price_series_is_needed_and_none_gives_no_entry():
    given = score(_document(), as_of=AS_OF, market={"market_cap": 11e6})
    dd = given.score("distance_to_default")
    assert dd is not None and dd.value is None and "daily closing prices" in dd.notes[0]
    assert score(_document(), as_of=AS_OF).score("distance_to_default") is None
