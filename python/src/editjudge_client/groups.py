"""The /v1/rewards request and answer shapes, and the checks both clients make on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, TypedDict, Union

from .answer import Answer
from .errors import RequestTooLarge, RewardServerError
from .images import ImageSpec

# The server's limits on one POST /v1/rewards.
MAX_GROUPS_PER_REQUEST = 1024
MAX_CANDIDATES_PER_GROUP = 64


class ServerError(TypedDict):
    code: str
    message: str


class _GroupOptions(TypedDict, total=False):
    metadata: Dict[str, Any]


class RewardGroup(_GroupOptions):
    """One group of a request: a source image, an instruction and the candidates made from them; optionally the
    case's `metadata` (a JSON object, at most 16 KiB; `requirement`: the editing requirement the server's `logit`
    judge fills its prompt's Requirements: field with)."""

    id: Union[str, int]
    source: ImageSpec
    instruction: str
    candidates: List[ImageSpec]


class CandidateAnswer(TypedDict, total=False):
    reward: Optional[float]
    advantage: Optional[float]
    dimensions: Dict[str, Optional[float]]
    error: ServerError


class GroupAnswer(TypedDict, total=False):
    id: Union[str, int]
    candidates: List[CandidateAnswer]
    mean: Optional[float]
    std: Optional[float]
    scored: int
    keep: bool
    error: ServerError


@dataclass
class GroupReward:
    """One group's answer: a reward and GRPO advantage per candidate (None where the judge gave none, with the
    reason in `errors`), the group's mean, std and keep flag, and `error` when the whole group failed."""

    rewards: List[Optional[float]]
    advantages: List[Optional[float]]
    keep: bool
    mean: Optional[float] = None
    std: Optional[float] = None
    errors: List[Optional[ServerError]] = field(default_factory=list)
    error: Optional[ServerError] = None
    dimensions: List[Optional[Dict[str, Optional[float]]]] = field(default_factory=list)

    @classmethod
    def from_answer(cls, group: GroupAnswer) -> "GroupReward":
        candidates = group.get("candidates", [])
        return cls(
            rewards=[c.get("reward") for c in candidates],
            advantages=[c.get("advantage") for c in candidates],
            keep=bool(group.get("keep")),
            mean=group.get("mean"),
            std=group.get("std"),
            errors=[c.get("error") for c in candidates],
            error=group.get("error"),
            dimensions=[c.get("dimensions") for c in candidates],
        )


def requirement_metadata(requirement: Any, what: str) -> Optional[Dict[str, Any]]:
    """A sample's requirement as group metadata: {"requirement": text}, None when there is none (None or "")."""
    if requirement is None or requirement == "":
        return None
    if not isinstance(requirement, str):
        kind = type(requirement).__name__
        article = "an" if kind[:1] in "aeiou" else "a"
        raise ValueError(f"{what} is {article} {kind}, not a str: send the editing requirement as text")
    return {"requirement": requirement}


def check_group_sizes(groups: Sequence[RewardGroup]) -> None:
    for g, group in enumerate(groups):
        count = len(group["candidates"])
        if count > MAX_CANDIDATES_PER_GROUP:
            raise ValueError(f"group {group.get('id', g)!r} has {count} candidates; the server takes at most "
                             f"{MAX_CANDIDATES_PER_GROUP} candidates per group: sample fewer per prompt")


def request_body(groups: Sequence[RewardGroup], judge: Optional[str], keep: Optional[Dict[str, float]]) -> Dict[str, Any]:
    body: Dict[str, Any] = {"groups": list(groups)}
    if judge:
        body["judge"] = judge
    if keep:
        body["keep"] = keep
    return body


def read_groups(answer: Answer, groups: Sequence[RewardGroup], url: str) -> List[GroupAnswer]:
    """The answer's groups, checked against the request: one per group, one candidate per candidate."""
    try:
        out = answer.json()["groups"]
        ok = isinstance(out, list) and len(out) == len(groups) and all(
            isinstance(g, dict) and isinstance(g.get("candidates"), list)
            and len(g["candidates"]) == len(q["candidates"]) and "keep" in g
            for g, q in zip(out, groups))
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise RewardServerError(f"reward server {url} answered with an unexpected body: {answer.describe()}",
                                url=url, status=answer.status)
    return out  # type: ignore[no-any-return]


def too_large_alone(group: RewardGroup, error: RequestTooLarge) -> RewardServerError:
    return RewardServerError(
        f"group {group.get('id')!r} ({len(group['candidates'])} candidates) is too large for one request on "
        f"its own: reward server {error.url} answered 413 {error.code}: "
        f"{error.server_message.rstrip('.')}. Send fewer or smaller images per group, or start the server "
        "with a larger --max-request-megapixels (or --max-body)", url=error.url, status=413, code=error.code)
