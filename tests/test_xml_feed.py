"""parse_xml on a decoded document: fed a slice at a time, same tree, same errors."""

from __future__ import annotations

import pytest

from risk.documents import _xml, parse_xml
from risk.exceptions import DocumentError, UnsafeDocumentError


def _document(items: int) -> str:
    body = "".join(f"<item n='{i}'>caf\u00e9 {i}</item>" for i in range(items))
    return f'<?xml version="1.0" encoding="utf-8"?>\n<root>{body}</root>'


def test_a_decoded_document_longer_than_a_slice_is_read_whole(monkeypatch):
    monkeypatch.setattr(_xml, "_FEED", 7)  # slices cut inside tags and inside "caf\u00e9"
    root = parse_xml(_document(50), name="doc.xml")
    items = list(root)
    assert len(items) == 50
    assert items[49].get("n") == "49"
    assert items[3].text == "caf\u00e9 3"


def test_a_decoded_document_cut_short_is_not_well_formed(monkeypatch):
    monkeypatch.setattr(_xml, "_FEED", 7)
    with pytest.raises(DocumentError, match="not well-formed XML"):
        parse_xml(_document(5)[:-10], name="doc.xml")


@pytest.mark.parametrize("text", ["", '<?xml version="1.0"?>', "   "])
def test_a_decoded_document_without_an_element_is_refused(text):
    with pytest.raises(DocumentError):
        parse_xml(text, name="doc.xml")


def test_a_decoded_document_declaring_an_entity_is_refused():
    text = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "x">]><r>&a;</r>'
    with pytest.raises(UnsafeDocumentError):
        parse_xml(text, name="doc.xml")
