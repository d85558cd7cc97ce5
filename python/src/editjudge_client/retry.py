"""When to retry a /v1/rewards call and how long to wait: one policy for the sync and the async client."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .answer import Answer
from .errors import RequestTooLarge, RewardServerError

# Worth retrying: rate limiting, and a proxy or the server saying "not now". Anything else is an answer; 504 too:
# the server's 504 `timeout` comes after its own per-request time limit and would most likely come again.
TRANSIENT_STATUSES = frozenset({429, 502, 503})
# 413 codes meaning "this request is too big", which sending fewer groups per request fixes.
SPLIT_CODES = frozenset({"request_too_large", "body_too_large"})


@dataclass(frozen=True)
class RetryPolicy:
    """retries: how often a transient failure (connection error, 429, 502, 503) is retried; busy_retries: the same
    for 503 server_busy, counted on its own because it clears as the server's requests in flight finish. The wait
    is backoff · 2^attempt seconds plus up to 25 % jitter, at least the server's Retry-After, at most max_wait."""

    retries: int = 3
    busy_retries: int = 8
    backoff: float = 1.0
    max_wait: float = 30.0

    def __post_init__(self) -> None:
        for name in ("retries", "busy_retries"):
            if int(getattr(self, name)) < 0:
                raise ValueError(f"{name} must be 0 or more, got {getattr(self, name)}")
        if self.backoff < 0 or self.max_wait < 0:
            raise ValueError("backoff and max_wait must be 0 or more seconds")


class Attempts:
    """The failures of one call so far, and the wait before the next try (raises when the policy says stop)."""

    def __init__(self, policy: RetryPolicy, url: str):
        self.policy = policy
        self.url = url
        self.failed = 0
        self.busy = 0

    def _wait(self) -> float:
        attempt = self.failed + self.busy - 1
        return min(self.policy.max_wait, self.policy.backoff * 2.0**attempt * (1.0 + 0.25 * random.random()))

    def after_connection_error(self, error: BaseException) -> float:
        """Refused, reset, DNS, connect timeout, or the connection dropped in the middle of the answer."""
        self.failed += 1
        if self.failed > self.policy.retries:
            raise RewardServerError(f"reward server {self.url} unreachable after {self.failed} attempts: {error}",
                                    url=self.url) from error
        return self._wait()

    def after_answer(self, answer: Answer) -> float:
        """An answer other than 200: the wait before retrying it, or the error to raise."""
        error = answer.server_error()
        code = str(error.get("code")) if error is not None else None
        if answer.status == 413 and error is not None and code in SPLIT_CODES:
            raise RequestTooLarge(f"reward server {self.url} answered {answer.describe()}", url=self.url,
                                  code=str(code), server_message=str(error.get("message")))
        if answer.status not in TRANSIENT_STATUSES:  # an answer, not a hiccup: retrying won't help
            raise RewardServerError(f"reward server {self.url} answered {answer.describe()}", url=self.url,
                                    status=answer.status, code=code)
        if answer.status == 503 and code == "server_busy":
            self.busy += 1
            if self.busy > self.policy.busy_retries:
                raise RewardServerError(
                    f"reward server {self.url} still answered {answer.describe()} after {self.busy} tries; send "
                    "fewer images per request, or start the server with a larger --max-server-megapixels",
                    url=self.url, status=503, code=code)
        else:
            self.failed += 1
            if self.failed > self.policy.retries:
                raise RewardServerError(
                    f"reward server {self.url} still answered {answer.describe()} after {self.failed} attempts",
                    url=self.url, status=answer.status, code=code)
        wait = self._wait()
        retry_after = answer.retry_after()
        if retry_after is not None:
            wait = min(self.policy.max_wait, max(wait, retry_after))
        return wait
