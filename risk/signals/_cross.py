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

from risk.documents import decode
from risk.exceptions import DocumentError
from risk.financials import Filing, Signal, SignalKind

__all__ = ["Officer", "cross_filing_signals", "officers"]

#: Files larger than this are not read again for their contact blocks.
_MAX_BYTES = 50 * 1024 * 1024

_CELL = re.compile(
    r"(?:^|(?<=[ \t]{3})|(?<=\t))"
    r"(?P<name>(?:(?:Dr|Mr|Mrs|Ms)\.?[ \t]+)?[A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){1,3}),[ \t]+"
    # the title: capitalised words and "and", "of", "the", "&", "/" only (no prose)
    r"(?P<title>(?:(?:[A-Z][\w.'’&\-]*|and|of|the|&)[ \t,/]{1,3})*?"
    r"(?:\bCFO\b|\bCEO\b|Chief[ \t]+(?:Financial|Executive)[ \t]+Officer)"
    r"(?:[ \t,/]{1,3}(?:[A-Z][\w.'’&\-]*|and|of|the|&))*)(?=[ \t]{3}|\t|[ \t]*$)",
    re.MULTILINE,
)
_INTERIM = re.compile(r"\b(?:interim|acting)\b", re.IGNORECASE)
_CFO = re.compile(r"\bCFO\b|Chief\s+Financial\s+Officer", re.IGNORECASE)
_CEO = re.compile(r"\bCEO\b|Chief\s+Executive\s+Officer", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:Dr|Mr|Mrs|Ms)\.?\s+", re.IGNORECASE)


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
#: The characters a "Name, Title" cell is made of (every part of :data:`_CELL`).
_CELL_CHARS = r"\w.'’\-&/, \t"
#: The run of cell characters from a position on.
_RUN = re.compile(f"[{_CELL_CHARS}]*")
#: Up to the last character that is not a cell character (a run's start is after it).
_LAST_OTHER = re.compile(f".*[^{_CELL_CHARS}]", re.DOTALL)
#: Where :data:`_CELL` may start: its opening condition, then a capital letter.
_START = re.compile(r"(?:^|(?<=[ \t]{3})|(?<=\t))[A-Z]", re.MULTILINE)


def _run_start(text: str, at: int, floor: int) -> int:
    """The start of the run of cell characters that ends at ``at`` (not before ``floor``)."""
    width = 256
    while True:
        low = max(floor, at - width)
        last = _LAST_OTHER.match(text, low, at)
        if last is not None:
            return last.end()
        if low == floor:
            return floor
        width *= 16


def _title_runs(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, line_end)`` of each run of cell characters that holds a title word,
    in order; ``line_end`` is the end of its line (split at ``\\n`` only)."""
    hits: set[int] = set()
    for word in _TITLE_WORDS:
        at = text.find(word)
        while at != -1:
            hits.add(at)
            at = text.find(word, at + 1)
    runs: list[tuple[int, int, int]] = []
    for at in sorted(hits):
        if runs and at < runs[-1][1]:
            continue  # in the run found already
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end == -1 else line_end
        run = _RUN.match(text, at, line_end)
        end = run.end() if run is not None else at  # always a match (``*``)
        runs.append((_run_start(text, at, line_start), end, line_end))
    return runs


def _cells(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_CELL` over the whole text, searched around title words only.

    A match is made of cell characters only (:data:`_CELL_CHARS`: no newline) and
    names a title word, so it lies within the run of cell characters that holds
    that word; it starts at a capital letter that meets the pattern's opening
    condition (:data:`_START`), and is tried there with ``endpos`` at its line's
    end, where ``^``, ``$`` and the lookarounds see the same characters as in the
    whole text. The same matches, in the same order (leftmost, not overlapping),
    without trying the pattern along the rest of a line (a whole HTML document can
    be one line).
    """
    out: list[re.Match[str]] = []
    for start, end, line_end in _title_runs(text):
        done = start
        for head in _START.finditer(text, start, end):
            at = head.start()
            if at < done:
                continue
            m = _CELL.match(text, at, line_end)
            if m is not None:
                out.append(m)
                done = m.end()
    return out


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
