"""A row's probability depends on that row and the model alone.

Not on the table it is scored in, its position there, how many rows come with it, the
chunks the scorer cuts the rows into or the layout of the array: the same company
scored alone (a report) and inside a table (``score-table``, the batch) gets the same
bits. And the scorer, which never builds the design matrix, is the design matrix times
the coefficients to within a few units in the last place.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import risk.model._predict as predict_module
import risk.model._submodel as submodel_module
from risk.model import load_scorer
from risk.model._submodel import interp

SCORER = load_scorer()
NAMES = list(SCORER.feature_names)


def _table(seed: int, n: int) -> np.ndarray:
    """``n`` rows of the model's features: values spread over and beyond each
    feature's knots, some exactly at a knot, some missing or infinite; a market
    feature missing in some rows (the book submodel) and a core input in others
    (refused)."""
    rng = np.random.default_rng(seed)
    knots = {}
    for sub in SCORER.submodels.values():
        knots.update(zip(sub.columns, sub.knots, strict=False))
    out = np.empty((n, len(NAMES)))
    for j, name in enumerate(NAMES):
        kn = np.asarray(knots[name])
        span = kn[-1] - kn[0]
        col = rng.uniform(kn[0] - 0.3 * span, kn[-1] + 0.3 * span, n)
        special = rng.random(n)
        col[special < 0.08] = rng.choice(kn, n)[special < 0.08]
        col[(special >= 0.08) & (special < 0.13)] = math.nan
        col[(special >= 0.13) & (special < 0.14)] = math.inf
        col[(special >= 0.14) & (special < 0.15)] = -math.inf
        out[:, j] = col
    market = NAMES.index(SCORER.market_features[0])
    out[rng.random(n) < 0.3, market] = math.nan
    out[rng.random(n) < 0.05, NAMES.index("tl_ta")] = math.nan
    return out


def _predict(values: np.ndarray, chunk: int | None = None, block: int | None = None):
    """The scorer's probabilities, with the given chunk and block sizes."""
    saved = predict_module.CHUNK_ROWS, submodel_module.BLOCK_ROWS
    try:
        predict_module.CHUNK_ROWS = chunk or saved[0]
        submodel_module.BLOCK_ROWS = block or saved[1]
        return SCORER.predict(values)
    finally:
        predict_module.CHUNK_ROWS, submodel_module.BLOCK_ROWS = saved


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 150),
    chunk=st.sampled_from([1, 2, 3, 4, 5, 7, 8, 64, 2048]),
    block=st.sampled_from([1, 3, 4, 16, 61, 1024]),
)
def test_a_row_scored_alone_or_anywhere_in_a_table_gets_the_same_bits(seed, n, chunk, block):
    table = _table(seed, n + 1)
    row, others = table[:1], table[1:]
    alone = _predict(row)
    assert alone.shape == (1,)
    # at every position of a table of the other rows, whatever the chunk and block sizes
    # and the layout (feature_matrix gives Fortran order)
    for position in range(n + 1):
        values = np.insert(others, position, row[0], axis=0)
        got = _predict(values, chunk, block)[position]
        assert got.tobytes() == alone[0].tobytes(), (position, got, alone[0])
    got = _predict(np.asfortranarray(np.insert(others, n // 2, row[0], axis=0)), chunk, block)
    assert got[n // 2].tobytes() == alone[0].tobytes()
    # and every row of the table is its own value alone
    whole = _predict(table, chunk, block)
    singles = np.concatenate([_predict(table[i : i + 1]) for i in range(n + 1)])
    assert whole.tobytes() == singles.tobytes()


def test_the_tables_reach_every_submodel_and_refusal():
    # The property above is worth something only if its tables use both submodels,
    # refuse rows, and hit knots and missing values.
    values = _table(0, 400)
    _, used = SCORER.route(values)
    assert {"full", "book", ""} <= set(used.tolist())
    assert np.isnan(values).any()


def _design_logit(sub, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The reference: the design matrix times the coefficients, each row summed exactly
    (``math.fsum`` of the rounded products), and the sum of the products' sizes."""
    design = sub.design(values)
    products = design * np.asarray(sub.coef)
    exact = np.array([math.fsum([*row, sub.intercept]) for row in products])
    size = np.abs(products).sum(axis=1) + abs(sub.intercept)
    return exact, size


@pytest.mark.parametrize("label", ["full", "book"])
def test_log_odds_are_the_design_times_the_coefficients_within_a_few_ulp(label):
    sub = SCORER.submodels[label]
    cols = [NAMES.index(c) for c in sub.columns]
    values = _table(11, 3000)[:, cols]
    exact, size = _design_logit(sub, values)
    got = sub.raw_logit(values)
    # the rounding of a sum of ~160 terms of the sizes involved: a few ulp of their total
    error = np.abs(got - exact) / (size * np.finfo(float).eps)
    assert error.max() <= 8, error.max()
    # and the design matrix times the coefficients (what the scorer computed before)
    old = sub.design(values) @ np.asarray(sub.coef) + sub.intercept
    assert np.max(np.abs(got - old) / (size * np.finfo(float).eps)) <= 8


def test_interp_matches_numpy_value_by_value_and_is_row_independent():
    grid = np.array([-2.0, -0.5, 0.0, 0.3, 1.7, 4.0])
    ranks = np.array([0.0, 0.11, 0.37, 0.5, 0.93, 1.0])
    rng = np.random.default_rng(5)
    x = np.concatenate([rng.uniform(-3.0, 5.0, 200), grid, [-math.inf, math.inf, 9.0]])
    whole = interp(x, grid, ranks)
    # one value at a time, numpy computes each slope as a quotient, as interp always does
    for i, v in enumerate(x):
        assert whole[i].tobytes() == interp(x[i : i + 1], grid, ranks).tobytes()
        assert whole[i].tobytes() == np.interp([v], grid, ranks)[0].tobytes()
    # by hand: halfway between 0.3 and 1.7 is halfway between 0.5 and 0.93
    assert interp(np.array([1.0]), grid, ranks)[0] == pytest.approx(0.715)
    assert interp(np.array([-7.0, 7.0]), grid, ranks).tolist() == [0.0, 1.0]
