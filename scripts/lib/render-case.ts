import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { applyEdit, type PhotoLookup } from "./apply-edit.js";
import type { CasePlan } from "./case-plan.js";
import type { EditSpec } from "./edit-spec.js";
import { encodeImage, type RawImage } from "./raw-image.js";

/** Renders edits of one source, reusing the rendered prefix of a chain (the correct edit under an over-edit). */
function createRenderer(source: RawImage, photos: PhotoLookup) {
  const memo = new Map<string, Promise<RawImage>>();
  const render = (spec: EditSpec): Promise<RawImage> => {
    const key = JSON.stringify(spec);
    const hit = memo.get(key);
    if (hit) return hit;
    let result: Promise<RawImage>;
    if (spec.op === "chain" && spec.steps.length > 1) {
      const head: EditSpec =
        spec.steps.length === 2
          ? (spec.steps[0] as EditSpec)
          : { op: "chain", steps: spec.steps.slice(0, -1) };
      result = render(head).then((img) =>
        applyEdit(img, spec.steps[spec.steps.length - 1] as EditSpec, photos),
      );
    } else {
      result = applyEdit(source, spec, photos);
    }
    memo.set(key, result);
    return result;
  };
  return render;
}

/** Paths (relative to the output folder) of a rendered case's images. */
export interface RenderedCase {
  correct: string;
  distractors: string[];
}

/**
 * Writes the correct edit and every distractor of a case under `img/<case id>/`. The no-op distractor
 * is the source re-encoded as PNG, written once per photo under `noop/`.
 */
export async function renderCase(
  plan: CasePlan,
  outDir: string,
  source: RawImage,
  photos: PhotoLookup,
  noopPath: (photo: string) => Promise<string>,
): Promise<RenderedCase> {
  const render = createRenderer(source, photos);
  const dir = join("img", plan.id);
  await mkdir(join(outDir, dir), { recursive: true });
  const write = async (name: string, img: RawImage, quality?: number): Promise<string> => {
    const path = join(dir, `${name}.${quality === undefined ? "png" : "jpg"}`);
    const bytes = await encodeImage(img, quality === undefined ? { kind: "png" } : { kind: "jpeg", quality });
    await writeFile(join(outDir, path), bytes);
    return path;
  };
  const correct = await write("correct", await render(plan.correct));
  const distractors: string[] = [];
  for (const [i, d] of plan.distractors.entries()) {
    if (d.kind === "no-op") distractors.push(await noopPath(plan.photo));
    else distractors.push(await write(`${i}-${d.kind}`, await render(d.spec), d.jpegQuality));
  }
  return { correct, distractors };
}
