"""End to end: the FiberCore seeds through ``risk.extract``, the timeline and ``assess``.

Expected values are read from the seeds by hand (tables "(Dollars in thousands)"):
seed 002 is the FY2002 release (balances at 2002-12-31 and 2001-12-31), seed 001 the
Q1 2003 release (balances at 2003-03-31 and 2002-12-31), seed 004 the January 2002
revenue estimate, seed 003 the June 2003 release that names an interim CFO.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import risk
from risk.features import FeatureSet, IndicatorId, IndicatorStatus, assess
from risk.financials import LineItem
from risk.timelines import Timeline, timeline

K = 1000.0


@pytest.fixture(scope="module")
def seeds_timeline(seed_paths: dict[str, Path]) -> Timeline:
    filings = [risk.extract(seed_paths[k]) for k in ("004", "002", "001", "003")]
    return timeline(filings)


@pytest.fixture(scope="module")
def seeds_features(seeds_timeline: Timeline) -> FeatureSet:
    return assess(seeds_timeline)


@pytest.mark.parametrize(
    ("end", "assets", "liabilities", "equity", "working_capital", "deficit"),
    [
        # seed 002 "SELECTED BALANCE SHEET DATA", December 31, 2001 column
        (date(2001, 12, 31), 92983, 49491, 38375, -1319, -19413),
        # seeds 002 and 001, December 31, 2002
        (date(2002, 12, 31), 75603, 71126, 4462, -27352, -50490),
        # seed 001, March 31, 2003 ("Accumulated deficit 54,495" is a deficit)
        (date(2003, 3, 31), 78450, 77504, 903, -37147, -54495),
    ],
)
def test_merged_balances(
    seeds_timeline: Timeline,
    end: date,
    assets: float,
    liabilities: float,
    equity: float,
    working_capital: float,
    deficit: float,
) -> None:
    balances = seeds_timeline.balances(end)
    assert balances is not None
    assert balances.get("total_assets") == assets * K
    assert balances.get("total_liabilities") == liabilities * K
    assert balances.get("stockholders_equity") == equity * K
    assert balances.get("working_capital") == working_capital * K
    assert balances.get("retained_earnings") == deficit * K


def test_ttm_revenue(seeds_timeline: Timeline) -> None:
    flows = seeds_timeline.flows12(date(2003, 3, 31))
    assert flows is not None
    # 25,557 + 4,609 - 7,885 = 22,281 thousand
    assert flows.values[LineItem.REVENUE] == pytest.approx(22281 * K)
    fy2001 = seeds_timeline.flows12(date(2001, 12, 31))
    assert fy2001 is not None and fy2001.get("revenue") == 52362 * K  # not the $54M estimate


def test_z_prime_and_debt_to_equity(seeds_features: FeatureSet) -> None:
    rows = {h.period_end: h.values for h in seeds_features.history}
    # Z' = 0.717*(-27352/75603) + 0.847*(-50490/75603) + 3.107*(-22559/75603)
    #      + 0.420*(4462/71126) + 0.998*(25557/75603) = -1.38843
    assert rows[date(2002, 12, 31)]["altman_z_prime"] == pytest.approx(-1.38843, abs=1e-4)
    trend = seeds_features.trend("debt_to_equity")
    assert trend is not None
    assert [p.value for p in trend.points] == pytest.approx(
        [49491 / 38375, 71126 / 4462, 77504 / 903]  # 1.29, 15.94, 85.83
    )
    assert trend.slope_per_year is not None and trend.slope_per_year > 0


def test_checklist_from_extracted_text(seeds_features: FeatureSet) -> None:
    for indicator_id in (
        IndicatorId.NET_CURRENT_LIABILITY_POSITION,
        IndicatorId.SUBSTANTIAL_OPERATING_LOSSES,
        IndicatorId.NEED_FOR_NEW_FINANCING,
        IndicatorId.DEBT_RESTRUCTURING,
        IndicatorId.REGULATORY_NONCOMPLIANCE,
        IndicatorId.GOING_CONCERN_DOUBT,
    ):
        indicator = seeds_features.indicator(indicator_id)
        assert indicator is not None
        assert indicator.status is IndicatorStatus.PRESENT, (indicator_id, indicator.reason)
        assert indicator.evidence
    gc = seeds_features.indicator(IndicatorId.GOING_CONCERN_DOUBT)
    assert gc is not None
    assert any("going concern" in (e.quote or "") for e in gc.evidence)
