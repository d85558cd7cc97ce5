"""Test stub of editjudge: UniRL's reward bases, as far as the remote backend uses them."""
from dataclasses import dataclass


@dataclass
class BaseRewardComponentSpec:
    pass


class RewardBackend:
    input_kind = "image"

    def __init__(self, model_name, batch_size, timeout):
        self.model_name = model_name
        self.batch_size = batch_size
        self.timeout = timeout
