"""The fast scorer gives the rows of the report-grade scorer (issue 8's throughput work).

``risk batch`` scores with :func:`risk.batch.fast_fields` (many companies per
task, only the output fields) unless ``--scorer report`` asks for
:func:`risk.report.score` per company. The two are compared here field by field
on every seed and corpus document, as of each filing date, so that any
difference in the timeline, the frame, the annualising, the choice of the scored
year, the published scores, the signal window or the band shows.

Probabilities are compared to 1e-12 (relative), everything else exactly: the
model multiplies a matrix of rows by its coefficients with BLAS, whose kernels
round the last bit differently by the row's place in the matrix (blocks of four
rows, then a remainder), so a company's probability already moves in the 16th
digit with how many rows its frame has. The report scores one company's rows, the
fast scorer the rows of many companies; the figures are the same up to that.
"""

from __future__ import annotations

import math
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_batch_helpers import crash_on_chunks, labelled_extract

import risk.batch._run as batch_run
from risk.batch import (
    CompanyScore,
    DocumentOutcome,
    ScoreFields,
    Unit,
    as_score_fields,
    fast_fields,
    read_rows,
    run_batch,
    score_many,
)
from risk.extraction import extract_all
from risk.financials import Filing
from risk.report import score

REL = 1e-12
_FLOAT_FIELDS = ("probability", "adjusted_probability")


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=REL, abs_tol=0.0)


def _same_fields(fast: ScoreFields, report: ScoreFields) -> list[str]:
    """The names of the fields that differ (probabilities to 1e-12 relative)."""
    differ = []
    for name in ("status", "entity", "cik", "as_of", "band", "scores"):
        if getattr(fast, name) != getattr(report, name):
            differ.append(name)
    for name in _FLOAT_FIELDS:
        if not _close(getattr(fast, name), getattr(report, name)):
            differ.append(name)
    return differ


def _same_rows(fast: CompanyScore, report: CompanyScore) -> list[str]:
    differ = []
    for name in ("group", "entity", "cik", "as_of", "band", "status", "scores", "documents"):
        if getattr(fast, name) != getattr(report, name):
            differ.append(name)
    for name in ("sha256", "note"):
        if getattr(fast, name) != getattr(report, name):
            differ.append(name)
    for name in _FLOAT_FIELDS:
        if not _close(getattr(fast, name), getattr(report, name)):
            differ.append(name)
    return differ


@pytest.fixture(scope="module")
def documents(seed_paths: dict[str, Path], corpus_dir: Path) -> list[Path]:
    return [*sorted(seed_paths.values()), *sorted(corpus_dir.iterdir())]


@pytest.fixture(scope="module")
def filings_by_doc(documents: list[Path]) -> dict[str, list[Filing]]:
    return {p.name: extract_all(p) for p in documents}


def test_fast_rows_equal_report_rows_on_seeds_and_corpus(
    documents: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Both scorers on the same ledger (read once), as of every filing date."""
    folder = tmp_path_factory.mktemp("docs")
    for path in documents:
        shutil.copy(path, folder / path.name)
    ledger = folder.parent / "ledger.sqlite"
    results = {}
    for scorer in ("report", "fast"):
        items = list(score_many([str(folder)], jobs=2, as_of="each", ledger=ledger, scorer=scorer))
        results[scorer] = (
            [i for i in items if isinstance(i, CompanyScore)],
            sorted(
                (i.path, i.stage, i.reason)
                for i in items
                if isinstance(i, DocumentOutcome) and not i.ok
            ),
        )
    report_rows, report_errors = results["report"]
    fast_rows, fast_errors = results["fast"]
    assert fast_errors == report_errors
    assert [(r.group, r.as_of) for r in fast_rows] == [(r.group, r.as_of) for r in report_rows]
    differences = {
        (r.group, r.as_of): _same_rows(f, r)
        for f, r in zip(fast_rows, report_rows, strict=True)
        if _same_rows(f, r)
    }
    assert differences == {}
    # The comparison covers scored and unscored rows, adjusted probabilities and
    # companies with many filings (the company-facts files, Apple's 10-K and 10-Qs).
    statuses = {r.status for r in report_rows}
    # in_bankruptcy: Innovative Clinical Solutions' 8-K of 2000-08-28 (Item 3, its petition)
    assert statuses == {"scored", "insufficient_data", "in_bankruptcy"}
    assert any(
        r.adjusted_probability is not None and r.adjusted_probability != r.probability
        for r in report_rows
    )
    assert max(r.n_documents for r in report_rows) >= 4
    assert len(report_rows) >= 40


def _units(filings_by_doc: dict[str, list[Filing]]) -> list[Unit]:
    """Units the batch makes and some it does not: between dates, long after, undated."""
    seeds = [f for name, fs in sorted(filings_by_doc.items()) if name[:3].isdigit() for f in fs]
    units = [Unit(seeds, None)]
    for when in sorted({f.filed for f in seeds if f.filed is not None}):
        units.append(Unit(seeds, when))
        units.append(Unit(seeds, when + timedelta(days=3)))
    units.append(Unit(seeds, date(2009, 1, 1)))  # years after the last filing: too old
    for _, fs in sorted(filings_by_doc.items()):
        dated = sorted({f.filed for f in fs if f.filed is not None})
        units.append(Unit(fs, dated[-1] if dated else None))
        if len(dated) > 2:
            units.append(Unit(fs, dated[len(dated) // 2]))
    apple = [
        f for name, fs in sorted(filings_by_doc.items()) if name.startswith("apple") for f in fs
    ]
    units.append(Unit(apple, date(1998, 8, 1)))
    # The FY2002 release (seed 002, going-concern doubt ...) said to be filed 500 days
    # earlier: its fiscal year is still recent at the June release (seed 003), its
    # signals are older than a reporting cycle and must not adjust the probability.
    (fy,) = filings_by_doc["002_5f842900e8892388.txt"]
    (june,) = filings_by_doc["003_d2702f92e89ed688.txt"]
    assert fy.filed is not None and june.filed is not None
    early = fy.model_copy(update={"filed": fy.filed - timedelta(days=500)})
    units.append(Unit([early, june], june.filed))
    return units


def _report(unit: Unit) -> ScoreFields | Exception:
    try:
        return as_score_fields(score(list(unit.filings), as_of=unit.as_of))
    except Exception as exc:
        return exc


def test_fast_fields_equal_the_report_on_units(filings_by_doc: dict[str, list[Filing]]) -> None:
    """All units in one call, and each alone (a company whose timeline has no row alone too)."""
    units = _units(filings_by_doc)
    together = fast_fields(units)
    alone = [fast_fields([unit])[0] for unit in units]
    assert len(together) == len(units)
    differences = {}
    raised = 0
    for k, unit in enumerate(units):
        want = _report(unit)
        raised += isinstance(want, Exception)
        for how, got in (("together", together[k]), ("alone", alone[k])):
            if isinstance(want, Exception):
                if type(got) is not type(want) or str(got) != str(want):
                    differences[(k, how)] = ("error", got, want)
            elif not isinstance(got, ScoreFields):
                differences[(k, how)] = (got, want)
            elif _same_fields(got, want):
                differences[(k, how)] = (_same_fields(got, want), got, want)
    assert differences == {}
    fast = together
    statuses = [f.status for f in fast if isinstance(f, ScoreFields)]
    assert "scored" in statuses and "insufficient_data" in statuses
    assert raised < len(units) // 4


def test_fast_fields_give_the_reports_error_for_two_companies(
    filings_by_doc: dict[str, list[Filing]],
) -> None:
    apple = filings_by_doc["apple_8-K_2000-01-19.txt"]
    southern = filings_by_doc["southern_8-K_2004-12-31.txt"]
    mixed = [*apple, *southern]
    when = max(f.filed for f in mixed if f.filed is not None)
    with pytest.raises(Exception) as raised:
        score(mixed, as_of=when)
    ok, bad = fast_fields([Unit(apple, None), Unit(mixed, when)])
    assert isinstance(ok, ScoreFields)
    assert isinstance(bad, Exception)
    assert type(bad) is type(raised.value)
    assert str(bad) == str(raised.value)
    assert "more than one company" in str(bad)


# ----------------------------------------------------------------------------- engines


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


def test_fast_scoring_on_dask_writes_the_same_files_as_local(mixed: Path, tmp_path: Path) -> None:
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


def test_a_failed_fast_task_is_scored_again_one_company_per_task(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task of several companies that kills its worker does not fail them all: each is
    scored again alone, and only the one that kills its worker alone gets error rows."""
    kw = {"extractor": labelled_extract, "as_of": "each", "jobs": 2}
    reference = run_batch([str(mixed)], tmp_path / "ref.jsonl", **kw)  # type: ignore[arg-type]
    monkeypatch.setattr(batch_run, "FAST_CHUNK", 2)
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
