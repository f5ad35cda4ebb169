"""Deterministic mutators of documents, for the fuzzing tests and ``benchmarks/fuzz.py``.

Every mutator takes the document's bytes and a :class:`random.Random` and returns new
bytes; :func:`mutate` seeds the generator with an int, so ``(document, mutator, seed)``
names one mutated document exactly and a failure found by the benchmark can be rebuilt in
a test. The mutators break what a filing reader leans on: the length (truncation), the
bytes (flips, NULs, invalid UTF-8, other encodings), the markup (closing tags dropped,
tables cut mid-row, tags nested deep), the numbers (hundreds of digits, exponents) and the
metadata (SEC header fields, XBRL contexts, units, ``scale`` and ``decimals``).

This is a library, not a test module: it has no test functions.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

__all__ = ["MUTATORS", "Mutator", "mutate", "mutate_random", "stacked"]

Mutator = Callable[[bytes, random.Random], bytes]


def _span(data: bytes, rng: random.Random, longest: int) -> tuple[int, int]:
    """A random ``[start, end)`` range of at most ``longest`` bytes inside ``data``."""
    if not data:
        return 0, 0
    start = rng.randrange(len(data))
    return start, min(len(data), start + rng.randint(1, max(1, longest)))


# --------------------------------------------------------------------------- bytes


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the document at a random byte (a download cut short)."""
    return data[: rng.randrange(len(data) + 1)]


def byte_flip(data: bytes, rng: random.Random) -> bytes:
    """Flip one random bit in each of 1 to 32 random bytes."""
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def delete_range(data: bytes, rng: random.Random) -> bytes:
    """Delete a random range of up to a quarter of the document."""
    start, end = _span(data, rng, len(data) // 4)
    return data[:start] + data[end:]


def duplicate_range(data: bytes, rng: random.Random) -> bytes:
    """Repeat a random range (up to 4 KiB) two to five times in place."""
    start, end = _span(data, rng, 4096)
    return data[:end] + data[start:end] * rng.randint(1, 4) + data[end:]


def splice(data: bytes, rng: random.Random) -> bytes:
    """Move a random range (up to 8 KiB) to another random place."""
    start, end = _span(data, rng, 8192)
    piece, rest = data[start:end], data[:start] + data[end:]
    at = rng.randrange(len(rest) + 1)
    return rest[:at] + piece + rest[at:]


def inject_nul(data: bytes, rng: random.Random) -> bytes:
    """Insert NUL bytes (one, a few, or a run) at random places, the head included."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out) + 1) : 0] = b"\x00" * rng.choice((1, 2, 64))
    return bytes(out)


_INVALID_UTF8 = (b"\xff", b"\xfe", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\xbc", b"\xed\xa0\x80")


def invalid_utf8(data: bytes, rng: random.Random) -> bytes:
    """Insert byte sequences that are not UTF-8 (lone bytes, cut and overlong sequences)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.choice(_INVALID_UTF8)
    return bytes(out)


def control_chars(data: bytes, rng: random.Random) -> bytes:
    """Insert control characters (form feed, escape, bell, DEL, vertical tab)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        at = rng.randrange(len(out) + 1)
        out[at:at] = bytes([rng.choice((0x01, 0x07, 0x0B, 0x0C, 0x1B, 0x7F, 0x85))])
    return bytes(out)


# --------------------------------------------------------------------------- encodings


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def reencode(data: bytes, rng: random.Random) -> bytes:
    """The same text in another encoding: UTF-16/32 with or without a byte-order mark,
    latin-1, cp1252, or UTF-8 with a byte-order mark."""
    text = _text(data)
    encoding = rng.choice(
        (
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-32",
            "utf-32-le",
            "latin-1",
            "cp1252",
            "utf-8-sig",
        )
    )
    return text.encode(encoding, errors="replace")


def line_endings(data: bytes, rng: random.Random) -> bytes:
    """Change every line ending to CR LF, a bare CR, or LF CR."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", rng.choice((b"\r\n", b"\r", b"\n\r")))


# --------------------------------------------------------------------------- markup

_CLOSERS = (
    rb"</TABLE>",
    rb"</td>",
    rb"</tr>",
    rb"</table>",
    rb"</DOCUMENT>",
    rb"</TEXT>",
    rb"</SEC-HEADER>",
    rb"</ix:nonFraction>",
    rb"</ix:header>",
    rb"</xbrli:context>",
    rb"</div>",
)


def unbalance_tags(data: bytes, rng: random.Random) -> bytes:
    """Drop closing tags of one kind (``</TABLE>``, ``</td>``, ``</DOCUMENT>`` ...): all of
    them, or each with probability one half."""
    pattern = re.compile(re.escape(rng.choice(_CLOSERS)), re.I)
    everyone = rng.random() < 0.5
    return pattern.sub(lambda m: b"" if everyone or rng.random() < 0.5 else m.group(0), data)


_OPENERS = (rb"<TABLE>", rb"<tr\b", rb"<td\b", rb"<DOCUMENT>", rb"<TEXT>", rb"<ix:nonFraction\b")


def drop_openers(data: bytes, rng: random.Random) -> bytes:
    """Drop opening tags of one kind, each with probability one half (closers left over)."""
    pattern = re.compile(rng.choice(_OPENERS) + rb"[^>]*>?", re.I)
    return pattern.sub(lambda m: b"" if rng.random() < 0.5 else m.group(0), data)


_TABLE_START = re.compile(rb"<table\b", re.I)
_TABLE_END = re.compile(rb"</table\s*>", re.I)


def cut_table(data: bytes, rng: random.Random) -> bytes:
    """Cut one table mid-row: delete from a point inside it to its end (the closing tag
    kept or not); the rest of the document follows."""
    starts = [m.start() for m in _TABLE_START.finditer(data)]
    if not starts:
        return truncate(data, rng)
    start = rng.choice(starts)
    end_match = _TABLE_END.search(data, start)
    end = end_match.start() if end_match else len(data)
    if end - start < 2:
        return data
    cut = rng.randrange(start + 1, end)
    keep_close = rng.random() < 0.5
    resume = end if keep_close or end_match is None else end_match.end()
    return data[:cut] + data[resume:]


_NESTERS = (
    (b"<div>", b"</div>"),
    (b"<table><tr><td>", b"</td></tr></table>"),
    (b"<b><i>", b"</i></b>"),
    (b"<TABLE>", b"</TABLE>"),
    (b"<span style='font-weight:bold'>", b"</span>"),
    (b"<ix:nonFraction name='us-gaap:Assets' contextRef='c1' unitRef='usd'>", b"</ix:nonFraction>"),
)


def nest_tags(data: bytes, rng: random.Random) -> bytes:
    """Wrap a random place in tags nested 10 to 3,000 deep (closed or not)."""
    opener, closer = rng.choice(_NESTERS)
    depth = rng.choice((10, 300, 1000, 3000))
    at = rng.randrange(len(data) + 1)
    inner = b"1,234" if rng.random() < 0.5 else b""
    tail = closer * depth if rng.random() < 0.5 else b""
    return data[:at] + opener * depth + inner + tail + data[at:]


def html_wrap(data: bytes, rng: random.Random) -> bytes:
    """Wrap a text document as HTML (``<pre>`` or bare), so it is read by the HTML reader."""
    if rng.random() < 0.5:
        return b"<html><body><pre>" + data + b"</pre></body></html>"
    return b"<html><body>" + data + b"</body></html>"


# --------------------------------------------------------------------------- numbers

_NUMBER = re.compile(rb"\d[\d,]*(?:\.\d+)?")
_HUGE = (
    b"9" * 400,
    b"1" + b",000" * 120,
    b"1e308",
    b"1E+9999",
    b"(" + b"9" * 60 + b")",
    b"0." + b"0" * 300 + b"1",
    b"-" + b"9" * 40,
    b"NaN",
    b"inf",
    b"\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93",  # full-width digits, UTF-8
    b"1" + b"\xcc\x81" * 50,  # combining marks after a digit
)


def huge_numbers(data: bytes, rng: random.Random) -> bytes:
    """Replace some numbers with huge, tiny, signed, exponent or non-finite spellings."""
    matches = list(_NUMBER.finditer(data))
    if not matches:
        return data + b"\nTotal assets  " + rng.choice(_HUGE) + b"\n"
    chosen = {m.start() for m in rng.sample(matches, min(len(matches), rng.randint(1, 50)))}
    return _NUMBER.sub(
        lambda m: rng.choice(_HUGE) if m.start() in chosen else m.group(0),
        data,
    )


# --------------------------------------------------------------------------- SEC header

_HEADER_LINE = re.compile(
    rb"^([ \t]*(?:FILED AS OF DATE|CONFORMED PERIOD OF REPORT|CENTRAL INDEX KEY|"
    rb"CONFORMED SUBMISSION TYPE|FORM TYPE|COMPANY CONFORMED NAME|"
    rb"STANDARD INDUSTRIAL CLASSIFICATION|FISCAL YEAR END|DATE AS OF CHANGE)"
    rb":[ \t]*)([^\n]*)",
    re.M,
)
_HEADER_VALUES = (
    b"",
    b"00000000",
    b"99999999",
    b"20231345",
    b"19000229",
    b"2023-06-30",
    b"1" * 300,
    b"[" * 20,
    b"\xff\xfe",
    b"-1",
    b"<DOCUMENT>",
    b"A" * 5000,
)
_TAG_LINE = re.compile(rb"^(<(?:TYPE|SEQUENCE|FILENAME|DESCRIPTION)>)([^\n]*)", re.M)


def mangle_header(data: bytes, rng: random.Random) -> bytes:
    """Replace SEC header values and ``<TYPE>``/``<FILENAME>`` lines with bad ones, or
    repeat a header field; with no header, put a broken one in front."""

    def bad(m: re.Match[bytes]) -> bytes:
        if rng.random() < 0.5:
            return m.group(0)
        return m.group(1) + rng.choice(_HEADER_VALUES)

    out = _HEADER_LINE.sub(bad, data)
    out = _TAG_LINE.sub(bad, out)
    if out == data:
        header = b"<SEC-HEADER>\nFILED AS OF DATE: " + rng.choice(_HEADER_VALUES)
        header += b"\nCONFORMED PERIOD OF REPORT: " + rng.choice(_HEADER_VALUES) + b"\n"
        out = header + (b"</SEC-HEADER>\n" if rng.random() < 0.5 else b"") + data
    return out


# --------------------------------------------------------------------------- XBRL

_XBRL_ATTR = re.compile(rb'\b(scale|decimals|precision|unitRef|contextRef|format|sign)="([^"]*)"')
_ATTR_VALUES: dict[bytes, tuple[bytes, ...]] = {
    b"scale": (b"1000000", b"-400", b"99999", b"abc", b"", b"3.5", b"308", b"-308", b"6"),
    b"decimals": (b"INF", b"-99999", b"x", b"", b"99999", b"-6"),
    b"precision": (b"INF", b"0", b"-1", b"x"),
    b"unitRef": (b"missing", b"", b"usd", b"shares", b"U_" + b"x" * 300),
    b"contextRef": (b"missing", b"", b"c-1", b"FY" * 200),
    b"format": (b"ixt:num-dot-decimal", b"ixt:fixed-zero", b"ixt-sec:numwordsen", b"bogus:x", b""),
    b"sign": (b"-", b"+", b"--", b""),
}
_DATE_ELEMENT = re.compile(rb"(<(?:xbrli:)?(?:startDate|endDate|instant)>)([^<]*)(<)")
_DATES = (b"2023-02-30", b"0001-01-01", b"9999-12-31", b"", b"2023", b"not a date", b"-2023-01-01")
_MEASURE = re.compile(rb"(<(?:xbrli:)?measure>)([^<]*)(<)")


def mangle_xbrl(data: bytes, rng: random.Random) -> bytes:
    """Corrupt XBRL metadata: ``scale``, ``decimals``, ``unitRef``, ``contextRef``,
    ``format`` and ``sign`` attributes, context dates and unit measures."""

    def attr(m: re.Match[bytes]) -> bytes:
        if rng.random() < 0.7:
            return m.group(0)
        return m.group(1) + b'="' + rng.choice(_ATTR_VALUES[m.group(1)]) + b'"'

    def element(values: tuple[bytes, ...]) -> Callable[[re.Match[bytes]], bytes]:
        def sub(m: re.Match[bytes]) -> bytes:
            if rng.random() < 0.7:
                return m.group(0)
            return m.group(1) + rng.choice(values) + m.group(3)

        return sub

    out = _XBRL_ATTR.sub(attr, data)
    out = _DATE_ELEMENT.sub(element(_DATES), out)
    return _MEASURE.sub(element((b"iso4217:XXX", b"", b"usd", b"xbrli:pure" * 50)), out)


_JSON_VALUE = re.compile(rb'("(?:val|end|start|fy|fp|filed|form|accn|frame)":)([^,}\]]*)')
_JSON_VALUES = (
    b"null",
    b'"x"',
    b"1e999",
    b"-1e308",
    b"9" * 400,
    b'"2023-02-30"',
    b'"0001-01-01"',
    b"[]",
    b"{}",
    b"true",
    b'"' + b"\\u0000" + b'"',
)


def mangle_json(data: bytes, rng: random.Random) -> bytes:
    """Replace company-facts values (``val``, ``end``, ``fy``, ``form`` ...) with values of
    the wrong type, out of range or non-finite."""

    def sub(m: re.Match[bytes]) -> bytes:
        if rng.random() < 0.8:
            return m.group(0)
        return m.group(1) + rng.choice(_JSON_VALUES)

    return _JSON_VALUE.sub(sub, data)


# --------------------------------------------------------------------------- registry

MUTATORS: dict[str, Mutator] = {
    "truncate": truncate,
    "byte_flip": byte_flip,
    "delete_range": delete_range,
    "duplicate_range": duplicate_range,
    "splice": splice,
    "inject_nul": inject_nul,
    "invalid_utf8": invalid_utf8,
    "control_chars": control_chars,
    "reencode": reencode,
    "line_endings": line_endings,
    "unbalance_tags": unbalance_tags,
    "drop_openers": drop_openers,
    "cut_table": cut_table,
    "nest_tags": nest_tags,
    "html_wrap": html_wrap,
    "huge_numbers": huge_numbers,
    "mangle_header": mangle_header,
    "mangle_xbrl": mangle_xbrl,
    "mangle_json": mangle_json,
}


def mutate(data: bytes, mutator: str, seed: int) -> bytes:
    """``data`` changed by the mutator named ``mutator``, seeded by ``seed`` (deterministic)."""
    return MUTATORS[mutator](data, random.Random(seed))


def stacked(data: bytes, seed: int, *, most: int = 3) -> tuple[list[str], bytes]:
    """One to ``most`` mutators chosen by ``seed`` applied in turn; their names and the result."""
    rng = random.Random(seed)
    names = [rng.choice(sorted(MUTATORS)) for _ in range(rng.randint(1, most))]
    for name in names:
        data = MUTATORS[name](data, rng)
    return names, data


def mutate_random(data: bytes, seed: int) -> tuple[str, bytes]:
    """A mutator chosen by ``seed`` (a stack of several one time in four); its name and result.

    The name joins stacked mutators with ``+``.
    """
    rng = random.Random(seed)
    if rng.random() < 0.25:
        names, out = stacked(data, seed)
        return "+".join(names), out
    name = rng.choice(sorted(MUTATORS))
    return name, mutate(data, name, seed)
