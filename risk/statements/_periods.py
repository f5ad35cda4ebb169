"""Column headers to periods ("Three Months Ended March 31, 2003", "13 weeks ended Nov 2,2024")."""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from risk._lazy import lazy_regex

__all__ = [
    "ColumnPeriod",
    "Scale",
    "dates_over_year_columns",
    "first_date_after",
    "fiscal_year_end",
    "fiscal_year_names",
    "parse_column_period",
    "parse_duration",
    "parse_scale",
    "period_start",
    "stated_period_ends",
]

_MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())
}
_MONTHS["sept"] = 9
_MONTH_RE = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_FULL_DATE = lazy_regex(
    _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?P<year>(?:19|20)\d{2})\b"
)
_MONTH_DAY = lazy_regex(r"\b" + _MONTH_RE + r"\s+(?P<day>\d{1,2})\b")
_PERIOD_DAY = lazy_regex(
    r"\b(?:ended|ending|as\s+of|at|through)\s+" + _MONTH_RE + r"\s+(?P<day>\d{1,2})\b"
)
_MONTH_ALONE = lazy_regex(
    r"\b(?P<month>january|february|march|april|june|july|august|september|october|"
    r"november|december)\b"
)
_YEAR = lazy_regex(r"(?<![\d,.$])\b((?:19|20)\d{2})\b(?![,.]\d)")
_NOTE = lazy_regex(r"((?:19|20)\d{2})\s*(?:\*+|\(\s*[a-z0-9]\s*\))")
#: "31,2003": ``(\d),((?:19|20)\d{2})\b`` found from its comma (a literal, scanned fast;
#: the digit is checked behind it); see :func:`_space_years`.
_NO_SPACE = lazy_regex(r",(?<=\d,)((?:19|20)\d{2})\b")

_WORD_MONTHS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}
_WEEKS = {
    "thirteen": 3, "fourteen": 3, "twenty-six": 6, "twenty six": 6, "twenty-seven": 6,
    "thirty-nine": 9, "thirty nine": 9, "forty": 9, "fifty-two": 12, "fifty two": 12,
    "fifty-three": 12, "fifty three": 12,
    "13": 3, "14": 3, "26": 6, "27": 6, "39": 9, "40": 9, "52": 12, "53": 12,
}  # fmt: skip
_DURATIONS: tuple[tuple[re.Pattern[str], int | None], ...] = (
    (re.compile(r"\b(three|six|nine|twelve|3|6|9|12)[\s-]+months?\b"), None),
    (
        re.compile(
            r"\b(thirteen|fourteen|twenty[\s-]s(?:ix|even)|thirty[\s-]nine|forty|"
            r"fifty[\s-](?:two|three)|13|14|26|27|39|40|52|53)[\s-]+weeks?\b"
        ),
        None,
    ),
    (
        re.compile(
            r"\b(?:fiscal\s+)?years?\s+ended\b|\bfiscal\s+years?\b|\bannual\b|\bfull[\s-]year\b"
        ),
        12,
    ),
    (re.compile(r"\bquarters?\s+ended\b|\b(?:first|second|third|fourth)\s+quarter\b"), 3),
    (re.compile(r"\b(?:first|1st)\s+half\b|\bhalf[\s-]year\b"), 6),
)

_SCALES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\bin\s+billions\b|\bbillions\s+of\s+dollars\b|\(\s*billions\b"), 1e9),
    (
        re.compile(
            r"\bin\s+millions\b|\bmillions\s+of\s+(?:u\.?s\.?\s+)?dollars\b|\(\s*millions\b|\$\s*millions\b"
        ),
        1e6,
    ),
    (
        re.compile(
            r"\bin\s+thousands\b|\bthousands\s+of\s+(?:u\.?s\.?\s+)?dollars\b|\(\s*thousands\b"
            r"|\$\s*(?:in\s+)?thousands\b|\b000'?s\b|\(\s*000\s*\)|\bdollars\s+in\s+thousands\b"
        ),
        1e3,
    ),
)
#: An explicit scale for share counts ("shares in thousands", "number of shares, which are
#: reflected in thousands").
_SHARES_STATED = lazy_regex(
    r"\bshares?\b[^();.]{0,60}?\b(?:in|reflected\s+in|are\s+in|stated\s+in|expressed\s+in)\s+"
    r"(?P<unit>thousands|millions|billions)\b"
)
_SHARE_UNITS = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
#: The "except ..." clause of a scale statement, up to the closing parenthesis.
_EXCEPT_CLAUSE = lazy_regex(r"\bexcept\b(?P<clause>[^()]{0,120})")
#: Per-share wording inside an except clause; what is left naming shares exempts share counts.
_PER_SHARE_WORDS = lazy_regex(
    r"(?:earnings|profit|income|loss|dividends?|book\s+value)?\s*(?:amounts?\s+)?per[\s-]+share"
)
_SHARE_WORD = lazy_regex(r"\bshares?\b")
#: Where an "except" clause ends: "(in millions, except per share and percentage data)"
#: followed by "Current Earnings" names no money row.
_CLAUSE_END = lazy_regex(r"\b(?:amounts?|data|information|figures|items|values|numbers)\b|[.;:]")
#: Money rows named in an "except" clause (after per-share wording is removed).
_MONEY_EXCEPTED = lazy_regex(r"\b(?:income|loss|earnings|revenues?|sales|assets|dollars?)\b")
#: A scale stated for money only ("Dollars in millions", "In millions of dollars", "$ in
#: thousands"): it says nothing of share counts.
_DOLLARS_ONLY = lazy_regex(
    r"\bdollars\s+in\s+(?:thousands|millions|billions)|\b(?:thousands|millions|billions)\s+of\s+"
    r"(?:u\.?s\.?\s+)?dollars|\$\s*(?:in\s+)?(?:thousands|millions|billions)"
)


@dataclass(frozen=True)
class ColumnPeriod:
    """What a column header says of its period.

    Attributes
    ----------
    end : date or None
        The last day of the period, None when the header gives no full date.
    months : int or None
        3, 6, 9 or 12 when the header (or the title) states a length; None for a bare date.
    reason : str or None
        Why ``end`` is None.
    """

    end: date | None
    months: int | None
    reason: str | None = None


#: The last document text cleaned, and the result: a part's text is cleaned twice in a
#: row (:func:`stated_period_ends`, :func:`fiscal_year_end`). Texts of a few KiB to 8 MiB
#: only, so that at most one big text is kept alive.
_LAST_CLEAN: tuple[str, str] = ("", "")
_CLEAN_KEPT = (4096, 8 * 2**20)


def _clean(text: str) -> str:
    """Lower case, "May 31,2003" spaced, note marks after years dropped, white space folded.

    Called on whole documents: ``_NO_SPACE`` runs only when a comma is followed by
    "19" or "20" (it cannot match otherwise), and ``str.split`` folds the white space
    (the same characters as the regex ``\\s``, and the ends stripped alike).
    """
    global _LAST_CLEAN
    last = _LAST_CLEAN
    if last[0] is text:
        return last[1]
    out = text.lower().replace("\u00a0", " ")
    if ",19" in out or ",20" in out:
        out = _space_years(out)
    out = _drop_notes(_fold_white(out))
    if _CLEAN_KEPT[0] <= len(text) <= _CLEAN_KEPT[1]:
        _LAST_CLEAN = (text, out)
    return out


#: The ASCII characters ``str.split()`` splits at, but the space.
_ASCII_BLANKS = str.maketrans(dict.fromkeys("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", " "))
_SPACE_RUN = re.compile("  +")


def _fold_white(text: str) -> str:
    """``" ".join(text.split())``: runs of white space one space, none at the ends.

    For ASCII text, without a string per word: the other white space characters become
    spaces, then runs of two or more spaces one (found from their first two, a literal).
    """
    if not text.isascii():
        return " ".join(text.split())
    return _SPACE_RUN.sub(" ", text.translate(_ASCII_BLANKS)).strip(" ")


def _drop_notes(folded: str) -> str:
    r"""``_NOTE.sub(r"\1", folded)`` for a text whose white space is folded (single spaces).

    Folding first and dropping the marks after gives what dropping them first and folding
    after gives: ``_NOTE`` matches any run of white space, and its matches keep their
    places. Every match holds a ``*`` or ``(`` right after its year and at most one space,
    so the regex is tried only there (``str.find`` skips to those characters, where the
    regex would try every "1" and "2" of a table's figures); a mark inside the match
    before it is skipped, as ``sub`` does.
    """
    starts: list[int] = []
    for mark in "*(":
        i = folded.find(mark)
        while i >= 0:
            starts.append(i - 5 if folded[i - 1 : i] == " " else i - 4)
            i = folded.find(mark, i + 1)
    if not starts:
        return folded
    pieces: list[str] = []
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue  # inside the match before (or before the text)
        m = _NOTE.match(folded, start)
        if m is not None:
            pieces += (folded[pos : m.end(1)],)
            pos = m.end()
    if not pieces:
        return folded
    pieces.append(folded[pos:])
    return "".join(pieces)


def _space_years(text: str) -> str:
    r"""``re.sub(r"(\d),((?:19|20)\d{2})\b", r"\1, \2", text)``: a space after the comma
    of "May 31,2003". A match right at the end of the one before is skipped, as there
    the digit before its comma belongs to that match ("1,2001,2002" gives "1, 2001,2002").
    """
    pieces: list[str] = []
    pos = 0
    for m in _NO_SPACE.finditer(text):
        if m.start() == pos and pieces:
            continue
        pieces += (text[pos : m.start()], ", ", m.group(1))
        pos = m.end()
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def parse_duration(text: str) -> int | None:
    """The period length in months stated in ``text``, or None (also when two differ)."""
    found: set[int] = set()
    clean = _clean(text)
    for pattern, fixed in _DURATIONS:
        for m in pattern.finditer(clean):
            if fixed is not None:
                found.add(fixed)
            else:
                word = m.group(1).replace("  ", " ")
                months = (
                    _WORD_MONTHS.get(word) or _WEEKS.get(word) or _WEEKS.get(word.replace(" ", "-"))
                )
                if months:
                    found.add(months)
        if found:
            break  # explicit months/weeks outrank "year ended" wording
    return found.pop() if len(found) == 1 else None


def _date(month: str, day: str, year: int) -> date | None:
    try:
        return date(year, _MONTHS[month], int(day))
    except (ValueError, KeyError):
        return None


@dataclass(frozen=True, slots=True)
class _Reading:
    """What :func:`parse_column_period` reads from one string (a header or a title) on its
    own, cleaned (:func:`_clean`): it depends on nothing else, so it is read once per
    distinct string (a document repeats its headers and titles over many columns)."""

    months: int | None  # parse_duration of the cleaned text
    dates: frozenset[tuple[str, str, int]]  # full dates (month, day, year)
    month_days: frozenset[tuple[str, str]]  # month and day, with or without a year
    fiscal_year: int | None = None  # header: "fiscal 2023"
    years: frozenset[int] = frozenset()  # header: the years printed
    month_only: frozenset[str] = frozenset()  # header: month names without a day
    stated_days: frozenset[tuple[str, str]] = frozenset()  # title: "ended June 30" ...


def _full_dates(clean: str) -> frozenset[tuple[str, str, int]]:
    return frozenset((m["month"], m["day"], int(m["year"])) for m in _FULL_DATE.finditer(clean))


@lru_cache(maxsize=8192)
def _read_header(header: str) -> _Reading:
    head = _clean(header)
    named = _FISCAL_HEADER.search(head)
    return _Reading(
        months=parse_duration(head),
        dates=_full_dates(head),
        month_days=frozenset((m["month"], m["day"]) for m in _MONTH_DAY.finditer(head)),
        fiscal_year=int(named.group(1)) if named else None,
        years=frozenset(int(y) for y in _YEAR.findall(head)),
        month_only=frozenset(m["month"] for m in _MONTH_ALONE.finditer(head)),
    )


@lru_cache(maxsize=1024)
def _read_title(title: str) -> _Reading:
    ttl = _clean(title)
    return _Reading(
        months=parse_duration(ttl),
        dates=_full_dates(ttl),
        month_days=frozenset((m["month"], m["day"]) for m in _MONTH_DAY.finditer(ttl)),
        stated_days=frozenset((m["month"], m["day"]) for m in _PERIOD_DAY.finditer(ttl)),
    )


def parse_column_period(
    header: str,
    *,
    title: str = "",
    known_ends: Collection[date] = (),
    fiscal_year_end: date | None = None,
    fiscal_years: Mapping[int, date] | None = None,
    default_months: int | None = None,
) -> ColumnPeriod:
    """Read a column header ("Three Months Ended March 31, 2003") as a period.

    Parameters
    ----------
    header : str
        The header lines above one value column, joined by spaces.
    title : str, default ""
        Text above the table; used for the period length, and for the month and day
        when the header prints only a year (a month-end date applies to any year, any
        other day only to the year it is printed with, or to a date in ``known_ends``).
    known_ends : collection of date, default ()
        Period ends printed in full elsewhere in the document ("September 27, 1996"):
        a year-only column of a table titled "Three fiscal years ended September 26, 1997"
        takes the known end of the same month of its year, within a week of the day.
    fiscal_year_end : date or None, default None
        The document's fiscal-year end (:func:`fiscal_year_end`), for a twelve-month
        column headed by a year alone ("Year Ended 2011") under a title without a month
        and day: its own date for its year; for another year the same month end when it
        is a month end (November 30), else the known end within a week of it, else none.
    fiscal_years : mapping of int to date, default None
        The end of each fiscal year as the document names them (:func:`fiscal_year_names`:
        "fiscal 2023 ... ended January 28, 2024"), for a column headed "Fiscal 2023": twelve
        months to that date.

    default_months : int or None, default None
        The period length when neither the header nor the title states one (12 for a
        primary statement of flows in an annual report whose columns are fiscal years).

    Returns
    -------
    ColumnPeriod
    """
    head = _read_header(header)
    if fiscal_years and head.fiscal_year is not None:
        fiscal = fiscal_years.get(head.fiscal_year)
        if fiscal is not None and head.months in (None, 12):
            return ColumnPeriod(fiscal, 12)
    ttl = _read_title(title)
    months = head.months
    if months is None:
        months = ttl.months
    if months is None:
        months = default_months
    if len(head.dates) > 1:
        return ColumnPeriod(None, months, f"header {header!r} names several dates")
    if head.dates:
        (only,) = head.dates
        end = _date(*only)
        if end is None:
            return ColumnPeriod(None, months, f"header {header!r} names an impossible date")
        return ColumnPeriod(end, months)
    if len(head.years) != 1:
        why = "no year" if not head.years else "several years"
        return ColumnPeriod(None, months, f"header {header!r} has {why}")
    (year,) = head.years
    if len(head.month_days) == 1:
        (month_day,) = head.month_days
        end = _date(*month_day, year)
        return ColumnPeriod(end, months, None if end else f"header {header!r} has a bad date")
    if head.month_days:
        return ColumnPeriod(None, months, f"header {header!r} names several days")
    if len(head.month_only) == 1:
        # "12 Months Ended December 2004": a month without a day ends on its last day.
        (month_name,) = head.month_only
        month_no = _MONTHS[month_name]
        last_day = calendar.monthrange(year, month_no)[1]
        return ColumnPeriod(date(year, month_no, last_day), months)
    # Only a year in the header: take the month and day from the title.
    title_dates = ttl.dates
    same_year = {d for d in title_dates if d[2] == year}
    if len(same_year) == 1:
        # "SEPTEMBER 26, 1997 AND SEPTEMBER 27, 1996" over columns "1997" and "1996".
        end = _date(*same_year.pop())
        if end is not None:
            return ColumnPeriod(end, months)
    title_days = set(ttl.month_days)
    # A title date not stated as a period end (an auditor's "February 6, 2012" above the
    # statement) gives way to the document's fiscal-year end for a twelve-month column.
    stated_days = ttl.stated_days
    use_fiscal = fiscal_year_end is not None and months == 12 and not stated_days
    if len(title_days) == 1 and not use_fiscal:
        month, day = title_days.pop()
        end = _date(month, day, year)
        if end is None:
            return ColumnPeriod(None, months, f"title date {month} {day} is not a date in {year}")
        month_end = end.day == calendar.monthrange(year, end.month)[1]
        printed_years = {y for _, _, y in title_dates}
        if month_end or year in printed_years:
            return ColumnPeriod(end, months)
        near = [d for d in known_ends if d.year == year and abs((d - end).days) <= 7]
        if len(near) == 1:
            return ColumnPeriod(near[0], months)
        return ColumnPeriod(
            None, months, f"the title's {month} {day} is not a month end and not printed for {year}"
        )
    if use_fiscal and fiscal_year_end is not None:
        end = _fiscal_end(year, fiscal_year_end, known_ends)
        if end is not None:
            return ColumnPeriod(end, months)
    return ColumnPeriod(None, months, f"header {header!r} gives a year but no month and day")


def _fiscal_end(year: int, fiscal: date, known_ends: Collection[date]) -> date | None:
    """The end of fiscal ``year`` given the document's fiscal-year end, or None if unsure."""
    if year == fiscal.year:
        return fiscal
    if fiscal.day == calendar.monthrange(fiscal.year, fiscal.month)[1]:
        month_end = date(year, fiscal.month, calendar.monthrange(year, fiscal.month)[1])
        # a 52-53 week year ending near the month end ("January 1, 2023" for fiscal 2022
        # of a December year) is taken when the document prints that end
        close = [d for d in known_ends if 0 < abs((d - month_end).days) <= 7]
        return close[0] if len(close) == 1 and month_end not in known_ends else month_end
    # 52-53 week years: the day moves; only a date printed for that year will do.
    try:
        guess = date(year, fiscal.month, fiscal.day)
    except ValueError:
        return None
    near = [d for d in known_ends if abs((d - guess).days) <= 7]
    return near[0] if len(near) == 1 else None


_FISCAL_HEADER = lazy_regex(r"\bfiscal\s+(?:year\s+)?((?:19|20)\d{2})\b")
# The patterns run over whole documents start with a literal word and check the word
# boundary before it after it (``fiscal(?<=\bfiscal)`` is ``\bfiscal``): a pattern that
# starts with ``\b`` is tried at every position of the text, one with a literal only where
# the word is.
_FISCAL_NAMED = lazy_regex(
    r"fiscal(?<=\bfiscal)\s+(?:year\s+)?((?:19|20)\d{2})\b[^.;]{0,40}?\b(?:ended|ending|ends)\s+"
)


def fiscal_year_names(text: str) -> dict[int, date]:
    """The end of each fiscal year the text names ("fiscal 2023 ... ended January 28, 2024").

    A retailer's "Fiscal 2023" may end in January 2024 (Home Depot, Lowe's) or in
    January 2023 (Walmart's "fiscal 2023"): only the document says which. A name given two
    different ends, or an end more than a year from its name, is left out.
    """
    clean = _clean(text)
    found: dict[int, set[date]] = {}
    for m in _FISCAL_NAMED.finditer(clean):
        d = _FULL_DATE.match(clean, m.end())
        if d and (end := _date(d["month"], d["day"], int(d["year"]))) is not None:
            year = int(m.group(1))
            if abs(end.year - year) <= 1:
                found.setdefault(year, set()).add(end)
    return {year: ends.pop() for year, ends in found.items() if len(ends) == 1}


_FISCAL_COVER = lazy_regex(r"for(?<=\bfor)\s+the\s+(?:fiscal\s+)?year\s+ended\s*:?\s*")
#: "years ended", "balance as of": ``\b(?:(?:fiscal\s+)?(?:years?|quarters?|periods?|weeks|
#: months)\s+ended|balances?\s+(?:as\s+of|at))\s*:?\s*`` on a cleaned text (one space
#: between words), as two patterns that start with a literal word (see ``_FISCAL_NAMED``);
#: only the end of a match is used, which "fiscal" before "year" does not move.
_PERIOD_END_WORDS = (
    re.compile(
        r"ended(?:(?<=\byear ended)|(?<=\byears ended)|(?<=\bquarter ended)|"
        r"(?<=\bquarters ended)|(?<=\bperiod ended)|(?<=\bperiods ended)|(?<=\bweeks ended)|"
        r"(?<=\bmonths ended))\s*:?\s*"
    ),
    re.compile(r"balance(?<=\bbalance)s?\s+(?:as\s+of|at)\s*:?\s*"),
)


def fiscal_year_end(text: str) -> date | None:
    """The fiscal-year end a 10-K cover states ("For the fiscal year ended November 30, 2011").

    The first such statement is the cover's. It stands unless a later date the text
    states the same way has another month and day (a change of fiscal year): then None.
    Earlier dates of other days (an exhibit list citing an old report) do not matter.
    """
    clean = _clean(text)
    found: list[date] = []
    for m in _FISCAL_COVER.finditer(clean):
        d = _FULL_DATE.match(clean, m.end())
        if d and (end := _date(d["month"], d["day"], int(d["year"]))) is not None:
            found.append(end)
    if not found:
        return None
    cover = found[0]
    if any(d > cover and (d.month, d.day) != (cover.month, cover.day) for d in found):
        return None
    return cover


def first_date_after(text: str, phrase: re.Pattern[str]) -> date | None:
    """The full date ("September 30, 2023") right after the first match of ``phrase``.

    ``phrase`` is matched against the text lower-cased, with runs of white space folded
    to one space; only its first match counts, and None when no full date follows it.
    """
    clean = _clean(text)
    m = phrase.search(clean)
    if m is None:
        return None
    d = _FULL_DATE.match(clean, m.end())
    return _date(d["month"], d["day"], int(d["year"])) if d else None


def stated_period_ends(text: str) -> set[date]:
    """Dates the text prints as period ends ("year ended September 26, 1997", "Balance as
    of September 30, 1994"), for year-only columns (see ``known_ends`` of
    :func:`parse_column_period`)."""
    clean = _clean(text)
    out: set[date] = set()
    for pattern in _PERIOD_END_WORDS:
        for m in pattern.finditer(clean):
            d = _FULL_DATE.match(clean, m.end())
            if d and (end := _date(d["month"], d["day"], int(d["year"]))) is not None:
                out.add(end)
    return out


@dataclass(frozen=True)
class Scale:
    """The multipliers stated for a table.

    Attributes
    ----------
    money : float or None
        For amounts (None when the table states no scale).
    shares : float or None
        For share counts: 1.0 when the title exempts them ("except share data", "except
        share and per share amounts"), the stated unit when it says so ("shares in
        thousands"), the money scale when it names no exception for them ("In thousands",
        "Amounts in thousands, except per share data": only per-share values are exempt),
        and None when the money scale is stated for dollars only ("Dollars in millions,
        except per share amounts") or no scale is stated at all.
    """

    money: float | None
    shares: float | None


@lru_cache(maxsize=1024)  # a table's title and headers are read for their scale twice
def parse_scale(text: str) -> Scale:
    """The scale a table's title states ("Dollars in thousands except share data")."""
    clean = _clean(text)
    money: float | None = None
    for pattern, factor in _SCALES:
        if pattern.search(clean):
            money = factor
            break
    if money is None:
        return Scale(None, None)
    statements = _scale_statements(clean)
    for m in _EXCEPT_CLAUSE.finditer(statements):
        clause = _CLAUSE_END.split(m["clause"], maxsplit=1)[0]
        if _MONEY_EXCEPTED.search(_PER_SHARE_WORDS.sub(" ", clause)):
            # "(in thousands, except net income (loss) and per share amounts)": the scale
            # does not hold for the money rows it names, and which those are is unsure
            return Scale(None, None)
    return Scale(money, _share_scale(clean, money))


def _share_scale(clean: str, money: float) -> float | None:
    """The multiplier for share counts, or None when the statement leaves it open."""
    stated = _SHARES_STATED.search(clean)
    if stated:  # "shares in thousands": said outright
        return _SHARE_UNITS[stated["unit"]]
    statements = _scale_statements(clean)
    for m in _EXCEPT_CLAUSE.finditer(statements):
        rest = _PER_SHARE_WORDS.sub(" ", m["clause"])
        if _SHARE_WORD.search(rest):  # "except share data", "except share and per share"
            return 1.0
    if _DOLLARS_ONLY.search(statements):  # "Dollars in millions, except per share amounts"
        return None
    return money  # "In thousands" or "Amounts in thousands, except per share data"


def _scale_statements(clean: str) -> str:
    """The scale statements of a text, each up to its closing parenthesis.

    A title may carry the paragraph above the table; an "except ... shares" there
    ("no dilutive securities except options on 15,801 shares") says nothing of the scale.
    """
    out: list[str] = []
    for pattern, _ in _SCALES:
        for m in pattern.finditer(clean):
            start = max(0, m.start() - 25)
            opening = clean.rfind("(", start, m.start() + 1)
            if opening >= 0:
                start = opening
            stop = clean.find(")", m.end())
            stop = min(stop if stop >= 0 else len(clean), m.end() + 150)
            out.append(clean[start:stop])
    return " | ".join(out)


_YEAR_ONLY = lazy_regex(r"^(?:[a-z]+\s+)*\(?((?:19|20)\d{2})\)?(?:\s+\(?[a-z]+\)?)*$")


def dates_over_year_columns(headers: Sequence[str], title: str) -> list[date] | None:
    """The dates a title prints, one per distinct year of year-only column headers.

    "At January 1, 2017 and January 3, 2016" over columns "2016" and "2015" (a 52-53
    week year labelled by the year it mostly lies in): the printed dates win, in the
    order printed - 2016 is at January 1, 2017. Used only when every header is a year
    alone (words such as "fiscal" or "unaudited" aside), the title prints exactly as
    many distinct full dates as there are distinct years, both run in the same
    direction, and each date falls in its year or early in the next.

    Returns
    -------
    list of date or None
        One date per header, or None when the rule does not apply.
    """
    years: list[int] = []
    for header in headers:
        m = _YEAR_ONLY.match(_clean(header))
        if m is None:
            return None
        years.append(int(m.group(1)))
    distinct = list(dict.fromkeys(years))
    printed: list[date] = []
    for m in _FULL_DATE.finditer(_clean(title)):
        d = _date(m["month"], m["day"], int(m["year"]))
        if d is not None and d not in printed:
            printed.append(d)
    if len(distinct) < 2 or len(printed) != len(distinct):
        return None
    by_year = dict(zip(distinct, printed, strict=True))
    if any(not (0 <= d.year - y <= 1) for y, d in by_year.items()):
        return None
    order = sorted(distinct)
    if [by_year[y] for y in order] != sorted(printed):
        return None
    if any(d.year == y + 1 and d.month > 2 for y, d in by_year.items()):
        return None  # only a year ending early in January or February moves a year on
    return [by_year[y] for y in years]


def _month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def period_start(
    end: date, months: int, known_ends: Collection[date], table_ends: Collection[date] = ()
) -> date | None:
    """The end of the period before a ``months``-long period ending ``end``, or None.

    The same day ``months`` earlier (a month end stays a month end); for a period of
    52-53 week years the day moves, so the one period end the document prints within a
    week of it is taken, and None when there is no such end (or several).

    ``table_ends`` are the ends of the other columns of the same length in the same table.
    When one of them is not a month end, the table's periods are of 52-53 weeks even where
    ``end`` falls on a month end (a year ending Saturday, September 30, 2023 began after
    Saturday, September 24, 2022): the start is then the one column end, else the one
    printed end, within a week of the month end, and None when there is none.
    """
    year, month = divmod(end.year * 12 + end.month - 1 - months, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if _month_end(end):
        guess = date(year, month, last)
        if all(_month_end(d) for d in table_ends):
            return guess
        for ends in (table_ends, known_ends):
            near = {d for d in ends if abs((d - guess).days) <= 7 and d.day != 1}
            if len(near) == 1:
                return near.pop()
        return None
    guess = date(year, month, min(end.day, last))
    near = {d for d in known_ends if abs((d - guess).days) <= 7}
    return near.pop() if len(near) == 1 else None
