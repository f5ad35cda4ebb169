"""The error policy of the command line: one exit code and one line for every error.

- 2: bad input or usage, and environment faults (a file that cannot be read or
  written: permission denied, a read-only or full disk, a folder where a file is
  expected, the network down). The line names the path (or URL) and the cause.
- 1: model errors (a missing or tampered artefact) and internal errors (a bug):
  the line names the error; the traceback is printed only with ``--debug`` or
  ``RISK_DEBUG=1``.
- 130: interrupted (Ctrl-C). A closed stdout (``risk ... | head``) is not an error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from risk.exceptions import InputError, RiskError, storage_error

__all__ = [
    "DEBUG_ENV",
    "DEBUG_FLAG",
    "EXIT_ERROR",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "exit_code",
    "one_line",
    "report_error",
    "split_debug",
    "writing",
]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130

DEBUG_FLAG = "--debug"
DEBUG_ENV = "RISK_DEBUG"


def split_debug(words: Sequence[str]) -> tuple[bool, list[str]]:
    """``(debug, words without --debug)``: ``--debug`` before any ``--``, or ``RISK_DEBUG=1``."""
    rest = list(words)
    end = rest.index("--") if "--" in rest else len(rest)
    debug = DEBUG_FLAG in rest[:end]
    if debug:
        rest = [w for w in rest[:end] if w != DEBUG_FLAG] + rest[end:]
    env = os.environ.get(DEBUG_ENV, "").strip().lower()
    return debug or env not in {"", "0", "false", "no"}, rest


@contextmanager
def writing(path: str | Path) -> Iterator[None]:
    """Name ``path`` in an :class:`OSError` raised while writing it (a full disk names no file)."""
    try:
        yield
    except OSError as exc:
        raise storage_error(exc, path) from exc


def one_line(text: str) -> str:
    """``text`` on one line (runs of white space, newlines included, as one space)."""
    return " ".join(text.split())


def _message(exc: BaseException) -> str:
    return one_line(str(exc)) or type(exc).__name__


def _is_sqlite_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a :class:`sqlite3.OperationalError` (a locked or corrupt ledger).

    Only the commands that keep a ledger import :mod:`sqlite3`; when it was never
    imported, no error can come from it, and the command line need not import it.
    """
    sqlite3 = sys.modules.get("sqlite3")
    return sqlite3 is not None and isinstance(exc, sqlite3.OperationalError)


def exit_code(exc: BaseException) -> int:
    """The exit code of an error that ended a command (see the module's docstring)."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, InputError | OSError) or _is_sqlite_error(exc):
        return EXIT_INPUT
    return EXIT_ERROR


def _line(exc: BaseException) -> str:
    if isinstance(exc, KeyboardInterrupt):
        return "risk: interrupted"
    if isinstance(exc, RiskError):  # input, storage, fetch, model errors: their own message
        return f"risk: error: {_message(exc)}"
    if isinstance(exc, OSError):
        if exc.filename is None:
            said = exc.strerror[:1].lower() + exc.strerror[1:] if exc.strerror else _message(exc)
            return f"risk: error: {said}"
        return f"risk: error: {_message(storage_error(exc, str(exc.filename)))}"
    if _is_sqlite_error(exc):
        return f"risk: error: SQLite: {_message(exc)}"
    if isinstance(exc, MemoryError):
        return "risk: error: out of memory (MemoryError); try --max-bytes or a smaller input"
    return (
        f"risk: internal error ({type(exc).__name__}): {_message(exc)[:500]} "
        f"(run with {DEBUG_FLAG} or {DEBUG_ENV}=1 for the traceback)"
    )


def report_error(exc: BaseException, *, debug: bool, stream: TextIO | None = None) -> int:
    """Print ``exc`` as one line (and its traceback when ``debug``); return its exit code."""
    out = stream or sys.stderr
    if debug and not isinstance(exc, KeyboardInterrupt):
        import traceback

        traceback.print_exception(exc, file=out)
    print(_line(exc), file=out)
    return exit_code(exc)
