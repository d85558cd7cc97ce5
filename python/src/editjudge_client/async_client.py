"""The /v1/rewards client for asyncio code (verl-omni's async reward functions, TRL's async reward functions).

Transport: aiohttp when installed (`pip install "editjudge-client[aiohttp]"`), else httpx (`[httpx]`), else the
`requests` client in a worker thread. The retry policy, limits and errors are the sync client's."""

from __future__ import annotations

import asyncio
import importlib.util
import json
from typing import Any, Dict, List, Literal, Optional, Sequence

from .answer import Answer
from .client import EditJudgeClient, Timeout, default_token, default_url
from .errors import RequestTooLarge, RewardServerError, RewardServerTimeout
from .groups import (
    MAX_GROUPS_PER_REQUEST,
    GroupAnswer,
    RewardGroup,
    check_group_sizes,
    read_groups,
    request_body,
    too_large_alone,
)
from .retry import Attempts, RetryPolicy

Transport = Literal["auto", "aiohttp", "httpx", "thread"]


def pick_transport(transport: Transport = "auto") -> Literal["aiohttp", "httpx", "thread"]:
    """The transport to use: the one named (an error if its package is missing), or the first installed."""
    if transport == "thread":
        return "thread"
    for name in ("aiohttp", "httpx"):
        if transport in ("auto", name) and importlib.util.find_spec(name) is not None:
            return name  # type: ignore[return-value]
    if transport != "auto":
        raise ValueError(f'transport "{transport}" needs the {transport} package: '
                         f'pip install "editjudge-client[{transport}]", or pass transport="auto"')
    return "thread"


class AsyncEditJudgeClient:
    """EditJudgeClient for asyncio: `await client.rewards(groups)`. Same options, plus `transport`. Close it with
    `await client.close()` (or `async with`) to free its connection pool."""

    def __init__(self, url: Optional[str] = None, judge: Optional[str] = None, token: Optional[str] = None, *,
                 timeout: Timeout = (10.0, 300.0), retries: int = 3, backoff: float = 1.0, max_wait: float = 30.0,
                 keep: Optional[Dict[str, float]] = None, busy_retries: int = 8, transport: Transport = "auto"):
        if timeout is None:
            raise ValueError("timeout must be set: a request without one can hang training for ever")
        self.url = (url or default_url()).rstrip("/")
        self.judge = judge
        self.token = token if token is not None else default_token()
        self.timeout = timeout
        self.keep = keep
        self.policy = RetryPolicy(retries=int(retries), busy_retries=int(busy_retries), backoff=float(backoff),
                                  max_wait=float(max_wait))
        self.transport = pick_transport(transport)
        self._session: Any = None
        self._sync: Optional[EditJudgeClient] = None

    async def __aenter__(self) -> "AsyncEditJudgeClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        if self.transport == "aiohttp":
            await session.close()
        else:
            await session.aclose()

    async def rewards(self, groups: Sequence[RewardGroup]) -> List[GroupAnswer]:
        """POST /v1/rewards with ready-made groups; the answer's groups, in order (see EditJudgeClient.rewards)."""
        check_group_sizes(groups)
        if self.transport == "thread":
            return await asyncio.to_thread(self._sync_client().rewards, list(groups))
        out: List[GroupAnswer] = []
        for start in range(0, len(groups), MAX_GROUPS_PER_REQUEST):
            out.extend(await self._split(list(groups[start : start + MAX_GROUPS_PER_REQUEST])))
        return out

    def _sync_client(self) -> EditJudgeClient:
        if self._sync is None:
            p = self.policy
            self._sync = EditJudgeClient(self.url, self.judge, self.token or "", timeout=self.timeout,
                                         retries=p.retries, backoff=p.backoff, max_wait=p.max_wait, keep=self.keep,
                                         busy_retries=p.busy_retries)
        return self._sync

    async def _split(self, groups: List[RewardGroup]) -> List[GroupAnswer]:
        try:
            return await self._once(groups)
        except RequestTooLarge as error:
            if len(groups) > 1:
                half = len(groups) // 2
                return await self._split(groups[:half]) + await self._split(groups[half:])
            raise too_large_alone(groups[0], error) from None

    async def _once(self, groups: List[RewardGroup]) -> List[GroupAnswer]:
        url = self.url + "/v1/rewards"
        body = json.dumps(request_body(groups, self.judge, self.keep)).encode("utf-8")
        attempts = Attempts(self.policy, url)
        while True:
            try:
                answer = await self._post(url, body)
            except RewardServerError:
                raise
            except _ReadTimeout as error:
                raise RewardServerTimeout(
                    f"reward server {url} sent no answer within the {self._read_timeout()} s read timeout; it may "
                    "still be working on the batch. Pass a larger read timeout (timeout=(connect, read) seconds) "
                    "or send smaller batches", url=url) from error.__cause__
            except _ConnectionFailed as error:
                wait = attempts.after_connection_error(error.__cause__ or error)
            else:
                if answer.status == 200:
                    return read_groups(answer, groups, url)
                wait = attempts.after_answer(answer)
            await asyncio.sleep(wait)

    def _read_timeout(self) -> float:
        return self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout

    def _headers(self) -> Dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    async def _post(self, url: str, body: bytes) -> Answer:
        connect = self.timeout[0] if isinstance(self.timeout, tuple) else self.timeout
        read = self._read_timeout()
        if self.transport == "aiohttp":
            import aiohttp

            if self._session is None:
                self._session = aiohttp.ClientSession()
            try:
                async with self._session.post(
                    url, data=body, headers=self._headers(),
                    timeout=aiohttp.ClientTimeout(sock_connect=connect, sock_read=read),
                ) as response:
                    data = await response.read()
                    return Answer(response.status, response.reason or "", data, dict(response.headers))
            except aiohttp.ServerTimeoutError as error:
                if isinstance(error, aiohttp.ServerTimeoutError) and "connect" in str(error).lower():
                    raise _ConnectionFailed() from error
                raise _ReadTimeout() from error
            except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, asyncio.TimeoutError) as error:
                raise _ConnectionFailed() from error
        import httpx

        if self._session is None:
            self._session = httpx.AsyncClient()
        try:
            response = await self._session.post(
                url, content=body, headers=self._headers(),
                timeout=httpx.Timeout(read, connect=connect),
            )
        except httpx.ReadTimeout as error:
            raise _ReadTimeout() from error
        except httpx.TransportError as error:  # connect errors and timeouts, dropped connections
            raise _ConnectionFailed() from error
        return Answer(response.status_code, response.reason_phrase or "", response.content, dict(response.headers))


class _ReadTimeout(Exception):
    pass


class _ConnectionFailed(Exception):
    pass
