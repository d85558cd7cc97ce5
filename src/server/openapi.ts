import { z } from "zod";
import { compatOpenApiPaths } from "./compat/compat-openapi.js";
import { rewardsRequestSchema, scoreRequestSchema } from "./request-schemas.js";

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
  },
};

const dimensions = {
  type: "object",
  properties: Object.fromEntries(
    ["instructionFollowing", "preservation", "quality"].map((k) => [k, { type: ["number", "null"] }]),
  ),
};

const rewardsResponse = {
  type: "object",
  properties: {
    judge: { type: "object", properties: { id: { type: "string" }, version: { type: "string" } } },
    keepRule: { type: "object", properties: { minStd: { type: "number" }, maxMean: { type: "number" } } },
    groups: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: ["string", "number", "null"] },
          mean: { type: ["number", "null"], description: "mean of the non-null rewards" },
          std: { type: ["number", "null"], description: "population std of the non-null rewards" },
          scored: { type: "integer", description: "number of non-null rewards" },
          keep: { type: "boolean", description: "std > minStd and mean < maxMean (false with < 2 rewards)" },
          error: errorSchema.properties.error,
          candidates: {
            type: "array",
            items: {
              type: "object",
              properties: {
                reward: { type: ["number", "null"], description: "in [0,1]; null = abstained or failed" },
                advantage: {
                  type: ["number", "null"],
                  description: "(r − mean)/(std + eps); null when reward is null",
                },
                dimensions,
                rewardReason: { type: "string" },
                error: {
                  ...errorSchema.properties.error,
                  properties: {
                    ...errorSchema.properties.error.properties,
                    transient: {
                      type: "boolean",
                      description:
                        "true when the failure was the judge's model server (after its retries), not the candidate: retrying later may succeed",
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const errors = Object.fromEntries(
  [
    ["400", "malformed JSON, wrong types, bad base64, unknown judge"],
    ["401", "missing or wrong bearer token"],
    ["403", "URL or path refused (disabled, private address, outside roots)"],
    ["408", "body_timeout: the body did not arrive within the request time limit"],
    [
      "413",
      "body or image too large (including decompression bombs), or the request's images over its decoded-pixel budget",
    ],
    ["415", "unsupported_media_type: a Content-Encoding (gzip…); send the body uncompressed"],
    ["422", "bytes are not a supported image"],
    ["500", "internal_error (details only in the server log)"],
    ["502", "an image URL fetch or the model server failed"],
    [
      "503",
      "shutting_down, or server_busy: the requests in flight hold the server's decoded-pixel budget; retry after Retry-After",
    ],
    ["504", "request timed out"],
  ].map(([status, description]) => [
    status,
    {
      description,
      ...(status === "503"
        ? {
            headers: {
              "Retry-After": {
                description: "seconds to wait before retrying (sent with server_busy)",
                schema: { type: "integer" },
              },
            },
          }
        : {}),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    },
  ]),
);

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

/** The OpenAPI 3.1 document served at /openapi.json. Request schemas come from the zod validators. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "EditJudge reward server", version },
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        basic: { type: "http", scheme: "basic" },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/v1/score": {
        post: {
          summary: "Judge one case: the full result with verdicts, evidence and rewards",
          requestBody: { required: true, ...json(z.toJSONSchema(scoreRequestSchema, { io: "input" })) },
          responses: {
            "200": { description: "JudgeResult (contract version 1)", ...json({ type: "object" }) },
            ...errors,
          },
        },
      },
      "/v1/rewards": {
        post: {
          summary: "Batch of groups → rewards, GRPO advantages and keep flags for RL",
          description:
            "A group that does not match its schema, or a candidate that is not an image spec, gets its own `error` in the answer (code invalid_request, naming the field) and the rest of the batch is judged; only the envelope (groups, keep, judge) fails the request.",
          requestBody: { required: true, ...json(z.toJSONSchema(rewardsRequestSchema, { io: "input" })) },
          responses: { "200": { description: "Rewards per group", ...json(rewardsResponse) }, ...errors },
        },
      },
      "/healthz": { get: { security: [], summary: "Liveness", responses: { "200": { description: "ok" } } } },
      "/readyz": {
        get: {
          security: [],
          summary: "Readiness: judges loaded and not shutting down",
          responses: { "200": { description: "ready" }, "503": { description: "shutting down" } },
        },
      },
      "/metrics": {
        get: { summary: "Prometheus metrics", responses: { "200": { description: "text exposition" } } },
      },
      ...compatOpenApiPaths(),
    },
  };
}
