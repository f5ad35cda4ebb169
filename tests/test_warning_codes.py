"""Every warning code `risk` emits is a member of ``WarningCode``, and the README lists them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import risk
from risk.financials import FilingWarning, WarningCode
from risk.report import ReportWarning

PACKAGE = Path(risk.__file__).parent
README = PACKAGE.parent / "README.md"
MEMBERS = {c.value for c in WarningCode}


def _sources() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))]


def _code_strings(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants given as a warning's code: ``code="..."`` in a call, and
    ``code = "..."`` (or a tuple ``code, x = "...", ...``) assigned to a name."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if (
                    kw.arg == "code"
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                ):
                    found.append((node.lineno, kw.value.value))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                for name, value in zip(names, values, strict=False):
                    if (
                        isinstance(name, ast.Name)
                        and name.id == "code"
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        found.append((node.lineno, value.value))
    return found


def test_no_code_is_a_free_string() -> None:
    """A code written as a string (``code="..."``) anywhere must be a member; and the
    plain grep of the source agrees with the AST scan."""
    strays = []
    for path, text in _sources():
        if path.name == "_warnings.py":
            continue
        for line, code in _code_strings(ast.parse(text)):
            if code not in MEMBERS:
                strays.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {code!r}")
        for code in re.findall(r"\bcode=\"([^\"]+)\"", text):
            if code not in MEMBERS:
                strays.append(f"{path.relative_to(PACKAGE.parent)}: code={code!r}")
    assert not strays, "warning codes that are not WarningCode members:\n" + "\n".join(strays)


def test_every_member_is_emitted_somewhere() -> None:
    """No dead code: each member is referenced (``WarningCode.X``) outside the enum."""
    used = set()
    for path, text in _sources():
        if path.name != "_warnings.py":
            used.update(re.findall(r"\bWarningCode\.([A-Z_]+)\b", text))
    assert {c.name for c in WarningCode} == used


def test_readme_lists_every_code() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Warning codes", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert sorted(listed) == sorted(MEMBERS)
    assert len(listed) == len(set(listed))


def test_json_holds_the_plain_value() -> None:
    """Members serialise as their string value: the JSON output does not change."""
    w = FilingWarning(code=WarningCode.CHECK_FAILED, message="m")
    assert type(w.code) is str
    assert '"code":"check_failed"' in w.model_dump_json()
    r = ReportWarning(code=WarningCode.STALE_SIGNALS, message="m")
    assert r.model_dump(mode="json")["code"] == "stale_signals"


def test_the_scan_finds_codes() -> None:
    tree = ast.parse('f(code="a")\ncode, verb = "b", "c"\ng(code=x)\n')
    assert [c for _, c in sorted(_code_strings(tree))] == ["a", "b"]
