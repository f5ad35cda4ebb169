"""The anchors of the shipped rules, read from a table instead of worked out at start-up.

A rule's anchors (:func:`~risk.signals._anchors.required_literals` and
:func:`~risk.signals._anchors.branch_literals` of its regex) are a property of the
regex's text alone, but reading them off the parsed regex took about a tenth of the CPU
of ``risk score`` on a few filings. ``rules/anchors.json`` holds them for every rule and
fact rule of the shipped rules files, keyed by the text the rule compiles (lower-cased,
spaces made flexible), its flags and the keywords it avoids; a rule looks its anchors up
there and works them out only when its text is not in the table (an edited rules file,
another language). The table changes no result: it holds what the functions return, and
``tests/test_signals_anchor_table.py`` holds it equal to a fresh build. After a change to
a rules file or to :mod:`risk.signals._anchors`, rebuild it::

    python -c "from risk.signals._anchor_table import main; main()"
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from risk.signals._anchors import branch_literals, required_literals

__all__ = [
    "TABLE",
    "Anchors",
    "anchors_of",
    "build_table",
    "main",
    "shipped_anchors",
    "shipped_keys",
    "table_text",
]

TABLE = Path(__file__).parent / "rules" / "anchors.json"

#: ``required_literals`` and ``branch_literals`` of one regex, keywords avoided.
Anchors = tuple[tuple[str, ...] | None, tuple[tuple[tuple[str, ...], ...], ...] | None]

_DOC = (
    "Anchors of the shipped rules (risk/signals/_anchor_table.py): per regex text, flags "
    "and avoided keywords, required_literals and branch_literals. Built by "
    "risk.signals._anchor_table.main(); do not edit."
)


def anchors_of(text: str, flags: int, avoid: tuple[str, ...]) -> Anchors:
    """The anchors of the regex ``text`` compiled with ``flags``, worked out."""
    pattern = re.compile(text, flags)
    return required_literals(pattern, avoid), branch_literals(pattern, avoid)


def shipped_anchors(text: str, flags: int, avoid: tuple[str, ...]) -> Anchors | None:
    """The anchors of the regex ``text`` (with ``flags``, avoiding ``avoid``) from the
    table, or None when the table does not hold it."""
    return _table().get((text, flags, avoid))


@functools.cache
def _table() -> dict[tuple[str, int, tuple[str, ...]], Anchors]:
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    table: dict[tuple[str, int, tuple[str, ...]], Anchors] = {}
    for entry in data["patterns"]:
        required = entry["required"]
        branches = entry["branches"]
        table[(entry["text"], entry["flags"], tuple(entry["avoid"]))] = (
            None if required is None else tuple(required),
            None if branches is None else tuple(tuple(tuple(s) for s in sets) for sets in branches),
        )
    return table


def build_table(keys: Iterable[tuple[str, int, tuple[str, ...]]]) -> dict[str, Any]:
    """The content of the table for the regexes ``keys`` (text, flags, avoided keywords),
    each worked out by :func:`anchors_of`, in a stable order."""
    entries = []
    for text, flags, avoid in sorted(set(keys)):
        required, branches = anchors_of(text, flags, avoid)
        entries.append(
            {
                "text": text,
                "flags": flags,
                "avoid": list(avoid),
                "required": None if required is None else list(required),
                "branches": None
                if branches is None
                else [[list(s) for s in sets] for sets in branches],
            }
        )
    return {"_doc": _DOC, "patterns": entries}


def shipped_keys() -> list[tuple[str, int, tuple[str, ...]]]:
    """The key of every rule and fact rule of every shipped rules file."""
    from risk.signals._rules import RULES_DIR, load_rules

    keys: list[tuple[str, int, tuple[str, ...]]] = []
    for path in sorted(RULES_DIR.glob("*.toml")):
        rules = load_rules(path.stem)
        keys.extend(rule.anchor_key for rule in (*rules.rules, *rules.facts))
    return keys


def table_text(content: dict[str, Any]) -> str:
    """``content`` (of :func:`build_table`) as the table file's text: one regex a line."""
    lines = [json.dumps(entry, ensure_ascii=False) for entry in content["patterns"]]
    return (
        f'{{"_doc": {json.dumps(content["_doc"])},\n"patterns": [\n' + ",\n".join(lines) + "\n]}\n"
    )


def main() -> None:
    """Rebuild ``rules/anchors.json`` from the shipped rules files."""
    text = table_text(build_table(shipped_keys()))
    TABLE.write_text(text, encoding="utf-8")
    print(f"{TABLE}: {text.count(chr(10)) - 3} regexes")
