#!/usr/bin/env node
// Seeds a runbook's snapshot from the transcripts it already contains, for
// runbooks whose machines are not here (runbooks/networking.md needs
// multipass VMs and k3s). A cheat sheet's transcripts ARE a recorded run —
// the author's — so `check --replay` can then hold the document to it in CI.
// Re-record from a real cluster with `runbook run --record FILE` when you have one.
//   node scripts/seed-snapshot.mjs runbooks/networking.md
import { loadRunbook } from '../dist/commands/load-runbook.js';
import { runnerVersion } from '../dist/cli/version.js';
import { buildSnapshot } from '../dist/snapshot/build-snapshot.js';
import { snapshotPath, writeSnapshot } from '../dist/snapshot/snapshot-file.js';

for (const file of process.argv.slice(2)) {
  const { runbook, config } = await loadRunbook(file);
  const results = runbook.steps.map((step) => {
    if (step.annotations.skip) return { step, outcome: { status: 'skipped', reason: 'skip annotation' }, commandRun: step.command, substitutions: [], attempts: 0 };
    const output = (step.expected ?? []).map((l) => `${l.text}\n`).join('');
    const execution = {
      output,
      exitCode: typeof step.exit === 'number' ? step.exit : 0,
      durationMs: 0,
      timedOut: false,
      stopped: step.annotations.stopAfterMs !== undefined,
      interrupted: false,
      truncated: false,
      noFinalNewline: false,
    };
    const commandRun = step.kind === 'file' ? `write ${step.filePath}` : step.command;
    return { step, outcome: { status: 'passed' }, commandRun, substitutions: [], execution, attempts: 1 };
  });
  const snapshot = buildSnapshot({ runbook, results, bindings: [], interrupted: false, durationMs: 0 }, `${runnerVersion()} (seeded from the document)`, config.redact);
  const path = snapshotPath(file);
  await writeSnapshot(path, snapshot);
  console.log(`seeded ${path} from ${file}'s own transcripts (${results.length} steps)`);
}
