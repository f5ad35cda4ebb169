"""Extraction speed: documents/s and MB/s per kind of document, and the cost of signals.

Run: ``python benchmarks/extract.py [--repeat N]``. Prints figures; asserts nothing.
Times are CPU times of this process (best of ``--repeat``), so MB/s is per core.
Targets (issues 3, 4, 9), on one core:
- press-release-size documents (the seeds): >= 200 documents/s
- a 1 MB plain-text 10-K: <= 1 s
- a 2.5 MB inline-XBRL 10-Q: <= 2 s; a 2.5 MB company-facts file: <= 1 s
- signal detection <= 20 % of reading time on every format (issue 18)
The signal share is the CPU time spent inside the signals (for XBRL instances, with
the rendering of the text blocks they alone need) over the CPU time of the reading;
the reading with the signals switched off is printed beside it.

XBRL instances against edgartools (measured once, 2026-12-02, load average ~15 on 2 cores;
edgartools 5.62.1 in a throwaway venv, never a dependency): CPU time, best of 5, of
``edgar.xbrl.XBRL.from_files(instance_file=...)`` on the corpus's instances: aeon 0.052 s,
carbo 0.069 s, netflix 0.013 s. Ours (this script, load 7-9, 2026-12-02): with signals
0.09-0.15 / 0.10-0.16 / 0.03-0.04 s, without 0.04-0.06 / 0.04-0.06 / 0.01-0.02 s: without
the signals an instance reads about as fast as edgartools parses it, with them about 2x as
long. Measured again on a quiet machine (2026-12-03, load 0.75, best of 7): edgartools
aeon 0.035 s, carbo 0.028 s, netflix 0.006 s; ours (main 7e9737e, load 1.0) with signals
0.052 / 0.051 / 0.015 s, without 0.020 / 0.020 / 0.006 s: without the signals no slower
than edgartools, with them 1.5-2.5x. The signals' time is rendering every text block to
text (exact, since signal spans are offsets into the joined text of all blocks), then the
detection on 35-180 thousand characters (10-20 ms). Rendering, old Python walk -> libxslt
pass (``risk.documents.html_text``), the same text, CPU min / median of 21 in one process
at load 9: aeon 70 / 117 -> 51 / 74 ms, carbo 66 / 112 -> 53 / 73 ms, netflix 25 / 37 ->
12 / 22 ms; libxml2's HTML parse of the blocks' markup (1.2 and 1.7 MB, mostly table
styles) is now most of it, about 30 ms on aeon and carbo.

Later that day (the instance read's tag lookups remembered per tag, the text blocks taken
as UTF-8 bytes, cheaper guards and fold, ``decode`` skipping its line-end replaces when
there is no CR): instructions per read (callgrind, counted inside the reads only, so
the load does not enter), aeon / carbo / netflix, with signals 568 -> 498 / 538 -> 488 /
144 -> 135 M, without 242 -> 216 / 228 -> 206 / 61 -> 58 M. CPU, the two versions run
in turn, best of 3 x 10, load 4-5: with signals 63.0 -> 54.3 / 62.0 -> 52.0 / 16.6 ->
15.4 ms, without 25.1 -> 21.8 / 26.0 -> 18.2 / 6.6 -> 6.0 ms. The signal share stays at
57-62 %: the rendering and the rest of the read fell alike. ``benchmarks/xbrl_render.py``
(load 3.5): rendering 28.4 -> 23.8 / 30.1 -> 28.2 / 7.7 -> 7.2 ms; of aeon's 23.8 ms,
libxml2's parse is 13.4, the guards 3.0, the stylesheet 3.6, the fold 3.3. Shrinking the
markup before the parse was measured and not kept: a pass that can be shown exact costs
about what it saves, Python's ``re`` scanning the attributes about as slowly as libxml2
parses them (aeon: with every attribute dropped the parse takes 5 ms instead of 13, but
checking every tag strictly and dropping them took 7.5-8.5 ms; a marker attribute in place
of each ``style`` one, 3.7-6 ms for a parse of 8.3-8.6 ms).

Issue 18, 2026-12-03 (per-branch anchors, ``Rule.branch_anchors``): a rule's regex is
tried only where a branch of its alternation has one string of each set it requires. On
the corpus .txt files the windows whose sentence is cut out and regex run fell from 1037
to 430 (216 with a match, before and after). Instructions of the signal calls (detection,
prose facts, 8-K items) replayed on the texts the reader passes them (callgrind, counted
as the difference of two runs): corpus .txt 529.7 -> 449.4 M, seeds 32.3-33.4 -> 32.3-32.7
M. This script on the seeds and the .txt files, the two versions run in turn twice
(``--repeat 7``, load 1.3-1.6): plain-text share median 30.9 / 30.8 -> 27.7 / 27.6 %, max
64.5 / 64.3 -> 61.7 / 61.5 %; seeds 43.2 / 43.9 -> 44.0 / 43.9 %. The press releases and
the small 8-Ks are left where they were: nearly every window there holds a match, and their
cost is the work per match (context checks, subject and state, about two thirds) and per
part (keyword scan 0.1-0.25 ms, sentence stops, agreement markers), not regexes tried for
nothing.

Issue 18, per-match work (2026-12-03, branch sigmatch): no result is computed twice for one
sentence or match any more (the context flags, prose test, references and dates were
already kept per sentence; no two matches share a span), so the work per match was made
cheaper, the same answers: a context check searched entry by entry where one of an entry's
required strings occurs (``ContextRules.found``), a table row told from the reversed line,
the paragraph's start found in C, dates tried only at their possible starts and not at all
in a sentence without a digit. Instructions of the detection and prose-fact calls replayed
on the texts the reader passes them (callgrind, difference of two runs, PYTHONHASHSEED=0):
seeds 31.66 -> 31.29 M per pass, corpus .txt (docs and 8-K) 719.4 -> 674.9 M. This script
(seeds and plain text, ``--repeat 7``, old and new in turn twice, load 5.7-9.2): seeds share
42.8 / 42.7 -> 43.3 / 43.4 % (no change within the noise), plain text median 28.6 / 28.6 ->
27.1 / 27.1 %, max 63.2 / 62.2 -> 63.3 / 63.2 %. Still over 20 %: on the seeds the per-match
cost is spread over regex scans of each sentence (references to entities about 27 us a
sentence, context flags 18, prose test 15) and of each match's clause (hedges 13 us), none
of which repeats.

Issue 18, 2026-12-03, the fixed costs of the signal pass (sentence stops by one pattern
per stop character, ``re`` skipping to a literal several times faster than to the class
``[.!?]``: all stops of the .txt files 26.2 -> 11.0 ms; the keyword prefilter with a
second table for the next four characters where a slice has 256 candidates or more:
35,089 regex tries -> about 14,800 for 13,876 hits on the corpus .txt files; the hits
counted once and each rule table's kept once per text). Instructions of the signal calls
(detection, prose facts, 8-K items) replayed on the texts the readers pass them
(callgrind, per replay as the difference of 1 and N replays, PYTHONHASHSEED=0): corpus
.txt (docs and 8-K, 169 parts) 814.2 -> 754.4 M, XBRL instances' text blocks 93.5 -> 83.4
M, seeds 35.0 -> 35.0 M; the keyword scan alone on the .txt files 272.0 -> 245.7 M (29.2
-> 27.8 ms, best of 9, load 1). This script, main and this branch run in turn twice
(``--repeat 7``, load 1.6-2.1): plain-text share median 27.9 / 28.6 -> 26.6 / 26.7 %, max
62.3 / 62.0 -> 61.8 / 60.5 %; seeds 44.1 / 42.9 -> 42.8 / 42.6 %; XBRL median 58.7 / 58.5
-> 59.3 / 58.6 % (the rendering is most of it). The press releases and small 8-Ks are
left where they were: there the work per match (context checks, subject and state) and
the anchor test per hit dominate. Measured and not kept: a bulk anchor test per rule
(every start of its strings found in the whole text: the windows of a rule's hits cover
less than the text, and the detection took 104 -> 114 ms on the .txt files), and the
prefilter on the raw bytes (word starts by uint8 arithmetic, a four-byte gather per word
start: 245.7 -> 223.7 M instructions, yet 27.8 -> 29.2 ms; probably its full-length
temporaries, whose memory traffic and page faults callgrind does not count).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from _timing import best_cpu

import risk.extraction._extract as coordinator
import risk.extraction._xbrl as xbrl_reader
from risk.exceptions import RiskError
from risk.extraction import extract_all

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = SHARED / "corpus" / "docs"

KINDS: dict[str, list[str]] = {
    "plain-text submissions": [p.name for p in sorted(CORPUS.glob("*.txt"))],
    "HTML / inline XBRL": [p.name for p in sorted(CORPUS.glob("*.htm*"))],
    "XBRL instances": [p.name for p in sorted(CORPUS.glob("*.xml"))],
    "company facts": [p.name for p in sorted(CORPUS.glob("*.json"))],
}


def _read(path: Path) -> None:
    # A refused document still counts as read: its time is what we measure.
    with contextlib.suppress(RiskError):
        extract_all(path)


#: Every place the readers call the signals, with what it returns when switched off:
#: the submission coordinator (plain text, HTML, inline XBRL) and the XBRL instance
#: reader, whose ``text_signals`` also renders the text blocks (only the signals need
#: them). Company facts have no text, so no signals.
_SIGNAL_SITES: list[tuple[object, str, Callable[..., object]]] = [
    (coordinator, "detect_signals", lambda *a, **k: []),
    (coordinator, "find_facts", lambda *a, **k: []),
    (coordinator, "item_signals", lambda *a, **k: []),
    (xbrl_reader, "text_signals", lambda *a, **k: ([], [])),
]


@contextmanager
def _signals_off() -> Iterator[None]:
    saved = [getattr(module, name) for module, name, _ in _SIGNAL_SITES]
    for module, name, off in _SIGNAL_SITES:
        setattr(module, name, off)
    try:
        yield
    finally:
        for (module, name, _), original in zip(_SIGNAL_SITES, saved, strict=True):
            setattr(module, name, original)


@contextmanager
def _signals_timed(spent: list[float]) -> Iterator[None]:
    """Add the CPU time spent inside the signals to ``spent[0]`` (steadier under load
    than the difference of two runs)."""
    saved = [getattr(module, name) for module, name, _ in _SIGNAL_SITES]

    def timed(fn: Callable[..., object]) -> Callable[..., object]:
        def run(*a: object, **k: object) -> object:
            start = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[0] += time.process_time() - start

        return run

    for (module, name, _), original in zip(_SIGNAL_SITES, saved, strict=True):
        setattr(module, name, timed(original))
    try:
        yield
    finally:
        for (module, name, _), original in zip(_SIGNAL_SITES, saved, strict=True):
            setattr(module, name, original)


def _share(path: Path) -> float:
    """The signals' share of one reading of ``path`` (CPU time inside them / total)."""
    spent = [0.0]
    with _signals_timed(spent):
        start = time.process_time()
        _read(path)
        total = time.process_time() - start
    return spent[0] / total if total > 0 else 0.0


def _steady_share(path: Path, repeat: int) -> float:
    """The median of ``repeat`` readings' signal shares (one reading of a small
    document is a few milliseconds: a single one is at the mercy of other work)."""
    return statistics.median(_share(path) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print("== seeds (press releases), one core ==")
    size = sum(p.stat().st_size for p in SEEDS)
    rounds = 25
    seconds = best_cpu(lambda: [_read(p) for _ in range(rounds) for p in SEEDS], args.repeat)
    n = rounds * len(SEEDS)
    print(
        f"{n / seconds:8.1f} documents/s   {size * rounds / seconds / 1e6:6.2f} MB/s   "
        f"({size / len(SEEDS) / 1e3:.1f} KB average)"
    )
    with _signals_off():
        bare = best_cpu(lambda: [_read(p) for _ in range(rounds) for p in SEEDS], args.repeat)
    share = statistics.median(_steady_share(p, args.repeat) for p in SEEDS)
    print(
        f"signals: median share {100 * share:.1f} % of reading time; switched off: "
        f"{n / bare:.1f} documents/s"
    )

    for kind, names in KINDS.items():
        print(f"\n== {kind} ==")
        shares, total_mb, total_s = [], 0.0, 0.0
        for name in names:
            path = CORPUS / name
            mb = path.stat().st_size / 1e6
            t = best_cpu(lambda path=path: _read(path), args.repeat)
            with _signals_off():
                t0 = best_cpu(lambda path=path: _read(path), args.repeat)
            share = _steady_share(path, args.repeat)
            shares.append(share)
            total_mb, total_s = total_mb + mb, total_s + t
            print(
                f"{t:7.3f} s  {mb / t:6.2f} MB/s  {mb:5.2f} MB  signals {100 * share:5.1f} % "
                f"(off: {t0:.3f} s, {mb / t0:6.2f} MB/s)  {name}"
            )
        if shares:
            print(
                f"all: {total_mb / total_s:.2f} MB/s; signal share median "
                f"{100 * statistics.median(shares):.1f} %, max {100 * max(shares):.1f} %"
            )


if __name__ == "__main__":
    main()
