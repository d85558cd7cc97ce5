import type { z } from "zod";
import { ConfigError } from "../errors/config-error.js";
import { configSchema } from "./config-schema.js";

/** A zod issue as one phrase naming the setting: the unknown key itself, or the key whose value is wrong. */
export function describeIssue(issue: z.core.$ZodIssue | undefined): { setting: string; problem: string } {
  if (issue?.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    return { setting: issue.keys[0] ?? "settings", problem: `unknown setting ${keys}` };
  }
  const setting = issue?.path.join(".") || "settings";
  return { setting, problem: `setting "${setting}" is invalid: ${issue?.message ?? "unknown problem"}` };
}

/**
 * Checks settings a caller passes to a judge (library `settings`, `bench --settings`) against the settings every
 * judge reads (docs/judges.md § Configuration), plus `extra` keys a judge reads itself (checks: `workers`).
 */
export function checkSettings(
  settings: Readonly<Record<string, unknown>>,
  where: string,
  extra: readonly string[] = [],
): void {
  const shared = Object.fromEntries(Object.entries(settings).filter(([k]) => !extra.includes(k)));
  const checked = configSchema.safeParse(shared);
  if (checked.success) return;
  const { setting, problem } = describeIssue(checked.error.issues[0]);
  throw new ConfigError(
    setting,
    `${where}: ${problem}; the settings are those of docs/judges.md § Configuration${extra.length ? ` (and ${extra.join(", ")})` : ""}`,
  );
}
