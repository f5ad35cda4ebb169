"""Start-up costs of the command line that a harmless-looking edit would bring back.

The modules of the pydantic models every command creates evaluate their annotations at
once: with ``from __future__ import annotations`` pydantic compiles and evaluates each
field's annotation string as the class is created (about a quarter of the CPU of
creating the models; issue 18). Modules only an error needs are imported when it
happens.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import risk
from risk._rules import RuleModel, load_rule_file
from risk.exceptions import RuleFileError

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


@pytest.mark.slow
def test_risk_score_json_does_not_import_what_only_errors_need(
    seed_paths: dict[str, Path],
) -> None:
    """``difflib`` serves only the "did you mean" of a rule file's error."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('difflib' in sys.modules))\n"
        "from risk.cli import run\nrun()"
    )
    args = ["score", *map(str, seed_paths.values()), "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"


class _Tiny(RuleModel):
    accumulate: bool


def test_a_misspelt_key_is_named_with_the_key_meant(tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text('{"acumulate": true}', encoding="utf-8")
    with pytest.raises(
        RuleFileError, match=r"unknown key 'acumulate' \(did you mean 'accumulate'\?\)"
    ):
        load_rule_file(path, _Tiny)
