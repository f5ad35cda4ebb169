"""Default factories of the pydantic models (``risk._defaults``).

Root cause guarded here (issue 18): ``Field(default_factory=list)`` made pydantic
parse the text signature of the builtin ``list`` (``inspect.signature``, through the
tokenizer) for every such field when the model's validator was built, a large share
of the start-up of ``risk score``. The check reads the source (an AST scan, as
``test_architecture``), so it imports nothing.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

import risk
from risk._defaults import new_dict, new_list, new_tuple

PACKAGE = Path(risk.__file__).parent
_BUILTIN_FACTORIES = frozenset({"list", "dict", "tuple", "set", "frozenset"})
#: pydantic's field constructors (a dataclass's ``field`` is not inspected: it may keep ``list``)
_PYDANTIC_CALLS = frozenset({"Field", "PrivateAttr"})


def _builtin_factories(source: str, filename: str) -> Iterator[tuple[int, str]]:
    """``(line, factory)`` of every ``Field(default_factory=<builtin>)`` in ``source``."""
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in _PYDANTIC_CALLS:
            continue
        for kw in node.keywords:
            if (
                kw.arg == "default_factory"
                and isinstance(kw.value, ast.Name)
                and kw.value.id in _BUILTIN_FACTORIES
            ):
                yield node.lineno, kw.value.id


def test_each_call_gives_a_new_empty_value() -> None:
    a, b = new_list(), new_list()
    assert a == [] and a is not b
    c, d = new_dict(), new_dict()
    assert c == {} and c is not d
    assert new_tuple() == ()


def test_the_factories_take_no_argument() -> None:
    """pydantic passes the validated data to a factory with one positional parameter."""
    for factory in (new_list, new_dict, new_tuple):
        assert not inspect.signature(factory).parameters


@pytest.mark.parametrize(
    "source, found",
    [
        ("x: list[int] = Field(default_factory=list)\n", [(1, "list")]),
        ("x: dict = pydantic.Field(default=None, default_factory=dict)\n", [(1, "dict")]),
        ("_c: dict = PrivateAttr(default_factory=dict)\n", [(1, "dict")]),
        ("x: list[int] = Field(default_factory=new_list)\n", []),
        ("x: list[int] = field(default_factory=list)\n", []),  # a dataclass field
    ],
)
def test_the_scan_sees_builtin_factories(source: str, found: list[tuple[int, str]]) -> None:
    assert list(_builtin_factories(source, "m.py")) == found


def test_no_model_field_defaults_to_a_builtin_factory() -> None:
    broken = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: default_factory={name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, name in _builtin_factories(path.read_text(encoding="utf-8"), str(path))
    ]
    assert not broken, "use risk._defaults.new_list / new_dict / new_tuple:\n" + "\n".join(broken)
