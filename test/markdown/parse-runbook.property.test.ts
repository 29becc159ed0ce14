// Property: any transcript we render to markdown — prompts of several styles,
// continuation lines, output, LF or CRLF, with or without BOM, inside
// blockquotes and lists — parses back to the same commands, targets and
// expected output, and every ExpectedLine's offsets slice its text out of the source.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from './helpers.js';

const word = fc.stringMatching(/^[a-z0-9][a-z0-9_=.,-]{0,10}$/);
const outLine = fc.stringMatching(/^[ ]{0,3}[a-zA-Z0-9][a-zA-Z0-9 .,=_/()-]{0,30}$/).map((s) => s.trimEnd());
const host = fc.oneof(fc.constantFrom('vm1', 'vm2', 'test-pod', 'fiveg-host-24-node4'), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/));

interface Cmd {
  prompt: { kind: 'user'; user: string; host: string } | { kind: 'host'; host: string } | { kind: 'bare' };
  /** Lines as written after the prompt; `run` is what the parser must hand on. */
  written: string[];
  run: string;
  output: string[];
}

const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => `c${w.join(' ')}`);

const command = fc.oneof(
  words.map((c) => ({ written: [c], run: c })),
  fc.tuple(words, words, fc.boolean()).map(([a, b, ps2]) => ({ written: [`${a} \\`, `${ps2 ? '> ' : ''}${b}`], run: `${a} \\\n${b}` })),
  fc.tuple(fc.array(outLine.filter((l) => l.trim() !== 'EOF'), { maxLength: 3 }), fc.boolean()).map(([body, ps2]) => {
    const lines = [...body, 'EOF'];
    return { written: ['cat <<EOF', ...lines.map((l) => (ps2 ? `> ${l}` : l))], run: ['cat <<EOF', ...lines].join('\n') };
  }),
  // Compound commands across `> ` lines (bash's grammar decides they are open).
  fc.tuple(words, fc.constantFrom('for', 'while', 'if', 'fn', 'subshell', 'pipe')).map(([body, kind]) => {
    const parts = {
      for: ['for i in 1 2; do', `  ${body}`, 'done'],
      while: ['while false; do', `  ${body}`, 'done'],
      if: ['if true', `then ${body}`, 'fi'],
      fn: ['f() {', `  ${body}`, '}'],
      subshell: ['(', body, ')'],
      pipe: [`${body} |`, 'cat'],
    }[kind];
    return { written: [parts[0]!, ...parts.slice(1).map((l) => `> ${l}`)], run: parts.join('\n') };
  }),
  // Several commands under one prompt, as cram and scrut write them.
  fc.tuple(words, words).map(([a, b]) => ({ written: [a, `> ${b}`], run: `${a}\n${b}` })),
);

const prompt = fc.oneof(
  fc.record({ kind: fc.constant('user' as const), user: fc.constantFrom('ubuntu', 'root', 'me'), host }),
  fc.record({ kind: fc.constant('host' as const), host }),
  fc.record({ kind: fc.constant('bare' as const) }),
);

const cmd: fc.Arbitrary<Cmd> = fc
  .tuple(prompt, command, fc.array(outLine.filter((l) => l.trim() !== ''), { maxLength: 4 }))
  .map(([p, c, output]) => ({ prompt: p, ...c, output }));

const block = fc.record({
  lang: fc.constantFrom('console', '', 'shell-session'),
  container: fc.constantFrom('none', 'quote', 'list'),
  cmds: fc.array(cmd, { minLength: 1, maxLength: 5 }),
});

function promptText(p: Cmd['prompt']): string {
  if (p.kind === 'user') return `${p.user}@${p.host}:~$ `;
  if (p.kind === 'host') return `${p.host}:~# `;
  return '$ ';
}

function render(blocks: fc.RecordValue<{ lang: string; container: string; cmds: Cmd[] }>[], eol: string, bom: boolean): string {
  const out: string[] = ['# Doc', ''];
  for (const b of blocks) {
    const body = ['```' + b.lang];
    for (const c of b.cmds) body.push(promptText(c.prompt) + c.written[0], ...c.written.slice(1), ...c.output);
    body.push('```');
    if (b.container === 'quote') out.push(...body.map((l) => `> ${l}`));
    else if (b.container === 'list') out.push('- item', '', ...body.map((l) => `  ${l}`));
    else out.push(...body);
    out.push('');
  }
  return (bom ? '\uFEFF' : '') + out.join(eol);
}

describe('parseRunbook (property)', () => {
  it('gives back the commands, targets and expected lines it was given', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (blocks, eol, bom) => {
        const source = render(blocks, eol, bom);
        const rb = parse(source);
        const want = blocks.flatMap((b) => b.cmds).map((c) => ({
          command: c.run,
          target: c.prompt.kind === 'bare' ? 'local' : c.prompt.host,
          expected: c.output,
        }));
        expect(rb.steps.map((s) => ({ command: s.command, target: s.target, expected: s.expected!.map((e) => e.text) }))).toEqual(want);
        for (const s of rb.steps) {
          for (const e of s.expected!) expect(source.slice(e.start, e.end)).toBe(e.text);
          expect(s.insertAt).toBeGreaterThan(0);
          expect(source.slice(0, s.insertAt).endsWith('\n')).toBe(true);
        }
        expect(rb.ignored.filter((i) => !i.reason.includes('before the first prompt'))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
