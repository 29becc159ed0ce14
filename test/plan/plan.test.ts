import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { describeTransport } from '../../src/plan/describe-transport.js';
import { renderPlanJson, renderPlanText } from '../../src/plan/render-plan.js';
import { resolveTargets } from '../../src/plan/resolve-targets.js';
import { config, md, parse } from '../markdown/helpers.js';

const F = '```';

describe('describeTransport', () => {
  const targets = {
    local: 'local' as const,
    vm1: { multipass: 'vm1' },
    vm2: { ssh: 'ubuntu@10.65.94.199', port: 2222 },
    'test-pod': { kubectl: 'test-pod', namespace: 'default', via: 'vm1' },
    lab: { netns: 'rb-vm1' },
    web: { docker: 'web' },
    other: { command: ['lxc', 'exec', 'c1', '--'] },
    loop: { multipass: 'x', via: 'loop' },
  };
  it('says how each target is reached, via hops included', () => {
    expect(describeTransport('local', targets)).toBe('local');
    expect(describeTransport('vm1', targets)).toBe('multipass vm1');
    expect(describeTransport('vm2', targets)).toBe('ssh ubuntu@10.65.94.199 -p 2222');
    expect(describeTransport('test-pod', targets)).toBe('kubectl test-pod -n default via vm1 (multipass vm1)');
    expect(describeTransport('lab', targets)).toBe('netns rb-vm1');
    expect(describeTransport('web', targets)).toBe('docker web');
    expect(describeTransport('other', targets)).toBe('command lxc exec c1 --');
    expect(describeTransport('nope', targets)).toBe('unknown');
    expect(describeTransport('loop', targets)).toContain('via loop');
  });
});

describe('resolveTargets', () => {
  it('keeps configured targets over implied ones and always knows local', () => {
    const rb = parse(md(F + 'console', '$ multipass shell vm1', 'ubuntu@vm1:~$ ls', F));
    const { targets, errors } = resolveTargets(rb, config({ targets: { vm1: { ssh: 'ubuntu@vm1' } } }));
    expect(errors).toEqual([]);
    expect(targets).toEqual({ local: 'local', vm1: { ssh: 'ubuntu@vm1' } });
  });

  it('reports each unknown name once, at its first use, with a YAML fix', () => {
    const rb = parse(md(F + 'console', 'me@box:~$ a', 'me@box:~$ b', F, F + 'sh on=db', 'c', F, F + 'console', '$ d', F), { default: 'web' });
    const { errors } = resolveTargets(rb, config({ default: 'web' }));
    expect(errors.map((e) => [e.where, e.message.split(':')[0]])).toEqual([
      ['doc.md:2', "unknown target 'box' (used by a prompt)"],
      ['doc.md:5', "unknown target 'db' (used by on=)"],
      ['doc.md:9', "unknown target 'web' (used by the default target)"],
    ]);
    expect(errors[0]!.fix).toContain('box: local');
    expect(errors[1]!.fix).toContain('db: { ssh: db }');
  });

  it('reports an unknown via of an implied target, and ignores skipped steps', () => {
    const rb = parse(md(F + 'console', 'me@box:~$ kubectl exec -it p -- sh', 'p:/# ls', F, F + 'console skip', 'x@y:~$ z', F));
    const { errors, targets } = resolveTargets(rb, config());
    expect(targets['p']).toEqual({ kubectl: 'p', via: 'box' });
    expect(errors.map((e) => [e.where, e.message.split(' (')[0]])).toEqual([['doc.md:2', "unknown target 'box'"]]);
  });
});

describe('buildPlan and its renderings', () => {
  const src = md(
    '# Setup',
    '<!-- runbook: file=/tmp/a.txt -->',
    F + 'text',
    'hello',
    F,
    F + 'bash',
    'cat /tmp/a.txt',
    F,
    F + 'console retry=2m interval=5s unordered teardown id=pods timeout=30s ipv4=off',
    '$ ls \\',
    '  /tmp',
    'a.txt',
    '$ false',
    '[1]',
    F,
    F + 'console skip exit=any stop-after=10s exact',
    '$ ping -c1 x',
    F,
    F + 'yaml',
    'k: v',
    F,
  );
  const plan = buildPlan(parse(src), config());

  it('says what each step checks', () => {
    expect(plan.steps.map((s) => [s.line, s.target, s.transport, s.checks])).toEqual([
      [3, 'local', 'local', ['writes /tmp/a.txt']],
      [6, 'local', 'local', ['not compared', 'exit 0']],
      [10, 'local', 'local', ['output (1 line)', 'exit 0', 'teardown', 'unordered', 'retry 2m', 'interval 5s', 'timeout 30s', 'ipv4=off']],
      [13, 'local', 'local', ['no output', 'exit 1', 'teardown', 'unordered', 'retry 2m', 'interval 5s', 'timeout 30s', 'ipv4=off']],
      [17, 'local', 'local', ['no output', 'any exit', 'skip', 'exact', 'stop-after 10s']],
    ]);
    expect(plan.steps[2]!.id).toBe('pods');
    expect(plan.errors).toEqual([]);
  });

  it('renders a text table with the ignored blocks', () => {
    const text = renderPlanText(plan);
    expect(text).toMatch(/^doc\.md: 5 steps on 1 target\n/);
    expect(text).toMatch(/doc\.md:10 +local +local +ls \\ … \(\+1 line\) +output \(1 line\), exit 0/);
    expect(text).toMatch(/doc\.md:3 +local +local +\(file\) +writes \/tmp\/a\.txt/);
    expect(text).toMatch(/Ignored blocks \(never run\): 1\ndoc\.md:19 +yaml block\n$/);
    const bad = buildPlan(parse(md(F + 'console', 'a@b:~$ c', F)), config());
    expect(renderPlanText(bad)).toContain("Errors: 1 (nothing would run)\ndoc.md:2: unknown target 'b'");
    expect(renderPlanText(bad, { errors: false })).not.toContain('unknown target');
  });

  it('renders JSON with file, line, target, transport, command, checks', () => {
    const json = JSON.parse(renderPlanJson(plan));
    expect(json.file).toBe('doc.md');
    expect(json.steps[2]).toEqual({
      file: 'doc.md',
      line: 10,
      target: 'local',
      transport: 'local',
      kind: 'command',
      command: 'ls \\\n  /tmp',
      checks: plan.steps[2]!.checks,
      id: 'pods',
      headings: ['Setup'],
    });
    expect(json.ignored).toEqual([{ file: 'doc.md', line: 19, lang: 'yaml', reason: 'yaml block' }]);
    expect(json.errors).toEqual([]);
    const many = JSON.parse(renderPlanJson([plan, plan]));
    expect(many).toHaveLength(2);
    expect(many[1].steps).toHaveLength(5);
  });
});
