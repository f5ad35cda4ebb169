"""Charts of the risk report as inline SVG, drawn with matplotlib (Agg backend).

Text in the charts is drawn as glyph paths (``svg.fonttype = "path"``), so no
string from a document reaches the SVG as markup; labels are also stripped of
characters matplotlib would read as markup (``$`` starts mathtext). Each SVG gets
its own id salt so several can live in one HTML page without id clashes.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from risk.report._format import fmt_probability, label_of
from risk.report._models import Band, PublishedScore, RiskReport

__all__ = [
    "chart_drivers",
    "chart_leverage",
    "chart_probability",
    "chart_working_capital",
    "chart_z_family",
    "charts",
]

_Z_SERIES = ("altman_z", "altman_z_prime", "altman_z_double_prime")
_Z_COLOURS = {
    "altman_z": "#1f4e79",
    "altman_z_prime": "#2e7d32",
    "altman_z_double_prime": "#6a1b9a",
}
_ZONE_COLOURS = ("#f8d7da", "#fff3cd", "#d4edda")  # distress, grey, safe
_BAND_COLOURS = ("#d4edda", "#e8f5e9", "#fff3cd", "#ffe0b2", "#f8d7da", "#f5c6cb", "#e57373")
_UNSAFE = re.compile(r"[$\\<>&\x00-\x1f\x7f]")


def plain(text: str) -> str:
    """A label safe for a chart: no mathtext, no markup characters, one line, short."""
    return _UNSAFE.sub(" ", text).strip()[:60]


@contextmanager
def _figure(
    salt: str, width: float = 7.5, height: float = 3.0, nrows: int = 1
) -> Iterator[tuple[Any, Any]]:
    import matplotlib
    from matplotlib.figure import Figure

    # The object API without pyplot: no global backend switch, no figure registry,
    # safe in notebooks and threads.
    rc: dict[str, Any] = {
        "svg.fonttype": "path",
        "svg.hashsalt": salt,
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.usetex": False,
    }
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        fig = Figure(figsize=(width, height))
        ax = fig.subplots(nrows, 1, squeeze=True)
        yield fig, ax


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.tight_layout()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def _date_axis(ax: Any, xs: list[date]) -> None:
    """Ticks at the data's own dates (a timeline has few), labelled ISO."""
    ticks = sorted(set(xs))
    ax.set_xticks(ticks, [d.isoformat() for d in ticks], fontsize=8)
    if len(ticks) == 1:
        ax.set_xlim(ticks[0] - timedelta(days=120), ticks[0] + timedelta(days=120))


def _series(report: RiskReport, field: str) -> tuple[list[date], list[float]]:
    xs: list[date] = []
    ys: list[float] = []
    for t in report.trend:
        v = getattr(t, field)
        if v is not None and math.isfinite(v):
            xs.append(t.period_end)
            ys.append(float(v))
    return xs, ys


def _score_cutoffs(report: RiskReport, name: str) -> PublishedScore | None:
    s = report.score(name)
    if s is not None and len(s.cutoffs) == 2:
        return s
    return None


def chart_z_family(report: RiskReport) -> str | None:
    """The Altman Z family over the timeline, with the distress/grey/safe zones of one score."""
    plotted = {f: _series(report, f) for f in _Z_SERIES}
    plotted = {f: xy for f, xy in plotted.items() if xy[0]}
    if not plotted:
        return None
    with _figure("z") as (fig, ax):
        zoned = next(
            (f for f in reversed(_Z_SERIES) if f in plotted and _score_cutoffs(report, f)), None
        )
        values = [v for _, ys in plotted.values() for v in ys]
        lo, hi = min(values), max(values)
        if zoned is not None:
            score = _score_cutoffs(report, zoned)
            assert score is not None
            c1, c2 = sorted(score.cutoffs)
            lo, hi = min(lo, c1 - 1.0), max(hi, c2 + 1.0)
            pad = 0.1 * (hi - lo)
            lo, hi = lo - pad, hi + pad
            for (a, b), colour, zone in zip(
                ((lo, c1), (c1, c2), (c2, hi)),
                _ZONE_COLOURS,
                ("distress", "grey", "safe"),
                strict=True,
            ):
                ax.axhspan(a, b, color=colour, alpha=0.8, lw=0)
                ax.text(
                    1.01,
                    (max(a, lo) + min(b, hi)) / 2,
                    zone,
                    transform=ax.get_yaxis_transform(),
                    va="center",
                    fontsize=8,
                    color="#555",
                )
            ax.set_title(
                f"Altman Z family (zones of {plain(label_of(zoned))})", loc="left", fontsize=10
            )
        else:
            ax.set_title("Altman Z family", loc="left", fontsize=10)
        for f, (xs, ys) in plotted.items():
            ax.plot(xs, ys, marker="o", color=_Z_COLOURS[f], label=plain(label_of(f)))
            for x, y in zip(xs, ys, strict=True):
                ax.annotate(
                    f"{y:.2f}",
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7,
                    color=_Z_COLOURS[f],
                )
        ax.set_ylim(lo, hi)
        ax.legend(loc="upper right", fontsize=8, frameon=False)
        _date_axis(ax, [x for xs, _ in plotted.values() for x in xs])
        return _svg(fig)


def chart_leverage(report: RiskReport) -> str | None:
    """Debt to equity over the timeline (missing where book equity is not positive)."""
    xs, ys = _series(report, "debt_to_equity")
    if not xs:
        return None
    with _figure("de") as (fig, ax):
        ax.plot(xs, ys, marker="o", color="#b71c1c")
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(
                f"{y:.1f}",
                (x, y),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
            )
        if min(ys) > 0 and max(ys) / min(ys) > 20:
            from matplotlib.ticker import FuncFormatter

            ax.set_yscale("log")
            ax.set_ylim(min(ys) / 2, max(ys) * 3)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
        else:
            ax.axhline(0, color="#999", lw=0.8)
            ax.set_ylim(min(0.0, min(ys)) * 1.15, max(ys) * 1.2 if max(ys) > 0 else 1.0)
        ax.set_title("Debt to equity (total liabilities / book equity)", loc="left", fontsize=10)
        _date_axis(ax, xs)
        return _svg(fig)


def chart_working_capital(report: RiskReport) -> str | None:
    """Working capital at each balance-sheet date; a deficiency is drawn in red."""
    xs, ys = _series(report, "working_capital")
    if not xs:
        return None
    with _figure("wc") as (fig, ax):
        labels = [x.isoformat() for x in xs]
        millions = [y / 1e6 for y in ys]
        colours = ["#c62828" if y < 0 else "#2e7d32" for y in ys]
        ax.bar(labels, millions, color=colours)
        for i, y in enumerate(millions):
            ax.annotate(
                f"{y:,.1f}",
                (i, y),
                textcoords="offset points",
                xytext=(0, -10 if y < 0 else 3),
                ha="center",
                fontsize=7,
            )
        ax.axhline(0, color="#333", lw=0.8)
        lo, hi = min(0.0, *millions), max(0.0, *millions)
        pad = 0.12 * (hi - lo or 1.0)
        ax.set_ylim(lo - (pad if lo < 0 else 0), hi + (pad if hi > 0 else 0))
        ax.set_ylabel("USD millions")
        ax.set_title("Working capital", loc="left", fontsize=10)
        return _svg(fig)


def chart_probability(report: RiskReport) -> str | None:
    """The probability (model and adjusted) against the band cut-offs."""
    if report.probability is None or not report.bands:
        return None
    bands: list[Band] = sorted(report.bands, key=lambda b: b.lower)
    floor = 1e-5
    with _figure("p", height=1.9) as (fig, ax):
        use_log = bands[0].upper <= 0.05
        for i, b in enumerate(bands):
            left = max(b.lower, floor) if use_log else b.lower
            colour = _BAND_COLOURS[min(i, len(_BAND_COLOURS) - 1)]
            ax.axvspan(left, b.upper, color=colour, lw=0)
            ax.axvline(b.upper, color="#888", lw=0.6)
            mid = math.sqrt(left * b.upper) if use_log else (left + b.upper) / 2
            ax.text(
                mid,
                0.85,
                plain(b.name),
                ha="center",
                va="center",
                fontsize=8,
                transform=ax.get_xaxis_transform(),
            )
        from matplotlib.ticker import FuncFormatter

        if use_log:
            ax.set_xscale("log")
            ax.set_xlim(floor, 1.0)
        else:
            ax.set_xlim(0.0, 1.0)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{100 * v:g}%"))
        points = [("adjusted", report.probability, "#000", "D")]
        if report.model_probability is not None:
            points.insert(0, ("model", report.model_probability, "#555", "o"))
        for j, (name, p, colour, marker) in enumerate(points):
            y = 0.35 if j == len(points) - 1 else 0.55
            ax.plot(
                [max(p, floor)],
                [y],
                marker=marker,
                color=colour,
                ms=8,
                transform=ax.get_xaxis_transform(),
            )
            ax.text(
                max(p, floor),
                y - 0.18,
                f"{name} {fmt_probability(p)}",
                ha="center",
                fontsize=8,
                transform=ax.get_xaxis_transform(),
            )
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(f"probability of failure within {report.horizon_months} months")
        ax.set_title("Probability against the band cut-offs", loc="left", fontsize=10)
        return _svg(fig)


def chart_drivers(report: RiskReport) -> str | None:
    """The drivers' contributions to the log-odds of failure (red pushes up)."""
    if not report.drivers:
        return None
    drivers = sorted(report.drivers, key=lambda d: abs(d.contribution))[-12:]
    height = 0.9 + 0.32 * len(drivers)
    with _figure("drv", height=height) as (fig, ax):
        names = [plain(d.feature) for d in drivers]
        values = [d.contribution for d in drivers]
        colours = ["#c62828" if v > 0 else "#2e7d32" for v in values]
        ax.barh(range(len(drivers)), values, color=colours)
        ax.set_yticks(range(len(drivers)), names)
        ax.axvline(0, color="#333", lw=0.8)
        ax.set_xlabel("contribution to the log-odds of failure")
        ax.set_title("Drivers", loc="left", fontsize=10)
        return _svg(fig)


#: (title, function) in the order the HTML shows them.
CHARTS: tuple[tuple[str, Callable[[RiskReport], str | None]], ...] = (
    ("probability", chart_probability),
    ("drivers", chart_drivers),
    ("z_family", chart_z_family),
    ("leverage", chart_leverage),
    ("working_capital", chart_working_capital),
)


def charts(report: RiskReport) -> dict[str, str]:
    """Every chart that the report has data for, as ``{name: svg}``."""
    out: dict[str, str] = {}
    for name, fn in CHARTS:
        svg = fn(report)
        if svg is not None:
            out[name] = svg
    return out
