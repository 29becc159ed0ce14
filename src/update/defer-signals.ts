// While a file is being replaced, SIGINT/SIGTERM are held back until the write
// has finished (or failed and cleaned up), then delivered again: the rename
// already keeps the file whole, this also keeps the temp file from being left
// behind. Only for the short write window after a run, never around a run.

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `fn` with SIGINT/SIGTERM/SIGHUP deferred. A signal that arrived while it
 * ran is re-raised when `fn` failed; when it succeeded the file is written, so
 * the signal is handed back to the caller (`onCaught`) instead of making the
 * tool die reporting an interrupt for a file it did write.
 */
export async function deferSignals<T>(fn: () => Promise<T>, onCaught?: (signal: NodeJS.Signals) => void): Promise<T> {
  let caught: NodeJS.Signals | null = null;
  const hold = (signal: NodeJS.Signals): void => {
    caught ??= signal;
  };
  for (const s of SIGNALS) process.on(s, hold);
  let ok = false;
  try {
    const value = await fn();
    ok = true;
    return value;
  } finally {
    for (const s of SIGNALS) process.off(s, hold);
    if (caught && ok && onCaught) onCaught(caught);
    else if (caught) process.kill(process.pid, caught);
  }
}
