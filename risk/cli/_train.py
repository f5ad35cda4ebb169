"""``risk train --data PATH --out DIR``: fit, validate and write the model artefact."""

from __future__ import annotations

import argparse
import sys

__all__ = ["register", "run"]


def register(p: argparse.ArgumentParser) -> None:
    """Add the command's arguments to its parser."""
    p.description = (
        "Walk-forward validation of every candidate and published score, out-of-time "
        "calibration, final fit; writes distress_v1.json and MODEL_CARD.md into DIR. "
        "The same data give the same artefact."
    )
    p.add_argument("--data", required=True, help="american_bankruptcy_1999_2014.csv")
    p.add_argument("--out", required=True, help="directory to write the artefact into")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from risk.model import train

    def progress(line: str) -> None:
        if not args.quiet:
            print(f"risk train: {line}", file=sys.stderr)

    path = train(args.data, args.out, progress=progress)
    print(path)
    return 0
