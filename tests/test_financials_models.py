"""The financials contract: every validation rule rejects a bad value and names it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import ValidationError

from risk.financials import (
    LINE_ITEMS,
    Fact,
    Filing,
    LineItem,
    Period,
    PeriodValues,
    Provenance,
    Signal,
    Source,
)
from risk.financials._fields import ADDED_FIELDS

SPEC_FIELDS = {
    # Typed by hand from ../shared/spec/financials.md: the public contract.
    "cash", "receivables", "inventory", "current_assets", "total_assets",
    "current_liabilities", "short_term_debt", "long_term_debt", "total_liabilities",
    "minority_interest", "retained_earnings", "stockholders_equity", "working_capital",
    "shares_outstanding", "market_value_equity", "revenue", "cost_of_sales", "gross_profit",
    "sga", "rnd", "depreciation_amortization", "impairments", "operating_expenses",
    "operating_income", "ebitda", "interest_expense", "other_income", "pretax_income",
    "income_tax_expense", "net_income", "eps_basic", "eps_diluted", "weighted_shares_basic",
    "weighted_shares_diluted", "operating_cash_flow", "capital_expenditures",
}  # fmt: skip

SHA = "0" * 64


#: Fields added to the spec's for derivations and checks (the spec allows additions, never
#: renames): typed by hand from risk/financials/_fields.py's LineItem docstring.
ADDED = {
    "noncurrent_liabilities", "temporary_equity", "total_equity",
    "consolidated_net_income", "minority_interest_income", "ending_cash",
}  # fmt: skip


def test_line_items_are_the_spec_fields_and_the_documented_additions() -> None:
    assert set(LINE_ITEMS) >= SPEC_FIELDS
    assert set(LINE_ITEMS) - SPEC_FIELDS == ADDED == set(ADDED_FIELDS)
    assert len(LINE_ITEMS) == len(SPEC_FIELDS) + len(ADDED)


@pytest.mark.parametrize("months", [1, 2, 4, 24, -3])
def test_period_rejects_months_outside_allowed_set(months: int) -> None:
    with pytest.raises(ValidationError, match="months must be one of 0, 3, 6, 9, 12"):
        Period(end=date(2002, 12, 31), months=months)


def test_period_rejects_unparseable_date() -> None:
    with pytest.raises(ValidationError, match="end"):
        Period.model_validate({"end": "31/12/2002", "months": 12})


def test_unknown_line_item_rejected_with_its_name() -> None:
    with pytest.raises(ValidationError) as info:
        PeriodValues(end=date(2002, 12, 31), months=12, values={"revenues": 1.0})  # type: ignore[dict-item]
    assert "revenues" in str(info.value)


def test_flow_in_balance_period_rejected() -> None:
    with pytest.raises(ValidationError, match="'revenue' is a flow"):
        PeriodValues(end=date(2002, 12, 31), months=0, values={LineItem.REVENUE: 1.0})


def test_balance_in_flow_period_rejected() -> None:
    with pytest.raises(ValidationError, match="'total_assets' is a point-in-time balance"):
        PeriodValues(end=date(2002, 12, 31), months=12, values={LineItem.TOTAL_ASSETS: 1.0})


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_non_finite_value_rejected(bad: float) -> None:
    with pytest.raises(ValidationError, match="finite"):
        PeriodValues(end=date(2002, 12, 31), months=0, values={LineItem.CASH: bad})


def test_provenance_without_value_rejected() -> None:
    with pytest.raises(ValidationError, match="provenance given for fields without a value"):
        PeriodValues(
            end=date(2002, 12, 31),
            months=0,
            values={},
            provenance={LineItem.CASH: Provenance(document="x")},
        )


def test_unknown_signal_kind_rejected() -> None:
    with pytest.raises(ValidationError, match="kind"):
        Signal.model_validate({"kind": "bad_vibes", "quote": "q", "span": [0, 1], "document": "d"})


def test_span_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="span must satisfy"):
        Signal(kind="late_filing", quote="q", span=(10, 5), document="d")  # type: ignore[arg-type]


def test_fact_amount_must_be_finite() -> None:
    with pytest.raises(ValidationError, match="finite"):
        Fact(kind="financing_need", amount=float("nan"), quote="q", span=(0, 1), document="d")  # type: ignore[arg-type]


def test_filing_rejects_bad_sha_cik_and_duplicate_periods() -> None:
    with pytest.raises(ValidationError, match="sha256"):
        Filing(source="x", sha256="not-a-hash")
    with pytest.raises(ValidationError, match="cik must be digits"):
        Filing(source="x", sha256=SHA, cik="12A4")
    p = PeriodValues(end=date(2002, 12, 31), months=12)
    with pytest.raises(ValidationError, match="appears twice"):
        Filing(source="x", sha256=SHA, periods=[p, p])


def test_filing_rejects_unknown_top_level_field() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Filing.model_validate({"source": "x", "sha256": SHA, "ticker": "FBCE"})


def test_cik_leading_zeros_dropped() -> None:
    assert Filing(source="x", sha256=SHA, cik="0000320193").cik == "320193"


def _rich_filing() -> Filing:
    prov = Provenance(
        document="seed.txt",
        source=Source.TABLE,
        document_type="EX-99.1",
        line=88,
        label="Accumulated deficit",
        raw="54,495",
        scale=1000.0,
        filed=date(2003, 5, 22),
    )
    return Filing(
        source="seed.txt",
        sha256=SHA,
        company="FiberCore, Inc.",
        cik="0001008586",
        form="EX-99.2",
        filed=date(2003, 5, 22),
        periods=[
            PeriodValues(
                end=date(2003, 3, 31),
                months=0,
                values={LineItem.RETAINED_EARNINGS: -54495000.0},
                provenance={LineItem.RETAINED_EARNINGS: prov},
            ),
            PeriodValues(
                end=date(2003, 3, 31), months=3, values={LineItem.EPS_BASIC: -0.06}, estimate=True
            ),
        ],
        facts=[
            Fact(
                kind="financing_need",  # type: ignore[arg-type]
                amount=5e6,
                quote="The Company must raise approximately $5 million",
                span=(10, 58),
                document="seed.txt",
                period=Period(end=date(2003, 12, 31), months=12),
            )
        ],
        signals=[Signal(kind="late_filing", quote="filed late", span=(1, 11), document="seed.txt")],  # type: ignore[arg-type]
    )


def test_json_round_trip_is_lossless() -> None:
    filing = _rich_filing()
    again = Filing.from_json(filing.to_json())
    assert again == filing
    # and a second trip gives the same text, byte for byte
    assert again.to_json() == filing.to_json()


def test_json_uses_contract_names_and_iso_dates() -> None:
    data = json.loads(_rich_filing().to_json())
    period = data["periods"][0]
    assert period["end"] == "2003-03-31"
    assert period["months"] == 0
    assert period["values"] == {"retained_earnings": -54495000.0}
    assert data["facts"][0]["kind"] == "financing_need"
