"""``python -m risk``: the same as the ``risk`` command."""

from risk.cli import run

run()
