// The engine behind run, update and check: load every runbook first (bad
// input exits 2 before anything runs), then run them (-j N at a time) on live
// sessions or a snapshot replay, then hand the results back for writing.
import { basename, dirname, resolve } from 'node:path';
import { InputError, Interrupted, type Warning } from '../errors.js';
import { runRunbook } from '../run/run-runbook.js';
import { selectSteps, type Selection } from '../run/select-steps.js';
import type { Reporter, RunbookResult } from '../run/types.js';
import type { SessionPool } from '../sessions/types.js';
import { createSessionPool } from '../sessions/pool.js';
import { killAllShells } from '../sessions/shell-process.js';
import type { Snapshot } from '../snapshot/snapshot-file.js';
import { assertRunnable, loadRunbook, printWarnings, type LoadedRunbook } from './load-runbook.js';
import { orderedReporters } from './ordered-reporter.js';
import { tierUpLater } from './tier-up-later.js';
import type { Runbook, Step } from '../markdown/types.js';

export interface ExecuteOptions {
  files: string[];
  configFile?: string;
  selection: Selection;
  bail: boolean;
  jobs: number;
  replay: boolean;
  reporter: Reporter;
  confirm?: (step: Step, command: string) => Promise<boolean>;
  /** When `files` are one shard of a check: all the runbooks of the check, where `--only` ids are looked for. */
  allFiles?: string[];
  /** A second Ctrl-C: every session is killed, then this is called (the CLI exits 130 in it). */
  leaveAtOnce?: () => void;
  /**
   * Called once every runbook is loaded and selected, before anything runs, with the steps that will
   * run (`--lab` sets its story); returns, per runbook, what to do before some of its steps.
   */
  beforeRun?: (runs: { runbook: Runbook; selected: Step[] }[]) => Promise<Map<number, () => Promise<void>>[]>;
}

export interface Executed {
  loaded: LoadedRunbook;
  result: RunbookResult;
}

// First Ctrl-C (or SIGTERM, or SIGHUP when the terminal goes away) interrupts the
// running commands and lets teardown run; the second one leaves at once.
function interruptOnSignals(controller: AbortController, leaveAtOnce: (() => void) | undefined): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      // The second one leaves at once, but never leaves a process of this run behind.
      killAllShells();
      leaveAtOnce?.();
      return;
    }
    controller.abort(new Interrupted(signal));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}

const hasId = (l: LoadedRunbook, id: string) => l.runbook.steps.some((s) => s.annotations.id === id);

// --only ids are looked for across all the runbooks of the run (of every shard of a sharded
// check): each must be in one of them (else bad input, before anything runs), and a runbook
// holding none of them runs nothing.
function selectionsFor(loadedAll: LoadedRunbook[], selection: Selection, universe: LoadedRunbook[] = loadedAll): Selection[] {
  if (universe.length >= 2 && selection.only.length === 0 && (selection.section !== undefined || selection.from !== undefined)) return headingSelections(loadedAll, selection, universe);
  if (selection.only.length === 0 || universe.length < 2) return loadedAll.map(() => selection);
  const missing = selection.only.filter((id) => !universe.some((l) => hasId(l, id)));
  if (missing.length > 0) {
    throw new InputError(`--only ${missing.join(', ')}: no step of these runbooks has that id`, universe.map((l) => l.runbook.file).join(', '), 'pick an id shown by `runbook plan`');
  }
  return loadedAll.map((l) => {
    const only = selection.only.filter((id) => hasId(l, id));
    return only.length > 0 ? { ...selection, only } : { ...selection, only, none: true };
  });
}

// --section / --from over several runbooks: each must match in one of them (else bad input, before
// anything runs), and a runbook where it matches nothing runs nothing.
function headingSelections(loadedAll: LoadedRunbook[], selection: Selection, universe: LoadedRunbook[]): Selection[] {
  const matches = (l: LoadedRunbook) => {
    try {
      selectSteps(l.runbook, { only: [], ...(selection.section !== undefined ? { section: selection.section } : {}), ...(selection.from !== undefined ? { from: selection.from } : {}) });
      return true;
    } catch (e) {
      if (e instanceof InputError) return false;
      throw e;
    }
  };
  if (!universe.some(matches)) {
    const flag = selection.section !== undefined ? `--section ${selection.section}` : `--from ${selection.from}`;
    throw new InputError(`${flag}: no step of these runbooks is selected by it`, universe.map((l) => l.runbook.file).join(', '), 'pick a heading or line shown by `runbook plan`');
  }
  return loadedAll.map((l) => (matches(l) ? selection : { ...selection, none: true }));
}

// Replay is loaded only for --replay (its snapshot schema pulls in zod).
type Replay = typeof import('./replay-snapshots.js');

function poolFor(loaded: LoadedRunbook, snapshot: Snapshot | undefined, replay: Replay | undefined): SessionPool {
  // cram and scrut tests find their own folder in $TESTDIR, their name in $TESTFILE, their shell in $TESTSHELL.
  const env = { ...process.env, TESTDIR: dirname(resolve(loaded.runbook.file)), TESTFILE: basename(loaded.runbook.file), TESTSHELL: '/bin/bash' };
  if (!snapshot) return createSessionPool(loaded.targets, { outputCap: loaded.config.outputCap, env });
  return replay!.createReplayPool(snapshot, loaded.runbook, replay!.snapshotPath(loaded.runbook.file));
}

/** Loads all runbooks, runs them, and returns their results in the order given. */
export async function execute(options: ExecuteOptions): Promise<{ executed: Executed[]; interrupted: boolean; stale: string[]; warnings: Warning[] }> {
  const loadedAll: LoadedRunbook[] = [];
  for (const f of options.files) loadedAll.push(await loadRunbook(f, options.configFile));
  for (const loaded of loadedAll) assertRunnable(loaded);
  const warnings = loadedAll.flatMap((l) => l.warnings);
  printWarnings(warnings);
  if (!options.replay) tierUpLater(loadedAll.reduce((n, l) => n + l.runbook.steps.length, 0));
  // A shard's --only ids may be in runbooks of other shards: those are read (not run) to find them.
  let universe: LoadedRunbook[] | undefined;
  if (options.allFiles && options.selection.only.length > 0) {
    universe = [];
    for (const f of options.allFiles) {
      const i = options.files.indexOf(f);
      universe.push(i >= 0 ? loadedAll[i]! : await loadRunbook(f, options.configFile));
    }
  }
  const selections = selectionsFor(loadedAll, options.selection, universe);
  // A missing or unreadable snapshot is bad input too: found before anything runs.
  const replay = options.replay ? await import('./replay-snapshots.js') : undefined;
  const snapshots = loadedAll.map((l) => (replay ? replay.readSnapshot(replay.snapshotPath(l.runbook.file)) : undefined));
  const stale = loadedAll.flatMap((l, i) => (snapshots[i] ? replay!.checkSnapshotFits(snapshots[i], l.runbook, replay!.snapshotPath(l.runbook.file)) : []));
  // A recording made on the lab replays with the lab's skips, with or without --lab.
  const labSkips = snapshots.some((s) => s?.lab) ? (await import('../lab/control-plane/lab-skips.js')).labCannotRun : undefined;
  for (const [i, s] of snapshots.entries()) if (s?.lab && !selections[i]!.cannotRun) selections[i] = { ...selections[i]!, cannotRun: labSkips! };
  const beforeSteps = options.beforeRun
    ? await options.beforeRun(loadedAll.map((l, i) => {
        const why = selectSteps(l.runbook, selections[i]!);
        return { runbook: l.runbook, selected: l.runbook.steps.filter((_, j) => why[j] === null) };
      }))
    : [];
  options.reporter.onRunStart?.(loadedAll.map((l) => l.runbook));

  const controller = new AbortController();
  const release = interruptOnSignals(controller, options.leaveAtOnce);
  const ordered = orderedReporters(options.reporter, loadedAll.length);
  const executed: Executed[] = new Array(loadedAll.length);
  let next = 0;
  const worker = async () => {
    while (next < loadedAll.length) {
      const i = next++;
      const loaded = loadedAll[i]!;
      const reporter = ordered.reporters[i]!;
      const pool = poolFor(loaded, snapshots[i], replay);
      try {
        const result = await runRunbook(loaded.runbook, loaded.config, pool, {
          selection: selections[i]!,
          bail: options.bail,
          replay: options.replay,
          signal: controller.signal,
          reporter,
          ...(options.confirm ? { confirm: options.confirm } : {}),
          ...(beforeSteps[i]?.size ? { beforeStep: beforeSteps[i] } : {}),
        });
        executed[i] = { loaded, result };
        reporter.onRunbookEnd?.(result);
      } finally {
        await pool.closeAll();
        ordered.finish(i);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, loadedAll.length)) }, worker));
  } finally {
    release();
  }
  return { executed, interrupted: controller.signal.aborted, stale, warnings };
}
