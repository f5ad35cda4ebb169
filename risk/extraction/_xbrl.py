"""XBRL instance documents: tagged facts to periods, dei to the filing header, text blocks
to signals. Also XBRL parts of a submission (:func:`read_xbrl_part`)."""

from __future__ import annotations

from lxml import etree

from risk.documents import DocumentPart, html_text, parse_xml
from risk.exceptions import DocumentError, UnsafeDocumentError
from risk.extraction._cover_shares import tagged_cover_shares
from risk.extraction._result import PartResult, dei_fields
from risk.extraction._xbrl_facts import (
    XbrlContext,
    concept_prefix,
    local_name,
    lower_local_name,
    parse_context,
    parse_date,
    parse_decimals,
    parse_unit,
)
from risk.financials import (
    Fact,
    Filing,
    FilingWarning,
    SharesStated,
    Signal,
    Source,
    WarningCode,
    normal_cik,
)
from risk.signals import detect_signals, find_facts
from risk.statements import TaggedFact, facts_to_periods

__all__ = ["XbrlInstance", "read_xbrl", "read_xbrl_instance", "read_xbrl_part", "text_signals"]

_DEI = {
    "EntityRegistrantName": "company",
    "EntityCentralIndexKey": "cik",
    "DocumentType": "form",
    "DocumentPeriodEndDate": "period_of_report",
}
_TEXT_SUFFIXES = ("TextBlock", "Policy")


class XbrlInstance:
    """What an instance holds: consolidated numeric facts, dei values, text blocks.

    The text blocks are kept as elements and rendered to text by :meth:`text`, which
    only the signals call: rendering them is most of an instance's reading time.
    """

    def __init__(self) -> None:
        self.facts: list[TaggedFact] = []
        self.dei: dict[str, str] = {}
        self.text_elements: list[etree._Element] = []  # text-block facts, in order
        self.skipped_dimensional = 0
        self.unparsed: list[str] = []

    def text(self) -> str:
        """The text blocks' readable text (HTML stripped), joined by blank lines."""
        blocks = (_fact_text(e, name=f"text block {local_name(e.tag)}") for e in self.text_elements)
        return "\n\n".join(block for block in blocks if block)


def _is_text_block(name: str) -> bool:
    return name.endswith(_TEXT_SUFFIXES) or "GoingConcern" in name


def _fact_text(element: etree._Element, *, name: str) -> str:
    """The readable text of a text-block fact (escaped HTML or nested XHTML)."""
    if len(element):
        markup = etree.tostring(element, encoding="unicode", method="html")
        if not markup.strip():
            return ""
        return html_text(markup, name=name)
    # the escaped HTML as UTF-8 (its text, serialised in C): no str to make and encode
    raw = etree.tostring(element, encoding="utf-8", method="text", with_tail=False)
    stripped = raw.strip()  # ASCII whitespace only: as str.strip() when a "<" is left
    if not stripped or (stripped[:1] != b"<" and not raw.decode("utf-8").strip()):
        return ""
    return html_text(raw, name=name)


#: An element tag -> its concept's standard prefix (None for another taxonomy) and local
#: name, filled as tags are met (an instance names a few hundred concepts); bounded.
_CONCEPTS: dict[str, tuple[str | None, str]] = {}
_CONCEPTS_MAX = 8192


def _concept(tag: str) -> tuple[str | None, str]:
    """The standard prefix and local name of a fact's tag, remembered per tag."""
    concept = _CONCEPTS.get(tag)
    if concept is None:
        qname = etree.QName(tag)
        concept = (concept_prefix(qname.namespace), qname.localname)
        if len(_CONCEPTS) < _CONCEPTS_MAX:
            _CONCEPTS[tag] = concept
    return concept


def read_xbrl_instance(root: etree._Element) -> XbrlInstance:
    """Collect the facts of a parsed XBRL instance (see :func:`read_xbrl`)."""
    out = XbrlInstance()
    contexts: dict[str, XbrlContext] = {}
    units: dict[str, str] = {}
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = lower_local_name(tag)
        if name == "context" and local_name(tag) == "context":
            cid, ctx = parse_context(child)
            contexts[cid] = ctx
        elif name == "unit" and local_name(tag) == "unit":
            uid, unit = parse_unit(child)
            units[uid] = unit
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        context_ref = child.get("contextRef")
        if context_ref is None:
            continue
        prefix, name = _CONCEPTS.get(tag) or _concept(tag)
        if prefix == "dei" and name in _DEI:
            out.dei.setdefault(name, " ".join((child.text or "").split()))
            continue
        if child.get("unitRef") is None:
            if _is_text_block(name):
                out.text_elements.append(child)
            continue
        if prefix is None or child.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true":
            continue
        context = contexts.get(context_ref)
        if context is None or context.end is None:
            out.unparsed.append(f"{prefix}:{name} (context {context_ref!r} not found)")
            continue
        if context.dimensional:
            out.skipped_dimensional += 1
            continue
        raw = (child.text or "").strip()
        try:
            value = float(raw)
        except ValueError:
            out.unparsed.append(f"{prefix}:{name} ({raw[:40]!r} is not a number)")
            continue
        out.facts.append(
            TaggedFact(
                concept=f"{prefix}:{name}",
                value=value,
                unit=units.get(child.get("unitRef") or "", ""),
                end=context.end,
                start=context.start,
                raw=raw,
                decimals=parse_decimals(child.get("decimals")),
            )
        )
    return out


def read_xbrl(text: str, *, name: str, sha256: str) -> Filing:
    """Read an XBRL instance into a filing.

    Numeric facts of consolidated contexts (no segment or scenario) are mapped to
    financials.md fields through ``risk/statements/xbrl_concepts.json``; ``dei`` facts give
    the company, CIK, form and period of report; text blocks (notes and policies, HTML
    stripped) are searched for distress signals.

    Parameters
    ----------
    text : str
        The decoded instance document.
    name : str
        The document name (for provenance and errors).
    sha256 : str
        SHA-256 of the bytes read.

    Raises
    ------
    UnsafeDocumentError
        When the document declares XML entities or names an external DTD.
    DocumentError
        When it is not well-formed XML or not an XBRL instance.
    """
    root = parse_xml(text, name=name)
    if local_name(root.tag) != "xbrl":
        raise DocumentError(
            f"the root element is {local_name(root.tag)!r}, not an XBRL instance ('xbrl')",
            source=name,
        )
    instance = read_xbrl_instance(root)
    form = instance.dei.get("DocumentType") or None
    periods, warnings = facts_to_periods(
        instance.facts, document=name, document_type=form, source=Source.XBRL
    )
    if instance.unparsed:
        warnings.append(
            FilingWarning(
                code=WarningCode.XBRL_UNREADABLE_FACT,
                message=(
                    f"{len(instance.unparsed)} numeric fact(s) could not be read, e.g. "
                    f"{instance.unparsed[0]}"
                ),
                document=name,
            )
        )
    company = instance.dei.get("EntityRegistrantName") or None
    signals, facts = text_signals(instance, document=name, form=form, company=company)
    raw_cik = instance.dei.get("EntityCentralIndexKey") or None
    cik = normal_cik(raw_cik)
    if raw_cik is not None and cik is None:
        warnings.append(
            FilingWarning(
                code=WarningCode.BAD_CIK,
                message=f"dei:EntityCentralIndexKey {raw_cik[:40]!r} is not a CIK",
                document=name,
            )
        )
    if not periods:
        warnings.append(
            FilingWarning(
                code=WarningCode.NOTHING_FOUND,
                message="no consolidated fact of a mapped concept was found in the instance",
                document=name,
            )
        )
    return Filing(
        source=name,
        sha256=sha256,
        company=company,
        cik=cik,
        form=form,
        period_of_report=parse_date(instance.dei.get("DocumentPeriodEndDate")),
        cover_shares=_cover_shares(instance, name),
        periods=periods,
        facts=facts,
        signals=signals,
        warnings=warnings,
    )


def _cover_shares(instance: XbrlInstance, document: str) -> list[SharesStated]:
    """The instance's ``dei:EntityCommonStockSharesOutstanding`` (without dimensions)."""
    return tagged_cover_shares(
        ((f.concept, f.value, f.end) for f in instance.facts), document=document
    )


def text_signals(
    instance: XbrlInstance, *, document: str, form: str | None, company: str | None
) -> tuple[list[Signal], list[Fact]]:
    """The distress signals and prose amounts of an instance's text blocks.

    The one place the text blocks are rendered (benchmarks/extract.py switches the
    signals off here and counts the rendering as their cost).
    """
    joined = instance.text()
    if not joined:
        return [], []
    signals = detect_signals(
        joined, document=document, document_type=form, offset=0, company=company
    )
    facts = find_facts(joined, document=document, document_type=form, offset=0)
    return signals, facts


def read_xbrl_part(part: DocumentPart, *, document: str) -> PartResult:
    """Read an XBRL part of a submission (``EX-101.INS``, ``*_htm.xml``) into periods.

    Parts that are not instances (schemas, linkbases, ``FilingSummary.xml``) give an
    empty result; a part that is not well-formed gives an empty result with a warning
    (the rest of the submission is still read). For the coordinator: ``text`` holds the
    instance's text blocks with HTML stripped and ``text_offset`` is None.

    Raises
    ------
    UnsafeDocumentError
        When the part declares XML entities or names an external DTD.
    """
    try:
        root = parse_xml(part.text, name=document)
    except UnsafeDocumentError:
        raise
    except DocumentError as exc:
        label = part.filename or part.type or "an XBRL part"
        return PartResult(
            warnings=[
                FilingWarning(
                    code=WarningCode.XBRL_PART_UNREADABLE,
                    message=f"{label} was not read: {exc.rule}",
                    document=document,
                )
            ],
            text="",
            text_offset=None,
        )
    if local_name(root.tag) != "xbrl":
        return PartResult(text="", text_offset=None)
    instance = read_xbrl_instance(root)
    form = instance.dei.get("DocumentType") or part.type
    periods, warnings = facts_to_periods(
        instance.facts, document=document, document_type=form, source=Source.XBRL
    )
    dei_cik, dei_form, dei_period = dei_fields(instance.dei)
    return PartResult(
        periods=periods,
        warnings=warnings,
        text=instance.text(),
        text_offset=None,
        company=instance.dei.get("EntityRegistrantName") or None,
        cik=dei_cik,
        form=dei_form,
        period_of_report=dei_period,
        cover_shares=_cover_shares(instance, document),
    )
