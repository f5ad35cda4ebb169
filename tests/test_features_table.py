"""The vectorised feature table and the panel loader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from risk.exceptions import InputError
from risk.features import feature_table, panel_to_table
from risk.features._table import FEATURE_COLUMNS
from risk.financials import read_table

K = 1000.0


def _fibercore() -> pd.DataFrame:
    # Seed 002 (FY2002 release), "(Dollars in thousands)": year columns 2002 and 2001.
    return read_table(
        [
            {
                "entity": "FiberCore",
                "period_end": "2001-12-31",
                "months": 12,
                "revenue": 52362 * K,  # Net sales, Year Ended 2001
                "operating_income": 5397 * K,  # Income (loss) from operations 2001
                "net_income": 480 * K,  # Net earnings (loss) 2001
                "pretax_income": 3853 * K,
                "working_capital": -1319 * K,  # Working capital (Deficiency) $(1,319)
                "total_assets": 92983 * K,
                "total_liabilities": 49491 * K,
                "retained_earnings": -19413 * K,
                "stockholders_equity": 38375 * K,
            },
            {
                "entity": "FiberCore",
                "period_end": "2002-12-31",
                "months": 12,
                "revenue": 25557 * K,
                "operating_income": -22559 * K,
                "net_income": -31077 * K,
                "pretax_income": -31937 * K,
                "working_capital": -27352 * K,
                "total_assets": 75603 * K,
                "total_liabilities": 71126 * K,
                "retained_earnings": -50490 * K,
                "stockholders_equity": 4462 * K,
            },
        ]
    )


def test_columns_and_one_row_per_input_row() -> None:
    out = feature_table(_fibercore())
    assert list(out.columns) == ["entity", "period_end", "months", *FEATURE_COLUMNS]
    assert len(out) == 2


def test_fibercore_2002_by_hand() -> None:
    row = feature_table(_fibercore()).iloc[1]
    # Z' = 0.717*(-27352/75603) + 0.847*(-50490/75603) + 3.107*(-22559/75603)
    #      + 0.420*(4462/71126) + 0.998*(25557/75603) = -1.38843
    assert row["altman_z_prime"] == pytest.approx(-1.38843, abs=1e-4)
    # no market value of equity: Z is missing and the fallback is Z'
    assert np.isnan(row["altman_z"])
    assert row["altman_z_or_prime"] == pytest.approx(row["altman_z_prime"])
    assert row["altman_z_used_prime"] == 1.0
    assert row["debt_to_equity"] == pytest.approx(71126 / 4462)  # 15.94
    assert row["tl_ta"] == pytest.approx(71126 / 75603)
    # revenue growth 25,557 / 52,362 - 1 = -0.5119 ("sales decreased by 51%")
    assert row["revenue_growth"] == pytest.approx(25557 / 52362 - 1)
    assert row["prior_year"] == 1.0
    assert row["d_debt_to_equity"] == pytest.approx(71126 / 4462 - 49491 / 38375)
    # INTWO needs two losses: 2001 was a profit of 480
    assert row["intwo"] == 0.0
    # CHIN = (-31077 - 480) / (31077 + 480) = -1
    assert row["chin"] == pytest.approx(-1.0)
    assert row["loss"] == 1.0
    # no current assets / liabilities in the seed: current ratio and Zmijewski missing
    assert np.isnan(row["current_ratio"]) and np.isnan(row["zmijewski_x"])
    first = feature_table(_fibercore()).iloc[0]
    assert first["prior_year"] == 0.0 and np.isnan(first["revenue_growth"])
    assert first["debt_to_equity"] == pytest.approx(49491 / 38375)  # 1.29


def test_negative_equity_flags_and_leaves_de_missing() -> None:
    frame = read_table(
        [
            {
                "entity": "A",
                "period_end": "2010-12-31",
                "months": 12,
                "total_assets": 100.0,
                "total_liabilities": 130.0,
            },
            {
                "entity": "B",
                "period_end": "2010-12-31",
                "months": 12,
                "total_assets": 100.0,
                "total_liabilities": 60.0,
                "stockholders_equity": 40.0,
            },
        ]
    )
    out = feature_table(frame)
    assert out.loc[0, "equity_deficit"] == 1.0
    assert np.isnan(out.loc[0, "debt_to_equity"])
    assert out.loc[0, "oeneg"] == 1.0
    assert out.loc[1, "equity_deficit"] == 0.0
    assert out.loc[1, "debt_to_equity"] == pytest.approx(1.5)


def test_missing_inputs_give_nan_never_zero() -> None:
    frame = read_table(
        [{"entity": "A", "period_end": "2010-12-31", "months": 12, "total_assets": 100.0}]
    )
    out = feature_table(frame).iloc[0]
    for column in ("wc_ta", "altman_z_prime", "ohlson_o", "debt_to_equity", "loss", "tl_ta"):
        assert np.isnan(out[column]), column
    # zero total assets: ratios missing, not infinite
    zero = read_table(
        [
            {
                "entity": "A",
                "period_end": "2010-12-31",
                "months": 12,
                "total_assets": 0.0,
                "working_capital": 5.0,
            }
        ]
    )
    assert np.isnan(feature_table(zero).loc[0, "wc_ta"])


def test_quarter_rows_do_not_use_flows_and_gaps_break_trends() -> None:
    frame = read_table(
        [
            {
                "entity": "A",
                "period_end": "2010-03-31",
                "months": 3,
                "revenue": 10.0,
                "total_assets": 100.0,
            },
            {
                "entity": "A",
                "period_end": "2008-12-31",
                "months": 12,
                "revenue": 50.0,
                "total_assets": 100.0,
            },
            {
                "entity": "A",
                "period_end": "2010-12-31",
                "months": 12,
                "revenue": 60.0,
                "total_assets": 100.0,
            },
            {
                "entity": "B",
                "period_end": "2009-12-31",
                "months": 12,
                "revenue": 40.0,
                "total_assets": 100.0,
            },
        ]
    )
    out = feature_table(frame)
    quarter = out[out["months"] == 3].iloc[0]
    assert np.isnan(quarter["sales_ta"])
    a2010 = out[(out["entity"] == "A") & (out["months"] == 12)].iloc[-1]
    # 2009 is missing for A (a two-year gap), and B's 2009 is another entity
    assert a2010["prior_year"] == 0.0 and np.isnan(a2010["revenue_growth"])


def test_missing_key_column_is_an_input_error() -> None:
    with pytest.raises(InputError, match="period_end"):
        feature_table(pd.DataFrame({"entity": ["A"], "months": [12]}))


def test_panel_loader_maps_columns(panel_path: Path) -> None:
    frame = panel_to_table(panel_path)
    assert len(frame) == 65424
    assert "status_label" not in frame.columns
    first = frame.iloc[0]
    # first data line of the CSV: C_1, 1999, X1 511.267 ... X10 740.998, X17 401.483
    assert first["entity"] == "C_1"
    assert first["period_end"] == pd.Timestamp("1999-12-31")
    assert first["current_assets"] == pytest.approx(511.267e6)
    assert first["total_assets"] == pytest.approx(740.998e6)
    assert first["total_liabilities"] == pytest.approx(401.483e6)
    assert first["failed_next_year"] == 0
    assert int(frame["failed_next_year"].sum()) == 473  # README: 473 events
    out = feature_table(frame.head(50))
    assert out["altman_z"].notna().all()


def test_row_order_does_not_change_features(panel_path: Path) -> None:
    frame = panel_to_table(panel_path).head(300)
    shuffled = frame.sample(frac=1.0, random_state=7)
    a = feature_table(frame)
    b = feature_table(shuffled).loc[frame.index]
    pd.testing.assert_frame_equal(a, b)
    # trends use the previous fiscal year of the same company only
    has_prior = a["prior_year"] == 1.0
    assert a.loc[~has_prior, "revenue_growth"].isna().all()
    first_rows = frame.groupby("entity").head(1).index
    assert (a.loc[first_rows, "prior_year"] == 0.0).all()


def test_structured_input_round_trip_through_timeline() -> None:
    from risk.financials import table_to_filings
    from risk.timelines import timeline

    frame = _fibercore()
    direct = feature_table(frame)
    (filing,) = table_to_filings(frame)
    via = feature_table(timeline([filing]).to_frame())
    for column in ("altman_z_prime", "debt_to_equity", "revenue_growth", "chin"):
        np.testing.assert_allclose(via[column].to_numpy(), direct[column].to_numpy())
