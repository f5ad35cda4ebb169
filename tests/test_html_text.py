"""``html_text``: the text of an HTML fragment as ``html_to_text`` gives it, character for
character, on hand-made fragments (values checked by hand), random ones and every text
block of the corpus's XBRL instances. Signal spans are offsets into the joined text of
the blocks, so one character more or less anywhere would move them."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from risk.documents import _html_text as fast
from risk.documents import html_text, html_to_text, parse_html, parse_xml
from risk.exceptions import DocumentError
from risk.extraction._xbrl import read_xbrl_instance


def _walked(markup: str) -> str:
    return html_to_text(parse_html(markup, name="t")).text


def _both(markup: str) -> tuple[str, str]:
    """(html_text, the walk) of ``markup``, or the error each raised."""
    try:
        walked = _walked(markup)
    except DocumentError as exc:
        walked = f"error: {exc}"
    try:
        read = html_text(markup, name="t")
    except DocumentError as exc:
        read = f"error: {exc}"
    return read, walked


def _plain(markup: str) -> bool:
    return fast._plain(markup.encode("utf-8").lower())


#: (markup, the text read by hand): every one takes the stylesheet's way.
HAND_MADE = [
    ("<p>Going concern</p>", "Going concern"),
    # a keyword split by inline tags reads whole; block tags split it
    ("<p>substantial <b>do</b><i>ubt</i> about</p>", "substantial doubt about"),
    ("<div>go<span>ing</span> <font>con</font>cern</div>", "going concern"),
    ("<div>go</div><div>ing</div>", "go\ning"),
    ("a<br>b<br/>c", "a\nb\nc"),
    # entities, no-break and thin spaces, a zero-width space: folded like any blank
    ("<p>R&amp;D&nbsp;&nbsp;costs&#160;rose&#8217;s</p>", "R&D costs rose’s"),
    ("<p>one\u200btwo\u2009three\u2002four\u00a0five</p>", "one two three four five"),
    ("<p>&lt;b&gt; is text</p>", "<b> is text"),
    ("<p>  lead   and\n\ttrail  </p>", "lead and trail"),
    ("<p>x</p>\n\n   <p>y</p>", "x\ny"),
    # cells: one space between them, a row per line
    ("<table><tr><td>Cash</td><td>1</td></tr><tr><th>Debt</th><td>2</td></tr></table>",
     "Cash 1\nDebt 2"),
    ("<p>a<table><tr><td>1</td></tr></table>b</p>", "a\n1\nb"),
    ("<td>x</td>y", "x y"),
    # a table starting after the last word starts its line at once: a trailing newline
    ("<p>a</p><table></table>", "a\n"),
    ("<p>a</p><table><tr><td> </td></tr></table>", "a\n"),
    ("<table></table>", ""),
    ("<p> </p><div>\n</div>", ""),
    # skipped elements keep their tail
    ("<p>a<script>var x = 1;</script>b</p>", "ab"),
    ("<p>a <style>p {}</style> b</p>", "a b"),
    ("<p>a<noscript>x</noscript><template>y</template>c</p>", "ac"),
    ("<P>Upper <B>Case</B> Tags</P><DIV>next</DIV>", "Upper Case Tags\nnext"),
    ("<p>unclosed <b>bold<p>next", "unclosed bold\nnext"),
    ('<p style="font-weight:bold">visible</p>', "visible"),
    ('<p>a<span style="display:inline-block">shown</span>b</p>', "ashownb"),
    ('<p>a<span style="display: non-e">shown</span>b</p>', "ashownb"),
    ('<li>one</li><li>two</li>', "one\ntwo"),
]  # fmt: skip


@pytest.mark.parametrize(("markup", "expected"), HAND_MADE)
def test_hand_made_fragments(markup: str, expected: str) -> None:
    assert _plain(markup)  # the stylesheet's way, not the Python walk
    assert html_text(markup, name="t") == expected
    assert _walked(markup) == expected


#: Markup the stylesheet does not handle: the Python walk reads it, with the same text.
WALKED = [
    ('<p>a<span style="display:none">hidden</span>b</p>', "ab"),
    ('<p>a<span style=" Display : None ">hidden</span>b</p>', "ab"),
    ('<p>a<span style="&#100;isplay:&#32;none">hidden</span>b</p>', "ab"),
    ("<p>a<span STYLE=DISPLAY:NONE>hidden</span>b</p>", "ab"),
    # a reference anywhere in the value: the walk decides (here nothing is hidden)
    ('<p>a<span style="dis&amp;play:none">shown</span>b</p>', "ashownb"),
    ("<p>a<ix:header>h</ix:header>b</p>", "ab"),
    ("<p>a\ue001b</p>", "a\ue001b"),
    ("<p>a&#xE002;b&#57347;c</p>", "a\ue002b\ue003c"),
]


@pytest.mark.parametrize(("markup", "expected"), WALKED)
def test_what_the_stylesheet_leaves_to_the_walk(markup: str, expected: str) -> None:
    assert not _plain(markup)
    assert html_text(markup, name="t") == expected
    assert _walked(markup) == expected


def test_markup_without_an_element_is_refused_alike() -> None:
    read, walked = _both("")
    assert read == walked == "error: t: the HTML holds no element"


def test_a_marker_character_in_the_text_would_be_misread_without_the_walk() -> None:
    """Why markup holding a marker goes to the walk: the fold alone would read it as a
    line break (so the guard above is needed, and this test can fail)."""
    markup = "<p>a\ue001b</p>"
    root = parse_html(markup, name="t")
    assert fast._fold(str(fast._transform()(root))) == "a\nb"
    assert html_text(markup, name="t") == "a\ue001b"


_TAGS = ["p", "div", "span", "b", "i", "font", "td", "th", "tr", "table", "br", "li", "ul",
         "sup", "a", "script", "style", "h2", "center", "hr", "title", "u"]  # fmt: skip
_STYLES = ["", ' style="font-size:10pt"', ' style="margin:0"', ' style="display:none"',
           ' style="DISPLAY: NONE"', ' style="display:block"', " align=center"]  # fmt: skip
_TEXTS = ["going", "con", "cern", " ", "  ", "\n", "\t", "&nbsp;", "&#160;", "&amp;", "\u200b",
          "\u2009", "&#8203;", "doubt.", "1,234", "(56)", "$", "—", "&lt;", "x&y", "\r\n",
          "\u00a0\u00a0", "Net loss", ""]  # fmt: skip


def _random_fragment(rng: random.Random) -> str:
    out: list[str] = []
    open_tags: list[str] = []
    for _ in range(rng.randint(0, 40)):
        roll = rng.random()
        if roll < 0.35:
            tag = rng.choice(_TAGS)
            style = rng.choice(_STYLES) if rng.random() < 0.3 else ""
            out.append(f"<{tag}{style}>")
            if tag not in ("br", "hr"):
                open_tags.append(tag)
        elif roll < 0.55 and open_tags:
            # close the innermost tag, sometimes one further out (markup as filed is not
            # always well nested)
            tag = open_tags.pop(rng.randrange(len(open_tags)) if rng.random() < 0.2 else -1)
            out.append(f"</{tag}>")
        else:
            out.append(rng.choice(_TEXTS))
    return "".join(out)


def test_random_fragments_read_the_same() -> None:
    rng = random.Random(18)
    plain = 0
    for _ in range(1500):
        markup = _random_fragment(rng)
        plain += _plain(markup)
        read, walked = _both(markup)
        assert read == walked, markup
    assert plain > 500  # many took the stylesheet's way


def _text_blocks(path: Path) -> list[str]:
    instance = read_xbrl_instance(parse_xml(path.read_bytes(), name=path.name))
    return [e.text or "" for e in instance.text_elements if not len(e)]


@pytest.mark.slow
def test_every_text_block_of_the_corpus_instances(corpus_dir: Path) -> None:
    paths = sorted(corpus_dir.glob("*_xbrl.xml"))
    assert len(paths) >= 3
    blocks = 0
    for path in paths:
        for i, markup in enumerate(_text_blocks(path)):
            if not markup.strip():
                continue
            blocks += 1
            assert html_text(markup, name="t") == _walked(markup), f"{path.name} block {i}"
    assert blocks >= 100


#: Every character str.isspace() holds, U+200B, and a few that look alike but are not
#: folded (U+200C, U+2060, U+180E, U+FEFF, U+0084, U+2010).
_SPACES_AND_LOOKALIKES = [chr(c) for c in range(0x3001) if chr(c).isspace()] + [
    "\u200b", "\u200c", "\u2060", "\u180e", "\ufeff", "\x84", "\u2010"
]  # fmt: skip


@pytest.mark.parametrize("char", _SPACES_AND_LOOKALIKES, ids=lambda c: f"U+{ord(c):04X}")
def test_each_space_character_folds_as_the_walk_folds_it(char: str) -> None:
    markup = f"<p>{char}a{char}{char}b {char}</p><table><tr><td>c{char}</td><td>{char}d</td>"
    read, walked = _both(markup)
    assert _plain(markup)
    assert read == walked
    folded = char.isspace() or char == "\u200b"
    assert (read == "a b\nc d") is folded, read


def _reference_fold(marked: str) -> str:
    """The fold as the module docstring states it, token by token."""
    runs = re.findall(r"[^\s\u200b\ue001\ue003]+|[\s\u200b\ue001\ue003]+", marked)
    words = [i for i, run in enumerate(runs) if not run[0].isspace() and run[0] not in _GAPS]
    if not words:
        return ""
    out: list[str] = []
    for i, run in enumerate(runs):
        if i in words:
            out.append(run)
        elif words[0] < i < words[-1]:
            out.append("\n" if "\ue001" in run or "\ue003" in run else " ")
        elif i > words[-1] and "\ue003" in run:
            out.append("\n")  # a table starts after the last word
    return "".join(out)


_GAPS = "\u200b\ue001\ue003"


def test_the_fold_is_the_documented_one() -> None:
    rng = random.Random(1808)
    alphabet = ["a", "b", "’", " ", "\n", "\u00a0", "\u2003", "\u3000", "\x1c", "\u200b",
                "\ue001", "\ue003", "\u200c"]  # fmt: skip
    for _ in range(20000):
        marked = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert fast._fold(marked) == _reference_fold(marked), repr(marked)
