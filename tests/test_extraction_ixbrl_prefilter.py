"""Inline XBRL is read only from prefixed elements (``ix:nonFraction``, ``xbrli:context``):
given the markup, a document none of whose tags names a prefix is not walked, with the
same (empty) result; a document with them reads the same either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from risk.documents import PartFormat, decode, parse_html, split_submission
from risk.extraction._ixbrl import InlineFacts, read_inline_facts

PLAIN = "<html><body><p>Net sales</p><table><tr><td>1,234</td></tr></table></body></html>"
TAGGED = (
    "<html><body><ix:header><ix:resources>"
    '<xbrli:context id="c1"><xbrli:period><xbrli:instant>2024-12-31</xbrli:instant>'
    "</xbrli:period></xbrli:context></ix:resources></ix:header>"
    '<p>Cash <ix:nonFraction name="us-gaap:Cash" contextRef="c1" unitRef="usd" '
    'decimals="-3" scale="3">1,234</ix:nonFraction></p></body></html>'
)


def test_plain_markup_reads_nothing_either_way() -> None:
    root = parse_html(PLAIN, name="t")
    assert read_inline_facts(root, markup=PLAIN) == read_inline_facts(root) == InlineFacts()


def test_tagged_markup_reads_the_same_either_way() -> None:
    root = parse_html(TAGGED, name="t")
    facts = read_inline_facts(root, markup=TAGGED)
    assert facts == read_inline_facts(root)
    assert facts.count == 1
    assert [(f.concept, f.value) for f in facts.facts] == [("us-gaap:Cash", 1_234_000.0)]


@pytest.mark.slow
def test_every_html_part_of_the_corpus_reads_the_same(corpus_dir: Path) -> None:
    parts = 0
    for path in sorted(corpus_dir.iterdir()):
        text = decode(path.read_bytes(), name=path.name)
        if path.suffix.lower() in (".htm", ".html"):
            markups = [text]
        else:
            found = split_submission(text, name=path.name).parts
            markups = [p.text for p in found if p.format is PartFormat.HTML]
        for markup in markups:
            if markup.strip():
                root = parse_html(markup, name=path.name)
                assert read_inline_facts(root, markup=markup) == read_inline_facts(root)
                parts += 1
    assert parts >= 15
