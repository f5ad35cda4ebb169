"""Distress language: signals asserted of the filer, with quoted evidence, and prose facts."""

from risk.signals._detect import cross_filing_signals, detect_signals, find_facts

__all__ = ["cross_filing_signals", "detect_signals", "find_facts"]
