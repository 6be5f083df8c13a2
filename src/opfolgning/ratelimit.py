"""Rate limits on the API and the sign-in form: too many requests get 429 with Retry-After.

The limits come from settings (RATE_LIMIT_API, RATE_LIMIT_LOGIN, like "300/minute"; "" or
"0" turns one off) and are read on every request, so tests can switch them with
override_settings. Counting is a fixed window per scope and key in a Django cache
(RATE_LIMIT_CACHE, default "default"):

- /api/…: per API token (the sha256 of the bearer token, not looked up) or else per client
  IP. Requests with a token also count per IP against ten times the limit, so made-up
  tokens cannot buy an unlimited budget.
- POST to the sign-in page: per client IP, and per submitted username, so one account
  cannot be tried from many addresses.

Where the count lives decides what the limit means: the default cache (local memory)
counts per worker process, so with gunicorn's 3 workers a client gets up to 3 × the
limit. A shared cache makes the limit global: RATE_LIMIT_CACHE=database (a table, after
`opfolgning createcachetable`), or a Redis cache added to CACHES. The database cache counts
close to but not exactly under concurrency (its incr is a read and a write); local memory
and Redis count exactly.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# The clock the windows are cut from; tests replace it.
clock: Callable[[], float] = time.time

_UNITS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
}
_LIMIT = re.compile(r"(\d+)\s*/\s*(\d*)\s*([a-z]+)")
_OFF = {"", "0", "off"}
# Requests with a bearer token also count per IP, against this many times the limit.
_TOKEN_IP_FACTOR = 10


@dataclass(frozen=True)
class Limit:
    """At most `count` requests per window of `seconds`."""

    count: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.count}/{self.seconds}s"


def parse_limit(text: str) -> Limit | None:
    """Return the limit written like "120/minute", "10/m", "1000/hour" or "5/s"; None if off."""
    value = (text or "").strip().lower()
    if value in _OFF:
        return None
    match = _LIMIT.fullmatch(value)
    if match is None or match.group(3) not in _UNITS:
        raise ValueError(
            f"{text!r} is not a rate limit; write requests/period, e.g. 120/minute, 10/m, "
            "1000/hour or 5/s (periods: s, m, h, d), or 0 for no limit"
        )
    count, multiple, unit = int(match.group(1)), match.group(2), match.group(3)
    seconds = _UNITS[unit] * (int(multiple) if multiple else 1)
    if seconds < 1:
        raise ValueError(f"{text!r} has a period of zero; use e.g. 120/minute")
    if count == 0:
        return None
    return Limit(count=count, seconds=seconds)


@lru_cache(maxsize=32)
def _limit_from(text: str) -> Limit | None:
    return parse_limit(text)


def _count(scope: str, key: str, limit: Limit) -> tuple[int, int]:
    """Count one request; return the count in the current window and its seconds left."""
    now = clock()
    window = int(now // limit.seconds)
    left = max(1, math.ceil((window + 1) * limit.seconds - now))
    # Hashed: keys may hold anything (a username) and some caches refuse spaces or length.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{limit.seconds}:{window}:{digest}"
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
    # add() is atomic: exactly one request starts the window; the rest increment. The key
    # lives a second past the window, so it cannot vanish while the window is still current.
    if cache.add(cache_key, 1, timeout=left + 1):
        return 1, left
    try:
        return cache.incr(cache_key), left
    except ValueError:
        # It expired between add() and incr(): this request starts the count again.
        cache.add(cache_key, 1, timeout=left + 1)
        return 1, left


def hit(scope: str, key: str, limit: Limit | None) -> int | None:
    """Count a request; return None if it is allowed, else the seconds until it would be."""
    if limit is None:
        return None
    count, left = _count(scope, key, limit)
    return left if count > limit.count else None


def client_ip(request: HttpRequest) -> str:
    """Return the client's address; X-Forwarded-For only when the proxy is trusted."""
    if getattr(settings, "RATE_LIMIT_TRUST_FORWARDED", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        first = forwarded.split(",")[0].strip()
        if first:
            return first
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def too_many(retry_after: int, *, json: bool) -> HttpResponse:
    """Return 429 with Retry-After: JSON for the API, a short Danish page for people."""
    seconds = max(1, int(retry_after))
    message = _("For mange forespørgsler. Prøv igen om %(seconds)d sekunder.") % {
        "seconds": seconds
    }
    response: HttpResponse
    if json:
        response = JsonResponse({"detail": message}, status=429)
    else:
        title = escape(_("For mange forsøg"))
        text = escape(
            _(
                "Du har prøvet at logge ind for mange gange på kort tid. Vent %(seconds)d "
                "sekunder, og prøv igen."
            )
            % {"seconds": seconds}
        )
        html = (
            f'<!DOCTYPE html>\n<html lang="{escape(get_language() or "da")}">\n'
            '<head><meta charset="utf-8"><meta name="viewport" '
            'content="width=device-width, initial-scale=1">'
            f"<title>{title} – Opfølgning</title></head>\n"
            f"<body><main><h1>{title}</h1><p>{text}</p></main></body>\n</html>\n"
        )
        response = HttpResponse(html, status=429, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


def _bearer(request: HttpRequest) -> str:
    scheme, _sep, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class RateLimitMiddleware:
    """Answer 429 before routing when the API or the sign-in form is asked too often."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        if request.path_info.startswith("/api/"):
            return self._api(request)
        if request.method == "POST" and request.path == reverse("login"):
            limit = _limit_from(getattr(settings, "RATE_LIMIT_LOGIN", ""))
            username = str(request.POST.get("username", "")).strip().casefold()
            wait = hit("login", client_ip(request), limit)
            if wait is None and username:
                wait = hit("login-user", username, limit)
            if wait is not None:
                return too_many(wait, json=False)
        return self.get_response(request)

    def _api(self, request: HttpRequest) -> Any:
        limit = _limit_from(getattr(settings, "RATE_LIMIT_API", ""))
        if limit is None:
            return self.get_response(request)
        ip = client_ip(request)
        token = _bearer(request)
        if token:
            wide = Limit(limit.count * _TOKEN_IP_FACTOR, limit.seconds)
            wait = hit("api-ip", ip, wide)
            if wait is not None:
                return too_many(wait, json=True)
            key = "token:" + hashlib.sha256(token.encode()).hexdigest()
        else:
            key = "ip:" + ip
        count, left = _count("api", key, limit)
        if count > limit.count:
            response = too_many(left, json=True)
        else:
            response = self.get_response(request)
        response["RateLimit-Limit"] = str(limit.count)
        response["RateLimit-Remaining"] = str(max(0, limit.count - count))
        response["RateLimit-Reset"] = str(left)
        return response
