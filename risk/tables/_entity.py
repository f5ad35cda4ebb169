"""Tables of other entities: affiliates, subsidiaries, the parent alone, acquirees.

A filing prints, beside the registrant's consolidated statements, tables that look like
them but are not its figures: an equity investee's summarised balance sheet, a
subsidiary's financial highlights, the parent-only Schedule I, guarantor columns, an
acquired business's statements, a discontinued operation's results. Their titles say so;
the rules are data (``other_entities.json`` beside this module).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from risk._lazy import lazy_regex
from risk._rules import RuleModel, load_rule_file
from risk.tables._raw import STATEMENT_TITLE, RawTable

__all__ = ["EntityRule", "OtherEntity", "OtherEntityTable", "other_entity"]

_RULES_FILE = Path(__file__).with_name("other_entities.json")
_CONSOLIDATED = lazy_regex(r"\bconsolidated\b", re.I)
_MAX_LINES = 6  # lines of a title read at most
_HEADING = 100  # a heading line is short and does not end a sentence


class OtherEntity(StrEnum):
    """Whose figures a table gives, when they are not the registrant's consolidated ones."""

    PARENT_ONLY = "parent_only"
    GUARANTOR = "guarantor"
    AFFILIATE = "affiliate"
    SUBSIDIARY = "subsidiary"
    ACQUIREE = "acquiree"
    DISCONTINUED = "discontinued"


@dataclass(frozen=True)
class EntityRule:
    """One rule of ``other_entities.json``."""

    kind: OtherEntity
    pattern: re.Pattern[str]
    name: re.Pattern[str] | None = None


@dataclass(frozen=True)
class OtherEntityTable:
    """Why a table is another entity's: the kind, the entity's name where the title gives
    it, and the title line that says so."""

    kind: OtherEntity
    name: str | None
    line: str

    def describe(self) -> str:
        """A phrase for a warning ("an affiliate (Pericom Technology Inc.)")."""
        what = self.kind.value.replace("_", "-")
        return f"{what} ({self.name})" if self.name else f"{what} ({self.line[:80]!r})"


class _EntitySpec(RuleModel):
    kind: OtherEntity
    pattern: str
    name: str | None = None


class _EntityFile(RuleModel):
    lines: int
    rules: list[_EntitySpec]


@lru_cache(maxsize=1)
def _rules() -> tuple[int, tuple[EntityRule, ...]]:
    data = load_rule_file(_RULES_FILE, _EntityFile)
    rules = tuple(
        EntityRule(
            kind=raw.kind,
            pattern=re.compile(raw.pattern, re.I),
            name=re.compile(raw.name) if raw.name else None,
        )
        for raw in data.rules
    )
    return data.lines, rules


def other_entity(table: RawTable) -> OtherEntityTable | None:
    """Whether a table gives another entity's figures (or a part of the registrant's).

    Parameters
    ----------
    table : RawTable
        Its title (the heading and lead-in text above it) is read, line by line, nearest
        lines first, up to the heading of a statement.

    Returns
    -------
    OtherEntityTable or None
        None for the registrant's own tables (and for any line naming a consolidated
        primary statement).
    """
    count, rules = _rules()
    lines = [line.strip() for line in table.title.split("\n") if line.strip()]
    above_statement = -1  # heading lines still read above a statement's own heading
    for depth, line in enumerate(reversed(lines[-_MAX_LINES:])):
        heading = len(line) <= _HEADING and not line.endswith((".", ":"))
        if depth >= count and not heading:
            break
        statement = STATEMENT_TITLE.search(line) is not None
        if statement and _CONSOLIDATED.search(line):
            return None
        for rule in rules:
            if (hit := rule.pattern.search(line)) is not None:
                name = None
                if rule.name is not None and (m := rule.name.match(line, hit.end())):
                    name = m["name"].strip(" ,.")
                return OtherEntityTable(rule.kind, name, line)
        if above_statement == 0:
            return None
        if above_statement > 0:
            above_statement -= 1
        elif statement:
            # the entity a statement belongs to is named in the lines just above its
            # heading ("GAINSCO, INC. (PARENT COMPANY)" over "Balance Sheets")
            above_statement = 2
    return None
