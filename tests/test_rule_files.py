"""Every rule file shipped in ``risk/`` is read through one loader that forbids unknown keys.

Each test writes a copy of a shipped file with one key misspelt into a temporary folder
and loads it through :func:`risk._rules.load_rule_file` with the file's own model: the
load must fail with one line naming the file, the rule and the key.
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import risk
from risk._rules import load_rule_file
from risk.edgar._forms import _Rules as FormsFile
from risk.exceptions import InputError, RuleFileError
from risk.features._assess import _Catalog
from risk.features._checklist import _Checklist
from risk.features._scores import _PriceIndexFile, _ScoresFile
from risk.model._bands import _BandsFile
from risk.model._signals import _RatiosFile
from risk.policy._rules import _CompanyNames
from risk.scope import ScopeRules
from risk.signals._schema import SignalRulesFile
from risk.statements._derive import _RulesFile as DerivationsFile
from risk.statements._labels import _LabelsFile
from risk.statements._plausible import _Bounds
from risk.statements._xbrl_map import _ConceptMap
from risk.tables._entity import _EntityFile

PACKAGE = Path(risk.__file__).parent

Data = Any


def _rename(node: dict[str, Any], old: str, new: str) -> None:
    """Rename key ``old`` of ``node`` to ``new`` in place, keeping the order."""
    items = [(new if k == old else k, v) for k, v in node.items()]
    node.clear()
    node.update(items)


def _first_with(rules: list[dict[str, Any]], key: str) -> int:
    return next(i for i, r in enumerate(rules) if key in r)


def _labels(d: Data) -> tuple[str, str]:
    i = _first_with(d["rules"], "accumulate")
    _rename(d["rules"][i], "accumulate", "acumulate")
    return f"rules[{i}]", "acumulate"


def _concepts(d: Data) -> tuple[str, str]:
    _rename(d["revenue"], "concepts", "concept")
    return "revenue", "concept"


def _derivations(d: Data) -> tuple[str, str]:
    i = _first_with(d["identities"], "solve_for")
    _rename(d["identities"][i], "solve_for", "solve")
    return f"identities[{i}] (name ", "solve"


def _plausibility(d: Data) -> tuple[str, str]:
    _rename(d, "max_money", "max_mony")
    return "", "max_mony"


def _entities(d: Data) -> tuple[str, str]:
    _rename(d["rules"][0], "pattern", "patern")
    return "rules[0]", "patern"


def _ratios(d: Data) -> tuple[str, str]:
    _rename(d["ratios"]["going_concern_doubt"], "ratio", "ration")
    return "ratios.going_concern_doubt", "ration"


def _bands(d: Data) -> tuple[str, str]:
    _rename(d["bands"][2], "reference_rate", "referencerate")
    return "bands[2] (name 'a')", "referencerate"


def _features(d: Data) -> tuple[str, str]:
    _rename(d["table"]["current_ratio"], "inputs", "input")
    return "table.current_ratio", "input"


def _checklist(d: Data) -> tuple[str, str]:
    _rename(d["indicators"][0], "signals", "signal")
    return f"indicators[0] (id {d['indicators'][0]['id']!r})", "signal"


def _scores(d: Data) -> tuple[str, str]:
    _rename(d["altman_z"], "safe_above", "safe_abov")
    return "altman_z", "safe_abov"


def _merton(d: Data) -> tuple[str, str]:
    _rename(d["merton_naive"], "horizon_years", "horizon")
    return "merton_naive", "horizon"


def _price_index(d: Data) -> tuple[str, str]:
    _rename(d, "base_year", "base")
    return "", "base"


def _names(d: Data) -> tuple[str, str]:
    _rename(d, "trailing", "trailling")
    return "", "trailling"


def _sic(d: Data) -> tuple[str, str]:
    _rename(d["out_of_scope"][1], "reason", "reasons")
    return "out_of_scope[1]", "reasons"


def _forms(d: Data) -> tuple[str, str]:
    _rename(d, "lookback_years", "lookback")
    return "", "lookback"


def _signal_rule(d: Data) -> tuple[str, str]:
    _rename(d["rule"][3], "keywords", "keyword")
    return f"rule[3] (id {d['rule'][3]['id']!r})", "keyword"


def _signal_context(d: Data) -> tuple[str, str]:
    _rename(d["context"], "negation_before", "negation_befor")
    return "context", "negation_befor"


Mutation = Callable[[Data], tuple[str, str]]

CASES: list[tuple[str, type[BaseModel], Mutation]] = [
    ("statements/labels.json", _LabelsFile, _labels),
    ("statements/xbrl_concepts.json", _ConceptMap, _concepts),
    ("statements/derivations.json", DerivationsFile, _derivations),
    ("statements/plausibility.json", _Bounds, _plausibility),
    ("tables/other_entities.json", _EntityFile, _entities),
    ("model/signal_ratios.json", _RatiosFile, _ratios),
    ("model/bands.json", _BandsFile, _bands),
    ("features/features.json", _Catalog, _features),
    ("features/checklist.json", _Checklist, _checklist),
    ("features/scores.json", _ScoresFile, _scores),
    ("features/scores.json", _ScoresFile, _merton),
    ("features/price_index.json", _PriceIndexFile, _price_index),
    ("policy/company_names.json", _CompanyNames, _names),
    ("scope/sic_scope.json", ScopeRules, _sic),
    ("edgar/forms.json", FormsFile, _forms),
    ("signals/rules/en.toml", SignalRulesFile, _signal_rule),
    ("signals/rules/en.toml", SignalRulesFile, _signal_context),
]


def _read(path: Path) -> Data:
    if path.suffix == ".toml":
        with path.open("rb") as fh:
            return tomllib.load(fh)
    return json.loads(path.read_text(encoding="utf-8"))


def _write(data: Data, path: Path) -> None:
    if path.suffix == ".toml":
        path.write_text(_toml(data), encoding="utf-8")
    else:
        path.write_text(json.dumps(data), encoding="utf-8")


def _toml(data: dict[str, Any]) -> str:
    """Enough TOML for the rule files: scalars, lists, tables, arrays of tables."""
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    arrays: list[tuple[str, list[dict[str, Any]]]] = []

    def emit(prefix: str, node: dict[str, Any]) -> None:
        for k, v in node.items():
            if isinstance(v, dict):
                tables.append((f"{prefix}{k}", v))
            elif isinstance(v, list) and v and isinstance(v[0], dict):
                arrays.append((f"{prefix}{k}", v))
            else:
                lines.append(f"{json.dumps(k)} = {json.dumps(v)}")

    emit("", data)
    while tables:
        name, node = tables.pop(0)
        lines.append(f"[{name}]")
        emit(f"{name}.", node)
    for name, entries in arrays:
        for entry in entries:
            lines.append(f"[[{name}]]")
            emit("", entry)
    return "\n".join(lines) + "\n"


#: Tables derived from the rule files, not rules (no one writes them by hand): each is
#: held equal to a fresh build by its own test (tests/test_signals_anchor_table.py).
DERIVED = frozenset({"signals/rules/anchors.json"})


def test_every_rule_file_is_covered() -> None:
    shipped = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.suffix in {".json", ".toml"} and "_artefacts" not in p.parts
    }
    assert shipped >= DERIVED
    assert shipped - DERIVED == {case[0] for case in CASES}


@pytest.mark.parametrize("name, model", [(c[0], c[1]) for c in CASES])
def test_shipped_file_loads(name: str, model: type[BaseModel]) -> None:
    assert load_rule_file(PACKAGE / name, model) is not None


@pytest.mark.parametrize(
    "name, model, mutate", CASES, ids=[f"{c[0]}:{c[2].__name__}" for c in CASES]
)
def test_misspelt_key_fails_loudly(
    tmp_path: Path, name: str, model: type[BaseModel], mutate: Mutation
) -> None:
    data = copy.deepcopy(_read(PACKAGE / name))
    rule, key = mutate(data)
    path = tmp_path / Path(name).name
    _write(data, path)
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path, model)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path.name}: ")
    assert f"unknown key {key!r}" in message
    if rule:
        assert f": {rule}" in message
    assert caught.value.key == key
    assert isinstance(caught.value, InputError)  # and so a ValueError


def test_labels_rule_is_named_by_its_pattern(tmp_path: Path) -> None:
    data = _read(PACKAGE / "statements/labels.json")
    i = _first_with(data["rules"], "accumulate")
    _rename(data["rules"][i], "accumulate", "acumulate")
    path = tmp_path / "labels.json"
    _write(data, path)
    with pytest.raises(RuleFileError, match=r"rules\[\d+\] \(pattern '"):
        load_rule_file(path, _LabelsFile)


def test_labels_bad_pattern_fails_as_the_file_loads(tmp_path: Path) -> None:
    """The label patterns are compiled as ``labels.json`` loads (not on first use): an
    unbalanced parenthesis is one error naming the file, the rule and the key."""
    data = _read(PACKAGE / "statements/labels.json")
    data["rules"][3]["pattern"] = "net (income"
    path = tmp_path / "labels.json"
    _write(data, path)
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path, _LabelsFile)
    message = str(caught.value)
    assert message.startswith("labels.json: rules[3] (pattern 'net (income'): key 'pattern'")
    assert "regular expression" in message
    assert caught.value.key == "pattern"


def test_missing_key_and_bad_value_are_named(tmp_path: Path) -> None:
    path = tmp_path / "bands.json"
    data = _read(PACKAGE / "model/bands.json")
    del data["bands"][0]["reference_rate"]
    _write(data, path)
    with pytest.raises(
        RuleFileError, match=r"bands\[0\] \(name 'aaa'\): missing key 'reference_rate'"
    ):
        load_rule_file(path, _BandsFile)

    data = _read(PACKAGE / "statements/labels.json")
    data["rules"][0]["sign"] = "upside_down"
    path = tmp_path / "labels.json"
    _write(data, path)
    with pytest.raises(RuleFileError, match=r"rules\[0\] .*key 'sign': .*'upside_down'"):
        load_rule_file(path, _LabelsFile)


def test_comments_are_ignored_and_broken_syntax_named(tmp_path: Path) -> None:
    data = _read(PACKAGE / "features/price_index.json")
    data["_anything"] = {"free": "text"}
    path = tmp_path / "price_index.json"
    _write(data, path)
    assert load_rule_file(path, _PriceIndexFile).base_year == 1968

    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"^price_index\.json: not valid JSON"):
        load_rule_file(path, _PriceIndexFile)
    path = tmp_path / "en.toml"
    path.write_text("[rule\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"^en\.toml: not valid TOML"):
        load_rule_file(path, SignalRulesFile)
