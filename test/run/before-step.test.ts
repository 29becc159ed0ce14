// Work the engine does before a step (the lab's story deploys there) happens
// once every step before it has ended, and no command is sent to the shell
// ahead of its turn past that step — on a real local bash session.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/config/load.js';
import { parseRunbook } from '../../src/markdown/parse-runbook.js';
import { runRunbook } from '../../src/run/run-runbook.js';
import { createSessionPool } from '../../src/sessions/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-before-step-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('beforeStep', () => {
  it('runs before its step, after the steps before it, and stops pipelining there', async () => {
    const marker = join(dir, 'deployed');
    // The marker's path comes from the environment: a command with a volatile value is never sent ahead anyway.
    // The first command starts the shell (nothing is sent ahead before it is up).
    const source = ['```console', '$ echo up', 'up', '$ sleep 0.3', '$ test -e "$RB_MARKER" && echo yes || echo no', 'yes', '$ echo after', 'after', '```', ''].join('\n');
    const config = mergeConfig([]);
    const pool = createSessionPool({ local: 'local' }, { env: { ...process.env, RB_MARKER: marker } });
    const seen: boolean[] = [];
    try {
      const result = await runRunbook(parseRunbook(join(dir, 'rb.md'), source, config), config, pool, {
        selection: { only: [] },
        bail: false,
        signal: new AbortController().signal,
        reporter: {},
        beforeStep: new Map([[2, async () => {
          // The sleep has ended (its step is judged) and the test has not run yet.
          seen.push(existsSync(marker));
          writeFileSync(marker, '');
        }]]),
      });
      expect(seen).toEqual([false]);
      expect(result.results.map((r) => r.outcome.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    } finally {
      await pool.closeAll();
    }
  });
});
