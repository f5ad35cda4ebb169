"""The model artefact: plain JSON, checked against its recorded sha256 on load.

File layout: ``{"sha256": <hex>, "payload": {...}}``. The hash is over the
canonical JSON of the payload (keys sorted, no whitespace, ASCII, no NaN), so
any change to a number, a name or a band is detected. Loading parses JSON and
builds arrays of floats: no pickle, no code execution.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from risk.exceptions import ModelError, ModelIntegrityError
from risk.model._predict import ScoringModel
from risk.model._submodel import SubModel

if TYPE_CHECKING:
    from risk.model._estimator import DistressModel

__all__ = [
    "ARTEFACT_FORMAT",
    "ARTEFACT_NAME",
    "artefact_payload",
    "canonical_json",
    "default_artefact_path",
    "load_model",
    "load_scorer",
    "model_from_payload",
    "payload_sha256",
    "write_artefact",
]

ARTEFACT_FORMAT = "risk.distress-model/3"
#: Named after the artefact format (3: each submodel's own features and pairwise terms).
ARTEFACT_NAME = "distress_v3.json"


def _clean(value: Any) -> Any:
    """NaN/inf -> None, numpy scalars -> Python, tuples -> lists (JSON-safe)."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def artefact_payload(
    model: DistressModel, *, name: str = "distress", version: str = "0.0.0"
) -> dict[str, Any]:
    """The core of an artefact payload for a fitted model (what loading needs).

    ``risk train`` adds the training data, validation metrics and bands.
    """
    from sklearn.utils.validation import check_is_fitted

    from risk.model._transform import FEATURE_SIGNS

    check_is_fitted(model)
    features = [str(f) for f in model.feature_names_in_]
    signs = dict(FEATURE_SIGNS if model.signs is None else model.signs)
    return {
        "format": ARTEFACT_FORMAT,
        "name": name,
        "version": version,
        "seed": model.random_state,
        "features": features,
        "feature_signs": {f: int(signs.get(f, 0)) for f in features},
        "market_features": [m for m in model.market_features if m in features],
        "params": {
            "C": model.C,
            "knot_quantiles": [float(q) for q in model.knot_quantiles],
            "min_missing": model.min_missing,
            "interactions": {
                block: [list(p) for p in pairs]
                for block, pairs in sorted(dict(model.interactions or {}).items())
            },
        },
        "submodels": {k: s.to_dict() for k, s in model.submodels_.items()},
    }


def canonical_json(payload: Any) -> str:
    """The canonical JSON text the sha256 is computed over."""
    return json.dumps(
        _clean(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )


def payload_sha256(payload: Any) -> str:
    """sha256 (hex) of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(payload).encode("ascii")).hexdigest()


def write_artefact(payload: dict[str, Any], path: str | Path) -> str:
    """Write ``payload`` with its sha256; returns the sha256."""
    clean = _clean(payload)
    digest = payload_sha256(clean)
    text = json.dumps(
        {"sha256": digest, "payload": clean},
        sort_keys=True,
        indent=1,
        ensure_ascii=True,
        allow_nan=False,
    )
    Path(path).write_text(text + "\n", encoding="ascii")
    return digest


def default_artefact_path() -> Path:
    """The shipped artefact: ``risk/_artefacts/`` in a wheel, else ``<repo>/models/``.

    Found beside this file (``importlib.resources`` would import ``zipfile`` and
    ``tempfile`` at start-up for a package that is always a folder here)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_artefacts" / ARTEFACT_NAME
    if packaged.is_file():
        return packaged
    return package.parent / "models" / ARTEFACT_NAME


def _read_verified(path: str | Path | None) -> tuple[dict[str, Any], str, Path]:
    """The payload of an artefact, its checked sha256 and its path."""
    where = Path(path) if path is not None else default_artefact_path()
    if not where.is_file():
        raise ModelError(f"model artefact not found: {where} (run `risk train` to create it)")
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"model artefact {where} is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise ModelError(f"model artefact {where} is nested too deeply to be a model") from exc
    if not isinstance(data, dict) or set(data) != {"sha256", "payload"}:
        raise ModelError(
            f"model artefact {where} must be an object with keys 'sha256' and 'payload'"
        )
    recorded = data["sha256"]
    try:
        actual = payload_sha256(data["payload"])
    except RecursionError as exc:
        raise ModelError(f"model artefact {where} is nested too deeply to be a model") from exc
    if recorded != actual:
        raise ModelIntegrityError(
            f"model artefact {where} failed its integrity check: the payload hashes to "
            f"sha256 {actual}, the file records {recorded!r}; the file was modified or "
            "corrupted. Reinstall the package or rebuild it with `risk train`."
        )
    return data["payload"], actual, where


def load_model(path: str | Path | None = None) -> DistressModel:
    """Load a model artefact as the estimator, verifying its sha256.

    For scoring, :func:`load_scorer` gives the same model without scikit-learn.

    Parameters
    ----------
    path : str, Path or None, default None
        A JSON artefact written by ``risk train``; None loads the shipped model.

    Returns
    -------
    DistressModel
        Fitted, with ``name``, ``version``, ``sha256`` and ``artefact_`` (the payload:
        metrics, bands, training data) set.

    Raises
    ------
    ModelError
        When the file is missing, not JSON or not a model artefact.
    ModelIntegrityError
        When the payload does not match the recorded sha256.
    """
    payload, digest, where = _read_verified(path)
    model = model_from_payload(payload, source=str(where))
    model.sha256 = digest
    return model


def load_scorer(path: str | Path | None = None) -> ScoringModel:
    """Load a model artefact for scoring (numpy only), verifying its sha256.

    Parameters
    ----------
    path : str, Path or None, default None
        A JSON artefact written by ``risk train``; None loads the shipped model.

    Returns
    -------
    ScoringModel

    Raises
    ------
    ModelError
        When the file is missing, not JSON or not a model artefact.
    ModelIntegrityError
        When the payload does not match the recorded sha256.
    """
    payload, digest, where = _read_verified(path)
    _check_format(payload, str(where))
    try:
        return ScoringModel(
            feature_names=tuple(str(f) for f in payload["features"]),
            market_features=tuple(str(m) for m in payload["market_features"]),
            submodels=_submodels(payload),
            name=str(payload["name"]),
            version=str(payload["version"]),
            sha256=digest,
            artefact=payload,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"model artefact {where} is malformed: {exc!r}") from exc


def _check_format(payload: dict[str, Any], source: str) -> None:
    if payload.get("format") != ARTEFACT_FORMAT:
        raise ModelError(
            f"model artefact {source}: format must be {ARTEFACT_FORMAT!r}; "
            f"got {payload.get('format')!r}"
        )


def _submodels(payload: dict[str, Any]) -> dict[str, SubModel]:
    return {k: SubModel.from_dict(v) for k, v in payload["submodels"].items()}


def model_from_payload(payload: dict[str, Any], *, source: str = "<payload>") -> DistressModel:
    """Rebuild a fitted :class:`DistressModel` from an artefact payload (no hash check)."""
    from risk.model._estimator import DistressModel

    _check_format(payload, source)
    try:
        params = payload["params"]
        features = [str(f) for f in payload["features"]]
        submodels = _submodels(payload)
        model = DistressModel(
            C=float(params["C"]),
            knot_quantiles=tuple(float(q) for q in params["knot_quantiles"]),
            min_missing=float(params["min_missing"]),
            signs={str(k): int(v) for k, v in payload["feature_signs"].items()},
            market_features=tuple(str(m) for m in payload["market_features"]),
            full_features=submodels["full"].columns,
            book_features=submodels["book"].columns if "book" in submodels else None,
            interactions={
                str(block): tuple(
                    (str(n), str(a), int(da), str(b), int(db)) for n, a, da, b, db in pairs
                )
                for block, pairs in params["interactions"].items()
            },
            calibration={k: s.calibration for k, s in submodels.items()},
            random_state=int(payload["seed"]),
        )
        model.classes_ = np.array([0, 1])
        model.n_features_in_ = len(features)
        model.feature_names_in_ = np.array(features, dtype=object)
        model.submodels_ = submodels
        model.name = str(payload["name"])
        model.version = str(payload["version"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"model artefact {source} is malformed: {exc!r}") from exc
    model.artefact_ = payload
    return model
