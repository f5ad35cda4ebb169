"""Required literals of a rule's regex: every match contains one of them.

The detector skips a keyword hit when none of the literals lies within the rule's reach,
so a literal that some match lacks would lose a signal. Checked by hand on small
regexes, and on every shipped rule against the matches it finds in the seeds.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import risk.signals._detect as detect
from risk.signals._anchors import branch_literals, literal_prefix, required_literals, word_pattern
from risk.signals._rules import load_rules

RULES = load_rules("en")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bgoing concern\b", ("going concern",)),
        (r"cfo|ceo|chief\s+officer", ("ceo", "cfo", "officer")),  # re factors out the "c"
        # a run of elements matching a few exact strings: their concatenations
        (
            r"(?:filed|files) for chapter (?:7|11)",
            tuple(sorted(f"{v} for chapter {n}" for n in ("7", "11") for v in ("filed", "files"))),
        ),
        (r"not\s+(?:yet\s+)?been\s+(?:delayed|postponed)", ("delayed", "postponed")),
        (r"(?:a|b)xyz", ("axyz", "bxyz")),
        (r"\bdefault\b", ("default",)),
    ],
)
def test_literals_by_hand(pattern: str, expected: tuple[str, ...]) -> None:
    assert required_literals(re.compile(pattern)) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:abc)?def?",  # the longest required literal "de" is too short to test for
        r"abc|\d+",  # a branch with no literal: nothing is required
        r"(?=abcd)\w+",  # a lookahead's text is not part of the match
        r"(?i)abcd",  # case-insensitive: literals do not tell
        r"(?:xyz)*",
    ],
)
def test_no_literals(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) is None


def test_keywords_are_the_last_resort() -> None:
    # "resigned" is at every hit of the keyword "resign": "ceo" tells more
    pattern = re.compile(r"resigned\s+as\s+(?:ceo|cfo)")
    assert required_literals(pattern) == ("resigned",)
    assert required_literals(pattern, ("resign",)) == ("ceo", "cfo")


def test_a_set_every_branch_requires_beats_the_union() -> None:
    # the union of each branch's best set is ceo, cfo, longer; every branch requires
    # ceo or cfo, one string fewer to look for
    pattern = re.compile(
        r"(?:resigned|left)\s+as\s+(?:ceo|cfo)|interim\s+(?:ceo|cfo)|no\s+longer\s+(?:ceo|cfo)"
    )
    assert required_literals(pattern, ("resign", "left", "interim", "no")) == ("ceo", "cfo")
    # a branch without ceo or cfo: the union it is
    pattern = re.compile(r"resigned\s+as\s+(?:ceo|cfo)|no\s+longer\s+serving")
    # (of "longer" and "serving", the longer string)
    assert required_literals(pattern, ("resign", "no")) == ("ceo", "cfo", "serving")


def test_the_shipped_rules_mostly_have_literals() -> None:
    rules = [*RULES.rules, *RULES.facts]
    with_anchor = [r.id for r in rules if r.anchor is not None]
    assert len(with_anchor) >= 0.8 * len(rules)


def test_every_match_in_the_seeds_contains_a_literal(seed_paths: dict[str, Path]) -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace").lower() for p in seed_paths.values()]
    matched = 0
    for rule in [*RULES.rules, *RULES.facts]:
        if rule.anchor is None:
            continue
        for low in texts:
            for m in rule.pattern.finditer(low):
                matched += 1
                assert rule.anchor.search(m.group()), (rule.id, m.group())
    assert matched  # the seeds do hold matches


_WORDS = sorted({w for r in RULES.rules for w in re.findall(r"[a-z]{2,}", r.source.lower())})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_WORDS, " ", ", ", ". ", "'s ", "1", "$5 million "]), max_size=40)
)
def test_every_match_in_random_text_contains_a_literal(pieces: list[str]) -> None:
    low = " ".join(pieces)
    for rule in [*RULES.rules, *RULES.facts]:
        if rule.anchor is None:
            continue
        for m in rule.pattern.finditer(low):
            assert rule.anchor.search(m.group()), (rule.id, m.group())


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bthis\s+agreement", "this"),
        (r"now,?\s+therefore", "now"),
        (r"\bin\s+witness", None),  # "in": too short to be worth a search
        (r"(?:this|that) agreement", None),
    ],
)
def test_literal_prefix_by_hand(pattern: str, expected: str | None) -> None:
    assert literal_prefix(re.compile(pattern)) == expected


_CONTRACT_PIECES = [
    "this ",
    "agreement ",
    "lease ",
    "is made ",
    "now, therefore ",
    "now ",
    "therefore",
]
_CONTRACT_PIECES += [
    "in witness whereof ",
    "the ",
    "(the agreement) ",
    "x",
    " ",
    "\n",
    "is entered ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CONTRACT_PIECES), max_size=60))
def test_agreement_markers_found_as_the_whole_alternation_finds_them(pieces: list[str]) -> None:
    low = "".join(pieces)
    head = low[:200]
    sub = RULES.subject
    expected = sub.contract_markers.search(low, 0, len(head)) is not None
    assert any(detect._occurs(m, low, head) for m in sub.contract_marker_list) == expected


# -- word_pattern: one regex search for "a word of the set" --------------------------

_LETTERS = re.compile(r"[a-z]+")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("it may be so", True),  # "it" alone
        ("its own", True),
        ("itself", True),
        ("item and bits", False),  # inside longer words only
        ("they'd", True),  # a letter run ends at the apostrophe
        ("2their", True),  # a digit is not a letter
        ("", False),
    ],
)
def test_word_pattern_by_hand(text: str, found: bool) -> None:
    pattern = word_pattern(frozenset({"it", "its", "itself", "they", "their"}))
    assert (pattern.search(text) is not None) is found


_WORDS = frozenset({"it", "its", "itself", "they", "their", "them", "no", "not", "none", "if"})


@given(st.text(alphabet="abitshenoryf '-.1\n", max_size=40))
@settings(max_examples=400, deadline=None)
def test_word_pattern_finds_what_the_word_list_finds(text: str) -> None:
    """The same words, at the same places, as splitting the text into letter runs."""
    words = [(m.start(), m.group()) for m in _LETTERS.finditer(text) if m.group() in _WORDS]
    assert [(m.start(), m.group()) for m in word_pattern(_WORDS).finditer(text)] == words


def test_has_word_ignores_words_with_other_characters() -> None:
    # "n't" can never be a run of letters: it is never found, as a word list never holds it
    assert RULES.context.has_word(frozenset({"n't", "no"}), "we don't") is False
    assert RULES.context.has_word(frozenset({"n't", "no"}), "no, we don't") is True


#: every anchor string of the shipped rules, pieces of them, and filler
_ANCHOR_PIECES = sorted(
    {s for r in [*RULES.rules, *RULES.facts] for s in (r.anchor_strings or ())}
    | {s[: len(s) // 2] for r in [*RULES.rules, *RULES.facts] for s in (r.anchor_strings or ())}
    | {" ", "x", "\n", "executive", "cut"}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=60), st.data())
def test_in_reach_finds_what_the_anchor_regex_finds(pieces: list[str], data: st.DataObject) -> None:
    """``_in_reach`` looks for the anchor's strings with ``str.find``: the same answer as
    the anchor regex searched between the reach's ends (the implementation it replaced)."""
    low = "".join(pieces)
    pos = data.draw(st.integers(0, len(low)))
    reach = (data.draw(st.integers(0, 80)), data.draw(st.integers(0, 80)))
    for rule in [*RULES.rules, *RULES.facts]:
        anchor = rule.anchor
        old = anchor is None or anchor.search(low, max(0, pos - reach[0]), pos + reach[1])
        assert detect._in_reach(low, rule.anchor_strings, pos, reach) == bool(old), rule.id


def test_anchor_strings_drop_a_string_holding_another() -> None:
    from risk.financials import SignalKind
    from risk.signals._rules import Rule

    rule = Rule(
        source="(?:executives?|cut) plan",  # a space: any white space
        where="test",
        id="test.rule",
        kind=SignalKind.RESTRUCTURING_CHARGES,
        keywords=("plan",),
    )
    assert rule.anchor is not None
    assert rule.anchor.pattern == "cut|executive|executives"
    # "executive" holds "cut" (exe-cut-ive): wherever it is, so is the shorter string
    assert rule.anchor_strings == ("cut",)


# -- branch_literals: per branch of the alternation, every set it requires -------------


@pytest.mark.parametrize(
    ("pattern", "avoid", "expected"),
    [
        # one branch per top-level alternative; in each, sets ordered longest first
        (
            r"\bemerge\s+from\s+bankruptcy|\bbankruptcy\s+protection",
            (),
            ((("bankruptcy",), ("emerge",), ("from",)), (("bankruptcy",), ("protection",))),
        ),
        # the keyword's set last: it is there at every hit of the keyword
        (
            r"\bemerge\s+from\s+bankruptcy|\bbankruptcy\s+protection",
            ("emerg", "bankruptcy"),
            ((("from",), ("bankruptcy",), ("emerge",)), (("protection",), ("bankruptcy",))),
        ),
        # "confirm" is met wherever "confirmed" or "confirmation" is: only those kept
        (
            r"confirm(?:ed|ation\s+of)\s+plan|zzz\s+top",
            (),
            ((("confirmation", "confirmed"), ("plan",)), (("top",), ("zzz",))),
        ),
        # an alternation alone at the top: ``re`` moved "confirm" into its branches
        (
            r"confirm(?:ed|ation\s+of)\s+plan",
            (),
            ((("confirmed",), ("plan",)), (("confirmation",), ("plan",))),
        ),
        # "executives" holds "executive": dropped from its set
        (
            r"(?:executives?|cfo)\s+left",
            (),
            ((("executive",), ("left",)), (("left",), ("cfo",))),
        ),
        # no alternation: one branch with all its sets
        (r"resigned\s+as\s+chief", (), ((("resigned",), ("chief",)),)),
        # an alternation in the top-level sequence: the sequence is spread over it
        (
            r"resigned\s+as\s+(?:ceo|cfo)",
            (),
            ((("resigned",), ("ceo",)), (("resigned",), ("cfo",))),
        ),
        # a set of two-character strings is too weak to keep; the other set stays
        (r"in\s+default", (), ((("default",),),)),
    ],
)
def test_branch_literals_by_hand(
    pattern: str, avoid: tuple[str, ...], expected: tuple[tuple[tuple[str, ...], ...], ...]
) -> None:
    assert branch_literals(re.compile(pattern), avoid) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"abc\s+def|\d+",  # a branch with no literal: no test can skip a text
        r"(?i)abcd",
        r"ab|cd",  # literals too short
    ],
)
def test_no_branch_literals(pattern: str) -> None:
    assert branch_literals(re.compile(pattern)) is None


def _branch_test(text: str, branches: tuple[tuple[tuple[str, ...], ...], ...] | None) -> bool:
    """The branch test of ``_in_reach`` on the whole of ``text``."""
    return detect._in_reach(text, None, 0, (0, len(text)), branches)


def test_branch_test_rejects_a_branch_with_a_set_missing() -> None:
    rule = next(r for r in RULES.rules if r.id == "bankruptcy.confirmation")
    # "from" alone let every window with "bankruptcy" through the one-set test
    text = "proceeds from the sale; the bankruptcy of a customer"
    assert detect._in_reach(text, rule.anchor_strings, 0, (0, len(text)))
    assert not _branch_test(text, rule.branch_anchors)
    assert rule.pattern.search(text) is None
    text = "the company expects to emerge from bankruptcy"
    assert _branch_test(text, rule.branch_anchors)
    assert rule.pattern.search(text) is not None


_ALL_RULES = [*RULES.rules, *RULES.facts]
_RULE_WORDS = sorted({w for r in _ALL_RULES for w in re.findall(r"[a-z]{2,}", r.source.lower())})


@settings(max_examples=40, deadline=None)
@given(st.data())
@pytest.mark.parametrize("index", range(len(_ALL_RULES)), ids=[r.id for r in _ALL_RULES])
def test_every_match_of_a_rule_passes_its_branch_test(index: int, data: st.DataObject) -> None:
    """Texts holding a match of the rule's regex (drawn from the regex itself, with any
    text around it): the branch test passes on every match, and so on the text."""
    rule = _ALL_RULES[index]
    text = data.draw(st.from_regex(rule.pattern))
    for m in rule.pattern.finditer(text):
        assert _branch_test(m.group(), rule.branch_anchors), (rule.id, m.group())
    if rule.pattern.search(text) is not None:
        assert _branch_test(text, rule.branch_anchors)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_RULE_WORDS, " ", ", ", ". ", "'s ", "1", "$5 million "]), max_size=40
    )
)
def test_every_match_in_random_text_passes_its_branch_test(pieces: list[str]) -> None:
    low = " ".join(pieces)
    for rule in _ALL_RULES:
        for m in rule.pattern.finditer(low):
            assert _branch_test(m.group(), rule.branch_anchors), (rule.id, m.group())


def _one_set_test_only() -> Any:
    """``_in_reach`` without its branch test, for the time of a ``with`` block."""
    in_reach = detect._in_reach

    def one_set(low: str, strings: Any, pos: int, reach: tuple[int, int], _b: Any = None) -> bool:
        return in_reach(low, strings, pos, reach)

    return mock.patch.object(detect, "_in_reach", one_set)


#: phrases of the shipped rules' matches and near misses, to build documents from
_PHRASES = [
    "The Company", "ICS", "its chief executive officer", "the CFO", "resigned as",
    "will resign from his position as", "no longer serves as", "was appointed interim",
    "chief financial officer", "emerged from bankruptcy", "to emerge from Chapter 11",
    "the Bankruptcy Court confirmed the plan", "filed for Chapter 11", "bankruptcy protection",
    "debtor-in-possession", "from", "no", "not", "notes", "restructuring charge of $5 million",
    "going concern", "substantial doubt about its ability to continue as a going concern",
    "received a notice of delisting", "closed below the minimum bid price", "was delisted",
    "did not file its annual report", "late", "waiver of the covenant default", "plan",
    "court", "need additional financing of $2 million", "wrote off goodwill", "laid off",
    "in default under the notes", "forbearance agreement", "on March 3, 2001", "if",
    "could", "and", ", ", ". ", ".\n\n", " ",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=80))
def test_detection_is_the_same_without_the_branch_test(pieces: list[str]) -> None:
    """Signals and prose facts, spans and quotes included, with the branch test and with
    the one-set test alone (the test only skips windows the regex finds nothing in)."""
    text = " ".join(pieces)
    args = {"document": "d.txt", "company": "Innovative Clinical Solutions"}
    detect._LAST_READER.clear()
    with_test = (detect.detect_signals(text, **args), detect.find_facts(text, document="d.txt"))
    with _one_set_test_only():
        detect._LAST_READER.clear()
        without = (detect.detect_signals(text, **args), detect.find_facts(text, document="d.txt"))
    assert with_test == without


def test_detection_on_the_documents_is_the_same_without_the_branch_test(
    seed_paths: dict[str, Path], corpus_dir: Path
) -> None:
    paths = [*seed_paths.values(), *sorted(corpus_dir.glob("*8-K*.txt"))]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]

    def run() -> list[object]:
        out: list[object] = []
        for text in texts:
            detect._LAST_READER.clear()
            out.append(detect.detect_signals(text, document="d.txt", company="Apple Computer"))
            out.append(detect.find_facts(text, document="d.txt"))
        return out

    with_test = run()
    with _one_set_test_only():
        without = run()
    assert any(with_test)
    assert with_test == without
