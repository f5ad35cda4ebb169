"""The risk report as one self-contained HTML page.

Inline CSS, charts as inline SVG (written directly, :mod:`risk.report._charts`), no
script, no external resource: the page works offline. The page is a sequence of
sections (:data:`SECTIONS`), each a function of the report and its charts. Every
piece of text from a document (company name, quotes, labels, file names) goes
through :func:`html.escape`; a Content-Security-Policy meta forbids scripts as a
second line of defence.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from pathlib import PurePath

from risk.report._charts import charts
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
    Adjustment,
    ChecklistItem,
    ChecklistStatus,
    Evidence,
    EvidenceKind,
    PublishedScore,
    ReportStatus,
    RiskReport,
)

__all__ = ["CSP", "SECTIONS", "render_html"]

#: The charts of one report, ``{name: svg}`` (see :func:`risk.report._charts.charts`).
Charts = Mapping[str, str]

#: No script, no network, no plugin; inline styles and inline SVG only.
CSP = (
    "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; style-src 'unsafe-inline'; img-src data:"
)

_CSS = """
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:0 auto;
max-width:1100px;padding:24px;color:#222;line-height:1.4}
h1{font-size:1.6em;margin-bottom:0}h2{font-size:1.2em;border-bottom:1px solid #ddd;
padding-bottom:4px;margin-top:28px}.meta{color:#666;margin-top:4px}
.headline{font-size:1.3em;padding:12px 16px;border-radius:6px;margin:16px 0;
border-left:6px solid #888;background:#f5f5f5}
.risk-low{border-color:#2e7d32}.risk-mid{border-color:#ef6c00}.risk-high{border-color:#c62828}
.insufficient{border-color:#555;background:#eee}
table{border-collapse:collapse;margin:8px 0;font-size:.9em}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
.status-present{color:#c62828;font-weight:bold}.status-absent{color:#2e7d32}
.status-unknown{color:#777}blockquote{margin:6px 0 6px 12px;padding:4px 10px;
border-left:3px solid #bbb;background:#fafafa;font-style:italic}
.where{color:#666;font-size:.85em;font-style:normal}
.chart{margin:12px 0}.chart svg{max-width:100%;height:auto}
.charts{display:grid;grid-template-columns:1fr;gap:8px}
code{background:#f3f3f3;padding:0 3px;border-radius:3px;font-size:.9em}
li{margin:4px 0}.small{font-size:.85em;color:#555}
summary{cursor:pointer;color:#1f4e79;font-size:.85em}
"""


def e(text: object) -> str:
    """Escape anything for HTML text or an attribute value."""
    if text is None:
        return ""
    return html.escape(fold(str(text)), quote=True)


def _doc(document: str | None) -> str:
    if not document:
        return "(unknown document)"
    return f"<code>{e(PurePath(document).name or document)}</code>"


def _evidence(ev: Evidence) -> str:
    if ev.kind is EvidenceKind.QUOTE:
        where = _doc(ev.document)
        if ev.span is not None:
            where += f", characters {ev.span[0]}–{ev.span[1]}"
        return f'<blockquote>“{e(ev.text)}”<br><span class="where">{where}</span></blockquote>'
    sources = "; ".join(e(source_text(s)) for s in ev.sources)
    tail = f' <span class="where">{sources}</span>' if sources else ""
    return f"<div>{e(ev.text)}{tail}</div>"


_SHOWN = 2
_STATUS_ORDER = {ChecklistStatus.PRESENT: 0, ChecklistStatus.UNKNOWN: 1, ChecklistStatus.ABSENT: 2}


def _checklist(items: list[ChecklistItem]) -> str:
    if not items:
        return "<p>No checklist was computed.</p>"
    present = sum(1 for c in items if c.status is ChecklistStatus.PRESENT)
    unknown = sum(1 for c in items if c.status is ChecklistStatus.UNKNOWN)
    rows = []
    for item in sorted(items, key=lambda c: _STATUS_ORDER[c.status]):
        ref = f'<div class="small">{e(item.reference)}</div>' if item.reference else ""
        note = f'<div class="small">{e(item.note)}</div>' if item.note else ""
        shown, more = item.evidence[:_SHOWN], item.evidence[_SHOWN:]
        evidence = "".join(_evidence(ev) for ev in shown)
        if more:
            evidence += (
                f"<details><summary>{len(more)} more</summary>"
                + "".join(_evidence(ev) for ev in more)
                + "</details>"
            )
        rows.append(
            f"<tr><td><b>{e(item.label)}</b>{ref}</td>"
            f'<td class="status-{item.status.value}">{item.status.value}</td>'
            f"<td>{evidence}{note}</td></tr>"
        )
    return (
        f"<p>{present} of {len(items)} indicators present, {unknown} unknown.</p>"
        "<table><tr><th>Indicator</th><th>Status</th><th>Evidence</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _table(header: list[str], rows: list[list[tuple[str, bool]]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' if num else ''}>{c}</td>" for c, num in r) + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _risk_class(report: RiskReport) -> str:
    """The headline's colour: the two riskiest bands red, the upper half orange, else green."""
    if report.band is None or not report.bands:
        return ""
    top = max(b.rank for b in report.bands)
    if report.band.rank >= top - 1:
        return "risk-high"
    if report.band.rank >= (top + 1) / 2:
        return "risk-mid"
    return "risk-low"


def render_html(report: RiskReport) -> str:
    """Render ``report`` as one self-contained HTML page.

    The page is written section by section, in reading order (see :data:`SECTIONS`).

    Parameters
    ----------
    report : RiskReport

    Returns
    -------
    str
        A complete HTML document: inline CSS, charts as inline SVG, no script.
    """
    svgs = charts(report)
    parts = [part for section in SECTIONS for part in section(report, svgs)]
    return "\n".join(parts) + "\n"


def _head(report: RiskReport, svgs: Charts) -> list[str]:
    """From the doctype to the headline sentence."""
    entity = e(report.entity) or "(unknown company)"
    meta = [f"as of {report.as_of.isoformat()}", f"horizon {report.horizon_months} months"]
    if report.cik:
        meta.append(f"CIK {e(report.cik)}")
    insufficient = report.status is ReportStatus.INSUFFICIENT_DATA
    css = "insufficient" if insufficient else _risk_class(report)
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Risk report: {entity}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Risk report: {entity}</h1>",
        f'<p class="meta">{" · ".join(meta)}</p>',
        f'<p class="industry">{e(industry_text(report))}</p>',
        f'<div class="headline {css}">{e(headline(report))}</div>',
    ]


def _summary(report: RiskReport, svgs: Charts) -> list[str]:
    """What is missing, the two probabilities and the signal adjustments, the bands."""
    parts = []
    if report.status is ReportStatus.INSUFFICIENT_DATA:
        blocking = [g for g in report.data_gaps if g.blocks_probability] or report.data_gaps
        missing = ", ".join(f"<code>{e(g.input)}</code>" for g in blocking)
        parts.append(f"<p><b>Insufficient data.</b> Missing: {missing or '(not recorded)'}.</p>")
    if report.status is ReportStatus.IN_BANKRUPTCY:
        quotes = "".join(
            f'<blockquote>“{e(s.quote)}”<br><span class="where">{_doc(s.document)}</span>'
            "</blockquote>"
            for s in report.status_evidence[:3]
        )
        parts.append(f"<p><b>In bankruptcy.</b></p>{quotes}")
    if report.status is ReportStatus.OUT_OF_SCOPE and report.industry is not None:
        parts.append(f"<p><b>Out of scope.</b> {e(report.industry.reason)}.</p>")
    market = market_text(report)
    if market is not None:
        parts.append(f'<p class="market">{e(market)}</p>')
    if report.model_probability is not None:
        items = [
            f"<li>{e(model_label(report))}: {fmt_probability(report.model_probability)}</li>",
            f"<li>Adjusted for text signals: {fmt_probability(report.probability)}</li>",
        ]
        items.extend(_adjustment_item(adj) for adj in report.adjustments)
        parts.append("<ul>" + "".join(items) + "</ul>")
    if report.bands:
        parts.append(
            '<p class="small">Bands: ' + e(", ".join(band_text(b) for b in report.bands)) + "</p>"
        )
    return parts


def _adjustment_item(adj: Adjustment) -> str:
    how = []
    if adj.factor is not None:
        how.append(f"odds × {adj.factor:.2f}")
    if adj.log_odds is not None:
        how.append(f"log-odds {adj.log_odds:+.2f}")
    state = " (announced)" if adj.state == "intended" else ""
    quote = f'<br><span class="where">“{e(adj.evidence[0].text)}”</span>' if adj.evidence else ""
    return f"<li><code>{e(adj.signal)}</code>{state}: {', '.join(how)}{quote}</li>"


def _chart_divs(svgs: Charts, names: tuple[str, ...]) -> list[str]:
    return [f'<div class="chart" id="chart-{n}">{svgs[n]}</div>' for n in names if n in svgs]


def _top_charts(report: RiskReport, svgs: Charts) -> list[str]:
    """The probability against the bands and the drivers, under the summary."""
    return _chart_divs(svgs, ("probability", "drivers"))


def _drivers(report: RiskReport, svgs: Charts) -> list[str]:
    parts = ["<h2>Drivers</h2>"]
    if not report.drivers:
        return [*parts, "<p>No drivers (no probability was computed).</p>"]
    rows = [
        [
            (f"<code>{e(d.feature)}</code>", False),
            (fmt_number(d.value, 3), True),
            ("↑ up" if d.direction.value == "up" else "↓ down", False),
            (f"{d.contribution:+.2f}", True),
            (e(d.words), False),
        ]
        for d in report.drivers
    ]
    return [*parts, _table(["Feature", "Value", "Direction", "Log-odds", "In words"], rows)]


_TREND_HEADER = [
    "Period end",
    "Z",
    "Z'",
    "Z''",
    "D/E",
    "Working capital",
    "Model probability",
    "Band",
]


def _trend(report: RiskReport, svgs: Charts) -> list[str]:
    """The trend charts and the table of the timeline's balance-sheet dates."""
    parts = ["<h2>Trend</h2>", *_chart_divs(svgs, ("z_family", "leverage", "working_capital"))]
    if not report.trend:
        return [*parts, "<p>No balance sheet in the inputs.</p>"]
    rows = [
        [
            (t.period_end.isoformat(), False),
            (fmt_number(t.altman_z), True),
            (fmt_number(t.altman_z_prime), True),
            (fmt_number(t.altman_z_double_prime), True),
            (fmt_number(t.debt_to_equity), True),
            (fmt_money(t.working_capital), True),
            (fmt_probability(t.probability), True),
            (e(t.band), False),
        ]
        for t in report.trend
    ]
    return [*parts, _table(_TREND_HEADER, rows)]


def _going_concern(report: RiskReport, svgs: Charts) -> list[str]:
    return ["<h2>Going-concern checklist (ISA 570 / ASC 205-40)</h2>", _checklist(report.checklist)]


def _score_note(s: PublishedScore) -> str:
    if s.notes:
        return e("; ".join(s.notes))
    return "missing: " + ", ".join(e(m) for m in s.missing) if s.missing else ""


def _published_scores(report: RiskReport, svgs: Charts) -> list[str]:
    parts = ["<h2>Published scores</h2>"]
    if not report.scores:
        return [*parts, "<p>No published score could be computed.</p>"]
    rows = [
        [
            (f'<span title="{e(s.label)}">{e(label_of(s.name))}</span>', False),
            (fmt_number(s.value), True),
            (e(s.zone) or "n/a", False),
            (", ".join(fmt_number(c) for c in s.cutoffs), False),
            (s.period_end.isoformat() if s.period_end else "", False),
            (_score_note(s), False),
        ]
        for s in report.scores
    ]
    header = ["Score", "Value", "Zone", "Cut-offs", "Period end", "Note"]
    return [*parts, _table(header, rows)]


def _signals(report: RiskReport, svgs: Charts) -> list[str]:
    parts = ["<h2>Signals</h2>"]
    if not report.signals:
        return [*parts, "<p>No distress language found.</p>"]
    for s in report.signals:
        where = _doc(s.document) + f", characters {s.span[0]}–{s.span[1]}"
        label = signal_label(s.kind, s.subject, s.subject_name, s.state)
        note = f" <i>({e(label)})</i>" if label else ""
        parts.append(
            f"<div><code>{e(s.kind)}</code>{note}<blockquote>“{e(s.quote)}”"
            f'<br><span class="where">{where}</span></blockquote></div>'
        )
    return parts


def _facts(report: RiskReport, svgs: Charts) -> list[str]:
    if not report.facts:
        return []
    items = [
        f"<li><code>{e(f.kind)}</code>: {fmt_money(f.amount)}: “{e(f.quote)}” "
        f'<span class="where">{_doc(f.document)}</span></li>'
        for f in report.facts
    ]
    return ["<h2>Amounts stated in prose</h2><ul>", *items, "</ul>"]


def _features(report: RiskReport, svgs: Charts) -> list[str]:
    if not report.features:
        return []
    parts = ["<h2>Features</h2>"]
    valued = [f for f in report.features if f.value is not None]
    left = len(report.features) - len(valued)
    if left:
        parts.append(f"<p>{left} feature(s) could not be computed (see the data gaps).</p>")
    rows = [
        [
            (f"<code>{e(f.name)}</code>", False),
            (fmt_feature_value(f.name, f.value), True),
            (f.period_end.isoformat() if f.period_end else "", False),
            (e("; ".join(source_text(p) for p in f.provenance[:3])), False),
        ]
        for f in valued
    ]
    if rows:
        parts.append(_table(["Feature", "Value", "Period end", "From"], rows))
    return parts


def _data_gaps(report: RiskReport, svgs: Charts) -> list[str]:
    if not report.data_gaps:
        return ["<h2>Data gaps</h2>", "<p>None.</p>"]
    items = "".join(
        f"<li><code>{e(g.input)}</code>: needed for {e('; '.join(g.needed_for))}</li>"
        for g in report.data_gaps
    )
    return ["<h2>Data gaps</h2>", f"<ul>{items}</ul>"]


def _warnings(report: RiskReport, svgs: Charts) -> list[str]:
    if not report.warnings:
        return []
    items = []
    for w in report.warnings:
        where = f" ({_doc(w.document)})" if w.document else ""
        items.append(f"<li><code>{e(w.code)}</code>: {e(w.message)}{where}</li>")
    return ["<h2>Warnings</h2><ul>", *items, "</ul>"]


def _adjustment_sources(report: RiskReport, svgs: Charts) -> list[str]:
    if not report.adjustments:
        return []
    items = [
        f"<li><code>{e(adj.signal)}</code>: "
        f'<span class="small">{e(adj.source) or "(not recorded)"}</span></li>'
        for adj in report.adjustments
    ]
    return ["<h2>Sources of the signal adjustments</h2><ul>", *items, "</ul>"]


def _model_and_documents(report: RiskReport, svgs: Charts) -> list[str]:
    """The model, each input document with its hash, the version of risk; closes the page."""
    parts = ["<h2>Model and documents</h2><ul>"]
    if report.model is not None:
        sha = f", sha256 <code>{e(report.model.sha256)}</code>" if report.model.sha256 else ""
        parts.append(
            f"<li>Model <code>{e(report.model.name)}</code> version {e(report.model.version)}"
            f"{sha}</li>"
        )
    else:
        parts.append("<li>Model: none used</li>")
    for d in report.documents:
        filed = f", filed {d.filed.isoformat()}" if d.filed else ""
        filed += f", accession {e(d.accession)}" if d.accession else ""
        used = "" if d.used else f" (not used: {e(d.note)})"
        parts.append(
            f"<li><code>{e(d.source)}</code>{filed}, sha256 <code>{e(d.sha256)}</code>{used}</li>"
        )
    if report.risk_version:
        parts.append(f"<li>Written by risk {e(report.risk_version)}</li>")
    return [*parts, "</ul></body></html>"]


#: The page's sections in reading order; each gets the report and its charts.
SECTIONS: tuple[Callable[[RiskReport, Charts], list[str]], ...] = (
    _head,
    _summary,
    _top_charts,
    _drivers,
    _trend,
    _going_concern,
    _published_scores,
    _signals,
    _facts,
    _features,
    _data_gaps,
    _warnings,
    _adjustment_sources,
    _model_and_documents,
)
