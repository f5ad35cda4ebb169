"""FiberCore's timeline from hand-written filings (seeds 001, 002 and 004).

Every number below is copied by hand from the seed named next to it; the tables are
"(Dollars in thousands)", so a printed 25,557 is 25,557,000 dollars. The builders here
are reused by ``test_features_fibercore.py``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from risk.financials import (
    Fact,
    FactKind,
    Filing,
    LineItem,
    Period,
    PeriodValues,
    Provenance,
    Signal,
    SignalKind,
    Source,
)
from risk.timelines import Timeline, timeline

K = 1000.0
D01 = date(2001, 12, 31)
D02 = date(2002, 12, 31)
Q102 = date(2002, 3, 31)
Q103 = date(2003, 3, 31)


def _pv(doc: str, end: date, months: int, values: dict[str, float]) -> PeriodValues:
    return PeriodValues(
        end=end,
        months=months,
        values={LineItem(k): v * K for k, v in values.items()},
        provenance={
            LineItem(k): Provenance(document=doc, source=Source.TABLE, label=k, scale=1000.0)
            for k in values
        },
    )


def _span(text: str, quote: str) -> tuple[int, int]:
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    match = re.search(pattern, text)
    assert match is not None, quote
    return match.start(), match.end()


def _signal(text: str, doc: str, kind: SignalKind, quote: str) -> Signal:
    return Signal(kind=kind, quote=quote, span=_span(text, quote), document=doc)


def _fact(text: str, doc: str, kind: FactKind, amount: float, quote: str) -> Fact:
    return Fact(kind=kind, amount=amount, quote=quote, span=_span(text, quote), document=doc)


# Balances, "SELECTED BALANCE SHEET DATA" (seed 002 for 2002 and 2001; seed 001 for
# 2003-03-31 and 2002-12-31). Accumulated deficit is negative; Long-term obligations are
# long_term_debt.
BAL_2001 = {
    "working_capital": -1319,
    "total_assets": 92983,
    "long_term_debt": 22475,
    "total_liabilities": 49491,
    "minority_interest": 5117,
    "retained_earnings": -19413,
    "stockholders_equity": 38375,
}
BAL_2002 = {
    "working_capital": -27352,
    "total_assets": 75603,
    "long_term_debt": 21700,
    "total_liabilities": 71126,
    "minority_interest": 15,
    "retained_earnings": -50490,
    "stockholders_equity": 4462,
}
BAL_Q103 = {
    "working_capital": -37147,
    "total_assets": 78450,
    "long_term_debt": 23892,
    "total_liabilities": 77504,
    "minority_interest": 43,
    "retained_earnings": -54495,
    "stockholders_equity": 903,
}


def filing_002(path: Path) -> Filing:
    """Seed 002: FiberCore reports 2002 results (May 19, 2003)."""
    doc = path.name
    text = path.read_text(encoding="utf-8")
    return Filing(
        source=doc,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        company="FiberCore, Inc.",
        form="EX-99.1",
        filed=date(2003, 5, 19),
        periods=[
            # Three Months Ended December 31, 2002 / 2001
            _pv(doc, D01, 3, {"revenue": 9247, "operating_income": -3777, "net_income": -3307}),
            _pv(doc, D02, 3, {"revenue": 5191, "operating_income": -14673, "net_income": -16738}),
            # Year Ended December 31, 2001
            _pv(
                doc,
                D01,
                12,
                {
                    "revenue": 52362,
                    "cost_of_sales": 36084,
                    "gross_profit": 16278,
                    "operating_income": 5397,
                    "interest_expense": 2028,  # Interest expense, net (2,028)
                    "pretax_income": 3853,
                    "net_income": 480,
                },
            ),
            # Year Ended December 31, 2002; interest = 3,109 net + 1,735 non-cash = 4,844;
            # impairments = goodwill 7,313 + patents 2,972 = 10,285
            _pv(
                doc,
                D02,
                12,
                {
                    "revenue": 25557,
                    "cost_of_sales": 25791,
                    "gross_profit": -234,
                    "impairments": 10285,
                    "operating_income": -22559,
                    "interest_expense": 4844,
                    "pretax_income": -31937,
                    "net_income": -31077,
                },
            ),
            _pv(doc, D01, 0, BAL_2001),
            _pv(doc, D02, 0, BAL_2002),
        ],
        facts=[
            _fact(
                text,
                doc,
                FactKind.FINANCING_NEED,
                5e6,
                "The Company must raise approximately $5 million in additional financing soon "
                "and/or restructure some of its obligations to address its liquidity crisis.",
            ),
            _fact(
                text,
                doc,
                FactKind.DEBT_UNDER_RENEGOTIATION,
                18e6,
                "The Company is also attempting to renegotiate the terms on approximately $18 "
                "million in short-term debts and notes payable.",
            ),
        ],
    )


def filing_001(path: Path) -> Filing:
    """Seed 001: FiberCore reports first quarter 2003 results (May 22, 2003)."""
    doc = path.name
    text = path.read_text(encoding="utf-8")
    sig = [
        (
            SignalKind.GOING_CONCERN_DOUBT,
            "The Company received an opinion from its auditors, Deloitte & Touche LLP, in its "
            "Annual Report that questioned the Company's ability to continue as a going concern "
            "and that situation remains unchanged.",
        ),
        (
            SignalKind.DELISTING_NOTICE,
            "The initial late filing resulted in the Company being notified on April 17 that it "
            "would be delisted from the Nasdaq SmallCap Market effective April 28, 2003 as "
            "further discussed in the Company's earlier release of April 23, 2003.",
        ),
        (
            SignalKind.LATE_FILING,
            "The Company filed its annual report on Form 10-K with the SEC late due to delays in "
            "finalizing the results from its foreign subsidiaries that also carried over to its "
            "first quarter filing as well.",
        ),
        (
            SignalKind.FINANCING_NEED,
            "The Company must raise approximately $5 million in additional financing soon "
            "and/or restructure some of its obligations to address its liquidity crisis.",
        ),
        (
            SignalKind.LIQUIDITY_CRISIS,
            "The Company must raise approximately $5 million in additional financing soon "
            "and/or restructure some of its obligations to address its liquidity crisis.",
        ),
        (
            SignalKind.DEBT_RESTRUCTURING,
            "The Company is also attempting to renegotiate the terms on approximately $18 "
            "million in short-term debt and notes payable.",
        ),
        (
            SignalKind.INVESTMENT_DELAYED,
            "The POVD technology, which is expected to lower costs further, has not yet been "
            "implemented due to delays in financing.",
        ),
    ]
    return Filing(
        source=doc,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        company="FiberCore, Inc.",
        form="EX-99.2",
        filed=date(2003, 5, 22),
        periods=[
            # Three Months Ended March 31, 2003 / 2002; interest "Interest expense, net
            # (1,317) / (1,085)"
            _pv(
                doc,
                Q102,
                3,
                {
                    "revenue": 7885,
                    "cost_of_sales": 8070,
                    "gross_profit": -185,
                    "operating_income": -3281,
                    "interest_expense": 1085,
                    "pretax_income": -4451,
                    "net_income": -4078,
                },
            ),
            _pv(
                doc,
                Q103,
                3,
                {
                    "revenue": 4609,
                    "cost_of_sales": 5457,
                    "gross_profit": -848,
                    "operating_income": -3072,
                    "interest_expense": 1317,
                    "pretax_income": -4051,
                    "net_income": -4005,
                },
            ),
            _pv(doc, D02, 0, BAL_2002),
            _pv(doc, Q103, 0, BAL_Q103),
        ],
        facts=[
            _fact(
                text,
                doc,
                FactKind.FINANCING_NEED,
                5e6,
                "The Company must raise approximately $5 million in additional financing soon "
                "and/or restructure some of its obligations to address its liquidity crisis.",
            ),
            _fact(
                text,
                doc,
                FactKind.DEBT_UNDER_RENEGOTIATION,
                18e6,
                "The Company is also attempting to renegotiate the terms on approximately $18 "
                "million in short-term debt and notes payable.",
            ),
        ],
        signals=[_signal(text, doc, kind, quote) for kind, quote in sig],
    )


def filing_004(path: Path) -> Filing:
    """Seed 004: FiberCore estimates $54 million in revenues for 2001 (Jan. 14, 2002)."""
    doc = path.name
    text = path.read_text(encoding="utf-8")
    quote = (
        "FiberCore, Inc. (Nasdaq: FBCE - news), a leading manufacturer and global supplier of "
        "optical fiber and preform for the telecommunication and data communications markets, "
        "today announced that it expects to report record revenues of approximately $54 "
        "million for 2001."
    )
    fact = _fact(text, doc, FactKind.REVENUE_ESTIMATE, 54e6, quote)
    fact = fact.model_copy(update={"period": Period(end=D01, months=12)})
    return Filing(
        source=doc,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        company="FiberCore, Inc.",
        form="EX-99.1",
        filed=date(2002, 1, 14),
        facts=[fact],
    )


def fibercore_filings(seed_paths: dict[str, Path]) -> list[Filing]:
    """The three hand-written filings, oldest first."""
    return [
        filing_004(seed_paths["004"]),
        filing_002(seed_paths["002"]),
        filing_001(seed_paths["001"]),
    ]


@pytest.fixture()
def fibercore(seed_paths: dict[str, Path]) -> Timeline:
    # given newest first: the merge must order by filing date, not by position
    return timeline(list(reversed(fibercore_filings(seed_paths))))


def test_merged_balances(fibercore: Timeline) -> None:
    for end, expected in ((D01, BAL_2001), (D02, BAL_2002), (Q103, BAL_Q103)):
        balances = fibercore.balances(end)
        assert balances is not None, end
        assert {k.value: v for k, v in balances.values.items()} == {
            k: v * K for k, v in expected.items()
        }
    # 2002-12-31 is in both releases; the Q1 2003 release (filed May 22) is the later one
    prov = fibercore.balances(D02).provenance[LineItem.TOTAL_ASSETS]  # type: ignore[union-attr]
    assert prov.document.startswith("001_")
    assert prov.filed == date(2003, 5, 22)
    assert not [w for w in fibercore.warnings if w.code == "conflict"]


def test_ttm_revenue_at_q1_2003(fibercore: Timeline) -> None:
    flows = fibercore.flows12(Q103)
    assert flows is not None
    # FY2002 25,557 + Q1 2003 4,609 - Q1 2002 7,885 = 22,281 thousand
    assert flows.values[LineItem.REVENUE] == pytest.approx(22281 * K)
    # net loss: -31,077 + (-4,005) - (-4,078) = -31,004
    assert flows.values[LineItem.NET_INCOME] == pytest.approx(-31004 * K)
    prov = flows.provenance[LineItem.REVENUE]
    assert prov.source is Source.DERIVED
    assert "12m to 2002-12-31" in (prov.note or "") and "3m to 2002-03-31" in (prov.note or "")
    # impairments exist only for FY2002: no TTM is made up for them
    assert LineItem.IMPAIRMENTS not in flows.values


def test_reported_revenue_beats_estimate(fibercore: Timeline) -> None:
    fy2001 = fibercore.flows12(D01)
    assert fy2001 is not None
    assert fy2001.values[LineItem.REVENUE] == 52362 * K  # seed 002, not the $54 million
    assert fy2001.provenance[LineItem.REVENUE].source is Source.TABLE
    superseded = [w for w in fibercore.warnings if w.code == "estimate_superseded"]
    assert len(superseded) == 1
    assert "52,362,000" in superseded[0].message and "54,000,000" in superseded[0].message


def test_as_of_uses_only_what_was_filed(seed_paths: dict[str, Path]) -> None:
    early = timeline(fibercore_filings(seed_paths), as_of=date(2002, 2, 1))
    # only seed 004 was public: 2001 revenue is the estimate, from prose
    assert [f.source[:3] for f in early.filings] == ["004"]
    value = early.value("revenue", D01)
    assert value is not None
    assert value[0] == 54e6
    assert value[1].source is Source.PROSE
    assert early.period(D01, 12).estimate  # type: ignore[union-attr]
    assert early.balances(D02) is None
    # between the two 2003 releases: no Q1 2003 figures, no going-concern signal yet
    mid = timeline(fibercore_filings(seed_paths), as_of=date(2003, 5, 20))
    assert mid.balances(Q103) is None
    assert mid.balances(D02).provenance[LineItem.TOTAL_ASSETS].document.startswith("002_")  # type: ignore[union-attr]
    assert not mid.signals


def test_conflict_is_recorded_with_both_sources() -> None:
    sha = "0" * 64

    def one(doc: str, filed: date, assets: float) -> Filing:
        return Filing(
            source=doc,
            sha256=sha,
            filed=filed,
            periods=[_pv(doc, D02, 0, {"total_assets": assets})],
        )

    tl = timeline(
        [one("later.txt", date(2003, 6, 1), 75603), one("first.txt", date(2003, 3, 1), 75000)]
    )
    assert tl.value("total_assets", D02) == (
        75603 * K,
        tl.balances(D02).provenance[LineItem.TOTAL_ASSETS],
    )  # type: ignore[union-attr]
    conflicts = [w for w in tl.warnings if w.code == "conflict"]
    assert len(conflicts) == 1
    assert "later.txt" in conflicts[0].message and "first.txt" in conflicts[0].message
    assert "75,603,000" in conflicts[0].message and "75,000,000" in conflicts[0].message
    # undated filings: order given decides (the later one wins)
    undated = timeline(
        [
            Filing(source="a", sha256=sha, periods=[_pv("a", D02, 0, {"total_assets": 1})]),
            Filing(source="b", sha256=sha, periods=[_pv("b", D02, 0, {"total_assets": 2})]),
        ]
    )
    assert undated.value("total_assets", D02)[0] == 2 * K  # type: ignore[index]


def test_quarter_only_is_never_annualised() -> None:
    filing = Filing(
        source="q.txt",
        sha256="1" * 64,
        periods=[
            _pv("q.txt", Q103, 3, {"revenue": 4609}),
            _pv("q.txt", Q103, 0, {"total_assets": 78450}),
        ],
    )
    tl = timeline([filing])
    assert tl.flows12(Q103) is None
    assert any(w.code == "no_ttm" for w in tl.warnings)
    frame = tl.to_frame()
    assert len(frame) == 1 and "revenue" not in frame.columns


def test_ttm_from_four_quarters() -> None:
    ends = [date(2002, 6, 30), date(2002, 9, 30), date(2002, 12, 31), date(2003, 3, 31)]
    filing = Filing(
        source="q.txt",
        sha256="1" * 64,
        periods=[
            _pv("q.txt", e, 3, {"revenue": r}) for e, r in zip(ends, (1, 2, 3, 4), strict=True)
        ],
    )
    flows = timeline([filing]).flows12(Q103)
    assert flows is not None and flows.values[LineItem.REVENUE] == 10 * K  # 1+2+3+4


def test_to_frame_is_the_structured_layout(fibercore: Timeline) -> None:
    frame = fibercore.to_frame()
    assert list(frame.columns[:3]) == ["entity", "period_end", "months"]
    assert list(frame["period_end"]) == [pd.Timestamp(D01), pd.Timestamp(D02), pd.Timestamp(Q103)]
    assert (frame["months"] == 12).all()
    assert frame["entity"].iloc[0] == "FiberCore, Inc."
    q = frame.iloc[2]
    assert q["revenue"] == pytest.approx(22281 * K)
    assert q["total_liabilities"] == 77504 * K
    assert frame["revenue"].iloc[0] == 52362 * K
    assert np.isnan(frame["impairments"].iloc[2])


def test_signals_and_facts_are_carried(fibercore: Timeline) -> None:
    kinds = {s.kind for s in fibercore.signals}
    assert SignalKind.GOING_CONCERN_DOUBT in kinds and SignalKind.DELISTING_NOTICE in kinds
    assert {f.kind for f in fibercore.facts} == {
        FactKind.FINANCING_NEED,
        FactKind.DEBT_UNDER_RENEGOTIATION,
        FactKind.REVENUE_ESTIMATE,
    }
    assert fibercore.entity == "FiberCore, Inc."
    assert [f.filed for f in fibercore.filings] == [
        date(2003, 5, 22),
        date(2003, 5, 19),
        date(2002, 1, 14),
    ]


def test_no_filings_is_an_input_error() -> None:
    from risk.exceptions import InputError

    with pytest.raises(InputError):
        timeline([])
