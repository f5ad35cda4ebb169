"""The batch's scoring phase on the engines: many companies per task, each error kept apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_batch_helpers import crash_on_chunks, labelled_extract

import risk.batch._run as batch_run
from risk.batch import read_rows, run_batch


@pytest.fixture
def mixed(tmp_path: Path, seed_paths: dict[str, Path], corpus_dir: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths.values():
        shutil.copy(path, folder / path.name)
    for name in (
        "entrada-networks_8-K_2001-04-26.txt",
        "home-health-corp-of-america_8-K_1998-03-27.txt",
        "innovative-clinical-solutions_8-K_2000-05-23.txt",
        "innovative-clinical-solutions_8-K_2000-06-12.txt",
    ):
        shutil.copy(corpus_dir / name, folder / name)
    return folder


def _files(summary: object) -> tuple[bytes, bytes]:
    return summary.out.read_bytes(), summary.errors.read_bytes()  # type: ignore[attr-defined]


def test_scoring_on_dask_writes_the_same_files_as_local(mixed: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    kw = {"extractor": labelled_extract, "as_of": "each"}
    local = run_batch([str(mixed)], tmp_path / "local.csv", jobs=2, **kw)  # type: ignore[arg-type]
    with distributed.LocalCluster(
        n_workers=1, processes=False, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        dask = run_batch(
            [str(mixed)],
            tmp_path / "dask.csv",
            engine="dask",
            scheduler=cluster.scheduler_address,
            **kw,  # type: ignore[arg-type]
        )
    assert _files(dask) == _files(local)
    # FiberCore as of its 3 dated releases, ICS as of its 2 8-Ks, Entrada, Home Health.
    assert len(list(read_rows(local.out))) == 7


@pytest.mark.slow
def test_a_failed_scoring_task_is_scored_again_one_company_per_task(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task of several companies that kills its worker does not fail them all: each is
    scored again alone, and only the one that kills its worker alone gets error rows."""
    kw = {"extractor": labelled_extract, "as_of": "each", "jobs": 2}
    reference = run_batch([str(mixed)], tmp_path / "ref.jsonl", **kw)  # type: ignore[arg-type]
    monkeypatch.setattr(batch_run, "COMPANIES_PER_TASK", 2)
    monkeypatch.setattr(batch_run, "score_groups", crash_on_chunks)
    again = run_batch([str(mixed)], tmp_path / "again.jsonl", **kw)  # type: ignore[arg-type]
    expected = [r for r in read_rows(reference.out) if r["group"] != "cik:1000695"]
    assert len(expected) == 6
    assert list(read_rows(again.out)) == expected
    errors = list(read_rows(again.errors))
    assert [(Path(e["path"]).name, e["stage"]) for e in errors] == [
        ("entrada-networks_8-K_2001-04-26.txt", "score")
    ]
    assert "exit code 7" in errors[0]["reason"]
    assert again.line() == "8 inputs = 7 scored + 1 failed"


def _descendants(pid: int) -> list[str]:
    """Command lines of the processes below ``pid`` (Linux ``/proc``)."""
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            parent[int(entry.name)] = int(stat[1])
    tree, grew = {pid}, True
    while grew:
        grew = False
        for child, ppid in parent.items():
            if ppid in tree and child not in tree:
                tree.add(child)
                grew = True
    out = []
    for child in tree - {pid}:
        try:
            out.append((Path("/proc") / str(child) / "cmdline").read_bytes().decode())
        except OSError:
            continue
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_batch_workers_and_their_fork_server_are_waited_for(
    seed_paths: dict[str, Path], tmp_path: Path
) -> None:
    """After a batch (and ``shutdown_local``, as ``risk batch`` calls), no worker is left."""
    import os

    from risk.batch import shutdown_local

    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths.values():
        shutil.copy(path, folder / path.name)
    run_batch([str(folder)], tmp_path / "out.csv", jobs=2, extractor=labelled_extract)
    shutdown_local()
    left = [c for c in _descendants(os.getpid()) if "forkserver" in c or "spawn_main" in c]
    assert left == []
