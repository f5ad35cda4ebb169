"""The shipped model: artefact integrity, fresh-process equality, monotonicity, bands, signals."""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from risk.exceptions import InputError, ModelError, ModelIntegrityError
from risk.model import (
    BANDS,
    SIGNAL_RATIOS,
    DistressModel,
    adjust_for_signals,
    band_for,
    distress_estimator,
    load_model,
    load_panel,
    model_features,
    score_frame,
)
from risk.model._artefact import artefact_payload, default_artefact_path, write_artefact
from risk.model._transform import MODEL_FEATURES

K = 1000.0  # the FiberCore tables are "(Dollars in thousands)"

# FiberCore, Inc. (filed for Chapter 11 in 2003). Fiscal years 2001 and 2002 from
# ../shared/seeds/002_*.txt, "SELECTED CONSOLIDATED FINANCIAL DATA", "Year Ended December 31"
# columns and "SELECTED BALANCE SHEET DATA". No market value of equity, no current assets
# or liabilities (working capital only), no D&A: the book-value submodel must score it.
FIBERCORE = [
    {
        "entity": "FiberCore",
        "period_end": "2001-12-31",
        "months": 12,
        "revenue": 52362 * K,  # Net sales, 2001
        "operating_income": 5397 * K,  # Income (loss) from operations, 2001
        "net_income": 480 * K,  # Net earnings (loss), 2001
        "working_capital": -1319 * K,
        "total_assets": 92983 * K,
        "long_term_debt": 22475 * K,  # Long-term obligations
        "total_liabilities": 49491 * K,
        "retained_earnings": -19413 * K,  # Accumulated deficit
        "stockholders_equity": 38375 * K,
    },
    {
        "entity": "FiberCore",
        "period_end": "2002-12-31",
        "months": 12,
        "revenue": 25557 * K,
        "operating_income": -22559 * K,
        "net_income": -31077 * K,
        "working_capital": -27352 * K,
        "total_assets": 75603 * K,
        "long_term_debt": 21700 * K,
        "total_liabilities": 71126 * K,
        "retained_earnings": -50490 * K,
        "stockholders_equity": 4462 * K,
    },
]


def _healthy(end: str, scale: float = 1.0) -> dict:
    # A made-up, conservatively financed, profitable company (no source document).
    return {
        "entity": "Healthy",
        "period_end": end,
        "months": 12,
        "revenue": 900e6 * scale,
        "operating_income": 120e6 * scale,
        "net_income": 80e6 * scale,
        "current_assets": 400e6,
        "current_liabilities": 150e6,
        "total_assets": 1000e6,
        "long_term_debt": 100e6,
        "total_liabilities": 300e6,
        "retained_earnings": 500e6,
        "stockholders_equity": 700e6,
        "market_value_equity": 1500e6 * scale,
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    from risk.financials import read_table

    return read_table(rows)


@pytest.fixture(scope="module")
def model() -> DistressModel:
    return load_model()


def test_shipped_artefact_loads_with_its_identity(model):
    assert model.name == "distress"
    assert model.version.count(".") == 2
    stored = json.loads(default_artefact_path().read_text())
    assert model.sha256 == stored["sha256"]
    assert list(model.feature_names_in_) == list(MODEL_FEATURES)


def test_tampered_artefact_is_refused(tmp_path):
    text = default_artefact_path().read_text()
    data = json.loads(text)
    data["payload"]["submodels"]["full"]["intercept"] += 1.0  # make every company riskier
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ModelIntegrityError, match="integrity check"):
        load_model(bad)
    not_json = tmp_path / "broken.json"
    not_json.write_text(text[: len(text) // 2])
    with pytest.raises(ModelError, match="not valid JSON"):
        load_model(not_json)
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "missing.json")


@pytest.mark.slow
def test_artefact_gives_the_same_probabilities_in_a_fresh_process(tmp_path, panel_path):
    panel = load_panel(panel_path)
    rng = np.random.default_rng(7)
    firms = panel["entity"].unique()
    keep = set(rng.choice(firms, size=len(firms) // 6, replace=False))
    keep |= set(panel.loc[panel["failed_next_year"] == 1, "entity"])
    sample = panel[panel["entity"].isin(keep)].reset_index(drop=True)
    feats = model_features(sample)
    train = sample["fiscal_year"] < 2012
    # The shipped configuration: the book submodel's own features and pairwise terms.
    fitted = distress_estimator(calibration={"full": (0.1, 1.1), "book": (0.2, 0.9)})
    fitted.fit(feats.loc[train, list(MODEL_FEATURES)], sample.loc[train, "failed_next_year"])
    test = feats.loc[~train, list(MODEL_FEATURES)].iloc[:300].copy()
    test.iloc[::3, test.columns.get_loc("log_mve")] = np.nan  # exercise the book submodel
    expected = fitted.predict_proba(test)[:, 1]
    path = tmp_path / "m.json"
    write_artefact(artefact_payload(fitted, version="0.0.1"), path)
    rows = tmp_path / "rows.json"
    # json writes floats with repr (exact); NaN as null.
    values = [[None if np.isnan(v) else float(v) for v in r] for r in test.to_numpy()]
    rows.write_text(json.dumps({"columns": list(test.columns), "data": values}))
    code = (
        "import sys, json, pandas as pd\n"
        "from risk.model import load_model\n"
        "m = load_model(sys.argv[1])\n"
        "d = json.load(open(sys.argv[2]))\n"
        "x = pd.DataFrame(d['data'], columns=d['columns'], dtype='float64')\n"
        "print(json.dumps(m.predict_proba(x)[:, 1].tolist()))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), str(rows)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    got = np.array(json.loads(out.stdout))
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)
    assert np.isfinite(got).all()


def test_more_leverage_never_lowers_the_probability(model):
    # Everything fixed but total liabilities (and equity = assets - liabilities with it).
    rows = []
    for i, share in enumerate(np.linspace(0.2, 1.4, 13)):
        r = _healthy("2010-12-31")
        r["entity"] = f"E{i:02d}"  # read_table sorts by entity
        r["total_liabilities"] = share * r["total_assets"]
        r["stockholders_equity"] = r["total_assets"] - r["total_liabilities"]
        rows.append(r)
    for with_market in (True, False):
        frame = _frame(
            rows
            if with_market
            else [{k: v for k, v in r.items() if k != "market_value_equity"} for r in rows]
        )
        p = score_frame(frame, model)["probability"].to_numpy()
        assert np.isfinite(p).all()
        assert (np.diff(p) >= -1e-15).all(), p
        assert p[-1] > p[0]


def _pair_directions(sub) -> dict[str, set[int]]:
    """The directions each feature takes in the submodel's pairwise terms."""
    out: dict[str, set[int]] = {}
    for it in sub.interactions:
        out.setdefault(it.first, set()).add(it.first_direction)
        out.setdefault(it.second, set()).add(it.second_direction)
    return out


@pytest.mark.parametrize("which", ["full", "book"])
def test_every_signed_feature_moves_the_probability_its_way(model, which):
    sub = model.submodels_[which]
    names = list(model.feature_names_in_)
    base = dict.fromkeys(names, math.nan)
    base.update(zip(sub.columns, sub.median, strict=True))
    if which == "full":
        base["ohlson_size"] = 4.0  # not read by the full submodel; keeps the row scorable
    else:
        base["log_ta"] = 5.0  # the book submodel reads real size; nominal size is a core input
    pairs = _pair_directions(sub)
    checked = []
    for name, sign in model.signs.items():
        if sign == 0 or name not in sub.columns:
            continue
        if pairs.get(name, {sign}) != {sign}:
            continue  # size: its own curve falls, its pairwise terms rise (tested apart)
        j = sub.columns.index(name)
        knots = sub.knots[j]
        # A grid across and beyond the curve's knots: every step must move the risk the
        # way theory says (or not at all), not just the two ends.
        grid = np.linspace(knots[0] - 1.0, knots[-1] + 1.0, 201)
        x = pd.DataFrame([{**base, name: v} for v in grid])
        assert model.submodel_for(x.iloc[0][names]) == which
        p = model.predict_proba(x[names])[:, 1]
        assert (p > 0).all(), name  # scored, not refused
        assert (sign * np.diff(p) >= -1e-15).all(), name
        checked.append(name)
    # Leverage and losses enter the book submodel's pairwise terms too, and stay monotone.
    assert {"tl_ta", "ni_ta", "quick"} <= set(checked)


def test_fibercore_is_scored_without_market_value_and_ranks_above_a_healthy_company(model):
    frame = _frame([*FIBERCORE, _healthy("2001-12-31"), _healthy("2002-12-31")])
    scored = score_frame(frame, model).set_index(["entity", "period_end"])
    fiber = scored.loc[("FiberCore", pd.Timestamp("2002-12-31"))]
    healthy = scored.loc[("Healthy", pd.Timestamp("2002-12-31"))]
    assert fiber["submodel"] == "book"
    assert healthy["submodel"] == "full"
    assert fiber["probability"] > 10 * healthy["probability"]
    # The year of the collapse is riskier than the year before it.
    assert (
        fiber["probability"] > scored.loc[("FiberCore", pd.Timestamp("2001-12-31")), "probability"]
    )
    feats = model_features(frame)
    parts = model.explain(feats.iloc[1])
    by_name = {p.feature: p for p in parts}
    assert "log_mve" not in by_name  # the book submodel has no market features
    assert "ohlson_size" in by_name  # its pairwise terms are split between their features
    assert "size_x_leverage" not in by_name
    assert by_name["cl_ca"].value is None  # no current assets: imputed, flagged
    assert by_name["tl_ta"].value == pytest.approx(71126 / 75603)
    assert by_name["tl_ta"].contribution >= 0


def test_fibercore_trailing_twelve_months_to_march_2003_gets_a_probability(model):
    # Balances at March 31, 2003: ../shared/seeds/001_*.txt, "SELECTED BALANCE SHEET DATA".
    # Trailing twelve months = year 2002 (seeds/002_*.txt) + Q1 2003 - Q1 2002 (seeds/001):
    # net sales 25,557 + 4,609 - 7,885 = 22,281; loss from operations
    # -22,559 - 3,072 + 3,281 = -22,350; net loss -31,077 - 4,005 + 4,078 = -31,004;
    # interest expense (3,109 + 1,735 non-cash) + 1,317 - 1,085 = 5,076.
    # No market value, no current assets or liabilities, no D&A.
    row = {
        "entity": "FiberCore",
        "period_end": "2003-03-31",
        "months": 12,
        "revenue": 22281 * K,
        "operating_income": -22350 * K,
        "net_income": -31004 * K,
        "interest_expense": 5076 * K,
        "working_capital": -37147 * K,
        "total_assets": 78450 * K,
        "long_term_debt": 23892 * K,
        "total_liabilities": 77504 * K,
        "retained_earnings": -54495 * K,
        "stockholders_equity": 903 * K,
    }
    scored = score_frame(_frame([*FIBERCORE, row]), model)
    last = scored.iloc[-1]
    assert last["submodel"] == "book" and last["refusal"] == ""
    assert 0.0 < last["probability"] < 1.0
    assert last["probability"] > scored.iloc[0]["probability"]  # riskier than in 2001


def test_rows_without_core_inputs_are_refused_with_a_reason(model):
    no_assets = {**FIBERCORE[1], "entity": "A"}
    del no_assets["total_assets"]
    no_profit = {**FIBERCORE[1], "entity": "B"}
    del no_profit["operating_income"], no_profit["net_income"]
    no_leverage = {**FIBERCORE[1], "entity": "C"}
    del no_leverage["total_liabilities"], no_leverage["stockholders_equity"]
    quarter = {**FIBERCORE[1], "entity": "D", "months": 3}
    scored = score_frame(_frame([no_assets, no_profit, no_leverage, quarter]), model)
    assert scored["probability"].isna().all()
    reasons = dict(zip(scored["entity"], scored["refusal"], strict=True))
    assert "total_assets" in reasons["A"]
    assert "profitability" in reasons["B"]
    assert "leverage" in reasons["C"]
    assert "months" in reasons["D"]


def test_bands_cover_zero_to_one_in_order():
    assert BANDS[0].lower == 0.0 and BANDS[-1].upper == 1.0
    for a, b in itertools.pairwise(BANDS):
        assert a.upper == b.lower
        assert a.reference_rate < b.reference_rate
        assert a.lower <= a.reference_rate < a.upper or a.reference_rate == 0.0
        assert a.source
    assert band_for(0.0).name == "aaa"
    assert band_for(1.0).name == "ccc/c"
    assert band_for(0.5).name == "ccc/c"
    # 1 % lies between bb (0.58 %) and b (3.07 %), nearer bb on a log scale (cut 1.33 %).
    assert band_for(0.01).name == "bb"
    with pytest.raises(InputError, match="probability"):
        band_for(math.nan)


def test_signal_adjustment_multiplies_the_odds_and_keeps_both_numbers():
    # going-concern ratio 4: p = 0.1 -> odds 1/9 * 4 = 4/9 -> p = 4/13.
    assert SIGNAL_RATIOS["going_concern_doubt"].ratio == 4.0
    adj = adjust_for_signals(0.1, ["going_concern_doubt", "going_concern_doubt"])
    assert adj.probability == 0.1
    assert adj.adjusted == pytest.approx(4 / 13)
    assert [f.kind for f in adj.factors] == ["going_concern_doubt"]
    assert "Hopwood" in adj.factors[0].source
    both = adjust_for_signals(0.1, ["going_concern_doubt", "covenant_breach"])
    assert both.adjusted == pytest.approx((8 / 9) / (1 + 8 / 9))
    unchanged = adjust_for_signals(0.2, ["management_change"])
    assert unchanged.adjusted == 0.2 and unchanged.factors == ()
    with pytest.raises(InputError, match="unknown signal kind"):
        adjust_for_signals(0.2, ["sunspots"])
    with pytest.raises(InputError, match="probability"):
        adjust_for_signals(1.5, [])


def test_model_card_is_beside_the_artefact():
    card = Path(default_artefact_path()).with_name("MODEL_CARD.md")
    text = card.read_text()
    assert "Future Internet 14(8):244" in text
    for name in (
        "Altman Z'' (1995)",
        "Ohlson O (1980)",
        "Zmijewski (1984)",
        "HistGradientBoosting",
    ):
        assert name in text


def test_distressed_segment_mean_prediction_is_within_a_factor_of_two(model, panel_path):
    # The segment of the model card: TL/TA > 0.9, WC/TA < -0.2 and a net loss in this
    # and the prior year. In-sample (fiscal years 2003-2014, the final model's training
    # years): a calibration check, not a validation. The book submodel is judged on the
    # same rows with the market value removed (the panel always has it).
    panel = load_panel(panel_path)
    panel = panel[panel["fiscal_year"] >= 2003].reset_index(drop=True)
    feats = model_features(panel)
    seg = (
        (feats["tl_ta"] > 0.9) & (feats["wc_ta"] < -0.2) & (feats["loss_two_years"] == 1)
    ).to_numpy()
    assert seg.sum() > 1000  # about 2,000 firm-years
    y = panel["failed_next_year"].to_numpy()[seg]
    observed = y.mean()
    assert observed > 0.02  # several times the panel's 0.7 %
    columns = list(model.feature_names_in_)
    full = model.predict_proba(feats.loc[seg, columns])[:, 1]
    book_rows = feats.loc[seg, columns].copy()
    book_rows[list(model.artefact_["market_features"])] = np.nan
    book = model.predict_proba(book_rows)[:, 1]
    assert {model.submodel_for(book_rows.iloc[0]), model.submodel_for(feats.loc[seg].iloc[0])} == {
        "book",
        "full",
    }
    for predicted in (full, book):
        assert observed / 2 <= predicted.mean() <= 2 * observed


def test_artefact_records_the_segment_check_and_the_tuning_years(model):
    validation = model.artefact_["validation"]
    rows = validation["segment_calibration"]
    assert {r["model"] for r in rows} >= {"book-value-only submodel"}
    for r in rows:
        assert r["n"] > 0 and 0 <= r["observed_rate"] <= 1
    assert validation["tuning_years"] and not set(validation["tuning_years"]) & set(
        validation["pooled_years"]
    )
    selected = model.artefact_["selected"]
    assert "tuning" in validation["metrics"][selected]


def test_panel_loader_is_the_feature_librarys_sorted(panel_path):
    from risk.features import panel_to_table

    ours = load_panel(panel_path)
    theirs = panel_to_table(panel_path)
    assert len(ours) == len(theirs)
    keys = ["entity", "period_end"]
    assert not ours.duplicated(keys).any()
    assert (ours["fiscal_year"] == ours["period_end"].dt.year).all()
    # Sorted by company, then year; same values as the feature library's loader.
    assert ours[keys].equals(ours[keys].sort_values(keys).reset_index(drop=True))
    merged = ours.merge(theirs, on=keys, suffixes=("", "_f"))
    assert len(merged) == len(ours)
    for column in ("total_assets", "net_income", "market_value_equity", "failed_next_year"):
        assert np.array_equal(
            merged[column].to_numpy(), merged[column + "_f"].to_numpy(), equal_nan=True
        )


def test_score_frame_says_which_rows_had_their_prior_fiscal_year(model):
    # Healthy has 2001 and 2002 (a year apart); 2004 follows a gap (2003 missing); a
    # lone 2002 row of another company has none. Only Healthy 2002 gets trends.
    lone = {**_healthy("2002-12-31"), "entity": "Lone"}
    frame = _frame([_healthy("2001-12-31"), _healthy("2002-12-31"), _healthy("2004-12-31"), lone])
    scored = score_frame(frame, model).set_index(["entity", "period_end"])["prior_year"]
    assert scored[("Healthy", pd.Timestamp("2002-12-31"))]
    assert not scored[("Healthy", pd.Timestamp("2001-12-31"))]
    assert not scored[("Healthy", pd.Timestamp("2004-12-31"))]
    assert not scored[("Lone", pd.Timestamp("2002-12-31"))]
    feats = model_features(frame).set_index(frame.set_index(["entity", "period_end"]).index)
    assert np.isfinite(feats.loc[("Healthy", pd.Timestamp("2002-12-31")), "d_tl_ta"])
    assert np.isnan(feats.loc[("Healthy", pd.Timestamp("2004-12-31")), "d_tl_ta"])
