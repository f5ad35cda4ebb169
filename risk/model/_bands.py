"""Bands: probability of failure within 12 months -> a lowercase shadow rating."""

from __future__ import annotations

import itertools
import math
from functools import cache
from pathlib import Path

from pydantic import Field

from risk._rules import RuleModel, load_rule_file
from risk.exceptions import InputError
from risk.model._types import BandDefinition

__all__ = ["BANDS", "band_for", "bands_payload"]

_FLOOR = 0.0001  # the aaa/aa cut-off (aaa's reference rate is zero)


class _BandSpec(RuleModel):
    name: str
    reference_rate: float = Field(ge=0, le=1)


class _BandsFile(RuleModel):
    description: str
    source: str
    bands: list[_BandSpec] = Field(min_length=2)
    verification: str = ""


@cache
def bands_payload() -> _BandsFile:
    """The band definitions as stored in ``bands.json`` (source and reference rates)."""
    return load_rule_file(Path(__file__).parent / "bands.json", _BandsFile)


def _build() -> tuple[BandDefinition, ...]:
    data = bands_payload()
    rows = data.bands
    cuts = [0.0]
    for low, high in itertools.pairwise(rows):
        a, b = low.reference_rate, high.reference_rate
        cuts.append(_FLOOR if a == 0 else math.sqrt(a * b))
    cuts.append(1.0)
    return tuple(
        BandDefinition(
            name=row.name,
            lower=cuts[i],
            upper=cuts[i + 1],
            reference_rate=row.reference_rate,
            source=data.source,
        )
        for i, row in enumerate(rows)
    )


#: The bands, safest first.
BANDS: tuple[BandDefinition, ...] = _build()


def band_for(probability: float) -> BandDefinition:
    """The band a probability falls in.

    Parameters
    ----------
    probability : float
        Probability of failure within 12 months, in [0, 1].

    Raises
    ------
    InputError
        When the probability is NaN or outside [0, 1].
    """
    p = float(probability)
    if not 0.0 <= p <= 1.0:
        raise InputError(f"probability must be in [0, 1]; got {probability!r}")
    for band in BANDS:
        if band.lower <= p < band.upper:
            return band
    return BANDS[-1]
