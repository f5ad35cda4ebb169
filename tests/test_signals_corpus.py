"""Distress signals on real filings of ../shared/corpus/docs, each answer checked by hand.

HTML documents are reduced to text here with lxml (no network, no entity loading),
independently of the package's own HTML reader.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import lxml.html
import pytest

import risk
from risk.financials import Signal, SignalKind, SignalState, Subject
from risk.signals import detect_signals

GC = SignalKind.GOING_CONCERN_DOUBT
DELIST = SignalKind.DELISTING_NOTICE
LATE = SignalKind.LATE_FILING
COVENANT = SignalKind.COVENANT_BREACH
DEBT = SignalKind.DEBT_RESTRUCTURING
FIN = SignalKind.FINANCING_NEED
LIQ = SignalKind.LIQUIDITY_CRISIS
RESTRUCT = SignalKind.RESTRUCTURING_CHARGES
BANKRUPT = SignalKind.BANKRUPTCY_FILING

#: Kinds that only a distressed filer carries.
DISTRESS = {GC, DELIST, LATE, COVENANT, DEBT, FIN, LIQ, BANKRUPT}


def html_text(path: Path) -> str:
    parser = lxml.html.HTMLParser(no_network=True, huge_tree=True, remove_comments=True)
    doc = lxml.html.document_fromstring(path.read_bytes(), parser=parser)
    return str(doc.text_content())


def signals_of(path: Path) -> list[Signal]:
    if path.suffix in (".htm", ".html"):
        return detect_signals(html_text(path), document=path.name)
    return risk.extract(path).signals


def by_kind(signals: list[Signal], kind: SignalKind) -> list[str]:
    """The quotes of the filer's own, asserted signals of ``kind``."""
    return [s.quote for s in signals if s.kind is kind and s.of_filer]


def test_aeon_carries_going_concern_doubt(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "aeon_10-Q_2023-09-30.htm")
    quotes = by_kind(signals, GC)
    # Note 1 "Liquidity and Going Concern": "management has concluded that there is
    # substantial doubt about the Company's ability to continue as a going concern"
    assert any(
        "management has concluded that there is substantial doubt about the Company" in q
        for q in quotes
    )
    # MD&A: "we do not have sufficient cash to fund our operations for 12 months ..."
    assert any("we do not have sufficient cash to fund our operations" in q for q in quotes)
    # "Delisting Event" is a term of the forward purchase agreement, not a notice
    assert DELIST not in {s.kind for s in signals}
    assert BANKRUPT not in {s.kind for s in signals}


def test_commonwealth_only_mentions_going_concern(corpus_dir: Path) -> None:
    path = corpus_dir / "commonwealth-income-growth-fund-v_10-K_2015-12-31.html"
    text = " ".join(html_text(path).split())
    # the trap is there: ASU 2014-15 quoted, and the going concern basis of reporting
    assert "there is substantial doubt about the entity’s ability to continue as a going" in text
    assert "report its financial statements on a going concern basis" in text
    kinds = {s.kind for s in detect_signals(html_text(path), document=path.name)}
    assert GC not in kinds
    assert not kinds & DISTRESS


def test_icsl_debt_restructuring_and_history(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "innovative-clinical-solutions_8-K_2000-05-23.txt")
    # Item 5: "recapitalize by restructuring its $100 million 6.75% convertible debentures"
    assert any("restructuring its $100 million" in q for q in by_kind(signals, DEBT))
    # The forbearance agreements are filed as EX-10 and EX-10.2: the text of an agreement
    # asserts no event (issue 19), and no other part of the filing speaks of a default.
    assert not by_kind(signals, COVENANT)
    assert not [s for s in signals if s.document_type in ("EX-10", "EX-10.2")]
    # EX-99: "since being delisted from the NASDAQ National Market on December 8, 1999",
    # five months before the filing of 2000-05-23: history, not a new notice
    assert not by_kind(signals, DELIST)
    old = [s for s in signals if s.kind is DELIST]
    assert old and "since being delisted from the NASDAQ" in old[0].quote
    assert old[0].state is SignalState.HISTORICAL
    assert old[0].event_date == date(1999, 12, 8)
    # the press release announces a prepackaged Chapter 11 plan the filer will seek:
    # intended, not filed
    assert not by_kind(signals, BANKRUPT)
    planned = [s for s in signals if s.kind is BANKRUPT]
    assert any("prepackaged plan of reorganization of ICSL" in s.quote for s in planned)
    assert {s.state for s in planned} == {SignalState.INTENDED}


def test_icsl_prepackaged_chapter_11_solicitation(corpus_dir: Path) -> None:
    # Item 5: the filer solicits consents for "a voluntary prepackaged plan of
    # reorganization of the Company and its subsidiaries under Chapter 11"
    signals = signals_of(corpus_dir / "innovative-clinical-solutions_8-K_2000-06-12.txt")
    # a solicitation for a plan not yet filed: intended, not a filing (issue 19)
    assert not by_kind(signals, BANKRUPT)
    planned = [s for s in signals if s.kind is BANKRUPT]
    assert planned and "prepackaged plan of reorganization of the Company" in planned[0].quote
    assert planned[0].state is SignalState.INTENDED
    assert planned[0].subject is Subject.FILER


def test_icsl_chapter_11_petition_and_confirmation(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "innovative-clinical-solutions_8-K_2000-08-28.txt")
    quotes = by_kind(signals, BANKRUPT)
    # Item 3: "it and its wholly owned subsidiaries ... had filed voluntary petitions for
    # protection under Chapter 11 of the United States Bankruptcy Code"
    assert "had filed voluntary petitions for protection under Chapter 11" in quotes[0]
    assert signals[0].document_type == "8-K"
    # the 8-K declares "Item 3. Bankruptcy or Receivership" (the numbering before 2004)
    items = [s for s in signals if s.rule == "item.old_3"]
    assert items and items[0].quote.startswith("Item 3. Bankruptcy or Receivership")
    assert items[0].of_filer


def test_icsl_1999_is_a_control(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "innovative-clinical-solutions_8-K_1999-07-31.txt")
    assert signals == []


def test_entrada_headcount_cut_but_no_financing_need(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "entrada-networks_8-K_2001-04-26.txt")
    # Item 5: "including an approximate 10% headcount reduction"
    assert any("10% headcount reduction" in q for q in by_kind(signals, RESTRUCT))
    # "raise additional capital" stands only in the forward-looking-statements paragraph
    assert {s.kind for s in signals if s.of_filer} == {RESTRUCT}


@pytest.mark.parametrize(
    "name",
    [
        "gencorp_10-K_2011-11-30.html",
        "apple_10-Q_2025-06-28.html",
        "buckle_8-K-ex99_2024-11-02.html",
        "gainsco_10-K_2009-12-31.html",
        "medicis_10-K_1999-06-30.html",
    ],
)
def test_healthy_or_stressed_without_distress_language(corpus_dir: Path, name: str) -> None:
    # gencorp: a shareholders' deficit but no going-concern language; gainsco mentions
    # Washington Mutual's receivership (an issuer of securities it held, not the filer);
    # its covenant sentences are risk factors ("could result in an event of default").
    kinds = {s.kind for s in signals_of(corpus_dir / name) if s.of_filer}
    assert not kinds & DISTRESS, kinds


def test_caterpillar_raw_submission_without_distress_language(corpus_dir: Path) -> None:
    path = corpus_dir / "caterpillar_8-K_2022-03-31.txt"
    text = path.read_text(encoding="utf-8", errors="replace")
    kinds = {s.kind for s in detect_signals(text, document=path.name) if s.of_filer}
    assert not kinds & DISTRESS, kinds


def test_spans_match_quotes_on_html_text(corpus_dir: Path) -> None:
    text = html_text(corpus_dir / "aeon_10-Q_2023-09-30.htm")
    for s in detect_signals(text, document="aeon"):
        assert " ".join(text[s.span[0] : s.span[1]].split()) == s.quote
