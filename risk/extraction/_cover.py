"""The cover page of a periodic report: form, period of report and registrant.

A 10-K, 10-Q or 8-K filed as a bare HTML or text document (no SEC header, no inline
XBRL ``dei`` facts) still says what it is on its cover::

    FORM 10-K
    [X] ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) ...
    For the fiscal year ended June 30, 1999.
    ...
    MEDICIS PHARMACEUTICAL CORPORATION
    (Exact name of registrant as specified in its charter)

Only the top of the document is read (the cover), and only when it looks like an SEC
cover: a "FORM ..." line near the top, the Commission's name just above it and the
"... REPORT PURSUANT TO SECTION 13 OR 15(d) ..." line just below. A press release or an
exhibit list that cites another report gives nothing. What the cover does not state
stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from risk._lazy import lazy_regex
from risk.statements import first_date_after, fiscal_year_end

__all__ = ["COVER_CHARS", "Cover", "read_cover"]

#: How much of the document's text is taken as its cover page.
COVER_CHARS = 6000
#: The "FORM ..." line must start this early, with the Commission's name just above it.
_FORM_WITHIN = 3000
_COMMISSION_BEFORE = 400

_COMMISSION = lazy_regex(r"securities\s+and\s+exchange\s+commission", re.IGNORECASE)
_FORM = lazy_regex(
    r"^\s*form\s+(?P<form>10-k405|10-ksb|10-k|10-qsb|10-q|20-f|40-f|8-k|6-k)\b",
    re.IGNORECASE | re.MULTILINE,
)
_PURSUANT = lazy_regex(r"pursuant\s+to\s+section\s+13\s+or\s+15\s*\(\s*d\s*\)", re.IGNORECASE)
#: ... and the "REPORT PURSUANT TO SECTION 13 OR 15(d)" line within this far below it.
_PURSUANT_WITHIN = 1500
_REGISTRANT = lazy_regex(r"^\s*\(\s*exact\s+name\s+of\s+(?:the\s+)?registrant", re.IGNORECASE)
_QUARTER_ENDED = lazy_regex(r"\bfor\s+the\s+(?:quarterly\s+)?period\s+ended\s*:?\s*")
_EVENT_DATE = lazy_regex(r"\bdate\s+of\s+report\s*(?:\([^)]*\))?\s*:?\s*")
#: A registrant's name is a short line with letters, not a form label or a rule.
_MAX_NAME = 120


@dataclass(frozen=True)
class Cover:
    """What a cover page states (None where it does not).

    Attributes
    ----------
    form : str or None
        Upper case, as on the cover ("10-K", "10-Q", "8-K" ...).
    period_of_report : date or None
        The fiscal year end of an annual report, the quarter end of a quarterly one,
        the event date of a current report.
    company : str or None
        The line above "(Exact name of registrant as specified in its charter)".
    """

    form: str | None = None
    period_of_report: date | None = None
    company: str | None = None


def read_cover(text: str) -> Cover:
    """Read the cover page at the top of ``text`` (a document reduced to plain text)."""
    head = text[:COVER_CHARS]
    form_match = _FORM.search(head, 0, _FORM_WITHIN)
    if form_match is None:
        return Cover()
    above = head[max(0, form_match.start() - _COMMISSION_BEFORE) : form_match.start()]
    below = head[form_match.end() : form_match.end() + _PURSUANT_WITHIN]
    if not _COMMISSION.search(above) or not _PURSUANT.search(below):
        return Cover()
    form = form_match["form"].upper()
    rest = head[form_match.start() :]
    if form.startswith(("10-K", "20-F", "40-F")):
        period = fiscal_year_end(rest)
    elif form.startswith("10-Q"):
        period = first_date_after(rest, _QUARTER_ENDED)
    elif form in ("8-K", "6-K"):
        period = first_date_after(rest, _EVENT_DATE)
    else:  # pragma: no cover - every form of _FORM is handled above
        period = None
    return Cover(form=form, period_of_report=period, company=_registrant(rest))


def _registrant(text: str) -> str | None:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not _REGISTRANT.match(line):
            continue
        for previous in reversed(lines[:i]):
            name = " ".join(previous.split())
            if not name:
                continue
            if len(name) > _MAX_NAME or not any(c.isalpha() for c in name):
                return None
            return name
        return None
    return None
