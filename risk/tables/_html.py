"""HTML tables to :class:`RawTable`: colspans resolved, ``$``/``(``/``)``/``%`` cells merged.

EDGAR HTML tables print one figure across several ``<td>`` s (``$`` | ``(1,317`` | ``)``)
and put headers in rows whose cells span several grid columns ("Three Months Ended"
over two columns, then "March 31," and "2003" per column). The reader:

1. expands each row to grid positions (colspan) and merges currency, parenthesis and
   percent fragments into the figure they belong to, as they print;
2. finds the value columns as the union of the grid spans of numeric cells in labelled
   rows (the label sits left of the first value column);
3. joins, per value column, the texts of the header rows above it ("Three Months Ended
   March 31, 2003");
4. emits one :class:`RawRow` per labelled or numeric row. A header row met below the
   body starts a new table (several statements printed in one ``<table>``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import lru_cache

from lxml import etree

from risk._lazy import lazy_regex
from risk.documents import HtmlText, tag_name
from risk.tables._raw import STATEMENT_TITLE, RawRow, RawTable

__all__ = [
    "TablePriority",
    "read_html_table",
    "read_html_tables",
    "table_priority",
]

_SPACE = lazy_regex(r"[\s\u00a0\u2002\u2003\u2009\u200b]+")
_NUMBER = lazy_regex(
    r"^[(\-\u2013\u2014]?\s*[$€£]?\s*\(?\s*\d[\d,]*(\.\d+)?\s*\)?\s*%?\s*\)?$|^\(?\s*[$€£]?\s*\.\d+\s*\)?%?$"
)
_DASH = lazy_regex(r"^[$]?\s*[-\u2012\u2013\u2014\u2015]+$")
_CURRENCY = lazy_regex(r"^(\$|US\$|€|£)$")
_CLOSE = lazy_regex(r"^\)?\s*%?\s*\)?$")
_YEAR = lazy_regex(r"^(19|20)\d\d$")
_MAX_SPAN = 60
_HEADING = 100  # longest title line taken for a heading
# A table introduced as a breakdown of the company (by segment, region, product).
_PART = lazy_regex(r"\bsegments?\b|\bgeographic|\bby\s+(?:region|product|category)\b", re.I)


class TablePriority(IntEnum):
    """How far a table's figures are trusted, from its title."""

    STATEMENT = 0  # a primary statement (balance sheet, operations, cash flows)
    OTHER = 1  # any other table with figures (MD&A, selected data, notes)


def table_priority(table: RawTable) -> TablePriority | None:
    """The priority of a table from its title.

    None (leave the table out) for tables introduced as segment or geographic
    breakdowns (tables of other entities: :func:`risk.tables.other_entity`).
    """
    lines = table.title.split("\n")
    if _PART.search("\n".join(lines[-2:])):
        return None
    # a heading line, not a sentence that mentions the statements ("included in the
    # Condensed Consolidated Statements of Operations")
    heading = any(
        len(line) <= _HEADING
        and not line.rstrip().endswith((":", "."))
        and STATEMENT_TITLE.search(line)
        for line in lines[-4:]
    )
    return TablePriority.STATEMENT if heading else TablePriority.OTHER


@dataclass
class _Cell:
    start: int
    end: int
    text: str
    indent: float = 0.0  # left padding/margin/text-indent of the cell, in points


_LENGTH = lazy_regex(r"\s*(-?\d*\.?\d+)\s*(pt|px|em|rem|in|%)?")
_POINTS = {"pt": 1.0, "px": 0.75, "em": 10.0, "rem": 10.0, "in": 72.0, "%": 0.0}
_NBSP_POINTS = 2.5
_INDENT_STEP = 4.0  # offsets closer than this (in points) are one nesting level


#: A CSS length beyond this (in points, about 140 inches) is not an indent: it is ignored,
#: so that a broken style cannot make an indent infinite.
_MAX_POINTS = 10_000.0


def _points(value: str) -> float:
    match = _LENGTH.match(value)
    if match is None:
        return 0.0
    points = float(match.group(1)) * _POINTS[match.group(2) or "px"]
    return points if abs(points) <= _MAX_POINTS else 0.0


@lru_cache(maxsize=4096)  # a document repeats a few styles on every row
def _left(style: str) -> float:
    """The left offset a CSS style declares (padding, margin, text-indent), in points."""
    total = 0.0
    for declaration in style.split(";"):
        key, _, value = declaration.partition(":")
        key = key.strip().lower()
        if key in ("padding-left", "margin-left", "text-indent"):
            total += _points(value)
        elif key in ("padding", "margin"):
            parts = value.split()
            if parts:
                total += _points(parts[{1: 0, 2: 1, 3: 1}.get(len(parts), 3)])
    return total


def _indent(cell: etree._Element, text: str) -> float:
    """How far a cell's text is indented: CSS on the cell and its first nested elements,
    plus leading non-breaking spaces."""
    total = 0.0
    element: etree._Element | None = cell
    for _ in range(4):
        if element is None:
            break
        total += _left(element.get("style") or "")
        element = next((c for c in element if isinstance(c.tag, str)), None)
    raw = _all_text(cell)
    stripped = raw.lstrip(" \n\t\u00a0")
    total += raw[: len(raw) - len(stripped)].count("\u00a0") * _NBSP_POINTS
    return max(total, 0.0)


_SUPER = lazy_regex(r"vertical-align\s*:\s*super", re.I)
_RELATIVE = lazy_regex(r"position\s*:\s*relative", re.I)
_RAISED_TOP = lazy_regex(r"(?:^|;)\s*top\s*:\s*-", re.I)
_MARKER = lazy_regex(r"\(?(?:\d{1,2}|[a-z]|[*\u2020\u2021\u00a7])\)?", re.I)


def _footnote_marker(el: etree._Element) -> bool:
    """A superscript footnote marker ("Profit<sup>1</sup>", or a raised small "1" as
    word processors write it: ``position:relative; top:-3pt``), which is no part of the
    label or the figure."""
    if tag_name(el) != "sup" and not _raised(el.get("style") or ""):
        return False
    return bool(_MARKER.fullmatch(_all_text(el).strip()))


@lru_cache(maxsize=4096)  # a document repeats a few styles on every cell
def _raised(style: str) -> bool:
    """A style that raises its text: ``vertical-align: super``, or ``position: relative``
    with a negative ``top``. An ASCII style naming neither "super" nor "relative" is
    ruled out without the patterns (each tried at every position of a long style)."""
    if style.isascii():
        low = style.lower()
        if "super" not in low and "relative" not in low:
            return False
    return bool(_SUPER.search(style) or (_RELATIVE.search(style) and _RAISED_TOP.search(style)))


def _all_text(element: etree._Element) -> str:
    """``"".join(element.itertext())``: the text of the element and all under it, comments
    and processing instructions left out, as libxml2 serialises it (several times faster
    than the iterator; the same text on every cell of the corpus)."""
    if len(element) == 0:
        return element.text or ""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _cell_text(cell: etree._Element) -> str:
    """The text of a cell, nested tables and footnote markers left out. Walked with a
    stack, not recursion: a cell may nest thousands of elements deep."""
    if len(cell) == 0:
        own = cell.text
        return _SPACE.sub(" ", own).strip() if own else ""
    # an HTML tree's text is str (the stubs allow bytes for other parsers)
    text = _SPACE.sub(" ", _all_text(cell)).strip()
    if not text or _plain(cell):
        # all of it blank (leaving some out cannot print anything), or nothing of it
        # left out or replaced: the text as printed
        return text
    parts: list[str] = []
    stack: list[etree._Element | str] = [cell]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item.text:
            parts.append(item.text)
        pending: list[etree._Element | str] = []
        for child in item:
            tag = tag_name(child)
            if tag == "br":
                pending.append(" ")
            elif tag and tag != "table" and not _footnote_marker(child):
                pending.append(child)
            if child.tail:
                pending.append(child.tail)
        stack.extend(reversed(pending))
    return _SPACE.sub(" ", "".join(parts)).strip()


#: Elements :func:`_cell_text` replaces (``br``) or may leave out (tables, markers).
_NOT_PLAIN = frozenset({"", "br", "table", "sup"})


def _plain(cell: etree._Element) -> bool:
    """True when every element under ``cell`` is one whose text :func:`_cell_text` keeps
    as it stands: no comment or other non-element node, line break, nested table,
    superscript or raised style."""
    names = _NAMES
    for element in cell.iterdescendants():
        tag = element.tag
        if type(tag) is not str:
            return False
        name = names.get(tag)
        if name is None:
            name = _name(element)
        if name in _NOT_PLAIN:
            return False
        style = element.get("style")
        if style and _raised(style):
            return False
    return True


#: lxml tag -> :func:`tag_name` (a document names few distinct tags); bounded.
_NAMES: dict[str, str] = {}
_NAMES_MAX = 4096


def _name(element: etree._Element) -> str:
    """:func:`tag_name` of an element, remembered for its tag when the tag is a string."""
    tag = element.tag
    name = tag_name(element)
    if type(tag) is str and len(_NAMES) < _NAMES_MAX:
        _NAMES[tag] = name
    return name


def _own_rows(table: etree._Element) -> list[etree._Element]:
    rows: list[etree._Element] = []
    for child in table:
        tag = tag_name(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if tag_name(c) == "tr")
    return rows


@lru_cache(maxsize=1024)  # a document writes a few spans over and over
def _span(raw: str | None) -> int:
    """The number of grid columns (``colspan``) or rows (``rowspan``) a cell takes, from
    the attribute's value: 1 when absent or not a number, at most ``_MAX_SPAN``."""
    if raw is None:
        return 1
    try:
        value = int(raw.strip() or "1")
    except ValueError:
        return 1
    return max(1, min(value, _MAX_SPAN))


def _grid(table: etree._Element) -> list[list[_Cell]]:
    """The non-empty cells of each row of a table, on grid positions, fragments merged.

    A cell spanning several rows (``rowspan``, a header's "In millions" beside two
    header rows) holds its grid columns in the rows below it too, so that their cells
    stand over the right columns.
    """
    grid: list[list[_Cell]] = []
    held: dict[int, int] = {}  # grid column -> rows it is still held for
    names = _NAMES
    for tr in _own_rows(table):
        col = 0
        cells: list[_Cell] = []
        taken = {c for c, rows in held.items() if rows > 0} if held else None
        for td in tr:
            tag = td.tag
            name = names.get(tag) if type(tag) is str else ""
            if name is None:
                name = _name(td)
            if name != "td" and name != "th":
                continue
            if taken:
                while col in taken:
                    col += 1
            width = _span(td.get("colspan"))
            if len(td) == 0:  # _cell_text of a cell without children, inline
                own = td.text
                text = _SPACE.sub(" ", own).strip() if own else ""
            else:
                text = _cell_text(td)
            if text:
                indent = _indent(td, text) if not cells else 0.0
                cells.append(_Cell(col, col + width, text, indent))
            if (down := _span(td.get("rowspan"))) > 1:
                for c in range(col, col + width):
                    held[c] = max(held.get(c, 0), down)
            col += width
        if held:
            held = {c: rows - 1 for c, rows in held.items() if rows > 1}
        grid.append(_merge_fragments(cells) if cells else cells)
    return grid


def _merge_fragments(cells: list[_Cell]) -> list[_Cell]:
    """Merge ``$`` and ``(`` into the next cell, ``)`` and ``%`` into the previous one."""
    merged: list[_Cell] = []
    carry: _Cell | None = None
    for cell in cells:
        if carry is not None:
            cell = _Cell(carry.start, cell.end, f"{carry.text}{cell.text}", carry.indent)
            carry = None
        if (_CURRENCY.match(cell.text) or cell.text in ("(", "$(", "($")) and not _is_last(
            cell, cells
        ):
            carry = cell
            continue
        if merged and _CLOSE.match(cell.text) and _is_number(merged[-1].text):
            last = merged[-1]
            merged[-1] = _Cell(last.start, cell.end, f"{last.text}{cell.text}", last.indent)
            continue
        merged.append(cell)
    if carry is not None:
        merged.append(carry)
    return merged


def _is_last(cell: _Cell, cells: list[_Cell]) -> bool:
    return cell is cells[-1]


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def _is_value(text: str) -> bool:
    return _is_number(text) or bool(_DASH.match(text))


def _intervals(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(cell: _Cell, interval: tuple[int, int]) -> int:
    return max(0, min(cell.end, interval[1]) - max(cell.start, interval[0]))


def _best_interval(cell: _Cell, intervals: list[tuple[int, int]], ends: list[int]) -> int | None:
    """The first of the sorted, disjoint ``intervals`` (``ends`` their ends) the cell
    overlaps most, None when it overlaps none: ``max`` by :func:`_overlap` over the
    intervals it meets (those it does not meet overlap it by 0)."""
    best, most = None, 0
    i = bisect_right(ends, cell.start)
    while i < len(intervals) and intervals[i][0] < cell.end:
        overlap = _overlap(cell, intervals[i])
        if overlap > most:
            best, most = i, overlap
        i += 1
    return best


def _is_body(row: list[_Cell]) -> bool:
    """A labelled row with at least one figure right of its label."""
    if len(row) < 2 or _is_value(row[0].text):
        return False
    return any(_is_number(c.text) for c in row[1:])


def read_html_table(
    table: etree._Element,
    *,
    title: str,
    document: str,
    document_type: str | None = None,
) -> list[RawTable]:
    """Read one ``<table>`` into raw tables (several when it prints several statements).

    Parameters
    ----------
    table : lxml element
        The ``<table>`` element.
    title : str
        The text just above the table (headings, "(in thousands)").
    document, document_type : str
        For provenance.

    Returns
    -------
    list of RawTable
        Empty when the table holds no figures in labelled rows.
    """
    grid = _grid(table)
    body_spans = [
        (c.start, c.end) for row in grid if _is_body(row) for c in row[1:] if _is_number(c.text)
    ]
    if not body_spans:
        return []
    intervals = _intervals(body_spans)
    ends = [end for _, end in intervals]
    label_end = intervals[0][0]
    tables: list[RawTable] = []
    headers: list[list[_Cell]] = []
    rows: list[RawRow] = []
    points: list[float] = []  # label indent of each row, in points
    corner: list[str] = []
    notes: list[str] = []

    def flush() -> None:
        if rows and any(any(c for c in r.cells) for r in rows):
            columns = tuple(_header_text(headers, iv, label_end) for iv in intervals)
            full_title = "\n".join([title, *corner]).strip()
            tables.append(
                RawTable(
                    title=full_title,
                    columns=columns,
                    rows=_with_depths(rows, points),
                    document=document,
                    document_type=document_type,
                    notes=tuple(notes),
                )
            )

    for row in grid:
        if not row:
            continue
        # a cell that starts left of the first value column is a label, even when it
        # spans into the value columns (a section heading such as "ASSETS:")
        label_cells = [c for c in row if c.start < label_end]
        value_cells = [c for c in row if c.start >= label_end]
        label = " ".join(c.text for c in label_cells)
        indent = label_cells[0].indent if label_cells else 0.0
        has_figure = any(_is_number(c.text) for c in value_cells)
        value_texts = [c for c in value_cells if not _is_value(c.text)]
        if not label and value_cells and (not has_figure or _all_years(value_cells)):
            # a header row: above the body, or starting a new statement below it
            if rows:
                flush()
                rows, points, headers, corner = [], [], [], []
            headers.append(value_cells)
            continue
        if not rows and not has_figure and not value_texts and not headers and label:
            # text above the body on the label side ("(in thousands)") before any header
            corner.append(label)
            continue
        if not rows and label and value_cells and _all_years(value_cells):
            # "(In thousands)  2003  2002": a header row with a note on the label side
            headers.append(value_cells)
            corner.append(label)
            continue
        if not has_figure and not any(_is_value(c.text) for c in value_cells):
            if label and not value_cells:
                rows.append(RawRow(label=label, cells=("",) * len(intervals)))
                points.append(indent)
            elif label and value_texts and not rows:
                headers.append(value_cells)
                corner.append(label)
            elif label:
                rows.append(RawRow(label=label, cells=("",) * len(intervals)))
                points.append(indent)
            continue
        cells = [""] * len(intervals)
        for c in value_cells:
            best = _best_interval(c, intervals, ends)
            if best is None:
                notes.append(f"cell {c.text!r} of row {label!r} is outside every value column")
                continue
            cells[best] = f"{cells[best]} {c.text}".strip() if cells[best] else c.text
        rows.append(RawRow(label=label, cells=tuple(cells)))
        points.append(indent)
    flush()
    return tables


def _with_depths(rows: list[RawRow], points: list[float]) -> tuple[RawRow, ...]:
    """Rows with ``indent`` set to the nesting depth: the rank of each row's label offset
    among the distinct offsets of the table (0 for the leftmost labels)."""
    buckets = [round(p / _INDENT_STEP) for p in points]
    rank = {level: i for i, level in enumerate(sorted(set(buckets)))}
    return tuple(replace(row, indent=rank[b]) for row, b in zip(rows, buckets, strict=True))


def _all_years(cells: list[_Cell]) -> bool:
    figures = [c.text for c in cells if _is_number(c.text)]
    return bool(figures) and all(_YEAR.match(t) for t in figures)


def _header_text(headers: list[list[_Cell]], interval: tuple[int, int], label_end: int) -> str:
    pieces: list[str] = []
    for row in headers:
        for cell in row:
            if cell.end <= label_end or _overlap(cell, interval) == 0:
                continue
            if not pieces or pieces[-1] != cell.text:
                pieces.append(cell.text)
    return " ".join(pieces)


def read_html_tables(
    html: HtmlText, *, document: str, document_type: str | None = None
) -> list[RawTable]:
    """Every table of a reduced HTML document that holds figures, as raw tables.

    Each table's title is the text just above it (up to six lines, not crossing the
    previous table).
    """
    out: list[RawTable] = []
    for anchor in html.tables:
        out.extend(
            read_html_table(
                anchor.element,
                title=html.before(anchor),
                document=document,
                document_type=document_type,
            )
        )
    return out
