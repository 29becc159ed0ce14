// While a file is being replaced, SIGINT/SIGTERM are held back until the write
// has finished (or failed and cleaned up), then delivered again: the rename
// already keeps the file whole, this also keeps the temp file from being left
// behind. Only for the short write window after a run, never around a run.

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs `fn` with SIGINT/SIGTERM/SIGHUP deferred; a signal that arrived is re-raised after it settles. */
export async function deferSignals<T>(fn: () => Promise<T>): Promise<T> {
  let caught: NodeJS.Signals | null = null;
  const hold = (signal: NodeJS.Signals): void => {
    caught ??= signal;
  };
  for (const s of SIGNALS) process.on(s, hold);
  try {
    return await fn();
  } finally {
    for (const s of SIGNALS) process.off(s, hold);
    if (caught) process.kill(process.pid, caught);
  }
}
