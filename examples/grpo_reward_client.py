"""EditJudge as the reward function of a Flow-GRPO / DiffusionNFT-style training loop, with `editjudge-client`.

Install the client (offline, from this repository) and start the server:

    pip install ./python                                       # requests is its only dependency
    editjudge serve --judge checks --port 8787                 # loopback, no token needed
    EDITJUDGE_SERVER_TOKEN=… editjudge serve --host 0.0.0.0    # anything else needs a token

Run from a checkout without installing, this example finds the package in ../python/src.

1. Flow-GRPO-shaped reward function (editjudge_client.flow_grpo.make_reward_fn):

    reward_fn = make_reward_fn("http://127.0.0.1:8787")
    scores, info = reward_fn(images, prompts, metadata)              # sources in metadata[i]["source"]
    scores, info = reward_fn(images, prompts, metadata, ref_images)  # as Flow-GRPO's edit trainers pass them

   scores: the reward of each sample, NaN where the judge gave none (mask it, never replace it with 0);
   info["train_advantages"]: the server's GRPO advantage where the group is kept, else 0.0. See python/README.md.

2. Grouped call (EditJudgeClient, also named EditJudgeReward): client(sources, instructions, candidate_groups)
   -> [GroupReward], one group per source, and `grpo_step` below, a GRPO step that drops keep=false groups and
   masks null advantages.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, List, Protocol, Sequence

try:
    import editjudge_client
except ImportError:  # a checkout without `pip install ./python`
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "src"))
    import editjudge_client

from editjudge_client import EditJudgeClient, EditJudgeReward, GroupReward
from editjudge_client.client import default_url
from editjudge_client.flow_grpo import make_reward_fn
from editjudge_client.images import image_spec, png

__all__ = ["EditJudgeClient", "EditJudgeReward", "GroupReward", "grpo_step", "image_spec", "make_reward_fn"]

# Kept for older callers of this example.
_png = png
png_b64 = image_spec
SERVER = default_url()


class Policy(Protocol):
    """Stands for your trainer's own sampling and update code."""

    def sample(self, source: Any, instruction: str, n: int) -> Sequence[Any]: ...

    def update(self, samples: List[Any], advantages: List[float]) -> None: ...


def grpo_step(policy: Policy, batch: Dict[str, Sequence[Any]], reward_fn: EditJudgeClient,
              group_size: int = 8) -> List[GroupReward]:
    """One Flow-GRPO-style step: sample a group per source, reward it, train on the kept groups' known advantages."""
    candidate_groups = [policy.sample(src, ins, n=group_size) for src, ins in zip(batch["source"], batch["instruction"])]
    results = reward_fn(batch["source"], batch["instruction"], candidate_groups)
    samples: List[Any] = []
    advantages: List[float] = []
    for group, result in zip(candidate_groups, results):
        if not result.keep:  # low-variance or saturated group: no learning signal
            continue
        for image, advantage in zip(group, result.advantages):
            if advantage is None:  # judge abstained or failed on this sample: mask it out, never score 0
                continue
            samples.append(image)
            advantages.append(advantage)
    if samples:
        policy.update(samples, advantages)
    return results


if __name__ == "__main__":
    # Smoke test against a running server with solid-colour images, standard library only.
    def solid(grey: int) -> bytes:
        return png(bytes([grey]) * (3 * 64 * 64), 64, 64, 3)

    print(EditJudgeClient(SERVER).health(), editjudge_client.__version__)
    source = solid(90)
    reward_fn = make_reward_fn(SERVER)
    scores, info = reward_fn([solid(170), solid(40), source, b"not an image"], ["make it brighter"] * 4,
                             [{"source": source}] * 4)
    print("scores", scores)
    print("advantages", info["advantages"], "keep", info["keep"], "errors", info["errors"])
