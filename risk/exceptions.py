"""The exceptions raised by `risk`.

One hierarchy: every error raised on purpose is a :class:`RiskError`. Errors
caused by the caller's input also subclass the matching built-in (an input
error is a :class:`ValueError`), so generic handlers keep working.
"""

from __future__ import annotations

import os

__all__ = [
    "DocumentError",
    "FetchError",
    "InputError",
    "ModelError",
    "ModelIntegrityError",
    "NotCachedError",
    "RiskError",
    "RiskWarning",
    "RuleFileError",
    "StorageError",
    "TableInputError",
    "UnsafeDocumentError",
    "storage_error",
]


class RiskError(Exception):
    """Root of every error raised on purpose by `risk`."""


class InputError(RiskError, ValueError):
    """The caller's input breaks a rule.

    Parameters
    ----------
    message : str
        What rule was broken, with the bad value.
    source : str or None, default None
        The file (or other input) the bad value came from.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.rule = message
        super().__init__(f"{source}: {message}" if source else message)


class TableInputError(InputError):
    """A cell of a structured-input table breaks a rule.

    The message names the file, the row (1-based, counting the header as row
    1 for CSV files), the column and the rule.
    """

    def __init__(
        self, message: str, *, source: str | None, row: int | None, column: str | None
    ) -> None:
        self.row = row
        self.column = column
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        located = f"{', '.join(where)}: {message}" if where else message
        super().__init__(located, source=source)
        self.rule = message


class RuleFileError(InputError):
    """A rule file (``labels.json``, ``sic_scope.json`` ...) breaks its schema.

    The message is one line naming the file, the rule (its place in the file, and its
    id, name or pattern where it has one) and the key.

    Parameters
    ----------
    message : str
    source : str
        The file's name.
    rule : str or None
        Where in the file (``"rules[12] ('interest expense')"``); None for the whole file.
    key : str or None
        The key at fault (an unknown, missing or invalid key).
    """

    def __init__(self, message: str, *, source: str, rule: str | None, key: str | None) -> None:
        super().__init__(message, source=source)
        self.rule_name = rule
        self.key = key


class DocumentError(InputError):
    """A document cannot be read (empty, binary, truncated beyond use, too large)."""


class UnsafeDocumentError(DocumentError):
    """A document tries something unsafe (XML external entities, entity expansion bombs)."""


class ModelError(RiskError):
    """A model artefact is missing, malformed or used wrongly."""


class ModelIntegrityError(ModelError, ValueError):
    """A model artefact does not match its recorded sha256 (tampered or corrupted)."""


class FetchError(RiskError, OSError):
    """A remote document could not be fetched (network down, refused, not found, cut short).

    An environment fault, not a bug: it is an :class:`OSError`, like the network
    errors it stands for. The message names the URL and what went wrong.

    Parameters
    ----------
    message : str
    url : str or None, default None
    status : int or None, default None
        The HTTP status, when the server answered.
    """

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class StorageError(RiskError, OSError):
    """A file or folder cannot be read or written: an environment fault, not a bug.

    Permission denied, a read-only or full disk, a folder where a file is expected.
    It is an :class:`OSError`, like the faults it stands for; the message names
    the path and the cause.

    Parameters
    ----------
    cause : str
        What went wrong ("no space left on device").
    path : str
        The file or folder.
    """

    def __init__(self, cause: str, *, path: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


def storage_error(exc: BaseException, path: str | os.PathLike[str]) -> StorageError:
    """``exc`` (an :class:`OSError` or an SQLite error) as a :class:`StorageError` naming ``path``.

    The path the operating system names, when it names one, is kept (it is the
    file that failed); else ``path`` (the file being written when the disk filled).
    """
    if isinstance(exc, StorageError):
        return exc
    named = getattr(exc, "filename", None)
    where = os.fspath(named) if isinstance(named, str | os.PathLike) else os.fspath(path)
    if isinstance(exc, OSError) and exc.strerror:
        cause = exc.strerror[:1].lower() + exc.strerror[1:]
    else:
        cause = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, IsADirectoryError):
        cause = "is a folder, not a file"
    return StorageError(cause, path=str(where))


class NotCachedError(FetchError):
    """Offline, and what is needed is not in the local cache (the message names it)."""


class RiskWarning(UserWarning):
    """Raised through :mod:`warnings` when `risk` is unsure of a value it returns."""
