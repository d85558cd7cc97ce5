import { writePickle } from "../../src/server/pickle/write-pickle.js";

/**
 * The same judging work (one source, one candidate, "make it brighter") as each route's body: /v1/rewards and the
 * trainer-protocol routes, for `npm run bench:server`'s comparison of the adapters with /v1/rewards.
 */
export function compatBodies(images: {
  source: Buffer;
  candidate: Buffer;
}): Array<{ target: string; path: string; body: Buffer }> {
  const instruction = "make it brighter";
  const source = images.source.toString("base64");
  const candidate = images.candidate.toString("base64");
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  return [
    {
      target: "POST /v1/rewards",
      path: "/v1/rewards",
      body: json({ groups: [{ source, instruction, candidates: [candidate] }] }),
    },
    {
      target: "POST /mode/<mode> (Edit-R1, pickle)",
      path: "/mode/logits_non_cot",
      body: writePickle({
        images: [images.candidate],
        ref_images: [images.source],
        prompts: [instruction],
        metadatas: [{ requirement: "brighter" }],
      }),
    },
    {
      target: "POST / (flow_grpo, pickle)",
      path: "/",
      body: writePickle({
        images: [images.candidate],
        prompts: [instruction],
        metadata: { source: images.source },
      }),
    },
    {
      target: "POST /score (UniRL)",
      path: "/score",
      body: json({
        requests: [
          {
            history: [
              { text: instruction, image_b64: source },
              { text: instruction, image_b64: candidate },
            ],
            required_rewards: ["editjudge"],
          },
        ],
      }),
    },
    {
      target: "POST /compute (Flow-Factory)",
      path: "/compute",
      body: json({ prompt: [instruction], image: [candidate], condition_images: [[source]] }),
    },
  ];
}
