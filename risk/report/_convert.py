"""Converters at the boundary: what features and the model return -> the report's models.

The report defines its own models (``_models.py``) so its JSON Schema is stable;
these functions read the other stages' results (:class:`risk.features.FeatureSet`,
the model's contributions, bands and signal adjustment) and never invent a value:
what the stage left missing stays None.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from risk.financials import Fact, FilingWarning, Signal, WarningCode
from risk.report._models import (
    Adjustment,
    Band,
    ChecklistItem,
    ChecklistStatus,
    DataGap,
    Direction,
    Driver,
    Evidence,
    EvidenceKind,
    FactEntry,
    FeatureEntry,
    Industry,
    MarketInfo,
    ModelInfo,
    PublishedScore,
    ReportWarning,
    SignalEntry,
    TrendPoint,
    ValueSource,
)

if TYPE_CHECKING:
    pass

__all__ = [
    "adjustments",
    "band",
    "band_for",
    "bands",
    "checklist",
    "driver",
    "fact",
    "features",
    "missing_model_inputs",
    "model_info",
    "not_scored",
    "scores",
    "signal",
    "stale_gap",
    "trend",
    "warning",
]

#: What the model needs from the statements, with the alternatives it accepts.
MODEL_INPUTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("total_assets",), "size and every ratio of the model"),
    (("total_liabilities", "stockholders_equity"), "leverage (total liabilities / total assets)"),
    (("operating_income", "net_income"), "profitability (a fiscal-year income statement)"),
)


# --------------------------------------------------------------------------- helpers


def _float(value: Any) -> float | None:
    """A finite float, or None (for None, NaN, infinities and non-numbers)."""
    if value is None:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


# --------------------------------------------------------------------------- filings


def warning(w: FilingWarning) -> ReportWarning:
    """A warning of a filing, a timeline or the features, as a report warning."""
    return ReportWarning(code=w.code, message=w.message, document=w.document, line=w.line)


def signal(s: Signal, *, filed: date | None) -> SignalEntry:
    """A filing's signal as a report entry."""
    return SignalEntry(
        kind=s.kind.value,
        quote=s.quote,
        document=s.document,
        document_type=s.document_type,
        span=s.span,
        filed=filed,
        rule=s.rule,
        subject=s.subject.value,
        subject_name=s.subject_name,
        state=s.state.value,
        event_date=s.event_date,
    )


def fact(x: Fact) -> FactEntry:
    """A prose amount as a report entry."""
    return FactEntry(
        kind=x.kind.value,
        amount=x.amount,
        quote=x.quote,
        document=x.document,
        span=x.span,
        period_end=x.period.end if x.period else None,
    )


# --------------------------------------------------------------------------- features


def _input_source(iv: Any) -> ValueSource:
    """A features ``InputValue`` (name, value, period, provenance) as a ValueSource."""
    prov = iv.provenance
    return ValueSource(
        field=str(iv.name),
        period_end=iv.period_end,
        months=iv.months,
        value=_float(iv.value),
        document=prov.document if prov else None,
        document_type=prov.document_type if prov else None,
        line=prov.line if prov else None,
        label=prov.label if prov else None,
        raw=prov.raw if prov else None,
        source=prov.source.value if prov else None,
        formula=prov.formula if prov else None,
    )


def _provenance_source(
    field_name: str, value: float | None, end: date | None, prov: Any
) -> ValueSource:
    return ValueSource(
        field=field_name,
        period_end=end,
        value=value,
        document=prov.document,
        document_type=prov.document_type,
        line=prov.line,
        label=prov.label,
        raw=prov.raw,
        source=prov.source.value,
        formula=prov.formula,
    )


def _cutoffs(name: str) -> list[float]:
    """The cut-offs on a score's value (Altman, Springate, Taffler); none for probabilities."""
    from risk.features import SCORE_SPECS, ScoreName

    try:
        spec = SCORE_SPECS[ScoreName(name)]
    except (KeyError, ValueError):
        return []
    if spec.probability is not None:
        return []
    return sorted({c for c in (spec.distress_below, spec.safe_above) if c is not None})


def scores(assessment: Any) -> list[PublishedScore]:
    """The published scores of a :class:`risk.features.FeatureSet`, with zones and cut-offs."""
    out = []
    for s in assessment.scores:
        name = str(s.name.value)
        notes = list(s.notes)
        if s.substitute is not None and not notes:
            notes.append(f"computed as {s.substitute.value}")
        out.append(
            PublishedScore(
                name=name,
                label=s.title,
                value=_float(s.value),
                zone=s.zone.value if s.zone is not None else None,
                # A substitute (Z' for Z) is judged by its own cut-offs.
                cutoffs=_cutoffs(s.substitute.value if s.substitute is not None else name),
                period_end=s.period_end,
                reference=s.reference,
                missing=list(s.missing_inputs),
                probability=_float(s.probability),
                zones_text=s.zones,
                notes=notes,
            )
        )
    return out


def features(assessment: Any) -> list[FeatureEntry]:
    """The features of a :class:`risk.features.FeatureSet` with values and provenance."""
    return [
        FeatureEntry(
            name=f.name,
            label=f.description,
            value=_float(f.value),
            unit=f.unit.value,
            group=f.group.value,
            period_end=f.period_end,
            provenance=[_input_source(iv) for iv in f.inputs],
            missing=list(f.missing_inputs),
            note=f.missing_reason or f.note,
        )
        for f in assessment.features
    ]


def _evidence(ev: Any) -> Evidence:
    kind = ev.kind.value
    sources = []
    if ev.provenance is not None:
        field_name = (
            ev.fact.value if ev.fact is not None else (ev.score.value if ev.score else "value")
        )
        sources.append(
            _provenance_source(field_name, _float(ev.value), ev.period_end, ev.provenance)
        )
    if ev.quote:
        return Evidence(
            kind=EvidenceKind.QUOTE,
            text=ev.quote,
            description=ev.description,
            document=ev.document,
            document_type=ev.document_type,
            span=ev.span,
            value=_float(ev.value),
            sources=sources,
        )
    return Evidence(
        kind=EvidenceKind.VALUE,
        text=ev.description,
        description=kind,
        document=ev.document or (ev.provenance.document if ev.provenance else None),
        value=_float(ev.value),
        sources=sources,
    )


def _unique_evidence(items: Iterable[Evidence]) -> list[Evidence]:
    """Evidence without repeats (the same sentence of the same document once)."""
    seen: set[tuple[str, str, str | None, tuple[int, int] | None]] = set()
    out = []
    for ev in items:
        key = (ev.kind.value, " ".join(ev.text.split()), ev.document, ev.span)
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def checklist(assessment: Any) -> list[ChecklistItem]:
    """The going-concern checklist of a :class:`risk.features.FeatureSet`."""
    return [
        ChecklistItem(
            indicator=i.id.value,
            label=i.title,
            status=ChecklistStatus(i.status.value),
            evidence=_unique_evidence(_evidence(e) for e in i.evidence),
            reference=i.reference,
            note=i.reason,
        )
        for i in assessment.checklist
    ]


# --------------------------------------------------------------------------- model


def _band_rank(band: Any) -> int:
    from risk.model import BANDS

    names = [b.name for b in BANDS]
    return names.index(band.name)


def band(band: Any) -> Band:
    """A band of the model's scale (:data:`risk.model.BANDS`) as the report's."""
    return _band(band)


def _band(band: Any) -> Band:
    return Band(
        name=str(band.name),
        lower=float(band.lower),
        upper=float(band.upper),
        rank=_band_rank(band),
        source=band.source,
    )


def bands() -> list[Band]:
    """Every band of the model's scale, safest first."""
    from risk.model import BANDS

    return [_band(b) for b in BANDS]


def band_for(probability: float) -> Band:
    """The band ``probability`` falls in."""
    from risk.model import band_for as model_band_for

    return _band(model_band_for(probability))


def adjustments(adjustment: Any, signals: Sequence[SignalEntry]) -> list[Adjustment]:
    """The text-signal adjustment's factors, each with the quotes behind it.

    Only the filer's own asserted signals (and its announced bankruptcy) carry a factor
    (:func:`risk.model.adjust_for_signals`); each factor quotes the sentences behind it.
    """
    from risk.model import counts_for_adjustment

    out = []
    for f in adjustment.factors:
        quotes = [
            Evidence(
                kind=EvidenceKind.QUOTE,
                text=s.quote,
                document=s.document,
                document_type=s.document_type,
                span=s.span,
            )
            for s in signals
            if s.kind == f.kind and s.state == f.state and counts_for_adjustment(s)
        ]
        out.append(
            Adjustment(
                signal=f.kind,
                factor=float(f.ratio),
                log_odds=math.log(f.ratio) if f.ratio > 0 else None,
                source=f.source,
                evidence=quotes,
                state=f.state,
            )
        )
    return out


def bankruptcy_evidence(signals: Sequence[SignalEntry]) -> list[SignalEntry]:
    """The entries saying the filer itself filed for bankruptcy (the ``in_bankruptcy`` status)."""
    from risk.model import bankruptcy_evidence as model_bankruptcy_evidence

    return model_bankruptcy_evidence(signals)


def industry(scope: Any) -> Industry | None:
    """The report's industry entry from a :class:`risk.scope.Scope` (None: none decided)."""
    if scope is None:
        return None
    category = scope.category
    return Industry(
        sic=scope.sic,
        source=scope.source,
        scope=str(scope.status.value),
        category=None if category is None else str(category.value),
        reason=scope.reason,
    )


def market(value: Any) -> MarketInfo | None:
    """The report's market entry from a :class:`risk.market.MarketValue` (None: none given)."""
    if value is None:
        return None
    shares = value.shares
    return MarketInfo(
        value=value.value,
        on=value.on,
        method=str(value.method.value),
        source=value.source,
        price=value.price,
        shares=None if shares is None else shares.value,
        shares_on=None if shares is None else shares.on,
        shares_source=None if shares is None else shares.source,
    )


def distance(dist: Any, market: Any) -> PublishedScore | None:
    """The distance to default as a published score, with its reference and inputs.

    ``dist`` is the core's :class:`~risk.report._core.Distance` (None: no price series);
    ``market`` the market value used (None: none given, then no entry at all).
    """
    if market is None:
        return None
    from risk.features import MERTON_SPEC
    from risk.report._format import fmt_money

    base = {
        "name": "distance_to_default",
        "label": MERTON_SPEC.title,
        "reference": MERTON_SPEC.reference,
    }
    if dist is None:
        note = (
            "needs a year of daily closing prices before as_of (a market-data file), "
            "not a single market value"
        )
        return PublishedScore(**base, notes=[note])
    if dist.result is None:
        missing = [
            n
            for n, v in (
                ("short_term_debt", dist.short_term_debt),
                ("long_term_debt", dist.long_term_debt),
            )
            if v is None and dist.history.reason is None
        ]
        return PublishedScore(
            **base, period_end=dist.period_end, missing=missing, notes=[dist.reason or ""]
        )
    r, h = dist.result, dist.history
    notes = [
        f"E = {fmt_money(r.equity_value)} (market value of equity on {market.on}, {market.source})",
        f"F = {fmt_money(dist.short_term_debt)} + {MERTON_SPEC.long_term_debt_weight:g} x "
        f"{fmt_money(dist.long_term_debt)} = {fmt_money(r.debt)} (short-term debt plus half "
        f"the long-term debt at {dist.period_end})",
        f"sigma_E = {r.volatility:.1%} ({h.returns} daily returns, {h.first} to {h.last}, "
        f"{h.source})",
        f"mu = {r.past_return:+.1%} (the past year's return); T = "
        f"{MERTON_SPEC.horizon_years:g} year; probability N(-DD) = {r.probability:.2%}",
    ]
    return PublishedScore(
        **base,
        value=r.distance,
        probability=r.probability,
        period_end=dist.period_end,
        notes=notes,
    )


def model_info(model: Any) -> ModelInfo:
    """The model's name, version and artefact hash."""
    return ModelInfo(
        name=str(getattr(model, "name", "distress")),
        version=str(getattr(model, "version", "unversioned")),
        sha256=getattr(model, "sha256", None),
    )


def missing_model_inputs(columns: Mapping[str, Any]) -> list[DataGap]:
    """The statement inputs the model lacks in every fiscal-year row of ``columns``."""
    gaps: list[DataGap] = []
    months = _column(columns, "months")
    annual = [i for i, m in enumerate(months) if m == 12]
    if not annual:
        gaps.append(
            DataGap(
                input="a fiscal-year period (months = 12)",
                needed_for=["the model's probability"],
                blocks_probability=True,
            )
        )
    for alternatives, why in MODEL_INPUTS:
        have = any(any(_column(columns, a)[i] is not None for a in alternatives) for i in annual)
        if not have:
            gaps.append(
                DataGap(
                    input=" or ".join(alternatives),
                    needed_for=[f"the model's probability ({why})"],
                    blocks_probability=True,
                )
            )
    return gaps


def _column(columns: Mapping[str, Any], name: str) -> list[float | None]:
    if name not in columns:
        return [None] * len(columns["period_end"])
    return [_float(v) for v in columns[name].tolist()]


def stale_gap(end: date, as_of: date) -> DataGap:
    """The gap of a company whose latest scorable fiscal year is too old at ``as_of``."""
    from risk.policy import oldest_fiscal_year_end

    return DataGap(
        input=f"a fiscal year ending after {oldest_fiscal_year_end(as_of)}",
        needed_for=[
            f"the model's probability (the latest scorable fiscal year ends {end}, "
            f"too old for a 12-month horizon from {as_of})"
        ],
        blocks_probability=True,
    )


def not_scored(end: date, reason: str) -> ReportWarning:
    """A period the model refused, with the reason."""
    return ReportWarning(code=WarningCode.NOT_SCORED, message=f"period ending {end}: {reason}")


def driver(c: Any) -> Driver | None:
    """A model ``Contribution`` as a driver; None for a feature with no effect."""
    from risk.model import ContributionDirection

    if c.direction is ContributionDirection.RAISES:
        direction = Direction.UP
    elif c.direction is ContributionDirection.LOWERS:
        direction = Direction.DOWN
    else:
        return None
    return Driver(
        feature=c.feature,
        value=_float(c.value),
        direction=direction,
        contribution=float(c.contribution),
        words=c.text,
    )


# --------------------------------------------------------------------------- trend


def trend(assessment: Any, by_period: Mapping[date, float] | None = None) -> list[TrendPoint]:
    """Z family, debt to equity, working capital (and the probability) per timeline date.

    Read from the assessment's history (the feature table over the timeline's dates).
    """
    out = []
    for row in sorted(assessment.history, key=lambda r: r.period_end):
        values = {k: _float(row.values.get(k)) for k in _TREND_FIELDS}
        p = (by_period or {}).get(row.period_end)
        if all(v is None for v in values.values()) and p is None:
            continue
        out.append(
            TrendPoint(
                period_end=row.period_end,
                altman_z=values["altman_z"],
                altman_z_prime=values["altman_z_prime"],
                altman_z_double_prime=values["altman_z_double_prime"],
                debt_to_equity=values["debt_to_equity"],
                working_capital=values["working_capital"],
                probability=p,
                band=band_for(p).name if p is not None else None,
            )
        )
    return out


_TREND_FIELDS = (
    "altman_z",
    "altman_z_prime",
    "altman_z_double_prime",
    "debt_to_equity",
    "working_capital",
)
