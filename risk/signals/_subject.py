"""Whose event a sentence reports, and whether it is done, intended or history.

Subject
-------
The references to entities in a sentence are found in order: the filer (``we``, ``our``,
"the Company", the filer's name and the short names the document defines for it, such
as ``("ICSL" or the "Company")``), pronouns (``its``, ``their``), nouns naming a
subsidiary or another entity (customer, supplier, predecessor ...), and capitalised
names that are the subject of a verb ("NARCO emerged", "Rouge stated"). The subject of
a match is the last reference before the match ends; a pronoun stands for the entity
named before it (the filer when none is). A subsidiary joined to the filer ("the
Company and certain of its subsidiaries filed") leaves the filer the subject.

State
-----
A match is *intended* when its clause announces rather than reports it ("will seek to",
"intends to file", a solicitation for a prepackaged plan), and *historical* when the
sentence dates it more than ``historical_days`` before the filing ("since being
delisted ... on December 8, 1999" in a filing of May 2000).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from risk._lazy import lazy_regex
from risk.financials import SignalState, Subject
from risk.signals._anchors import may_match, word_pattern

__all__ = ["Resolution", "SubjectRules", "aliases", "event_date", "resolve", "state_of"]

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: "December 8, 1999", "December 1999", "December 8" (year from the filing), "2007"
_DATE = lazy_regex(
    rf"\b(?P<month>{_MONTH})\.? (?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? ?)?"
    r"(?P<year>(?:19|20)\d\d)?\b"
    r"|\b(?P<lone>(?:19|20)\d\d)\b"
)
_DIGIT = lazy_regex(r"\d")
#: Where a match of :data:`_DATE` may start: a month's first three letters or "19"/"20"
#: at a word start (each branch opens with its character, the word start checked after
#: it, so ``re`` skips to those characters).
_DATE_START = lazy_regex(
    r"j(?<!\wj)(?:an|un|ul)|f(?<!\wf)eb|m(?<!\wm)a[ry]|a(?<!\wa)(?:pr|ug)|s(?<!\ws)ep"
    r"|o(?<!\wo)ct|n(?<!\wn)ov|d(?<!\wd)ec|1(?<!\w1)9|2(?<!\w2)0"
)
#: A capitalised name: words starting with a capital (or digits), "&" and initials inside.
#: Not glued to a word character, "&", "." or an apostrophe before it: the same matches as
#: ``(?<![\w&.’'])[A-Z]...``, with the capital first so ``re`` skips to capitals.
_NAME = lazy_regex(
    r"[A-Z](?<![\w&.’'][A-Z])[\w&.’'\-]*(?:[ \t]+(?:&[ \t]+)?(?:[A-Z][\w&.’'\-]*|of|and|de))*"
)
#: The defined short names of the filer: the quoted terms of a parenthesis that also
#: defines "the Company" or "the Registrant" ("ICSL" or the "Company").
_DEFINES = lazy_regex(
    r"\(([^()]{0,120}?[\"“”]\s*(?:the\s+)?(?:Company|Registrant|Corporation)\s*[\"“”][^()]{0,80}?)\)",
)
_QUOTED = lazy_regex(r"[\"“]\s*([^\"“”]{2,40}?)\s*[\"”]")
_GENERIC = frozenset(
    {"company", "registrant", "corporation", "the company", "the registrant", "debtors", "we"}
)
_WORD = lazy_regex(r"[A-Za-z][\w&'’\-]*")
#: words too common to stand alone for the filer's name
_COMMON_NAME_WORDS = frozenset(
    {
        "american", "international", "united", "general", "national", "first", "global",
        "new", "the", "north", "south", "east", "west", "pacific", "atlantic", "western",
        "eastern", "southern", "northern", "central", "federal", "standard", "capital",
        "financial", "energy", "health", "medical", "industries", "technologies",
        "systems", "communications", "services", "group", "holdings", "bank",
    }
)  # fmt: skip


@dataclass(frozen=True)
class SubjectRules:
    """The compiled ``[subject]``, ``[state]`` and ``[contract]`` sections of a rules file."""

    filer: re.Pattern[str]
    pronouns: frozenset[str]
    subsidiary: re.Pattern[str]
    other: re.Pattern[str]
    coordination: re.Pattern[str]
    subject_verbs: re.Pattern[str]
    name_stop: frozenset[str]
    speaker_suffix: re.Pattern[str]
    filer_required_kinds: frozenset[str]
    intended: re.Pattern[str]
    intended_kinds: frozenset[str]
    historical: re.Pattern[str]
    historical_kinds: frozenset[str]
    historical_days: int
    date_lead: re.Pattern[str]
    contract_types: tuple[str, ...]
    contract_markers: re.Pattern[str]
    #: the markers one by one (each searched where its own literals occur)
    contract_marker_list: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Resolution:
    """The subject of a match: who, the name printed where there is one, and whether the
    sentence refers to the filer at all."""

    subject: Subject
    name: str | None
    filer_named: bool


class _Mention(NamedTuple):
    """A reference to an entity (a tuple: built for every reference of every sentence read)."""

    start: int
    end: int
    who: Subject | None  # None: a pronoun
    name: str | None = None


def aliases(text: str, company: str | None) -> re.Pattern[str] | None:
    """A regex (lower case) for the filer's names: its distinctive first word(s), and the
    short names the text defines beside "the Company" in its first 60,000 characters."""
    names: list[str] = []
    if company:
        names.append(company)
    head = text[:60_000]
    for m in _DEFINES.finditer(head):
        for q in _QUOTED.findall(m.group(1)):
            if q.strip().lower() not in _GENERIC:
                names.append(q.strip())
        before = head[max(0, m.start() - 80) : m.start()]
        lead = list(_NAME.finditer(before.rstrip(" ,")))
        if lead and lead[-1].end() >= len(before.rstrip(" ,")) - 1:
            names.append(lead[-1].group())
    alternatives: set[str] = set()
    for name in names:
        initials = "".join(w[0] for w in _WORD.findall(name) if w[0].isupper())
        if len(initials) >= 3:  # "ICSL" for Innovative Clinical Solutions, Ltd.
            alternatives.add(re.escape(initials.lower()))
        words = [w for w in _WORD.findall(_strip_suffix(name)) if len(w) > 1]
        if not words:
            continue
        first = words[0].lower()
        if len(words) == 1 or (len(first) >= 4 and first not in _COMMON_NAME_WORDS):
            alternatives.add(re.escape(first))
        else:
            alternatives.add(r"\s+".join(re.escape(w.lower()) for w in words[:2]))
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")\b")


_SUFFIX = lazy_regex(
    r"\b(?:the|inc|incorporated|corp|corporation|co|company|companies|ltd|limited|llc|lp|plc|"
    r"sa|ag|nv|holdings?|group)\b\.?",
    re.IGNORECASE,
)


def _strip_suffix(name: str) -> str:
    return _SUFFIX.sub(" ", name)


def _mentions(
    text: str, low: str, start: int, end: int, rules: SubjectRules, names: re.Pattern[str] | None
) -> list[_Mention]:
    """Every reference to an entity in ``text[start:end]``, in order."""
    found: list[_Mention] = []
    for m in rules.filer.finditer(low, start, end):
        found.append(_Mention(m.start(), m.end(), Subject.FILER))
    if names is not None:
        for m in names.finditer(low, start, end):
            found.append(_Mention(m.start(), m.end(), Subject.FILER))
    for m in word_pattern(rules.pronouns).finditer(low[start:end]):
        found.append(_Mention(start + m.start(), start + m.end(), None))
    sentence = low[start:end]
    if may_match(rules.subsidiary, sentence):
        for m in rules.subsidiary.finditer(low, start, end):
            found.append(_Mention(m.start(), m.end(), Subject.SUBSIDIARY))
    if may_match(rules.other, sentence):
        for m in rules.other.finditer(low, start, end):
            found.append(_Mention(m.start(), m.end(), Subject.OTHER))
    found.extend(_named(text, low, start, end, rules, names))
    found.sort(key=lambda x: (x.start, -x.end))
    # a mention inside a longer one ("the Company" inside the filer's name) is dropped
    out: list[_Mention] = []
    for x in found:
        if out and x.start < out[-1].end:
            if out[-1].who is Subject.FILER or x.who is not Subject.FILER:
                continue
            out[-1] = x
            continue
        out.append(x)
    return out


def _named(
    text: str, low: str, start: int, end: int, rules: SubjectRules, names: re.Pattern[str] | None
) -> list[_Mention]:
    """Capitalised names that are the subject of a verb, or possessive ("Rouge's")."""
    out = []
    for m in _NAME.finditer(text, start, end):
        name = m.group()
        if name.endswith(_TRAILING_WORDS):
            name = _TRAILING.sub("", name)
        name = name.rstrip(".,")
        name_end = m.start() + len(name)
        # each test below only drops the name: the one that drops most goes first
        after = text[name_end : name_end + 140]
        possessive = after.startswith(("'s", "’s", "' ", "’ "))
        if not possessive and not rules.subject_verbs.match(after):
            continue
        words = name.lower().split()
        if not words or all(w.strip(".,’'") in rules.name_stop for w in words):
            continue
        if words[0] in rules.name_stop and len(words) == 1:
            continue
        if _HONORIFIC.match(name):
            continue  # a person
        if names is not None and names.search(low, m.start(), m.end()):
            continue  # the filer's own name
        if rules.speaker_suffix.search(text, m.start(), min(end, name_end + 30)):
            continue  # an auditor or adviser: speaks of others
        out.append(_Mention(m.start(), name_end, Subject.OTHER, name))
    return out


#: how far before an officer's title a biography's cue ("served as") is looked for
_BIOGRAPHY_CHARS = 60
_HONORIFIC = lazy_regex(r"(?:Mr|Mrs|Ms|Dr|Messrs|General|Judge)\b")
_TRAILING = lazy_regex(r"(?:[ \t]+(?:of|and|de))+$")
#: the words :data:`_TRAILING` strips (a name ending otherwise keeps its end)
_TRAILING_WORDS = ("of", "and", "de")


def resolve(
    text: str,
    low: str,
    sentence: tuple[int, int],
    match_end: int,
    rules: SubjectRules,
    names: re.Pattern[str] | None,
    *,
    persons: bool = False,
    cache: dict[tuple[int, int], list[_Mention]] | None = None,
) -> Resolution:
    """The subject of a match ending at ``match_end`` in ``sentence`` (offsets in ``text``).

    ``persons``: the sentence names people (an officer leaving), so capitalised names
    are not taken for other entities. ``cache``: the references found per sentence, kept
    by the caller for one text and one ``names`` (several matches share a sentence).
    """
    s_start, s_end = sentence
    mentions = cache.get(sentence) if cache is not None else None
    if mentions is None:
        mentions = _mentions(text, low, s_start, s_end, rules, names)
        if cache is not None:
            cache[sentence] = mentions
    if persons:
        mentions = [x for x in mentions if x.name is None]
    filer_named = any(x.who is Subject.FILER for x in mentions)
    before = [x for x in mentions if x.start < match_end]
    if not before:
        return Resolution(Subject.FILER, None, filer_named)
    last = before[-1]
    if last.who is None:  # a pronoun: the entity named before it, else the filer
        named = [x for x in before[:-1] if x.who is not None]
        if not named:
            return Resolution(Subject.FILER, None, filer_named or True)
        last = named[-1]
        filer_named = filer_named or last.who is Subject.FILER
    # "our subsidiary, FiberCore Jena AG," names the subsidiary, not the filer
    if (
        last.who is Subject.FILER
        and len(before) > 1
        and before[-2].who is Subject.SUBSIDIARY
        and not low[before[-2].end : last.start].strip(' \t\n,:(—-"“')
    ):
        return Resolution(Subject.SUBSIDIARY, _subsidiary_name(text, before[-2], s_end), True)
    if last.who is Subject.SUBSIDIARY:
        filers = [x for x in before if x.who is Subject.FILER and x.end <= last.start]
        gap = low[filers[-1].end : last.start] if filers else None
        if gap is not None and rules.coordination.match(gap):
            return Resolution(Subject.FILER, None, True)
        return Resolution(Subject.SUBSIDIARY, _subsidiary_name(text, last, s_end), filer_named)
    if last.who is Subject.OTHER:
        name = last.name or _subsidiary_name(text, last, s_end)
        return Resolution(Subject.OTHER, name, filer_named)
    return Resolution(Subject.FILER, None, True)


_APPOSITIVE = lazy_regex(r",?\s+(?:named\s+)?([A-Z][\w&.’'\-]*(?:\s+[A-Z][\w&.’'\-]*){0,4})")


def _subsidiary_name(text: str, mention: _Mention, limit: int) -> str | None:
    """The name printed beside a subsidiary or another party ("our subsidiary,
    FiberCore Jena AG,", "the Company's talc supplier, Imerys Talc America, Inc.")."""
    m = _APPOSITIVE.match(text, mention.end, min(limit, mention.end + 80))
    if m:
        return m.group(1).rstrip(".,")
    return None


def state_of(
    low: str,
    text: str,
    sentence: tuple[int, int],
    match: tuple[int, int],
    kind: str,
    rules: SubjectRules,
    filed: date | None,
    *,
    cache: dict[tuple[int, int, date | None], list[tuple[int, int, date]]] | None = None,
) -> tuple[SignalState, date | None]:
    """Asserted, intended or historical, and the date the sentence gives the event.

    ``cache``: the dates found per sentence and filing date, kept by the caller for one
    text (several matches share a sentence).
    """
    s_start, _ = sentence
    ms, _me = match
    when = event_date(text, low, sentence, match, filed, rules, cache=cache)
    clause = low[max(s_start, ms - 200) : ms]
    if kind in rules.intended_kinds and rules.intended.search(clause):
        return SignalState.INTENDED, when
    if kind in rules.historical_kinds and rules.historical.search(clause[-_BIOGRAPHY_CHARS:]):
        return SignalState.HISTORICAL, when
    if when is not None and filed is not None and (filed - when).days > rules.historical_days:
        return SignalState.HISTORICAL, when
    return SignalState.ASSERTED, when


def event_date(
    text: str,
    low: str,
    sentence: tuple[int, int],
    match: tuple[int, int],
    filed: date | None,
    rules: SubjectRules,
    *,
    cache: dict[tuple[int, int, date | None], list[tuple[int, int, date]]] | None = None,
) -> date | None:
    """The date nearest the match that the sentence gives with "on", "in", "since" ...

    A month without a day is read as its last day, a year alone as 31 December (the
    latest date the words allow); a day without a year takes the filing's year.
    ``cache`` as for :func:`state_of`.
    """
    ms, me = match
    best: tuple[int, date] | None = None
    for start, end, when in _sentence_dates(low, sentence, filed, rules, cache):
        distance = ms - end if end <= ms else start - me
        distance = max(distance, 0)
        if best is None or distance < best[0]:
            best = (distance, when)
    return best[1] if best else None


def _sentence_dates(
    low: str,
    sentence: tuple[int, int],
    filed: date | None,
    rules: SubjectRules,
    cache: dict[tuple[int, int, date | None], list[tuple[int, int, date]]] | None,
) -> list[tuple[int, int, date]]:
    """(start, end, date) of each date the sentence gives after a lead ("on", "since")."""
    s_start, s_end = sentence
    key = (s_start, s_end, filed)
    if cache is not None and (cached := cache.get(key)) is not None:
        return cached
    found: list[tuple[int, int, date]] = []
    if _DIGIT.search(low, s_start, s_end) is None:
        # a match gives a date only with a day or a year (:func:`_as_date`), and both
        # are digits: a sentence without one gives none (a third of those read)
        matches: Iterable[re.Match[str]] = ()
    else:
        matches = _dates(low, s_start, s_end)
    for m in matches:
        if not rules.date_lead.search(low[max(s_start, m.start() - 20) : m.start()]):
            continue
        when = _as_date(m, filed)
        if when is not None:
            found.append((m.start(), m.end(), when))
    if cache is not None:
        cache[key] = found
    return found


def _dates(low: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of ``_DATE.finditer(low, start, end)``, found sooner: a match starts at
    a word start with a month's first three letters or "19"/"20" (:data:`_DATE_START`,
    which ``re`` skips to by its first character, where ``_DATE``, opening with ``\\b``,
    is tried at every position), so it is tried there only, and, as ``finditer`` does, a
    start inside the previous match is passed over (no match is empty)."""
    found = []
    last = start
    match = _DATE.match
    for c in _DATE_START.finditer(low, start, end):
        pos = c.start()
        if pos < last:
            continue
        m = match(low, pos, end)
        if m is not None:
            found.append(m)
            last = m.end()
    return found


def _as_date(m: re.Match[str], filed: date | None) -> date | None:
    if m.group("lone"):
        return date(int(m.group("lone")), 12, 31)
    month = _MONTHS.get(m.group("month").lower().rstrip("."))
    if month is None:
        return None
    year_text = m.group("year")
    if year_text:
        year = int(year_text)
    elif filed is not None and m.group("day"):
        year = filed.year
    else:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(m.group("day")) if m.group("day") else last
    if not 1 <= day <= last:
        return None
    when = date(year, month, day)
    if not year_text and filed is not None and when > filed:
        when = date(year - 1, month, min(day, calendar.monthrange(year - 1, month)[1]))
    return when
