// fast-check arbitraries for runbook documents: LF or CRLF, an optional BOM,
// prose with tabs and trailing spaces, console blocks at top level, inside
// blockquotes, indented, or in list items; each step with expected lines
// (comments included), a cram `[N]` line or none, and its actual output.
import fc from 'fast-check';

export interface GenStep {
  command: string;
  expected: string[];
  exit: number | null;
  actual: string[];
  actualExit: number;
}
export interface GenBlock {
  container: '' | '> ' | '   ' | '- ';
  /** Extra info-string words after `console` (annotations). */
  info: string;
  steps: GenStep[];
}
export interface GenDoc {
  eol: '\n' | '\r\n';
  bom: boolean;
  prose: string[];
  blocks: GenBlock[];
}

const plainWords = ['alpha', 'beta', 'NAME', 'READY', 'x', '1/1', 'Running', '{"a": 1}', 'ünï', '→'];
export const volatileWords = ['10.43.0.1', '10.43.0.2', 'pod-7c79c4bf97-gk7cj', 'pod-5d8f6b9c7d-xk2lp'];
const word = fc.constantFrom(...plainWords, ...volatileWords);
const outputLine = fc.array(word, { minLength: 0, maxLength: 4 }).map((ws) => ws.join(' '));
const expectedLine = fc.oneof(
  { weight: 6, arbitrary: outputLine },
  { weight: 1, arbitrary: word.map((w) => `# note ${w}`) },
  { weight: 1, arbitrary: outputLine.map((l) => `${l}\t `) },
);
/** Expected lines that also use the matcher's elisions (`[...]` lines and inline). */
const expectedWithElisions = fc.oneof(
  { weight: 8, arbitrary: expectedLine },
  { weight: 1, arbitrary: fc.constant('[...]') },
  { weight: 1, arbitrary: word.map((w) => `${w} [...]`) },
);
const proseLine = fc.oneof(outputLine, outputLine.map((l) => `\t${l}  `), fc.constant(''));

/** Output lines that look like document syntax: prompts, fences, exit lines, rule suffixes, comments, control bytes. */
const riskyLine = fc.constantFrom('$ rm -rf /', 'root@vm1:~# ls', '```', '~~~~', '[1]', 'a.b (re)', '* (glob)', '# not a comment', '\u0007bell', 'back\\slash', '[...]');
const riskyOutputLine = fc.oneof({ weight: 5, arbitrary: outputLine }, { weight: 1, arbitrary: riskyLine });

const stepOf = (line: fc.Arbitrary<string>, out: fc.Arbitrary<string>): fc.Arbitrary<GenStep> => fc.record({
  command: fc.constantFrom('kubectl get pods', 'echo hi', 'ip -br a', 'cat f.txt'),
  expected: fc.array(line, { maxLength: 5 }),
  exit: fc.constantFrom(null, null, 1, 2),
  actual: fc.array(out, { maxLength: 5 }),
  actualExit: fc.constantFrom(0, 0, 1, 2),
});

/** Documents; for the real matcher, expected output also holds `[...]` and actual output lines that look like syntax. */
export const genDocWith = (realMatcher: boolean): fc.Arbitrary<GenDoc> => fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
  prose: fc.array(fc.array(proseLine, { maxLength: 3 }).map((ls) => ls.join('\n')), { minLength: 4, maxLength: 4 }),
  blocks: fc.array(fc.record({ container: fc.constantFrom('' as const, '> ' as const, '   ' as const, '- ' as const), info: realMatcher ? fc.constantFrom('', '', ' unordered', ' exact') : fc.constant(''), steps: fc.array(stepOf(realMatcher ? expectedWithElisions : expectedLine, realMatcher ? riskyOutputLine : outputLine), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
});
export const genDoc = genDocWith(false);

/** The document's text, and the prose pieces that must survive untouched. */
export function renderDoc(doc: GenDoc): { source: string; prose: string[] } {
  const out: string[] = [];
  const prose: string[] = [];
  doc.blocks.forEach((b, i) => {
    const p = (doc.prose[i % doc.prose.length] ?? '').split('\n').join(doc.eol);
    prose.push(p);
    out.push(p, '');
    const inner = b.container === '- ' ? '  ' : b.container;
    out.push(`${b.container}\`\`\`console${b.info}`);
    for (const s of b.steps) {
      out.push(`${inner}$ ${s.command}`);
      for (const l of s.expected) out.push(l === '' ? inner.trimEnd() : inner + l);
      if (s.exit !== null) out.push(`${inner}[${s.exit}]`);
    }
    out.push(`${inner}\`\`\``, '');
  });
  const tail = `the end\t ${doc.eol}`;
  prose.push(tail);
  return { source: (doc.bom ? '\uFEFF' : '') + out.join(doc.eol) + doc.eol + tail, prose };
}

/** The generated steps in document order. */
export function stepsOf(doc: GenDoc): GenStep[] {
  return doc.blocks.flatMap((b) => b.steps);
}
