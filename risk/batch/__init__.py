"""Batch scoring of many filings: parallel, resumable, every input accounted for.

:func:`score_many` is the library face (a generator of per-document outcomes, then
per-company scores); :func:`run_batch` writes a whole job to files, as
``risk batch`` does.
"""

from risk.batch._engines import Engine, shutdown_local
from risk.batch._job import BatchSummary, Progress, run_batch
from risk.batch._output import read_rows
from risk.batch._read import Stage, resolve_callable
from risk.batch._run import DEFAULT_TIMEOUT, AsOf, DocumentOutcome, score_many
from risk.batch._scoring import ScoreFields

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsOf",
    "BatchSummary",
    "DocumentOutcome",
    "Engine",
    "Progress",
    "ScoreFields",
    "Stage",
    "read_rows",
    "resolve_callable",
    "run_batch",
    "score_many",
    "shutdown_local",
]
