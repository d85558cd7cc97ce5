import { resolveConfig } from "../../config/resolve-config.js";
import type { Judge } from "../../contract/judge.js";
import { ChecksJudge } from "../checks/checks-judge.js";
import { HybridJudge } from "../hybrid/hybrid-judge.js";
import type { JudgeEntry, JudgeFactoryOptions } from "../judge-entry.js";
import { EditScoreJudge } from "./editscore-judge.js";
import { FirmJudge } from "./firm-judge.js";
import { LogitJudge } from "./logit-judge.js";
import { PairwiseJudge } from "./pairwise-judge.js";
import { RubricJudge } from "./rubric-judge.js";
import { VieScoreJudge } from "./viescore-judge.js";
import { createVlmRuntime, VlmRuntime } from "./vlm-runtime.js";

/** The runtime for a factory call: the injected backend if any, else one built from the settings. */
function runtimeFor(options: JudgeFactoryOptions, judgeId: string): VlmRuntime {
  const config = resolveConfig({ explicit: options.settings });
  return options.backend ? new VlmRuntime(options.backend, config) : createVlmRuntime(config, judgeId);
}

function vlmEntry(id: string, description: string, make: (rt: VlmRuntime) => Judge): JudgeEntry {
  return { id, description, needsBackend: true, create: (options) => make(runtimeFor(options, id)) };
}

export const VLM_JUDGE_ENTRIES: readonly JudgeEntry[] = [
  vlmEntry(
    "viescore",
    "VIEScore: SC=[success, over-editing] and PQ=[naturalness, artifacts] on 0–10; reward sqrt(minSC·minPQ)/10",
    (rt) => new VieScoreJudge(rt),
  ),
  vlmEntry(
    "editscore",
    "EditScore: VIEScore prompts on 0–25 with reasoning first; --passes k averages k samples (Avg@k)",
    (rt) => new EditScoreJudge(rt),
  ),
  vlmEntry(
    "rubric",
    "Edit-RRM-style: Follow/Keep/Quality principles (from the VLM or --principle), each P(yes); aggregated as checks",
    (rt) => new RubricJudge(rt),
  ),
  vlmEntry(
    "logit",
    "UniWorld-V2/Edit-R1: rate 0–5; reward Σp(d)·d/5 over digit top_logprobs (needs logprobs)",
    (rt) => new LogitJudge(rt),
  ),
  vlmEntry(
    "firm",
    "FIRM: execution E and consistency C on 1–5; reward (E/5)(w1 + w2·C/5)/(w1+w2), w1=0.6, w2=0.4",
    (rt) => new FirmJudge(rt),
  ),
  vlmEntry(
    "pairwise",
    "GenAI-Bench pairwise: A>B, B>A, A=B=Good, A=B=Bad for 2 candidates, both orders, position consistency",
    (rt) => new PairwiseJudge(rt),
  ),
  vlmEntry(
    "hybrid",
    "checks decide where confident (|score−0.5| ≥ margin), a VLM yes/no verifier decides the rest",
    (rt) => new HybridJudge(new ChecksJudge(), rt),
  ),
];
