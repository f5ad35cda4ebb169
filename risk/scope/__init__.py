"""The model's scope: which industries (SIC codes) the distress model applies to."""

from risk.scope._scope import Scope, ScopeCategory, ScopeRules, ScopeStatus, filings_scope, scope

__all__ = [
    "Scope",
    "ScopeCategory",
    "ScopeRules",
    "ScopeStatus",
    "filings_scope",
    "scope",
]
