"""The risk report: probability, band, drivers, checklist, trend. (Issue 7.)"""

__all__: list[str] = []
