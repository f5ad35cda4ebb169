"""The model's scope by industry: SIC codes from SEC headers against ``sic_scope.json``."""

from __future__ import annotations

import json

import pytest
from corpus_filings import extract_once

from risk.exceptions import InputError
from risk.extraction import extract
from risk.scope import ScopeCategory, ScopeRules, ScopeStatus, filings_scope, scope
from risk.scope._scope import SCOPE_RULES


def _made_up_submission(name: str, sic_line: str) -> str:
    """A small submission in our own words with an SEC header stating an industry."""
    return (
        "<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t10-K\nFILED AS OF DATE:\t\t20100315\n"
        f"FILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\t{name}\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000000001\n"
        f"\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t{sic_line}\n"
        "</SEC-HEADER>\n<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nThe company had a good year.\n"
        "</TEXT>\n</DOCUMENT>\n"
    )


@pytest.mark.parametrize(
    ("sic", "category"),
    [
        ("6022", ScopeCategory.BANK),  # state commercial banks
        ("6035", ScopeCategory.BANK),  # savings institutions, federally chartered
        ("6141", ScopeCategory.CREDIT_INSTITUTION),  # personal credit institutions
        ("6211", ScopeCategory.BROKER_DEALER),  # security brokers and dealers
        ("6311", ScopeCategory.INSURER),  # life insurance
        ("6331", ScopeCategory.INSURER),  # fire, marine and casualty insurance
        ("6726", ScopeCategory.FUND),  # closed-end investment offices
        ("6770", ScopeCategory.BLANK_CHECK),  # SPACs
    ],
)
def test_financial_industries_are_out_of_scope_with_their_reason(sic, category):
    result = scope(sic)
    assert result.status is ScopeStatus.OUT_OF_SCOPE
    assert result.category is category and result.sic == sic
    assert sic in result.reason and "out of the model's scope" in result.reason


def test_industrials_and_the_kept_financial_neighbours_are_in_scope():
    for sic in ("3674", "3571", "4911", "2834", 100):
        result = scope(sic)
        assert result.status is ScopeStatus.IN_SCOPE and result.category is None
    assert scope(100).sic == "0100"  # an int is zero-padded
    reit = scope("6798")
    assert reit.status is ScopeStatus.IN_SCOPE and "mortgage REIT" in reit.reason


def test_no_sic_means_unknown_and_a_bad_one_is_refused():
    for sic in (None, "0000"):
        result = scope(sic)
        assert result.status is ScopeStatus.UNKNOWN and result.sic is None
        assert "give the SIC code" in result.reason
    for bad in ("602", "60221", "bank", True, -5):
        with pytest.raises(InputError, match="four-digit SIC code"):
            scope(bad)


def test_a_banks_and_an_insurers_filing_are_out_of_scope():
    bank = extract(_made_up_submission("FIRST EXAMPLE BANCORP", "STATE COMMERCIAL BANKS [6022]"))
    insurer = extract(
        _made_up_submission("EXAMPLE CASUALTY GROUP", "FIRE, MARINE & CASUALTY INSURANCE [6331]")
    )
    assert (bank.sic, insurer.sic) == ("6022", "6331")
    assert filings_scope([bank]).category is ScopeCategory.BANK
    assert filings_scope([insurer]).category is ScopeCategory.INSURER


def test_a_finance_companys_8k_from_the_corpus_is_out_of_scope(shared_dir):
    # Asta Funding (consumer receivables): "SHORT-TERM BUSINESS CREDIT INSTITUTIONS [6153]".
    filing = extract_once(
        shared_dir / "corpus" / "8-K" / "1001258_8K_2004_0001125282-04-000379.txt"
    )
    assert filing.company == "ASTA FUNDING INC" and filing.sic == "6153"
    result = filings_scope([filing])
    assert result.status is ScopeStatus.OUT_OF_SCOPE
    assert result.category is ScopeCategory.CREDIT_INSTITUTION


def test_an_industrials_filing_is_in_scope_with_its_sic(shared_dir, corpus_dir):
    # Pericom Semiconductor: "SEMICONDUCTORS & RELATED DEVICES [3674]".
    pericom = extract_once(
        shared_dir / "corpus" / "8-K" / "1001426_8K_2002_0001012870-02-001163.txt"
    )
    assert pericom.sic == "3674"
    result = filings_scope([pericom])
    assert result.status is ScopeStatus.IN_SCOPE and result.sic == "3674"
    apple = extract_once(corpus_dir / "apple_10-K_1997-09-26.txt")  # ELECTRONIC COMPUTERS [3571]
    assert filings_scope([apple]).sic == "3571"


def test_filings_without_a_header_have_an_unknown_scope_until_the_sic_is_given(corpus_dir):
    # GAINSCO (an insurer) and Commonwealth Income & Growth Fund V are bare HTML 10-Ks:
    # no SEC header, so no SIC in the file. The caller's code decides.
    names = (
        "gainsco_10-K_2009-12-31.html",
        "commonwealth-income-growth-fund-v_10-K_2015-12-31.html",
    )
    for name in names:
        filing = extract_once(corpus_dir / name)
        assert filing.sic is None
        assert filings_scope([filing]).status is ScopeStatus.UNKNOWN
    gainsco = extract_once(corpus_dir / "gainsco_10-K_2009-12-31.html")
    assert filings_scope([gainsco], sic="6331").category is ScopeCategory.INSURER


def test_differing_codes_across_filings_use_the_latest_filing_and_say_so():
    old = extract(_made_up_submission("MORPHING CO", "WIDGETS [3531]"))
    new = extract(_made_up_submission("MORPHING CO", "STATE COMMERCIAL BANKS [6022]"))
    new = new.model_copy(update={"filed": old.filed.replace(year=2012)})
    result = filings_scope([new, old])
    assert result.sic == "6022" and "3531" in result.reason


def test_the_rule_file_refuses_unknown_keys_and_overlapping_ranges(tmp_path):
    base = SCOPE_RULES.model_dump(mode="json")
    typo = json.loads(json.dumps(base))
    typo["out_of_scope"][0]["reasn"] = "typo"
    overlap = json.loads(json.dumps(base))
    overlap["out_of_scope"][1]["first"] = 6050  # inside the banks' 6000-6099
    for broken, rule in ((typo, "reasn"), (overlap, "overlap")):
        path = tmp_path / f"{rule}.json"
        path.write_text(json.dumps(broken))
        with pytest.raises(InputError, match=rule):
            ScopeRules.from_file(path)
