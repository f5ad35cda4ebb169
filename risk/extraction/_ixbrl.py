"""Inline XBRL: ``ix:nonFraction`` facts of an HTML document, with their contexts and units.

Values are read as displayed and transformed by their ``format`` (``ixt:num-dot-decimal``,
``ixt:numdotdecimal``, ``ixt:zerodash``, ``ixt:fixed-zero``, ``ixt:num-comma-decimal``,
``ixt-sec:numwordsen``), multiplied by ``10**scale`` and negated when ``sign="-"``.
Only facts of consolidated contexts (no segment or scenario) are returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from lxml import etree

from risk._lazy import lazy_regex
from risk.documents import tag_name
from risk.extraction._xbrl_facts import (
    XbrlContext,
    concept_prefix,
    parse_context,
    parse_decimals,
    parse_unit,
)
from risk.statements import TaggedFact

__all__ = ["InlineFacts", "parse_ix_number", "read_inline_facts"]

_STANDARD = frozenset({"us-gaap", "ifrs-full", "dei", "srt"})
_DEI = ("EntityRegistrantName", "EntityCentralIndexKey", "DocumentType", "DocumentPeriodEndDate")
_WORDS = {"no": 0.0, "none": 0.0, "zero": 0.0, "nil": 0.0, "one": 1.0, "two": 2.0, "three": 3.0}
_NOT_DIGIT = lazy_regex(r"[^\d.]")


@dataclass
class InlineFacts:
    """What the inline XBRL of a document holds."""

    facts: list[TaggedFact] = field(default_factory=list)
    dei: dict[str, str] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    dimensional: int = 0
    count: int = 0


#: The largest ``scale`` read (filers use -6 .. 12; 10**30 dollars is no amount).
MAX_SCALE = 30


def parse_ix_number(text: str, fmt: str | None) -> float | None:
    """The number an ``ix:nonFraction`` displays, per its ``format``; None when unreadable.

    Examples
    --------
    >>> parse_ix_number("1,234.5", "ixt:num-dot-decimal")
    1234.5
    >>> parse_ix_number("—", "ixt:fixed-zero")
    0.0
    >>> parse_ix_number("1.234,5", "ixt:num-comma-decimal")
    1234.5
    """
    name = (fmt or "").split(":")[-1].lower().replace("-", "")
    value = text.strip()
    if name in ("zerodash", "fixedzero", "numdash"):
        return 0.0
    if name == "numwordsen":
        word = value.lower().strip(" .")
        if word in _WORDS:
            return _WORDS[word]
        digits = _NOT_DIGIT.sub("", value)
        return float(digits) if digits and digits != "." else None
    if name in ("numcommadecimal", "numdotcomma", "numspacecomma"):
        value = value.replace(".", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    digits = _NOT_DIGIT.sub("", value)
    if not digits or digits.count(".") > 1 or digits == ".":
        if value in ("-", "\u2014", "\u2013"):
            return 0.0
        return None
    return float(digits)


def _scaled(value: float, scale: str | None) -> float | None:
    """``value * 10**scale``; None when the scale is not an integer within
    :data:`MAX_SCALE`. A product too large for a float is infinite, and left to
    :func:`~risk.statements._xbrl_map.facts_to_periods`, which refuses non-finite values."""
    try:
        power = int(scale or "0")
    except ValueError:
        return None
    if abs(power) > MAX_SCALE:
        return None
    return float(Decimal(repr(value)) * (Decimal(10) ** power))


def _prefixes(root: etree._Element) -> dict[str, str]:
    """Document prefix -> standard prefix, from the ``xmlns:*`` attributes on the root."""
    mapping: dict[str, str] = {}
    for el in (root, *list(root)[:1]):
        for raw_key, raw_value in el.attrib.items():
            key, value = str(raw_key), str(raw_value)
            if key.lower().startswith("xmlns:"):
                standard = concept_prefix(value)
                if standard:
                    mapping[key.split(":", 1)[1].lower()] = standard
        if hasattr(el, "nsmap"):
            for prefix, uri in el.nsmap.items():
                standard = concept_prefix(uri)
                if prefix and standard:
                    mapping[prefix.lower()] = standard
    return mapping


def _concept(name: str, prefixes: dict[str, str]) -> str | None:
    if ":" not in name:
        return None
    prefix, local = name.split(":", 1)
    if prefix in _STANDARD:
        return f"{prefix}:{local}"
    standard = prefixes.get(prefix.lower())
    return f"{standard}:{local}" if standard else None


#: A start tag whose name holds a colon (``<ix:nonFraction``, ``<xbrli:context``): the
#: only elements read here. libxml2's HTML parser takes a name from such a tag alone.
_PREFIXED_TAG = re.compile(r"<[-\w.:]*:")


def read_inline_facts(root: etree._Element, *, markup: str | None = None) -> InlineFacts:
    """Collect the ``ix:nonFraction`` facts and a few ``dei`` values of a parsed document.

    Parameters
    ----------
    root : lxml element
        The document parsed by :func:`risk.documents._html.parse_html`.
    markup : str or None, default None
        The text ``root`` was parsed from: when no tag of it names a prefix, nothing is
        read without walking the tree (most HTML exhibits hold no inline XBRL).

    Returns
    -------
    InlineFacts
        ``count`` is the number of ``ix:nonFraction`` elements seen (0: no inline XBRL).
    """
    out = InlineFacts()
    if markup is not None and _PREFIXED_TAG.search(markup) is None:
        return out
    contexts: dict[str, XbrlContext] = {}
    units: dict[str, str] = {}
    numeric: list[etree._Element] = []
    for el in root.iter():
        tag = tag_name(el)
        if not tag or ":" not in tag:
            continue
        local = tag.split(":", 1)[1]
        if local == "context":
            cid, ctx = parse_context(el)
            contexts[cid] = ctx
        elif local == "unit":
            uid, unit = parse_unit(el)
            units[uid] = unit
        elif local == "nonfraction":
            numeric.append(el)
        elif local == "nonnumeric":
            name = el.get("name") or ""
            local_name = name.split(":")[-1]
            if local_name in _DEI and local_name not in out.dei:
                out.dei[local_name] = " ".join("".join(str(t) for t in el.itertext()).split())
    out.count = len(numeric)
    if not numeric:
        return out
    prefixes = _prefixes(root)
    for el in numeric:
        name = el.get("name") or ""
        concept = _concept(name, prefixes)
        if concept is None:
            continue
        nil = el.get("xsi:nil") or el.get("xs:nil") or el.get("nil")
        if nil == "true":
            continue
        context = contexts.get(el.get("contextref") or el.get("contextRef") or "")
        if context is None or context.end is None:
            out.unreadable.append(f"{name} (context not found)")
            continue
        if context.dimensional:
            out.dimensional += 1
            continue
        shown = " ".join("".join(str(t) for t in el.itertext()).split())
        value = parse_ix_number(shown, el.get("format"))
        if value is None:
            out.unreadable.append(f"{name} ({shown[:30]!r} with format {el.get('format')!r})")
            continue
        scaled = _scaled(value, el.get("scale"))
        if scaled is None:
            out.unreadable.append(
                f"{name} ({shown[:30]!r}: scale {el.get('scale')!r} is not an integer "
                f"within -{MAX_SCALE}..{MAX_SCALE})"
            )
            continue
        value = scaled
        if el.get("sign") == "-":
            value = -value
        out.facts.append(
            TaggedFact(
                concept=concept,
                value=value + 0.0,
                unit=units.get(el.get("unitref") or el.get("unitRef") or "", ""),
                end=context.end,
                start=context.start,
                raw=("-" if el.get("sign") == "-" else "") + shown,
                decimals=parse_decimals(el.get("decimals")),
            )
        )
    return out
