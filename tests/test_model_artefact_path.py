"""Where the shipped model artefact is found: ``risk/_artefacts/`` in an installed wheel,
else ``models/`` beside the package in a source checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from risk.model import _artefact
from risk.model._artefact import ARTEFACT_NAME, default_artefact_path


def test_installed_package_reads_its_artefacts_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_artefact, "__file__", str(tmp_path / "risk" / "model" / "_artefact.py"))
    assert default_artefact_path() == tmp_path / "models" / ARTEFACT_NAME  # no wheel folder
    shipped = tmp_path / "risk" / "_artefacts" / ARTEFACT_NAME
    shipped.parent.mkdir(parents=True)
    shipped.write_text("{}", encoding="ascii")
    assert default_artefact_path() == shipped


def test_source_checkout_reads_models_folder() -> None:
    root = Path(__file__).resolve().parents[1]
    assert default_artefact_path() == root / "models" / ARTEFACT_NAME
    assert default_artefact_path().is_file()
