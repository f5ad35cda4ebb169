"""The one place batch scoring touches the scoring core (:func:`risk.report.score_companies`).

The batch scores its companies with the core :func:`risk.report.score` uses (many
companies per task) and keeps a few fields of each result; everything it keeps goes
through :func:`as_score_fields`, so a change of the core's field names is one edit
here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from risk.financials import Filing

__all__ = [
    "MAIN_SCORES",
    "ScoreFields",
    "Scorer",
    "as_score_fields",
    "prepare_scoring",
]

#: Published scores given their own output column (``score_<name>``) when the report has them.
MAIN_SCORES = (
    "altman_z",
    "altman_z_prime",
    "altman_z_double_prime",
    "ohlson_o",
    "zmijewski_x",
    "springate_s",
    "taffler_z",
)


@dataclass(frozen=True)
class ScoreFields:
    """What the batch keeps of one company's report.

    Attributes
    ----------
    entity, cik : str or None
    as_of : date or None
        The date the report is as of (None: the scorer did not say).
    probability : float or None
        The model's probability of failure within 12 months.
    adjusted_probability : float or None
        After the text-signal adjustment.
    band : str or None
    status : str
        ``scored``, ``insufficient_data``, ``in_bankruptcy`` (the filer says it has
        filed for bankruptcy) or ``out_of_scope`` (a bank, an insurer ...: no
        probability).
    sic : str or None
        The SIC code the scope was decided on (None: not stated).
    submodel : str or None
        ``full`` or ``book``: the submodel that gave ``probability``.
    market_value : float or None
    market_date : date or None
        The market value of equity scored with, and its date.
    scores : dict of str to float or None
        Published scores (Altman Z family ...) by name.
    documents : tuple of str
        The input documents the report says it used (empty: not said).
    """

    status: str
    entity: str | None = None
    cik: str | None = None
    as_of: date | None = None
    probability: float | None = None
    adjusted_probability: float | None = None
    band: str | None = None
    sic: str | None = None
    submodel: str | None = None
    market_value: float | None = None
    market_date: date | None = None
    scores: Mapping[str, float | None] = field(default_factory=dict)
    documents: tuple[str, ...] = ()


#: ``scorer(filings, as_of) -> ScoreFields`` (or a report object :func:`as_score_fields` reads).
Scorer = Callable[[Sequence[Filing], date | None], Any]


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    inner = getattr(value, "value", None)  # an enum
    if isinstance(inner, str):
        return inner
    name = getattr(value, "name", None)  # a Band model
    if isinstance(name, str) and not isinstance(value, str):
        return name
    return str(value)


def as_score_fields(result: Any) -> ScoreFields:
    """Read a :class:`ScoreFields` from a core result, a ``RiskReport`` or ScoreFields."""
    if isinstance(result, ScoreFields):
        return result
    scores: dict[str, float | None] = {}
    raw_scores = getattr(result, "scores", None) or []
    if isinstance(raw_scores, Mapping):
        scores = {str(k): _number(v) for k, v in raw_scores.items()}
    else:
        for item in raw_scores:
            scores[str(item.name)] = _number(getattr(item, "value", None))
    documents = tuple(
        str(getattr(d, "source", d))
        for d in (getattr(result, "documents", None) or [])
        if getattr(d, "used", True)
    )
    sic = getattr(result, "sic", None)  # the core's result
    if sic is None:  # a RiskReport
        sic = getattr(getattr(result, "industry", None), "sic", None)
    market = getattr(result, "market", None)  # a RiskReport's MarketInfo
    if market is None:  # the core's result
        market = getattr(getattr(result, "placed", None), "market", None)
    model_p = getattr(result, "model_probability", None)
    adjusted = getattr(result, "probability", None)
    return ScoreFields(
        status=_text(getattr(result, "status", None)) or "scored",
        entity=getattr(result, "entity", None),
        cik=getattr(result, "cik", None),
        as_of=getattr(result, "as_of", None),
        probability=_number(model_p if model_p is not None else adjusted),
        adjusted_probability=_number(adjusted),
        band=_text(getattr(result, "band", None)),
        sic=None if sic is None else str(sic),
        submodel=_text(getattr(result, "submodel", None)),
        market_value=_number(getattr(market, "value", None)),
        market_date=getattr(market, "on", None),
        scores=scores,
        documents=documents,
    )


def prepare_scoring() -> None:
    """Import the scoring core and load the model in a worker, once, before its first task.

    Then the objects made so far (modules, the model) are moved out of the garbage
    collector's sight (:func:`gc.freeze`): they live as long as the worker, and
    scoring makes many short-lived objects, whose collections would otherwise walk
    them all again and again.
    """
    import gc

    from risk.report import scoring_model

    scoring_model()
    gc.freeze()
