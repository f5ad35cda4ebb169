"""Peak memory of the readers and of ``score-table`` on large synthesised inputs.

    python benchmarks/memory.py                       # 200 MB text, 1,000,000 contexts, 1M rows
    python benchmarks/memory.py --text-mb 50 --contexts 100000 --rows 200000

Inputs, written to a temporary folder (``--keep`` keeps them):

- a plain-text document of about ``--text-mb`` MB: a seed press release (which has a
  statement table) followed by real corpus text repeated;
- an XBRL instance with ``--contexts`` contexts: a few years of undimensioned facts (the
  statements), then one dimensioned context per fact up to the count;
- a panel-layout CSV of ``--rows`` rows: the American bankruptcy panel tiled, each copy
  under names of its own.

Each command runs as ``risk ...`` in a fresh process, started from a small measuring
process that reports ``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the largest peak resident
memory of the command's process tree (the command and any worker it waited for).

Targets (issues 15 and 18): a reader within about 4x the document's size plus a fixed
base (the base is the figure printed for the small seed document); ``score-table`` on
1,000,000 rows within 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "001_0dd14495e2da5e14.txt"
FILLER = SHARED / "corpus" / "docs" / "caterpillar_8-K_2022-03-31.txt"
PANEL = SHARED / "data" / "american_bankruptcy" / "american_bankruptcy_1999_2014.csv"


def write_text(out: Path, megabytes: float) -> int:
    """A plain-text document of about ``megabytes`` MB; returns its size in bytes."""
    target = int(megabytes * 1_000_000)
    head = SEED.read_bytes()
    filler = FILLER.read_bytes()
    with out.open("wb") as fh:
        fh.write(head)
        size = len(head)
        while size < target:
            piece = filler[: target - size]
            fh.write(piece)
            size += len(piece)
    return size


_XBRL_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<xbrl xmlns="http://www.xbrl.org/2003/instance"
  xmlns:dei="http://xbrl.sec.gov/dei/2022" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
  xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:us-gaap="http://fasb.org/us-gaap/2022"
  xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:ex="http://example.com/20231231">
<link:schemaRef xlink:href="ex-20231231.xsd" xlink:type="simple"/>
<unit id="usd"><measure>iso4217:USD</measure></unit>
"""

_ENTITY = '<entity><identifier scheme="http://www.sec.gov/CIK">0000000001</identifier>'

#: Undimensioned facts per fiscal year: (concept, kind, amount in dollars).
_STATEMENT = (
    ("Assets", "instant", 5_000_000_000),
    ("Liabilities", "instant", 3_000_000_000),
    ("AssetsCurrent", "instant", 1_500_000_000),
    ("LiabilitiesCurrent", "instant", 1_000_000_000),
    ("RetainedEarningsAccumulatedDeficit", "instant", 800_000_000),
    ("StockholdersEquity", "instant", 2_000_000_000),
    ("Revenues", "duration", 4_000_000_000),
    ("OperatingIncomeLoss", "duration", 300_000_000),
    ("NetIncomeLoss", "duration", 150_000_000),
)


def _period(year: int, kind: str) -> str:
    if kind == "instant":
        return f"<period><instant>{year}-12-31</instant></period>"
    return f"<period><startDate>{year}-01-01</startDate><endDate>{year}-12-31</endDate></period>"


def write_xbrl(out: Path, contexts: int) -> int:
    """An XBRL instance with ``contexts`` contexts; returns its size in bytes."""
    with out.open("w", encoding="utf-8") as fh:
        fh.write(_XBRL_HEAD)
        fh.write(
            '<context id="d2023">'
            + _ENTITY
            + "</entity>"
            + _period(2023, "duration")
            + "</context>"
        )
        fh.write('<dei:DocumentType contextRef="d2023">10-K</dei:DocumentType>\n')
        fh.write(
            '<dei:EntityRegistrantName contextRef="d2023">Example Co</dei:EntityRegistrantName>\n'
        )
        written = 1
        for year in (2021, 2022, 2023):
            for kind in ("instant", "duration"):
                cid = f"{kind[0]}{year}"
                if cid != "d2023":
                    fh.write(
                        f'<context id="{cid}">{_ENTITY}</entity>{_period(year, kind)}</context>\n'
                    )
                    written += 1
            for concept, kind, amount in _STATEMENT:
                fh.write(
                    f'<us-gaap:{concept} contextRef="{kind[0]}{year}" unitRef="usd" '
                    f'decimals="-6">{amount + year}</us-gaap:{concept}>\n'
                )
        lines = []
        for i in range(written, contexts):
            year = 2021 + i % 3
            lines.append(
                f'<context id="s{i}">{_ENTITY}<segment><xbrldi:explicitMember '
                f'dimension="us-gaap:StatementBusinessSegmentsAxis">ex:Segment{i}Member'
                f"</xbrldi:explicitMember></segment></entity>{_period(year, 'duration')}"
                f'</context>\n<us-gaap:Revenues contextRef="s{i}" unitRef="usd" '
                f'decimals="-3">{1000 * (i % 997)}</us-gaap:Revenues>\n'
            )
            if len(lines) == 10_000:
                fh.write("".join(lines))
                lines = []
        fh.write("".join(lines))
        fh.write("</xbrl>\n")
    return out.stat().st_size


def write_table(out: Path, rows: int) -> int:
    """The panel tiled to at least ``rows`` rows, each copy's names its own; its rows."""
    import pandas as pd

    panel = pd.read_csv(PANEL)
    copies = -(-rows // len(panel))
    parts = []
    for k in range(copies):
        part = panel.copy()
        if k:
            part["company_name"] = part["company_name"].astype(str) + f"-{k}"
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    table.to_csv(out, index=False)
    return len(table)


def _measure(cmd: list[str]) -> None:
    """(In the small measuring process.) Run ``cmd``; print its wall time and peak RSS."""
    import resource

    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    last = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
    print(
        json.dumps({"rc": done.returncode, "seconds": seconds, "peak_mb": peak_mb, "err": last[0]})
    )


def measure(args: list[str]) -> dict[str, object]:
    """``risk ARGS`` in a fresh process tree: return code, wall seconds and peak MB."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    risk = [sys.executable, "-m", "risk", *args]
    out = subprocess.run(
        [sys.executable, __file__, "--measure", json.dumps(risk)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _line(label: str, size_mb: float | None, result: dict[str, object], base: float) -> str:
    peak = float(result["peak_mb"])  # type: ignore[arg-type]
    text = f"  {label:40s} {float(result['seconds']):7.1f} s  peak {peak:7.0f} MB"  # type: ignore[arg-type]
    if size_mb:
        text += f"  = base + {(peak - base) / size_mb:.1f} x the document ({size_mb:.0f} MB)"
    if result["rc"] != 0:
        text += f"  [exit {result['rc']}: {result['err']}]"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-mb", type=float, default=200.0)
    parser.add_argument("--contexts", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--only", nargs="+", choices=("text", "xbrl", "table"))
    parser.add_argument("--keep", help="write the inputs here and keep them")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(json.loads(args.measure))
        return
    only = set(args.only or ("text", "xbrl", "table"))
    print(f"cores: {os.cpu_count()}; load: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="risk-bench-memory-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        base = measure(["extract", str(SEED)])
        print(_line(f"base: risk extract {SEED.name}", None, base, 0.0))
        floor = float(base["peak_mb"])  # type: ignore[arg-type]
        if "text" in only:
            doc = work / "large.txt"
            mb = write_text(doc, args.text_mb) / 1e6
            for command in ("extract", "score"):
                result = measure(
                    [command, str(doc), *(["--format", "json"] * (command == "score"))]
                )
                print(_line(f"risk {command} text ({mb:.0f} MB)", mb, result, floor))
        if "xbrl" in only:
            doc = work / "large_xbrl.xml"
            start = time.perf_counter()
            mb = write_xbrl(doc, args.contexts) / 1e6
            print(f"  (XBRL instance written in {time.perf_counter() - start:.0f} s)")
            result = measure(["extract", str(doc)])
            print(_line(f"risk extract XBRL ({args.contexts:,} contexts)", mb, result, floor))
        if "table" in only:
            csv = work / "table.csv"
            n = write_table(csv, args.rows)
            result = measure(["score-table", str(csv), "--out", str(work / "scored.csv")])
            print(_line(f"risk score-table ({n:,} rows)", None, result, floor))
            within = float(result["peak_mb"]) <= 1024  # type: ignore[arg-type]
            print(f"    target: within 1 GB -> {'met' if within else 'NOT met'}")


if __name__ == "__main__":
    main()
