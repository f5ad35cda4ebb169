"""The extraction coordinator: parts of one submission merged into one filing."""

from __future__ import annotations

from risk.extraction import extract
from risk.financials import FactKind, LineItem

HEADER = """<SEC-DOCUMENT>0000950109-03-000001.txt : 20030522
<SEC-HEADER>0000950109-03-000001.hdr.sgml : 20030522
ACCESSION NUMBER:		0000950109-03-000001
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		2
CONFORMED PERIOD OF REPORT:	20030331
FILED AS OF DATE:		20030522

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			EXAMPLE WIDGETS INC
		CENTRAL INDEX KEY:			0000123456
</SEC-HEADER>
"""

BODY = """<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<TEXT>
Item 5. Other Events.

The Company must raise approximately $5 million in additional financing to meet
its obligations.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<TEXT>
Example Widgets, Inc. said today that it must raise approximately $5 million in
additional financing soon.
</TEXT>
</DOCUMENT>
"""

VIEWER = """<DOCUMENT>
<TYPE>XML
<SEQUENCE>3
<FILENAME>R1.htm
<TEXT>
<html><body><p>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (in thousands)</p>
<table><tr><td></td><td>Three Months Ended March 31, 2003</td>
<td>Three Months Ended March 31, 2002</td></tr>
<tr><td>Net sales</td><td>$ 999,999</td><td>$ 888,888</td></tr>
<tr><td>Cost of sales</td><td>500,000</td><td>400,000</td></tr>
<tr><td>Gross profit</td><td>499,999</td><td>488,888</td></tr>
<tr><td>Net income</td><td>100,000</td><td>90,000</td></tr></table></body></html>
</TEXT>
</DOCUMENT>
"""


def test_header_fields_and_one_fact_for_an_amount_stated_twice() -> None:
    filing = extract(HEADER + BODY + "</SEC-DOCUMENT>\n", name="example.txt")
    assert filing.company == "EXAMPLE WIDGETS INC"
    assert filing.cik == "123456"
    assert filing.form == "8-K"
    # The 8-K body and the EX-99.1 both state the $5 million need: one fact, the first quote.
    needs = [f for f in filing.facts if f.kind is FactKind.FINANCING_NEED]
    assert [f.amount for f in needs] == [5_000_000.0]
    assert "Item 5" not in needs[0].quote
    assert needs[0].document_type == "8-K"


def test_viewer_pages_are_not_read_as_statements() -> None:
    filing = extract(HEADER + BODY + VIEWER + "</SEC-DOCUMENT>\n", name="example.txt")
    revenues = [p.values.get(LineItem.REVENUE) for p in filing.periods]
    assert 999_999_000.0 not in revenues and 999_999.0 not in revenues
