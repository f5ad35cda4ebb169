"""The items an 8-K declares, as signals with the item as evidence.

An 8-K says what it reports: in the SEC header (``ITEM INFORMATION: Bankruptcy or
Receivership``) and as headings of its main document (``Item 1.03 Bankruptcy or
Receivership.``; before 2004-08-23 the old numbering, ``Item 3``). The items that are
distress events (``[items]`` of the rules file: 1.03, 2.04, 2.05, 2.06, 3.01, 4.01,
4.02) become signals of the filer, quoted with the heading and the first sentence of
the item, or with the header line when no heading is found. A heading counts only at
the start of its line with no checkbox before it, so the cover page's check boxes never
do. Officer departures (5.02) count only through the sentences the text rules read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from risk._lazy import lazy_regex
from risk.financials import Signal, SignalKind
from risk.signals._detect import _SENTENCE_END
from risk.signals._rules import RULES_DIR, _compile
from risk.signals._schema import rules_data

__all__ = ["ItemRules", "PartText", "declared_items", "item_rules", "item_signals"]

_HEADING = lazy_regex(
    r"(?im)^(?P<lead>[^\S\n]*(?:\S[^\S\n]*){0,3}?)item[^\S\n]+(?P<num>\d\.\d\d)\b"
)
_OLD_HEADING = lazy_regex(r"(?im)^(?P<lead>[^\S\n]*)item[^\S\n]+(?P<num>\d{1,2})[^\S\n]*[.:]")
_HEADER_LINE = lazy_regex(r"(?m)^[ \t]*ITEM INFORMATION:[ \t]*(?P<what>\S.*?)[ \t]*$")
_ANY_HEADING = lazy_regex(
    r"(?im)^[^\S\n]*item[^\S\n]+\d{1,2}(?:\.\d\d)?\b|^[^\S\n]*signatures?[^\S\n]*$"
)
#: characters of an item's body quoted at most
_QUOTE_CHARS = 400
#: characters of an item's body read to tell a voluntary listing transfer
_BODY_CHARS = 3000


@dataclass(frozen=True)
class ItemRules:
    """The ``[items]`` section of a rules file."""

    kinds: dict[str, SignalKind]
    old_kinds: dict[str, SignalKind]
    new_numbering_from: date
    header: dict[str, str]
    voluntary_transfer: re.Pattern[str]
    deficiency: re.Pattern[str]
    checkbox: re.Pattern[str]


@dataclass(frozen=True)
class PartText:
    """One document part as the signals read it: its ``<TYPE>``, text and offset."""

    document_type: str | None
    text: str
    offset: int = 0


@functools.cache
def item_rules(language: str = "en") -> ItemRules:
    """The ``[items]`` section of ``rules/<language>.toml``, compiled (cached)."""
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise ValueError(f"language must be a 2- or 3-letter code such as 'en'; got {language!r}")
    path = RULES_DIR / f"{language}.toml"
    data = rules_data(path).get("items", {})
    where = f"{path.name} [items]"
    try:
        kinds = {str(k): SignalKind(v) for k, v in data.get("kinds", {}).items()}
        old = {str(k): SignalKind(v) for k, v in data.get("old_kinds", {}).items()}
    except ValueError as exc:
        raise ValueError(f"{where}: kinds must map items to signal kinds: {exc}") from exc
    try:
        start = date.fromisoformat(str(data.get("new_numbering_from", "2004-08-23")))
    except ValueError as exc:
        raise ValueError(f"{where}: new_numbering_from must be an ISO date: {exc}") from exc
    return ItemRules(
        kinds=kinds,
        old_kinds=old,
        new_numbering_from=start,
        header={str(k).lower(): str(v) for k, v in data.get("header", {}).items()},
        voluntary_transfer=_compile(data.get("voluntary_transfer", r"(?!x)x"), where=where),
        deficiency=_compile(data.get("deficiency", r"(?!x)x"), where=where),
        checkbox=_compile(data.get("checkbox", r"(?!x)x"), where=where, lower=False),
    )


def declared_items(header: str, rules: ItemRules | None = None) -> list[tuple[str, int, int]]:
    """``(item, start, end)`` of each ``ITEM INFORMATION`` line of an SEC header whose
    description names a distress item (``"1.03"`` ...); offsets into ``header``."""
    rules = rules or item_rules()
    out = []
    for m in _HEADER_LINE.finditer(header):
        what = m.group("what").lower().replace("’", "'")
        for start, item in rules.header.items():
            if what.startswith(start):
                out.append((item, m.start(), m.end()))
                break
    return out


def item_signals(
    parts: Sequence[PartText],
    *,
    header: str = "",
    document: str,
    form: str | None,
    filed: date | None,
    language: str = "en",
) -> list[Signal]:
    """The distress items an 8-K declares, as signals of the filer.

    Parameters
    ----------
    parts : sequence of PartText
        The parts of the submission as read (the main document is the part typed
        ``8-K``, or the only part of a bare document).
    header : str, default ""
        The SEC header (the submission's text before its first ``<DOCUMENT>``); its
        offsets are the file's.
    document : str
        The document name recorded on each signal.
    form : str or None
        The form of the submission: only an ``8-K`` declares items.
    filed : date or None
        The filing date: before ``new_numbering_from`` the old numbering is read too.

    Returns
    -------
    list of Signal
        One per declared distress item (rule ``item.<number>``), quoted with its heading
        and first sentence, or its header line when no heading is found.
    """
    if not (form or "").upper().startswith("8-K"):
        return []
    rules = item_rules(language)
    main = _main_part(parts)
    found: dict[str, Signal] = {}
    if main is not None:
        for item, kind, start, end in _headings(main.text, rules, filed):
            if item in found:
                continue
            body = main.text[end : end + _BODY_CHARS]
            if kind is SignalKind.DELISTING_NOTICE and _voluntary(body, rules):
                continue
            q_end = _quote_end(main.text, end)
            found[item] = _signal(main, start, q_end, kind, item, document)
    for item, start, end in declared_items(header, rules):
        if item in found or item not in rules.kinds:
            continue
        found[item] = Signal(
            kind=rules.kinds[item],
            quote=" ".join(header[start:end].split()),
            span=(start, end),
            document=document,
            document_type=form,
            rule=f"item.{item}",
        )
    return sorted(found.values(), key=lambda s: s.span)


def _main_part(parts: Sequence[PartText]) -> PartText | None:
    for part in parts:
        if (part.document_type or "").upper().startswith("8-K"):
            return part
    return parts[0] if len(parts) == 1 else None


def _headings(
    text: str, rules: ItemRules, filed: date | None
) -> list[tuple[str, SignalKind, int, int]]:
    """``(item, kind, start, end)`` of each distress-item heading of ``text``."""
    out = []
    any_heading = False
    for m in _line_matches(_HEADING, text):
        any_heading = True
        kind = rules.kinds.get(m.group("num"))
        if kind is not None and not rules.checkbox.search(m.group("lead")):
            start = m.start() + len(m.group("lead"))
            out.append((m.group("num"), kind, start, _line_end(text, m.end())))
    old = filed is None or filed < rules.new_numbering_from
    if old and not any_heading:
        for m in _line_matches(_OLD_HEADING, text):
            kind = rules.old_kinds.get(m.group("num"))
            if kind is not None and not rules.checkbox.search(m.group("lead")):
                item = f"old {m.group('num')}"
                start = m.start() + len(m.group("lead"))
                out.append((item, kind, start, _line_end(text, m.end())))
    return out


def _line_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a heading pattern: one that matches only at the start
    of a line (``^`` in MULTILINE mode) and within the line.

    ``re`` tries such a pattern at every position (each fails at once on ``^`` unless
    after a newline, yet costs tens of nanoseconds); a match can only start at a line's
    start and cannot run past the line's end, so the scan, which resumes after each
    match, finds one match at most per line: the pattern tried at each line's start.
    """
    match = pattern.match
    start = 0
    while True:
        m = match(text, start)
        if m is not None:
            yield m
        newline = text.find("\n", start)
        if newline < 0:
            return
        start = newline + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _voluntary(body: str, rules: ItemRules) -> bool:
    low = body.lower()
    return bool(rules.voluntary_transfer.search(low)) and not rules.deficiency.search(low)


def _quote_end(text: str, heading_end: int) -> int:
    """The end of the first sentence of the item's body (within :data:`_QUOTE_CHARS`)."""
    stop = _ANY_HEADING.search(text, heading_end + 1)
    limit = min(len(text), heading_end + _QUOTE_CHARS, stop.start() if stop else len(text))
    body_start = heading_end
    while body_start < limit and text[body_start].isspace():
        body_start += 1
    m = _SENTENCE_END.search(text, body_start + 20, limit)
    end = m.end() if m else limit
    while end > heading_end and text[end - 1].isspace():
        end -= 1
    return end


def _signal(
    part: PartText, start: int, end: int, kind: SignalKind, item: str, document: str
) -> Signal:
    return Signal(
        kind=kind,
        quote=" ".join(part.text[start:end].split()),
        span=(start + part.offset, end + part.offset),
        document=document,
        document_type=part.document_type,
        rule=f"item.{item.replace(' ', '_')}",
    )
