"""The batch process itself: it leaves the readers to its workers, and both public faces
(``score_many``, ``run_batch``) pass every option on by name."""

from __future__ import annotations

import dataclasses
import inspect
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from risk.batch import run_batch, score_many
from risk.batch._run import BatchOptions
from risk.exceptions import InputError
from risk.financials import DocumentInfo, Filing

TESTS = Path(__file__).resolve().parent


def test_the_batch_process_does_not_import_the_readers(tmp_path: Path) -> None:
    """Importing :mod:`risk.extraction` costs about a second of CPU; the batch process used
    to pay it for the default size limit alone (``DEFAULT_MAX_BYTES``)."""
    folder = tmp_path / "in"
    folder.mkdir()
    filing = Filing(
        source="a.txt", sha256="0" * 64, company="Acme Corp", documents=[DocumentInfo()]
    )
    (folder / "a.json").write_text(filing.to_json(), encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import sys
        from risk.batch import run_batch, shutdown_local
        from test_batch_helpers import filing_json_extract, scorer
        summary = run_batch(
            [{str(folder)!r}], {str(tmp_path / "out.csv")!r},
            extractor=filing_json_extract, scorer=scorer,
        )
        shutdown_local()
        print(summary.scored, summary.rows, "risk.extraction" in sys.modules)
        """
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(TESTS), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "1", "False"]


def test_both_public_faces_take_every_option_with_the_same_default() -> None:
    """``BatchOptions.from_arguments`` reads the options from the arguments of
    :func:`score_many` and :func:`run_batch` by name: each takes every option, keyword-only,
    with the option's default."""
    for func in (score_many, run_batch):
        params = inspect.signature(func).parameters
        for option in dataclasses.fields(BatchOptions):
            param = params[option.name]
            assert param.kind is inspect.Parameter.KEYWORD_ONLY, (func.__name__, option.name)
            assert param.default == option.default, (func.__name__, option.name)


def test_options_reach_the_run(tmp_path: Path) -> None:
    """An option given to ``score_many`` is the one the run uses (here a bad one is refused)."""
    with pytest.raises(InputError, match="jobs must be >= 1; got 0"):
        list(score_many([str(tmp_path)], jobs=0))
    with pytest.raises(InputError, match="as_of must be 'latest' or 'each'; got 'now'"):
        list(score_many([str(tmp_path)], as_of="now"))
