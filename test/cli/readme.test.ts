// The README is a runbook too: its transcripts must stay true.
import { describe, expect, it } from 'vitest';
import { runbook } from '../support/cli.js';

describe('README.md', () => {
  it('runs with runbook itself and passes', async () => {
    const r = await runbook(['run', '--reporter', 'plain', 'README.md']);
    expect(r.stdout).toMatch(/^2 passed, 0 failed, 1 skipped$/m);
    expect(r.exitCode).toBe(0);
  });
});
