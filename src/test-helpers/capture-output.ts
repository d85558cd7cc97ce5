import { vi } from "vitest";

/**
 * Captures what this process writes to stdout and stderr from now until `vi.restoreAllMocks()`: the fields grow
 * as it writes.
 */
export function captureOutput(): { out: string; err: string } {
  const captured = { out: "", err: "" };
  vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    captured.out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    captured.err += String(s);
    return true;
  });
  return captured;
}
