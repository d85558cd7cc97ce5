"""The trainer adapters against a real `editjudge serve --judge checks`: a brightened edit must score above a
darkened one for "make it brighter", and a sample that is not an image must never get a silent number."""

from __future__ import annotations

import asyncio
import math
from types import SimpleNamespace

import pytest

from editjudge_client import NoReward
from editjudge_client.flow_factory import EditJudgeRewardModel, RewardOutput
from editjudge_client.flow_grpo import make_reward_fn
from editjudge_client.trl import make_trl_reward, prompt_text
from editjudge_client.verl_omni import compute_score

BRIGHTER = "make it brighter"


def test_flow_grpo_reward_fn_with_ref_images(server_url, photos):
    reward_fn = make_reward_fn(server_url)
    images = [photos["bright"], photos["dark"], b"not an image", photos["same"]]
    scores, info = reward_fn(images, [BRIGHTER] * 4, None, [photos["source"]] * 4, only_strict=True)
    assert scores[0] > scores[1]
    assert scores[0] > 0.5 > scores[1]
    assert math.isnan(scores[2]) and info["scored"] == [True, True, False, True]
    assert info["errors"][2]["code"] == "not_an_image"
    assert info["group"] == [0, 0, 0, 0] and info["advantages"][0] > 0 > info["advantages"][1]
    multi, _ = make_reward_fn(server_url, as_multi_score=True)(images, [BRIGHTER] * 4,
                                                                 [{"source": photos["source"]}] * 4)
    assert multi["avg"][:2] == scores[:2]


def test_verl_omni_compute_score_reads_the_source_from_extra_info(server_url, photos):
    async def run():
        bright = await compute_score(photos["bright"], BRIGHTER, server_url, {"image": photos["source"]},
                                     data_source="edit")
        dark = await compute_score(photos["dark"], BRIGHTER, server_url=server_url,
                                   extra_info={"image": photos["source"]}, max_retries=1, retry_backoff=0.1)
        masked = await compute_score(b"not an image", BRIGHTER, server_url, {"image": photos["source"]},
                                     null_score=-1.0)
        return bright, dark, masked

    bright, dark, masked = asyncio.run(run())
    assert bright["score"] > dark["score"]
    assert set(bright) >= {"score", "instruction_following"}
    assert masked == {"score": -1.0, "scored": 0.0}
    with pytest.raises(NoReward, match="no reward for the edit 'make it brighter': not_an_image"):
        asyncio.run(compute_score(b"not an image", BRIGHTER, server_url, {"image": photos["source"]}))
    with pytest.raises(ValueError, match=r"extra_info\['image'\]"):
        asyncio.run(compute_score(photos["bright"], BRIGHTER, server_url, {}))


def test_flow_factory_reward_model_takes_the_source_from_condition_images(server_url, photos):
    assert "condition_images" in EditJudgeRewardModel.required_fields
    model = EditJudgeRewardModel(SimpleNamespace(server_url=server_url, timeout=(5, 120), retry_attempts=1))
    out = model(prompt=[BRIGHTER, BRIGHTER], image=[photos["bright"], photos["dark"]],
                condition_images=[[photos["source"]], [photos["source"]]])
    assert isinstance(out, RewardOutput) and out.rewards[0] > out.rewards[1]
    with pytest.raises(NoReward, match="no reward for sample 1 .*not_an_image.*set null_score"):
        model(prompt=[BRIGHTER] * 2, image=[photos["bright"], b"junk"], condition_images=[[photos["source"]]] * 2)
    masked = EditJudgeRewardModel(SimpleNamespace(server_url=server_url, null_score=float("nan")))
    rewards = masked(prompt=[BRIGHTER] * 2, image=[photos["bright"], b"junk"],
                     condition_images=[[photos["source"]]] * 2).rewards
    assert rewards[0] > 0.5 and math.isnan(rewards[1])
    with pytest.raises(ValueError, match="keep 'condition_images' in required_fields"):
        model(prompt=[BRIGHTER], image=[photos["bright"]])


def test_trl_reward_function_renders_completions_against_the_source_column(server_url, photos):
    edits = {"brighten": photos["bright"], "darken": photos["dark"]}
    reward = make_trl_reward(server_url, render=lambda completion, source: edits[completion[0]["content"]])
    assert reward.__name__ == "editjudge"
    prompts = [[{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": BRIGHTER}]}]] * 2
    completions = [[{"role": "assistant", "content": "brighten"}], [{"role": "assistant", "content": "darken"}]]
    scores = reward(prompts=prompts, completions=completions, image=[photos["source"]] * 2,
                    completion_ids=[[1], [2]], trainer_state=None)
    assert scores[0] is not None and scores[1] is not None and scores[0] > scores[1]
    as_none = make_trl_reward(server_url, null_score=None)
    assert as_none([BRIGHTER] * 2, [photos["bright"], b"junk"], image=[[photos["source"]]] * 2)[1] is None
    with pytest.raises(NoReward, match="sample 1"):
        make_trl_reward(server_url)([BRIGHTER] * 2, [photos["bright"], b"junk"], image=[photos["source"]] * 2)
    with pytest.raises(ValueError, match="no 'image' column"):
        reward(prompts=prompts, completions=completions, images=[photos["source"]] * 2)


def test_prompt_text_reads_plain_and_conversational_prompts():
    assert prompt_text("make it red") == "make it red"
    assert prompt_text([{"role": "system", "content": "x"}, {"role": "user", "content": "make it red"}]) == "make it red"
    with pytest.raises(ValueError, match="pass instruction_column"):
        prompt_text([{"role": "user", "content": [{"type": "image"}]}])
