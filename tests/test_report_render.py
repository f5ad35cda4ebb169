"""The report renderers (Markdown, HTML, JSON) on hand-built reports.

The reports here are built by hand, so these tests do not depend on extraction,
features or the model. Their numbers are arbitrary but consistent (e.g. the
adjusted probability is in the band the report names).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from risk.report import (
    Adjustment,
    Band,
    ChecklistItem,
    ChecklistStatus,
    DataGap,
    Direction,
    Driver,
    Evidence,
    EvidenceKind,
    FeatureEntry,
    InputDocument,
    ModelInfo,
    PublishedScore,
    ReportStatus,
    ReportWarning,
    RiskReport,
    SignalEntry,
    TrendPoint,
    ValueSource,
)
from risk.report._html import render_html
from risk.report._markdown import render_markdown

HOSTILE_NAME = "<script>document.title='pwned'</script>Evil & Co"
HOSTILE_QUOTE = "We doubt <img src=x onerror=\"document.title='pwned2'\"> our survival $5 million."
HOSTILE_DOC = "</code><marquee>moving</marquee>.txt"

BANDS = [
    Band(name="Low", lower=0.0, upper=0.01, rank=0, source="hand-built"),
    Band(name="Moderate", lower=0.01, upper=0.05, rank=1, source="hand-built"),
    Band(name="High", lower=0.05, upper=0.20, rank=2, source="hand-built"),
    Band(name="Very high", lower=0.20, upper=1.0, rank=3, source="hand-built"),
]


def hand_built_report(
    *,
    entity: str = "FiberCore, Inc.",
    quote: str = "The auditors doubt the going concern.",
    document: str = "/data/002_release.txt",
) -> RiskReport:
    """A scored report with every section filled."""
    wc_source = ValueSource(
        field="working_capital",
        period_end=date(2002, 12, 31),
        months=0,
        value=-27_352_000.0,
        document=document,
        line=212,
        label="Working capital (Deficiency)",
        raw="$(27,352)",
        source="table",
    )
    return RiskReport(
        entity=entity,
        cik="1000000",
        as_of=date(2003, 6, 11),
        status=ReportStatus.SCORED,
        model_probability=0.12,
        probability=0.41,
        adjustments=[
            Adjustment(
                signal="going_concern_doubt",
                factor=5.1,
                log_odds=1.63,
                source="hand-built",
                evidence=[
                    Evidence(kind=EvidenceKind.QUOTE, text=quote, document=document, span=(10, 60))
                ],
            )
        ],
        band=BANDS[3],
        bands=BANDS,
        scores=[
            PublishedScore(
                name="altman_z_double_prime",
                label="Altman Z''",
                value=-3.5,
                zone="distress",
                cutoffs=[1.10, 2.60],
                period_end=date(2002, 12, 31),
            ),
            PublishedScore(
                name="altman_z",
                label="Altman Z",
                value=None,
                missing=["market_value_equity"],
            ),
        ],
        features=[
            FeatureEntry(
                name="working_capital",
                value=-27_352_000.0,
                period_end=date(2002, 12, 31),
                provenance=[wc_source],
            ),
        ],
        drivers=[
            Driver(
                feature="tl_ta",
                value=0.94,
                direction=Direction.UP,
                contribution=1.2,
                words="liabilities are 94% of assets",
            ),
            Driver(
                feature="sales_ta",
                value=0.34,
                direction=Direction.DOWN,
                contribution=-0.3,
                words="revenue / total assets",
            ),
        ],
        checklist=[
            ChecklistItem(
                indicator="going_concern_doubt",
                label="Going-concern doubt expressed",
                status=ChecklistStatus.PRESENT,
                evidence=[
                    Evidence(kind=EvidenceKind.QUOTE, text=quote, document=document, span=(10, 60))
                ],
                reference="ISA 570.A3",
            ),
            ChecklistItem(
                indicator="net_current_liabilities",
                label="Net current liability position",
                status=ChecklistStatus.PRESENT,
                evidence=[
                    Evidence(
                        kind=EvidenceKind.VALUE,
                        text="Working capital -27,352,000 at 2002-12-31",
                        value=-27_352_000.0,
                        sources=[wc_source],
                    )
                ],
            ),
            ChecklistItem(
                indicator="covenant_breach",
                label="Default or covenant breach",
                status=ChecklistStatus.UNKNOWN,
                note="no loan agreement in the inputs",
            ),
        ],
        signals=[
            SignalEntry(kind="going_concern_doubt", quote=quote, document=document, span=(10, 60))
        ],
        trend=[
            TrendPoint(
                period_end=date(2001, 12, 31),
                altman_z_prime=1.5,
                altman_z_double_prime=1.2,
                debt_to_equity=1.29,
                working_capital=-1_319_000.0,
            ),
            TrendPoint(
                period_end=date(2002, 12, 31),
                altman_z_prime=0.2,
                altman_z_double_prime=-3.5,
                debt_to_equity=15.9,
                working_capital=-27_352_000.0,
                probability=0.41,
                band="Very high",
            ),
            TrendPoint(
                period_end=date(2003, 3, 31),
                altman_z_double_prime=-4.4,
                debt_to_equity=85.8,
                working_capital=-37_147_000.0,
            ),
        ],
        data_gaps=[DataGap(input="market_value_equity", needed_for=["Altman Z (1968)"])],
        warnings=[ReportWarning(code="check_failed", message="a check failed", document=document)],
        model=ModelInfo(name="distress-logit", version="1.0", sha256="0" * 64),
        documents=[
            InputDocument(source=document, sha256="a" * 64, company=entity, filed=date(2003, 5, 19))
        ],
        risk_version="0.1.0",
    )


def hostile_report() -> RiskReport:
    return hand_built_report(entity=HOSTILE_NAME, quote=HOSTILE_QUOTE, document=HOSTILE_DOC)


def insufficient_report() -> RiskReport:
    return RiskReport(
        entity="FiberCore, Inc.",
        as_of=date(2002, 1, 14),
        status=ReportStatus.INSUFFICIENT_DATA,
        data_gaps=[
            DataGap(
                input="total_assets",
                needed_for=["the model's probability"],
                blocks_probability=True,
            ),
            DataGap(
                input="net_income", needed_for=["the model's probability"], blocks_probability=True
            ),
        ],
    )


# --------------------------------------------------------------------------- JSON


def test_json_round_trip_and_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from risk.cli._schema import schema_for

    report = hand_built_report()
    text = report.to_json()
    assert RiskReport.model_validate_json(text) == report
    jsonschema.validate(json.loads(text), schema_for("report"))
    jsonschema.validate(json.loads(insufficient_report().to_json()), schema_for("report"))


def test_schema_rejects_probability_above_one() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from risk.cli._schema import schema_for

    data = json.loads(hand_built_report().to_json())
    data["probability"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema_for("report"))


# --------------------------------------------------------------------------- Markdown


def test_markdown_sections_and_headline() -> None:
    text = render_markdown(hand_built_report())
    first = text.splitlines()[0]
    assert first == "# Risk report: FiberCore, Inc."
    assert "41.0%" in text and "Very high" in text
    for heading in ("## Drivers", "## Going-concern checklist", "## Published scores", "## Trend"):
        assert heading in text
    # The quote and where it stands.
    assert "The auditors doubt the going concern." in text
    assert "characters 10–60" in text
    # Trend rows in date order, one per period.
    rows = [ln for ln in text.splitlines() if re.match(r"\| \d{4}-\d\d-\d\d \|", ln)]
    assert [r[2:12] for r in rows] == ["2001-12-31", "2002-12-31", "2003-03-31"]


def test_markdown_insufficient_names_missing_inputs() -> None:
    text = render_markdown(insufficient_report())
    assert "No probability" in text
    assert "insufficient data" in text
    assert "`total_assets`" in text and "`net_income`" in text
    assert "%" not in text.split("## Drivers")[0].replace("horizon", "")


def test_markdown_escapes_document_text() -> None:
    text = render_markdown(hostile_report())
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert "&lt;script&gt;" in text


# --------------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    """Tags and attributes of a page, and the page's title (not the charts' titles)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.title = ""
        self._in_title = False
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self._svg_depth += tag == "svg"
        self._in_title = tag == "title" and not self._svg_depth

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        self._svg_depth -= tag == "svg"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_html_is_self_contained_with_charts() -> None:
    page = render_html(hand_built_report())
    parsed = _Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags
    # One chart per kind the report has data for: probability, drivers, Z family,
    # leverage, working capital.
    assert parsed.tags.count("svg") == 5
    for chart in ("probability", "drivers", "z_family", "leverage", "working_capital"):
        assert f'id="chart-{chart}"' in page
    # Offline: no reference to anything outside the file.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "Content-Security-Policy" in page and "script-src 'none'" in page
    # "Very high" is the riskiest of the four bands: the headline is marked as such.
    assert 'class="headline risk-high"' in page


def test_html_ids_unique_and_charts_labelled() -> None:
    """Several SVGs in one page: every id is unique, and each chart names its title and desc."""
    page = render_html(hand_built_report())
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for ref in re.findall(r'aria-labelledby="([^"]+)"', page):
        for target in ref.split():
            assert target in ids
    assert page.count("<title id=") == page.count("<desc id=") == 5


def test_html_escapes_hostile_text() -> None:
    page = render_html(hostile_report())
    parsed = _Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert "img" not in parsed.tags
    assert "marquee" not in parsed.tags
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    assert "<script" not in page.lower()
    # The hostile strings are shown as text.
    assert html.escape(HOSTILE_NAME) in page
    assert parsed.title == f"Risk report: {HOSTILE_NAME}"
    assert "onerror=&quot;document.title" in page


def test_html_insufficient_data() -> None:
    page = render_html(insufficient_report())
    assert "Insufficient data" in page
    assert "<code>total_assets</code>" in page
    parsed = _Collector()
    parsed.feed(page)
    assert "svg" not in parsed.tags  # no trend, no probability: nothing to draw


def test_dollar_in_labels_does_not_break_charts() -> None:
    """A label with ``$``, ``\\`` and braces (mathtext for some plotting libraries) is text."""
    report = hand_built_report()
    report = report.model_copy(
        update={
            "drivers": [
                Driver(
                    feature="$x_{1}$ \\frac",
                    value=1.0,
                    direction=Direction.UP,
                    contribution=0.5,
                    words="$5 million",
                )
            ]
        }
    )
    page = render_html(report)
    assert 'id="chart-drivers"' in page
    chart = page.split('id="chart-drivers"')[1].split("</svg>")[0]
    assert "$x {1}$ \\frac" in chart  # the readable name of an unknown feature, verbatim


# --------------------------------------------------------------------------- browser

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)


def _chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.browser
@pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (.ci/run installs it)"
)
@pytest.mark.slow
def test_browser_renders_charts_and_runs_no_script(tmp_path: Path) -> None:
    Image = pytest.importorskip("PIL.Image")
    page = tmp_path / "report.html"
    page.write_text(render_html(hostile_report()), encoding="utf-8")
    url = page.as_uri()

    dom = _chromium(["--dump-dom", url], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = dom.stdout
    # The title was not changed by the hostile name or the onerror attribute.
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    assert title is not None
    assert html.unescape(title.group(1)) == f"Risk report: {HOSTILE_NAME}"
    assert "pwned" not in html.unescape(title.group(1)).split("</script>")[-1]
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert text.count("<svg") == 5

    png = tmp_path / "report.png"
    shot = _chromium(["--screenshot=" + str(png), "--window-size=1200,3000", url], tmp_path)
    assert png.exists(), shot.stderr[-2000:]
    with Image.open(png) as img:
        rgb = np.asarray(img.convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    # Coloured pixels (not white, not grey text) come from the charts: zone bands,
    # band segments, series lines and bars.
    coloured = (rgb.max(axis=2) - rgb.min(axis=2)) > 30
    assert coloured.mean() > 0.02
    # The Z'' series colour (#6a1b9a) appears only in the Z-family chart.
    purple = (abs(r - 0x6A) < 25) & (abs(g - 0x1B) < 25) & (abs(b - 0x9A) < 25)
    assert purple.sum() > 50
    # The red of the bars that raise the risk (#c62828): the drivers and working capital.
    red = (abs(r - 0xC6) < 20) & (abs(g - 0x28) < 20) & (abs(b - 0x28) < 20)
    assert red.sum() > 2000
