"""The officer cells found around title words are exactly those of the whole-text regex scan.

``officers`` tries the "Name, Title" pattern only in the runs of cell characters that
hold a title word ("CFO", "CEO", "Chief"), with ``endpos`` at the line's end. This
property test holds it to ``_CELL.finditer`` over the whole text on random text built
from names, titles, column gaps, tabs and line breaks (including ``\\r``, form feeds
and Unicode separators, which are not line ends for the regex, and markup that breaks
a run), and on the seeds and corpus documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import risk.signals._cross as cross
from risk.documents import decode

PIECES = [
    "Jane Doe, Chief Executive Officer",
    "Robert Lobban, Interim CFO",
    "Robert Lobban",
    "Mr. Jo Ann Smith-Lee",
    "Dr Ed",
    "O'Neil",
    ", ",
    ",",
    "CFO",
    "CEO",
    "Chief Financial Officer",
    "Chief Executive Officer",
    "Chief",
    " Executive ",
    "Interim ",
    "Acting ",
    "and ",
    "of the ",
    "& ",
    "/",
    "   ",
    "    ",
    " ",
    "\t",
    "\n",
    "\r",
    "\x0c",
    "\u2028",
    "x",
    "A",
    "é",
    "CFOs",
    "xCEO",
    "Mischief",
    "O’Brien",
    "<td>",
    '">',
    "; ",
]


def _whole(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in cross._CELL.finditer(text)]


def _by_lines(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in cross._cells(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_line_scan_equals_whole_text_scan_on_random_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _by_lines(text) == _whole(text)


@pytest.mark.slow
def test_line_scan_equals_whole_text_scan_on_the_documents(
    seed_paths: dict[str, Path], corpus_dir: Path
) -> None:
    found = 0
    paths = [*seed_paths.values(), *sorted(corpus_dir.iterdir())]
    for path in paths:
        text = decode(path.read_bytes(), name=path.name)
        expected = _whole(text)
        assert _by_lines(text) == expected, path.name
        found += len(expected)
    assert found > 0, "no document names an officer: the comparison is empty"
