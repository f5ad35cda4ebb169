"""The README stays true: its Python example runs and CI runs its test command."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


@pytest.mark.slow
def test_python_example_runs(tmp_path: Path, shared_dir: Path) -> None:
    (block,) = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    # The example reads ../shared like a user at the repository root; give it the same
    # layout in a temporary folder so that what it writes stays out of the repository.
    work = tmp_path / "main"
    work.mkdir()
    (tmp_path / "shared").symlink_to(shared_dir)
    proc = subprocess.run(
        [sys.executable, "-c", block], cwd=work, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "going_concern_doubt" in proc.stdout
    assert (work / "fibercore.html").read_text().startswith("<!DOCTYPE html>")


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"^python3 -m venv .*$", README, flags=re.M)
    assert len(commands) == 2  # install-and-score, install-and-test
    test_command = commands[1].split("&&")[-1].strip()
    assert test_command == ".venv/bin/python -m pytest -q"
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_the_fast_lane_command_is_the_floors_command_and_its_plugin_is_installed() -> None:
    """The README's inner loop runs the fast lane on two processes: pytest-xdist is a test
    dependency, and ``.ci/floors`` runs the same command in its environment."""
    (block,) = re.findall(r"The inner loop.*?```bash\n(.*?)\n```", README, flags=re.S)
    assert block == '.venv/bin/python -m pytest -q -m "not slow" -n 2'
    floors = (ROOT / ".ci" / "floors").read_text()
    assert block.replace(".venv/", ".venv-floors/") in floors.splitlines()
    tests_extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["test"]
    assert any(dep.startswith("pytest-xdist>=") for dep in tests_extra)
