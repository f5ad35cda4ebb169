"""``_clean`` (the text period and scale parsers read) equals its regex formulation.

It is run on whole documents, so it skips ``_NO_SPACE`` when no comma precedes "19"
or "20", finds "31,2003" from its comma, and folds white space with ``str.split``; this
property test holds it to the plain formulation on random text (Unicode white space,
commas before years, note marks) and on every seed and corpus document.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import risk.statements._periods as periods
from risk.documents import decode

PIECES = [
    "May 31,2003",
    "1,2019",
    "1,2001,2002",
    ",19",
    ",20",
    "2003*",
    "1998 (a)",
    "2001( 1 )",
    "**",
    "Dollars in Thousands",
    "\u00a0",
    "\u2028",
    "\x1c",
    "\u3000",
    " ",
    "   ",
    "\t",
    "\n",
    "\r\n",
    "x",
    "\u0130",  # lower() gives two characters
    "9",
    ",",
]


def _plain(text: str) -> str:
    text = text.lower().replace("\u00a0", " ")
    text = re.sub(r"(\d),((?:19|20)\d{2})\b", r"\1, \2", text)
    text = periods._NOTE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_clean_is_the_regex_formulation_on_random_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert periods._clean(text) == _plain(text)


@pytest.mark.slow
def test_clean_is_the_regex_formulation_on_the_documents(
    seed_paths: dict[str, Path], corpus_dir: Path
) -> None:
    for path in [*seed_paths.values(), *sorted(corpus_dir.iterdir())]:
        text = decode(path.read_bytes(), name=path.name)
        assert periods._clean(text) == _plain(text), path.name


def test_the_last_document_cleaned_is_kept_and_only_it(
    seed_paths: dict[str, Path],
) -> None:
    """A part's text is cleaned twice in a row: the second call gives the kept result,
    and another text never gets it."""
    first, second = (decode(seed_paths[k].read_bytes(), name=k) for k in ("001", "002"))
    assert len(first) > periods._CLEAN_KEPT[0] and len(second) > periods._CLEAN_KEPT[0]
    a = periods._clean(first)
    assert periods._LAST_CLEAN[0] is first
    assert periods._clean(first) is a  # kept: not cleaned again
    assert periods._clean(second) == _plain(second)
    assert periods._clean(first) == a == _plain(first)
    short = "Three Months Ended\u00a0March 31,2003 (a)"
    assert periods._clean(short) == _plain(short) == "three months ended march 31, 2003"
    assert periods._LAST_CLEAN[0] is first  # short texts are not kept


def test_a_year_right_after_a_spaced_year_keeps_its_comma() -> None:
    """The digit before the second comma of "1,2001,2002" belongs to the first match of
    the plain pattern, so only the first year is spaced (as ``re.sub`` does)."""
    assert periods._space_years("1,2001,2002") == "1, 2001,2002"
    assert periods._space_years("31,2003 and 1,2002") == "31, 2003 and 1, 2002"
    assert periods._space_years("no year,2003") == "no year,2003"
