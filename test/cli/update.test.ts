// `runbook update` through the CLI: only drifted lines change, a second update
// is a no-op, --dry-run writes nothing, and an interrupted update leaves the
// file byte for byte as it was.
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, runbook, scratch } from '../support/cli.js';

const doc = [
  '# Update me',
  '',
  'Some prose that stays.\t',
  '',
  '```console',
  '$ printf "one\\ntwo\\nthree\\n"',
  'one',
  'TWO',
  'three',
  '$ seq 1 20',
  '1',
  '[...]',
  '20',
  '$ echo "stamp $(date +%s)"',
  'stamp \\d+ (re)',
  '```',
  '',
].join('\r\n');

function file(text: string): { dir: string; path: string } {
  const dir = scratch();
  writeFileSync(join(dir, 'rb.md'), text);
  return { dir, path: join(dir, 'rb.md') };
}

describe('runbook update', () => {
  it('rewrites only the drifted line, keeps elisions, regexes and CRLF, and is idempotent', async () => {
    const { dir, path } = file(doc);
    const first = await runbook(['update', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(first.exitCode).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(doc.replace('\r\nTWO\r\n', '\r\ntwo\r\n'));
    const second = await runbook(['update', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(second.exitCode).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(doc.replace('\r\nTWO\r\n', '\r\ntwo\r\n'));
  });

  it('--dry-run prints the patch and writes nothing', async () => {
    const { dir, path } = file(doc);
    const r = await runbook(['update', '--dry-run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
    expect(r.stdout).toMatch(/^-TWO\r?$/m);
    expect(r.stdout).toMatch(/^\+two\r?$/m);
    expect(readFileSync(path, 'utf8')).toBe(doc);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} during the run leaves the file byte for byte as it was`, async () => {
      const slow = doc.replace('$ seq 1 20', '$ sleep 30; seq 1 20');
      const { dir, path } = file(slow);
      const child = execa('node', [cliPath, 'update', '--reporter', 'plain', 'rb.md'], { cwd: dir, reject: false, all: true });
      let seen = '';
      child.all?.on('data', (d: Buffer) => (seen += d.toString()));
      for (let i = 0; i < 200 && !seen.includes('PASS') && !seen.includes('FAIL'); i++) await new Promise((r) => setTimeout(r, 50));
      child.kill(signal);
      const r = await child;
      expect(r.exitCode).toBe(130);
      expect(r.all).toMatch(/interrupted: no runbook was rewritten/);
      expect(readFileSync(path, 'utf8')).toBe(slow);
    });
  }
});
