// Server process for `npm run bench:server`: the reward server on loopback with one judge ("fake" = a zero-work judge; for viescore also a
// zero-latency fake VLM in the same process), plus the bare node:http floor server with the same judge. An optional
// second argument is a folder allowed as an image root. Prints {"url": …, "bareUrl": …} on stdout; exits on SIGTERM.
import { startFakeVlm } from "../../src/judges/vlm/test-helpers/judge-fixture.js";
import { createJudges, startServer } from "../../src/server/start-server.js";
import { fakeJudge } from "../../src/server/test-fixtures.js";
import { startBareServer } from "./bare-server.js";

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
const judge = judges.get(judgeId);
const bare = judge ? await startBareServer(judge, imageRoot) : null;
process.stdout.write(`${JSON.stringify({ url: server.url, bareUrl: bare?.url })}\n`);
process.once("SIGTERM", () => {
  bare?.server.close();
  void server
    .close()
    .then(() => fake?.close())
    .then(() => process.exit(0));
});
