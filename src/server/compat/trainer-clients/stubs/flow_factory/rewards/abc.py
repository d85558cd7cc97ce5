"""Test stub of editjudge: the Flow-Factory reward-model bases the remote reward module subclasses."""
from dataclasses import dataclass
from typing import Any


@dataclass
class RewardModelOutput:
    rewards: Any


class _RewardModel:
    def __init__(self, config, accelerator):
        self.config = config
        self.accelerator = accelerator
        self.device = "cpu"


class PointwiseRewardModel(_RewardModel):
    pass


class GroupwiseRewardModel(_RewardModel):
    pass
