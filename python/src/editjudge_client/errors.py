"""The errors the client raises: each names the server, what it answered and what to do."""

from __future__ import annotations

from typing import Optional


class RewardServerError(RuntimeError):
    """The reward server could not give rewards: unreachable, an error status, or an answer that is not the expected
    JSON. `status` is the HTTP status (None when there was no answer); `code` the server's error code, if any."""

    def __init__(self, message: str, *, url: str, status: Optional[int] = None, code: Optional[str] = None):
        super().__init__(message)
        self.url = url
        self.status = status
        self.code = code


class RequestTooLarge(RewardServerError):
    """413 request_too_large or body_too_large: the request holds more than the server takes at once.
    `server_message` is the server's own text."""

    def __init__(self, message: str, *, url: str, code: str, server_message: str):
        super().__init__(message, url=url, status=413, code=code)
        self.server_message = server_message


class RewardServerTimeout(RewardServerError):
    """No answer within the read timeout. Not retried: the server may still be working on the request."""


class NoReward(RuntimeError):
    """The judge gave no reward for a sample (it abstained, or the sample failed) where the trainer needs a number.
    `code` and `reason` are the server's."""

    def __init__(self, message: str, *, index: int, code: Optional[str], reason: Optional[str]):
        super().__init__(message)
        self.index = index
        self.code = code
        self.reason = reason
