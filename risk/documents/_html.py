"""HTML documents: safe parsing and reduction to readable text.

:func:`parse_html` parses with lxml's HTML parser (no network; a DOCTYPE that declares entities
is refused like in XML). :func:`html_to_text` reduces the tree to the text a person
reads: block elements on their own lines, table rows one per line with cells separated
by spaces, hidden inline-XBRL headers, scripts and styles dropped. Where each table
starts and ends in that text is recorded, so a table reader can take the heading just
above it as its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from risk.documents._xml import check_doctype
from risk.exceptions import DocumentError

__all__ = ["HtmlText", "TableAnchor", "html_to_text", "parse_html", "tag_name"]

_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div",
        "dl", "dt", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
        "page", "title",
    }
)  # fmt: skip
_CELL = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "head", "ix:header", "noscript", "template", "xml"})
_SPACE = re.compile(r"[\s\u00a0\u2002\u2003\u2009\u200b]+")


def tag_name(element: etree._Element) -> str:
    """The lower-case tag of an element (``ix:nonfraction``), '' for comments and PIs."""
    tag = element.tag
    if type(tag) is not str:
        return ""
    if tag[0] == "{":
        tag = tag.rsplit("}", 1)[1]
    return tag.lower()


def parse_html(data: bytes | str, *, name: str) -> etree._Element:
    """Parse an HTML (or XHTML / inline XBRL) document safely.

    Raises
    ------
    UnsafeDocumentError
        When the DOCTYPE declares entities.
    DocumentError
        When no element can be read.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    check_doctype(raw, name=name, allow_external=True)
    # plain lxml elements (not lxml.html's element classes): the same libxml2 HTML parser,
    # without the per-element class lookup
    # huge_tree: libxml2 otherwise stops descending at 256 nested elements and drops
    # the text below (entities are refused above, so no expansion bomb gets through).
    parser = etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    root = _parse(raw, parser, name=name)
    if _too_deep(parser):
        # Nested past libxml2's limit: the text below would be lost. The layout tags
        # (div, span, font ...) carry no table structure: without them, parse again.
        root = _parse(_FLATTEN.sub(_flattened, raw), parser, name=name)
        if _too_deep(parser):
            raise DocumentError(
                f"the HTML is nested deeper than {MAX_DEPTH} elements, even without its "
                "layout tags (div, span, font ...); its text cannot be read whole",
                source=name,
            )
    return root


#: libxml2's limit of nested elements (with ``huge_tree``): text deeper is dropped.
MAX_DEPTH = 2048
#: Layout tags removed when a document nests past :data:`MAX_DEPTH` (block ones leave a <br>).
_FLATTEN = re.compile(
    rb"</?(div|p|center|blockquote|section|article|span|font|b|i|u|em|strong|a|small|big)\b[^>]*>",
    re.I,
)
_FLAT_BLOCK = frozenset({b"div", b"p", b"center", b"blockquote", b"section", b"article"})


def _flattened(match: re.Match[bytes]) -> bytes:
    return b"<br>" if match.group(1).lower() in _FLAT_BLOCK else b" "


def _parse(raw: bytes, parser: etree.HTMLParser, *, name: str) -> etree._Element:
    try:
        root = etree.fromstring(raw, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise DocumentError(f"the HTML cannot be parsed: {exc}", source=name) from exc
    if root is None:
        raise DocumentError("the HTML holds no element", source=name)
    return root


def _too_deep(parser: etree.HTMLParser) -> bool:
    """True when the last parse stopped descending (libxml2: "Excessive depth")."""
    return any("excessive depth" in e.message.lower() for e in parser.error_log)


#: A figure in a table: three digits or more (a page number or a footnote mark is not).
_FIGURE = re.compile(r"\d[\d,.]{2,}")


@dataclass(frozen=True)
class TableAnchor:
    """Where a ``<table>`` stands in the reduced text: ``[start, end)``."""

    element: etree._Element
    start: int
    end: int


@dataclass(frozen=True)
class HtmlText:
    """The reduced text of an HTML document and where its tables stand in it."""

    text: str
    tables: tuple[TableAnchor, ...]

    def before(self, anchor: TableAnchor, *, lines: int = 6, chars: int = 800) -> str:
        """The last ``lines`` non-empty lines of text before a table (not crossing a table).

        A table that holds no figure (a layout table holding the statement's title,
        "Consolidated Statements of Income / Verizon Communications Inc.") is read as
        text, not as a table to stop at.
        """
        low = anchor.start - chars
        near = [t for t in self.tables if low < t.end <= anchor.start and t is not anchor]
        floor = 0
        for other in sorted(near, key=lambda t: t.end, reverse=True):
            if _FIGURE.search(self.text, other.start, other.end):
                floor = other.end
                break
        chunk = self.text[max(floor, anchor.start - chars) : anchor.start]
        kept = [line.strip() for line in chunk.split("\n") if line.strip()]
        return "\n".join(kept[-lines:])


class _Out:
    """Accumulates text with folded whitespace and collapsed newlines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.newline = False
        self.space = False
        self.line_start = True

    def _write(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def text(self, s: str | None) -> None:
        if not s:
            return
        s = _SPACE.sub(" ", s)
        if s == " ":
            self.space = True
            return
        lead, trail = s[0] == " ", s[-1] == " "
        s = s.strip()
        if self.newline and self.length and not self.line_start:
            self._write("\n")
            self.line_start = True
        elif (self.space or lead) and not self.line_start:
            self._write(" ")
        self._write(s)
        self.newline = False
        self.space = trail
        self.line_start = False

    def block(self) -> None:
        self.newline = True
        self.space = False

    def cell(self) -> None:
        self.space = True

    def flush_newline(self) -> int:
        """Start a new line now (if one is pending) and return the current length."""
        if self.newline and self.length and not self.line_start:
            self._write("\n")
            self.newline = False
            self.line_start = True
            self.space = False
        return self.length


#: lxml's tag (``{namespace}name``, or the Comment/PI factory) -> :func:`tag_name`'s result,
#: filled as tags are met (a document names few distinct tags); bounded.
_TAG_NAMES: dict[object, str] = {}
_TAG_NAMES_MAX = 4096


def _hidden(element: etree._Element) -> bool:
    """An inline ``display:none`` style."""
    style = element.get("style")
    if style is None or style.lstrip(" ")[:1] not in ("d", "D"):
        return False  # most styles start with another property: no need to rewrite them
    return style.replace(" ", "").lower().startswith("display:none")


def html_to_text(root: etree._Element, *, markup: str | None = None) -> HtmlText:
    """Reduce a parsed HTML tree to readable text (see the module docstring).

    ``markup``, the text ``root`` was parsed from (:func:`parse_html`), lets libxslt walk
    the tree instead of Python (:mod:`risk.documents._html_marked`, several times
    sooner): the text and table anchors are the same.
    """
    if markup is not None:
        from risk.documents._html_marked import marked_html_to_text

        marked = marked_html_to_text(root, markup)
        if marked is not None:
            return marked
    return _walk(root)


def _walk(root: etree._Element) -> HtmlText:
    """:func:`html_to_text` by a Python walk of the tree."""
    out = _Out()
    tables: list[TableAnchor] = []
    starts: dict[int, int] = {}
    skipping: etree._Element | None = None
    names = _TAG_NAMES
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = names.get(element.tag)
        if tag is None:
            tag = tag_name(element)
            if len(names) < _TAG_NAMES_MAX:
                names[element.tag] = tag
        if skipping is not None:
            if event == "end" and element is skipping:
                skipping = None
                out.text(element.tail)
            continue
        if event == "start":
            if not tag:
                continue
            if tag in _SKIP or _hidden(element):
                skipping = element
                continue
            if tag in _BLOCK:
                out.block()
            elif tag in _CELL:
                out.cell()
            if tag == "table":
                starts[id(element)] = out.flush_newline()
            if element.text:
                out.text(element.text)
        else:
            if tag in _BLOCK:
                out.block()
            elif tag in _CELL:
                out.cell()
            if tag == "table":
                start = starts.pop(id(element), out.length)
                tables.append(TableAnchor(element=element, start=start, end=out.length))
            if element.tail:
                out.text(element.tail)
    tables.sort(key=lambda a: a.start)
    return HtmlText(text="".join(out.parts), tables=tuple(tables))
