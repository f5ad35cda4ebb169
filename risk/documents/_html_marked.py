""":func:`risk.documents.html_to_text`'s text and table anchors, with libxslt doing the walk.

The Python walk of ``html_to_text`` costs a couple of microseconds per element: on a
large HTML exhibit (a megabyte of table markup) it was a fifth of the reading. Here a
stylesheet writes the text nodes as they are, with a marker character at each block
boundary, each cell boundary and each table's start and end, and nothing of the
elements the walk skips by name (``script``, ``head`` ...). The two rules that need more
than an element's name, an ``ix:header`` element and an inline ``display:none`` style,
are applied by renaming the elements they skip to ``script`` for the transform (the
names are put back before it returns); those with such a style are looked for only when
the markup may hold one (``_MAY_HIDE``). The markers are then folded the way the walk's
accumulator (``_Out``) writes:

- between two words, a run holding a block, table-start or table-end marker is one
  newline; else a run holding white space (what the walk folds) or a cell marker is one
  space; else nothing (adjacent text nodes join);
- a table starts where the next word goes once a pending newline is written (the walk
  writes it at once), and ends where the last word before its end ended.

Markup holding a marker character (or a reference to one) is left to the walk (None), as
is a tree whose tables and the stylesheet's would not pair up. The text and anchors are
the same either way, character for character (``tests/test_html_marked.py`` compares
both on hand-made markup, random markup and every HTML part of the corpus).
"""

from __future__ import annotations

import re

from lxml import etree

from risk.documents._html import _SKIP, HtmlText, TableAnchor, _hidden
from risk.documents._html_xslt import MAY_HIDE_SOURCE, marking_stylesheet

__all__ = ["marked_html_to_text"]

_BLOCK_MARK, _CELL_MARK, _START_MARK, _END_MARK = "\ue001", "\ue002", "\ue003", "\ue004"
_MARKS = (_BLOCK_MARK, _CELL_MARK, _START_MARK, _END_MARK)
_TABLE_MARKS = re.compile(f"([{_START_MARK}{_END_MARK}])")
#: A character reference to a marker character (U+E001 to U+E004), ";" or not.
_MARKER_REF = re.compile(r"&#(?:[xX]0*[eE]00[1-4]|0*5734[5-8])")
#: A ``style`` attribute that may hide an element, in the markup lower-cased.
_MAY_HIDE = re.compile(MAY_HIDE_SOURCE)
_RENAMED = "script"  # a name the stylesheet skips


def _transform() -> etree.XSLT:
    """The stylesheet: markers around block and cell elements and tables."""
    return marking_stylesheet(
        block=(_BLOCK_MARK, _BLOCK_MARK),
        table=(_START_MARK, _END_MARK),
        cell=(_CELL_MARK, _CELL_MARK),
    )


def _separator(run: str, blank: bool) -> str:
    """What a run of markers and white space between two words writes: a newline when
    it holds a block marker, else a space when it holds anything (``blank``), else
    nothing."""
    if _BLOCK_MARK in run:
        return "\n"
    return " " if run or blank else ""


def _fold(piece: str) -> tuple[str, str, str]:
    """A stretch of output between table markers: (the separator before its first word,
    its words with the separators between them, the separator after its last word);
    for a stretch without a word, (its separator, "", "")."""
    spaced = piece.replace("\u200b", " ").replace(_CELL_MARK, " ")
    # str.split() splits at the characters \s matches (str.isspace): with the two that
    # the walk also folds but are not white space, that is its folding
    folded = " ".join(spaced.split())
    ends = " " + _BLOCK_MARK
    body = folded.strip(ends)
    if not body:
        return _separator(folded, spaced[:1].isspace()), "", ""
    lead = _separator(folded[: len(folded) - len(folded.lstrip(ends))], spaced[:1].isspace())
    trail = _separator(folded[len(folded.rstrip(ends)) :], spaced[-1:].isspace())
    if _BLOCK_MARK in body:
        body = body.replace(" " + _BLOCK_MARK, _BLOCK_MARK).replace(_BLOCK_MARK + " ", _BLOCK_MARK)
        body = "\n".join([line for line in body.split(_BLOCK_MARK) if line])
    return lead, body, trail


def _stronger(a: str, b: str) -> str:
    """The separator that wins: a newline over a space over nothing."""
    if a == "\n" or b == "\n":
        return "\n"
    return " " if a or b else ""


def _renamed(root: etree._Element, markup: str) -> list[etree._Element]:
    """The elements skipped for what their name or style says (``ix:header``, an inline
    ``display:none``): the stylesheet skips them once renamed."""
    low = markup.lower()
    found = [e for name in _SKIP if ":" in name and name in low for e in root.iter(name)]
    if _MAY_HIDE.search(low) is not None:
        # _hidden's own first test inline (most elements have no style, or another one):
        # a style starting with a blank is left to it
        found += [
            e
            for e in root.iter(etree.Element)
            if (style := e.get("style")) and style[0] in "dD " and _hidden(e)
        ]
    return found


def _walked_tables(root: etree._Element, renamed: list[etree._Element]) -> list[etree._Element]:
    """The ``<table>`` elements the walk meets, in document order: none skipped (by
    name, or renamed) nor under a skipped element."""
    skipped = [*renamed, *root.iter(*(t for t in _SKIP if ":" not in t))]
    left_out = {table for element in skipped for table in element.iter("table")}
    return [table for table in root.iter("table") if table not in left_out]


def marked_html_to_text(root: etree._Element, markup: str) -> HtmlText | None:
    """``html_to_text(root)`` by the stylesheet, or None where the walk must do it.

    ``markup`` is the text ``root`` was parsed from (:func:`parse_html`): it is searched
    for marker characters and for styles that may hide an element.
    """
    if root.getparent() is not None or root.getroottree().getroot() is not root:
        return None  # a subtree: the stylesheet would read the whole document
    if any(m in markup for m in _MARKS) or ("&#" in markup and _MARKER_REF.search(markup)):
        return None  # the text may hold a marker character
    renamed = _renamed(root, markup)
    tables = _walked_tables(root, renamed)
    names = [element.tag for element in renamed]
    try:
        for element in renamed:
            element.tag = _RENAMED
        marked = str(_transform()(root))
    finally:
        for element, name in zip(renamed, names, strict=True):
            element.tag = name
    pieces = _TABLE_MARKS.split(marked)
    if len(pieces) != 4 * len(tables) + 1:
        return None
    return _anchored(pieces, tables)


def _anchored(pieces: list[str], tables: list[etree._Element]) -> HtmlText | None:
    """The text and table anchors of the stylesheet's output split at its table markers
    (``tables`` in document order, as their start markers stand)."""
    parts: list[str] = []
    length = 0
    line_start = True  # nothing written since the last line break: no separator is due
    pending = ""  # the separator owed before the next word
    opened: list[tuple[etree._Element, int]] = []
    anchors: list[TableAnchor] = []
    next_table = 0
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            lead, body, trail = _fold(piece)
            if not body:
                pending = _stronger(pending, lead)
                continue
            sep = _stronger(pending, lead)
            if sep and not line_start:
                parts.append(sep)
                length += 1
            parts.append(body)
            length += len(body)
            line_start = False
            pending = trail
        elif piece == _START_MARK:
            if length and not line_start:  # the walk starts a table's line at once
                parts.append("\n")
                length += 1
                line_start = True
            pending = ""
            opened.append((tables[next_table], length))
            next_table += 1
        else:
            if not opened:
                return None
            element, start = opened.pop()
            anchors.append(TableAnchor(element=element, start=start, end=length))
            pending = "\n"
    if opened:
        return None
    anchors.sort(key=lambda a: a.start)
    return HtmlText(text="".join(parts), tables=tuple(anchors))
