import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../src/update/apply-patch.js';
import { planUpdate } from '../../src/update/plan-update.js';
import { bind, makeResult, makeRun } from './support/build.js';
import { judge } from './support/judge.js';
import { parseTranscripts } from './support/transcripts.js';
import type { AlignOp } from '../../src/match/types.js';
import type { StepResult } from '../../src/run/types.js';

/** Runs update on `source` where the i-th step printed actual[i] (and exited codes[i]). */
function update(source: string, actual: string[][], opts: { codes?: number[]; ops?: (AlignOp[] | undefined)[]; bindings?: ReturnType<typeof bind>[]; redact?: string[]; env?: NodeJS.ProcessEnv } = {}): string {
  const rb = parseTranscripts('doc.md', source);
  const results = rb.steps.map((s, i) => {
    const act = actual[i] ?? [];
    return makeResult(s, act, opts.ops?.[i] ?? judge(s.expected!.map((e) => e.text), act), opts.codes?.[i] ?? 0);
  });
  const patch = planUpdate(makeRun(rb, results, opts.bindings ?? []), { redact: opts.redact ?? [], env: opts.env ?? {} });
  return applyPatch(source, patch);
}

describe('planUpdate', () => {
  it('replaces only the lines that drifted and keeps the rest as written', () => {
    const src = 'Intro\n\n```console\n$ kubectl get pods\nNAME   READY\n# the pod we made\nnginx-1   0/1\n```\ntail\n';
    expect(update(src, [['NAME   READY', 'nginx-1   1/1']])).toBe(
      'Intro\n\n```console\n$ kubectl get pods\nNAME   READY\n# the pod we made\nnginx-1   1/1\n```\ntail\n',
    );
  });

  it('keeps elisions and regex lines that matched, as the author wrote them', () => {
    const src = '```console\n$ ip a\n1: lo\n[...]\ninet .* (re)\nold\n```\n';
    // the matcher paired [...] with two lines and the (re) line with one; `old` drifted
    const ops: AlignOp[] = [
      { op: 'same', e0: 0, e1: 1, a0: 0, a1: 1 },
      { op: 'same', e0: 1, e1: 2, a0: 1, a1: 3 },
      { op: 'same', e0: 2, e1: 3, a0: 3, a1: 4 },
      { op: 'removed', e0: 3, e1: 4 },
      { op: 'added', a0: 4, a1: 5 },
    ];
    expect(update(src, [['1: lo', 'a', 'b', 'inet 10.0.0.1', 'new']], { ops: [ops] })).toBe('```console\n$ ip a\n1: lo\n[...]\ninet .* (re)\nnew\n```\n');
  });

  it('inserts output where a step had none, with the block prefix and the file line ending', () => {
    const src = '> ```console\r\n> $ echo a\r\n> $ echo b\r\n> ```\r\n';
    expect(update(src, [['a', ''], ['b']])).toBe('> ```console\r\n> $ echo a\r\n> a\r\n>\r\n> $ echo b\r\n> b\r\n> ```\r\n');
  });

  it('deletes whole lines when the output got shorter', () => {
    const src = '- ```console\n  $ ls\n  a\n  b\n  c\n  ```\n';
    expect(update(src, [['b']])).toBe('- ```console\n  $ ls\n  b\n  ```\n');
  });

  it('rewrites, removes or adds the cram exit line', () => {
    const src = '```console\n$ false\n[1]\n$ grep x f\n[1]\n$ cat g\nno such file\n```\n';
    expect(update(src, [[], [], ['no such file']], { codes: [2, 0, 1] })).toBe('```console\n$ false\n[2]\n$ grep x f\n$ cat g\nno such file\n[1]\n```\n');
  });

  it('leaves the exit line alone for a stop-after step (its status means nothing)', () => {
    const src = '```console\n$ ping vm2\nPING vm2\n```\n';
    const rb = parseTranscripts('doc.md', src);
    const r = makeResult(rb.steps[0]!, ['PING vm2', '64 bytes'], judge(['PING vm2'], ['PING vm2', '64 bytes']), 130);
    r.execution = { ...r.execution!, stopped: true, exitCode: 130 };
    expect(applyPatch(src, planUpdate(makeRun(rb, [r]), { redact: [] }))).toBe('```console\n$ ping vm2\nPING vm2\n64 bytes\n```\n');
  });

  it('rebinds a changed value everywhere outside the frontmatter, as a whole token', () => {
    const src = '---\nrunbook:\n  vm: 10.43.0.1\n---\nThe service is 10.43.0.1 (not 10.43.0.10).\n\n```console\n$ curl 10.43.0.1:80\nhello from 10.43.0.1\n```\n';
    const out = update(src, [['hello from 10.43.0.7']], { bindings: [bind('10.43.0.1', '10.43.0.7')] });
    expect(out).toBe('---\nrunbook:\n  vm: 10.43.0.1\n---\nThe service is 10.43.0.7 (not 10.43.0.10).\n\n```console\n$ curl 10.43.0.7:80\nhello from 10.43.0.7\n```\n');
  });

  it('does not chain swapped bindings, and does not rebind fresh output', () => {
    const src = 'a is 10.0.0.1, b is 10.0.0.2\n\n```console\n$ show\nwas 10.0.0.2\n```\n';
    const out = update(src, [['now 10.0.0.1']], { bindings: [bind('10.0.0.1', '10.0.0.2'), bind('10.0.0.2', '10.0.0.1')] });
    expect(out).toBe('a is 10.0.0.2, b is 10.0.0.1\n\n```console\n$ show\nnow 10.0.0.1\n```\n');
  });

  it('never writes the value of a redacted variable', () => {
    const src = '```console\n$ echo $TOKEN\nold\n```\n';
    expect(update(src, [['s3cr3t-value']], { redact: ['TOKEN'], env: { TOKEN: 's3cr3t-value' } })).toBe('```console\n$ echo $TOKEN\n[REDACTED:TOKEN]\n```\n');
  });

  it('plans nothing for an interrupted run, for steps that could not run, and for passing steps', () => {
    const src = '```console\n$ echo a\nb\n```\n';
    const rb = parseTranscripts('doc.md', src);
    const r = makeResult(rb.steps[0]!, ['a'], judge(['b'], ['a']));
    expect(planUpdate(makeRun(rb, [r], [], true), { redact: [] }).edits).toEqual([]);
    const error = 'ssh: connect to host vm1 port 22: Connection refused';
    const broken: StepResult = { ...r, outcome: { status: 'errored', kind: 'transport', message: error }, execution: { ...r.execution!, error } };
    expect(planUpdate(makeRun(rb, [broken]), { redact: [] }).edits).toEqual([]);
    const timedOut: StepResult = { ...r, outcome: { status: 'errored', kind: 'timed-out', message: 'timed out' }, execution: { ...r.execution!, timedOut: true } };
    expect(planUpdate(makeRun(rb, [timedOut]), { redact: [] }).edits).toEqual([]);
    expect(update(src, [['b']])).toBe(src);
  });

  it('keeps a BOM, tabs and trailing spaces outside the edits', () => {
    const src = '\uFEFFTitle\t \n\n```console\n$ echo\told\n\tx  \n```\ntrailing \t';
    expect(update(src, [['y']])).toBe('\uFEFFTitle\t \n\n```console\n$ echo\told\ny\n```\ntrailing \t');
  });
});

describe('planUpdate on big output', () => {
  it('inserts 200,000 lines into a step that had none', () => {
    const src = '```console\n$ seq 200000\n```\n';
    const lines = Array.from({ length: 200_000 }, (_, i) => String(i + 1));
    const out = update(src, [lines]);
    expect(out.length).toBe(src.length + lines.join('\n').length + 1);
    expect(out.endsWith('199999\n200000\n```\n')).toBe(true);
  });
});
