import type { Principle } from "./principle.js";
import type { Verdict } from "./verdict.js";
import type { ContractVersion } from "./version.js";

export interface Dimensions {
  /** Did the edit do what was asked? null when every follow principle abstained. */
  instructionFollowing: number | null;
  /** Did it keep what should stay? */
  preservation: number | null;
  /** Does it look right? */
  quality: number | null;
}

export interface CandidateError {
  code: string;
  message: string;
  /**
   * Set when the failure was not about this candidate but about the judge's means (its model server failing or
   * unreachable after the retries, a call timing out): the same candidate may well be judged later.
   */
  transient?: true;
}

export interface CandidateResult {
  /** Position of the candidate in the input list. */
  index: number;
  /** File name or caller-supplied label. */
  name: string;
  /** The reward in [0,1], or null when the judge could not decide (see `rewardReason`). */
  reward: number | null;
  rewardReason?: string;
  dimensions: Dimensions;
  verdicts: Verdict[];
  /** Set when judging this candidate failed; the rest of the result is still valid. */
  error?: CandidateError;
  /** Per-pass rewards for multi-pass judges (Avg@k). */
  passes?: Array<number | null>;
}

export interface JudgeIdentity {
  id: string;
  version: string;
}

export interface JudgeResult {
  contractVersion: ContractVersion;
  judge: JudgeIdentity;
  instruction: string;
  principles: Principle[];
  candidates: CandidateResult[];
  /** Candidate indices, best first. Candidates with a null reward come last, in input order. */
  ranking: number[];
  /** Notes that apply to the whole case (e.g. "backend has no logprobs; used sampled answers"). */
  notes: string[];
  /** Judge-specific extras (pairwise verdicts, position consistency, capability probe). */
  extra?: Record<string, unknown>;
}
