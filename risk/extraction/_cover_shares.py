"""Shares outstanding on the cover page of a 10-K or 10-Q, with their date.

The cover asks the registrant to "indicate the number of shares outstanding of each of
the issuer's classes of common stock, as of the latest practicable date"; the answer is
one sentence, worded many ways::

    As of October 18, 2024, 15,115,823,000 shares of common stock were issued and outstanding.
    126,354,086 shares of Common Stock Issued and Outstanding as of May 2, 1997
    Number of common shares outstanding as of January 31, 2024: 1,766,473,359

Inline XBRL tags it as ``dei:EntityCommonStockSharesOutstanding`` (taken first when
there). In text, a sentence of the cover that speaks of shares outstanding and gives
exactly one date and one share count is read (a dollar amount is never a count); a
sentence with several counts (several classes of stock) or dates, or one about the
aggregate market value, is not: the count is then not known rather than a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from risk._lazy import lazy_regex
from risk.financials import SharesStated

__all__ = ["COVER_SHARES_CHARS", "DEI_SHARES", "cover_shares", "tagged_cover_shares"]

#: How far into the document's text the cover's shares sentence is looked for.
COVER_SHARES_CHARS = 25_000
DEI_SHARES = "dei:EntityCommonStockSharesOutstanding"
#: A count: written with thousands separators (>= 1,000), no $ before it.
_COUNT = lazy_regex(r"(?<![$\d,.])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = lazy_regex(
    rf"\b(?P<named>{_MONTH}\.?\s+\d{{1,2}}\s*,?\s*\d{{4}})\b|\b(?P<slashed>\d{{1,2}}/\d{{1,2}}/\d{{4}})\b",
    re.IGNORECASE,
)
_SENTENCE_END = lazy_regex(r"(?<=[.;])\s+(?=[A-Z(\u2610\u2612\u00a8\u00fe])")
_SHARES = lazy_regex(r"\bshares\b", re.IGNORECASE)
_OUTSTANDING = lazy_regex(r"\boutstanding\b", re.IGNORECASE)
_NOT_THIS = lazy_regex(r"aggregate\s+market\s+value|weighted\s+average", re.IGNORECASE)
_MAX_SENTENCE = 600


def _date(text: str) -> date | None:
    clean = " ".join(text.replace(",", " ").replace(".", " ").split())
    for fmt in ("%B %d %Y", "%b %d %Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(clean, fmt).date()
        except ValueError:
            continue
    if clean[:4].lower() == "sept":  # "Sept 30 2023"
        return _date("Sep" + clean[4:])
    return None


def _sentences(text: str) -> Iterable[str]:
    head = text[:COVER_SHARES_CHARS]
    for match in _OUTSTANDING.finditer(head):
        start = max(0, match.start() - _MAX_SENTENCE)
        end = min(len(head), match.end() + _MAX_SENTENCE)
        before = list(_SENTENCE_END.finditer(head, start, match.start()))
        first = before[-1].end() if before else start
        after = _SENTENCE_END.search(head, match.end(), end)
        yield head[first : after.start() if after else end].strip()


def cover_shares(text: str, *, document: str) -> list[SharesStated]:
    """The shares outstanding the cover's text states: at most one count (the first
    sentence that gives exactly one count and one date), else none."""
    for sentence in _sentences(text):
        if not _SHARES.search(sentence) or _NOT_THIS.search(sentence):
            continue
        counts = {m.group() for m in _COUNT.finditer(sentence)}
        dates = {d for m in _DATE.finditer(sentence) if (d := _date(m.group())) is not None}
        if len(counts) != 1 or len(dates) != 1:
            continue
        value = float(next(iter(counts)).replace(",", ""))
        quote = " ".join(sentence.split())
        return [SharesStated(value=value, on=next(iter(dates)), document=document, quote=quote)]
    return []


def tagged_cover_shares(
    facts: Iterable[tuple[str, float, date]], *, document: str
) -> list[SharesStated]:
    """``dei:EntityCommonStockSharesOutstanding`` facts (concept, value, date) without
    dimensions: one count per date; none when a date has several (several classes)."""
    by_date: dict[date, set[float]] = {}
    for concept, value, on in facts:
        if concept == DEI_SHARES and value > 0:
            by_date.setdefault(on, set()).add(value)
    return [
        SharesStated(value=next(iter(values)), on=on, document=document, concept=DEI_SHARES)
        for on, values in sorted(by_date.items())
        if len(values) == 1
    ]
