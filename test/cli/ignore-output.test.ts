// Lines a transport adds that no transcript shows — kubectl's "Unable to use
// a TTY" warning when a cheat sheet types `kubectl exec -it` — are dropped
// before comparing; more can be named with `ignore-output:`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbook, scratch } from '../support/cli.js';

const warn = 'echo "Unable to use a TTY - input is not a terminal or the right kind of file" >&2';

function run(text: string) {
  const dir = scratch();
  writeFileSync(join(dir, 'rb.md'), text);
  return runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir });
}

describe('ignore-output', () => {
  it("drops kubectl's TTY warning by default", async () => {
    const r = await run(`# t\n\n\`\`\`console\n$ ${warn}; echo served\nserved\n\`\`\`\n`);
    expect(r.stdout).toMatch(/^1 passed, 0 failed, 0 skipped$/m);
  });

  it('drops the lines a runbook names, and only those', async () => {
    const fm = "---\nrunbook:\n  ignore-output: ['^Warning: ']\n---\n";
    const r = await run(`${fm}# t\n\n\`\`\`console\n$ echo 'Warning: deprecated'; echo kept\nkept\n$ echo 'Note: shown'\nother\n\`\`\`\n`);
    expect(r.stdout).toMatch(/^PASS rb\.md:8 /m);
    expect(r.stdout).toMatch(/^\s*\+Note: shown$/m);
    expect(r.stdout).toMatch(/^1 passed, 1 failed, 0 skipped$/m);
  });

  it('names an invalid pattern with the fix', async () => {
    const r = await run("---\nrunbook:\n  ignore-output: ['^(oops']\n---\n# t\n");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/ignore-output pattern '\^\(oops' is not a valid regular expression/);
  });
});
