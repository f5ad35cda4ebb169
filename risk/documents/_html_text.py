"""The readable text of an HTML fragment, as :func:`html_to_text` gives it, sooner.

:func:`html_to_text` walks the tree in Python, a few microseconds per element; for the
text blocks of an XBRL instance (a megabyte of table markup, a few thousand words) that
walk was most of the reading time. Here libxslt walks the tree instead and writes the
text with a marker character at each block boundary (``\\ue001``) and table start
(``\\ue003``) and a space at each cell boundary, and a few string passes fold the
whitespace and markers the way ``html_to_text``'s accumulator does:

- a run of whitespace (the characters ``html_to_text`` folds) between two words is one
  space, a run holding a block marker is one newline;
- nothing before the first word; after the last word, a newline when a table starts
  there (``html_to_text`` starts a table's line at once), else nothing.

The stylesheet knows block and cell elements and drops the skipped ones (``script``,
``head`` ...) by name; the two rules that need more than a name, an ``ix:header`` element
and an inline ``display:none`` style, are left to ``html_to_text`` itself: a fragment whose
markup could hold either (or a marker character) is walked in Python as before. The text
is the same either way, character for character (``tests/test_html_text.py`` compares
both on hand-made fragments, random ones and every XBRL text block of the corpus).
"""

from __future__ import annotations

import re

from lxml import etree

from risk.documents._html import html_to_text, parse_html
from risk.documents._html_xslt import MAY_HIDE_SOURCE, marking_stylesheet

__all__ = ["html_text"]

_BLOCK_MARK, _TABLE_MARK = "\ue001", "\ue003"

#: The first two bytes of the markers' UTF-8 (of U+E000 to U+E03F): markup holding them
#: may hold a marker character.
_MARKS_UTF8 = "\ue000".encode("utf-8")[:2]


#: A ``style`` attribute that may hide an element, in the markup lower-cased (UTF-8).
_MAY_HIDE = re.compile(MAY_HIDE_SOURCE.encode("ascii"))
#: A character reference to a marker character (U+E001 to U+E003), lower-cased.
_MARKER_REF = re.compile(rb"&#(?:x0*e00[1-3]|0*5734[5-7])")
_ENDS = " \ue001\ue003"


def _transform() -> etree.XSLT:
    """The stylesheet: a marker at each block boundary and table start, a space at each
    cell boundary."""
    return marking_stylesheet(
        block=("&#xe001;", "&#xe001;"),
        table=("&#xe001;&#xe003;", "&#xe001;"),
        cell=("<xsl:text> </xsl:text>", "<xsl:text> </xsl:text>"),
    )


def _plain(low: bytes) -> bool:
    """False when the markup (UTF-8, ASCII letters lower-cased) may hold what the
    stylesheet does not handle (each test is a search for a literal, done in C)."""
    return (
        b"ix:header" not in low
        # (a search for one byte is far quicker than for two: try the lead byte first)
        and (_MARKS_UTF8[:1] not in low or _MARKS_UTF8 not in low)
        and _MAY_HIDE.search(low) is None
        and _MARKER_REF.search(low) is None
    )


def _fold(marked: str) -> str:
    """The text of the stylesheet's output (see the module docstring)."""
    # str.split() splits at the characters \s matches (str.isspace): with the one
    # that html_to_text also folds but is not whitespace, that is its folding (a cell
    # boundary is written as a space)
    if "\u200b" in marked:
        marked = marked.replace("\u200b", " ")
    folded = " ".join(marked.split())
    body = folded.strip(_ENDS)
    if not body:
        return ""
    # spaces are single now (and the only whitespace left): none is left beside a
    # marker, and a run of markers (with the spaces that stood between them) is one
    # newline (str.strip and the search for one character are done in C and quick)
    if _TABLE_MARK in body:
        body = body.replace(_TABLE_MARK, _BLOCK_MARK)
    text = "\n".join(filter(None, map(str.strip, body.split(_BLOCK_MARK))))
    if _TABLE_MARK in folded[len(folded.rstrip(_ENDS)) :]:
        text += "\n"  # a table starts after the last word: html_to_text starts its line
    return text


def html_text(markup: str | bytes, *, name: str) -> str:
    """``html_to_text(parse_html(markup, name=name)).text``, sooner on most markup.

    ``markup`` is the fragment's text, or its UTF-8 bytes (no copy to make).

    Raises
    ------
    UnsafeDocumentError, DocumentError
        As :func:`parse_html`.
    """
    raw = markup.encode("utf-8") if isinstance(markup, str) else markup
    root = parse_html(raw, name=name)
    if not _plain(raw.lower()):
        return html_to_text(root).text
    return _fold(str(_transform()(root)))
