// Two `runbook update`s of one file at once would both plan on the same text
// and one result would be lost: each update holds a lock file beside the
// runbook from before its run until after its write. A lock whose process is
// gone (killed with SIGKILL) is stale and taken over.
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

const lockPath = (file: string) => join(dirname(file), `.${basename(file)}.runbook-lock`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the update lock of each file, or throws (taking none) when another update holds one. */
export function lockForUpdate(files: string[]): () => void {
  const held: string[] = [];
  const release = () => {
    for (const path of held.splice(0)) rmSync(path, { force: true });
  };
  try {
    // A missing file gets no lock: loading it says "no such file" in its own words.
    for (const file of files.filter((f) => existsSync(f))) {
      const path = lockPath(file);
      for (let attempt = 0; ; attempt++) {
        try {
          const fd = openSync(path, 'wx');
          writeSync(fd, `${process.pid}\n`);
          closeSync(fd);
          held.push(path);
          break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
          const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
          if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
            throw new InputError(`another runbook update (pid ${pid}) is updating this file; nothing was run`, file, 'wait for it to finish, then run update again');
          }
          rmSync(path, { force: true }); // stale: its process is gone
        }
      }
    }
  } catch (e) {
    release();
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot take the update lock: ${(e as Error).message}`, files.join(', '), 'make the runbook folder writable');
  }
  return release;
}
