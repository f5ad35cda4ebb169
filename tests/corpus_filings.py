"""Corpus documents read once per test process: several tests check the same document.

Reading a large filing (GenCorp's 10-K, 1.8 s) in each test that asks something of it
made the fast lane pay for it four times. The filings come from :func:`risk.extract`
unchanged; the tests only read them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import risk
from risk.financials import Filing


@cache
def _extract(path: Path) -> Filing:
    return risk.extract(path)


def extract_once(path: Path) -> Filing:
    """``risk.extract(path)``, read at the first call for this file and kept."""
    return _extract(Path(path).resolve())
