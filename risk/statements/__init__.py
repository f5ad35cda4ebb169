"""Normalising printed tables and tagged facts into financials.md line items per period."""

__all__: list[str] = []
