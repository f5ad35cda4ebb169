"""Text signals combined with the model probability by published likelihood ratios."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from risk.exceptions import InputError
from risk.financials import SignalKind
from risk.model._types import SignalAdjustment, SignalFactor

__all__ = ["SIGNAL_RATIOS", "adjust_for_signals"]


@cache
def _payload() -> dict[str, Any]:
    path = Path(__file__).parent / "signal_ratios.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


#: kind -> (likelihood ratio, source). Kinds not listed are not adjusted.
SIGNAL_RATIOS: dict[str, SignalFactor] = {
    kind: SignalFactor(kind=kind, ratio=float(entry["ratio"]), source=str(entry["source"]))
    for kind, entry in _payload()["ratios"].items()
}


def adjust_for_signals(probability: float, kinds: Iterable[str | SignalKind]) -> SignalAdjustment:
    """Multiply the odds of failure by a likelihood ratio per kind of text signal.

    Parameters
    ----------
    probability : float
        The model's probability of failure within 12 months, in [0, 1].
    kinds : iterable of str or SignalKind
        The kinds of signal found in the filings (financials.md names). Each kind
        counts once however often it occurs; kinds without a published ratio
        (e.g. ``management_change``) do not change the probability.

    Returns
    -------
    SignalAdjustment
        Both probabilities and the factors applied, each with its source.

    Raises
    ------
    InputError
        When the probability is not in [0, 1] or a kind is not a financials.md signal.
    """
    p = float(probability)
    if not 0.0 <= p <= 1.0:
        raise InputError(f"probability must be in [0, 1]; got {probability!r}")
    valid = {k.value for k in SignalKind}
    seen: list[str] = []
    for kind in kinds:
        name = kind.value if isinstance(kind, SignalKind) else str(kind)
        if name not in valid:
            raise InputError(f"unknown signal kind {name!r}: expected one of {sorted(valid)}")
        if name not in seen:
            seen.append(name)
    factors = tuple(SIGNAL_RATIOS[k] for k in seen if k in SIGNAL_RATIOS)
    ratio = 1.0
    for f in factors:
        ratio *= f.ratio
    if p in (0.0, 1.0) or ratio == 1.0:
        adjusted = p
    else:
        odds = p / (1.0 - p) * ratio
        adjusted = odds / (1.0 + odds)
    return SignalAdjustment(probability=p, adjusted=adjusted, factors=factors)
