import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** `../shared/llama-server` beside the repository: a real llama.cpp server with a tiny random-weight vision model. */
export const LLAMA_SERVER_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../shared/llama-server",
);

/** Why the real-server tests cannot run here, or null when they can. */
export function llamaServerMissing(dir = LLAMA_SERVER_DIR): string | null {
  for (const file of ["setup.sh", "start.sh"])
    if (!existsSync(join(dir, file)))
      return `no ${join(dir, file)} (the shared llama-server is not beside the repository)`;
  return null;
}

export interface LlamaServer {
  /** Base URL ending in /v1; the model answers to any name ("tiny-llava"). */
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then waits for it to exit) and removes its unpacked tree. */
  stop(): Promise<void>;
}

/**
 * Unpacks the shared llama-server into a fresh temporary directory and starts it on a free loopback port; the
 * returned `stop` ends exactly that process. `args` are extra llama-server flags (e.g. `["-np", "4"]`).
 */
export async function startLlamaServer(
  args: readonly string[] = [],
  dir = LLAMA_SERVER_DIR,
): Promise<LlamaServer> {
  const missing = llamaServerMissing(dir);
  if (missing) throw new Error(missing);
  const root = mkdtempSync(join(tmpdir(), "editjudge-llama-"));
  try {
    await run("sh", [join(dir, "setup.sh"), root]);
    const port = await freePort();
    await run("sh", [join(root, "start.sh"), String(port), ...args]);
    const pid = Number(readFileSync(join(root, `srv-${port}.pid`), "utf8").trim());
    return {
      url: `http://127.0.0.1:${port}/v1`,
      port,
      stop: async () => {
        await stopProcess(pid);
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function stopProcess(pid: number): Promise<void> {
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(pid, "SIGKILL");
}
