// The floor for `npm run bench:server`: a bare node:http server doing the same work as POST /v1/score (read the
// body, parse it with base64 lifting, decode, judge, JSON reply) without Hono, validation, metrics, auth or
// timeouts. Its overhead over the in-process call is what loopback HTTP itself costs on the machine.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Judge } from "../../src/contract/judge.js";
import { DEFAULT_IMAGE_LIMITS } from "../../src/image/image-limits.js";
import { ImageLoader } from "../../src/server/image-loader.js";
import { judgeGroup } from "../../src/server/judge-group.js";
import { parseJsonBody } from "../../src/server/parse-json-body.js";
import { isImagePath, type ScoreRequest } from "../../src/server/request-schemas.js";

export async function startBareServer(
  judge: Judge,
  imageRoot?: string,
): Promise<{ url: string; server: Server }> {
  const images = { allowUrls: false, pathRoots: imageRoot ? [imageRoot] : [], fetchTimeoutMs: 10_000 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const { value, lifted } = parseJsonBody(Buffer.concat(chunks), isImagePath);
      const signal = new AbortController().signal;
      const loader = new ImageLoader(images, DEFAULT_IMAGE_LIMITS, { signal, lifted });
      judgeGroup(judge, value as ScoreRequest, loader, signal).then(
        (result) => {
          response.setHeader("content-type", "application/json");
          response.end(JSON.stringify(result));
        },
        (error: unknown) => {
          response.statusCode = 500;
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
