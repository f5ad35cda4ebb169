"""One loader for the rule files shipped with `risk` (``labels.json``, ``scores.json`` ...).

Every rule file is read through a pydantic model that forbids unknown keys
(:class:`RuleModel`), so a misspelt key (``acumulate`` for ``accumulate``) fails when the
file is loaded instead of silently switching a rule off. The error is one line naming
the file, the rule and the key::

    labels.json: rules[12] (pattern 'interest expense'): unknown key 'acumulate'

Conventions of every rule file:

- JSON (``.json``) or TOML (``.toml``), UTF-8;
- a key starting with ``_`` (``_comment``, ``_doc``) is documentation, at any depth, and
  is dropped before validation;
- a rule is an object of a list (named by its index, and its ``id``, ``name`` or
  ``pattern`` when it has one) or of a mapping (named by its key).

This module sits below every stage package (it imports only pydantic and
:mod:`risk.exceptions`), so each package loads its own rule files through it.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from risk.exceptions import RuleFileError

__all__ = ["RuleModel", "load_rule_file", "read_rule_data"]

M = TypeVar("M", bound=BaseModel)

#: Keys that name a rule in an error message, in order of preference.
_NAME_KEYS = ("id", "name", "pattern", "concept", "kind")
_SHOWN = 60


class RuleModel(BaseModel):
    """Base of the models of rule files: unknown keys are errors; loaded values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _drop_comments(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _drop_comments(v)
            for k, v in value.items()
            if not (isinstance(k, str) and k.startswith("_"))
        }
    if isinstance(value, list):
        return [_drop_comments(v) for v in value]
    return value


def read_rule_data(path: Path) -> Any:
    """The content of a rule file (JSON or TOML by suffix), documentation keys dropped.

    Raises
    ------
    RuleFileError
        When the file is missing or is not valid JSON / TOML.
    """
    try:
        if path.suffix == ".toml":
            with path.open("rb") as fh:
                data: Any = tomllib.load(fh)
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleFileError(
            f"cannot be read ({exc.strerror})", source=path.name, rule=None, key=None
        ) from None
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RuleFileError(
            f"not valid {path.suffix.lstrip('.').upper() or 'JSON'}: {problem}",
            source=path.name,
            rule=None,
            key=None,
        ) from None
    return _drop_comments(data)


def load_rule_file(path: Path, model: type[M]) -> M:
    """Read ``path`` and validate it against ``model``.

    Parameters
    ----------
    path : Path
        A ``.json`` or ``.toml`` rule file.
    model : type of pydantic BaseModel
        The file's schema: a :class:`RuleModel` (or a ``RootModel`` of them), whose
        nested models forbid unknown keys too.

    Returns
    -------
    The validated model.

    Raises
    ------
    RuleFileError
        One line naming the file, the rule and the key: an unknown key, a missing key,
        or a value breaking its rule (the first error; the count of the others).
    """
    data = read_rule_data(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _rule_error(path.name, data, exc) from None


def _rule_error(name: str, data: Any, exc: ValidationError) -> RuleFileError:
    errors = sorted(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = _location(first)
    key = str(loc[-1]) if loc and isinstance(loc[-1], str) else None
    owner = loc[:-1] if key is not None else loc
    rule = _describe(owner, data) if owner else None
    kind = first["type"]
    if kind == "extra_forbidden":
        problem = f"unknown key {key!r}"
        # a misspelt key also leaves the right one missing: name it
        missing = [
            str(_location(e)[-1])
            for e in errors
            if e["type"] == "missing" and _location(e)[:-1] == owner
        ]
        import difflib  # only for this message: not imported by every command

        close = difflib.get_close_matches(str(key), missing, n=1)
        if close:
            problem += f" (did you mean {close[0]!r}?)"
    elif kind == "missing":
        problem = f"missing key {key!r}"
    else:
        shown = repr(first.get("input"))
        shown = shown if len(shown) <= _SHOWN else shown[: _SHOWN - 3] + "..."
        what = f"key {key!r}" if key is not None else "value"
        problem = f"{what}: {first['msg']} (got {shown})"
    more = len(errors) - 1
    tail = f" (and {more} more error{'s' if more > 1 else ''})" if more else ""
    message = f"{rule}: {problem}{tail}" if rule else f"{problem}{tail}"
    return RuleFileError(message, source=name, rule=rule, key=key)


def _location(error: Any) -> tuple[int | str, ...]:
    return tuple(part for part in error["loc"] if not _is_union_tag(part))


def _is_union_tag(part: int | str) -> bool:
    # pydantic adds the member type of a union to the location ("str", "_ConceptSpec",
    # "function-after[...]"): not a key of the file
    return isinstance(part, str) and (
        part[:1].isupper()
        or part[:1] == "_"
        or "[" in part
        or part in {"str", "int", "float", "bool", "list", "dict", "none"}
    )


def _describe(loc: Sequence[int | str], data: Any) -> str:
    """``rules[12] (pattern 'interest expense')`` for the location ``('rules', 12)``."""
    text = ""
    node = data
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    if isinstance(node, dict):
        for k in _NAME_KEYS:
            value = node.get(k)
            if isinstance(value, str) and value:
                shown = value if len(value) <= _SHOWN else value[: _SHOWN - 3] + "..."
                return f"{text} ({k} {shown!r})"
    return text
