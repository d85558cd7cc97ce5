"""Runs a trainer's own reward-client code, unchanged, against an editjudge server, and prints what it got as JSON.

    python3 trainer_clients.py CLIENT URL REFERENCE_DIR PHOTOS_DIR WORK_DIR

CLIENT is edit-r1, firm, verl-omni, unirl or flow-factory. The client module is loaded from REFERENCE_DIR (the user's
copies of the trainers), with the stand-ins in ./stubs for the heavy packages it imports but does not use for the
call (torch, accelerate, the trainers' own base classes). The batch is four edits of two photos for "make it
brighter": each photo brightened, then darkened. Sources are also written to WORK_DIR (the server's --image-root)
for verl-omni, whose client can only name the source in its prompt. Prints {"scores": [...]} or, when the client
raised, {"raised": exception type, "message": ...}; UniRL also reports its per-sample successes and errors.
"""

import asyncio
import importlib.util
import io
import json
import os
import sys
import types
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "stubs"))

import numpy as np  # noqa: E402
import torch  # noqa: E402  (the stub)
from PIL import Image, ImageEnhance  # noqa: E402

INSTRUCTION = "make it brighter"
PHOTOS = ["kodim01.png", "kodim12.png"]


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def batch(photos_dir, work_dir):
    sources, candidates = [], []
    for photo in PHOTOS:
        source = Image.open(os.path.join(photos_dir, photo)).convert("RGB").resize((192, 128))
        source.save(os.path.join(work_dir, photo))
        for factor in (1.5, 0.55):
            sources.append(source)
            candidates.append(ImageEnhance.Brightness(source).enhance(factor))
    return sources, candidates


def chw(image):
    return np.asarray(image).transpose(2, 0, 1)


def edit_r1(url, reference, sources, candidates):
    parts = urllib.parse.urlsplit(url)
    os.environ["REWARD_SERVER"] = parts.netloc
    rewards = load("edit_r1_rewards", os.path.join(reference, "Edit-R1/flow_grpo/rewards.py"))
    score = rewards.mllm_score_continue("cpu")
    images = torch.Tensor(np.stack([chw(c) for c in candidates]).astype(np.float32) / 255.0)
    metadatas = [{"requirement": "the whole picture is brighter"} for _ in candidates]
    scores, _ = score(sources, images, [INSTRUCTION] * len(candidates), metadatas)
    return {"scores": [float(s) for s in scores]}


def firm(url, reference, sources, candidates):
    """FIRM-Reward's fork of the Edit-R1 client (it slices prompts per chunk; its scores are 1-5, so the run sets
    normalize_mllm_score=False for editjudge's rewards in [0, 1])."""
    parts = urllib.parse.urlsplit(url)
    os.environ["REWARD_SERVER"] = parts.netloc
    rewards = load("firm_rewards", os.path.join(reference, "FIRM-Reward/editing/flow_grpo/rewards.py"))
    score = rewards.mllm_score_continue("cpu", normalize_mllm_score=False)
    images = torch.Tensor(np.stack([chw(c) for c in candidates]).astype(np.float32) / 255.0)
    scores, _ = score(sources, images, [INSTRUCTION] * len(candidates), None)
    return {"scores": [float(s) for s in scores]}


def verl_omni(url, reference, sources, candidates):
    client = load(
        "verl_http_scorer_client",
        os.path.join(reference, "verl-omni/verl_omni/utils/reward_score/http_scorer_client.py"),
    )

    async def run():
        try:
            scores = []
            for index, candidate in enumerate(candidates):
                # The dataset's ground_truth names the source (a path under the server's --image-root).
                ground_truth = json.dumps({"instruction": INSTRUCTION, "source": {"path": PHOTOS[index // 2]}})
                tensor = torch.Tensor(chw(candidate).astype(np.uint8))
                result = await client.compute_score(tensor, ground_truth, url, retry_backoff=0.01)
                scores.append(result["score"])
            return {"scores": scores}
        finally:
            session = getattr(client.compute_score, "_session", None)
            if session is not None:
                await session.close()

    return asyncio.run(run())


def unirl(url, reference, sources, candidates):
    remote = load("unirl.reward.remote", os.path.join(reference, "UniRL/unirl/reward/remote.py"))
    from unirl.types.reward import RewardRequest

    spec = remote.RemoteRewardSpec(base_url=url, required_rewards=("editjudge",), retry_delay=0.0)
    backend = remote.RemoteRewardBackend(config=spec, base_device="cpu")
    if not backend.is_available():
        raise RuntimeError("is_available() is False")
    pixels = torch.Tensor(np.stack([chw(s) for s in sources]).astype(np.uint8))
    request = RewardRequest(
        images=candidates,
        prompts=[INSTRUCTION] * len(candidates),
        metadata=[{"requirement": "brighter"}] * len(candidates),
        primitives={"image": types.SimpleNamespace(pixels=pixels)},
    )
    response = backend.compute_rewards(request)
    backend.dispose()
    return {
        "scores": [float(r) for r in response.rewards],
        "successes": list(response.successes),
        "errors": list(response.errors),
    }


def flow_factory(url, reference, sources, candidates):
    remote = load(
        "flow_factory.rewards.my_reward_remote",
        os.path.join(reference, "Flow-Factory/src/flow_factory/rewards/my_reward_remote.py"),
    )
    from accelerate import Accelerator
    from flow_factory.hparams import RewardArguments

    model = remote.RemotePointwiseRewardModel(
        RewardArguments(server_url=url, timeout=60.0, retry_attempts=3), Accelerator()
    )
    # What Flow-Factory passes when the reward class lists condition_images in its required_fields.
    output = model(
        prompt=[INSTRUCTION] * len(candidates),
        image=candidates,
        condition_images=[[s] for s in sources],
    )
    return {"scores": [float(r) for r in output.rewards.numpy().tolist()]}


CLIENTS = {"edit-r1": edit_r1, "firm": firm, "verl-omni": verl_omni, "unirl": unirl, "flow-factory": flow_factory}


def main():
    name, url, reference, photos_dir, work_dir = sys.argv[1:6]
    sources, candidates = batch(photos_dir, work_dir)
    try:
        result = CLIENTS[name](url, reference, sources, candidates)
    except Exception as error:  # the client's own failure is what the test checks
        result = {"raised": type(error).__name__, "message": str(error)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
