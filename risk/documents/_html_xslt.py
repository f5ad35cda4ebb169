"""What the two libxslt renderings of HTML share: the stylesheet and the hidden-style rule.

:func:`risk.documents._html_marked.marked_html_to_text` (a document's text with its table
anchors) and :func:`risk.documents._html_text.html_text` (an XBRL text block's text) both
let libxslt walk the tree in place of :func:`risk.documents.html_to_text`'s Python walk.
Each writes its own marker characters around block, table and cell elements, but which
elements those are, which are skipped, and when the markup may hide an element by an
inline ``display:none`` style, are the walk's rules (``_html``) and are stated here once.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from risk.documents._html import _BLOCK, _CELL, _SKIP

__all__ = ["MAY_HIDE_SOURCE", "marking_stylesheet"]


def _may_hide_source() -> str:
    rest = ""
    for c in reversed("display:none"):
        rest = re.escape(c) + (r"\s*+(?:&|" + rest + ")" if rest else "")
    return r"style\s*+=\s*+[\"']?\s*+(?:&|" + rest + ")"


#: A ``style`` attribute whose value may read ``display:none`` once its spaces are
#: removed and its letters lowered (as ``_html._hidden`` reads it), to search the markup
#: lower-cased: the letters of "display:none" in turn with blanks between them, where a
#: character reference (``&``) anywhere may stand for any of them. It may match where
#: nothing is hidden (the tree is then looked at); each step has one way on, so the
#: search is linear. Compile it as text, or encoded for markup held as UTF-8 bytes.
MAY_HIDE_SOURCE = _may_hide_source()


@cache
def marking_stylesheet(
    *, block: tuple[str, str], table: tuple[str, str], cell: tuple[str, str]
) -> etree.XSLT:
    """The stylesheet (compiled once per set of marks) writing the text nodes as they
    are, nothing of an element the walk skips by name (its tail is a sibling text node,
    so it is kept), and the given XSLT before and after the content of each block
    element, table and cell element.

    Parameters
    ----------
    block, table, cell : tuple of (str, str)
        The XSLT written before and after such an element's content: text (a marker
        character or its reference) or an ``xsl:text`` element (for white space, which
        a stylesheet otherwise drops).

    Returns
    -------
    lxml.etree.XSLT
        The transform, without file or network access.
    """
    skipped = "|".join(sorted(t for t in _SKIP if ":" not in t))
    blocks = "|".join(sorted(_BLOCK - {"table"}))
    cells = "|".join(sorted(_CELL))
    sheet = (
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="text" encoding="utf-8"/>'
        f'<xsl:template match="{skipped}" priority="10"/>'
        f'<xsl:template match="{blocks}" priority="5">'
        f"{block[0]}<xsl:apply-templates/>{block[1]}</xsl:template>"
        '<xsl:template match="table" priority="5">'
        f"{table[0]}<xsl:apply-templates/>{table[1]}</xsl:template>"
        f'<xsl:template match="{cells}" priority="5">'
        f"{cell[0]}<xsl:apply-templates/>{cell[1]}</xsl:template>"
        "</xsl:stylesheet>"
    )
    # no file or network access (the stubs do not know the constant)
    no_access = etree.XSLTAccessControl.DENY_ALL  # type: ignore[attr-defined]
    return etree.XSLT(etree.fromstring(sheet), regexp=False, access_control=no_access)
