"""The published scores as pure functions: each recomputed by hand on one case."""

from __future__ import annotations

import math

import numpy as np
import pytest

from risk.features import (
    MERTON_SPEC,
    SCORE_SPECS,
    ScoreName,
    Zone,
    equity_volatility,
    merton_debt,
    naive_default_probability,
    naive_distance_to_default,
)
from risk.features._scores import (
    altman_z,
    altman_z_double_prime,
    altman_z_prime,
    ohlson_o,
    ohlson_probability,
    ohlson_size,
    price_level_index,
    score_zone,
    springate_s,
    taffler_z,
    zmijewski_probability,
    zmijewski_x,
)

# FiberCore at 2002-12-31, seed 002 (FY2002 release), "(Dollars in thousands)":
# Working capital (Deficiency) $(27,352); Total assets 75,603; Accumulated deficit (50,490);
# Income (loss) from operations (22,559); Total liabilities 71,126; Stockholders' equity
# 4,462; Net sales 25,557.
WC, TA, RE, EBIT, TL, BVE, SALES = -27352.0, 75603.0, -50490.0, -22559.0, 71126.0, 4462.0, 25557.0


def test_altman_z_prime_fibercore_2002_by_hand() -> None:
    x1 = -27352 / 75603  # -0.361785
    x2 = -50490 / 75603  # -0.667831
    x3 = -22559 / 75603  # -0.298388
    x4 = 4462 / 71126  # 0.062734
    x5 = 25557 / 75603  # 0.338042
    # 0.717*-0.361785 + 0.847*-0.667831 + 3.107*-0.298388 + 0.420*0.062734 + 0.998*0.338042
    # = -0.259400 - 0.565653 - 0.927091 + 0.026348 + 0.337366 = -1.388430
    z = altman_z_prime(x1, x2, x3, x4, x5)
    assert z == pytest.approx(-1.38843, abs=1e-4)
    assert score_zone(ScoreName.ALTMAN_Z_PRIME, z) is Zone.DISTRESS


def test_altman_z_1968_by_hand() -> None:
    # 1.2*0.2 + 1.4*0.1 + 3.3*0.05 + 0.6*1.5 + 1.0*1.1 = 0.24+0.14+0.165+0.9+1.1 = 2.545
    z = altman_z(0.2, 0.1, 0.05, 1.5, 1.1)
    assert z == pytest.approx(2.545)
    assert score_zone("altman_z", z) is Zone.GREY
    assert score_zone("altman_z", 3.0) is Zone.SAFE
    assert score_zone("altman_z", 1.80) is Zone.DISTRESS


def test_altman_z_double_prime_by_hand_no_constant() -> None:
    # 6.56*0.2 + 3.26*0.1 + 6.72*0.05 + 1.05*1.5 = 1.312+0.326+0.336+1.575 = 3.549
    z = altman_z_double_prime(0.2, 0.1, 0.05, 1.5)
    assert z == pytest.approx(3.549)
    assert score_zone("altman_z_double_prime", z) is Zone.SAFE
    assert score_zone("altman_z_double_prime", 2.0) is Zone.GREY
    assert score_zone("altman_z_double_prime", 1.0) is Zone.DISTRESS


def test_ohlson_by_hand() -> None:
    # SIZE 3.0, TLTA 0.6, WCTA 0.1, CLCA 0.8, OENEG 0, NITA -0.05, FUTL 0.05, INTWO 1, CHIN -0.5
    # O = -1.32 - 0.407*3 + 6.03*0.6 - 1.43*0.1 + 0.0757*0.8 - 1.72*0 - 2.37*-0.05
    #     - 1.83*0.05 + 0.285*1 - 0.521*-0.5
    #   = -1.32 - 1.221 + 3.618 - 0.143 + 0.06056 + 0 + 0.1185 - 0.0915 + 0.285 + 0.2605
    #   = 1.56706
    o = ohlson_o(3.0, 0.6, 0.1, 0.8, 0.0, -0.05, 0.05, 1.0, -0.5)
    assert o == pytest.approx(1.56706)
    p = ohlson_probability(o)
    assert p == pytest.approx(1 / (1 + math.exp(-1.56706)))  # 0.8274
    assert score_zone("ohlson_o", o) is Zone.DISTRESS
    assert score_zone("ohlson_o", -5.0) is Zone.SAFE  # P = 0.0067 < 0.038
    assert score_zone("ohlson_o", -2.0) is Zone.GREY  # P = 0.119


def test_ohlson_size_in_1968_dollars() -> None:
    # CPI-U 1968 = 34.8, 2002 = 179.9: $100 million of 2002 = 100 * 34.8/179.9 = 19.344
    # million 1968 dollars; ln(19.344) = 2.9624
    assert ohlson_size(100e6, 2002) == pytest.approx(math.log(100 * 34.8 / 179.9))
    assert price_level_index(1968) == pytest.approx(1.0)
    assert price_level_index(1900) == pytest.approx(1.0)  # clipped to the first year
    assert math.isnan(ohlson_size(-5.0, 2002))
    assert math.isnan(ohlson_size(100e6, float("nan")))


def test_zmijewski_by_hand() -> None:
    # X = -4.336 - 4.513*(-0.1) + 5.679*0.9 + 0.004*0.5 = -4.336 + 0.4513 + 5.1111 + 0.002
    #   = 1.2284; P = Phi(1.2284) = 0.8904
    x = zmijewski_x(-0.1, 0.9, 0.5)
    assert x == pytest.approx(1.2284)
    assert zmijewski_probability(x) == pytest.approx(0.5 * (1 + math.erf(1.2284 / math.sqrt(2))))
    assert score_zone("zmijewski_x", x) is Zone.DISTRESS
    assert score_zone("zmijewski_x", -1.0) is Zone.SAFE


def test_springate_by_hand() -> None:
    # 1.03*0.1 + 3.07*0.05 + 0.66*0.2 + 0.4*1.2 = 0.103 + 0.1535 + 0.132 + 0.48 = 0.8685
    s = springate_s(0.1, 0.05, 0.2, 1.2)
    assert s == pytest.approx(0.8685)
    assert score_zone("springate_s", s) is Zone.SAFE  # >= 0.862
    assert score_zone("springate_s", 0.86) is Zone.DISTRESS


def test_taffler_by_hand() -> None:
    # 3.20 + 12.18*0.1 + 2.50*0.8 - 10.68*0.4 + 0.029*(-20)
    # = 3.20 + 1.218 + 2.0 - 4.272 - 0.58 = 1.566
    z = taffler_z(0.1, 0.8, 0.4, -20.0)
    assert z == pytest.approx(1.566)
    assert score_zone("taffler_z", z) is Zone.SAFE
    assert score_zone("taffler_z", -0.1) is Zone.DISTRESS


def test_arrays_match_scalars_and_nan_propagates() -> None:
    rng = np.random.default_rng(0)
    ratios = rng.normal(size=(5, 20))
    ratios[2, 3] = np.nan
    vec = np.asarray(altman_z(*ratios))
    for i in range(20):
        scalar = altman_z(*(float(r[i]) for r in ratios))
        if i == 3:
            assert math.isnan(scalar) and math.isnan(vec[i])
        else:
            assert vec[i] == pytest.approx(scalar)
    assert isinstance(altman_z(0.1, 0.1, 0.1, 0.1, 0.1), float)


def test_missing_input_gives_nan_not_zero() -> None:
    nan = float("nan")
    assert math.isnan(altman_z_prime(WC / TA, nan, EBIT / TA, BVE / TL, SALES / TA))
    assert score_zone("altman_z_prime", nan) is None


def test_every_spec_has_a_reference_with_a_year() -> None:
    for name, spec in SCORE_SPECS.items():
        assert any(str(y) in spec.reference for y in range(1960, 2010)), name
        assert spec.zones_text()


def test_naive_distance_to_default_by_hand() -> None:
    # E = 100, short-term debt 20, long-term debt 60: F = 20 + 0.5 * 60 = 50.
    # sigma_E = 0.40, past-year return mu = 0.10, T = 1.
    # sigma_D = 0.05 + 0.25 * 0.40 = 0.15
    # sigma_V = 100/150 * 0.40 + 50/150 * 0.15 = 0.266667 + 0.05 = 0.316667
    # DD = (ln(150/50) + 0.10 - 0.316667^2 / 2) / 0.316667
    #    = (1.098612 + 0.10 - 0.050139) / 0.316667 = 1.148473 / 0.316667 = 3.626758
    # PD = N(-3.626758) ~ 1.43e-4 (normal table: N(-3.6) = 1.59e-4, N(-3.65) = 1.31e-4).
    debt = merton_debt(20.0, 60.0)
    assert debt == pytest.approx(50.0)
    dd = naive_distance_to_default(100.0, debt, 0.40, 0.10)
    assert dd == pytest.approx(3.626758, abs=2e-6)
    pd_ = naive_default_probability(dd)
    assert 1.31e-4 < pd_ < 1.59e-4
    assert pd_ == pytest.approx(0.5 * math.erfc(3.626758 / math.sqrt(2)), rel=1e-5)
    assert "Bharath" in MERTON_SPEC.reference and "2008" in MERTON_SPEC.reference


def test_naive_distance_to_default_falls_with_leverage_and_volatility() -> None:
    base = naive_distance_to_default(100.0, 50.0, 0.40, 0.10)
    assert naive_distance_to_default(100.0, 150.0, 0.40, 0.10) < base
    assert naive_distance_to_default(100.0, 50.0, 0.80, 0.10) < base
    assert naive_distance_to_default(100.0, 50.0, 0.40, -0.50) < base


def test_naive_distance_to_default_is_missing_outside_its_domain() -> None:
    values = naive_distance_to_default(
        np.array([100.0, 0.0, 100.0, 100.0, math.nan]),
        np.array([50.0, 50.0, 0.0, 50.0, 50.0]),
        np.array([0.4, 0.4, 0.4, 0.0, 0.4]),
        np.array([0.1, 0.1, 0.1, 0.1, 0.1]),
    )
    assert values[0] == pytest.approx(3.626758, abs=2e-6)
    assert np.isnan(values[1:]).all()
    assert math.isnan(merton_debt(math.nan, 60.0))


def test_equity_volatility_by_hand() -> None:
    # Closes 100, 110, 99, 108.9: log returns ln 1.1 = 0.0953102, ln 0.9 = -0.1053605,
    # ln 1.1; mean 0.0284200; squared deviations 0.0044743, 0.0178972, 0.0044743, sum
    # 0.0268458, / 2 = 0.0134229, sd 0.115857; times sqrt(252) = 15.874508: 1.83918.
    assert equity_volatility([100.0, 110.0, 99.0, 108.9]) == pytest.approx(1.83918, abs=1e-5)
    assert math.isnan(equity_volatility([100.0, 110.0]))  # one return: no sample sd
    assert math.isnan(equity_volatility([100.0, 0.0, 99.0]))
