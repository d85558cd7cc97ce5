"""verl-omni's async reward function: `compute_score(solution_image, ground_truth, ...) -> {"score": …}`.

Point verl-omni's custom reward function at this module's `compute_score` (path to editjudge_client/verl_omni.py,
name `compute_score`) and put the source image of each sample in its `extra_info["image"]`; `ground_truth` is the
edit instruction; an optional `extra_info["requirement"]` is sent as the case's metadata. `server_url` (or `EDITJUDGE_URL`), `token`, `judge` and the client options come from the reward
function's kwargs in the trainer config.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Optional, Tuple

from .async_client import AsyncEditJudgeClient, Transport
from .batch import Sample, error_fields, plan_batch, spread_answer, why_no_reward
from .client import default_url
from .errors import NoReward
from .groups import requirement_metadata

# One client per (event loop, settings): a client's sessions belong to the loop that made them.
_clients: Dict[Tuple[int, Tuple[Any, ...]], AsyncEditJudgeClient] = {}


def _client(server_url: Optional[str], token: Optional[str], judge: Optional[str], transport: Transport,
            options: Dict[str, Any]) -> AsyncEditJudgeClient:
    key = (id(asyncio.get_running_loop()), (server_url, token, judge, transport, tuple(sorted(options.items()))))
    client = _clients.get(key)
    if client is None:
        client = _clients[key] = AsyncEditJudgeClient(server_url or default_url(), judge, token,
                                                      transport=transport, **options)
    return client


async def compute_score(solution_image: Any, ground_truth: str, server_url: Optional[str] = None,
                        extra_info: Optional[Dict[str, Any]] = None, *, token: Optional[str] = None,
                        judge: Optional[str] = None, null_score: Optional[float] = None,
                        transport: Transport = "auto", timeout: Any = (10.0, 300.0), retries: int = 3,
                        backoff: float = 1.0, max_wait: float = 30.0, busy_retries: int = 8,
                        max_retries: Optional[int] = None, retry_backoff: Optional[float] = None,
                        **kwargs: Any) -> Dict[str, float]:
    """The reward of one edited image: {"score": reward, "instruction_following", "preservation", "quality"}
    (the dimensions that have a score).

    solution_image: the edited image (tensor C×H×W or 1×C×H×W, PIL image, array, bytes); ground_truth: the edit
    instruction; extra_info["image"]: the source image (required); extra_info["requirement"] (optional): the
    editing requirement, sent as the case's metadata (the server's logit judge reads it). When the
    judge gives no reward, NoReward is raised naming the reason, unless null_score is a number (then that is the
    score, and "scored": 0.0 says so). verl-omni's own HTTP scorer settings max_retries and retry_backoff are taken
    as retries and backoff, so its reward config can stay as it is. Other keyword arguments verl passes
    (data_source, …) are ignored."""
    del kwargs
    if max_retries is not None:
        retries = max_retries
    if retry_backoff is not None:
        backoff = retry_backoff
    info = extra_info or {}
    if "image" not in info:
        raise ValueError("compute_score needs the source image in extra_info['image'] "
                         "(add it to each sample's extra_info in the dataset)")
    image = solution_image
    if getattr(image, "ndim", None) == 4:
        image = image[0]
    client = _client(server_url, token, judge, transport, {"timeout": timeout, "retries": retries,
                                                           "backoff": backoff, "max_wait": max_wait,
                                                           "busy_retries": busy_retries})
    requirement = requirement_metadata(info.get("requirement"), "extra_info['requirement']")
    plan = plan_batch([Sample(image, info["image"], ground_truth, metadata=requirement)])
    result = spread_answer(plan, await client.rewards(plan.groups), 1)[0]
    if result.reward is None:
        if null_score is None:
            code, reason = error_fields(result)
            raise NoReward(f"no reward for the edit {ground_truth!r}: {why_no_reward(result)}", index=0, code=code,
                           reason=reason)
        return {"score": float(null_score), "scored": 0.0}
    out = {"score": result.reward}
    names = {"instructionFollowing": "instruction_following", "preservation": "preservation", "quality": "quality"}
    for key, name in names.items():
        value = (result.dimensions or {}).get(key)
        if value is not None:
            out[name] = float(value)
    return out
