"""Batch scoring of many filings: parallel, resumable, every input accounted for. (Issue 8.)"""

__all__: list[str] = []
