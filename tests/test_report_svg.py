"""The report's small SVG writer: scales, ticks, label placement, escaping.

Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from risk.report._svg import (
    Drawing,
    Linear,
    Log,
    esc,
    linear_ticks,
    log_ticks,
    num,
    spread,
    wrap,
)

NS = "{http://www.w3.org/2000/svg}"


def test_linear_maps_ends_and_middle() -> None:
    # A y axis: 0 at the bottom (200 px), 10 at the top (20 px); 2.5 is a quarter up.
    y = Linear(0.0, 10.0, 200.0, 20.0)
    assert y(0.0) == 200.0 and y(10.0) == 20.0
    assert y(2.5) == pytest.approx(155.0)
    assert y(-5.0) == pytest.approx(290.0)  # outside the domain: extrapolated
    assert Linear(3.0, 3.0, 0.0, 100.0)(3.0) == 50.0  # empty domain: the middle


def test_log_maps_decades_evenly() -> None:
    # 1e-5 .. 1 over 0 .. 500 px: five decades of 100 px; 1e-3 is two decades in.
    x = Log(1e-5, 1.0, 0.0, 500.0)
    assert x(1e-3) == pytest.approx(200.0)
    assert x(0.1) == pytest.approx(400.0)
    # 0.5 is log10(0.5) = -0.30103 decades below 1: 500 - 30.103.
    assert x(0.5) == pytest.approx(469.897, abs=1e-3)
    assert x(0.0) == 0.0  # no logarithm: drawn at the start
    with pytest.raises(ValueError, match="lo=0"):
        Log(0.0, 1.0, 0.0, 1.0)


def test_linear_ticks_are_round_and_inside() -> None:
    # 0..1 in about five steps: 0.2.
    assert linear_ticks(0.0, 1.0, 5) == pytest.approx([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    # -8.1..4.4 (span 12.5): step 2 gives 6.25 intervals, step 5 gives 2.5; 2 is nearer 5.
    assert linear_ticks(-8.1, 4.4, 5) == [-8.0, -6.0, -4.0, -2.0, 0.0, 2.0, 4.0]
    # -44.6..0 (span 44.6): step 10 gives 4.46 intervals.
    assert linear_ticks(-44.6, 0.0, 5) == [-40.0, -30.0, -20.0, -10.0, 0.0]
    assert linear_ticks(2.0, 2.0) == [2.0]
    assert all(t == round(t, 12) for t in linear_ticks(0.0, 0.3, 3))


def test_log_ticks_are_the_powers_of_ten_inside() -> None:
    assert log_ticks(0.645, 257.4) == [1.0, 10.0, 100.0]
    assert log_ticks(1e-5, 1.0) == pytest.approx([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0])


def test_spread_moves_close_labels_apart_and_keeps_order() -> None:
    # 10 and 12 are 2 apart; with a gap of 10 the second moves to 20; 50 stays.
    assert spread([12.0, 10.0, 50.0], 10.0, 0.0, 100.0) == [20.0, 10.0, 50.0]
    # Three labels crowded at the end: pushed back inside the bound.
    assert spread([98.0, 99.0, 100.0], 10.0, 0.0, 100.0) == [80.0, 90.0, 100.0]
    assert spread([], 10.0, 0.0, 100.0) == []


def test_wrap_balances_two_lines_and_ends_long_text_with_an_ellipsis() -> None:
    text = "change in total liabilities / total assets over the year"  # 56 characters
    assert wrap(text, 60) == [text]
    # Two lines split at the space nearest the middle (character 28): the spaces at 27
    # and 29 are equally near, the later is taken.
    assert wrap(text, 40) == ["change in total liabilities /", "total assets over the year"]
    lines = wrap("word " * 30, 20)
    assert len(lines) == 2 and lines[1].endswith("…") and len(lines[1]) <= 20


def test_esc_escapes_markup_and_drops_control_characters() -> None:
    assert esc("<b>\"A\" & 'B'</b>") == "&lt;b&gt;&quot;A&quot; &amp; &#x27;B&#x27;&lt;/b&gt;"
    assert esc("a\x00b\x1bc\n\n d") == "abc d"
    assert esc(3.5) == "3.5"


def test_num_writes_one_decimal() -> None:
    assert [num(12.0), num(12.04), num(-0.01), num(7)] == ["12", "12", "0", "7"]
    assert num(1.25) in {"1.2", "1.3"} and num(math.pi) == "3.1"


def _hostile_drawing() -> str:
    evil = '<script>alert(1)</script>" onload="alert(2)'
    d = Drawing(300, 100, title=evil, desc=evil + " & more", ident="c1")
    d.text(10, 20, evil)
    d.text(10, 40, [evil, "second line"])
    d.rect(0, 0, 10, 10, "#fff", tooltip=evil, class_=evil)
    d.line(0, 0, 10, 10, evil)
    return d.to_svg()


def test_drawing_escapes_every_string_and_stays_well_formed() -> None:
    svg = _hostile_drawing()
    root = ET.fromstring(svg)  # well-formed XML: no stray & or <
    tags = {el.tag.removeprefix(NS) for el in root.iter()}
    assert "script" not in tags
    assert all(not name.startswith("on") for el in root.iter() for name in el.attrib)
    assert "<script" not in svg
    # The hostile text is there, as text.
    texts = [el.text for el in root.iter(f"{NS}text")]
    assert '<script>alert(1)</script>" onload="alert(2)' in texts


def test_drawing_has_title_and_description_for_screen_readers() -> None:
    d = Drawing(300, 100, title="Debt to equity", desc="1.3 at 2001-12-31", ident="chart-x")
    root = ET.fromstring(d.to_svg())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-x-title chart-x-desc"
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (
        f"{NS}title",
        "chart-x-title",
        "Debt to equity",
    )
    assert (desc.tag, desc.get("id"), desc.text) == (
        f"{NS}desc",
        "chart-x-desc",
        "1.3 at 2001-12-31",
    )
    assert (root.get("width"), root.get("viewBox")) == ("300", "0 0 300 100")


def test_negative_rectangles_are_drawn_from_the_other_corner() -> None:
    # Height -40 from y=100 spans y 60..100; width -20 from x=30 spans x 10..30.
    d = Drawing(100, 200, title="t", desc="d", ident="r")
    d.rect(10, 100, 20, -40, "#000")
    d.rect(30, 20, -20, 10, "#000")
    rects = ET.fromstring(d.to_svg()).findall(f"{NS}rect")
    assert [(r.get("x"), r.get("y"), r.get("width"), r.get("height")) for r in rects] == [
        ("10", "60", "20", "40"),
        ("10", "20", "20", "10"),
    ]
