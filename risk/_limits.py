"""Limits shared by every command that reads documents, importable without the readers.

The batch process and the command line need the default size limit to check their
arguments, but not the readers (:mod:`risk.extraction` takes about a second of CPU to
import); the readers take it from here too. This module imports nothing of ``risk``.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_BYTES"]

#: Documents larger than this are refused (a 10-K with exhibits is rarely over 50 MB).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
