// Errors that stop a run before it starts (exit 2) or interrupt it (exit 130).
// Drift and failed steps are never errors: they are data in a result.

/** Bad input or configuration: the message says what, where (file:line) and the fix. */
export class InputError extends Error {
  constructor(
    message: string,
    /** Where it is, `file:line` or `file`; printed before the message. */
    readonly where?: string,
    /** One line that says how to fix it. */
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** The message as a person reads it: `file:line: what is wrong\n  fix`. */
  format(): string {
    const head = this.where ? `${this.where}: ${this.message}` : this.message;
    return this.fix ? `${head}\n  ${this.fix}` : head;
  }
}

/**
 * Something a run would otherwise pass over in silence (a transcript block with
 * no prompt, a selection that selects nothing, a regex that can never match):
 * printed before anything runs, at its place, with the fix. `check` fails on
 * the ones marked `failsCheck`, so CI notices.
 */
export class Warning extends InputError {
  constructor(
    message: string,
    where?: string,
    fix?: string,
    readonly failsCheck = false,
  ) {
    super(message, where, fix);
    this.name = 'Warning';
  }
}

/** Several input errors found in one pass (every unknown target at once, not the first). */
export class InputErrors extends InputError {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.format()).join('\n'));
  }
  override format(): string {
    return this.message;
  }
}

/** The user interrupted the run (Ctrl-C / SIGTERM). */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals = 'SIGINT') {
    super(`interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}
