"""Reading documents: bytes to text, kinds, EDGAR submissions split into parts.

The HTML and XML parsers (lxml) are imported on first use of their names, so reading
a plain-text document does not pay for them.
"""

from typing import TYPE_CHECKING

from risk._lazy import lazy_exports
from risk.documents._accession import ACCESSION, accession_folder, accession_of
from risk.documents._decode import decode
from risk.documents._detect import DocumentKind, detect_kind
from risk.documents._parts import DocumentPart, PartFormat, Submission
from risk.documents._submission import split_submission

if TYPE_CHECKING:
    from risk.documents._html import HtmlText, html_to_text, parse_html, tag_name
    from risk.documents._html_text import html_text
    from risk.documents._xml import parse_xml
else:
    __getattr__ = lazy_exports(
        globals(),
        {
            "HtmlText": "risk.documents._html",
            "html_to_text": "risk.documents._html",
            "parse_html": "risk.documents._html",
            "tag_name": "risk.documents._html",
            "html_text": "risk.documents._html_text",
            "parse_xml": "risk.documents._xml",
        },
    )

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
