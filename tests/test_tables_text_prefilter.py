"""The plain-text table reader's shortcuts give what its regexes give.

Every line of a document is classified, so the reader avoids regexes that try
every position: ``_periodish`` answers "does ``_PERIODISH`` match?" from substrings
of the lower-cased line when the line is ASCII without a digit, ``_strip_leader``
runs ``_LEADER`` only when the line ends in two dots or underscores, ``_maybe_cell``
tries ``_MAYBE_CELL``'s alternatives one by one, and ``_has_long_chunk`` splits at
double spaces when plain spaces are the only white space. Property tests hold them
to the regexes on random lines built from what they look at (words, digits, dots,
underscores, white space, Unicode letters that match ASCII ones when case is
ignored: the Kelvin sign, the long s), and on every line of the seeds and corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import risk.tables._text as text_tables
from risk.documents import PartFormat, decode, split_submission
from risk.tables._text import (
    _CHUNK,
    _LEADER,
    _MARKER,
    _MAX_LINE,
    _MAYBE_CELL,
    _PERIODISH,
    _RULE,
    _RULE_CHARS,
    _TAG_LINE,
    _TAGS,
    _TOKEN,
    _YEAR_TOKEN,
    _is_cell,
    _Line,
    _merge_tokens,
)

#: Every line of every document, and property runs on random lines: over a minute.
pytestmark = pytest.mark.slow

PIECES = [
    *text_tables._PERIOD_WORDS,
    "ENDED",
    "Fiscal",
    "AS OF",
    "as  of",
    "Mar. 31",
    "June 30, ",
    "1999",
    "2003",
    "19",
    "x",
    "K",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u2003",
    ".",
    ". ",
    "..",
    "_",
    "__",
    "\u212a",  # Kelvin sign: 'k' when case is ignored
    "\u017f",  # long s: 's' when case is ignored
    "fi\u017fcal",
    "wee\u212as",
    "\u0663",  # Arabic-Indic digit three: a \\d
    "$",
    "(",
    "NM",
    "xNM",
    "n/a",
    "N/A",
    "n/A",
    "\u2014",
    "-",
    "7",
    "Total assets and liabilities of the",
    "x" * 31,
]


def _reference_classify(raw: str) -> _Line:
    """``_classify`` as first written: every pattern tried in turn."""
    text = raw.expandtabs(8) if "\t" in raw else raw
    if not text.strip():
        return _Line("blank", text)
    if len(text) > _MAX_LINE:
        return _Line("prose", text)
    if _MARKER.match(text):
        return _Line("marker", text)
    if _TAG_LINE.match(text):
        return _Line("tag", text)
    if "<" in text:
        text = _TAGS.sub(lambda m: " " * len(m.group(0)), text)
        if not text.strip():
            return _Line("tag", text)
    if _RULE.match(text) and _RULE_CHARS.search(text):
        return _Line("rule", text)
    if _MAYBE_CELL.search(text) is None:
        return _reference_words_only(text)
    if "  " not in text and ".." not in text and not all(_is_cell(t) for t in text.split()):
        return _reference_words_only(text)
    tokens = _merge_tokens([(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)])
    k = len(tokens)
    while k > 0 and _is_cell(tokens[k - 1][2]):
        k -= 1
    values = tokens[k:]
    while values and k > 0:
        gap = values[0][0] - tokens[k - 1][1]
        if gap >= 2 or tokens[k - 1][2].endswith(".."):
            break
        values = values[1:]
        k += 1
    if values and all(_RULE_CHARS.fullmatch(v[2]) for v in values) and k == 0:
        return _Line("rule", text)
    label_text = text[: values[0][0]] if values else text
    label = _LEADER.sub("", label_text).strip()
    label_start = len(label_text) - len(label_text.lstrip())
    if values:
        if all(_YEAR_TOKEN.match(v[2]) for v in values) and (not label or _PERIODISH.search(label)):
            return _Line("header", text, label, label_start, tuple(values))
        return _Line("data", text, label, label_start, tuple(values))
    return _reference_words_only(text, label, label_start)


def _reference_words_only(
    text: str, label: str | None = None, label_start: int | None = None
) -> _Line:
    if label is None:
        label = _LEADER.sub("", text).strip()
        label_start = len(text) - len(text.lstrip())
    start = label_start or 0
    body = text.strip()
    if len(body) > 60 and "  " not in body:
        return _Line("prose", text, label, start)
    longest = (
        max((len(m.group(0)) for m in _CHUNK.finditer(text)), default=0) if len(body) > 60 else 0
    )
    if longest > 60:
        return _Line("prose", text, label, start)
    if _PERIODISH.search(text):
        return _Line("header", text, label, start)
    return _Line("text", text, label, start)


LINE_PIECES = [
    *PIECES,
    "<PAGE>",
    "<page>",
    "</TABLE>",
    "<S>",
    "<C>",
    "<FN>",
    "- more -",
    "---",
    "=====",
    "\u2014\u2014\u2014",
    "$",
    "(1,234)",
    "4,609",
    "12.5%",
    "Net sales",
    "Total",
    "......",
    "   ",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=30))
def test_classify_is_the_plain_classification_on_random_lines(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert text_tables._classify(line) == _reference_classify(line)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_periodish_is_the_regex_on_random_lines(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert text_tables._periodish(line) == (text_tables._PERIODISH.search(line) is not None)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_strip_leader_is_the_regex_on_random_lines(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert text_tables._strip_leader(line) == text_tables._LEADER.sub("", line)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_maybe_cell_and_long_chunk_are_the_regexes_on_random_lines(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert text_tables._maybe_cell(line) == (text_tables._MAYBE_CELL.search(line) is not None)
    for limit in (0, 10, 60):
        longest = max((len(m.group(0)) for m in text_tables._CHUNK.finditer(line)), default=0)
        assert text_tables._has_long_chunk(line, limit) == (longest > limit)


def test_both_on_every_line_of_the_documents(seed_paths: dict[str, Path], corpus_dir: Path) -> None:
    periodish = leaders = long_chunks = 0
    for path in [*seed_paths.values(), *sorted(corpus_dir.iterdir())]:
        for line in decode(path.read_bytes(), name=path.name).split("\n"):
            expected = text_tables._PERIODISH.search(line) is not None
            assert text_tables._periodish(line) == expected, line
            stripped = text_tables._LEADER.sub("", line)
            assert text_tables._strip_leader(line) == stripped, line
            periodish += expected
            leaders += stripped != line
            cell = text_tables._MAYBE_CELL.search(line) is not None
            assert text_tables._maybe_cell(line) == cell, line
            longest = max((len(m.group(0)) for m in text_tables._CHUNK.finditer(line)), default=0)
            assert text_tables._has_long_chunk(line, 60) == (longest > 60), line
            long_chunks += longest > 60
            assert text_tables._classify(line) == _reference_classify(line), line
    assert periodish > 100 and leaders > 10 and long_chunks > 100


class _AllClassified(list):  # type: ignore[type-arg]
    """Every line classified up front, each a possible start of a table."""

    def may_start_table(self, index: int) -> bool:
        return True


def test_lazy_classification_finds_the_same_tables(
    seed_paths: dict[str, Path], corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines are classified when a table's search looks at them; classifying them all
    up front, as first written, gives the same tables on every plain-text part."""
    parts = []
    for path in [*seed_paths.values(), *sorted(corpus_dir.iterdir())]:
        text = decode(path.read_bytes(), name=path.name)
        parts += [
            p for p in split_submission(text, name=path.name).parts if p.format is PartFormat.TEXT
        ]
    lazy = [text_tables.find_text_tables(p, document="d") for p in parts]
    monkeypatch.setattr(
        text_tables, "_Lines", lambda raw: _AllClassified(text_tables._classify(r) for r in raw)
    )
    eager = [text_tables.find_text_tables(p, document="d") for p in parts]
    assert lazy == eager
    assert sum(len(tables) for tables in eager) > 30


#: What a row's last cell may be: numbers, dashes, words for zero or "not meaningful",
#: a lone closing parenthesis or percent sign printed apart from its number.
ROW_PIECES = [
    "Net sales",
    "Total",
    "  ",
    " ",
    "\t",
    "....",
    "$",
    "(",
    ")",
    "%",
    "1,234",
    "(848)",
    "0.06",
    "2003",
    "---",
    "\u2014",
    "_",
    "none",
    "None",
    "nil",
    "n/a",
    "N/A",
    "NM",
    "n.m.",
    "na",
    "(a)",
    "*",
    "as of June 30",
]


def _data_rows_may_end_a_row(line: str) -> None:
    if "<" not in line and text_tables._classify(line).kind == "data":
        assert text_tables._may_end_row(line), line


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(ROW_PIECES), max_size=14))
def test_every_data_row_passes_the_row_end_check_on_random_lines(pieces: list[str]) -> None:
    """``_may_end_row`` only rules out lines that are no data row (it is never wrong
    about a row: the lines it rules out are not classified)."""
    _data_rows_may_end_a_row("".join(pieces))


def test_every_data_row_passes_the_row_end_check_on_the_documents(
    seed_paths: dict[str, Path], corpus_dir: Path
) -> None:
    ruled_out = 0
    for path in [*seed_paths.values(), *sorted(corpus_dir.iterdir())]:
        for line in decode(path.read_bytes(), name=path.name).split("\n"):
            _data_rows_may_end_a_row(line)
            ruled_out += text_tables._maybe_cell(line) and not text_tables._may_end_row(line)
    assert ruled_out > 1000  # prose that mentions a number: not classified any more
