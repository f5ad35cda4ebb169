"""Distress language: signals asserted of the filer, with quoted evidence, and prose facts.

How a document is read
----------------------
1. One pass of a keyword regex over the lower-cased text finds the places worth a
   look (``keywords`` of the rules in ``rules/en.toml``); nothing else scans the
   whole text, so the cost grows with the number of hits, not the document size.
2. Around each hit the sentence is cut out (a blank line, or ``.``/``!``/``?``
   followed by a capital, with the usual abbreviations and initials guarded; HTML
   text whose blocks were glued, ``issued.The``, is split too). Contact blocks set
   in columns are read per cell (``scope = "line"``).
3. The rules of the hit's keyword are tried on the sentence; a match counts only
   when the context checks let it through: no negation next to it, no conditional
   or modal before it, not a description of an accounting standard, not in a
   forward-looking-statements paragraph, not a contract definition or a non-GAAP
   reconciliation, and not a row of a table. The text of an agreement filed as an
   exhibit asserts nothing at all (:func:`is_contract`).
4. Whose event the match reports (the filer, a subsidiary, another entity) and its
   state (asserted, intended, historical) are resolved (:mod:`risk.signals._subject`)
   and recorded on the signal; only ``Signal.of_filer`` signals are the filer's
   distress signals, the others are context.

Deduplication: per kind, subject and state, the first :data:`MAX_PER_KIND` distinct
sentences in document order are kept (an analyst wants the evidence, not every
repetition).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from risk._lazy import lazy_regex
from risk.financials import Fact, Period, Signal, SignalKind, SignalState, Subject
from risk.signals._anchors import literal_prefix, may_match, required_literals
from risk.signals._rules import ContextRules, Rule, RuleSet, load_rules
from risk.signals._subject import Resolution, aliases, resolve, state_of

__all__ = ["MAX_PER_KIND", "detect_signals", "find_facts", "parse_prose_amount"]

#: At most this many signals (distinct sentences) per kind per call.
MAX_PER_KIND = 3
#: At most this many keyword hits per keyword are looked at (bounds the time on huge texts).
MAX_HITS_PER_KEYWORD = 400
#: A sentence is looked for at most this far either side of a hit (a longer "sentence"
#: is a legal run-on or text without stops: the quote is then cut at a word).
_WINDOW = 700
#: Clause before a match searched for a negation.
_NEG_WINDOW = 80
#: Text before a match (in its sentence) searched for a hedge ("if", "in the event").
_HEDGE_BEFORE_WINDOW = 600
#: Text after a match searched for a modal ("a breach of covenants could result in").
_HEDGE_AFTER_WINDOW = 60
#: Characters of a sentence looked at to tell prose from a heading or a table.
_PROSE_SAMPLE = 400
#: Text before a sentence searched for a description of an accounting standard.
_STANDARD_WINDOW = 300
#: Paragraph before a sentence searched for forward-looking-statements language.
_SAFE_HARBOR_WINDOW = 3000

#: Abbreviations after which a period does not end a sentence ("Dr. Aslami", "Inc.").
_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "Messrs", "Inc", "Co", "Corp", "Ltd", "No", "Nos", "St", "Jr",
    "Sr", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Approx", "approx", "Ave", "Bros", "Hon", "Prof", "Gov", "Sen", "Rep", "CO", "INC",
    "CORP", "LTD", "NO", "e.g", "i.e",
)  # fmt: skip
#: A sentence boundary: a blank line; or . ! ? (and closing quotes) before whitespace and
#: a capital, digit, $ or opening quote, not closing an initial ("A.", "U.S.") or an
#: abbreviation; or . ! ? glued to a capitalised word after two lower-case letters (HTML
#: text whose blocks were joined: "are issued.The Company"). Each alternative starts
#: with a literal character, so ``re`` skips to candidates quickly.
_BLANK_LINE = lazy_regex(r"\n[ \t]*\n")
#: What follows the stop character in a match of :data:`_SENTENCE_END`.
_SENTENCE_TAIL = (
    r"(?:"
    # the cheap test first: dot leaders and decimals fail here at once
    r"(?=[\"'”’)\]]*\s+[\"“'(‘]?[A-Z0-9$])"
    r"(?<!\b[A-Z]\.)"
    # one lookbehind per length of abbreviation ("Mr|Dr|Co|..." all two letters): the
    # same test as one per abbreviation, in a few steps instead of some forty
    + "".join(
        f"(?<!\\b(?:{'|'.join(re.escape(a) for a in _ABBREVIATIONS if len(a) == n)})\\.)"
        for n in sorted({len(a) for a in _ABBREVIATIONS})
    )
    + r"[\"'”’)\]]*"
    r"|(?<=[a-z][a-z][.!?])[\"”’)]?(?=[A-Z][a-z]))"
)
_SENTENCE_END = lazy_regex(r"[.!?]" + _SENTENCE_TAIL)
#: :data:`_SENTENCE_END` per stop character: ``re`` skips to a literal first character
#: several times faster than to one of a class (:func:`_sentence_stops`).
_SENTENCE_END_AT = {c: lazy_regex(re.escape(c) + _SENTENCE_TAIL) for c in ".!?"}
#: A row of a printed table: a line ending in two figures (or dashes) each set off by two
#: blanks or a tab, ``(?:(?:[ \t]{2,}|\t)(?:\$\s*)?(?:\(?[\d,.]+\)?%?|-{1,3}|—|–)){2,}[ \t]*$``,
#: or in one set off by six blanks, ``[ \t]{6,}(?:\$\s*)?(?:\(?[\d,.]+\)?%?|-{1,3}|—|–)[ \t]*$``.
#: Both are anchored at the line's end, so a line has a match exactly when its reverse has
#: one at its start: this regex is those two with every sequence reversed, matched once
#: at the start of the reversed line (where a search from each run of blanks forward
#: took tens of microseconds on long lines of figures).
_TABLE_ROW_REVERSED = lazy_regex(
    r"[ \t]*(?:"
    r"(?:(?:%?\)?[\d,.]+\(?|-{1,3}|—|–)(?:\s*\$)?(?:[ \t]{2,}|\t)){2,}"
    r"|(?:%?\)?[\d,.]+\(?|-{1,3}|—|–)(?:\s*\$)?[ \t]{6,}"
    r")"
)
#: The characters that end a clause for the negation check (:func:`_last_clause`).
_CLAUSE_BREAKS = ",;:("
_PARAGRAPH_BREAK = lazy_regex(r"\n[ \t]*\n")
#: Text up to the last newline that follows another across blanks only (:func:`_last_break_end`).
_LAST_PAIR = lazy_regex(r".*\n[ \t]*\n", re.DOTALL)
_CELL_SPLIT = lazy_regex(r"[ \t]{3,}|\t")
_CONTACT_CELL = lazy_regex(
    r"(?:(?:Dr|Mr|Mrs|Ms)\.?\s+)?[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){1,3},\s+\S"
)
_COMPANY_SUFFIX = lazy_regex(
    r"\b(?:the|inc|incorporated|corp|corporation|co|company|ltd|limited|llc|lp|plc|sa|ag|nv|"
    r"holdings?|group)\b\.?",
    re.IGNORECASE,
)


def _last_clause(window: str) -> str:
    """``window`` after its last clause break (a character of :data:`_CLAUSE_BREAKS`),
    all of it when it has none: the end of the last match of ``[,;:(]``, found from the
    end with ``str.rfind`` instead of a regex scan listing every match."""
    cut = -1
    for c in _CLAUSE_BREAKS:
        i = window.rfind(c)
        if i > cut:
            cut = i
    return window[cut + 1 :] if cut >= 0 else window


def _fold(text: str) -> str:
    """Whitespace folded to single spaces, ends stripped.

    ``str.split()`` splits at exactly the characters ``\\s`` matches (``str.isspace``),
    so this is ``re.sub(r"\\s+", " ", text).strip()``, without the regex.
    """
    return " ".join(text.split())


# The records below are named tuples: several are built per keyword hit, and a tuple
# is built several times faster than a frozen dataclass.


class _Sentence(NamedTuple):
    start: int  # offsets into the text, whitespace trimmed
    end: int


class _Verdict(NamedTuple):
    subject: Subject
    name: str | None
    state: SignalState
    when: date | None


class _Flags(NamedTuple):
    double_negation: bool
    negation_anywhere: bool
    standard: bool
    safe_harbor: bool
    definition: bool


class _Reader:
    """The text of one call, with the sentence and paragraph lookups cached."""

    def __init__(self, text: str, rules: RuleSet, company: str | None) -> None:
        self.text = text
        low = text.lower()
        if len(low) != len(text):  # a few characters change length when lowered
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        #: the text lower-cased, offset for offset: every pattern is matched on it
        self.low = low
        self.rules = rules
        self.ctx: ContextRules = rules.context
        self._hits: list[tuple[str, int]] | None = None
        #: id of a keyword table -> (the table, :meth:`hits_for` it)
        self._hits_for: dict[int, tuple[dict[str, tuple[int, ...]], list[tuple[str, int]]]] = {}
        self._ends: list[int] | None = None
        self._starts: list[int] | None = None
        self.company = company
        self._names: tuple[str | None, re.Pattern[str] | None] | None = None
        #: the entity references per sentence (for :func:`resolve`; they depend on names)
        self.mentions: dict[tuple[int, int], Any] = {}
        #: the dates per sentence and filing date (for :func:`state_of`)
        self.dates: dict[tuple[int, int, date | None], list[tuple[int, int, date]]] = {}
        self._flag_cache: dict[tuple[int, int], _Flags] = {}
        self._prose_cache: dict[tuple[int, int], bool] = {}
        self._sentences: dict[int, _Sentence] = {}
        #: chunk number -> its boundaries (:func:`_chunk_boundaries`), found on first use
        self._chunks: dict[int, tuple[list[int], list[int]] | None] = {}

    @property
    def names(self) -> re.Pattern[str] | None:
        """The filer's names (:func:`aliases`), found on first use for the current company
        (prose facts never need them)."""
        if self._names is None or self._names[0] != self.company:
            self._names = (self.company, aliases(self.text, self.company))
            self.mentions = {}  # the references found depend on the names
        return self._names[1]

    # -- sentences -------------------------------------------------------------
    def _boundaries(self) -> tuple[list[int], list[int]]:
        """Every sentence boundary of the text: (ends, next starts), both sorted.

        One pass of :data:`_BLANK_LINE` and one of :data:`_SENTENCE_END` (the work is
        done in C: the regexes only stop at a newline or a ``.``/``!``/``?``), on first use.
        """
        if self._ends is None or self._starts is None:
            text = self.text
            stops = _sentence_stops(text)
            blanks = [m.span() for m in _BLANK_LINE.finditer(text)]
            if blanks:  # both lists are sorted: the sort merges two runs
                self._ends = sorted([s for s, _ in blanks] + stops)
                self._starts = sorted([e for _, e in blanks] + stops)
            else:
                self._ends = self._starts = stops
        return self._ends, self._starts

    def _near_boundaries(self, pos: int) -> tuple[int, int] | None:
        """The last sentence start at or before ``pos`` and the first end after it, as
        :meth:`_boundaries` gives them, from the boundaries of the chunks of
        :data:`_CHUNK` characters within ``_WINDOW`` of ``pos`` (each found once, on
        first use: most texts need the sentences of a few places only). A start or an
        end out of reach is clamped by the caller whatever it is, so one out of reach
        stands for it. None when a chunk's boundaries cannot be found apart from the
        rest of the text (:func:`_chunk_boundaries`).
        """
        n = len(self.text)
        lo, hi = max(0, pos - _WINDOW - 1), min(n, pos + _WINDOW + 2)
        first, last = lo // _CHUNK, max(hi - 1, 0) // _CHUNK
        start = -1
        end = n + 1
        for c in range(first, last + 1):
            if c in self._chunks:
                chunk = self._chunks[c]
            else:
                chunk = self._chunks[c] = _chunk_boundaries(
                    self.text, c * _CHUNK, min(n, (c + 1) * _CHUNK)
                )
            if chunk is None:
                return None
            ends, starts = chunk
            i = bisect_right(starts, pos)
            if i > 0 and starts[i - 1] > start:
                start = starts[i - 1]
            j = bisect_right(ends, pos)
            if j < len(ends) and ends[j] < end:
                end = ends[j]
        covered_lo, covered_hi = first * _CHUNK, min(n, (last + 1) * _CHUNK)
        if start < 0:  # none in the chunks: the text's start, or one out of reach
            start = 0 if covered_lo == 0 else covered_lo - 1
        if end > n:  # the text's end, or one out of reach
            end = n if covered_hi == n else covered_hi
        return start, end

    def sentence(self, pos: int) -> _Sentence:
        """The sentence around ``pos`` (at most ``_WINDOW`` characters either side)."""
        sent = self._sentences.get(pos)
        if sent is None:
            sent = self._sentences[pos] = self._sentence(pos)
        return sent

    def _sentence(self, pos: int) -> _Sentence:
        text = self.text
        near = None
        if self._ends is None and len(text) >= _CHUNKED_MIN_CHARS:
            near = self._near_boundaries(pos)
        if near is not None:
            start, end = near
        else:
            ends, starts = self._boundaries()
            i = bisect_right(starts, pos)  # starts[i - 1] is the last one at <= pos
            start = starts[i - 1] if i > 0 else 0
            j = bisect_right(ends, pos)  # the first boundary ending after pos
            end = ends[j] if j < len(ends) else len(text)
        if pos - start > _WINDOW:  # no sentence end in reach: start at a word
            lo = pos - _WINDOW
            ws = text.find(" ", lo, pos)
            start = ws + 1 if ws >= 0 else lo
        if end - pos > _WINDOW:
            hi = pos + _WINDOW
            ws = text.rfind(" ", pos, hi)
            end = ws if ws > pos else hi
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return _Sentence(start, end)

    def cell(self, pos: int) -> tuple[int, int] | None:
        """The column cell of the line around ``pos`` when it reads "Name, Title", else None."""
        text = self.text
        ls = text.rfind("\n", 0, pos) + 1
        le = text.find("\n", pos)
        if le < 0:
            le = len(text)
        if le - ls > 300:
            return None
        cs = ls
        for m in _CELL_SPLIT.finditer(text, ls, le):
            if m.start() > pos:
                ce = m.start()
                break
            cs = m.end()
        else:
            ce = le
        while cs < ce and text[cs].isspace():
            cs += 1
        while ce > cs and text[ce - 1].isspace():
            ce -= 1
        if not _CONTACT_CELL.match(text, cs, ce):
            return None
        return cs, ce

    def paragraph_before(self, start: int, limit: int) -> str:
        """The text of the paragraph before ``start`` (back to a blank line), at most ``limit``."""
        lo = max(0, start - limit)
        chunk = self.low[lo:start]
        end = _last_break_end(chunk)
        return chunk[end:] if end is not None else chunk

    def is_table_row(self, pos: int) -> bool:
        text = self.text
        ls = text.rfind("\n", 0, pos) + 1
        le = text.find("\n", pos)
        if le < 0:
            le = len(text)
        if le - ls > 400:  # rows of printed tables are short; a long line is prose or markup
            return False
        if text.find("  ", ls, le) < 0 and text.find("\t", ls, le) < 0:
            return False  # every row pattern needs two blanks or a tab: no regex needed
        return _TABLE_ROW_REVERSED.match(text[ls:le][::-1]) is not None

    # -- context ---------------------------------------------------------------
    def _hedged_after(self, start: int, end: int) -> bool:
        """A modal in ``low[start:end]`` ("could result in"): ``hedge_after`` tried only
        where one of the strings its every match holds is there (:func:`may_match`)."""
        hedge_after = self.ctx.hedge_after
        if not may_match(hedge_after, self.low[start:end]):
            return False
        return hedge_after.match(self.low, start, end) is not None

    def _prose(self, sent: _Sentence) -> bool:
        key = (sent.start, sent.end)
        cached = self._prose_cache.get(key)
        if cached is None:
            cached = self._prose_cache[key] = _is_prose(self.text[sent.start : sent.end])
        return cached

    def _flags(self, sent: _Sentence) -> _Flags:
        """The context checks that depend on the sentence only (cached per sentence)."""
        key = (sent.start, sent.end)
        flags = self._flag_cache.get(key)
        if flags is None:
            ctx, low = self.ctx, self.low
            stext = low[sent.start : sent.end]
            before = low[max(0, sent.start - _STANDARD_WINDOW) : sent.start]
            flags = _Flags(
                double_negation=ctx.found("double_negation", stext),
                negation_anywhere=ctx.found("negation_anywhere", stext),
                standard=ctx.found("standard", stext) or ctx.found("standard", before),
                safe_harbor=ctx.found("safe_harbor", stext)
                or ctx.found("safe_harbor", self.paragraph_before(sent.start, _SAFE_HARBOR_WINDOW)),
                definition=ctx.found("definition", stext),
            )
            self._flag_cache[key] = flags
        return flags

    def asserted(self, sent: _Sentence, ms: int, me: int, skip: frozenset[str]) -> bool:
        """True when the match at ``[ms, me)`` in ``sent`` is asserted: not negated,
        hypothetical, a standard, forward-looking, a definition or a table row (whose
        event it is, and when, are :meth:`verdict`'s)."""
        text, ctx = self.text, self.ctx
        low = self.low
        start, end = sent
        if start <= ms <= end:
            # the sentence's text before the match, its last _HEDGE_BEFORE_WINDOW
            # characters: one slice
            prefix = low[max(start, ms - _HEDGE_BEFORE_WINDOW) : ms]
        else:  # a contact-block cell's match (_try_cell) need not lie in its sentence
            prefix = low[start:end][: ms - start][-_HEDGE_BEFORE_WINDOW:]
        # cheapest and most often rejecting checks first
        if "table" not in skip and self.is_table_row(ms):
            return False
        if "hedge" not in skip and (
            ctx.has_word(ctx.hedge_words, prefix)
            or ctx.found("hedge_before", prefix)
            or self._hedged_after(me, min(end, me + _HEDGE_AFTER_WINDOW))
        ):
            return False
        flags = self._flags(sent)
        if "negation" not in skip and not flags.double_negation:
            # "have not alleviated the doubt" negates the negation: the doubt stands
            window = _last_clause(prefix[-_NEG_WINDOW:])
            if (
                flags.negation_anywhere
                or ctx.has_word(ctx.negation_words, window)
                or ctx.found("negation_before", window)
            ):
                return False
        if "standard" not in skip and flags.standard:
            return False
        if "safe_harbor" not in skip and flags.safe_harbor:
            return False
        if "definition" not in skip:
            if flags.definition:
                return False
            if text[ms : ms + 1].isupper() and ctx.defined_term_after.match(text, me, me + 40):
                return False
        return "table" in skip or self._prose(sent)

    def verdict(
        self, sent: _Sentence, ms: int, me: int, rule: Rule, filed: date | None
    ) -> _Verdict | None:
        """Whose event the match reports and its state, or None when the kind needs the
        filer named in the sentence and it is not."""
        sub = self.rules.subject
        kind = rule.kind.value
        if "other_party" in rule.skip:
            who = Resolution(Subject.FILER, None, True)
        else:
            who = resolve(
                self.text,
                self.low,
                (sent.start, sent.end),
                me,
                sub,
                self.names,
                persons=rule.kind is SignalKind.MANAGEMENT_CHANGE,
                cache=self.mentions,
            )
            # an event nobody is named for: the filer's only where the kind allows it
            if (
                kind in sub.filer_required_kinds
                and who.subject is Subject.FILER
                and not who.filer_named
            ):
                return None
        state, when = state_of(
            self.low,
            self.text,
            (sent.start, sent.end),
            (ms, me),
            kind,
            sub,
            filed,
            cache=self.dates,
        )
        if rule.state is not None and state is SignalState.ASSERTED:
            state = rule.state
        return _Verdict(who.subject, who.name, state, when)

    # -- hits ------------------------------------------------------------------
    def hits(self) -> list[tuple[str, int]]:
        """(keyword stem, position) of every keyword hit, at most a few hundred per keyword."""
        if self._hits is None:
            self._hits = self._scan()  # in document order, as the matches come
        return self._hits

    def _scan(self) -> list[tuple[str, int]]:
        found = _keyword_matches(self.low, self.rules)
        counts = Counter(group for group, _ in found)  # counted in C
        if not counts or max(counts.values()) <= MAX_HITS_PER_KEYWORD:
            return found  # the usual case: no keyword over its bound, nothing to drop
        kept: dict[str, int] = {}
        hits = []
        for group, start in found:
            n = kept.get(group, 0)
            if n >= MAX_HITS_PER_KEYWORD:
                continue
            kept[group] = n + 1
            hits.append((group, start))
        return hits

    def hits_for(self, table: dict[str, tuple[int, ...]]) -> list[tuple[str, int]]:
        """The :meth:`hits` whose keyword has a rule in ``table`` (keyword -> rule
        indices), in document order; the others lead to no rule. Cached per table: the
        signals and the prose facts share one scan and keep their own hits."""
        cached = self._hits_for.get(id(table))
        if cached is None or cached[0] is not table:
            cached = (table, [h for h in self.hits() if table.get(h[0])])
            self._hits_for[id(table)] = cached
        return cached[1]


#: Texts at least this long are scanned with the vectorised prefilter (below that the
#: cost of setting up the arrays exceeds the regex scan it saves).
_PREFILTER_MIN_CHARS = 1000
#: The prefilter works on slices of this many characters (bounds its memory).
_PREFILTER_CHUNK = 1 << 18
#: rules language -> (code, grams, words, short, tails, rules) of
#: :func:`_prefilter_tables`, built on first use (None in place of the tables when the
#: stems do not suit the prefilter)
_PREFILTER_TABLES: dict[str, tuple[Any, RuleSet]] = {}
#: A slice with at least this many word starts whose first characters start a stem has
#: them looked up in the second table too (below it, the few numpy calls more cost more
#: than the regex tries they save).
_TAILS_MIN = 256


def _keyword_matches(low: str, rules: RuleSet) -> list[tuple[str, int]]:
    """(stem, position) of every match of ``rules.keyword_re`` in ``low``, as ``finditer``.

    The regex tries its ``\\b`` and trie at every position of the text (tens of
    nanoseconds each in ``re``). A match starts a word and its first eight characters
    are those of a stem (all of a shorter stem), so the positions where they may be and
    the character before is not an ASCII word character are found with numpy in one
    vectorised pass (:func:`_candidates`); the regex is then tried only there (with
    ``pattern.match(low, pos)``, which sees the character before ``pos``), and, as
    ``finditer`` does, a position inside the previous match is skipped. The result is
    the same as ``keyword_re.finditer(low)``; texts too short to gain, and rules whose
    stems the prefilter cannot represent, use the regex directly.
    """
    keyword_re = rules.keyword_re
    tables = _prefilter_tables(rules) if len(low) >= _PREFILTER_MIN_CHARS else None
    if tables is None:
        return [(m.group(), m.start()) for m in keyword_re.finditer(low)]
    match = keyword_re.match
    last_end = 0
    found = []
    for pos in _candidates(low, *tables):
        if pos < last_end:
            continue  # inside the previous match: finditer resumes after it
        m = match(low, pos)
        if m is not None:
            last_end = m.end()
            found.append((m.group(), pos))
    return found


def _prefilter_tables(rules: RuleSet) -> tuple[bytes, Any, int, Any, Any] | None:
    """The lookup tables of :func:`_candidates` for ``rules``, or None when a stem is not
    two ASCII characters or more starting with a word character.

    ``(code, grams, words, short, tails)``: ``code``, a table for ``bytes.translate`` (a byte
    in, its number out: done in C at a byte a nanosecond, where a numpy gather takes
    several), numbers the ASCII characters that occur in the first 2 x :data:`_GRAM`
    characters of a stem 2..K-1 (the word characters first), the other ASCII word
    characters 1 and the rest 0, so the word characters are numbered 1..``words``.
    ``grams`` flags the numbered runs of :data:`_GRAM` characters that start a stem
    (K ** 4 flags, about a megabyte: it stays in the CPU cache; a shorter stem such as
    ``no`` flags every character after it), ``short`` those that start a stem of
    :data:`_GRAM` characters or fewer (a match whatever follows), and ``tails`` the runs
    of the next :data:`_GRAM` characters of the longer stems (any character past a
    stem's end), whatever their first ones.
    """
    cached = _PREFILTER_TABLES.get(rules.language)
    if cached is not None and cached[1] is rules:
        return cached[0]  # type: ignore[no-any-return]
    stems = list(rules.keyword_rules) + list(rules.keyword_facts)
    alphabet = sorted({c for s in stems for c in s[: 2 * _GRAM]})
    if (
        not stems
        or len(alphabet) > 40  # K ** 4 flags stay small
        or not all(len(s) >= 2 and s.isascii() and (s[0].isalnum() or s[0] == "_") for s in stems)
    ):
        _PREFILTER_TABLES[rules.language] = (None, rules)
        return None
    import numpy as np  # heavy: loaded only when a text is long enough to gain

    def is_word(c: str) -> bool:
        return c.isascii() and (c.isalnum() or c == "_")

    # the word characters first: a character is a word character when its number is
    # 1..words (1 for those no stem starts with)
    alphabet.sort(key=lambda c: not is_word(c))
    k = len(alphabet) + 2
    numbers = dict(zip(alphabet, range(2, k), strict=True))
    code = bytes(numbers.get(chr(c), 1 if is_word(chr(c)) else 0) for c in range(256))
    grams, short, tails = (np.zeros((k,) * _GRAM, dtype=bool) for _ in range(3))
    for s in stems:
        # the stem's first characters, then any character (a slice) up to _GRAM
        head = tuple(numbers[c] for c in s[:_GRAM])
        grams[head] = True
        if len(s) <= _GRAM:
            short[head] = True
        else:
            tails[tuple(numbers[c] for c in s[_GRAM : 2 * _GRAM])] = True
    words = 1 + sum(is_word(c) for c in alphabet)
    tables = (code, grams, words, short, tails)
    _PREFILTER_TABLES[rules.language] = (tables, rules)
    return tables


#: Characters of a word start looked up in each of the prefilter's tables.
_GRAM = 4


def _candidates(low: str, code: bytes, grams: Any, words: int, short: Any, tails: Any) -> list[int]:
    """Positions, ascending, where ``low`` may have a stem: its first four characters
    start a stem of four characters or fewer, or start a longer one and the next four
    are those of a longer one (all of a shorter one; the two may be of two stems), and
    the character before (if any) is not an ASCII word character (a superset of the
    starts of keyword matches: a non-ASCII character counts as a possible word boundary).

    ``str.encode("ascii", "replace")`` writes one ``?`` per non-ASCII character (a
    lone surrogate included), so byte ``k`` of the slice is its character ``k``. A stem
    starts with an ASCII word character, so only the word starts (about one character in
    six) are looked up in ``grams``, and only their characters are gathered; ``short``
    and ``tails`` are looked up for those found there, where there are
    :data:`_TAILS_MIN` or more (without them, the positions are a superset still)."""
    import numpy as np

    k = grams.shape[0]
    flat = grams.ravel()
    n = len(low)
    pad = 2 * _GRAM - 1
    positions: list[int] = []
    for base in range(0, n, _PREFILTER_CHUNK):
        lo = max(base - 1, 0)  # one character of context before the slice
        # characters past the slice (never a stem character past the text's end), so a
        # word start's 2 x _GRAM characters are always there
        seg = low[lo : base + _PREFILTER_CHUNK + pad]
        if base + _PREFILTER_CHUNK + pad >= n:
            seg += "\x00" * pad
        if len(seg) <= pad:
            break
        c = np.frombuffer(seg.encode("ascii", "replace").translate(code), dtype=np.uint8)
        first = base - lo  # position lo belongs to the previous slice
        stop = min(first + _PREFILTER_CHUNK, len(c) - pad)  # slice positions with a gram
        w = c[:stop] - np.uint8(1) < words  # the word characters: 1..words (0 wraps)
        starts = w[first:] & ~w[first - 1 : stop - 1] if first else w.copy()
        if not first:
            starts[1:] &= ~w[:-1]  # the text's first character has none before it
        at = np.flatnonzero(starts) + first  # word starts, as offsets into the slice
        head = _gram(c, at, k)
        hit = flat[head]
        at = at[hit]
        if len(at) >= _TAILS_MIN:  # a stem of four characters or fewer, or a longer one's tail
            at = at[short.ravel()[head[hit]] | tails.ravel()[_gram(c, at + _GRAM, k)]]
        positions.extend((at + lo).tolist())
    return positions


def _gram(c: Any, at: Any, k: int) -> Any:
    """The number of the run of :data:`_GRAM` characters of ``c`` at each of ``at``."""
    import numpy as np

    index = c[at].astype(np.intp)
    for j in range(1, _GRAM):
        index *= k
        index += c[at + j]
    return index


#: The reader of the last text, per language: the coordinator calls
#: :func:`detect_signals` then :func:`find_facts` on the same text, and the second call
#: reuses the keyword hits, sentence boundaries and context checks of the first. The
#: entry is only reused for the very same string object (checked by identity).
_LAST_READER: dict[str, _Reader] = {}
#: Texts longer than this are not kept between calls (their reader holds a lower-cased
#: copy; rebuilding it costs far less than holding hundreds of megabytes).
_CACHE_MAX_CHARS = 8_000_000


def _reader(text: str, rules: RuleSet, company: str | None) -> _Reader:
    cached = _LAST_READER.get(rules.language)
    if cached is not None and cached.text is text and cached.rules is rules:
        cached.company = company  # the names follow on first use
        return cached
    reader = _Reader(text, rules, company)
    if len(text) <= _CACHE_MAX_CHARS:
        _LAST_READER[rules.language] = reader
    else:
        _LAST_READER.pop(rules.language, None)
    return reader


#: Sentence boundaries are found per chunk of this many characters, on first use, in
#: texts at least :data:`_CHUNKED_MIN_CHARS` long (in a shorter text, those of the whole
#: text at once cost less than a few chunks' with their set-up).
_CHUNK = 4096
_CHUNKED_MIN_CHARS = 16_384
#: Characters a match of :data:`_SENTENCE_END` may consume after its stop character.
_CLOSERS = "\"'”’)]"
#: The characters other than white space its lookahead may read before its last one.
_LOOKAHEAD = _CLOSERS + "“(‘"
#: A run of closers or blank characters longer than this: all boundaries are found at once.
_LOCAL_RUN_MAX = 1000


def _chunk_boundaries(text: str, lo: int, hi: int) -> tuple[list[int], list[int]] | None:
    """``(ends, starts)``: the sentence boundaries of :meth:`_Reader._boundaries` that lie
    in ``[lo, hi)``, found from the text near that range only; None when a run of
    closing quotes or of blank characters is too long to look past.

    A stop (a match of :data:`_SENTENCE_END`) depends only on the text around its stop
    character, which may stand before ``lo`` by a run of closing quotes; its lookahead
    reads closers, blanks and an opening quote, then one character, so a scan ending
    past the run of those at ``hi`` finds the stops ending before ``hi`` as an
    open-ended one does (in C: dot leaders cost no Python step each). A blank line (a
    match of :data:`_BLANK_LINE`) is found as the whole-text scan finds it when the scan
    starts after a character no blank line holds (not a newline, space or tab), and one
    starting before ``hi`` ends within the run of such characters at ``hi``.
    """
    n = len(text)
    k = lo - 1
    while k >= 0 and text[k] in _CLOSERS:
        k -= 1
        if lo - k > _LOCAL_RUN_MAX:
            return None
    ahead = hi
    while ahead < n and (text[ahead] in _LOOKAHEAD or text[ahead].isspace()):
        ahead += 1
        if ahead - hi > _LOCAL_RUN_MAX:
            return None
    scan_end = min(n, max(ahead + 1, hi + 2))
    stops = [e for e in _sentence_stops(text, max(k, 0), scan_end) if lo <= e < hi]
    sync = lo
    while sync > 0 and text[sync - 1] in "\n \t":
        sync -= 1
        if lo - sync > _LOCAL_RUN_MAX:
            return None
    stop = hi
    while stop < n and text[stop] in "\n \t":
        stop += 1
        if stop - hi > _LOCAL_RUN_MAX:
            return None
    ends = list(stops)
    starts = list(stops)
    blank = False
    for m in _BLANK_LINE.finditer(text, sync, stop):
        s, e = m.span()
        if s >= hi:
            break
        if lo <= s:
            ends.append(s)
            blank = True
        if lo <= e < hi:
            starts.append(e)
            blank = True
    if blank:
        ends.sort()
        starts.sort()
    return ends, starts


def _sentence_stops(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """``[m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]``, sooner.

    A match starts at a ``.``, ``!`` or ``?`` and consumes only closing quotes after
    it, so no match holds another's stop character and the scan tries each of them in
    turn: the matches are those of the three patterns of :data:`_SENTENCE_END_AT`, one
    per stop character, merged. ``re`` finds a pattern's literal first character with a
    fast scan, where it tests the class ``[.!?]`` at every position; ``!`` and ``?``,
    rare in filings, are looked for only where ``str.find`` sees one.
    """
    if hi is None:
        hi = len(text)
    stops = [m.end() for m in _SENTENCE_END_AT["."].finditer(text, lo, hi)]
    merge = False
    for c in "!?":
        if text.find(c, lo, hi) >= 0:
            stops += [m.end() for m in _SENTENCE_END_AT[c].finditer(text, lo, hi)]
            merge = True
    if merge:
        stops.sort()
    return stops


def _last_break_end(text: str) -> int | None:
    """The end of the last match of :data:`_PARAGRAPH_BREAK` in ``text`` (None if none),
    found from the end rather than by scanning the whole text (paragraphs are short).

    The regex pairs the newlines of a run joined by spaces and tabs only from its first:
    (1st, 2nd), (3rd, 4th) ...; so the last match of the last run of two or more ends
    after its last newline when the run counts an even number, else after the one before.
    That newline is where :data:`_LAST_PAIR` ends (its greedy ``.*`` backs off from the
    text's end in C to the last newline with another before it across blanks only), so
    only that run's newlines are counted in Python, not every line of a paragraph.
    """
    m = _LAST_PAIR.match(text)
    if m is None:
        return None  # no two newlines joined by blanks: no break
    i = m.end() - 1  # the last newline of the last run of two or more
    count, second, j = 1, -1, i
    while (p := text.rfind("\n", 0, j)) >= 0 and not text[p + 1 : j].strip(" \t"):
        count += 1
        if count == 2:
            second = p
        j = p
    return i + 1 if count % 2 == 0 else second + 1


_WORD = lazy_regex(r"[A-Za-z][\w'’\-]*")
#: Counts the figures of a sentence: one match per run of digits, commas and dots that
#: starts with a digit (as many as ``[$(]?\d[\d,.]*%?`` has: a ``$``, ``(`` or ``%``
#: around a figure is never part of another), found sooner (``re`` skips to a digit).
_NUMBER = lazy_regex(r"\d[\d,.]*")
#: A lower-case word not glued to a word character or ``<`` before it. The same matches
#: as ``(?<![\w<])[a-z][a-z'’\-]*\b``, with the letter first so ``re`` skips to letters.
_LOWER_WORD = lazy_regex(r"[a-z](?<![\w<][a-z])[a-z'’\-]*\b")


def _is_prose(sentence: str) -> bool:
    """True for running text: three lower-case words or more, and 30 % of the words.

    Headings ("AMENDED AND RESTATED FORBEARANCE AGREEMENT"), headlines in title case
    and SGML tag lines are not evidence an analyst can quote.
    """
    if sentence.count("<") > 2 or '="' in sentence:
        return False  # markup (an HTML or XBRL part read as text)
    sentence = sentence[:_PROSE_SAMPLE]  # the start of a long sentence tells enough
    lower = len(_LOWER_WORD.findall(sentence))
    if lower < 3 or lower < 0.3 * len(_WORD.findall(sentence)):
        return False  # a heading or a headline in title case
    return len(_NUMBER.findall(sentence)) <= lower  # a run of figures is a table


def _check_args(text: object, document: object, offset: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str; got {type(text).__name__}")
    if not isinstance(document, str):
        raise TypeError(f"document must be a str; got {type(document).__name__}")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise ValueError(f"offset must be a non-negative int; got {offset!r}")


def detect_signals(
    text: str,
    *,
    document: str,
    document_type: str | None = None,
    offset: int = 0,
    company: str | None = None,
    filed: date | None = None,
    language: str = "en",
) -> list[Signal]:
    """Distress signals of the text, each with the sentence proving it, whose event it
    is and its state.

    Parameters
    ----------
    text : str
        The text of one document part (plain text, or HTML reduced to text).
    document : str
        The document name recorded on each signal.
    document_type : str or None, default None
        The EDGAR ``<TYPE>`` of the part, recorded on each signal. The text of an
        agreement filed as an exhibit (``EX-10`` and the like, or a part that reads as
        an agreement) asserts no event: nothing is returned for it.
    offset : int, default 0
        Offset of ``text`` in the whole document: spans are ``[start, end)`` into
        ``text`` plus ``offset``, so ``whole[span[0]:span[1]]`` is the quoted sentence.
    company : str or None, default None
        The filer's name: a sentence naming it (or a short name the text defines for
        it, such as ``("ICSL" or the "Company")``) is about the filer.
    filed : date or None, default None
        The filing date: an event the sentence dates more than ``historical_days``
        (rules file) before it is reported as ``historical``.
    language : str, default "en"
        The rules file to use (``rules/<language>.toml``).

    Returns
    -------
    list of Signal
        In document order; at most :data:`MAX_PER_KIND` distinct sentences per kind,
        subject and state. ``quote`` is the sentence (or contact-block cell) with
        whitespace folded. Only the signals with ``Signal.of_filer`` (the filer's own,
        asserted event) are distress signals of the filer; the others are context:
        another entity's or a subsidiary's event, an intended or a historical one.
    """
    _check_args(text, document, offset)
    rules = load_rules(language)
    reader = _reader(text, rules, company)
    if is_contract(reader.low, document_type, rules):
        return []
    found: dict[tuple[SignalKind, int], tuple[int, int, str, _Verdict]] = {}
    tried: set[tuple[int, ...]] = set()  # (rule index, start[, end]) already searched
    kinds_found: dict[tuple[SignalKind, Subject, SignalState], set[int]] = {}
    low, by_keyword, all_rules = reader.low, rules.keyword_rules, rules.rules
    for group, pos in reader.hits_for(by_keyword):  # in document order
        for ri in by_keyword[group]:
            rule = all_rules[ri]
            if rule.scope == "line":
                cell = reader.cell(pos)
                if cell is not None:
                    _try_cell(reader, rule, ri, pos, cell, tried, found, kinds_found, filed)
                    continue
            if not _in_reach(low, rule.anchor_strings, pos, rule.reach, rule.branch_anchors):
                continue
            sent = reader.sentence(pos)
            if (rule.kind, sent.start) in found:
                continue  # this sentence already proves the kind
            # the keyword lies inside any match (gaps in the patterns are bounded), so
            # only the text around the hit is searched (``reach`` in the rules file)
            lo = max(sent.start, pos - rule.reach[0])
            hi = min(sent.end, pos + rule.reach[1])
            if (ri, lo, hi) in tried:
                continue
            tried.add((ri, lo, hi))
            for m in rule.pattern.finditer(low, lo, hi):
                if not reader.asserted(sent, m.start(), m.end(), rule.skip):
                    continue
                verdict = reader.verdict(sent, m.start(), m.end(), rule, filed)
                if verdict is None:
                    continue
                key = (rule.kind, verdict.subject, verdict.state)
                if len(kinds_found.get(key, ())) >= MAX_PER_KIND:
                    break  # enough evidence of this kind, subject and state
                found.setdefault((rule.kind, sent.start), (sent.start, sent.end, rule.id, verdict))
                kinds_found.setdefault(key, set()).add(sent.start)
                break
    return _signals(text, found, document, document_type, offset)


def _in_reach(
    low: str,
    strings: tuple[str, ...] | None,
    pos: int,
    reach: tuple[int, int],
    branches: tuple[tuple[tuple[str, ...], ...], ...] | None = None,
) -> bool:
    """False when no string the rule's every match contains (``Rule.anchor_strings``)
    lies within its reach of the hit at ``pos``, or when no branch of its alternation
    has one string of each of its sets there (``Rule.branch_anchors``): the rule's
    pattern cannot match there, and neither the sentence nor the pattern need be looked
    at (the usual case: most hits of a keyword such as "no" or "required" lead nowhere).

    The first test is the same as ``Rule.anchor.search(low, lo, hi) is not None``: a
    string wholly inside ``low[lo:hi]``, as the regex finds it, found by ``in`` on the
    slice (the slice is copied once; ``in`` costs no method call per string). The
    pattern only ever runs inside ``low[lo:hi]``, so a match needs its strings there."""
    if strings is None and branches is None:
        return True
    lo = pos - reach[0]
    if lo < 0:
        lo = 0
    window = low[lo : pos + reach[1]]
    if strings is not None:
        for x in strings:  # a plain loop: cheaper than any() over a generator
            if x in window:
                break
        else:
            return False
    if branches is None:
        return True
    for sets in branches:
        for options in sets:
            for x in options:
                if x in window:
                    break
            else:
                break  # a set of this branch is missing: the branch cannot match here
        else:
            return True  # every set of this branch is there
    return False


def _try_cell(
    reader: _Reader,
    rule: Rule,
    ri: int,
    pos: int,
    span: tuple[int, int],
    tried: set[tuple[int, ...]],
    found: dict[tuple[SignalKind, int], tuple[int, int, str, _Verdict]],
    kinds_found: dict[tuple[SignalKind, Subject, SignalState], set[int]],
    filed: date | None,
) -> None:
    """A "Name, Title" cell of a contact block read as the quote (``scope = "line"``)."""
    anchor = rule.anchor
    if anchor is not None and anchor.search(reader.low, span[0], span[1]) is None:
        return  # the pattern cannot match in the cell (see :func:`_in_reach`)
    m = rule.pattern.search(reader.low, span[0], span[1])
    if m is None or (ri, span[0]) in tried:
        return
    tried.add((ri, span[0]))
    sent = reader.sentence(pos)
    if not reader.asserted(sent, m.start(), m.end(), rule.skip | {"table"}):
        return
    verdict = _Verdict(Subject.FILER, None, SignalState.ASSERTED, None)
    key = (rule.kind, verdict.subject, verdict.state)
    if len(kinds_found.get(key, ())) >= MAX_PER_KIND:
        return
    found.setdefault((rule.kind, span[0]), (span[0], span[1], rule.id, verdict))
    kinds_found.setdefault(key, set()).add(span[0])


def _signals(
    text: str,
    found: dict[tuple[SignalKind, int], tuple[int, int, str, _Verdict]],
    document: str,
    document_type: str | None,
    offset: int,
) -> list[Signal]:
    """The signals of ``found`` in document order, a sentence printed twice kept once."""
    signals: list[Signal] = []
    per_key: dict[tuple[SignalKind, Subject, SignalState], int] = {}
    quoted: set[tuple[SignalKind, str]] = set()
    for (kind, _), (start, end, rid, v) in sorted(found.items(), key=lambda kv: kv[1][:2]):
        quote = _fold(text[start:end])
        key = (kind, v.subject, v.state)
        if per_key.get(key, 0) >= MAX_PER_KIND or (kind, quote) in quoted:
            continue  # the same sentence printed twice (a summary repeated) counts once
        quoted.add((kind, quote))
        per_key[key] = per_key.get(key, 0) + 1
        signals.append(
            Signal.model_construct(  # every field is valid by construction
                kind=kind,
                quote=quote,
                span=(start + offset, end + offset),
                document=document,
                document_type=document_type,
                rule=rid,
                subject=v.subject,
                subject_name=v.name,
                state=v.state,
                event_date=v.when,
            )
        )
    return signals


#: The opening of a part read for the markers of an agreement.
_CONTRACT_HEAD = 6000


@functools.lru_cache(maxsize=16)
def _literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """:func:`required_literals` of a context pattern (cached per compiled pattern)."""
    return required_literals(pattern)


@functools.lru_cache(maxsize=16)
def _prefix(pattern: re.Pattern[str]) -> str | None:
    """:func:`literal_prefix` of a context pattern (cached per compiled pattern)."""
    return literal_prefix(pattern)


def is_contract(low: str, document_type: str | None, rules: RuleSet | None = None) -> bool:
    """True when the part is the text of an agreement: an exhibit of an agreement type
    (``EX-10`` ...) or a part whose opening reads as one ("This Agreement is made ...",
    "NOW, THEREFORE") or that is signed "IN WITNESS WHEREOF".

    ``low`` is the part's text in lower case.
    """
    sub = (rules or load_rules("en")).subject
    kind = (document_type or "").upper()
    if any(kind == t or kind.startswith(t + ".") for t in sub.contract_types):
        return True
    head = low[:_CONTRACT_HEAD]
    markers = sub.contract_marker_list or (sub.contract_markers,)
    if any(_occurs(marker, low, head) for marker in markers):
        return True
    return "in witness whereof" in low


def _occurs(pattern: re.Pattern[str], low: str, head: str) -> bool:
    """``pattern.search(low, 0, len(head)) is not None``, sooner: not at all where a
    literal every match contains is missing from ``head``, and only at the occurrences
    of the literal every match starts with, where there is one."""
    literals = _literals(pattern)
    if literals is not None and not any(x in head for x in literals):
        return False
    prefix = _prefix(pattern)
    if prefix is None:
        return pattern.search(low, 0, len(head)) is not None
    i = head.find(prefix)
    while i >= 0:
        if pattern.match(low, i, len(head)) is not None:
            return True
        i = head.find(prefix, i + 1)
    return False


_AMOUNT = lazy_regex(
    r"^\$\s*(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>million|billion|thousand)?$",
    re.IGNORECASE,
)
_UNITS = {None: 1, "thousand": 10**3, "million": 10**6, "billion": 10**9}


def parse_prose_amount(raw: str) -> float | None:
    """A dollar amount as printed in prose, in currency units, or None when unclear.

    ``"$5 million"`` is 5000000.0, ``"$4.90 million"`` 4900000.0, ``"$509,589"``
    509589.0, ``"$1.2 billion"`` 1200000000.0. A malformed figure (``"$1,23"``) gives None.
    """
    folded = _fold(raw).rstrip(".,;:")
    m = _AMOUNT.match(folded)
    if m is None:
        return None
    try:
        number = Decimal(m.group("n").replace(",", ""))
    except InvalidOperation:
        return None
    unit = m.group("unit")
    return float(number * _UNITS[unit.lower() if unit else None])


def find_facts(
    text: str,
    *,
    document: str,
    document_type: str | None = None,
    offset: int = 0,
    language: str = "en",
) -> list[Fact]:
    """Amounts stated in prose: financing need, debt under renegotiation, revenue estimate.

    Parameters as for :func:`detect_signals`. The same context checks apply: an
    amount in a conditional, a negation or a forward-looking-statements paragraph
    is not a fact.

    Notes
    -----
    A revenue estimate "for 2001" gets the period ``end=2001-12-31, months=12``:
    prose does not state the fiscal year end, so the calendar year is assumed. "For
    fiscal 2002" leaves the period None, since a fiscal year need not end in December.
    One fact is kept per (kind, amount, period), the first in document order.
    """
    _check_args(text, document, offset)
    rules = load_rules(language)
    reader = _reader(text, rules, None)
    found: dict[tuple[object, ...], tuple[int, int, int, Fact]] = {}
    tried: set[tuple[int, int, int]] = set()
    for group, pos in reader.hits_for(rules.keyword_facts):
        for fi in rules.keyword_facts[group]:
            rule = rules.facts[fi]
            if not _in_reach(reader.low, rule.anchor_strings, pos, rule.reach, rule.branch_anchors):
                continue
            sent = reader.sentence(pos)
            lo = max(sent.start, pos - rule.reach[0])
            hi = min(sent.end, pos + rule.reach[1])
            if (fi, lo, hi) in tried:
                continue
            tried.add((fi, lo, hi))
            for m in rule.pattern.finditer(reader.low, lo, hi):
                if not reader.asserted(sent, m.start(), m.end(), rule.skip):
                    continue
                amount = parse_prose_amount(m.group("amount"))
                if amount is None or amount <= 0:
                    continue
                period = None
                groups = m.groupdict()
                if groups.get("year") and not groups.get("fiscal"):
                    period = Period(end=date(int(groups["year"]), 12, 31), months=12)
                key = (rule.kind, amount, period)
                prev = found.get(key)
                if prev is None or (sent.start, m.start()) < prev[:2]:
                    # built (and validated) only when kept: most matches repeat a key
                    fact = Fact(
                        kind=rule.kind,
                        amount=amount,
                        quote=_fold(text[sent.start : sent.end]),
                        span=(sent.start + offset, sent.end + offset),
                        document=document,
                        document_type=document_type,
                        period=period,
                    )
                    found[key] = (sent.start, m.start(), fi, fact)
    return [f for *_, f in sorted(found.values(), key=lambda v: v[:3])]
