"""Training: walk-forward validation, out-of-time calibration, final fit, artefact, model card."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from risk.model._artefact import ARTEFACT_NAME, artefact_payload, write_artefact
from risk.model._bands import BANDS, bands_payload
from risk.model._estimator import DistressModel, SubModel
from risk.model._panel import file_sha256, load_panel
from risk.model._transform import (
    FEATURE_TEXT,
    MODEL_FEATURES,
    model_features,
)
from risk.model._validation import CANDIDATES, WalkForward, fit_platt, walk_forward

__all__ = ["CITATION", "MODEL_VERSION", "TRAIN_START", "metrics_markdown", "model_card", "train"]

MODEL_NAME = "distress"
MODEL_VERSION = "2.0.0"
SEED = 0
TRAIN_START = 2003
CITATION = (
    "Lombardo, G., Pellegrino, M., Adosoglou, G., Cagnoni, S., Pardalos, P. M., Poggi, A. "
    "(2022). Machine Learning for Bankruptcy Prediction in the American Stock Market: "
    "Dataset and Benchmarks. Future Internet 14(8):244. https://doi.org/10.3390/fi14080244 "
    "(CC BY 4.0)"
)


def train(
    data: str | Path,
    out: str | Path,
    *,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Fit, validate and write the model artefact and its model card.

    Parameters
    ----------
    data : str or Path
        The American bankruptcy panel CSV (or a subsample with the same columns).
    out : str or Path
        Directory to write ``distress_v1.json`` and ``MODEL_CARD.md`` into.
    progress : callable, optional
        Receives one line per step.

    Returns
    -------
    Path
        The artefact written. The same data give the same bytes (fixed seeds).
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _train(Path(data), Path(out), progress)


def _train(data: Path, out: Path, progress: Callable[[str], None] | None) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    panel = load_panel(data)
    wf = walk_forward(panel, progress=progress)
    # Calibration: Platt maps fitted on the out-of-time predictions 2010-2014.
    cal = {
        "full": fit_platt(wf.oot["full"], wf.oot["y"]),
        "book": fit_platt(wf.oot["book"], wf.oot["y"]),
    }
    fy = panel["fiscal_year"].to_numpy()
    train_rows = fy >= TRAIN_START
    feats = model_features(panel)
    y = panel["failed_next_year"].to_numpy()
    model = DistressModel(calibration=cal, random_state=SEED)
    if progress:
        progress("final fit")
    model.fit(feats.loc[train_rows, list(MODEL_FEATURES)], y[train_rows])
    payload = _payload(model, panel, data, wf, train_rows)
    path = out / ARTEFACT_NAME
    digest = write_artefact(payload, path)
    (out / "MODEL_CARD.md").write_text(model_card(payload, digest), encoding="utf-8")
    return path


def _payload(
    model: DistressModel,
    panel: Any,
    data: Path,
    wf: WalkForward,
    train_rows: np.ndarray,
) -> dict[str, Any]:
    fy = panel["fiscal_year"].to_numpy()
    y = panel["failed_next_year"].to_numpy()
    core = artefact_payload(model, name=MODEL_NAME, version=MODEL_VERSION)
    return {
        **core,
        "target": "failed_next_year: the company files for bankruptcy (Chapter 11) within "
        "the 12 months after the fiscal year end",
        "feature_text": {f: FEATURE_TEXT[f] for f in MODEL_FEATURES},
        "feature_definitions": "risk.model.model_features (ratios of financials.md line items "
        "in currency units; trends against the same entity's fiscal year 9-15 months earlier)",
        "routing": "submodel 'book' when market_value_equity is missing (log_mve is NaN), "
        "else 'full'; refused (no probability) when total assets, a leverage measure "
        "(tl_ta) or both profitability measures (ebit_ta, ni_ta) are missing",
        "bands": [b.model_dump() for b in BANDS],
        "bands_definition": bands_payload()["description"],
        "bands_verification": bands_payload().get("verification", ""),
        "training_data": {
            "file": data.name,
            "sha256": file_sha256(data),
            "citation": CITATION,
            "rows": int(train_rows.sum()),
            "events": int(y[train_rows].sum()),
            "fiscal_years": [int(fy[train_rows].min()), int(fy[train_rows].max())],
        },
        "validation": {
            "scheme": "walk-forward by fiscal year: train on years < t (from the candidate's "
            "start year), test on year t",
            "years": list(wf.years),
            "pooled_years": list(wf.pooled_years),
            "tuning_years": list(wf.tuning_years),
            "metrics": wf.metrics,
            "reliability": wf.reliability,
            "segment_calibration": wf.segments,
        },
        "candidates": [c.name for c in CANDIDATES],
        "selected": CANDIDATES[0].name,
    }


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1:
        return f"{int(value)}"
    return f"{value:.{digits}f}"


def metrics_markdown(metrics: dict[str, Any], key: str, names: Sequence[str] | None = None) -> str:
    """A Markdown table of the walk-forward metrics for one year or ``"pooled"``."""
    cols = [
        ("n", "rows"),
        ("events", "events"),
        ("auc", "AUC"),
        ("gini", "Gini"),
        ("top_decile_capture", "top-decile capture"),
        ("pr_auc", "PR-AUC"),
        ("brier", "Brier"),
        ("mean_predicted", "mean predicted"),
        ("observed_rate", "observed rate"),
        ("calibration_ratio", "predicted / observed"),
    ]
    lines = [
        "| model | " + " | ".join(c[1] for c in cols) + " |",
        "| --- | " + " | ".join("---" for _ in cols) + " |",
    ]
    for name in names or list(metrics):
        m = metrics[name].get(key)
        if m is None:
            continue
        digits = {"brier": 4, "mean_predicted": 4, "observed_rate": 4}
        cells = [_fmt(m.get(c), digits.get(c, 3)) for c, _ in cols]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _gini(metrics: dict[str, Any], prefix: str) -> tuple[str, float]:
    for name, per in metrics.items():
        if name.startswith(prefix):
            return name, float(per["pooled"].get("gini") or math.nan)
    return prefix, math.nan


def _selection_text(metrics: dict[str, Any], selected: str) -> str:
    """Why the selected model, in words that follow the measured figures."""
    ours = float(metrics[selected]["pooled"].get("gini") or math.nan)
    events = int(metrics[selected]["pooled"].get("events") or 0)
    lines = [f"Its pooled Gini is {ours:.3f}."]
    name, hgb = _gini(metrics, "HistGradientBoosting")
    if hgb > ours + 0.02:
        lines.append(
            f"The challenger ({name}) wins clearly ({hgb:.3f}); ship it instead (not done here)."
        )
    else:
        lines.append(
            f"The gradient-boosting challenger ({name}) reaches {hgb:.3f}: it does not win "
            "clearly, so the interpretable, monotone additive model is kept."
        )
    name, linear = _gini(metrics, "linear logistic (sign-constrained, winsorised), 1.1.0")
    lines.append(f"Model 1.1.0's form and features ({name}) reach {linear:.3f} on the same rows.")
    name, hazard = _gini(metrics, "discrete-time hazard")
    lines.append(
        f"The discrete-time hazard formulation (same model plus log years in the panel) "
        f"reaches {hazard:.3f}: a difference of {hazard - ours:+.3f}, within noise for "
        f"{events} events, and it needs the company's listing history, which a filing "
        "does not give."
    )
    name, early = _gini(metrics, selected.replace("train from 2003", "train from 1999"))
    verdict = "hurts" if early < ours else "does not hurt"
    lines.append(
        f"Training from 1999 instead of 2003 {verdict} ({early:.3f}): failures before 2003 "
        "are under-captured in this panel."
    )
    return " ".join(lines)


def _tuning_text(metrics: dict[str, Any], selected: str) -> str:
    """The comparison on the tuning years (the choice is made there, not on the headline)."""
    ours = metrics[selected].get("tuning")
    if not ours:
        return ""
    lines = [
        f"On the tuning years the selected model reaches Gini {ours['gini']:.3f} and "
        f"top-decile capture {ours['top_decile_capture']:.3f}."
    ]
    for prefix in (
        "linear logistic",
        "HistGradientBoosting",
        "WOE scorecard",
        "additive logistic + HistGradientBoosting",
    ):
        for name, per in metrics.items():
            t = per.get("tuning")
            if name.startswith(prefix) and t:
                lines.append(
                    f"{name}: Gini {t['gini']:.3f} ({t['gini'] - ours['gini']:+.3f}), capture "
                    f"{t['top_decile_capture']:.3f} "
                    f"({t['top_decile_capture'] - ours['top_decile_capture']:+.3f})."
                )
    events = int(ours.get("events") or 0)
    lines.append(
        f"With {events} events on the tuning years one event moves the capture by "
        f"{1 / max(events, 1):.3f} and the standard error of a Gini is about 0.03: no "
        "challenger wins clearly, so the interpretable additive model is kept (boosting "
        "and the two-model average would also lose the per-feature explanation)."
    )
    return " ".join(lines)


def _segment_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(not computed)"
    lines = [
        "| segment | model | rows | events | observed rate | mean predicted "
        "| predicted / observed |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['segment']} | {r['model']} | {int(r['n'])} | {int(r['events'])} | "
            f"{_fmt(r['observed_rate'], 4)} | {_fmt(r['mean_predicted'], 4)} | "
            f"{_fmt(r['ratio'])} |"
        )
    return "\n".join(lines)


def model_card(payload: dict[str, Any], digest: str) -> str:
    """The model card (Markdown) generated from an artefact payload."""
    v = payload["validation"]
    metrics = v["metrics"]
    td = payload["training_data"]
    selected = payload["selected"]
    pooled = metrics[selected]["pooled"]
    calibrated = metrics.get(selected + " + out-of-time Platt calibration", {}).get("pooled", {})
    pooled_years = ", ".join(str(y) for y in v["pooled_years"])
    per_year = "\n\n".join(
        f"#### Fiscal year {year}\n\n" + metrics_markdown(metrics, str(year)) for year in v["years"]
    )
    tuning_years = ", ".join(str(y) for y in v.get("tuning_years", []))
    all_years = ", ".join(str(y) for y in v["years"])
    rel_name = selected + " + out-of-time Platt calibration"
    rel = v["reliability"].get(rel_name, [])
    rel_lines = [
        "| decile | rows | events | mean predicted | observed rate |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rel:
        rel_lines.append(
            f"| {int(r['bin'])} | {int(r['n'])} | {int(r['events'])} | "
            f"{r['mean_predicted']:.4f} | {r['observed_rate']:.4f} |"
        )
    band_lines = [
        "| band | from | to | reference one-year default rate |",
        "| --- | --- | --- | --- |",
    ]
    for b in payload["bands"]:
        band_lines.append(
            f"| {b['name']} | {b['lower']:.4%} | {b['upper']:.4%} | {b['reference_rate']:.2%} |"
        )
    full_sub = SubModel.from_dict(payload["submodels"]["full"])
    book_sub = SubModel.from_dict(payload["submodels"]["book"])
    full_range = full_sub.curve_range()
    book_range = book_sub.curve_range()
    coef_lines = [
        "| feature | meaning | sign enforced | knots (full) | full submodel | book submodel |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    held: list[str] = []
    for j, f in enumerate(full_sub.columns):
        sign = {1: "+", -1: "-", 0: "free"}[payload["feature_signs"].get(f, 0)]
        c = full_range[f]
        if sign != "free" and c == 0.0:
            held.append(f)
        b = f"{book_range[f]:+.3f}" if f in book_range else "-"
        knots = len(full_sub.knots[j])
        coef_lines.append(
            f"| {f} | {payload['feature_text'][f]} | {sign} | {knots} | {c:+.3f} | {b} |"
        )
    book_ind = dict(zip(book_sub.indicators, book_sub.coef[book_sub.n_ramps :], strict=True))
    for j, f in enumerate(full_sub.indicators):
        c = full_sub.coef[full_sub.n_ramps + j]
        b = f"{book_ind[f]:+.3f}" if f in book_ind else "-"
        coef_lines.append(
            f"| missing: {f} | {f} (and columns missing with it) absent | free | - "
            f"| {c:+.3f} | {b} |"
        )
    coef_lines.append("")
    coef_lines.append(
        "For a feature, the figure is the change in the (uncalibrated) log-odds of failure "
        "along its curve, from its lowest knot (the 1 % training quantile) to its highest "
        "(the 99 %): positive when a higher value raises the risk. For a missing indicator "
        "it is the coefficient per standard deviation of the 0/1 column. Curves held flat "
        f"by their sign constraint in the full submodel: {', '.join(held) or 'none'} (given "
        "the other terms, the unconstrained fit would give them the slope theory rejects; "
        "the constraint sets it to zero rather than let a weaker ratio lower the risk). "
        "Size is free in the full submodel: given market value and leverage, larger "
        "companies are more likely to file under Chapter 11 in this panel (small ones tend "
        "to delist)."
    )
    target_gini = "met" if (pooled.get("gini") or 0) >= 0.85 else "NOT met"
    target_cap = "met" if (pooled.get("top_decile_capture") or 0) >= 0.80 else "NOT met"
    ratio = calibrated.get("calibration_ratio") or math.nan
    target_cal = "met" if abs(ratio - 1) <= 0.25 else "NOT met"
    return f"""# Model card: `{payload["name"]}` {payload["version"]}

Generated by `risk train` from the artefact `{ARTEFACT_NAME}` (payload sha256 `{digest}`).
Do not edit by hand: rerun `risk train --data PATH --out models/`.

## What it predicts
The probability that a US-listed company files for bankruptcy (Chapter 11) within the
12 months after a fiscal year end, from that year's annual financial statements (and the
prior year's, for trends) and, when available, its market value of equity.

## Intended use
Screening and monitoring of non-financial US public companies by credit analysts: rank a
portfolio by distress risk, flag companies for review, and explain which ratios drive the
score. The probability is a 12-month point-in-time estimate for the population it was
trained on (NYSE/NASDAQ companies, 2003-2014).

## Out of scope
- Banks, insurers and other financial institutions (their balance sheets make these ratios
  meaningless), and funds or SPACs.
- Non-US issuers, private companies and companies reporting under other GAAPs: the model
  has never seen them.
- Quarterly or interim data (the model needs 12-month flows; other rows are refused).
- Regulatory capital, pricing or any automated decision without an analyst's review.
- Events other than bankruptcy filings (distressed exchanges, missed coupons, delisting
  without filing) are not in the label.

## Training data
{td["citation"]}.
File `{td["file"]}`, sha256 `{td["sha256"]}`. The final model is fitted on
fiscal years {td["fiscal_years"][0]}-{td["fiscal_years"][1]}: {td["rows"]} firm-years,
{td["events"]} events (`failed_next_year`; the company-level `status_label` is never used).
Amounts are converted from millions to currency units by the panel loader
(`risk.model.load_panel`), so the model only sees dollars.

## The model
A monotone additive logistic model on {len(payload["features"])} ratios and trends (list
below), L2-penalised (C = {payload["params"]["C"]}). Each feature enters as a
piecewise-linear curve with knots at its training quantiles
{", ".join(f"{q:g}" for q in payload["params"]["knot_quantiles"])} (values beyond the
outermost knots are clipped to them, i.e. winsorised at 1 %/99 %; coinciding knots of a
0/1 feature merge): one ramp column per segment, standardised, one slope each. Every
slope of a feature marked + or - is constrained to that sign (bounded L-BFGS-B), so each
curve is monotone: raising a risk-raising ratio (e.g. total liabilities / total assets)
with everything else fixed never lowers the probability. The model stays additive, so
`explain` gives each feature's own contribution to the log-odds. Calibration: a Platt
map (a + b * logit) fitted on the out-of-time predictions of 2010-2014.

**What changed in 2.0.0.** Model 1.1.0 was a linear logistic model (one slope per
feature, winsorised at 5 %/95 %) on 23 features; it missed the top-decile target
(0.694). The curves let a ratio matter more in its tail than near its median (the 5 %
winsorising had cut off the tails where failures sit), and five features were added:
the quick ratio, current liabilities / total assets, net income / market value of
equity, log market value of equity / total assets, and the prior year's net income /
(market value of equity + total liabilities) (Campbell, Hilscher and Szilagyi 2008). The
form, the knots and C were chosen on the tuning years only (see below); both steps are
in the candidates table, so each one's share of the gain can be read there.

**Size in the book-value-only submodel (since 1.1.0).** Fitted freely, the size term
(log total assets) came out positive in both submodels. In the full submodel it pairs
with log market value (a market-to-book effect) and stays free. Without market value it
made the largest companies look riskiest (Apple's 2025 10-Q scored 0.9 %, band bb),
against theory (Ohlson 1980: SIZE lowers the risk) and against the panel's own rates
(2003-2014 failures per firm-year: 0.99 % under $50M of assets, 0.48 % over $1bn). 1.1.0
holds it at <= 0 in the book submodel (`risk.model.BOOK_SIGNS`), and the fit drops it.
Measured when the change was made, book-value-only submodel, walk-forward, before ->
after: tuning years 2010-2011 Gini 0.698 -> 0.722, top-decile capture 0.614 -> 0.596 (one
event); held-out 2012-2014 Gini 0.747 -> 0.737, top-decile capture 0.694 -> 0.588. The
held-out capture cost was real and is kept (figures of 1.1.0's linear form); the
constraint still holds in 2.0.0.

**Missing data.** Two submodels share the transforms: `full` (book and market features)
and `book` (book-value features only), used when the market value of equity is absent, as
in many filings. Trends are missing on a company's first year or after a gap; a missing
indicator term learned on those rows takes over, and the value is imputed at the training
median. A feature missing on fewer than {payload["params"]["min_missing"]:.0%} of the
training rows (e.g. current liabilities / current assets when a filing gives working capital
only) gets no indicator term (one fitted on a handful of rows would swing the score): it is
imputed at its training median and reported as imputed by `explain`. A row is refused
(probability NaN with the reason) when total assets, a leverage measure (total
liabilities, or equity to derive them) or both profitability measures (operating
income, net income) are missing.

{chr(10).join(coef_lines)}

## Candidates and why this one
Every candidate and every unfitted published score was evaluated in the same walk-forward
run on the same rows (train on fiscal years before t, test on t). Selected: **{selected}**.
{_selection_text(metrics, selected)}

**How the form was chosen.** On the tuning years {tuning_years} (walk-forward years
before the headline ones, never {pooled_years}), these were compared outside this
harness with the same walk-forward: gradient boosting with and without monotone
constraints and several depths and learning rates, bagged boosting, B-spline and
quantile-normal transforms, unconstrained signs, interactions of size with leverage,
profitability and market value, and the knots (5, 7 or 9 quantiles) and C (0.003 to
0.1) of the piecewise-linear form; the five added features were kept from a wider set
(also tried: total liabilities / market value of assets, log total liabilities, asset
growth, change in market leverage, EBITDA / total assets) by dropping those whose removal
did not lower the tuning figures. Of the additive settings tried, the shipped ones (7
knots, C = 0.01) gave the best tuning-year capture with the best or equal tuning Gini.
The headline years' figures were printed beside the tuning ones during these
comparisons, so they are not a clean hold-out for the choice: the sealed later period
is. {_tuning_text(metrics, selected)}

#### Tuning years pooled ({tuning_years})

{metrics_markdown(metrics, "tuning")}

## Validation: walk-forward, pooled over {pooled_years}

{metrics_markdown(metrics, "pooled")}

Targets of issue 6 for the selected model, pooled {pooled_years}: Gini >= 0.85:
{target_gini} ({_fmt(pooled.get("gini"))}); top-decile capture >= 0.80: {target_cap}
({_fmt(pooled.get("top_decile_capture"))}); calibrated mean predicted within 25 % of the
observed rate: {target_cal} (ratio {_fmt(ratio)}). The figures are reported as measured.
Published replications on this panel reach Gini 0.81-0.84 out of time.

Baselines (Altman Z, Z', Z'', Ohlson, Zmijewski) are the published, unfitted formulas from
`risk.features`; Altman scores are not probabilities, so they have no Brier score or
calibration figures. Ohlson's score needs the prior year and is reported on fewer rows.
The "book-value-only" row scores the same test rows with the market features removed
(the fallback submodel), and "+ out-of-time Platt calibration" uses, for each test year,
a Platt map fitted only on earlier years' out-of-time predictions.

### Per year
{per_year}

### Reliability (calibrated model, pooled {pooled_years}, deciles of predicted probability)
{chr(10).join(rel_lines)}

### Calibration in a distressed segment (out of time, pooled {all_years})
Mean predicted probability against the observed failure rate of the walk-forward test rows
in the segment, each year scored by the model trained on earlier years and calibrated on
earlier years' out-of-time predictions. "Book-value-only" scores the same rows with the
market value removed (the panel always has it, so the book submodel is judged here);
"trends hidden" also removes the prior year, as for a filing scored without last year's
statements (e.g. a trailing-twelve-month row).

{_segment_text(v.get("segment_calibration", []))}

With the prior year, both submodels are within a factor of two of the observed rate in the
segment. Without it the book submodel under-predicts distressed companies several-fold:
in this panel a missing prior year means a newly listed company, which fails less often
(missing-indicator terms learn that), not a filing whose prior year was not supplied.
Supply the prior fiscal year whenever possible. A separate no-trend book submodel (fitted
on all rows without the trends) was measured outside this harness: about 1.6x
over-prediction in this segment with trends hidden, but 3-5x over-prediction on the rows
that truly lack a prior year (newly listed companies), so it is not shipped.

## Bands
{payload["bands_definition"]}
Source: {payload["bands"][0]["source"]}.
Verification: {payload.get("bands_verification", "none recorded")}

{chr(10).join(band_lines)}

## Text signals
Signals found in filings (going-concern doubt, bankruptcy filing, delisting notice, covenant
breach) are not in the training data. `risk.model.adjust_for_signals` multiplies the odds by
a likelihood ratio per kind, with its published source (see `risk/model/signal_ratios.json`),
and keeps both the model probability and the adjusted one.

## Limitations
- Trained on 2003-2014; the economy, accounting rules and listing population change.
  Default rates by year vary (0.5 %-1.5 % here); the calibration is to this period's level.
- The label covers bankruptcy filings only, and the panel lacks about 1.5 % of rows.
- The panel gives the fiscal year, not the exact year-end date; trends need the prior
  fiscal year 9-15 months earlier.
- The book-only submodel discriminates markedly less well than the full model.
- Signal likelihood ratios are conservative values from the literature, not fitted.
- Band reference rates are agency rates for rated issuers; the bands are a familiar scale,
  not agency ratings. The rates were recalled, not verified against the cited S&P table
  (see Bands); check them before relying on an exact cut-off.
- The top-decile capture (share of failures among the riskiest 10 %) sits at the edge of
  the 0.80 target: with 85 events one failure moves it by 0.012. About one failure in five
  comes from a company that looks ordinary a year ahead (mostly small, loss-making
  companies whose market value still covers their liabilities). The published hazard
  model on this panel reaches 0.786 over 2012-2018.
- Without the prior fiscal year, the book-value submodel under-predicts distressed
  companies (see the segment table above). For the full model, hiding every row's prior
  year in the 2012-2014 walk-forward (measured outside this harness, model 2.0.0) keeps
  the ranking (Gini 0.856, top-decile capture 0.765) but halves the level (mean
  predicted / observed 0.54). `score_frame` and `risk score-table` say per row whether
  the prior year was found (`prior_year`); give it whenever there is one.
"""
