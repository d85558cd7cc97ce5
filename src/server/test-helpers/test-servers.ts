import { afterEach } from "vitest";
import { type RunningServer, type StartServerOptions, startServer } from "../start-server.js";
import { fakeJudge } from "../test-fixtures.js";

/**
 * `start(options)` for a test file: a loopback server on a free port with the fake judge (unless `options` names
 * judges), closed after each test.
 */
export function testServers(): (options?: StartServerOptions) => Promise<RunningServer> {
  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });
  return async (options = {}) => {
    const judges = options.judgeIds ? {} : { judges: new Map([["fake", fakeJudge()]]) };
    const server = await startServer({ port: 0, ...judges, ...options });
    running.push(server);
    return server;
  };
}

/** POSTs `body` as JSON. */
export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
