import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CurateState } from "./curate-state.js";

const REPO = resolve(import.meta.dirname, "../..");

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ej-state-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const LOCKED = /another curate run is using .*state\.sqlite .*; wait for it to finish or stop it/;

function openError(path: string): unknown {
  try {
    CurateState.open(path, "run").state.close();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("CurateState lock", () => {
  it("refuses a second open while the first is open, and allows it once the first is closed", () => {
    const path = join(dir, "out.jsonl.state.sqlite");
    const first = CurateState.open(path, "run");
    expect(openError(path)).toMatchObject({
      name: "ConfigError",
      setting: "state",
      message: expect.stringMatching(LOCKED),
    });
    first.state.commit({ ...first.progress, nextIndex: 7 });
    expect(() => CurateState.open(path, "run")).toThrow(LOCKED);
    first.state.close();
    const second = CurateState.open(path, "run");
    expect(second.resumed).toBe(true);
    expect(second.progress.nextIndex).toBe(7);
    second.state.close();
  });

  it("is held by another process until that process is killed with SIGKILL, then opens at once", async () => {
    const path = join(dir, "out.jsonl.state.sqlite");
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("./src/curate/curate-state.ts").then((m) => { m.CurateState.open(${JSON.stringify(path)}, "run"); console.log("locked"); setInterval(() => {}, 1000); })`,
      ],
      { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      holder.on("exit", (_code, signal) => done(signal)),
    );
    await new Promise<void>((done, fail) => {
      holder.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && done());
      void exited.then(() => fail(new Error("the lock holder exited early")));
    });
    expect(() => CurateState.open(path, "run")).toThrow(LOCKED);
    holder.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const after = CurateState.open(path, "run");
    expect(after.resumed).toBe(true);
    after.state.close();
  }, 30_000);
});
