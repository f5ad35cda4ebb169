"""``run_batch``: a whole batch job to files (what ``risk batch`` runs), with progress."""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from risk.batch._engines import Engine

if TYPE_CHECKING:
    from risk.market import MarketData
from risk.batch._output import (
    ERROR_COLUMNS,
    SCORE_COLUMNS,
    TableWriter,
    errors_path,
    ledger_path,
    log_path,
    output_format,
    score_row,
)
from risk.batch._read import Extractor
from risk.batch._run import (
    DEFAULT_TIMEOUT,
    AsOf,
    BatchOptions,
    BatchRun,
    CompanyScore,
    DocumentOutcome,
)
from risk.batch._scoring import Scorer
from risk.exceptions import RiskError, StorageError, storage_error

__all__ = ["BatchSummary", "Progress", "run_batch"]


@dataclass(frozen=True)
class BatchSummary:
    """What a batch run did.

    ``inputs == scored + failed`` always holds: every input document is used in
    the output or is a row of the errors table.

    Attributes
    ----------
    inputs, scored, failed : int
        Distinct input paths; those used in the output; those in the errors table.
    rows, companies : int
        Output rows; companies among them.
    read, cached : int
        Documents read in this run; documents whose result came from the ledger.
    seconds, read_seconds : float
        Wall time in all, and of the reading phase.
    out, errors, ledger : Path
    """

    inputs: int
    scored: int
    failed: int
    rows: int
    companies: int
    read: int
    cached: int
    seconds: float
    read_seconds: float
    out: Path
    errors: Path
    ledger: Path

    def line(self) -> str:
        """``N inputs = S scored + F failed``."""
        return f"{self.inputs} inputs = {self.scored} scored + {self.failed} failed"


class Progress:
    """Documents done, rate and errors so far: a tqdm bar on a terminal, log lines otherwise.

    Parameters
    ----------
    stream : text stream, default sys.stderr
    bar : bool or None, default None
        Force the bar on or off; None: a bar when ``stream`` is a terminal.
    every : float, default 10
        Seconds between log lines when there is no bar.
    """

    def __init__(
        self, stream: TextIO | None = None, *, bar: bool | None = None, every: float = 10.0
    ):
        self.stream = stream or sys.stderr
        self.done = 0
        self.errors = 0
        self.cached = 0
        self.start = time.monotonic()
        self.every = every
        self._last = self.start
        use_bar = bar if bar is not None else bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar: Any = None
        if use_bar:
            from tqdm import tqdm

            self._bar = tqdm(file=self.stream, unit="doc", desc="risk batch", dynamic_ncols=True)

    def update(self, outcome: DocumentOutcome) -> None:
        self.done += 1
        self.errors += not outcome.ok
        self.cached += outcome.cached
        if self._bar is not None:
            self._bar.update(1)
            if not outcome.ok or self.done % 50 == 0:
                self._bar.set_postfix(errors=self.errors, cached=self.cached, refresh=False)
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self._log(now)

    def _log(self, now: float) -> None:
        rate = self.done / max(now - self.start, 1e-9)
        print(
            f"risk batch: {self.done} documents done ({rate:.1f}/s), {self.errors} errors, "
            f"{self.cached} from the ledger",
            file=self.stream,
            flush=True,
        )

    def message(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.set_postfix(errors=self.errors, cached=self.cached)
            self._bar.close()
        else:
            self._log(time.monotonic())


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    jobs: int = 1,
    as_of: AsOf | str = AsOf.LATEST,
    engine: Engine | str = Engine.LOCAL,
    scheduler: Any = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = None,
    extractor: Extractor | None = None,
    scorer: Scorer | None = None,
    progress: Progress | None = None,
    market: MarketData | None = None,
) -> BatchSummary:
    """Run a batch job to files: the output, its errors table and the ledger beside it.

    Parameters are those of :func:`risk.batch.score_many`, plus:

    out : path
        ``.parquet``, ``.csv`` or ``.jsonl``: one row per company and as-of date.
        Beside it: ``<stem>.errors<ext>`` (path, sha256, stage, reason) and the
        ledger ``<out>.ledger.sqlite``. Running the same command again resumes
        from the ledger: documents already read are not read again. The local
        workers' stderr (the traceback of a worker that dies) goes to
        ``<out>.workers.log``, not to the terminal.
    progress : Progress, optional
        Where progress goes (default: a bar on a terminal, log lines otherwise).
    market : MarketData, optional
        A market-data file for the whole run (:func:`risk.batch.score_groups`).

    Returns
    -------
    BatchSummary
    """
    options = BatchOptions.from_arguments(locals())
    out_path = Path(out).absolute()
    output_format(out_path)
    if not out_path.parent.is_dir():
        what = "is not a folder" if out_path.parent.exists() else "the output folder does not exist"
        raise StorageError(what, path=str(out_path.parent))
    if out_path.is_dir():
        raise StorageError("is a folder, not a file", path=str(out_path))
    try:
        return _run_batch(inputs, out_path, options, progress)
    except sqlite3.OperationalError as exc:  # the ledger: read-only or full disk
        raise storage_error(exc, ledger_path(out_path)) from exc
    except OSError as exc:
        if isinstance(exc, RiskError) or exc.filename is not None:
            raise
        raise storage_error(exc, out_path) from exc  # a full disk names no file


def _run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out_path: Path,
    options: BatchOptions,
    progress: Progress | None,
) -> BatchSummary:
    err_path = errors_path(out_path)
    led_path = ledger_path(out_path)
    exclude = [
        str(out_path),
        str(err_path),
        str(led_path),
        str(log_path(out_path)),
        f"{led_path}-wal",
        f"{led_path}-shm",
        f"{led_path}-journal",
    ]
    start = time.monotonic()
    run = BatchRun(
        inputs, ledger=led_path, options=options, exclude=exclude, log=log_path(out_path)
    )
    progress = progress or Progress()
    read = cached = 0
    try:
        for outcome in run.read():
            progress.update(outcome)
            cached += outcome.cached
            read += not outcome.cached
        progress.close()
        read_seconds = time.monotonic() - start
        rows = companies = used = 0
        last_group = None
        group_used = 0
        with TableWriter(out_path, SCORE_COLUMNS) as writer:
            for item in run.score():
                if isinstance(item, CompanyScore):
                    writer.write(score_row(item))
                    rows += 1
                    if item.group != last_group:
                        companies += 1
                        used += group_used
                        last_group, group_used = item.group, 0
                    # The rows of a company use more and more of its documents.
                    group_used = max(group_used, item.n_documents)
                else:
                    progress.message(f"risk batch: {item.path}: {item.reason}")
            used += group_used
        inputs_n, ok_n, failed_n = run.ledger.counts()
        with TableWriter(err_path, ERROR_COLUMNS) as errors:
            for path, sha, stage, reason in run.ledger.iter_errors():
                errors.write({"path": path, "sha256": sha, "stage": stage, "reason": reason})
    finally:
        run.close()
    if inputs_n != ok_n + failed_n or used != ok_n:  # pragma: no cover - a bug if so
        raise RiskError(
            f"internal error: {inputs_n} inputs, {ok_n} read, {failed_n} failed, "
            f"but {used} documents used in the output"
        )
    return BatchSummary(
        inputs=inputs_n,
        scored=ok_n,
        failed=failed_n,
        rows=rows,
        companies=companies,
        read=read,
        cached=cached,
        seconds=time.monotonic() - start,
        read_seconds=read_seconds,
        out=out_path,
        errors=err_path,
        ledger=led_path,
    )
