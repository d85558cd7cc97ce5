"""A Flow-Factory reward model backed by the server, with the source image from `condition_images`.

In the Flow-Factory training config:

    rewards:
      - name: "editjudge"
        reward_model: "editjudge_client.flow_factory.EditJudgeRewardModel"
        server_url: "http://127.0.0.1:8787"     # or EDITJUDGE_URL
        batch_size: 16
        # optional: token, judge, timeout, retry_attempts, null_score

`required_fields` lists `condition_images`, so Flow-Factory hands the model each sample's condition images; the
first one is the source that was edited. When Flow-Factory is installed the class derives from its
PointwiseRewardModel and returns its RewardModelOutput (a float32 tensor on the model's device); without it, the
class works on its own and returns RewardOutput with a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

from .batch import Sample, error_fields, plan_batch, spread_answer, why_no_reward
from .client import EditJudgeClient
from .errors import NoReward

try:  # Flow-Factory's base class and output type, when it is installed
    from flow_factory.rewards.abc import PointwiseRewardModel as _Base
    from flow_factory.rewards.abc import RewardModelOutput as _FlowFactoryOutput
except ImportError:  # pragma: no cover - exercised where Flow-Factory is absent
    _Base = object
    _FlowFactoryOutput = None


@dataclass
class RewardOutput:
    """The model's answer when Flow-Factory is not installed: one reward per sample."""

    rewards: List[float]


class EditJudgeRewardModel(_Base):  # type: ignore[misc]
    """Flow-Factory pointwise reward model: EditJudge's reward of each (condition image, prompt, edited image).

    A sample the judge gives no reward raises NoReward naming it and the reason, unless the config sets
    `null_score` (e.g. .nan, to mask it in the trainer). Never 0 by accident."""

    required_fields: Tuple[str, ...] = ("prompt", "image", "condition_images")
    use_tensor_inputs: bool = False

    def __init__(self, config: Any = None, accelerator: Any = None, *, client: Optional[EditJudgeClient] = None):
        if _Base is not object:
            super().__init__(config, accelerator)
        def setting(name: str, default: Any = None) -> Any:
            return getattr(config, name, default) if config is not None else default

        self.client = client or EditJudgeClient(
            setting("server_url"), judge=setting("judge"), token=setting("token"),
            timeout=setting("timeout", (10.0, 300.0)), retries=setting("retry_attempts", 3))
        null_score = setting("null_score")
        self.null_score: Optional[float] = None if null_score is None else float(null_score)

    def __call__(self, prompt: Sequence[str], image: Optional[Sequence[Any]] = None,
                 video: Optional[Sequence[Any]] = None, condition_images: Optional[Sequence[Sequence[Any]]] = None,
                 condition_videos: Optional[Sequence[Any]] = None) -> Any:
        del video, condition_videos
        rewards = self.rewards(prompt, image, condition_images)
        if _FlowFactoryOutput is not None:
            import torch  # Flow-Factory depends on it

            device = getattr(self, "device", None)
            return _FlowFactoryOutput(rewards=torch.tensor(rewards, dtype=torch.float32, device=device))
        return RewardOutput(rewards=rewards)

    def rewards(self, prompt: Sequence[str], image: Optional[Sequence[Any]],
                condition_images: Optional[Sequence[Sequence[Any]]]) -> List[float]:
        """The reward of each sample, in order (null_score, or NoReward, where the judge gave none)."""
        if image is None:
            raise ValueError("EditJudgeRewardModel needs the edited images: keep 'image' in required_fields")
        if condition_images is None:
            raise ValueError("EditJudgeRewardModel needs the source images: keep 'condition_images' in "
                             "required_fields, and give each sample its source as its first condition image")
        n = len(image)
        if len(prompt) != n or len(condition_images) != n:
            raise ValueError(f"{n} images but {len(prompt)} prompts and {len(condition_images)} condition_images")
        samples = []
        for i in range(n):
            if not condition_images[i]:
                raise ValueError(f"sample {i} has no condition image: its first condition image must be the source")
            samples.append(Sample(image[i], condition_images[i][0], prompt[i]))
        plan = plan_batch(samples)
        results = spread_answer(plan, self.client.rewards(plan.groups), n)
        out: List[float] = []
        for i, result in enumerate(results):
            if result.reward is not None:
                out.append(result.reward)
            elif self.null_score is not None:
                out.append(self.null_score)
            else:
                code, reason = error_fields(result)
                raise NoReward(f"no reward for sample {i} ({prompt[i]!r}): {why_no_reward(result)}; set null_score "
                               "in the reward config to mask such samples instead", index=i, code=code, reason=reason)
        return out
