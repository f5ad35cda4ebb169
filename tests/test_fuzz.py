"""Fuzzing: `risk.extract` and `risk.score` return or raise the project's own errors.

Broken documents (truncated, byte-flipped, tags unbalanced, tables cut, re-encoded,
numbers blown up, headers and XBRL metadata mangled: :mod:`fuzz_mutations`) and
documents that hypothesis writes from fragments of filings must either be read and
scored or be refused with a :class:`risk.exceptions.RiskError`; any other exception is
a bug in a reader. Every example is seeded (``derandomize=True``, mutators seeded by an
int), so a failure here fails the same way on every run. ``benchmarks/fuzz.py`` runs
the same mutators over many more documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_mutations import MUTATORS, mutate, mutate_random
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import risk
from risk.exceptions import RiskError
from risk.extraction import extract_all

#: Bounded, seeded and without a deadline: the same examples on every machine and load.
FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Small corpus documents, one per format the readers tell apart.
CORPUS_DOCS = {
    "txt": "apple_8-K_2000-01-19.txt",
    "html": "medicis_10-K_1999-06-30.html",
    "xbrl": "netflix_10-Q_2010-09-30_xbrl.xml",
    "companyfacts": "lpa_companyfacts.json",
}
#: Heavier documents, for the slow lane.
SLOW_DOCS = {
    "txt_tables": "apple_10-Q_1998-06-26.txt",
    "html_tables": "buckle_8-K-ex99_2024-11-02.html",
    "ixbrl": "apple_10-Q_2025-06-28.html",
}


def read_and_score(data: bytes, name: str = "<fuzz>") -> None:
    """Extract (every filing, and the one filing) and score; a project error is an answer."""
    try:
        filings = extract_all(data, name=name)
        risk.extract(data, name=name)
        risk.score(filings)
    except RiskError:
        pass


class Documents(dict[str, bytes]):
    """Documents by kind, with a short repr (hypothesis prints its arguments on failure)."""

    def __repr__(self) -> str:
        return f"Documents({sorted(self)})"


@pytest.fixture(scope="module")
def documents(seed_paths: dict[str, Path], corpus_dir: Path) -> Documents:
    docs = Documents({f"seed{key}": path.read_bytes() for key, path in seed_paths.items()})
    docs.update({kind: (corpus_dir / name).read_bytes() for kind, name in CORPUS_DOCS.items()})
    return docs


@pytest.fixture(scope="module")
def slow_documents(corpus_dir: Path) -> Documents:
    return Documents({kind: (corpus_dir / name).read_bytes() for kind, name in SLOW_DOCS.items()})


# --------------------------------------------------------------------------- the mutators


def test_mutators_are_deterministic_and_change_documents(documents: dict[str, bytes]) -> None:
    """A seed names one mutated document; every mutator changes some document of each
    kind it is meant for (the JSON one the company facts, the XBRL one the instance)."""
    for name in MUTATORS:
        changed = set()
        for kind, data in documents.items():
            for seed in (7, 8, 9):
                first = mutate(data, name, seed)
                assert first == mutate(data, name, seed), (name, kind)
                if first != data:
                    changed.add(kind)
        assert changed, name
    assert "companyfacts" in {k for k, d in documents.items() if mutate(d, "mangle_json", 7) != d}
    assert mutate(documents["xbrl"], "mangle_xbrl", 7) != documents["xbrl"]
    assert mutate_random(documents["seed001"], 3) == mutate_random(documents["seed001"], 3)


def test_unbalance_tags_drops_closers() -> None:
    """The mutators do what they say (checked by hand on a small document)."""
    doc = b"<DOCUMENT>\n<TABLE>\n<tr><td>1</td></tr>\n</TABLE>\n</DOCUMENT>\n" * 3
    out = {mutate(doc, "unbalance_tags", seed) for seed in range(40)}
    assert any(o.count(b"</TABLE>") < 3 for o in out)
    assert any(o.count(b"</DOCUMENT>") == 0 for o in out)
    cut = mutate(doc, "cut_table", 1)
    assert len(cut) < len(doc) and cut.startswith(b"<DOCUMENT>")
    encoded = {mutate(b"<html>x</html>", "reencode", seed) for seed in range(20)}
    assert "<html>x</html>".encode("utf-16") in encoded


# --------------------------------------------------------------------------- fast lane


@pytest.mark.parametrize("mutator", sorted(MUTATORS))
def test_mutated_documents_read_or_refuse(mutator: str, documents: dict[str, bytes]) -> None:
    """Every mutator over the seeds and one small document of each format, two seeds each."""
    for kind, data in documents.items():
        for seed in (1, 2):
            read_and_score(mutate(data, mutator, seed), name=f"{kind}:{mutator}:{seed}")


@FUZZ
@given(data=st.data())
def test_random_mutation_stacks(documents: dict[str, bytes], data: st.DataObject) -> None:
    """Stacks of mutators chosen by hypothesis (shrinks to the document and seed)."""
    kind = data.draw(st.sampled_from(sorted(documents)), label="document")
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    name, mutated = mutate_random(documents[kind], seed)
    read_and_score(mutated, name=f"{kind}:{name}:{seed}")


@FUZZ
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    read_and_score(data)


#: Pieces of filings that the readers key on, for hypothesis to put together.
FRAGMENTS = (
    "<SEC-DOCUMENT>",
    "<SEC-HEADER>",
    "</SEC-HEADER>",
    "FILED AS OF DATE: 20030519\n",
    "FILED AS OF DATE: 20031399\n",
    "CONFORMED PERIOD OF REPORT: 20021231\n",
    "CENTRAL INDEX KEY: 0000000001\n",
    "COMPANY CONFORMED NAME: ACME WIDGETS INC\n",
    "CONFORMED SUBMISSION TYPE: 10-K\n",
    "<DOCUMENT>\n",
    "</DOCUMENT>\n",
    "<TYPE>EX-99.1\n",
    "<TYPE>10-Q\n",
    "<FILENAME>a.htm\n",
    "<TEXT>\n",
    "</TEXT>\n",
    "<TABLE>\n",
    "</TABLE>\n",
    "<S>",
    "<C>",
    "<html><body>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    '<td colspan="3">',
    '<td rowspan="99999">',
    '<td colspan="0">',
    "BALANCE SHEETS\n",
    "STATEMENTS OF OPERATIONS\n",
    "(in thousands)\n",
    "(in millions, except per share data)\n",
    "December 31, 2002   December 31, 2001\n",
    "Three Months Ended March 31,\n",
    "2003      2002\n",
    "Total assets ........ $ 1,234   $ 1,100\n",
    "Total current liabilities    (567)    (45)\n",
    "Net loss   $(12,345)   $ (1,234)\n",
    "Revenues   99999999999999999999999999   1\n",
    "Cash   1e308   -0\n",
    "Total liabilities and stockholders' deficit   ---   ---\n",
    "substantial doubt about its ability to continue as a going concern. ",
    "filed a voluntary petition under Chapter 11. ",
    "$4.90 million ",
    "$509,589 ",
    "<xbrl>",
    '<xbrli:context id="c1"><xbrli:period><xbrli:endDate>2023-09-30</xbrli:endDate>'
    "</xbrli:period></xbrli:context>",
    '<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>',
    '<us-gaap:Assets contextRef="c1" unitRef="usd" decimals="-3">1000</us-gaap:Assets>',
    '<ix:nonFraction name="us-gaap:Assets" contextRef="c1" unitRef="usd" scale="6">',
    '<ix:nonFraction name="us-gaap:Liabilities" contextRef="c1" unitRef="usd" '
    'scale="1000000" format="ixt:num-dot-decimal">',
    "</ix:nonFraction>",
    "1,234.5",
    "\n",
    "    ",
    "\t",
)


@FUZZ
@given(
    parts=st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), min_size=1, max_size=60
    )
)
def test_documents_from_fragments(parts: list[str]) -> None:
    """Documents hypothesis writes from the pieces readers key on, in any order."""
    read_and_score("".join(parts).encode("utf-8"))


# --------------------------------------------------------------------------- slow lane


@pytest.mark.slow
@pytest.mark.parametrize("mutator", sorted(MUTATORS))
def test_mutated_large_documents_read_or_refuse(
    mutator: str, slow_documents: dict[str, bytes]
) -> None:
    """The mutators over larger documents (text and HTML tables, inline XBRL), one seed."""
    for kind, data in slow_documents.items():
        read_and_score(mutate(data, mutator, 11), name=f"{kind}:{mutator}:11")


@pytest.mark.slow
@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_many_random_mutation_stacks(documents: dict[str, bytes], data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(sorted(documents)), label="document")
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    name, mutated = mutate_random(documents[kind], seed)
    read_and_score(mutated, name=f"{kind}:{name}:{seed}")
