"""The fast keyword scan finds exactly what the keyword regex finds.

The detector prefilters keyword positions with numpy (word starts whose first four
characters begin a keyword stem) and tries the keyword regex only there; this property test
holds it to the plain regex scan on random text built from the stems themselves, glued
and hyphenated words, non-ASCII letters and underscores, and on the seeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import risk.signals._detect as detect
from risk.signals._rules import load_rules

RULES = load_rules("en")
PIECES = [*list("ab c.-\n_(é’1"), "lay-off", "xlay", "12b-25", "ceo", "édefault", "_need"]
PIECES += sorted(RULES.keyword_rules)
# a stem's first four characters then something else: "compa" (company) against
# "completed", a hyphen inside a stem and before one, a short stem cut short
PIECES += ["comp", "compa", "lay-", "-lay", "12b-", "b-2", "no-", "bi", "wri", "ce", "-"]
# a longer stem's first eight characters cut or changed after the fourth: "restate"
# against "restrict", "determinatio", "suspe", "workforc"; the tail of one stem after
# the head of another ("compnel": "comp" + "nel" of "personnel")
PIECES += ["restrict", "determinatio", "suspe", "workforc", "compnel", "liquidit", "ban"]


def _plain(low: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in RULES.keyword_re.finditer(low)]


@pytest.fixture(autouse=True, params=[0, 10**9], ids=["tails", "no-tails"])
def _small_chunks(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    # Exercise the prefilter on short texts and across slice boundaries, with the
    # second table (the characters after a stem's first four) and without.
    monkeypatch.setattr(detect, "_PREFILTER_MIN_CHARS", 0)
    monkeypatch.setattr(detect, "_PREFILTER_CHUNK", 7)
    monkeypatch.setattr(detect, "_TAILS_MIN", request.param)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_fast_scan_equals_regex_scan_on_random_text(pieces: list[str]) -> None:
    low = "".join(pieces).lower()
    assert list(detect._keyword_matches(low, RULES)) == _plain(low)


def test_fast_scan_equals_regex_scan_on_the_seeds(seed_paths: dict[str, Path]) -> None:
    for path in seed_paths.values():
        low = path.read_text(encoding="utf-8", errors="replace").lower()
        hits = list(detect._keyword_matches(low, RULES))
        assert hits == _plain(low)
        assert hits  # the seeds do use the keywords


def test_the_shipped_rules_use_the_prefilter() -> None:
    # A stem the prefilter cannot represent switches it off for every text (the
    # two-letter "no" of "no longer serves as CEO" once did, silently).
    assert detect._prefilter_tables(RULES) is not None


@pytest.mark.parametrize("low", ["no", "x no", "no.", "a\nno", "ano", "not now", "n", ""])
def test_a_two_letter_stem_is_found_at_the_very_end(low: str) -> None:
    assert list(detect._keyword_matches(low, RULES)) == _plain(low)
