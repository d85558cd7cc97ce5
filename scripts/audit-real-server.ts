// `npm run audit:real-server [-- --cases 20] [-- --forms logit,firm]` (judge ids or form names): every VLM judge in every form (both prompt
// variants) on N cases built from ../shared/photos with simple instructions, against the shared llama.cpp
// llama-server (a random-weight vision model, started on a free port and stopped at the end). Its answers are
// garbage, so the audit counts, per judge/form: cases, non-null rewards, rewards that rest on an unread answer or a
// label mass under --min-probability-mass (must be 0), errors and abstentions by reason. Exit code 1 when that
// count is not 0. Not a timing benchmark: the numbers are counts.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { llamaServerMissing, startLlamaServer } from "../src/backends/test-helpers/llama-server.js";
import type { PreparedCase } from "../src/contract/edit-case.js";
import type { CandidateResult } from "../src/contract/result.js";
import { prepareCase } from "../src/image/prepare-case.js";
import { findJudge } from "../src/judges/registry.js";
import { formName, JUDGE_FORMS, type JudgeForm } from "../src/judges/vlm/test-helpers/judge-forms.js";
import { sharedPath } from "../src/test-helpers/shared-path.js";

const MIN_MASS = 0.5;
const INSTRUCTIONS = [
  "make the sky purple",
  "remove the person",
  "add a red hat",
  "turn it into a pencil sketch",
  "make it night",
];

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A reason with the model's own text and the numbers taken out, so equal causes count together. */
function reasonKey(text: string): string {
  return text
    .replace(/"[^"]*"?/g, '"…"')
    .replace(/\([^()]*\)/g, "(…)")
    .replace(/\d+(\.\d+)?/g, "N")
    .slice(0, 150);
}

/** A reward that must not exist: one read from an unread answer or from too little label mass. */
function unbacked(c: CandidateResult): boolean {
  if (c.reward === null) return false;
  if (c.error || !(c.reward >= 0 && c.reward <= 1)) return true;
  return c.verdicts.some((v) => {
    const m = v.evidence.measurements;
    const mass = typeof m.digitMass === "number" ? m.digitMass : m.yesNoMass;
    return v.status !== "abstain" && typeof mass === "number" && mass < MIN_MASS;
  });
}

interface Tally {
  cases: number;
  candidates: number;
  rewards: number;
  unbacked: number;
  errors: Map<string, number>;
  abstentions: Map<string, number>;
  /** Abstaining verdicts of candidates without an error (a rubric's principles), by reason. */
  verdictAbstentions: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

async function cases(n: number, photos: string[]): Promise<{ one: PreparedCase; two: PreparedCase }[]> {
  const out: { one: PreparedCase; two: PreparedCase }[] = [];
  for (let i = 0; i < n; i++) {
    const at = (k: number) => ({ kind: "path" as const, path: photos[k % photos.length] ?? "" });
    const base = {
      source: at(i),
      instruction: INSTRUCTIONS[i % INSTRUCTIONS.length] ?? "",
      principles: ["the instruction is carried out", "keep: the layout is unchanged"],
      metadata: { requirement: "keep the rest unchanged" },
    };
    out.push({
      one: await prepareCase({ ...base, candidates: [at(i + 1 + Math.floor(i / photos.length))] }),
      two: await prepareCase({ ...base, candidates: [at(i + 1), at(i + 2)] }),
    });
  }
  return out;
}

async function audit(
  form: JudgeForm,
  url: string,
  reference: string,
  all: { one: PreparedCase; two: PreparedCase }[],
) {
  const t: Tally = {
    cases: 0,
    candidates: 0,
    rewards: 0,
    unbacked: 0,
    errors: new Map(),
    abstentions: new Map(),
    verdictAbstentions: new Map(),
  };
  const judge = await findJudge(form.judge).create({
    settings: {
      baseUrls: [url],
      model: "tiny-llava",
      cache: false,
      referenceDirs: [reference],
      maxSide: 64,
      maxTokens: 160,
      maxRetries: 0,
      timeoutMs: 600_000,
      concurrency: 4,
      minProbabilityMass: MIN_MASS,
      ...form.settings,
    },
  });
  const queue = [...all];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const result = await judge.judge(form.candidates === 2 ? c.two : c.one);
      t.cases++;
      for (const cand of result.candidates) {
        t.candidates++;
        if (cand.reward !== null) t.rewards++;
        if (unbacked(cand)) t.unbacked++;
        if (cand.error) bump(t.errors, `${cand.error.code}: ${reasonKey(cand.error.message)}`);
        else if (cand.reward === null) bump(t.abstentions, reasonKey(cand.rewardReason ?? "(no reason)"));
        if (!cand.error)
          for (const v of cand.verdicts)
            if (v.status === "abstain") bump(t.verdictAbstentions, reasonKey(v.reason ?? v.evidence.summary));
      }
    }
  };
  try {
    await Promise.all([worker(), worker(), worker(), worker()]);
  } finally {
    await judge.close?.();
  }
  return t;
}

async function main(): Promise<void> {
  const n = Number(flag("cases") ?? 20);
  const only = flag("forms")?.split(",");
  const photosDir = sharedPath("photos");
  const reference = sharedPath("reference");
  const missing = llamaServerMissing() ?? (existsSync(reference) ? null : `no ${reference}`);
  if (missing || !existsSync(photosDir)) {
    console.error(`audit:real-server cannot run: ${missing ?? `no ${photosDir}`}`);
    process.exit(2);
  }
  const photos = readdirSync(photosDir)
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => join(photosDir, f));
  const all = await cases(n, photos);
  const server = await startLlamaServer(["-c", "32768", "-np", "4"]);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void server.stop().finally(() => process.exit(130));
    });
  let bad = 0;
  try {
    // EditScore's original forms (512 tokens, two calls per pass) last, so a run cut short reports the others.
    const slow = (f: JudgeForm) => f.judge === "editscore" && f.settings.promptVariant === "original";
    const forms = JUDGE_FORMS.filter(
      (f) => !only || only.includes(f.judge) || only.includes(formName(f)),
    ).sort((a, b) => Number(slow(a)) - Number(slow(b)));
    console.log(
      `audit:real-server: ${forms.length} judge forms × ${n} cases, min probability mass ${MIN_MASS}`,
    );
    for (const form of forms) {
      const t = await audit(form, server.url, reference, all);
      bad += t.unbacked;
      const errors = [...t.errors.values()].reduce((a, b) => a + b, 0);
      const abst = [...t.abstentions.values()].reduce((a, b) => a + b, 0);
      console.log(
        `\n${formName(form)}: cases ${t.cases}, candidates ${t.candidates}, non-null rewards ${t.rewards}, unread-or-low-mass rewards ${t.unbacked}, errors ${errors}, abstentions ${abst}`,
      );
      for (const [k, v] of t.errors) console.log(`  error ×${v}  ${k}`);
      for (const [k, v] of t.abstentions) console.log(`  abstain ×${v}  ${k}`);
      for (const [k, v] of t.verdictAbstentions) console.log(`  verdict abstains ×${v}  ${k}`);
    }
  } finally {
    await server.stop();
  }
  console.log(`\nunread-or-low-mass rewards in total: ${bad}`);
  if (bad > 0) process.exit(1);
}

await main();
