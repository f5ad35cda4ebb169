"""Engines that run :func:`read_document` on many documents: local processes or Dask.

Both take a lazy iterator of tasks and yield ``(task, outcome)`` as documents
finish, keeping a bounded number of tasks in flight, so memory does not grow
with the number of documents.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection, wait
from typing import Any

from risk.batch._read import Extractor, ReadOutcome, Stage, read_document
from risk.exceptions import InputError

__all__ = ["Engine", "Task", "run_dask", "run_local"]


class Engine(StrEnum):
    """Where the documents are read."""

    LOCAL = "local"  # worker processes on this machine (--jobs)
    DASK = "dask"  # a Dask distributed cluster (--scheduler ADDRESS)


@dataclass(frozen=True)
class Task:
    """One document to read."""

    path: str
    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    #: Set when the document needs no reading (already in the ledger, or refused before
    #: reading): the engine passes the task straight through as ``(task, None)``.
    ready: object = None


# --------------------------------------------------------------------------- local


def _worker_main(conn: Connection, extractor: Extractor | None, max_bytes: int) -> None:
    """A worker process: read the documents the parent sends, one at a time."""
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:  # stop: report this worker's peak memory, then exit
            conn.send(_peak_rss_kb())
            return
        conn.send(read_document(path, max_bytes, extractor))


def _peak_rss_kb() -> int:
    """Peak resident memory of this process in KiB (Linux ``ru_maxrss``; bytes on macOS)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak // 1024 if sys.platform == "darwin" else peak)


#: Peak resident memory (KiB) of the largest local worker stopped so far in this process.
WORKER_PEAK_RSS_KB = [0]


def _context() -> Any:
    # forkserver: a clean process to fork from (no parent threads: tqdm, dask, sqlite).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class _Worker:
    def __init__(self, ctx: Any, extractor: Extractor | None, max_bytes: int) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=_worker_main, args=(child, extractor, max_bytes), daemon=True
        )
        self.process.start()
        child.close()
        self.conn: Connection = parent
        self.task: Task | None = None
        self.deadline = float("inf")

    def send(self, task: Task, timeout: float | None) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
        self.conn.send(task.path)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, EOFError):  # already gone: kill() below reaps it
            self.conn.send(None)
            if self.task is None and self.conn.poll(2):
                peak = self.conn.recv()
                WORKER_PEAK_RSS_KB[0] = max(WORKER_PEAK_RSS_KB[0], int(peak))
        self.process.join(timeout=2)
        self.kill()


def run_local(
    tasks: Iterator[Task],
    *,
    jobs: int,
    extractor: Extractor | None,
    timeout: float | None,
    max_bytes: int,
) -> Iterator[tuple[Task, ReadOutcome | None]]:
    """Read documents in ``jobs`` worker processes, each with a time limit.

    Each worker reads one document at a time. A worker past its deadline is
    killed (SIGKILL) and replaced, and its document becomes a ``timeout``
    error; a worker that dies (out of memory, segfault) gives a ``crash`` error
    and is replaced too. At most ``jobs`` documents are in flight.
    """
    if jobs < 1:
        raise InputError(f"jobs must be >= 1; got {jobs!r}")
    ctx = _context()
    workers = [_Worker(ctx, extractor, max_bytes) for _ in range(jobs)]
    exhausted = False
    try:
        while True:
            for i, worker in enumerate(workers):
                if worker.task is None and not exhausted:
                    task = next(tasks, None)
                    while task is not None and task.ready is not None:
                        yield task, None
                        task = next(tasks, None)
                    if task is None:
                        exhausted = True
                        break
                    try:
                        worker.send(task, timeout)
                    except OSError:  # died while idle: replace it and send again
                        worker.kill()
                        workers[i] = worker = _Worker(ctx, extractor, max_bytes)
                        worker.send(task, timeout)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            wait_for = min(w.deadline for w in busy) - time.monotonic()
            ready = wait([w.conn for w in busy], timeout=max(0.0, min(wait_for, 3600.0)))
            now = time.monotonic()
            for i, worker in enumerate(workers):
                task = worker.task
                if task is None:
                    continue
                outcome: ReadOutcome | None = None
                if worker.conn in ready:
                    try:
                        outcome = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(timeout=5)
                        code = worker.process.exitcode
                        outcome = ReadOutcome(
                            ok=False,
                            stage=Stage.CRASH,
                            reason=f"the worker process died while reading (exit code {code})",
                        )
                        worker.kill()
                        workers[i] = _Worker(ctx, extractor, max_bytes)
                    else:
                        worker.task = None
                elif now >= worker.deadline:
                    outcome = ReadOutcome(
                        ok=False,
                        stage=Stage.TIMEOUT,
                        reason=f"reading took over {timeout:g} s; the worker was stopped",
                    )
                    worker.kill()
                    workers[i] = _Worker(ctx, extractor, max_bytes)
                if outcome is not None:
                    yield task, outcome
    finally:
        for worker in workers:
            worker.stop()


# --------------------------------------------------------------------------- dask


def _dask_client(scheduler: Any) -> tuple[Any, bool]:
    try:
        from dask.distributed import Client, wait  # noqa: F401 - both needed by run_dask
    except ImportError as exc:
        raise InputError("the dask engine needs Dask distributed: pip install risk[dask]") from exc
    if scheduler is None:
        raise InputError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if isinstance(scheduler, Client):
        return scheduler, False
    if isinstance(scheduler, str):
        try:
            return Client(scheduler, timeout="30s"), True
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}") from exc
    # A cluster object (LocalCluster, ...): connect to it.
    return Client(scheduler), True


def run_dask(
    tasks: Iterator[Task],
    *,
    scheduler: Any,
    extractor: Extractor | None,
    timeout: float | None,
    max_bytes: int,
    in_flight: int | None = None,
) -> Iterator[tuple[Task, ReadOutcome | None]]:
    """Read documents as tasks on a Dask distributed cluster.

    ``scheduler`` is an address (``tcp://host:8786``), a ``Client`` or a cluster
    object. At most ``in_flight`` tasks (default: twice the cluster's threads)
    are submitted at once. The time limit counts from submission; a task past it
    becomes a ``timeout`` error and is cancelled, but Dask cannot stop a running
    thread, so the worker thread finishes that document in the background.

    The workers open the documents by path: the paths must name the same files
    on the workers (a shared file system). The extractor must be importable there.
    """
    client, owned = _dask_client(scheduler)
    from dask.distributed import wait as dask_wait

    try:
        limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
        pending: dict[Any, tuple[Task, float]] = {}
        exhausted = False
        count = 0
        while True:
            while not exhausted and len(pending) < limit:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                if task.ready is not None:
                    yield task, None
                    continue
                count += 1
                future = client.submit(
                    read_document,
                    task.path,
                    max_bytes,
                    extractor,
                    key=f"risk-read-{os.getpid()}-{count}",
                    pure=False,
                    retries=0,
                )
                deadline = time.monotonic() + timeout if timeout else float("inf")
                pending[future] = (task, deadline)
            if not pending:
                return
            wait_for = min(d for _, d in pending.values()) - time.monotonic()
            with contextlib.suppress(TimeoutError):  # deadlines are checked below
                dask_wait(
                    list(pending),
                    timeout=max(0.01, min(wait_for, 3600.0)),
                    return_when="FIRST_COMPLETED",
                )
            now = time.monotonic()
            for future in [f for f in pending if f.done()]:
                task, _ = pending.pop(future)
                if future.status == "finished":
                    yield task, future.result()
                else:
                    exc = future.exception()
                    yield (
                        task,
                        ReadOutcome(
                            ok=False,
                            stage=Stage.CRASH,
                            reason=f"the Dask task failed ({type(exc).__name__}): {exc}",
                        ),
                    )
            for future, (task, deadline) in list(pending.items()):
                if now >= deadline:
                    pending.pop(future)
                    future.cancel()
                    yield (
                        task,
                        ReadOutcome(
                            ok=False,
                            stage=Stage.TIMEOUT,
                            reason=f"reading took over {timeout:g} s; the Dask task was cancelled",
                        ),
                    )
    finally:
        if owned:
            client.close()
