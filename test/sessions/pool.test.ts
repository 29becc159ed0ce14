// The pool: one session per target, lazily; unknown targets named; nothing left running after closeAll.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createSessionPool } from '../../src/sessions/pool.js';
import { pidsWithArgs } from './lab.js';

const opts = { timeoutMs: 20_000 };

describe('createSessionPool', () => {
  it('hands out one session per target, each with its own state', async () => {
    const pool = createSessionPool({ a: 'local', b: 'local' });
    try {
      expect(pool.session('a')).toBe(pool.session('a'));
      await pool.session('a').run('export RBS_WHO=a', opts);
      await pool.session('b').run('export RBS_WHO=b', opts);
      expect((await pool.session('a').run('echo $RBS_WHO', opts)).output).toBe('a\n');
      expect((await pool.session('b').run('echo $RBS_WHO', opts)).output).toBe('b\n');
      expect((await pool.session('local').run('echo ${RBS_WHO-none}', opts)).output).toBe('none\n');
    } finally {
      await pool.closeAll();
    }
  });

  it('names an unknown target and how to configure it', () => {
    const pool = createSessionPool({});
    const err = (() => { try { pool.session('vm7'); } catch (e) { return e as InputError; } })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.format()).toBe('unknown target "vm7"\n  add it under runbook.targets, e.g. `vm7: { ssh: user@vm7 }`');
  });

  it('leaves no shell and no background job behind after closeAll', async () => {
    const pool = createSessionPool({ a: 'local' });
    try {
      await pool.session('a').run('sleep 100.404 & echo started', opts);
      while (pidsWithArgs('sleep 100.404').length === 0) await new Promise((r) => setTimeout(r, 20));
      await pool.closeAll();
      expect(pidsWithArgs('sleep 100.404')).toEqual([]);
    } finally {
      await pool.closeAll();
      for (const pid of pidsWithArgs('sleep 100.404')) process.kill(Number(pid), 'SIGKILL');
    }
  });

  it('fails a command with a NUL byte without running it', async () => {
    const pool = createSessionPool({});
    try {
      const r = await pool.session('local').run('echo a\0b', opts);
      expect(r.error).toBe('the command for target "local" contains a NUL byte, which no shell can receive');
      expect((await pool.session('local').run('echo ok', opts)).output).toBe('ok\n');
    } finally {
      await pool.closeAll();
    }
  });
});
