"""The items an 8-K declares as signals (issue 19): hand-made 8-Ks written for the tests.

Each 8-K below is made up (company, people and numbers invented); it declares its items
in the SEC header, in the document's headings, or both.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import risk.signals._items as items
from risk.extraction import extract_bytes
from risk.financials import SignalKind
from risk.signals import PartText, item_signals
from risk.signals._items import declared_items

HEADER = """<SEC-DOCUMENT>0000999999-21-000001.txt : 20210610
<SEC-HEADER>0000999999-21-000001.hdr.sgml : 20210610
ACCESSION NUMBER:		0000999999-21-000001
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		1
CONFORMED PERIOD OF REPORT:	20210607
ITEM INFORMATION:		{item}
ITEM INFORMATION:		Financial Statements and Exhibits
FILED AS OF DATE:		20210610

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			QUILLFIELD PAPER CO
		CENTRAL INDEX KEY:			0000999999
</SEC-HEADER>
"""

COVER = """                     UNITED STATES SECURITIES AND EXCHANGE COMMISSION
                                   FORM 8-K
                                CURRENT REPORT

                             Quillfield Paper Co.
            (Exact name of registrant as specified in its charter)

Check the appropriate box below if the Form 8-K filing is intended to simultaneously
satisfy the filing obligation of the registrant under any of the following provisions:

[ ] Written communications pursuant to Rule 425 under the Securities Act
[ ] Soliciting material pursuant to Rule 14a-12 under the Exchange Act

"""

BODIES = {
    "1.03": (
        "Bankruptcy or Receivership",
        'On June 7, 2021, Quillfield Paper Co. (the "Company") and two of its subsidiaries '
        "filed voluntary petitions for relief under Chapter 11 of the United States "
        "Bankruptcy Code in the District of Delaware.",
        SignalKind.BANKRUPTCY_FILING,
    ),
    "2.04": (
        "Triggering Events That Accelerate or Increase a Direct Financial Obligation",
        "The Company did not make the interest payment due June 1, 2021 on its senior notes, "
        "and the trustee declared the notes due and payable.",
        SignalKind.COVENANT_BREACH,
    ),
    "3.01": (
        "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; "
        "Transfer of Listing",
        "On June 4, 2021, the Company received a letter from the Listing Qualifications "
        "staff of Nasdaq saying that its shares had closed under the minimum bid price for "
        "thirty business days.",
        SignalKind.DELISTING_NOTICE,
    ),
}


def _submission(item: str, *, header: bool, heading: bool) -> str:
    title, sentence, _ = BODIES[item]
    body = COVER
    body += (f"Item {item} {title}.\n\n" if heading else "") + sentence + "\n\n"
    body += "Item 9.01 Financial Statements and Exhibits.\n\nNone.\n"
    head = HEADER.format(item=title if header else "Other Events")
    return head + "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n" + body + "</TEXT>\n</DOCUMENT>\n"


@pytest.mark.parametrize("item", sorted(BODIES))
@pytest.mark.parametrize(("header", "heading"), [(True, True), (True, False), (False, True)])
def test_declared_item_is_a_signal_of_the_filer(item: str, header: bool, heading: bool) -> None:
    text = _submission(item, header=header, heading=heading)
    filing = extract_bytes(text.encode(), name="made-up-8k.txt")
    kind = BODIES[item][2]
    items = [s for s in filing.signals if s.rule == f"item.{item}"]
    assert len(items) == 1, filing.signals
    s = items[0]
    assert s.kind is kind and s.of_filer
    # the quote is the heading and the first sentence, or the header line
    if heading:
        assert s.quote.startswith(f"Item {item} {BODIES[item][0][:20]}")
        assert BODIES[item][1][:40] in s.quote
    else:
        assert s.quote.startswith("ITEM INFORMATION:")
    assert " ".join(text[s.span[0] : s.span[1]].split()) == s.quote


def test_no_item_declared_no_item_signal() -> None:
    text = _submission("1.03", header=False, heading=False)
    filing = extract_bytes(text.encode(), name="made-up-8k.txt")
    assert not [s for s in filing.signals if (s.rule or "").startswith("item.")]


def test_cover_checkboxes_and_references_are_not_headings() -> None:
    main = (
        "[ ] Item 3.01 Notice of Delisting or Failure to Satisfy a Continued Listing Rule\n"
        "☐ Item 1.03 Bankruptcy or Receivership\n\n"
        "Item 8.01 Other Events.\n\n"
        "As described under Item 2.04 of our report of last year, the notes were repaid.\n"
    )
    parts = [PartText("8-K", main)]
    assert item_signals(parts, document="d", form="8-K", filed=date(2021, 6, 10)) == []


def test_voluntary_transfer_of_listing_is_no_notice() -> None:
    main = (
        "Item 3.01 Notice of Delisting or Failure to Satisfy a Continued Listing Rule or "
        "Standard; Transfer of Listing.\n\n"
        "On June 1, 2021, the Company notified the New York Stock Exchange of its decision to "
        "transfer the listing of its common stock to the Nasdaq Global Select Market.\n"
    )
    parts = [PartText("8-K", main)]
    assert item_signals(parts, document="d", form="8-K", filed=date(2021, 6, 10)) == []


def test_old_numbering_before_august_2004() -> None:
    main = (
        "Item 3. Bankruptcy or Receivership.\n\n"
        "On March 2, 1999, the Company filed a voluntary petition under Chapter 11.\n\n"
        "Item 7. Financial Statements and Exhibits.\n"
    )
    parts = [PartText("8-K", main)]
    old = item_signals(parts, document="d", form="8-K", filed=date(1999, 3, 5))
    assert [(s.kind, s.rule) for s in old] == [(SignalKind.BANKRUPTCY_FILING, "item.old_3")]
    # after the new numbering, "Item 3" is no item of an 8-K
    assert item_signals(parts, document="d", form="8-K", filed=date(2010, 3, 5)) == []
    # and only an 8-K declares items
    assert item_signals(parts, document="d", form="10-K", filed=date(1999, 3, 5)) == []


def test_header_items_are_read_from_item_information_lines() -> None:
    header = HEADER.format(item="Non-Reliance on Previously Issued Financial Statements")
    found = declared_items(header)
    assert [item for item, _, _ in found] == ["4.02"]
    start, end = found[0][1:]
    assert header[start:end].strip().startswith("ITEM INFORMATION:")
    assert "Non-Reliance" in header[start:end]


def test_director_elections_under_5_02_are_no_management_change() -> None:
    main = (
        "Item 5.02 Departure of Directors or Certain Officers; Election of Directors.\n\n"
        "On June 3, 2021, the Board elected Mary Sample as a director of the Company. "
        "Ms. Sample is the Chief Executive Officer of Ocean Freight Lines.\n"
    )
    filing = extract_bytes(main.encode(), name="made-up-502.htm")
    assert SignalKind.MANAGEMENT_CHANGE not in {s.kind for s in filing.signals if s.of_filer}


_HEADING_PIECES = ["item", "ITEM", "Item", "ıtem", " ", "\t", "\n", "\r\n", "1.03", "2.05", "3"]
_HEADING_PIECES += ["13", ".", ":", "x", "[X]", "Signatures", "SIGNATURE", "\u00a0", "é"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES), max_size=50))
def test_line_matches_are_the_regex_scan(pieces: list[str]) -> None:
    """Heading patterns tried at line starts find what ``finditer`` finds (the scan it
    replaced), for every heading pattern of the module."""
    text = "".join(pieces)
    for pattern in (items._HEADING, items._OLD_HEADING, items._ANY_HEADING):
        fast = [(m.span(), m.groupdict()) for m in items._line_matches(pattern, text)]
        assert fast == [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
