"""The report uses derived inputs and shows how they were derived; a latest period that
lost a core input as implausible is a data gap, never replaced by an older period."""

from __future__ import annotations

import warnings

import pytest
from statement_docs import company_facts, fact, submission, table

from risk.batch._scoring import as_score_fields
from risk.extraction import extract_all
from risk.report import Company, ReportStatus, Scored, score, score_companies
from risk.report._markdown import render_markdown


def _facts(latest_assets: float) -> bytes:
    """Two fiscal years of a healthy company; the latest total assets as given."""
    prior = {"filed": "2023-02-15", "accn": "0000000001-23-000001"}

    def both(old: float, new: float, start: bool = False) -> list[dict[str, object]]:
        return [
            fact(old, "2022-12-31", "2022-01-01" if start else None, **prior),  # type: ignore[arg-type]
            fact(new, "2023-12-31", "2023-01-01" if start else None),
        ]

    return company_facts(
        {
            "Assets": both(1000e6, latest_assets),
            "Liabilities": both(600e6, 650e6),
            "StockholdersEquity": both(400e6, 420e6),
            "AssetsCurrent": both(300e6, 310e6),
            "LiabilitiesCurrent": both(200e6, 210e6),
            "RetainedEarningsAccumulatedDeficit": both(100e6, 110e6),
            "Revenues": both(800e6, 820e6, start=True),
            "OperatingIncomeLoss": both(80e6, 85e6, start=True),
            "NetIncomeLoss": both(50e6, 52e6, start=True),
        }
    )


def test_a_sound_latest_year_is_scored() -> None:
    report = score(_facts(1070e6))
    assert report.status is ReportStatus.SCORED
    assert report.band is not None


@pytest.mark.parametrize("assets", [1e300, -5e8])
def test_absurd_latest_total_assets_give_a_gap_not_a_band(
    assets: float, capfd: pytest.CaptureFixture[str]
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy overflow would raise here
        report = score(_facts(assets))
    assert report.status is ReportStatus.INSUFFICIENT_DATA
    assert report.probability is None and report.band is None
    assert report.drivers == []
    gap = next(g for g in report.data_gaps if g.input == "total_assets for 2023-12-31")
    assert gap.blocks_probability
    assert "the older fiscal year ending 2022-12-31 is not scored in its place" in gap.needed_for[0]
    assert any(w.code == "implausible_value" for w in report.warnings)
    assert capfd.readouterr().err == ""


def test_the_batch_withholds_the_probability_too() -> None:
    """The batch's fields come from the scoring core the report uses: the same gap."""
    filings = extract_all(_facts(-5e8), name="facts.json")
    [core] = score_companies([Company(filings, None)])
    assert isinstance(core, Scored)
    fields = as_score_fields(core)
    want = as_score_fields(score(filings))
    assert fields.status == want.status == "insufficient_data"
    assert fields.probability is None and fields.band is None
    assert [g.input for g in core.refused] == ["total_assets for 2023-12-31"]


def test_derived_total_liabilities_feed_the_features_with_their_formula() -> None:
    # No "Total liabilities" line: 10,000 - 4,100 = 5,900 feeds total liabilities / assets.
    doc = submission(
        table(
            "CONSOLIDATED BALANCE SHEETS (in thousands)",
            ("December 31, 2023", "December 31, 2022"),
            [
                ("Total current assets", ("4,000", "3,500")),
                ("Total assets", ("$ 10,000", "$ 9,000")),
                ("Total current liabilities", ("2,500", "2,000")),
                ("Long-term debt", ("3,400", "3,200")),
                ("Total stockholders' equity", ("4,100", "3,800")),
            ],
        )
    )
    report = score(doc)
    tl_ta = next(f for f in report.features if f.name == "tl_ta")
    assert tl_ta.value == pytest.approx(0.59)
    source = next(p for p in tl_ta.provenance if p.field == "total_liabilities")
    assert source.source == "derived"
    assert source.formula == "total_assets - stockholders_equity"
    assert source.value == 5_900_000.0
    assert "derived as total_assets - stockholders_equity" in render_markdown(report)
    assert "total_liabilities" not in {g.input for g in report.data_gaps}
