import { readFileSync } from "node:fs";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addBackendFlags } from "../cli/backend-flags.js";
import { CONFIG_ENV } from "./config-env.js";
import { configSchema } from "./config-schema.js";

const DOC = new URL("../../docs/judges.md", import.meta.url);

/** The rows of docs/judges.md § Configuration, by key. */
function documentedRows(): Map<string, string> {
  const text = readFileSync(DOC, "utf8");
  const section = text.slice(
    text.indexOf("## Configuration"),
    text.indexOf("## Garbage never becomes a score"),
  );
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    const key = /^\| `([A-Za-z0-9]+)` \|/.exec(line)?.[1];
    if (key) rows.set(key, line);
  }
  return rows;
}

describe("docs/judges.md § Configuration (README links to it as the list of every option)", () => {
  it("has one row per config key, naming its flag and environment variables", () => {
    const rows = documentedRows();
    const keys = Object.keys(configSchema.shape);
    expect([...rows.keys()].sort()).toEqual([...keys].sort());
    const flags = addBackendFlags(new Command()).options;
    for (const key of keys) {
      const row = rows.get(key) ?? "";
      const flag = flags.find(
        (o) =>
          o.attributeName() === key ||
          (o.long === "--base-url" && key === "baseUrls") ||
          (o.long === "--reference-dir" && key === "referenceDirs"),
      );
      expect(flag, `${key} has a flag`).toBeDefined();
      expect(row, `${key}'s row names ${flag?.long}`).toContain(`\`${flag?.long}`);
      for (const v of CONFIG_ENV.find((e) => e.key === key)?.vars ?? [])
        expect(row, `${key}'s row names ${v}`).toContain(v);
    }
  });
});
