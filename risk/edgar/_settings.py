"""How `risk` talks to EDGAR: who it says it is, where, how fast, and where it caches.

Every setting has an environment variable, so a mirror, a slower rate or an
offline run needs no code. The SEC asks every automated client to declare a
User-Agent naming the person or firm and a contact e-mail, and to stay at or
under 10 requests per second; without a User-Agent nothing is sent.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from risk._lazy import lazy_regex
from risk.exceptions import InputError

__all__ = [
    "DEFAULT_DATA_URL",
    "DEFAULT_WWW_URL",
    "ENV",
    "MAX_RATE",
    "EdgarSettings",
    "default_cache_dir",
]

#: EDGAR's archive host: ``/files/company_tickers.json`` and ``/Archives/edgar/data/...``.
DEFAULT_WWW_URL = "https://www.sec.gov"
#: EDGAR's JSON API host: ``/submissions/...`` and ``/api/xbrl/companyfacts/...``.
DEFAULT_DATA_URL = "https://data.sec.gov"
#: The SEC's fair-access ceiling, requests per second.
MAX_RATE = 10.0

#: The environment variable of each setting.
ENV: Mapping[str, str] = {
    "user_agent": "RISK_EDGAR_USER_AGENT",
    "www_url": "RISK_EDGAR_WWW_URL",
    "data_url": "RISK_EDGAR_DATA_URL",
    "cache_dir": "RISK_EDGAR_CACHE",
    "rate": "RISK_EDGAR_RATE",
    "max_age": "RISK_EDGAR_MAX_AGE",
    "timeout": "RISK_EDGAR_TIMEOUT",
    "retries": "RISK_EDGAR_RETRIES",
    "offline": "RISK_EDGAR_OFFLINE",
}

_EMAIL = lazy_regex(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/risk/edgar``, else ``~/.cache/risk/edgar``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "risk" / "edgar"


def user_agent_help() -> str:
    """The one line that says how to declare a User-Agent."""
    return (
        "EDGAR asks every automated client to declare who it is: set "
        f'{ENV["user_agent"]}="Your Name or Firm you@example.com" '
        "(or pass --user-agent); nothing was sent"
    )


class EdgarSettings(BaseModel):
    """Where and how EDGAR is reached.

    Parameters
    ----------
    user_agent : str or None, default None
        ``"Name or firm contact@example.com"``: sent with every request. Required
        before anything is sent (:meth:`require_user_agent`); it must hold an e-mail.
    www_url : str, default ``https://www.sec.gov``
        Base URL of the ticker file and the filing archives (a mirror, or a test server).
    data_url : str, default ``https://data.sec.gov``
        Base URL of the submissions and company-facts JSON.
    cache_dir : Path, default ``$XDG_CACHE_HOME/risk/edgar``
        The local cache, laid out by CIK and accession number.
    rate : float, default 10
        Requests per second, at most 10 (the SEC's limit); lower to be gentler.
    max_age : float, default 86400
        Seconds an index (ticker file, submissions, company facts) is used from the
        cache before it is revalidated with ``If-None-Match`` / ``If-Modified-Since``.
        Filing documents never change and are never fetched twice.
    timeout : float, default 30
        Seconds to wait for a connection or for the next bytes of a response.
    retries : int, default 5
        Further attempts after a 429, a 5xx, a timeout or a dropped connection.
    backoff : float, default 1
        Seconds before the first retry, doubled at each further one (a
        ``Retry-After`` header is honoured instead, up to ``max_backoff``).
    max_backoff : float, default 60
        The longest wait between two attempts.
    offline : bool, default False
        Use the cache only; what is missing is named in a :class:`NotCachedError`.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    user_agent: str | None = None
    www_url: str = DEFAULT_WWW_URL
    data_url: str = DEFAULT_DATA_URL
    cache_dir: Path = Field(default_factory=default_cache_dir)
    rate: float = Field(default=MAX_RATE, gt=0, le=MAX_RATE)
    max_age: float = Field(default=86400.0, ge=0)
    timeout: float = Field(default=30.0, gt=0)
    retries: int = Field(default=5, ge=0)
    backoff: float = Field(default=1.0, ge=0)
    max_backoff: float = Field(default=60.0, ge=0)
    offline: bool = False

    @field_validator("www_url", "data_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https://; got {value!r}")
        return value.rstrip("/")

    @field_validator("user_agent")
    @classmethod
    def _agent(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return " ".join(value.split())

    @classmethod
    def from_env(cls, **overrides: Any) -> EdgarSettings:
        """Settings from the ``RISK_EDGAR_*`` variables, then ``overrides`` (None ignored).

        Raises
        ------
        InputError
            When a variable or an override breaks its rule (named, with the value).
        """
        values: dict[str, Any] = {}
        for name, var in ENV.items():
            raw = os.environ.get(var)
            if raw is not None:
                values[name] = _flag(raw, var) if name == "offline" else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = str(err["loc"][0]) if err["loc"] else "?"
            where = ENV.get(field, field)
            raise InputError(
                f"EDGAR setting {field} ({where}): {err['msg']}; got {err.get('input')!r}"
            ) from None

    def require_user_agent(self) -> str:
        """The User-Agent, or :class:`InputError` saying in one line how to set one."""
        if self.user_agent is None:
            raise InputError(user_agent_help())
        if not _EMAIL.search(self.user_agent):
            raise InputError(
                f"the EDGAR User-Agent must name a contact e-mail; got {self.user_agent!r}. "
                + user_agent_help()
            )
        return self.user_agent


def _flag(raw: str, var: str) -> bool:
    text = raw.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InputError(f"{var} must be 1/0, true/false, yes/no or on/off; got {raw!r}")
