"""``assess(timeline)``: features, published scores, trends and the going-concern checklist.

The numbers come from :func:`feature_table` on :meth:`Timeline.to_frame` -- the same code
path as the panel the model trains on -- and are explained here with their inputs,
provenance and, where missing, the reason.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from risk._rules import RuleModel, load_rule_file
from risk.features._checklist import evaluate_checklist
from risk.features._context import Context
from risk.features._models import (
    Feature,
    FeatureGroup,
    FeatureSet,
    FeatureTrendPoint,
    HistoryRow,
    InputValue,
    ScoreResult,
    Trend,
    Unit,
)
from risk.features._scores import SCORE_SPECS, ScoreName, score_zone
from risk.features._table import FEATURE_COLUMNS, feature_columns
from risk.financials import FactKind, FilingWarning, PeriodValues, Provenance, Source, WarningCode
from risk.policy import EVIDENCE_MAX_AGE_DAYS
from risk.timelines import Columns, Timeline, as_columns, column_dates, columns_from_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["assess"]


class _FeatureSpec(RuleModel):
    """One feature of ``features.json``: its unit, group, inputs and description."""

    unit: Unit
    group: FeatureGroup
    inputs: list[str]
    description: str


class _Catalog(RuleModel):
    table: dict[str, _FeatureSpec]
    trends: list[str]


_CATALOG = load_rule_file(Path(__file__).parent / "features.json", _Catalog)

_PROBABILITY_COLUMN = {ScoreName.OHLSON_O: "ohlson_p", ScoreName.ZMIJEWSKI_X: "zmijewski_p"}


def _none(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _missing_reason(name: str, ctx: Context, missing: list[str]) -> str:
    if missing and ctx.prior is None and all(m.startswith("prior:") for m in missing):
        return (
            f"no 12-month period ending about one year before {ctx.end} "
            f"(missing input(s): {', '.join(missing)})"
        )
    if missing:
        return f"missing input(s): {', '.join(missing)}"
    if name in {"debt_to_equity", "d_debt_to_equity"} and ctx.row_value("equity_deficit") == 1.0:
        return "book equity is zero or negative: debt-to-equity is not meaningful (equity_deficit)"
    trend = name.startswith("d_") or name in {"revenue_growth", "intwo", "chin"}
    if trend and ctx.prior is None:
        return "no 12-month period ending about one year earlier"
    return "not computable: a denominator is zero or not positive"


def _table_features(ctx: Context) -> list[Feature]:
    out = []
    for name, entry in _CATALOG.table.items():
        inputs, missing = ctx.resolve_all(entry.inputs)
        value = ctx.row_value(name)
        out.append(
            Feature(
                name=name,
                value=value,
                unit=entry.unit,
                group=entry.group,
                description=entry.description,
                period_end=ctx.end,
                inputs=inputs,
                missing_inputs=missing,
                missing_reason=None if value is not None else _missing_reason(name, ctx, missing),
            )
        )
    return out


def _feature(
    name: str,
    value: float | None,
    unit: Unit,
    group: FeatureGroup,
    description: str,
    *,
    period_end: date | None,
    inputs: list[InputValue] | None = None,
    missing: list[str] | None = None,
    reason: str | None = None,
    note: str | None = None,
) -> Feature:
    value = _none(value)
    return Feature(
        name=name,
        value=value,
        unit=unit,
        group=group,
        description=description,
        period_end=period_end,
        inputs=inputs or [],
        missing_inputs=missing or [],
        missing_reason=None if value is not None else (reason or "not computable"),
        note=note,
    )


def _fact_input(ctx: Context, kind: FactKind) -> InputValue | None:
    fact = ctx.latest_fact(kind)
    if fact is None:
        return None
    return InputValue(
        name=kind.value,
        value=fact.amount,
        period_end=fact.period.end if fact.period else None,
        provenance=Provenance(
            document=fact.document,
            source=Source.PROSE,
            document_type=fact.document_type,
            raw=fact.quote,
            note=f"stated in prose, characters {fact.span[0]}-{fact.span[1]}",
        ),
    )


def _refinancing(ctx: Context) -> list[Feature]:
    end = ctx.end
    due = ctx.line("short_term_debt", end)
    renegotiation = _fact_input(ctx, FactKind.DEBT_UNDER_RENEGOTIATION)
    financing = _fact_input(ctx, FactKind.FINANCING_NEED)
    inputs = [i for i in (due, renegotiation, financing) if i is not None]
    missing = [
        n
        for n, i in (
            ("short_term_debt", due),
            ("debt_under_renegotiation", renegotiation),
            ("financing_need", financing),
        )
        if i is None
    ]
    group = FeatureGroup.REFINANCING
    notes = []
    need: float | None = None
    if due is not None or renegotiation is not None:
        need = max(i.value for i in (due, renegotiation) if i is not None)
    if financing is not None:
        need = (need or 0.0) + financing.value
    if need is not None and missing:
        notes.append(f"a lower bound: {', '.join(missing)} not known")
    notes.append(
        "debt to refinance = the larger of short_term_debt and the debt under renegotiation "
        "(they overlap), plus the new money the company says it must raise; current "
        "liabilities are not used as a proxy (they include trade payables)"
    )
    reason = "no short-term debt, debt under renegotiation or stated financing need"
    features = [
        _feature(
            "refinancing_need",
            need,
            Unit.CURRENCY,
            group,
            "Debt due within a year or under renegotiation plus the stated need for new money.",
            period_end=end,
            inputs=inputs,
            missing=missing if need is None else [],
            reason=reason,
            note="; ".join(notes),
        )
    ]
    ta_value, ta_inputs, ta_missing = ctx.resolve("total_assets")
    ratio = need / ta_value if need is not None and ta_value and ta_value > 0 else None
    features.append(
        _feature(
            "refinancing_need_ta",
            ratio,
            Unit.RATIO,
            group,
            "Refinancing need relative to total assets.",
            period_end=end,
            inputs=inputs + ta_inputs,
            missing=ta_missing,
            reason=reason if need is None else f"missing input(s): {', '.join(ta_missing)}",
        )
    )
    cash = ctx.line("cash", end)
    ocf = ctx.line("operating_cash_flow", end)
    resources = None
    res_note = None
    if cash is not None:
        resources = cash.value + max(ocf.value if ocf is not None else 0.0, 0.0)
        res_note = (
            "resources = cash + positive 12-month operating cash flow"
            if ocf is not None
            else "operating cash flow not known: resources = cash only"
        )
    res_inputs = [i for i in (cash, ocf) if i is not None]
    if need is None:
        cov_reason = reason
    elif cash is None:
        cov_reason = "missing input(s): cash"
    else:
        cov_reason = "refinancing need is zero"
    coverage = resources / need if resources is not None and need else None
    gap = need - resources if resources is not None and need is not None else None
    features.append(
        _feature(
            "refinancing_coverage",
            coverage,
            Unit.RATIO,
            group,
            "Cash and positive operating cash flow divided by the refinancing need "
            "(below 1: the company cannot meet it from its own resources).",
            period_end=end,
            inputs=inputs + res_inputs,
            missing=[] if cash is not None else ["cash"],
            reason=cov_reason,
            note=res_note,
        )
    )
    features.append(
        _feature(
            "refinancing_gap",
            gap,
            Unit.CURRENCY,
            group,
            "Refinancing need minus cash and positive operating cash flow (positive: money "
            "to be found outside).",
            period_end=end,
            inputs=inputs + res_inputs,
            missing=[] if cash is not None else ["cash"],
            reason=reason if need is None else "missing input(s): cash",
            note=res_note,
        )
    )
    return features


def _runway(ctx: Context) -> Feature:
    end = ctx.end
    cash = ctx.line("cash", end)
    ocf = ctx.line("operating_cash_flow", end)
    inputs = [i for i in (cash, ocf) if i is not None]
    missing = [n for n, i in (("cash", cash), ("operating_cash_flow", ocf)) if i is None]
    value = None
    reason = f"missing input(s): {', '.join(missing)}" if missing else None
    if cash is not None and ocf is not None:
        if ocf.value < 0:
            value = cash.value / (-ocf.value / 12.0)
        else:
            reason = "operating cash flow is not negative: no cash burn"
    return _feature(
        "cash_runway_months",
        value,
        Unit.MONTHS,
        FeatureGroup.LIQUIDITY,
        "Months the cash lasts at the 12-month operating cash burn.",
        period_end=end,
        inputs=inputs,
        missing=missing,
        reason=reason,
    )


def _fiscal_years(ctx: Context) -> list[PeriodValues]:
    end = ctx.end
    return [p for p in ctx.timeline.periods if p.months == 12 and (end is None or p.end <= end)]


def _input(name: str, p: PeriodValues) -> InputValue:
    item = next(i for i in p.values if i.value == name)
    return InputValue(
        name=name,
        value=p.values[item],
        period_end=p.end,
        months=p.months,
        provenance=p.provenance.get(item),
    )


def _consecutive_losses(ctx: Context) -> Feature:
    years = [p for p in _fiscal_years(ctx) if p.get("net_income") is not None]
    description = "Consecutive reported fiscal years, up to the latest, with a net loss."
    if not years:
        return _feature(
            "consecutive_annual_losses",
            None,
            Unit.COUNT,
            FeatureGroup.PROFITABILITY,
            description,
            period_end=ctx.end,
            missing=["net_income"],
            reason="no reported fiscal year with net income",
        )
    count = 0
    inputs = []
    previous: PeriodValues | None = None
    for p in reversed(years):
        if previous is not None and not 345 <= (previous.end - p.end).days <= 385:
            break
        inputs.append(_input("net_income", p))
        if (p.get("net_income") or 0.0) >= 0:
            break
        count += 1
        previous = p
    return _feature(
        "consecutive_annual_losses",
        float(count),
        Unit.COUNT,
        FeatureGroup.PROFITABILITY,
        description,
        period_end=years[-1].end,
        inputs=inputs,
    )


def _growth(
    name: str, description: str, periods: list[PeriodValues], period_end: date | None
) -> Feature:
    with_revenue = [p for p in periods if (p.get("revenue") or 0.0) > 0]
    for p in reversed(with_revenue):
        for q in with_revenue:
            if 345 <= (p.end - q.end).days <= 385:
                growth = (p.get("revenue") or 0.0) / (q.get("revenue") or 1.0) - 1.0
                return _feature(
                    name,
                    growth,
                    Unit.RATIO,
                    FeatureGroup.TREND,
                    description,
                    period_end=p.end,
                    inputs=[_input("revenue", p), _input("revenue", q)],
                )
    return _feature(
        name,
        None,
        Unit.RATIO,
        FeatureGroup.TREND,
        description,
        period_end=period_end,
        missing=["revenue"],
        reason="no two periods of the same length one year apart with positive revenue",
    )


def _writedowns(ctx: Context) -> Feature:
    description = (
        "Write-offs and write-downs of goodwill, intangibles and other assets (12 months)."
    )
    candidates = []
    latest = ctx.line("impairments", ctx.end)
    if latest is not None:
        candidates.append(latest)
    else:
        for p in reversed(_fiscal_years(ctx)):
            if p.get("impairments") is not None:
                candidates.append(_input("impairments", p))
                break
    if not candidates:
        return _feature(
            "asset_writedowns",
            None,
            Unit.CURRENCY,
            FeatureGroup.PROFITABILITY,
            description,
            period_end=ctx.end,
            missing=["impairments"],
            reason="missing input(s): impairments",
        )
    item = candidates[0]
    return _feature(
        "asset_writedowns",
        item.value,
        Unit.CURRENCY,
        FeatureGroup.PROFITABILITY,
        description,
        period_end=item.period_end,
        inputs=[item],
    )


def _scores(ctx: Context) -> list[ScoreResult]:
    out = []
    for name, spec in SCORE_SPECS.items():
        inputs, missing = ctx.resolve_all(spec.inputs)
        value = ctx.row_value(name.value)
        prob_column = _PROBABILITY_COLUMN.get(name)
        probability = ctx.row_value(prob_column) if prob_column else None
        notes: list[str] = []
        substitute = None
        zones = spec.zones_text()
        zone = score_zone(name, value, probability) if value is not None else None
        if name is ScoreName.ALTMAN_Z and ctx.row_value("altman_z_used_prime") == 1.0:
            # Z' stands in for Z (risk.policy.altman_z_or_prime)
            substitute = ScoreName.ALTMAN_Z_PRIME
            value = ctx.row_value("altman_z_prime")
            zone = score_zone(substitute, value)
            zones = SCORE_SPECS[substitute].zones_text()
            inputs, _ = ctx.resolve_all(SCORE_SPECS[substitute].inputs)
            notes.append(
                "Z' used: no market value of equity; Z' (book equity, Altman 1983) is "
                "reported with its own cut-offs"
            )
        elif value is None:
            notes.append(
                f"missing input(s): {', '.join(missing)}"
                if missing
                else "not computable: a denominator is zero or not positive"
            )
        if name is ScoreName.ALTMAN_Z_DOUBLE_PRIME:
            notes.append("the non-manufacturer version without the +3.25 emerging-market constant")
        if name is ScoreName.OHLSON_O:
            notes.append(
                "SIZE = ln(total assets in millions of 1968 dollars, CPI-U deflated); "
                "funds from operations = net income + depreciation, else operating cash flow"
            )
        out.append(
            ScoreResult(
                name=name,
                title=spec.title,
                value=value,
                zone=zone,
                probability=probability if substitute is None else None,
                reference=spec.reference,
                zones=zones,
                period_end=ctx.end,
                inputs=inputs,
                missing_inputs=missing,
                substitute=substitute,
                notes=notes,
            )
        )
    return out


def _trends(ctx: Context) -> list[Trend]:
    out = []
    for name in _CATALOG.trends:
        entry = _CATALOG.table.get(name)
        if entry is not None:
            unit, description = entry.unit, entry.description
        else:
            spec = SCORE_SPECS[ScoreName(name)]
            unit, description = Unit.RATIO, spec.title
        points = [
            FeatureTrendPoint(period_end=d, value=ctx.row_value(name, i))
            for i, d in enumerate(ctx.dates)
        ]
        known = [(p.period_end, p.value) for p in points if p.value is not None]
        slope = change = change_total = None
        reason = None
        if len(known) >= 2:
            t0 = known[0][0]
            ts = [(d - t0).days / 365.25 for d, _ in known]
            vs = [v for _, v in known]
            tm, vm = sum(ts) / len(ts), sum(vs) / len(vs)
            sxx = sum((t - tm) ** 2 for t in ts)
            slope = sum((t - tm) * (v - vm) for t, v in zip(ts, vs, strict=True)) / sxx
            change = vs[-1] - vs[-2]
            change_total = vs[-1] - vs[0]
        else:
            reason = f"{len(known)} date(s) with a value; a trend needs two"
        out.append(
            Trend(
                name=name,
                unit=unit,
                description=description,
                points=points,
                slope_per_year=slope,
                change=change,
                change_total=change_total,
                missing_reason=reason,
            )
        )
    return out


def _timeline_columns(timeline: Timeline) -> Columns:
    rows, _ = timeline.frame_rows()
    return columns_from_rows(rows)


def assess(
    timeline: Timeline,
    *,
    frame: pd.DataFrame | Columns | None = None,
    table: pd.DataFrame | Columns | None = None,
) -> FeatureSet:
    """Features, published scores, trends and the going-concern checklist of a company.

    Parameters
    ----------
    timeline : Timeline
        From :func:`risk.timelines.timeline`.
    frame : pandas.DataFrame, numpy columns or None, default None
        The timeline's rows (``timeline.to_frame()``, or :data:`risk.timelines.Columns`)
        when the caller has them already (computed when None).
    table : pandas.DataFrame, numpy columns or None, default None
        ``feature_table(frame)`` / ``feature_columns(frame)`` when the caller has it
        already (computed when None).

    Returns
    -------
    FeatureSet
        For the latest date of the timeline (its latest balance sheet date when there is
        one); ``history`` and ``trends`` cover every date. Missing inputs give features
        with ``value=None`` and a ``missing_reason``, never an exception or a zero.
    """
    columns = as_columns(frame) if frame is not None else _timeline_columns(timeline)
    table_columns = feature_columns(columns) if table is None else as_columns(table)
    dates = column_dates(columns["period_end"])
    ctx = Context.build(timeline, table_columns, dates)
    warnings = list(timeline.warnings)
    if ctx.latest is None:
        warnings.append(
            FilingWarning(
                code=WarningCode.NO_PERIODS,
                message="no balances and no 12-month flows: every feature is missing",
            )
        )
    if ctx.stale_statements:
        warnings.append(
            FilingWarning(
                code=WarningCode.STALE_STATEMENTS,
                message=(
                    f"{ctx.stale_statements} signal(s) or fact(s) from filings filed more than "
                    f"{EVIDENCE_MAX_AGE_DAYS} days before {ctx.end} are not used as evidence"
                ),
            )
        )
    features: list[Feature] = _table_features(ctx)
    features.extend(_refinancing(ctx))
    features.append(_runway(ctx))
    features.append(_consecutive_losses(ctx))
    features.append(
        _growth(
            "revenue_growth_fiscal_year",
            "Revenue of the latest reported fiscal year against the year before, minus 1.",
            _fiscal_years(ctx),
            ctx.end,
        )
    )
    quarters = [
        p for p in timeline.periods if p.months == 3 and (ctx.end is None or p.end <= ctx.end)
    ]
    features.append(
        _growth(
            "revenue_growth_quarter_yoy",
            "Revenue of the latest quarter against the same quarter a year earlier, minus 1.",
            quarters,
            ctx.end,
        )
    )
    features.append(_writedowns(ctx))
    scores = _scores(ctx)
    history = [
        HistoryRow(
            period_end=d,
            values={c: ctx.row_value(c, i) for c in FEATURE_COLUMNS},
        )
        for i, d in enumerate(dates)
    ]
    return FeatureSet(
        entity=timeline.entity,
        cik=timeline.cik,
        as_of=timeline.as_of,
        period_end=ctx.end,
        features=features,
        scores=scores,
        trends=_trends(ctx),
        checklist=evaluate_checklist(ctx, scores),
        history=history,
        warnings=warnings,
    )
