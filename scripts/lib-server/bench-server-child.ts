// Server process for `npm run bench:server`: the reward server on loopback with one judge ("fake" = a zero-work judge; for viescore also a
// zero-latency fake VLM in the same process). An optional second argument is a folder allowed as an image root.
// Prints {"url": …} on stdout and exits on SIGTERM.
import { startFakeVlm } from "../../src/judges/vlm/test-helpers/judge-fixture.js";
import { createJudges, startServer } from "../../src/server/start-server.js";
import { fakeJudge } from "../../src/server/test-fixtures.js";

const judgeId = process.argv[2] ?? "checks";
const fake = judgeId !== "viescore" ? null : await startFakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } });
const settings = fake ? { baseUrls: [fake.url], model: "fake-vlm", cache: false, concurrency: 256 } : {};
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
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once("SIGTERM", () => {
  void server
    .close()
    .then(() => fake?.close())
    .then(() => process.exit(0));
});
