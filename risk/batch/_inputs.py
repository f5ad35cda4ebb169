"""Turning the command line's INPUT arguments into a stream of document paths."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["iter_paths"]

_GLOB_CHARS = frozenset("*?[")


def _walk(directory: str, exclude: frozenset[str]) -> Iterator[str]:
    """Every regular file under ``directory``, depth first, in name order, hidden ones skipped.

    A folder that cannot be listed (permissions) is yielded itself, so that it
    becomes an error row instead of vanishing.
    """
    unreadable: list[str] = []
    for root, dirs, files in os.walk(directory, onerror=lambda e: unreadable.append(e.filename)):
        while unreadable:
            yield os.path.abspath(unreadable.pop())
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.abspath(os.path.join(root, name))
            if path not in exclude:
                yield path
    while unreadable:
        yield os.path.abspath(unreadable.pop())


def _expand(item: str, exclude: frozenset[str], base: str | None) -> Iterator[str]:
    if base is not None and not os.path.isabs(item):
        item = os.path.join(base, item)
    if os.path.isdir(item):
        yield from _walk(item, exclude)
        return
    if os.path.exists(item) or not (_GLOB_CHARS & set(item)):
        # A missing plain path is yielded too: it becomes an error row, never vanishes.
        path = os.path.abspath(item)
        if path not in exclude:
            yield path
        return
    matched = False
    for hit in glob.iglob(item, recursive=True):
        matched = True
        if os.path.isdir(hit):
            yield from _walk(hit, exclude)
        else:
            path = os.path.abspath(hit)
            if path not in exclude:
                yield path
    if not matched:
        # The pattern itself becomes an error row ("matches no file").
        yield os.path.abspath(item)


def iter_paths(
    inputs: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str] = ()
) -> Iterator[str]:
    """Stream the absolute paths of the documents named by ``inputs``.

    Parameters
    ----------
    inputs : iterable of str or path
        Each item is a file, a directory (read recursively, hidden entries skipped),
        a glob pattern (``**`` allowed), or ``@LIST``: a text file naming one input
        per line (blank lines and lines starting with ``#`` skipped; relative lines
        are relative to the list file's folder).
    exclude : iterable of str, default ()
        Absolute paths never to yield (the batch's own output, ledger and temp files).

    Yields
    ------
    str
        Absolute paths, lazily (a directory of a million files is never listed
        at once). A path that does not exist, or a pattern that matches nothing,
        is yielded as is so that the caller records it as an error.
    """
    skip = frozenset(os.path.abspath(p) for p in exclude)
    for raw in inputs:
        item = os.fspath(raw)
        if item.startswith("@") and len(item) > 1:
            listing = Path(item[1:])
            base = str(listing.resolve().parent)
            with listing.open(encoding="utf-8") as lines:
                for line in lines:
                    entry = line.strip()
                    if entry and not entry.startswith("#"):
                        yield from _expand(entry, skip, base)
        else:
            yield from _expand(item, skip, None)
