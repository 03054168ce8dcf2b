"""Per-key write rate limiting: a token bucket per key, in this process's memory.

Each worker process keeps its own buckets, so with N workers a key may write up to N times the
configured rate in the worst case; the limit is a guard against runaway scripts, not a quota.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Allows `count` requests per `period` seconds per key, in bursts of up to `count`."""

    def __init__(self, count: int, period: float) -> None:
        self.capacity = float(count)
        self.refill_per_second = count / period
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str, now: float | None = None) -> float:
        """Take one token for `key`: 0.0 if allowed, else the seconds to wait before retrying."""
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.setdefault(key, _Bucket(tokens=self.capacity, updated=now))
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.refill_per_second)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.refill_per_second


def retry_after_header(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
