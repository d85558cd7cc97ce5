// Server process for the loopback floor of `npm run bench:server`: a bare node:http server that reads the body and
// answers a tiny JSON after `x-wait` ms, either idle (a timer, as when a judge waits on its thread pool or a
// backend) or busy (spinning, as when a judge computes on the main thread). No other work. Prints {"url": …}.
// Its `x-stamps` header carries the monotonic clock (ms, shared by all processes on the machine) when the handler
// started, when the body had arrived and when the answer was written, so the client can split the round trip.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const now = () => Number(process.hrtime.bigint()) / 1e6;

const server = createServer((request, response) => {
  const started = now();
  request.resume();
  request.on("end", () => {
    const read = now();
    const wait = Number(request.headers["x-wait"] ?? 0);
    const answer = () => {
      response.setHeader("content-type", "application/json");
      response.setHeader("x-stamps", `${started},${read},${now()}`);
      response.end('{"ok":true}');
    };
    if (request.headers["x-busy"] === "1") {
      while (now() - read < wait);
      answer();
    } else if (wait > 0) setTimeout(answer, wait);
    else answer();
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
