"""Required words of a rule's regex: a cheap test that the regex cannot match somewhere.

A rule's regex is tried around every hit of its keywords, and most hits ("no", "note",
"required") lead nowhere: the regex, with its optional words and bounded gaps, then
costs tens of microseconds per window for nothing. Every match of the regex contains one
of a few literal strings (``management.leaves_office``: "cfo", "ceo", "financial",
"executive"), found by reading the parsed regex; where none of them occurs in the
window, the regex cannot match there and is not run. The test only ever skips windows
the regex would find nothing in, so what is found does not change.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["branch_literals", "literal_prefix", "may_match", "required_literals", "word_pattern"]

#: A literal shorter than this is too common to be worth testing for.
_MIN_USEFUL = 3
#: At most this many strings are tracked for a run of exact elements.
_MAX_STRINGS = 64


def _parsed(pattern: re.Pattern[str]) -> tuple[list[Any], Any] | None:
    """The items of ``pattern``'s parsed form and ``re``'s opcode constants, or None
    where no literal test can be read from it: a case-insensitive regex (its literals
    match other cases too), another Python's ``re`` layout, or a pattern ``re``'s parser
    refuses. None means no test: the regex runs everywhere."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        return list(_parser.parse(pattern.pattern, pattern.flags)), _constants
    except re.error:
        return None


def required_literals(
    pattern: re.Pattern[str], avoid: tuple[str, ...] = ()
) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` contains at least one, or None when
    the regex's shape does not tell (or no literal is long enough to be worth a test).

    Only what a match consumes counts (never a lookaround, whose text may lie outside
    the match), and a case-insensitive regex gives None. Where a part of the regex
    offers a choice, strings overlapping one of ``avoid`` (the rule's keywords, present
    at every hit by construction, so useless as a test) are the last resort.
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    tree, c = parsed
    found = _sequence(tree, c, avoid)
    if found is None or min(len(s) for s in found) < _MIN_USEFUL:
        return None
    return tuple(sorted(found))


def branch_literals(
    pattern: re.Pattern[str], avoid: tuple[str, ...] = ()
) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """Per branch of the regex's top-level alternation, the sets of strings a match by
    that branch holds one string of each: ``((("court",), ("confirm",), ("plan",)),
    (("emerge",), ("from",)), ...)``. Where no branch has all its sets in a text, the
    regex cannot match there. None when a branch requires no string worth a test.

    A stronger test than :func:`required_literals`, whose one set must serve every
    branch: there a branch whose only literal is a common word ("from" of "emerge
    from") lets almost every text through. A regex with no top-level alternation is
    one branch. Sets are the required sets :func:`required_literals` chooses among
    (a set with a string under three characters left out); in each, a string that
    holds another is dropped (absent wherever the shorter one is), and sets that hold
    one another are kept once (the smaller: wherever it is met, so is the larger).
    ``avoid`` (the keywords, present at every hit) only orders the sets: those
    overlapping a keyword are tested last.
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    items, c = parsed
    # ``re`` moves a prefix common to every branch (``\b``) out of the alternation
    branches = [items]
    for k, (op, arg) in enumerate(items):
        if op is c.BRANCH:
            branches = [items[:k] + list(b) + items[k + 1 :] for b in arg[1]]
            break
    found = []
    for branch in branches:
        sets = {_shortest(s) for s in _options(branch, c, avoid) if min(map(len, s)) >= _MIN_USEFUL}
        # a set is met wherever another is whose every string holds one of it
        # ("confirm" wherever "confirmed" or "confirmation" is): the other tells more
        sets = {s for s in sets if not any(t != s and _implies(t, s) for t in sets)}
        if not sets:
            return None
        found.append(
            tuple(
                sorted(
                    sets,
                    key=lambda s: (
                        any(a in x or x in a for x in s for a in avoid),
                        -min(map(len, s)),
                        s,
                    ),
                )
            )
        )
    return tuple(found)


def _implies(t: tuple[str, ...], s: tuple[str, ...]) -> bool:
    """True when a text holding a string of ``t`` holds one of ``s``: each string of
    ``t`` holds one of ``s``."""
    return all(any(x in y for x in s) for y in t)


def _shortest(strings: frozenset[str]) -> tuple[str, ...]:
    """``strings`` sorted, less those that hold another of them."""
    return tuple(sorted(x for x in strings if not any(y != x and y in x for y in strings)))


def _sequence(
    items: list[tuple[Any, Any]], c: Any, avoid: tuple[str, ...]
) -> frozenset[str] | None:
    """The best required set of a sequence (of :func:`_options`)."""
    options = _options(items, c, avoid)
    if not options:
        return None
    return max(options, key=lambda s: _rank(s, avoid))


def _rank(strings: frozenset[str], avoid: tuple[str, ...]) -> tuple[bool, int, int]:
    """How good a required set is as a test (higher is better): none of the keywords
    first, then the longest shortest string (rarer in text), then the fewest strings
    (each is one more search of the window)."""
    return (
        not any(a in x or x in a for x in strings for a in avoid),
        min(min(len(x) for x in strings), 8),
        -len(strings),
    )


def _options(items: list[tuple[Any, Any]], c: Any, avoid: tuple[str, ...]) -> list[frozenset[str]]:
    """Every required set of a sequence found: any one element's set is required, and a
    run of elements that each match one of a few exact strings ("c" then "eo" or "fo", as
    ``re`` factors ``cfo|ceo``) requires one of their concatenations. Every match of the
    sequence holds one string of each set."""
    options: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    for op, arg in items:
        exact = _exact(op, arg, c)
        if exact is not None:
            joined = frozenset(a + b for a in run for b in exact)
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
        if "" not in run:
            options.append(run)
            if op is c.BRANCH and len(run) == 1:
                # "c(?:fo|eo|hief ...)": the prefix re factored out joins every branch
                prefix = [(c.LITERAL, ord(ch)) for ch in next(iter(run))]
                found = _element(op, (arg[0], [prefix + list(b) for b in arg[1]]), c, avoid)
                if found is not None:
                    options.append(found)
        run = exact if exact is not None else frozenset({""})
        if exact is None:
            found = _element(op, arg, c, avoid)
            if found is not None:
                options.append(found)
    if "" not in run:
        options.append(run)
    return options


def _exact(op: Any, arg: Any, c: Any) -> frozenset[str] | None:
    """Every string the element can match, when they are few (else None)."""
    if op is c.LITERAL:
        return frozenset({chr(arg)})
    if op is c.IN:
        if all(o is c.LITERAL for o, _ in arg) and len(arg) <= _MAX_STRINGS:
            return frozenset(chr(v) for _, v in arg)
        return None
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        return None if add_flags & c.SRE_FLAG_IGNORECASE else _exact_sequence(list(sub), c)
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _exact_sequence(list(branch), c)
            if found is None:
                return None
            union |= found
        return frozenset(union) if len(union) <= _MAX_STRINGS else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = arg
        if high > 1:
            return None
        found = _exact_sequence(list(sub), c)
        if found is None:
            return None
        return found | {""} if low == 0 else found
    return None


def _exact_sequence(items: list[tuple[Any, Any]], c: Any) -> frozenset[str] | None:
    run: frozenset[str] = frozenset({""})
    for op, arg in items:
        exact = _exact(op, arg, c)
        if exact is None:
            return None
        run = frozenset(a + b for a in run for b in exact)
        if len(run) > _MAX_STRINGS:
            return None
    return run


def _element(op: Any, arg: Any, c: Any, avoid: tuple[str, ...]) -> frozenset[str] | None:
    """The required set of one element of a sequence (None: nothing is required)."""
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        if add_flags & c.SRE_FLAG_IGNORECASE:
            return None
        return _sequence(list(sub), c, avoid)
    if op is c.ATOMIC_GROUP:
        return _sequence(list(arg), c, avoid)
    if op is c.BRANCH:
        return _branch(arg[1], c, avoid)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, sub = arg
        return _sequence(list(sub), c, avoid) if low >= 1 else None
    return None  # a class, a category, an anchor, a lookaround, a back-reference


def _branch(branches: list[Any], c: Any, avoid: tuple[str, ...]) -> frozenset[str] | None:
    """The required set of an alternation: the union of each branch's best set, or a set
    every branch requires (one of its sets implies it, :func:`_implies`) when that is a
    better test (:func:`_rank`: ``ceo|cfo|executive|financial``, required by every branch
    of ``management.leaves_office``, in place of the union of eight strings)."""
    per_branch = []
    for branch in branches:
        options = _options(list(branch), c, avoid)
        if not options:
            return None  # a branch that requires nothing: the alternation neither
        per_branch.append(options)
    union = frozenset().union(*(max(o, key=lambda s: _rank(s, avoid)) for o in per_branch))
    common = [
        s
        for s in dict.fromkeys(s for options in per_branch for s in options)
        if all(any(_implies(tuple(t), tuple(s)) for t in options) for options in per_branch)
    ]
    return max([union, *common], key=lambda s: _rank(s, avoid))


def literal_prefix(pattern: re.Pattern[str]) -> str | None:
    """The literal string every match of ``pattern`` starts with (after zero-width
    anchors such as ``\\b``), when it is three characters or more, else None. A search
    can then try the regex only where the string occurs."""
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    tree, c = parsed
    chars: list[str] = []
    for op, arg in tree:
        if op is c.AT and not chars:
            continue
        if op is not c.LITERAL:
            break
        chars.append(chr(arg))
    return "".join(chars) if len(chars) >= _MIN_USEFUL else None


@functools.lru_cache(maxsize=16)
def word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """A regex matching any of ``words`` not glued to a letter ``[a-z]`` either side.

    The same matches as ``(?<![a-z])(?:its|it|...)(?![a-z])`` (longer words first),
    written as one branch per first character with the character first
    (``i(?<![a-z]i)(?:ts|t)``), so ``re`` skips to those characters instead of trying
    the lookbehind at every position. On lower-case text, a search finds a word of
    ``words`` among the words ``[a-z]+`` when there is one (for words of letters only).
    """
    if not words:
        return re.compile(r"(?!x)x")
    ordered = sorted(words, key=len, reverse=True)
    branches = []
    for first in dict.fromkeys(w[0] for w in ordered):
        rests = "|".join(re.escape(w[1:]) for w in ordered if w[0] == first)
        c = re.escape(first)
        branches.append(f"{c}(?<![a-z]{c})(?:{rests})")
    return re.compile("(?:" + "|".join(branches) + ")(?![a-z])")


@functools.lru_cache(maxsize=64)
def _shortest_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (:func:`required_literals`),
    without those that contain another (absent whenever the shorter one is), or None."""
    found = required_literals(pattern)
    if found is None:
        return None
    return tuple(x for x in found if not any(y != x and y in x for y in found))


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when ``pattern`` cannot match in ``text``: none of its required strings is in it
    (a cheap test before a regex that would try every position for nothing)."""
    literals = _shortest_literals(pattern)
    if literals is None:
        return True
    for x in literals:  # a plain loop: cheaper than any() over a generator
        if x in text:
            break
    else:
        return False
    return True
