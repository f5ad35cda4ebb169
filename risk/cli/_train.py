"""``risk train``. (Skeleton: filled in by a later issue.)"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser("train", help="(not available yet)")
    p.add_argument("inputs", nargs="*")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("risk: error: 'train' is not available in this version", file=sys.stderr)
    return 1
