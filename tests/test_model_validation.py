"""``risk.model.fit_platt``: the out-of-time calibration map of the walk-forward."""

from __future__ import annotations

import math

import numpy as np

from risk.model import fit_platt


def test_fit_platt_recovers_the_map_the_labels_were_drawn_from():
    rng = np.random.default_rng(7)
    raw = rng.normal(-4.0, 1.5, size=200_000)
    a, b = -1.0, 0.6  # true calibrated logit = -1 + 0.6 * raw
    p = 1.0 / (1.0 + np.exp(-(a + b * raw)))
    y = (rng.random(raw.size) < p).astype("float64")
    fitted_a, fitted_b = fit_platt(raw, y)
    assert abs(fitted_b - b) < 0.05
    assert abs(fitted_a - a) < 0.25


def test_fit_platt_never_reverses_the_ranking():
    # Labels that fall as the raw logit rises: the slope is held at zero (a map may
    # recalibrate the level, never turn the model's order round), and the intercept
    # is then the log-odds of the observed rate, 1 in 4 here: log(1/3).
    raw = np.array([-3.0, -2.0, -1.0, 0.0] * 50)
    y = np.array([1.0, 0.0, 0.0, 0.0] * 50)
    a, b = fit_platt(raw, y)
    assert b == 0.0
    assert math.isclose(a, math.log(1 / 3), abs_tol=1e-4)
