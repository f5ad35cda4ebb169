"""Reading one document inside a worker: the task every engine runs."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from risk.exceptions import InputError
from risk.financials import Filing

__all__ = [
    "Extractor",
    "ReadOutcome",
    "Stage",
    "default_extractor",
    "prepare_reading",
    "read_document",
    "reader_fingerprint",
    "resolve_callable",
]

#: ``extractor(path, max_bytes) -> list[Filing]``: what a worker calls on each document.
Extractor = Callable[[str, int], list[Filing]]


class Stage(StrEnum):
    """Where a document failed (the ``stage`` column of the errors table)."""

    INPUT = "input"  # no such file, not a regular file, pattern matching nothing
    SIZE = "size"  # over --max-bytes (checked with stat, before reading)
    READ = "read"  # the file could not be opened or hashed (permissions, I/O)
    EXTRACT = "extract"  # the reader refused the document (empty, binary, truncated ...)
    TIMEOUT = "timeout"  # over --timeout seconds; the worker was killed
    CRASH = "crash"  # the worker process died (out of memory, segfault)
    SCORE = "score"  # the company's filings were read but scoring failed


@dataclass(frozen=True)
class ReadOutcome:
    """What a worker returns for one document (plain data: it crosses processes).

    Attributes
    ----------
    ok : bool
    filings : tuple of str
        The filings read, as :meth:`Filing.to_json` text (empty on error).
    keys : tuple
        ``(cik, company, filed)`` of each filing, for grouping.
    stage : Stage or None
    reason : str or None
        One line saying why the document failed.
    """

    ok: bool
    filings: tuple[str, ...] = field(default_factory=tuple)
    stage: Stage | None = None
    reason: str | None = None
    #: ``(cik, company, filed ISO date)`` of each filing, so the ledger need not parse the JSON.
    keys: tuple[tuple[str | None, str | None, str | None], ...] = field(default_factory=tuple)


def default_extractor(path: str, max_bytes: int) -> list[Filing]:
    """The real pipeline: :func:`risk.extraction.extract_all`."""
    from risk.extraction import extract_all

    return extract_all(path, max_bytes=max_bytes)


def prepare_reading() -> None:
    """Import the reader in a reading worker, once, before its first document.

    The worker then tells the batch it has started, and each document's time limit
    counts its reading only, not the worker's start-up (seconds on a loaded machine).
    """
    from risk.extraction import load_readers

    load_readers()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _empty_shell(filing: Filing) -> bool:
    """A filing with no document part and nothing read from it: a truncated submission.

    An EDGAR submission cut inside its SEC header gives a header (company, CIK,
    date) and no ``<DOCUMENT>``: nothing in it can be scored, and counting it as
    a filing would move the company's latest date to a filing without content.
    The batch makes it an error row. A document cut later (mid-table) still has a
    part and stays a filing, with the reader's warnings.
    """
    return not (filing.documents or filing.periods or filing.facts or filing.signals)


def _shell_reason(filing: Filing) -> str:
    said = "; ".join(w.message for w in filing.warnings if w.code == "header")
    reason = "truncated: the file holds no document to read (only a header)"
    return f"{reason}: {said}" if said else reason


def read_document(path: str, max_bytes: int, extractor: Extractor | None = None) -> ReadOutcome:
    """Read one document and report the result as plain data; never raises for a bad file.

    A refused document (:class:`~risk.exceptions.InputError`: empty, binary,
    truncated, too large) and an unexpected error of a reader (a bug, reported with
    its type so it can be fixed) both become an error outcome with the reason.
    """
    extract = extractor or default_extractor
    try:
        filings = extract(path, max_bytes)
    except InputError as exc:
        return ReadOutcome(ok=False, stage=Stage.EXTRACT, reason=_one_line(exc.rule or str(exc)))
    except OSError as exc:
        return ReadOutcome(ok=False, stage=Stage.READ, reason=_one_line(f"{exc.strerror or exc}"))
    except Exception as exc:  # a reader's bug: recorded as an error row, not hidden
        detail = _one_line(str(exc))[:500]
        return ReadOutcome(
            ok=False, stage=Stage.EXTRACT, reason=f"internal error ({type(exc).__name__}): {detail}"
        )
    if not filings:
        return ReadOutcome(ok=False, stage=Stage.EXTRACT, reason="the document holds no filing")
    if all(_empty_shell(f) for f in filings):
        return ReadOutcome(ok=False, stage=Stage.EXTRACT, reason=_shell_reason(filings[0]))
    return ReadOutcome(
        ok=True,
        filings=tuple(f.to_json() for f in filings),
        keys=tuple((f.cik, f.company, f.filed.isoformat() if f.filed else None) for f in filings),
    )


def resolve_callable(ref: str) -> Callable[..., object]:
    """Import ``module:function`` (the CLI's ``--extractor``/``--scorer`` plug-ins)."""
    module, sep, attr = ref.partition(":")
    if not sep or not module or not attr:
        raise InputError(f"a plug-in must be given as 'module:function'; got {ref!r}")
    try:
        obj = importlib.import_module(module)
        for part in attr.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise InputError(f"cannot import plug-in {ref!r}: {exc}") from exc
    if not callable(obj):
        raise InputError(f"plug-in {ref!r} is not callable")
    return obj


def reader_fingerprint(extractor: Extractor | None) -> str:
    """Identify the reader and the `risk` version: a ledger result is reused only for the same."""
    from risk._version import __version__

    func = extractor or default_extractor
    name = f"{getattr(func, '__module__', '?')}:{getattr(func, '__qualname__', repr(func))}"
    return f"{name}@risk-{__version__}"
