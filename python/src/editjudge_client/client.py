"""The client of POST /v1/rewards, on `requests`."""

from __future__ import annotations

import os
import threading
import time
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import requests

from .answer import Answer
from .errors import RequestTooLarge, RewardServerTimeout
from .groups import (
    MAX_GROUPS_PER_REQUEST,
    GroupAnswer,
    GroupReward,
    RewardGroup,
    check_group_sizes,
    read_groups,
    request_body,
    too_large_alone,
)
from .images import image_spec
from .retry import Attempts, RetryPolicy

Timeout = Union[float, Tuple[float, float]]

DEFAULT_URL = "http://127.0.0.1:8787"


def default_url() -> str:
    """`EDITJUDGE_URL`, else the server's default address."""
    return os.environ.get("EDITJUDGE_URL", DEFAULT_URL)


def default_token() -> Optional[str]:
    return os.environ.get("EDITJUDGE_SERVER_TOKEN") or None


class EditJudgeClient:
    """Rewards from `editjudge serve`: one POST /v1/rewards per call (more when the batch is over the server's
    request limits), groups of candidates per source and instruction.

    url: the server (default `EDITJUDGE_URL`, else http://127.0.0.1:8787); token: its bearer token (default
    `EDITJUDGE_SERVER_TOKEN`); judge: a judge the server loaded (default its first); keep: the server's keep rule,
    e.g. {"minStd": 0.05, "maxMean": 0.9}. timeout: (connect, read) seconds for every request, never None, so a hung
    server cannot stall training. retries, busy_retries, backoff, max_wait: see RetryPolicy.

    Transient failures (connection errors, 429, 502, 503) are retried with exponential backoff and jitter, never
    sooner than Retry-After; 503 server_busy on its own count. Anything else raises RewardServerError naming the
    status and the start of the body; a read timeout raises RewardServerTimeout without retrying (the server may
    still be working). A batch over the server's byte or pixel limit (413) is split in halves until each part fits,
    which changes no reward: groups are judged independently."""

    def __init__(self, url: Optional[str] = None, judge: Optional[str] = None, token: Optional[str] = None, *,
                 timeout: Timeout = (10.0, 300.0), retries: int = 3, backoff: float = 1.0, max_wait: float = 30.0,
                 keep: Optional[Dict[str, float]] = None, busy_retries: int = 8):
        if timeout is None:
            raise ValueError("timeout must be set: a request without one can hang training for ever")
        self.url = (url or default_url()).rstrip("/")
        self.judge = judge
        self.token = token if token is not None else default_token()
        self.timeout = timeout
        self.keep = keep
        self.policy = RetryPolicy(retries=int(retries), busy_retries=int(busy_retries), backoff=float(backoff),
                                  max_wait=float(max_wait))
        self._local = threading.local()  # one Session per thread: trainers call reward functions from a pool

    @property
    def session(self) -> requests.Session:
        session: Optional[requests.Session] = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            if self.token:
                session.headers["Authorization"] = f"Bearer {self.token}"
            self._local.session = session
        return session

    def __call__(self, sources: Sequence[Any], instructions: Sequence[str], candidate_groups: Sequence[Sequence[Any]],
                 ids: Optional[Sequence[Union[str, int]]] = None,
                 metadata: Optional[Sequence[Optional[Dict[str, Any]]]] = None) -> List[GroupReward]:
        """One group per source: rewards for each group's candidates (images in any form image_spec takes).
        metadata: one dict (or None) per group, sent as the group's case metadata, e.g. {"requirement": text} for
        the logit judge's Requirements: field."""
        if metadata is not None and len(metadata) != len(sources):
            raise ValueError(f"{len(sources)} sources but {len(metadata)} metadata entries")
        groups: List[RewardGroup] = []
        for i, (src, ins, cands) in enumerate(zip(sources, instructions, candidate_groups)):
            group: RewardGroup = {"id": ids[i] if ids else i, "source": image_spec(src), "instruction": ins,
                                  "candidates": [image_spec(c) for c in cands]}
            meta = metadata[i] if metadata is not None else None
            if meta:
                group["metadata"] = dict(meta)
            groups.append(group)
        return [GroupReward.from_answer(g) for g in self.rewards(groups)]

    def rewards(self, groups: Sequence[RewardGroup]) -> List[GroupAnswer]:
        """POST /v1/rewards with ready-made groups; the answer's groups, in order, checked against the request."""
        check_group_sizes(groups)
        out: List[GroupAnswer] = []
        for start in range(0, len(groups), MAX_GROUPS_PER_REQUEST):
            out.extend(self._split(list(groups[start : start + MAX_GROUPS_PER_REQUEST])))
        return out

    def health(self) -> Dict[str, Any]:
        """GET /healthz: the server's status and judges."""
        response = self.session.get(self.url + "/healthz", timeout=self.timeout)
        answer = Answer(response.status_code, response.reason or "", response.content, dict(response.headers))
        if answer.status != 200:
            Attempts(RetryPolicy(retries=0), self.url + "/healthz").after_answer(answer)
        result: Dict[str, Any] = answer.json()
        return result

    def _split(self, groups: List[RewardGroup]) -> List[GroupAnswer]:
        try:
            return self._once(groups)
        except RequestTooLarge as error:
            if len(groups) > 1:
                half = len(groups) // 2
                return self._split(groups[:half]) + self._split(groups[half:])
            raise too_large_alone(groups[0], error) from None

    def _once(self, groups: List[RewardGroup]) -> List[GroupAnswer]:
        url = self.url + "/v1/rewards"
        answer = self._post(url, request_body(groups, self.judge, self.keep))
        return read_groups(answer, groups, url)

    def _post(self, url: str, body: Dict[str, Any]) -> Answer:
        attempts = Attempts(self.policy, url)
        while True:
            try:
                response = self.session.post(url, json=body, timeout=self.timeout)
            except requests.ReadTimeout as error:
                read = self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout
                raise RewardServerTimeout(
                    f"reward server {url} sent no answer within the {read} s read timeout; it may still be working "
                    "on the batch. Pass a larger read timeout (timeout=(connect, read) seconds) or send smaller "
                    "batches", url=url) from error
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
                wait = attempts.after_connection_error(error)
            else:
                answer = Answer(response.status_code, response.reason or "", response.content, dict(response.headers))
                if answer.status == 200:
                    return answer
                wait = attempts.after_answer(answer)
            time.sleep(wait)


# The name the example used; the same class.
EditJudgeReward = EditJudgeClient
