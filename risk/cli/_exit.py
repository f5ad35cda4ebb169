"""The ``risk`` console script: start-up settings, :func:`~risk.cli.main`, then a quick
exit.

Start-up settings, for the process the console script owns (not for a program that
imports :mod:`risk`):

- the cyclic garbage collector runs every ``_GC_GEN0`` allocations instead of 700: a
  command first creates tens of thousands of long-lived objects (modules, classes,
  pydantic validators, compiled patterns), and with the default threshold the
  collector traverses them again and again (about 2 % of the instructions of
  ``risk score`` on a few filings). At 10,000 it still ran seven times during
  ``risk score`` on the four seeds (about 20 ms, 4 % of its CPU, for some 550 objects
  of cyclic garbage); at 100,000 it runs there not at all, and the peak memory of
  ``risk score`` on a 2.8 MB 10-K grows by under 1 MB (107.4 -> 107.6 MB). Cycles are
  still collected, later;
- pydantic plugins are not loaded (``PYDANTIC_DISABLE_PLUGINS=__all__``, unless the
  environment sets it): looking them up scans the metadata of every installed
  distribution when the first validator is built, after importing
  :mod:`importlib.metadata` and the e-mail parser it needs (about 3 % together). No
  ``risk`` command uses a plugin. With plugins off, pydantic's plugin loader is
  stood in for by :func:`_no_plugin_loader` (a private module of pydantic, as
  ``atexit._run_exitfuncs`` is of CPython: any other name of the real loader is
  still imported from it on first use).

An interpreter that exits normally frees every object it made, one by one (modules,
classes, compiled patterns, the model), and runs a last garbage collection: about a
sixth of the CPU of ``risk score`` on a few filings. The operating system frees the
process's memory at once, so for short commands that have written their output, the
process ends there (:func:`os._exit`) after doing what a normal exit must do: flushing
the output streams and running the exit handlers (``atexit``, which also removes
temporary folders). Anything else, or any doubt (another thread, a child process, an
output stream that cannot be flushed), exits as usual.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import os
import sys
import types
from collections.abc import Sequence
from typing import NoReturn

from risk.cli._main import _command, main

__all__ = ["QUICK_EXIT_COMMANDS", "run"]

#: Commands whose output is written to a stream or by ``Path.write_text`` before they
#: return, and that start no thread or process: they may skip the teardown. ``None``
#: is no command (``--version``, ``--help``).
QUICK_EXIT_COMMANDS = frozenset({None, "score", "extract", "schema"})

#: Allocations between two collections of the youngest generation (Python's default: 700).
_GC_GEN0 = 100_000


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line (:func:`~risk.cli.main`) and exit with its code."""
    words = sys.argv[1:] if argv is None else argv
    _start_up()
    code = main(words)
    if _command(words) in QUICK_EXIT_COMMANDS and _alone():
        try:
            _flush()
        except (OSError, ValueError):
            sys.exit(code)  # the usual exit reports it as Python does
        atexit._run_exitfuncs()
        with contextlib.suppress(OSError, ValueError):
            _flush()  # what the exit handlers wrote
        os._exit(code)
    sys.exit(code)


def _start_up() -> None:
    """The start-up settings of the module docstring."""
    gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(max(_GC_GEN0, gen0), gen1, gen2)
    if os.environ.setdefault(_NO_PLUGINS, "__all__") in _ALL_PLUGINS:
        sys.modules.setdefault(_PLUGIN_LOADER, _no_plugin_loader())


#: pydantic's switch of its plugins, the values that turn all of them off, its loader.
_NO_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
_ALL_PLUGINS = ("__all__", "1", "true")
_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugin_loader() -> types.ModuleType:
    """A stand-in for pydantic's plugin loader when plugins are off: ``get_plugins``
    returns none, as the real one then does, without importing
    :mod:`importlib.metadata`; any other name comes from the real loader."""
    loader = types.ModuleType(_PLUGIN_LOADER)

    def get_plugins(*_args: object, **_kwargs: object) -> tuple[()]:
        return ()

    def __getattr__(name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        if sys.modules.get(_PLUGIN_LOADER) is loader:
            del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    vars(loader).update(get_plugins=get_plugins, __getattr__=__getattr__)
    return loader


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def _alone() -> bool:
    """No other thread and no child process that a normal exit would wait for."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    return "multiprocessing" not in sys.modules and "concurrent.futures" not in sys.modules
