"""Timeline rules that need no seed: point-in-time use, companies, YTD periods."""

from __future__ import annotations

from datetime import date

import pytest

from risk.exceptions import InputError
from risk.financials import Filing, LineItem, PeriodValues, Provenance, Signal, SignalKind, Source
from risk.timelines import timeline

SHA = "a" * 64


def _pv(
    doc: str, end: date, months: int, values: dict[str, float], filed: date | None = None
) -> PeriodValues:
    return PeriodValues(
        end=end,
        months=months,
        values={LineItem(k): v for k, v in values.items()},
        provenance={LineItem(k): Provenance(document=doc, filed=filed) for k in values},
    )


def test_value_level_filed_date_decides_as_of() -> None:
    # a company-facts style filing: one accession filed late, but one value made public early
    filing = Filing(
        source="facts.json",
        sha256=SHA,
        filed=date(2003, 6, 1),
        periods=[
            _pv("facts.json", date(2002, 12, 31), 0, {"total_assets": 10.0}, date(2003, 1, 15)),
            _pv("facts.json", date(2003, 3, 31), 0, {"total_assets": 12.0}),
        ],
        signals=[
            Signal(
                kind=SignalKind.GOING_CONCERN_DOUBT,
                quote="substantial doubt about its ability to continue as a going concern",
                span=(0, 10),
                document="facts.json",
            )
        ],
    )
    tl = timeline([filing], as_of=date(2003, 2, 1))
    assert tl.value("total_assets", date(2002, 12, 31)) is not None
    assert tl.balances(date(2003, 3, 31)) is None  # filed 2003-06-01, after as_of
    assert tl.signals == []  # the filing's text became public on 2003-06-01
    full = timeline([filing])
    assert full.balances(date(2003, 3, 31)) is not None and len(full.signals) == 1
    # every merged value carries the date it became public
    prov = full.balances(date(2003, 3, 31)).provenance[LineItem.TOTAL_ASSETS]  # type: ignore[union-attr]
    assert prov.filed == date(2003, 6, 1)


def test_undated_filing_is_left_out_as_of_a_date() -> None:
    filing = Filing(
        source="undated.txt",
        sha256=SHA,
        periods=[_pv("undated.txt", date(2002, 12, 31), 0, {"total_assets": 10.0})],
    )
    tl = timeline([filing], as_of=date(2003, 1, 1))
    assert tl.periods == []
    assert any(w.code == "undated_filing" for w in tl.warnings)


def test_different_ciks_are_refused() -> None:
    a = Filing(source="a", sha256=SHA, cik="0000123")
    b = Filing(source="b", sha256=SHA, cik="456")
    with pytest.raises(InputError, match="123"):
        timeline([a, b])
    assert timeline([a, Filing(source="c", sha256=SHA, cik="123")]).cik == "123"


def test_ttm_from_nine_month_ytd() -> None:
    # FY2002 = 100, 9 months to 2003-09-30 = 90, 9 months to 2002-09-30 = 70
    # TTM to 2003-09-30 = 100 + 90 - 70 = 120
    doc = "q3.txt"
    filing = Filing(
        source=doc,
        sha256=SHA,
        periods=[
            _pv(doc, date(2002, 9, 30), 9, {"revenue": 70.0, "eps_basic": 0.5}),
            _pv(doc, date(2002, 12, 31), 12, {"revenue": 100.0, "eps_basic": 0.7}),
            _pv(doc, date(2003, 9, 30), 3, {"revenue": 35.0}),
            _pv(doc, date(2003, 9, 30), 9, {"revenue": 90.0, "eps_basic": 0.6}),
            _pv(doc, date(2003, 9, 30), 0, {"total_assets": 500.0}),
        ],
    )
    flows = timeline([filing]).flows12(date(2003, 9, 30))
    assert flows is not None
    assert flows.values[LineItem.REVENUE] == 120.0
    assert flows.provenance[LineItem.REVENUE].source is Source.DERIVED
    assert LineItem.EPS_BASIC not in flows.values  # per-share figures are not additive


def test_timeline_equality_and_json_round_trip() -> None:
    from risk.timelines import Timeline

    filing = Filing(
        source="a.txt",
        sha256=SHA,
        periods=[_pv("a.txt", date(2002, 12, 31), 12, {"revenue": 1.0})],
    )
    a, b = timeline([filing]), timeline([filing])
    a.flows12(date(2002, 12, 31))  # fills a look-up cache; equality ignores it
    assert a == b
    assert Timeline.model_validate_json(a.model_dump_json()) == a


def test_a_conflict_names_each_value_with_the_date_it_became_public() -> None:
    """The winner's provenance is dated by its filing when it has no date of its own; the
    loser, named only in the warning, with the same rule; the filings are not changed."""
    end = date(2002, 12, 31)

    def filing(doc: str, filed: date, value: float, line: int, own: date | None) -> Filing:
        prov = Provenance(document=doc, line=line, filed=own)
        period = PeriodValues(
            end=end,
            months=0,
            values={LineItem.TOTAL_ASSETS: value},
            provenance={LineItem.TOTAL_ASSETS: prov},
        )
        return Filing(source=doc, sha256=SHA, filed=filed, periods=[period])

    early = filing("a.txt", date(2003, 3, 1), 75000, 10, None)  # dated by its filing
    late = filing("b.txt", date(2003, 6, 1), 75603, 20, date(2003, 5, 30))  # its own date
    tl = timeline([early, late])
    (warning,) = [w for w in tl.warnings if w.code == "conflict"]
    assert warning.message == (
        "total_assets for 2002-12-31: 75,603 from b.txt line 20, filed 2003-05-30 replaces "
        "75,000 from a.txt line 10, filed 2003-03-01"
    )
    assert (warning.document, warning.line) == ("b.txt", 20)
    assert tl.balances(end).provenance[LineItem.TOTAL_ASSETS].filed == date(2003, 5, 30)  # type: ignore[union-attr]

    later = filing("c.txt", date(2003, 7, 1), 75700, 30, None)
    tl = timeline([early, late, later])
    won = tl.balances(end).provenance[LineItem.TOTAL_ASSETS]  # type: ignore[union-attr]
    assert (won.document, won.line, won.filed) == ("c.txt", 30, date(2003, 7, 1))
    assert later.periods[0].provenance[LineItem.TOTAL_ASSETS].filed is None
    assert sorted(w.message for w in tl.warnings if w.code == "conflict") == [
        "total_assets for 2002-12-31: 75,700 from c.txt line 30, filed 2003-07-01 replaces "
        "75,000 from a.txt line 10, filed 2003-03-01",
        "total_assets for 2002-12-31: 75,700 from c.txt line 30, filed 2003-07-01 replaces "
        "75,603 from b.txt line 20, filed 2003-05-30",
    ]
