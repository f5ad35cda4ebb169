"""The layout of ``rules/<language>.toml``: every section and key it may hold.

A file is validated against :class:`SignalRulesFile` when it is read (through
:func:`risk._rules.load_rule_file`), so a misspelt key (``keyword`` for ``keywords``,
``negation_befor``) fails with the file, the rule and the key instead of silently
switching a check off. The meaning of each key is in the file's header; the patterns
themselves are compiled (and their errors reported) by :mod:`risk.signals._rules` and
:mod:`risk.signals._items`.
"""

# No ``from __future__ import annotations``: pydantic compiles and evaluates a string
# annotation of each field as a model class is created (about a quarter of the CPU of
# creating the models, at every start-up: issue 18).

import functools
from pathlib import Path
from typing import Any

from pydantic import Field

from risk._defaults import new_dict, new_list
from risk._rules import RuleModel, load_rule_file

__all__ = ["SignalRulesFile", "rules_data"]


class _Context(RuleModel):
    negation_words: list[str] = Field(default_factory=new_list)
    negation_before: list[str] = Field(default_factory=new_list)
    negation_anywhere: list[str] = Field(default_factory=new_list)
    double_negation: list[str] = Field(default_factory=new_list)
    hedge_words: list[str] = Field(default_factory=new_list)
    hedge_before: list[str] = Field(default_factory=new_list)
    hedge_after: list[str] = Field(default_factory=new_list)
    standard: list[str] = Field(default_factory=new_list)
    safe_harbor: list[str] = Field(default_factory=new_list)
    definition: list[str] = Field(default_factory=new_list)
    defined_term_after: str = r"(?!x)x"
    filer: list[str] = Field(default_factory=new_list)
    hints: dict[str, list[str]] = Field(default_factory=new_dict)


class _Subject(RuleModel):
    pronouns: list[str] = Field(default_factory=new_list)
    subsidiary: list[str] = Field(default_factory=new_list)
    other: list[str] = Field(default_factory=new_list)
    coordination: str = r"(?!x)x"
    subject_verbs: str = r"(?!x)x"
    name_stop: list[str] = Field(default_factory=new_list)
    speaker_suffix: str = r"(?!x)x"
    filer_required_kinds: list[str] = Field(default_factory=new_list)


class _State(RuleModel):
    intended: list[str] = Field(default_factory=new_list)
    intended_kinds: list[str] = Field(default_factory=new_list)
    historical: list[str] = Field(default_factory=new_list)
    historical_kinds: list[str] = Field(default_factory=new_list)
    historical_days: int = 120
    date_lead: str = r"(?!x)x"


class _Contract(RuleModel):
    types: list[str] = Field(default_factory=new_list)
    markers: list[str] = Field(default_factory=new_list)


class _Items(RuleModel):
    kinds: dict[str, str] = Field(default_factory=new_dict)
    old_kinds: dict[str, str] = Field(default_factory=new_dict)
    new_numbering_from: str = "2004-08-23"
    header: dict[str, str] = Field(default_factory=new_dict)
    voluntary_transfer: str = r"(?!x)x"
    deficiency: str = r"(?!x)x"
    checkbox: str = r"(?!x)x"


class _Rule(RuleModel):
    id: str
    kind: str
    keywords: list[str]
    pattern: str
    reach: list[int] | None = None
    scope: str | None = None
    skip: list[str] | None = None
    state: str | None = None


class _Fact(RuleModel):
    id: str
    kind: str
    keywords: list[str]
    pattern: str
    reach: list[int] | None = None
    skip: list[str] | None = None


class SignalRulesFile(RuleModel):
    """``rules/<language>.toml``: the sections and the ``[[rule]]`` / ``[[fact]]`` lists."""

    version: int
    language: str
    context: _Context = Field(default_factory=_Context)
    subject: _Subject = Field(default_factory=_Subject)
    state: _State = Field(default_factory=_State)
    contract: _Contract = Field(default_factory=_Contract)
    items: _Items = Field(default_factory=_Items)
    rule: list[_Rule] = Field(default_factory=new_list)
    fact: list[_Fact] = Field(default_factory=new_list)


@functools.cache
def rules_data(path: Path) -> dict[str, Any]:
    """The content of a signal rules file, validated against :class:`SignalRulesFile`,
    as the keys written in it (defaults are left to the compilers)."""
    data: dict[str, Any] = load_rule_file(path, SignalRulesFile).model_dump(exclude_unset=True)
    return data
