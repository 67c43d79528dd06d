"""Rasa's Redis lock store with an atomic lock. Loaded by Rasa from bot/endpoints.postgres.yml.

Rasa 3.6's RedisLockStore keeps a list of tickets in one Redis value that every process reads,
changes and writes back without a transaction. Two processes handling the same conversation at
the same instant can write back a finished ticket; the waiting turn then waits for it to expire
(60 s) — seen in tests/fullstack/test_production.py. Here the lock is redis-py's own lock (SET NX
with an expiry, released by a script that checks the owner): one turn of a conversation at a
time, across every Rasa process.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import redis
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

log = logging.getLogger(__name__)
POLL_SECONDS = 0.01  # Rasa's own store polls every second: a waiting turn would lose a second


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncIterator[Any]:
        mutex = self.red.lock(f"{self.key_prefix}{conversation_id}:mutex",
                              timeout=lock_lifetime)
        deadline = time.monotonic() + lock_lifetime
        try:
            while not mutex.acquire(blocking=False):
                if time.monotonic() > deadline:
                    raise LockError("conversation still locked after its lifetime")
                await asyncio.sleep(POLL_SECONDS)
        except redis.exceptions.RedisError as error:
            raise LockError(f"lock store unreachable: {type(error).__name__}") from None
        try:
            yield mutex
        finally:
            try:
                mutex.release()
            except redis.exceptions.LockError:
                log.warning("a turn outlived its lock (%s s)", lock_lifetime)
