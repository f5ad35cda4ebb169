"""Safe XML parsing: no external entities, no DTD loading, no network, no entity bombs.

Every XML document `risk` reads (XBRL instances, XHTML) goes through :func:`parse_xml`.
A document whose DOCTYPE declares entities (the "billion laughs" expansion bomb, an
external entity pointing at a local file or a URL) is refused outright with
:class:`~risk.exceptions.UnsafeDocumentError`; the parser itself is also configured so
that nothing is ever expanded or fetched.
"""

from __future__ import annotations

import re

from lxml import etree

from risk.exceptions import DocumentError, UnsafeDocumentError

__all__ = ["check_doctype", "parse_xml", "safe_xml_parser"]

# A DOCTYPE with an internal subset ("[ ... ]") that declares an entity, or one that
# points at an external DTD (SYSTEM / PUBLIC). Both are refused.
_DOCTYPE = re.compile(rb"<!DOCTYPE\b[^>\[]*(\[.*?\]\s*)?>", re.I | re.S)
_ENTITY = re.compile(rb"<!ENTITY\b", re.I)
_EXTERNAL = re.compile(rb"\b(SYSTEM|PUBLIC)\b", re.I)
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_HEAD = 65536
_FEED = 1 << 20  # characters of a decoded document fed to the parser at a time


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads a DTD or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def check_doctype(data: bytes, *, name: str, allow_external: bool = False) -> None:
    """Refuse a document whose DOCTYPE declares entities.

    Parameters
    ----------
    data : bytes
        The document (only its first 64 KiB are looked at: a DOCTYPE must come first).
    name : str
        The file name, for the error message.
    allow_external : bool, default False
        Accept a DOCTYPE that names an external DTD without declaring entities (old
        XHTML documents carry ``<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 ...">``;
        the DTD is never loaded).

    Raises
    ------
    UnsafeDocumentError
        When an entity is declared, or an external DTD is named and not allowed.
    """
    head = data[:_HEAD]
    if b"!" not in head:
        return  # neither a DOCTYPE nor an entity declaration ("<!"; one byte is found sooner)
    match = _DOCTYPE.search(head)
    if match is None:
        if _ENTITY.search(head):
            raise UnsafeDocumentError(
                "the document declares an XML entity (<!ENTITY ...>); entity "
                "declarations are refused (entity expansion or external entity attack)",
                source=name,
            )
        return
    doctype = match.group(0)
    if _ENTITY.search(doctype) or _ENTITY.search(head):
        raise UnsafeDocumentError(
            "the document's DOCTYPE declares an XML entity (<!ENTITY ...>); entity "
            "declarations are refused (entity expansion or external entity attack)",
            source=name,
        )
    if _EXTERNAL.search(doctype) and not allow_external:
        raise UnsafeDocumentError(
            "the document's DOCTYPE names an external DTD "
            f"({doctype[:120].decode(errors='replace')!r}); external DTDs are refused",
            source=name,
        )


def parse_xml(data: bytes | str, *, name: str) -> etree._Element:
    """Parse an XML document safely and return its root element.

    Parameters
    ----------
    data : bytes or str
        The document. A decoded string may keep its ``<?xml ... encoding=...?>``
        declaration: it is dropped before parsing.
    name : str
        The file name, for error messages.

    Raises
    ------
    UnsafeDocumentError
        When the DOCTYPE declares entities or names an external DTD.
    DocumentError
        When the document is not well-formed XML.
    """
    if isinstance(data, str):
        # Fed to the parser a slice at a time from after the declaration: no whole
        # re-encoded copy of a large document (a str cannot keep its declaration).
        declaration = _DECLARATION.match(data)
        text, start = data, declaration.end() if declaration else 0
        check_doctype(text[start : start + _HEAD].encode("utf-8"), name=name)
        parser = safe_xml_parser()
        try:
            for at in range(start, len(text), _FEED):
                parser.feed(text[at : at + _FEED].encode("utf-8"))
            root = parser.close()
        except etree.XMLSyntaxError as exc:
            raise DocumentError(f"the document is not well-formed XML: {exc}", source=name) from exc
        if root is None:
            raise DocumentError("the document holds no XML element", source=name)
        return root
    check_doctype(data, name=name)
    try:
        root = etree.fromstring(data, parser=safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"the document is not well-formed XML: {exc}", source=name) from exc
    if root is None:
        raise DocumentError("the document holds no XML element", source=name)
    return root
