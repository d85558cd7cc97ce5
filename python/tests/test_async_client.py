"""AsyncEditJudgeClient on each transport installed here (thread always; aiohttp and httpx when present)."""

from __future__ import annotations

import asyncio
import importlib.util

import pytest
from conftest import Reply, echo_rewards, error_reply

from editjudge_client import AsyncEditJudgeClient, RewardServerError, RewardServerTimeout
from editjudge_client.async_client import pick_transport

TRANSPORTS = [
    pytest.param(name, marks=pytest.mark.skipif(
        name != "thread" and importlib.util.find_spec(name) is None,
        reason=f"{name} is not installed (pip install 'editjudge-client[{name}]')"))
    for name in ("thread", "aiohttp", "httpx")
]


def group(i: int) -> dict:
    return {"id": i, "source": "c3Jj", "instruction": "make it brighter", "candidates": ["YQ==", "Yg=="]}


async def call(url: str, transport: str, **options):
    async with AsyncEditJudgeClient(url, token="tok", transport=transport, **options) as client:
        return await client.rewards([group(0), group(1)])


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_rewards_with_retries_of_a_busy_server(fake_server, transport):
    busy = error_reply(503, "server_busy", "busy", **{"Retry-After": "0"})
    server = fake_server(lambda n, r: busy if n == 0 else Reply(drop=True) if n == 1 else echo_rewards(r.body))
    out = asyncio.run(call(server.url, transport, backoff=0.01))
    assert [g["id"] for g in out] == [0, 1]
    assert len(server.requests) == 3
    assert server.requests[-1].headers["Authorization"] == "Bearer tok"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_errors_and_read_timeouts(fake_server, transport):
    bad = fake_server(lambda n, r: error_reply(422, "invalid_request", "nope"))
    with pytest.raises(RewardServerError, match="HTTP 422.*invalid_request: nope"):
        asyncio.run(call(bad.url, transport))
    slow = fake_server(lambda n, r: Reply(200, b"{}", delay=2.0))
    with pytest.raises(RewardServerTimeout, match="0.3 s read timeout"):
        asyncio.run(call(slow.url, transport, timeout=(5, 0.3)))
    assert len(slow.requests) == 1


def test_a_named_transport_that_is_missing_is_an_error():
    missing = [name for name in ("aiohttp", "httpx") if importlib.util.find_spec(name) is None]
    if not missing:
        pytest.skip("aiohttp and httpx are both installed")
    with pytest.raises(ValueError, match=rf'needs the {missing[0]} package: pip install "editjudge-client\['):
        pick_transport(missing[0])  # type: ignore[arg-type]
    assert pick_transport("auto") in ("aiohttp", "httpx", "thread")
