"""Hostile XML and HTML: entity bombs and external entities give a clear error, never expand."""

from __future__ import annotations

from pathlib import Path

import pytest

from risk.documents import parse_html, parse_xml
from risk.exceptions import DocumentError, UnsafeDocumentError
from risk.extraction import extract

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xbrl [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xbrl xmlns="http://www.xbrl.org/2003/instance"
      xmlns:dei="http://xbrl.sec.gov/dei/2022">
  <dei:EntityRegistrantName contextRef="c">&lol9;</dei:EntityRegistrantName>
</xbrl>
"""


def _external_entity(target: str) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE xbrl [ <!ENTITY xxe SYSTEM "{target}"> ]>
<xbrl xmlns="http://www.xbrl.org/2003/instance"
      xmlns:dei="http://xbrl.sec.gov/dei/2022">
  <dei:EntityRegistrantName contextRef="c">&xxe;</dei:EntityRegistrantName>
</xbrl>
""".encode()


def test_billion_laughs_is_refused_by_extract() -> None:
    with pytest.raises(UnsafeDocumentError, match=r"bomb\.xml.*entity"):
        extract(BILLION_LAUGHS, name="bomb.xml")


def test_billion_laughs_is_refused_by_the_parser() -> None:
    with pytest.raises(UnsafeDocumentError) as info:
        parse_xml(BILLION_LAUGHS, name="bomb.xml")
    assert info.value.source == "bomb.xml"


def test_external_file_entity_is_refused_and_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    doc = _external_entity(secret.as_uri())
    with pytest.raises(UnsafeDocumentError) as info:
        extract(doc, name="xxe.xml")
    assert "xxe.xml" in str(info.value)
    assert "TOP-SECRET-VALUE" not in str(info.value)


def test_external_network_entity_is_refused() -> None:
    doc = _external_entity("http://example.invalid/steal")
    with pytest.raises(UnsafeDocumentError, match=r"xxe-net\.xml"):
        parse_xml(doc, name="xxe-net.xml")


def test_external_dtd_is_refused_in_xml() -> None:
    doc = (
        b'<?xml version="1.0"?>\n<!DOCTYPE xbrl SYSTEM "http://example.invalid/x.dtd">\n'
        b'<xbrl xmlns="http://www.xbrl.org/2003/instance"/>'
    )
    with pytest.raises(UnsafeDocumentError, match=r"external DTD"):
        parse_xml(doc, name="dtd.xml")


def test_entity_bomb_in_html_is_refused() -> None:
    doc = b'<!DOCTYPE html [ <!ENTITY a "aaaaaaaa"> ]>\n<html><body><p>&a;</p></body></html>'
    with pytest.raises(UnsafeDocumentError, match=r"page\.htm"):
        parse_html(doc, name="page.htm")
    with pytest.raises(UnsafeDocumentError):
        extract(doc, name="page.htm")


def test_ordinary_xhtml_doctype_is_accepted() -> None:
    doc = (
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        b"<html><body><p>Hello</p></body></html>"
    )
    root = parse_html(doc, name="ok.htm")
    assert "Hello" in "".join(root.itertext())


def test_malformed_xml_is_a_document_error_naming_the_file() -> None:
    with pytest.raises(DocumentError, match=r"broken\.xml.*well-formed"):
        parse_xml(b"<xbrl><unclosed></xbrl>", name="broken.xml")


def test_plain_instance_parses() -> None:
    root = parse_xml(
        '<?xml version="1.0" encoding="us-ascii"?><xbrl xmlns="http://www.xbrl.org/2003/instance"/>',
        name="ok.xml",
    )
    assert root.tag.endswith("xbrl")
