"""How score_frame cuts a large table into chunks of whole entities (risk.model._score),
and that a table scored in chunks gets the scores of the table scored in one piece."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import risk.model._score as score_module
from risk.model import load_scorer, score_frame
from risk.model._score import _chunks
from risk.timelines import as_columns, entity_codes


def _codes(entity: pd.Series) -> np.ndarray:
    return entity_codes(as_columns(pd.DataFrame({"entity": entity})))


def _rows(chunk: slice | np.ndarray, n: int) -> np.ndarray:
    return np.arange(n)[chunk]


def _entities_whole(entity: pd.Series, chunks: list) -> None:
    """Every row in one chunk, and no entity in two chunks (missing entities as one)."""
    n = len(entity)
    rows = [_rows(c, n) for c in chunks]
    assert sorted(np.concatenate(rows).tolist()) == list(range(n))
    key = entity.fillna("<missing>").to_numpy()
    seen: set[object] = set()
    for part in rows:
        here = set(key[part])
        assert here.isdisjoint(seen)
        seen |= here


def test_interleaved_entities_are_grouped_each_in_table_order():
    # Entities of 3 rows, interleaved; chunks of at least 10 rows end where an entity
    # ends: 4 entities (12 rows) per chunk, 20 entities -> 5 chunks.
    entity = pd.Series([f"e{i % 20:02d}" for i in range(60)], dtype=object)
    chunks = _chunks(_codes(entity), 10)
    assert [len(c) for c in chunks] == [12, 12, 12, 12, 12]
    _entities_whole(entity, chunks)
    assert chunks[0].tolist() == [0, 20, 40, 1, 21, 41, 2, 22, 42, 3, 23, 43]


def test_entities_in_runs_are_cut_into_slices():
    # Runs of 3, 4, 5, 3, 4, 5 ... rows; a chunk ends at the first run end at or past
    # 10 rows: 3+4+5 = 12 rows each.
    entity = pd.Series([f"e{k}" for k in range(12) for _ in range(3 + k % 3)], dtype="str")
    chunks = _chunks(_codes(entity), 10)
    assert chunks == [slice(0, 12), slice(12, 24), slice(24, 36), slice(36, 48)]
    _entities_whole(entity, chunks)


def test_none_and_nan_are_one_missing_entity():
    # Scoring tells entities apart with pd.factorize, where None and NaN are the same
    # missing entity: a chunk must hold them together (its prior years can be either).
    entity = pd.Series(
        ["a", None, "b", "c", math.nan, "d", "a", "b", None, "c", "d", math.nan], dtype=object
    )
    chunks = _chunks(_codes(entity), 3)
    _entities_whole(entity, chunks)
    together = [c for c in chunks if {1, 4, 8, 11} & set(_rows(c, 12).tolist())]
    assert len(together) == 1 and len(chunks) > 2


def test_small_table_is_one_chunk():
    assert _chunks(_codes(pd.Series(["b", "a", "b"])), 3) == [slice(0, 3)]


def _table(seed: int, *, grouped: bool) -> pd.DataFrame:
    """Made-up companies, 1-7 years each, some years skipped, some quarters and rows
    the model refuses, a few rows without an entity (None and NaN)."""
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(40):
        entity: object = f"co{rng.integers(0, 10**6)}"
        if k in (5, 6):
            entity = None if k == 5 else math.nan
        years = np.sort(rng.choice(np.arange(2000, 2012), size=rng.integers(1, 8), replace=False))
        for year in years:
            assets = float(rng.lognormal(18, 2))
            row = {
                "entity": entity,
                "period_end": pd.Timestamp(f"{year}-12-31"),
                "months": 12 if rng.random() > 0.1 else 3,
                "total_assets": assets if rng.random() > 0.05 else math.nan,
                "total_liabilities": assets * rng.uniform(0.2, 1.5),
                "current_assets": assets * rng.uniform(0.1, 0.6),
                "current_liabilities": assets * rng.uniform(0.05, 0.5),
                "retained_earnings": assets * rng.normal(0.0, 0.4),
                "revenue": assets * rng.uniform(0.2, 2.0),
                "operating_income": assets * rng.normal(0.03, 0.1),
                "net_income": assets * rng.normal(0.01, 0.1),
                "market_value_equity": assets * rng.uniform(0.1, 3.0)
                if rng.random() > 0.3
                else math.nan,
            }
            rows.append(row)
    frame = pd.DataFrame(rows)
    if not grouped:  # entities interleaved: the rows in a random order
        frame = frame.take(rng.permutation(len(frame)))
    return frame.set_index(pd.RangeIndex(1000, 1000 + len(frame)))


@pytest.mark.parametrize("grouped", [True, False])
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("chunk_rows", [1, 7, 30])
def test_chunked_scores_are_the_table_scored_in_one_piece(monkeypatch, seed, grouped, chunk_rows):
    frame = _table(seed, grouped=grouped)
    scorer = load_scorer()
    whole = score_frame(frame, scorer)
    assert len(frame) > 4 * chunk_rows  # several chunks
    assert whole["prior_year"].any() and not whole["prior_year"].all()
    assert whole["probability"].notna().any() and whole["refusal"].ne("").any()
    monkeypatch.setattr(score_module, "TABLE_CHUNK_ROWS", chunk_rows)
    chunks = _chunks(_codes(frame["entity"]), chunk_rows)
    assert len(chunks) > 3
    assert isinstance(chunks[0], slice) is grouped
    pd.testing.assert_frame_equal(score_frame(frame, scorer), whole, check_exact=True)


def test_a_missing_entity_finds_its_prior_year_across_chunks(monkeypatch):
    # Regression: the chunks once told None ("None") from NaN ("nan") by their printed
    # text while scoring takes both for one missing entity, so a NaN row whose prior
    # year had a None entity lost it when chunked (not on a table of read_table, which
    # refuses an empty entity).
    frame = _table(0, grouped=True).iloc[:4].copy()
    frame["entity"] = pd.Series([None, "x", "y", math.nan], dtype=object, index=frame.index)
    frame["period_end"] = pd.to_datetime(["2001-12-31", "2001-12-31", "2001-12-31", "2002-12-31"])
    frame["months"] = 12
    frame["total_assets"] = 1e8
    scorer = load_scorer()
    whole = score_frame(frame, scorer)
    assert whole["prior_year"].tolist() == [False, False, False, True]
    monkeypatch.setattr(score_module, "TABLE_CHUNK_ROWS", 1)
    pd.testing.assert_frame_equal(score_frame(frame, scorer), whole, check_exact=True)
