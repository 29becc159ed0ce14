// Config from frontmatter and runbook.config.yaml: merged as documented, and
// every mistake named with file, line and fix.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { InputError } from '../../src/errors.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function errorOf(fn: () => Promise<unknown>): Promise<InputError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('loadConfig', () => {
  it('merges the nearest runbook.config.yaml with frontmatter, frontmatter winning', async () => {
    const dir = tree({
      'runbook.config.yaml': 'default: host\ntimeout: 10s\ntargets:\n  host: local\n  vm1: { multipass: vm1 }\n',
      'docs/rb.md': '---\nrunbook:\n  timeout: 2m\n  targets:\n    vm1: { ssh: ubuntu@vm1 }\n---\n# x\n',
    });
    const file = join(dir, 'docs/rb.md');
    const config = await loadConfig(file, '---\nrunbook:\n  timeout: 2m\n  targets:\n    vm1: { ssh: ubuntu@vm1 }\n---\n# x\n');
    expect(config.default).toBe('host');
    expect(config.timeoutMs).toBe(120_000);
    expect(config.targets).toEqual({ host: 'local', vm1: { ssh: 'ubuntu@vm1' } });
  });

  it('lets a file named with --config win over the frontmatter, target by target', async () => {
    const source = '---\nrunbook:\n  default: host\n  comments: "^#"\n  targets:\n    host: local\n    vm1: { multipass: vm1 }\n    pod: { kubectl: pod, via: vm1 }\n---\n# x\n';
    const dir = tree({
      'ci/map.yaml': 'targets:\n  vm1: { docker: k3d-rb-server-0 }\n  pod: { kubectl: pod, namespace: default }\ntimeout: 5m\n',
      'runbook.config.yaml': 'targets:\n  vm1: { ssh: nobody@nowhere }\n',
      'docs/rb.md': source,
    });
    const config = await loadConfig(join(dir, 'docs/rb.md'), source, join(dir, 'ci/map.yaml'));
    expect(config.targets).toEqual({ host: 'local', vm1: { docker: 'k3d-rb-server-0' }, pod: { kubectl: 'pod', namespace: 'default' } });
    expect(config.default).toBe('host');
    expect(config.comments?.source).toBe('^#');
    expect(config.timeoutMs).toBe(300_000);
    // Without --config the nearest runbook.config.yaml is found and the frontmatter wins over it.
    const found = await loadConfig(join(dir, 'docs/rb.md'), source);
    expect(found.targets.vm1).toEqual({ multipass: 'vm1' });
  });

  it('names the frontmatter line of an unknown transport', async () => {
    const source = '---\ntitle: x\nrunbook:\n  targets:\n    vm2: { sssh: ubuntu@vm2 }\n---\n';
    const e = await errorOf(() => loadConfig('/nowhere/rb.md', source));
    expect(e.format()).toMatch(/^\/nowhere\/rb\.md:5: config runbook\.targets\.vm2/);
    expect(e.fix).toMatch(/ssh: user@host/);
  });

  it('names the line of a bad duration in runbook.config.yaml', async () => {
    const dir = tree({ 'runbook.config.yaml': 'targets:\n  a: local\ntimeout: soon\n', 'rb.md': '# x\n' });
    const e = await errorOf(() => loadConfig(join(dir, 'rb.md'), '# x\n'));
    expect(e.where).toBe(`${join(dir, 'runbook.config.yaml')}:3`);
    expect(e.message).toMatch(/timeout/);
  });

  it('names an unknown top-level key and lists the known ones', async () => {
    const e = await errorOf(() => loadConfig('/nowhere/rb.md', '---\nrunbook:\n  targetz: {}\n---\n'));
    expect(e.message).toMatch(/unknown key 'targetz'/);
    expect(e.fix).toMatch(/targets/);
  });

  it('reports YAML syntax errors with their line', async () => {
    const e = await errorOf(() => loadConfig('/nowhere/rb.md', '---\nrunbook:\n  targets: [a, b\n---\n'));
    expect(e.where).toMatch(/^\/nowhere\/rb\.md:\d+$/);
    expect(e.message).toMatch(/invalid YAML/);
  });

  it('rejects an invalid comments pattern with the fix', async () => {
    const e = await errorOf(() => loadConfig('/nowhere/rb.md', "---\nrunbook:\n  comments: '^(#'\n---\n"));
    expect(e.message).toMatch(/not a valid regular expression/);
  });
});
