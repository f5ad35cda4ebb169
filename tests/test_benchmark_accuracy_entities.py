"""The accuracy harness's count of values from another entity (benchmarks/accuracy.py).

A value read from a plain-HTML table counts as another entity's when it is not the
consolidated figure the inline tags give but equals the figure tagged for a member of an
entity axis (the parent alone, a segment, a subsidiary). A made-up inline document.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import accuracy

_DOC = b"""<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
 xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
 xmlns:us-gaap="http://fasb.org/us-gaap/2023" xmlns:srt="http://fasb.org/srt/2023"><body>
<ix:header><ix:resources>
<xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier>
</xbrli:entity><xbrli:period><xbrli:instant>2024-06-30</xbrli:instant></xbrli:period>
</xbrli:context>
<xbrli:context id="p"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier>
<xbrli:segment><xbrldi:explicitMember dimension="srt:ConsolidatedEntitiesAxis"
>srt:ParentCompanyMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity>
<xbrli:period><xbrli:instant>2024-06-30</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:context id="r"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier>
<xbrli:segment><xbrldi:explicitMember dimension="srt:StatementGeographicalAxis"
>country:US</xbrldi:explicitMember></xbrli:segment></xbrli:entity>
<xbrli:period><xbrli:instant>2024-06-30</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header>
<p><ix:nonFraction name="us-gaap:Assets" contextRef="c" unitRef="usd" scale="6"
 decimals="-6">5,000</ix:nonFraction></p>
<p><ix:nonFraction name="us-gaap:Assets" contextRef="p" unitRef="usd" scale="6"
 decimals="-6">3,100</ix:nonFraction></p>
<p><ix:nonFraction name="us-gaap:Assets" contextRef="r" unitRef="usd" scale="6"
 decimals="-6">2,700</ix:nonFraction></p>
</body></html>"""

_END = date(2024, 6, 30)


def _read(value: float) -> dict[tuple[str, date, int], accuracy.Read]:
    read = accuracy.Read("total_assets", _END, 0, value, 12, "Total assets", "x", False)
    return {("total_assets", _END, 0): read}


def test_a_value_equal_to_the_parent_alone_is_another_entity_s() -> None:
    members = accuracy._member_values(_DOC, "made-up.htm")
    expected = {("total_assets", _END, 0): 5_000e6}
    found = accuracy._other_entity(_read(3_100e6), expected, members)
    assert len(found) == 1 and "ParentCompanyMember" in found[0]
    assert accuracy._ENTITY_AXIS.search(found[0].split("tagged for")[-1])


def test_the_consolidated_value_and_a_stray_value_are_not() -> None:
    members = accuracy._member_values(_DOC, "made-up.htm")
    expected = {("total_assets", _END, 0): 5_000e6}
    assert accuracy._other_entity(_read(5_000e6), expected, members) == []
    assert accuracy._other_entity(_read(4_321e6), expected, members) == []


def test_a_region_s_value_is_a_member_s_but_not_an_entity_s() -> None:
    members = accuracy._member_values(_DOC, "made-up.htm")
    expected = {("total_assets", _END, 0): 5_000e6}
    (found,) = accuracy._other_entity(_read(2_700e6), expected, members)
    assert not accuracy._ENTITY_AXIS.search(found.split("tagged for")[-1])
