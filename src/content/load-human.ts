import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { DecodedImage } from "../contract/image.js";
import { ModelLoadError } from "../errors/model-load-error.js";
import type { Box, Detection, Face } from "./content-types.js";
import { firstLine } from "./first-line.js";
import { ensureFileRouter, type TfjsIo } from "./tfjs-file-router.js";
import type { VisionEngine } from "./vision-engine.js";

interface Tensor {
  dispose(): void;
}
interface Tfjs {
  io: TfjsIo;
  tensor3d(values: Float32Array, shape: [number, number, number], dtype: "float32"): Tensor;
}
interface HumanResult {
  object: Array<{ label: string; score: number; boxRaw: readonly number[] }>;
  face: Array<{ score: number; boxRaw: readonly number[]; embedding?: readonly number[] }>;
}
interface HumanInstance {
  load(): Promise<void>;
  detect(input: Tensor, config?: object): Promise<HumanResult>;
}
interface HumanModule {
  Human: new (config: object) => HumanInstance;
}

/** Detector settings; the verdict thresholds are applied later (see thresholds.ts). */
const BASE_CONFIG = {
  backend: "wasm",
  debug: false,
  warmup: "none",
  cacheModels: false,
  async: false,
  // Human is built for video and reuses boxes between "frames"; every image here is a new one.
  cacheSensitivity: 0,
  skipAllowed: false,
  filter: { enabled: false },
  body: { enabled: false },
  hand: { enabled: false },
  gesture: { enabled: false },
  segmentation: { enabled: false },
} as const;
const FACE_ON = {
  enabled: true,
  detector: {
    rotation: false,
    maxDetected: 10,
    minConfidence: 0.3,
    return: false,
    skipFrames: 0,
    skipTime: 0,
  },
  mesh: { enabled: true },
  iris: { enabled: false },
  description: { enabled: true, skipFrames: 0, skipTime: 0 },
  emotion: { enabled: false },
  antispoof: { enabled: false },
  liveness: { enabled: false },
};
const OBJECT_ON = {
  enabled: true,
  minConfidence: 0.1,
  maxDetected: 20,
  iouThreshold: 0.4,
  skipFrames: 0,
  skipTime: 0,
};

/**
 * Loads Human (CenterNet COCO-80 detector, BlazeFace + FaceRes embeddings) on the tfjs wasm backend,
 * with the model and wasm files of the installed packages only: nothing is fetched from the network.
 */
export async function loadHuman(): Promise<VisionEngine> {
  const require = createRequire(import.meta.url);
  let tf: Tfjs;
  let human: HumanModule;
  let humanRoot: string;
  let wasmDir: string;
  try {
    tf = require("@tensorflow/tfjs-core") as Tfjs;
    wasmDir = dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
    // Exported-path workaround: Human's package.json lists its builds under keys without the "./"
    // prefix ("dist/human.node-wasm.js"), which Node ignores, so the wasm build cannot be required by
    // name. Its Node entry (dist/human.node.js) resolves, and the wasm build sits next to it.
    const nodeEntry = require.resolve("@vladmandic/human");
    humanRoot = dirname(dirname(nodeEntry));
    human = require(join(dirname(nodeEntry), "human.node-wasm.js")) as HumanModule;
  } catch (error) {
    throw new ModelLoadError(
      "human",
      `cannot load @vladmandic/human with the tfjs wasm backend (${firstLine(error)}); install ` +
        '@vladmandic/human @tensorflow/tfjs-core @tensorflow/tfjs-converter @tensorflow/tfjs-backend-wasm, or run without content models (--content off, config "content": "off" or EDITJUDGE_CONTENT=off)',
      { cause: error },
    );
  }
  ensureFileRouter(tf.io);
  const instance = new human.Human({
    ...BASE_CONFIG,
    wasmPath: `${wasmDir}/`,
    modelBasePath: `${pathToFileURL(join(humanRoot, "models")).href}/`,
    face: FACE_ON,
    object: OBJECT_ON,
  });
  try {
    await instance.load();
  } catch (error) {
    throw new ModelLoadError(
      "human",
      `cannot load Human's models from ${join(humanRoot, "models")} (${firstLine(error)}); reinstall @vladmandic/human`,
      { cause: error },
    );
  }
  // Human and tfjs are not re-entrant: run one detection at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const run = (image: DecodedImage, config: object): Promise<HumanResult> => {
    const next = queue.then(async () => {
      const tensor = tf.tensor3d(Float32Array.from(image.rgb), [image.height, image.width, 3], "float32");
      try {
        return await instance.detect(tensor, config);
      } finally {
        tensor.dispose();
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async objects(image) {
      const result = await run(image, { face: { enabled: false }, object: OBJECT_ON });
      return result.object.map(
        (o): Detection => ({ label: o.label, score: round(o.score), box: toBox(o.boxRaw) }),
      );
    },
    async faces(image) {
      const result = await run(image, { face: FACE_ON, object: { enabled: false } });
      return result.face
        .filter((f) => f.embedding && f.embedding.length > 0)
        .map(
          (f): Face => ({ score: round(f.score), box: toBox(f.boxRaw), embedding: [...(f.embedding ?? [])] }),
        );
    },
  };
}

function toBox(raw: readonly number[]): Box {
  const [x = 0, y = 0, w = 0, h = 0] = raw;
  const c = (v: number) => Math.min(1, Math.max(0, round(v)));
  return [c(x), c(y), c(x + w), c(y + h)];
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
