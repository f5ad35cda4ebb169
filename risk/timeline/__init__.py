"""A company's filings merged into one series of periods. (Issue 5.)"""

__all__: list[str] = []
