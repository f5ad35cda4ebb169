"""The submodel's design matrix, checked against its definition worked by hand."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest

from risk.model import Interaction, SubModel


def _submodel() -> SubModel:
    # Two features and one pairwise term; knots (0, 1, 3) for x, (-1, 1) for y and
    # (0, 0.5) for the term; y's missingness has its own column.
    return SubModel(
        columns=("x", "y"),
        knots=((0.0, 1.0, 3.0), (-1.0, 1.0), (0.0, 0.5)),
        median=(2.0, 0.0),
        indicators=("y",),
        mean=(0.5, 1.0, 0.0, 0.1, 0.25),
        scale=(0.5, 2.0, 1.0, 0.5, 0.5),
        coef=(1.0, 2.0, -1.0, 4.0, 0.5),
        intercept=-3.0,
        calibration=(0.0, 1.0),
        interactions=(
            Interaction(
                name="x*y",
                first="x",
                first_direction=1,
                first_grid=(0.0, 4.0),
                first_ranks=(0.0, 1.0),
                second="y",
                second_direction=-1,
                second_grid=(-2.0, 2.0),
                second_ranks=(0.0, 1.0),
            ),
        ),
    )


def test_design_columns_are_ramps_then_indicators_standardised():
    sub = _submodel()
    values = np.array([[2.0, 0.5], [5.0, math.nan], [-1.0, -3.0]])
    design = sub.design(values)
    # Row 1: x = 2 -> ramps (1, 1); y = 0.5 -> ramp 1.5; term = rank(2 on 0..4) = 0.5
    # times (1 - rank(0.5 on -2..2) = 1 - 0.625) = 0.1875 -> ramp 0.1875; y present.
    # Row 2: x = 5 -> (1, 2); y missing, imputed 0 -> ramp 1; term = 1 * 0.5 = 0.5
    # -> 0.5; indicator 1.
    # Row 3: x = -1 -> (0, 0); y = -3 -> 0; term = 0 * 1 = 0; indicator 0.
    raw = np.array(
        [
            [1.0, 1.0, 1.5, 0.1875, 0.0],
            [1.0, 2.0, 1.0, 0.5, 1.0],
            [0.0, 0.0, 0.0, 0.0, 0.0],
        ]
    )
    expected = (raw - np.array(sub.mean)) / np.array(sub.scale)
    assert design.shape == (3, 5)
    np.testing.assert_array_equal(design, expected)


def test_logit_is_the_design_times_the_coefficients():
    sub = _submodel()
    values = np.array([[2.0, 0.5]])
    # design row 1 above: (1, 0, 1.5, 0.175, -0.5); times coef (1, 2, -1, 4, 0.5)
    # = 1 + 0 - 1.5 + 0.7 - 0.25 = -0.05; plus intercept -3.
    assert sub.raw_logit(values)[0] == pytest.approx(-3.05)


def test_design_does_not_depend_on_how_many_rows_are_scored_together():
    sub = _submodel()
    rng = np.random.default_rng(1)
    values = rng.normal(1.0, 2.0, size=(1000, 2))
    values[rng.random(1000) < 0.2, 1] = math.nan
    whole = sub.raw_logit(values)
    pieces = np.concatenate([sub.raw_logit(values[i : i + 8]) for i in range(0, 1000, 8)])
    assert whole.tobytes() == pieces.tobytes()


def _column_at_a_time(sub: SubModel, values: np.ndarray) -> np.ndarray:
    """The design by its definition, one column at a time (the reference arithmetic)."""
    terms, missing = sub.term_values(values)
    pos = {c: i for i, c in enumerate(sub.columns)}
    columns, k = [], 0
    for j, kn in enumerate(sub.knots):
        for a, b in pairwise(kn):
            ramp = np.clip(terms[:, j], a, b) - a
            columns.append((ramp - sub.mean[k]) / sub.scale[k])
            k += 1
    for column in sub.indicators:
        columns.append((missing[:, pos[column]].astype(float) - sub.mean[k]) / sub.scale[k])
        k += 1
    return np.column_stack(columns)


def test_design_in_blocks_is_bit_identical_to_one_column_at_a_time():
    """The design is built in blocks of TILE_ROWS rows against tiled constants; every
    value must be the one the definition gives, to the bit, in every block and in a
    last, shorter block (150 rows: two blocks of 64 and one of 22)."""
    from risk.model._submodel import TILE_ROWS

    sub = _submodel()
    rng = np.random.default_rng(3)
    values = rng.normal(1.0, 2.0, size=(150, 2))
    values[rng.random(150) < 0.2, 1] = math.nan
    values[:6, 0] = [0.0, 1.0, 3.0, -math.inf, math.inf, -0.0]  # knots and limits
    assert 2 * TILE_ROWS < 150
    assert sub.design(values).tobytes() == _column_at_a_time(sub, values).tobytes()


def test_log_odds_read_columns_in_place():
    """``columns`` picks the submodel's columns out of a wider array without changing a
    bit, in C and in Fortran order."""
    sub = _submodel()
    rng = np.random.default_rng(4)
    wide = rng.normal(1.0, 2.0, size=(300, 4))
    wide[rng.random(300) < 0.2, 3] = math.nan
    columns = np.array([2, 3])  # x is column 2, y column 3
    expected = sub.logit(np.ascontiguousarray(wide[:, columns]))
    assert sub.logit(wide, columns=columns).tobytes() == expected.tobytes()
    fortran = np.asfortranarray(wide)
    assert sub.logit(fortran, columns=columns).tobytes() == expected.tobytes()
