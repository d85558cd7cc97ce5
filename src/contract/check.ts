import type { Measurement } from "./verdict.js";

/** What a pure image check returns: measured numbers and a readable summary. */
export interface CheckResult {
  check: string;
  summary: string;
  measurements: Record<string, Measurement>;
}
