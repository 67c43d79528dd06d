"""Rate limits with the `limits` library: the anonymous routes (chat, sheets, PDF), the desk's
logins and hand-over codes (api/login_guard.py, api/routes_agent.py).

Counted per client address and, for the chat, per sender too, in a moving window. The counts
live in memory by default (each process its own) and in Redis in production mode
(RATE_LIMIT_STORAGE=redis://…, which api/stack.py sets), shared by every worker. Keys are
keyed hashes: neither an address nor a sender id is stored in clear. If the store cannot be
reached, the request is let through (and logged): a limit never takes the service down.
The SMS channel has its own limit, per sender in the database (api/sms_store.py).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import threading
import time
from functools import cache

from fastapi import Request
from limits import RateLimitItem, parse, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from api.settings import get_settings

log = logging.getLogger("mesdroits.limits")
NAMESPACE = "mesdroits"


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def wait_text(seconds: int) -> str:
    """« 5 secondes », « 15 minutes », « 3 heures »."""
    if seconds < 60:
        return f"{seconds} seconde{'s' if seconds > 1 else ''}"
    if seconds <= 2 * 3600:
        minutes = math.ceil(seconds / 60)
        return f"{minutes} minute{'s' if minutes > 1 else ''}"
    return f"{math.ceil(seconds / 3600)} heures"


def retry_message(seconds: int) -> str:
    return f"Trop de demandes en peu de temps : réessayez dans {wait_text(seconds)}."


_STORAGE_LOCK = threading.Lock()


def _storage(uri: str) -> Storage:
    # Made once, under a lock: the first requests arrive together on the thread pool, and
    # `limits` imports its Redis client lazily (concurrent first imports raised
    # ConfigurationError, a 500 for each of those requests).
    with _STORAGE_LOCK:
        return _storage_for(uri)


@cache
def _storage_for(uri: str) -> Storage:
    options = {"socket_connect_timeout": 1, "socket_timeout": 1} if "redis" in uri else {}
    return storage_from_string(uri, **options)


@cache
def _limit(text: str) -> RateLimitItem:
    return parse(text)


@cache
def _limits(text: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(text))


def _limiter() -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(_storage(get_settings().rate_limit_storage))


def _hashed(kind: str, value: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def keyed(kind: str, value: str) -> str:
    """A keyed hash (HMAC-SHA-256 with the secret key) of a value that is not to be stored."""
    return _hashed(kind, value)


def client_address(request: Request) -> str:
    """The peer, or X-Forwarded-For's client when the peer is one of TRUSTED_PROXIES
    (api/client_address.py, README « Production »)."""
    return request.client.host if request.client else "?"


def hit(route: str, limit: str, kind: str, value: str) -> None:
    """Count one request; RateLimited (seconds to wait) past the limit."""
    item, limiter = _limit(limit), _limiter()
    key = (NAMESPACE, route, kind, _hashed(kind, value))
    try:
        if limiter.hit(item, *key):
            return
        reset = limiter.get_window_stats(item, *key).reset_time
    except Exception as error:  # the store unreachable: let the request through
        log.warning("rate limit store unavailable: %s", type(error).__name__)
        return
    raise RateLimited(max(1, math.ceil(reset - time.time())))


def limit_client(request: Request, route: str, limit: str) -> None:
    hit(route, limit, "client", client_address(request))


class Bucket:
    """One count kept under several windows at once (« 5/15 minutes;10/hour »: a backoff)."""

    def __init__(self, route: str, limits: str, kind: str, value: str) -> None:
        self.items = _limits(limits)
        self.key = (NAMESPACE, route, kind, _hashed(kind, value))

    def wait(self) -> int:
        """Seconds before one more would be allowed (0: allowed now, or the store is away)."""
        limiter, wait = _limiter(), 0.0
        try:
            for item in self.items:
                if not limiter.test(item, *self.key):
                    reset = limiter.get_window_stats(item, *self.key).reset_time
                    wait = max(wait, reset - time.time(), 1)
        except Exception as error:  # the store unreachable: let the request through
            log.warning("rate limit store unavailable: %s", type(error).__name__)
            return 0
        return math.ceil(wait)

    def count(self) -> None:
        limiter = _limiter()
        try:
            for item in self.items:
                limiter.hit(item, *self.key)
        except Exception as error:
            log.warning("rate limit store unavailable: %s", type(error).__name__)

    def forget(self) -> None:
        limiter = _limiter()
        try:
            for item in self.items:
                limiter.clear(item, *self.key)
        except Exception as error:
            log.warning("rate limit store unavailable: %s", type(error).__name__)

    def first(self) -> bool:
        """Count one; True if it was within the limits (« at most once a minute »)."""
        limiter = _limiter()
        try:
            return all([limiter.hit(item, *self.key) for item in self.items])
        except Exception as error:
            log.warning("rate limit store unavailable: %s", type(error).__name__)
            return True
