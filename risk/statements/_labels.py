"""Row labels to line items through the data file ``labels.json`` (no if-chains)."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from risk._defaults import new_dict
from risk._lazy import lazy_regex
from risk._rules import RuleModel, load_rule_file
from risk.financials import LineItem

__all__ = [
    "BalanceAt",
    "LabelRule",
    "Sign",
    "ValueKind",
    "load_rules",
    "match_label",
    "normalise_label",
]

_LABELS_FILE = Path(__file__).with_name("labels.json")
_MAX_LABEL = 300


class Sign(StrEnum):
    """How the printed sign of a row becomes the sign of the line item."""

    AS_PRINTED = "as_printed"
    DEFICIT = "deficit"
    COST = "cost"
    TAX = "tax"
    NEGATIVE = "negative"


class ValueKind(StrEnum):
    """How a row is scaled."""

    MONEY = "money"
    SHARES = "shares"
    PER_SHARE = "per_share"


class BalanceAt(StrEnum):
    """Where a balance printed in a statement of flows stands: at the end of the column's
    period ("Cash ... at end of period") or at its beginning (the previous period's end)."""

    END = "end"
    BEGINNING = "beginning"


class LabelRule(RuleModel):
    """One rule of ``labels.json`` (see the ``_doc`` there), its pattern compiled as it loads."""

    pattern: re.Pattern[str]
    field: LineItem | None
    kind: ValueKind = ValueKind.MONEY
    sign: Sign = Sign.AS_PRINTED
    fallback: Sign = Sign.AS_PRINTED
    priority: int = 1
    accumulate: bool = False
    after_gross_profit: LineItem | None = None
    instant_only: bool = False
    require: str | None = None
    balance_at: BalanceAt | None = None
    balance_field: LineItem | None = None
    restricted_cash: bool = False


class _LabelsFile(RuleModel):
    decisions: dict[str, str] = Field(default_factory=new_dict)
    rules: list[LabelRule]


@lru_cache(maxsize=1)
def load_rules() -> tuple[LabelRule, ...]:
    """The rules of ``labels.json``, compiled, in order."""
    return tuple(load_rule_file(_LABELS_FILE, _LabelsFile).rules)


_LEADERS = lazy_regex(r"\.{2,}|(?:\. ){2,}|_{2,}")
_FOOTNOTE = lazy_regex(
    r"\(\s*(?:\d{1,2}|[a-z])\s*\)|\*+|\(\s*see [^)]{0,40}\)"
    # note references: "(note 6)", "(notes 6 and 7)", "(Notes 1, 12 and 13)", "(note 3(b))"
    r"|\(\s*notes?\s+\d{1,2}(?:\s*\([a-z]\))?(?:\s*(?:,|and|&)\s*\d{1,2}(?:\s*\([a-z]\))?)*\s*\)"
)
_PUNCT = lazy_regex(r"[$,;\"\u2019'`]")
_DASH_SEP = lazy_regex(r"\s[-\u2013\u2014]+\s|\s[-\u2013\u2014]+$")
_SPACE = lazy_regex(r"\s+")
#: "(loss)/earnings", "income/(loss)", "(loss) income": the gain word first, the loss in
#: parentheses after it, as the rules are written ("net (loss)/earnings" -> "net earnings
#: (loss)").
_LOSS_FIRST = lazy_regex(r"\(loss\)\s*/?\s*(income|earnings|profit)\b")
_LOSS_AFTER = lazy_regex(r"\b(income|earnings|profit)\s*/\s*\(loss\)")


def normalise_label(label: str) -> str:
    """A label as the rules see it: lower case, no leaders, marks or apostrophes."""
    text = label[:_MAX_LABEL].lower().replace("\u00a0", " ")
    text = _LEADERS.sub(" ", text)
    text = _FOOTNOTE.sub(" ", text)
    text = _PUNCT.sub(" ", text)
    text = _DASH_SEP.sub(" ", text)
    text = text.replace("( ", "(").replace(" )", ")")
    if "(loss)" in text:
        text = _LOSS_AFTER.sub(r"\1 (loss)", _LOSS_FIRST.sub(r"\1 (loss)", text))
    text = _SPACE.sub(" ", text).strip(" .:-")
    return text


@lru_cache(maxsize=8192)
def match_label(
    label: str, *, section: str = "", short_needs_section: bool = True
) -> tuple[LabelRule | None, str]:
    """The first rule matching the label, with its section heading where it needs one.

    Parameters
    ----------
    label : str
        The row label as printed.
    section : str, default ""
        The heading the row stands under ("Weighted average shares outstanding:").
    short_needs_section : bool, default True
        Whether a label of one or two words is read with its heading first (False when
        the row is not indented under the heading).

    Returns
    -------
    rule : LabelRule or None
        None when no rule matches (the row is not a line item).
    matched : str
        The normalised text the rule matched.
    """
    alone = normalise_label(label)
    candidates = [alone]
    if section:
        combined = f"{normalise_label(section)} {alone}".strip()
        # A short label ("Basic", "Diluted", "Total") needs its heading; a longer one
        # is read alone first ("Net income (loss)" under "FULLY DILUTED EARNINGS PER SHARE").
        if short_needs_section and len(alone.split()) <= 2:
            candidates.insert(0, combined)
        else:
            candidates.append(combined)
    for text in candidates:
        if not text:
            continue
        for rule in load_rules():
            if rule.require and rule.require not in text:
                continue
            if rule.pattern.fullmatch(text):
                return rule, text
    return None, alone
