"""Test stub of editjudge: UniRL's reward request and response records."""
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


@dataclass
class RewardRequest:
    images: List[Any]
    prompts: List[str]
    metadata: Optional[List[Any]] = None
    primitives: Dict[str, Any] = field(default_factory=dict)
    videos: Optional[List[Any]] = None
    is_video: bool = False

    @property
    def batch_size(self):
        return len(self.images)


@dataclass
class RewardResponse:
    rewards: List[float]
    successes: List[bool]
    errors: List[Optional[str]]
    compute_time: float
    component_rewards: Optional[Dict[str, List[float]]] = None
