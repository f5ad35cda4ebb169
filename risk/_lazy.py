"""Work deferred from import to first use, so a command pays only for what it runs.

Two helpers, each the one place its rule lives:

- :func:`lazy_exports`: a package's ``__getattr__`` that imports a name from its
  private module on first use (a format's reader is imported only when a document of
  that format is read);
- :func:`lazy_regex`: a module-level regular expression compiled on its first use
  (most of a module's patterns serve documents a command never sees).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, cast

__all__ = ["lazy_exports", "lazy_regex"]


def lazy_exports(
    namespace: MutableMapping[str, Any], exports: Mapping[str, str]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) that imports each of ``exports`` on first use.

    Parameters
    ----------
    namespace : dict
        The package's ``globals()``: a name, once imported, is stored there, so later
        lookups are ordinary attribute reads.
    exports : mapping of str to str
        Each public name and the module that defines it (``{"parse_html":
        "risk.documents._html"}``).

    Returns
    -------
    callable
        The ``__getattr__`` to assign in the package; for any other name it raises
        :class:`AttributeError` as a module does.
    """
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__


class _LazyPattern:
    """A compiled pattern's stand-in: the first use of a method compiles the pattern
    and stores the compiled pattern's attributes on this object, so later calls go
    straight to them (no lookup hook, no wrapper call)."""

    _COPIED = (
        "match",
        "search",
        "fullmatch",
        "finditer",
        "findall",
        "sub",
        "subn",
        "split",
        "scanner",
        "flags",
        "groups",
        "groupindex",
    )

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not yet set: the first use of a method.
        if name.startswith("__") or name == "_flags":
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in self._COPIED:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_regex({self.pattern!r}, {self._flags})"


def lazy_regex(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on the first use of the result.

    For module-level patterns: importing the module costs nothing for a pattern the
    command never uses. The result has the compiled pattern's methods and attributes
    (``search``, ``sub``, ``finditer``, ``pattern``, ``flags`` ...) at the same speed
    once used; it is not a :class:`re.Pattern` instance, so pass it to its own methods
    (``PAT.sub(...)``), not to ``re.sub(PAT, ...)``. A pattern that does not compile
    fails on first use, and ``tests/test_lazy.py`` compiles every one of the package.
    """
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
