"""The console script's quick exit (``risk.cli.run``): the same output, exit code and
exit handlers as a normal exit."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _script(prelude: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = f"{prelude}\nfrom risk.cli import run\nrun()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_quick_exit_flushes_output_and_runs_exit_handlers() -> None:
    # stdout is a pipe here, so block-buffered: the output is lost unless flushed
    done = _script(
        "import atexit\natexit.register(lambda: print('handler ran'))", "schema", "report"
    )
    assert done.returncode == 0
    assert done.stdout.startswith("{") and done.stdout.splitlines()[-1] == "handler ran"


@pytest.mark.slow
def test_quick_exit_keeps_the_error_exit_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.txt"
    done = _script("", "score", str(missing))
    assert done.returncode == 2
    assert "missing.txt" in done.stderr and "no such file" in done.stderr


@pytest.mark.slow
def test_quick_exit_waits_for_other_threads() -> None:
    """A command that left a thread running exits the usual way, which waits for it."""
    prelude = (
        "import sys, threading, time\n"
        "def late():\n"
        "    while 'risk.cli._schema' not in sys.modules:\n"
        "        time.sleep(0.01)\n"
        "    time.sleep(0.5)\n"
        "    print('thread done', flush=True)\n"
        "threading.Thread(target=late).start()"
    )
    done = _script(prelude, "schema", "report")
    assert done.returncode == 0
    assert "thread done" in done.stdout.splitlines()


@pytest.mark.slow
def test_start_up_settings_collect_less_often_and_skip_pydantic_plugins() -> None:
    """The console script raises the youngest generation's threshold (cycles are still
    collected) and leaves pydantic plugins unloaded unless the environment decides."""
    prelude = (
        "import atexit, gc, os, sys\n"
        "atexit.register(lambda: print(gc.get_threshold()[0], gc.isenabled(),"
        " os.environ.get('PYDANTIC_DISABLE_PLUGINS'), 'importlib.metadata' in sys.modules))"
    )
    done = _script(prelude, "schema", "report")
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "100000 True __all__ False"


def test_plugin_loader_stand_in_finds_no_plugin_and_defers_other_names() -> None:
    from risk.cli._exit import _no_plugin_loader

    loader = _no_plugin_loader()
    assert tuple(loader.get_plugins()) == ()
    saved = sys.modules.pop("pydantic.plugin._loader", None)
    sys.modules["pydantic.plugin._loader"] = loader
    try:
        # a name the stand-in lacks comes from pydantic's own loader, imported then
        assert loader.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"
        assert sys.modules["pydantic.plugin._loader"] is not loader
    finally:
        if saved is not None:
            sys.modules["pydantic.plugin._loader"] = saved


@pytest.mark.slow
def test_a_user_choice_of_pydantic_plugins_is_kept() -> None:
    """PYDANTIC_DISABLE_PLUGINS naming some plugins: pydantic's own loader decides."""
    prelude = (
        "import atexit, os, sys\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = 'someplugin'\n"
        "atexit.register(lambda: print(os.environ['PYDANTIC_DISABLE_PLUGINS'],"
        " '__file__' in vars(sys.modules['pydantic.plugin._loader'])))"
    )
    done = _script(prelude, "schema", "report")
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "someplugin True"  # the real loader
