"""``html_to_text(root, markup=...)``: libxslt walks the tree, with the same text and table
anchors as the Python walk, character for character, on hand-made markup (values checked
by hand), random markup and every HTML part of the corpus. The tables' anchors place
their titles (the text just above them), so one character off would change a title."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree

from risk.documents import PartFormat, decode, html_to_text, parse_html, split_submission
from risk.documents._html import HtmlText, _walk
from risk.documents._html_marked import marked_html_to_text


def _anchors(html: HtmlText) -> list[tuple[etree._Element, int, int]]:
    return [(a.element, a.start, a.end) for a in html.tables]


def _read(markup: str) -> tuple[HtmlText | None, HtmlText]:
    """(the stylesheet's reading or None, the walk's) of ``markup``."""
    root = parse_html(markup, name="t")
    return marked_html_to_text(root, markup), _walk(root)


def _same(markup: str) -> HtmlText | None:
    marked, walked = _read(markup)
    if marked is not None:
        assert marked.text == walked.text, markup
        assert _anchors(marked) == _anchors(walked), markup
    return marked


#: (markup, text, [(start, end) of each table, in the order of their starts]).
HAND_MADE = [
    ("<p>Net sales</p><table><tr><td>Cash</td><td>1</td></tr></table><p>after</p>",
     "Net sales\nCash 1\nafter", [(10, 16)]),
    ("<table><tr><td>a</td></tr></table>", "a", [(0, 1)]),
    # an empty table after the last word: the walk starts its line, then nothing
    ("<p>a</p><table></table>", "a\n", [(2, 2)]),
    ("<table></table><p>b</p>", "b", [(0, 0)]),
    # a table inside a cell of another: the inner one ends first, both start together
    ("<table><tr><td><table><tr><td>x</td><td>1</td></tr></table></td></tr></table>",
     "x 1", [(0, 3), (0, 3)]),
    ("<table><tr><td>head</td></tr><tr><td><table><tr><td>in</td></tr></table></td></tr>"
     "</table>", "head\nin", [(0, 7), (5, 7)]),
    ("<div>x<span>y</span> z<br>w</div>", "xy z\nw", []),
    ("<p>a<script>var x;</script>b</p><table><tr><td>c</td></tr></table>", "ab\nc", [(3, 4)]),
    # hidden and ix:header elements (and tables under them) are skipped, tails kept
    ('<p>a<span style="display:none">no</span>b</p>', "ab", []),
    ('<div style="DISPLAY: None"><table><tr><td>1</td></tr></table></div><p>c</p>', "c", []),
    ('<table style="display:none"><tr><td>1</td></tr></table><table><tr><td>2</td></tr>'
     "</table>", "2", [(0, 1)]),
    ("<p>x<ix:header><table><tr><td>1</td></tr></table></ix:header>y</p>", "xy", []),
    ('<table><tr><td>a</td><td style="display:none">b</td><td>c</td></tr></table>', "a c",
     [(0, 3)]),
]  # fmt: skip


@pytest.mark.parametrize(("markup", "text", "spans"), HAND_MADE)
def test_hand_made_markup(markup: str, text: str, spans: list[tuple[int, int]]) -> None:
    marked = _same(markup)
    assert marked is not None
    assert marked.text == text
    assert [(a.start, a.end) for a in marked.tables] == spans


def test_html_to_text_takes_the_stylesheet_only_with_the_markup() -> None:
    markup = "<p>a</p><table><tr><td>1</td></tr></table>"
    root = parse_html(markup, name="t")
    with_markup = html_to_text(root, markup=markup)
    assert with_markup.text == html_to_text(root).text == "a\n1"
    assert _anchors(with_markup) == _anchors(html_to_text(root))


@pytest.mark.parametrize(
    "markup",
    ["<p>a\ue001b</p>", "<p>a&#xE004;b</p>", "<p>a&#57345;b</p>", "<p>a&#x0e002b</p>"],
)
def test_markup_that_may_hold_a_marker_is_left_to_the_walk(markup: str) -> None:
    marked, walked = _read(markup)
    assert marked is None
    root = parse_html(markup, name="t")
    assert html_to_text(root, markup=markup).text == walked.text


def test_a_subtree_is_left_to_the_walk() -> None:
    root = parse_html("<div><p>a</p></div>", name="t")
    body = root.find("body")
    assert body is not None
    assert marked_html_to_text(body, "<div><p>a</p></div>") is None


def test_renamed_elements_get_their_names_back() -> None:
    markup = '<p>a<ix:header>h</ix:header><span style="display:none">x</span>b</p>'
    root = parse_html(markup, name="t")
    before = [e.tag for e in root.iter()]
    marked = marked_html_to_text(root, markup)
    assert marked is not None and marked.text == "ab"
    assert [e.tag for e in root.iter()] == before


_TAGS = ["p", "div", "span", "b", "td", "th", "tr", "table", "br", "li", "sup", "script",
         "ix:header", "center", "tbody"]  # fmt: skip
_STYLES = ["", ' style="font-size:10pt"', ' style="display:none"', ' style=" Display : none"',
           ' style="display:block"', ' style="&#100;isplay:none"']  # fmt: skip
_TEXTS = ["Net", "sales", " ", "  ", "\n", "\t", "&nbsp;", "&#160;", "\u200b", "\u2009",
          "1,234", "(56)", "$", "&lt;", "\r\n", "Total", ""]  # fmt: skip


def _random_markup(rng: random.Random) -> str:
    out: list[str] = []
    open_tags: list[str] = []
    for _ in range(rng.randint(0, 50)):
        roll = rng.random()
        if roll < 0.4:
            tag = rng.choice(_TAGS)
            style = rng.choice(_STYLES) if rng.random() < 0.3 else ""
            out.append(f"<{tag}{style}>")
            if tag != "br":
                open_tags.append(tag)
        elif roll < 0.6 and open_tags:
            # markup as filed is not always well nested
            tag = open_tags.pop(rng.randrange(len(open_tags)) if rng.random() < 0.2 else -1)
            out.append(f"</{tag}>")
        else:
            out.append(rng.choice(_TEXTS))
    return "".join(out)


def test_random_markup_reads_the_same() -> None:
    rng = random.Random(1818)
    marked = tables = 0
    for _ in range(2000):
        markup = _random_markup(rng)
        try:
            result = _same(markup)
        except Exception as exc:  # both ways must refuse alike
            with pytest.raises(type(exc)):
                _walk(parse_html(markup, name="t"))
            continue
        if result is not None:
            marked += 1
            tables += len(result.tables)
    assert marked > 1500 and tables > 500


def _html_parts(path: Path) -> list[str]:
    text = decode(path.read_bytes(), name=path.name)
    if path.suffix.lower() in (".htm", ".html"):
        return [text]
    parts = split_submission(text, name=path.name).parts
    return [p.text for p in parts if p.format is PartFormat.HTML]


@pytest.mark.slow
def test_every_html_part_of_the_corpus(corpus_dir: Path) -> None:
    read = 0
    for path in sorted(corpus_dir.iterdir()):
        for markup in _html_parts(path):
            if markup.strip():
                read += _same(markup) is not None
    assert read >= 15
