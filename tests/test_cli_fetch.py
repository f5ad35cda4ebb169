"""``risk fetch``, ``risk score --ticker/--cik`` and ``risk batch --companies`` against the
local EDGAR look-alike (see ``test_edgar_fetch.py`` for the fixture company's filings)."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from edgar_server import EdgarServer

from risk.cli import main
from risk.edgar import EdgarSettings, Fetcher

UA = "Risk Tests tests@example.com"
AS_OF = "2022-05-11"


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"test guard: no network beyond 127.0.0.1 (asked for {host!r})")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    srv = EdgarServer().start()
    monkeypatch.setenv("RISK_EDGAR_WWW_URL", srv.url)
    monkeypatch.setenv("RISK_EDGAR_DATA_URL", srv.url)
    monkeypatch.setenv("RISK_EDGAR_CACHE", str(tmp_path / "cache"))
    yield srv
    srv.stop()


@pytest.fixture
def agent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISK_EDGAR_USER_AGENT", UA)


def cached_paths(cache: Path, as_of: str = AS_OF) -> list[str]:
    """The documents the cache holds for the company as of a date, read offline."""
    from datetime import date

    with Fetcher(EdgarSettings(cache_dir=cache, offline=True)) as f:
        got = f.fetch("LKSP", as_of=date.fromisoformat(as_of))
    return [str(p) for p in got.paths()]


def test_missing_user_agent_is_refused_in_one_line(
    server: EdgarServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fetch", "LKSP"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("risk: error: EDGAR asks every automated client to declare who it is")
    assert 'RISK_EDGAR_USER_AGENT="Your Name or Firm you@example.com"' in err
    assert "--user-agent" in err
    assert server.hits == []
    assert main(["score", "--ticker", "LKSP"]) == 2
    assert "RISK_EDGAR_USER_AGENT" in capsys.readouterr().err
    assert server.hits == []


def test_fetch_prints_a_line_per_company(
    server: EdgarServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "mirror"
    code = main(
        ["fetch", "LKSP", "--as-of", AS_OF, "--forms", "8-K", "--out", str(out_dir),
         "--user-agent", UA]
    )  # fmt: skip
    assert code == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(
        "LKSP: CIK 1099123 (Larkspur Fluid Systems, Inc.): 2 filing(s), 4 file(s)"
    )
    manifest = json.loads((out_dir / "CIK0001099123" / "manifest.json").read_text())
    assert [f["accession"] for f in manifest["filings"]] == [
        "0001099123-22-000003",
        "0001099123-22-000019",
    ]
    assert all(h.headers["User-Agent"] == UA for h in server.hits)


def test_score_by_ticker_equals_scoring_the_files(
    server: EdgarServer, agent: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", "--ticker", "LKSP", "--as-of", AS_OF, "--format", "json"]) == 0
    fetched = capsys.readouterr().out
    n = len(server.hits)
    paths = cached_paths(tmp_path / "cache")
    assert main(["score", *paths, "--as-of", AS_OF, "--format", "json"]) == 0
    assert capsys.readouterr().out == fetched
    assert len(server.hits) == n  # scoring from disk asks nothing

    report = json.loads(fetched)
    assert report["entity"] == "Larkspur Fluid Systems, Inc."
    assert report["cik"] == "1099123"
    assert report["as_of"] == AS_OF
    used = {d["accession"] for d in report["documents"] if d["used"]}
    assert used == {
        "0001099123-21-000005",
        "0001099123-22-000003",
        "0001099123-22-000008",
        "0001099123-22-000019",
    }
    # The Q1 release (accepted 2022-05-11 18:41 Eastern, filing date 2022-05-12) is in.
    q1 = next(d for d in report["documents"] if d["source"].endswith("ex991-q1.txt"))
    assert (q1["used"], q1["filed"]) == (True, "2022-05-11")
    # The August release and its going-concern doubt are not (accepted after as_of); the
    # company facts' August 10-Q values are listed unused.
    assert not any("000031" in d["source"] for d in report["documents"])
    assert not any(s["kind"] == "going_concern_doubt" for s in report["signals"])
    late = [d for d in report["documents"] if d["accession"] == "0001099123-22-000029"]
    assert [d["used"] for d in late] == [False]
    # Statements read from the fetched Q1 release: working capital 20,000 - 23,755.
    wc = next(f for f in report["features"] if f["name"] == "working_capital")
    assert wc["value"] == -3_755_000
    assert wc["period_end"] == "2022-03-31"


def test_markdown_report_names_accessions(
    server: EdgarServer, agent: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", "--cik", "1099123", "--as-of", AS_OF]) == 0
    text = capsys.readouterr().out
    assert "ex991-q1.txt`, filed 2022-05-11, accession 0001099123-22-000019" in text


def test_score_later_sees_the_going_concern_doubt(
    server: EdgarServer, agent: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", "--ticker", "LKSP", "--as-of", "2022-08-15", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    kinds = {s["kind"] for s in report["signals"]}
    assert "going_concern_doubt" in kinds


def test_score_offline_after_a_fetch(
    server: EdgarServer,
    agent: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["score", "--ticker", "LKSP", "--as-of", AS_OF, "--format", "json"]) == 0
    online = capsys.readouterr().out
    n = len(server.hits)
    monkeypatch.delenv("RISK_EDGAR_USER_AGENT")
    argv = ["score", "--ticker", "LKSP", "--as-of", AS_OF, "--format", "json", "--offline"]
    assert main(argv) == 0
    assert capsys.readouterr().out == online
    assert len(server.hits) == n
    # A later date needs filings the cache lacks: named, exit 2.
    assert main([*argv[:3], "--as-of", "2022-08-15", "--offline"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("risk: error: offline: ")
    assert "0001099123-22-000031" in err
    assert len(server.hits) == n


def test_score_needs_paths_or_a_company(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score"]) == 2
    assert "--cik N / --ticker T" in capsys.readouterr().err
    assert main(["score", "x.txt", "--ticker", "LKSP"]) == 2
    assert "not both" in capsys.readouterr().err


def test_unreachable_edgar_is_an_environment_error(
    agent: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The autouse fixture points EDGAR at a closed port on 127.0.0.1; no retry (no back-off).
    monkeypatch.setenv("RISK_EDGAR_RETRIES", "0")
    code = main(["fetch", "LKSP", "--out", str(tmp_path), "--rate", "10"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "company_tickers.json: gave up after" in err


def test_batch_companies(
    server: EdgarServer,
    agent: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    companies = tmp_path / "companies.txt"
    companies.write_text("# portfolio\nLKSP\n\n")
    out = tmp_path / "scores.csv"
    argv = ["batch", "--companies", str(companies), "--until", AS_OF, "--out", str(out)]
    assert main([*argv, "--no-progress"]) == 0
    capsys.readouterr()
    import pandas as pd

    rows = pd.read_csv(out)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert str(row["cik"]) == "1099123"
    # Scored as of its latest filing up to the date: the Q1 release of 2022-05-11.
    assert row["as_of"] == AS_OF
    # The same probability as the single-company report as of that day.
    assert main(["score", "--ticker", "LKSP", "--as-of", AS_OF, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert row["probability"] == pytest.approx(report["model_probability"], abs=1e-9)


def test_until_needs_companies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["batch", "x.txt", "--until", AS_OF, "--out", str(tmp_path / "o.csv")]
    assert main(argv) == 2
    assert "--until applies to --companies" in capsys.readouterr().err


def test_cached_paths_survive_a_moved_cache(
    server: EdgarServer, agent: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest's paths are relative: a copied cache scores the same, offline."""
    assert main(["fetch", "LKSP", "--as-of", AS_OF]) == 0
    capsys.readouterr()
    moved = tmp_path / "moved"
    shutil.copytree(tmp_path / "cache", moved)
    paths = cached_paths(moved)
    assert all(p.startswith(str(moved)) for p in paths)
    assert main(["score", *paths, "--as-of", AS_OF, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] in {"scored", "insufficient_data"}
    assert {d["filed"] for d in report["documents"] if d["source"].endswith(".htm")} >= {
        "2022-05-11"
    }
