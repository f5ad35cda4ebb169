"""Required literals of a rule's regex: every match contains one of them.

The detector skips a keyword hit when none of the literals lies within the rule's reach,
so a literal that some match lacks would lose a signal. Checked by hand on small
regexes, and on every shipped rule against the matches it finds in the seeds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.signals._anchors import required_literals
from risk.signals._rules import load_rules

RULES = load_rules("en")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bgoing concern\b", ("going concern",)),
        (r"cfo|ceo|chief\s+officer", ("ceo", "cfo", "officer")),  # re factors out the "c"
        # a run of elements matching a few exact strings: their concatenations
        (
            r"(?:filed|files) for chapter (?:7|11)",
            tuple(sorted(f"{v} for chapter {n}" for n in ("7", "11") for v in ("filed", "files"))),
        ),
        (r"not\s+(?:yet\s+)?been\s+(?:delayed|postponed)", ("delayed", "postponed")),
        (r"(?:a|b)xyz", ("axyz", "bxyz")),
        (r"\bdefault\b", ("default",)),
    ],
)
def test_literals_by_hand(pattern: str, expected: tuple[str, ...]) -> None:
    assert required_literals(re.compile(pattern)) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:abc)?def?",  # the longest required literal "de" is too short to test for
        r"abc|\d+",  # a branch with no literal: nothing is required
        r"(?=abcd)\w+",  # a lookahead's text is not part of the match
        r"(?i)abcd",  # case-insensitive: literals do not tell
        r"(?:xyz)*",
    ],
)
def test_no_literals(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) is None


def test_keywords_are_the_last_resort() -> None:
    # "resigned" is at every hit of the keyword "resign": "ceo" tells more
    pattern = re.compile(r"resigned\s+as\s+(?:ceo|cfo)")
    assert required_literals(pattern) == ("resigned",)
    assert required_literals(pattern, ("resign",)) == ("ceo", "cfo")


def test_the_shipped_rules_mostly_have_literals() -> None:
    rules = [*RULES.rules, *RULES.facts]
    with_anchor = [r.id for r in rules if r.anchor is not None]
    assert len(with_anchor) >= 0.8 * len(rules)


def test_every_match_in_the_seeds_contains_a_literal(seed_paths: dict[str, Path]) -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace").lower() for p in seed_paths.values()]
    matched = 0
    for rule in [*RULES.rules, *RULES.facts]:
        if rule.anchor is None:
            continue
        for low in texts:
            for m in rule.pattern.finditer(low):
                matched += 1
                assert rule.anchor.search(m.group()), (rule.id, m.group())
    assert matched  # the seeds do hold matches


_WORDS = sorted({w for r in RULES.rules for w in re.findall(r"[a-z]{2,}", r.source.lower())})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_WORDS, " ", ", ", ". ", "'s ", "1", "$5 million "]), max_size=40)
)
def test_every_match_in_random_text_contains_a_literal(pieces: list[str]) -> None:
    low = " ".join(pieces)
    for rule in [*RULES.rules, *RULES.facts]:
        if rule.anchor is None:
            continue
        for m in rule.pattern.finditer(low):
            assert rule.anchor.search(m.group()), (rule.id, m.group())
