"""Distress features: published scores, liquidity, leverage, trends, the going-concern checklist."""

__all__: list[str] = []
