import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The slice of @tensorflow/tfjs-core's `io` namespace this shim uses. */
export interface TfjsIo {
  registerLoadRouter(router: (url: string | string[]) => { load(): Promise<object> } | null): void;
  getLoadHandlers(url: string | string[]): unknown[];
}

interface WeightsManifestGroup {
  paths: string[];
  weights: object[];
}

/**
 * THE file:// shim for Human's models (the one place it lives).
 *
 * Human loads each model with tfjs `loadGraphModel(url)`, whose only built-in Node handler is HTTP
 * through `fetch`, and Node's `fetch` refuses file:// URLs. Instead of patching the global `fetch`,
 * this registers a tfjs IO load router that answers file:// URLs by reading `model.json` and its
 * weight shards from disk. Only files inside the installed @vladmandic/human package are ever asked for,
 * because Human's `modelBasePath` points there. Registration is idempotent: the router is added only
 * when tfjs has no handler for file:// yet (tfjs rejects a URL that two routers claim).
 */
export function ensureFileRouter(io: TfjsIo): void {
  if (io.getLoadHandlers("file:///probe/model.json").length > 0) return;
  io.registerLoadRouter((url) => {
    if (typeof url !== "string" || !url.startsWith("file://")) return null;
    return { load: () => loadArtifacts(fileURLToPath(url)) };
  });
}

async function loadArtifacts(path: string): Promise<object> {
  const json = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown> & {
    weightsManifest: WeightsManifestGroup[];
  };
  const shards: Buffer[] = [];
  const weightSpecs: object[] = [];
  for (const group of json.weightsManifest) {
    for (const file of group.paths) shards.push(await readFile(join(dirname(path), file)));
    weightSpecs.push(...group.weights);
  }
  const all = Buffer.concat(shards);
  const { weightsManifest: _manifest, ...rest } = json;
  return {
    ...rest,
    weightSpecs,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  };
}
