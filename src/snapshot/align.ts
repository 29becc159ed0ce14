// Pairs a runbook's steps with a snapshot's recordings: in order, by target,
// kind and the command as written (a minimal diff, so one added step does not
// unpair everything after it).
import { diffArrays } from 'diff';
import type { Runbook, Step } from '../markdown/types.js';
import { writtenCommand } from './written-command.js';
import type { RecordedStep, Snapshot } from './schema.js';

export interface Alignment {
  /** Runbook step index → its recording. */
  recorded: Map<number, RecordedStep>;
  /** Runbook steps with no recording (added or changed since the snapshot). */
  unrecorded: Step[];
  /** Recordings with no step (removed or changed since the snapshot). */
  leftover: RecordedStep[];
}

/** The key two steps must share to be the same step. */
function key(target: string, kind: string, command: string): string {
  return `${target}\u0000${kind}\u0000${command}`;
}

/** Pairs steps with recordings by a minimal diff of their keys. */
export function alignSnapshot(snapshot: Snapshot, runbook: Runbook): Alignment {
  const recs = snapshot.steps;
  const steps = runbook.steps;
  const a = recs.map((r) => key(r.target, r.kind, r.command));
  const b = steps.map((s) => key(s.target, s.kind, writtenCommand({ step: s })));
  const out: Alignment = { recorded: new Map(), unrecorded: [], leftover: [] };
  let i = 0;
  let j = 0;
  for (const part of diffArrays(a, b)) {
    const n = part.count ?? part.value.length;
    for (let k = 0; k < n; k++) {
      if (part.removed) out.leftover.push(recs[i++]!);
      else if (part.added) out.unrecorded.push(steps[j++]!);
      else out.recorded.set(steps[j++]!.index, recs[i++]!);
    }
  }
  return out;
}
