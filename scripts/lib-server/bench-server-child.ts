// Server process for `npm run bench:server`: the reward server on loopback with one judge ("fake" = a zero-work
// judge; "viescore" = VIEScore on a zero-latency fake VLM in the same process; "viescore-faults" = the same VLM with
// 30% of its calls failing: HTTP 500, 429 or no answer within the 1 s call timeout), plus the bare node:http floor
// server with the same judge. An optional second argument is a folder allowed as an image root.
// Prints {"url": …, "bareUrl": …} on stdout; exits on SIGTERM.
import { startFakeOpenAiServer } from "../../src/backends/test-helpers/fake-openai-server.js";
import { withFaults } from "../../src/backends/test-helpers/with-faults.js";
import { fakeVlm } from "../../src/judges/vlm/test-helpers/fake-vlm.js";
import { createJudges, startServer } from "../../src/server/start-server.js";
import { fakeJudge } from "../../src/server/test-fixtures.js";
import { startBareServer } from "./bare-server.js";

const mode = process.argv[2] ?? "checks";
const judgeId = mode === "viescore-faults" ? "viescore" : mode;
const script = fakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } });
const fake =
  judgeId !== "viescore"
    ? null
    : await startFakeOpenAiServer(
        mode === "viescore-faults" ? withFaults(script, { rate: 0.3, seed: 7 }).handler : script,
        { record: false },
      );
const faultSettings = mode === "viescore-faults" ? { timeoutMs: 1000, maxRetries: 2, cooldownMs: 0 } : {};
const settings = fake
  ? {
      baseUrls: [fake.url],
      model: "fake-vlm",
      cache: false,
      concurrency: 256,
      // The fake model answers the own-worded prompts' JSON; the original form needs reference files.
      promptVariant: "editjudge" as const,
      ...faultSettings,
    }
  : {};
const judges =
  judgeId === "fake" ? new Map([["fake", fakeJudge()]]) : await createJudges([judgeId], settings);
const imageRoot = process.argv[3];
const server = await startServer({
  host: "127.0.0.1",
  port: 0,
  judges,
  requestTimeoutMs: 60_000,
  ...(imageRoot ? { images: { allowUrls: false, pathRoots: [imageRoot], fetchTimeoutMs: 10_000 } } : {}),
});
const judge = judges.get(judgeId);
const bare = judge ? await startBareServer(judge, imageRoot) : null;
process.stdout.write(`${JSON.stringify({ url: server.url, bareUrl: bare?.url })}\n`);
// `npm run bench:server` starts this process with --expose-gc and asks for a full collection before reading memory.
process.on("SIGUSR2", () => (globalThis as { gc?: () => void }).gc?.());
process.once("SIGTERM", () => {
  bare?.server.close();
  void server
    .close()
    .then(() => fake?.close())
    .then(() => process.exit(0));
});
