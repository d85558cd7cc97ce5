import type { CaseMetadata, PreparedCase } from "../contract/edit-case.js";
import type { DecodedImage } from "../contract/image.js";
import type { Judge } from "../contract/judge.js";
import type { CandidateError, CandidateResult, JudgeResult } from "../contract/result.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { InputError } from "../errors/input-error.js";
import { prepareOptionsFor } from "../image/prepare-case.js";
import { rankCandidates } from "../scoring/aggregate.js";
import type { ImageLoader, LoadAs } from "./image-loader.js";
import { type GroupEnvelope, type ImageSpec, imageSpecSchema } from "./request-schemas.js";

/** The error of one candidate, in the server's error shape. */
export function candidateError(error: unknown): CandidateError {
  if (error instanceof EditJudgeError) return { code: error.code, message: error.message };
  return { code: "internal_error", message: error instanceof Error ? error.message : String(error) };
}

function described(value: unknown): string {
  if (value === null) return "null";
  if (value === "") return "an empty string";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0 ? "an empty object" : `an object with ${keys.map((k) => `"${k}"`).join(", ")}`;
  }
  return `a ${typeof value}`;
}

/** A candidate's image spec, or an `invalid_request` error naming the candidate and what it was. */
function candidateSpec(raw: unknown, index: number): ImageSpec {
  const parsed = imageSpecSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new EditJudgeError(
    "invalid_request",
    `candidates.${index} is ${described(raw)}, not an image; send a data URL, an http(s) URL or base64 as a string, or one of {"base64": …}, {"url": …}, {"path": …}`,
  );
}

function failedCandidate(index: number, name: string, error: CandidateError): CandidateResult {
  return {
    index,
    name,
    reward: null,
    rewardReason: `candidate not judged: ${error.message}`,
    dimensions: { instructionFollowing: null, preservation: null, quality: null },
    verdicts: [],
    error,
  };
}

/**
 * Decodes a case and judges it. The source (and mask) must decode, or the whole case fails with an InputError;
 * each candidate is checked and decoded separately, so a bad candidate (not an image spec, not decodable) gets
 * `{reward: null, error}` and the rest are judged.
 */
export async function judgeGroup(
  judge: Judge,
  group: Omit<GroupEnvelope, "id">,
  loader: ImageLoader,
  signal: AbortSignal,
  /** Per-case data a trainer sent (the compat routes' `metadatas[i]`), passed to the judge as `metadata`. */
  metadata?: CaseMetadata,
): Promise<JudgeResult> {
  const instruction = group.instruction.trim();
  if (instruction.length === 0)
    throw new InputError(
      "instruction",
      'instruction is empty; say what the edit should do, e.g. "make it brighter"',
      {
        code: "empty_instruction",
      },
    );
  // Everything decodes in parallel; candidates settle one by one so a bad one does not fail the others. For a
  // judge that compacts (checks on large images), the source is compacted as it decodes and each candidate once
  // both it and the source's size are there, so the request holds full-resolution pixels only while they decode.
  const { keepEncoded, compact: compactImage } = prepareOptionsFor(judge);
  const plain: LoadAs = keepEncoded === false ? { keepEncoded } : {};
  const sourceLoad = loader.load(
    group.source,
    "source",
    compactImage ? { ...plain, compact: { compactImage, source: "self" } } : plain,
  );
  const sourceSize = sourceLoad.then((image) => ({ width: image.width, height: image.height }));
  sourceSize.catch(() => {}); // a failed source fails the case below, candidates just stop
  const asCandidate: LoadAs = compactImage
    ? { ...plain, compact: { compactImage, source: sourceSize } }
    : plain;
  const candidatesSettled = Promise.allSettled(
    group.candidates.map(async (raw, i) => loader.load(candidateSpec(raw, i), `candidate-${i}`, asCandidate)),
  );
  const [head, settled] = await Promise.all([
    // Both settle before either failure counts, so a failed source does not leave the mask decoding.
    Promise.allSettled([
      sourceLoad,
      group.mask === undefined ? undefined : loader.load(group.mask, "mask", plain),
    ]).then(([source, mask]) => {
      if (source.status === "rejected") return { error: source.reason as unknown };
      if (mask.status === "rejected") return { error: mask.reason as unknown };
      return { images: [source.value, mask.value] as const };
    }),
    candidatesSettled,
  ]);
  // A bad source fails the case only once every decode has ended, so no image is still being decoded (and
  // holding pixels the server counts) after the case is over.
  if ("error" in head) throw head.error;
  const [source, mask] = head.images;
  // A request that has been answered already (over a budget, timed out, client gone) is not judged.
  signal.throwIfAborted();
  const good: Array<{ index: number; image: DecodedImage }> = [];
  settled.forEach((s, index) => {
    if (s.status === "fulfilled") good.push({ index, image: s.value });
  });
  const results: CandidateResult[] = settled.map((s, index) =>
    s.status === "rejected"
      ? failedCandidate(index, `candidate-${index}`, candidateError(s.reason))
      : failedCandidate(index, `candidate-${index}`, {
          code: "judge_missing_candidate",
          message: "the judge returned no result for this candidate",
        }),
  );
  let judged: JudgeResult | null = null;
  if (good.length > 0) {
    const prepared: PreparedCase = { source, instruction, candidates: good.map((g) => g.image) };
    if (mask) prepared.mask = mask;
    if (group.principles && group.principles.length > 0) prepared.principles = group.principles;
    const caseMetadata = metadata ?? (group.metadata as CaseMetadata | undefined);
    if (caseMetadata) prepared.metadata = caseMetadata;
    judged = await judge.judge(prepared, { signal });
    for (const candidate of judged.candidates) {
      const original = good[candidate.index]?.index;
      if (original !== undefined) results[original] = { ...candidate, index: original };
    }
  }
  return {
    contractVersion: "1",
    judge: { id: judge.id, version: judge.version },
    instruction,
    principles: judged?.principles ?? [],
    candidates: results,
    ranking: rankCandidates(results.map((r) => r.reward)),
    notes: judged?.notes ?? [],
    ...(judged?.extra ? { extra: judged.extra } : {}),
  };
}
