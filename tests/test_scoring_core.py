"""The scoring core (``risk.report.score_companies``): one path for ``risk.score`` and the batch.

``risk.score`` scores one company as a batch of one; the batch scores many companies
per task with the same function. These tests check what that sharing rests on:
a company scored beside others gets the figures it gets alone (the one table of
many companies keeps them apart), the report shows the core's figures (its
published scores are read by ``risk.features.assess``, the batch's by the core,
from the same table row), an error stays with its company, and the batch groups
and scores what the report accepts as one company ("Acme Inc /DE/" and "Acme Inc").

Probabilities are compared to 1e-12 (relative), the rest exactly: the model's BLAS
kernels round a row's last bit by its place in the matrix, so a company's
probability moves in the 16th digit with the rows scored beside it.
"""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_batch_helpers import filing_json_extract

from risk.batch import read_rows, run_batch
from risk.exceptions import InputError
from risk.extraction import extract_all
from risk.financials import Filing, LineItem, PeriodValues, Provenance, Source
from risk.report import Company, ReportStatus, Scored, score, score_companies

REL = 1e-12


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=REL, abs_tol=0.0)


def _period(end: date, months: int, values: dict[str, float], document: str) -> PeriodValues:
    items = {LineItem(k): v for k, v in values.items()}
    where = Provenance(document=document, source=Source.INPUT)
    return PeriodValues(end=end, months=months, values=items, provenance={k: where for k in items})


def _acme(company: str, document: str, filed: date, year: int, loss: float) -> Filing:
    """A hand-made annual filing: balances at year end and the year's flows (dollars)."""
    end = date(year, 12, 31)
    balances = {
        "total_assets": 100e6,
        "current_assets": 40e6,
        "current_liabilities": 30e6,
        "total_liabilities": 70e6,
        "stockholders_equity": 30e6,
        "retained_earnings": -5e6,
    }
    flows = {"revenue": 90e6, "operating_income": -loss / 2, "net_income": -loss}
    return Filing(
        source=document,
        sha256=document.encode().hex().ljust(64, "0")[:64],
        company=company,
        form="10-K",
        filed=filed,
        periods=[_period(end, 0, balances, document), _period(end, 12, flows, document)],
    )


@pytest.fixture
def acme() -> list[Filing]:
    return [
        _acme("Acme Inc /DE/", "acme-2022.json", date(2023, 3, 1), 2022, 2e6),
        _acme("Acme Inc", "acme-2023.json", date(2024, 3, 1), 2023, 8e6),
    ]


def test_acme_de_and_acme_are_one_company_for_the_report(acme: list[Filing]) -> None:
    report = score(acme)
    assert report.status is ReportStatus.SCORED
    assert report.as_of == date(2024, 3, 1)
    assert [d.source for d in report.documents] == ["acme-2022.json", "acme-2023.json"]


def test_the_batch_groups_acme_de_with_acme_and_scores_the_group(
    acme: list[Filing], tmp_path: Path
) -> None:
    """Before the one company key, the batch grouped them by name and the report's check
    refused the group: its documents became error rows."""
    folder = tmp_path / "in"
    folder.mkdir()
    for filing in acme:
        (folder / filing.source).write_text(filing.to_json(), encoding="utf-8")
    summary = run_batch(
        [str(folder)], tmp_path / "out.jsonl", as_of="each", extractor=filing_json_extract
    )
    rows = list(read_rows(summary.out))
    assert list(read_rows(summary.errors)) == []
    assert [(r["group"], r["as_of"], r["status"]) for r in rows] == [
        ("name:acme", "2023-03-01", "scored"),
        ("name:acme", "2024-03-01", "scored"),
    ]
    alone = score(acme, as_of=date(2024, 3, 1))
    assert _close(rows[-1]["probability"], alone.model_probability)
    assert _close(rows[-1]["adjusted_probability"], alone.probability)
    assert rows[-1]["band"] == alone.band.name if alone.band else rows[-1]["band"] is None


def _same(together: Scored, alone: Scored) -> list[str]:
    """The names of the fields that differ (probabilities to 1e-12 relative)."""
    differ = []
    for name in ("status", "entity", "cik", "as_of", "scores", "stale", "stale_signals"):
        if getattr(together, name) != getattr(alone, name):
            differ.append(name)
    if (together.band is None) != (alone.band is None) or (
        together.band is not None
        and alone.band is not None
        and together.band.name != alone.band.name
    ):
        differ.append("band")
    for name in ("model_probability", "probability"):
        if not _close(getattr(together, name), getattr(alone, name)):
            differ.append(name)
    if [s.kind for s in together.signals] != [s.kind for s in alone.signals]:
        differ.append("signals")
    return differ


def _companies(filings_by_doc: dict[str, list[Filing]]) -> list[Company]:
    """Companies as the batch makes them and some it does not: between dates, long after."""
    seeds = [f for name, fs in sorted(filings_by_doc.items()) if name[:3].isdigit() for f in fs]
    out = [Company(seeds, None)]
    for when in sorted({f.filed for f in seeds if f.filed is not None}):
        out += [Company(seeds, when), Company(seeds, when + timedelta(days=3))]
    out.append(Company(seeds, date(2009, 1, 1)))  # years after the last filing: too old
    for _, fs in sorted(filings_by_doc.items()):
        dated = sorted({f.filed for f in fs if f.filed is not None})
        out.append(Company(fs, dated[-1] if dated else None))
        if len(dated) > 2:
            out.append(Company(fs, dated[len(dated) // 2]))
    # The FY2002 release (seed 002: going-concern doubt ...) said to be filed 500 days
    # earlier: its year still scores at the June release, its signals no longer count.
    if "002_5f842900e8892388.txt" in filings_by_doc:
        (fy,) = filings_by_doc["002_5f842900e8892388.txt"]
        (june,) = filings_by_doc["003_d2702f92e89ed688.txt"]
        assert fy.filed is not None and june.filed is not None
        early = fy.model_copy(update={"filed": fy.filed - timedelta(days=500)})
        out.append(Company([early, june], june.filed))
    return out


def _check_together_alone_and_report(companies: list[Company]) -> None:
    together = score_companies(companies)
    differences: dict[int, object] = {}
    for k, company in enumerate(companies):
        (alone,) = score_companies([company])
        got = together[k]
        if isinstance(alone, Exception) or isinstance(got, Exception):
            if type(got) is not type(alone) or str(got) != str(alone):
                differences[k] = ("error", got, alone)
            continue
        if _same(got, alone):
            differences[k] = _same(got, alone)
            continue
        report = score(list(company.filings), as_of=company.as_of)
        shown = {s.name: s.value for s in report.scores}
        if shown != alone.scores or report.model_probability != alone.model_probability:
            differences[k] = ("report", shown, alone.scores)
    assert differences == {}
    statuses = {r.status for r in together if isinstance(r, Scored)}
    assert {"scored", "insufficient_data"} <= statuses  # and in_bankruptcy on the corpus
    assert any(isinstance(r, Scored) and r.stale for r in together)
    assert any(
        isinstance(r, Scored) and r.probability is not None and r.probability != r.model_probability
        for r in together
    )


def test_seed_companies_score_the_same_together_alone_and_in_the_report(
    seed_paths: dict[str, Path],
) -> None:
    filings = {p.name: extract_all(p) for p in seed_paths.values()}
    companies = _companies(filings)
    assert len(companies) >= 12
    _check_together_alone_and_report(companies)


@pytest.mark.slow
def test_corpus_companies_score_the_same_together_alone_and_in_the_report(
    seed_paths: dict[str, Path], corpus_dir: Path
) -> None:
    paths = [*seed_paths.values(), *sorted(corpus_dir.iterdir())]
    filings = {p.name: extract_all(p) for p in paths}
    _check_together_alone_and_report(_companies(filings))


def test_a_companys_error_stays_with_it(seed_paths: dict[str, Path]) -> None:
    seeds = [f for p in sorted(seed_paths.values()) for f in extract_all(p)]
    other = Filing(source="other.txt", sha256="1" * 64, company="Other Widgets Corp")
    ok, mixed, undatable = score_companies(
        [Company(seeds, None), Company([*seeds, other], None), Company([other], None)]
    )
    assert isinstance(ok, Scored) and ok.status == "scored"
    assert isinstance(mixed, InputError) and "more than one company" in str(mixed)
    assert isinstance(undatable, InputError) and "as_of cannot be inferred" in str(undatable)
    with pytest.raises(InputError, match="more than one company"):
        score([*seeds, other])


def test_scoring_imports_neither_scikit_learn_nor_scipy_nor_pandas(
    seed_paths: dict[str, Path],
) -> None:
    """The shipped model is JSON scored with numpy: a report needs none of them."""
    code = (
        "import sys, risk; "
        f"r = risk.score({[str(p) for p in sorted(seed_paths.values())]!r}); "
        "r.to_json(); r.to_markdown(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy', 'pandas'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
