"""EditJudge as the reward function of a Flow-GRPO / DiffusionNFT-style training loop.

Needs only `requests`. Images may be PNG/JPEG bytes, PIL images, numpy arrays or torch tensors; numpy, Pillow and
torch are never imported by this module (a PIL image saves itself; arrays are written as PNG with zlib). Start the
server first:

    editjudge serve --judge checks --port 8787                 # loopback, no token needed
    EDITJUDGE_SERVER_TOKEN=… editjudge serve --host 0.0.0.0    # anything else needs a token

1. Flow-GRPO-shaped reward function (`make_reward_fn`)

    reward_fn = make_reward_fn("http://127.0.0.1:8787", token=None, judge=None)
    scores, info = reward_fn(images, prompts, metadata)              # sources in metadata[i]["source"]
    scores, info = reward_fn(images, prompts, metadata, ref_images)  # or as Flow-GRPO's edit trainers pass them

  images      the generated batch: a torch tensor N×C×H×W in [0, 1] (as Flow-GRPO's pipelines return it), a numpy
              array N×H×W×C (uint8, or float in [0, 1]), or a list of PIL images / numpy arrays / PNG or JPEG bytes /
              strings the server accepts (base64, data URL, URL) / {"path": …} dicts.
  prompts     the edit instruction of each sample.
  metadata    one dict per sample (or None when ref_images is given). "source": the image that was edited (any
              form above); ignored when ref_images is given. "group" (optional): samples with equal "group" form
              one GRPO group; without it, samples sharing the same source image and prompt do.
  ref_images  optional, the source image of each sample (Flow-GRPO's Kontext / Qwen-Image-Edit trainers call
              reward_fn(images, prompts, prompt_metadata, ref_images, only_strict=True)). only_strict is ignored.

  It sends the batch as POST /v1/rewards, one group per (source, prompt) in order of first appearance (see
  "Request limits" below for when it takes more than one request), and returns, aligned with the batch:

  scores                    list of floats: the reward, or NaN (math.nan) when there is none, because the judge
                            abstained or the sample failed (not an image, refused URL, judge error). Pass
                            null_score=None to get None instead. Mask those samples out (`~torch.isnan(scores)`);
                            never replace them with 0.
  info["scored"]            list of bools: True where the score is a real reward.
  info["advantages"]        the server's GRPO advantage (r − mean) / (std + 1e-6) over the group's known rewards,
                            NaN (or null_score) where the reward is missing.
  info["keep"]              the server's keep flag of each sample's group (false: low variance or saturated).
  info["train_advantages"]  the advantage where it should train, else 0.0 (no reward, or keep=false). Flow-GRPO
                            drops samples whose advantages are all zero, so this is masking, not a reward of 0.
  info["group"], info["groups"], info["errors"], info["dimensions"]: each sample's group index; per group the
                            server's id, mean, std, scored, keep, error and sample indices; each sample's
                            {"code", "message"} error or None; each sample's dimension scores.

  Use the server's statistics (info["train_advantages"]) or your own from the scores, e.g. Flow-GRPO's
  PerPromptStatTracker after masking NaN. They differ when a prompt's samples are spread over several processes
  (Flow-GRPO's DistributedKRepeatSampler does that): the server only sees the samples of one call.

  as_multi_score=True returns the scores as {"avg": scores, "editjudge": scores}, the shape of
  flow_grpo.rewards.multi_score, so the function can take its place as the trainer's reward_fn. It is NOT a drop-in
  in one respect: a missing reward is still NaN (or null_score), and Flow-GRPO's per-prompt stat tracker and its
  reward logging average with plain numpy, which is not NaN-aware: one NaN sample makes its whole prompt's mean,
  std and advantages NaN, and the loss with them. The trainer must do one of these before the tracker: drop the
  samples whose score is NaN (info["scored"] is False), or compute the statistics over the known rewards only
  (np.nanmean / np.nanstd) and leave the NaN samples out of the loss, or skip the tracker and use
  info["train_advantages"] as the advantages. Never turn NaN into 0: 0 is a real (very bad) reward, and it would
  drag the group's mean down and teach the policy from a sample the judge never scored.

  A group holds at most 64 candidates: a (source, prompt) group, or a metadata "group", of more than 64 samples
  raises a ValueError before anything is sent.

2. Grouped call (`EditJudgeReward`): reward(sources, instructions, candidate_groups) -> [GroupReward], one group
   per source, and `grpo_step` below, a GRPO step that drops keep=false groups and masks null advantages.

HTTP call shape (POST /v1/rewards, full schema at /openapi.json):

    request  {"groups": [{"id": "p0", "source": <b64 PNG>, "instruction": "...", "candidates": [<b64>, ...]}],
              "judge": "checks",                      # optional, default: the server's first judge
              "keep": {"minStd": 0.05, "maxMean": 0.9}}  # optional, defaults shown
    response {"groups": [{"id": "p0", "mean": 0.41, "std": 0.12, "scored": 4, "keep": true,
                          "candidates": [{"reward": 0.53, "advantage": 1.0, "dimensions": {...}}, ...]}]}

A reward is null when the judge abstained or the candidate failed (then "error": {"code", "message"} says why);
its advantage is null too, and mean/std are computed over the non-null rewards only. Mask those samples out of
the policy loss; never treat them as 0. A group with keep=false (low variance or saturated) carries no useful
signal and is usually dropped, as in Edit-R1 and DiffusionNFT.

Request limits. The server refuses a request whose body is over its byte limit (413 body_too_large, default
64 MiB, --max-body) or whose distinct images decode to more pixels than its budget (413 request_too_large, default
100 MP, --max-request-megapixels), and takes at most 1,024 groups per request and 64 candidates per group. The client
sends at most 1,024 groups per request, and on either 413 splits the list of groups in two halves and sends each
(recursively), then puts the answers back together in the original order. Each group is judged on its own, so this
changes no reward, advantage, mean or std. A single group that is still too large on its own raises a RuntimeError
naming the group, its candidate count and the server's message; a group of more than 64 candidates raises a
ValueError before anything is sent.

Transient failures (connection errors, including a connection dropped mid-answer, and HTTP 429, 502, 503) are
retried a bounded number of times with exponential backoff and jitter, never sooner than Retry-After. A 503
server_busy (the server's requests in flight hold all the decoded-image memory it allows; it clears as they finish)
gets its own, longer count (busy_retries, default 8: about two minutes with the default backoff). Then, and on any other error
status or an answer that is not the expected JSON (a proxy's HTML error page, an empty body), a RuntimeError names
the status and the start of the body. HTTP 504 is not retried: this server answers 504 timeout after its own
per-request time limit (120 s by default), and the same request would most likely time out again; send smaller
batches. Every request has a timeout; when the read timeout passes without an answer, a RuntimeError says so and
the request is not repeated (the server may still be working on it): pass a larger timeout or send smaller batches.
"""

from __future__ import annotations

import base64
import email.utils
import math
import os
import random
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field

import requests

SERVER = os.environ.get("EDITJUDGE_URL", "http://127.0.0.1:8787")
TOKEN = os.environ.get("EDITJUDGE_SERVER_TOKEN")

# Worth retrying: rate limiting, and a proxy or the server saying "not now". Anything else is an answer; 504 too:
# this server's 504 `timeout` comes after its own per-request time limit and would most likely come again.
TRANSIENT_STATUSES = frozenset({429, 502, 503})

# The server's limits on one POST /v1/rewards.
MAX_GROUPS_PER_REQUEST = 1024
MAX_CANDIDATES_PER_GROUP = 64
# 413 codes meaning "this request is too big", which sending fewer groups per request fixes.
SPLIT_CODES = frozenset({"request_too_large", "body_too_large"})


class RequestTooLarge(RuntimeError):
    """The server answered 413 request_too_large or body_too_large; `code` and `server_message` are its error."""

    def __init__(self, text: str, code: str, server_message: str):
        super().__init__(text)
        self.code = code
        self.server_message = server_message


# ----------------------------------------------------------------------------------------------------- images


def _png(pixels: bytes, width: int, height: int, channels: int) -> bytes:
    """8-bit PNG from packed rows (grey, grey+alpha, RGB or RGBA), standard library only."""
    color_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    stride = width * channels
    raw = b"".join(b"\x00" + pixels[y * stride : (y + 1) * stride] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    # Level 1: fast, which matters more in a training loop than a few percent of body size.
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b"")


def _array_png(array, channels_first: bool | None = None) -> bytes:
    """A numpy array (H×W, H×W×C or C×H×W; uint8, or float in [0, 1]) as PNG. Uses only the array's own methods."""
    if array.ndim == 3:
        if channels_first is None:  # guess: C×H×W when the first axis looks like channels and the last does not
            channels_first = array.shape[0] in (1, 2, 3, 4) and array.shape[2] not in (1, 2, 3, 4)
        if channels_first:
            array = array.transpose(1, 2, 0)
    elif array.ndim != 2:
        raise ValueError(f"an image array must be H×W, H×W×C or C×H×W, got shape {tuple(array.shape)}")
    if array.dtype.kind == "f":  # [0, 1] floats, as diffusion pipelines return them
        array = (array * 255.0).round().clip(0, 255)
    array = array.clip(0, 255).astype("uint8")
    height, width = array.shape[:2]
    channels = 1 if array.ndim == 2 else array.shape[2]
    if channels not in (1, 2, 3, 4):
        raise ValueError(f"an image needs 1 to 4 channels, got {channels}")
    return _png(array.tobytes(order="C"), width, height, channels)


def _is_tensor(x) -> bool:
    return hasattr(x, "detach") and hasattr(x, "cpu") and hasattr(x, "numpy")


def _tensor_to_numpy(tensor):
    return tensor.detach().float().cpu().numpy()  # .float(): bfloat16 has no numpy type


def image_spec(image):
    """One image in a form the server accepts: base64 for bytes, PIL images, numpy arrays and torch tensors (C×H×W
    in [0, 1]); strings (base64, data URL, URL) and {"path"|"url"|"base64": …} dicts are passed through."""
    if isinstance(image, (str, dict)):
        return image
    if isinstance(image, (bytes, bytearray, memoryview)):
        data = bytes(image)
    elif _is_tensor(image):
        data = _array_png(_tensor_to_numpy(image), channels_first=True)
    elif hasattr(image, "save") and hasattr(image, "mode"):  # a PIL image
        import io

        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        data = buffer.getvalue()
    elif hasattr(image, "ndim") and hasattr(image, "dtype") and hasattr(image, "tobytes"):  # a numpy array
        data = _array_png(image)
    else:
        raise TypeError(f"cannot send a {type(image).__name__} as an image (bytes, PIL, numpy, torch, str or dict)")
    return base64.b64encode(data).decode("ascii")


def png_b64(image) -> str:
    """Kept for older callers: the image as a base64 string (or the string/dict itself)."""
    return image_spec(image)


def _batch_items(images) -> list:
    """A batch (tensor N×C×H×W, array N×H×W×C, or a sequence) as a list of single images."""
    if _is_tensor(images):
        array = _tensor_to_numpy(images)
        if array.ndim != 4:
            raise ValueError(f"a batch tensor must be N×C×H×W, got shape {tuple(array.shape)}")
        return [_ChannelsFirst(a) for a in array]
    if hasattr(images, "ndim") and hasattr(images, "dtype"):
        if images.ndim != 4:
            raise ValueError(f"a batch array must be N×H×W×C, got shape {tuple(images.shape)}")
        return [_ChannelsLast(a) for a in images]
    return list(images)


@dataclass
class _ChannelsFirst:
    array: object


@dataclass
class _ChannelsLast:
    array: object


def _spec(item):
    if isinstance(item, _ChannelsFirst):
        return base64.b64encode(_array_png(item.array, channels_first=True)).decode("ascii")
    if isinstance(item, _ChannelsLast):
        return base64.b64encode(_array_png(item.array, channels_first=False)).decode("ascii")
    return image_spec(item)


# ------------------------------------------------------------------------------------------------------- HTTP


def _body_start(response: requests.Response, limit: int = 200) -> str:
    text = response.content[:limit].decode("utf-8", errors="replace")
    more = "…" if len(response.content) > limit else ""
    return repr(text) + more if text else "(empty body)"


def _server_error(response: requests.Response) -> dict | None:
    """The server's {"code", "message"} error of an answer, if it is one."""
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return None
    return error if isinstance(error, dict) and "code" in error else None


def _describe(response: requests.Response) -> str:
    """`HTTP 400 invalid_request: …` for the server's own errors, else the status and the first bytes of the body."""
    status = f"HTTP {response.status_code} {response.reason or ''}".rstrip()
    error = _server_error(response)
    if error is not None:
        return f"{status} {error.get('code')}: {error.get('message')}"
    kind = response.headers.get("Content-Type", "no Content-Type")
    return f"{status}, {kind} body: {_body_start(response)}"


def _retry_after(response: requests.Response) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class GroupReward:
    rewards: list[float | None]
    advantages: list[float | None]
    keep: bool
    mean: float | None = None
    std: float | None = None
    errors: list[dict | None] = field(default_factory=list)
    error: dict | None = None  # set when the whole group failed (bad source, judge failure)


class EditJudgeReward:
    """Batch reward function: one HTTP call per training step (more when the batch is over the server's request
    limits, see the module docstring), groups of N candidates per prompt.

    retries: how many times a transient failure is retried (connection error, 429, 502, 503); the wait is
    backoff · 2^attempt seconds plus up to 25% jitter, at least the server's Retry-After, capped at max_wait.
    busy_retries: the same for 503 server_busy (the server's image memory is taken by requests in flight), counted
    on its own because it passes as those requests finish.
    timeout: (connect, read) seconds for every request; never None, so a hung server cannot stall training.
    """

    def __init__(self, url: str = SERVER, judge: str | None = None, token: str | None = TOKEN,
                 timeout: float | tuple[float, float] = (10.0, 300.0), retries: int = 3, backoff: float = 1.0,
                 max_wait: float = 30.0, keep: dict | None = None, busy_retries: int = 8):
        if timeout is None:
            raise ValueError("timeout must be set: a request without one can hang training for ever")
        self.url = url.rstrip("/")
        self.judge = judge
        self.token = token
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.busy_retries = max(0, int(busy_retries))
        self.backoff = backoff
        self.max_wait = max_wait
        self.keep = keep
        self._local = threading.local()  # one Session per thread: trainers call reward functions from a pool

    @property
    def session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            if self.token:
                session.headers["Authorization"] = f"Bearer {self.token}"
            self._local.session = session
        return session

    def __call__(self, sources, instructions, candidate_groups, ids=None) -> list[GroupReward]:
        groups = [
            {"id": ids[i] if ids else i, "source": image_spec(src), "instruction": ins,
             "candidates": [image_spec(c) for c in cands]}
            for i, (src, ins, cands) in enumerate(zip(sources, instructions, candidate_groups))
        ]
        return [
            GroupReward(
                rewards=[c["reward"] for c in g["candidates"]],
                advantages=[c["advantage"] for c in g["candidates"]],
                keep=g["keep"],
                mean=g.get("mean"),
                std=g.get("std"),
                errors=[c.get("error") for c in g["candidates"]],
                error=g.get("error"),
            )
            for g in self.rewards(groups)
        ]

    def rewards(self, groups: list[dict]) -> list[dict]:
        """POST /v1/rewards with ready-made groups; the answer's groups, in order, checked against the request.

        Sends at most MAX_GROUPS_PER_REQUEST groups per request, and splits a request the server finds too large
        (413 request_too_large / body_too_large) in halves until each part fits. Groups are judged independently,
        so the answers are the same as from one request."""
        for g, group in enumerate(groups):
            count = len(group["candidates"])
            if count > MAX_CANDIDATES_PER_GROUP:
                raise ValueError(f"group {group.get('id', g)!r} has {count} candidates; the server takes at most "
                                 f"{MAX_CANDIDATES_PER_GROUP} candidates per group: sample fewer per prompt")
        out: list[dict] = []
        for start in range(0, len(groups), MAX_GROUPS_PER_REQUEST):
            out.extend(self._rewards_split(groups[start : start + MAX_GROUPS_PER_REQUEST]))
        return out

    def _rewards_split(self, groups: list[dict]) -> list[dict]:
        """One request for `groups`, or, when the server finds it too large, one per half (recursively)."""
        try:
            return self._rewards_once(groups)
        except RequestTooLarge as error:
            if len(groups) > 1:
                half = len(groups) // 2
                return self._rewards_split(groups[:half]) + self._rewards_split(groups[half:])
            group = groups[0]
            raise RuntimeError(
                f"group {group.get('id')!r} ({len(group['candidates'])} candidates) is too large for one request on "
                f"its own: reward server {self.url}/v1/rewards answered 413 {error.code}: "
                f"{error.server_message.rstrip('.')}. Send fewer or smaller images per group, or start the server "
                "with a larger --max-request-megapixels (or --max-body)") from None

    def _rewards_once(self, groups: list[dict]) -> list[dict]:
        """One POST /v1/rewards; its groups, checked against the request."""
        body: dict = {"groups": groups}
        if self.judge:
            body["judge"] = self.judge
        if self.keep:
            body["keep"] = self.keep
        response = self._post("/v1/rewards", body)
        try:
            answer = response.json()
            out = answer["groups"]
            ok = isinstance(out, list) and len(out) == len(groups) and all(
                isinstance(g.get("candidates"), list) and len(g["candidates"]) == len(q["candidates"])
                and "keep" in g for g, q in zip(out, groups))
        except (ValueError, KeyError, TypeError, AttributeError):
            ok = False
        if not ok:
            raise RuntimeError(f"reward server {self.url}/v1/rewards answered with an unexpected body: "
                               f"{_describe(response)}")
        return out

    def _post(self, path: str, body: dict) -> requests.Response:
        """POST with bounded retries of transient failures; the 200 response, else a RuntimeError."""
        url = self.url + path
        attempts = self.retries + 1
        failed = busy = 0  # transient failures and server_busy answers so far
        while True:
            attempt = failed + busy
            wait = min(self.max_wait, self.backoff * 2.0**attempt * (1.0 + 0.25 * random.random()))
            try:
                response = self.session.post(url, json=body, timeout=self.timeout)
            except requests.ReadTimeout as error:  # not retried: the server may still be working on this request
                read = self.timeout[1] if isinstance(self.timeout, tuple) else self.timeout
                raise RuntimeError(
                    f"reward server {url} sent no answer within the {read} s read timeout; it may still be working "
                    "on the batch. Pass a larger read timeout (timeout=(connect, read) seconds) or send smaller "
                    "batches") from error
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
                # refused, reset, DNS, connect timeout, or the connection dropped in the middle of the answer
                failed += 1
                if failed == attempts:
                    raise RuntimeError(f"reward server {url} unreachable after {attempts} attempts: {error}") from error
            else:
                if response.status_code == 200:
                    return response
                error = _server_error(response)
                if response.status_code == 413 and error is not None and error.get("code") in SPLIT_CODES:
                    raise RequestTooLarge(f"reward server {url} answered {_describe(response)}",
                                          str(error["code"]), str(error.get("message")))
                if response.status_code not in TRANSIENT_STATUSES:  # an answer, not a hiccup: retrying won't help
                    raise RuntimeError(f"reward server {url} answered {_describe(response)}")
                if response.status_code == 503 and error is not None and error.get("code") == "server_busy":
                    busy += 1
                    if busy > self.busy_retries:
                        raise RuntimeError(f"reward server {url} still answered {_describe(response)} "
                                           f"after {busy} tries; send fewer images per request, or start the "
                                           "server with a larger --max-server-megapixels")
                else:
                    failed += 1
                    if failed == attempts:
                        raise RuntimeError(f"reward server {url} still answered {_describe(response)} "
                                           f"after {attempts} attempts")
                retry_after = _retry_after(response)
                if retry_after is not None:
                    wait = min(self.max_wait, max(wait, retry_after))
            time.sleep(wait)


# ----------------------------------------------------------------------------------- Flow-GRPO-shaped adapter


def make_reward_fn(server_url: str = SERVER, token: str | None = TOKEN, judge: str | None = None, *,
                   null_score: float | None = math.nan, as_multi_score: bool = False, **client_options):
    """A Flow-GRPO reward function backed by the server: reward_fn(images, prompts, metadata, ref_images=None,
    only_strict=True) -> (scores, info). See the module docstring for the shapes. client_options go to
    EditJudgeReward (timeout, retries, backoff, max_wait, keep).

    as_multi_score=True gives scores the shape of flow_grpo.rewards.multi_score ({"avg": …, "editjudge": …}), but a
    missing reward is still NaN, and Flow-GRPO's per-prompt stat tracker is not NaN-aware (one NaN makes the whole
    prompt's advantages NaN). The trainer must drop or mask the NaN samples before computing statistics, or use
    info["train_advantages"]; never replace NaN with 0, which is a real reward and would bias the group."""
    client = EditJudgeReward(server_url, judge=judge, token=token, **client_options)

    def reward_fn(images, prompts, metadata=None, ref_images=None, only_strict=True):
        del only_strict  # Flow-GRPO passes it for GenEval; nothing to do here
        items = _batch_items(images)
        n = len(items)
        prompts = list(prompts)
        if len(prompts) != n:
            raise ValueError(f"{n} images but {len(prompts)} prompts")
        metas = [{}] * n if metadata is None else [m if m is not None else {} for m in metadata]
        if len(metas) != n:
            raise ValueError(f"{n} images but {len(metas)} metadata entries")
        sources = None if ref_images is None else _batch_items(ref_images)
        if sources is not None and len(sources) != n:
            raise ValueError(f"{n} images but {len(sources)} ref_images")

        groups: list[dict] = []
        members: list[list[int]] = []
        by_key: dict = {}
        encoded: dict[int, object] = {}  # the same source object is encoded once
        sample_group = [0] * n
        for i in range(n):
            if sources is not None:
                source = sources[i]
            elif "source" in metas[i]:
                source = metas[i]["source"]
            else:
                raise ValueError(f"sample {i} has no source image: pass ref_images or metadata[{i}]['source']")
            if id(source) not in encoded:
                encoded[id(source)] = (source, _spec(source))  # keep the object alive so its id stays unique
            spec = encoded[id(source)][1]
            source_key = spec if isinstance(spec, str) else repr(sorted(spec.items()))
            key = ("group", metas[i]["group"]) if "group" in metas[i] else ("source", source_key, prompts[i])
            g = by_key.get(key)
            if g is None:
                g = by_key[key] = len(groups)
                groups.append({"id": g, "source": spec, "instruction": prompts[i], "candidates": []})
                members.append([])
            elif groups[g]["instruction"] != prompts[i] or groups[g]["source"] != spec:
                raise ValueError(f"samples {members[g][0]} and {i} share group {metas[i]['group']!r} "
                                 "but not their source image and prompt")
            groups[g]["candidates"].append(_spec(items[i]))
            members[g].append(i)
            sample_group[i] = g
        for g, indices in enumerate(members):
            if len(indices) > MAX_CANDIDATES_PER_GROUP:
                first = indices[0]
                what = (f"metadata group {metas[first]['group']!r}" if "group" in metas[first]
                        else "the samples sharing one source image and prompt")
                raise ValueError(
                    f"group {g} ({what}, prompt {prompts[first]!r}, samples {first}, {indices[1]}, …) has "
                    f"{len(indices)} samples; the server takes at most {MAX_CANDIDATES_PER_GROUP} candidates per "
                    "group: sample fewer images per prompt")

        answer = client.rewards(groups) if groups else []

        def value(x):
            return null_score if x is None else float(x)

        scores: list = [null_score] * n
        advantages: list = [null_score] * n
        train_advantages = [0.0] * n
        keep = [False] * n
        errors: list = [None] * n
        dimensions: list = [None] * n
        for g, (group, indices) in enumerate(zip(answer, members)):
            for candidate, i in zip(group["candidates"], indices):
                scores[i] = value(candidate.get("reward"))
                advantages[i] = value(candidate.get("advantage"))
                keep[i] = bool(group["keep"])
                errors[i] = candidate.get("error")
                dimensions[i] = candidate.get("dimensions")
                if keep[i] and candidate.get("advantage") is not None:
                    train_advantages[i] = float(candidate["advantage"])
        info = {
            "scored": [s is not None and not (isinstance(s, float) and math.isnan(s)) for s in scores],
            "advantages": advantages,
            "train_advantages": train_advantages,
            "keep": keep,
            "group": sample_group,
            "groups": [
                {"id": group.get("id"), "mean": group.get("mean"), "std": group.get("std"),
                 "scored": group.get("scored"), "keep": group["keep"], "error": group.get("error"),
                 "indices": indices}
                for group, indices in zip(answer, members)
            ],
            "errors": errors,
            "dimensions": dimensions,
        }
        if as_multi_score:
            return {"avg": scores, "editjudge": scores}, info
        return scores, info

    reward_fn.client = client
    return reward_fn


# ----------------------------------------------------------------------------------------------- a GRPO step


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
    # Smoke test against a running server with solid-colour images, standard library only.
    def solid(grey: int) -> bytes:
        return _png(bytes([grey]) * (3 * 64 * 64), 64, 64, 3)

    print(requests.get(SERVER + "/healthz", timeout=5).json())
    source = solid(90)
    reward_fn = make_reward_fn(SERVER)
    scores, info = reward_fn([solid(170), solid(40), source, b"not an image"], ["make it brighter"] * 4,
                             [{"source": source}] * 4)
    print("scores", scores)
    print("advantages", info["advantages"], "keep", info["keep"], "errors", info["errors"])
