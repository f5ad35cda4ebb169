"""Inline XBRL: tagged facts (scale, sign, format, contexts) preferred over and checked
against the printed tables."""

# ruff: noqa: E501

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from corpus_filings import extract_once

from risk.documents import DocumentPart, PartFormat, html_to_text, parse_html
from risk.extraction._html import _normalise_tables, read_html_part
from risk.extraction._ixbrl import parse_ix_number, read_inline_facts
from risk.financials import Filing, LineItem, PeriodValues, Source
from risk.tables import read_html_tables


def _value(filing: Filing, end: date, months: int, field: str) -> float | None:
    period = filing.period(end, months)
    return None if period is None else period.get(field)


def _period(periods: list[PeriodValues], end: date, months: int) -> PeriodValues | None:
    return next((p for p in periods if p.end == end and p.months == months), None)


@pytest.mark.parametrize(
    ("shown", "fmt", "expected"),
    [
        ("1,234.5", "ixt:num-dot-decimal", 1234.5),
        ("1,234", "ixt:numdotdecimal", 1234.0),
        ("\u2014", "ixt:fixed-zero", 0.0),
        ("-", "ixt:zerodash", 0.0),
        ("1.234,5", "ixt:num-comma-decimal", 1234.5),
        ("no", "ixt-sec:numwordsen", 0.0),
        ("abc", "ixt:num-dot-decimal", None),
    ],
)
def test_ix_formats(shown: str, fmt: str, expected: float | None) -> None:
    assert parse_ix_number(shown, fmt) == expected


INLINE = """<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
 xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:us-gaap="http://fasb.org/us-gaap/2023"
 xmlns:dei="http://xbrl.sec.gov/dei/2023" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
 xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
 xmlns:iso4217="http://www.xbrl.org/2003/iso4217">
<body>
<div style="display:none"><ix:header><ix:hidden>
  <ix:nonNumeric name="dei:EntityRegistrantName" contextRef="Q">Tagged Corp</ix:nonNumeric>
</ix:hidden><ix:resources>
  <xbrli:context id="Q"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:startDate>2023-07-01</xbrli:startDate><xbrli:endDate>2023-09-30</xbrli:endDate></xbrli:period></xbrli:context>
  <xbrli:context id="I"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:instant>2023-09-30</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:context id="SEG"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier>
    <xbrli:segment><xbrldi:explicitMember dimension="us-gaap:StatementBusinessSegmentsAxis">x:A</xbrldi:explicitMember></xbrli:segment></xbrli:entity>
    <xbrli:period><xbrli:startDate>2023-07-01</xbrli:startDate><xbrli:endDate>2023-09-30</xbrli:endDate></xbrli:period></xbrli:context>
  <xbrli:unit id="USD"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
<p>CONDENSED STATEMENTS OF OPERATIONS</p><p>(in thousands)</p>
<table>
<tr><td></td><td>Three Months Ended September 30, 2023</td></tr>
<tr><td>Revenue</td><td>$<ix:nonFraction name="us-gaap:Revenues" contextRef="Q" unitRef="USD" scale="3" decimals="-3" format="ixt:num-dot-decimal">1,250</ix:nonFraction></td></tr>
<tr><td>Segment A revenue</td><td><ix:nonFraction name="us-gaap:Revenues" contextRef="SEG" unitRef="USD" scale="3" decimals="-3" format="ixt:num-dot-decimal">900</ix:nonFraction></td></tr>
<tr><td>Net loss</td><td>(<ix:nonFraction name="us-gaap:NetIncomeLoss" contextRef="Q" unitRef="USD" scale="3" decimals="-3" sign="-" format="ixt:num-dot-decimal">300</ix:nonFraction>)</td></tr>
<tr><td>Income tax expense</td><td><ix:nonFraction name="us-gaap:IncomeTaxExpenseBenefit" contextRef="Q" unitRef="USD" scale="3" format="ixt:fixed-zero">&#8212;</ix:nonFraction></td></tr>
</table>
<p>CONDENSED BALANCE SHEETS</p><p>(in thousands)</p>
<table>
<tr><td></td><td>September 30, 2023</td></tr>
<tr><td>Total assets</td><td><ix:nonFraction name="us-gaap:Assets" contextRef="I" unitRef="USD" scale="3" decimals="-3" format="ixt:num-dot-decimal">5,000</ix:nonFraction></td></tr>
<tr><td>Total liabilities</td><td>4,100</td></tr>
</table>
</body></html>"""


def test_inline_facts_scale_sign_format_and_dimensions() -> None:
    root = parse_html(INLINE, name="t.htm")
    facts = read_inline_facts(root)
    assert facts.dei["EntityRegistrantName"] == "Tagged Corp"
    assert facts.dimensional == 1
    by_concept = {f.concept: f.value for f in facts.facts}
    assert by_concept["us-gaap:Revenues"] == 1_250_000.0
    assert by_concept["us-gaap:NetIncomeLoss"] == -300_000.0
    assert by_concept["us-gaap:IncomeTaxExpenseBenefit"] == 0.0
    # the hidden header is not part of the readable text
    text = html_to_text(root).text
    assert "Tagged Corp" not in text
    assert "Revenue $1,250" in text


def test_inline_part_prefers_tags_and_fills_from_statements() -> None:
    result = read_html_part(DocumentPart(text=INLINE, format=PartFormat.HTML), document="t.htm")
    assert result.company == "Tagged Corp"
    q = _period(result.periods, date(2023, 9, 30), 3)
    bs = _period(result.periods, date(2023, 9, 30), 0)
    assert q is not None and bs is not None
    assert q.get("revenue") == 1_250_000.0  # not the segment's 900
    assert q.get("net_income") == -300_000.0
    assert q.provenance[LineItem.REVENUE].source is Source.XBRL
    # untagged "Total liabilities 4,100" comes from the balance-sheet table
    assert bs.get("total_liabilities") == 4_100_000.0
    assert bs.provenance[LineItem.TOTAL_LIABILITIES].source is Source.TABLE
    assert not [w for w in result.warnings if w.code == "ixbrl_table_disagree"]


def test_disagreeing_table_gives_a_warning_and_the_tag_wins() -> None:
    # the balance sheet prints 5,900 while the (hidden) tagged fact says 5,000
    tagged = (
        '<ix:nonFraction name="us-gaap:Assets" contextRef="I" unitRef="USD" scale="3" '
        'decimals="-3" format="ixt:num-dot-decimal">5,000</ix:nonFraction>'
    )
    doc = INLINE.replace(tagged, "5,900").replace("</ix:hidden>", tagged + "</ix:hidden>")
    result = read_html_part(DocumentPart(text=doc, format=PartFormat.HTML), document="t.htm")
    bs = _period(result.periods, date(2023, 9, 30), 0)
    assert bs is not None and bs.get("total_assets") == 5_000_000.0
    assert any(
        w.code == "ixbrl_table_disagree" and "total_assets" in w.message for w in result.warnings
    )


def _table_periods(path: Path) -> list[PeriodValues]:
    reduced = html_to_text(parse_html(path.read_bytes(), name=path.name))
    tables = read_html_tables(reduced, document=path.name)
    periods, _statements, _warnings = _normalise_tables(tables, document=path.name)
    return periods


def test_aeon_inline_values_and_agreement_with_tables(corpus_dir: Path) -> None:
    path = corpus_dir / "aeon_10-Q_2023-09-30.htm"
    filing = extract_once(path)
    assert filing.company == "AEON Biopharma, Inc."
    q3 = date(2023, 9, 30)
    # CONDENSED CONSOLIDATED BALANCE SHEETS (in thousands), Successor September 30, 2023:
    # Cash $16,177; Total current assets 16,911; Total assets $17,619;
    # Total liabilities 139,359; Accumulated deficit (423,148)
    expected = {
        "cash": 16_177_000.0,
        "current_assets": 16_911_000.0,
        "total_assets": 17_619_000.0,
        "total_liabilities": 139_359_000.0,
        "retained_earnings": -423_148_000.0,
    }
    for field, value in expected.items():
        assert _value(filing, q3, 0, field) == value, field
    # Predecessor December 31, 2022: Total assets $10,778; Total current liabilities 82,574
    assert _value(filing, date(2022, 12, 31), 0, "total_assets") == 10_778_000.0
    assert _value(filing, date(2022, 12, 31), 0, "current_liabilities") == 82_574_000.0
    # the July 22 - September 30 successor stub is not a quarter
    assert filing.period(q3, 3) is None
    # the printed tables give the same figures as the tags
    tables = _table_periods(path)
    bs = _period(tables, q3, 0)
    assert bs is not None
    for field, value in expected.items():
        assert bs.get(field) == value, field
    # the instance (_xbrl.xml) of the same report agrees too
    instance = extract_once(corpus_dir / "aeon_10-Q_2023-09-30_xbrl.xml")
    for field, value in expected.items():
        assert _value(instance, q3, 0, field) == value, field


def test_aeon_going_concern_doubt_in_html_text(corpus_dir: Path) -> None:
    # Note 1 "Liquidity and Going Concern": "management has concluded that there is
    # substantial doubt about the Company's ability to continue as a going concern"
    filing = extract_once(corpus_dir / "aeon_10-Q_2023-09-30.htm")
    doubts = [s for s in filing.signals if s.kind.value == "going_concern_doubt"]
    assert doubts
    assert any("substantial doubt" in s.quote for s in doubts)


def test_apple_2025_inline_values_and_agreement_with_tables(corpus_dir: Path) -> None:
    path = corpus_dir / "apple_10-Q_2025-06-28.html"
    filing = extract_once(path)
    assert filing.company == "Apple Inc."
    q, end = 3, date(2025, 6, 28)
    # CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (In millions), Three Months Ended
    # June 28, 2025: Total net sales 94,036; Operating income 28,202; Other
    # income/(expense), net (171); Provision for income taxes 4,597; Net income $23,434
    flows = {
        "revenue": 94_036e6,
        "operating_income": 28_202e6,
        "other_income": -171e6,
        "income_tax_expense": 4_597e6,
        "net_income": 23_434e6,
    }
    for field, value in flows.items():
        assert _value(filing, end, q, field) == value, field
    assert _value(filing, end, q, "eps_diluted") == 1.57
    # Nine Months Ended June 28, 2025: Total net sales 313,695; Net income $84,544
    assert _value(filing, end, 9, "revenue") == 313_695e6
    assert _value(filing, end, 9, "net_income") == 84_544e6
    # BALANCE SHEETS June 28, 2025: Total assets $331,495; Total liabilities 265,665;
    # Accumulated deficit (17,607); Total shareholders' equity 65,830
    balances = {
        "total_assets": 331_495e6,
        "total_liabilities": 265_665e6,
        "retained_earnings": -17_607e6,
        "stockholders_equity": 65_830e6,
    }
    for field, value in balances.items():
        assert _value(filing, end, 0, field) == value, field
    tables = _table_periods(path)
    qt, bs = _period(tables, end, q), _period(tables, end, 0)
    assert qt is not None and bs is not None
    assert qt.get("revenue") == flows["revenue"]
    # Cash and cash equivalents $36,269; Total current assets 122,491 (June 28, 2025)
    assert bs.get("cash") == _value(filing, end, 0, "cash") == 36_269e6
    assert bs.get("current_assets") == _value(filing, end, 0, "current_assets") == 122_491e6
    # no table (segment breakdowns included) contradicts a tagged value
    assert not [
        w for w in filing.warnings if w.code == "ixbrl_table_disagree" and "income" in w.message
    ]


def test_apple_2025_income_statement_table_agrees_with_tags(corpus_dir: Path) -> None:
    path = corpus_dir / "apple_10-Q_2025-06-28.html"
    tables = _table_periods(path)
    qt, bs = _period(tables, date(2025, 6, 28), 3), _period(tables, date(2025, 6, 28), 0)
    assert qt is not None and bs is not None
    # Operating income 28,202; Net income $23,434 (Three Months Ended June 28, 2025)
    assert qt.get("operating_income") == 28_202e6
    assert qt.get("net_income") == 23_434e6
    # Total assets $331,495; Total liabilities 265,665 (June 28, 2025)
    assert bs.get("total_assets") == 331_495e6
    assert bs.get("total_liabilities") == 265_665e6
