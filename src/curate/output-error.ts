import { EditJudgeError } from "../errors/editjudge-error.js";
import { InputError } from "../errors/input-error.js";

/**
 * One line that names the output file and what to do, for a failed open, write or sync: a full disk (rerun to
 * resume: the committed rows are kept and the half-written batch is cut), no permission, a directory in the way.
 * `label` is how the user named the file (`OUT`, `--rejects`).
 */
export function outputError(label: string, path: string, error: unknown): EditJudgeError {
  if (error instanceof EditJudgeError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const named = `${label} ${path}`;
  const options = { cause: error };
  if (code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG")
    return new EditJudgeError(
      "disk_full",
      `${named}: ${code === "EFBIG" ? "file too large for its file system" : "no space left on the device"} (${code}); the committed rows are kept: free space and rerun the same command to resume`,
      options,
    );
  if (code === "EACCES" || code === "EPERM")
    return new InputError(
      path,
      `${named}: permission denied (${code}); make it writable or choose another ${label}`,
      {
        ...options,
        code: "output_unwritable",
      },
    );
  if (code === "EISDIR")
    return new InputError(path, `${named} is a directory; give a file name for ${label}`, {
      ...options,
      code: "output_unwritable",
    });
  if (code === "EROFS")
    return new InputError(path, `${named} is on a read-only file system; choose another ${label}`, {
      ...options,
      code: "output_unwritable",
    });
  return new EditJudgeError(
    "output_failed",
    `${named}: cannot write (${code || (error as Error).message}); check the disk, then rerun the same command to resume`,
    options,
  );
}
