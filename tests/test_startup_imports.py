"""Start-up costs of the command line that a harmless-looking edit would bring back.

The modules of the pydantic models every command creates evaluate their annotations at
once: with ``from __future__ import annotations`` pydantic compiles and evaluates each
field's annotation string as the class is created (about a quarter of the CPU of
creating the models; issue 18).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import risk

PACKAGE = Path(risk.__file__).parent

#: The modules of the models ``risk score`` creates, most classes first.
MODEL_MODULES = (
    "report/_models.py",
    "financials/_models.py",
    "features/_models.py",
    "signals/_schema.py",
    "model/_types.py",
    "features/_scores.py",
    "model/_signals.py",
)


def _future_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "__future__"
        for alias in node.names
    }


@pytest.mark.parametrize("module", MODEL_MODULES)
def test_model_modules_do_not_postpone_annotations(module: str) -> None:
    assert "annotations" not in _future_names(PACKAGE / module)


def test_the_check_sees_a_postponed_module() -> None:
    # the scan itself: a module that does postpone them is seen to
    assert "annotations" in _future_names(PACKAGE / "report" / "_core.py")
