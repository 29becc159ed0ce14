// The session contract through the multipass and kubectl stand-ins (test/shims)
// and through `via` chains: a pod reached with kubectl typed on vm1, and an
// ssh server inside one namespace reached from another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshd, type Sshd } from '../support/sshd.js';
import { createSessionPool } from '../../src/sessions/pool.js';
import { sessionContract } from './contract.js';
import { SHIM_PATH, createLab, deleteLab, pidsInNetns, pidsUnder } from './lab.js';

let inner: Sshd | undefined;
const logDir = mkdtempSync(join(tmpdir(), 'rbs-kubectl-'));
const env = { ...process.env, PATH: SHIM_PATH, RBS_KUBECTL_LOG: join(logDir, 'log') };

beforeAll(async () => {
  createLab();
  try {
    inner = await startSshd({ netns: 'rbs-vm1', host: '10.231.0.1', port: 2222 });
  } catch (e) {
    deleteLab();
    throw e;
  }
});
afterAll(async () => {
  try {
    await inner?.stop();
  } finally {
    deleteLab();
    rmSync(logDir, { recursive: true, force: true });
  }
});

const targets = () => ({
  vm1: { multipass: 'vm1' },
  vm2: { netns: 'rbs-vm2' },
  'test-pod': { kubectl: 'pod1', namespace: 'default', container: 'main', context: 'lab', via: 'vm1' },
  inner: { ...inner!.spec, via: 'vm2' },
});

sessionContract('multipass (stand-in)', () => ({
  targets: targets(), target: 'vm1', env,
  where: { command: 'ip -br addr show dev v1', expect: /^v1@\S+\s+UP\s+10\.231\.1\.1\/24/ },
  processes: (args) => pidsInNetns('rbs-vm1', args),
}));

sessionContract('kubectl (stand-in) via multipass', () => ({
  targets: targets(), target: 'test-pod', env,
  where: { command: 'ip -br addr show dev v0', expect: /^v0@\S+\s+UP\s+10\.231\.1\.2\/24/ },
  processes: (args) => pidsInNetns('rbs-pod1', args),
}));

sessionContract('ssh via netns', () => ({
  targets: targets(), target: 'inner', env,
  where: { command: 'echo "$SSH_CONNECTION"', expect: /^10\.231\.0\.2 \d+ 10\.231\.0\.1 2222\n$/ },
  processes: (args) => pidsUnder(inner!.pid, args),
}));

describe('via chains', () => {
  it('hand kubectl its namespace, container and context, from inside vm1', async () => {
    const pool = createSessionPool(targets(), { env });
    try {
      const r = await pool.session('test-pod').run('echo in-pod', { timeoutMs: 20_000 });
      expect(r.output).toBe('in-pod\n');
    } finally {
      await pool.closeAll();
    }
    expect(readFileSync(env.RBS_KUBECTL_LOG, 'utf8')).toContain('pod=pod1 --context=lab -n=default -c=main');
  });

  it("fail a VM that does not exist with the transport's own words, and keep failing it", async () => {
    const pool = createSessionPool({ vm9: { multipass: 'vm9' } }, { env });
    try {
      const r = await pool.session('vm9').run('echo hi', { timeoutMs: 20_000 });
      expect(r.error).toBe('Cannot open network namespace "rbs-vm9": No such file or directory');
      expect((await pool.session('vm9').run('echo again', { timeoutMs: 20_000 })).error).toBe(r.error);
    } finally {
      await pool.closeAll();
    }
  });

  it("fail a pod that does not exist with kubectl's own words", async () => {
    const pool = createSessionPool({ ...targets(), gone: { kubectl: 'nope', via: 'vm1' } }, { env });
    try {
      const r = await pool.session('gone').run('echo hi', { timeoutMs: 20_000 });
      expect(r.error).toBe('Error from server (NotFound): pods "nope" not found');
    } finally {
      await pool.closeAll();
    }
  });
});
