"""Result types of the model: contributions, bands, signal adjustments."""

# No ``from __future__ import annotations``: pydantic compiles and evaluates a string
# annotation of each field as a model class is created (about a quarter of the CPU of
# creating the models, at every start-up: issue 18).

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

__all__ = [
    "BandDefinition",
    "Contribution",
    "ContributionDirection",
    "SignalAdjustment",
    "SignalFactor",
]


class ContributionDirection(StrEnum):
    """Which way a feature moves the probability of failure."""

    RAISES = "raises"
    LOWERS = "lowers"
    NEUTRAL = "neutral"


class Contribution(BaseModel):
    """One feature's part in a row's log-odds, relative to a median company."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    feature: str
    value: float | None  # None: missing, imputed at the training median
    contribution: float  # to the calibrated log-odds
    direction: ContributionDirection
    text: str


class BandDefinition(BaseModel):
    """A probability range named like a rating (a shadow rating, lowercase)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    name: str
    lower: float  # inclusive
    upper: float  # exclusive (1.0 inclusive for the last band)
    reference_rate: float  # the published one-year default rate the band is centred on
    source: str


class SignalFactor(BaseModel):
    """The likelihood ratio applied for one kind of text signal.

    ``state`` is ``asserted`` for a done, current event and ``intended`` for one the
    filer announces; the kind ``signal_cap`` is the cap's own factor (below 1) when the
    product of the others exceeds :data:`risk.model.SIGNAL_CAP`.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    kind: str
    ratio: float
    source: str
    state: str = "asserted"


class SignalAdjustment(BaseModel):
    """A model probability and the probability after text signals (both kept)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    probability: float
    adjusted: float
    factors: tuple[SignalFactor, ...]
    cap: float | None = None
