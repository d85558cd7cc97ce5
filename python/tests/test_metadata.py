"""Per-case metadata (the editing requirement) from the client and adapters to /v1/rewards, against a fake server
that records what was sent."""

from __future__ import annotations

import asyncio

import pytest
from conftest import echo_rewards

from editjudge_client import EditJudgeClient
from editjudge_client.flow_grpo import make_reward_fn
from editjudge_client.trl import make_trl_reward
from editjudge_client.verl_omni import compute_score

SRC = b"source"


def sent_groups(server) -> list:
    [request] = server.requests
    return request.body["groups"]


def test_client_sends_each_groups_metadata(fake_server):
    server = fake_server(lambda n, r: echo_rewards(r.body))
    client = EditJudgeClient(server.url)
    client([SRC, SRC], ["make it brighter"] * 2, [[b"a"], [b"b"]],
           metadata=[{"requirement": "only the sky"}, None])
    first, second = sent_groups(server)
    assert first["metadata"] == {"requirement": "only the sky"}
    assert "metadata" not in second
    with pytest.raises(ValueError, match="2 sources but 1 metadata entries"):
        client([SRC, SRC], ["x"] * 2, [[b"a"], [b"b"]], metadata=[{}])


def test_flow_grpo_reward_fn_sends_the_requirement_and_splits_groups_by_it(fake_server):
    server = fake_server(lambda n, r: echo_rewards(r.body))
    reward_fn = make_reward_fn(server.url)
    metadata = [{"requirement": "sky"}, {"requirement": "sky"}, {"requirement": "tree"}, {}]
    scores, info = reward_fn([b"a", b"b", b"c", b"d"], ["make it brighter"] * 4, metadata, [SRC] * 4)
    assert scores == [0.5] * 4
    groups = sent_groups(server)
    # Same source and prompt, but three requirements (one absent): three groups, never merged.
    assert [g.get("metadata") for g in groups] == [{"requirement": "sky"}, {"requirement": "tree"}, None]
    assert [len(g["candidates"]) for g in groups] == [2, 1, 1]
    assert info["group"] == [0, 0, 1, 2]


def test_flow_grpo_sends_only_the_requirement_of_the_metadata(fake_server):
    server = fake_server(lambda n, r: echo_rewards(r.body))
    make_reward_fn(server.url)([b"a"], ["x"], [{"source": SRC, "group": 7, "requirement": "sky", "other": 1}])
    [group] = sent_groups(server)
    assert group["metadata"] == {"requirement": "sky"}


def test_flow_grpo_refuses_an_explicit_group_with_two_requirements_and_a_non_str_requirement(fake_server):
    server = fake_server(lambda n, r: echo_rewards(r.body))
    reward_fn = make_reward_fn(server.url)
    with pytest.raises(ValueError, match="samples 0 and 1 share group 'p' but not their metadata"):
        reward_fn([b"a", b"b"], ["x", "x"], [{"group": "p", "requirement": "sky"},
                                              {"group": "p", "requirement": "tree"}], [SRC, SRC])
    with pytest.raises(ValueError, match=r"metadata\[0\]\['requirement'\] is an int, not a str"):
        reward_fn([b"a"], ["x"], [{"requirement": 3}], [SRC])
    assert server.requests == []


def test_trl_reward_sends_the_requirement_column(fake_server):
    server = fake_server(lambda n, r: echo_rewards(r.body))
    reward = make_trl_reward(server.url)
    reward(["x", "x", "x"], [b"a", b"b", b"c"], image=[SRC] * 3, requirement=["sky", "tree", None])
    assert [g.get("metadata") for g in sent_groups(server)] == [{"requirement": "sky"}, {"requirement": "tree"},
                                                               None]
    with pytest.raises(ValueError, match="no 'needs' column"):
        make_trl_reward(server.url, requirement_column="needs")(["x"], [b"a"], image=[SRC])


def test_verl_omni_sends_extra_info_requirement(fake_server):
    server = fake_server(lambda n, r: echo_rewards(r.body))
    out = asyncio.run(compute_score(b"a", "x", server.url, {"image": SRC, "requirement": "sky"}, transport="thread"))
    assert out["score"] == 0.5
    assert sent_groups(server)[0]["metadata"] == {"requirement": "sky"}
