"""``Timeline.to_frame`` built column by column, and one frame for many timelines.

The reference is the straightforward construction ``to_frame`` used before it was
made faster (one dict per row handed to pandas), kept here as :func:`_reference`:
the fast builder must give the same frame (values, dtypes, column order, attrs)
on the timelines of every seed and corpus document, with and without
annualising. ``frame_from_rows`` over the rows of many timelines must give, row
for row, what concatenating their frames gives, and a feature table over it must
equal the tables of each timeline, which is what batch scoring relies on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from risk.extraction import extract_all
from risk.features import feature_table
from risk.financials import LINE_ITEMS, Filing, LineItem, PeriodValues
from risk.timelines import Timeline, timeline
from risk.timelines._timeline import frame_from_rows

#: Timelines of every seed and corpus document.
pytestmark = pytest.mark.slow


def _reference(tl: Timeline, *, annualise: bool = False) -> pd.DataFrame:
    """``to_frame`` as it was written first: a dict per row, then pandas' inference."""
    rows = []
    used: set[str] = set()
    annualised: dict[str, int] = {}
    for end in tl.dates:
        row: dict[str, object] = {
            "entity": tl.entity or tl.cik or "<unknown>",
            "period_end": pd.Timestamp(end),
            "months": 12,
        }
        flows = tl.flows12(end)
        for period in (tl.balances(end), flows):
            if period is None:
                continue
            for item, value in period.values.items():
                row[item.value] = value
                used.add(item.value)
        if annualise and (flows is None or not flows.values):
            months = tl._annualise_into(row, end)
            if months:
                annualised[end.isoformat()] = months
                used.update(k for k in row if k in LINE_ITEMS)
        rows.append(row)
    columns = ["entity", "period_end", "months", *[c for c in LINE_ITEMS if c in used]]
    frame = pd.DataFrame(rows, columns=columns)
    for c in columns[3:]:
        frame[c] = frame[c].astype(np.float64)
    frame["months"] = frame["months"].astype(np.int64)
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame.attrs["source"] = f"timeline of {tl.entity or tl.cik or '<unknown>'}"
    frame.attrs["annualised"] = annualised
    return frame


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert list(a.columns) == list(b.columns)
    assert a.dtypes.to_dict() == b.dtypes.to_dict()
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert a.attrs == b.attrs


@pytest.fixture(scope="module")
def timelines(seed_paths: dict[str, Path], corpus_dir: Path) -> list[Timeline]:
    """One timeline per document, the seeds merged, and the seeds as of each filing date."""
    seeds = [f for p in sorted(seed_paths.values()) for f in extract_all(p)]
    out = [timeline(seeds)]
    for when in sorted({f.filed for f in seeds if f.filed is not None}):
        out.append(timeline(seeds, as_of=when))
    for path in sorted(corpus_dir.iterdir()):
        for filing in extract_all(path):
            out.append(timeline([filing]))
    return out


def _ten_q_only() -> Timeline:
    """A company known from one 10-Q: balances and 9-month flows, no 12-month flows."""
    end = date(2010, 9, 30)
    sha = "b" * 64
    periods = [
        PeriodValues(end=end, months=0, values={LineItem.TOTAL_ASSETS: 5e6}),
        PeriodValues(end=end, months=9, values={LineItem.REVENUE: 9e6, LineItem.EPS_BASIC: 0.3}),
    ]
    return timeline([Filing(source="q.txt", sha256=sha, company="Q Co", periods=periods)])


def test_to_frame_equals_the_row_by_row_construction(timelines: list[Timeline]) -> None:
    annualised = 0
    for tl in [*timelines, _ten_q_only()]:
        for annualise in (False, True):
            fast = tl.to_frame(annualise=annualise)
            _same(fast, _reference(tl, annualise=annualise))
            annualised += bool(fast.attrs["annualised"])
    assert annualised >= 1, "no timeline exercised annualising"


def test_to_frame_of_a_timeline_without_periods() -> None:
    tl = timeline([Filing(source="empty.txt", sha256="c" * 64, company="Nothing Inc")])
    assert tl.dates == []
    frame = tl.to_frame()
    assert len(frame) == 0
    _same(frame, _reference(tl))


def _stack(
    timelines: list[Timeline], names: list[str], flags: list[bool] | None = None
) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    for k, tl in enumerate(timelines):
        own, _ = tl.frame_rows(annualise=bool(flags and flags[k]))
        for row in own:
            row["entity"] = names[k]
        rows.extend(own)
    return frame_from_rows(rows)


def test_frame_rows_are_new_dicts_with_the_annualised_dates() -> None:
    tl = _ten_q_only()
    rows, done = tl.frame_rows(annualise=True)
    assert done == tl.to_frame(annualise=True).attrs["annualised"] == {"2010-09-30": 9}
    assert rows[0]["revenue"] == 9e6 * 12 / 9  # 9-month revenue times 12/9
    assert "eps_basic" not in rows[0]  # per-share figures are not annualised
    rows[0]["entity"] = "changed"
    assert tl.frame_rows()[0][0]["entity"] == "Q Co"
    assert tl.frame_rows()[0][0]["period_end"] == date(2010, 9, 30)


def test_one_frame_of_many_timelines_is_the_concatenation(timelines: list[Timeline]) -> None:
    chosen = [*timelines, _ten_q_only()]
    flags = [i % 2 == 1 for i in range(len(chosen))]
    names = [f"unit-{i}" for i in range(len(chosen))]
    stacked = _stack(chosen, names, flags)
    parts = []
    for tl, flag, name in zip(chosen, flags, names, strict=True):
        part = tl.to_frame(annualise=flag)
        part["entity"] = name
        parts.append(part)
    expected = pd.concat(parts, ignore_index=True)
    # concat orders the union of the columns by first appearance; frame_from_rows by LINE_ITEMS
    items = [c for c in LINE_ITEMS if c in expected.columns]
    expected = expected[["entity", "period_end", "months", *items]]
    expected.attrs = {}
    assert len(stacked) == sum(len(tl.dates) for tl in chosen)
    assert list(stacked.columns) == list(expected.columns)
    assert stacked.dtypes.to_dict() == expected.dtypes.to_dict()
    pd.testing.assert_frame_equal(stacked, expected, check_exact=True)
    assert stacked.attrs == {}


def test_a_feature_table_over_many_timelines_equals_each_timelines_table(
    timelines: list[Timeline],
) -> None:
    """Rows of one entity never reach another's: the year-before trends stay per timeline."""
    names = [f"unit-{i}" for i in range(len(timelines))]
    stacked = feature_table(_stack(timelines, names))
    start = 0
    compared = 0
    for tl, name in zip(timelines, names, strict=True):
        own = feature_table(tl.to_frame())
        part = stacked.iloc[start : start + len(own)].reset_index(drop=True)
        start += len(own)
        assert (part["entity"] == name).all()
        own = own.drop(columns="entity")
        part = part.drop(columns="entity")
        pd.testing.assert_frame_equal(part, own, check_exact=True)
        compared += len(own)
    assert start == len(stacked)
    assert compared > 20
    assert stacked["prior_year"].sum() > 0, "no row had a year before: trends untested"


def test_frame_from_no_rows() -> None:
    frame = frame_from_rows([])
    assert list(frame.columns) == ["entity", "period_end", "months"]
    assert len(frame) == 0
