"""Shared pieces of the XBRL readers: contexts, units, dates, concept prefixes, text blocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

__all__ = [
    "XbrlContext",
    "concept_prefix",
    "local_name",
    "lower_local_name",
    "parse_context",
    "parse_date",
    "parse_decimals",
    "parse_unit",
]

_PREFIXES = (
    ("us-gaap", "us-gaap"),
    ("ifrs", "ifrs-full"),
    ("/dei", "dei"),
    ("/srt", "srt"),
)


@dataclass(frozen=True)
class XbrlContext:
    """A context: its period and whether it carries dimensions (a segment or scenario)."""

    end: date | None
    start: date | None = None
    dimensional: bool = False


def local_name(tag: object) -> str:
    """The local name of an element tag (``{ns}Name`` or ``prefix:name`` -> ``Name``)."""
    text = str(tag)
    if "}" in text:
        text = text.rsplit("}", 1)[1]
    if ":" in text:
        text = text.rsplit(":", 1)[1]
    return text


def concept_prefix(namespace: str | None) -> str | None:
    """The standard prefix of a taxonomy namespace URI (``us-gaap``, ``ifrs-full``, ``dei``)."""
    if not namespace:
        return None
    low = namespace.lower()
    for needle, prefix in _PREFIXES:
        if needle in low:
            return prefix
    return None


def parse_date(text: str | None) -> date | None:
    """An ISO date (``2023-09-30``, a trailing time is ignored), or None."""
    if not text:
        return None
    text = text.strip()[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


#: The widest ``decimals`` read: filings use -9 (billions) to 4; a value beyond says
#: nothing about rounding (``decimals="-99999"`` overflowed 10.0 ** 99999 in the checks).
MAX_DECIMALS = 30


def parse_decimals(text: str | None) -> int | None:
    """The ``decimals`` attribute as an int (None for INF, missing, not an integer, or
    beyond :data:`MAX_DECIMALS` either way)."""
    if text is None:
        return None
    text = text.strip()
    if text.upper() == "INF":
        return None
    try:
        decimals = int(text)
    except ValueError:
        return None
    return decimals if abs(decimals) <= MAX_DECIMALS else None


#: An element tag -> its :func:`local_name` in lower case, filled as tags are met (an
#: instance names few distinct tags); bounded.
_LOWER_NAMES: dict[str, str] = {}
_LOWER_NAMES_MAX = 4096


def lower_local_name(tag: str) -> str:
    """``local_name(tag).lower()``, remembered per tag."""
    name = _LOWER_NAMES.get(tag)
    if name is None:
        name = local_name(tag).lower()
        if len(_LOWER_NAMES) < _LOWER_NAMES_MAX:
            _LOWER_NAMES[tag] = name
    return name


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element.iter() if isinstance(c.tag, str) and local_name(c.tag) == name]


def parse_context(element: etree._Element) -> tuple[str, XbrlContext]:
    """The id and :class:`XbrlContext` of an ``xbrli:context`` element."""
    cid = element.get("id") or ""
    start = end = None
    dimensional = False
    names = _LOWER_NAMES
    for child in element.iter():
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = names.get(tag) or lower_local_name(tag)
        if name == "instant":
            end = parse_date(child.text)
        elif name == "startdate":
            start = parse_date(child.text)
        elif name == "enddate":
            end = parse_date(child.text)
        elif name in ("segment", "scenario"):
            dimensional = True
    return cid, XbrlContext(end=end, start=start, dimensional=dimensional)


def _measure(text: str | None) -> str:
    value = (text or "").strip()
    if ":" in value:
        value = value.split(":", 1)[1]
    return value


def parse_unit(element: etree._Element) -> tuple[str, str]:
    """The id and a readable form (``USD``, ``shares``, ``USD/shares``) of a unit."""
    uid = element.get("id") or ""
    numerator = denominator = None
    measures: list[str] = []
    for child in element.iter():
        if not isinstance(child.tag, str):
            continue
        name = local_name(child.tag).lower()
        if name == "unitnumerator":
            numerator = "*".join(_measure(m.text) for m in _children(child, "measure"))
        elif name == "unitdenominator":
            denominator = "*".join(_measure(m.text) for m in _children(child, "measure"))
        elif name == "measure":
            measures.append(_measure(child.text))
    if numerator is not None and denominator is not None:
        return uid, f"{numerator}/{denominator}"
    return uid, "*".join(measures)
