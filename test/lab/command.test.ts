// `runbook lab …` argument handling and exit codes; the interrupt test needs
// the built CLI module (dist/, made by `npm test`'s pretest) and root.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLabCommand } from '../../src/lab/command.js';

function capture() {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
}

const isRoot = process.getuid?.() === 0;
const builtLab = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'lab', 'index.js');

describe('runbook lab command', () => {
  it('rejects an unknown variant with exit 2 and says which are valid', async () => {
    const { lines, io } = capture();
    expect(await runLabCommand(['up', '--variant', 'c'], io)).toBe(2);
    expect(lines.join('\n')).toMatch(/unknown variant 'c'[\s\S]*--variant a/);
  });

  it('rejects an unknown subcommand with exit 2 and prints the usage', async () => {
    const { lines, io } = capture();
    expect(await runLabCommand(['sideways'], io)).toBe(2);
    expect(lines.join('\n')).toContain('usage: runbook lab up [--variant a|b]');
  });

  it.skipIf(!isRoot || !existsSync(builtLab))('Ctrl-C during up tears the lab down and exits 130', async () => {
    const script = `import { runLabCommand } from ${JSON.stringify(builtLab)}; process.exitCode = await runLabCommand(['up']);`;
    const child = execa('node', ['--input-type=module', '-e', script], { reject: false, all: true });
    // Interrupt once the lab has started to appear.
    for (let i = 0; i < 200; i++) {
      const ns = (await execa('ip', ['netns', 'list'])).stdout;
      if (ns.includes('rbl-vm')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode, String(r.all)).toBe(130);
    expect(String(r.all)).toContain('interrupted by SIGINT');
    const netns = (await execa('ip', ['netns', 'list'])).stdout;
    expect(netns.split('\n').filter((l) => l.startsWith('rbl-'))).toEqual([]);
  });
});
