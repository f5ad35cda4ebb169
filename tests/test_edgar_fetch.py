"""risk.edgar against a local EDGAR look-alike (127.0.0.1, a thread, an ephemeral port).

The fixture company, Larkspur Fluid Systems, Inc. (CIK 1099123, ticker LKSP), is
made up; its files in ``tests/data/edgar`` are written for these tests in EDGAR's
shapes. Its filings, by acceptance (Eastern day):

- 0001099123-19-000004 10-K, 2019-03-14 (submissions page 001; before the default window)
- 0001099123-21-000005 10-K, 2021-03-11 (page 001)
- 0001099123-22-000003 8-K, 2022-02-17: FY2021 release (EX-99.1)
- 0001099123-22-000008 10-K, 2022-03-15: annual report excerpt (EX-13)
- 0001099123-22-000019 8-K accepted 2022-05-11 22:41Z (18:41 Eastern), filing date
  2022-05-12: Q1 2022 release (EX-99.1)
- 0001099123-22-000027 Form 4, 2022-06-01 (not a form fetched)
- 0001099123-22-000031 8-K, 2022-08-10: Q2 release with a going-concern doubt

Page 002 of the submissions (2003-2005) is outside every window asked and must
never be requested.
"""

from __future__ import annotations

import socket
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from edgar_server import DATA, EdgarServer, Fault, max_in_window

from risk.edgar import EdgarClient, EdgarSettings, Fetcher, RateLimiter, filing_of, read_cached
from risk.edgar._cache import Cache
from risk.edgar._names import accepted_date, accession_of
from risk.exceptions import FetchError, InputError, NotCachedError

UA = "Risk Tests tests@example.com"
CIK = "1099123"
ARCHIVE = "/Archives/edgar/data/1099123"
AS_OF = date(2022, 5, 11)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any name other than the loopback address fails to resolve in these tests."""
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"test guard: no network beyond 127.0.0.1 (asked for {host!r})")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture
def server():
    srv = EdgarServer().start()
    yield srv
    srv.stop()


def settings(server: EdgarServer, cache: Path, **extra: object) -> EdgarSettings:
    values: dict[str, object] = {
        "user_agent": UA,
        "www_url": server.url,
        "data_url": server.url,
        "cache_dir": cache,
        "backoff": 0.0,
        "timeout": 5.0,
    }
    values.update(extra)
    return EdgarSettings(**values)  # type: ignore[arg-type]


def fetcher(server: EdgarServer, cache: Path, **extra: object) -> Fetcher:
    s = settings(server, cache, **extra)
    return Fetcher(s, client=EdgarClient(s, limiter=RateLimiter()))


# -- ticker resolution ----------------------------------------------------------------------


def test_ticker_resolves_to_cik_case_blind(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        assert f.resolve("lksp").cik == CIK
        assert f.resolve("LKSPW").cik == CIK
        assert f.resolve("AAPL").cik == "320193"
    # The ticker file was read once (fresh in the cache for the later look-ups).
    assert server.paths() == ["/files/company_tickers.json"]


def test_cik_needs_no_ticker_file(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        assert f.resolve("0001099123").cik == CIK
        assert f.resolve("CIK1099123").cik == CIK
    assert server.paths() == []


def test_unknown_ticker_says_to_use_the_cik(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f, pytest.raises(InputError, match="give a delisted"):
        f.resolve("NOPE")


# -- point in time --------------------------------------------------------------------------


def test_point_in_time_selection_by_acceptance(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        got = f.fetch("LKSP", as_of=AS_OF)
    accessions = [x.accession for x in got.filings]
    # Accepted by 2022-05-11 and filed since 2019-05-11 (three years before): the
    # 2021 and 2022 10-Ks, the February 8-K and the May 8-K, which EDGAR accepted on
    # 2022-05-11 at 18:41 Eastern and dated 2022-05-12. Not the Form 4, not August.
    assert accessions == [
        "0001099123-21-000005",
        "0001099123-22-000003",
        "0001099123-22-000008",
        "0001099123-22-000019",
    ]
    may = got.filings[-1]
    assert may.filed == date(2022, 5, 12)
    assert may.public_on == date(2022, 5, 11)
    asked = server.paths()
    assert "/submissions/CIK0001099123-submissions-001.json" in asked
    assert "/submissions/CIK0001099123-submissions-002.json" not in asked  # 2003-2005
    assert not any("000109912322000031" in p for p in asked)  # nothing of August
    assert not any("000109912319000004" in p for p in asked)


def test_a_day_earlier_leaves_the_may_filing_out(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        got = f.fetch("LKSP", as_of=date(2022, 5, 10))
    assert [x.accession for x in got.filings][-1] == "0001099123-22-000008"


def test_documents_chosen_from_the_filing_index(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        got = f.fetch("LKSP", as_of=AS_OF, forms="8-K,10-K")
    names = {x.accession: [(d.name, d.type) for d in x.files] for x in got.filings}
    # 8-K: the primary document and EX-99.1 (not the logo); 10-K: the primary document and
    # EX-13 (not EX-21 or EX-23.1, which the server does not even have).
    assert names["0001099123-22-000003"] == [
        ("lfs-8k-20220217.htm", "8-K"),
        ("ex991-fy21.txt", "EX-99.1"),
    ]
    assert names["0001099123-22-000008"] == [
        ("lfs-20211231.htm", "10-K"),
        ("ex13-2021.htm", "EX-13"),
    ]


def test_manifest_and_cache_layout(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        got = f.fetch("LKSP", as_of=AS_OF)
    m = got.manifest
    assert got.manifest_path == tmp_path / "CIK0001099123" / "manifest.json"
    assert got.manifest_path.is_file()
    assert (m.cik, m.name, m.tickers) == (CIK, "Larkspur Fluid Systems, Inc.", ("LKSP", "LKSPW"))
    q1 = m.filing("0001099123-22-000019")
    assert q1 is not None
    assert (q1.form, q1.period) == ("8-K", date(2022, 5, 11))
    assert q1.accepted is not None and q1.accepted.hour == 22
    release = q1.files[1]
    assert release.path == "CIK0001099123/0001099123-22-000019/ex991-q1.txt"
    served = DATA / "Archives/edgar/data/1099123/000109912322000019/ex991-q1.txt"
    assert (tmp_path / release.path).read_bytes() == served.read_bytes()
    import hashlib

    assert release.sha256 == hashlib.sha256(served.read_bytes()).hexdigest()
    assert m.companyfacts is not None
    assert m.companyfacts.path == "CIK0001099123/companyfacts/CIK0001099123.json"
    # The JSON came gzipped and was stored decoded.
    facts_hit = next(h for h in server.hits if h.path.startswith("/api/xbrl"))
    assert "gzip" in facts_hit.headers.get("Accept-Encoding", "")
    assert (tmp_path / m.companyfacts.path).read_bytes().startswith(b"{")
    # Every request declared the User-Agent.
    assert {h.headers.get("User-Agent") for h in server.hits} == {UA}


# -- the cache -----------------------------------------------------------------------------


def test_second_run_makes_no_request(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        first = f.fetch("LKSP", as_of=AS_OF)
    n = len(server.hits)
    assert n > 0 and first.requests == n
    with fetcher(server, tmp_path) as f:
        second = f.fetch("LKSP", as_of=AS_OF)
    assert len(server.hits) == n
    assert second.requests == 0
    assert second.paths() == first.paths()


def test_indexes_are_revalidated_after_max_age(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        f.fetch("LKSP", as_of=AS_OF)
    n = len(server.hits)
    with fetcher(server, tmp_path, max_age=0) as f:
        f.fetch("LKSP", as_of=AS_OF)
    again = server.hits[n:]
    # Only the indexes are asked again, each conditionally, and each is unchanged (304);
    # the accession documents are never fetched twice.
    assert sorted(h.path for h in again) == [
        "/api/xbrl/companyfacts/CIK0001099123.json",
        "/files/company_tickers.json",
        "/submissions/CIK0001099123-submissions-001.json",
        "/submissions/CIK0001099123.json",
    ]
    assert all(h.headers.get("If-None-Match") for h in again)
    assert {h.status for h in again} == {304}


# -- offline -------------------------------------------------------------------------------


def test_offline_uses_the_cache_only(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        online = f.fetch("LKSP", as_of=AS_OF)
    n = len(server.hits)
    # Offline needs no User-Agent and no server.
    offline = EdgarSettings(cache_dir=tmp_path, offline=True)
    with Fetcher(offline) as f:
        got = f.fetch("LKSP", as_of=AS_OF)
    assert len(server.hits) == n
    assert got.paths() == online.paths()


def test_offline_names_what_is_missing(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        f.fetch("LKSP", as_of=date(2022, 4, 1))  # the May filing is not fetched
    offline = EdgarSettings(cache_dir=tmp_path, offline=True)
    with Fetcher(offline) as f, pytest.raises(NotCachedError) as err:
        f.fetch("LKSP", as_of=AS_OF)
    message = str(err.value)
    assert message.startswith("offline: 1 file(s) needed are not in the cache: ")
    assert "index of 0001099123-22-000019" in message
    assert "run without --offline" in message
    # An empty cache: the ticker file is the first thing missing.
    empty = EdgarSettings(cache_dir=tmp_path / "empty", offline=True)
    with Fetcher(empty) as f, pytest.raises(NotCachedError, match="EDGAR's ticker file"):
        f.fetch("LKSP")


# -- fair access and robustness ---------------------------------------------------------------


def test_user_agent_is_required_before_any_request(server: EdgarServer, tmp_path: Path) -> None:
    bare = EdgarSettings(www_url=server.url, data_url=server.url, cache_dir=tmp_path)
    with pytest.raises(InputError, match="set RISK_EDGAR_USER_AGENT=") as err:
        Fetcher(bare)
    assert "\n" not in str(err.value)
    with pytest.raises(InputError, match="must name a contact e-mail"):
        EdgarClient(bare.model_copy(update={"user_agent": "just a name"}))
    assert server.hits == []


def test_rate_limit_measured_at_the_server(server: EdgarServer, tmp_path: Path) -> None:
    """8 requests at 4 per second: never more than 5 in any second, by the server's clock.

    The bound cannot flake: each request leaves after the previous answer and at least
    1/4 s after the previous request left, and arrives after it left (one monotonic
    clock), so the requests after the first of any window left within its second:
    at most 4 of them. Only a ceiling is asserted, never a speed.
    """
    rate = 4.0
    s = settings(server, tmp_path, rate=rate)
    with EdgarClient(s, limiter=RateLimiter()) as client:
        for i in range(8):
            client.download(server.url + "/files/company_tickers.json", tmp_path / f"t{i}.json")
    times = [h.at for h in server.hits]
    assert len(times) == 8
    assert max_in_window(times) <= int(rate) + 1


def test_limiter_is_shared_across_threads() -> None:
    """15 requests from 3 threads on one limiter get 15 distinct slots, 1/rate apart.

    A fake clock that never moves: the slots depend on the reservations alone.
    """
    limiter = RateLimiter(clock=lambda: 0.0, sleep=lambda _: None)
    waits: list[float] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(5):
            w = limiter.wait(5.0)
            with lock:
                waits.append(w)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(waits) == pytest.approx([k / 5.0 for k in range(15)])


def test_limiter_spaces_slots_evenly() -> None:
    """The limiter's schedule with a fake clock: each slot 1/rate after the previous."""
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)

    limiter = RateLimiter(clock=lambda: now[0], sleep=sleep)
    assert limiter.wait(4.0) == 0.0
    assert limiter.wait(4.0) == pytest.approx(0.25)
    assert limiter.wait(2.0) == pytest.approx(0.5)  # after a 0.25 s slot
    assert limiter.wait(10.0) == pytest.approx(1.0)  # after a 0.5 s slot
    now[0] = 200.0  # idle for long: no debt carried over
    assert limiter.wait(4.0) == 0.0
    assert waits == pytest.approx([0.25, 0.5, 1.0])


@pytest.mark.parametrize(
    ("fault", "expected_wait"),
    [
        (Fault("429", retry_after="7"), 7.0),  # the server's Retry-After is honoured
        (Fault("503"), 0.5),  # else the back-off (0.5 s for the first retry)
        (Fault("429", retry_after="120"), 60.0),  # capped by max_backoff
    ],
)
def test_retries_on_429_and_503(
    server: EdgarServer, tmp_path: Path, fault: Fault, expected_wait: float
) -> None:
    s = settings(server, tmp_path, backoff=0.5)
    waits: list[float] = []
    path = "/submissions/CIK0001099123.json"
    server.fail(path, fault)
    with EdgarClient(s, limiter=RateLimiter(), sleep=waits.append) as client:
        client.download(server.url + path, tmp_path / "s.json")
    assert waits == [expected_wait]
    assert [h.status for h in server.hits] == [int(fault.kind), 200]
    assert (tmp_path / "s.json").read_bytes() == (DATA / path.lstrip("/")).read_bytes()


def test_gives_up_after_the_retries(server: EdgarServer, tmp_path: Path) -> None:
    s = settings(server, tmp_path, retries=2)
    path = "/submissions/CIK0001099123.json"
    server.fail(path, Fault("503"), Fault("503"), Fault("503"), Fault("503"))
    client = EdgarClient(s, limiter=RateLimiter(), sleep=lambda _: None)
    with client, pytest.raises(FetchError, match=r"gave up after 3 attempt\(s\); last: HTTP 503"):
        client.download(server.url + path, tmp_path / "s.json")
    assert len(server.hits) == 3
    assert not (tmp_path / "s.json").exists()


def test_not_found_is_not_retried(server: EdgarServer, tmp_path: Path) -> None:
    s = settings(server, tmp_path)
    client = EdgarClient(s, limiter=RateLimiter())
    with client, pytest.raises(FetchError, match="HTTP 404") as err:
        client.download(server.url + "/nothing.json", tmp_path / "n.json")
    assert err.value.status == 404
    assert isinstance(err.value, OSError)
    assert len(server.hits) == 1


def test_dropped_connection_mid_download(server: EdgarServer, tmp_path: Path) -> None:
    release = f"{ARCHIVE}/000109912322000003/ex991-fy21.txt"
    server.fail(release, Fault("drop"))
    s = settings(server, tmp_path)
    dest = tmp_path / "cache" / "ex991-fy21.txt"
    with EdgarClient(s, limiter=RateLimiter(), sleep=lambda _: None) as client:
        client.download(server.url + release, dest)
    assert dest.read_bytes() == (DATA / release.lstrip("/")).read_bytes()
    assert len(server.hits) == 2
    assert sorted(p.name for p in dest.parent.iterdir()) == ["ex991-fy21.txt"]


def test_a_download_that_always_dies_leaves_no_file(server: EdgarServer, tmp_path: Path) -> None:
    release = f"{ARCHIVE}/000109912322000003/ex991-fy21.txt"
    server.fail(release, Fault("drop"), Fault("drop"))
    s = settings(server, tmp_path, retries=1)
    folder = tmp_path / "cache"
    client = EdgarClient(s, limiter=RateLimiter(), sleep=lambda _: None)
    with client, pytest.raises(FetchError, match="gave up after 2 attempt"):
        client.download(server.url + release, folder / "ex991-fy21.txt")
    assert list(folder.iterdir()) == []  # no partial file, no temporary file


def test_timeout_is_retried(server: EdgarServer, tmp_path: Path) -> None:
    path = "/files/company_tickers.json"
    server.fail(path, Fault("stall", seconds=2.0))
    s = settings(server, tmp_path, timeout=0.3)
    with EdgarClient(s, limiter=RateLimiter(), sleep=lambda _: None) as client:
        client.download(server.url + path, tmp_path / "t.json")
    assert (tmp_path / "t.json").read_bytes() == (DATA / path.lstrip("/")).read_bytes()


def test_a_failing_fetch_keeps_the_cache_whole(server: EdgarServer, tmp_path: Path) -> None:
    """A fetch that dies on one document leaves every finished file and no partial one."""
    release = f"{ARCHIVE}/000109912322000019/ex991-q1.txt"
    server.fail(release, Fault("drop"), Fault("drop"), Fault("drop"))
    with fetcher(server, tmp_path, retries=2) as f, pytest.raises(FetchError):
        f.fetch("LKSP", as_of=AS_OF)
    folder = tmp_path / "CIK0001099123" / "0001099123-22-000019"
    assert sorted(p.name for p in folder.iterdir()) == [
        "0001099123-22-000019-index.htm",
        "lfs-8k-20220511.htm",
    ]
    # The next run fetches only what is missing.
    n = len(server.hits)
    with fetcher(server, tmp_path) as f:
        f.fetch("LKSP", as_of=AS_OF)
    assert server.paths()[n:] == [release]


# -- reading cached documents ---------------------------------------------------------------


def test_cached_documents_are_dated_by_edgar(server: EdgarServer, tmp_path: Path) -> None:
    with fetcher(server, tmp_path) as f:
        got = f.fetch("LKSP", as_of=AS_OF)
    by_name = {p.name: p for p in got.paths()}
    cover = read_cached(by_name["lfs-8k-20220511.htm"])
    # The 8-K cover (HTML) prints no filing date: EDGAR's acceptance day dates it, and
    # the CIK of the folder it was fetched into names the company.
    assert [(f.filed, f.cik) for f in cover] == [(date(2022, 5, 11), CIK)]
    release = read_cached(by_name["ex991-q1.txt"])
    assert [(f.filed, f.company) for f in release] == [
        (date(2022, 5, 11), "Larkspur Fluid Systems, Inc.")
    ]
    record = filing_of(by_name["ex991-q1.txt"])
    assert record is not None and record.filing.accession == "0001099123-22-000019"
    # A file outside the cache layout is read as it is.
    assert filing_of(DATA / "files" / "company_tickers.json") is None


def test_fixture_releases_read_as_written() -> None:
    """The fixture releases' statements are read (values checked against the text)."""
    import risk

    filing = risk.extract(DATA / "Archives/edgar/data/1099123/000109912322000019/ex991-q1.txt")
    periods = {(p.end, p.months): {k.value: v for k, v in p.values.items()} for p in filing.periods}
    q1 = periods[(date(2022, 3, 31), 3)]
    assert q1["revenue"] == 10_420_000
    assert q1["net_income"] == -2_255_000
    bs = periods[(date(2022, 3, 31), 0)]
    assert bs["total_assets"] == 39_600_000
    assert bs["total_liabilities"] == 32_255_000
    assert bs["stockholders_equity"] == 7_345_000
    fy = risk.extract(DATA / "Archives/edgar/data/1099123/000109912322000003/ex991-fy21.txt")
    year = {(p.end, p.months): {k.value: v for k, v in p.values.items()} for p in fy.periods}
    assert year[(date(2021, 12, 31), 12)]["revenue"] == 48_215_000
    assert year[(date(2021, 12, 31), 12)]["net_income"] == -6_115_000
    assert year[(date(2020, 12, 31), 0)]["total_assets"] == 48_000_000


# -- identifiers ----------------------------------------------------------------------------


def test_accession_of_sources() -> None:
    assert accession_of("/c/CIK0001099123/0001099123-22-000019/ex991-q1.txt") == (
        "0001099123-22-000019"
    )
    assert accession_of("facts.json#0001099123-22-000008") == "0001099123-22-000008"
    assert accession_of("../shared/seeds/001_0dd14495e2da5e14.txt") is None


def test_acceptance_day_is_eastern_in_both_conventions() -> None:
    # 18:41 Eastern on 11 May, given as true UTC (22:41Z) or as the Eastern clock with a Z.
    assert accepted_date(datetime(2022, 5, 11, 22, 41, 10)) == date(2022, 5, 11)
    assert accepted_date(datetime(2022, 5, 11, 18, 41, 10)) == date(2022, 5, 11)
    # 21:30 Eastern in winter is 02:30 UTC the next day.
    assert accepted_date(datetime(2022, 1, 12, 2, 30)) == date(2022, 1, 11)
    assert accepted_date(datetime(2022, 1, 11, 6, 0)) == date(2022, 1, 11)
    assert accepted_date(datetime(2003, 2, 20)) == date(2003, 2, 20)  # a date without a time


def test_settings_from_env_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISK_EDGAR_RATE", "25")
    with pytest.raises(InputError, match=r"rate \(RISK_EDGAR_RATE\)"):
        EdgarSettings.from_env()
    monkeypatch.setenv("RISK_EDGAR_RATE", "2.5")
    monkeypatch.setenv("RISK_EDGAR_OFFLINE", "yes")
    s = EdgarSettings.from_env(user_agent="A a@b.org")
    assert (s.rate, s.offline, s.user_agent) == (2.5, True, "A a@b.org")
    assert Cache(s.cache_dir).company("320193").name == "CIK0000320193"


def test_styled_primary_document_is_its_file() -> None:
    """A Form 4's primaryDocument names a styled view (``xslF345X03/...``): its file is kept."""
    from risk.edgar._index import read_submissions

    _, records, pages = read_submissions(DATA / "submissions" / "CIK0001099123.json")
    form4 = next(r for r in records if r.form == "4")
    assert form4.primary_document == "wf-form4_165410.xml"
    assert [p.name for p in pages] == [
        "CIK0001099123-submissions-001.json",
        "CIK0001099123-submissions-002.json",
    ]


def test_a_document_name_with_a_folder_is_refused(tmp_path: Path) -> None:
    """A filing index (a mirror's, say) naming ``../`` cannot write outside the cache."""
    import shutil

    root = tmp_path / "site"
    shutil.copytree(DATA, root)
    index = root / "Archives/edgar/data/1099123/000109912322000019/0001099123-22-000019-index.htm"
    index.write_text(index.read_text().replace(">ex991-q1.txt<", ">../../../evil.txt<"))
    srv = EdgarServer(root=root).start()
    try:
        with fetcher(srv, tmp_path / "cache") as f, pytest.raises(InputError) as err:
            f.fetch("LKSP", as_of=AS_OF)
    finally:
        srv.stop()
    assert "'../../../evil.txt' is not a plain EDGAR file name" in str(err.value)
    assert not list(tmp_path.rglob("evil.txt"))
