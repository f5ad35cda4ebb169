"""Derived line items (risk/statements/derivations.json): each derivation on a hand-made
document, marked derived with its formula and inputs, never in place of a printed value."""

from __future__ import annotations

from datetime import date

import pytest
from statement_docs import submission, table

from risk.extraction import extract
from risk.financials import Filing, LineItem, PeriodValues, Provenance, Source
from risk.statements import derive_period

BS_TITLE = "CONSOLIDATED BALANCE SHEETS (in thousands)"
IS_TITLE = "CONSOLIDATED STATEMENTS OF OPERATIONS (in thousands)"
CF_TITLE = "CONSOLIDATED STATEMENTS OF CASH FLOWS (in thousands)"
BS_COLS = ("December 31, 2023", "December 31, 2022")
FY_COLS = ("Year Ended December 31, 2023", "Year Ended December 31, 2022")
Y23, Y22 = date(2023, 12, 31), date(2022, 12, 31)


def _read(*exhibits: str) -> Filing:
    return extract(submission(*exhibits), name="hand-made.txt")


def _period(filing: Filing, end: date, months: int) -> PeriodValues:
    pv = filing.period(end, months)
    assert pv is not None, [str(p.period) for p in filing.periods]
    return pv


def _derived(pv: PeriodValues, item: LineItem) -> tuple[float, Provenance]:
    prov = pv.provenance[item]
    assert prov.source is Source.DERIVED, prov
    return pv.values[item], prov


def _checks(filing: Filing) -> list[str]:
    return [w.message for w in filing.warnings if w.code == "check_failed"]


def test_total_liabilities_when_the_balance_sheet_goes_from_liabilities_to_equity() -> None:
    # No "Total liabilities" line: 10,000 - 4,100 = 5,900 and 9,000 - 3,800 = 5,200.
    filing = _read(
        table(
            BS_TITLE,
            BS_COLS,
            [
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total current liabilities", ("2,500", "2,000")),
                ("Long-term debt", ("3,400", "3,200")),
                ("Total stockholders' equity", ("4,100", "3,800")),
                ("Total liabilities and stockholders' equity", ("$ 10,000", "$ 9,000")),
            ],
        )
    )
    value, prov = _derived(_period(filing, Y23, 0), LineItem.TOTAL_LIABILITIES)
    assert value == 5_900_000.0
    assert prov.formula == "total_assets - stockholders_equity"
    assert prov.inputs == (LineItem.TOTAL_ASSETS, LineItem.STOCKHOLDERS_EQUITY)
    assert prov.note == "10,000,000 - 4,100,000 = 5,900,000"
    assert prov.document == "hand-made.txt"
    assert prov.document_type == "EX-99.1"
    assert _period(filing, Y22, 0).values[LineItem.TOTAL_LIABILITIES] == 5_200_000.0
    assert _checks(filing) == []


def test_redeemable_noncontrolling_interests_are_not_liabilities() -> None:
    # Temporary equity between liabilities and equity: 10,000 - 300 - 4,000 = 5,700
    # (total equity 4,000 = parent 3,900 + noncontrolling 100), never 10,000 - 4,000.
    filing = _read(
        table(
            BS_TITLE,
            BS_COLS,
            [
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total current liabilities", ("2,500", "2,000")),
                ("Long-term debt", ("3,200", "3,270")),
                ("Redeemable noncontrolling interests", ("300", "250")),
                ("Total Example Widgets shareholders' equity", ("3,900", "3,400")),
                ("Noncontrolling interests", ("100", "80")),
                ("Total equity", ("4,000", "3,480")),
                (
                    "Total liabilities, redeemable noncontrolling interests and equity",
                    ("10,000", "9,000"),
                ),
            ],
        )
    )
    pv = _period(filing, Y23, 0)
    assert pv.values[LineItem.TEMPORARY_EQUITY] == 300_000.0
    assert pv.values[LineItem.STOCKHOLDERS_EQUITY] == 3_900_000.0
    value, prov = _derived(pv, LineItem.TOTAL_LIABILITIES)
    assert value == 5_700_000.0
    assert prov.formula == "total_assets - temporary_equity - total_equity"
    # 9,000 - 250 - 3,480 = 5,270 (the parts agree: 3,400 + 80 = 3,480)
    assert _period(filing, Y22, 0).values[LineItem.TOTAL_LIABILITIES] == 5_270_000.0
    assert _checks(filing) == []


def test_total_liabilities_from_current_and_noncurrent() -> None:
    # 2,500 + 3,400 = 5,900; also 10,000 - 4,100 = 5,900: the two identities agree.
    filing = _read(
        table(
            BS_TITLE,
            BS_COLS,
            [
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total current liabilities", ("2,500", "2,000")),
                ("Total noncurrent liabilities", ("3,400", "3,200")),
                ("Total stockholders' equity", ("4,100", "3,800")),
            ],
        )
    )
    value, prov = _derived(_period(filing, Y23, 0), LineItem.TOTAL_LIABILITIES)
    assert value == 5_900_000.0
    assert prov.formula == "current_liabilities + noncurrent_liabilities"
    assert _checks(filing) == []


def test_a_balance_sheet_with_no_equity_subtotal() -> None:
    # Equity printed only as its parts; total liabilities printed: equity = 10,000 - 5,900.
    filing = _read(
        table(
            BS_TITLE,
            BS_COLS,
            [
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total liabilities", ("5,900", "5,200")),
                ("Common stock", ("100", "100")),
                ("Additional paid-in capital", ("6,000", "6,000")),
                ("Accumulated deficit", ("(2,000)", "(2,300)")),
                ("Total liabilities and stockholders' equity", ("$ 10,000", "$ 9,000")),
            ],
        )
    )
    pv = _period(filing, Y23, 0)
    value, prov = _derived(pv, LineItem.STOCKHOLDERS_EQUITY)
    assert value == 4_100_000.0  # 100 + 6,000 - 2,000, as printed in parts
    assert prov.formula == "total_assets - total_liabilities"
    assert pv.provenance[LineItem.TOTAL_LIABILITIES].source is Source.TABLE
    assert _period(filing, Y22, 0).values[LineItem.STOCKHOLDERS_EQUITY] == 3_800_000.0


def test_no_equity_subtotal_and_no_total_liabilities_derives_nothing_false() -> None:
    # Neither total liabilities nor an equity subtotal: nothing to derive them from.
    filing = _read(
        table(
            BS_TITLE,
            BS_COLS,
            [
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total current liabilities", ("2,500", "2,000")),
                ("Long-term debt", ("3,400", "3,200")),
                ("Common stock", ("100", "100")),
                ("Accumulated deficit", ("(2,000)", "(2,300)")),
            ],
        )
    )
    pv = _period(filing, Y23, 0)
    assert LineItem.TOTAL_LIABILITIES not in pv.values
    assert LineItem.STOCKHOLDERS_EQUITY not in pv.values


def test_working_capital_and_total_equity_from_their_parts() -> None:
    filing = _read(
        table(
            BS_TITLE,
            BS_COLS,
            [
                ("Total current assets", ("4,000", "3,500")),
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total current liabilities", ("2,500", "2,000")),
                ("Total liabilities", ("5,800", "5,170")),
                ("Total stockholders' equity", ("4,100", "3,800")),
                ("Noncontrolling interests", ("100", "30")),
            ],
        )
    )
    pv = _period(filing, Y23, 0)
    wc, wc_prov = _derived(pv, LineItem.WORKING_CAPITAL)
    assert wc == 1_500_000.0  # 4,000 - 2,500
    assert wc_prov.formula == "current_assets - current_liabilities"
    te, te_prov = _derived(pv, LineItem.TOTAL_EQUITY)
    assert te == 4_200_000.0  # 4,100 + 100
    assert te_prov.formula == "stockholders_equity + minority_interest"
    assert _checks(filing) == []


def test_parent_equity_from_total_equity_less_noncontrolling_interests() -> None:
    filing = _read(
        table(
            BS_TITLE,
            BS_COLS,
            [
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total liabilities", ("5,800", "5,170")),
                ("Noncontrolling interests", ("100", "30")),
                ("Total equity", ("4,200", "3,830")),
            ],
        )
    )
    se, prov = _derived(_period(filing, Y23, 0), LineItem.STOCKHOLDERS_EQUITY)
    assert se == 4_100_000.0  # 4,200 - 100
    assert prov.formula == "total_equity - minority_interest"
    assert _checks(filing) == []


def test_operating_income_and_ebitda() -> None:
    # Operating income 3,000 - 2,200 = 800; EBITDA 800 + 150 (depreciation from the
    # cash-flow statement) = 950.
    filing = _read(
        table(
            IS_TITLE,
            FY_COLS,
            [
                ("Net sales", ("$ 8,000", "$ 7,000")),
                ("Cost of sales", ("5,000", "4,500")),
                ("Gross profit", ("3,000", "2,500")),
                ("Selling, general and administrative", ("2,200", "2,100")),
                ("Total operating expenses", ("2,200", "2,100")),
                ("Net income", ("$ 500", "$ 250")),
            ],
        )
        + table(
            CF_TITLE,
            FY_COLS,
            [
                ("Net income", ("$ 500", "$ 250")),
                ("Depreciation and amortization", ("150", "140")),
                ("Net cash provided by operating activities", ("700", "600")),
            ],
        )
    )
    pv = _period(filing, Y23, 12)
    oi, oi_prov = _derived(pv, LineItem.OPERATING_INCOME)
    assert oi == 800_000.0
    assert oi_prov.formula == "gross_profit - operating_expenses"
    ebitda, ebitda_prov = _derived(pv, LineItem.EBITDA)
    assert ebitda == 950_000.0
    assert ebitda_prov.formula == "operating_income + depreciation_amortization"
    assert _period(filing, Y22, 12).values[LineItem.EBITDA] == 540_000.0  # 400 + 140


def test_costs_and_expenses_are_never_taken_from_gross_profit() -> None:
    # "Total costs and expenses" may hold the cost of sales: no operating income from it.
    pv = PeriodValues(
        end=Y23,
        months=12,
        values={LineItem.GROSS_PROFIT: 3_000.0, LineItem.OPERATING_EXPENSES: 7_200.0},
        provenance={
            LineItem.GROSS_PROFIT: Provenance(document="d", label="Gross profit"),
            LineItem.OPERATING_EXPENSES: Provenance(document="d", label="Total costs and expenses"),
        },
    )
    derived, warnings = derive_period(pv, document="d")
    assert LineItem.OPERATING_INCOME not in derived.values
    assert warnings == []


def test_a_printed_value_wins_and_the_check_says_by_how_much() -> None:
    # Printed 6,000 but 10,000 - 4,100 = 5,900: the printed one stays, a warning gives 100.
    filing = _read(
        table(
            BS_TITLE,
            ("December 31, 2023",),
            [
                ("Total assets", ("$ 10,000",)),
                ("Total liabilities", ("6,000",)),
                ("Total stockholders' equity", ("4,100",)),
            ],
        ),
        table(
            "SELECTED BALANCE SHEET DATA (in thousands)",
            ("December 31, 2023",),
            [
                ("Total noncurrent liabilities", ("3,400",)),
                ("Total current liabilities", ("2,500",)),
            ],
        ),
    )
    pv = _period(filing, Y23, 0)
    assert pv.values[LineItem.TOTAL_LIABILITIES] == 6_000_000.0
    assert pv.provenance[LineItem.TOTAL_LIABILITIES].source is Source.TABLE
    found = [m for m in _checks(filing) if "current + noncurrent" in m]
    assert len(found) == 1
    assert "differ by 100,000" in found[0]
    assert "EX-99.1" in found[0] and "EX-99.2" in found[0]


def test_two_derivations_that_disagree_give_nothing() -> None:
    # 2,500 + 3,400 = 5,900 but 10,000 - 4,000 = 6,000: which is right is unknown.
    pv = PeriodValues(
        end=Y23,
        months=0,
        values={
            LineItem.TOTAL_ASSETS: 10_000e3,
            LineItem.CURRENT_LIABILITIES: 2_500e3,
            LineItem.NONCURRENT_LIABILITIES: 3_400e3,
            LineItem.STOCKHOLDERS_EQUITY: 4_000e3,
        },
        provenance={
            item: Provenance(document="d", scale=1000.0)
            for item in (
                LineItem.TOTAL_ASSETS,
                LineItem.CURRENT_LIABILITIES,
                LineItem.NONCURRENT_LIABILITIES,
                LineItem.STOCKHOLDERS_EQUITY,
            )
        },
    )
    derived, warnings = derive_period(pv, document="d")
    assert LineItem.TOTAL_LIABILITIES not in derived.values
    assert len(warnings) == 1
    assert warnings[0].code == "check_failed"
    assert "5,900,000" in warnings[0].message and "6,000,000" in warnings[0].message


def test_a_negative_derived_liability_is_not_used() -> None:
    # Equity above assets gives negative liabilities: the inputs disagree.
    pv = PeriodValues(
        end=Y23,
        months=0,
        values={LineItem.TOTAL_ASSETS: 1_000.0, LineItem.STOCKHOLDERS_EQUITY: 1_500.0},
    )
    derived, warnings = derive_period(pv, document="d")
    assert LineItem.TOTAL_LIABILITIES not in derived.values
    assert [w.code for w in warnings] == ["check_failed"]
    assert "negative" in warnings[0].message


@pytest.mark.parametrize("rounded", [5_899_500.0, 5_900_499.0])
def test_rounding_within_the_printed_unit_is_no_failure(rounded: float) -> None:
    pv = PeriodValues(
        end=Y23,
        months=0,
        values={
            LineItem.TOTAL_ASSETS: 10_000e3,
            LineItem.TOTAL_LIABILITIES: rounded,
            LineItem.STOCKHOLDERS_EQUITY: 4_100e3,
        },
        provenance={
            LineItem.TOTAL_ASSETS: Provenance(document="d", scale=1000.0),
            LineItem.TOTAL_LIABILITIES: Provenance(document="d", source=Source.XBRL, label="x"),
            LineItem.STOCKHOLDERS_EQUITY: Provenance(document="d", scale=1000.0),
        },
    )
    _, warnings = derive_period(pv, document="d")
    assert warnings == []


def test_derived_values_round_trip_through_json() -> None:
    filing = _read(
        table(
            BS_TITLE,
            BS_COLS,
            [
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total stockholders' equity", ("4,100", "3,800")),
            ],
        )
    )
    again = Filing.from_json(filing.to_json())
    assert again == filing
    prov = _period(again, Y23, 0).provenance[LineItem.TOTAL_LIABILITIES]
    assert prov.inputs == (LineItem.TOTAL_ASSETS, LineItem.STOCKHOLDERS_EQUITY)


def test_a_timeline_prefers_a_printed_value_to_a_later_derived_one() -> None:
    from risk.timelines import timeline

    # The year-end report prints total liabilities 6,000 (a mezzanine item of 100 the
    # quarterly release does not print); the release derives 10,000 - 3,900 = 6,100.
    annual = extract(
        submission(
            table(
                BS_TITLE,
                ("December 31, 2023",),
                [
                    ("Total assets", ("$ 10,000",)),
                    ("Total liabilities", ("6,000",)),
                    ("Redeemable convertible preferred stock", ("100",)),
                    ("Total stockholders' equity", ("3,900",)),
                ],
            ),
            filed="20240215",
        ),
        name="annual.txt",
    )
    quarterly = extract(
        submission(
            table(
                BS_TITLE,
                ("March 31, 2024", "December 31, 2023"),
                [
                    ("Total assets", ("$ 10,500", "$ 10,000")),
                    ("Total stockholders' equity", ("4,000", "3,900")),
                ],
            ),
            filed="20240510",
            period="20240331",
        ),
        name="quarterly.txt",
    )
    tl = timeline([annual, quarterly])
    found = tl.value(LineItem.TOTAL_LIABILITIES, Y23)
    assert found is not None
    value, prov = found
    assert value == 6_000_000.0 and prov.document == "annual.txt"
    assert prov.source is Source.TABLE
    conflicts = [w.message for w in tl.warnings if w.code == "conflict"]
    assert any("6,100,000" in m for m in conflicts)
    later = tl.value(LineItem.TOTAL_LIABILITIES, date(2024, 3, 31))
    assert later is not None and later[1].source is Source.DERIVED and later[0] == 6_500_000.0
