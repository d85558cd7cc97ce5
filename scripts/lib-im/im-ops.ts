/** ImageMagick operator lists the planners draw edits from, over-edit damage, and the distractors every family gets. */
import type { Rng } from "../lib/rng.js";
import type { Damage, ImDistractor, ImEdit, ImPlanContext } from "./im-case.js";

export const pct = (x: number) => `${Math.round(x * 10) / 10}%`;
export const f2 = (x: number) => String(Math.round(x * 100) / 100);
export const e = (...args: Array<string | number>): ImEdit => ({ args: args.map(String) });

export const gains = (rGain: number, bGain: number): ImEdit =>
  e(
    "-channel",
    "R",
    "-evaluate",
    "multiply",
    f2(rGain),
    "-channel",
    "B",
    "-evaluate",
    "multiply",
    f2(bGain),
    "+channel",
  );

export function warm(r: Rng, size: number): ImEdit {
  const m = r.int(0, 2);
  if (m === 0) return gains(1 + size, 1 - size * 1.1);
  if (m === 1) return e("-color-matrix", `${f2(1 + size)} 0 0 0 1 0 0 0 ${f2(1 - size)}`);
  return e("-fill", "#ff8c1a", "-colorize", pct(size * 100 * 0.9));
}
export function cool(r: Rng, size: number): ImEdit {
  const m = r.int(0, 2);
  if (m === 0) return gains(1 - size * 1.1, 1 + size);
  if (m === 1) return e("-color-matrix", `${f2(1 - size)} 0 0 0 1 0 0 0 ${f2(1 + size)}`);
  return e("-fill", "#1a8cff", "-colorize", pct(size * 100 * 0.9));
}
export function brighten(r: Rng): ImEdit {
  const m = r.int(0, 2);
  if (m === 0) return e("-gamma", f2(r.uniform(1.35, 1.7)));
  if (m === 1) return e("-level", `0%,${pct(r.uniform(78, 87))}`);
  return e("-modulate", `${Math.round(r.uniform(115, 130))},100,100`);
}
export function darken(r: Rng): ImEdit {
  const m = r.int(0, 2);
  if (m === 0) return e("-gamma", f2(r.uniform(0.58, 0.75)));
  if (m === 1) return e("+level", `0%,${pct(r.uniform(74, 84))}`);
  return e("-modulate", `${Math.round(r.uniform(72, 85))},100,100`);
}
export const contrastUp = (r: Rng): ImEdit =>
  r.next() < 0.5
    ? e("-sigmoidal-contrast", `${f2(r.uniform(3.5, 6))}x50%`)
    : e("-level", `${pct(r.uniform(8, 14))},${pct(r.uniform(86, 92))}`);
export const contrastDown = (r: Rng): ImEdit =>
  r.next() < 0.5
    ? e("+sigmoidal-contrast", `${f2(r.uniform(3.5, 6))}x50%`)
    : e("+level", `${pct(r.uniform(12, 22))},${pct(r.uniform(78, 88))}`);
export const sepia = (r: Rng): ImEdit =>
  r.next() < 0.7
    ? e("-sepia-tone", pct(r.uniform(72, 90)))
    : e("-modulate", "100,0", "-fill", "#704214", "-tint", String(Math.round(r.uniform(85, 110))));
export const blur = (r: Rng, c: ImPlanContext): ImEdit =>
  e(r.next() < 0.5 ? "-blur" : "-gaussian-blur", `0x${f2(r.uniform(1.6, 3.5) * scaleOf(c))}`);
export const sharpen = (r: Rng): ImEdit => {
  const m = r.int(0, 1);
  return m === 0
    ? e("-unsharp", `0x${f2(r.uniform(1, 2))}+${f2(r.uniform(1, 1.8))}+0`)
    : e("-sharpen", `0x${f2(r.uniform(1, 1.6))}`);
};
export const noise = (r: Rng, strength = 1): ImEdit =>
  e("-attenuate", f2(r.uniform(0.5, 0.9) * strength), "+noise", r.pick(["Gaussian", "Gaussian", "Poisson"]));
export const pixelate = (c: ImPlanContext, cell: number): ImEdit =>
  e(
    "-scale",
    `${Math.max(2, Math.round(c.width / cell))}x${Math.max(2, Math.round(c.height / cell))}!`,
    "-scale",
    `${c.width}x${c.height}!`,
  );
export const scaleOf = (c: ImPlanContext) => Math.max(c.width, c.height) / 768;

export function vignette(c: ImPlanContext, sigmaShare: number, colour: string): ImEdit {
  const sigma = Math.round(Math.min(c.width, c.height) * sigmaShare);
  return e(
    "-background",
    colour,
    "-vignette",
    `0x${sigma}+${Math.round(c.width * 0.06)}+${Math.round(c.height * 0.06)}`,
  );
}

export const fill = (template: string, words: Record<string, string>): string => {
  let out = template;
  for (const [k, v] of Object.entries(words)) out = out.replaceAll(`{${k}}`, v);
  return out;
};

/** Over-edit damage for a family: a global cast or tone shift, or a patch outside `avoid`. */
export function damage(r: Rng, noSmear: boolean, avoid?: Rect): Damage {
  const kind = r.pick(["cast", "tone", "patch", "patch"] as const);
  if (kind === "cast")
    return {
      kind,
      colour: r.pick(["#ff00ff", "#00ff40", "#0060ff", "#ff6000"]),
      percent: Math.round(r.uniform(12, 18)),
    };
  if (kind === "tone") return { kind, brightness: Math.round(r.pick([-1, 1]) * r.uniform(16, 24)) + 100 };
  const style = r.pick(noSmear ? (["negate", "flat"] as const) : (["negate", "flat", "smear"] as const));
  for (let attempt = 0; ; attempt++) {
    const w = r.uniform(0.22, 0.32);
    const h = r.uniform(0.22, 0.32);
    const x = r.uniform(0.05, 0.95 - w);
    const y = r.uniform(0.05, 0.95 - h);
    const hit = avoid && x < avoid.x1 && avoid.x0 < x + w && y < avoid.y1 && avoid.y0 < y + h;
    if (!hit || attempt > 50) return { kind, style, x, y, w, h };
  }
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function common(r: Rng, correct: ImEdit, noSmear: boolean, avoid?: Rect): ImDistractor[] {
  return [
    { kind: "no-op", edit: { args: [] } },
    { kind: "over-edit", edit: { args: correct.args, damage: damage(r, noSmear, avoid) } },
    { kind: "jpeg", edit: correct, jpegQuality: r.int(4, 9) },
  ];
}

/** ImageMagick operators for an over-edit's damage on an image of the given size. */
export function damageArgs(d: Damage, width: number, height: number): string[] {
  if (d.kind === "cast") return ["-fill", d.colour, "-colorize", `${d.percent}%`];
  if (d.kind === "tone") return ["-modulate", `${d.brightness},100,100`];
  const w = Math.max(4, Math.round(d.w * width));
  const h = Math.max(4, Math.round(d.h * height));
  const geometry = `${w}x${h}+${Math.round(d.x * width)}+${Math.round(d.y * height)}`;
  const op =
    d.style === "negate"
      ? ["-negate"]
      : d.style === "flat"
        ? ["-fill", "gray50", "-colorize", "85%"]
        : ["-blur", `0x${Math.max(6, Math.round(Math.min(width, height) * 0.025))}`];
  return ["-region", geometry, ...op, "+region"];
}
