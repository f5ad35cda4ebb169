"""Charts of the risk report as inline SVG, written directly with :mod:`risk.report._svg`.

Five charts, each drawn only when the report has data for it: the probability
against the band cut-offs, the drivers, the Altman Z family with the zones of one
score, debt to equity and working capital. Labels are words (the model's texts for
its features, the readable names of fields and scores), never feature codes. The
writer escapes every string; each SVG carries a title and a description that
states its numbers in words, for screen readers and for text-only reading.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from risk.report._format import band_text, fmt_money, fmt_probability, label_of
from risk.report._models import Band, Driver, PublishedScore, RiskReport
from risk.report._svg import Drawing, Linear, Log, linear_ticks, log_ticks, spread, text_width, wrap

__all__ = [
    "CHARTS",
    "chart_drivers",
    "chart_leverage",
    "chart_probability",
    "chart_working_capital",
    "chart_z_family",
    "charts",
]

#: Width of every chart in pixels (the page scales them down on a narrow screen).
WIDTH = 720

_Z_SERIES = ("altman_z", "altman_z_prime", "altman_z_double_prime")
_Z_COLOURS = {
    "altman_z": "#1f4e79",
    "altman_z_prime": "#2e7d32",
    "altman_z_double_prime": "#6a1b9a",
}
#: (fill, text) of the distress, grey and safe zones.
_ZONES = (
    ("distress", "#f8d7da", "#a12a2a"),
    ("grey", "#fff3cd", "#7a5c00"),
    ("safe", "#d4edda", "#1e6b2a"),
)
#: Band fills from the safest to the riskiest band.
_BAND_COLOURS = ("#d4edda", "#e8f5e9", "#fff3cd", "#ffe0b2", "#f8d7da", "#f5c6cb", "#e57373")
_UP, _DOWN = "#c62828", "#2e7d32"
_AXIS, _MUTED, _GRID = "#333", "#555", "#000"


@dataclass(frozen=True)
class _Box:
    """The plot area of a chart, in pixels."""

    left: float
    top: float
    right: float
    bottom: float


def _heading(d: Drawing, title: str, note: str | None = None) -> None:
    d.text(4, 18, title, size=13, font_weight="bold")
    if note:
        d.text(4, 34, note, size=10, fill=_MUTED)


def _y_grid(d: Drawing, box: _Box, y: Callable[[float], float], ticks: Sequence[float]) -> None:
    """Faint horizontal lines at ``ticks`` with their values on the left."""
    for t in ticks:
        at = y(t)
        d.line(box.left, at, box.right, at, _GRID, stroke_opacity=0.1)
        d.text(box.left - 6, at + 4, _tick(t), size=10, anchor="end", fill=_MUTED)


def _tick(value: float) -> str:
    """``1200`` -> ``1,200``, ``0.5`` -> ``0.5``, ``-2`` -> ``-2``."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def _date_scale(dates: Sequence[date], box: _Box) -> Linear:
    days = [x.toordinal() for x in dates]
    lo, hi = min(days), max(days)
    pad = 120.0 if lo == hi else 0.06 * (hi - lo)
    return Linear(lo - pad, hi + pad, box.left, box.right)


def _date_axis(d: Drawing, box: _Box, x: Linear, dates: Sequence[date]) -> None:
    """The axis line and the data's own dates (ISO); a date too near a later one is unlabelled."""
    d.line(box.left, box.bottom, box.right, box.bottom, _AXIS)
    room = text_width("2000-00-00", 10) + 8
    last = math.inf
    for when in sorted(set(dates), reverse=True):
        at = x(when.toordinal())
        d.line(at, box.bottom, at, box.bottom + 4, _AXIS)
        if last - at >= room:
            d.text(at, box.bottom + 16, when.isoformat(), size=10, anchor="middle", fill=_MUTED)
            last = at


def _series(report: RiskReport, field: str) -> tuple[list[date], list[float]]:
    xs: list[date] = []
    ys: list[float] = []
    for t in report.trend:
        v = getattr(t, field)
        if v is not None and math.isfinite(v):
            xs.append(t.period_end)
            ys.append(float(v))
    return xs, ys


def _missing_dates(report: RiskReport, field: str) -> list[date]:
    return [t.period_end for t in report.trend if getattr(t, field) is None]


def _score_cutoffs(report: RiskReport, name: str) -> PublishedScore | None:
    s = report.score(name)
    if s is not None and len(s.cutoffs) == 2:
        return s
    return None


def _values_text(xs: Sequence[date], labels: Sequence[str]) -> str:
    return ", ".join(f"{v} at {x.isoformat()}" for x, v in zip(xs, labels, strict=True))


def _line_with_points(
    d: Drawing, xs: Sequence[float], ys: Sequence[float], colour: str, cls: str
) -> None:
    if len(xs) > 1:
        d.polyline(list(zip(xs, ys, strict=True)), colour, class_=cls)
    for px, py in zip(xs, ys, strict=True):
        d.circle(px, py, 4, colour, class_=f"{cls} point")


# --------------------------------------------------------------------------- Z family


def _z_range(values: Sequence[float], cutoffs: Sequence[float] | None) -> tuple[float, float]:
    """The y range: every value, the zones' cut-offs with a unit either side, 10 % padding."""
    lo, hi = min(values), max(values)
    if cutoffs is not None:
        lo, hi = min(lo, cutoffs[0] - 1.0), max(hi, cutoffs[1] + 1.0)
    pad = 0.1 * (hi - lo) if hi > lo else 1.0
    return lo - pad, hi + pad


def _zones(
    d: Drawing, box: _Box, y: Linear, cutoffs: Sequence[float], lo: float, hi: float
) -> None:
    """Distress, grey and safe zones as fills, named with their cut-offs on the right."""
    c1, c2 = cutoffs
    spans = ((lo, c1), (c1, c2), (c2, hi))
    names = (f"below {c1:.2f}", f"{c1:.2f} to {c2:.2f}", f"above {c2:.2f}")
    mids = []
    for (a, b), (zone, fill, _) in zip(spans, _ZONES, strict=True):
        d.rect(box.left, y(b), box.right - box.left, y(a) - y(b), fill, class_=f"zone {zone}")
        mids.append(y((a + b) / 2) + 4)
    placed = spread(mids, 13, box.top + 10, box.bottom)
    for at, (zone, _, ink), words in zip(placed, _ZONES, names, strict=True):
        d.text(box.right + 6, at, f"{zone}: {words}", size=10, fill=ink)


def _point_labels(d: Drawing, box: _Box, points: dict[float, list[tuple[float, str, str]]]) -> None:
    """Values beside the points.

    At each date the highest point is labelled above, the lowest below, any other
    on its right; a label that would leave the plot area goes to the right too.
    """
    for px, stack in points.items():
        stack.sort()  # by pixel y: the highest value first
        for i, (py, text, colour) in enumerate(stack):
            if i == 0 and py - 18 >= box.top:
                d.text(px, py - 8, text, size=10, anchor="middle", fill=colour, halo=True)
            elif i == len(stack) - 1 and i and py + 16 <= box.bottom - 2:
                d.text(px, py + 16, text, size=10, anchor="middle", fill=colour, halo=True)
            else:
                d.text(px + 7, py + 4, text, size=10, fill=colour, halo=True)


def _legend(d: Drawing, x: float, y: float, items: Sequence[tuple[str, str]]) -> None:
    for name, colour in items:
        d.line(x, y - 4, x + 18, y - 4, colour, stroke_width=2)
        d.circle(x + 9, y - 4, 3.5, colour)
        d.text(x + 24, y, name, size=10)
        x += 24 + text_width(name, 10) + 18


def chart_z_family(report: RiskReport) -> str | None:
    """The Altman Z family over the timeline, with the distress/grey/safe zones of one score."""
    plotted = {f: _series(report, f) for f in _Z_SERIES}
    plotted = {f: xy for f, xy in plotted.items() if xy[0]}
    if not plotted:
        return None
    zoned = next(
        (f for f in reversed(_Z_SERIES) if f in plotted and _score_cutoffs(report, f)), None
    )
    score = _score_cutoffs(report, zoned) if zoned else None
    cutoffs = sorted(score.cutoffs) if score else None
    lo, hi = _z_range([v for _, ys in plotted.values() for v in ys], cutoffs)
    title = "Altman Z family" + (f", with the zones of {label_of(zoned)}" if zoned else "")
    desc = "; ".join(
        f"{label_of(f)}: {_values_text(xs, [f'{v:.2f}' for v in ys])}"
        for f, (xs, ys) in plotted.items()
    )
    if zoned and cutoffs:
        desc += (
            f". Zones of {label_of(zoned)}: distress below {cutoffs[0]:.2f}, "
            f"grey from {cutoffs[0]:.2f} to {cutoffs[1]:.2f}, safe above {cutoffs[1]:.2f}."
        )
    d = Drawing(WIDTH, 280, title=title, desc=desc, ident="chart-z_family")
    box = _Box(48, 50, WIDTH - 150, 250)
    y = Linear(lo, hi, box.bottom, box.top)
    x = _date_scale([t for xs, _ in plotted.values() for t in xs], box)
    _heading(d, title)
    _legend(d, box.left, 38, [(label_of(f), _Z_COLOURS[f]) for f in plotted])
    if cutoffs:
        _zones(d, box, y, cutoffs, lo, hi)
    _y_grid(d, box, y, linear_ticks(lo, hi, 6))
    _date_axis(d, box, x, [t for xs, _ in plotted.values() for t in xs])
    labels: dict[float, list[tuple[float, str, str]]] = {}
    for f, (xs, ys) in plotted.items():
        px, py = [x(t.toordinal()) for t in xs], [y(v) for v in ys]
        _line_with_points(d, px, py, _Z_COLOURS[f], f)
        for a, b, v in zip(px, py, ys, strict=True):
            labels.setdefault(a, []).append((b, f"{v:.2f}", _Z_COLOURS[f]))
    _point_labels(d, box, labels)
    return d.to_svg()


# --------------------------------------------------------------------------- leverage


def chart_leverage(report: RiskReport) -> str | None:
    """Debt to equity over the timeline (missing where book equity is not positive)."""
    xs, ys = _series(report, "debt_to_equity")
    if not xs:
        return None
    log = min(ys) > 0 and max(ys) / min(ys) > 20
    title = "Debt to equity (total liabilities / book equity)" + (", log scale" if log else "")
    missing = _missing_dates(report, "debt_to_equity")
    note = (
        "No value at " + ", ".join(m.isoformat() for m in missing) + " (book equity not "
        "positive, or an input missing)."
        if missing
        else None
    )
    desc = "Debt to equity: " + _values_text(xs, [f"{v:.2f}" for v in ys]) + "."
    top = 50 if note else 34
    box = _Box(48, top, WIDTH - 24, top + 170)
    d = Drawing(
        WIDTH,
        int(box.bottom) + 30,
        title=title,
        desc=desc + (f" {note}" if note else ""),
        ident="chart-leverage",
    )
    y: Linear | Log
    if log:
        y = Log(min(ys) / 2, max(ys) * 3, box.bottom, box.top)
        ticks = log_ticks(y.lo, y.hi)
    else:
        lo = min(0.0, min(ys)) * 1.15
        hi = max(ys) * 1.2 if max(ys) > 0 else 1.0
        y = Linear(lo, hi, box.bottom, box.top)
        ticks = linear_ticks(lo, hi, 5)
    x = _date_scale(xs, box)
    _heading(d, title, note)
    _y_grid(d, box, y, ticks)
    if not log:
        d.line(box.left, y(0), box.right, y(0), "#999")
    _date_axis(d, box, x, xs)
    px, py = [x(t.toordinal()) for t in xs], [y(v) for v in ys]
    _line_with_points(d, px, py, "#b71c1c", "debt_to_equity")
    for a, b, v in zip(px, py, ys, strict=True):
        d.text(a, b - 8, f"{v:.1f}", size=10, anchor="middle", halo=True)
    return d.to_svg()


# --------------------------------------------------------------------------- working capital


def chart_working_capital(report: RiskReport) -> str | None:
    """Working capital at each balance-sheet date; a deficiency is drawn in red."""
    xs, ys = _series(report, "working_capital")
    if not xs:
        return None
    millions = [v / 1e6 for v in ys]
    lo, hi = min(0.0, *millions), max(0.0, *millions)
    pad = 0.12 * ((hi - lo) or 1.0)
    lo, hi = lo - (pad if lo < 0 else 0.0), hi + (pad if hi > 0 or lo == 0 else 0.0)
    title = "Working capital (current assets minus current liabilities)"
    desc = "Working capital: " + _values_text(xs, [fmt_money(v) for v in ys]) + "."
    d = Drawing(WIDTH, 250, title=title, desc=desc, ident="chart-working_capital")
    box = _Box(64, 40, WIDTH - 24, 220)
    y = Linear(lo, hi, box.bottom, box.top)
    _heading(d, title)
    _y_grid(d, box, y, linear_ticks(lo, hi, 5))
    mid = (box.top + box.bottom) / 2
    d.text(
        16,
        mid,
        "USD millions",
        size=10,
        anchor="middle",
        fill=_MUTED,
        transform=f"rotate(-90 16 {mid:.0f})",
    )
    slot = (box.right - box.left) / len(xs)
    width = min(0.6 * slot, 90.0)
    zero = y(0.0)
    for i, (when, v, amount) in enumerate(zip(xs, millions, ys, strict=True)):
        centre = box.left + slot * (i + 0.5)
        colour = _UP if v < 0 else _DOWN
        d.rect(
            centre - width / 2,
            zero,
            width,
            y(v) - zero,
            colour,
            class_="bar",
            tooltip=fmt_money(amount),
        )
        below = v < 0
        d.text(
            centre,
            y(v) + (14 if below else -6),
            fmt_money(amount),
            size=10,
            anchor="middle",
            halo=True,
        )
        d.text(centre, box.bottom + 16, when.isoformat(), size=10, anchor="middle", fill=_MUTED)
    d.line(box.left, zero, box.right, zero, _AXIS)
    return d.to_svg()


# --------------------------------------------------------------------------- probability


def _band_colour(i: int, n: int) -> str:
    """The colour of the ``i``-th of ``n`` bands, spread over the green-to-red ramp."""
    last = len(_BAND_COLOURS) - 1
    return _BAND_COLOURS[round(i * last / (n - 1)) if n > 1 else 0]


def _pct(value: float) -> str:
    return f"{100 * value:g}%"


def _probability_scale(report: RiskReport, bands: Sequence[Band], box: _Box) -> Linear | Log:
    """The probability axis: logarithmic when the safest band is narrow (<= 5 %), else linear.

    A log axis runs from a decade below the smallest of the safest band's upper
    bound and the probabilities (never below 1e-6) to 100 %.
    """
    if bands[0].upper > 0.05:
        return Linear(0.0, 1.0, box.left, box.right)
    shown = [report.probability, report.model_probability, bands[0].upper]
    smallest = min(p for p in shown if p is not None and p > 0) if any(shown) else 0.01
    floor = max(1e-6, 10.0 ** (math.floor(math.log10(smallest)) - 1))
    return Log(floor, 1.0, box.left, box.right)


def _at(x: Linear | Log, value: float) -> float:
    """The pixel of ``value`` on ``x``, clamped to the axis."""
    return x(min(max(value, x.lo), x.hi))


def chart_probability(report: RiskReport) -> str | None:
    """The probability (model and adjusted) against the band cut-offs."""
    if report.probability is None or not report.bands:
        return None
    bands: list[Band] = sorted(report.bands, key=lambda b: b.lower)
    box = _Box(24, 50, WIDTH - 24, 110)
    x = _probability_scale(report, bands, box)
    title = "Probability against the band cut-offs"
    desc = f"Adjusted probability {fmt_probability(report.probability)}"
    if report.model_probability is not None:
        desc += f" (model {fmt_probability(report.model_probability)})"
    if report.band is not None:
        desc += f", in band {report.band.name}"
    desc += ". Bands: " + ", ".join(band_text(b) for b in bands) + "."
    d = Drawing(WIDTH, 156, title=title, desc=desc, ident="chart-probability")
    _heading(d, title)
    _bands(d, box, x, bands, report.band)
    _cutoff_labels(d, box, x, bands)
    _probability_axis(d, box, x, report.horizon_months)
    if report.model_probability is not None:
        at = _at(x, report.model_probability)
        d.circle(at, box.top + 30, 5, "#555", class_="marker model")
        _marker_label(
            d, box, at, box.top + 34, f"model {fmt_probability(report.model_probability)}"
        )
    at = _at(x, report.probability)
    d.diamond(at, box.top + 46, 7, "#000", class_="marker adjusted")
    _marker_label(d, box, at, box.top + 50, f"adjusted {fmt_probability(report.probability)}")
    return d.to_svg()


def _marker_label(d: Drawing, box: _Box, at: float, y: float, text: str) -> None:
    """A marker's label on its right, or on its left near the end of the axis."""
    right = at + 10 + text_width(text, 11) < box.right
    d.text(
        at + (10 if right else -10),
        y,
        text,
        size=11,
        anchor="start" if right else "end",
        font_weight="bold",
        halo=True,
    )


def _bands(
    d: Drawing, box: _Box, x: Linear | Log, bands: Sequence[Band], current: Band | None
) -> None:
    """The bands as coloured segments, each named where the name fits; the report's outlined."""
    outline = None
    for i, b in enumerate(bands):
        left, right = _at(x, b.lower), _at(x, b.upper)
        is_current = current is not None and b.name == current.name
        colour = _band_colour(i, len(bands))
        height = box.bottom - box.top
        d.rect(left, box.top, right - left, height, colour, class_="band", tooltip=band_text(b))
        if right - left >= text_width(b.name, 10) + 4:
            weight = "bold" if is_current else None
            d.text(
                (left + right) / 2,
                box.top + 13,
                b.name,
                size=10,
                anchor="middle",
                font_weight=weight,
            )
        if i:
            d.line(left, box.top, left, box.bottom, "#888", stroke_width=0.8)
        if is_current:
            outline = (left, right)
    if outline is not None:
        left, right = outline
        d.rect(
            left,
            box.top,
            right - left,
            box.bottom - box.top,
            "none",
            stroke="#222",
            stroke_width=1.5,
            class_="current",
        )


def _cutoff_labels(d: Drawing, box: _Box, x: Linear | Log, bands: Sequence[Band]) -> None:
    """Each cut-off's value above the strip, moved apart where cut-offs are close."""
    cuts = [b.upper for b in bands[:-1]]
    texts = [fmt_probability(c) for c in cuts]
    wanted = [_at(x, c) for c in cuts]
    gap = max((text_width(t, 10) for t in texts), default=0.0) + 6
    for c, at, text in zip(wanted, spread(wanted, gap, box.left, box.right), texts, strict=True):
        d.line(c, box.top - 4, c, box.top, _AXIS)
        d.text(at, box.top - 8, text, size=10, anchor="middle", fill=_MUTED)


def _probability_axis(d: Drawing, box: _Box, x: Linear | Log, horizon: int) -> None:
    log = isinstance(x, Log)
    ticks = log_ticks(x.lo, x.hi) if log else linear_ticks(0.0, 1.0, 5)
    d.line(box.left, box.bottom, box.right, box.bottom, _AXIS)
    for t in ticks:
        d.line(x(t), box.bottom, x(t), box.bottom + 4, _AXIS)
        d.text(x(t), box.bottom + 16, _pct(t), size=10, anchor="middle", fill=_MUTED)
    scale = " (log scale)" if log else ""
    d.text(
        (box.left + box.right) / 2,
        box.bottom + 34,
        f"Probability of failure within {horizon} months{scale}",
        size=11,
        anchor="middle",
    )


# --------------------------------------------------------------------------- drivers


def feature_words(feature: str) -> str:
    """The model's words for ``feature``, capitalised.

    ``wc_ta`` -> ``Working capital / total assets``; a feature the model does not
    describe gets its readable name (:func:`label_of`).
    """
    from risk.model import FEATURE_TEXT

    text = FEATURE_TEXT.get(feature) or label_of(feature)
    return text[:1].upper() + text[1:]


def chart_drivers(report: RiskReport) -> str | None:
    """The drivers' contributions to the log-odds of failure (red pushes up)."""
    if not report.drivers:
        return None
    drivers: list[Driver] = sorted(report.drivers, key=lambda r: abs(r.contribution), reverse=True)[
        :12
    ]
    words = [feature_words(r.feature) for r in drivers]
    lines = [wrap(w, 60) for w in words]
    column = min(340.0, max(text_width(line, 11) for ls in lines for line in ls)) + 12
    row = 32 if any(len(ls) > 1 for ls in lines) else 24
    box = _Box(column, 44, WIDTH - 56, 44 + row * len(drivers))
    values = [r.contribution for r in drivers]
    lo, hi = min(0.0, *values), max(0.0, *values)
    if hi == lo:
        hi = lo + 1.0
    pad = 0.12 * (hi - lo)
    x = Linear(lo - (pad if lo < 0 else 0.0), hi + (pad if hi > 0 else 0.0), box.left, box.right)
    title = "Drivers: what moves the probability"
    desc = "Contributions to the log-odds of failure: " + "; ".join(
        f"{w} {r.contribution:+.2f}" for w, r in zip(words, drivers, strict=True)
    )
    d = Drawing(WIDTH, int(box.bottom) + 50, title=title, desc=desc, ident="chart-drivers")
    _heading(d, title, "Red raises the risk, green lowers it; the longest bars matter most.")
    for t in linear_ticks(x.lo, x.hi, 5):
        d.line(x(t), box.top, x(t), box.bottom, _GRID, stroke_opacity=0.1)
        d.text(
            x(t), box.bottom + 16, f"{t:+g}" if t else "0", size=10, anchor="middle", fill=_MUTED
        )
    zero = x(0.0)
    bar = min(row - 10, 16)
    for i, (r, ls) in enumerate(zip(drivers, lines, strict=True)):
        centre = box.top + row * (i + 0.5)
        up = r.contribution > 0
        d.rect(
            zero,
            centre - bar / 2,
            x(r.contribution) - zero,
            bar,
            _UP if up else _DOWN,
            class_="bar up" if up else "bar down",
            tooltip=r.words,
        )
        d.text(column - 10, centre + 4 - 6.5 * (len(ls) - 1), ls, size=11, anchor="end")
        end = x(r.contribution)
        d.text(
            end + (5 if r.contribution >= 0 else -5),
            centre + 4,
            f"{r.contribution:+.2f}",
            size=10,
            anchor="start" if r.contribution >= 0 else "end",
        )
    d.line(zero, box.top, zero, box.bottom, _AXIS)
    d.text(
        (box.left + box.right) / 2,
        box.bottom + 36,
        "Contribution to the log-odds of failure",
        size=11,
        anchor="middle",
    )
    return d.to_svg()


#: (name, function) in the order the HTML shows them.
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
