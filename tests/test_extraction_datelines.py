"""A press release's dateline is looked for only on the lines that can hold one.

``_dateline`` tries each ``_DATELINE`` pattern at the start of the lines holding what
the pattern needs (a dash after a blank; "ire/" of "Newswire/" and "Business Wire/"),
in order: the first match is the one ``pattern.search`` finds on the whole head. Checked
on hand-made releases, random texts built from dateline pieces, and every part of the
seeds and the corpus.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.documents import decode, split_submission
from risk.extraction._text import (
    _DATELINE,
    _DATELINE_NEEDS,
    _DATELINE_SPAN,
    _dateline,
    _first_line_match,
)


def _span(m: object) -> tuple[int, int] | None:
    return None if m is None else m.span()  # type: ignore[attr-defined]


def _same_as_search(text: str) -> None:
    for pattern, needs in zip(_DATELINE, _DATELINE_NEEDS, strict=True):
        expected = pattern.search(text)
        found = _first_line_match(pattern, needs, text)
        assert _span(found) == _span(expected), text
        if expected is not None and found is not None:
            assert found.groupdict() == expected.groupdict()


def test_the_first_dateline_of_a_release_is_read() -> None:
    text = (
        "For immediate release\n"
        "See page 2 - and page 3 (below)\n"
        "CHARLTON, MASS - May 22, 2003 -- FiberCore, Inc. (Nasdaq: FBCE) said today\n"
        "BOSTON - June 1, 2003 -- Other Corp. (NYSE: OTH) said\n"
    )
    assert _dateline(text) == ("FiberCore, Inc.", date(2003, 5, 22))
    _same_as_search(text)


def test_a_wire_dateline_is_read_when_no_dash_dateline_is_printed() -> None:
    text = (
        "Contact: Jane Roe, 555-0100\n"
        "HOUSTON, March 3, 2004 /PRNewswire/ -- Acme Energy Corp. (NYSE: ACM) reported\n"
    )
    assert _dateline(text) == ("Acme Energy Corp.", date(2004, 3, 3))
    _same_as_search(text)


def test_text_without_a_dateline_gives_none() -> None:
    text = "Item 5. Other events - see the exhibit (filed herewith).\nNo dateline here.\n"
    assert _dateline(text) == (None, None)
    _same_as_search(text)


PIECES = [
    "\n",
    " ",
    "\t",
    " - ",
    " -- ",
    "-",
    "\u2013",
    " \u2013 ",
    "BOSTON",
    "Charlton, Mass",
    "May 22, 2003",
    "Jan. 14",
    "March 3, 2004",
    ", ",
    "/PRNewswire/",
    "/Business Wire/",
    "/GlobeNewswire/",
    "ire/",
    "FiberCore, Inc.",
    " (Nasdaq: FBCE)",
    "(",
    "said",
    "x",
    "A",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_the_line_search_is_the_whole_search_on_random_texts(pieces: list[str]) -> None:
    _same_as_search("".join(pieces))


@pytest.mark.slow
def test_the_line_search_is_the_whole_search_on_every_part(
    seed_paths: dict[str, Path], corpus_dir: Path
) -> None:
    parts = 0
    for path in [*seed_paths.values(), *sorted(corpus_dir.iterdir())]:
        text = decode(path.read_bytes(), name=path.name)
        for part in split_submission(text, name=path.name).parts:
            _same_as_search(part.text[:_DATELINE_SPAN])
            parts += 1
    assert parts > 100
