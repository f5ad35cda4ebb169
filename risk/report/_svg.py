"""A small SVG writer for the report's charts: shapes, text, scales and ticks.

The charts are a handful of rectangles, lines and labels, so they are written as
SVG text directly (no plotting library at render time). Every string that reaches
the output, text or attribute, goes through :func:`esc`: control characters are
dropped, whitespace is folded and ``& < > " '`` are escaped, so a company name or
a label from a document can never become markup. Coordinates are written with one
decimal. The output is well-formed XML as well as valid inline SVG in HTML.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

from risk._lazy import lazy_regex

__all__ = [
    "FONT",
    "Drawing",
    "Linear",
    "Log",
    "esc",
    "linear_ticks",
    "log_ticks",
    "num",
    "spread",
    "text_width",
    "wrap",
]

#: The page's own font stack (inline SVG text would inherit it; set for a lone SVG too).
FONT = "-apple-system,'Segoe UI',Helvetica,Arial,sans-serif"

_CONTROL = lazy_regex(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = lazy_regex(r"\s+")
#: Mean advance of a character in the font stack, as a fraction of the font size.
_CHAR_WIDTH = 0.53


def esc(text: object) -> str:
    """Text for SVG content or an attribute value: one line, no control characters, escaped.

    Parameters
    ----------
    text : object
        Anything; ``str(text)`` is written.

    Returns
    -------
    str
    """
    folded = _SPACES.sub(" ", _CONTROL.sub("", str(text))).strip()
    return html.escape(folded, quote=True)


def num(x: float) -> str:
    """A coordinate with one decimal and no trailing ``.0`` (``12.0`` -> ``12``)."""
    text = f"{x:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of ``text`` at font ``size`` (for layout, not exact)."""
    return _CHAR_WIDTH * size * len(text)


def wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of at most ``width`` characters.

    Two lines are balanced (broken at the space nearest the middle that lets both
    fit); a text too long for the lines ends with an ellipsis.
    """
    text = " ".join(text.split())
    if len(text) <= width:
        return [text]
    out: list[str] = []
    current = ""
    for i, word in enumerate(words := text.split(" ")):
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines:
            out[-1] = _ellipsis(f"{out[-1]} {' '.join(words[i:])}", width)
            return out
    out.append(current)
    if len(out) == 2:
        out = _balanced(text, width) or out
    return [_ellipsis(line, width) for line in out]


def _balanced(text: str, width: int) -> list[str] | None:
    """Two lines of at most ``width`` split at the space nearest the middle, or None.

    Of two spaces equally near, the later is taken (a line ends with ``/``, the
    next does not start with it).
    """
    spaces = [i for i, c in enumerate(text) if c == " "]
    fitting = [i for i in spaces if i <= width and len(text) - i - 1 <= width]
    if not fitting:
        return None
    cut = min(fitting, key=lambda i: (abs(2 * i - len(text)), -i))  # a tie: the later space
    return [text[:cut], text[cut + 1 :]]


def _ellipsis(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


@dataclass(frozen=True)
class Linear:
    """A linear map from data values ``[lo, hi]`` to pixels ``[start, end]``.

    ``start`` may be greater than ``end`` (a y axis grows upwards). A scale with
    ``lo == hi`` maps every value to the middle of the range.
    """

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        if self.hi == self.lo:
            return (self.start + self.end) / 2
        return self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start)


@dataclass(frozen=True)
class Log:
    """A base-10 logarithmic map from ``[lo, hi]`` (both > 0) to pixels ``[start, end]``.

    Values at or below zero map to ``start`` (there is no logarithm to draw them at).
    """

    lo: float
    hi: float
    start: float
    end: float

    def __post_init__(self) -> None:
        if not 0 < self.lo < self.hi:
            raise ValueError(f"Log scale needs 0 < lo < hi; got lo={self.lo!r}, hi={self.hi!r}")

    def __call__(self, value: float) -> float:
        if value <= 0:
            return self.start
        a, b = math.log10(self.lo), math.log10(self.hi)
        return self.start + (math.log10(value) - a) / (b - a) * (self.end - self.start)


def linear_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values in ``[lo, hi]``: steps of 1, 2 or 5 times a power of ten.

    The step is the one whose number of intervals over the span is nearest ``count``.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else []
    raw = (hi - lo) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    steps = [m * power for m in (1.0, 2.0, 5.0, 10.0)]
    step = min(steps, key=lambda s: abs((hi - lo) / s - count))
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [round(k * step, 12) + 0.0 for k in range(first, last + 1)]


def log_ticks(lo: float, hi: float) -> list[float]:
    """The powers of ten in ``[lo, hi]`` (``lo > 0``)."""
    first = math.ceil(math.log10(lo) - 1e-9)
    last = math.floor(math.log10(hi) + 1e-9)
    return [10.0**k for k in range(first, last + 1)]


def spread(positions: Sequence[float], gap: float, lo: float, hi: float) -> list[float]:
    """Label positions moved apart so that neighbours are at least ``gap`` apart.

    The order of the positions is kept; each moves as little as the rule needs and
    all stay within ``[lo, hi]`` when there is room for them.

    Parameters
    ----------
    positions : sequence of float
        Wanted positions (any order).
    gap : float
        Smallest distance between two neighbours.
    lo, hi : float
        The bounds.

    Returns
    -------
    list of float
        The positions, in the input's order.
    """
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [min(max(positions[i], lo), hi) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    overflow = placed[-1] - hi if placed else 0.0
    if overflow > 0:
        placed[-1] -= overflow
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    out = [0.0] * len(positions)
    for i, p in zip(order, placed, strict=True):
        out[i] = p
    return out


def _attrs(attrs: dict[str, object]) -> str:
    """``key="value"`` pairs; None is left out, numbers written with :func:`num`."""
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        text = num(value) if isinstance(value, float | int) else esc(value)
        parts.append(f' {key.rstrip("_").replace("_", "-")}="{text}"')
    return "".join(parts)


class Drawing:
    """An SVG picture built shape by shape, with a title and a description.

    Parameters
    ----------
    width, height : int
        Size in pixels (also the view box; the page may scale it down).
    title : str
        The accessible name, also drawn as the chart's heading.
    desc : str
        What the chart shows, in words (read by screen readers).
    ident : str
        A prefix for the ids of the title and description, unique in the page.
    """

    def __init__(self, width: int, height: int, *, title: str, desc: str, ident: str) -> None:
        self.width = width
        self.height = height
        self._title = title
        self._desc = desc
        self._ident = ident
        self._parts: list[str] = []

    def add(self, tag: str, attrs: dict[str, object], tooltip: str | None = None) -> None:
        """One element; ``tooltip`` becomes its ``<title>`` child."""
        if tooltip is None:
            self._parts.append(f"<{tag}{_attrs(attrs)}/>")
        else:
            self._parts.append(f"<{tag}{_attrs(attrs)}><title>{esc(tooltip)}</title></{tag}>")

    def rect(self, x: float, y: float, w: float, h: float, fill: str, **attrs: object) -> None:
        """A rectangle; a negative width or height is drawn from the other corner."""
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        tooltip = attrs.pop("tooltip", None)
        self.add(
            "rect",
            {"x": x, "y": y, "width": w, "height": h, "fill": fill, **attrs},
            None if tooltip is None else str(tooltip),
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, stroke: str = "#333", **attrs: object
    ) -> None:
        """A straight line (``stroke_width`` 1 unless given)."""
        attrs.setdefault("stroke_width", 1)
        self.add("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": stroke, **attrs})

    def polyline(self, points: Sequence[tuple[float, float]], stroke: str, **attrs: object) -> None:
        """Connected line segments through ``points``."""
        path = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        attrs.setdefault("stroke_width", 2)
        self.add("polyline", {"points": path, "fill": "none", "stroke": stroke, **attrs})

    def circle(self, cx: float, cy: float, r: float, fill: str, **attrs: object) -> None:
        """A dot."""
        self.add("circle", {"cx": cx, "cy": cy, "r": r, "fill": fill, **attrs})

    def diamond(self, cx: float, cy: float, r: float, fill: str, **attrs: object) -> None:
        """A square standing on a corner, ``r`` from the centre to each corner."""
        corners = ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
        path = " ".join(f"{num(x)},{num(y)}" for x, y in corners)
        self.add("polygon", {"points": path, "fill": fill, **attrs})

    def text(
        self,
        x: float,
        y: float,
        text: str | Sequence[str],
        *,
        size: float = 11,
        anchor: str = "start",
        fill: str = "#222",
        **attrs: object,
    ) -> None:
        """A label at ``(x, y)`` (the baseline); a list of strings is drawn as lines.

        ``halo=True`` draws a white outline under the glyphs, for text over a fill.
        """
        if attrs.pop("halo", False):
            attrs.update(stroke="#fff", stroke_width=3, paint_order="stroke")
        head = f"<text{_attrs({'x': x, 'y': y, 'font-size': size, 'fill': fill, **attrs})}"
        if anchor != "start":
            head += f' text-anchor="{esc(anchor)}"'
        lines = [text] if isinstance(text, str) else list(text)
        if len(lines) == 1:
            self._parts.append(f"{head}>{esc(lines[0])}</text>")
            return
        spans = "".join(
            f'<tspan x="{num(x)}" dy="{num(0 if i == 0 else size * 1.2)}">{esc(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        self._parts.append(f"{head}>{spans}</text>")

    def to_svg(self) -> str:
        """The finished ``<svg>`` element."""
        ident = esc(self._ident)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
            f'height="{self.height}" viewBox="0 0 {self.width} {self.height}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc" font-family="{esc(FONT)}">'
            f'<title id="{ident}-title">{esc(self._title)}</title>'
            f'<desc id="{ident}-desc">{esc(self._desc)}</desc>'
        )
        return head + "".join(self._parts) + "</svg>"
