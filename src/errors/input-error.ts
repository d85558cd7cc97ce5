import { EditJudgeError } from "./editjudge-error.js";

/** Bad input from the caller: a file that is not an image, an empty instruction, a bomb. */
export class InputError extends EditJudgeError {
  /** The file or field at fault. */
  readonly input: string;

  constructor(input: string, message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? "invalid_input", message, options);
    this.name = "InputError";
    this.input = input;
  }
}
