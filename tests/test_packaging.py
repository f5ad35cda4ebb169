"""The wheel ships the fitted model and every data file the code reads."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

#: Builds the wheel.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (built,) = out.glob("risk-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_ships_the_model_from_models_dir(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    shipped = sorted(p.name for p in (ROOT / "models").glob("*.json"))
    assert shipped, "models/ holds no fitted artefact"
    for name in shipped:
        inside = f"risk/_artefacts/{name}"
        assert inside in names
        assert json.loads(wheel.read(inside)) == json.loads((ROOT / "models" / name).read_text())


def test_wheel_ships_every_data_file_next_to_the_code(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    data_files = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "risk").rglob("*")
        if p.is_file() and p.suffix in {".json", ".toml", ".csv"}
    ]
    assert data_files  # label maps, signal rules, concept maps ...
    missing = [f for f in data_files if f not in names]
    assert missing == []


def test_wheel_has_the_console_script(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "risk = risk.cli:run" in wheel.read(entry_points).decode()


def test_wheel_marks_the_package_typed(wheel: zipfile.ZipFile) -> None:
    """PEP 561: type checkers read risk's annotations from the installed package."""
    assert "risk/py.typed" in set(wheel.namelist())
