"""Batch scoring of many filings: parallel, resumable, every input accounted for.

:func:`score_many` is the library face (a generator of per-document outcomes, then
per-company scores); :func:`run_batch` writes a whole job to files, as
``risk batch`` does.
"""

from risk.batch._engines import Engine, shutdown_local
from risk.batch._job import BatchSummary, Progress, run_batch
from risk.batch._output import ERROR_COLUMNS, SCORE_COLUMNS, read_rows
from risk.batch._read import ReadOutcome, Stage, read_document, resolve_callable
from risk.batch._run import DEFAULT_TIMEOUT, AsOf, CompanyScore, DocumentOutcome, score_many
from risk.batch._scoring import MAIN_SCORES, ScoreFields, as_score_fields

__all__ = [
    "DEFAULT_TIMEOUT",
    "ERROR_COLUMNS",
    "MAIN_SCORES",
    "SCORE_COLUMNS",
    "AsOf",
    "BatchSummary",
    "CompanyScore",
    "DocumentOutcome",
    "Engine",
    "Progress",
    "ReadOutcome",
    "ScoreFields",
    "Stage",
    "as_score_fields",
    "read_document",
    "read_rows",
    "resolve_callable",
    "run_batch",
    "score_many",
    "shutdown_local",
]
