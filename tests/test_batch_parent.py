"""The batch process itself: it hands the reading to its workers and never loads the readers."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

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
