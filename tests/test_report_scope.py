"""Scope in the report: a bank's, an insurer's or a finance company's filing gets the
``out_of_scope`` status (no probability, no band; signals and checklist kept), and every
report shows the SIC code with where it came from."""

from __future__ import annotations

import json

import pytest
from statement_docs import submission, table

from risk.batch._scoring import as_score_fields
from risk.cli import main
from risk.exceptions import InputError
from risk.extraction import extract_all
from risk.report import Company, ReportStatus, Scored, score, score_companies

_FINANCE_8K = "1001258_8K_2005_0001125282-05-006555.txt"  # Asta Funding, SIC 6153


def _statements() -> str:
    """Two years of a small company's statements, in our own words (thousands)."""
    return table(
        "CONSOLIDATED BALANCE SHEETS (in thousands)",
        ("December 31, 2023", "December 31, 2022"),
        [
            ("Total current assets", ("4,000", "3,500")),
            ("Total assets", ("$ 10,000", "$ 9,000")),
            ("Total current liabilities", ("2,500", "2,000")),
            ("Long-term debt", ("3,400", "3,200")),
            ("Total liabilities", ("5,900", "5,200")),
            ("Retained earnings", ("1,500", "1,200")),
            ("Total stockholders' equity", ("4,100", "3,800")),
        ],
    ) + table(
        "CONSOLIDATED STATEMENTS OF OPERATIONS (in thousands)",
        ("Year ended December 31, 2023", "Year ended December 31, 2022"),
        [
            ("Revenues", ("12,000", "11,000")),
            ("Operating income", ("900", "800")),
            ("Net income", ("500", "450")),
        ],
    )


def _with_sic(sic_line: str) -> str:
    """The hand-made submission with an industry in its SEC header."""
    doc = submission(_statements())
    key = "\t\tCENTRAL INDEX KEY:\t\t\t0000123456\n"
    assert key in doc
    return doc.replace(key, key + f"\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t{sic_line}\n")


def test_a_hand_made_banks_filing_is_out_of_scope_and_the_same_figures_are_scored_otherwise():
    bank = score(_with_sic("STATE COMMERCIAL BANKS [6022]"))
    assert bank.status is ReportStatus.OUT_OF_SCOPE
    assert bank.probability is None and bank.model_probability is None and bank.band is None
    assert bank.drivers == [] and all(t.probability is None for t in bank.trend)
    assert bank.industry is not None
    assert (bank.industry.sic, bank.industry.scope, bank.industry.category) == (
        "6022",
        "out_of_scope",
        "bank",
    )
    assert bank.industry.source == "SEC header of <text>"
    assert bank.checklist  # the checklist is still given
    assert bank.score("altman_z_prime") is not None
    # The same statements of an industrial company (an override) are scored.
    plant = score(_with_sic("STATE COMMERCIAL BANKS [6022]"), sic="3490")
    assert plant.status is ReportStatus.SCORED and plant.band is not None
    assert plant.industry is not None and plant.industry.source == "given"
    assert plant.industry.scope == "in_scope"


def test_an_insurers_filing_is_out_of_scope_with_the_sic_given(shared_dir):
    # GAINSCO's 10-K is an HTML document without SEC header: no SIC is stated in it.
    path = shared_dir / "corpus" / "docs" / "gainsco_10-K_2009-12-31.html"
    plain = score(path)
    assert plain.industry is not None and plain.industry.sic is None
    assert plain.industry.scope == "unknown" and plain.status is not ReportStatus.OUT_OF_SCOPE
    insurer = score(path, sic=6331)  # fire, marine and casualty insurance
    assert insurer.status is ReportStatus.OUT_OF_SCOPE and insurer.probability is None
    assert insurer.industry is not None and insurer.industry.category == "insurer"
    text = insurer.to_markdown()
    assert "Industry: SIC 6331 (given), out of the model's scope." in text
    assert "Status: out of scope. SIC 6331 (6300-6399: insurance carriers" in text
    assert "Out of scope.</b> SIC 6331" in insurer.to_html()


def test_a_finance_companys_8k_from_the_corpus_is_out_of_scope(shared_dir):
    # Asta Funding's SEC header: "SHORT-TERM BUSINESS CREDIT INSTITUTIONS [6153]".
    report = score(shared_dir / "corpus" / "8-K" / _FINANCE_8K)
    assert report.status is ReportStatus.OUT_OF_SCOPE and report.band is None
    assert report.industry is not None and report.industry.sic == "6153"
    assert report.industry.category == "credit_institution"
    assert report.industry.source is not None and report.industry.source.startswith("SEC header")
    data = json.loads(report.to_json())
    assert data["status"] == "out_of_scope" and data["industry"]["sic"] == "6153"


def test_an_industrial_companys_report_shows_its_sic(shared_dir):
    path = shared_dir / "corpus" / "docs" / "apple_10-K_1997-09-26.txt"
    report = score(path)
    assert report.industry is not None and report.industry.sic == "3571"
    assert report.industry.scope == "in_scope" and report.status is not ReportStatus.OUT_OF_SCOPE
    assert "Industry: SIC 3571 (SEC header of" in report.to_markdown()
    assert "Industry: SIC 3571 (SEC header of" in report.to_html()


def test_the_batch_fields_carry_the_sic_and_the_status():
    filings = extract_all(_with_sic("SAVINGS INSTITUTION, FEDERALLY CHARTERED [6035]"))
    [core] = score_companies([Company(filings, None)])
    assert isinstance(core, Scored)
    fields = as_score_fields(core)
    assert (fields.status, fields.sic, fields.band) == ("out_of_scope", "6035", None)
    assert as_score_fields(score(filings)).sic == "6035"  # from a report too


def test_a_malformed_sic_is_refused_in_one_line(tmp_path, capsys):
    with pytest.raises(InputError, match="four-digit SIC code"):
        score(_with_sic("STATE COMMERCIAL BANKS [6022]"), sic="bank")
    doc = tmp_path / "bank.txt"
    doc.write_text(_with_sic("STATE COMMERCIAL BANKS [6022]"), encoding="utf-8")
    assert main(["score", str(doc), "--industry", "60x2"]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "four-digit SIC code" in err
    assert main(["score", str(doc), "--industry", "3490", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "scored" and data["industry"]["source"] == "given"
