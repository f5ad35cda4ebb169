"""The rules of distress language, read once from ``rules/<language>.toml``.

The patterns are data (see the header of ``rules/en.toml`` for the format); this
module compiles them and fails loudly, naming the rule, when one is malformed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from risk._lazy import lazy_regex
from risk.financials import FactKind, SignalKind, SignalState
from risk.signals._anchor_table import Anchors, shipped_anchors
from risk.signals._anchors import branch_literals, required_literals, word_pattern
from risk.signals._schema import rules_data
from risk.signals._subject import SubjectRules

__all__ = ["CHECKS", "ContextRules", "FactRule", "Rule", "RuleSet", "load_rules"]

RULES_DIR = Path(__file__).parent / "rules"

#: The context checks a rule may skip (``skip = [...]`` in the rules file).
CHECKS = frozenset(
    {"negation", "hedge", "standard", "safe_harbor", "definition", "other_party", "table"}
)
_SCOPES = frozenset({"sentence", "line"})
_LETTERS = lazy_regex(r"[a-z]+")
#: Patterns are matched on lower-cased text (faster than ``re.IGNORECASE``): see ``_lower``.
_FLAGS = 0


def _spaces_to_whitespace(pattern: str) -> str:
    """Make every plain space of ``pattern`` match any run of whitespace.

    Outside a character class a space becomes ``\\s+`` (``" ?"`` and ``" *"`` become
    ``\\s*``); inside one it becomes ``\\s``.
    An escaped space (``\\ ``) is kept as it is.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        if c == " " and not in_class and pattern[i + 1 : i + 2] in ("?", "*"):
            out.append(r"\s*")  # an optional space: "\$ ?5"
            i += 2
            continue
        if c == " ":
            out.append(r"\s" if in_class else r"\s+")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _lower(pattern: str) -> str:
    """``pattern`` for lower-cased text: letters lower-cased, escapes (``\\S``, ``\\B``,
    ``\\D``) and group names kept as written."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern.startswith("(?P<", i):
            j = pattern.index(">", i)
            out.append(pattern[i : j + 1])
            i = j + 1
        else:
            out.append(c.lower())
            i += 1
    return "".join(out)


def _regex_text(pattern: str, *, lower: bool = True) -> str:
    """The regex a rules-file pattern compiles to (spaces made flexible; lower-cased
    unless ``lower=False``)."""
    source = _spaces_to_whitespace(pattern)
    return _lower(source) if lower else source


def _compile(
    pattern: str, *, where: str, flags: int = _FLAGS, lower: bool = True, text: str | None = None
) -> re.Pattern[str]:
    """Compile a rules-file pattern (:func:`_regex_text`, or ``text`` when it is given)."""
    try:
        return re.compile(_regex_text(pattern, lower=lower) if text is None else text, flags)
    except re.error as exc:
        raise ValueError(f"{where}: invalid regular expression {pattern!r}: {exc}") from exc


def _alternation(patterns: list[str], *, where: str, flags: int = _FLAGS) -> re.Pattern[str]:
    """One regex matching any of ``patterns`` (a never-matching one for an empty list)."""
    if not patterns:
        return re.compile(r"(?!x)x")
    try:
        return _compile("|".join(f"(?:{p})" for p in patterns), where=where, flags=flags)
    except ValueError:
        for p in patterns:  # name the faulty entry, not the combined regex
            _compile(p, where=where, flags=flags)
        raise


@dataclass(frozen=True)
class _Lazy:
    """A rule's regex, compiled on first use.

    A rule is tried only where one of its keywords occurs (``RuleSet.keyword_re``),
    so most documents need few of the rules: compiling all of them up front was the
    largest start-up cost of ``risk score``. A malformed pattern fails on first use,
    naming the file and the rule (and ``tests/test_signals_rules_compile.py`` compiles
    every pattern of the shipped files).
    """

    source: str
    where: str

    @functools.cached_property
    def regex_text(self) -> str:
        """The regex the pattern compiles to (lower-cased, spaces made flexible)."""
        return _regex_text(self.source)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled regex (lower-cased, spaces made flexible, as ``_compile``)."""
        return _compile(self.source, where=self.where, text=self.regex_text)

    @property
    def anchor_key(self) -> tuple[str, int, tuple[str, ...]]:
        """The rule's key in the table of shipped anchors (:mod:`risk.signals._anchor_table`):
        its regex, flags and keywords (avoided as anchors)."""
        return self.regex_text, _FLAGS, tuple(k.lower() for k in getattr(self, "keywords", ()))

    @functools.cached_property
    def _anchors(self) -> Anchors:
        """:func:`required_literals` and :func:`branch_literals` of :attr:`pattern`, the
        keywords avoided: from the table of the shipped rules' anchors, else worked out
        (the table holds what they return; reading it spares parsing the regex and, until
        the regex runs, compiling it)."""
        shipped = shipped_anchors(*self.anchor_key)
        if shipped is not None:
            return shipped
        keywords = self.anchor_key[2]
        return required_literals(self.pattern, keywords), branch_literals(self.pattern, keywords)

    @functools.cached_property
    def _literals(self) -> tuple[str, ...] | None:
        """:func:`required_literals` of :attr:`pattern`, the keywords avoided."""
        return self._anchors[0]

    @functools.cached_property
    def anchor(self) -> re.Pattern[str] | None:
        """A regex of literal strings one of which every match of :attr:`pattern`
        contains (:func:`required_literals`), or None: where it finds nothing, the
        pattern cannot match and need not run."""
        literals = self._literals
        if literals is None:
            return None
        return re.compile("|".join(re.escape(s) for s in literals))

    @functools.cached_property
    def anchor_strings(self) -> tuple[str, ...] | None:
        """The strings of :attr:`anchor`, less those that hold another (absent wherever the
        shorter one is): the anchor matches in a text exactly when one of these is in it,
        which ``str.find`` tells several times faster than the regex (``re`` tries an
        alternation at every position)."""
        literals = self._literals
        if literals is None:
            return None
        return tuple(x for x in literals if not any(y != x and y in x for y in literals))

    @functools.cached_property
    def branch_anchors(self) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
        """:func:`branch_literals` of :attr:`pattern`: per branch of its alternation, the
        sets of strings a match by that branch holds one of each; where no branch has all
        its sets in a text, the pattern cannot match there (a stronger test than
        :attr:`anchor_strings`, which one common word of one branch can defeat)."""
        return self._anchors[1]


@dataclass(frozen=True)
class Rule(_Lazy):
    """One way of saying that a signal holds."""

    id: str
    kind: SignalKind
    keywords: tuple[str, ...]
    scope: str = "sentence"
    skip: frozenset[str] = frozenset()
    reach: tuple[int, int] = (200, 300)
    #: a state the words themselves give ("emerged from bankruptcy": historical)
    state: SignalState | None = None


@dataclass(frozen=True)
class FactRule(_Lazy):
    """One way of stating an amount in prose (the regex has an ``amount`` group)."""

    id: str
    kind: FactKind
    keywords: tuple[str, ...]
    skip: frozenset[str] = frozenset()
    reach: tuple[int, int] = (200, 300)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled regex; it must have a named group ``amount``."""
        pattern = _compile(self.source, where=self.where, text=self.regex_text)
        if "amount" not in pattern.groupindex:
            raise ValueError(f"{self.where}: the pattern needs a named group 'amount'")
        return pattern


#: A check's entries, each compiled alone with the strings one of which its every match
#: holds (None: no such test).
_Entries = tuple[tuple[tuple[str, ...] | None, re.Pattern[str]], ...]


@dataclass(frozen=True)
class ContextRules:
    """Compiled context checks (see ``[context]`` in the rules file)."""

    negation_words: frozenset[str]
    negation_before: re.Pattern[str]
    negation_anywhere: re.Pattern[str]
    double_negation: re.Pattern[str]
    hedge_words: frozenset[str]
    hedge_before: re.Pattern[str]
    hedge_after: re.Pattern[str]
    standard: re.Pattern[str]
    safe_harbor: re.Pattern[str]
    definition: re.Pattern[str]
    defined_term_after: re.Pattern[str]
    #: check name -> substrings of which one must occur for the check to be tried
    hints: dict[str, tuple[str, ...]]
    #: check name -> the source of each of its entries, for those searched entry by
    #: entry (:meth:`found`; compiled on first use, :func:`_branches`)
    entries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the entries of :attr:`entries` compiled (None: search the whole alternation)
    _split: dict[str, _Entries | None] = field(default_factory=dict, compare=False, repr=False)

    def has_word(self, words: frozenset[str], text: str) -> bool:
        """True when one of ``words`` is a word of ``text`` (lower case): one of the
        ``[a-z]+`` runs of ``text`` (one regex search, :func:`_word_search`)."""
        return _word_search(words).search(text) is not None

    def found(self, name: str, text: str) -> bool:
        """True when check ``name`` (a pattern attribute) matches somewhere in ``text``.

        The alternation of a check's entries matches somewhere exactly when one entry
        does, so the entries are searched one by one, each only where one of the strings
        its every match holds is in ``text``: usually none or one entry runs, where the
        alternation would try every entry at every position (a sentence holding "write"
        tried all of ``negation_anywhere`` for its "write-downs" entry alone).
        """
        hints = self.hints.get(name)
        if hints is not None:
            for h in hints:  # a plain loop: cheaper than any() over a generator
                if h in text:
                    break
            else:
                return False
        if name in self._split:
            branches = self._split[name]
        else:
            sources = self.entries.get(name)
            branches = self._split[name] = (
                None if sources is None else _branches(sources, where=f"[context] {name}")
            )
        if branches is None:
            pattern: re.Pattern[str] = getattr(self, name)
            return pattern.search(text) is not None
        for literals, entry in branches:
            if literals is not None:
                for x in literals:
                    if x in text:
                        break
                else:
                    continue  # the entry cannot match in this text
            if entry.search(text) is not None:
                return True
        return False


#: The checks searched entry by entry (:meth:`ContextRules.found`).
_SPLIT_CHECKS = ("negation_anywhere", "standard", "safe_harbor", "definition")


def _branches(patterns: tuple[str, ...], *, where: str) -> _Entries | None:
    """Each entry of a check compiled alone, with the strings one of which its every match
    holds (:func:`required_literals`, less those that hold another), or None when an
    entry has a group: a back-reference would then count groups differently alone than
    in the alternation (:func:`_alternation`), so the whole alternation is searched."""
    out = []
    for p in patterns:
        entry = _compile(p, where=where)
        if entry.groups:
            return None
        literals = required_literals(entry)
        if literals is not None:
            literals = tuple(x for x in literals if not any(y != x and y in x for y in literals))
        out.append((literals, entry))
    return tuple(out)


@functools.lru_cache(maxsize=16)
def _word_search(words: frozenset[str]) -> re.Pattern[str]:
    """A regex finding a word of ``words`` among the ``[a-z]+`` runs of a text (a word
    with other characters is never one of them, so it is left out)."""
    return word_pattern(frozenset(w for w in words if _LETTERS.fullmatch(w)))


@dataclass(frozen=True)
class RuleSet:
    """All rules of one language, with the keyword prefilter built from them."""

    language: str
    rules: tuple[Rule, ...]
    facts: tuple[FactRule, ...]
    context: ContextRules
    subject: SubjectRules
    #: every keyword stem at a word start, as one trie-shaped regex (fast in ``re``);
    #: matched on lower-cased text, ``m.group()`` is the stem
    keyword_re: re.Pattern[str]
    #: stem -> indices into ``rules`` and ``facts``
    keyword_rules: dict[str, tuple[int, ...]]
    keyword_facts: dict[str, tuple[int, ...]]


def _pattern(entry: dict[str, Any], where: str) -> str:
    pattern = entry.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise ValueError(f"{where}: pattern must be a non-empty string; got {pattern!r}")
    return pattern


def _skip(entry: dict[str, Any], where: str) -> frozenset[str]:
    skip = frozenset(entry.get("skip", []))
    unknown = skip - CHECKS
    if unknown:
        raise ValueError(
            f"{where}: unknown checks in skip {sorted(unknown)}; known: {sorted(CHECKS)}"
        )
    return skip


def _reach(entry: dict[str, Any], where: str) -> tuple[int, int]:
    reach = entry.get("reach", [200, 300])
    if (
        not isinstance(reach, list)
        or len(reach) != 2
        or not all(isinstance(r, int) and 0 <= r <= 1000 for r in reach)
    ):
        raise ValueError(f"{where}: reach must be [before, after], ints in 0..1000; got {reach!r}")
    return int(reach[0]), int(reach[1])


def _keywords(entry: dict[str, Any], where: str) -> tuple[str, ...]:
    keywords = tuple(str(k) for k in entry.get("keywords", []))
    if not keywords:
        raise ValueError(f"{where}: keywords must list at least one word stem")
    return keywords


def _stem(keyword: str) -> str:
    """The prefilter stem of a keyword: its first word, lower case (filings wrap lines
    and justify text, so the words of a phrase are not searched together)."""
    stem = keyword.lower().split()[0] if keyword.strip() else ""
    if not stem:
        raise ValueError(f"keywords must not be blank; got {keyword!r}")
    return stem


def _trie(words: list[str]) -> str:
    """A regex matching any of ``words``, shaped as a trie (one branch per letter).

    Python's ``re`` tries a flat alternation of many words at every position; the
    trie shares prefixes and is several times faster. Longer words win.
    """
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(c) + build(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


@functools.cache
def load_rules(language: str = "en") -> RuleSet:
    """Read and compile ``rules/<language>.toml`` (cached: compiled once per process).

    Raises
    ------
    ValueError
        When the language has no rules file, or a rule is malformed (the message
        names the file and the rule).
    """
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise ValueError(f"language must be a 2- or 3-letter code such as 'en'; got {language!r}")
    path = RULES_DIR / f"{language}.toml"
    if not path.is_file():
        raise ValueError(f"no rules for language {language!r}: {path} does not exist")
    data = rules_data(path)

    ctx = data.get("context", {})
    where = f"{path.name} [context]"
    context = ContextRules(
        negation_words=frozenset(str(w).lower() for w in ctx.get("negation_words", [])),
        negation_before=_alternation(ctx.get("negation_before", []), where=where),
        negation_anywhere=_alternation(ctx.get("negation_anywhere", []), where=where),
        double_negation=_alternation(ctx.get("double_negation", []), where=where),
        hedge_words=frozenset(str(w).lower() for w in ctx.get("hedge_words", [])),
        hedge_before=_alternation(ctx.get("hedge_before", []), where=where),
        hedge_after=_alternation(ctx.get("hedge_after", []), where=where),
        standard=_alternation(ctx.get("standard", []), where=where),
        safe_harbor=_alternation(ctx.get("safe_harbor", []), where=where),
        definition=_alternation(ctx.get("definition", []), where=where),
        defined_term_after=_compile(
            ctx.get("defined_term_after", r"(?!x)x"), where=where, lower=False
        ),
        hints={str(k): tuple(str(h).lower() for h in v) for k, v in ctx.get("hints", {}).items()},
        entries={name: tuple(ctx[name]) for name in _SPLIT_CHECKS if ctx.get(name)},
    )

    subject = _subject_rules(data, ctx, path.name)
    rules: list[Rule] = []
    seen: set[str] = set()
    for entry in data.get("rule", []):
        rid = str(entry.get("id", ""))
        where = f"{path.name} rule {rid or '(no id)'}"
        if not rid or rid in seen:
            raise ValueError(f"{where}: every rule needs a unique id")
        seen.add(rid)
        try:
            kind = SignalKind(entry["kind"])
        except (KeyError, ValueError) as exc:
            raise ValueError(
                f"{where}: kind must be a signal kind; got {entry.get('kind')!r}"
            ) from exc
        scope = str(entry.get("scope", "sentence"))
        if scope not in _SCOPES:
            raise ValueError(f"{where}: scope must be one of {sorted(_SCOPES)}; got {scope!r}")
        rules.append(
            Rule(
                id=rid,
                kind=kind,
                keywords=_keywords(entry, where),
                source=_pattern(entry, where),
                where=where,
                scope=scope,
                skip=_skip(entry, where),
                reach=_reach(entry, where),
                state=_state(entry, where),
            )
        )

    facts: list[FactRule] = []
    for entry in data.get("fact", []):
        rid = str(entry.get("id", ""))
        where = f"{path.name} fact {rid or '(no id)'}"
        if not rid or rid in seen:
            raise ValueError(f"{where}: every fact rule needs a unique id")
        seen.add(rid)
        try:
            fkind = FactKind(entry["kind"])
        except (KeyError, ValueError) as exc:
            raise ValueError(
                f"{where}: kind must be a fact kind; got {entry.get('kind')!r}"
            ) from exc
        facts.append(
            FactRule(
                id=rid,
                kind=fkind,
                keywords=_keywords(entry, where),
                source=_pattern(entry, where),
                where=where,
                skip=_skip(entry, where),
                reach=_reach(entry, where),
            )
        )

    by_rule: dict[str, set[int]] = {}
    by_fact: dict[str, set[int]] = {}
    for i, rule in enumerate(rules):
        for k in rule.keywords:
            by_rule.setdefault(_stem(k), set()).add(i)
    for i, fact in enumerate(facts):
        for k in fact.keywords:
            by_fact.setdefault(_stem(k), set()).add(i)
    stems = sorted(set(by_rule) | set(by_fact))
    # a hit on "layoff" also tries the rules of "lay": union over every stem prefix
    keyword_rules = {
        s: tuple(sorted(set().union(*(by_rule.get(p, set()) for p in stems if s.startswith(p)))))
        for s in stems
    }
    keyword_facts = {
        s: tuple(sorted(set().union(*(by_fact.get(p, set()) for p in stems if s.startswith(p)))))
        for s in stems
    }
    keyword_re = re.compile(r"\b" + _trie(stems))
    return RuleSet(
        language=str(data.get("language", language)),
        rules=tuple(rules),
        facts=tuple(facts),
        context=context,
        subject=subject,
        keyword_re=keyword_re,
        keyword_rules=keyword_rules,
        keyword_facts=keyword_facts,
    )


def _state(entry: dict[str, Any], where: str) -> SignalState | None:
    if "state" not in entry:
        return None
    try:
        return SignalState(entry["state"])
    except ValueError as exc:
        raise ValueError(
            f"{where}: state must be one of {[s.value for s in SignalState]}; "
            f"got {entry['state']!r}"
        ) from exc


def _kinds(values: list[Any], where: str) -> frozenset[str]:
    try:
        return frozenset(SignalKind(k).value for k in values)
    except ValueError as exc:
        raise ValueError(f"{where}: unknown signal kind in {values!r}") from exc


def _subject_rules(data: dict[str, Any], ctx: dict[str, Any], name: str) -> SubjectRules:
    """The ``[subject]``, ``[state]`` and ``[contract]`` sections, compiled."""
    sub = data.get("subject", {})
    state = data.get("state", {})
    contract = data.get("contract", {})
    where = f"{name} [subject]"
    return SubjectRules(
        filer=_alternation(ctx.get("filer", []), where=f"{name} [context]"),
        pronouns=frozenset(str(w).lower() for w in sub.get("pronouns", [])),
        subsidiary=_alternation(sub.get("subsidiary", []), where=where),
        other=_alternation(sub.get("other", []), where=where),
        coordination=_compile(sub.get("coordination", r"(?!x)x"), where=where),
        subject_verbs=_compile(sub.get("subject_verbs", r"(?!x)x"), where=where, lower=False),
        name_stop=frozenset(str(w).lower() for w in sub.get("name_stop", [])),
        speaker_suffix=_compile(sub.get("speaker_suffix", r"(?!x)x"), where=where, lower=False),
        filer_required_kinds=_kinds(sub.get("filer_required_kinds", []), where),
        intended=_alternation(state.get("intended", []), where=f"{name} [state]"),
        intended_kinds=_kinds(state.get("intended_kinds", []), f"{name} [state]"),
        historical=_alternation(state.get("historical", []), where=f"{name} [state]"),
        historical_kinds=_kinds(state.get("historical_kinds", []), f"{name} [state]"),
        historical_days=int(state.get("historical_days", 120)),
        date_lead=_compile(state.get("date_lead", r"(?!x)x"), where=f"{name} [state]"),
        contract_types=tuple(str(t).upper() for t in contract.get("types", [])),
        contract_markers=_alternation(contract.get("markers", []), where=f"{name} [contract]"),
        contract_marker_list=tuple(
            _compile(m, where=f"{name} [contract]") for m in contract.get("markers", [])
        ),
    )
