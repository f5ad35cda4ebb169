"""Amounts stated in prose (financials.md "facts"), checked against the seeds' text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import risk
from risk.financials import FactKind
from risk.signals import find_facts
from risk.signals._detect import parse_prose_amount

NEED = FactKind.FINANCING_NEED
RENEG = FactKind.DEBT_UNDER_RENEGOTIATION
REV = FactKind.REVENUE_ESTIMATE


def _folded(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        ("$5 million", 5_000_000.0),
        ("$4.90 million", 4_900_000.0),
        ("$509,589", 509_589.0),
        ("$1.2 billion", 1_200_000_000.0),
        ("$54\nmillion", 54_000_000.0),
        ("$ 18 million.", 18_000_000.0),
        ("$250 thousand", 250_000.0),
    ],
)
def test_parse_amount(raw: str, amount: float) -> None:
    assert parse_prose_amount(raw) == amount


@pytest.mark.parametrize("raw", ["$1,23", "$", "5 million", "$1,2345", "$1.2.3 million"])
def test_parse_amount_refuses_what_is_unclear(raw: str) -> None:
    assert parse_prose_amount(raw) is None


@pytest.mark.parametrize("number", ["001", "002"])
def test_seed_financing_need_and_debt(seed_paths: dict[str, Path], number: str) -> None:
    text = seed_paths[number].read_text(encoding="utf-8")
    facts = find_facts(text, document=seed_paths[number].name)
    by_kind = {f.kind: f for f in facts}
    assert set(by_kind) == {NEED, RENEG}
    # page 1: "must raise approximately $5 million in additional financing soon"
    assert by_kind[NEED].amount == 5_000_000.0
    assert "must raise approximately $5 million" in by_kind[NEED].quote
    # page 1: "renegotiate the terms on approximately $18 million in short-term debt(s) and
    # notes payable"
    assert by_kind[RENEG].amount == 18_000_000.0
    assert "renegotiate the terms on approximately $18 million" in by_kind[RENEG].quote
    for f in facts:
        assert _folded(text[f.span[0] : f.span[1]]) == f.quote
        assert f.period is None


def test_seed_004_revenue_estimate(seed_paths: dict[str, Path]) -> None:
    text = seed_paths["004"].read_text(encoding="utf-8")
    facts = find_facts(text, document="004")
    # "expects to report record revenues of approximately $54 million for 2001."
    assert [(f.kind, f.amount) for f in facts] == [(REV, 54_000_000.0)]
    fact = facts[0]
    assert fact.period is not None
    assert (fact.period.end, fact.period.months) == (date(2001, 12, 31), 12)
    assert "record revenues of approximately $54 million for 2001" in fact.quote
    assert _folded(text[fact.span[0] : fact.span[1]]) == fact.quote


def test_seed_003_has_no_fact(seed_paths: dict[str, Path]) -> None:
    text = seed_paths["003"].read_text(encoding="utf-8")
    assert find_facts(text, document="003") == []


def test_facts_through_extract(seed_paths: dict[str, Path]) -> None:
    filing = risk.extract(seed_paths["004"])
    assert [(f.kind, f.amount) for f in filing.facts] == [(REV, 54_000_000.0)]
    filing = risk.extract(seed_paths["001"])
    assert sorted((f.kind.value, f.amount) for f in filing.facts) == [
        ("debt_under_renegotiation", 18_000_000.0),
        ("financing_need", 5_000_000.0),
    ]


@pytest.mark.parametrize(
    ("asserted", "mentioned", "kind", "amount"),
    [
        (
            "The Company needs to raise $2.5 million of new capital by June.",
            "If the Company needs to raise $2.5 million of new capital, it will issue stock.",
            NEED,
            2_500_000.0,
        ),
        (
            "We will require approximately $1.2 billion of additional financing in 2004.",
            "Forward-looking statements, such as that we will require approximately $1.2 "
            "billion of additional financing, involve risks and uncertainties.",
            NEED,
            1_200_000_000.0,
        ),
        (
            "The Company is renegotiating approximately $509,589 of notes payable with its bank.",
            "The Company is not renegotiating approximately $509,589 of notes payable.",
            RENEG,
            509_589.0,
        ),
    ],
)
def test_facts_both_ways(asserted: str, mentioned: str, kind: FactKind, amount: float) -> None:
    assert [(f.kind, f.amount) for f in find_facts(asserted, document="t")] == [(kind, amount)]
    assert find_facts(mentioned, document="t") == []


def test_revenue_estimate_for_a_fiscal_year_has_no_period() -> None:
    text = "The Company expects to report revenues of approximately $4.90 million for fiscal 2002."
    facts = find_facts(text, document="t")
    assert [(f.kind, f.amount, f.period) for f in facts] == [(REV, 4_900_000.0, None)]


def test_offset_and_document_type() -> None:
    text = "The Company must raise approximately $5 million in additional financing."
    (fact,) = find_facts(text, document="d", document_type="EX-99.1", offset=100)
    assert fact.span == (100, 100 + len(text))
    assert fact.document_type == "EX-99.1"
