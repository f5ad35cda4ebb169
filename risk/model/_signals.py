"""Text signals combined with the model probability by published likelihood ratios.

Only the filer's own, asserted, current signals move the probability
(:attr:`risk.financials.Signal.of_filer`): another entity's or a subsidiary's event, an
intended or a historical one is shown in the report and changes nothing, with one
exception, the filer's announced intention to file for bankruptcy (its own ratio). The
filer's own bankruptcy filing is no factor either: :func:`bankruptcy_evidence` finds it
and the report takes the status ``in_bankruptcy``. The product of all the factors is
bounded by :data:`SIGNAL_CAP` (``cap`` in ``signal_ratios.json``), so no sentence can move
a probability by more than that.
"""

# No ``from __future__ import annotations``: pydantic compiles and evaluates a string
# annotation of each field as a model class is created (about a quarter of the CPU of
# creating the models, at every start-up: issue 18).

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import Field

from risk._defaults import new_dict
from risk._rules import RuleModel, load_rule_file
from risk.exceptions import InputError
from risk.financials import SignalKind, SignalState, Subject
from risk.model._types import SignalAdjustment, SignalFactor

__all__ = [
    "INTENDED_RATIOS",
    "SIGNAL_CAP",
    "SIGNAL_RATIOS",
    "adjust_for_signals",
    "bankruptcy_evidence",
    "counts_for_adjustment",
]

_S = TypeVar("_S")


class _Ratio(RuleModel):
    ratio: float = Field(gt=0)
    source: str


class _Cap(RuleModel):
    factor: float = Field(gt=0)
    source: str


class _RatiosFile(RuleModel):
    description: str
    ratios: dict[SignalKind, _Ratio]
    intended: dict[SignalKind, _Ratio] = Field(default_factory=new_dict)
    cap: _Cap


_RATIOS = load_rule_file(Path(__file__).parent / "signal_ratios.json", _RatiosFile)

#: kind -> (likelihood ratio, source) for the filer's asserted signals. Kinds not listed
#: are not adjusted.
SIGNAL_RATIOS: dict[str, SignalFactor] = {
    kind.value: SignalFactor(kind=kind.value, ratio=entry.ratio, source=entry.source)
    for kind, entry in _RATIOS.ratios.items()
}
#: kind -> factor for an event the filer announces but has not done (``state`` intended).
INTENDED_RATIOS: dict[str, SignalFactor] = {
    kind.value: SignalFactor(
        kind=kind.value, ratio=entry.ratio, source=entry.source, state="intended"
    )
    for kind, entry in _RATIOS.intended.items()
}
#: The largest factor all the signals of one report may apply to the odds together.
SIGNAL_CAP: float = _RATIOS.cap.factor
_CAP_SOURCE: str = _RATIOS.cap.source


def _value(x: object) -> str:
    return str(getattr(x, "value", x))


def counts_for_adjustment(signal: object) -> bool:
    """True when ``signal`` may carry a factor: the filer's own event, asserted or (for the
    kinds of ``intended`` in ``signal_ratios.json``) announced. Plain kinds (``str`` or
    :class:`~risk.financials.SignalKind`) are taken as the filer's asserted signals."""
    if isinstance(signal, str):
        return True
    subject = _value(getattr(signal, "subject", Subject.FILER.value))
    state = _value(getattr(signal, "state", SignalState.ASSERTED.value))
    if subject != Subject.FILER.value:
        return False
    if state == SignalState.ASSERTED.value:
        return True
    return state == SignalState.INTENDED.value and _kind(signal) in INTENDED_RATIOS


def bankruptcy_evidence(signals: Iterable[_S]) -> list[_S]:
    """The signals saying the filer itself is in bankruptcy (its own petition, asserted and
    current): the report's status ``in_bankruptcy`` rests on them."""
    return [
        s
        for s in signals
        if not isinstance(s, str)
        and _kind(s) == SignalKind.BANKRUPTCY_FILING.value
        and _value(getattr(s, "subject", Subject.FILER.value)) == Subject.FILER.value
        and _value(getattr(s, "state", SignalState.ASSERTED.value)) == SignalState.ASSERTED.value
    ]


def _kind(signal: object) -> str:
    return _value(getattr(signal, "kind", signal))


def _factors(signals: Sequence[object]) -> list[SignalFactor]:
    valid = {k.value for k in SignalKind}
    factors: list[SignalFactor] = []
    seen: set[tuple[str, str]] = set()
    if bankruptcy_evidence(signals):
        # the plan belongs to a petition already filed: the status says it, no factor
        seen.add((SignalKind.BANKRUPTCY_FILING.value, SignalState.INTENDED.value))
    for signal in signals:
        name = _kind(signal)
        if name not in valid:
            raise InputError(f"unknown signal kind {name!r}: expected one of {sorted(valid)}")
        if not counts_for_adjustment(signal):
            continue
        state = (
            "asserted" if isinstance(signal, str) else _value(getattr(signal, "state", "asserted"))
        )
        table = INTENDED_RATIOS if state == SignalState.INTENDED.value else SIGNAL_RATIOS
        if name in table and (name, state) not in seen:
            seen.add((name, state))
            factors.append(table[name])
    return factors


def adjust_for_signals(probability: float, signals: Iterable[object]) -> SignalAdjustment:
    """Multiply the odds of failure by a likelihood ratio per kind of the filer's signals.

    Parameters
    ----------
    probability : float
        The model's probability of failure within 12 months, in [0, 1].
    signals : iterable of Signal, report signal entries, str or SignalKind
        The signals found in the filings: objects with ``kind`` (and ``subject`` and
        ``state`` where known), or bare kinds (financials.md names, taken as the filer's
        asserted signals). Each kind counts once however often it occurs; only the
        filer's own asserted signals (and its announced bankruptcy) count; kinds without
        a published ratio (e.g. ``management_change``) do not change the probability.

    Returns
    -------
    SignalAdjustment
        Both probabilities and the factors applied, each with its source; when their
        product exceeds :data:`SIGNAL_CAP`, a last factor ``signal_cap`` below 1 brings it
        back to the cap.

    Raises
    ------
    InputError
        When the probability is not in [0, 1] or a kind is not a financials.md signal.
    """
    p = float(probability)
    if not 0.0 <= p <= 1.0:
        raise InputError(f"probability must be in [0, 1]; got {probability!r}")
    factors = _factors(list(signals))
    ratio = 1.0
    for f in factors:
        ratio *= f.ratio
    if ratio > SIGNAL_CAP:
        factors.append(
            SignalFactor(kind="signal_cap", ratio=SIGNAL_CAP / ratio, source=_CAP_SOURCE)
        )
        ratio = SIGNAL_CAP
    if p in (0.0, 1.0) or ratio == 1.0:
        adjusted = p
    else:
        odds = p / (1.0 - p) * ratio
        adjusted = odds / (1.0 + odds)
    return SignalAdjustment(
        probability=p, adjusted=adjusted, factors=tuple(factors), cap=SIGNAL_CAP
    )
