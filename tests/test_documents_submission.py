"""Splitting EDGAR submissions into header and documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from risk.documents import PartFormat, decode, split_submission

SUBMISSION = """\
<SEC-DOCUMENT>0000000000-03-000001.txt : 20030522
<SEC-HEADER>0000000000-03-000001.hdr.sgml : 20030522
ACCESSION NUMBER:\t\t0000000000-03-000001
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t3
CONFORMED PERIOD OF REPORT:\t20030522
FILED AS OF DATE:\t\t20030523

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tFIBERCORE INC
\t\tCENTRAL INDEX KEY:\t\t\t0000918000
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>form8k.txt
<DESCRIPTION>CURRENT REPORT
<TEXT>
Item 7. Exhibits.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.2
<SEQUENCE>2
<FILENAME>ex99-2.htm
<TEXT>
<html><body><p>Release</p></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>GRAPHIC
<SEQUENCE>3
<FILENAME>logo.jpg
<TEXT>
begin 644 logo.jpg
M_]C_X``02D9)1@`!`0$`2`!(``#_
end
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_header_fields() -> None:
    sub = split_submission(SUBMISSION, name="s.txt")
    assert sub.company == "FIBERCORE INC"
    assert sub.cik == "0000918000"
    assert sub.form == "8-K"
    assert sub.filed == date(2003, 5, 23)
    assert sub.period_of_report == date(2003, 5, 22)
    assert sub.header_warnings == ()


def test_documents_types_formats_and_offsets() -> None:
    sub = split_submission(SUBMISSION, name="s.txt")
    assert [(p.type, p.sequence, p.format) for p in sub.parts] == [
        ("8-K", 1, PartFormat.TEXT),
        ("EX-99.2", 2, PartFormat.HTML),
        ("GRAPHIC", 3, PartFormat.OTHER),
    ]
    first = sub.parts[0]
    assert first.filename == "form8k.txt" and first.description == "CURRENT REPORT"
    assert first.text == "Item 7. Exhibits.\n"
    # Offsets point into the whole file, lines are counted before the text.
    assert SUBMISSION[first.offset : first.offset + len(first.text)] == first.text
    lines = SUBMISSION.split("\n")
    assert lines[first.line_offset] == "Item 7. Exhibits."


def test_bare_document_is_one_text_part() -> None:
    text = "EXHIBIT 99.1\n\nFiberCore reports.\n"
    sub = split_submission(text, name="bare.txt")
    assert sub.company is None and sub.form is None
    assert len(sub.parts) == 1 and sub.parts[0].format is PartFormat.TEXT
    assert sub.parts[0].offset == 0 and sub.parts[0].line_offset == 0
    # The exhibit names itself on its first line.
    assert sub.parts[0].type == "EX-99.1"
    assert split_submission("Press release\nEXHIBIT 99.1\n", name="b").parts[0].type is None


def test_truncated_submission_warns_and_keeps_the_text() -> None:
    cut = SUBMISSION[: SUBMISSION.index("Item 7.") + 10]
    sub = split_submission(cut, name="cut.txt")
    assert sub.parts[0].text.startswith("Item 7.")
    assert any("no </DOCUMENT>" in w for w in sub.header_warnings)


def test_corpus_headers(corpus_dir: Path) -> None:
    path = corpus_dir / "apple_10-Q_2000-07-01.txt"
    sub = split_submission(decode(path.read_bytes(), name=path.name), name=path.name)
    # From the SEC header of the file.
    assert sub.company == "APPLE COMPUTER INC"
    assert sub.cik == "0000320193"
    assert sub.form == "10-Q"
    assert sub.filed == date(2000, 7, 31)
    assert sub.period_of_report == date(2000, 7, 1)
    assert [p.type for p in sub.parts] == ["10-Q", "EX-3.3", "EX-10.A-49", "EX-10.A-51", "EX-27"]


def test_mixed_submission_formats(corpus_dir: Path) -> None:
    path = corpus_dir / "southern_8-K_2006-12-31.txt"
    sub = split_submission(decode(path.read_bytes(), name=path.name), name=path.name)
    formats = {p.type: p.format for p in sub.parts}
    assert formats["EX-99.01"] is PartFormat.HTML
    assert formats["EX-99.02"] is PartFormat.TEXT
    assert formats["GRAPHIC"] is PartFormat.OTHER
    # Co-registrants: the one the documents name most.
    assert sub.company == "SOUTHERN CO"


def _header(*filers: tuple[str, str]) -> str:
    """A made-up SEC header with one COMPANY DATA block per (name, SIC line)."""
    blocks = "".join(
        f"FILER:\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\t{name}\n"
        f"\t\tCENTRAL INDEX KEY:\t\t\t000000{i}\n\t\t{sic_line}\n"
        for i, (name, sic_line) in enumerate(filers, start=1)
    )
    return (
        "<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t10-K\n"
        + blocks
        + "</SEC-HEADER>\n<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nAnnual report.\n</TEXT>\n</DOCUMENT>\n"
    )


def test_standard_industrial_classification_in_its_three_header_spellings() -> None:
    # EDGAR writes "NAME [code]"; older headers a bare code; some a truncated " [code".
    for line, code in (
        ("STANDARD INDUSTRIAL CLASSIFICATION:\tSTATE COMMERCIAL BANKS [6022]", "6022"),
        ("STANDARD INDUSTRIAL CLASSIFICATION:\t4991", "4991"),
        ("STANDARD INDUSTRIAL CLASSIFICATION:\t [8090", "8090"),
        ("STANDARD INDUSTRIAL CLASSIFICATION:\t [0000]", None),  # no code assigned
    ):
        assert split_submission(_header(("A BANK CORP", line)), name="h.txt").sic == code
    assert split_submission(_header(("NO SIC CORP", "")), name="h.txt").sic is None
    assert split_submission("Just a press release.", name="p.txt").sic is None


def test_co_registrants_keep_the_chosen_filers_industry() -> None:
    # The documents name the second filer most: it is the company, with its own SIC.
    text = _header(
        ("PARENT HOLDINGS INC", "STANDARD INDUSTRIAL CLASSIFICATION:\tHOLDING [6719]"),
        ("WIDGET MAKERS INC", "STANDARD INDUSTRIAL CLASSIFICATION:\tMACHINERY [3531]"),
    ).replace("Annual report.", "Widget Makers reports. Widget Makers grows.")
    sub = split_submission(text, name="h.txt")
    assert sub.company == "WIDGET MAKERS INC"
    assert sub.sic == "3531"
