// The shipped runbooks, run by runbook itself: the lab runbook passes against
// both lab variants (root and a built CLI needed), and the cheat sheet for the
// real multipass/k3s cluster plans as valid.
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labDown } from '../../src/lab/down.js';
import { cliPath, root, runbook } from '../support/cli.js';

const isRoot = process.getuid?.() === 0;
const built = existsSync(cliPath);

describe.skipIf(!built)('shipped runbooks', () => {
  afterAll(async () => {
    if (isRoot) await labDown();
  });

  it('runbooks/networking.md plans as valid', async () => {
    const r = await runbook(['plan', 'runbooks/networking.md']);
    expect(r.exitCode, String(r.all)).toBe(0);
  });

  it.skipIf(!isRoot)('update against variant b rewrites the volatile values, and back against a restores every byte', async () => {
    const original = join(root, 'runbooks', 'lab-networking.md');
    const copy = join(mkdtempSync(join(tmpdir(), 'rbl-update-')), 'lab-networking.md');
    copyFileSync(original, copy);
    const toB = await runbook(['update', copy], { env: { LAB_VARIANT: 'b' }, timeout: 180_000 });
    expect(toB.exitCode, String(toB.all)).toBe(0);
    const b = readFileSync(copy, 'utf8');
    expect(b).not.toContain('10.43.180.238');
    expect(b).not.toContain('KUBE-SEP-LNMZPQ2U2A5TEEGP');
    expect(b).not.toContain('nginx-deployment-7c79c4bf97-gk7cj');
    expect(b).toContain('KUBE-SVC-V2OKYYMBY3REGZOG');
    const toA = await runbook(['update', copy], { env: { LAB_VARIANT: 'a' }, timeout: 180_000 });
    expect(toA.exitCode, String(toA.all)).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(original, 'utf8'));
  }, 400_000);

  it.skipIf(!isRoot)('Ctrl-C in the middle of the lab runbook runs its teardown: no lab namespace, root links unchanged, exit 130', async () => {
    const before = (await execa('ip', ['-br', 'link'])).stdout;
    const child = execa('node', [cliPath, 'run', '--reporter', 'plain', 'runbooks/lab-networking.md'], { cwd: root, reject: false, all: true });
    // Wait until the lab is up and a few steps have passed, then interrupt.
    let seen = '';
    child.all?.on('data', (d: Buffer) => (seen += d.toString()));
    for (let i = 0; i < 600 && (seen.match(/^PASS /gm) ?? []).length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode, String(r.all)).toBe(130);
    expect(String(r.all)).toMatch(/^PASS runbooks\/lab-networking\.md:\d+ \[host\] node dist\/cli\.js lab down$/m);
    const netns = (await execa('ip', ['netns', 'list'])).stdout;
    expect(netns.split('\n').filter((l) => l.startsWith('rbl-'))).toEqual([]);
    expect((await execa('ip', ['-br', 'link'])).stdout).toBe(before);
  }, 200_000);

  for (const variant of ['a', 'b']) {
    it.skipIf(!isRoot)(`runbooks/lab-networking.md passes against variant ${variant}, and tears the lab down`, async () => {
      const before = (await execa('ip', ['-br', 'link'])).stdout;
      const r = await runbook(['run', 'runbooks/lab-networking.md'], { env: { LAB_VARIANT: variant }, timeout: 180_000 });
      expect(r.exitCode, String(r.all)).toBe(0);
      expect(String(r.all)).toMatch(/\d+ passed, 0 failed, 0 skipped/);
      const netns = (await execa('ip', ['netns', 'list'])).stdout;
      expect(netns.split('\n').filter((l) => l.startsWith('rbl-'))).toEqual([]);
      expect((await execa('ip', ['-br', 'link'])).stdout).toBe(before);
    }, 200_000);
  }
});
