"""The fitted distress model, its JSON artefact, calibration and bands. (Issue 6.)"""

__all__: list[str] = []
