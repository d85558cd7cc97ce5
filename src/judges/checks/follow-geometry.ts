import type { Dihedral } from "../../checks/geometry/dihedral.js";
import { swapsAxes } from "../../checks/geometry/dihedral.js";
import type { CropAnchor, CropShape, EditOp } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

type GeometryOp = Extract<EditOp, { op: "rotate" | "flip" | "crop" | "border" | "resize" }>;

const ROTATION: Record<90 | 180 | 270, Dihedral> = { 90: "rotate90", 180: "rotate180", 270: "rotate270" };
const DESCRIBE: Record<Dihedral, string> = {
  identity: "no rotation or flip",
  rotate90: "rotated 90° clockwise",
  rotate180: "rotated 180°",
  rotate270: "rotated 90° counter-clockwise",
  flipH: "mirrored left–right",
  flipV: "flipped upside down",
  transpose: "transposed (rotated and mirrored)",
  transverse: "transversed (rotated and mirrored)",
};

/** Border thickness ÷ the image's shorter side: a frame, up to ~8%; beyond, it eats the picture. */
const BORDER_THICKNESS: Curve = [
  [0.08, 1],
  [0.15, 0.85],
  [0.3, 0.7],
  [0.5, 0.55],
];

/** A square crop's side ÷ the source's shorter side: the largest square is the natural reading. */
const SQUARE_SIDE: Curve = [
  [0.3, 0.55],
  [0.6, 0.8],
  [0.9, 1],
];
/** A centre crop's kept area: a moderate crop is the natural reading, a sliver is over-cropped. */
const CENTRE_AREA: Curve = [
  [0.05, 0.55],
  [0.2, 0.8],
  [0.35, 1],
];

const SHAPE_FRACTION: Record<CropShape, number> = {
  half: 0.5,
  third: 1 / 3,
  quarter: 0.25,
  "two-thirds": 2 / 3,
  square: 1,
  center: 1,
};

function found(pair: PairAnalysis): string {
  const a = pair.alignment;
  if (a.kind === "none")
    return `no rotation, flip, crop or resize of the source matches the candidate (best |NCC| ${Math.abs(a.ncc).toFixed(2)})`;
  const what = a.kind === "crop" ? `a crop of the source (${DESCRIBE[a.transform]})` : DESCRIBE[a.transform];
  return `candidate is ${what}, match NCC ${a.ncc.toFixed(2)}`;
}

function measures(pair: PairAnalysis) {
  const a = pair.alignment;
  return {
    transform: a.transform,
    alignment: a.kind,
    ncc: a.ncc,
    scaleX: a.scaleX,
    scaleY: a.scaleY,
    border: pair.border.found,
  };
}

/** How far a crop window sits from the requested size and anchor; 1 = exact, lower = off. */
function cropMatch(
  op: Extract<EditOp, { op: "crop" }>,
  fw: number,
  fh: number,
  cx: number,
  cy: number,
  aspect: number,
  side: number,
): number {
  const near = (value: number, target: number, tol: number) =>
    Math.max(0, 1 - Math.max(0, Math.abs(value - target) - tol) / (tol * 3));
  let size = 1;
  const f = SHAPE_FRACTION[op.shape];
  if (op.shape === "square")
    size = near(aspect, 1, 0.03) * (fw < 0.98 || fh < 0.98 ? 1 : 0) * scoreOn(SQUARE_SIDE, side);
  else if (op.shape === "center") size = fw * fh < 0.9 ? scoreOn(CENTRE_AREA, fw * fh) : 0;
  else if (op.anchor === "left" || op.anchor === "right") size = near(fw, f, 0.04) * near(fh, 1, 0.03);
  else if (op.anchor === "top" || op.anchor === "bottom") size = near(fh, f, 0.04) * near(fw, 1, 0.03);
  else size = near(fw * fh, f, 0.06);
  const anchorAt: Record<CropAnchor, [number | null, number | null]> = {
    left: [fw / 2, null],
    right: [1 - fw / 2, null],
    top: [null, fh / 2],
    bottom: [null, 1 - fh / 2],
    center: [0.5, 0.5],
  };
  const [ax, ay] = anchorAt[op.anchor];
  const place = (ax === null ? 1 : near(cx, ax, 0.04)) * (ay === null ? 1 : near(cy, ay, 0.04));
  return size * place;
}

export function verifyGeometryFollow(principle: Principle, op: GeometryOp, pair: PairAnalysis): Verdict {
  const a = pair.alignment;
  const by = "checks:geometry";
  const m = measures(pair);
  if (a.kind === "none") return makeVerdict(principle, 0.05, found(pair), m, by);
  switch (op.op) {
    case "rotate":
    case "flip": {
      const want: Dihedral =
        op.op === "rotate" ? ROTATION[op.degrees] : op.axis === "horizontal" ? "flipH" : "flipV";
      const ok = a.transform === want && a.kind === "full";
      const score = ok ? 0.95 : a.transform === "identity" ? 0.05 : 0.1;
      return makeVerdict(principle, score, `${found(pair)}; asked: ${DESCRIBE[want]}`, m, by);
    }
    case "crop": {
      if (a.kind !== "crop")
        return makeVerdict(
          principle,
          a.transform === "identity" && a.scaleX > 0.98 ? 0.05 : 0.15,
          `${found(pair)}; asked: a crop`,
          m,
          by,
        );
      const [sw, sh] = swapsAxes(a.transform)
        ? [pair.source.image.height, pair.source.image.width]
        : [pair.source.image.width, pair.source.image.height];
      const w = a.window;
      const fw = (w.x1 - w.x0) / sw;
      const fh = (w.y1 - w.y0) / sh;
      const cx = (w.x0 + w.x1) / 2 / sw;
      const cy = (w.y0 + w.y1) / 2 / sh;
      const side = Math.min(w.x1 - w.x0, w.y1 - w.y0) / Math.min(sw, sh);
      const match = cropMatch(op, fw, fh, cx, cy, (w.x1 - w.x0) / (w.y1 - w.y0), side);
      const score = (a.transform === "identity" ? 1 : 0.3) * (0.15 + 0.8 * match);
      return makeVerdict(
        principle,
        score,
        `crop keeps ${(fw * 100).toFixed(0)}% × ${(fh * 100).toFixed(0)}% of the source, centred at (${cx.toFixed(2)}, ${cy.toFixed(2)}); asked: ${op.shape} (${op.anchor})`,
        { ...m, cropWidth: fw, cropHeight: fh, cropCentreX: cx, cropCentreY: cy },
        by,
      );
    }
    case "border": {
      const b = pair.border;
      if (!b.found || !b.color)
        return makeVerdict(
          principle,
          0.05,
          `no uniform border found around the candidate; ${found(pair)}`,
          m,
          by,
        );
      const thickness = Math.min(b.top, b.right, b.bottom, b.left);
      const thickShare =
        Math.max(b.top, b.right, b.bottom, b.left) /
        Math.max(1, Math.min(pair.inner.width, pair.inner.height));
      const tooThick = thickShare > 0.15;
      const colorError = op.color
        ? Math.max(...op.color.map((v, i) => Math.abs(v - (b.color?.[i] ?? 0))))
        : 0;
      const colorOk = colorError <= 60;
      let score = a.transform === "identity" ? 0.95 : 0.3;
      if (!colorOk) score = Math.min(score, 0.2);
      score *= scoreOn(BORDER_THICKNESS, thickShare);
      const colour = `rgb(${b.color.join(",")})`;
      return makeVerdict(
        principle,
        score,
        `border ${thickness}–${Math.max(b.top, b.right, b.bottom, b.left)}px of ${colour}${op.colorName ? `; asked ${op.colorName}` : ""}${colorOk ? "" : " (wrong colour)"}${tooThick ? "; the border covers much of the image" : ""}`,
        {
          ...m,
          borderTop: b.top,
          borderRight: b.right,
          borderBottom: b.bottom,
          borderLeft: b.left,
          borderColor: [...b.color],
          colorError,
        },
        by,
      );
    }
    case "resize": {
      const scale = Math.sqrt(a.scaleX * a.scaleY);
      const sameContent = a.kind === "full" && a.transform === "identity";
      let score: number;
      let asked = op.direction === "down" ? "smaller" : "larger";
      if (op.width !== null || op.height !== null) {
        const errs: number[] = [];
        if (op.width !== null) errs.push(Math.abs(pair.candidate.width - op.width) / op.width);
        if (op.height !== null) errs.push(Math.abs(pair.candidate.height - op.height) / op.height);
        const err = Math.max(...errs);
        score = err <= 0.02 ? 0.95 : err <= 0.1 ? 0.6 : 0.15;
        asked = `${op.width ?? "?"}×${op.height ?? "?"}`;
      } else if (op.factor !== null) {
        const err = Math.abs(scale - op.factor) / op.factor;
        score =
          err <= 0.05
            ? 0.95
            : err <= 0.15
              ? 0.65
              : (op.direction === "down" ? scale < 0.97 : scale > 1.03)
                ? 0.4
                : 0.05;
        asked = `×${op.factor}`;
      } else {
        score = (op.direction === "down" ? scale < 0.97 : scale > 1.03) ? 0.95 : 0.05;
      }
      if (!sameContent) score = Math.min(score, 0.2);
      return makeVerdict(
        principle,
        score,
        `candidate is ${pair.candidate.width}×${pair.candidate.height}, scale ×${scale.toFixed(2)} of the source; asked ${asked}`,
        { ...m, scale },
        by,
      );
    }
  }
}
