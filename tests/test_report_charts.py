"""The report's charts on the hand-built report: values land where they should.

Each chart is parsed as XML and its shapes' coordinates are checked against the
report's numbers with ratios worked out by hand (so the tests do not restate the
code's scales). The hand-built report is the one of ``test_report_render``.
"""

from __future__ import annotations

import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_report_render import hand_built_report

from risk.report import Band, Direction, Driver, ReportStatus, RiskReport, TrendPoint
from risk.report._charts import chart_drivers, chart_leverage, chart_z_family, charts

NS = "{http://www.w3.org/2000/svg}"


def _svg(report: RiskReport, name: str) -> ET.Element:
    return ET.fromstring(charts(report)[name])


def _by_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [el for el in root.iter(f"{NS}{tag}") if cls in (el.get("class") or "").split()]


def _f(el: ET.Element, name: str) -> float:
    return float(el.get(name, "nan"))


def _texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{NS}text")]


def test_every_chart_is_well_formed_with_a_title_and_a_description() -> None:
    svgs = charts(hand_built_report())
    assert list(svgs) == ["probability", "drivers", "z_family", "leverage", "working_capital"]
    for name, svg in svgs.items():
        root = ET.fromstring(svg)
        assert root.find(f"{NS}title") is not None, name
        desc = root.find(f"{NS}desc")
        assert desc is not None and desc.text, name
        assert root.get("aria-labelledby") == f"chart-{name}-title chart-{name}-desc"
        assert len(svg) < 20_000, (name, len(svg))  # a few kilobytes, not glyph paths


def test_working_capital_bars_are_proportional_and_below_zero() -> None:
    # Working capital -1.319m, -27.352m, -37.147m: three bars hanging from the zero line.
    root = _svg(hand_built_report(), "working_capital")
    bars = _by_class(root, "rect", "bar")
    assert len(bars) == 3
    tops = {_f(b, "y") for b in bars}
    assert len(tops) == 1  # all start at the zero line and go down
    heights = [_f(b, "height") for b in bars]
    assert heights[1] / heights[2] == pytest.approx(27.352 / 37.147, rel=0.01)
    assert heights[0] / heights[2] == pytest.approx(1.319 / 37.147, rel=0.05)
    assert all(b.get("fill") == "#c62828" for b in bars)  # a deficiency is red
    assert "-$27.4m" in _texts(root)


def test_z_points_and_zones_share_one_scale() -> None:
    # Z'' is 1.2, -3.5, -4.4 at the three dates; zones of Z'' cut at 1.10 and 2.60.
    root = _svg(hand_built_report(), "z_family")
    points = _by_class(root, "circle", "altman_z_double_prime")
    ys = [_f(p, "cy") for p in points]
    assert len(ys) == 3
    # Equal value steps are equal pixel steps: (1.2 - -3.5) / (-3.5 - -4.4) = 4.7 / 0.9.
    assert (ys[1] - ys[0]) / (ys[2] - ys[1]) == pytest.approx(4.7 / 0.9, rel=0.01)
    per_unit = (ys[1] - ys[0]) / 4.7  # pixels per unit of Z, downwards
    distress = _by_class(root, "rect", "distress")[0]
    grey = _by_class(root, "rect", "grey")[0]
    # The distress zone's top edge is at 1.10: 0.10 below the first point.
    assert _f(distress, "y") == pytest.approx(ys[0] + 0.10 * per_unit, abs=0.2)
    # The grey zone spans 1.10 to 2.60: 1.5 units high.
    assert _f(grey, "height") == pytest.approx(1.5 * per_unit, abs=0.2)
    # Dates run left to right in order.
    xs = [_f(p, "cx") for p in points]
    assert xs == sorted(xs)
    words = " ".join(_texts(root))
    assert "distress: below 1.10" in words and "safe: above 2.60" in words


def test_leverage_log_scale_spaces_ratios_evenly() -> None:
    # D/E 1.29, 15.9, 85.8: max/min is 66 > 20, so a log scale; pixel steps follow
    # log(15.9 / 1.29) / log(85.8 / 15.9) = 2.5117 / 1.6857 = 1.490.
    root = _svg(hand_built_report(), "leverage")
    ys = [_f(p, "cy") for p in _by_class(root, "circle", "point")]
    assert (ys[0] - ys[1]) / (ys[1] - ys[2]) == pytest.approx(1.490, rel=0.01)
    assert "log scale" in "".join(root.find(f"{NS}title").itertext())  # type: ignore[union-attr]


def test_probability_markers_sit_in_their_bands_on_a_log_axis() -> None:
    # Model 12% (band High, 5%-20%), adjusted 41% (band Very high, 20%-100%).
    root = _svg(hand_built_report(), "probability")
    bands = {b.findtext(f"{NS}title"): b for b in _by_class(root, "rect", "band")}
    very_high = bands["Very high (20.0%–100.0%)"]
    high = bands["High (5.0%–20.0%)"]
    model = _by_class(root, "circle", "model")[0]
    adjusted = _by_class(root, "polygon", "adjusted")[0]
    adjusted_x = float(adjusted.get("points", "").split()[0].split(",")[0])  # top corner
    left, width = _f(very_high, "x"), _f(very_high, "width")
    # On a log axis 41% is log(0.41 / 0.2) / log(1 / 0.2) = 0.7178 / 1.6094 = 0.446 of the band.
    assert (adjusted_x - left) / width == pytest.approx(0.446, abs=0.005)
    assert _f(high, "x") < _f(model, "cx") < _f(high, "x") + _f(high, "width")
    # The report's band is outlined; every cut-off is written.
    assert len(_by_class(root, "rect", "current")) == 1
    words = _texts(root)
    for cut in ("1.0%", "5.0%", "20.0%"):
        assert cut in words
    assert "adjusted 41.0%" in words and "model 12.0%" in words


def test_drivers_are_labelled_in_words_largest_first() -> None:
    # tl_ta +1.2 raises the odds (red, right of zero); sales_ta -0.3 lowers them.
    root = _svg(hand_built_report(), "drivers")
    words = " ".join(_texts(root))
    assert "Total liabilities / total assets" in words
    assert "Revenue / total assets" in words
    assert "tl_ta" not in words and "sales_ta" not in words
    up = _by_class(root, "rect", "up")[0]
    down = _by_class(root, "rect", "down")[0]
    assert _f(up, "y") < _f(down, "y")  # the larger contribution on top
    assert _f(up, "width") / _f(down, "width") == pytest.approx(1.2 / 0.3, rel=0.01)
    assert _f(down, "x") + _f(down, "width") == pytest.approx(_f(up, "x"), abs=0.1)  # at zero
    assert up.get("fill") == "#c62828" and down.get("fill") == "#2e7d32"
    assert up.findtext(f"{NS}title") == "liabilities are 94% of assets"


def test_hostile_names_in_charts_are_text() -> None:
    evil = "<script>alert(1)</script>&\"'"
    report = hand_built_report().model_copy(
        update={
            "drivers": [
                Driver(
                    feature=evil, value=1.0, direction=Direction.UP, contribution=0.5, words=evil
                )
            ],
            "bands": [
                Band(name=evil, lower=0.0, upper=0.3, rank=0),
                Band(name="rest", lower=0.3, upper=1.0, rank=1),
            ],
            "band": None,
        }
    )
    for name, svg in charts(report).items():
        root = ET.fromstring(svg)
        assert "<script" not in svg, name
        assert all(el.tag.removeprefix(NS) != "script" for el in root.iter()), name
    drivers = ET.fromstring(charts(report)["drivers"])
    assert any("<script>" in t for t in _texts(drivers))  # shown, as text


def test_charts_need_data() -> None:
    bare = RiskReport(
        entity="X", as_of=hand_built_report().as_of, status=ReportStatus.INSUFFICIENT_DATA
    )
    assert charts(bare) == {}
    nan_only = bare.model_copy(
        update={"trend": [TrendPoint(period_end=bare.as_of, debt_to_equity=math.inf)]}
    )
    assert chart_leverage(nan_only) is None
    assert chart_z_family(nan_only) is None
    assert chart_drivers(bare) is None


@pytest.mark.slow
def test_rendering_imports_no_plotting_library() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "from test_report_render import hand_built_report; "
        "page = hand_built_report().to_html(); "
        "assert page.count('<svg') == 5; "
        "print(sorted(m for m in ('matplotlib', 'jinja2') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
