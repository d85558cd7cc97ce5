import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addBackendFlags, backendConfigFrom } from "./backend-flags.js";

function parse(argv: string[], env: Record<string, string> = {}) {
  const command = addBackendFlags(new Command("score").exitOverride());
  command.parse(argv, { from: "user" });
  return backendConfigFrom(command, env);
}

describe("backend flags", () => {
  it("flag > config file > env > default, and --no-cache only when given", () => {
    const dir = mkdtempSync(join(tmpdir(), "ej-flags-"));
    const file = join(dir, "c.json");
    writeFileSync(file, JSON.stringify({ model: "file-model", maxSide: 640, cache: false }));
    const env = { EDITJUDGE_MODEL: "env-model", EDITJUDGE_CONCURRENCY: "3", EDITJUDGE_CONFIG: file };
    const c = parse(["--max-side", "512", "--base-url", "http://a/v1", "http://b/v1"], env);
    expect(c).toMatchObject({
      model: "file-model",
      maxSide: 512,
      concurrency: 3,
      cache: false,
      baseUrls: ["http://a/v1", "http://b/v1"],
    });
    expect(parse([], { EDITJUDGE_CACHE: "1" }).cache).toBe(true);
    expect(parse(["--no-cache"], { EDITJUDGE_CACHE: "1" }).cache).toBe(false);
    expect(parse(["--model", "flag-model"], env).model).toBe("flag-model");
  });

  it("rejects a bad value with the setting's name", () => {
    expect(() => parse(["--passes", "0"])).toThrow(/setting "passes" is invalid/);
    expect(() => parse(["--structured-output", "maybe"])).toThrow(/structuredOutput/);
  });
});
