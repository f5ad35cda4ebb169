"""One filing's statements made complete, consistent and plausible, in that order of need.

:func:`complete_filing` is called once per filing by the extraction coordinator, after
a document's parts are read and merged (and the same for XBRL instances and company
facts): implausible values are left out first, so that nothing is derived from them;
then each period gets the line items its identities derive; then the periods are
checked against each other.
"""

from __future__ import annotations

from risk.financials import Filing, FilingWarning, PeriodValues
from risk.statements._checks import cross_period_checks
from risk.statements._derive import derive_period
from risk.statements._plausible import screen_periods

__all__ = ["complete_filing"]


def complete_filing(filing: Filing, *, derive: bool = True) -> Filing:
    """Leave out implausible values, derive missing line items, check the statements.

    Parameters
    ----------
    filing : Filing
        One filing as read (printed or tagged values only).
    derive : bool, default True
        False leaves out the derivations (their checks too): what the document itself
        gives, plausible values only (for measuring what derivation adds).

    Returns
    -------
    Filing
        A copy with the implausible values left out (``implausible_value`` warnings
        naming each), the derived line items added (``Source.DERIVED`` provenance with
        formula and inputs) and ``check_failed`` warnings for identities that do not
        hold; printed and tagged values are never changed.
    """
    document = filing.source
    periods, warnings = screen_periods(filing.periods, document=document, filed=filing.filed)
    if derive:
        periods, derive_warnings = _derive_all(periods, document)
        warnings += derive_warnings
        # a derived value is screened like a printed one (a sum past any bound)
        periods, late = screen_periods(periods, document=document, filed=filing.filed)
        warnings += late
        warnings += cross_period_checks(periods, document=document)
    if not warnings and periods == filing.periods:
        return filing
    return filing.model_copy(update={"periods": periods, "warnings": [*filing.warnings, *warnings]})


def _derive_all(
    periods: list[PeriodValues], document: str
) -> tuple[list[PeriodValues], list[FilingWarning]]:
    out: list[PeriodValues] = []
    warnings: list[FilingWarning] = []
    for pv in periods:
        derived, found = derive_period(pv, document=document)
        out.append(derived)
        warnings.extend(found)
    return out, warnings
