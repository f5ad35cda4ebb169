"""``risk schema [filing|report]``: print a JSON Schema."""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["SCHEMAS", "register", "schema_for"]

#: Schema name -> "module:attribute" of the pydantic model.
SCHEMAS = {
    "filing": "risk.financials:Filing",
    "report": "risk.report:RiskReport",
}


def register(p: argparse.ArgumentParser) -> None:
    """Add the command's arguments to its parser."""
    p.add_argument("which", nargs="?", choices=sorted(SCHEMAS), default="filing")
    p.set_defaults(run=run)


def schema_for(which: str) -> dict[str, Any]:
    """The JSON Schema of ``which`` (``filing`` or ``report``)."""
    import importlib

    module, attr = SCHEMAS[which].split(":")
    model = getattr(importlib.import_module(module), attr)
    schema: dict[str, Any] = model.model_json_schema()
    return schema


def run(args: argparse.Namespace) -> int:
    print(json.dumps(schema_for(args.which), indent=2))
    return 0
