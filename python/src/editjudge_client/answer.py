"""One HTTP answer, whichever library fetched it, and what the client reads from it."""

from __future__ import annotations

import email.utils
import json
import time
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    def header(self, name: str) -> Optional[str]:
        lower = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lower:
                return value
        return None

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def server_error(self) -> Optional[Dict[str, Any]]:
        """The server's {"code", "message"} error, if the answer is one."""
        try:
            error = self.json().get("error")
        except (ValueError, AttributeError, UnicodeDecodeError):
            return None
        return error if isinstance(error, dict) and "code" in error else None

    def describe(self) -> str:
        """`HTTP 400 Bad Request invalid_request: …` for the server's own errors, else the status and the start of
        the body."""
        status = f"HTTP {self.status} {self.reason or ''}".rstrip()
        error = self.server_error()
        if error is not None:
            return f"{status} {error.get('code')}: {error.get('message')}"
        kind = self.header("Content-Type") or "no Content-Type"
        return f"{status}, {kind} body: {_body_start(self.body)}"

    def retry_after(self) -> Optional[float]:
        """Seconds from a Retry-After header (delta-seconds or an HTTP date), if any."""
        value = self.header("Retry-After")
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())


def _body_start(body: bytes, limit: int = 200) -> str:
    text = body[:limit].decode("utf-8", errors="replace")
    more = "…" if len(body) > limit else ""
    return repr(text) + more if text else "(empty body)"
