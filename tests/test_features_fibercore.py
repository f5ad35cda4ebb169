"""assess() on FiberCore's timeline (seeds 001, 002, 004, written by hand)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_timeline_fibercore import fibercore_filings

from risk.features import (
    FeatureSet,
    IndicatorEvidenceKind,
    IndicatorId,
    IndicatorStatus,
    ScoreName,
    Zone,
    assess,
)
from risk.financials import Filing, LineItem, PeriodValues, Provenance, SignalKind
from risk.timelines import timeline

K = 1000.0


@pytest.fixture()
def fs(seed_paths: dict[str, Path]) -> FeatureSet:
    return assess(timeline(fibercore_filings(seed_paths)))


def test_latest_period_is_q1_2003(fs: FeatureSet) -> None:
    assert fs.period_end == date(2003, 3, 31)
    assert fs.entity == "FiberCore, Inc."
    assert [h.period_end for h in fs.history] == [
        date(2001, 12, 31),
        date(2002, 12, 31),
        date(2003, 3, 31),
    ]


def test_z_prime_at_2002_year_end_by_hand(fs: FeatureSet) -> None:
    row = fs.history[1].values
    # seed 002: WC (27,352), TA 75,603, accumulated deficit (50,490), operating loss
    # (22,559), equity 4,462, TL 71,126, sales 25,557
    # Z' = 0.717*(-27352/75603) + 0.847*(-50490/75603) + 3.107*(-22559/75603)
    #      + 0.420*(4462/71126) + 0.998*(25557/75603)
    #    = -0.259400 - 0.565653 - 0.927091 + 0.026348 + 0.337366 = -1.38843
    assert row["altman_z_prime"] == pytest.approx(-1.38843, abs=1e-4)


def test_scores_at_q1_2003(fs: FeatureSet) -> None:
    zp = fs.score(ScoreName.ALTMAN_Z_PRIME)
    assert zp is not None and zp.value is not None
    # TTM EBIT = -22,559 - 3,072 + 3,281 = -22,350; TTM sales 22,281; seed 001 balances
    # X1 = -37147/78450 = -0.473512, X2 = -54495/78450 = -0.694646,
    # X3 = -22350/78450 = -0.284895, X4 = 903/77504 = 0.011651, X5 = 22281/78450 = 0.284015
    # Z' = -0.339508 - 0.588365 - 0.885169 + 0.004893 + 0.283447 = -1.524702
    assert zp.value == pytest.approx(-1.5247, abs=1e-3)
    assert zp.zone is Zone.DISTRESS
    assert "1983" in zp.reference
    z = fs.score(ScoreName.ALTMAN_Z)
    assert z is not None
    assert z.substitute is ScoreName.ALTMAN_Z_PRIME
    assert z.value == pytest.approx(zp.value)
    assert "market_value_equity" in z.missing_inputs
    assert any("Z' used" in n for n in z.notes)
    # no current assets / liabilities in the releases: these scores are missing, named
    for name in (ScoreName.ZMIJEWSKI_X, ScoreName.OHLSON_O, ScoreName.TAFFLER_Z):
        result = fs.score(name)
        assert result is not None and result.value is None and result.zone is None
        assert "current_liabilities" in " ".join(result.missing_inputs) or any(
            "working_capital" in m for m in result.missing_inputs
        )
    zmij = fs.score(ScoreName.ZMIJEWSKI_X)
    assert zmij is not None and "current_assets" in zmij.missing_inputs
    inputs = {i.name: i for i in zp.inputs}
    assert inputs["total_assets"].value == 78450 * K
    assert inputs["revenue"].provenance is not None
    assert inputs["revenue"].provenance.label == "TTM"


def test_debt_to_equity_series_and_trend(fs: FeatureSet) -> None:
    trend = fs.trend("debt_to_equity")
    assert trend is not None
    values = [p.value for p in trend.points]
    # 49,491/38,375 = 1.2897; 71,126/4,462 = 15.9404; 77,504/903 = 85.8294
    assert values == pytest.approx([49491 / 38375, 71126 / 4462, 77504 / 903])
    # least squares against years since 2001-12-31: t = 0, 365/365.25, 455/365.25
    t = [0.0, 365 / 365.25, 455 / 365.25]
    tm = sum(t) / 3
    vm = sum(values) / 3  # type: ignore[arg-type]
    slope = sum((ti - tm) * (vi - vm) for ti, vi in zip(t, values, strict=True)) / sum(  # type: ignore[operator]
        (ti - tm) ** 2 for ti in t
    )
    assert trend.slope_per_year == pytest.approx(slope)
    assert trend.slope_per_year > 50  # rising steeply
    assert trend.change == pytest.approx(77504 / 903 - 71126 / 4462)  # 69.89
    assert trend.change_total == pytest.approx(77504 / 903 - 49491 / 38375)
    level = fs.feature("debt_to_equity")
    assert level is not None and level.value == pytest.approx(85.83, abs=0.01)
    assert {i.name for i in level.inputs} == {"total_liabilities", "stockholders_equity"}


def test_liquidity_and_leverage_features(fs: FeatureSet) -> None:
    def value(name: str) -> float | None:
        feature = fs.feature(name)
        assert feature is not None, name
        return feature.value

    assert value("working_capital") == -37147 * K
    assert value("wc_ta") == pytest.approx(-37147 / 78450)
    assert value("wc_revenue") == pytest.approx(-37147 / 22281)  # TTM revenue
    # refinancing: larger of short-term debt (unknown) and $18 million under
    # renegotiation, plus $5 million to raise = $23 million; 23,000 / 78,450 of assets
    assert value("refinancing_need") == 23e6
    assert value("refinancing_need_ta") == pytest.approx(23000 / 78450)
    # interest: TTM operating loss -22,350 over TTM interest 4,844 + 1,317 - 1,085 = 5,076
    assert value("interest_coverage") == pytest.approx(-22350 / 5076)
    assert value("consecutive_annual_losses") == 1.0  # FY2002 loss, FY2001 profit of 480
    assert value("revenue_growth_fiscal_year") == pytest.approx(25557 / 52362 - 1)  # -51 %
    assert value("revenue_growth_quarter_yoy") == pytest.approx(4609 / 7885 - 1)  # -42 %
    assert value("asset_writedowns") == 10285 * K  # goodwill 7,313 + patents 2,972
    assert value("loss") == 1.0


def test_missing_features_name_their_reason(fs: FeatureSet) -> None:
    current = fs.feature("current_ratio")
    assert current is not None and current.value is None
    assert "current_assets" in (current.missing_reason or "")
    runway = fs.feature("cash_runway_months")
    assert runway is not None and runway.value is None
    assert runway.missing_inputs == ["cash", "operating_cash_flow"]
    coverage = fs.feature("refinancing_coverage")
    assert coverage is not None and coverage.value is None
    assert "cash" in (coverage.missing_reason or "")
    growth = fs.feature("revenue_growth")  # TTM to 2002-03-31 is not known
    assert growth is not None and growth.value is None and growth.missing_reason
    for feature in fs.features:
        assert (feature.value is None) == (feature.missing_reason is not None), feature.name


def test_checklist(fs: FeatureSet) -> None:
    present = {
        IndicatorId.NET_CURRENT_LIABILITY_POSITION,
        IndicatorId.SUBSTANTIAL_OPERATING_LOSSES,
        IndicatorId.NEED_FOR_NEW_FINANCING,
        IndicatorId.DEBT_RESTRUCTURING,
        IndicatorId.REGULATORY_NONCOMPLIANCE,
        IndicatorId.GOING_CONCERN_DOUBT,
        IndicatorId.ADVERSE_KEY_RATIOS,
        IndicatorId.ESSENTIAL_INVESTMENT_UNFUNDED,
        IndicatorId.ASSET_DETERIORATION,
        IndicatorId.BORROWINGS_APPROACHING_MATURITY,
    }
    for indicator_id in present:
        indicator = fs.indicator(indicator_id)
        assert indicator is not None
        assert indicator.status is IndicatorStatus.PRESENT, (indicator_id, indicator.reason)
        assert indicator.evidence, indicator_id
    wc = fs.indicator(IndicatorId.NET_CURRENT_LIABILITY_POSITION)
    assert wc is not None
    ev = wc.evidence[0]
    assert ev.kind is IndicatorEvidenceKind.VALUE and ev.value == -37147 * K
    assert ev.provenance is not None and ev.provenance.document.startswith("001_")
    gc = fs.indicator(IndicatorId.GOING_CONCERN_DOUBT)
    assert gc is not None
    quote = gc.evidence[0]
    assert quote.kind is IndicatorEvidenceKind.QUOTE and "going concern" in (quote.quote or "")
    assert quote.document is not None and quote.document.startswith("001_")
    assert quote.span is not None and quote.span[1] > quote.span[0]
    listing = fs.indicator(IndicatorId.REGULATORY_NONCOMPLIANCE)
    assert listing is not None
    assert {e.signal for e in listing.evidence} == {
        SignalKind.DELISTING_NOTICE,
        SignalKind.LATE_FILING,
    }
    financing = fs.indicator(IndicatorId.NEED_FOR_NEW_FINANCING)
    assert financing is not None
    assert any(e.kind is IndicatorEvidenceKind.FACT and e.value == 5e6 for e in financing.evidence)
    # not asserted anywhere in the text read
    for absent in (IndicatorId.LOAN_AGREEMENT_NONCOMPLIANCE, IndicatorId.BANKRUPTCY_FILING):
        indicator = fs.indicator(absent)
        assert indicator is not None and indicator.status is IndicatorStatus.ABSENT
    # no cash flow statement: unknown, not absent
    ocf = fs.indicator(IndicatorId.NEGATIVE_OPERATING_CASH_FLOWS)
    assert ocf is not None and ocf.status is IndicatorStatus.UNKNOWN
    # equity is positive (903)
    net = fs.indicator(IndicatorId.NET_LIABILITY_POSITION)
    assert net is not None and net.status is IndicatorStatus.ABSENT


def test_feature_set_is_json_serialisable(fs: FeatureSet) -> None:
    text = fs.model_dump_json()
    assert FeatureSet.model_validate_json(text) == fs


def test_sparse_timeline_gives_missing_features_not_errors() -> None:
    filing = Filing(
        source="tiny.txt",
        sha256="2" * 64,
        form="table",
        periods=[
            PeriodValues(
                end=date(2010, 12, 31),
                months=0,
                values={LineItem.TOTAL_ASSETS: 100.0},
                provenance={LineItem.TOTAL_ASSETS: Provenance(document="tiny.txt")},
            )
        ],
    )
    fs = assess(timeline([filing]))
    assert fs.period_end == date(2010, 12, 31)
    assert all(s.value is None for s in fs.scores)
    assert all(f.value is None or f.name in {"refinancing_need"} for f in fs.features)
    statuses = {i.id: i.status for i in fs.checklist}
    # structured input only: nothing is known from text
    assert statuses[IndicatorId.GOING_CONCERN_DOUBT] is IndicatorStatus.UNKNOWN
    assert statuses[IndicatorId.NET_CURRENT_LIABILITY_POSITION] is IndicatorStatus.UNKNOWN


def test_negative_equity_is_flagged_not_divided() -> None:
    doc = "neg.txt"
    values = {
        LineItem.TOTAL_ASSETS: 100.0,
        LineItem.TOTAL_LIABILITIES: 150.0,
        LineItem.STOCKHOLDERS_EQUITY: -50.0,
    }
    filing = Filing(
        source=doc,
        sha256="3" * 64,
        periods=[
            PeriodValues(
                end=date(2010, 12, 31),
                months=0,
                values=values,
                provenance={k: Provenance(document=doc) for k in values},
            )
        ],
    )
    fs = assess(timeline([filing]))
    de = fs.feature("debt_to_equity")
    assert de is not None and de.value is None
    assert "equity" in (de.missing_reason or "")
    deficit = fs.feature("equity_deficit")
    assert deficit is not None and deficit.value == 1.0
    net = fs.indicator(IndicatorId.NET_LIABILITY_POSITION)
    assert net is not None and net.status is IndicatorStatus.PRESENT


def test_timeline_without_periods_gives_missing_features() -> None:
    from risk.financials import Signal

    filing = Filing(
        source="x.txt",
        sha256="4" * 64,
        signals=[
            Signal(
                kind=SignalKind.GOING_CONCERN_DOUBT,
                quote="substantial doubt about its ability to continue as a going concern",
                span=(0, 66),
                document="x.txt",
            )
        ],
    )
    fs = assess(timeline([filing]))
    assert fs.period_end is None
    assert fs.features and all(f.value is None and f.missing_reason for f in fs.features)
    assert fs.scores and all(s.value is None for s in fs.scores)
    assert any(w.code == "no_periods" for w in fs.warnings)
    gc = fs.indicator(IndicatorId.GOING_CONCERN_DOUBT)
    assert gc is not None and gc.status is IndicatorStatus.PRESENT


def test_old_statements_are_not_evidence_for_a_later_period() -> None:
    from risk.financials import Signal

    old = Filing(
        source="old.txt",
        sha256="5" * 64,
        filed=date(2005, 3, 1),
        signals=[
            Signal(
                kind=SignalKind.GOING_CONCERN_DOUBT,
                quote="substantial doubt about its ability to continue as a going concern",
                span=(0, 66),
                document="old.txt",
            )
        ],
    )
    values = {LineItem.TOTAL_ASSETS: 100.0, LineItem.WORKING_CAPITAL: 10.0}
    new = Filing(
        source="new.txt",
        sha256="6" * 64,
        filed=date(2011, 3, 1),
        periods=[
            PeriodValues(
                end=date(2010, 12, 31),
                months=0,
                values=values,
                provenance={k: Provenance(document="new.txt") for k in values},
            )
        ],
    )
    fs = assess(timeline([old, new]))
    gc = fs.indicator(IndicatorId.GOING_CONCERN_DOUBT)
    assert gc is not None and gc.status is IndicatorStatus.ABSENT
    assert any(w.code == "stale_statements" for w in fs.warnings)
    wc = fs.indicator(IndicatorId.NET_CURRENT_LIABILITY_POSITION)
    assert wc is not None and wc.status is IndicatorStatus.ABSENT  # working capital +10
