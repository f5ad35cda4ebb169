"""XBRL instance documents: concepts to fields, contexts to periods, units, dimensions, dei."""

# ruff: noqa: E501

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from corpus_filings import extract_once
from hypothesis import given
from hypothesis import strategies as st

from risk.extraction import extract
from risk.financials import Filing, LineItem, Source
from risk.statements import TaggedFact, facts_to_periods
from risk.statements._xbrl_map import concept_rules, duration_months

MAP_FILE = Path(__file__).resolve().parents[1] / "risk" / "statements" / "xbrl_concepts.json"


def _value(filing: Filing, end: date, months: int, field: str) -> float | None:
    period = filing.period(end, months)
    return None if period is None else period.get(field)


# --- the mapping is data and keeps the contract's rules -------------------------------


def test_mapping_never_takes_liabilities_and_equity_for_total_liabilities() -> None:
    data = json.loads(MAP_FILE.read_text())
    chain = [
        c if isinstance(c, str) else c["concept"] for c in data["total_liabilities"]["concepts"]
    ]
    assert chain[0] == "us-gaap:Liabilities"
    assert not any("LiabilitiesAndStockholdersEquity" in c for c in chain)


def test_mapping_covers_only_contract_fields() -> None:
    fields = {rule.item for rule in concept_rules()}
    assert LineItem.REVENUE in fields and LineItem.NET_INCOME in fields
    for rule in concept_rules():
        assert rule.concepts, rule.item


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)))
def test_calendar_periods_have_their_months(start: date) -> None:
    # 13, 26, 39 and 52 weeks (retail fiscal calendars) and a 53-week year
    for weeks, months in ((13, 3), (14, 3), (26, 6), (39, 9), (52, 12), (53, 12)):
        assert duration_months(start, start + timedelta(days=7 * weeks - 1)) == months


@given(st.integers(min_value=1, max_value=400))
def test_stub_lengths_have_no_months(days: int) -> None:
    months = duration_months(date(2023, 1, 1), date(2023, 1, 1) + timedelta(days=days))
    if months is not None:
        # only lengths close to a quarter multiple get months
        assert abs(days - months * 30.44) < 16


def test_facts_to_periods_falls_back_and_keeps_signs() -> None:
    end, start = date(2020, 12, 31), date(2020, 1, 1)
    facts = [
        TaggedFact("us-gaap:SalesRevenueNet", 100.0, "USD", end, start),
        TaggedFact("us-gaap:IncomeTaxExpenseBenefit", -7.0, "USD", end, start),
        TaggedFact("us-gaap:InterestIncomeExpenseNet", -12.0, "USD", end, start),
        TaggedFact("us-gaap:Revenues", 5.0, "EUR", end, start),  # not USD: ignored
        TaggedFact("us-gaap:Assets", 900.0, "USD", end, start),  # a balance as a flow: ignored
        TaggedFact("us-gaap:Assets", 1000.0, "USD", end),
        TaggedFact("us-gaap:LiabilitiesAndStockholdersEquity", 1000.0, "USD", end),
        TaggedFact("us-gaap:EarningsPerShareBasic", -0.5, "USD/shares", end, start),
    ]
    periods, warnings = facts_to_periods(facts, document="t.xml")
    assert not warnings
    flow = next(p for p in periods if p.months == 12)
    balance = next(p for p in periods if p.months == 0)
    assert flow.get("revenue") == 100.0
    assert flow.get("income_tax_expense") == -7.0  # a benefit stays negative
    assert flow.get("interest_expense") == 12.0  # net interest income -12 -> cost 12
    assert flow.get("eps_basic") == -0.5
    assert balance.get("total_assets") == 1000.0
    assert balance.get("total_liabilities") is None
    assert flow.provenance[LineItem.REVENUE].label == "us-gaap:SalesRevenueNet"


def test_conflicting_values_are_not_used() -> None:
    end = date(2020, 12, 31)
    facts = [
        TaggedFact("us-gaap:Assets", 1000.0, "USD", end),
        TaggedFact("us-gaap:Assets", 2000.0, "USD", end),
    ]
    periods, warnings = facts_to_periods(facts, document="t.xml")
    assert periods == []
    assert [w.code for w in warnings] == ["xbrl_conflict"]


INSTANCE = """<?xml version="1.0" encoding="utf-8"?>
<xbrl xmlns="http://www.xbrl.org/2003/instance"
      xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
      xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
      xmlns:dei="http://xbrl.sec.gov/dei/2022"
      xmlns:us-gaap="http://fasb.org/us-gaap/2022">
  <context id="FY"><entity><identifier scheme="http://www.sec.gov/CIK">0000012345</identifier></entity>
    <period><startDate>2022-01-01</startDate><endDate>2022-12-31</endDate></period></context>
  <context id="I"><entity><identifier scheme="http://www.sec.gov/CIK">0000012345</identifier></entity>
    <period><instant>2022-12-31</instant></period></context>
  <context id="SEG"><entity><identifier scheme="http://www.sec.gov/CIK">0000012345</identifier>
    <segment><xbrldi:explicitMember dimension="us-gaap:StatementBusinessSegmentsAxis">x:A</xbrldi:explicitMember></segment></entity>
    <period><startDate>2022-01-01</startDate><endDate>2022-12-31</endDate></period></context>
  <unit id="USD"><measure>iso4217:USD</measure></unit>
  <unit id="EPS"><divide><unitNumerator><measure>iso4217:USD</measure></unitNumerator>
    <unitDenominator><measure>shares</measure></unitDenominator></divide></unit>
  <dei:EntityRegistrantName contextRef="FY">Example Corp</dei:EntityRegistrantName>
  <dei:EntityCentralIndexKey contextRef="FY">0000012345</dei:EntityCentralIndexKey>
  <dei:DocumentType contextRef="FY">10-K</dei:DocumentType>
  <dei:DocumentPeriodEndDate contextRef="FY">2022-12-31</dei:DocumentPeriodEndDate>
  <us-gaap:Revenues contextRef="FY" unitRef="USD" decimals="-3">5000000</us-gaap:Revenues>
  <us-gaap:Revenues contextRef="SEG" unitRef="USD" decimals="-3">3000000</us-gaap:Revenues>
  <us-gaap:NetIncomeLoss contextRef="FY" unitRef="USD" decimals="-3">-250000</us-gaap:NetIncomeLoss>
  <us-gaap:EarningsPerShareDiluted contextRef="FY" unitRef="EPS" decimals="2">-0.25</us-gaap:EarningsPerShareDiluted>
  <us-gaap:RetainedEarningsAccumulatedDeficit contextRef="I" unitRef="USD" decimals="-3">-54495000</us-gaap:RetainedEarningsAccumulatedDeficit>
  <us-gaap:SubstantialDoubtAboutGoingConcernTextBlock contextRef="FY">&lt;p&gt;There is substantial doubt about the Company&amp;#8217;s ability to continue as a going concern.&lt;/p&gt;</us-gaap:SubstantialDoubtAboutGoingConcernTextBlock>
</xbrl>
"""


def test_small_instance() -> None:
    filing = extract(INSTANCE.encode(), name="example.xml")
    assert filing.company == "Example Corp"
    assert filing.cik == "12345"
    assert filing.form == "10-K"
    assert filing.period_of_report == date(2022, 12, 31)
    end = date(2022, 12, 31)
    assert _value(filing, end, 12, "revenue") == 5_000_000.0  # not the segment's 3,000,000
    assert _value(filing, end, 12, "net_income") == -250_000.0
    assert _value(filing, end, 12, "eps_diluted") == -0.25
    assert _value(filing, end, 0, "retained_earnings") == -54_495_000.0
    period = filing.period(end, 12)
    assert period is not None
    assert period.provenance[LineItem.REVENUE].source is Source.XBRL


def test_going_concern_text_block_reaches_the_signal_detector() -> None:
    # Passes once risk.signals lands (issue 4): the text block is its only evidence.
    filing = extract(INSTANCE.encode(), name="example.xml")
    assert "going_concern_doubt" in {s.kind.value for s in filing.signals}


# --- real instances (values read from the XML elements, context periods checked) -----


def test_netflix_2010_q3(corpus_dir: Path) -> None:
    filing = extract_once(corpus_dir / "netflix_10-Q_2010-09-30_xbrl.xml")
    assert filing.company == "NETFLIX INC"
    assert filing.form == "10-Q"
    q3 = date(2010, 9, 30)
    # us-gaap:Revenues, context ..._STD_92_20100930_0 (2010-07-01 to 2010-09-30): 553219000
    assert _value(filing, q3, 3, "revenue") == 553_219_000.0
    # us-gaap:Revenues, context ..._STD_273_20100930_0 (nine months): 1566703000
    assert _value(filing, q3, 9, "revenue") == 1_566_703_000.0
    # us-gaap:NetIncomeLoss, _STD_92_20100930_0: 37967000
    assert _value(filing, q3, 3, "net_income") == 37_967_000.0
    # us-gaap:InterestExpense, _STD_273_20100930_0: 14797000 (a positive cost)
    assert _value(filing, q3, 9, "interest_expense") == 14_797_000.0
    # us-gaap:Liabilities and StockholdersEquity, _STD_0_20100930_0
    assert _value(filing, q3, 0, "total_liabilities") == 578_308_000.0
    assert _value(filing, q3, 0, "stockholders_equity") == 191_975_000.0
    assert _value(filing, date(2009, 12, 31), 0, "stockholders_equity") == 199_143_000.0


def test_carbo_2017_losses_and_no_invented_total_liabilities(corpus_dir: Path) -> None:
    filing = extract_once(corpus_dir / "carbo_10-K_2017-12-31_xbrl.xml")
    assert filing.company == "CARBO CERAMICS INC"
    fy = date(2017, 12, 31)
    # us-gaap:SalesRevenueNet F_000105 (2017-01-01..2017-12-31): 188756000 (fallback chain)
    assert _value(filing, fy, 12, "revenue") == 188_756_000.0
    # us-gaap:GrossProfit F_000111: -53325000 (a gross loss)
    assert _value(filing, fy, 12, "gross_profit") == -53_325_000.0
    # us-gaap:IncomeTaxExpenseBenefit F_000144: -2027000 (a benefit is negative)
    assert _value(filing, fy, 12, "income_tax_expense") == -2_027_000.0
    # us-gaap:NetIncomeLoss F_000147: -253116000
    assert _value(filing, fy, 12, "net_income") == -253_116_000.0
    # us-gaap:RetainedEarningsAccumulatedDeficit F_000084: 279779000
    assert _value(filing, fy, 0, "retained_earnings") == 279_779_000.0
    # the instance tags LiabilitiesAndStockholdersEquity (F_000089) but no Liabilities:
    # total liabilities are never that total; they are derived, marked so, as Assets
    # F_000053 540598000 - StockholdersEquity F_000087 405765000 = 134833000
    assert _value(filing, fy, 0, "total_liabilities") == 134_833_000.0
    period = filing.period(fy, 0)
    assert period is not None
    prov = period.provenance[LineItem.TOTAL_LIABILITIES]
    assert prov.source is Source.DERIVED
    assert prov.formula == "total_assets - stockholders_equity"
    assert prov.inputs == (LineItem.TOTAL_ASSETS, LineItem.STOCKHOLDERS_EQUITY)


def test_aeon_instance_balance_sheet_and_stub_periods(corpus_dir: Path) -> None:
    filing = extract_once(corpus_dir / "aeon_10-Q_2023-09-30_xbrl.xml")
    assert filing.company == "AEON Biopharma, Inc."
    assert filing.cik == "1837607"
    q3 = date(2023, 9, 30)
    # balance sheet at September 30, 2023 (in thousands): Cash $16,177; Total current
    # assets 16,911; Total liabilities 139,359; Accumulated deficit (423,148);
    # Total AEON Biopharma, Inc. stockholders' deficit (121,740)
    assert _value(filing, q3, 0, "cash") == 16_177_000.0
    assert _value(filing, q3, 0, "current_assets") == 16_911_000.0
    assert _value(filing, q3, 0, "total_liabilities") == 139_359_000.0
    assert _value(filing, q3, 0, "retained_earnings") == -423_148_000.0
    assert _value(filing, q3, 0, "stockholders_equity") == -121_740_000.0
    # the successor period July 22 - September 30, 2023 is a stub: no 3-month flow
    assert filing.period(q3, 3) is None
    assert any(w.code == "stub_period" and "2023-07-22" in w.message for w in filing.warnings)
    # 2022 comparatives are ordinary quarters: net loss (10,438) for Q3 2022
    assert _value(filing, date(2022, 9, 30), 3, "net_income") == -10_438_000.0


def test_aeon_going_concern_from_text_blocks(corpus_dir: Path) -> None:
    # "management has concluded that there is substantial doubt about the Company's
    # ability to continue as a going concern" (Liquidity and Going Concern note).
    # Passes once risk.signals lands (issue 4).
    filing = extract_once(corpus_dir / "aeon_10-Q_2023-09-30_xbrl.xml")
    assert "going_concern_doubt" in {s.kind.value for s in filing.signals}


@pytest.mark.parametrize("value", ["abc", ""])
def test_unreadable_numeric_fact_is_a_warning(value: str) -> None:
    doc = INSTANCE.replace(">5000000<", f">{value}<")
    filing = extract(doc.encode(), name="bad.xml")
    assert _value(filing, date(2022, 12, 31), 12, "revenue") is None
    assert any(w.code == "xbrl_unreadable_fact" for w in filing.warnings)


# --- XBRL parts of a submission (for the coordinator) ---------------------------------


def test_xbrl_part_reads_an_instance_and_skips_other_xml(corpus_dir: Path) -> None:
    from risk.documents import DocumentPart, PartFormat
    from risk.extraction._xbrl import read_xbrl_part

    text = (corpus_dir / "netflix_10-Q_2010-09-30_xbrl.xml").read_text(encoding="ascii")
    part = DocumentPart(text=text, format=PartFormat.XBRL, type="EX-101.INS")
    result = read_xbrl_part(part, document="nflx.txt")
    q3 = next(p for p in result.periods if p.end == date(2010, 9, 30) and p.months == 3)
    assert q3.get("revenue") == 553_219_000.0  # as in test_netflix_2010_q3
    assert result.text_offset is None

    linkbase = DocumentPart(
        text='<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase"/>',
        format=PartFormat.XBRL,
        type="EX-101.LAB",
    )
    assert read_xbrl_part(linkbase, document="x.txt").periods == []

    broken = DocumentPart(text="<xbrl><oops></xbrl>", format=PartFormat.XBRL, filename="x.xml")
    result = read_xbrl_part(broken, document="x.txt")
    assert [w.code for w in result.warnings] == ["xbrl_part_unreadable"]
    assert "x.xml" in result.warnings[0].message
