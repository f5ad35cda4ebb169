"""Values no listed company can report are left out with a warning naming the document, the
field and the rule (risk/statements/plausibility.json), on hand-made company facts."""

from __future__ import annotations

from datetime import date

import pytest
from statement_docs import company_facts, fact, submission, table

from risk.extraction import extract
from risk.financials import Filing, LineItem, Period
from risk.statements import IMPLAUSIBLE, refused_values

FY = ("2023-01-01", "2023-12-31")


def _implausible(filing: Filing) -> list[str]:
    return [w.message for w in filing.warnings if w.code == IMPLAUSIBLE]


def _read(facts: dict[str, list[dict[str, object]]]) -> Filing:
    return extract(company_facts(facts), name="facts.json")


def _balance(filing: Filing) -> dict[LineItem, float]:
    pv = filing.period(date(2023, 12, 31), 0)
    return dict(pv.values) if pv is not None else {}


@pytest.mark.parametrize(
    ("assets", "rule"),
    [
        (-5e8, "it cannot be negative"),
        (1e300, "an amount above 10,000,000,000,000 dollars"),
        (2e13, "an amount above 10,000,000,000,000 dollars"),
    ],
)
def test_total_assets_out_of_bounds(assets: float, rule: str) -> None:
    filing = _read(
        {
            "Assets": [fact(assets, "2023-12-31")],
            "Liabilities": [fact(6e8, "2023-12-31")],
        }
    )
    assert LineItem.TOTAL_ASSETS not in _balance(filing)
    assert _balance(filing)[LineItem.TOTAL_LIABILITIES] == 6e8  # the rest stays
    [message] = _implausible(filing)
    assert message.startswith("facts.json: total_assets for 2023-12-31 is ")
    assert message.endswith(f"left out, {rule}")
    [(item, period, _)] = refused_values(filing.warnings)
    assert (item, period) == (LineItem.TOTAL_ASSETS, Period(end=date(2023, 12, 31), months=0))


def test_negative_revenue() -> None:
    filing = _read({"Revenues": [fact(-1e6, "2023-12-31", "2023-01-01")]})
    [message] = _implausible(filing)
    assert "revenue for 2023-12-31 (12m) is -1,000,000: left out, it cannot be negative" in message
    assert filing.period(date(2023, 12, 31), 12) is None


def test_a_flow_larger_than_a_hundred_times_the_total_assets() -> None:
    # Assets of 10 million cannot carry revenue of 1.5 billion (150 times); 900 million
    # (90 times) stands.
    filing = _read(
        {
            "Assets": [fact(1e7, "2023-12-31")],
            "Revenues": [fact(1.5e9, "2023-12-31", "2023-01-01")],
            "CostOfRevenue": [fact(9e8, "2023-12-31", "2023-01-01")],
        }
    )
    flows = filing.period(date(2023, 12, 31), 12)
    assert flows is not None
    assert flows.values == {LineItem.COST_OF_SALES: 9e8}
    [message] = _implausible(filing)
    assert "revenue for 2023-12-31 (12m) is 1,500,000,000" in message
    assert "a flow larger than 100 times the total assets (10,000,000)" in message


def test_a_number_that_is_not_finite() -> None:
    filing = _read(
        {
            "Assets": [fact(float("inf"), "2023-12-31"), fact(1e9, "2022-12-31")],
        }
    )
    # The company-facts reader refuses it before the plausibility rules see it: one
    # malformed_fact warning names the concept and the rule, and the year is left out.
    [message] = [w.message for w in filing.warnings if w.code == "malformed_fact"]
    assert "us-gaap:Assets: 'val' is not a finite number (inf)" in message
    assert _implausible(filing) == []
    assert _balance(filing) == {}
    assert filing.period(date(2022, 12, 31), 0) is not None


@pytest.mark.parametrize(
    ("end", "rule"),
    [
        ("1899-12-31", "the period ends before 1900-01-01"),
        ("2024-03-31", "the period ends after the filing date 2024-02-15"),
    ],
)
def test_balances_dated_before_1900_or_after_the_filing(end: str, rule: str) -> None:
    filing = _read({"Assets": [fact(1e9, end), fact(2e9, "2023-12-31")]})
    assert [p.end for p in filing.periods] == [date(2023, 12, 31)]
    [message] = _implausible(filing)
    assert f"the period {end}: left out, {rule}; its values are left out (total_assets)" in message


def test_a_printed_column_dated_after_the_filing_date() -> None:
    # A release filed 2024-02-15 cannot print a balance sheet at 2024-12-31.
    filing = extract(
        submission(
            table(
                "CONSOLIDATED BALANCE SHEETS (in thousands)",
                ("December 31, 2024", "December 31, 2023"),
                [("Total assets", ("$ 10,000", "$ 9,000"))],
            ),
            filed="20240215",
        ),
        name="future.txt",
    )
    assert [p.end for p in filing.periods] == [date(2023, 12, 31)]
    [message] = _implausible(filing)
    assert message.startswith("future.txt: the period 2024-12-31")
    assert "after the filing date 2024-02-15" in message


def test_plausible_values_give_no_warning() -> None:
    filing = _read(
        {
            "Assets": [fact(9.9e12, "2023-12-31")],
            "Revenues": [fact(5e11, "2023-12-31", "2023-01-01")],
            "NetIncomeLoss": [fact(-4e11, "2023-12-31", "2023-01-01")],
        }
    )
    assert _implausible(filing) == []
