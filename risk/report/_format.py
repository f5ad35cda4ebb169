"""Number and text formatting shared by the Markdown and HTML renderers."""

from __future__ import annotations

import math
from pathlib import PurePath

from risk._lazy import lazy_regex
from risk.report._models import Band, Evidence, EvidenceKind, RiskReport, ValueSource

__all__ = [
    "band_text",
    "evidence_location",
    "fmt_money",
    "fmt_number",
    "fmt_probability",
    "headline",
    "industry_text",
    "label_of",
    "market_text",
    "model_label",
    "source_text",
]

_SPACES = lazy_regex(r"\s+")

#: Readable names of the fields and scores that appear in tables.
_LABELS = {
    "altman_z": "Altman Z",
    "altman_z_prime": "Altman Z'",
    "altman_z_double_prime": "Altman Z''",
    "ohlson_o": "Ohlson O-score",
    "distance_to_default": "Distance to default (naive Merton)",
    "zmijewski_x": "Zmijewski X-score",
    "springate_s": "Springate S-score",
    "taffler_z": "Taffler z-score",
    "debt_to_equity": "Debt to equity",
    "working_capital": "Working capital",
}


def label_of(name: str) -> str:
    """A readable label for a field or score name (``debt_to_equity`` -> ``Debt to equity``)."""
    return _LABELS.get(name, name.replace("_", " ").capitalize())


def fold(text: str) -> str:
    """Whitespace folded to single spaces."""
    return _SPACES.sub(" ", text).strip()


def fmt_probability(p: float | None) -> str:
    """``0.382`` -> ``38.2%``; small values keep two significant figures."""
    if p is None or not math.isfinite(p):
        return "n/a"
    pct = 100.0 * p
    if pct == 0:
        return "0%"
    if pct < 1:
        return f"{pct:.2g}%"
    return f"{pct:.1f}%"


def fmt_number(x: float | None, digits: int = 2) -> str:
    """A ratio or score with ``digits`` decimals; ``n/a`` when missing."""
    if x is None or not math.isfinite(x):
        return "n/a"
    return f"{x:,.{digits}f}"


def fmt_money(x: float | None) -> str:
    """Currency units in millions (``-27352000`` -> ``-$27.4m``)."""
    if x is None or not math.isfinite(x):
        return "n/a"
    sign = "-" if x < 0 else ""
    a = abs(x)
    if a >= 1e9:
        return f"{sign}${a / 1e9:,.2f}bn"
    if a >= 1e5:
        return f"{sign}${a / 1e6:,.1f}m"
    return f"{sign}${a:,.0f}"


def fmt_feature_value(name: str, x: float | None) -> str:
    """Money for amount fields, a ratio otherwise."""
    if name in {"working_capital", "total_assets", "total_liabilities", "revenue", "net_income"}:
        return fmt_money(x)
    return fmt_number(x)


def band_text(band: Band) -> str:
    """``High (20.0%–50.0%)``."""
    return f"{band.name} ({fmt_probability(band.lower)}–{fmt_probability(band.upper)})"


def headline(report: RiskReport) -> str:
    """One sentence: the probability and the band, or why there is none."""
    if report.status.value == "in_bankruptcy":
        text = "In bankruptcy: the filer's own filings say it has filed for bankruptcy"
        if report.probability is not None:
            text += f" (model reference: {fmt_probability(report.probability)}"
            if report.band is not None:
                text += f", band {band_text(report.band)}"
            text += ")"
        return text + "."
    if report.status.value == "out_of_scope":
        what = "the company's industry"
        if report.industry is not None and report.industry.sic:
            what += f" (SIC {report.industry.sic}"
            if report.industry.category:
                what += f", {report.industry.category.replace('_', ' ')}"
            what += ")"
        return (
            f"Out of the model's scope: {what} is one the distress model does not apply "
            "to; no probability or band is given (the signals and checklist are)."
        )
    if report.probability is None:
        return (
            f"No probability of failure within {report.horizon_months} months: "
            "the inputs cannot support one (see the data gaps)."
        )
    text = (
        f"Probability of failure within {report.horizon_months} months: "
        f"{fmt_probability(report.probability)}"
    )
    if report.band is not None:
        text += f", band {band_text(report.band)}"
    return text + "."


def industry_text(report: RiskReport) -> str:
    """The SIC code, where it came from and the model's scope, in one sentence."""
    ind = report.industry
    if ind is None:
        return "Industry: not decided."
    if ind.sic is None:
        return (
            "Industry: no SIC code in the inputs, so whether the model applies is unknown "
            "(give the SIC code)."
        )
    source = f" ({ind.source})" if ind.source else ""
    scope = {"in_scope": "in the model's scope", "out_of_scope": "out of the model's scope"}
    return f"Industry: SIC {ind.sic}{source}, {scope.get(ind.scope, ind.scope)}."


def market_text(report: RiskReport) -> str | None:
    """The market value of equity used, its date and source, in one sentence (or None)."""
    m = report.market
    if m is None:
        return None
    text = f"Market value of equity: {fmt_money(m.value)} on {m.on.isoformat()}"
    if m.price is not None and m.shares is not None:
        shares = f"{m.shares:,.0f} shares outstanding"
        if m.shares_on is not None:
            shares += f" on {m.shares_on.isoformat()}"
        text += f" (price {m.price:,.4g} x {shares}, from {m.shares_source or 'n/a'})"
    text += f"; source: {m.source}."
    if report.submodel == "full":
        return text + " The full submodel (statements and market value) scored the company."
    if report.submodel == "book":
        return (
            text + " The book submodel (statements only) scored the company: the market "
            "value is on the latest statements, which the model could not score."
        )
    return text


def model_label(report: RiskReport) -> str:
    """The name of the model's probability: which inputs (and submodel) gave it."""
    if report.submodel == "full":
        return "Model (financial statements and market value, full submodel)"
    return "Model (financial statements)"


def signal_label(kind: str, subject: str, subject_name: str | None, state: str) -> str:
    """Whose event and its state, for a signal that is not the filer's asserted one:
    ``"subsidiary FiberCore Jena AG, intended"``; "" for the filer's asserted signals."""
    parts = []
    if subject != "filer":
        parts.append(subject + (f" {subject_name}" if subject_name else ""))
    if state != "asserted":
        parts.append(state)
    return ", ".join(parts)


def source_text(src: ValueSource) -> str:
    """Where a value stands: ``002.txt line 212 ("Total liabilities" printed 71,126)``."""
    parts = [PurePath(src.document).name if src.document else f"{src.field} (no document recorded)"]
    if src.line is not None:
        parts.append(f"line {src.line}")
    detail = []
    if src.label:
        detail.append(f'"{fold(src.label)}"')
    if src.raw and len(src.raw) <= 40:
        detail.append(f"printed {fold(src.raw)}")
    if src.formula:
        detail.append(f"derived as {src.formula}")
    elif src.source and src.source != "table":
        detail.append(f"from {src.source}")
    text = " ".join(parts)
    if detail:
        text += " (" + ", ".join(detail) + ")"
    return text


def evidence_location(ev: Evidence) -> str:
    """``002.txt, characters 1200–1350`` or the sources of a value."""
    if ev.kind is EvidenceKind.QUOTE:
        where = ev.document or "(unknown document)"
        if ev.span is not None:
            where += f", characters {ev.span[0]}–{ev.span[1]}"
        return where
    return "; ".join(source_text(s) for s in ev.sources)
