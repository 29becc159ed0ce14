// A session keeps one watch timer and one abort listener for all its commands
// (src/sessions/shell-session.ts): each command's timeout and stop-after still
// count from its own start, and an abort hits the command in flight only.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionPool } from '../../src/sessions/pool.js';
import type { SessionPool } from '../../src/sessions/types.js';

const pools: SessionPool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.closeAll();
});
const session = () => {
  const pool = createSessionPool({ here: 'local' }, { graceMs: 300 });
  pools.push(pool);
  return pool.session('here');
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('deadlines across the commands of one session', () => {
  it("counts a command's timeout from its own start, not from an earlier command's", async () => {
    const s = session();
    expect((await s.run('true', { timeoutMs: 1000 })).timedOut).toBe(false);
    await pause(600);
    // Past the first command's deadline, well inside its own.
    const r = await s.run('sleep 0.7; echo done', { timeoutMs: 1000 });
    expect(r).toMatchObject({ output: 'done\n', exitCode: 0, timedOut: false });
    expect(await s.run('sleep 100.404', { timeoutMs: 500 })).toMatchObject({ timedOut: true, exitCode: null });
  });

  it('stops a command at its stop-after even when an earlier command armed a much later timeout', async () => {
    const s = session();
    await s.run('true', { timeoutMs: 60_000 });
    const r = await s.run('while true; do echo x; sleep 0.1; done', { timeoutMs: 60_000, stopAfterMs: 400 });
    expect(r).toMatchObject({ stopped: true, timedOut: false, exitCode: null });
    expect((await s.run('echo after', { timeoutMs: 60_000 })).output).toBe('after\n');
  });

  it('interrupts only the command in flight when the signal of many commands aborts', async () => {
    const s = session();
    const ctl = new AbortController();
    const first = await s.run('echo one', { timeoutMs: 60_000, signal: ctl.signal });
    expect(first).toMatchObject({ output: 'one\n', interrupted: false });
    const running = s.run('echo started; sleep 100.505', { timeoutMs: 60_000, signal: ctl.signal });
    await pause(300);
    ctl.abort();
    expect(await running).toMatchObject({ interrupted: true, exitCode: null, output: 'started\n' });
    // The signal stays aborted: later commands with it do not run; without it they do.
    expect(await s.run('echo never', { timeoutMs: 60_000, signal: ctl.signal })).toMatchObject({ interrupted: true, output: '' });
    expect((await s.run('echo other', { timeoutMs: 60_000 })).output).toBe('other\n');
  });

  it('puts one listener on a signal however many sessions use it, and an abort interrupts each of their commands', async () => {
    const ctl = new AbortController();
    const pool = createSessionPool(Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`t${k}`, 'local' as const])), { graceMs: 300 });
    pools.push(pool);
    const sessions = Array.from({ length: 12 }, (_, k) => pool.session(`t${k}`));
    for (const s of sessions) expect((await s.run('true', { timeoutMs: 60_000, signal: ctl.signal })).exitCode).toBe(0);
    expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(1);
    const running = sessions.map((s, k) => s.run(`echo started; sleep 100.6${k}`, { timeoutMs: 60_000, signal: ctl.signal }));
    await pause(300);
    ctl.abort();
    for (const r of await Promise.all(running)) expect(r).toMatchObject({ interrupted: true, exitCode: null, output: 'started\n' });
  });
});
