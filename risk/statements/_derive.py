"""Derived line items and the identities that check them, one period at a time.

The identities are data (``derivations.json`` beside this module): ``total_assets =
total_liabilities + temporary_equity? + minority_interest? + stockholders_equity`` and the
like. For a period that lacks a line item an identity can solve for, the value is
derived from the others and marked ``derived`` in its provenance, with the formula and
its inputs; a printed or tagged value is never replaced. Every identity is also a check:
when it does not hold within rounding, a derived value in it is dropped and printed ones
are kept with a ``check_failed`` warning that says by how much.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from pydantic import Field, field_validator

from risk._defaults import new_dict, new_list
from risk._lazy import lazy_regex
from risk._rules import RuleModel, load_rule_file
from risk.financials import FilingWarning, LineItem, PeriodValues, Provenance, Source, WarningCode

__all__ = [
    "Identity",
    "Term",
    "derive_period",
    "identities",
    "rounding_unit",
    "where",
]

_RULES_FILE = Path(__file__).with_name("derivations.json")
_TERM = lazy_regex(r"^\s*([+-])?\s*([a-z_]+)(\?)?\s*$")
_MAX_UNIT = 1e6  # a figure is never rounded more coarsely than to millions here


class _IdentitySpec(RuleModel):
    """One identity as written in ``derivations.json``."""

    name: str
    equation: str
    solve_for: list[LineItem] = Field(default_factory=new_list)
    only_if_label: dict[LineItem, str] = Field(default_factory=new_dict)
    unless_label: dict[LineItem, str] = Field(default_factory=new_dict)
    checked_in_table: bool = False


class _RulesFile(RuleModel):
    non_negative: list[LineItem] = Field(default_factory=new_list)
    identities: list[_IdentitySpec]

    @field_validator("identities")
    @classmethod
    def _not_empty(cls, value: list[_IdentitySpec]) -> list[_IdentitySpec]:
        if not value:
            raise ValueError("identities must not be empty")
        return value


@dataclass(frozen=True)
class Term:
    """One term of an identity's right-hand side: ``sign * item``."""

    item: LineItem
    sign: int
    optional: bool = False


@dataclass(frozen=True)
class Identity:
    """``total = sum(sign * term)``, with the items it may derive and when it applies."""

    name: str
    total: LineItem
    terms: tuple[Term, ...]
    solve_for: tuple[LineItem, ...]
    only_if_label: tuple[tuple[LineItem, re.Pattern[str]], ...] = ()
    unless_label: tuple[tuple[LineItem, re.Pattern[str]], ...] = ()
    checked_in_table: bool = False

    items: tuple[LineItem, ...] = ()
    needs: frozenset[LineItem] = frozenset()

    def __post_init__(self) -> None:
        # the total then every term; and the items that must be reported (not optional)
        object.__setattr__(self, "items", (self.total, *(t.item for t in self.terms)))
        required = {self.total, *(t.item for t in self.terms if not t.optional)}
        object.__setattr__(self, "needs", frozenset(required))

    def required(self, item: LineItem) -> bool:
        """Whether ``item`` must be reported for the identity to say anything."""
        return item in self.needs

    def applies(self, provenance: dict[LineItem, Provenance]) -> bool:
        """Whether the label conditions hold (an item without a label fails ``only_if``)."""
        for item, pattern in self.only_if_label:
            label = provenance[item].label if item in provenance else None
            if not label or not pattern.search(label):
                return False
        for item, pattern in self.unless_label:
            label = provenance[item].label if item in provenance else None
            if label and pattern.search(label):
                return False
        return True


def _parse(spec: _IdentitySpec) -> Identity:
    where = f"{_RULES_FILE.name}, identity {spec.name!r}"
    left, sep, right = spec.equation.partition("=")
    if not sep:
        raise ValueError(f"{where}: equation must read 'total = a + b - c'; got {spec.equation!r}")
    total = LineItem(left.strip())
    pieces = re.findall(r"[+-]?\s*[a-z_]+\??", right)
    terms: list[Term] = []
    for piece in pieces:
        match = _TERM.match(piece)
        if match is None:
            raise ValueError(f"{where}: cannot read the term {piece!r}")
        sign, name, optional = match.groups()
        terms.append(Term(LineItem(name), -1 if sign == "-" else 1, optional == "?"))
    if not terms:
        raise ValueError(f"{where}: the equation has no terms; got {spec.equation!r}")
    identity = Identity(
        name=spec.name,
        total=total,
        terms=tuple(terms),
        solve_for=tuple(spec.solve_for),
        only_if_label=tuple((k, re.compile(v, re.I)) for k, v in spec.only_if_label.items()),
        unless_label=tuple((k, re.compile(v, re.I)) for k, v in spec.unless_label.items()),
        checked_in_table=spec.checked_in_table,
    )
    for item in identity.solve_for:
        if not identity.required(item):
            raise ValueError(f"{where}: solve_for {item.value!r} is not a required term")
    return identity


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[Identity, ...], frozenset[LineItem]]:
    data = load_rule_file(_RULES_FILE, _RulesFile)
    return tuple(_parse(s) for s in data.identities), frozenset(data.non_negative)


def identities() -> tuple[Identity, ...]:
    """The identities of ``derivations.json``, in order (cached)."""
    return _rules()[0]


def rounding_unit(value: float, provenance: Provenance | None) -> float:
    """How coarsely a reported figure may be rounded: its scale, else what its digits show.

    A table's figure carries its scale (1000.0 for "in thousands"), a tagged one its
    XBRL ``decimals`` (-6 for millions); any other figure is taken as rounded to the
    largest power of ten (up to a million) dividing it.
    """
    if provenance is not None and provenance.scale:
        return abs(provenance.scale)
    if provenance is not None and provenance.decimals is not None:
        return float(10.0**-provenance.decimals)
    unit = 1.0
    while (
        unit < _MAX_UNIT
        and value != 0
        and math.isclose(round(value / (unit * 10)) * unit * 10, value, rel_tol=0, abs_tol=1e-6)
    ):
        unit *= 10
    return unit


def where(item: LineItem, provenance: Provenance | None) -> str:
    """A short note of where a value stands: ``"Total liabilities", EX-99.1 line 42``."""
    if provenance is None:
        return item.value
    if provenance.source is Source.DERIVED:
        return f"derived as {provenance.formula}" if provenance.formula else "derived"
    bits = [f'"{provenance.label}"' if provenance.label else item.value]
    if provenance.document_type:
        bits.append(provenance.document_type)
    if provenance.line is not None:
        bits.append(f"line {provenance.line}")
    return ", ".join(bits)


#: A linear combination of printed line items: item -> coefficient.
_Expr = dict[LineItem, int]


@dataclass
class _Period:
    """The values of one period while identities are applied (mutable)."""

    pv: PeriodValues
    values: dict[LineItem, float]
    provenance: dict[LineItem, Provenance]
    document: str
    derived_by: dict[LineItem, Identity] = field(default_factory=dict)
    expr: dict[LineItem, _Expr] = field(default_factory=dict)
    blocked: set[LineItem] = field(default_factory=set)
    checked: set[frozenset[tuple[LineItem, int]]] = field(default_factory=set)
    warnings: list[FilingWarning] = field(default_factory=list)

    def label(self) -> str:
        return f"{self.pv.end} ({self.pv.months}m)" if self.pv.months else str(self.pv.end)

    def warn(self, message: str) -> None:
        self.warnings.append(
            FilingWarning(code=WarningCode.CHECK_FAILED, message=message, document=self.document)
        )

    def expression(self, item: LineItem) -> _Expr:
        """``item`` as a combination of printed items (itself when printed)."""
        return self.expr.get(item, {item: 1})


def _solve(
    identity: Identity, target: LineItem, p: _Period
) -> tuple[float, list[tuple[int, LineItem]]]:
    """The value of ``target`` from the other items of ``identity`` and the signed parts."""
    present = [t for t in identity.terms if t.item in p.values]
    if target is identity.total:
        parts = [(t.sign, t.item) for t in present]
    else:
        sign = next(t.sign for t in identity.terms if t.item is target)
        # total = sign * target + sum(others)  =>  target = sign * (total - sum(others))
        others = [t for t in present if t.item is not target]
        parts = [(sign, identity.total), *((-sign * t.sign, t.item) for t in others)]
    return sum(sign * p.values[item] for sign, item in parts), parts


def _formula(parts: list[tuple[int, LineItem]]) -> str:
    text = ""
    for sign, item in parts:
        if not text:
            text = item.value if sign > 0 else f"-{item.value}"
        else:
            text += f" {'+' if sign > 0 else '-'} {item.value}"
    return text


def _solvable(identity: Identity, target: LineItem, p: _Period) -> bool:
    if target in p.values or target in p.blocked:
        return False
    missing = identity.needs.difference(p.values)
    return missing <= {target} and identity.applies(p.provenance)


def _tolerance(items: list[LineItem], p: _Period) -> float:
    """Half a rounding unit per printed figure among ``items``, at least one currency unit."""
    printed = dict.fromkeys(i for i in items if i in p.values and i not in p.derived_by)
    units = [rounding_unit(p.values[i], p.provenance.get(i)) for i in printed]
    return max(1.0, 0.5 * sum(units))


def _expand(parts: list[tuple[int, LineItem]], p: _Period) -> _Expr:
    """A signed sum of items written out in printed items."""
    expr: _Expr = {}
    for sign, item in parts:
        for printed, coef in p.expression(item).items():
            expr[printed] = expr.get(printed, 0) + sign * coef
    return {k: c for k, c in expr.items() if c}


def _candidates(
    target: LineItem, p: _Period
) -> list[tuple[Identity, float, list[tuple[int, LineItem]], _Expr]]:
    """Every way the identities give ``target`` now, those from printed inputs first."""
    found = []
    for identity in _solving(target):
        if _solvable(identity, target, p):
            value, parts = _solve(identity, target, p)
            found.append((identity, value, parts, _expand(parts, p)))
    found.sort(key=lambda c: sum(item in p.derived_by for _s, item in c[2]))
    return found


@cache
def _solving(target: LineItem) -> tuple[Identity, ...]:
    """The identities that may derive ``target``, in file order."""
    return tuple(i for i in identities() if target in i.solve_for)


@lru_cache(maxsize=1)
def _targets() -> tuple[LineItem, ...]:
    """Every item some identity may derive, in file order."""
    return tuple(dict.fromkeys(t for identity in identities() for t in identity.solve_for))


def _derive_pass(p: _Period, non_negative: frozenset[LineItem]) -> bool:
    """Derive every item an identity can solve for now; True when something was added."""
    added = False
    for target in _targets():
        if target in p.values or target in p.blocked:
            continue
        found = _candidates(target, p)
        if not found:
            continue
        first, value, parts, expr = found[0]
        differ = [c for c in found[1:] if abs(c[1] - value) > _tolerance([*expr, *c[3]], p)]
        if differ:
            p.blocked.add(target)
            shown = "; ".join(
                f"{_formula(c_parts)} = {v:,.0f}" for _i, v, c_parts, _e in [found[0], *differ]
            )
            p.warn(
                f"{target.value} for {p.label()} is not derived: the identities give different "
                f"values ({shown})"
            )
            continue
        if target in non_negative and value < 0:
            p.blocked.add(target)
            p.warn(
                f"{target.value} for {p.label()} is not derived: {_formula(parts)} gives "
                f"{value:,.0f}, a negative balance (the inputs disagree)"
            )
            continue
        p.values[target] = value + 0.0
        p.provenance[target] = _derived_provenance(p, parts, value)
        p.derived_by[target] = first
        p.expr[target] = expr
        added = True
    return added


def _derived_provenance(p: _Period, parts: list[tuple[int, LineItem]], value: float) -> Provenance:
    inputs = [item for _sign, item in parts]
    sources = [p.provenance.get(i) for i in inputs]
    filed = [s.filed for s in sources if s is not None and s.filed is not None]
    doc_types = {s.document_type for s in sources if s is not None and s.document_type}
    numbers = _formula(parts)
    for item in sorted(set(inputs), key=lambda i: -len(i.value)):
        numbers = re.sub(rf"\b{item.value}\b", f"{p.values[item]:,.0f}", numbers)
    return Provenance(
        document=p.document,
        source=Source.DERIVED,
        document_type=doc_types.pop() if len(doc_types) == 1 else None,
        filed=max(filed) if filed and len(filed) == len(sources) else None,
        note=f"{numbers} = {value:,.0f}",
        formula=_formula(parts),
        inputs=tuple(inputs),
    )


def _residual(identity: Identity, p: _Period) -> frozenset[tuple[LineItem, int]]:
    """``total - sum(terms)`` in printed items, signed so that the first item counts +1."""
    expr: _Expr = dict(p.expression(identity.total))
    for term in identity.terms:
        if term.item in p.values:
            for printed, coef in p.expression(term.item).items():
                expr[printed] = expr.get(printed, 0) - term.sign * coef
    kept = sorted((k, c) for k, c in expr.items() if c)
    if kept and kept[0][1] < 0:
        kept = [(k, -c) for k, c in kept]
    return frozenset(kept)


def _same_figure(items: list[LineItem], p: _Period) -> bool:
    """Two of ``items`` are one reported figure (a fallback concept read twice)."""
    seen: set[tuple[str | None, str | None, str | None, int | None]] = set()
    for item in items:
        prov = p.provenance.get(item)
        if prov is None or not prov.label:
            continue
        key = (prov.document_type, prov.label, prov.raw, prov.line)
        if key in seen:
            return True
        seen.add(key)
    return False


def _one_table(items: list[LineItem], p: _Period) -> bool:
    """Every one of ``items`` read from the tables of one part."""
    provs = [p.provenance.get(i) for i in items]
    if any(x is None or x.source is not Source.TABLE for x in provs):
        return False
    return len({(x.document, x.document_type) for x in provs if x is not None}) == 1


def _check(identity: Identity, p: _Period) -> list[LineItem]:
    """Check one identity; the derived items in it to drop when it fails."""
    if not identity.needs.issubset(p.values):
        return []
    if not identity.applies(p.provenance):
        return []
    residual = _residual(identity, p)
    printed = [item for item, _coef in sorted(residual)]
    if not residual or _same_figure(printed, p):
        return []
    present = [t for t in identity.terms if t.item in p.values]
    total = p.values[identity.total]
    rhs = sum(t.sign * p.values[t.item] for t in present)
    diff = total - rhs
    if abs(diff) <= _tolerance(printed, p):
        return []
    derived = [i for i in identity.items if i in p.derived_by]
    if residual in p.checked:
        return derived
    p.checked.add(residual)
    if not derived and identity.checked_in_table and _one_table(printed, p):
        return []
    p.warn(_failure(identity, p, present, diff, derived))
    return derived


def _failure(
    identity: Identity, p: _Period, present: list[Term], diff: float, derived: list[LineItem]
) -> str:
    total = p.values[identity.total]
    rhs = total - diff
    terms = " ".join(
        f"{'+' if t.sign > 0 else '-'} {t.item.value} {p.values[t.item]:,.0f} "
        f"({where(t.item, p.provenance.get(t.item))})"
        for t in present
    ).lstrip("+ ")
    pct = f", {abs(diff) / abs(total):.1%}" if total else ""
    text = (
        f"{identity.name} does not hold for {p.label()}: {identity.total.value} {total:,.0f} "
        f"({where(identity.total, p.provenance.get(identity.total))}) but {terms} = "
        f"{rhs:,.0f}; they differ by {abs(diff):,.0f}{pct}"
    )
    same = [
        t.item.value
        for t in present
        if t.optional and math.isclose(abs(p.values[t.item]), abs(diff), rel_tol=1e-9)
    ]
    if same:
        text += f" (the amount of {same[0]}: it may be counted in another line already)"
    if derived:
        return text + f"; the derived {', '.join(i.value for i in derived)} is not used"
    return text + "; the printed values are kept"


def _drop(p: _Period, items: list[LineItem]) -> None:
    """Remove derived ``items`` and every derived value computed from them."""
    pending = list(items)
    while pending:
        item = pending.pop()
        if item not in p.derived_by:
            continue
        del p.values[item], p.provenance[item], p.derived_by[item]
        p.expr.pop(item, None)
        p.blocked.add(item)
        pending.extend(
            other
            for other, prov in p.provenance.items()
            if other in p.derived_by and item in prov.inputs
        )


def derive_period(pv: PeriodValues, *, document: str) -> tuple[PeriodValues, list[FilingWarning]]:
    """Derive the line items a period lacks and check the identities that hold between them.

    Parameters
    ----------
    pv : PeriodValues
        One period of one document, as read (printed or tagged values).
    document : str
        The document name, for the derived values' provenance and the warnings.

    Returns
    -------
    PeriodValues
        ``pv`` with the derived items added (``Source.DERIVED`` provenance with
        ``formula`` and ``inputs``); printed values unchanged.
    list of FilingWarning
        ``check_failed`` for every identity that does not hold within rounding (naming
        each term and where it stands, and by how much; once per combination of printed
        values), and for an item left underived because two identities give different
        values or the result is a negative balance.
    """
    rules, non_negative = _rules()
    p = _Period(pv, dict(pv.values), dict(pv.provenance), document)
    for _ in range(len(rules) + 1):
        if not _derive_pass(p, non_negative):
            break
    checkable = [i for i in rules if i.needs.issubset(p.values)]
    if p.derived_by:  # all-printed identities first: a failure is told in printed terms
        checkable.sort(key=lambda i: sum(x in p.derived_by for x in i.items))
    for identity in checkable:
        _drop(p, _check(identity, p))
    if not p.derived_by:
        return pv, p.warnings
    return (
        PeriodValues(
            end=pv.end,
            months=pv.months,
            values=p.values,
            provenance=p.provenance,
            estimate=pv.estimate,
        ),
        p.warnings,
    )
