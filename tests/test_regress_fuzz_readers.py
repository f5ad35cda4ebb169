"""Regressions found by fuzzing (``benchmarks/fuzz.py``, ``tests/test_fuzz.py``).

Each test is a small hand-written document of the class of input that broke a reader
with an exception outside :mod:`risk.exceptions`; its docstring records the root cause.
"""

# ruff: noqa: E501

from __future__ import annotations

from datetime import date

import pytest

from risk.documents import html_to_text, parse_html
from risk.extraction import extract, extract_all
from risk.extraction._xbrl_facts import parse_decimals
from risk.financials import LineItem, normal_cik
from risk.tables import read_html_tables

# --------------------------------------------------------------------------- company facts

#: Assets for 2023-12-31 is well formed; every other entry breaks the company-facts format
#: in one way (json reads 1e999 as infinity; True is an int to Python).
MALFORMED_FACTS = b"""{"cik": 42, "entityName": ["not", "a", "name"], "facts": {"us-gaap": {
  "Assets": {"units": {"USD": [
    {"end": "2023-12-31", "val": 1000, "accn": "A-1", "form": "10-K", "filed": "2024-02-01"},
    {"end": "2022-12-31", "val": 1e999, "accn": "A-1", "form": "10-K", "filed": "2024-02-01"},
    {"end": "2021-12-31", "val": true, "accn": "A-1", "form": "10-K", "filed": "2024-02-01"},
    {"end": "2020-12-31", "val": NINES, "accn": "A-1", "form": "10-K", "filed": "2024-02-01"},
    {"end": 20191231, "val": 5, "accn": "A-1", "form": "10-K", "filed": "2024-02-01"},
    {"end": "2018-12-31", "val": 5, "accn": "A-1", "form": ["10-K"], "filed": "2024-02-01"},
    ["2017-12-31", 5]
  ]}},
  "Liabilities": {"units": {"USD": {"end": "2023-12-31", "val": 400, "accn": "A-1"}}},
  "Revenues": {"units": ["USD"]}
}}}""".replace(b"NINES", b"9" * 400)


def test_company_facts_entries_of_the_wrong_type_are_skipped_with_a_warning() -> None:
    """Root cause: the company-facts reader trusted the JSON's types: a ``val`` too large
    for a float raised OverflowError, a non-string ``end`` AttributeError (``.strip`` on
    an int), a non-string ``form`` or ``entityName`` a pydantic ValidationError, a
    non-list unit list a TypeError; ``val`` true was read as 1 and 1e999 as infinity.
    Each entry is now checked: a malformed one is skipped, and the filing says how many
    were and shows the first."""
    filing = extract(MALFORMED_FACTS, name="facts.json")
    assert filing.company is None  # a list is not a name
    values = {pv.end: pv.values for pv in filing.periods}
    assert values[date(2023, 12, 31)][LineItem.TOTAL_ASSETS] == 1000.0
    assert set(values) == {date(2023, 12, 31)}  # no infinity, no 1.0 from true
    assert LineItem.TOTAL_LIABILITIES not in values[date(2023, 12, 31)]
    (warning,) = [w for w in filing.warnings if w.code == "malformed_fact"]
    # 1e999, true, 400 digits, end 20191231, form ["10-K"], a list entry; the Liabilities
    # entries as an object, the Revenues units as a list
    assert warning.message.startswith("8 company-facts entries were skipped")
    assert "us-gaap:Assets: 'val' is not a finite number (inf)" in warning.message
    (latest,) = extract_all(MALFORMED_FACTS, name="facts.json")
    assert sum(w.code == "malformed_fact" for w in latest.warnings) == 1


# --------------------------------------------------------------------------- inline XBRL

INLINE_SCALES = """<html xmlns="http://www.w3.org/1999/xhtml"
 xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance"
 xmlns:us-gaap="http://fasb.org/us-gaap/2023" xmlns:iso4217="http://www.xbrl.org/2003/iso4217">
<body><div style="display:none"><ix:header><ix:resources>
 <xbrli:context id="A"><xbrli:period><xbrli:instant>2024-06-30</xbrli:instant></xbrli:period>
 </xbrli:context>
 <xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
<p>Cash <ix:nonFraction name="us-gaap:Cash" contextRef="A" unitRef="usd" scale="3"
 decimals="-3">250</ix:nonFraction></p>
<p>Assets <ix:nonFraction name="us-gaap:Assets" contextRef="A" unitRef="usd"
 scale="1000000">7</ix:nonFraction></p>
<p>Liabilities <ix:nonFraction name="us-gaap:Liabilities" contextRef="A" unitRef="usd"
 scale="400">5</ix:nonFraction></p>
<p>Equity <ix:nonFraction name="us-gaap:StockholdersEquity" contextRef="A" unitRef="usd"
 >NINES</ix:nonFraction></p>
</body></html>""".replace("NINES", "9" * 400)


def test_inline_scales_beyond_any_unit_are_unreadable() -> None:
    """Root cause: the inline-XBRL reader multiplied by ``Decimal(10) ** scale`` for any
    integer scale: ``scale="1000000"`` raised decimal.Overflow. Scales beyond 30 are now
    unreadable facts (named in a warning); a 400-digit number, infinite as a float, is
    left out as implausible by the mapping of facts to periods (its one rule for
    non-finite values); the well-formed fact beside them is read."""
    filing = extract(INLINE_SCALES.encode(), name="scales.htm")
    (period,) = [p for p in filing.periods if p.end == date(2024, 6, 30)]
    assert period.values[LineItem.CASH] == 250_000.0
    for item in (LineItem.TOTAL_ASSETS, LineItem.TOTAL_LIABILITIES, LineItem.STOCKHOLDERS_EQUITY):
        assert item not in period.values
    (warning,) = [w for w in filing.warnings if w.code == "xbrl_unreadable_fact"]
    assert warning.message.startswith("2 inline XBRL fact(s) could not be read")
    assert "scale '1000000'" in warning.message
    (implausible,) = [w for w in filing.warnings if w.code == "implausible_value"]
    assert implausible.field is LineItem.STOCKHOLDERS_EQUITY


# --------------------------------------------------------------------------- CIK

SUBMISSION_CIK = """<SEC-DOCUMENT>
<SEC-HEADER>
FILED AS OF DATE:\t\t20040315
COMPANY CONFORMED NAME:\t\t\tZERO KEY CORP
CENTRAL INDEX KEY:\t\t\t{cik}
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<TEXT>
The Company announced that its chief executive officer resigned.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


@pytest.mark.parametrize("cik", ["00000000", "1" * 300])
def test_a_header_cik_of_zeros_or_too_many_digits_is_left_out(cik: str) -> None:
    """Root cause: the SEC-header reader took any run of digits as the CIK and the
    Filing model refused all zeros, so ``CENTRAL INDEX KEY: 00000000`` raised a pydantic
    ValidationError out of extract. The CIK rule is now one function
    (:func:`risk.financials.normal_cik`: 1 to 10 digits, not all zeros) that every
    reader and the model apply; a broken CIK is left out."""
    filing = extract(SUBMISSION_CIK.format(cik=cik).encode(), name="zero.txt")
    assert filing.cik is None
    assert filing.company == "ZERO KEY CORP"
    assert extract(SUBMISSION_CIK.format(cik="0000012345").encode(), name="k.txt").cik == "12345"


def test_normal_cik() -> None:
    assert normal_cik("0000320193") == "320193"
    assert normal_cik(" 42 ") == "42"
    for bad in (None, "", "0", "00000000", "12a", "1" * 11, "\u00b2", "\uff11\uff12"):
        assert normal_cik(bad) is None, bad


# --------------------------------------------------------------------------- XBRL decimals

INSTANCE_DECIMALS = """<?xml version="1.0" encoding="utf-8"?>
<xbrl xmlns="http://www.xbrl.org/2003/instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
      xmlns:us-gaap="http://fasb.org/us-gaap/2022">
  <context id="I"><entity><identifier scheme="http://www.sec.gov/CIK">7</identifier></entity>
    <period><instant>2022-12-31</instant></period></context>
  <unit id="USD"><measure>iso4217:USD</measure></unit>
  <us-gaap:AssetsCurrent contextRef="I" unitRef="USD" decimals="-3">600</us-gaap:AssetsCurrent>
  <us-gaap:Assets contextRef="I" unitRef="USD" decimals="-99999">1000</us-gaap:Assets>
  <us-gaap:LiabilitiesCurrent contextRef="I" unitRef="USD" decimals="99999">250</us-gaap:LiabilitiesCurrent>
  <us-gaap:Liabilities contextRef="I" unitRef="USD" decimals="0">400</us-gaap:Liabilities>
  <us-gaap:StockholdersEquity contextRef="I" unitRef="USD" decimals="0">600</us-gaap:StockholdersEquity>
</xbrl>
"""


def test_xbrl_decimals_beyond_any_rounding_are_ignored() -> None:
    """Root cause: ``decimals`` was read as any integer, and the consistency checks took
    ``10.0 ** -decimals`` as a figure's rounding: ``decimals="-99999"`` raised
    OverflowError out of extract. A ``decimals`` beyond +-30 now says nothing (None, as
    INF does) and the figure's rounding is read from its digits; the values are kept."""
    filing = extract(INSTANCE_DECIMALS.encode(), name="decimals.xml")
    (period,) = filing.periods
    assert period.values[LineItem.CURRENT_ASSETS] == 600.0
    assert period.values[LineItem.CURRENT_LIABILITIES] == 250.0
    assert period.values[LineItem.TOTAL_ASSETS] == 1000.0
    assert period.provenance[LineItem.TOTAL_ASSETS].decimals is None
    assert period.provenance[LineItem.CURRENT_LIABILITIES].decimals is None
    assert period.provenance[LineItem.CURRENT_ASSETS].decimals == -3
    assert parse_decimals("-6") == -6
    assert parse_decimals("-31") is None and parse_decimals("INF") is None


# --------------------------------------------------------------------------- HTML indents

HTML_INDENT = """<html><body>
<p>CONSOLIDATED BALANCE SHEETS (in thousands)</p>
<table>
<tr><td></td><td>December 31, 2023</td></tr>
<tr><td>Cash</td><td>120</td></tr>
<tr><td style="padding-left:{huge}pt">Receivables</td><td>80</td></tr>
<tr><td style="margin-left:1e999px">Inventory</td><td>50</td></tr>
<tr><td>Total current assets</td><td>250</td></tr>
</table></body></html>"""


def test_a_css_indent_too_large_for_a_float_is_ignored() -> None:
    """Root cause: the HTML table reader turned a cell's CSS offset into points with no
    bound, and ranked the rows' indents with ``round(points / 4)``: a 400-digit
    ``padding-left`` is infinite and round() raised OverflowError. A CSS length beyond
    10,000 points is now no indent; the table is read."""
    html = HTML_INDENT.format(huge="9" * 400)
    (table,) = read_html_tables(html_to_text(parse_html(html, name="indent.htm")), document="x")
    labels = [row.label for row in table.rows]
    assert labels[-4:] == ["Cash", "Receivables", "Inventory", "Total current assets"]
    assert {row.indent for row in table.rows if row.label != ""} == {0}
    filing = extract(html.encode(), name="indent.htm")
    assert any(pv.values.get(LineItem.CURRENT_ASSETS) == 250_000.0 for pv in filing.periods)


# --------------------------------------------------------------------------- <SEQUENCE>


def test_a_sequence_of_superscript_digits_is_no_sequence() -> None:
    """Root cause: a document's ``<SEQUENCE>`` was turned into an int when
    ``str.isdigit()`` held, which is also true of superscripts ("²") that int() refuses:
    ValueError out of extract (a flipped byte made one). ``str.isdecimal()`` is the test
    int() agrees with."""
    doc = SUBMISSION_CIK.format(cik="12345").replace("<TYPE>8-K\n", "<TYPE>8-K\n<SEQUENCE>\u00b2\n")
    filing = extract(doc.encode(), name="seq.txt")
    assert [d.sequence for d in filing.documents] == [None]
    doc = SUBMISSION_CIK.format(cik="12345").replace("<TYPE>8-K\n", "<TYPE>8-K\n<SEQUENCE>2\n")
    assert [d.sequence for d in extract(doc.encode(), name="seq.txt").documents] == [2]


def test_a_table_cell_nested_thousands_deep_is_read() -> None:
    """Root cause: the HTML table reader collected a cell's text by recursion, one call
    per nested element: a cell nested 1,400 elements deep (parsed since deep HTML is
    read in full) raised RecursionError. The walk now keeps its own stack."""
    deep = "<b><i>" * 700 + "Total assets" + "</i></b>" * 700
    html = HTML_INDENT.format(huge="1").replace("<td>Cash</td>", f"<td>{deep}</td>")
    (table,) = read_html_tables(html_to_text(parse_html(html, name="deep.htm")), document="x")
    assert "Total assets" in [row.label for row in table.rows]
