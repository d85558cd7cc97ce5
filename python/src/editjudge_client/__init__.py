"""editjudge-client: the client of EditJudge's reward server (`editjudge serve`) and adapters for RL trainers.

    from editjudge_client import EditJudgeClient
    client = EditJudgeClient("http://127.0.0.1:8787")
    [group] = client([source], ["make it brighter"], [[edit_a, edit_b]])
    group.rewards, group.advantages, group.keep

Adapters: editjudge_client.flow_grpo.make_reward_fn, editjudge_client.verl_omni.compute_score,
editjudge_client.flow_factory.EditJudgeRewardModel, editjudge_client.trl.make_trl_reward.
"""

from .async_client import AsyncEditJudgeClient
from .client import EditJudgeClient, EditJudgeReward
from .errors import NoReward, RequestTooLarge, RewardServerError, RewardServerTimeout
from .groups import MAX_CANDIDATES_PER_GROUP, MAX_GROUPS_PER_REQUEST, GroupReward, RewardGroup
from .images import image_spec, png
from .retry import RetryPolicy

__version__ = "0.1.0"

__all__ = [
    "AsyncEditJudgeClient",
    "EditJudgeClient",
    "EditJudgeReward",
    "GroupReward",
    "MAX_CANDIDATES_PER_GROUP",
    "MAX_GROUPS_PER_REQUEST",
    "NoReward",
    "RequestTooLarge",
    "RetryPolicy",
    "RewardGroup",
    "RewardServerError",
    "RewardServerTimeout",
    "__version__",
    "image_spec",
    "png",
]
