import type { Principle } from "../contract/principle.js";
import type { Region } from "../contract/region.js";
import { followText, opList } from "./principle-text.js";
import type { RequestedChange } from "./requested-changes.js";

/** The smallest rectangle holding every region (their union when they do not tile). */
function unionRegion(regions: readonly Region[]): Region | null {
  const first = regions[0];
  if (!first) return null;
  const labels = [...new Set(regions.map((r) => r.label))];
  return {
    label: opList(labels),
    x0: Math.min(...regions.map((r) => r.x0)),
    y0: Math.min(...regions.map((r) => r.y0)),
    x1: Math.max(...regions.map((r) => r.x1)),
    y1: Math.max(...regions.map((r) => r.y1)),
  };
}

/**
 * Turns the requested changes into principles: one follow per change, one keep (outside the region when a
 * change is restricted to one, else the content), one quality.
 */
export function buildPrinciples(changes: readonly RequestedChange[]): Principle[] {
  const follows: Principle[] = changes.map((change, i) => ({
    id: `follow-${i + 1}`,
    kind: "follow",
    text: followText(change.op, change.region, change.source),
    op: change.op,
    ...(change.region ? { region: change.region } : {}),
    origin: "parser",
  }));
  const known = changes.filter((c) => c.op.op !== "unknown");
  const allows = [...new Set(known.map((c) => c.op.op))];
  const regions = known.flatMap((c) => (c.region ? [c.region] : []));
  const region = unionRegion(regions);
  const globalOps = [...new Set(known.filter((c) => !c.region).map((c) => c.op.op))];
  const keep: Principle = region
    ? {
        id: "keep-1",
        kind: "keep",
        text: `Everything outside the ${region.label} stays unchanged${globalOps.length ? ` (apart from the requested ${opList(globalOps)})` : ""}`,
        scope: "outside-region",
        region,
        allows: globalOps,
        origin: "parser",
      }
    : {
        id: "keep-1",
        kind: "keep",
        text: allows.length
          ? `The image content stays the same apart from the requested ${opList(allows)}`
          : "The image content stays the same apart from the requested change",
        scope: "content",
        allows,
        origin: "parser",
      };
  const quality: Principle = {
    id: "quality-1",
    kind: "quality",
    text: allows.length
      ? `The result is free of artifacts, clipping and damage beyond what the requested ${opList(allows)} needs`
      : "The result is free of artifacts, clipping and damage",
    allows,
    origin: "parser",
  };
  return [...follows, keep, quality];
}
