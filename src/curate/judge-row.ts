import type { Judge } from "../contract/judge.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { InputError } from "../errors/input-error.js";
import type { ImageLimits } from "../image/image-limits.js";
import { type DecodeSlots, prepareCase, prepareOptionsFor } from "../image/prepare-case.js";
import { type CurateDecision, decide } from "./curate-decision.js";
import type { RawRow } from "./dataset-rows.js";
import { toEditRow } from "./row-images.js";

/** A row could not be judged because the judge's model server failed: the run stops at this row. */
export class RowStopError extends EditJudgeError {
  constructor(
    readonly row: number,
    code: string,
    message: string,
  ) {
    super(code, message);
    this.name = "RowStopError";
  }
}

/** Runs a row may stop with a model-server failure; the next time it fails, it is rejected instead. */
export const STOPS_PER_ROW = 2;

export interface JudgedRow {
  index: number;
  record: Record<string, unknown>;
  decision: CurateDecision;
  dimensions: unknown;
}

/**
 * Judges one row. Problems with the row itself (bad JSON, missing field, unreadable image) reject it with the
 * reason. Anything else (backend down, judge crash) is thrown: the run stops at the last committed batch and
 * a rerun resumes, so an outage never turns into rejected rows.
 */
export async function judgeRow(
  raw: RawRow,
  datasetPath: string,
  judge: Judge,
  minReward: number,
  /** The image limits, and the decode slots the rows judged at once share. */
  decoding: { limits: ImageLimits; slots?: DecodeSlots },
  signal?: AbortSignal,
  /** How many runs this row has stopped already (see STOPS_PER_ROW). */
  stopsSoFar = 0,
): Promise<JudgedRow> {
  const base = { index: raw.index, record: raw.record, dimensions: null };
  if (raw.parseError)
    return { ...base, decision: decide(null, { code: "invalid_row", message: raw.parseError }, minReward) };
  try {
    const row = toEditRow(raw.record, datasetPath);
    const prepared = await prepareCase(
      {
        source: row.source,
        instruction: row.instruction,
        candidates: [row.edited],
        ...(row.mask ? { mask: row.mask } : {}),
        ...(row.requirement ? { metadata: { requirement: row.requirement } } : {}),
      },
      decoding.limits,
      { ...prepareOptionsFor(judge), ...(decoding.slots ? { slots: decoding.slots } : {}) },
    );
    const result = await judge.judge(prepared, signal ? { signal } : {});
    // Whatever a judge made of an aborted call, the run is stopping: nothing of this row is decided.
    signal?.throwIfAborted();
    const candidate = result.candidates[0] ?? null;
    // A judge reports its model server failing (after its retries) as this candidate's error; that is no
    // verdict on the row, so it stops the run like any outage instead of rejecting the row for good.
    if (candidate?.error?.transient) {
      // A row the model server keeps failing on (a request it cannot serve) must not block the run for ever.
      if (stopsSoFar >= STOPS_PER_ROW)
        return {
          ...base,
          decision: decide(
            null,
            {
              code: candidate.error.code,
              message: `${candidate.error.message} (this row also stopped the ${stopsSoFar} runs before; rejected so the run can go on)`,
            },
            minReward,
          ),
        };
      throw new RowStopError(
        raw.index,
        candidate.error.code,
        `row ${raw.index} could not be judged: ${candidate.error.message}. The run stopped after its last committed batch; once the model server answers again, rerun the same command to resume (a row that stops ${STOPS_PER_ROW} runs is rejected the next time it fails)`,
      );
    }
    return {
      ...base,
      decision: decide(candidate, null, minReward),
      dimensions: candidate?.dimensions ?? null,
    };
  } catch (error) {
    if (error instanceof InputError)
      return { ...base, decision: decide(null, { code: error.code, message: error.message }, minReward) };
    throw error;
  }
}
