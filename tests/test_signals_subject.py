"""Whose event, and when (issue 19): sentence pairs written for these tests.

Each pair says the same event twice: once of the filer, asserted and current (it must
count: ``Signal.of_filer``), once of someone else, negated, hypothetical, contractual,
intended or historical (it must not count, and where it is kept as context its subject
or state says why).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.financials import Signal, SignalKind, SignalState, Subject
from risk.signals import detect_signals
from risk.signals._anchors import may_match
from risk.signals._rules import load_rules
from risk.signals._subject import _DATE, _NAME, _as_date, _dates, _sentence_dates, event_date

BANKRUPT = SignalKind.BANKRUPTCY_FILING
GC = SignalKind.GOING_CONCERN_DOUBT
COVENANT = SignalKind.COVENANT_BREACH
DELIST = SignalKind.DELISTING_NOTICE
MGMT = SignalKind.MANAGEMENT_CHANGE
RESTATE = SignalKind.RESTATEMENT

COMPANY = "Harbor Lights Fabrication, Inc."


def signals(
    text: str, *, filed: date | None = None, document_type: str | None = None
) -> list[Signal]:
    return detect_signals(
        text, document="t", company=COMPANY, filed=filed, document_type=document_type
    )


def counted(text: str, **kw: object) -> set[SignalKind]:
    """The kinds the text asserts of the filer, current."""
    return {s.kind for s in signals(text, **kw) if s.of_filer}  # type: ignore[arg-type]


def only(text: str, kind: SignalKind, **kw: object) -> Signal:
    found = [s for s in signals(text, **kw) if s.kind is kind]  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


# (kind, the filer's own event, the same event of another entity)
OWN_OR_OTHER = [
    (
        BANKRUPT,
        "On March 3, 2021, the Company filed a voluntary petition under Chapter 11 of the "
        "Bankruptcy Code.",
        "On March 3, 2021, one of the Company's largest customers, a regional airline, filed a "
        "voluntary petition under Chapter 11 of the Bankruptcy Code.",
    ),
    (
        BANKRUPT,
        "We filed for Chapter 11 protection in the District of Delaware last week.",
        "Our hosting provider, Northwind Compute, filed for Chapter 11 protection last week.",
    ),
    (
        BANKRUPT,
        "Harbor Lights filed a voluntary petition for relief under Chapter 11 of the "
        "Bankruptcy Code.",
        "Bluefin Metals filed a voluntary petition for relief under Chapter 11 of the "
        "Bankruptcy Code, and its plan leaves our receivable unpaid.",
    ),
    (
        BANKRUPT,
        "The Company and certain of its subsidiaries filed voluntary petitions for relief "
        "under Chapter 11 of the Bankruptcy Code.",
        "Two of our subsidiaries filed voluntary petitions for relief under Chapter 11 of the "
        "Bankruptcy Code.",
    ),
    (
        GC,
        "Our auditors stated that there is substantial doubt about our ability to continue "
        "as a going concern.",
        "Granite Rail stated that there was substantial doubt about its ability to continue "
        "as a going concern.",
    ),
    (
        DELIST,
        "The Company received a letter from Nasdaq stating that its common stock would be "
        "delisted.",
        "A key supplier received a letter from Nasdaq stating that its common stock would be "
        "delisted.",
    ),
    (
        COVENANT,
        "We were not in compliance with the leverage covenant of our credit agreement at June 30.",
        "Our largest tenant was not in compliance with the leverage covenant of its credit "
        "agreement at June 30.",
    ),
]


@pytest.mark.parametrize(("kind", "own", "other"), OWN_OR_OTHER)
def test_own_event_or_someone_elses(kind: SignalKind, own: str, other: str) -> None:
    assert kind in counted(own), own
    assert kind not in counted(other), other


def test_another_entity_is_kept_as_context_with_its_name() -> None:
    s = only(
        "Our hosting provider, Northwind Compute, filed for Chapter 11 protection last week.",
        BANKRUPT,
    )
    assert s.subject is Subject.OTHER
    s = only("Granite Rail filed for Chapter 11 protection in May.", BANKRUPT)
    assert s.subject is Subject.OTHER and s.subject_name == "Granite Rail"


def test_a_subsidiary_is_a_separate_weaker_signal_naming_it() -> None:
    s = only(
        "Our subsidiary, Harbor Lights Europe GmbH, filed for insolvency in Germany.",
        BANKRUPT,
    )
    assert s.subject is Subject.SUBSIDIARY
    assert s.subject_name == "Harbor Lights Europe GmbH"
    assert not s.of_filer


# (kind, asserted, the same words negated / hypothetical / defined)
NOT_ASSERTED = [
    (
        COVENANT,
        "At year end we were in breach of the minimum liquidity covenant of our term loan.",
        "At year end we were in full compliance with each of the covenants of our term loan.",
    ),
    (
        COVENANT,
        "At year end we were in breach of the minimum liquidity covenant of our term loan.",
        "A breach of the covenants of our term loan can result in an event of default.",
    ),
    (
        COVENANT,
        "An event of default has occurred under our revolving credit facility.",
        "We indemnify our customers against losses arising from a breach of our covenants.",
    ),
    (
        COVENANT,
        "An event of default has occurred under our revolving credit facility.",
        "So long as no event of default has occurred, we may prepay the loans.",
    ),
    (
        GC,
        "There is substantial doubt about the Company's ability to continue as a going concern.",
        "If we cannot raise money, there may be substantial doubt about the Company's ability "
        "to continue as a going concern.",
    ),
    (
        SignalKind.RESTRUCTURING_CHARGES,
        "The Company recorded restructuring charges of $4 million for the closing of two plants.",
        "Adjusted operating income excludes restructuring charges and other items.",
    ),
    (
        RESTATE,
        "The Audit Committee concluded that the financial statements for 2022 should no longer "
        "be relied upon.",
        "Adjusted earnings should not be relied upon as a substitute for net income.",
    ),
]


@pytest.mark.parametrize(("kind", "asserted", "not_asserted"), NOT_ASSERTED)
def test_asserted_or_not(kind: SignalKind, asserted: str, not_asserted: str) -> None:
    assert kind in counted(asserted), asserted
    assert kind not in counted(not_asserted), not_asserted


def test_agreements_filed_as_exhibits_assert_nothing() -> None:
    lease = (
        "The Tenant's failure to pay rent is a breach of covenant. An event of default has "
        "occurred if rent is unpaid for ten days."
    )
    statement = "An event of default has occurred under our revolving credit facility."
    assert COVENANT in counted(statement, document_type="EX-99.1")
    assert signals(statement, document_type="EX-10.4") == []
    assert signals(statement, document_type="EX-4") == []
    # an agreement filed under another type reads as one
    agreement = (
        'THIS LOAN AGREEMENT (this "Agreement") is made and entered into as of May 1, 2020 '
        "between the Company and the Lender.\n\n" + statement
    )
    assert signals(agreement, document_type="EX-99.2") == []
    assert signals(lease + "\n\nIN WITNESS WHEREOF, the parties have signed.") == []


def test_intended_is_not_done() -> None:
    intended = only(
        "The Company intends to file a prepackaged plan of reorganization under Chapter 11 "
        "next month.",
        BANKRUPT,
    )
    assert intended.state is SignalState.INTENDED and not intended.of_filer
    soliciting = only(
        "We are soliciting votes of our noteholders on a prepackaged plan of reorganization "
        "under Chapter 11.",
        BANKRUPT,
    )
    assert soliciting.state is SignalState.INTENDED
    done = only(
        "On May 2, 2022, the Company filed voluntary petitions for relief under Chapter 11 of "
        "the Bankruptcy Code.",
        BANKRUPT,
        filed=date(2022, 5, 9),
    )
    assert done.state is SignalState.ASSERTED and done.of_filer
    assert done.event_date == date(2022, 5, 2)


def test_history_is_reported_as_such() -> None:
    text = (
        "Our shares have traded over the counter since being delisted from the New York "
        "Stock Exchange on June 30, 2016."
    )
    old = only(text, DELIST, filed=date(2017, 3, 1))
    assert old.state is SignalState.HISTORICAL and old.event_date == date(2016, 6, 30)
    recent = only(text, DELIST, filed=date(2016, 8, 1))
    assert recent.state is SignalState.ASSERTED and recent.of_filer
    # without a filing date nothing is history
    assert only(text, DELIST).state is SignalState.ASSERTED
    emerged = only("We emerged from Chapter 11 in 2012.", BANKRUPT)
    assert emerged.state is SignalState.HISTORICAL


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe will resign as Chief Financial Officer of the Company effective June 1.",
        "John Doe will retire from his position as Executive Vice President and Chief "
        "Financial Officer on March 31.",
        "John Doe terminated employment with the Company on May 5 and no longer is the "
        "Company's Chief Executive Officer.",
        "Jane Roe will relinquish the duties of Chief Financial Officer to her successor.",
        "The Board appointed John Doe to serve as interim Chief Executive Officer.",
    ],
)
def test_officer_departures_in_plain_words(text: str) -> None:
    assert MGMT in counted(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The Board elected Jane Roe as a director of the Company.",
        "Jane Roe previously served as interim Chief Financial Officer of Ocean Paper Co.",
        "If the Chief Executive Officer resigns, the options vest at once.",
    ],
)
def test_no_departure(text: str) -> None:
    assert MGMT not in counted(text), text


@pytest.mark.parametrize(
    "text",
    [
        "On May 4, the Company's common stock closed below the $1.00 minimum bid price "
        "required for continued listing for 30 consecutive business days.",
        "Nasdaq notified us that the Company has not maintained a minimum market value of "
        "publicly held shares of $5 million.",
    ],
)
def test_nasdaq_notices_in_plain_words(text: str) -> None:
    assert DELIST in counted(text), text


def test_hypothetical_delisting_is_no_notice() -> None:
    text = "If our common stock were delisted by Nasdaq, the notes would become payable."
    assert DELIST not in counted(text)


# -- the fast forms of the subject's regexes find what the plain forms find -----------


@given(st.text(alphabet="AaBb&.'’ \t-,Of", max_size=30))
@settings(max_examples=400, deadline=None)
def test_capitalised_names_as_with_the_lookbehind_first(text: str) -> None:
    plain = re.compile(
        r"(?<![\w&.’'])(?:[A-Z][\w&.’'\-]*)(?:[ \t]+(?:&[ \t]+)?(?:[A-Z][\w&.’'\-]*|of|and|de))*"
    )
    assert [m.span() for m in _NAME.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_required_word_absent_skips_the_regex() -> None:
    rules = load_rules("en").subject
    assert not may_match(rules.other, "the company filed for bankruptcy")
    assert may_match(rules.other, "its largest customer filed for bankruptcy")
    assert rules.other.search("its largest customer filed for bankruptcy")


def test_dates_are_found_once_per_sentence() -> None:
    rules = load_rules("en").subject
    low = "the company was delisted on december 8, 1999 and filed in may 2000."
    cache: dict[tuple[int, int, date | None], list[tuple[int, int, date]]] = {}
    sentence = (0, len(low))
    first = event_date(low, low, sentence, (16, 24), date(2000, 6, 1), rules, cache=cache)
    assert first == date(1999, 12, 8)  # nearest the match "delisted"
    assert list(cache) == [(0, len(low), date(2000, 6, 1))]
    # a second match in the sentence reads the dates kept: nearest "filed" is May 2000
    second = event_date(low, low, sentence, (49, 54), date(2000, 6, 1), rules, cache=cache)
    assert second == date(2000, 5, 31)
    assert second == event_date(low, low, sentence, (49, 54), date(2000, 6, 1), rules)


def _dates_plain(low: str, filed: date | None) -> list[tuple[int, int, date]]:
    """The dates of a sentence as read before the digit test: every match of the date
    regex after a lead word, read as a date where it gives one."""
    rules = load_rules("en").subject
    found = []
    for m in _DATE.finditer(low):
        if rules.date_lead.search(low[max(0, m.start() - 20) : m.start()]):
            when = _as_date(m, filed)
            if when is not None:
                found.append((m.start(), m.end(), when))
    return found


_DATE_WORDS = (
    "on in since during as of dated effective about december dec. sept may june 8 8th 31 "
    "1999 2000 2021 19 20 ٣ , . the filed delisted"
)


@given(
    st.lists(st.sampled_from(_DATE_WORDS.split()), max_size=14),
    st.sampled_from([None, date(2000, 6, 1), date(2021, 1, 15)]),
)
@settings(max_examples=400, deadline=None)
def test_a_sentence_without_a_digit_gives_no_date_as_before(
    words: list[str], filed: date | None
) -> None:
    low = " ".join(words)
    rules = load_rules("en").subject
    got = _sentence_dates(low, (0, len(low)), filed, rules, None)
    assert got == _dates_plain(low, filed)
    if not any(c.isdigit() for c in low):
        assert got == []


def test_a_day_without_a_year_needs_the_filing_date() -> None:
    rules = load_rules("en").subject
    low = "the company was delisted on december 8 and filed in may"
    assert _sentence_dates(low, (0, len(low)), None, rules, None) == []
    # the filing's year, and the month alone ("in may") gives nothing without a year
    got = _sentence_dates(low, (0, len(low)), date(2000, 12, 20), rules, None)
    # "december 8 " from offset 28: the regex takes the space after the day (",? ?")
    assert got == [(28, 39, date(2000, 12, 8))]


_DATE_TEXT = (
    "jan january feb. march mar may june jun july jul aug august sep sept. september oct "
    "october nov november dec december xjan _may 8 8th 31, 19 20 1999 2000 2021 1920 20199 "
    "a1999 on in since , . - ’"
)


@given(st.lists(st.sampled_from(_DATE_TEXT.split()), max_size=16), st.sampled_from(["", " ", "-"]))
@settings(max_examples=500, deadline=None)
def test_dates_tried_at_their_possible_starts_as_finditer_finds_them(
    words: list[str], glue: str
) -> None:
    low = glue.join(words) if glue else " ".join(words).replace(" x", "x")
    for start in (0, 3):
        want = [m.span() for m in _DATE.finditer(low, start, len(low))]
        assert [m.span() for m in _dates(low, start, len(low))] == want
