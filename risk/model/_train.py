"""Training: walk-forward validation, out-of-time calibration, final fit, artefact, model card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from risk.model._artefact import ARTEFACT_NAME, artefact_payload, write_artefact
from risk.model._bands import BANDS, bands_payload
from risk.model._card import metrics_markdown, model_card
from risk.model._estimator import DistressModel
from risk.model._panel import file_sha256, load_panel
from risk.model._transform import (
    BOOK_INTERACTIONS,
    FEATURE_TEXT,
    MODEL_FEATURES,
    model_features,
)
from risk.model._validation import (
    BOOK_CANDIDATES,
    BOOK_ROW,
    CANDIDATES,
    WalkForward,
    distress_estimator,
    fit_platt,
    walk_forward,
)

__all__ = ["CITATION", "MODEL_VERSION", "TRAIN_START", "metrics_markdown", "model_card", "train"]

_TERM_NAMES = tuple(t[0] for t in BOOK_INTERACTIONS)

MODEL_NAME = "distress"
MODEL_VERSION = "3.0.0"
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
    model = distress_estimator(calibration=cal, random_state=SEED)
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
        "feature_text": {f: FEATURE_TEXT[f] for f in (*MODEL_FEATURES, *_TERM_NAMES)},
        "feature_definitions": "risk.model.model_features (ratios of financials.md line items "
        "in currency units; trends against the same entity's fiscal year 9-15 months earlier)",
        "routing": "submodel 'book' when market_value_equity is missing (log_mve is NaN), "
        "else 'full'; refused (no probability) when total assets, a leverage measure "
        "(tl_ta) or both profitability measures (ebit_ta, ni_ta) are missing",
        "bands": [b.model_dump() for b in BANDS],
        "bands_definition": bands_payload().description,
        "bands_verification": bands_payload().verification,
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
        "candidates": [c.name for c in CANDIDATES if not c.book],
        "selected": CANDIDATES[0].name,
        "book_candidates": [BOOK_ROW] + [c.name for c in BOOK_CANDIDATES],
    }
