"""Batch scoring: read many documents in parallel into a ledger, then score each company."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from risk._limits import DEFAULT_MAX_BYTES
from risk.batch._engines import (
    Engine,
    Failure,
    Task,
    call_dask,
    call_local,
    run_dask,
    run_local,
)
from risk.batch._inputs import iter_paths
from risk.batch._ledger import GroupDocument, Ledger
from risk.batch._read import Extractor, ReadOutcome, Stage, reader_fingerprint
from risk.batch._scoring import ScoreFields, Scorer, as_score_fields, prepare_scoring
from risk.exceptions import InputError
from risk.financials import Filing

if TYPE_CHECKING:
    from risk.market import MarketData

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsOf",
    "BatchOptions",
    "BatchRun",
    "CompanyScore",
    "DocumentOutcome",
    "GroupResult",
    "score_group",
    "score_groups",
    "score_many",
]

#: Seconds one document may take to read before its worker is stopped.
DEFAULT_TIMEOUT = 300.0


class AsOf(StrEnum):
    """Which dates each company is scored as of."""

    LATEST = "latest"  # one row per company, as of its latest filing date
    EACH = "each"  # one row per company and filing date


@dataclass(frozen=True)
class DocumentOutcome:
    """The fate of one input document, yielded as soon as it is known.

    Attributes
    ----------
    path : str
        Absolute path of the input.
    sha256 : str or None
        Of the bytes, when the file could be read.
    ok : bool
        True when it was read into at least one filing.
    stage : Stage or None
        Where it failed (None when ok).
    reason : str or None
    n_filings : int
    cached : bool
        True when the result came from the ledger (the document was not read again).
    """

    path: str
    sha256: str | None
    ok: bool
    stage: Stage | None = None
    reason: str | None = None
    n_filings: int = 0
    cached: bool = False


@dataclass(frozen=True)
class CompanyScore:
    """One company scored as of one date: a row of the batch output.

    Attributes
    ----------
    group : str
        How the company was recognised: ``cik:N``, ``name:KEY`` (a normalised
        company name) or ``file:PATH`` (the document named neither, so it is
        scored alone).
    entity, cik : str or None
    as_of : date or None
    probability, adjusted_probability : float or None
    band : str or None
    status : str
        ``scored``, ``insufficient_data``, ``in_bankruptcy`` (the filer says it has
        filed for bankruptcy) or ``out_of_scope`` (its industry is one the model does
        not apply to: no probability).
    sic : str or None
        The SIC code its filings state (None: not stated).
    submodel : str or None
        ``full`` (with a market value of equity) or ``book`` (statements only).
    market_value : float or None
    market_date : date or None
        The market value of equity used (from ``--market-data``) and its date.
    scores : dict of str to float or None
        Published scores (Altman Z family ...).
    documents, sha256 : tuple of str
        The documents given to the scorer for this date (filed on or before it,
        or undated), and their distinct sha256, sorted.
    note : str or None
    """

    group: str
    entity: str | None
    cik: str | None
    as_of: date | None
    probability: float | None
    adjusted_probability: float | None
    band: str | None
    status: str
    sic: str | None = None
    submodel: str | None = None
    market_value: float | None = None
    market_date: date | None = None
    scores: dict[str, float | None] = field(default_factory=dict)
    documents: tuple[str, ...] = ()
    sha256: tuple[str, ...] = ()
    note: str | None = None

    @property
    def n_documents(self) -> int:
        """The number of documents used."""
        return len(self.documents)


def _sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _closing(iterator: Iterator[Any]) -> Iterator[None]:
    """Close ``iterator`` (a generator: its ``finally`` runs) when the block ends, or raises."""
    try:
        yield
    finally:
        close = getattr(iterator, "close", None)
        if callable(close):
            close()


def _check_inputs(inputs: Sequence[str]) -> None:
    if not inputs:
        raise InputError("no input given: name files, directories, globs or @LIST files")
    for item in inputs:
        if item.startswith("@") and len(item) > 1 and not os.path.isfile(item[1:]):
            raise InputError(f"the list file {item[1:]!r} (from {item!r}) does not exist")


#: The work of the scoring phase, in messages ("... took over 300 s").
_SCORING = "scoring the company"
#: Groups submitted to Dask but not yet yielded (in flight or waiting for an earlier one).
_DASK_WINDOW = 256
#: Company groups per scoring task (a fixed number: the rows do not depend on ``jobs``
#: or the engine; the probabilities' last bit may, through BLAS, see ``risk.model``).
COMPANIES_PER_TASK = 128
#: Scoring tasks submitted to Dask but not yet yielded.
_DASK_WINDOW_CHUNKS = 16

#: ``(path, sha256)`` of a group's documents, sorted: what is kept of a group in flight.
_Docs = tuple[tuple[str, str], ...]


def _docs(group: Sequence[GroupDocument]) -> _Docs:
    return tuple(sorted({(row.path, row.sha256) for row in group}))


@dataclass(frozen=True)
class GroupResult:
    """What scoring one company group gives (plain data: it crosses processes).

    Attributes
    ----------
    rows : tuple of CompanyScore
        One per as-of date (empty when ``reason`` is set).
    reason : str or None
        Why scoring failed (the scorer raised), as one line.
    """

    rows: tuple[CompanyScore, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class _Dated:
    """The filings of a company scored as of one date, and the documents they came from."""

    when: date | None
    filings: list[Filing]
    sha256: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class _Company:
    """A company group read from the ledger: its filings per as-of date, and its names."""

    key: str
    name: str | None
    cik: str | None
    note: str | None
    dates: tuple[_Dated, ...]


def _company(group: Sequence[GroupDocument], as_of: AsOf) -> _Company:
    key = group[0].group
    filings: dict[tuple[str, int], Filing] = {}
    paths_of: dict[str, set[str]] = {}
    for row in group:
        if (row.sha256, row.idx) not in filings:
            filings[(row.sha256, row.idx)] = Filing.from_json(row.json)
        paths_of.setdefault(row.sha256, set()).add(row.path)
    dated = sorted({f.filed for f in filings.values() if f.filed is not None})
    dates: list[date | None]
    if not dated:
        dates = [None]
    elif as_of is AsOf.LATEST:
        dates = [dated[-1]]
    else:
        dates = list(dated)
    names = Counter(f.company for f in filings.values() if f.company)
    name = names.most_common(1)[0][0] if names else None
    cik = key[4:] if key.startswith("cik:") else None
    note = None
    if key.startswith("file:"):
        note = "the document names neither a company nor a CIK: scored on its own"
    out = []
    for when in dates:
        used = {
            k: f for k, f in filings.items() if f.filed is None or when is None or f.filed <= when
        }
        shas = sorted({sha for sha, _ in used})
        documents = sorted(p for s in shas for p in paths_of[s])
        out.append(_Dated(when, list(used.values()), tuple(shas), tuple(documents)))
    return _Company(key, name, cik, note, tuple(out))


def _row(company: _Company, dated: _Dated, fields: ScoreFields) -> CompanyScore:
    cik = company.cik
    return CompanyScore(
        group=company.key,
        entity=fields.entity or company.name or (f"CIK {cik}" if cik else None),
        cik=fields.cik or cik,
        as_of=fields.as_of or dated.when,
        probability=fields.probability,
        adjusted_probability=fields.adjusted_probability,
        band=fields.band,
        status=fields.status,
        sic=fields.sic,
        submodel=fields.submodel,
        market_value=fields.market_value,
        market_date=fields.market_date,
        scores=dict(fields.scores),
        documents=dated.documents,
        sha256=dated.sha256,
        note=company.note,
    )


def _company_rows(
    group: Sequence[GroupDocument], as_of: AsOf, scorer: Scorer
) -> list[CompanyScore]:
    company = _company(group, as_of)
    return [_row(company, d, as_score_fields(scorer(d.filings, d.when))) for d in company.dates]


def _failed(exc: Exception) -> GroupResult:
    detail = " ".join(str(exc).split())[:500]
    return GroupResult(reason=f"scoring failed ({type(exc).__name__}): {detail}")


def score_group(
    group: Sequence[GroupDocument], as_of: AsOf | str, scorer: Scorer | None = None
) -> GroupResult:
    """Score one company group; never raises for a scorer error.

    Parameters
    ----------
    group : sequence of GroupDocument
        The company's filings, as :meth:`Filing.to_json` text from the ledger, with
        the paths they were read from (:meth:`Ledger.iter_groups`).
    as_of : {"latest", "each"}
    scorer : callable, optional
        ``scorer(filings, as_of)``; None: the scoring core (:func:`score_groups`).

    Returns
    -------
    GroupResult
        The company's rows, or the reason its scoring failed (the scorer raised).
    """
    if scorer is None:
        return score_groups([group], as_of)[0]
    try:
        rows = _company_rows(group, AsOf(as_of), scorer)
    except Exception as exc:  # recorded as 'score' error rows for its documents
        return _failed(exc)
    return GroupResult(rows=tuple(rows))


def _market_for(data: MarketData | None, company: _Company, when: date | None) -> Any:
    """The market input of one company of the batch: its series in the file (by CIK,
    then name), when the file holds it and has a row at or before ``when``; else None
    (the company is scored from its statements alone, the ``book`` submodel)."""
    if data is None:
        return None
    from risk.market import MarketInput

    keys = {k.strip().lower(): k for k in data.series}
    for name in (company.cik, company.name):
        key = keys.get((name or "").strip().lower()) if name else None
        if key is None and name and name.isdigit():
            key = next((k for k in data.series if k.lstrip("0") == name.lstrip("0")), None)
        if key is None:
            continue
        series = data.series[key]
        if when is not None and series.dates[0] > when:
            return None  # no value at or before as_of: never a later one
        return MarketInput(data=data, entity=key)
    return None


def score_groups(
    groups: Sequence[Sequence[GroupDocument]],
    as_of: AsOf | str,
    market: MarketData | None = None,
) -> list[GroupResult]:
    """Score several company groups together with the scoring core: the task of the scoring phase.

    Each group and as-of date is a :class:`risk.report.Company`, scored by
    :func:`risk.report.score_companies` (the core of :func:`risk.report.score`) all
    at once; never raises for a company's error.

    Parameters
    ----------
    groups : sequence of sequences of GroupDocument
        Company groups as :meth:`Ledger.iter_groups` gives them.
    as_of : {"latest", "each"}
    market : MarketData or None, default None
        A market-data file for the run: a company found in it (its ``entity`` the
        CIK or the company's name) is scored with its market value at or before each
        as-of date (the ``full`` submodel); the others, and dates before the file's
        first row, from their statements alone.

    Returns
    -------
    list of GroupResult
        One per group, in order.
    """
    from risk.report import Company, score_companies

    mode = AsOf(as_of)
    results: list[GroupResult | None] = [None] * len(groups)
    planned: list[tuple[int, _Company]] = []
    for i, group in enumerate(groups):
        try:
            planned.append((i, _company(group, mode)))
        except Exception as exc:  # a filing that does not parse: the company's error rows
            results[i] = _failed(exc)
    companies = [
        Company(d.filings, d.when, market=_market_for(market, c, d.when))
        for _, c in planned
        for d in c.dates
    ]
    scored = iter(score_companies(companies))
    for i, company in planned:
        got = [next(scored) for _ in company.dates]
        error = next((r for r in got if isinstance(r, Exception)), None)
        if error is not None:
            results[i] = _failed(error)
            continue
        rows = [
            _row(company, d, as_score_fields(r)) for d, r in zip(company.dates, got, strict=True)
        ]
        results[i] = GroupResult(rows=tuple(rows))
    return [
        r if r is not None else GroupResult(reason="internal error: not scored") for r in results
    ]


def _importable(func: Any) -> bool:
    """True when ``func`` can be sent to a worker process by name (a module-level function)."""
    module = sys.modules.get(getattr(func, "__module__", None) or "")
    qualname = getattr(func, "__qualname__", None)
    if module is None or not isinstance(qualname, str) or "<" in qualname:
        return False
    obj: Any = module
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
    return obj is func


@dataclass(frozen=True)
class BatchOptions:
    """How a batch reads and scores: the settings :func:`score_many`,
    :func:`risk.batch.run_batch` and :class:`BatchRun` share (see :func:`score_many`
    for each one). Checked by :class:`BatchRun`."""

    jobs: int = 1
    as_of: AsOf | str = AsOf.LATEST
    engine: Engine | str = Engine.LOCAL
    scheduler: Any = None
    timeout: float | None = DEFAULT_TIMEOUT
    max_bytes: int | None = None
    extractor: Extractor | None = None
    scorer: Scorer | None = None
    market: MarketData | None = None

    @classmethod
    def from_arguments(cls, arguments: Mapping[str, Any]) -> BatchOptions:
        """The options among a public function's arguments (its ``locals()``), by name.

        :func:`score_many` and :func:`risk.batch.run_batch` take every option as a
        keyword argument of the same name; this is the one place they become a
        ``BatchOptions``.
        """
        return cls(**{f.name: arguments[f.name] for f in dataclasses.fields(cls)})


class BatchRun:
    """One batch run over a ledger: the reading phase, then the scoring phase.

    Used by :func:`score_many` and :func:`risk.batch.run_batch`.

    Parameters
    ----------
    inputs : iterable of str or path
    ledger : Path
    options : BatchOptions, default BatchOptions()
    exclude : iterable of str
        Paths never read (the run's own output files).
    log : Path, optional
        Where the local workers' stderr goes.
    """

    def __init__(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        ledger: Path,
        options: BatchOptions = BatchOptions(),  # frozen: safe to share as a default
        exclude: Iterable[str] = (),
        log: Path | None = None,
    ) -> None:
        jobs, as_of, engine, timeout = options.jobs, options.as_of, options.engine, options.timeout
        max_bytes, scorer, market = options.max_bytes, options.scorer, options.market
        extractor = options.extractor
        self.log = str(log) if log is not None else None
        self.inputs = [os.fspath(i) for i in inputs]
        _check_inputs(self.inputs)
        try:
            self.as_of = AsOf(as_of)
        except ValueError:
            raise InputError(f"as_of must be 'latest' or 'each'; got {as_of!r}") from None
        try:
            self.engine = Engine(engine)
        except ValueError:
            raise InputError(f"engine must be 'local' or 'dask'; got {engine!r}") from None
        if int(jobs) < 1:
            raise InputError(f"jobs must be >= 1; got {jobs!r}")
        if timeout is not None and timeout < 0:
            raise InputError(f"timeout must be >= 0 seconds (0: no limit); got {timeout!r}")
        if max_bytes is None:
            max_bytes = DEFAULT_MAX_BYTES
        if int(max_bytes) < 1:
            raise InputError(f"max_bytes must be >= 1; got {max_bytes!r}")
        if self.engine is Engine.DASK and options.scheduler is None:
            raise InputError("engine 'dask' needs a scheduler address (--scheduler ADDRESS)")
        self.jobs = int(jobs)
        self.scheduler = options.scheduler
        self.timeout = timeout or None
        self.max_bytes = int(max_bytes)
        self.extractor = extractor
        if scorer is not None and not callable(scorer):
            raise InputError(
                f"scorer must be a callable scorer(filings, as_of) or None; got {scorer!r}"
            )
        #: None: the scoring core, many companies per task; else one company per task.
        self.scorer: Scorer | None = scorer
        if market is not None and scorer is not None:
            raise InputError("market: a market-data file is used by the scoring core only")
        self.market = market
        self.exclude = tuple(exclude)
        self.ledger = Ledger(ledger, reader=reader_fingerprint(extractor))
        self._in_flight: set[str] = set()

    # -- reading ------------------------------------------------------------------
    def _tasks(self) -> Iterator[Task]:
        led = self.ledger
        for path in iter_paths(self.inputs, exclude=self.exclude):
            if path in self._in_flight or led.seen_in_run(path):
                continue  # listed twice: counted once
            try:
                info = os.stat(path)
            except FileNotFoundError:
                pattern = bool(set("*?[") & set(os.path.basename(path)))
                missing = "the pattern matches no file" if pattern else "no such file"
                yield self._refuse(path, Stage.INPUT, missing)
                continue
            except OSError as exc:
                yield self._refuse(path, Stage.READ, f"cannot stat the file: {exc.strerror}")
                continue
            if not stat.S_ISREG(info.st_mode):
                what = "a folder that cannot be listed" if stat.S_ISDIR(info.st_mode) else None
                yield self._refuse(path, Stage.INPUT, what or "not a regular file")
                continue
            size, mtime = info.st_size, info.st_mtime_ns
            if size > self.max_bytes:
                yield self._refuse(
                    path,
                    Stage.SIZE,
                    f"the file is {size} bytes, over the limit of {self.max_bytes} bytes",
                    size=size,
                    mtime_ns=mtime,
                )
                continue
            sha = led.cached_sha(path, size, mtime)
            if sha is None:
                try:
                    sha = _sha256_file(path)
                except OSError as exc:
                    yield self._refuse(path, Stage.READ, f"cannot read the file: {exc.strerror}")
                    continue
            cached = led.cached_result(sha)
            if cached is not None:
                led.mark(path, sha, size, mtime, cached)
                status, stage, reason = cached
                outcome = DocumentOutcome(
                    path,
                    sha,
                    ok=status == "ok",
                    stage=Stage(stage) if stage else None,
                    reason=reason,
                    cached=True,
                )
                yield Task(path, sha, size, mtime, ready=outcome)
                continue
            self._in_flight.add(path)
            yield Task(path, sha, size, mtime)

    def _refuse(
        self,
        path: str,
        stage: Stage,
        reason: str,
        *,
        size: int | None = None,
        mtime_ns: int | None = None,
    ) -> Task:
        self.ledger.record_error(path, stage=stage, reason=reason, size=size, mtime_ns=mtime_ns)
        return Task(path, ready=DocumentOutcome(path, None, ok=False, stage=stage, reason=reason))

    def read(self) -> Iterator[DocumentOutcome]:
        """Read every input not yet in the ledger; yield each document's outcome as it finishes."""
        tasks = self._tasks()
        results: Iterator[tuple[Task, ReadOutcome | None]]
        if self.engine is Engine.DASK:
            results = run_dask(
                tasks,
                scheduler=self.scheduler,
                extractor=self.extractor,
                timeout=self.timeout,
                max_bytes=self.max_bytes,
            )
        else:
            results = run_local(
                tasks,
                jobs=self.jobs,
                extractor=self.extractor,
                timeout=self.timeout,
                max_bytes=self.max_bytes,
                log=self.log,
            )
        # Closed on the way out, an error included: the engine stops its workers now,
        # not when a traceback holding this frame is collected (a process exiting
        # with workers alive waits for them).
        with _closing(results):
            for task, outcome in results:
                if outcome is None:
                    assert isinstance(task.ready, DocumentOutcome)
                    yield task.ready
                    continue
                assert (
                    task.sha256 is not None and task.size is not None and task.mtime_ns is not None
                )
                self.ledger.record(task.path, task.sha256, task.size, task.mtime_ns, outcome)
                self._in_flight.discard(task.path)
                yield DocumentOutcome(
                    task.path,
                    task.sha256,
                    ok=outcome.ok,
                    stage=outcome.stage,
                    reason=outcome.reason,
                    n_filings=len(outcome.filings),
                )
        self.ledger.flush()

    # -- scoring ------------------------------------------------------------------
    def _scores_in_process(self) -> Iterator[tuple[_Docs, GroupResult]]:
        for group in self.ledger.iter_groups():
            yield _docs(group), score_group(group, self.as_of, self.scorer)

    def _call(
        self,
        items: Iterator[tuple[Any, Any]],
        *,
        func: Callable[..., Any],
        args: tuple[Any, ...],
        init: Callable[[], None] | None,
        may_submit: Callable[[], bool] | None = None,
        jobs: int | None = None,
    ) -> Iterator[tuple[Any, Any, Failure | None]]:
        """Run scoring tasks on the engine, each with the time limit."""
        if self.engine is Engine.DASK:
            return call_dask(
                items,
                scheduler=self.scheduler,
                func=func,
                args=args,
                timeout=self.timeout,
                doing=_SCORING,
                may_submit=may_submit,
            )
        return call_local(
            items,
            jobs=jobs or self.jobs,
            func=func,
            args=args,
            init=init,
            timeout=self.timeout,
            doing=_SCORING,
            may_submit=may_submit,
            log=self.log,
        )

    def _scores_in_workers(self) -> Iterator[tuple[_Docs, GroupResult]]:
        """Score the groups on the engine, a bounded window at a time, yielded in group order."""
        window = _DASK_WINDOW if self.engine is Engine.DASK else max(16, 4 * self.jobs)
        submitted = 0
        emitted = 0
        finished: dict[int, tuple[_Docs, GroupResult]] = {}

        def items() -> Iterator[tuple[tuple[int, _Docs], list[GroupDocument]]]:
            nonlocal submitted
            for group in self.ledger.iter_groups():
                key = (submitted, _docs(group))
                submitted += 1
                yield key, group

        def may_submit() -> bool:
            return submitted - emitted < window

        results = self._call(
            items(),
            func=score_group,
            args=(self.as_of.value, self.scorer),
            init=None,
            may_submit=may_submit,
        )
        for (seq, docs), result, failure in results:
            if failure is not None:
                result = GroupResult(reason=failure.reason)  # over the time limit, or a crash
            assert isinstance(result, GroupResult)
            finished[seq] = (docs, result)
            while emitted in finished:
                yield finished.pop(emitted)
                emitted += 1

    def _core_scores(self) -> Iterator[tuple[_Docs, GroupResult]]:
        """Score the groups :data:`COMPANIES_PER_TASK` per task with the core, in group order.

        A task that runs over the time limit or kills its worker is scored again one
        company per task, each with the limit, so that only the company at fault
        gets error rows.
        """
        window = _DASK_WINDOW_CHUNKS if self.engine is Engine.DASK else max(4, 2 * self.jobs)
        submitted = 0
        emitted = 0
        finished: dict[int, list[tuple[_Docs, GroupResult]]] = {}

        def items() -> Iterator[tuple[tuple[int, list[list[GroupDocument]]], Any]]:
            nonlocal submitted
            chunk: list[list[GroupDocument]] = []
            for group in self.ledger.iter_groups():
                chunk.append(group)
                if len(chunk) == COMPANIES_PER_TASK:
                    yield (submitted, chunk), chunk
                    submitted += 1
                    chunk = []
            if chunk:
                yield (submitted, chunk), chunk
                submitted += 1

        def may_submit() -> bool:
            return submitted - emitted < window

        results = self._call(
            items(),
            func=score_groups,
            args=(self.as_of.value, self.market),
            init=prepare_scoring,
            may_submit=may_submit,
        )
        for (seq, chunk), result, failure in results:
            if failure is None:
                finished[seq] = [(_docs(g), r) for g, r in zip(chunk, result, strict=True)]
            elif len(chunk) > 1:
                finished[seq] = self._one_by_one(chunk)
            else:
                finished[seq] = [(_docs(chunk[0]), GroupResult(reason=failure.reason))]
            while emitted in finished:
                yield from finished.pop(emitted)
                emitted += 1

    def _one_by_one(self, chunk: list[list[GroupDocument]]) -> list[tuple[_Docs, GroupResult]]:
        """The groups of a failed scoring task, scored again one per task."""
        got: dict[int, GroupResult] = {}
        results = self._call(
            ((i, [group]) for i, group in enumerate(chunk)),
            func=score_groups,
            args=(self.as_of.value, self.market),
            init=prepare_scoring,
            jobs=min(self.jobs, len(chunk)),
        )
        for i, result, failure in results:
            got[i] = GroupResult(reason=failure.reason) if failure is not None else result[0]
        return [(_docs(group), got[i]) for i, group in enumerate(chunk)]

    def score(self) -> Iterator[CompanyScore | DocumentOutcome]:
        """Score every company of this run from the ledger.

        The groups are streamed from the ledger and scored on the engine (``jobs``
        local worker processes, or Dask tasks), a bounded window at a time: with
        the scoring core :data:`COMPANIES_PER_TASK` groups per task, a given scorer one per task; a
        scorer that cannot be imported by name (a lambda, a closure) is run in
        this process instead (engine ``local``). Yields the :class:`CompanyScore`
        rows of each company in group-key order, whatever the order the tasks
        finish in; then, for a company whose scoring raised (or took over the
        time limit, or killed its worker), a :class:`DocumentOutcome` with stage
        ``score`` for each of its documents (they become error rows).
        """
        scored: Iterator[tuple[_Docs, GroupResult]]
        if self.scorer is None:
            from risk.report import scoring_model

            # A model that cannot be loaded (missing, tampered) stops the run here, with
            # its one-line ModelError, not as a worker crash per company.
            scoring_model()
            scored = self._core_scores()
        elif self.engine is Engine.DASK or _importable(self.scorer):
            scored = self._scores_in_workers()
        else:
            scored = self._scores_in_process()
        failed: list[tuple[_Docs, str]] = []
        with _closing(scored):  # its workers stop now, on an error too
            for docs, result in scored:
                if result.reason is not None:
                    failed.append((docs, result.reason))
                    continue
                yield from result.rows
        for docs, reason in failed:
            self.ledger.fail_group([path for path, _ in docs], reason)
            for path, sha in docs:
                yield DocumentOutcome(path, sha, ok=False, stage=Stage.SCORE, reason=reason)

    def close(self) -> None:
        self.ledger.close()


def score_many(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    as_of: AsOf | str = AsOf.LATEST,
    engine: Engine | str = Engine.LOCAL,
    scheduler: Any = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = None,
    ledger: str | os.PathLike[str] | None = None,
    extractor: Extractor | None = None,
    scorer: Scorer | None = None,
    market: MarketData | None = None,
) -> Iterator[DocumentOutcome | CompanyScore]:
    """Score many filings: read every document in parallel, then score each company.

    Parameters
    ----------
    inputs : iterable of str or path
        Files, directories (recursive), glob patterns or ``@LIST`` files (one input
        per line). Paths are streamed, never listed all at once.
    jobs : int, default 1
        Worker processes reading documents, then scoring companies (engine ``local``).
    as_of : {"latest", "each"}, default "latest"
        Score each company as of its latest filing date, or as of each filing date.
    engine : {"local", "dask"}, default "local"
    scheduler : str, Client or cluster, optional
        The Dask scheduler address (``tcp://host:8786``) for engine ``dask``.
    timeout : float or None, default 300
        Seconds one document may take to read, and one company to score (0 or None:
        no limit). A local worker past it is killed and replaced; a company past it
        gives ``score`` error rows for its documents.
    max_bytes : int or None, default None
        Larger files are refused before reading (``size`` error). None: the
        reader's own limit, :data:`risk.extraction.DEFAULT_MAX_BYTES` (200 MiB).
    ledger : path or None
        The SQLite ledger. A run with the same ledger skips the documents it already
        holds (resuming a killed run). None: a temporary ledger, deleted at the end.
    extractor : callable, optional
        ``extractor(path, max_bytes) -> list[Filing]`` run in the workers; must be
        importable by name (a module-level function). Default: the real reader,
        :func:`risk.extraction.extract_all`.
    scorer : callable, optional
        None (default): the scoring core of :func:`risk.report.score`
        (:func:`risk.report.score_companies`), :data:`COMPANIES_PER_TASK` companies
        per task; a task over the time limit (or that kills its worker) is run again
        one company per task, so the limit holds per company. A callable
        ``scorer(filings, as_of) -> RiskReport`` (or :class:`ScoreFields`) is run on
        the engine like the extractor (``jobs`` worker processes, or Dask tasks), one
        company per task, with the same time limit per task; it should be importable
        by name (a module-level function); another callable (a lambda, a closure) is
        run in this process, without a time limit (engine ``local``).

    market : MarketData or None, default None
        A market-data file for the whole run (:func:`score_groups`); the scoring core
        only.

    Yields
    ------
    DocumentOutcome
        First, one per input document as soon as it is read (or refused, or found
        in the ledger), in completion order. Every input gets one.
    CompanyScore
        Then, once every document is read (a company's filings may be anywhere in
        the input), one per company and as-of date, in company-key order; the
        groups are streamed from the ledger, one in flight per worker (a bounded
        window of finished ones waits for an earlier slow one). A company whose
        scoring raised (or ran over the time limit) gives instead a second
        ``DocumentOutcome`` (stage ``score``) per document.

    Raises
    ------
    InputError
        For a bad argument, a missing ``@LIST`` file, or engine ``dask`` without Dask.
    """
    options = BatchOptions.from_arguments(locals())
    tmpdir = None
    if ledger is None:
        tmpdir = tempfile.mkdtemp(prefix="risk-batch-")
        ledger = Path(tmpdir) / "ledger.sqlite"
    try:
        run = BatchRun(inputs, ledger=Path(ledger), options=options)
        try:
            yield from run.read()
            yield from run.score()
        finally:
            run.close()
    finally:
        if tmpdir is not None:
            shutil.rmtree(tmpdir, ignore_errors=True)
