import sharp from "sharp";
import type { ImageInput } from "../../src/contract/image.js";
import type { Judge } from "../../src/contract/judge.js";
import { decodeImage } from "../../src/image/decode-image.js";

/** A size×size photo crop and a brightened candidate, as PNG bytes. */
export async function benchImages(photo: string, size = 256): Promise<{ source: Buffer; candidate: Buffer }> {
  const base = sharp(photo).resize(size, size, { fit: "cover" });
  const source = await base.clone().png().toBuffer();
  const candidate = await base.clone().modulate({ brightness: 1.3 }).png().toBuffer();
  return { source, candidate };
}

export function scoreBody(judge: string, images: { source: Buffer; candidate: Buffer }): string {
  return JSON.stringify({
    judge,
    source: images.source.toString("base64"),
    instruction: "make it brighter",
    candidates: [images.candidate.toString("base64")],
  });
}

/** The same request with the images referenced by path (the server must have their folder as an image root). */
export function scorePathBody(judge: string, paths: { source: string; candidate: string }): string {
  return JSON.stringify({
    judge,
    source: { path: paths.source },
    instruction: "make it brighter",
    candidates: [{ path: paths.candidate }],
  });
}

/** Image inputs for `inProcessScore` from encoded bytes. */
export function bytesInputs(images: { source: Buffer; candidate: Buffer }): BenchInputs {
  return {
    source: { kind: "bytes", bytes: images.source, name: "source" },
    candidate: { kind: "bytes", bytes: images.candidate, name: "candidate-0" },
  };
}

export interface BenchInputs {
  source: ImageInput;
  candidate: ImageInput;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Sequential latencies (ms) of `run`, after `warmup` untimed runs. */
export async function timeSequential(
  n: number,
  warmup: number,
  run: () => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

/** The work the server does for one /v1/score call, minus HTTP and JSON: decode both images, judge. */
export async function inProcessScore(judge: Judge, inputs: BenchInputs): Promise<void> {
  const [source, candidate] = await Promise.all([decodeImage(inputs.source), decodeImage(inputs.candidate)]);
  await judge.judge({ source, instruction: "make it brighter", candidates: [candidate] });
}

/**
 * Sequential latencies (ms) of each run, taking turns so that background load hits all alike; in run order. The
 * last run (the in-process baseline) ends every turn and the others swap order every other turn, so each is
 * equally often the first call after the baseline: on a VM, the first request to a server process that sat idle
 * pays for waking it (0.3–0.5 ms here), and a fixed order would charge that to one run only.
 */
export async function timeAlternating(
  n: number,
  warmup: number,
  ...runs: Array<() => Promise<unknown>>
): Promise<number[][]> {
  for (let i = 0; i < warmup; i++) for (const run of runs) await run();
  const times = runs.map(() => [] as number[]);
  const forward = runs.map((_, k) => k);
  const swapped = [...forward.slice(0, -1).reverse(), runs.length - 1];
  for (let i = 0; i < n; i++)
    for (const k of i % 2 === 0 ? forward : swapped) {
      const t = performance.now();
      await runs[k]?.();
      times[k]?.push(performance.now() - t);
    }
  return times;
}

/** The p50 of a sample, unsorted input. */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** The p50 of the per-turn differences a[i] − b[i]: robust to drift that hits both sides of a turn alike. */
export function pairedMedian(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x - (b[i] ?? Number.NaN)));
}
