"""Context rules: a signal is asserted of the filer, not merely mentioned.

Every rule is tested both ways with sentences written for the test: one where the
text asserts the signal, one where it only mentions it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.financials import SignalKind
from risk.signals import detect_signals
from risk.signals._detect import _PARAGRAPH_BREAK, _last_break_end
from risk.signals._rules import load_rules

GC = SignalKind.GOING_CONCERN_DOUBT
DELIST = SignalKind.DELISTING_NOTICE
LATE = SignalKind.LATE_FILING
COVENANT = SignalKind.COVENANT_BREACH
DEBT = SignalKind.DEBT_RESTRUCTURING
FIN = SignalKind.FINANCING_NEED
LIQ = SignalKind.LIQUIDITY_CRISIS
WRITEDOWN = SignalKind.ASSET_WRITEDOWN
RESTRUCT = SignalKind.RESTRUCTURING_CHARGES
MGMT = SignalKind.MANAGEMENT_CHANGE
INVEST = SignalKind.INVESTMENT_DELAYED
BANKRUPT = SignalKind.BANKRUPTCY_FILING


def kinds(text: str, company: str | None = None) -> set[SignalKind]:
    """The kinds the text asserts of the filer (``Signal.of_filer``)."""
    return {s.kind for s in detect_signals(text, document="t", company=company) if s.of_filer}


# (kind, asserted sentence, the same matter only mentioned)
BOTH_WAYS = [
    # negation
    (
        GC,
        "There is substantial doubt about the Company's ability to continue as a going concern.",
        "There is no substantial doubt about the Company's ability to continue as a going concern.",
    ),
    (
        GC,
        "Management believes that there is substantial doubt about the Company's ability to "
        "continue as a going concern.",
        "Management does not believe that there is substantial doubt about the Company's "
        "ability to continue as a going concern.",
    ),
    (
        GC,
        "Management's plans have not alleviated the substantial doubt about the Company's "
        "ability to continue as a going concern.",
        "Management's plans have alleviated the substantial doubt about the Company's ability "
        "to continue as a going concern.",
    ),
    (
        GC,
        "Our auditors have included a going concern qualification in their report for 2002.",
        "Our auditors' report for 2002 does not contain a going concern qualification.",
    ),
    # a description of the accounting standard
    (
        GC,
        "Recurring losses raise substantial doubt about the Company's ability to continue as a "
        "going concern.",
        "ASU 2014-15 requires management to evaluate whether there is substantial doubt about "
        "an entity's ability to continue as a going concern.",
    ),
    # the going concern basis of accounting
    (
        GC,
        "The financial statements have been prepared on a going concern basis; however, "
        "recurring losses raise substantial doubt about the Company's ability to continue as a "
        "going concern.",
        "The financial statements have been prepared on a going concern basis, which assumes "
        "that the Company will continue as a going concern.",
    ),
    # risk-factor conditionals and modals
    (
        DELIST,
        "On March 3, 2023, we received a letter from Nasdaq notifying us that our common stock "
        "would be delisted from the Nasdaq Capital Market.",
        "If we fail to regain compliance with the minimum bid price requirement, we may be "
        "delisted from the Nasdaq Capital Market.",
    ),
    (
        DELIST,
        "The Company's common stock was delisted from the NYSE American on May 1, 2023.",
        "Our common stock could be delisted from the NYSE American.",
    ),
    (
        COVENANT,
        "The Company was not in compliance with the financial covenants of its credit agreement "
        "at December 31, 2002.",
        "A breach of the covenants of our credit agreement could result in an event of default.",
    ),
    (
        COVENANT,
        "The Company is in default under its senior credit facility.",
        "The Company is not in default under its senior credit facility.",
    ),
    (
        COVENANT,
        "On May 18, 2003 the Company entered into a forbearance agreement with its bank.",
        "The credit agreement contains customary events of default, including failure to comply "
        "with covenants.",
    ),
    (
        BANKRUPT,
        "On March 4, 2002, the Company filed a voluntary petition for relief under Chapter 11 of "
        "the United States Bankruptcy Code.",
        "We may be forced to seek protection under Chapter 11 of the Bankruptcy Code.",
    ),
    # forward-looking-statements paragraphs
    (
        FIN,
        "The Company must raise additional capital to fund its operations through 2004.",
        "Forward-looking statements in this release, such as the statement that the Company "
        "must raise additional capital, involve risks and uncertainties.",
    ),
    (
        FIN,
        "We will need additional financing to fund operations beyond June 2004.",
        "We do not need additional financing to fund operations through 2004.",
    ),
    # contract definitions
    (
        DELIST,
        "The Company's common stock was delisted from the NYSE American on May 1, 2023.",
        '"Delisting Event" means the delisting of the Common Stock from the NYSE American.',
    ),
    (
        DELIST,
        "The Company received a notice from the NYSE American that its shares will be delisted.",
        "The Settlement Amount would be settled in cash (other than a Delisting Event as defined "
        "in the agreement).",
    ),
    # other kinds, negated
    (
        LIQ,
        "The Company is experiencing a liquidity crisis.",
        "The Company does not face a liquidity crisis.",
    ),
    (
        DEBT,
        "The Company is negotiating with its lenders to restructure its bank debt.",
        "The Company has no plans to restructure its debt.",
    ),
    (
        RESTRUCT,
        "In April we reduced our workforce by 120 employees and recorded restructuring charges.",
        "We did not reduce our workforce.",
    ),
    (
        WRITEDOWN,
        "The Company wrote down $1.9 million of inventory in the fourth quarter.",
        "Write-down of Inventory                      ---              787",
    ),
    (
        INVEST,
        "Construction of the new plant has been delayed due to lack of financing.",
        "Construction of the new plant has been delayed due to bad weather.",
    ),
    (
        LATE,
        "The Company filed its Form 10-K late.",
        "A second suit was filed in late 2009.",
    ),
    (
        LATE,
        "The Company filed a Form 12b-25 notification of late filing for its annual report.",
        "The Company has timely filed all reports required by the Exchange Act.",
    ),
    (
        MGMT,
        "On June 2, 2003, Robert Lobban resigned as Chief Financial Officer of the Company.",
        "Robert Lobban has served as Chief Financial Officer of the Company since 1998.",
    ),
]


@pytest.mark.parametrize(("kind", "asserted", "mentioned"), BOTH_WAYS)
def test_both_ways(kind: SignalKind, asserted: str, mentioned: str) -> None:
    assert kind in kinds(asserted), asserted
    assert kind not in kinds(mentioned), mentioned


SAFE_HARBOR = (
    "Except for the historical matters discussed above, the statements in this press\n"
    'release are forward looking and are made pursuant to the "safe harbor"\n'
    "provisions of the Private Securities Litigation Reform Act of 1995. Actual results\n"
    "may differ materially as a result of the ability to obtain required financing and\n"
    "the need to raise additional capital to restructure our debt.\n"
)


def test_safe_harbor_paragraph_is_not_a_signal() -> None:
    assert kinds(SAFE_HARBOR) == set()
    # the same words as a plain statement of the filer
    plain = "The Company needs to raise additional capital to restructure its debt.\n"
    assert {FIN, DEBT} <= kinds(plain)
    # after the safe-harbor paragraph, a new paragraph counts again
    assert {FIN, DEBT} <= kinds(SAFE_HARBOR + "\n" + plain)


def test_another_companys_bankruptcy() -> None:
    customer = "One of our largest customers filed for Chapter 11 bankruptcy protection in 2002."
    subsidiary = "Our subsidiary, FiberCore Jena AG, filed for insolvency in Germany."
    bank = "Washington Mutual Savings was placed into receivership in September 2008."
    for text in (customer, subsidiary, bank):
        assert BANKRUPT not in kinds(text, company="FiberCore, Inc."), text
    own = "The Company filed for Chapter 11 bankruptcy protection on May 1, 2003."
    assert BANKRUPT in kinds(own, company="FiberCore, Inc.")


def test_company_name_makes_the_filer_the_subject() -> None:
    text = (
        "Acme Widgets filed a voluntary petition for relief under Chapter 11 of the "
        "Bankruptcy Code on May 1, 2003."
    )
    assert BANKRUPT in kinds(text, company="ACME WIDGETS INC")
    assert BANKRUPT not in kinds(text, company="Other Corp")
    assert BANKRUPT not in kinds(text)  # nobody says it is the filer
    customer = (
        "Acme Widgets, our largest customer, filed a voluntary petition for relief under "
        "Chapter 11 of the Bankruptcy Code."
    )
    assert BANKRUPT not in kinds(customer, company="FiberCore, Inc.")


def test_interim_officer_in_contact_block_and_biography() -> None:
    contacts = (
        "CONTACTS:\n\n"
        "AT THE COMPANY:                           AT THE AGENCY:\n"
        "Dr. Jane Q. Doe, President/CEO            John Smith - General Info.\n"
        "Peter Roe, Acting Chief Financial Officer   212/445-8432\n"
    )
    signals = detect_signals(contacts, document="t")
    assert [s.quote for s in signals] == ["Peter Roe, Acting Chief Financial Officer"]
    assert signals[0].kind is MGMT
    permanent = contacts.replace("Acting Chief", "Chief")
    assert kinds(permanent) == set()
    biography = (
        "Kathleen Roe  Vice President, Controller and Acting Chief Financial Officer "
        "September 2008 - January 2009; Vice President, Finance 2006 - 2008."
    )
    assert MGMT not in kinds(biography)


def test_sentence_split_keeps_abbreviations_and_glued_html() -> None:
    text = (
        "Dr. A. Smith of Acme Corp. said the U.S. unit is fine. The Company must raise "
        "approximately $5 million in additional financing.The auditors questioned the "
        "Company's ability to continue as a going concern."
    )
    signals = detect_signals(text, document="t")
    quotes = {s.kind: s.quote for s in signals}
    assert quotes[FIN] == (
        "The Company must raise approximately $5 million in additional financing."
    )
    assert quotes[GC] == (
        "The auditors questioned the Company's ability to continue as a going concern."
    )


def test_rules_are_data() -> None:
    rules = load_rules("en")
    assert {r.kind for r in rules.rules} == set(SignalKind)
    assert len({r.id for r in rules.rules}) == len(rules.rules)
    with pytest.raises(ValueError, match="no rules for language"):
        load_rules("xx")


def test_bounded_time_on_pathological_text() -> None:
    # many keywords with no sentence end: the work stays bounded (no exception, few signals)
    text = ("substantial doubt restructuring liquidity default " * 20000) + "."
    signals = detect_signals(text, document="t")
    assert len(signals) <= 3 * len(SignalKind)


PHRASINGS = [
    (
        DELIST,
        "On April 17, 2003, the Company received a Nasdaq Staff Determination indicating "
        "that the Company fails to comply with the filing requirements for continued listing.",
    ),
    (
        DELIST,
        "The Company was notified by the American Stock Exchange that its shares will be delisted.",
    ),
    (LATE, "The Company filed a Form 12b-25 with respect to its quarterly report."),
    (COVENANT, "An event of default has occurred under the Company's revolving credit agreement."),
    (
        COVENANT,
        "The Company obtained a waiver from its lenders of the covenant violations as of "
        "December 31, 2002.",
    ),
    (
        COVENANT,
        "The Company is not in compliance with certain financial covenants under its loan "
        "agreement.",
    ),
    (BANKRUPT, "On May 5, 2003, the Company filed for Chapter 11 bankruptcy protection."),
    (
        WRITEDOWN,
        "During the fourth quarter the Company recorded a write-off of goodwill of $3.2 million.",
    ),
    (WRITEDOWN, "The Company recorded a write-down of inventory of $1.9 million."),
    (RESTRUCT, "Restructuring costs of $2.1 million were recorded in the quarter."),
    (RESTRUCT, "The plant closure in Germany was completed in June."),
    (RESTRUCT, "The workforce reduction affected 85 employees."),
    (FIN, "The Company needs additional financing to continue operations."),
    (LIQ, "The Company faces a liquidity crisis."),
    (INVEST, "Expansion of the plant has been postponed due to delays in financing."),
    (DEBT, "The Company intends to renegotiate the terms of its bank loans."),
    (DEBT, "We are working to restructure our debt obligations."),
    (
        MGMT,
        "Mary Smith was appointed Acting Chief Financial Officer after the resignation of the "
        "Chief Financial Officer.",
    ),
    (
        GC,
        "These conditions raise substantial doubt about our ability to continue as a going "
        "concern.",
    ),
    (
        GC,
        "Our independent auditors have included an explanatory paragraph in their report "
        "regarding our ability to continue as a going concern.",
    ),
]


@pytest.mark.parametrize(("kind", "sentence"), PHRASINGS)
def test_the_many_ways_filings_say_it(kind: SignalKind, sentence: str) -> None:
    signals = detect_signals(sentence, document="t")
    assert [s.kind for s in signals] == [kind]
    assert signals[0].quote == sentence
    assert signals[0].span == (0, len(sentence))


# -- the paragraph before a sentence, found from its end ----------------------------


def _last_break_plain(text: str) -> int | None:
    last = None
    for m in _PARAGRAPH_BREAK.finditer(text):
        last = m.end()
    return last


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("a\n\nb", 3),
        ("a\n\n\nb", 3),  # the regex pairs the first two newlines of a run
        ("a\n \t\n\n\nb", 7),  # four newlines: two pairs
        ("a\nb\nc", None),
        ("\n\n", 2),
        ("", None),
    ],
)
def test_last_paragraph_break_by_hand(text: str, end: int | None) -> None:
    assert _last_break_end(text) == end == _last_break_plain(text)


@given(st.text(alphabet="\n \tx\r", max_size=30))
@settings(max_examples=500, deadline=None)
def test_last_paragraph_break_as_the_regex_finds_it(text: str) -> None:
    assert _last_break_end(text) == _last_break_plain(text)
