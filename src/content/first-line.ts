/** The first line of an error's message, for error messages that wrap a library's error. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]?.trim() || "unknown error";
}
