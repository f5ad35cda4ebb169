"""The signal adjustment is bounded and counts only the filer's own events (issue 19)."""

from __future__ import annotations

import pytest

from risk.financials import (
    Filing,
    Signal,
    SignalKind,
    SignalState,
    Subject,
    read_table,
    table_to_filings,
)
from risk.model import SIGNAL_CAP, SIGNAL_RATIOS, adjust_for_signals, bankruptcy_evidence
from risk.report import ReportStatus, score

GC = SignalKind.GOING_CONCERN_DOUBT
BANKRUPT = SignalKind.BANKRUPTCY_FILING


def _signal(
    kind: SignalKind,
    quote: str,
    subject: Subject = Subject.FILER,
    state: SignalState = SignalState.ASSERTED,
) -> Signal:
    return Signal(
        kind=kind,
        quote=quote,
        span=(0, len(quote)),
        document="made-up.txt",
        subject=subject,
        state=state,
    )


def _odds(p: float) -> float:
    return p / (1 - p)


def test_only_the_filers_asserted_signals_move_the_probability() -> None:
    others = [
        _signal(BANKRUPT, "A customer filed for Chapter 11.", Subject.OTHER),
        _signal(GC, "Our subsidiary doubts it can go on.", Subject.SUBSIDIARY),
        _signal(GC, "Doubt was resolved years ago.", state=SignalState.HISTORICAL),
        _signal(SignalKind.COVENANT_BREACH, "We expect a waiver.", state=SignalState.INTENDED),
    ]
    adj = adjust_for_signals(0.002, others)
    assert adj.adjusted == 0.002 and adj.factors == ()
    own = adjust_for_signals(0.002, [*others, _signal(GC, "There is substantial doubt.")])
    assert [f.kind for f in own.factors] == ["going_concern_doubt"]
    assert _odds(own.adjusted) == pytest.approx(
        _odds(0.002) * SIGNAL_RATIOS["going_concern_doubt"].ratio
    )


def test_the_filers_bankruptcy_is_a_status_not_a_factor() -> None:
    petition = _signal(BANKRUPT, "We filed voluntary petitions under Chapter 11.")
    adj = adjust_for_signals(0.01, [petition])
    assert adj.adjusted == 0.01 and adj.factors == ()
    assert bankruptcy_evidence([petition]) == [petition]
    assert bankruptcy_evidence([_signal(BANKRUPT, "A customer filed.", Subject.OTHER)]) == []
    # announced, not done: a factor of its own, below the cap
    planned = _signal(BANKRUPT, "We will seek a prepackaged plan.", state=SignalState.INTENDED)
    adj = adjust_for_signals(0.01, [planned])
    assert [(f.kind, f.state) for f in adj.factors] == [("bankruptcy_filing", "intended")]
    assert 1.0 < adj.factors[0].ratio <= SIGNAL_CAP
    assert bankruptcy_evidence([planned]) == []
    # once the petition is filed, the plan it carries is no further factor
    assert adjust_for_signals(0.01, [planned, petition]).factors == ()


@pytest.mark.parametrize("p", [0.001, 0.02, 0.3])
def test_no_set_of_sentences_moves_the_odds_past_the_cap(p: float) -> None:
    every_kind = [_signal(k, f"We state {k.value}.") for k in SignalKind]
    adj = adjust_for_signals(p, every_kind)
    assert _odds(adj.adjusted) == pytest.approx(_odds(p) * SIGNAL_CAP)
    assert adj.factors[-1].kind == "signal_cap" and adj.factors[-1].ratio < 1.0
    product = 1.0
    for f in adj.factors:
        product *= f.ratio
    assert product == pytest.approx(SIGNAL_CAP)


def _healthy() -> list[Filing]:
    """A made-up company with comfortable ratios (its table written for this test)."""
    rows = [
        {
            "entity": "Calm Harbor Co",
            "period_end": f"{year}-12-31",
            "months": 12,
            "total_assets": 100e6,
            "current_assets": 60e6,
            "current_liabilities": 20e6,
            "total_liabilities": 30e6,
            "stockholders_equity": 70e6,
            "retained_earnings": 40e6,
            "revenue": 120e6,
            "operating_income": 15e6,
            "net_income": 10e6,
        }
        for year in (2021, 2022)
    ]
    return table_to_filings(read_table(rows))


def _with(filings: list[Filing], *signals: Signal) -> list[Filing]:
    last = filings[-1]
    return [*filings[:-1], last.model_copy(update={"signals": [*last.signals, *signals]})]


def test_report_another_entitys_event_changes_nothing_and_is_shown() -> None:
    base = score(_healthy())
    assert base.status is ReportStatus.SCORED and base.probability is not None
    customer = _signal(BANKRUPT, "Our largest customer filed for Chapter 11 in May.", Subject.OTHER)
    report = score(_with(_healthy(), customer))
    assert report.probability == base.probability and report.adjustments == []
    assert report.status is ReportStatus.SCORED
    shown = [s for s in report.signals if s.kind == "bankruptcy_filing"]
    assert shown and shown[0].subject == "other" and not shown[0].of_filer
    assert "(other)" in report.to_markdown()


def test_report_own_petition_gives_the_in_bankruptcy_status() -> None:
    petition = _signal(BANKRUPT, "On May 2 we filed voluntary petitions under Chapter 11.")
    report = score(_with(_healthy(), petition))
    assert report.status is ReportStatus.IN_BANKRUPTCY
    assert [s.quote for s in report.status_evidence] == [petition.quote]
    # no 1,000-fold factor: the model's figure stays as the reference
    assert report.probability == report.model_probability
    assert "In bankruptcy" in report.to_markdown()
    assert "In bankruptcy" in report.to_html()


def test_report_factor_quotes_its_sentence() -> None:
    doubt = _signal(GC, "There is substantial doubt about our ability to continue.")
    report = score(_with(_healthy(), doubt))
    assert [a.signal for a in report.adjustments] == ["going_concern_doubt"]
    assert report.adjustments[0].evidence[0].text == doubt.quote
    assert report.adjustments[0].source
