import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";

it("editjudge serve --compat-null with an unknown mode exits with code 2 naming the option and the modes", async () => {
  const failure = (await promisify(execFile)(
    "node",
    ["bin/editjudge.js", "serve", "--compat-null", "maybe"],
    {
      timeout: 60_000,
    },
  ).then(
    () => null,
    (error: unknown) => error,
  )) as { code?: number; killed?: boolean; stderr?: string } | null;
  expect(failure?.killed).toBe(false);
  expect(failure?.code).toBe(2);
  expect(failure?.stderr).toMatch(/--compat-null "maybe" must be one of error, zero, nan/);
}, 90_000);
