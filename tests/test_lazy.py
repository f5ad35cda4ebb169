"""Work deferred to first use (``risk._lazy``): readers imported per format, regexes
compiled on first use, and the same results as eager imports and compiles."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys

import pytest

import risk
from risk._lazy import lazy_exports, lazy_regex


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


@pytest.mark.slow
def test_plain_text_does_not_import_the_other_readers() -> None:
    """Reading a plain-text filing loads neither lxml nor the HTML, XBRL or company-facts
    readers; their names still import from the packages."""
    code = (
        "import sys\n"
        "from risk.extraction import extract\n"
        "filing = extract(b'ACME CORP\\nTotal assets 1,000\\n', name='t.txt')\n"
        "loaded = [m for m in sys.modules if m.startswith('lxml') or m in (\n"
        "    'risk.extraction._html', 'risk.extraction._xbrl',\n"
        "    'risk.extraction._companyfacts', 'risk.tables._html',\n"
        "    'risk.documents._html', 'risk.statements._xbrl_map')]\n"
        "print(sorted(loaded))\n"
    )
    assert _run(code) == "[]"
    code = (
        "import sys\n"
        "from risk.documents import parse_html\n"
        "from risk.statements import facts_to_periods\n"
        "from risk.tables import read_html_tables\n"
        "print(parse_html.__module__, facts_to_periods.__module__, read_html_tables.__module__)"
    )
    assert _run(code) == "risk.documents._html risk.statements._xbrl_map risk.tables._html"


def test_readers_load_on_demand_and_batch_preloads_them() -> None:
    from risk.batch._engines import PRELOAD
    from risk.extraction import READER_MODULES, load_readers

    assert set(READER_MODULES) <= set(PRELOAD)
    load_readers()
    assert all(m in sys.modules for m in READER_MODULES)


def test_lazy_exports_unknown_name_is_an_attribute_error() -> None:
    namespace = {"__name__": "pkg"}
    getattr_ = lazy_exports(namespace, {"sqrt": "math"})
    with pytest.raises(AttributeError, match="module 'pkg' has no attribute 'cbrt2'"):
        getattr_("cbrt2")
    assert getattr_("sqrt")(9.0) == 3.0
    assert "sqrt" in namespace  # stored: the next lookup is an ordinary one


def test_lazy_regex_behaves_as_the_compiled_pattern() -> None:
    lazy = lazy_regex(r"(?P<n>\d+) (apples|pears)", re.I)
    eager = re.compile(r"(?P<n>\d+) (apples|pears)", re.I)
    text = "3 Apples, 12 pears and 7 plums"
    assert lazy.pattern == eager.pattern
    assert [m.group("n") for m in lazy.finditer(text)] == ["3", "12"]
    assert lazy.sub("x", text) == eager.sub("x", text)
    assert lazy.search("no fruit") is None
    assert lazy.flags == eager.flags and lazy.groups == 2 and lazy.groupindex == {"n": 1}
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.split(text) == eager.split(text)


def test_lazy_regex_compiles_on_first_use_only() -> None:
    bad = lazy_regex(r"(unclosed")  # importing a module with it does not fail ...
    with pytest.raises(re.error):
        bad.search("x")  # ... its first use does, which the next test runs for all


def _lazy_patterns() -> list[tuple[str, str, object]]:
    found = []
    for info in pkgutil.walk_packages(risk.__path__, "risk."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            # a pattern, or a tuple / list of them (``_DATELINE = (lazy_regex(...), ...)``)
            members = value if isinstance(value, tuple | list) else (value,)
            for member in members:
                if type(member).__name__ == "_LazyPattern" and type(member).__module__ == (
                    "risk._lazy"
                ):
                    found.append((info.name, name, member))
    return found


@pytest.mark.slow
def test_every_lazy_regex_of_the_package_compiles() -> None:
    patterns = _lazy_patterns()
    assert patterns, "the package holds lazy patterns"
    for module, name, value in patterns:
        try:
            re.compile(value.pattern, value._flags)  # type: ignore[attr-defined]
        except re.error as exc:  # pragma: no cover - the failure message
            pytest.fail(f"{module}.{name}: {exc}")
