// A failed `up` must not leave half a lab behind: one pod server fails to
// start (mocked), and after the error nothing of the lab is left.
import { execa } from 'execa';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { labDown } from '../../src/lab/down.js';
import { LabError } from '../../src/lab/lab-error.js';
import { labUp } from '../../src/lab/up.js';

vi.mock('../../src/lab/pod-server.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/lab/pod-server.js')>();
  return {
    startPodServer: async (...args: Parameters<typeof real.startPodServer>) => {
      const [pod] = args;
      if (pod.name.startsWith('nginx-np-deployment')) throw new LabError('HTTP server did not start: simulated', pod.ns);
      return real.startPodServer(...args);
    },
  };
});

const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('a failed up', () => {
  afterAll(async () => {
    await labDown();
  });

  it('tears down what it built and reports the failure', async () => {
    const before = (await execa('ip', ['-br', 'link'])).stdout;
    await expect(labUp('a')).rejects.toThrow(/simulated/);
    const netns = (await execa('ip', ['netns', 'list'])).stdout;
    expect(netns.split('\n').filter((l) => l.startsWith('rbl-'))).toEqual([]);
    expect((await execa('bash', ['-c', 'ls -d /etc/netns/rbl-* 2>/dev/null || true'])).stdout).toBe('');
    expect((await execa('ip', ['-br', 'link'])).stdout).toBe(before);
  });
});
