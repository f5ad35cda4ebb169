"""Printed cells to numbers: ``$4,609``, ``(848)``, ``$(0.06)``, ``---`` and footnote marks.

Shared by the plain-text table finder and the normaliser (``risk.statements``), which
re-exports it; it lives here because tables come before statements in the data flow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from risk._lazy import lazy_regex

__all__ = ["Amount", "parse_amount"]

# Linear patterns only (no nested quantifiers): a cell is at most ~40 characters.
_DASH_ZERO = lazy_regex(r"^[-\u2013\u2014_]{1,4}$|^\$\s*[-\u2013\u2014]{1,4}$|^nil$|^none$", re.I)
_NUMBER = lazy_regex(
    r"^(?P<open>\()?\s*\$?\s*(?P<open2>\()?\s*(?P<minus>[-\u2212\u2013])?\s*\$?\s*"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?P<frac>\.\d+)?\s*(?P<close>\))?"
    r"\s*(?P<note>\*{1,3}|\(\s*[a-z0-9]\s*\)|[a-z])?$",
    re.I,
)
_MAX_CELL = 40


@dataclass(frozen=True)
class Amount:
    """A number read from a printed cell.

    Attributes
    ----------
    value : float
        The number as printed (parentheses or a minus make it negative), before scale.
    dash : bool
        True when the cell printed a dash for zero (``-``, ``--``, ``---``, an em dash).
    """

    value: float
    dash: bool = False


#: Cells read (the table finder, the normaliser and its checks read the same cells again;
#: most cells of a document are a few hundred distinct strings). Amounts are frozen.
_CACHED_CELLS = 1 << 16


@lru_cache(maxsize=_CACHED_CELLS)
def parse_amount(cell: str) -> Amount | None:
    """Read a printed cell as a number, or None when it is not one.

    Parameters
    ----------
    cell : str
        The raw cell text (``"$4,609"``, ``"(1,317)"``, ``"$(0.06)"``, ``"---"``, ``"2003*"``).

    Returns
    -------
    Amount or None
        None for an empty cell, a percentage, or text that is not a number.
    """
    text = cell.strip()
    if not text or len(text) > _MAX_CELL or "%" in text:
        return None
    if _DASH_ZERO.match(text):
        return Amount(0.0, dash=True)
    m = _NUMBER.match(text)
    if m is None or (m["int"] is None and m["frac"] is None):
        return None
    opened = bool(m["open"] or m["open2"])
    if opened != bool(m["close"]):
        return None
    digits = (m["int"] or "0").replace(",", "") + (m["frac"] or "")
    value = float(digits)
    if opened or m["minus"]:
        value = -value
    return Amount(value)
