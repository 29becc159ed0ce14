// A lab operation that could not be done: says what failed, where (which
// namespace/command), and how to fix it — the same shape as any input error.
// runLabCommand prints it and decides the exit code (1, or 2 for usage).
import { InputError } from '../errors.js';

export class LabError extends InputError {
  override name = 'LabError';
}

/** The command line itself is wrong (exit 2). */
export class LabUsageError extends LabError {
  override name = 'LabUsageError';
}
