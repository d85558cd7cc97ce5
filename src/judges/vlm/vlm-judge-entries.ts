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
import { createVlmRuntime, requireReferenceFiles, VlmRuntime } from "./vlm-runtime.js";

/** The runtime for a factory call: the injected backend if any, else one built from the settings. */
function runtimeFor(options: JudgeFactoryOptions, judgeId: string): VlmRuntime {
  const config = resolveConfig({ explicit: options.settings });
  requireReferenceFiles(config, judgeId);
  return options.backend ? new VlmRuntime(options.backend, config) : createVlmRuntime(config, judgeId);
}

function vlmEntry(id: string, description: string, make: (rt: VlmRuntime) => Judge): JudgeEntry {
  return {
    id,
    description,
    needsBackend: true,
    create: (options) => make(runtimeFor(options, id)),
  };
}

export const VLM_JUDGE_ENTRIES: readonly JudgeEntry[] = [
  vlmEntry(
    "viescore",
    "VIEScore (original prompts from VIEScore): SC=[success, over-editing], PQ=[naturalness, artifacts] on 0–10; reward sqrt(minSC·minPQ)/10",
    (rt) => new VieScoreJudge(rt),
  ),
  vlmEntry(
    "editscore",
    "EditScore (original prompts, <imgN> labels, t=0.7 top_p 0.9 top_k 20 seed 42+pass): 0–25; --passes k = Avg@k of O",
    (rt) => new EditScoreJudge(rt),
  ),
  {
    ...vlmEntry(
      "rubric",
      "EditJudge's own method (inspired by Edit-RRM, whose code is not public): Follow/Keep/Quality principles, each P(yes)",
      (rt) => new RubricJudge(rt),
    ),
    readsPrinciples: true,
  },
  vlmEntry(
    "logit",
    "UniWorld-V2/Edit-R1 (original prompt, Requirements from metadata): rate 0–5; reward Σp(d)·d/5 (needs logprobs)",
    (rt) => new LogitJudge(rt),
  ),
  vlmEntry(
    "firm",
    "FIRM (original prompts, two calls): E, C on 1–5, E'=(E−1)/4, C'=(C−1)/4; reward E'·(0.6 + 0.4·C')",
    (rt) => new FirmJudge(rt),
  ),
  vlmEntry(
    "pairwise",
    "GenAI-Bench pairwise (original template): [[A>B]]/[[B>A]]/[[A=B=Good]]/[[A=B=Bad]]; one call; --pairwise-orders both",
    (rt) => new PairwiseJudge(rt),
  ),
  vlmEntry(
    "hybrid",
    "checks decide where confident (|score−0.5| ≥ margin), a VLM yes/no verifier decides the rest",
    (rt) => new HybridJudge(new ChecksJudge(), rt),
  ),
];
