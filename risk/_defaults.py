"""Default factories for the empty list, dict and tuple fields of the pydantic models.

A model field that defaults to a new empty list names :func:`new_list` as its
``default_factory``, not the builtin ``list``: the value is the same, but pydantic
asks ``inspect.signature`` of every default factory whether it takes the validated
data, and for a builtin type that means parsing its text signature with the
tokenizer. Over the fields the scoring path builds, that was about a fifth of the CPU
time of ``risk score`` on four press releases (``benchmarks/startup.py``); the
signature of a plain function is read at once.

This module sits below every stage package (it imports nothing of ``risk``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["new_dict", "new_list", "new_tuple"]


def new_list() -> list[Any]:
    """A new empty list."""
    return []


def new_dict() -> dict[Any, Any]:
    """A new empty dict."""
    return {}


def new_tuple() -> tuple[Any, ...]:
    """The empty tuple."""
    return ()
