"""Distress language. (Stub: filled in by issue 4.)"""

from __future__ import annotations

from collections.abc import Sequence

from risk.financials import Fact, Filing, Signal

__all__ = ["cross_filing_signals", "detect_signals", "find_facts"]


def detect_signals(
    text: str,
    *,
    document: str,
    document_type: str | None = None,
    offset: int = 0,
    company: str | None = None,
) -> list[Signal]:
    """Signals the text asserts of the filer; spans are offsets into ``text`` plus ``offset``."""
    return []


def find_facts(
    text: str,
    *,
    document: str,
    document_type: str | None = None,
    offset: int = 0,
) -> list[Fact]:
    """Amounts stated in prose (financing need, debt under renegotiation, revenue estimate)."""
    return []


def cross_filing_signals(filings: Sequence[Filing]) -> list[Signal]:
    """Signals that only show across filings (a CFO replaced by an interim one)."""
    return []
