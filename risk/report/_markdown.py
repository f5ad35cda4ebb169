"""The risk report as Markdown, for terminals and notes.

Document text (company names, quotes, labels) is escaped: HTML special characters
become entities, Markdown emphasis and link characters are backslashed, so a
quote renders as text in any Markdown viewer.
"""

from __future__ import annotations

from pathlib import PurePath

from risk._lazy import lazy_regex
from risk.report._format import (
    band_text,
    fmt_feature_value,
    fmt_money,
    fmt_number,
    fmt_probability,
    fold,
    headline,
    industry_text,
    label_of,
    market_text,
    model_label,
    signal_label,
    source_text,
)
from risk.report._models import (
    ChecklistItem,
    ChecklistStatus,
    Evidence,
    EvidenceKind,
    ReportStatus,
    RiskReport,
)

__all__ = ["render_markdown"]

_MD_SPECIAL = lazy_regex(r"([\\`*\[\]|<>])")
_SHOWN = 3
_STATUS_MARK = {
    ChecklistStatus.PRESENT: "[x]",
    ChecklistStatus.ABSENT: "[ ]",
    ChecklistStatus.UNKNOWN: "[?]",
}


def md(text: str | None) -> str:
    """Document text made inert in Markdown (one line; HTML and Markdown syntax escaped)."""
    if text is None:
        return ""
    folded = fold(text)
    escaped = _MD_SPECIAL.sub(r"\\\1", folded)
    # The backslash keeps Markdown from reading it; the entity keeps HTML from reading it.
    return escaped.replace("\\<", "&lt;").replace("\\>", "&gt;")


def code(text: str | None) -> str:
    """A code span (HTML inside is shown, never rendered)."""
    if not text:
        return ""
    return "`" + fold(text).replace("`", "'") + "`"


def doc_name(document: str | None) -> str:
    """The file name of a document, as a code span."""
    if not document:
        return "(unknown document)"
    return code(PurePath(document).name or document)


def _evidence_lines(ev: Evidence) -> list[str]:
    if ev.kind is EvidenceKind.QUOTE:
        where = doc_name(ev.document)
        if ev.span is not None:
            where += f", characters {ev.span[0]}–{ev.span[1]}"
        return [f"  - “{md(ev.text)}” — {where}"]
    sources = "; ".join(
        f"{doc_name(s.document)}"
        + (f" line {s.line}" if s.line is not None else "")
        + (f" ({md(s.label)}" + (f", printed {md(s.raw)})" if s.raw else ")") if s.label else "")
        for s in ev.sources
    )
    line = f"  - {md(ev.text)}"
    if sources:
        line += f" — {sources}"
    return [line]


def _checklist(items: list[ChecklistItem]) -> list[str]:
    out = ["## Going-concern checklist (ISA 570 / ASC 205-40)", ""]
    if not items:
        return [*out, "No checklist was computed.", ""]
    present = sum(1 for c in items if c.status is ChecklistStatus.PRESENT)
    unknown = sum(1 for c in items if c.status is ChecklistStatus.UNKNOWN)
    out += [f"{present} of {len(items)} indicators present, {unknown} unknown.", ""]
    order = {ChecklistStatus.PRESENT: 0, ChecklistStatus.UNKNOWN: 1, ChecklistStatus.ABSENT: 2}
    for item in sorted(items, key=lambda c: order[c.status]):
        mark = _STATUS_MARK[item.status]
        line = f"- {mark} **{md(item.label)}**: {item.status.value}"
        if item.reference:
            line += f" ({md(item.reference)})"
        out.append(line)
        if item.note:
            out.append(f"  - note: {md(item.note)}")
        for ev in item.evidence[:_SHOWN]:
            out += _evidence_lines(ev)
        if len(item.evidence) > _SHOWN:
            out.append(f"  - and {len(item.evidence) - _SHOWN} more (see the signals)")
    out.append("")
    return out


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return [*out, ""]


def render_markdown(report: RiskReport) -> str:
    """Render ``report`` as Markdown.

    Parameters
    ----------
    report : RiskReport

    Returns
    -------
    str
        Headline with the probability and band, drivers, the checklist with quotes,
        the published scores, the trend, signals, data gaps, warnings, the model and
        the input documents.
    """
    sections = (
        _head,
        _drivers,
        lambda r: _checklist(r.checklist),
        _scores,
        _trend,
        _features,
        _signals,
        _facts,
        _data_gaps,
        _warnings,
        _adjustment_sources,
        _model_and_documents,
    )
    out: list[str] = []
    for section in sections:
        out += section(report)
    return "\n".join(out)


def _head(report: RiskReport) -> list[str]:
    """Title, as-of line, industry, headline, status, market inputs, probability, bands."""
    entity = md(report.entity) or "(unknown company)"
    out = [f"# Risk report: {entity}", ""]
    meta = [f"as of {report.as_of.isoformat()}", f"horizon {report.horizon_months} months"]
    if report.cik:
        meta.append(f"CIK {md(report.cik)}")
    out += ["*" + " · ".join(meta) + "*", ""]
    out += [md(industry_text(report)), ""]
    out += [f"**{headline(report)}**", ""]
    out += _status(report)
    market = market_text(report)
    if market is not None:
        out += [md(market), ""]
    out += _probability(report)
    if report.bands:
        cut = ", ".join(band_text(b) for b in report.bands)
        out += [f"Bands: {cut}.", ""]
    return out


def _status(report: RiskReport) -> list[str]:
    out: list[str] = []
    if report.status is ReportStatus.OUT_OF_SCOPE and report.industry is not None:
        out += [f"Status: out of scope. {md(report.industry.reason)}.", ""]
    if report.status is ReportStatus.INSUFFICIENT_DATA:
        blocking = [g for g in report.data_gaps if g.blocks_probability] or report.data_gaps
        missing = ", ".join(code(g.input) for g in blocking) or "(not recorded)"
        out += [f"Status: insufficient data. Missing: {missing}.", ""]
    if report.status is ReportStatus.IN_BANKRUPTCY:
        out += ["Status: in bankruptcy.", ""]
        for s in report.status_evidence[:_SHOWN]:
            out.append(f"- “{md(s.quote)}” — {doc_name(s.document)}")
        out.append("")
    return out


def _probability(report: RiskReport) -> list[str]:
    """The model's probability, the adjusted one and each signal's adjustment."""
    if report.model_probability is None:
        return []
    out = [f"- {model_label(report)}: {fmt_probability(report.model_probability)}"]
    out.append(f"- Adjusted for text signals: {fmt_probability(report.probability)}")
    for adj in report.adjustments:
        factor = f"odds × {adj.factor:.2f}" if adj.factor is not None else ""
        lo = f"log-odds {adj.log_odds:+.2f}" if adj.log_odds is not None else ""
        how = ", ".join(x for x in (factor, lo) if x)
        state = " (announced)" if adj.state == "intended" else ""
        out.append(f"  - {code(adj.signal)}{state}: {how}")
        for ev in adj.evidence[:1]:
            out.append(f"    - “{md(ev.text)}” — {doc_name(ev.document or '')}")
    out.append("")
    return out


def _drivers(report: RiskReport) -> list[str]:
    out = ["## Drivers", ""]
    if not report.drivers:
        return [*out, "No drivers (no probability was computed).", ""]
    rows = [
        [
            code(d.feature),
            fmt_number(d.value, 3),
            "↑ up" if d.direction.value == "up" else "↓ down",
            f"{d.contribution:+.2f}",
            md(d.words),
        ]
        for d in report.drivers
    ]
    return out + _table(["Feature", "Value", "Direction", "Log-odds", "In words"], rows)


def _scores(report: RiskReport) -> list[str]:
    out = ["## Published scores", ""]
    if not report.scores:
        return [*out, "No published score could be computed.", ""]
    rows = [
        [
            md(label_of(s.name)),
            fmt_number(s.value),
            md(s.zone) or "n/a",
            ", ".join(fmt_number(c) for c in s.cutoffs) or "",
            s.period_end.isoformat() if s.period_end else "",
            md("; ".join(s.notes))
            if s.notes
            else ("missing: " + ", ".join(code(m) for m in s.missing) if s.missing else ""),
        ]
        for s in report.scores
    ]
    return out + _table(["Score", "Value", "Zone", "Cut-offs", "Period end", "Note"], rows)


def _trend(report: RiskReport) -> list[str]:
    out = ["## Trend", ""]
    if not report.trend:
        return [*out, "No balance sheet in the inputs.", ""]
    rows = [
        [
            t.period_end.isoformat(),
            fmt_number(t.altman_z),
            fmt_number(t.altman_z_prime),
            fmt_number(t.altman_z_double_prime),
            fmt_number(t.debt_to_equity),
            fmt_money(t.working_capital),
            fmt_probability(t.probability),
            md(t.band) or "",
        ]
        for t in report.trend
    ]
    header = [
        "Period end",
        "Z",
        "Z'",
        "Z''",
        "D/E",
        "Working capital",
        "Model probability",
        "Band",
    ]
    return out + _table(header, rows)


def _features(report: RiskReport) -> list[str]:
    if not report.features:
        return []
    out = ["## Features", ""]
    valued = [f for f in report.features if f.value is not None]
    rows = [
        [
            code(f.name),
            fmt_feature_value(f.name, f.value),
            f.period_end.isoformat() if f.period_end else "",
            md("; ".join(source_text(p) for p in f.provenance[:3])),
        ]
        for f in valued
    ]
    if rows:
        out += _table(["Feature", "Value", "Period end", "From"], rows)
    left = len(report.features) - len(valued)
    if left:
        out += [f"{left} feature(s) could not be computed (see the data gaps).", ""]
    return out


def _signals(report: RiskReport) -> list[str]:
    out = ["## Signals", ""]
    if not report.signals:
        return [*out, "No distress language found.", ""]
    for s in report.signals:
        where = doc_name(s.document) + f", characters {s.span[0]}–{s.span[1]}"
        label = signal_label(s.kind, s.subject, s.subject_name, s.state)
        note = f" ({md(label)})" if label else ""
        out += [f"- {code(s.kind)}{note}: “{md(s.quote)}” — {where}"]
    return [*out, ""]


def _facts(report: RiskReport) -> list[str]:
    if not report.facts:
        return []
    out = ["## Amounts stated in prose", ""]
    for f in report.facts:
        out.append(f"- {code(f.kind)}: {fmt_money(f.amount)}: “{md(f.quote)}”")
    return [*out, ""]


def _data_gaps(report: RiskReport) -> list[str]:
    out = ["## Data gaps", ""]
    if not report.data_gaps:
        return [*out, "None.", ""]
    out += [
        f"- {code(g.input)}: needed for {md('; '.join(g.needed_for))}" for g in report.data_gaps
    ]
    return [*out, ""]


def _warnings(report: RiskReport) -> list[str]:
    if not report.warnings:
        return []
    out = ["## Warnings", ""]
    for w in report.warnings:
        where = f" ({doc_name(w.document)})" if w.document else ""
        out.append(f"- {code(w.code)}: {md(w.message)}{where}")
    return [*out, ""]


def _adjustment_sources(report: RiskReport) -> list[str]:
    if not report.adjustments:
        return []
    out = ["## Sources of the signal adjustments", ""]
    for adj in report.adjustments:
        out.append(f"- {code(adj.signal)}: {md(adj.source) or '(not recorded)'}")
    return [*out, ""]


def _model_and_documents(report: RiskReport) -> list[str]:
    out = ["## Model and documents", ""]
    if report.model is not None:
        sha = f", sha256 {code(report.model.sha256)}" if report.model.sha256 else ""
        out.append(f"- Model: {code(report.model.name)} version {md(report.model.version)}{sha}")
    else:
        out.append("- Model: none used")
    for d in report.documents:
        filed = f", filed {d.filed.isoformat()}" if d.filed else ""
        filed += f", accession {md(d.accession)}" if d.accession else ""
        used = "" if d.used else f" (not used: {md(d.note)})"
        out.append(f"- {code(d.source)}{filed}, sha256 {code(d.sha256)}{used}")
    if report.risk_version:
        out.append(f"- Written by risk {md(report.risk_version)}")
    out.append("")
    return out
