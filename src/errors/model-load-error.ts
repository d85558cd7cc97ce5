import { EditJudgeError } from "./editjudge-error.js";

/** An embedded model (OCR, detector, faces) could not be loaded from its installed package. */
export class ModelLoadError extends EditJudgeError {
  readonly model: string;

  constructor(model: string, message: string, options?: { cause?: unknown }) {
    super("model_unavailable", message, options);
    this.name = "ModelLoadError";
    this.model = model;
  }
}
