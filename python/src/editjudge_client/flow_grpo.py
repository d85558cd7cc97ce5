"""A flow_grpo-style reward function: reward_fn(images, prompts, metadata, ref_images) -> (scores, info)."""

from __future__ import annotations

import math
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from .batch import Sample, plan_batch, spread_answer
from .client import EditJudgeClient
from .groups import requirement_metadata
from .images import batch_items

Score = Optional[float]
RewardFn = Callable[..., Tuple[Union[List[Score], Dict[str, List[Score]]], Dict[str, Any]]]


def make_reward_fn(server_url: Optional[str] = None, token: Optional[str] = None, judge: Optional[str] = None, *,
                   null_score: Optional[float] = math.nan, as_multi_score: bool = False,
                   client: Optional[EditJudgeClient] = None, **client_options: Any) -> RewardFn:
    """A Flow-GRPO reward function backed by the server:

        scores, info = reward_fn(images, prompts, metadata)              # sources in metadata[i]["source"]
        scores, info = reward_fn(images, prompts, metadata, ref_images)  # as flow_grpo's edit trainers pass them

    images: a torch tensor N×C×H×W in [0, 1], a numpy array N×H×W×C, or a list of images (see image_spec).
    metadata: one dict per sample (or None with ref_images): "source" (ignored when ref_images is given), "group"
    (optional: samples with equal "group" form one GRPO group; without it, samples sharing source, prompt and
    requirement do), "requirement" (optional: a str sent as the group's metadata, e.g. Edit-R1's editing
    requirement for the server's logit judge; the rest of the dict is not sent).
    only_strict, passed by flow_grpo, is ignored.

    scores: the reward of each sample, or null_score (NaN by default; never 0) where the judge gave none. info:
    "scored" (bools), "advantages" (the server's GRPO advantage, null_score where missing), "keep" (the group's
    flag), "train_advantages" (the advantage where it should train, else 0.0), "group", "groups", "errors",
    "dimensions". as_multi_score=True returns scores as {"avg": scores, "editjudge": scores}, flow_grpo's
    multi_score shape; its stat tracker is not NaN-aware, so drop or mask NaN samples first, or use
    info["train_advantages"]. client_options go to EditJudgeClient (timeout, retries, backoff, max_wait, keep,
    busy_retries)."""
    rewarder = client or EditJudgeClient(server_url, judge=judge, token=token, **client_options)

    def reward_fn(images: Any, prompts: Sequence[str], metadata: Optional[Sequence[Optional[Dict[str, Any]]]] = None,
                  ref_images: Any = None, only_strict: bool = True) -> Tuple[Any, Dict[str, Any]]:
        del only_strict  # flow_grpo passes it for GenEval; nothing to do here
        items = batch_items(images)
        n = len(items)
        prompts = list(prompts)
        if len(prompts) != n:
            raise ValueError(f"{n} images but {len(prompts)} prompts")
        metas: List[Dict[str, Any]] = [{}] * n if metadata is None else [m if m is not None else {} for m in metadata]
        if len(metas) != n:
            raise ValueError(f"{n} images but {len(metas)} metadata entries")
        sources = None if ref_images is None else batch_items(ref_images)
        if sources is not None and len(sources) != n:
            raise ValueError(f"{n} images but {len(sources)} ref_images")
        samples = []
        for i in range(n):
            if sources is not None:
                source = sources[i]
            elif "source" in metas[i]:
                source = metas[i]["source"]
            else:
                raise ValueError(f"sample {i} has no source image: pass ref_images or metadata[{i}]['source']")
            requirement = requirement_metadata(metas[i].get("requirement"), f"metadata[{i}]['requirement']")
            samples.append(Sample(items[i], source, prompts[i], metas[i].get("group"), requirement))
        plan = plan_batch(samples)
        answer = rewarder.rewards(plan.groups) if plan.groups else []
        results = spread_answer(plan, answer, n)

        def value(x: Optional[float]) -> Score:
            return null_score if x is None else x

        scores = [value(r.reward) for r in results]
        info: Dict[str, Any] = {
            "scored": [r.reward is not None for r in results],
            "advantages": [value(r.advantage) for r in results],
            "train_advantages": [r.advantage if r.keep and r.advantage is not None else 0.0 for r in results],
            "keep": [r.keep for r in results],
            "group": plan.sample_group,
            "groups": [
                {"id": group.get("id"), "mean": group.get("mean"), "std": group.get("std"),
                 "scored": group.get("scored"), "keep": group.get("keep"), "error": group.get("error"),
                 "indices": indices}
                for group, indices in zip(answer, plan.members)
            ],
            "errors": [r.error for r in results],
            "dimensions": [r.dimensions for r in results],
        }
        if as_multi_score:
            return {"avg": scores, "editjudge": scores}, info
        return scores, info

    reward_fn.client = rewarder  # type: ignore[attr-defined]
    return reward_fn
