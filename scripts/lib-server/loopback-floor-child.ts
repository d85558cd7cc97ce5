// Server process for the loopback floor of `npm run bench:server`: a bare node:http server that reads the body and
// answers a tiny JSON after `x-wait` ms, either idle (a timer, as when a judge waits on its thread pool or a
// backend) or busy (spinning, as when a judge computes on the main thread). No other work. Prints {"url": …}.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    const wait = Number(request.headers["x-wait"] ?? 0);
    const answer = () => {
      response.setHeader("content-type", "application/json");
      response.end('{"ok":true}');
    };
    if (request.headers["x-busy"] === "1") {
      const started = performance.now();
      while (performance.now() - started < wait);
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
