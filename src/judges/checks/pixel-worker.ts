// Worker entry of the pixel pool: verifies one candidate per message (its images reduced to the working
// resolution by the judge). The source analysis of the last source seen is kept: every candidate of a case
// shares it.
import { parentPort } from "node:worker_threads";
import { SourceAnalysis } from "./pair-analysis.js";
import type { PixelTask, PixelTaskResult, PixelWorkerClose } from "./pixel-task.js";
import { verifyPixels } from "./verify-pixels.js";

let last: { key: string; analysis: SourceAnalysis } | null = null;

parentPort?.on("message", (task: PixelTask | PixelWorkerClose) => {
  if ("close" in task) {
    parentPort?.close();
    return;
  }
  let reply: PixelTaskResult;
  try {
    if (!last || last.key !== task.sourceKey) {
      last = { key: task.sourceKey, analysis: new SourceAnalysis(task.source, task.mask ?? null) };
    }
    reply = { id: task.id, verdicts: verifyPixels(last.analysis, task.candidate, task.principles, task.ops) };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
