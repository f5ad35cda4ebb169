"""The package's architecture, checked by reading the source (an AST scan, no import).

1. Layers in data-flow order: a package imports only packages of lower layers (and the
   root modules ``risk.exceptions``, ``risk._version``, ``risk._rules``,
   ``risk._defaults``, ``risk._limits``, ``risk._lazy``). Packages of one layer are
   independent of each other.
2. No package imports another package's private module (``from risk.x._y import`` outside
   ``risk/x``): what the next stage needs, ``risk.x`` exports.

Imports under ``if TYPE_CHECKING:`` and inside functions count too: a lazy import still
ties the packages together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import risk

PACKAGE = Path(risk.__file__).parent

#: Lowest first. The stages in data-flow order (document text -> tables -> statements ->
#: extraction -> timelines -> features -> model -> report -> batch -> cli), with the base
#: packages placed under their first user: financials (the data contract) and policy (the
#: named scoring rules) under everything; scope (SIC rules) beside documents; signals
#: (text) beside tables, both read by extraction; edgar (fetching) reads documents through
#: extraction, and is used by the report; market (prices) feeds the report beside the model.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer.split())
    for layer in (
        "financials policy",
        "documents scope",
        "tables signals",
        "statements",
        "extraction",
        "edgar timelines",
        "features",
        "market model",
        "report",
        "batch",
        "cli",
    )
)
#: Modules directly in ``risk/`` that every package may import.
ROOT_MODULES = frozenset({"exceptions", "_version", "_rules", "_defaults", "_limits", "_lazy"})


def _packages() -> set[str]:
    return {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, module)`` of every absolute import of a ``risk.`` module in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
            # "from risk import x" names the module risk.x
            if node.module == "risk":
                modules = [f"risk.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        else:
            continue
        for module in modules:
            if module.startswith("risk."):
                yield node.lineno, module


@cache
def _edges() -> tuple[tuple[str, str, str, str], ...]:
    """``(importing package, where, imported package or root module, module)``; the source
    is parsed once for the tests that read it."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2:
            continue  # risk/__init__.py, __main__.py and the root modules themselves
        for line, module in _imports(path):
            target = module.split(".")[1]
            if target != parts[0]:
                found.append(
                    (parts[0], f"{path.relative_to(PACKAGE.parent)}:{line}", target, module)
                )
    return tuple(found)


def _layer(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def test_every_package_has_a_layer() -> None:
    placed = set().union(*LAYERS)
    assert _packages() == placed, "add the new package to LAYERS where its imports put it"


def test_layers_import_only_downwards() -> None:
    broken = []
    for source, where, target, module in _edges():
        if target in ROOT_MODULES:
            continue
        if target not in _packages():
            broken.append(f"{where}: {module} is not a package of risk")
        elif _layer(target) >= _layer(source):
            broken.append(
                f"{where}: {source} (layer {_layer(source)}) imports {module} "
                f"(layer {_layer(target)})"
            )
    assert not broken, "\n".join(broken)


def test_no_private_module_of_another_package() -> None:
    broken = [
        f"{where}: {module} is private to risk.{target}; import it from risk.{target}"
        for source, where, target, module in _edges()
        if target not in ROOT_MODULES and any(p.startswith("_") for p in module.split(".")[2:])
    ]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize(
    "source, module, ok",
    [
        ("from risk.tables import RawTable\n", "risk.tables", True),
        ("from risk.tables._raw import RawTable\n", "risk.tables._raw", False),
        ("def f():\n    from risk.batch._read import x\n", "risk.batch._read", False),
        ("from risk import report\n", "risk.report", True),
    ],
)
def test_the_scan_sees_imports(tmp_path: Path, source: str, module: str, ok: bool) -> None:
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    [(_, found)] = list(_imports(path))
    assert found == module
    assert ok is not any(p.startswith("_") for p in found.split(".")[2:])


def test_exported_names_mean_one_thing() -> None:
    """A name exported by two packages is the same object (a re-export), never two things."""
    import importlib

    seen: dict[str, tuple[str, object]] = {}
    clashes = []
    for package in sorted(_packages()):
        module = importlib.import_module(f"risk.{package}")
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if name in seen and seen[name][1] is not value:
                clashes.append(f"{name}: risk.{seen[name][0]} and risk.{package}")
            seen.setdefault(name, (package, value))
    assert not clashes, "\n".join(clashes)


def test_no_exported_name_shadows_a_builtin() -> None:
    import builtins
    import importlib

    shadows = [
        f"risk.{package}.{name}"
        for package in sorted(_packages())
        for name in getattr(importlib.import_module(f"risk.{package}"), "__all__", ())
        if hasattr(builtins, name)
    ]
    assert not shadows


def test_the_old_warning_name_still_imports() -> None:
    from risk.financials import FilingWarning

    with pytest.deprecated_call():
        from risk.financials import Warning as Old
    assert Old is FilingWarning
