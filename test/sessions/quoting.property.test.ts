// Property: commands, heredocs and file contents reach remote shells byte for
// byte, whatever they contain, over real ssh, a netns, and `via` chains.
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetSpec } from '../../src/config/schema.js';
import { createSessionPool } from '../../src/sessions/pool.js';
import { shellQuote } from '../../src/sessions/quote.js';
import type { SessionPool } from '../../src/sessions/types.js';
import { startSshd, type Sshd } from '../support/sshd.js';
import { SHIM_PATH, createLab, deleteLab } from './lab.js';

const nasty = fc.constantFrom(
  "'", '"', '`', '$(', ')', '${', '}', '\\', '\\\\', '\n', '\r\n', '\t', ' ', '$HOME', '$1', '$@', '!', '!!', '#', ';', '&&',
  '|', '*', '?', '~', '<<EOF', 'EOF', '%s', '%', '\\n', '-n', '--', 'é', '日本', '🎉', '\u200b', '\u001b[31m', '\u007f', '\u0001',
  "'\\''", '"$(echo pwned)"', '`id`',
);
const wellFormed = (s: string) => !s.includes('\0') && Buffer.from(s).toString() === s;
const adversarial = fc.oneof(
  fc.array(nasty, { maxLength: 40 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }).filter(wellFormed),
  fc.tuple(fc.array(nasty, { maxLength: 5 }), fc.nat(20_000)).map(([a, n]) => a.join('') + 'x'.repeat(n) + a.join('')),
);

let outer: Sshd | undefined;
let inner: Sshd | undefined;
let pool: SessionPool;
const opts = { timeoutMs: 30_000 };

beforeAll(async () => {
  createLab();
  try {
    outer = await startSshd();
    inner = await startSshd({ netns: 'rbs-vm1', host: '10.231.0.1', port: 2222 });
  } catch (e) {
    await outer?.stop();
    deleteLab();
    throw e;
  }
  const targets: Record<string, TargetSpec> = {
    box: outer.spec,
    vm1: { multipass: 'vm1' },
    vm2: { netns: 'rbs-vm2' },
    'test-pod': { kubectl: 'pod1', via: 'vm1' },
    inner: { ...inner.spec, via: 'vm2' },
  };
  pool = createSessionPool(targets, { env: { ...process.env, PATH: SHIM_PATH } });
});
afterAll(async () => {
  try {
    await pool?.closeAll();
    await inner?.stop();
    await outer?.stop();
  } finally {
    deleteLab();
    rmSync('/tmp/rbs-quoting', { recursive: true, force: true });
  }
});

describe.each(['box', 'vm2', 'test-pod', 'inner'])('byte-exact round trips on %s', (target) => {
  it('writes file contents exactly', async () => {
    const s = pool.session(target);
    await fc.assert(
      fc.asyncProperty(adversarial, async (content) => {
        expect((await s.writeFile('/tmp/rbs-quoting/f', content, opts)).exitCode).toBe(0);
        expect((await s.run('cat /tmp/rbs-quoting/f', opts)).output).toBe(content);
      }),
      { numRuns: 60 },
    );
  });

  it('echoes single-quoted data and heredoc bodies back exactly', async () => {
    const s = pool.session(target);
    await fc.assert(
      fc.asyncProperty(adversarial, async (data) => {
        expect((await s.run(`printf '%s' ${shellQuote(data)}`, opts)).output).toBe(data);
        if (!data.split('\n').includes('RBSEOF') && !data.includes('\r')) {
          expect((await s.run(`cat <<'RBSEOF'\n${data}\nRBSEOF`, opts)).output).toBe(`${data}\n`);
        }
      }),
      { numRuns: 60 },
    );
  });
});
