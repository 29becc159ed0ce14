// The canonical input: the k3s networking cheat sheet must plan exactly as
// written by hand in k3s-networking-cheatsheet.plan.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/markdown/parse-runbook.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlanJson, renderPlanText } from '../../src/plan/render-plan.js';
import { config } from '../markdown/helpers.js';

const FILE = 'test/fixtures/k3s-networking-cheatsheet.md';
const source = readFileSync(FILE, 'utf8');
const want = JSON.parse(readFileSync('test/fixtures/k3s-networking-cheatsheet.plan.json', 'utf8')) as {
  steps: [number, string, string, number][];
  ignored: [number, string][];
  switches: [number, string, object][];
  unknownTargets: [number, string, string][];
};

describe('k3s networking cheat sheet', () => {
  const rb = parseRunbook(FILE, source, config());
  const plan = buildPlan(rb, config());

  it('lists every command with its host', () => {
    expect(plan.steps.map((s) => [s.line, s.target, s.command, rb.steps[s.index]!.expected!.length])).toEqual(want.steps);
    expect(plan.steps.every((s) => s.checks.includes('exit 0') && s.checks[0] === `output (${rb.steps[s.index]!.expected!.length} line${rb.steps[s.index]!.expected!.length === 1 ? '' : 's'})`)).toBe(true);
  });

  it('treats multipass shell and kubectl exec -- bash as switches of target', () => {
    expect(rb.mentions.filter((m) => m.via === 'switch').map((m) => [m.line, m.name, m.implied])).toEqual(want.switches);
    expect(plan.steps.some((s) => /multipass shell|-- bash/.test(s.command))).toBe(false);
  });

  it('lists the blocks without prompts and the diagram preambles as ignored', () => {
    expect(plan.ignored.map((i) => [i.line, i.reason])).toEqual(want.ignored);
  });

  it('is invalid only because fiveg-host-24-node4 and vm2 are not configured, with the YAML to add', () => {
    expect(plan.errors.map((e) => [Number(e.where!.split(':').pop()), e.message.match(/'([^']+)'/)![1], e.fix!.split('\n').pop()!.trim()])).toEqual(want.unknownTargets);
    expect(plan.targets['vm1']).toEqual({ multipass: 'vm1', via: 'fiveg-host-24-node4' });
    expect(plan.targets['test-pod']).toEqual({ kubectl: 'test-pod', via: 'vm1' });
    const text = renderPlanText(plan);
    expect(text).toContain(`${FILE}:437: unknown target 'vm2'`);
    expect(text).toContain('runbook:\n      targets:\n        vm2: { ssh: ubuntu@vm2 }');
    expect(JSON.parse(renderPlanJson(plan)).errors).toHaveLength(2);
  });

  it('plans the same from a CRLF copy with a BOM, offsets still into that text', () => {
    const crlf = '\uFEFF' + source.replace(/\n/g, '\r\n');
    const rb2 = parseRunbook(FILE, crlf, config());
    const rows = (r: typeof rb) => r.steps.map((s) => [s.line, s.target, s.command, s.expected!.map((e) => e.text)]);
    expect(rows(rb2)).toEqual(rows(rb));
    for (const s of rb2.steps) for (const e of s.expected!) expect(crlf.slice(e.start, e.end)).toBe(e.text);
  });

  it('is valid once those two are configured, and vm1 then runs through multipass directly', () => {
    const c = config({ targets: { 'fiveg-host-24-node4': 'local', vm2: { ssh: 'ubuntu@10.65.94.199' } } });
    const p = buildPlan(parseRunbook(FILE, source, c), c);
    expect(p.errors).toEqual([]);
    const transport = Object.fromEntries(p.steps.map((s) => [s.target, s.transport]));
    expect(transport).toEqual({
      'fiveg-host-24-node4': 'local',
      vm1: 'multipass vm1',
      'test-pod': 'kubectl test-pod via vm1 (multipass vm1)',
      vm2: 'ssh ubuntu@10.65.94.199',
    });
  });
});
