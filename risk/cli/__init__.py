"""The ``risk`` command line."""

from risk.cli._exit import run
from risk.cli._main import main

__all__ = ["main", "run"]
