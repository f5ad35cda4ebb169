"""Reading documents: bytes to text, kinds, EDGAR submissions split into parts."""

from risk.documents._accession import ACCESSION, accession_folder, accession_of
from risk.documents._decode import decode
from risk.documents._detect import DocumentKind, detect_kind
from risk.documents._html import HtmlText, html_to_text, parse_html, tag_name
from risk.documents._html_text import html_text
from risk.documents._parts import DocumentPart, PartFormat, Submission
from risk.documents._submission import split_submission
from risk.documents._xml import parse_xml

__all__ = [
    "ACCESSION",
    "DocumentKind",
    "DocumentPart",
    "HtmlText",
    "PartFormat",
    "Submission",
    "accession_folder",
    "accession_of",
    "decode",
    "detect_kind",
    "html_text",
    "html_to_text",
    "parse_html",
    "parse_xml",
    "split_submission",
    "tag_name",
]
