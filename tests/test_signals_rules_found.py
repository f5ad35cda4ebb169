"""``ContextRules.found`` searches a check's entries one by one (issue 18): the answer
must be the one the check's whole alternation gives, as it did before.

The reference below is written here: the hints, then one search of the alternation
``load_rules`` compiles from all the entries of the check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.signals._rules import _SPLIT_CHECKS, ContextRules, _branches, load_rules

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CHECKS = ("double_negation", "negation_anywhere", "standard", "safe_harbor", "definition")


def reference(ctx: ContextRules, name: str, text: str) -> bool:
    hints = ctx.hints.get(name)
    if hints is not None and not any(h in text for h in hints):
        return False
    alternation: re.Pattern[str] = getattr(ctx, name)
    return alternation.search(text) is not None


def test_the_checks_searched_entry_by_entry_are_split() -> None:
    ctx = load_rules("en").context
    for name in _SPLIT_CHECKS:
        assert name in ctx.entries
        ctx.found(name, " ".join(ctx.hints.get(name, ())))  # past the hints
        split = ctx._split[name]
        assert split is not None and len(split) == len(ctx.entries[name]) > 1


def test_an_entry_with_a_group_keeps_the_whole_alternation() -> None:
    # alone, ``\1`` is the entry's own group; in the alternation it would be another's
    assert _branches((r"\bfoo\b", r"(bar)\s+\1"), where="test") is None
    entries = _branches((r"\bgoing concern\b", r"\bfoo\b"), where="test")
    assert entries is not None
    assert [e.pattern for _, e in entries] == [r"\bgoing\s+concern\b", r"\bfoo\b"]
    # every match holds "going" and "concern": the longer (rarer) one is the test
    assert entries[0][0] == ("concern",)


# Words the checks' entries and hints are made of, and some that are not: texts drawn
# from them meet the entries often, and half-meet them (a hint with no match) too.
_VOCABULARY = (
    "no longer exists write-downs write-offs impairment impaired not been alleviated "
    "asu no. 2014-15 asc 205-40 fasb accounting standards update entity's ability "
    "forward-looking statements safe harbor actual results may differ factors that could "
    "including but not limited to among others uncertainties means defined as in shall mean "
    "events of default gaap reconciliation such as excludes contains has been resolved "
    "were eliminated in full compliance depreciated in any the company we our going concern "
    "substantial doubt covenant waiver lender notes , ; . ( ) \" “ ” ' ’ - 2002"
)
_WORDS = tuple(_VOCABULARY.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.sampled_from(CHECKS))
def test_found_agrees_with_the_whole_alternation_on_drawn_text(words: list[str], name: str) -> None:
    ctx = load_rules("en").context
    text = " ".join(words)
    assert ctx.found(name, text) is reference(ctx, name, text)


def _windows(text: str, size: int, step: int) -> list[str]:
    low = text.lower()
    return [low[i : i + size] for i in range(0, max(len(low) - size, 0) + 1, step)]


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not present")
def test_found_agrees_with_the_whole_alternation_on_the_seeds_and_corpus() -> None:
    ctx = load_rules("en").context
    paths = sorted((SHARED / "seeds").glob("*.txt"))
    paths += sorted((SHARED / "corpus" / "docs").glob("*8-K*.txt"))[:6]
    matched = dict.fromkeys(CHECKS, 0)
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for window in _windows(text, 600, 211) + _windows(text, 3000, 1499):
            for name in CHECKS:
                want = reference(ctx, name, window)
                assert ctx.found(name, window) is want, (path.name, name, window)
                matched[name] += want
    # the texts exercise the checks: each finds something somewhere
    assert all(matched[name] > 0 for name in ("negation_anywhere", "safe_harbor", "definition"))
