// Replay pairs steps with recordings on the command as the author wrote it
// (before bindings are substituted), or the path of a file step.

/** What replay matches a recording on: the command as written, or the path of a file step. */
export function writtenCommand(r: { step: { kind: string; command: string; filePath?: string } }): string {
  return r.step.kind === 'file' ? (r.step.filePath ?? r.step.command) : r.step.command;
}
