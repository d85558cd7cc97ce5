"""A trainer's flat batch (one candidate, source and prompt per sample) as /v1/rewards groups, and back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Hashable, List, Optional, Sequence, Tuple

from .groups import MAX_CANDIDATES_PER_GROUP, GroupAnswer, RewardGroup, ServerError
from .images import ImageSpec, image_spec


@dataclass
class Sample:
    """One sample of a batch: the edited image, its source, its instruction, optionally an explicit group key
    (samples sharing it form one GRPO group) and the case metadata its group sends (e.g. {"requirement": …})."""

    candidate: Any
    source: Any
    instruction: str
    group: Optional[Hashable] = None
    metadata: Optional[Dict[str, Any]] = None


@dataclass
class BatchPlan:
    groups: List[RewardGroup] = field(default_factory=list)
    members: List[List[int]] = field(default_factory=list)
    sample_group: List[int] = field(default_factory=list)


def plan_batch(samples: Sequence[Sample]) -> BatchPlan:
    """Groups in order of first appearance: by `group` where given, else by (source content, instruction,
    metadata), so samples with different requirements never share a group. Each source is encoded once per
    object; samples are grouped by content, not object identity."""
    plan = BatchPlan(sample_group=[0] * len(samples))
    by_key: Dict[Tuple[Any, ...], int] = {}
    encoded: Dict[int, Tuple[Any, ImageSpec]] = {}
    for i, sample in enumerate(samples):
        if id(sample.source) not in encoded:  # keep the object alive so its id stays unique
            encoded[id(sample.source)] = (sample.source, image_spec(sample.source))
        spec = encoded[id(sample.source)][1]
        source_key = spec if isinstance(spec, str) else repr(sorted(spec.items()))
        meta = sample.metadata or None
        meta_key = None if meta is None else json.dumps(meta, sort_keys=True, default=repr)
        key = (("group", sample.group) if sample.group is not None
               else ("source", source_key, sample.instruction, meta_key))
        g = by_key.get(key)
        if g is None:
            g = by_key[key] = len(plan.groups)
            group: RewardGroup = {"id": g, "source": spec, "instruction": sample.instruction, "candidates": []}
            if meta is not None:
                group["metadata"] = dict(meta)
            plan.groups.append(group)
            plan.members.append([])
        elif plan.groups[g]["instruction"] != sample.instruction or plan.groups[g]["source"] != spec:
            raise ValueError(f"samples {plan.members[g][0]} and {i} share group {sample.group!r} "
                             "but not their source image and prompt")
        elif plan.groups[g].get("metadata") != meta:
            raise ValueError(f"samples {plan.members[g][0]} and {i} share group {sample.group!r} "
                             "but not their metadata (requirement): give them different groups")
        plan.groups[g]["candidates"].append(image_spec(sample.candidate))
        plan.members[g].append(i)
        plan.sample_group[i] = g
    for g, indices in enumerate(plan.members):
        if len(indices) > MAX_CANDIDATES_PER_GROUP:
            first = indices[0]
            what = (f"group {samples[first].group!r}" if samples[first].group is not None
                    else "the samples sharing one source image and prompt")
            raise ValueError(
                f"group {g} ({what}, prompt {samples[first].instruction!r}, samples {first}, {indices[1]}, …) has "
                f"{len(indices)} samples; the server takes at most {MAX_CANDIDATES_PER_GROUP} candidates per "
                "group: sample fewer images per prompt")
    return plan


@dataclass
class SampleResult:
    """What the server said about one sample: reward and advantage (None where it gave none), the group's keep
    flag, the sample's error and dimension scores."""

    reward: Optional[float] = None
    advantage: Optional[float] = None
    keep: bool = False
    error: Optional[ServerError] = None
    dimensions: Optional[Dict[str, Optional[float]]] = None


def spread_answer(plan: BatchPlan, answer: Sequence[GroupAnswer], n: int) -> List[SampleResult]:
    """The answer's groups back onto the batch's samples, in the batch's order."""
    results = [SampleResult() for _ in range(n)]
    for group, indices in zip(answer, plan.members):
        for candidate, i in zip(group["candidates"], indices):
            reward, advantage = candidate.get("reward"), candidate.get("advantage")
            results[i] = SampleResult(
                reward=None if reward is None else float(reward),
                advantage=None if advantage is None else float(advantage),
                keep=bool(group.get("keep")),
                error=candidate.get("error") or group.get("error"),
                dimensions=candidate.get("dimensions"),
            )
    return results


def error_fields(result: SampleResult) -> Tuple[Optional[str], Optional[str]]:
    """The server's error code and message for a sample without a reward (None, None when it gave none)."""
    error = result.error
    if not error:
        return None, None
    return error.get("code"), error.get("message")


def why_no_reward(result: SampleResult) -> str:
    error = result.error
    if error:
        return f"{error.get('code')}: {error.get('message')}"
    return "the judge gave no reward"
