"""Rendering an XBRL instance's text blocks: the Python walk against the libxslt pass.

Run: ``python benchmarks/xbrl_render.py [--repeat N]``. Prints figures; asserts nothing.
For each instance of ``../shared/corpus/docs``, the text the signals read (every text
block rendered, joined by blank lines) is built twice, alternately, in this process:
with ``html_to_text(parse_html(...))`` (the walk used before) and with
``XbrlInstance.text`` (``risk.documents.html_text``). Prints whether the two texts are the
same, character for character, and the CPU time of each, minimum and median of
``--repeat`` (two runs side by side in one process keep the comparison fair on a loaded
machine), and the share of the libxml2 parse alone. A second line splits the libxslt
pass into its stages (minimum of ``--repeat``, each timed alone): taking each block's
markup as UTF-8, the guards that send a block to the walk (``_plain``), libxml2's HTML
parse, the stylesheet, and the fold of its output.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from pathlib import Path

from _timing import cpu_seconds
from lxml import etree

from risk.documents import _html_text, html_to_text, parse_html, parse_xml
from risk.extraction._xbrl import XbrlInstance, read_xbrl_instance

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docs"


def _markups(instance: XbrlInstance) -> list[str]:
    out = []
    for element in instance.text_elements:
        if len(element):
            markup = etree.tostring(element, encoding="unicode", method="html")
        else:
            markup = element.text or ""
        if markup.strip():
            out.append(markup)
    return out


def _walked(markups: list[str]) -> str:
    blocks = (html_to_text(parse_html(m, name="block")).text for m in markups)
    return "\n\n".join(b for b in blocks if b)


def _stages(instance: XbrlInstance, repeat: int) -> str:
    """The CPU time of each stage of the libxslt pass over every text block (ms)."""
    blocks = [e for e in instance.text_elements if not len(e)]

    def utf8() -> list[bytes]:
        return [etree.tostring(e, method="text", encoding="utf-8", with_tail=False) for e in blocks]

    raws = utf8()
    roots = [parse_html(r, name="b") for r in raws]
    transform = _html_text._transform()
    marked = [str(transform(r)) for r in roots]
    stages: dict[str, Callable[[], object]] = {
        "utf-8": utf8,
        "guards": lambda: [_html_text._plain(r.lower()) for r in raws],
        "parse": lambda: [parse_html(r, name="b") for r in raws],
        "xslt": lambda: [str(transform(r)) for r in roots],
        "fold": lambda: [_html_text._fold(m) for m in marked],
    }
    spent = {k: min(cpu_seconds(fn) for _ in range(repeat)) for k, fn in stages.items()}
    return "  ".join(f"{k} {1e3 * v:5.1f}" for k, v in spent.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    for path in sorted(CORPUS.glob("*_xbrl.xml")):
        instance = read_xbrl_instance(parse_xml(path.read_bytes(), name=path.name))
        markups = _markups(instance)
        same = _walked(markups) == instance.text()
        old: list[float] = []
        new: list[float] = []
        parse: list[float] = []
        for _ in range(args.repeat):
            old.append(cpu_seconds(lambda markups=markups: _walked(markups)))
            new.append(cpu_seconds(instance.text))
            parse.append(
                cpu_seconds(lambda markups=markups: [parse_html(m, name="b") for m in markups])
            )
        mb = sum(len(m.encode("utf-8")) for m in markups) / 1e6
        print(
            f"{path.name:36s} {len(markups):3d} blocks {mb:4.2f} MB  same text: {same}  "
            f"walk {1e3 * min(old):5.1f} / {1e3 * statistics.median(old):5.1f} ms  "
            f"xslt {1e3 * min(new):5.1f} / {1e3 * statistics.median(new):5.1f} ms  "
            f"(min / median; the parse alone {1e3 * min(parse):5.1f} ms)"
        )
        print(f"{'':36s} stages (ms): {_stages(instance, args.repeat)}")


if __name__ == "__main__":
    main()
