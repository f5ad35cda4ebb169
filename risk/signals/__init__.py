"""Distress language: signals with quoted evidence, whose event and when; 8-K items; prose facts."""

from risk.signals._cross import cross_filing_signals
from risk.signals._detect import detect_signals, find_facts
from risk.signals._items import PartText, item_signals

__all__ = [
    "PartText",
    "cross_filing_signals",
    "detect_signals",
    "find_facts",
    "item_signals",
]
