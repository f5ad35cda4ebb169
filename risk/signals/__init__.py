"""Distress language: signals asserted of the filer, with quoted evidence, and prose facts."""

from risk.signals._cross import Officer, cross_filing_signals, officers
from risk.signals._detect import MAX_PER_KIND, detect_signals, find_facts, parse_amount
from risk.signals._rules import load_rules

__all__ = [
    "MAX_PER_KIND",
    "Officer",
    "cross_filing_signals",
    "detect_signals",
    "find_facts",
    "load_rules",
    "officers",
    "parse_amount",
]
