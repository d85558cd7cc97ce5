"""EditJudgeClient against a scripted fake server: request shape, retries, limits and errors."""

from __future__ import annotations

import pytest
from conftest import Reply, echo_rewards, error_reply, free_port_url, json_reply

from editjudge_client import (
    EditJudgeClient,
    GroupReward,
    RequestTooLarge,
    RewardServerError,
    RewardServerTimeout,
)

HTML_502 = Reply(502, b"<html><title>502 Bad Gateway</title></html>", {"Content-Type": "text/html"})


def group(i: int, candidates: int = 2) -> dict:
    return {"id": f"g{i}", "source": "c3Jj", "instruction": "make it brighter", "candidates": ["YQ=="] * candidates}


def test_sends_groups_judge_keep_and_token_and_reads_the_answer(fake_server):
    server = fake_server(lambda n, r: echo_rewards(r.body))
    client = EditJudgeClient(server.url, judge="checks", token="s3cret", keep={"minStd": 0.1})
    [result] = client([b"source"], ["make it brighter"], [[b"a", b"b"]])
    assert isinstance(result, GroupReward)
    assert result.rewards == [0.5, 0.5] and result.keep is False
    [request] = server.requests
    assert request.path == "/v1/rewards"
    assert request.headers["Authorization"] == "Bearer s3cret"
    assert request.body["judge"] == "checks" and request.body["keep"] == {"minStd": 0.1}
    assert request.body["groups"][0]["candidates"] == ["YQ==", "Yg=="]  # base64 of b"a", b"b"


def test_retries_a_502_and_a_503_waiting_at_least_its_retry_after(fake_server):
    replies = [HTML_502, Reply(503, b"", {"Retry-After": "1"})]
    server = fake_server(lambda n, r: replies[n] if n < 2 else echo_rewards(r.body))
    out = EditJudgeClient(server.url, backoff=0.01).rewards([group(0)])
    assert [g["id"] for g in out] == ["g0"]
    first, second, third = (r.at for r in server.requests)
    assert third - second >= 0.95  # Retry-After: 1, over a 0.01 s backoff


def test_gives_up_after_the_bounded_retries_naming_status_and_body(fake_server):
    server = fake_server(lambda n, r: HTML_502)
    with pytest.raises(RewardServerError, match=r"HTTP 502 Bad Gateway, text/html body: '<html>.*after 3 attempts"):
        EditJudgeClient(server.url, retries=2, backoff=0.01).rewards([group(0)])
    assert len(server.requests) == 3


def test_server_busy_has_its_own_count(fake_server):
    busy = error_reply(503, "server_busy", "the server is busy", **{"Retry-After": "0"})
    server = fake_server(lambda n, r: busy if n < 4 else echo_rewards(r.body))
    assert len(EditJudgeClient(server.url, retries=1, backoff=0.01).rewards([group(0)])) == 1
    assert len(server.requests) == 5
    always = fake_server(lambda n, r: busy)
    with pytest.raises(RewardServerError, match="server_busy.*--max-server-megapixels") as error:
        EditJudgeClient(always.url, busy_retries=2, backoff=0.01).rewards([group(0)])
    assert error.value.code == "server_busy" and len(always.requests) == 3


def test_does_not_retry_an_answer(fake_server):
    teapot = fake_server(lambda n, r: error_reply(400, "invalid_request", "groups[0].instruction: too long"))
    with pytest.raises(RewardServerError, match="HTTP 400 Bad Request invalid_request: groups") as error:
        EditJudgeClient(teapot.url, backoff=0.01).rewards([group(0)])
    assert error.value.status == 400 and len(teapot.requests) == 1
    timeout = fake_server(lambda n, r: error_reply(504, "timeout", "the request took over 120000 ms"))
    with pytest.raises(RewardServerError, match="HTTP 504"):
        EditJudgeClient(timeout.url, backoff=0.01).rewards([group(0)])
    assert len(timeout.requests) == 1


def test_an_unexpected_200_body_is_an_error(fake_server):
    server = fake_server(lambda n, r: Reply(200, b"OK", {"Content-Type": "text/plain"}))
    with pytest.raises(RewardServerError, match="unexpected body: HTTP 200 OK, text/plain body: 'OK'"):
        EditJudgeClient(server.url).rewards([group(0)])
    short = fake_server(lambda n, r: json_reply(200, {"groups": []}))
    with pytest.raises(RewardServerError, match="unexpected body"):
        EditJudgeClient(short.url).rewards([group(0)])


def test_reports_a_server_nobody_listens_on():
    with pytest.raises(RewardServerError, match="unreachable after 2 attempts"):
        EditJudgeClient(free_port_url(), retries=1, backoff=0.01).rewards([group(0)])


def test_retries_a_dropped_connection(fake_server):
    server = fake_server(lambda n, r: Reply(drop=True) if n == 0 else echo_rewards(r.body))
    assert len(EditJudgeClient(server.url, backoff=0.01).rewards([group(0)])) == 1
    assert len(server.requests) == 2


def test_a_read_timeout_is_not_retried(fake_server):
    server = fake_server(lambda n, r: Reply(200, b"{}", delay=2.0))
    with pytest.raises(RewardServerTimeout, match="no answer within the 0.3 s read timeout"):
        EditJudgeClient(server.url, timeout=(5, 0.3)).rewards([group(0)])
    assert len(server.requests) == 1


def test_splits_a_request_the_server_finds_too_large(fake_server):
    def answer(n, request):
        if len(request.body["groups"]) > 2:
            return error_reply(413, "request_too_large", "more than 1.0 MP of decoded pixels")
        return echo_rewards(request.body)

    server = fake_server(answer)
    out = EditJudgeClient(server.url).rewards([group(i) for i in range(5)])
    assert [g["id"] for g in out] == [f"g{i}" for i in range(5)]
    assert [len(r.body["groups"]) for r in server.requests] == [5, 2, 3, 1, 2]


def test_names_a_group_too_large_on_its_own(fake_server):
    server = fake_server(lambda n, r: error_reply(413, "request_too_large", "more than 1.0 MP of decoded pixels."))
    with pytest.raises(RewardServerError, match=r"group 'g0' \(2 candidates\) is too large for one request on its "
                                                r"own: .*413 request_too_large: more than 1.0 MP") as error:
        EditJudgeClient(server.url).rewards([group(0)])
    assert not isinstance(error.value, RequestTooLarge)


def test_sends_at_most_1024_groups_per_request_and_refuses_65_candidates(fake_server):
    server = fake_server(lambda n, r: echo_rewards(r.body))
    out = EditJudgeClient(server.url).rewards([group(i, 1) for i in range(1025)])
    assert len(out) == 1025 and [len(r.body["groups"]) for r in server.requests] == [1024, 1]
    with pytest.raises(ValueError, match="has 65 candidates; the server takes at most 64"):
        EditJudgeClient(server.url).rewards([group(0, 65)])
    assert len(server.requests) == 2


def test_refuses_a_missing_timeout():
    with pytest.raises(ValueError, match="timeout must be set"):
        EditJudgeClient("http://127.0.0.1:1", timeout=None)  # type: ignore[arg-type]
