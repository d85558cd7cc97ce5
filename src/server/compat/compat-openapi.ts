/**
 * The trainer-protocol routes in /openapi.json: their summaries and answers. The pickle bodies are described in
 * words (OpenAPI has no schema for a pickle); docs/server.md, "Trainer protocols", has the details.
 */
const pickle = (description: string) => ({
  content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
  description,
});
const security = [{ bearer: [] }, { basic: [] }];
const outcomes = {
  "400": {
    description: "bad request (invalid_pickle, invalid_request, missing_source), in the route's format",
  },
  "401": { description: "no token: send it as Bearer, or as the Basic password (http://x:TOKEN@host:port)" },
  "422": {
    description: "a reward is null and --compat-null is error (no_reward): the answer has no rewards",
  },
  "500": {
    description: "transient: a reward could not be judged for now, or the server is busy or stopping; retry",
  },
};
const scores = pickle('pickle {"scores": [float], "outputs": [float], "null_mask": [bool]}');

export function compatOpenApiPaths(): Record<string, unknown> {
  return {
    "/mode/{mode}": {
      post: {
        security,
        summary: "Edit-R1 / FIRM-Reward: pickle {images, ref_images, prompts, metadatas} → pickle {scores}",
        parameters: [{ name: "mode", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, ...pickle("pickle of the dict") },
        responses: { "200": scores, ...outcomes },
      },
    },
    "/": {
      post: {
        security,
        summary: "flow_grpo / verl-omni: pickle {images, prompts, metadata} → pickle {scores}",
        requestBody: {
          required: true,
          ...pickle("pickle of the dict; the source from ref_images, metadata.source or a JSON prompt"),
        },
        responses: { "200": scores, ...outcomes },
      },
    },
    "/flow-grpo": {
      post: {
        security,
        summary: "The same as POST /",
        requestBody: { required: true, ...pickle("pickle of the dict") },
        responses: { "200": scores, ...outcomes },
      },
    },
    "/health": {
      get: {
        security: [],
        summary: 'UniRL / Flow-Factory health: {"status": "ok", "rewards": {name: ["ready"]}}',
        responses: { "200": { description: "ok" }, "503": { description: "shutting down" } },
      },
    },
    "/score": {
      post: {
        security,
        summary:
          "UniRL RewardService: {requests: [{history, required_rewards, metadata}]} → {results, errors, null_mask}",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: {
          "200": { description: "results[i][name] = {overall, …dimensions}; nulls in errors[i][name]" },
          ...outcomes,
        },
      },
    },
    "/compute": {
      post: {
        security,
        summary: "Flow-Factory: {prompt, image, condition_images} → {rewards, null_mask}",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": { description: '{"rewards": [float], "null_mask": [bool]}' }, ...outcomes },
      },
    },
  };
}
