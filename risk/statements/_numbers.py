"""Printed cells to numbers (the parser lives in ``risk.tables``, which comes first)."""

from risk.tables import Amount, parse_amount

__all__ = ["Amount", "parse_amount"]
