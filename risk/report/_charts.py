"""Charts of the risk report as inline SVG, written directly with :mod:`risk.report._svg`.

Five charts, each drawn only when the report has data for it: the probability
against the band cut-offs, the drivers, the Altman Z family with the zones of one
score, debt to equity and working capital. Labels are words (the model's texts for
its features, the readable names of fields and scores), never feature codes. The
writer escapes every string; each SVG carries a title and a description that
states its numbers in words, for screen readers and for text-only reading.
"""

from __future__ import annotations

import itertools
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


def _x_labels(d: Drawing, box: _Box, positions: Sequence[float], labels: Sequence[str]) -> None:
    """Labels under the plot at ``positions``; one too near the next on its right is left out."""
    room = max((text_width(t, 10) for t in labels), default=0.0) + 8
    last = math.inf
    for at, text in sorted(zip(positions, labels, strict=True), reverse=True):
        if last - at >= room:
            d.text(at, box.bottom + 16, text, size=10, anchor="middle", fill=_MUTED)
            last = at


def _date_axis(d: Drawing, box: _Box, x: Linear, dates: Sequence[date]) -> None:
    """The axis line with a tick at each of the data's own dates, labelled ISO."""
    d.line(box.left, box.bottom, box.right, box.bottom, _AXIS)
    ticks = sorted(set(dates))
    at = [x(t.toordinal()) for t in ticks]
    for a in at:
        d.line(a, box.bottom, a, box.bottom + 4, _AXIS)
    _x_labels(d, box, at, [t.isoformat() for t in ticks])


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
    """Values beside the points, ``{x: [(y, text, colour), ...]}``.

    At each date the highest point is labelled above, the lowest below, any other
    on its right; a label that would leave the plot area goes to the right too.
    When dates are closer than a label's width, only the first and last are labelled.
    """
    xs = sorted(points)
    if any(b - a < 34 for a, b in itertools.pairwise(xs)):
        xs = [xs[0], xs[-1]]
    for px in xs:
        stack = sorted(points[px])  # by pixel y: the highest value first
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


def _z_desc(
    plotted: dict[str, tuple[list[date], list[float]]],
    zoned: str | None,
    cutoffs: Sequence[float] | None,
) -> str:
    desc = "; ".join(
        f"{label_of(f)}: {_values_text(xs, [f'{v:.2f}' for v in ys])}"
        for f, (xs, ys) in plotted.items()
    )
    if zoned and cutoffs:
        c1, c2 = cutoffs
        desc += (
            f". Zones of {label_of(zoned)}: distress below {c1:.2f}, "
            f"grey from {c1:.2f} to {c2:.2f}, safe above {c2:.2f}."
        )
    return desc


def chart_z_family(report: RiskReport) -> str | None:
    """The Altman Z family over the timeline, with the distress/grey/safe zones of one score.

    The zones are those of the last of Z, Z', Z'' that is drawn and has two cut-offs.
    """
    plotted = {f: _series(report, f) for f in _Z_SERIES}
    plotted = {f: xy for f, xy in plotted.items() if xy[0]}
    if not plotted:
        return None
    zoned = next((f for f in reversed(plotted) if _score_cutoffs(report, f)), None)
    score = _score_cutoffs(report, zoned) if zoned else None
    cutoffs = sorted(score.cutoffs) if score else None
    lo, hi = _z_range([v for _, ys in plotted.values() for v in ys], cutoffs)
    title = "Altman Z family" + (f", with the zones of {label_of(zoned)}" if zoned else "")
    d = Drawing(
        WIDTH, 280, title=title, desc=_z_desc(plotted, zoned, cutoffs), ident="chart-z_family"
    )
    box = _Box(48, 50, WIDTH - 150, 250)
    y = Linear(lo, hi, box.bottom, box.top)
    dates = [t for xs, _ in plotted.values() for t in xs]
    x = _date_scale(dates, box)
    _heading(d, title)
    _legend(d, box.left, 38, [(label_of(f), _Z_COLOURS[f]) for f in plotted])
    if cutoffs:
        _zones(d, box, y, cutoffs, lo, hi)
    _y_grid(d, box, y, linear_ticks(lo, hi, 6))
    _date_axis(d, box, x, dates)
    labels: dict[float, list[tuple[float, str, str]]] = {}
    for f, (xs, ys) in plotted.items():
        px, py = [x(t.toordinal()) for t in xs], [y(v) for v in ys]
        _line_with_points(d, px, py, _Z_COLOURS[f], f)
        for a, b, v in zip(px, py, ys, strict=True):
            labels.setdefault(a, []).append((b, f"{v:.2f}", _Z_COLOURS[f]))
    _point_labels(d, box, labels)
    return d.to_svg()


# --------------------------------------------------------------------------- leverage


def _leverage_axis(ys: Sequence[float], box: _Box) -> tuple[Linear | Log, list[float]]:
    """A log axis when the ratio spans more than 20x (all positive), else linear from zero."""
    if min(ys) > 0 and max(ys) / min(ys) > 20:
        log = Log(min(ys) / 2, max(ys) * 3, box.bottom, box.top)
        return log, log_ticks(log.lo, log.hi)
    lo = min(0.0, min(ys)) * 1.15
    hi = max(ys) * 1.2 if max(ys) > 0 else 1.0
    return Linear(lo, hi, box.bottom, box.top), linear_ticks(lo, hi, 5)


def chart_leverage(report: RiskReport) -> str | None:
    """Debt to equity over the timeline (missing where book equity is not positive)."""
    xs, ys = _series(report, "debt_to_equity")
    if not xs:
        return None
    missing = ", ".join(m.isoformat() for m in _missing_dates(report, "debt_to_equity"))
    note = (
        f"No value at {missing} (book equity not positive, or an input missing)."
        if missing
        else None
    )
    top = 50 if note else 34
    box = _Box(48, top, WIDTH - 24, top + 170)
    y, ticks = _leverage_axis(ys, box)
    title = "Debt to equity (total liabilities / book equity)"
    title += ", log scale" if isinstance(y, Log) else ""
    desc = "Debt to equity: " + _values_text(xs, [f"{v:.2f}" for v in ys]) + "."
    desc += f" {note}" if note else ""
    d = Drawing(WIDTH, int(box.bottom) + 30, title=title, desc=desc, ident="chart-leverage")
    x = _date_scale(xs, box)
    _heading(d, title, note)
    _y_grid(d, box, y, ticks)
    if isinstance(y, Linear):
        d.line(box.left, y(0), box.right, y(0), "#999")
    _date_axis(d, box, x, xs)
    px, py = [x(t.toordinal()) for t in xs], [y(v) for v in ys]
    _line_with_points(d, px, py, "#b71c1c", "debt_to_equity")
    labels = {a: [(b, f"{v:.1f}", "#222")] for a, b, v in zip(px, py, ys, strict=True)}
    _point_labels(d, box, labels)
    return d.to_svg()


# --------------------------------------------------------------------------- working capital


def _padded(values: Sequence[float]) -> tuple[float, float]:
    """A range from zero to the values, 12 % wider on each side that has bars."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    pad = 0.12 * ((hi - lo) or 1.0)
    return lo - (pad if lo < 0 else 0.0), hi + (pad if hi > 0 or lo == 0 else 0.0)


def _y_title(d: Drawing, box: _Box, text: str) -> None:
    mid = (box.top + box.bottom) / 2
    d.text(
        16, mid, text, size=10, anchor="middle", fill=_MUTED, transform=f"rotate(-90 16 {mid:.0f})"
    )


def chart_working_capital(report: RiskReport) -> str | None:
    """Working capital at each balance-sheet date; a deficiency is drawn in red."""
    xs, ys = _series(report, "working_capital")
    if not xs:
        return None
    millions = [v / 1e6 for v in ys]
    lo, hi = _padded(millions)
    title = "Working capital (current assets minus current liabilities)"
    desc = "Working capital: " + _values_text(xs, [fmt_money(v) for v in ys]) + "."
    d = Drawing(WIDTH, 250, title=title, desc=desc, ident="chart-working_capital")
    box = _Box(64, 40, WIDTH - 24, 220)
    y = Linear(lo, hi, box.bottom, box.top)
    _heading(d, title)
    _y_grid(d, box, y, linear_ticks(lo, hi, 5))
    _y_title(d, box, "USD millions")
    slot = (box.right - box.left) / len(xs)
    width = min(0.6 * slot, 90.0)
    zero = y(0.0)
    centres = [box.left + slot * (i + 0.5) for i in range(len(xs))]
    for centre, v, amount in zip(centres, millions, ys, strict=True):
        colour, text = (_UP if v < 0 else _DOWN), fmt_money(amount)
        d.rect(centre - width / 2, zero, width, y(v) - zero, colour, class_="bar", tooltip=text)
        if width >= text_width(text, 10):
            d.text(centre, y(v) + (14 if v < 0 else -6), text, size=10, anchor="middle", halo=True)
    _x_labels(d, box, centres, [t.isoformat() for t in xs])
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


def _feature_words(feature: str) -> str:
    """The model's words for ``feature``, capitalised.

    ``wc_ta`` -> ``Working capital / total assets``; a feature the model does not
    describe gets its readable name (:func:`label_of`).
    """
    from risk.model import FEATURE_TEXT

    text = FEATURE_TEXT.get(feature) or label_of(feature)
    return text[:1].upper() + text[1:]


def _contribution_axis(values: Sequence[float], box: _Box) -> Linear:
    """Zero and every contribution, 12 % wider on each side that has bars (for their values)."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    if hi == lo:
        hi = lo + 1.0
    pad = 0.12 * (hi - lo)
    return Linear(lo - (pad if lo < 0 else 0.0), hi + (pad if hi > 0 else 0.0), box.left, box.right)


def _contribution_grid(d: Drawing, box: _Box, x: Linear) -> None:
    for t in linear_ticks(x.lo, x.hi, 5):
        d.line(x(t), box.top, x(t), box.bottom, _GRID, stroke_opacity=0.1)
        text = f"{t:+g}" if t else "0"
        d.text(x(t), box.bottom + 16, text, size=10, anchor="middle", fill=_MUTED)
    d.line(x(0.0), box.top, x(0.0), box.bottom, _AXIS)
    d.text(
        (box.left + box.right) / 2,
        box.bottom + 36,
        "Contribution to the log-odds of failure",
        size=11,
        anchor="middle",
    )


def _driver_bar(d: Drawing, x: Linear, centre: float, height: float, driver: Driver) -> None:
    """One bar from zero, red when it raises the odds, with its value at the end."""
    c = driver.contribution
    up = c > 0
    colour, cls = (_UP, "bar up") if up else (_DOWN, "bar down")
    d.rect(
        x(0.0), centre - height / 2, x(c) - x(0.0), height, colour, class_=cls, tooltip=driver.words
    )
    side = 5 if c >= 0 else -5
    d.text(x(c) + side, centre + 4, f"{c:+.2f}", size=10, anchor="start" if c >= 0 else "end")


def chart_drivers(report: RiskReport) -> str | None:
    """The drivers' contributions to the log-odds of failure, the twelve largest, largest first."""
    if not report.drivers:
        return None
    drivers = sorted(report.drivers, key=lambda r: abs(r.contribution), reverse=True)[:12]
    words = [_feature_words(r.feature) for r in drivers]
    lines = [wrap(w, 60) for w in words]
    column = min(340.0, max(text_width(line, 11) for ls in lines for line in ls)) + 12
    row = 32 if any(len(ls) > 1 for ls in lines) else 24
    box = _Box(column, 44, WIDTH - 56, 44 + row * len(drivers))
    x = _contribution_axis([r.contribution for r in drivers], box)
    title = "Drivers: what moves the probability"
    desc = "Contributions to the log-odds of failure: " + "; ".join(
        f"{w} {r.contribution:+.2f}" for w, r in zip(words, drivers, strict=True)
    )
    d = Drawing(WIDTH, int(box.bottom) + 50, title=title, desc=desc, ident="chart-drivers")
    _heading(d, title, "Red raises the risk, green lowers it; the longest bars matter most.")
    _contribution_grid(d, box, x)
    for i, (r, ls) in enumerate(zip(drivers, lines, strict=True)):
        centre = box.top + row * (i + 0.5)
        _driver_bar(d, x, centre, min(row - 10, 16), r)
        d.text(column - 10, centre + 4 - 6.5 * (len(ls) - 1), ls, size=11, anchor="end")
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
