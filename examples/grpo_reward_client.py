"""EditJudge as the reward function of a Flow-GRPO / DiffusionNFT-style training loop.

Only needs `requests` (and Pillow to turn generated images into PNG bytes). Start the server first:

    editjudge serve --judge checks --port 8787                 # loopback, no token needed
    EDITJUDGE_SERVER_TOKEN=… editjudge serve --host 0.0.0.0    # anything else needs a token

Call shape (POST /v1/rewards, full schema at /openapi.json):

    request  {"groups": [{"id": "p0", "source": <b64 PNG>, "instruction": "...", "candidates": [<b64>, ...]}],
              "judge": "checks",                      # optional, default: the server's first judge
              "keep": {"minStd": 0.05, "maxMean": 0.9}}  # optional, defaults shown
    response {"groups": [{"id": "p0", "mean": 0.41, "std": 0.12, "scored": 4, "keep": true,
                          "candidates": [{"reward": 0.53, "advantage": 1.0, "dimensions": {...}}, ...]}]}

A reward is null when the judge abstained or the candidate failed (then "error": {"code", "message"} says why);
its advantage is null too, and mean/std are computed over the non-null rewards only. Mask those samples out of
the policy loss; never treat them as 0. A group with keep=false (low variance or saturated) carries no useful
signal and is usually dropped, as in Edit-R1 and DiffusionNFT.
"""

from __future__ import annotations

import base64
import io
import os
import time
from dataclasses import dataclass

import requests

SERVER = os.environ.get("EDITJUDGE_URL", "http://127.0.0.1:8787")
TOKEN = os.environ.get("EDITJUDGE_SERVER_TOKEN")


@dataclass
class GroupReward:
    rewards: list[float | None]
    advantages: list[float | None]
    keep: bool


def png_b64(image) -> str:
    """A PIL image (or raw PNG/JPEG bytes) as base64."""
    if isinstance(image, (bytes, bytearray)):
        return base64.b64encode(image).decode("ascii")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


class EditJudgeReward:
    """Batch reward function: one HTTP call per training step, groups of N candidates per prompt."""

    def __init__(self, url: str = SERVER, judge: str | None = None, timeout: float = 300.0, retries: int = 3):
        self.url = url.rstrip("/")
        self.judge = judge
        self.timeout = timeout
        self.retries = retries
        self.session = requests.Session()
        if TOKEN:
            self.session.headers["Authorization"] = f"Bearer {TOKEN}"

    def __call__(self, sources, instructions, candidate_groups, ids=None) -> list[GroupReward]:
        groups = [
            {"id": ids[i] if ids else i, "source": png_b64(src), "instruction": ins,
             "candidates": [png_b64(c) for c in cands]}
            for i, (src, ins, cands) in enumerate(zip(sources, instructions, candidate_groups))
        ]
        body = {"groups": groups}
        if self.judge:
            body["judge"] = self.judge
        data = self._post("/v1/rewards", body)
        return [
            GroupReward(
                rewards=[c["reward"] for c in g["candidates"]],
                advantages=[c["advantage"] for c in g["candidates"]],
                keep=g["keep"],
            )
            for g in data["groups"]
        ]

    def _post(self, path: str, body: dict) -> dict:
        # Retry only what may succeed later (connection errors, 429, 5xx); a 4xx is a bug in the request.
        for attempt in range(self.retries + 1):
            try:
                response = self.session.post(self.url + path, json=body, timeout=self.timeout)
            except requests.ConnectionError:
                if attempt == self.retries:
                    raise
            else:
                if response.status_code == 200:
                    return response.json()
                error = response.json().get("error", {})
                if (response.status_code < 500 and response.status_code != 429) or attempt == self.retries:
                    raise RuntimeError(f"reward server {response.status_code} {error.get('code')}: {error.get('message')}")
            time.sleep(min(30.0, 2.0**attempt))
        raise RuntimeError("unreachable")


def grpo_step(policy, batch, reward_fn: EditJudgeReward, group_size: int = 8):
    """One Flow-GRPO-style step. `policy.sample` and `policy.update` stand for your trainer's own code."""
    candidate_groups = [policy.sample(src, ins, n=group_size) for src, ins in zip(batch["source"], batch["instruction"])]
    results = reward_fn(batch["source"], batch["instruction"], candidate_groups)
    samples, advantages = [], []
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
    # Smoke test against a running server with two solid-colour images (needs Pillow).
    from PIL import Image

    source = Image.new("RGB", (64, 64), (90, 90, 90))
    brighter = Image.new("RGB", (64, 64), (170, 170, 170))
    darker = Image.new("RGB", (64, 64), (40, 40, 40))
    reward = EditJudgeReward()
    print(requests.get(SERVER + "/healthz", timeout=5).json())
    for group in reward([source], ["make it brighter"], [[brighter, darker, source]]):
        print(group)
