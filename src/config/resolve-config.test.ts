import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/config-error.js";
import { resolveConfig } from "./resolve-config.js";

const file = (value: unknown): string => {
  const path = join(mkdtempSync(join(tmpdir(), "ej-config-")), "editjudge.json");
  writeFileSync(path, JSON.stringify(value));
  return path;
};

describe("resolveConfig", () => {
  it("fills documented defaults", () => {
    const c = resolveConfig({ env: { XDG_CACHE_HOME: "/x" } });
    expect(c).toMatchObject({
      baseUrls: [],
      maxSide: 1024,
      maxRetries: 3,
      cache: true,
      passes: 1,
      firmW1: 0.6,
    });
    expect(c.cachePath).toBe("/x/editjudge/responses.sqlite");
  });

  it("explicit > file > env > default", () => {
    const env = { EDITJUDGE_MODEL: "env-m", EDITJUDGE_MAX_SIDE: "512", EDITJUDGE_PASSES: "3" };
    const configFile = file({ model: "file-m", maxSide: 640 });
    const c = resolveConfig({ env, configFile, explicit: { model: "flag-m", passes: undefined } });
    expect(c.model).toBe("flag-m");
    expect(c.maxSide).toBe(640);
    expect(c.passes).toBe(3);
  });

  it("falls back from EDITJUDGE_* to OPENAI_* and splits replica lists", () => {
    expect(resolveConfig({ env: { OPENAI_BASE_URL: "http://a/v1", OPENAI_API_KEY: "k" } })).toMatchObject({
      baseUrls: ["http://a/v1"],
      apiKey: "k",
    });
    const c = resolveConfig({
      env: { EDITJUDGE_BASE_URL: "http://a/v1, http://b/v1", OPENAI_BASE_URL: "http://c/v1" },
    });
    expect(c.baseUrls).toEqual(["http://a/v1", "http://b/v1"]);
  });

  it("names the bad setting", () => {
    expect(() => resolveConfig({ env: { EDITJUDGE_MAX_SIDE: "big" } })).toThrow(/EDITJUDGE_MAX_SIDE/);
    expect(() => resolveConfig({ explicit: { maxSide: 3 } })).toThrow(ConfigError);
    expect(() => resolveConfig({ configFile: file({ colour: "red" }) })).toThrow(/unknown setting "colour"/);
    expect(() => resolveConfig({ configFile: "/nonexistent.json" })).toThrow(/cannot read config file/);
  });
});
