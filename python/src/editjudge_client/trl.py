"""A TRL reward function: `reward(prompts, completions, **columns) -> list[float | None]`.

TRL's GRPOTrainer calls each reward function with the batch's `prompts` and `completions` and every other column
of the dataset as a keyword argument (one value per sample), and logs it under the function's `__name__`. For
image editing the source image is a dataset column (`image` by default) and the edited image comes from the
completion: either the completion is an image, or `render(completion, source)` makes one (e.g. applies an edit
program or tool call the model wrote).

    from editjudge_client.trl import make_trl_reward
    reward = make_trl_reward("http://127.0.0.1:8787", render=apply_edit_program)
    trainer = GRPOTrainer(model=..., reward_funcs=[reward], train_dataset=dataset, ...)
"""

from __future__ import annotations

from typing import Any, Callable, List, Literal, Optional, Sequence, Union

from .batch import Sample, error_fields, plan_batch, spread_answer, why_no_reward
from .client import EditJudgeClient
from .errors import NoReward
from .groups import requirement_metadata

NullScore = Union[float, None, Literal["error"]]


def prompt_text(prompt: Any) -> str:
    """The text of a prompt: a string, or the last user turn of a conversation ([{"role", "content"}, …], content
    a string or a list of {"type": "text", "text"} parts)."""
    if isinstance(prompt, str):
        return prompt
    if isinstance(prompt, Sequence):
        for message in reversed(list(prompt)):
            if isinstance(message, dict) and message.get("role", "user") == "user":
                content = message.get("content")
                if isinstance(content, str):
                    return content
                if isinstance(content, Sequence):
                    texts = [p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text"]
                    if texts:
                        return " ".join(t for t in texts if t)
    raise ValueError(f"cannot read an instruction from the prompt {prompt!r}: pass instruction_column")


def make_trl_reward(server_url: Optional[str] = None, *, render: Optional[Callable[[Any, Any], Any]] = None,
                    source_column: str = "image", instruction_column: Optional[str] = None,
                    requirement_column: Optional[str] = None,
                    null_score: NullScore = "error", token: Optional[str] = None, judge: Optional[str] = None,
                    client: Optional[EditJudgeClient] = None, name: str = "editjudge",
                    **client_options: Any) -> Callable[..., List[Optional[float]]]:
    """A TRL reward function backed by the server.

    source_column: the dataset column holding each sample's source image (a list of images: the first one).
    instruction_column: the column with the edit instruction; default: the prompt's text (its last user turn).
    render(completion, source) -> image: makes the edited image from a completion; without it the completion must
    be an image itself (or a dict with "image"). requirement_column: the column with each sample's editing
    requirement (a str, or None for none), sent as its group's metadata for the server's logit judge; default:
    the "requirement" column when the dataset has one. Samples sharing source, instruction and requirement form
    one group, as TRL's num_generations completions of one prompt do.

    null_score: what a sample the judge gave no reward gets. "error" (default) raises NoReward naming the sample
    and the reason. None returns None, TRL's "this reward does not apply": TRL then leaves it out when other reward
    functions score the sample, but a sample no function scores gets NaN (and a warning). A float returns it."""
    rewarder = client or EditJudgeClient(server_url, judge=judge, token=token, **client_options)

    def reward(prompts: Sequence[Any], completions: Sequence[Any], **columns: Any) -> List[Optional[float]]:
        n = len(completions)
        if source_column not in columns:
            raise ValueError(f"the dataset has no {source_column!r} column with the source images "
                             f"(columns: {sorted(columns)}); pass source_column")
        sources = list(columns[source_column])
        if instruction_column is not None:
            if instruction_column not in columns:
                raise ValueError(f"the dataset has no {instruction_column!r} column (columns: {sorted(columns)})")
            instructions = [str(x) for x in columns[instruction_column]]
        else:
            instructions = [prompt_text(p) for p in prompts]
        requirements: List[Any] = [None] * n
        if requirement_column is not None and requirement_column not in columns:
            raise ValueError(f"the dataset has no {requirement_column!r} column (columns: {sorted(columns)})")
        column = requirement_column or "requirement"
        if column in columns:
            requirements = list(columns[column])
            if len(requirements) != n:
                raise ValueError(f"{n} completions but {len(requirements)} values in the {column!r} column")
        if len(sources) != n or len(instructions) != n:
            raise ValueError(f"{n} completions but {len(sources)} sources and {len(instructions)} instructions")
        samples = []
        for i in range(n):
            source = sources[i]
            if isinstance(source, (list, tuple)):
                if not source:
                    raise ValueError(f"sample {i} has an empty {source_column!r} list: it needs the source image")
                source = source[0]
            completion = completions[i]
            if render is not None:
                candidate = render(completion, source)
            elif isinstance(completion, dict) and "image" in completion:
                candidate = completion["image"]
            else:
                candidate = completion
            requirement = requirement_metadata(requirements[i], f"sample {i}'s {column!r} value")
            samples.append(Sample(candidate, source, instructions[i], metadata=requirement))
        plan = plan_batch(samples)
        results = spread_answer(plan, rewarder.rewards(plan.groups), n)
        out: List[Optional[float]] = []
        for i, result in enumerate(results):
            if result.reward is not None:
                out.append(result.reward)
            elif null_score == "error":
                code, reason = error_fields(result)
                raise NoReward(f"no reward for sample {i} ({instructions[i]!r}): {why_no_reward(result)}; pass "
                               "null_score=None to return None for such samples", index=i, code=code, reason=reason)
            else:
                out.append(null_score)
        return out

    reward.__name__ = name
    reward.__qualname__ = name
    reward.client = rewarder  # type: ignore[attr-defined]
    return reward
