"""Rule patterns are compiled on first use, and every shipped pattern compiles.

Compiling all the rules at load was the largest start-up cost of ``risk score``; a rule
is now compiled when a keyword of it first occurs. This file keeps the fail-loudly
promise for the shipped rules files: every pattern compiles, and a malformed one names
the file and the rule when it is first used.
"""

from __future__ import annotations

import re

import pytest

from risk.financials import FactKind, SignalKind
from risk.signals import detect_signals
from risk.signals._rules import RULES_DIR, FactRule, Rule, load_rules

LANGUAGES = sorted(p.stem for p in RULES_DIR.glob("*.toml") if len(p.stem) <= 3)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_pattern_compiles(language: str) -> None:
    rules = load_rules(language)
    assert rules.rules and rules.facts
    for rule in rules.rules:
        assert isinstance(rule.pattern, re.Pattern), rule.id
    for fact in rules.facts:
        assert "amount" in fact.pattern.groupindex, fact.id


def test_a_malformed_rule_names_the_file_and_rule_on_first_use() -> None:
    rule = Rule(
        source="going concern (",
        where="en.toml rule broken",
        id="broken",
        kind=SignalKind.GOING_CONCERN_DOUBT,
        keywords=("going",),
    )
    with pytest.raises(ValueError, match=r"en\.toml rule broken: invalid regular expression"):
        _ = rule.pattern


def test_a_fact_rule_without_an_amount_group_is_refused() -> None:
    fact = FactRule(
        source=r"cash of \$\d+",
        where="en.toml fact nocash",
        id="nocash",
        kind=next(iter(FactKind)),
        keywords=("cash",),
    )
    with pytest.raises(ValueError, match="named group 'amount'"):
        _ = fact.pattern


def test_rules_whose_keywords_do_not_occur_stay_uncompiled() -> None:
    load_rules.cache_clear()
    try:
        rules = load_rules("en")
        detect_signals("The weather was fine and sales rose in the quarter.", document="note.txt")
        compiled = [r.id for r in rules.rules if "pattern" in r.__dict__]
        assert len(compiled) < len(rules.rules) // 2
    finally:
        load_rules.cache_clear()
