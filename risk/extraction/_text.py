"""Plain-text parts: tables to periods, and the issuer and date of a bare press release."""

from __future__ import annotations

import bisect
import re
from datetime import date

from risk._lazy import lazy_regex
from risk.documents import DocumentPart
from risk.extraction._cover import read_cover
from risk.extraction._cover_shares import cover_shares
from risk.extraction._entities import other_entity_warning
from risk.extraction._result import PartResult
from risk.financials import FilingWarning, LineItem, PeriodValues, Provenance, WarningCode
from risk.statements import (
    StatedAmount,
    confirm_flow_balances,
    confirm_scale,
    equity_statement_balances,
    fiscal_year_end,
    fiscal_year_names,
    normalise_table,
    parse_column_period,
    parse_scale,
    settle_restricted_cash,
    stated_amounts,
    stated_period_ends,
)
from risk.tables import (
    STATEMENT_TITLE,
    OtherEntityTable,
    RawTable,
    find_text_tables,
    other_entity,
)

__all__ = ["read_text_part"]

#: Parts never read for tables: EX-27 financial data schedules are often wrong and
#: must not stand beside (or before) the statements they summarise.
_SKIP_TYPES = ("EX-27",)
#: A page break: ``<PAGE>|-+\s*more\s*-+|\f`` (case ignored), found as two patterns that
#: scan fast: the literal marks, and "--more--" from the first dash of a run only (tried
#: at every dash, ``-+`` is quadratic in the length of a dash rule). The letters are
#: written as classes (``[Pp]``) rather than with ``re.I``, which matches no other
#: character for these letters and made ``re`` test every position in Python's slow path.
_PAGE_MARK = lazy_regex(r"<[Pp][Aa][Gg][Ee]>|\f")
_MORE = lazy_regex(r"-(?<!--)-*\s*[Mm][Oo][Rr][Ee]\s*-+")
#: A word every "--more--" holds: the dashes are looked at only in a text that has it.
_MORE_WORD = lazy_regex(r"[Mm][Oo][Rr][Ee]")
_DATELINE = (
    lazy_regex(
        r"^[ \t]*[A-Z][A-Za-z .,'&]{2,60}?[ \t]+[-\u2013]{1,2}[ \t]+"
        r"(?P<date>[A-Za-z]{3,9}\.?[ \t]+\d{1,2},?[ \t]*(?:19|20)\d{2})[ \t]*-{1,3}[ \t]*"
        r"(?P<company>[A-Z][^(\n]{2,80}?)[ \t]*\(",
        re.M,
    ),
    lazy_regex(
        r"^[ \t]*[A-Z][A-Za-z .,'&]{2,60}?,[ \t]*(?P<date>[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}"
        r"(?:,[ \t]*(?:19|20)\d{2})?)[ \t]*/(?:PRNewswire|Business[ \t]?Wire|[A-Za-z-]*Newswire)/"
        r"[ \t]*-{1,3}[ \t]*(?P<company>[A-Z][^(\n]{2,80}?)[ \t]*\(",
        re.M,
    ),
)
_DATELINE_SPAN = 6000
#: What a line must hold for each ``_DATELINE`` pattern to match it (a dash after a
#: blank; the end of "Newswire/", "Business Wire/"): only such lines are tried.
_DATELINE_NEEDS = (lazy_regex(r"[-\u2013](?<=[ \t][-\u2013])"), lazy_regex(r"ire/"))


_MONTH_NAMES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_DAY = lazy_regex(r"(?P<month>[A-Za-z]{3})[a-z]*\.?[ \t]+(?P<day>\d{1,2})")
_YEARS = lazy_regex(r"\b(?:19|20)\d{2}\b")
_FUTURE_MONTH = lazy_regex(
    r"\b(?:expects?|will|plans?|anticipates?|intends?)\b[^.]{0,200}?\b"
    r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?[ \t\n]+"
    r"(?P<year>(?:19|20)\d{2})\b",
    re.I,
)


def _infer_year(head: str, month: int) -> int | None:
    """The year of a year-less dateline, only when the text pins it down.

    The release must announce something for a later month of the latest year it names
    ("expects to report audited financial statements for 2001 in March, 2002" dates a
    "Jan. 14" release to 2002). Otherwise None: the year is not guessed.
    """
    years = [int(y) for y in _YEARS.findall(head)]
    if not years:
        return None
    latest = max(years)
    for m in _FUTURE_MONTH.finditer(head):
        future_month = _MONTH_NAMES.index(m["month"][:3].lower()) + 1
        if int(m["year"]) == latest and future_month > month:
            return latest
    return None


def _first_line_match(
    pattern: re.Pattern[str], needs: re.Pattern[str], text: str
) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern that matches from a line's start within the
    line: tried only at the start of the lines holding what ``needs`` finds, in order."""
    pos = 0
    while (hit := needs.search(text, pos)) is not None:
        m = pattern.match(text, text.rfind("\n", 0, hit.start()) + 1)
        if m is not None:
            return m
        pos = text.find("\n", hit.end()) + 1
        if pos == 0:
            return None
    return None


def _dateline(text: str) -> tuple[str | None, date | None]:
    head = text[:_DATELINE_SPAN]
    for pattern, needs in zip(_DATELINE, _DATELINE_NEEDS, strict=True):
        m = _first_line_match(pattern, needs, head)
        if m is None:
            continue
        company = m["company"].strip().rstrip(",")
        end = parse_column_period(m["date"]).end
        if end is None and (day := _DAY.match(m["date"])) is not None:
            abbr = day["month"][:3].lower()
            if abbr in _MONTH_NAMES:
                month = _MONTH_NAMES.index(abbr) + 1
                year = _infer_year(head, month)
                if year is not None:
                    try:
                        end = date(year, month, int(day["day"]))
                    except ValueError:
                        end = None
        return company, end
    return None, None


#: Scales tried for a table that states none (whole dollars, thousands, millions).
_SCALE_CANDIDATES = (1.0, 1e3, 1e6)
_SCALE_WORDS = lazy_regex(r"\b(?:thousands|millions|000'?s)\b", re.I)
#: ``_SCALE_WORDS`` on lower-cased ASCII text, the word boundary before each word checked
#: after its first characters (``re`` then skips to the places a word starts).
_SCALE_WORDS_LOW = lazy_regex(
    r"(?:thousands(?<!\w.........)|millions(?<!\w........)|000(?<!\w...)'?s)\b"
)


def _stated_scale(text: str) -> float | None:
    """The one scale the document states ("in thousands"), None when none or several."""
    head = text[:2_000_000]
    found: set[float] = set()
    # ASCII text: the words found in the text lower-cased (the same places), by a
    # pattern that starts at a literal; else the case-ignoring one
    words = (
        _SCALE_WORDS_LOW.finditer(head.lower()) if head.isascii() else _SCALE_WORDS.finditer(head)
    )
    for m in words:
        scale = parse_scale(head[max(0, m.start() - 60) : m.end() + 60]).money
        if scale is not None:
            found.add(scale)
            if len(found) > 1:
                return None  # several scales stated: none is the document's
    return found.pop() if found else None


def _page_break_lines(text: str) -> list[int]:
    """The 1-based lines of ``text`` that hold a page break, in order."""
    spans = [m.span() for m in _page_marks(text)]
    if _MORE_WORD.search(text) is not None:
        spans = sorted(spans + [m.span() for m in _MORE.finditer(text)])
    breaks: list[int] = []
    line, pos, end = 1, 0, 0
    for start, stop in spans:
        if start < end:  # a form feed inside "--\fmore--": one break, as one pattern finds
            continue
        line += text.count("\n", pos, start)
        pos, end = start, stop
        breaks.append(line)
    return breaks


def _page_marks(text: str) -> list[re.Match[str]]:
    """``list(_PAGE_MARK.finditer(text))``, sooner: the regex is tried only at the ``<``
    and form feeds ``str.find`` finds (two marks never overlap)."""
    found: list[re.Match[str]] = []
    for first in "<\f":
        i = text.find(first)
        while i >= 0:
            if (m := _PAGE_MARK.match(text, i)) is not None:
                found.append(m)
            i = text.find(first, i + 1)
    found.sort(key=lambda m: m.start())
    return found


def _scale_context(
    part: DocumentPart, tables: list[RawTable]
) -> list[tuple[float | None, str | None]]:
    """For each table that states no scale: a scale from the text around it, and why."""
    breaks: list[int] | None = None  # 1-based lines holding a page break, when first needed
    out: list[tuple[float | None, str | None]] = []
    last: tuple[int, float] | None = None  # (line, scale) of the last table stating one
    document_scale: float | bool | None = False  # False: not looked for yet
    stated: list[StatedAmount] = []
    for table in tables:
        own = parse_scale(" ".join((table.title, *table.columns))).money
        start = table.line or 1
        if own is not None:
            out.append((None, None))
            last = (start, own)
            continue
        if last is not None:
            if breaks is None:
                breaks = _page_break_lines(part.text)
            first_break = bisect.bisect_left(breaks, last[0])
            if first_break == len(breaks) or breaks[first_break] >= start:
                out.append((last[1], None))
                continue
        if document_scale is False:
            document_scale = _stated_scale(part.text)
            stated = stated_amounts(part.text)
        # No scale of its own or on its page: whole dollars, or the scale stated
        # elsewhere, only where the table's arithmetic or the text confirms it.
        candidates = [document_scale] if document_scale else []
        check = confirm_scale(table, [*candidates, *_SCALE_CANDIDATES], stated)
        if check is not None:
            out.append(
                (
                    check.scale,
                    f"the table at line {start + part.line_offset} states no scale; its "
                    f"amounts are x{check.scale:,.0f}: {check.why}",
                )
            )
            continue
        out.append((None, None))
    return out


def read_text_part(part: DocumentPart, *, document: str) -> PartResult:
    """Read the tables of a plain-text part into periods.

    Parameters
    ----------
    part : DocumentPart
        A plain-text part (an EDGAR ``<DOCUMENT>`` or a bare exhibit).
    document : str
        The document name recorded in provenance and warnings.

    Returns
    -------
    PartResult
        Periods merged over the part's tables (the first table to print a value keeps
        it; a later table printing another figure gives a warning), the warnings of the
        normaliser, and for a bare press release the issuer and release date of its
        dateline ("CHARLTON, MASS - MAY 22, 2003 -- FiberCore, Inc. (Nasdaq: ...)").
    """
    company, filed = _dateline(part.text)
    cover = read_cover(part.text)
    result = PartResult(
        text=part.text,
        text_offset=part.offset,
        company=company or cover.company,
        filed=filed,
        form=cover.form,
        period_of_report=cover.period_of_report,
        cover_shares=cover_shares(part.text, document=document) if cover.form else [],
    )
    if (part.type or "").upper().startswith(_SKIP_TYPES):
        return result
    tables = find_text_tables(part, document=document)
    if not tables:  # nothing to normalise: the period ends and scales stated are not needed
        result.periods = []
        return result
    known_ends = {
        cp.end
        for table in tables
        for header in table.columns
        if (cp := parse_column_period(header)).end is not None
    } | stated_period_ends(part.text)
    fiscal_end = fiscal_year_end(part.text)
    fiscal_years = fiscal_year_names(part.text)
    merged: dict[tuple[date, int], tuple[dict[LineItem, float], dict[LineItem, Provenance]]] = {}
    contexts = _scale_context(part, tables)
    # The primary statements speak first; selected data, MD&A and notes fill gaps.
    order = sorted(
        range(len(tables)), key=lambda t: STATEMENT_TITLE.search(tables[t].title) is None
    )
    seen: list[PeriodValues] = []
    scaled: list[tuple[RawTable, float | None]] = []
    others: list[OtherEntityTable] = []
    for table, (scale, why) in ((tables[t], contexts[t]) for t in order):
        norm = normalise_table(
            table,
            scale=scale,
            line_offset=part.line_offset,
            known_ends=known_ends,
            fiscal_year_end=fiscal_end,
            fiscal_years=fiscal_years,
        )
        if (entity := other_entity(table)) is not None:
            if norm.periods:
                others.append(entity)
            continue
        result.warnings.extend(norm.warnings)
        seen.extend(norm.periods)
        scaled.append((table, norm.scale))
        if why and norm.periods:
            result.warnings.append(
                FilingWarning(
                    code=WarningCode.SCALE_CONFIRMED,
                    message=why,
                    document=document,
                    line=(table.line or 0) + part.line_offset,
                )
            )
        for pv in norm.periods:
            values, prov = merged.setdefault((pv.end, pv.months), ({}, {}))
            for item, value in pv.values.items():
                if item not in values:
                    values[item] = value
                    prov[item] = pv.provenance[item]
                elif abs(values[item] - value) > max(1.0, 0.005 * abs(values[item])):
                    result.warnings.append(
                        FilingWarning(
                            code=WarningCode.TABLES_DISAGREE,
                            message=(
                                f"{item.value} for {pv.end} ({pv.months}m) is "
                                f"{values[item]:,.2f} in one table and {value:,.2f} in the "
                                f"table at line {(table.line or 0) + part.line_offset}; "
                                "the first is kept"
                            ),
                            document=document,
                            line=pv.provenance[item].line,
                        )
                    )
    for key in _near_duplicates(merged):
        values, prov = merged.pop(key)
        result.warnings.append(
            FilingWarning(
                code=WarningCode.NEAR_DUPLICATE_PERIOD,
                message=(
                    f"a column headed {key[0]} ({key[1]}m) repeats figures of a period ending "
                    "a few days apart (a misprinted date?); it is dropped"
                ),
                document=document,
                line=next(iter(prov.values())).line,
            )
        )
    periods = [
        PeriodValues(end=end, months=months, values=v, provenance=p)
        for (end, months), (v, p) in sorted(merged.items(), key=lambda kv: kv[0])
    ]
    periods = settle_restricted_cash(periods, seen=seen)
    periods, flow_warnings = confirm_flow_balances(periods, document=document, seen=seen)
    by_key = {(pv.end, pv.months): pv for pv in periods}
    for pv in equity_statement_balances(scaled, periods, line_offset=part.line_offset):
        old = by_key.get((pv.end, 0))
        by_key[(pv.end, 0)] = (
            pv
            if old is None
            else old.model_copy(
                update={
                    "values": {**pv.values, **old.values},
                    "provenance": {**pv.provenance, **old.provenance},
                }
            )
        )
    result.periods = [by_key[k] for k in sorted(by_key)]
    left_out = other_entity_warning(others, read_any=bool(result.periods), document=document)
    if left_out is not None:
        result.warnings.append(left_out)
    result.warnings.extend(flow_warnings)
    return result


def _near_duplicates(
    merged: dict[tuple[date, int], tuple[dict[LineItem, float], dict[LineItem, Provenance]]],
) -> list[tuple[date, int]]:
    """Periods within 3 days of a fuller one of the same length whose figures they repeat."""
    drop: list[tuple[date, int]] = []
    for key, (values, _) in merged.items():
        for other, (other_values, _) in merged.items():
            if other == key or other[1] != key[1] or abs((other[0] - key[0]).days) > 3:
                continue
            if len(other_values) > len(values) and all(
                other_values.get(item) == value for item, value in values.items()
            ):
                drop.append(key)
                break
    return drop
