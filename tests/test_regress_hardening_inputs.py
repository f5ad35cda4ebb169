"""Inputs accepted silently or refused wrongly before issue 15 (part 2), and the iXBRL overflow.

Each test names the class of input and the root cause of the old behaviour.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from risk.cli import main
from risk.exceptions import DocumentError, TableInputError
from risk.extraction import extract, is_document_text
from risk.financials import read_table

SENTENCE = "The Company has substantial doubt about its ability to continue as a going concern."
RELEASE = f"""ACME WIDGETS, INC. ANNUAL RESULTS

{SENTENCE}

                         CONSOLIDATED BALANCE SHEETS
                              (in thousands)
                                              December 31,
                                           2002          2001
Total current assets                     1,200         1,900
Total assets                             5,000         6,100
Total current liabilities                2,300         1,500
Total liabilities                        4,800         4,000
"""


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and len(lines) == 1, err
    return lines[0]


# --------------------------------------------------------------------------- JSON


def test_a_json_document_that_does_not_parse_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root cause: only company facts were read as JSON; any other text was read as prose."""
    path = tmp_path / "notes.json"
    path.write_text('{"note": "substantial doubt", ', encoding="utf-8")
    assert main(["extract", str(path)]) == 2
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"risk: error: {path}: not valid JSON (")
    assert "line 1, column 31" in line  # the end of the text, where a key was expected


def test_a_json_document_other_than_company_facts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"text": "' + SENTENCE + '"}', encoding="utf-8")
    with pytest.raises(DocumentError, match="not EDGAR company facts"):
        extract(path)
    # A text document that starts with "{" is JSON too, whatever its name.
    with pytest.raises(DocumentError, match="not valid JSON"):
        extract(b"{ this is not JSON\n" + SENTENCE.encode(), name="exhibit.txt")


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(codec: str) -> None:
    """Root cause: the NUL bytes of a wide encoding made the file 'binary'."""
    boms = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}
    data = boms.get(codec, b"") + RELEASE.encode(codec)
    filing = extract(data, name="wide.txt")
    assert [s.kind.value for s in filing.signals] == [
        s.kind.value for s in extract(RELEASE.encode(), name="utf8.txt").signals
    ]
    assert filing.signals  # the going-concern sentence was read
    assert {p.end.isoformat() for p in filing.periods} == {"2001-12-31", "2002-12-31"}


def test_a_byte_order_mark_that_lies_is_refused() -> None:
    with pytest.raises(DocumentError, match="UTF-16 byte-order mark but does not decode"):
        extract(b"\xff\xfe" + "going concern".encode("utf-16-le") + b"\x00\xd8", name="x.txt")


# --------------------------------------------------------------------------- deep HTML


@pytest.mark.parametrize("depth", [300, 2000, 5000])
def test_deeply_nested_html_keeps_its_text(depth: int) -> None:
    """Root cause: libxml2 stops at 256 nested elements (2048 with huge_tree) and drops the
    text below; past 2048 the layout tags are dropped and the document parsed again."""
    html = (
        "<html><body><p>Annual report.</p>"
        + "<div>" * depth
        + f"<p>{SENTENCE}</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    filing = extract(html.encode(), name="deep.html")
    assert "going_concern_doubt" in {s.kind.value for s in filing.signals}


def test_html_nested_too_deep_even_without_layout_tags_is_refused() -> None:
    html = "<html><body>" + "<table><tr><td>" * 3000 + SENTENCE + "</td></tr></table>" * 3000
    with pytest.raises(DocumentError, match="nested deeper than 2048 elements"):
        extract(html.encode(), name="tables.html")


# --------------------------------------------------------------------------- texts


def test_the_text_or_path_rule() -> None:
    assert is_document_text("line one\nline two")
    assert is_document_text("<p>x</p>")
    assert is_document_text("x" * 4097)
    assert is_document_text("word " * 60)  # one name longer than 255 bytes: not a path
    assert not is_document_text("reports/acme 10-K.txt")
    assert not is_document_text(SENTENCE)  # a path by the rule: texts=[...] says otherwise


def test_score_texts_reads_a_one_line_text_as_text() -> None:
    """Root cause: a one-line text was taken as a path, though the README says texts work."""
    import risk

    with pytest.raises(DocumentError, match=r"no such file \(a string without a newline"):
        risk.score(SENTENCE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = risk.score(texts=[SENTENCE], as_of="2024-06-30")
    assert report.as_of.isoformat() == "2024-06-30"
    assert "going_concern_doubt" in {s.kind for s in report.signals}


# --------------------------------------------------------------------------- tables


def _table(
    tmp_path: Path, rows: str, header: str = "entity,period_end,months,total_assets"
) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(f"{header}\n{rows}", encoding="utf-8")
    return path


def test_duplicate_entity_periods_are_refused_naming_both_rows(tmp_path: Path) -> None:
    """Root cause: both rows were scored, giving two probabilities for one entity-period."""
    path = _table(
        tmp_path, "Acme,2023-12-31,12,1000\nBeta,2023-12-31,12,5\nAcme,2023-12-31,12,1100\n"
    )
    with pytest.raises(TableInputError) as info:
        read_table(path)
    assert "rows 2 and 4 are the same entity-period ('Acme', 2023-12-31, 12 months)" in str(
        info.value
    )
    # Another length of period at the same end is another row, not a duplicate.
    assert (
        len(read_table(_table(tmp_path, "Acme,2023-12-31,12,1000\nAcme,2023-12-31,0,1000\n"))) == 2
    )


@pytest.mark.parametrize(
    ("end", "rule"),
    [
        ("0001-12-31", "before 1900-01-01"),
        ("1850-06-30", "before 1900-01-01"),
        ("2200-12-31", "after today + 1 year"),
        ("9999-12-31", "after today + 1 year"),
    ],
)
def test_dates_outside_1900_to_a_year_ahead_are_refused_naming_the_cell(
    end: str, rule: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _table(tmp_path, f"Acme,2022-12-31,12,900\nAcme,{end},12,1000\n")
    assert main(["score-table", str(path), "--out", str(tmp_path / "o.csv")]) == 2
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"risk: error: {path}: row 3, column 'period_end': {end} is {rule}")


def test_a_date_older_pandas_cannot_hold_gets_the_range_rule_not_malformed() -> None:
    """pandas before 3.0 holds dates from 1677 to 2262 only and turns 0001-12-31 into a
    missing value; the message must still be the range rule (the floors job runs pandas
    2.1). The helper is called directly so the test holds on any pandas."""
    from risk.financials._table import _date_beyond_pandas

    early = _date_beyond_pandas(" 0001-12-31 ", column="period_end", columns=["entity"])
    assert early == "0001-12-31 is before 1900-01-01; dates run from 1900-01-01 to today + 1 year"
    late = _date_beyond_pandas("9999-12-31", column="period_end", columns=["filed"])
    assert late is not None
    assert late.startswith("9999-12-31 is after its filing date (column 'filed') + 1 year")
    assert _date_beyond_pandas("2020-02-30", column="period_end", columns=[]) is None
    assert _date_beyond_pandas("31/12/2020", column="filed", columns=[]) is None


def test_a_period_end_over_a_year_after_its_filing_date_is_refused(tmp_path: Path) -> None:
    header = "entity,period_end,months,total_assets,filed"
    ok = _table(tmp_path, "Acme,2023-12-31,12,1000,2024-03-01\n", header)
    assert len(read_table(ok)) == 1
    late = _table(tmp_path, "Acme,2026-12-31,12,1000,2024-03-01\n", header)
    with pytest.raises(
        TableInputError, match="row 2, column 'period_end': 2026-12-31 is after its filing date"
    ):
        read_table(late)


# --------------------------------------------------------------------------- inline XBRL


def test_an_inline_xbrl_scale_of_a_million_is_an_unreadable_fact_not_an_overflow() -> None:
    """Root cause: ``Decimal(10) ** 1000000`` raised decimal.Overflow (a traceback, rc 1)."""
    html = """<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
 xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:us-gaap="http://fasb.org/us-gaap/2023">
<body><div style="display:none"><ix:header><ix:resources>
  <xbrli:context id="I"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:instant>2023-09-30</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:unit id="USD"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
<p>BALANCE SHEET</p>
<table><tr><td>Total assets</td><td><ix:nonFraction name="us-gaap:Assets" contextRef="I"
 unitRef="USD" scale="1000000" decimals="0" format="ixt:num-dot-decimal">5</ix:nonFraction>
</td></tr></table>
</body></html>"""
    filing = extract(html.encode(), name="scale.htm")
    unreadable = [w.message for w in filing.warnings if w.code == "xbrl_unreadable_fact"]
    assert unreadable and "scale '1000000' is not an integer within -30..30" in unreadable[0]
    assert all(v.get("total_assets") != 5e1000000 for v in filing.periods)
