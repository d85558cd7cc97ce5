import type { Rng } from "../lib/rng.js";

/**
 * How an editing model hands back its output. Every candidate of a case (the correct edit and every
 * distractor, the no-op too) goes through the same delivery, so only the edit tells them apart.
 */
export type DeliveryKind = "none" | "jpeg" | "upscale" | "drift" | "upscale+jpeg" | "drift+jpeg";

export const DELIVERIES: readonly DeliveryKind[] = [
  "none",
  "jpeg",
  "upscale",
  "drift",
  "upscale+jpeg",
  "drift+jpeg",
];

/** Deliveries that keep the pixel size (for families whose request is a size). */
export const SIZE_KEEPING: readonly DeliveryKind[] = ["none", "jpeg", "drift", "drift+jpeg"];

export interface Delivery {
  kind: DeliveryKind;
  /** ImageMagick operators applied after the edit. */
  args: string[];
  /** JPEG quality, or null for PNG. */
  jpegQuality: number | null;
  /** Human-readable parameters, for the pairs file. */
  describe: string;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Draws one delivery's parameters: JPEG quality 90–92, upscale ×1.28–1.38, drift blur 0.5–0.7 px with 4–8% less saturation. */
export function drawDelivery(kind: DeliveryKind, rng: Rng): Delivery {
  const args: string[] = [];
  const parts: string[] = [];
  if (kind.startsWith("upscale")) {
    const f = r2(rng.uniform(1.28, 1.38));
    args.push("-filter", rng.pick(["Lanczos", "Catrom", "Mitchell"]), "-resize", `${Math.round(f * 100)}%`);
    parts.push(`upscale ×${f}`);
  }
  if (kind.startsWith("drift")) {
    const sigma = r2(rng.uniform(0.5, 0.7));
    const sat = Math.round(rng.uniform(92, 96));
    args.push("-gaussian-blur", `0x${sigma}`, "-modulate", `100,${sat},100`);
    parts.push(`blur σ${sigma}, saturation ${sat}%`);
  }
  let jpegQuality: number | null = null;
  if (kind.endsWith("jpeg")) {
    jpegQuality = rng.int(90, 92);
    parts.push(`JPEG q${jpegQuality}`);
  }
  return { kind, args, jpegQuality, describe: parts.length ? parts.join(", ") : "PNG" };
}
