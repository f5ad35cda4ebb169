"""Engines that run a task function on many payloads: local processes or Dask.

Both take a lazy iterator of ``(key, payload)`` and yield ``(key, result,
failure)`` as tasks finish, keeping a bounded number of tasks in flight, so
memory does not grow with the number of tasks. The reading phase runs
:func:`~risk.batch._read.read_document` on paths (:func:`run_local`,
:func:`run_dask`); the scoring phase runs the company scorer on groups of filing
JSON (:func:`call_local`, :func:`call_dask`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from risk.batch._read import Extractor, ReadOutcome, Stage, prepare_reading, read_document
from risk.exceptions import InputError

__all__ = [
    "PRELOAD",
    "READY",
    "Engine",
    "Failure",
    "Task",
    "call_dask",
    "call_local",
    "run_dask",
    "run_local",
    "shutdown_local",
]

K = TypeVar("K")

#: A payload that needs no task: the engine passes the key straight through.
READY: Any = object()


class Engine(StrEnum):
    """Where the documents are read and the companies scored."""

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


@dataclass(frozen=True)
class Failure:
    """Why a task gave no result: over its time limit, or its worker died."""

    stage: Stage  # TIMEOUT or CRASH
    reason: str


# --------------------------------------------------------------------------- local


#: What a worker sends once it has started (imported its modules, run its ``init``):
#: the time limit of its first task counts from then, not from its start-up.
_STARTED = "risk-worker-started"


def _log_stderr(log: str) -> None:
    """Send this process's stderr (Python's and the C libraries') to the end of ``log``."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115


def _worker_main(
    conn: Connection,
    func: Callable[..., Any],
    args: tuple[Any, ...],
    init: Callable[[], None] | None,
    log: str | None = None,
) -> None:
    """A worker process: run ``func(payload, *args)`` on each payload the parent sends.

    With ``log``, its stderr (a traceback that kills it, a library's message) goes
    to the end of that file instead of the terminal.
    """
    if log is not None:
        _log_stderr(log)
    if init is not None:
        init()
    conn.send(_STARTED)
    while True:
        try:
            payload = conn.recv()
        except EOFError:
            return
        if payload is None:  # stop: report this worker's peak memory, then exit
            conn.send(_peak_rss_kb())
            return
        conn.send(func(payload, *args))


def _peak_rss_kb() -> int:
    """Peak resident memory of this process in KiB (Linux ``ru_maxrss``; bytes on macOS)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak // 1024 if sys.platform == "darwin" else peak)


#: Peak resident memory (KiB) of the largest local worker stopped so far in this process.
WORKER_PEAK_RSS_KB = [0]


#: Modules the fork server imports once, before it forks the first worker: each local
#: worker then starts with the reader and the scoring core loaded, instead of importing
#: them itself (about a second of CPU per worker, more where no bytecode is cached).
#: The readers of each format are named as :data:`risk.extraction.READER_MODULES` names
#: them (``tests/test_lazy.py`` checks it): this module does not import the
#: reader, so that the batch's own process does not pay for it.
PRELOAD: tuple[str, ...] = (
    "risk.extraction",
    "risk.extraction._html",
    "risk.extraction._xbrl",
    "risk.extraction._companyfacts",
    "risk.report",
)


def _context() -> Any:
    # forkserver: a clean process to fork from (no parent threads: tqdm, dask, sqlite).
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # Added to what is set already (multiprocessing's own default is ["__main__"]; a
    # caller, the test suite, may have added its modules): it takes effect when the
    # server starts.
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    current = list(getattr(server, "_preload_modules", None) or ["__main__"])
    ctx.set_forkserver_preload(current + [m for m in PRELOAD if m not in current])
    return ctx


class _Worker:
    """A worker process and the tasks sent to it, oldest first: it runs them in order,
    so the oldest is the one running, and its time limit counts from when the one
    before it finished (or from its sending, or from the worker's start-up)."""

    def __init__(
        self,
        ctx: Any,
        func: Callable[..., Any],
        args: tuple[Any, ...],
        init: Callable[[], None] | None,
        log: str | None = None,
    ) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=_worker_main, args=(child, func, args, init, log), daemon=True
        )
        self.process.start()
        child.close()
        self.conn: Connection = parent
        self.queue: deque[tuple[Any, Any]] = deque()  # (key, payload) sent, not yet done
        self.started = False
        self.timeout: float | None = None
        self.deadline = float("inf")

    @property
    def busy(self) -> bool:
        return bool(self.queue)

    @property
    def key(self) -> Any:
        """The key of the task running now."""
        return self.queue[0][0]

    def send(self, key: Any, payload: Any, timeout: float | None) -> None:
        self.conn.send(payload)
        self.queue.append((key, payload))
        self.timeout = timeout
        if len(self.queue) == 1:
            self._set_deadline()

    def _set_deadline(self) -> None:
        """The running task's time limit starts now (once the worker has started)."""
        self.deadline = float("inf")
        if self.timeout and self.started and self.queue:
            self.deadline = time.monotonic() + self.timeout

    def receive(self) -> tuple[bool, Any]:
        """``(True, result)`` of the running task, or ``(False, None)`` for the start-up
        message."""
        message = self.conn.recv()
        if isinstance(message, str) and message == _STARTED:
            self.started = True
            self._set_deadline()
            return False, None
        return True, message

    def done(self) -> None:
        """The running task has given its result: the next one sent runs from now."""
        self.queue.popleft()
        self._set_deadline()

    def waiting(self) -> list[tuple[Any, Any]]:
        """The tasks sent but not started (behind the running one): to send elsewhere
        when this worker is stopped."""
        return list(self.queue)[1:]

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to finish, record its peak memory and wait for it to exit.

        A busy worker's tasks are abandoned (the caller stopped early): it is killed.
        """
        if not self.busy:
            with contextlib.suppress(OSError, EOFError):  # already gone: kill() reaps it
                self.conn.send(None)
                while self.conn.poll(30):
                    got, peak = self.receive()
                    if got:
                        WORKER_PEAK_RSS_KB[0] = max(WORKER_PEAK_RSS_KB[0], int(peak))
                        break
            self.process.join(timeout=30)
        self.kill()


def call_local(
    items: Iterator[tuple[K, Any]],
    *,
    jobs: int,
    func: Callable[..., Any],
    args: tuple[Any, ...] = (),
    init: Callable[[], None] | None = None,
    timeout: float | None,
    doing: str,
    may_submit: Callable[[], bool] | None = None,
    log: str | None = None,
    depth: int = 1,
) -> Iterator[tuple[K, Any, Failure | None]]:
    """Run ``func(payload, *args)`` in ``jobs`` worker processes, each task with a time limit.

    Each worker runs ``init()`` once, then its tasks one at a time, in the order sent.
    A worker past its deadline is killed (SIGKILL) and replaced, and its running task
    gives a ``timeout`` :class:`Failure`; a worker that dies (out of memory, segfault)
    gives a ``crash`` failure for its running task and is replaced too; tasks sent to
    it but not started go to another worker. Each worker holds at most ``depth``
    tasks (the running one and the next ones, sent ahead so that it does not wait for
    this process between tasks), and none is taken from ``items`` while
    ``may_submit()`` is false. A payload :data:`READY` is passed straight through as
    ``(key, None, None)``. A worker that finishes gets its next task before its result
    is yielded, so that it does not wait while the caller handles the result.

    ``func``, ``args`` and ``init`` must be importable by name in the workers
    (module-level functions); ``doing`` names the work in messages ("reading").
    ``log``: a file the workers' stderr goes to (tracebacks), named in crash reasons.
    """
    if jobs < 1:
        raise InputError(f"jobs must be >= 1; got {jobs!r}")
    ctx = _context()

    def spawn() -> _Worker:
        return _Worker(ctx, func, args, init, log)

    workers = [spawn() for _ in range(jobs)]
    retry: deque[tuple[K, Any]] = deque()  # sent to a worker that stopped before them
    exhausted = False

    def next_item() -> tuple[K, Any] | None:
        if retry:
            return retry.popleft()
        if exhausted or (may_submit is not None and not may_submit()):
            return None
        return next(items, None)

    def send_next() -> Iterator[tuple[K, Any, Failure | None]]:
        """Fill each worker up to ``depth`` tasks; pass :data:`READY` items straight through."""
        nonlocal exhausted
        for level in range(depth):  # one task per worker at a time: the load stays even
            for i, worker in enumerate(workers):
                if len(worker.queue) > level:
                    continue
                item = next_item()
                while item is not None and item[1] is READY:
                    yield item[0], None, None
                    item = next_item()
                if item is None:
                    if not retry and not (may_submit is not None and not may_submit()):
                        exhausted = True
                    return
                key, payload = item
                try:
                    worker.send(key, payload, timeout)
                except OSError:  # died: replace it if idle, else its crash is seen below
                    if worker.busy:
                        retry.appendleft(item)
                        continue
                    worker.kill()
                    workers[i] = worker = spawn()
                    worker.send(key, payload, timeout)

    def replace(i: int) -> None:
        retry.extend(workers[i].waiting())
        workers[i].kill()
        workers[i] = spawn()

    try:
        while True:
            yield from send_next()
            busy = [w for w in workers if w.busy]
            if not busy:
                if exhausted and not retry:
                    return
                if retry:
                    continue
                raise RuntimeError("internal error: no task in flight but none may be submitted")
            wait_for = min(w.deadline for w in busy) - time.monotonic()
            ready = wait([w.conn for w in busy], timeout=max(0.0, min(wait_for, 3600.0)))
            now = time.monotonic()
            finished: list[tuple[K, Any, Failure | None]] = []
            for i, worker in enumerate(workers):
                if not worker.busy:
                    continue
                key = worker.key
                if worker.conn in ready:
                    try:
                        got, result = worker.receive()
                    except (EOFError, OSError):
                        worker.process.join(timeout=5)
                        code = worker.process.exitcode
                        replace(i)
                        reason = f"the worker process died while {doing} (exit code {code})"
                        if log is not None:
                            reason += f"; its messages are in {log}"
                        finished.append((key, None, Failure(Stage.CRASH, reason)))
                    else:
                        if not got:
                            continue  # the worker has started: its task's clock runs now
                        worker.done()
                        finished.append((key, result, None))
                elif now >= worker.deadline:
                    replace(i)
                    reason = f"{doing} took over {timeout:g} s; the worker was stopped"
                    finished.append((key, None, Failure(Stage.TIMEOUT, reason)))
            # The freed workers get their next task before the results are handed on
            # (the caller records each in the ledger): a worker does not wait for that.
            yield from send_next()
            yield from finished
    finally:
        for worker in workers:
            worker.stop()


def shutdown_local() -> None:
    """Stop the process that forks the local workers, and wait for it.

    Each batch waits for its workers when it ends; they are children of
    multiprocessing's fork server (and it of this process), which outlives the batch
    so that the next one in the same process starts its workers quickly. Stopping it
    as well (``risk batch`` does, before it exits) means every process the batch
    started has exited and been waited for, so that a tool measuring the process tree
    (``ru_maxrss`` of the children, ``time -v``) sees the workers. A later local run
    starts a new one. A no-op where there is no fork server.
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if callable(stop):
        with contextlib.suppress(OSError, ChildProcessError):
            stop()


def _outcome(result: Any, failure: Failure | None) -> ReadOutcome:
    if failure is None:
        assert isinstance(result, ReadOutcome)
        return result
    return ReadOutcome(ok=False, stage=failure.stage, reason=failure.reason)


#: Documents a reading worker holds: the one it reads and the next, sent ahead, so that
#: it goes on to the next without waiting for the batch to record the last (on a busy
#: machine that wait, a round trip between processes, is as long as a small document's
#: reading).
READ_AHEAD = 2


def run_local(
    tasks: Iterator[Task],
    *,
    jobs: int,
    extractor: Extractor | None,
    timeout: float | None,
    max_bytes: int,
    log: str | None = None,
) -> Iterator[tuple[Task, ReadOutcome | None]]:
    """Read documents in ``jobs`` worker processes, each with a time limit.

    Each worker reads one document at a time, with the next one sent ahead
    (:data:`READ_AHEAD`). A worker past its deadline is killed (SIGKILL) and
    replaced, and the document it was reading becomes a ``timeout`` error; a worker
    that dies (out of memory, segfault) gives a ``crash`` error and is replaced too;
    the document sent ahead to either goes to another worker. At most
    ``READ_AHEAD * jobs`` documents are in flight.
    """
    items = ((t, READY if t.ready is not None else t.path) for t in tasks)
    results = call_local(
        items,
        jobs=jobs,
        func=read_document,
        args=(max_bytes, extractor),
        init=prepare_reading,
        timeout=timeout,
        doing="reading",
        log=log,
        depth=READ_AHEAD,
    )
    for task, result, failure in results:
        yield task, None if task.ready is not None else _outcome(result, failure)


# --------------------------------------------------------------------------- dask


def _dask_client(scheduler: Any) -> tuple[Any, bool]:
    try:
        from dask.distributed import Client, wait  # noqa: F401 - both needed by call_dask
    except ImportError as exc:
        raise InputError("the dask engine needs Dask distributed: pip install risk[dask]") from exc
    if scheduler is None:
        raise InputError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if isinstance(scheduler, Client):
        return scheduler, False
    if isinstance(scheduler, str):
        try:
            return Client(scheduler, timeout="30s"), True  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}") from exc
    # A cluster object (LocalCluster, ...): connect to it.
    return Client(scheduler), True  # type: ignore[no-untyped-call]


def call_dask(
    items: Iterator[tuple[K, Any]],
    *,
    scheduler: Any,
    func: Callable[..., Any],
    args: tuple[Any, ...] = (),
    timeout: float | None,
    doing: str,
    in_flight: int | None = None,
    may_submit: Callable[[], bool] | None = None,
) -> Iterator[tuple[K, Any, Failure | None]]:
    """Run ``func(payload, *args)`` as tasks on a Dask distributed cluster.

    ``scheduler`` is an address (``tcp://host:8786``), a ``Client`` or a cluster
    object. At most ``in_flight`` tasks (default: twice the cluster's threads)
    are submitted at once, and none while ``may_submit()`` is false. The time
    limit counts from submission; a task past it gives a ``timeout``
    :class:`Failure` and is cancelled, but Dask cannot stop a running thread, so
    the worker thread finishes that task in the background. A task that raises
    (``func`` should not) or whose worker is lost gives a ``crash`` failure.
    """
    client, owned = _dask_client(scheduler)
    from dask.distributed import wait as dask_wait

    word = doing.split()[0]
    try:
        limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
        pending: dict[Any, tuple[K, float]] = {}
        exhausted = False
        count = 0
        while True:
            while not exhausted and len(pending) < limit and (may_submit is None or may_submit()):
                item = next(items, None)
                if item is None:
                    exhausted = True
                    break
                key, payload = item
                if payload is READY:
                    yield key, None, None
                    continue
                count += 1
                future = client.submit(
                    func,
                    payload,
                    *args,
                    key=f"risk-{word}-{os.getpid()}-{count}",
                    pure=False,
                    retries=0,
                )
                deadline = time.monotonic() + timeout if timeout else float("inf")
                pending[future] = (key, deadline)
            if not pending:
                if exhausted:
                    return
                raise RuntimeError("internal error: no task in flight but none may be submitted")
            wait_for = min(d for _, d in pending.values()) - time.monotonic()
            with contextlib.suppress(TimeoutError):  # deadlines are checked below
                dask_wait(  # type: ignore[no-untyped-call]
                    list(pending),
                    timeout=max(0.01, min(wait_for, 3600.0)),
                    return_when="FIRST_COMPLETED",
                )
            now = time.monotonic()
            for future in [f for f in pending if f.done()]:
                key, _ = pending.pop(future)
                if future.status == "finished":
                    yield key, future.result(), None
                else:
                    exc = future.exception()
                    reason = f"the Dask task failed ({type(exc).__name__}): {exc}"
                    yield key, None, Failure(Stage.CRASH, reason)
            for future, (key, deadline) in list(pending.items()):
                if now >= deadline:
                    pending.pop(future)
                    future.cancel()
                    reason = f"{doing} took over {timeout:g} s; the Dask task was cancelled"
                    yield key, None, Failure(Stage.TIMEOUT, reason)
    finally:
        if owned:
            client.close()


def run_dask(
    tasks: Iterator[Task],
    *,
    scheduler: Any,
    extractor: Extractor | None,
    timeout: float | None,
    max_bytes: int,
    in_flight: int | None = None,
) -> Iterator[tuple[Task, ReadOutcome | None]]:
    """Read documents as tasks on a Dask distributed cluster (see :func:`call_dask`).

    The workers open the documents by path: the paths must name the same files
    on the workers (a shared file system). The extractor must be importable there.
    """
    items = ((t, READY if t.ready is not None else t.path) for t in tasks)
    results = call_dask(
        items,
        scheduler=scheduler,
        func=read_document,
        args=(max_bytes, extractor),
        timeout=timeout,
        doing="reading",
        in_flight=in_flight,
    )
    for task, result, failure in results:
        yield task, None if task.ready is not None else _outcome(result, failure)
