"""A scale for a table that states none, only where a check confirms it.

A table printed without "(in thousands)" may be in whole dollars ("$19,028,000") or in
the thousands stated over another exhibit of the submission. Neither is assumed: a
candidate scale stands when the table's own arithmetic or the text confirms it -
whole dollars where net income of seven digits or more / the weighted shares gives the
printed earnings per share, any scale where a figure of the table is one the text states
in words ("stockholders' equity of $136.4 million").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from risk._lazy import lazy_regex
from risk.financials import LineItem
from risk.statements._labels import match_label
from risk.tables import RawTable, parse_amount

__all__ = ["ScaleCheck", "StatedAmount", "confirm_scale", "stated_amounts"]

_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_STATED = lazy_regex(
    r"\$\s?(?P<number>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<word>thousand|million|billion)\b",
    re.I,
)
_EPS = (LineItem.EPS_BASIC, LineItem.EPS_DILUTED)
_SHARES = {
    LineItem.EPS_BASIC: LineItem.WEIGHTED_SHARES_BASIC,
    LineItem.EPS_DILUTED: LineItem.WEIGHTED_SHARES_DILUTED,
}
#: Fields whose figures the text is looked up for.
_STATED_FIELDS = frozenset(
    {
        LineItem.REVENUE,
        LineItem.NET_INCOME,
        LineItem.TOTAL_ASSETS,
        LineItem.TOTAL_LIABILITIES,
        LineItem.STOCKHOLDERS_EQUITY,
        LineItem.CASH,
        LineItem.OPERATING_INCOME,
        LineItem.PRETAX_INCOME,
    }
)


@dataclass(frozen=True)
class ScaleCheck:
    """A confirmed scale and the check that confirmed it."""

    scale: float
    why: str


@dataclass(frozen=True)
class StatedAmount:
    """An amount stated in words, with the rounding its printed digits allow."""

    value: float
    tolerance: float
    text: str


def stated_amounts(text: str) -> list[StatedAmount]:
    """Amounts the text states in words ("$133.1 million"), each with its rounding."""
    out: list[StatedAmount] = []
    for m in _STATED.finditer(text):
        number = m["number"].replace(",", "")
        unit = _WORDS[m["word"].lower()]
        decimals = len(number.split(".")[1]) if "." in number else 0
        out.append(StatedAmount(float(number) * unit, 0.51 * unit / 10**decimals, m.group(0)))
    return out


def _figures(table: RawTable) -> dict[LineItem, list[float | None]]:
    """Per line item, the first row's printed figures by column."""
    out: dict[LineItem, list[float | None]] = {}
    section = ""
    for row in table.rows:
        if not row.label.strip():
            continue
        amounts = [parse_amount(c) for c in row.cells]
        if all(a is None for a in amounts):
            section = row.label  # a heading: "Net income per share:" over "Basic"
            continue
        rule, _ = match_label(row.label, section=section)
        if rule is None or rule.field is None or rule.field in out:
            continue
        out[rule.field] = [a.value if a is not None else None for a in amounts]
    return out


def _eps_confirms(figures: dict[LineItem, list[float | None]]) -> bool:
    """Whole dollars: net income of 7+ digits / the weighted shares as printed gives the
    printed EPS in some column, and no column contradicts it.

    The check cannot tell thousands of dollars over thousands of shares from dollars over
    shares (the ratio is the same), so it only confirms whole dollars, and only where
    net income is printed with seven digits or more.
    """
    income = figures.get(LineItem.NET_INCOME)
    if income is None:
        return False
    fits = misses = 0
    for eps_item in _EPS:
        eps, shares = figures.get(eps_item), figures.get(_SHARES[eps_item])
        if eps is None or shares is None:
            continue
        for ni, e, sh in zip(income, eps, shares, strict=False):
            if ni is None or e is None or sh is None or sh <= 0 or abs(e) < 0.05:
                continue
            if abs(ni) < 1e6:
                return False
            if abs(ni / sh - e) <= max(0.011, 0.02 * abs(e)):
                fits += 1
            else:
                misses += 1
    return fits > 0 and misses == 0


def _stated_confirms(
    figures: dict[LineItem, list[float | None]], scale: float, stated: Sequence[StatedAmount]
) -> str | None:
    for item, values in figures.items():
        if item not in _STATED_FIELDS:
            continue
        for value in values:
            if value is None or abs(value) < 1:
                continue
            for amount in stated:
                if abs(abs(value) * scale - amount.value) <= amount.tolerance:
                    return f"the text states {amount.text!r} ({item.value})"
    return None


def confirm_scale(
    table: RawTable, candidates: Iterable[float], stated: Sequence[StatedAmount]
) -> ScaleCheck | None:
    """The one candidate scale a check confirms for a table that states none, or None.

    Parameters
    ----------
    table : RawTable
        The table (its title and headers state no scale).
    candidates : iterable of float
        Scales to try (1.0 for whole dollars, the scale stated elsewhere ...).
    stated : sequence
        :func:`stated_amounts` of the text around the table.

    Returns
    -------
    ScaleCheck or None
        None when no candidate, or more than one, is confirmed.
    """
    figures = _figures(table)
    confirmed: dict[float, str] = {}
    for scale in dict.fromkeys(candidates):
        if scale == 1.0 and _eps_confirms(figures):
            confirmed[scale] = "net income / weighted shares gives the printed EPS"
        elif (why := _stated_confirms(figures, scale, stated)) is not None:
            confirmed[scale] = why
    if len(confirmed) != 1:
        return None
    ((scale, why),) = confirmed.items()
    return ScaleCheck(scale, why)
