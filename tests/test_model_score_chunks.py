"""How score_frame cuts a large table into chunks of whole entities (risk.model._score)."""

from __future__ import annotations

import math

import numpy as np

from risk.model._score import _chunks, _sorted_codes


def test_entities_are_ranked_by_their_text():
    # Texts sorted: "5" < "a" < "b" < "é"; the number 5 and the text "5" are one entity,
    # as when every entity is printed first.
    entity = np.array(["b", "a", "b", 5, "5", "é"], dtype=object)
    assert _sorted_codes(entity).tolist() == [2, 1, 2, 0, 0, 3]


def test_missing_entities_are_ranked_as_printed():
    # None prints "None" and NaN "nan": two entities ("None" < "a" < "nan").
    entity = np.array(["a", None, math.nan, "a", None], dtype=object)
    assert _sorted_codes(entity).tolist() == [1, 0, 2, 1, 0]


def test_codes_are_those_of_numpy_unique_on_the_texts():
    rng = np.random.default_rng(0)
    entity = np.array([f"co{i}" for i in rng.integers(0, 500, 5000)], dtype=object)
    entity[::7] = rng.integers(0, 50, len(entity[::7]))
    expected = np.unique(entity.astype(str), return_inverse=True)[1].ravel()
    assert np.array_equal(_sorted_codes(entity), expected)


def test_chunks_hold_whole_entities_and_every_row_once():
    # Entities of 3 rows, interleaved; chunks of at least 10 rows end where an entity
    # ends: 4 entities (12 rows) per chunk, 20 entities -> 5 chunks.
    entity = np.array([f"e{i % 20:02d}" for i in range(60)], dtype=object)
    chunks = _chunks(entity, 10)
    assert [len(c) for c in chunks] == [12, 12, 12, 12, 12]
    assert sorted(np.concatenate(chunks).tolist()) == list(range(60))
    for chunk in chunks:
        assert set(entity[chunk]).isdisjoint(set(entity[np.setdiff1d(np.arange(60), chunk)]))
        assert np.all(np.diff(chunk) > 0)  # rows in table order within a chunk
