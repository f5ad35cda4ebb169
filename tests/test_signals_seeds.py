"""Distress signals on the four FiberCore releases (issue 4), checked against their text."""

from __future__ import annotations

from pathlib import Path

import pytest

import risk
from risk.financials import Signal, SignalKind
from risk.signals import detect_signals
from risk.signals._detect import MAX_PER_KIND

GC = SignalKind.GOING_CONCERN_DOUBT
DELIST = SignalKind.DELISTING_NOTICE
LATE = SignalKind.LATE_FILING
COVENANT = SignalKind.COVENANT_BREACH
DEBT = SignalKind.DEBT_RESTRUCTURING
FIN = SignalKind.FINANCING_NEED
LIQ = SignalKind.LIQUIDITY_CRISIS
WRITEDOWN = SignalKind.ASSET_WRITEDOWN
RESTRUCT = SignalKind.RESTRUCTURING_CHARGES
MGMT = SignalKind.MANAGEMENT_CHANGE
INVEST = SignalKind.INVESTMENT_DELAYED
BANKRUPT = SignalKind.BANKRUPTCY_FILING

# What each release says, read by hand (first page of 001 and 002; 003 page 1 and contacts).
CORE = {GC, DELIST, LATE, DEBT, FIN, LIQ}
EXPECTED = {
    "001": CORE | {INVEST},  # "has not yet been implemented due to delays in financing"
    "002": CORE | {WRITEDOWN, RESTRUCT},  # "write-off of goodwill, patents ...", p.1
    "003": {INVEST, MGMT},  # "slower than expected for financial reasons"; "Interim CFO"
    "004": set(),  # a revenue estimate, no distress
}

# For each kind, words of the sentence that proves it (the first signal of that kind).
PROOF = {
    "001": {
        LATE: "filed its annual report on Form 10-K with the SEC late",
        DELIST: "being notified on April 17 that it would be delisted from the Nasdaq",
        GC: "questioned the Company's ability to continue as a going concern",
        DEBT: "actively pursuing additional financing, debt restructuring",
        FIN: "must raise approximately $5 million in additional financing",
        LIQ: "to address its liquidity crisis",
        INVEST: "has not yet been implemented due to delays in financing",
    },
    "002": {
        LATE: "filed its annual report on Form 10-K with the SEC late",
        DELIST: "notified on April 17 that it would be delisted",
        GC: "questioned the Company's ability to continue as a going concern",
        FIN: "must raise approximately $5 million in additional financing",
        LIQ: "to address its liquidity crisis",
        RESTRUCT: "charges for restructuring",
        WRITEDOWN: "write-off of certain assets on its balance sheet",
    },
    "003": {
        INVEST: "has been slower than expected for financial reasons",
        MGMT: "John Ronnquist, Interim CFO",
    },
}


def _signals(path: Path) -> tuple[str, list[Signal]]:
    text = path.read_text(encoding="utf-8", errors="strict")
    return text, detect_signals(text, document=path.name)


def _folded(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.parametrize("number", ["001", "002", "003", "004"])
def test_seed_kinds(seed_paths: dict[str, Path], number: str) -> None:
    _, signals = _signals(seed_paths[number])
    kinds = {s.kind for s in signals}
    assert kinds == EXPECTED[number]
    assert BANKRUPT not in kinds and COVENANT not in kinds


@pytest.mark.parametrize("number", ["001", "002", "003"])
def test_seed_quotes_prove_the_signal(seed_paths: dict[str, Path], number: str) -> None:
    text, signals = _signals(seed_paths[number])
    for kind, words in PROOF[number].items():
        first = next(s for s in signals if s.kind is kind)
        assert words in first.quote, (kind, first.quote)
        # the span points at the quoted sentence in the file
        assert _folded(text[first.span[0] : first.span[1]]) == first.quote


@pytest.mark.parametrize("number", ["001", "002", "003", "004"])
def test_seed_spans_and_fields(seed_paths: dict[str, Path], number: str) -> None:
    text, signals = _signals(seed_paths[number])
    per_kind: dict[SignalKind, int] = {}
    for s in signals:
        assert _folded(text[s.span[0] : s.span[1]]) == s.quote
        assert s.quote == s.quote.strip() and "  " not in s.quote
        assert s.document == seed_paths[number].name
        assert s.rule and s.rule.split(".")[0]
        per_kind[s.kind] = per_kind.get(s.kind, 0) + 1
    assert all(n <= MAX_PER_KIND for n in per_kind.values())
    starts = [s.span[0] for s in signals]
    assert starts == sorted(starts)  # document order


def test_safe_harbor_paragraph_of_the_seeds_gives_no_financing_need(
    seed_paths: dict[str, Path],
) -> None:
    # 003 and 004 carry the same forward-looking paragraph as 001/002, with "ability to
    # obtain required financing" as a generic risk; neither asserts a financing need.
    for number in ("003", "004"):
        text, signals = _signals(seed_paths[number])
        assert "ability to\nobtain required financing" in text
        assert FIN not in {s.kind for s in signals}


def test_no_signal_from_the_table_row_of_001(seed_paths: dict[str, Path]) -> None:
    # 001 page 4 prints "Write-down of Inventory --- 787" in a table; only prose counts.
    text, signals = _signals(seed_paths["001"])
    assert "Write-down of Inventory" in text
    assert WRITEDOWN not in {s.kind for s in signals}


def test_offset_shifts_spans(seed_paths: dict[str, Path]) -> None:
    text = seed_paths["003"].read_text(encoding="utf-8")
    prefix = "X" * 37 + "\n\n"
    plain = detect_signals(text, document="d")
    shifted = detect_signals(text, document="d", offset=len(prefix), document_type="EX-99.2")
    assert [s.span[0] + len(prefix) for s in plain] == [s.span[0] for s in shifted]
    whole = prefix + text
    for s in shifted:
        assert _folded(whole[s.span[0] : s.span[1]]) == s.quote
        assert s.document_type == "EX-99.2"


@pytest.mark.parametrize("number", ["001", "002", "003", "004"])
def test_seeds_through_extract(seed_paths: dict[str, Path], number: str) -> None:
    path = seed_paths[number]
    filing = risk.extract(path)
    assert {s.kind for s in filing.signals} == EXPECTED[number]
    text = path.read_text(encoding="utf-8")
    for s in filing.signals:
        assert _folded(text[s.span[0] : s.span[1]]) == s.quote


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="offset"):
        detect_signals("text", document="d", offset=-1)
    with pytest.raises(TypeError, match="text must be a str"):
        detect_signals(b"bytes", document="d")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="language"):
        detect_signals("text", document="d", language="../x")
    assert detect_signals("", document="d") == []
