"""``--max-bytes``: the one size limit of every command that reads documents."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["add_max_bytes", "check_sizes"]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of bytes; got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1; got {text!r}")
    return value


def add_max_bytes(p: argparse.ArgumentParser) -> None:
    """Add ``--max-bytes N`` (default: the reader's limit, the same for every command)."""
    from risk._limits import DEFAULT_MAX_BYTES

    p.add_argument(
        "--max-bytes",
        dest="max_bytes",
        type=_positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=(
            "refuse a document larger than N bytes, before reading it "
            f"(default {DEFAULT_MAX_BYTES} = {DEFAULT_MAX_BYTES // 2**20} MiB, as risk batch)"
        ),
    )


def check_sizes(paths: Iterable[str | os.PathLike[str]], max_bytes: int) -> None:
    """Refuse (DocumentError naming the file) a file over ``max_bytes``, before any is read."""
    from risk.exceptions import DocumentError

    for raw in paths:
        path = Path(raw)
        size = path.stat().st_size if path.is_file() else 0
        if size > max_bytes:
            raise DocumentError(
                f"the file is {size} bytes, over the limit of {max_bytes} bytes (--max-bytes)",
                source=str(path),
            )
