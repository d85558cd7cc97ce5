import { z } from "zod";

/**
 * An image in a request: a data URL, an http(s) URL (when enabled), or plain base64 as a string;
 * or an object naming the kind explicitly. File paths must use `{ "path": … }` and lie under a configured root.
 */
export const imageSpecSchema = z.union([
  z.string().min(1).describe("data:image/…;base64,… | http(s)://… | plain base64"),
  z.strictObject({ base64: z.string().min(1) }),
  z.strictObject({ url: z.string().min(1) }),
  z.strictObject({ path: z.string().min(1) }),
]);
export type ImageSpec = z.infer<typeof imageSpecSchema>;

/** The largest `metadata` object accepted, in UTF-8 bytes of its JSON. */
export const MAX_METADATA_BYTES = 16 * 1024;

/**
 * Per-case metadata a trainer or dataset sends along (the case's `metadata`): a JSON object of any fields, read by
 * name by the judges that use them. `requirement` is the editing requirement the `logit` (UniWorld-V2) judge fills
 * its prompt's `Requirements:` field with.
 */
export const metadataSchema = z
  .looseObject({
    requirement: z
      .string({ error: "not a string; send the editing requirement as text" })
      .max(4000)
      .describe("the editing requirement; the logit (UniWorld-V2) judge's Requirements: field")
      .exactOptional(),
  })
  .superRefine((value, ctx) => {
    const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
    if (bytes > MAX_METADATA_BYTES)
      ctx.addIssue({
        code: "custom",
        message: `${bytes} bytes as JSON, over the ${MAX_METADATA_BYTES}-byte limit; send only the fields a judge reads (e.g. requirement)`,
      });
  })
  .describe(
    `per-case metadata, a JSON object of at most ${MAX_METADATA_BYTES} bytes; judges read the fields they use by name (requirement: the logit judge's Requirements:)`,
  );

const caseFields = {
  source: imageSpecSchema,
  // An empty one is refused with the code of a blank one (empty_instruction), when the case is prepared.
  instruction: z.string().max(4000),
  candidates: z.array(imageSpecSchema).min(1).max(64),
  mask: imageSpecSchema
    .describe("edit mask, white = the area the edit may change; the source's size or aspect ratio")
    .optional(),
  principles: z.array(z.string().min(1)).max(64).optional(),
  metadata: metadataSchema.optional(),
};

export const scoreRequestSchema = z.strictObject({
  ...caseFields,
  /** Judge id; defaults to the server's first judge. */
  judge: z.string().optional(),
});
export type ScoreRequest = z.infer<typeof scoreRequestSchema>;

export const groupSchema = z.strictObject({
  id: z.union([z.string(), z.number()]).optional(),
  ...caseFields,
});
export type GroupRequest = z.infer<typeof groupSchema>;

export const rewardsRequestSchema = z.strictObject({
  groups: z.array(groupSchema).min(1).max(1024),
  judge: z.string().optional(),
  keep: z
    .strictObject({ minStd: z.number().min(0).optional(), maxMean: z.number().min(0).optional() })
    .optional()
    .describe("low-variance filter thresholds; defaults from the server"),
});
export type RewardsRequest = z.infer<typeof rewardsRequestSchema>;

/*
 * What the routes validate up front: the documented schemas above with their items left open, so that one bad
 * group or candidate gets its own error in the answer instead of failing the request. Each item is then checked
 * against the documented schema on its own (`groupSchema`, `imageSpecSchema`).
 */
const openCandidates = z.array(z.unknown()).min(1).max(64);
export const scoreEnvelopeSchema = scoreRequestSchema.extend({ candidates: openCandidates });
export type ScoreEnvelope = z.infer<typeof scoreEnvelopeSchema>;
export const groupEnvelopeSchema = groupSchema.extend({ candidates: openCandidates });
export type GroupEnvelope = z.infer<typeof groupEnvelopeSchema>;
export const rewardsEnvelopeSchema = rewardsRequestSchema.extend({
  groups: z.array(z.unknown()).min(1).max(1024),
});

/**
 * True for the JSON paths that hold an image spec: `source`, `mask`, `candidates[i]`, each also as `{base64}`,
 * at the top level (/v1/score) or under `groups[g]` (/v1/rewards). Long base64 literals there are decoded by the
 * image loader straight from the body bytes.
 */
export function isImagePath(path: ReadonlyArray<string | number>): boolean {
  let rest = path[0] === "groups" && typeof path[1] === "number" ? path.slice(2) : path;
  if (rest[rest.length - 1] === "base64") rest = rest.slice(0, -1);
  if (rest.length === 1) return rest[0] === "source" || rest[0] === "mask";
  return rest.length === 2 && rest[0] === "candidates" && typeof rest[1] === "number";
}

/** One readable line per problem, each naming the field (under `at`, the path of the validated value). */
export function describeIssues(error: z.ZodError, at: ReadonlyArray<string | number> = []): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [...at, ...issue.path.map(String)];
      return `${path.length > 0 ? path.join(".") : "body"}: ${issue.message}`;
    })
    .join("; ");
}
