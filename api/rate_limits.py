"""Rate limits on the anonymous routes (chat, sheets, PDF), with the `limits` library.

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
import time
from functools import cache

from fastapi import Request
from limits import RateLimitItem, parse
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from api.settings import get_settings

log = logging.getLogger("mesdroits.limits")
NAMESPACE = "mesdroits"


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def retry_message(seconds: int) -> str:
    if seconds < 60:
        wait = f"{seconds} seconde{'s' if seconds > 1 else ''}"
    else:
        minutes = math.ceil(seconds / 60)
        wait = f"{minutes} minute{'s' if minutes > 1 else ''}"
    return f"Trop de demandes en peu de temps : réessayez dans {wait}."


@cache
def _storage(uri: str) -> Storage:
    options = {"socket_connect_timeout": 1, "socket_timeout": 1} if "redis" in uri else {}
    return storage_from_string(uri, **options)


@cache
def _limit(text: str) -> RateLimitItem:
    return parse(text)


def _limiter() -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(_storage(get_settings().rate_limit_storage))


def _hashed(kind: str, value: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def client_address(request: Request) -> str:
    """The address uvicorn gives (from X-Forwarded-For only when the peer is one of its
    --forwarded-allow-ips, 127.0.0.1 by default: README, « Production »)."""
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
