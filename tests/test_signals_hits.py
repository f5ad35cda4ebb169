"""The keyword hits a reader keeps: the bound per keyword, and the hits each table keeps.

``_Reader.hits`` drops a keyword's hits past :data:`MAX_HITS_PER_KEYWORD` (counted in
one pass, dropped only when a keyword is over it) and ``_Reader.hits_for`` keeps those
whose keyword has a rule in a table (the signals' and the prose facts' own). Both are
held here to a plain loop over the keyword regex's matches written in the test.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

import risk.signals._detect as detect
from risk.signals._rules import load_rules

RULES = load_rules("en")
#: stems with rules of both tables, of one only, and text around them
PIECES = ["no ", "not ", "need ", "default ", "resigned ", "going concern ", "waive "]
PIECES += ["the ", "a ", ". ", "\n", "x", "raise $5 million ", "bankruptcy "]


def _reference(low: str, bound: int) -> list[tuple[str, int]]:
    """Every match of the keyword regex, the first ``bound`` of each stem kept."""
    seen: dict[str, int] = {}
    out = []
    for m in RULES.keyword_re.finditer(low):
        seen[m.group()] = seen.get(m.group(), 0) + 1
        if seen[m.group()] <= bound:
            out.append((m.group(), m.start()))
    return out


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=80), bound=st.sampled_from([1, 2, 3, 400]))
def test_hits_keep_the_first_ones_of_each_keyword(pieces: list[str], bound: int) -> None:
    text = "".join(pieces)
    with mock.patch.object(detect, "MAX_HITS_PER_KEYWORD", bound):
        hits = detect._Reader(text, RULES, None).hits()
    assert hits == _reference(text.lower(), bound)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=80))
def test_each_table_keeps_the_hits_of_its_keywords(pieces: list[str]) -> None:
    text = "".join(pieces)
    reader = detect._Reader(text, RULES, None)
    hits = _reference(text.lower(), detect.MAX_HITS_PER_KEYWORD)
    for table in (RULES.keyword_rules, RULES.keyword_facts):
        assert reader.hits_for(table) == [(g, p) for g, p in hits if table[g]]
        assert reader.hits_for(table) is reader.hits_for(table)  # one list per table


def test_the_tables_keep_different_hits() -> None:
    # "raise" has a prose-fact rule only and "resign" a signal rule only (checked here
    # so the test above compares two different filters).
    assert RULES.keyword_facts["raise"] and not RULES.keyword_rules["raise"]
    assert RULES.keyword_rules["resign"] and not RULES.keyword_facts["resign"]
    reader = detect._Reader("We must raise $5 million. He resigned.", RULES, None)
    assert [g for g, _ in reader.hits_for(RULES.keyword_facts)] == ["raise"]
    assert [g for g, _ in reader.hits_for(RULES.keyword_rules)] == ["must", "resign"]


def test_a_keyword_over_its_bound_keeps_the_first_ones_only() -> None:
    text = "no " * 405 + "need"
    hits = detect._Reader(text, RULES, None).hits()
    assert [p for g, p in hits if g == "no"] == [3 * i for i in range(400)]
    assert hits[-1] == ("need", 3 * 405)  # another keyword after the bound is kept
