"""Signals across a company's filings: an officer replaced (seed 003's Interim CFO)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import risk
from risk.financials import Filing, SignalKind
from risk.signals import cross_filing_signals
from risk.signals._cross import officers

MGMT = SignalKind.MANAGEMENT_CHANGE


def _contacts(cfo: str, ceo: str = "Dr. Mohd A. Aslami, President/CEO") -> str:
    return (
        "News.\n\nCONTACTS:\n\nAT THE COMPANY:                           AT THE AGENCY:\n"
        f"{ceo:<42}Alison Ziegler - General Info.\n"
        f"{cfo:<42}212/445-8432\n508/248-3900\n"
    )


def _filing(source: str, text: str, filed: date | None) -> Filing:
    return Filing(
        source=source, sha256=hashlib.sha256(text.encode()).hexdigest(), filed=filed, form="8-K"
    )


def test_officers_of_the_seeds(seed_paths: dict[str, Path]) -> None:
    # contact blocks at the end of page 3 (001, 002) and page 2 (003)
    text1 = seed_paths["001"].read_text(encoding="utf-8")
    found = {(o.role, o.name, o.interim) for o in officers(text1)}
    assert found == {("CEO", "Mohd A. Aslami", False), ("CFO", "Robert Lobban", False)}
    text3 = seed_paths["003"].read_text(encoding="utf-8")
    cfo = [o for o in officers(text3) if o.role == "CFO"]
    assert [(o.name, o.title, o.interim) for o in cfo] == [("John Ronnquist", "Interim CFO", True)]
    assert text3[cfo[0].span[0] : cfo[0].span[1]] == "John Ronnquist, Interim CFO"
    assert officers(seed_paths["004"].read_text(encoding="utf-8")) == []


def test_cross_filing_on_the_seeds(seed_paths: dict[str, Path]) -> None:
    filings = [risk.extract(seed_paths[n]) for n in ("003", "001", "002")]  # out of order
    signals = cross_filing_signals(filings)
    assert len(signals) == 1
    (signal,) = signals
    assert signal.kind is MGMT and signal.rule == "cross.officer_changed"
    assert signal.quote == "John Ronnquist, Interim CFO"
    assert signal.document == str(seed_paths["003"])
    text3 = seed_paths["003"].read_text(encoding="utf-8")
    assert text3[signal.span[0] : signal.span[1]] == signal.quote


def test_same_officers_give_nothing() -> None:
    a = _contacts("Robert Lobban, CFO")
    b = _contacts("Robert Lobban, CFO")
    filings = [_filing("a", a, date(2003, 5, 19)), _filing("b", b, date(2003, 5, 22))]
    assert cross_filing_signals(filings, texts={"a": a, "b": b}) == []


def test_ceo_change_and_order_by_filed_date() -> None:
    old = _contacts("Robert Lobban, CFO", ceo="Dr. Mohd A. Aslami, President/CEO")
    new = _contacts("Robert Lobban, CFO", ceo="Jane Roe, Chief Executive Officer")
    texts = {"old": old, "new": new}
    # given newest first: ordered by filed date, the change is in "new"
    filings = [_filing("new", new, date(2004, 1, 5)), _filing("old", old, date(2003, 1, 5))]
    (signal,) = cross_filing_signals(filings, texts=texts)
    assert signal.document == "new"
    assert signal.quote == "Jane Roe, Chief Executive Officer"
    # without dates the order given is kept: then the change is in "old"
    undated = [_filing("new", new, None), _filing("old", old, date(2003, 1, 5))]
    (signal,) = cross_filing_signals(undated, texts=texts)
    assert signal.document == "old"


def test_filings_without_text_are_skipped(tmp_path: Path) -> None:
    a = _contacts("Robert Lobban, CFO")
    b = _contacts("John Ronnquist, Interim CFO")
    path_b = tmp_path / "b.txt"
    path_b.write_text(b, encoding="utf-8")
    filing_a = _filing("missing-file", a, date(2003, 5, 1))
    filing_b = _filing(str(path_b), b, date(2003, 6, 1))
    # a's text is unknown: nothing to compare b with
    assert cross_filing_signals([filing_a, filing_b]) == []
    # given a's text, b is read from its file (its SHA-256 matches)
    (signal,) = cross_filing_signals([filing_a, filing_b], texts={"missing-file": a})
    assert signal.quote == "John Ronnquist, Interim CFO"
    # a file changed since it was read is not used
    path_b.write_text(b + "\nchanged\n", encoding="utf-8")
    assert cross_filing_signals([filing_a, filing_b], texts={"missing-file": a}) == []
