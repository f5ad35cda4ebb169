"""Reading documents: bytes to text, kinds, EDGAR submissions split into parts."""

from risk.documents._decode import decode
from risk.documents._detect import DocumentKind, detect_kind
from risk.documents._parts import DocumentPart, PartFormat, Submission
from risk.documents._submission import split_submission

__all__ = [
    "DocumentKind",
    "DocumentPart",
    "PartFormat",
    "Submission",
    "decode",
    "detect_kind",
    "split_submission",
]
