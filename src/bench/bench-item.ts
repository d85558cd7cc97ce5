import type { ImageInput } from "../contract/image.js";

/** GenAI-Bench's four pairwise classes (A is the left/first candidate). */
export type Vote4 = "A>B" | "B>A" | "A=B=Good" | "A=B=Bad";

/**
 * What humans said about an item's candidates.
 * - `ranking`: candidate indices in tiers, best first; candidates in one tier tie. `tieQuality` keeps
 *   GenAI-Bench's / EditReward's "A=B=Good" vs "A=B=Bad" distinction for two-candidate ties.
 * - `scores`: one human score per candidate (ImagenHub: mean over raters of sqrt(SC·PQ)).
 */
export type HumanLabel =
  | { kind: "ranking"; tiers: number[][]; tieQuality?: "good" | "bad" }
  | { kind: "scores"; scores: number[] };

/**
 * One benchmark item. Images are optional because some formats (GenAI-Bench votes, ImagenHub TSVs)
 * carry only labels and stored judge outputs; such items can be scored from stored outputs only.
 */
export interface BenchItem {
  id: string;
  category: string;
  instruction: string;
  source?: ImageInput;
  candidates?: ImageInput[];
  /** An edit mask (white = may change), from a `mask` field or column; passed to the judge. */
  mask?: ImageInput;
  /** The editing requirement, from a `requirement` field or column; passed to the judge as metadata.requirement. */
  requirement?: string;
  /** Candidate labels for reports (editing model names, "A"/"B"). */
  candidateNames: string[];
  human: HumanLabel;
  /** A second grouping, e.g. EditScore's `dimension`; macro-averaged metrics are reported per subset. */
  subset?: string;
  /**
   * Which of a judge's scores this item is judged by: a dimension of the result (EditScore's benchmark scores its
   * prompt-following subset by SC₁ and its consistency subset by SC₂), or the reward when absent. A judge that
   * reports no value for that dimension is scored by its reward.
   */
  scoreBy?: "instructionFollowing" | "preservation" | "quality";
  /** Groups items for group-level metrics (EditReward-Bench per-comparison rows); default: the id. */
  groupId?: string;
}

/**
 * A judge's answer on one item, from a registry judge or from stored outputs.
 * `scores`: one reward per candidate, null where the judge abstained.
 * `vote`: a stored pairwise verdict (GenAI-Bench `model_vote`), null when unparseable.
 */
export type JudgePrediction =
  | { kind: "scores"; scores: Array<number | null>; error?: string }
  | { kind: "vote"; vote: Vote4 | null; raw?: string };

/** A benchmark as read from disk: its items, and any judge outputs stored alongside them. */
export interface BenchDataset {
  /** Format id, e.g. "genai-bench". */
  format: string;
  /** The metric this format's published numbers use, e.g. "vote4-exact-match". */
  primaryMetric: PrimaryMetric;
  items: BenchItem[];
  /** Stored judge outputs by judge name, then by item id. */
  stored: Record<string, Map<string, JudgePrediction>>;
}

export type PrimaryMetric =
  | "pairwise-strict"
  | "vote4-exact-match"
  | "group-accuracy"
  | "pairwise-strict-macro-task"
  | "spearman-fisher-z";
