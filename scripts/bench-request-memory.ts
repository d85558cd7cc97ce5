// `npm run bench:request-memory`: how much memory one large request takes, and what the per-request pixel budget
// does about it. Starts the real `editjudge serve` (from dist/, judge `checks`) and POSTs /v1/score with a source
// and N distinct all-black 6000×6000 PNGs (about 105 KB each, 36 MP decoded), sampling the server's resident
// memory (RSS) every 50 ms: first a request under the budget, then one far over it (refused with 413). Last,
// concurrent requests each under the per-request budget but over the server-wide one together (default 400 MP):
// those that do not fit get 503 server_busy.
//
//   npm run bench:request-memory [-- --content off]   (checks without content models keeps large images reduced)
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import sharp from "sharp";
import { rssMiB } from "./lib-server/process-rss.js";

const SIDE = 6000;
const contentAt = process.argv.indexOf("--content");
const CONTENT = contentAt > 0 ? (process.argv[contentAt + 1] ?? "auto") : "auto";
const BUDGET_MP = 200;

async function blackPng(tag: number): Promise<string> {
  const png = await sharp({
    create: { width: SIDE, height: SIDE, channels: 3, background: { r: 0, g: 0, b: 0 } },
  })
    .png()
    .withMetadata({ exif: { IFD0: { ImageDescription: `bench ${tag}` } } })
    .toBuffer();
  return png.toString("base64");
}

/** The server's resident memory in MiB (0 if it has exited). */
const serverRss = (pid: number) => rssMiB(pid) ?? 0;

const server = spawn(
  process.execPath,
  [
    "bin/editjudge.js",
    "serve",
    "--port",
    "0",
    "--max-request-megapixels",
    String(BUDGET_MP),
    "--max-body",
    String(256 * 1024 * 1024),
    "--content",
    CONTENT,
  ],
  { stdio: ["ignore", "ignore", "pipe"] },
);
process.on("exit", () => server.kill());
const url = await new Promise<string>((resolve, reject) => {
  createInterface({ input: server.stderr as NodeJS.ReadableStream }).on("line", (line) => {
    const match = /listening on (\S+)/.exec(line);
    if (match?.[1]) resolve(match[1]);
  });
  server.once("exit", (code) => reject(new Error(`editjudge serve exited with ${code}`)));
});
const pid = server.pid as number;

process.stdout.write(
  `\nOne /v1/score request with the checks judge (content ${CONTENT}): a source and N distinct ${SIDE}×${SIDE} all-black PNGs, --max-request-megapixels ${BUDGET_MP}\n\n`,
);
process.stdout.write(
  "| candidates | pixels sent | body MB | status | answer | server RSS before → peak, MiB | seconds |\n",
);
process.stdout.write("|---:|---:|---:|---:|---|---|---:|\n");
for (const n of [4, 40]) {
  const images = await Promise.all(Array.from({ length: n + 1 }, (_, i) => blackPng(i)));
  const body = JSON.stringify({
    source: images[0],
    instruction: "make it brighter",
    candidates: images.slice(1),
  });
  const { before, peak, seconds, answers } = await sampled([body]);
  const [{ status, what }] = answers as [Answer];
  process.stdout.write(
    `| ${n} | ${(((n + 1) * SIDE * SIDE) / 1e6).toFixed(0)} MP | ${(body.length / 1e6).toFixed(1)} | ${status} | ${what} | ${before.toFixed(0)} → ${peak.toFixed(0)} | ${seconds.toFixed(1)} |\n`,
  );
}

const CONCURRENT = 6;
const bodies = await Promise.all(
  Array.from({ length: CONCURRENT }, async (_, r) => {
    const images = await Promise.all([0, 1, 2].map((i) => blackPng(100 + 3 * r + i)));
    return JSON.stringify({
      source: images[0],
      instruction: "make it brighter",
      candidates: images.slice(1),
    });
  }),
);
const together = await sampled(bodies);
const tally = new Map<string, number>();
for (const a of together.answers)
  tally.set(`${a.status} ${a.what}`, (tally.get(`${a.status} ${a.what}`) ?? 0) + 1);
process.stdout.write(
  `\n${CONCURRENT} requests at once, each a source and 2 candidates (108 MP, under the per-request ${BUDGET_MP} MP; ${CONCURRENT * 108} MP together, over the server-wide 400 MP): ${[
    ...tally,
  ]
    .map(([answer, count]) => `${count}× ${answer}`)
    .join(
      ", ",
    )}; server RSS ${together.before.toFixed(0)} → ${together.peak.toFixed(0)} MiB in ${together.seconds.toFixed(1)} s\n`,
);
server.kill();

interface Answer {
  status: number;
  what: string;
}

/** POSTs the bodies to /v1/score at once, sampling the server's RSS every 50 ms until all have answered. */
async function sampled(
  requestBodies: string[],
): Promise<{ before: number; peak: number; seconds: number; answers: Answer[] }> {
  const before = serverRss(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, serverRss(pid));
  }, 50);
  const started = performance.now();
  const answers = await Promise.all(
    requestBodies.map(async (body) => {
      const res = await fetch(`${url}/v1/score`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const answer = (await res.json()) as { error?: { code: string }; candidates?: unknown[] };
      const what = answer.error ? answer.error.code : `${answer.candidates?.length} candidates judged`;
      return { status: res.status, what };
    }),
  );
  clearInterval(sampler);
  peak = Math.max(peak, serverRss(pid));
  return { before, peak, seconds: (performance.now() - started) / 1000, answers };
}
