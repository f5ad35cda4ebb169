"""Signals that only show across a company's filings: an officer replaced.

A :class:`~risk.financials.Filing` has no field for the officers it names, so the
officers are read again from each filing's text: the text given in ``texts``
(keyed by ``Filing.source``), or else the file at ``Filing.source`` when it still
exists and its SHA-256 is the filing's (so a file changed since it was read is never
used). Officers are read from "Name, Title" cells of contact blocks set in columns,
as in press releases ("Robert Lobban, CFO"). Filings whose text cannot be had are
skipped: their officers are unknown, not absent.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from risk._lazy import lazy_regex
from risk.documents import decode
from risk.exceptions import DocumentError
from risk.financials import Filing, Signal, SignalKind

__all__ = ["Officer", "cross_filing_signals", "officers"]

#: Files larger than this are not read again for their contact blocks.
_MAX_BYTES = 50 * 1024 * 1024

_CELL = lazy_regex(
    r"(?:^|(?<=[ \t]{3})|(?<=\t))"
    r"(?P<name>(?:(?:Dr|Mr|Mrs|Ms)\.?[ \t]+)?[A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){1,3}),[ \t]+"
    # the title: capitalised words and "and", "of", "the", "&", "/" only (no prose)
    r"(?P<title>(?:(?:[A-Z][\w.'’&\-]*|and|of|the|&)[ \t,/]{1,3})*?"
    r"(?:\bCFO\b|\bCEO\b|Chief[ \t]+(?:Financial|Executive)[ \t]+Officer)"
    r"(?:[ \t,/]{1,3}(?:[A-Z][\w.'’&\-]*|and|of|the|&))*)(?=[ \t]{3}|\t|[ \t]*$)",
    re.MULTILINE,
)
_INTERIM = lazy_regex(r"\b(?:interim|acting)\b", re.IGNORECASE)
_CFO = lazy_regex(r"\bCFO\b|Chief\s+Financial\s+Officer", re.IGNORECASE)
_CEO = lazy_regex(r"\bCEO\b|Chief\s+Executive\s+Officer", re.IGNORECASE)
_HONORIFIC = lazy_regex(r"^(?:Dr|Mr|Mrs|Ms)\.?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Officer:
    """An officer named in a contact block."""

    role: str  # "CFO" or "CEO"
    name: str  # as printed, honorific removed
    title: str  # as printed
    interim: bool
    span: tuple[int, int]  # [start, end) of the "Name, Title" cell in the text

    @property
    def key(self) -> str:
        """The name compared across filings: lower case, initials and punctuation dropped."""
        words = re.findall(r"[a-z]{2,}", self.name.lower())
        return " ".join(words)


#: A "Name, Title" cell names one of these (case as printed), and never spans lines.
_TITLE_WORDS = ("CFO", "CEO", "Chief")


def _title_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line (split at ``\\n`` only) that holds a title word, in order."""
    lines: set[tuple[int, int]] = set()
    for word in _TITLE_WORDS:
        at = text.find(word)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            lines.add((start, end))
            at = text.find(word, end)
    return sorted(lines)


def _cells(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_CELL` over the whole text, searched on its title lines only.

    A cell matches within one line (no part of the pattern crosses a newline) and
    names a title word, so the other lines cannot hold one; ``^``, ``$`` and the
    lookarounds see the same characters with ``pos``/``endpos`` set to a line's
    bounds as in the whole text. The same matches, a press release's time lower.
    """
    return [m for start, end in _title_lines(text) for m in _CELL.finditer(text, start, end)]


def officers(text: str) -> list[Officer]:
    """The CFO and CEO named in "Name, Title" cells of the text (contact blocks)."""
    if "CFO" not in text and "CEO" not in text and "Chief" not in text:
        return []
    out: list[Officer] = []
    for m in _cells(text):
        title = m.group("title").strip()
        name = _HONORIFIC.sub("", m.group("name").strip())
        for role, pattern in (("CFO", _CFO), ("CEO", _CEO)):
            if pattern.search(title):
                out.append(
                    Officer(
                        role=role,
                        name=name,
                        title=title,
                        interim=bool(_INTERIM.search(title)),
                        span=(m.start(), m.end("title")),
                    )
                )
    return out


def _text_of(filing: Filing, texts: Mapping[str, str] | None) -> str | None:
    if texts is not None and filing.source in texts:
        return texts[filing.source]
    path = Path(filing.source)
    try:
        if not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != filing.sha256:
        return None
    try:
        return decode(data, name=filing.source)
    except DocumentError:
        return None


def _ordered(filings: Sequence[Filing]) -> list[Filing]:
    """By filed date when every filing has one, else in the order given."""
    if all(f.filed is not None for f in filings):
        return sorted(filings, key=lambda f: f.filed)  # type: ignore[arg-type,return-value]
    return list(filings)


def cross_filing_signals(
    filings: Sequence[Filing], *, texts: Mapping[str, str] | None = None
) -> list[Signal]:
    """Signals that only show across filings: a CFO or CEO replaced by another person.

    Parameters
    ----------
    filings : sequence of Filing
        One company's filings. They are ordered by ``filed`` when every one has a
        date, else taken in the order given.
    texts : mapping of str to str, optional
        The text of each filing keyed by ``Filing.source``. A filing missing here is
        read again from the file at ``Filing.source`` when its SHA-256 still matches.

    Returns
    -------
    list of Signal
        One ``management_change`` signal (rule ``cross.officer_changed``) per later
        filing whose contact block names a different CFO or CEO than the last earlier
        filing that named one. The quote is the later filing's "Name, Title" cell and
        the span its offsets in that filing's text.
    """
    last: dict[str, Officer] = {}
    signals: list[Signal] = []
    for filing in _ordered(filings):
        text = _text_of(filing, texts)
        if text is None:
            continue
        seen_roles: set[str] = set()
        for officer in officers(text):
            if officer.role in seen_roles:  # the first one named per filing counts
                continue
            seen_roles.add(officer.role)
            before = last.get(officer.role)
            if before is not None and before.key and officer.key and before.key != officer.key:
                start, end = officer.span
                signals.append(
                    Signal(
                        kind=SignalKind.MANAGEMENT_CHANGE,
                        quote=" ".join(text[start:end].split()),
                        span=(start, end),
                        document=filing.source,
                        document_type=filing.form,
                        rule="cross.officer_changed",
                    )
                )
            last[officer.role] = officer
    return signals
