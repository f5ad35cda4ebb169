"""Tables in plain text: SGML ``<TABLE>``/``<S>``/``<C>`` blocks and bare fixed-width tables.

A table is found from its rows: a row is a label followed, after a gap of two or more
spaces (or a dot leader), by numeric cells (``$4,609``, ``(848)``, ``---``). Columns are
the right edges of the numbers of the rows that fill every column; a row with fewer
cells is placed by the nearest right edge. Header lines above the first row are split
into phrases and given to the columns they stand over ("Three Months Ended" over two
columns, "2003" over one). Every pattern here is linear: no nested quantifiers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

from risk._lazy import lazy_regex
from risk.documents import DocumentPart
from risk.tables._raw import RawRow, RawTable
from risk.tables._text_cells import parse_amount

__all__ = ["find_text_tables"]

_MAX_LINE = 400  # longer lines are prose or data dumps, never table rows
_MAX_TABLE_LINES = 400
_SLICE = 4_000_000  # characters read at once from a huge part
_TOKEN = lazy_regex(r"\S+")
_CHUNK = lazy_regex(r"\S+(?: \S+)*")  # phrases separated by two or more spaces
_RULE = lazy_regex(r"^[\s\-=_\u2014\u2013]*$")
_RULE_CHARS = lazy_regex(r"[-=_\u2014\u2013]{3,}")
_YEAR_TOKEN = lazy_regex(r"^\(?(?:19|20)\d{2}\)?(?:\*+|\(\w\))?$")
_LEADER = lazy_regex(r"(?:\.\s?){2,}\s*$|[_]{2,}\s*$")
_MARKER = lazy_regex(r"^\s*(?:</?PAGE>|</?TABLE>|-+\s*more\s*-+|<CAPTION>|</CAPTION>)", re.I)
_TAG_LINE = lazy_regex(r"^\s*<[SC]>(?:\s*<[SC]>)*\s*$", re.I)
_TAGS = lazy_regex(r"</?(?:S|C|FN|F\d+|CAPTION)>", re.I)
_PERIODISH = lazy_regex(
    r"\b(?:19|20)\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
    r"ended|months|weeks|quarter|year|fiscal|audited|as of|period|historical|actual",
    re.I,
)
_DATE_UNIT = lazy_regex(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?(?:\s*(?:19|20)\d{2})?",
    re.I,
)
_MAYBE_CELL = lazy_regex(r"[\d\-\u2013\u2014]|n/a|N/A|\bNM\b")
_OTHER_CELL = lazy_regex(r"^\(?[-+]?\$?\d[\d,]*(?:\.\d+)?\s?%\)?$|^(?:n/?a|nm|n\.m\.)$", re.I)
_WORD_GAP = lazy_regex(r"(?<=[A-Za-z])  (?=[A-Za-z])")
_JOIN_END = lazy_regex(
    r"(?:\band|\bof|\bin|\bfor|\bfrom|\bbefore|\bto|\bthe|\bon|\bat|\bby|\bwith|\bless|,|-|\(|&)\s*$",
    re.I,
)


@dataclass(slots=True)
class _Line:
    kind: str  # blank, rule, marker, tag, data, header, text, prose
    text: str  # tabs expanded
    label: str = ""
    label_start: int = 0
    values: tuple[tuple[int, int, str], ...] = ()  # (start, end, raw)


def _merge_tokens(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join a lone ``$`` or ``(`` with the next token and a lone ``)`` with the previous."""
    out: list[tuple[int, int, str]] = []
    pending: tuple[int, str] | None = None
    for start, end, tok in tokens:
        if tok in ("$", "(", "$(", "($") and pending is None:
            pending = (start, tok)
            continue
        if pending is not None:
            start, tok = pending[0], pending[1] + tok
            pending = None
        if tok in (")", "%") and out:
            s0, _, t0 = out[-1]
            out[-1] = (s0, end, t0 + tok)
            continue
        out.append((start, end, tok))
    if pending is not None:
        out.append((pending[0], pending[0] + len(pending[1]), pending[1]))
    return out


#: Tokens :func:`_merge_tokens` joins to a neighbour (openers to the next, closers to the
#: previous one).
_OPENERS = frozenset(("$", "(", "$(", "($"))
_JOINED = _OPENERS | {")", "%"}


def _merged(words: list[str]) -> tuple[list[str], list[int], list[int]]:
    """:func:`_merge_tokens` on a line's words (``str.split``, the white space of ``\\S+``):
    the merged tokens, and the first and last word of each."""
    merged: list[str] = []
    first: list[int] = []
    last: list[int] = []
    pending = -1
    for j, tok in enumerate(words):
        if pending < 0 and tok in _OPENERS:
            pending = j
            continue
        a = j
        if pending >= 0:
            a, tok = pending, words[pending] + tok
            pending = -1
        if (tok == ")" or tok == "%") and merged:
            merged[-1] += tok
            last[-1] = j
            continue
        merged.append(tok)
        first.append(a)
        last.append(j)
    if pending >= 0:
        merged.append(words[pending])
        first.append(pending)
        last.append(pending)
    return merged, first, last


def _value_cells(text: str, words: list[str]) -> tuple[int, list[tuple[int, int, str]]]:
    """The value cells ending a line, ``(start, end, token)``, and how many tokens
    (after :func:`_merge_tokens`) stand before them.

    The cells are the last tokens that are cells, less those not standing apart from
    the label (two spaces or a dot leader before the first). Positions are found for
    these tokens and the one before them only, from the right: the last occurrence of
    a word before the next one is that word (a word holds no white space).
    """
    if _JOINED.isdisjoint(words):
        merged: list[str] = words
        first: list[int] | range = range(len(words))
        last: list[int] | range = first
    else:
        merged, first, last = _merged(words)
    k = len(merged)
    while k > 0 and _is_cell(merged[k - 1]):
        k -= 1
    if k == len(merged):
        return k, []
    lo = first[k - 1] if k > 0 else 0
    starts = [0] * len(words)
    pos = len(text)
    for j in range(len(words) - 1, lo - 1, -1):
        pos = starts[j] = text.rfind(words[j], 0, pos)
    values = [
        (starts[first[i]], starts[last[i]] + len(words[last[i]]), merged[i])
        for i in range(k, len(merged))
    ]
    # The first value must stand apart from the label (two spaces or a dot leader).
    while values and k > 0:
        before = last[k - 1]
        gap = values[0][0] - (starts[before] + len(words[before]))
        if gap >= 2 or merged[k - 1].endswith(".."):
            break
        values = values[1:]
        k += 1
    return k, values


_DIGIT = lazy_regex(r"\d")
#: Words of ``_PERIODISH`` that need no digit (matched as substrings, in any case).
_PERIOD_WORDS = (
    "ended",
    "months",
    "weeks",
    "quarter",
    "year",
    "fiscal",
    "audited",
    "as of",
    "period",
    "historical",
    "actual",
)
_PERIOD_WORD = lazy_regex("|".join(_PERIOD_WORDS))


#: ``_PERIODISH``'s year and month-day alternatives, for ASCII text (the month-day one on
#: the text lower-cased), written to start at a literal so that ``re`` skips to the
#: places they can match: ``\b`` before the first character is checked after it, by a
#: look-behind that fails when a word character stands before the match (``\w`` and the
#: two digits, or the three letters, just read).
_YEAR_WORD = lazy_regex(r"(?:19|20)(?<!\w\d\d)\d\d\b")
_MONTH_DAY = lazy_regex(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?<!\w\w\w\w)[a-z]*\.?\s+\d"
)


def _periodish(text: str) -> bool:
    """``_PERIODISH.search(text)`` is not None, without that regex for ASCII lines.

    For ASCII text, ignoring case is matching the lower-cased text; the words then are
    substrings, and the year and month-day alternatives (which need a digit) are tried
    as patterns that start at a literal (``_YEAR_WORD``, ``_MONTH_DAY``).
    """
    if not text.isascii():
        return _PERIODISH.search(text) is not None
    low = text.lower()
    if _PERIOD_WORD.search(low) is not None:
        return True
    if _DIGIT.search(text) is None:
        return False
    return _YEAR_WORD.search(text) is not None or _MONTH_DAY.search(low) is not None


def _strip_leader(text: str) -> str:
    """``_LEADER.sub("", text)``: the dot leader or underscores ending the text dropped.

    The pattern only matches at the end, after two dots (at most one white space
    between them) or two underscores: the text is returned as is otherwise.
    """
    end = text.rstrip()
    if end.endswith(("..", "__")) or (
        len(end) >= 3 and end[-1] == "." and end[-2].isspace() and end[-3] == "."
    ):
        return _LEADER.sub("", text)
    return text


_CELL_CHAR = lazy_regex(r"[\d\-\u2013\u2014]")
_NM = lazy_regex(r"\bNM\b")
_OTHER_SPACE = lazy_regex(r"[^\S ]")  # white space other than a plain space
_GAP = lazy_regex(" {2,}")


def _maybe_cell(text: str) -> bool:
    """``_MAYBE_CELL.search(text) is not None``, one alternative at a time (each a fast scan)."""
    return _CELL_CHAR.search(text) is not None or _word_cell(text)


def _word_cell(text: str) -> bool:
    """``_MAYBE_CELL``'s alternatives other than a digit or a dash: "n/a" or "NM"."""
    return "n/a" in text or "N/A" in text or ("NM" in text and _NM.search(text) is not None)


def _has_long_chunk(text: str, limit: int) -> bool:
    """Some phrase of ``text`` (a ``_CHUNK`` match) is longer than ``limit`` characters.

    When plain spaces are the only white space, the phrases are the pieces between
    runs of two or more spaces, without their end spaces: ``str.split`` finds them.
    """
    if _OTHER_SPACE.search(text) is None:
        # between runs of two or more spaces, once the end spaces are gone, no space
        # starts or ends a piece
        return max(map(len, _GAP.split(text.strip(" ")))) > limit
    return max((len(m.group(0)) for m in _CHUNK.finditer(text)), default=0) > limit


@lru_cache(maxsize=1 << 16)
def _is_cell(token: str) -> bool:
    """A printed value cell: a number, a dash for zero, a percentage or "n/a"."""
    return parse_amount(token) is not None or _OTHER_CELL.match(token) is not None


#: The first printed character of a line ``_RULE`` matches (a blank line aside).
_RULE_FIRST = "-=_\u2014\u2013"


def _classify(raw: str) -> _Line:
    text = raw.expandtabs(8) if "\t" in raw else raw
    body = text.strip()
    if not body:
        return _Line("blank", text)
    if len(text) > _MAX_LINE:
        return _Line("prose", text)
    # The patterns anchored at the start are tried only on lines whose first printed
    # character can begin them (every line is classified: most are prose).
    first = body[0]
    if first in "<-" and _MARKER.match(text):
        return _Line("marker", text)
    if first == "<" and _TAG_LINE.match(text):
        return _Line("tag", text)
    if "<" in text:
        text = _TAGS.sub(lambda m: " " * len(m.group(0)), text)
        body = text.strip()
        if not body:
            return _Line("tag", text)
        first = body[0]
    if first in _RULE_FIRST and _RULE.match(text) and _RULE_CHARS.search(text):
        return _Line("rule", text)
    if _CELL_CHAR.search(text) is None and not _word_cell(text):  # not _maybe_cell(text)
        return _words_only(text, body)
    words = text.split()
    if "  " not in text and ".." not in text and not all(_is_cell(t) for t in words):
        # Single-spaced words: a value needs two spaces or a leader before it.
        return _words_only(text, body)
    k, values = _value_cells(text, words)
    if k == 0 and values and all(_RULE_CHARS.fullmatch(v[2]) for v in values):
        return _Line("rule", text)
    label_text = text[: values[0][0]] if values else text
    label = _strip_leader(label_text).strip()
    label_start = len(label_text) - len(label_text.lstrip())
    if values:
        if (
            _YEAR_TOKEN.match(values[0][2])  # most rows: no year first, no generator
            and all(_YEAR_TOKEN.match(v[2]) for v in values)
            and (not label or _periodish(label))
        ):
            return _Line("header", text, label, label_start, tuple(values))
        return _Line("data", text, label, label_start, tuple(values))
    return _words_only(text, body, label, label_start)


def _words_only(
    text: str, body: str, label: str | None = None, label_start: int | None = None
) -> _Line:
    """A line without value cells: prose, a header line or a label waiting for figures.

    ``body`` is ``text.strip()``.
    """
    if label is None:
        label = _strip_leader(text).strip()
        label_start = len(text) - len(text.lstrip())
    start = label_start or 0
    if len(body) > 60 and ("  " not in body or _has_long_chunk(text, 60)):
        return _Line("prose", text, label, start)
    if _periodish(text):
        return _Line("header", text, label, start)
    return _Line("text", text, label, start)


def _anchor(value: tuple[int, int, str]) -> int:
    """Right edge of a cell's last digit or dash (ignores a closing parenthesis or mark)."""
    start, _, raw = value
    i = len(raw)
    while i > 0 and not (raw[i - 1].isdigit() or raw[i - 1] in "-_\u2014\u2013"):
        i -= 1
    return start + i


@dataclass
class _Columns:
    n: int
    anchors: list[float]
    left: list[int]
    right: list[int]
    label_limit: int


def _columns(data: list[_Line]) -> _Columns | None:
    counts = Counter(len(d.values) for d in data)
    if not counts:
        return None
    n = counts.most_common(1)[0][0]
    wider = [c for c, cnt in counts.items() if c > n and cnt >= 2]
    if wider:
        n = max(wider)
    full = [d for d in data if len(d.values) == n]
    anchors: list[float] = []
    left: list[int] = []
    right: list[int] = []
    for j in range(n):
        edges = sorted(_anchor(d.values[j]) for d in full)
        anchors.append(float(edges[len(edges) // 2]))
        left.append(min(d.values[j][0] for d in full))
        right.append(max(d.values[j][1] for d in full))
    limit = min(d.values[0][0] for d in data)
    return _Columns(n, anchors, left, right, limit)


def _place(line: _Line, cols: _Columns) -> tuple[str, ...]:
    cells = [""] * cols.n
    values = line.values[-cols.n :]
    if len(values) == cols.n:
        for j, v in enumerate(values):
            cells[j] = v[2]
        return tuple(cells)
    nxt = 0
    for v in values:
        a = _anchor(v)
        best = min(range(nxt, cols.n), key=lambda j: abs(cols.anchors[j] - a), default=None)
        if best is None:
            break
        cells[best] = v[2]
        nxt = best + 1
    return tuple(cells)


def _header_chunks(line: _Line) -> list[tuple[int, int, str]]:
    chunks: list[tuple[int, int, str]] = []
    # "NINE  MONTHS": words two spaces apart are one phrase (positions are kept).
    joined = _WORD_GAP.sub(" \x01", line.text)
    for m in _CHUNK.finditer(joined):
        text = m.group(0).replace("\x01", "")
        if _RULE_CHARS.fullmatch(text.replace(" ", "")):
            continue
        dates = list(_DATE_UNIT.finditer(text))
        years = list(re.finditer(r"\b(?:19|20)\d{2}\b\S*", text))
        parts = dates if len(dates) > 1 else (years if len(years) > 1 and not dates else [])
        if parts and "".join(p.group(0) for p in parts).replace(" ", "") == text.replace(" ", ""):
            for p in parts:
                chunks.append((m.start() + p.start(), m.start() + p.end(), p.group(0)))
        else:
            chunks.append((m.start(), m.end(), text))
    return chunks


def _over_groups(chunks: list[tuple[int, int, str]], cols: _Columns) -> bool:
    """Whether each of k chunks stands over its own block of n/k columns.

    "Third Quarter   Nine Months Ended" spans the columns pairwise; "June 26,  June 27,"
    printed over the last two columns only (Apple's 10-Q of June 1998, whose quarter
    columns carry no date) does not, and is placed by position instead.
    """
    size = cols.n // len(chunks)
    for i, (start, end, _) in enumerate(chunks):
        lo, hi = cols.left[i * size], cols.right[(i + 1) * size - 1]
        centre = (start + end) / 2
        if not lo - 2 <= centre <= hi + 2:
            return False
        # a heading stands centred over the columns it spans: "Twelve Months" printed
        # over the last two of five columns does not span the three before them
        if size > 1 and abs(centre - (lo + hi) / 2) > (hi - lo) / 6 + 2:
            return False
    return True


def _headers(header_lines: list[_Line], cols: _Columns) -> tuple[list[str], list[str]]:
    """Column header strings and the header text standing over the labels (title)."""
    per_col: list[list[str]] = [[] for _ in range(cols.n)]
    title: list[str] = []
    for line in header_lines:
        chunks = []
        for start, end, text in _header_chunks(line):
            if end <= cols.label_limit:
                title.append(text)
            else:
                chunks.append((start, end, text))
        k = len(chunks)
        if k == 0:
            continue
        if k == cols.n:
            for j, c in enumerate(chunks):
                per_col[j].append(c[2])
        elif (
            k < cols.n
            and cols.n % k == 0
            and not any(_YEAR_TOKEN.match(c[2]) for c in chunks)
            and _over_groups(chunks, cols)
        ):
            size = cols.n // k
            for i, c in enumerate(chunks):
                for j in range(i * size, (i + 1) * size):
                    per_col[j].append(c[2])
        else:
            for start, end, text in chunks:
                hit = [j for j in range(cols.n) if start <= cols.right[j] and end >= cols.left[j]]
                if not hit:
                    centre = (start + end) / 2
                    hit = [min(range(cols.n), key=lambda j: abs(cols.anchors[j] - centre))]
                for j in hit:
                    per_col[j].append(text)
    return [" ".join(p) for p in per_col], title


def _continues(previous: str, prev_indent: int, label: str, indent: int) -> bool:
    """True when ``label`` continues the wrapped label ``previous``.

    A continuation starts in lower case or with a parenthesis, or follows a line that
    ends with a joining word ("and", "before", ...) or leaves a parenthesis open.
    Indentation alone is not enough: "FULLY DILUTED EARNINGS PER SHARE" is a heading
    over the indented "Net income (loss)". ``prev_indent`` and ``indent`` are kept for
    callers that know better.
    """
    if not label:
        return True
    return (
        label[:1].islower()
        or label[:1] in "(&"
        or previous.count("(") > previous.count(")")
        or _JOIN_END.search(previous) is not None
    )


@dataclass
class _Pending:
    """A label-only line waiting for its figures (a wrapped label) or a heading."""

    label: str
    indent: int
    line: int
    last_indent: int


def _rows(lines: list[_Line], numbers: list[int], cols: _Columns) -> list[RawRow]:
    rows: list[RawRow] = []
    pending: list[_Pending] = []
    empty = ("",) * cols.n

    def flush() -> None:
        for p in pending:
            rows.append(RawRow(label=p.label, cells=empty, line=p.line, indent=p.indent))
        pending.clear()

    for line, number in zip(lines, numbers, strict=True):
        if line.kind == "rule":
            flush()
            rows.append(RawRow(label="", cells=empty, line=number, is_rule=True))
        elif line.kind in ("text", "header") and not line.values:
            label = line.label
            last = pending[-1] if pending else None
            if last and _continues(last.label, last.last_indent, label, line.label_start):
                last.label = f"{last.label} {label}"
                last.last_indent = line.label_start
                if label.endswith(":"):
                    flush()
                continue
            flush()
            if label.endswith(":"):
                rows.append(RawRow(label=label, cells=empty, line=number, indent=line.label_start))
            else:
                pending.append(_Pending(label, line.label_start, number, line.label_start))
        elif line.kind in ("data", "header") and line.values:
            label = line.label
            indent = line.label_start
            last = pending[-1] if pending else None
            if last and _continues(last.label, last.last_indent, label, indent):
                pending.pop()
                label = f"{last.label} {label}".strip()
                indent = last.indent
            flush()
            rows.append(RawRow(label=label, cells=_place(line, cols), line=number, indent=indent))
        elif line.kind == "blank":
            flush()
    flush()
    return rows


def _title_above(lines: Sequence[_Line], start: int, stop: int) -> list[str]:
    """Short lines above a table (its heading and "(Dollars in thousands ...)")."""
    out: list[str] = []
    blanks = 0
    i = start - 1
    while i >= stop and i >= start - 14:
        line = lines[i]
        if line.kind == "blank":
            blanks += 1
            if blanks > 4:
                break
        elif line.kind == "prose":
            if len(out) <= 2 and blanks <= 1:
                # the lead-in sentence ("pro forma ... follows:", "Summarized financial
                # information of X, our 33%-owned affiliate:"), above at most a scale line
                out.append(line.text.strip())
            break
        elif line.kind in ("marker", "data"):
            break
        elif line.kind != "tag":
            blanks = 0
            out.append(line.text.strip())
        i -= 1
    return list(reversed(out))


def find_text_tables(part: DocumentPart, *, document: str) -> list[RawTable]:
    """Find the tables of a plain-text document part.

    Parameters
    ----------
    part : DocumentPart
        A plain-text part; ``RawRow.line`` and ``RawTable.line`` are 1-based lines of
        ``part.text`` (add ``part.line_offset`` for the line in the whole file).
    document : str
        The document name recorded in each table.

    Returns
    -------
    list of RawTable
        In the order printed; a table continued after a page break without its header
        repeats the previous table's columns (with a note).
    """
    tables: list[RawTable] = []
    text = part.text
    start = 0
    base = 0
    while start < len(text):
        # Huge parts are read in slices that end on a blank line, so that memory stays
        # bounded; a part under the slice size (any real filing part) is read whole.
        stop = len(text)
        if stop - start > _SLICE:
            cut = text.rfind("\n\n", start + _SLICE // 2, start + _SLICE)
            if cut < 0:
                cut = text.rfind("\n", start, start + _SLICE)
            stop = cut + 1 if cut >= 0 else start + _SLICE
        chunk = text[start:stop]
        raw_lines = chunk.split("\n")
        tables.extend(_find(raw_lines, _row_ends(raw_lines), base, part, document))
        base += chunk.count("\n")
        start = stop
    return tables


class _Lines(Sequence[_Line]):
    """The lines of a slice, each classified (:func:`_classify`) when first looked at.

    Tables start at a data row or a ``<TABLE>`` tag; :meth:`may_start_table` rules out
    the lines that can be neither without classifying them, and only the lines a
    table's search looks at around them are classified: the same lines as
    classifying them all, without the work on a document's prose.
    """

    __slots__ = ("_done", "_raw")

    def __init__(self, raw: list[str]) -> None:
        self._raw = raw
        self._done: list[_Line | None] = [None] * len(raw)

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> _Line: ...

    @overload
    def __getitem__(self, index: slice) -> list[_Line]: ...

    def __getitem__(self, index: int | slice) -> _Line | list[_Line]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        line = self._done[index]
        if line is None:
            line = self._done[index] = _classify(self._raw[index])
        return line

    def may_start_table(self, index: int) -> bool:
        """False when the line is neither a data row nor a tag: a tag has a ``<``, a data
        row a cell (tabs do not change that) and it ends with one (:func:`_may_end_row`)."""
        line = self._done[index]
        if line is not None:
            return line.kind in ("data", "marker")
        raw = self._raw[index]
        return "<" in raw or (_may_end_row(raw) and _maybe_cell(raw))


#: The characters one of which every value cell holds but for the words below.
_CELL_MARKS = frozenset("0123456789-_\u2013\u2014")
_WORD_CELLS = frozenset({"nil", "none", "n/a", "na", "nm", "n.m."})


def _may_end_row(raw: str) -> bool:
    """False when a line without tags cannot end with a value cell, so is no data row.

    A data row's last token (after :func:`_merge_tokens`) is a cell: a number or a dash
    (a digit or a dash in it), or one of a few words. Merging only puts a lone ``$`` or
    ``(`` before the last printed token, or joins a lone ``)`` or ``%`` to the one
    before it (then this says True). Prose ends with a word: most lines that mention a
    year or a date are ruled out here without being classified.
    """
    tokens = raw.rsplit(None, 1)
    if not tokens:
        return False
    last = tokens[-1]
    return last in (")", "%") or not _CELL_MARKS.isdisjoint(last) or last.lower() in _WORD_CELLS


def _spacing(lines: _Lines, i: int, total: int) -> int:
    """Blank lines a table prints between its rows: those after its first data row when
    another row follows them (wire-service releases print rows three lines apart)."""
    k = i + 1
    while k < total and k - i <= 6 and lines[k].kind == "blank":
        k += 1
    gap = k - i - 1
    return gap if k < total and lines[k].kind in ("data", "text") else 0


def _region_end(lines: _Lines, i: int, total: int) -> int:
    """One past the last data row of the bare table whose first data row is line ``i``.

    The table ends at more blank lines than it prints between its rows (two more are
    allowed), at five lines of text, at a row of years (the next table's header) or at
    prose.
    """
    region_end = i
    spacing = _spacing(lines, i, total)
    most_blanks = max(2, spacing + 2)
    k = i
    blanks = texts = 0
    while k < total and k - i < _MAX_TABLE_LINES:
        kind = lines[k].kind
        if kind == "data":
            region_end = k + 1
            blanks = texts = 0
        elif kind == "blank":
            blanks += 1
            if blanks > most_blanks:
                break
        elif kind == "header" and lines[k].values:
            break  # a row of years: the column header of the next table
        elif kind in ("text", "header", "rule", "tag"):
            texts += kind in ("text", "header")
            if texts > 4:
                break
            if spacing >= 2:
                blanks = 0  # a spaced-out table: each blank run is counted on its own
        else:
            break
        k += 1
    return region_end


def _headers_above(lines: _Lines, i: int, consumed: int) -> tuple[list[int], int]:
    """The header lines above a bare table's first data row ``i``, and where its body starts.

    Up to four short text lines may stand between the header and the first figures
    (section headings "Assets", "Current Assets:", the first line of a wrapped label):
    they start the body when a header stands above them.
    """
    header_idx: list[int] = []
    labels: list[int] = []
    h = i - 1
    blanks = 0
    while h >= consumed and i - h <= 20:
        kind = lines[h].kind
        if kind == "blank":
            blanks += 1
            if blanks > 3:
                break
        elif kind in ("header", "rule", "tag"):
            blanks = 0
            if kind == "header":
                header_idx.append(h)
        elif kind == "text" and not header_idx and len(labels) < 4:
            blanks = 0
            labels.append(h)
        else:
            break
        h -= 1
    header_idx.reverse()
    return header_idx, (min(labels) if header_idx and labels else i)


def _row_ends(raw_lines: list[str]) -> list[int]:
    """The lines that may start a table, in order: those holding a ``<`` or for which
    :func:`_may_end_row` holds (a superset of :meth:`_Lines.may_start_table` for lines
    not classified yet). One pass over the lines, with the cheaper test first: most
    lines of a document are prose ending in a word."""
    out: list[int] = []
    marks, words = _CELL_MARKS, _WORD_CELLS
    for i, raw in enumerate(raw_lines):
        # "<" in the line, or _may_end_row's test inline (a call a line was a tenth of
        # the time): its last token a closer, or holding a cell's mark, or a word cell
        if "<" in raw:
            out.append(i)
        elif tokens := raw.rsplit(None, 1):
            last = tokens[-1]
            if last in (")", "%") or not marks.isdisjoint(last) or last.lower() in words:
                out.append(i)
    return out


def _find(
    raw_lines: list[str], row_ends: list[int], base: int, part: DocumentPart, document: str
) -> list[RawTable]:
    """The tables of a slice of a part whose first line is line ``base + 1``; ``row_ends``
    are the lines that may start one (:func:`_row_ends`), the others are skipped."""
    lines = _Lines(raw_lines)
    tables: list[RawTable] = []
    consumed = 0  # lines before this index belong to earlier tables or titles
    i = 0
    total = len(lines)
    previous: tuple[int, _Columns, list[str], str] | None = None
    next_end = 0  # index into row_ends
    while i < total:
        while next_end < len(row_ends) and row_ends[next_end] < i:
            next_end += 1
        if next_end == len(row_ends):
            break
        i = row_ends[next_end]
        if not lines.may_start_table(i):
            i += 1
            continue
        line = lines[i]
        tagged = line.kind == "marker" and line.text.strip().upper().startswith("<TABLE")
        if not (tagged or line.kind == "data"):
            i += 1
            continue
        if tagged:
            end = i + 1
            while end < total and end - i < 4 * _MAX_TABLE_LINES:
                if lines[end].text.strip().upper().startswith("</TABLE"):
                    break
                end += 1
            body_start = i + 1
            s_line = next(
                (k for k in range(i + 1, end) if lines[k].text.lstrip().upper().startswith("<S>")),
                None,
            )
            first_data = next(
                (k for k in range(s_line or body_start, end) if lines[k].kind == "data"), None
            )
            if first_data is None:
                i = end + 1
                continue
            head_end = s_line if s_line is not None else first_data
            header_idx = [
                k for k in range(body_start, head_end) if lines[k].kind in ("header", "text")
            ]
            title_start, region_end, next_i = i, end, end + 1
        else:
            region_end = _region_end(lines, i, total)
            header_idx, first_data = _headers_above(lines, i, consumed)
            title_start = header_idx[0] if header_idx else i
            next_i = region_end
        body = [
            k
            for k in range(first_data, region_end)
            if lines[k].kind in ("data", "rule", "text", "header", "blank")
        ]
        data = [lines[k] for k in body if lines[k].kind == "data"]
        if len(data) < 2 and not tagged:
            i = max(next_i, i + 1)
            continue
        cols = _columns(data)
        if cols is None:
            i = max(next_i, i + 1)
            continue
        header_lines = [lines[k] for k in header_idx]
        columns, head_title = _headers(header_lines, cols)
        title_lines = _title_above(lines, title_start, consumed) + head_title
        notes: list[str] = []
        if (
            not any(c.strip() for c in columns)
            and previous is not None
            and previous[1].n == cols.n
            and first_data - previous[0] <= 30
        ):
            columns = list(previous[2])
            title_lines = [previous[3], *title_lines]
            notes.append(
                f"continued from the table ending at line {base + previous[0]}: "
                "its header is repeated"
            )
        if not any(c.strip() for c in columns):
            # No header and nothing to continue: no period can ever be read from it.
            i = max(next_i, i + 1)
            continue
        rows = _rows([lines[k] for k in body], [base + k + 1 for k in body], cols)
        title = "\n".join(t for t in title_lines if t)
        tables.append(
            RawTable(
                title=title,
                columns=tuple(columns),
                rows=tuple(rows),
                document=document,
                document_type=part.type,
                line=base + title_start + 1,
                notes=tuple(notes),
            )
        )
        previous = (region_end, cols, columns, title)
        consumed = region_end
        i = max(next_i, i + 1)
    return tables
