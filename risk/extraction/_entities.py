"""The warning for tables of other entities left out of a part."""

from __future__ import annotations

from risk.financials import FilingWarning, WarningCode
from risk.tables import OtherEntityTable

__all__ = ["other_entity_warning"]


def other_entity_warning(
    left_out: list[OtherEntityTable], *, read_any: bool, document: str
) -> FilingWarning | None:
    """A warning naming the other entities whose tables were left out, or None.

    ``other_entity_only`` when the part gives no figures of its own (only another
    entity's tables hold figures: nothing is read), else ``other_entity_table``.
    """
    if not left_out:
        return None
    names = list(dict.fromkeys(t.describe() for t in left_out))
    shown = "; ".join(names[:4]) + (f"; and {len(names) - 4} more" if len(names) > 4 else "")
    if read_any:
        return FilingWarning(
            code=WarningCode.OTHER_ENTITY_TABLE,
            message=(
                f"{len(left_out)} table(s) of other entities or parts of the company were left "
                f"out: {shown}"
            ),
            document=document,
        )
    return FilingWarning(
        code=WarningCode.OTHER_ENTITY_ONLY,
        message=(
            "the only tables with figures are another entity's or a part of the company's "
            f"({shown}); nothing is read from them"
        ),
        document=document,
    )
