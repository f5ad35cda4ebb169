"""Every notebook in ``notebooks/`` runs from top to bottom (so none of them rots).

The notebooks are executed in memory (nothing is written back) with the
``python3`` kernel, started from the repository root so that they find
``../shared`` beside it. jupyter_client replaces a kernelspec's ``python``
command with ``sys.executable``, so the kernel runs this interpreter and its
installed ``risk``; ``test_kernel_is_this_interpreter`` checks that.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

#: Each notebook runs in a Jupyter kernel (a fresh interpreter).
pytestmark = pytest.mark.slow

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 300


def _run(nb: object) -> object:
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT)}},
    )
    return client.execute()


def test_kernel_is_this_interpreter() -> None:
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(
        cells=[new_code_cell("import os, sys\nprint(sys.executable)\nprint(os.getcwd())")]
    )
    _run(nb)
    text = nb.cells[0].outputs[0]["text"].splitlines()
    assert Path(text[0]).resolve() == Path(sys.executable).resolve()
    assert Path(text[1]).resolve() == ROOT


def test_there_are_notebooks() -> None:
    assert any(p.name == "fibercore_case_study.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, shared_dir: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    _run(nb)
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors, errors
