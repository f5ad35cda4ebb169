"""Distress signals on real filings of ../shared/corpus/docs, each answer checked by hand.

HTML documents are reduced to text here with lxml (no network, no entity loading),
independently of the package's own HTML reader.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

import risk
from risk.financials import Signal, SignalKind
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
    return [s.quote for s in signals if s.kind is kind]


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


def test_icsl_forbearance_debt_restructuring_and_delisting(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "innovative-clinical-solutions_8-K_2000-05-23.txt")
    # Item 5: "recapitalize by restructuring its $100 million 6.75% convertible debentures"
    assert any("restructuring its $100 million" in q for q in by_kind(signals, DEBT))
    # EX-10 recital: "entered into that certain Forbearance, Lock-Up and Voting Agreement"
    assert any("Forbearance, Lock-Up and Voting Agreement" in q for q in by_kind(signals, COVENANT))
    # EX-99: "since being delisted from the NASDAQ National Market on December 8, 1999"
    assert any("since being delisted from the NASDAQ" in q for q in by_kind(signals, DELIST))
    # the press release announces a prepackaged Chapter 11 plan of the filer itself
    assert any(
        "prepackaged plan of reorganization of ICSL" in q for q in by_kind(signals, BANKRUPT)
    )


def test_icsl_prepackaged_chapter_11_solicitation(corpus_dir: Path) -> None:
    # Item 5: the filer solicits consents for "a voluntary prepackaged plan of
    # reorganization of the Company and its subsidiaries under Chapter 11"
    signals = signals_of(corpus_dir / "innovative-clinical-solutions_8-K_2000-06-12.txt")
    quotes = by_kind(signals, BANKRUPT)
    assert quotes and "prepackaged plan of reorganization of the Company" in quotes[0]


def test_icsl_chapter_11_petition_and_confirmation(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "innovative-clinical-solutions_8-K_2000-08-28.txt")
    quotes = by_kind(signals, BANKRUPT)
    # Item 3: "it and its wholly owned subsidiaries ... had filed voluntary petitions for
    # protection under Chapter 11 of the United States Bankruptcy Code"
    assert "had filed voluntary petitions for protection under Chapter 11" in quotes[0]
    assert signals[0].document_type == "8-K"


def test_icsl_1999_is_a_control(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "innovative-clinical-solutions_8-K_1999-07-31.txt")
    assert signals == []


def test_entrada_headcount_cut_but_no_financing_need(corpus_dir: Path) -> None:
    signals = signals_of(corpus_dir / "entrada-networks_8-K_2001-04-26.txt")
    # Item 5: "including an approximate 10% headcount reduction"
    assert any("10% headcount reduction" in q for q in by_kind(signals, RESTRUCT))
    # "raise additional capital" stands only in the forward-looking-statements paragraph
    assert {s.kind for s in signals} == {RESTRUCT}


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
    kinds = {s.kind for s in signals_of(corpus_dir / name)}
    assert not kinds & DISTRESS, kinds


def test_caterpillar_raw_submission_without_distress_language(corpus_dir: Path) -> None:
    path = corpus_dir / "caterpillar_8-K_2022-03-31.txt"
    text = path.read_text(encoding="utf-8", errors="replace")
    kinds = {s.kind for s in detect_signals(text, document=path.name)}
    assert not kinds & DISTRESS, kinds


def test_spans_match_quotes_on_html_text(corpus_dir: Path) -> None:
    text = html_text(corpus_dir / "aeon_10-Q_2023-09-30.htm")
    for s in detect_signals(text, document="aeon"):
        assert " ".join(text[s.span[0] : s.span[1]].split()) == s.quote
