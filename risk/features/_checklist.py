"""The going-concern indicator checklist (ISA 570 A3, ASC 205-40-55-2).

Each indicator of ``checklist.json`` is evaluated from numbers (a rule below) and from
the timeline's signals and facts. Status:

- present: the rule finds it in the numbers, or a signal / fact asserts it;
- absent: the rule finds the numbers clear of it (and nothing in the text asserts it), or,
  for an indicator known only from text, documents were read and no sentence asserts it;
- unknown: the numbers the rule needs are missing, or no document text was read.

Signals and facts from filings filed more than ``risk.policy.EVIDENCE_MAX_AGE_DAYS`` days
before the latest period end are not used (they describe an older situation); a warning
counts them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from risk._rules import RuleModel, load_rule_file
from risk.features._context import Context
from risk.features._models import (
    Indicator,
    IndicatorEvidence,
    IndicatorEvidenceKind,
    IndicatorId,
    IndicatorStatus,
    InputValue,
    ScoreResult,
)
from risk.features._scores import Zone
from risk.financials import Fact, FactKind, Signal, SignalKind

__all__ = ["evaluate_checklist"]


class _IndicatorSpec(RuleModel):
    """One indicator of ``checklist.json``."""

    id: IndicatorId
    title: str
    reference: str
    rule: str | None
    signals: list[SignalKind]
    facts: list[FactKind]


class _Checklist(RuleModel):
    indicators: list[_IndicatorSpec]


_SPEC = load_rule_file(Path(__file__).parent / "checklist.json", _Checklist)

RuleResult = tuple[IndicatorStatus, list[IndicatorEvidence], str]
Rule = Callable[[Context, list[ScoreResult]], RuleResult]


def _money(value: float) -> str:
    return f"${value:,.0f}"


def _value_evidence(item: InputValue, description: str | None = None) -> IndicatorEvidence:
    where = item.period_end.isoformat() if item.period_end else "?"
    return IndicatorEvidence(
        kind=IndicatorEvidenceKind.VALUE,
        description=description or f"{item.name} at {where}: {item.value:,.0f}",
        value=item.value,
        period_end=item.period_end,
        provenance=item.provenance,
    )


def _signal_evidence(signal: Signal) -> IndicatorEvidence:
    return IndicatorEvidence(
        kind=IndicatorEvidenceKind.QUOTE,
        description=f"{signal.document} asserts {signal.kind.value.replace('_', ' ')}",
        quote=signal.quote,
        document=signal.document,
        document_type=signal.document_type,
        span=signal.span,
        signal=signal.kind,
    )


def _fact_evidence(fact: Fact) -> IndicatorEvidence:
    return IndicatorEvidence(
        kind=IndicatorEvidenceKind.FACT,
        description=(
            f"{fact.document} states {fact.kind.value.replace('_', ' ')} of {_money(fact.amount)}"
        ),
        value=fact.amount,
        quote=fact.quote,
        document=fact.document,
        document_type=fact.document_type,
        span=fact.span,
        fact=fact.kind,
    )


def _sign_rule(
    ctx: Context, concept: str, label: str, present_if_negative: bool = True
) -> RuleResult:
    value, inputs, missing = ctx.resolve(concept)
    if value is None:
        return IndicatorStatus.UNKNOWN, [], f"{label} is not known (missing: {', '.join(missing)})"
    evidence = [_value_evidence(i) for i in inputs]
    if len(inputs) > 1:
        evidence.append(
            IndicatorEvidence(
                kind=IndicatorEvidenceKind.VALUE,
                description=f"{label} computed from {', '.join(i.name for i in inputs)}: "
                f"{value:,.0f}",
                value=value,
                period_end=ctx.end,
            )
        )
    if (value < 0) == present_if_negative:
        return IndicatorStatus.PRESENT, evidence, f"{label} is {value:,.0f} at {ctx.end}"
    return IndicatorStatus.ABSENT, evidence, f"{label} is {value:,.0f} at {ctx.end}"


def _net_current_liabilities(ctx: Context, scores: list[ScoreResult]) -> RuleResult:
    return _sign_rule(ctx, "working_capital", "working capital")


def _net_liabilities(ctx: Context, scores: list[ScoreResult]) -> RuleResult:
    return _sign_rule(ctx, "book_equity", "book equity")


def _negative_ocf(ctx: Context, scores: list[ScoreResult]) -> RuleResult:
    return _sign_rule(ctx, "operating_cash_flow", "12-month operating cash flow")


def _operating_losses(ctx: Context, scores: list[ScoreResult]) -> RuleResult:
    found = [ctx.line(n, ctx.end) for n in ("operating_income", "net_income")]
    known = [f for f in found if f is not None]
    if not known:
        return (
            IndicatorStatus.UNKNOWN,
            [],
            "no 12-month operating income or net income at the latest date",
        )
    evidence = [_value_evidence(f) for f in known]
    losses = [f for f in known if f.value < 0]
    if losses:
        names = " and ".join(f"{f.name} {f.value:,.0f}" for f in losses)
        return IndicatorStatus.PRESENT, evidence, f"12-month loss to {ctx.end}: {names}"
    return IndicatorStatus.ABSENT, evidence, f"no 12-month loss to {ctx.end}"


def _impairments(ctx: Context, scores: list[ScoreResult]) -> RuleResult:
    item = ctx.line("impairments", ctx.end)
    if item is None:
        annual = [
            p
            for p in ctx.timeline.periods
            if p.months == 12 and ctx.end is not None and p.end <= ctx.end
        ]
        for period in reversed(annual):
            found = ctx.timeline.value("impairments", period.end)
            if found is not None:
                item = InputValue(
                    name="impairments",
                    value=found[0],
                    period_end=period.end,
                    months=12,
                    provenance=found[1],
                )
                break
    if item is None:
        return IndicatorStatus.UNKNOWN, [], "no impairments line reported"
    if item.value > 0:
        return (
            IndicatorStatus.PRESENT,
            [
                _value_evidence(
                    item,
                    f"write-offs and write-downs of {item.value:,.0f} "
                    f"in the 12 months to {item.period_end}",
                )
            ],
            "assets written down",
        )
    return IndicatorStatus.ABSENT, [_value_evidence(item)], "no write-downs reported"


def _adverse_ratios(ctx: Context, scores: list[ScoreResult]) -> RuleResult:
    zoned = [s for s in scores if s.zone is not None and s.substitute is None]
    if not zoned:
        return IndicatorStatus.UNKNOWN, [], "no published score could be computed"
    evidence = [
        IndicatorEvidence(
            kind=IndicatorEvidenceKind.SCORE,
            description=f"{s.title}: {s.value:.3f} ({s.zone.value if s.zone else '?'} zone)",
            value=s.value,
            period_end=s.period_end,
            score=s.name,
        )
        for s in zoned
    ]
    distress = [s.name.value for s in zoned if s.zone is Zone.DISTRESS]
    if distress:
        return IndicatorStatus.PRESENT, evidence, f"in the distress zone: {', '.join(distress)}"
    return IndicatorStatus.ABSENT, evidence, "no computed score is in its distress zone"


_RENEWAL_DOUBT = (
    SignalKind.LIQUIDITY_CRISIS,
    SignalKind.FINANCING_NEED,
    SignalKind.DEBT_RESTRUCTURING,
    SignalKind.COVENANT_BREACH,
)


def _borrowings_maturing(ctx: Context, scores: list[ScoreResult]) -> RuleResult:
    due = ctx.line("short_term_debt", ctx.end)
    evidence: list[IndicatorEvidence] = []
    amount: float | None = None
    if due is not None:
        amount = due.value
        evidence.append(_value_evidence(due))
    renegotiation = ctx.latest_fact(FactKind.DEBT_UNDER_RENEGOTIATION)
    if renegotiation is not None:
        evidence.append(_fact_evidence(renegotiation))
        amount = max(amount or 0.0, renegotiation.amount)
    if amount is None:
        return (
            IndicatorStatus.UNKNOWN,
            [],
            "debt due within a year not known (no short_term_debt, no debt under renegotiation)",
        )
    if amount <= 0:
        return IndicatorStatus.ABSENT, evidence, "no debt due within a year"
    doubts = [s for k in _RENEWAL_DOUBT for s in ctx.signals_by_kind.get(k, [])]
    cash = ctx.line("cash", ctx.end)
    ocf = ctx.line("operating_cash_flow", ctx.end)
    if cash is not None:
        evidence.append(_value_evidence(cash))
        resources = cash.value + max(ocf.value if ocf is not None else 0.0, 0.0)
        if ocf is not None:
            evidence.append(_value_evidence(ocf))
        if amount > resources and (doubts or renegotiation is not None):
            evidence.extend(_signal_evidence(s) for s in doubts[:2])
            return (
                IndicatorStatus.PRESENT,
                evidence,
                f"debt due within a year {_money(amount)} exceeds cash and operating cash "
                f"flow {_money(resources)}, and renewal is in doubt",
            )
        if amount <= resources:
            return (
                IndicatorStatus.ABSENT,
                evidence,
                f"cash and operating cash flow {_money(resources)} cover debt due within a "
                f"year {_money(amount)}",
            )
    if doubts:
        evidence.extend(_signal_evidence(s) for s in doubts[:2])
        return (
            IndicatorStatus.PRESENT,
            evidence,
            f"debt due within a year of {_money(amount)} while the company states a liquidity "
            "shortfall or the need to refinance",
        )
    return (
        IndicatorStatus.UNKNOWN,
        evidence,
        "debt is due within a year but neither cash nor the text shows whether it can be "
        "renewed or repaid",
    )


_RULES: dict[str, Rule] = {
    "net_current_liabilities": _net_current_liabilities,
    "net_liabilities": _net_liabilities,
    "borrowings_maturing": _borrowings_maturing,
    "operating_losses": _operating_losses,
    "impairments": _impairments,
    "negative_operating_cash_flow": _negative_ocf,
    "adverse_ratios": _adverse_ratios,
}


def evaluate_checklist(ctx: Context, scores: list[ScoreResult]) -> list[Indicator]:
    """Evaluate every indicator of ``checklist.json`` on a timeline context."""
    out: list[Indicator] = []
    documents = len({f.source for f in ctx.timeline.filings})
    for entry in _SPEC.indicators:
        indicator = entry.id
        evidence: list[IndicatorEvidence] = []
        rule_status: IndicatorStatus | None = None
        rule_reason = ""
        if entry.rule:
            rule_status, rule_evidence, rule_reason = _RULES[entry.rule](ctx, scores)
            evidence.extend(rule_evidence)
        text_evidence: list[IndicatorEvidence] = []
        for kind in entry.signals:
            text_evidence.extend(_signal_evidence(s) for s in ctx.signals_by_kind.get(kind, []))
        for fact_kind in entry.facts:
            text_evidence.extend(_fact_evidence(f) for f in ctx.facts_by_kind.get(fact_kind, []))
        if rule_status is IndicatorStatus.PRESENT or text_evidence:
            status = IndicatorStatus.PRESENT
            reasons = [rule_reason] if rule_status is IndicatorStatus.PRESENT else []
            if text_evidence:
                reasons.append(f"{len(text_evidence)} statement(s) in the filings assert it")
            reason = "; ".join(reasons)
            evidence.extend(text_evidence)
        elif rule_status is not None:
            status, reason = rule_status, rule_reason
        elif ctx.text_read:
            status = IndicatorStatus.ABSENT
            reason = f"no sentence in the {documents} filing(s) read asserts it"
        else:
            status = IndicatorStatus.UNKNOWN
            reason = "known only from document text, and no document text was read"
        out.append(
            Indicator(
                id=indicator,
                title=entry.title,
                reference=entry.reference,
                status=status,
                reason=reason,
                evidence=evidence,
            )
        )
    return out
