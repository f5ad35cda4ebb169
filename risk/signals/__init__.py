"""Distress language: signals with quoted evidence, whose event and when; 8-K items; prose facts."""

from risk.signals._cross import Officer, cross_filing_signals, officers
from risk.signals._detect import (
    MAX_PER_KIND,
    detect_signals,
    find_facts,
    is_contract,
    parse_prose_amount,
)
from risk.signals._items import PartText, declared_items, item_signals
from risk.signals._rules import load_rules

__all__ = [
    "MAX_PER_KIND",
    "Officer",
    "PartText",
    "cross_filing_signals",
    "declared_items",
    "detect_signals",
    "find_facts",
    "is_contract",
    "item_signals",
    "load_rules",
    "officers",
    "parse_prose_amount",
]
