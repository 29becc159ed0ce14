// A lab operation that could not be done: says what failed, where (which
// namespace/command), and how to fix it. runLabCommand prints it.
export class LabError extends Error {
  constructor(
    message: string,
    /** The namespace or command it happened in. */
    readonly where?: string,
    /** One line that says how to fix it. */
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'LabError';
  }

  /** `runbook lab: where: what\n  fix`. */
  format(): string {
    const head = this.where ? `${this.where}: ${this.message}` : this.message;
    return this.fix ? `${head}\n  ${this.fix}` : head;
  }
}

/** The command line itself is wrong (exit 2). */
export class LabUsageError extends LabError {
  override name = 'LabUsageError';
}
