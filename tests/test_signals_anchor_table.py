"""The table of the shipped rules' anchors (``risk/signals/rules/anchors.json``).

A rule reads its anchors from the table when its regex is there, and works them out when
it is not; either way they must be what :func:`required_literals` and
:func:`branch_literals` return, or the detector would skip windows differently.
"""

from __future__ import annotations

import re

import pytest

from risk.financials import SignalKind
from risk.signals._anchor_table import (
    TABLE,
    anchors_of,
    build_table,
    shipped_anchors,
    shipped_keys,
    table_text,
)
from risk.signals._anchors import branch_literals, required_literals
from risk.signals._rules import Rule, load_rules

REBUILD = 'rebuild it: python -c "from risk.signals._anchor_table import main; main()"'


def test_the_table_is_a_fresh_build_of_the_shipped_rules() -> None:
    assert TABLE.read_text(encoding="utf-8") == table_text(build_table(shipped_keys())), REBUILD


def test_every_shipped_rule_is_in_the_table() -> None:
    rules = load_rules("en")
    missing = [r.id for r in (*rules.rules, *rules.facts) if shipped_anchors(*r.anchor_key) is None]
    assert not missing, REBUILD


def test_the_table_holds_what_the_functions_return() -> None:
    # worked out here from the compiled regex, not through the table's own builder
    rules = load_rules("en")
    for rule in (*rules.rules, *rules.facts):
        keywords = tuple(k.lower() for k in rule.keywords)
        pattern = re.compile(rule.regex_text)
        assert shipped_anchors(*rule.anchor_key) == (
            required_literals(pattern, keywords),
            branch_literals(pattern, keywords),
        ), rule.id


def test_a_shipped_rule_reads_its_anchors_without_compiling_its_regex() -> None:
    shipped = load_rules("en").rules[0]
    rule = Rule(
        source=shipped.source,
        where=shipped.where,
        id=shipped.id,
        kind=shipped.kind,
        keywords=shipped.keywords,
    )
    branches, strings = rule.branch_anchors, rule.anchor_strings
    assert "pattern" not in vars(rule)
    assert branches == branch_literals(rule.pattern, tuple(k.lower() for k in rule.keywords))
    assert strings is not None and set(strings) <= set(rule._literals or ())


def test_a_regex_not_in_the_table_is_worked_out() -> None:
    rule = Rule(
        source=r"Widget (?:recall|shortage)",
        where="test rule widget",
        id="widget",
        kind=SignalKind.GOING_CONCERN_DOUBT,
        keywords=("widget",),
    )
    assert shipped_anchors(*rule.anchor_key) is None
    # by hand: ``re`` inlines the group, so the regex is two branches sharing "widget"
    # (a keyword: tested last); the best single set is the two words, no keyword
    assert rule.branch_anchors == ((("recall",), ("widget",)), (("shortage",), ("widget",)))
    assert rule.anchor_strings == ("recall", "shortage")
    assert "pattern" in vars(rule)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\bgoing\s+concern\b", (("concern",), ((("concern",), ("going",)),))),
        (r"abc|\d+", (None, None)),
    ],
)
def test_anchors_of_by_hand(text: str, expected: object) -> None:
    assert anchors_of(text, 0, ("going",)) == expected
