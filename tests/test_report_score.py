"""``risk.score`` end to end on the FiberCore seeds, and its input handling.

Expected values are read by hand from the seed press releases
(../shared/seeds); where a number is checked, the comment says where it stands.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import risk
from risk.exceptions import InputError
from risk.financials import Filing
from risk.report import ChecklistStatus, EvidenceKind, ReportStatus, RiskReport, score

# Seed 002 (FY2002 release, May 19 2003), "SELECTED BALANCE SHEET DATA", and seed 001
# (Q1 2003 release, May 22 2003): total liabilities / stockholders' equity, in thousands.
DE_2001 = 49_491 / 38_375  # 002: December 31, 2001 column
DE_2002 = 71_126 / 4_462  # 002 and 001: December 31, 2002
DE_2003Q1 = 77_504 / 903  # 001: March 31, 2003


@pytest.fixture(scope="module")
def fibercore(seed_paths: dict[str, Path]) -> RiskReport:
    return score(list(seed_paths.values()))


def _quotes(report: RiskReport, indicator: str) -> list[str]:
    item = report.checklist_item(indicator)
    assert item is not None, (
        f"checklist has no {indicator!r}: {[c.indicator for c in report.checklist]}"
    )
    assert item.status is ChecklistStatus.PRESENT, (indicator, item)
    return [" ".join(e.text.split()) for e in item.evidence if e.kind is EvidenceKind.QUOTE]


def test_fibercore_headline(fibercore: RiskReport) -> None:
    assert fibercore.entity == "FiberCore, Inc."
    # Seed 003 is the latest release: "CHARLTON, MA - June 11, 2003".
    assert fibercore.as_of == date(2003, 6, 11)
    assert fibercore.horizon_months == 12
    assert fibercore.status is ReportStatus.SCORED
    assert fibercore.probability is not None and fibercore.model_probability is not None
    assert fibercore.band is not None
    assert fibercore.band.lower <= fibercore.probability <= fibercore.band.upper
    ranks = sorted(b.rank for b in fibercore.bands)
    assert fibercore.band.rank in ranks[-2:], "one of the two riskiest bands"
    # The text signals (going-concern doubt ...) can only raise the probability.
    assert fibercore.probability >= fibercore.model_probability
    assert any(a.signal == "going_concern_doubt" for a in fibercore.adjustments)
    assert fibercore.model is not None and fibercore.model.version
    assert len(fibercore.documents) == 4
    assert all(len(d.sha256) == 64 for d in fibercore.documents)


def test_fibercore_checklist_with_quotes(fibercore: RiskReport) -> None:
    # Seed 002, first paragraph: "The Company received an opinion from its auditors,
    # Deloitte & Touche LLP, that questioned the Company's ability to continue as a
    # going concern".
    assert any(
        "ability to continue as a going concern" in q
        for q in _quotes(fibercore, "going_concern_doubt")
    )
    # "The Company must raise approximately $5 million in additional financing soon"
    assert any(
        "$5 million in additional financing" in q
        for q in _quotes(fibercore, "need_for_new_financing")
    )
    # "The Company is also attempting to renegotiate the terms on approximately $18
    # million in short-term debt(s) and notes payable."
    assert any(
        "renegotiate the terms" in q or "restructur" in q
        for q in _quotes(fibercore, "debt_restructuring")
    )
    # "...notified on April 17 that it would be delisted from the Nasdaq SmallCap Market"
    assert any("delisted" in q for q in _quotes(fibercore, "regulatory_noncompliance"))


def test_fibercore_net_current_liabilities_from_the_tables(fibercore: RiskReport) -> None:
    item = fibercore.checklist_item("net_current_liability_position")
    assert item is not None and item.status is ChecklistStatus.PRESENT
    values = [e for e in item.evidence if e.kind is EvidenceKind.VALUE]
    assert values, "the working capital deficiency is evidenced by a value"
    # Seed 001: "Working capital (Deficiency) (37,147)" at March 31, 2003 (in thousands);
    # seed 002: "$(27,352)" at December 31, 2002.
    amounts = {round(e.value) for e in values if e.value is not None}
    assert amounts & {-37_147_000, -27_352_000}
    assert any(s.document for e in values for s in e.sources)


def test_fibercore_trend_debt_to_equity_rises(fibercore: RiskReport) -> None:
    de = {t.period_end: t.debt_to_equity for t in fibercore.trend if t.debt_to_equity is not None}
    assert de[date(2001, 12, 31)] == pytest.approx(DE_2001, rel=1e-3)
    assert de[date(2002, 12, 31)] == pytest.approx(DE_2002, rel=1e-3)
    assert de[date(2003, 3, 31)] == pytest.approx(DE_2003Q1, rel=1e-3)
    series = [de[d] for d in sorted(de) if date(2001, 1, 1) <= d <= date(2003, 12, 31)]
    assert series == sorted(series), "debt to equity rises over 2001-2003"
    wc = {t.period_end: t.working_capital for t in fibercore.trend}
    # Seed 002: "Working capital (Deficiency) $(27,352) $(1,319)" (2002, 2001).
    assert wc[date(2001, 12, 31)] == pytest.approx(-1_319_000)
    assert wc[date(2002, 12, 31)] == pytest.approx(-27_352_000)


def test_fibercore_json_validates_against_schema(fibercore: RiskReport) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from risk.cli._schema import schema_for

    jsonschema.validate(json.loads(fibercore.to_json()), schema_for("report"))
    assert RiskReport.model_validate_json(fibercore.to_json()) == fibercore


def test_fibercore_renders(fibercore: RiskReport) -> None:
    text = fibercore.to_markdown()
    assert text.startswith("# Risk report: FiberCore, Inc.")
    assert "ability to continue as a going concern" in text
    page = fibercore.to_html()
    assert "<script" not in page.lower()
    assert page.count("<svg") >= 4


def test_seed_004_alone_is_insufficient(seed_paths: dict[str, Path]) -> None:
    # Seed 004 states one preliminary figure ("expects to report record revenues of
    # approximately $54 million for 2001") and no statement.
    report = score(seed_paths["004"])
    assert report.status is ReportStatus.INSUFFICIENT_DATA
    assert report.probability is None and report.model_probability is None
    assert report.band is None and report.drivers == []
    missing = " ".join(g.input for g in report.data_gaps)
    assert "total_assets" in missing
    assert "total_liabilities" in missing or "stockholders_equity" in missing
    assert "No probability" in report.to_markdown()
    assert "Insufficient data" in report.to_html()


def test_seed_004_as_of_is_its_release_date(seed_paths: dict[str, Path]) -> None:
    # No SEC header: the date is the release's own, "CHARLTON, Mass., Jan. 14
    # /PRNewswire/", in January 2002 (it announces 2001 revenues and "audited
    # financial statements for 2001 in March, 2002").
    assert score(seed_paths["004"]).as_of == date(2002, 1, 14)


def test_as_of_uses_only_what_was_public(seed_paths: dict[str, Path]) -> None:
    # Seed 002 is dated May 19, 2003; 001 (May 22) and 003 (June 11) come later.
    report = score(list(seed_paths.values()), as_of="2003-05-19")
    assert report.as_of == date(2003, 5, 19)
    used = {Path(d.source).name[:3] for d in report.documents if d.used}
    assert "002" in used and not used & {"001", "003"}
    assert all(Path(s.document).name[:3] == "002" for s in report.signals)
    assert all(t.period_end <= date(2002, 12, 31) for t in report.trend)


def test_bad_as_of_is_an_input_error(seed_paths: dict[str, Path]) -> None:
    with pytest.raises(InputError, match="as_of"):
        score(seed_paths["002"], as_of="19 May 2003")


def _filing(company: str, cik: str | None = None) -> Filing:
    return Filing(source=f"{company}.txt", sha256="0" * 64, company=company, cik=cik)


def test_two_companies_are_refused() -> None:
    with pytest.raises(InputError) as err:
        score([_filing("FiberCore, Inc."), _filing("Acme Widgets Corp")])
    assert "FiberCore, Inc." in str(err.value) and "Acme Widgets Corp" in str(err.value)


def test_two_ciks_are_refused() -> None:
    with pytest.raises(InputError) as err:
        score([_filing("A Inc", cik="1000001"), _filing("B Inc", cik="1000002")])
    assert "1000001" in str(err.value) and "1000002" in str(err.value)


def test_same_company_spelled_differently_is_accepted() -> None:
    from risk.report._inputs import check_one_company

    check_one_company([_filing("FiberCore, Inc."), _filing("FIBERCORE INC")])


def test_table_with_two_entities_is_refused() -> None:
    rows = [
        {"entity": "Alpha", "period_end": "2002-12-31", "months": 12, "total_assets": 1.0e6},
        {"entity": "Beta", "period_end": "2002-12-31", "months": 12, "total_assets": 2.0e6},
    ]
    with pytest.raises(InputError) as err:
        score(rows)
    assert "Alpha" in str(err.value) and "Beta" in str(err.value)


def test_structured_table_is_scored() -> None:
    # A hand-made company: liabilities of 60 and 90 against equity of 40 and 10.
    rows = [
        {
            "entity": "Table Co",
            "period_end": f"{year}-12-31",
            "months": 12,
            "total_assets": 100e6,
            "current_assets": ca,
            "current_liabilities": cl,
            "total_liabilities": tl,
            "stockholders_equity": 100e6 - tl,
            "retained_earnings": re,
            "revenue": 80e6,
            "operating_income": ebit,
            "net_income": ni,
        }
        for year, ca, cl, tl, re, ebit, ni in (
            (2001, 50e6, 30e6, 60e6, 10e6, 5e6, 2e6),
            (2002, 40e6, 60e6, 90e6, -20e6, -20e6, -30e6),
        )
    ]
    report = score(rows)
    assert report.entity == "Table Co"
    assert report.as_of == date(2002, 12, 31)
    assert any(w.code == "as_of_from_period" for w in report.warnings)
    de = {t.period_end: t.debt_to_equity for t in report.trend}
    assert de[date(2001, 12, 31)] == pytest.approx(60 / 40)
    assert de[date(2002, 12, 31)] == pytest.approx(90 / 10)
    wc = {t.period_end: t.working_capital for t in report.trend}
    assert wc[date(2002, 12, 31)] == pytest.approx(-20e6)
    assert report.status is ReportStatus.SCORED
    assert report.probability is not None and 0.0 < report.probability < 1.0
    assert report.band is not None and report.band.lower <= report.probability <= report.band.upper
    assert report.drivers, "a scored report explains itself"
    # as_of before the second year: only 2001 is used.
    early = score(rows, as_of=date(2002, 6, 30))
    assert [t.period_end for t in early.trend] == [date(2001, 12, 31)]


def test_timeline_input(seed_paths: dict[str, Path]) -> None:
    from risk.timelines import timeline

    filings = [risk.extract(p) for p in seed_paths.values()]
    tl = timeline(filings, as_of=date(2003, 6, 11))
    report = score(tl)
    assert report.as_of == date(2003, 6, 11)
    assert report.entity == "FiberCore, Inc."


def test_empty_inputs_are_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        score([])


def test_risk_score_is_public() -> None:
    assert risk.score is score
    assert risk.RiskReport is RiskReport


def test_hostile_company_and_quote_are_escaped_end_to_end() -> None:
    """Text from a filing reaches the HTML only escaped (through the whole pipeline)."""
    from risk.financials import LineItem, PeriodValues, Signal, SignalKind

    name = "<script>document.title='pwned'</script>Evil Corp"
    quote = "We doubt <img src=x onerror=\"document.title='pwned'\"> our ability to continue."
    balances = PeriodValues(
        end=date(2002, 12, 31),
        months=0,
        values={
            LineItem.TOTAL_ASSETS: 100e6,
            LineItem.TOTAL_LIABILITIES: 90e6,
            LineItem.STOCKHOLDERS_EQUITY: 10e6,
            LineItem.WORKING_CAPITAL: -20e6,
            LineItem.RETAINED_EARNINGS: -30e6,
        },
    )
    flows = PeriodValues(
        end=date(2002, 12, 31),
        months=12,
        values={
            LineItem.REVENUE: 50e6,
            LineItem.OPERATING_INCOME: -10e6,
            LineItem.NET_INCOME: -15e6,
        },
    )
    filing = Filing(
        source="<b>evil</b>.txt",
        sha256="1" * 64,
        company=name,
        filed=date(2003, 3, 31),
        periods=[balances, flows],
        signals=[
            Signal(
                kind=SignalKind.GOING_CONCERN_DOUBT,
                quote=quote,
                span=(0, len(quote)),
                document="<b>evil</b>.txt",
            )
        ],
    )
    report = score(filing)
    assert report.entity == name
    assert [s.quote for s in report.signals] == [quote]
    page = report.to_html()
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b>evil" not in lowered
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;Evil Corp" in page
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned&#x27;&quot;&gt;" in page
    text = report.to_markdown()
    assert "<script" not in text.lower() and "<img" not in text.lower()
