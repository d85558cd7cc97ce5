import { InputError } from "../errors/input-error.js";

/** The outputs do not hold what the resume state says was committed: resuming would lose or repeat rows. */
export class StateMismatchError extends InputError {
  constructor(label: string, path: string, stateFile: string, what: string) {
    super(
      path,
      `${label} ${path} does not match its resume state ${stateFile} (${what}); resuming would lose or repeat rows, so it was changed by hand or belongs to another run: restore it, or move ${label}, its rejects and the state away and rerun to start over`,
      { code: "state_mismatch" },
    );
  }
}
