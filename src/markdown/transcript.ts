// Splits a transcript block into commands: a prompt line (plus continuation
// lines) starts a command, the lines up to the next prompt are its expected
// output. Shell-switch lines (`multipass shell vm1`, `kubectl exec -it P -- bash`)
// are not commands: they change the machine the following prompts run on.
// The switch stack lives for one block: a later block starts from its own
// `on=` / default target again, and its prompts name their hosts themselves.
import type { TargetSpec } from '../config/schema.js';
import { Warning } from '../errors.js';
import type { CodeBlock } from './code-blocks.js';
import { readExpected } from './expected-output.js';
import { matchPrompt } from './prompts.js';
import { CommandReader, grammarIncomplete } from './shell-continuation.js';
import { isRootShell, isShellExit, parseShellSwitch, type ShellSwitch } from './shell-switch.js';
import type { Annotations, Step, TargetMention } from './types.js';

/** The target `$ ` prompts and command blocks fall back on. */
export interface BlockTarget {
  name: string;
  source: 'on' | 'default' | 'local';
}

export interface TranscriptContext {
  file: string;
  prompts: RegExp[];
  annotations: Annotations;
  target: BlockTarget;
  /** Targets entered by a switch line earlier in the file: their `exit` leaves, it is not run. */
  switched: Set<string>;
}

export interface TranscriptResult {
  steps: Omit<Step, 'index'>[];
  mentions: TargetMention[];
  /** Non-blank lines before the first prompt (a diagram, a note): kept, never run. */
  preamble: { first: number; last: number } | null;
  /** Commands that are not complete (an open quote, heredoc or `\`): said, and never run. */
  warnings: Warning[];
}

type Target = { name: string; source: Step['targetSource'] };

const UNFINISHED = {
  quote: ['it has a quote that is never closed', 'close the quote, or continue the command on lines that start with `> `'],
  heredoc: ['its heredoc has no terminator line before the end of the block', 'add the heredoc\'s terminator line (e.g. EOF) after its body'],
  backslash: ['it ends with a continuation backslash but no line continues it', 'remove the trailing `\\` or add the line it continues on'],
} as const;

// What CommandReader's lexer acts on: quotes, escapes, comments, `((` and heredocs.
const LEXED = /[\\'"#(<]/;

// Reads one command starting at `i`; returns its text and the index after its last line.
// A command still open at its end would make the shell swallow what follows: it is never run
// (`incomplete` says why), and the rest of the file still is — docs have typos.
function readCommand(block: CodeBlock, i: number, first: string, ctx: TranscriptContext): { command: string; next: number; incomplete?: Warning } {
  // A line with none of the characters the lexer acts on is complete, and one that is not followed
  // by a `> ` line is the whole command: most commands of a transcript, read without the lexer.
  const after = block.lines[i + 1]?.text;
  if (!LEXED.test(first) && (after === undefined || !(after.startsWith('> ') || after === '>'))) return { command: first.trim(), next: i + 1 };
  const prompts = ctx.prompts;
  const reader = new CommandReader();
  const parts = [first];
  reader.feed(first);
  let j = i + 1;
  for (; j < block.lines.length; j++) {
    const t = block.lines[j]!.text;
    const continued = t.startsWith('> ') || t === '>';
    let piece: string;
    if (!reader.incomplete) {
      // Lexically complete: a `> ` line bash's grammar still waits for belongs to it; so does one
      // after a complete command, as cram and scrut write several commands under one prompt —
      // unless the command itself holds the line's text (`echo "> x"` prints `> x`).
      if (!continued) break;
      if (parts.join('\n').includes(t) && !grammarIncomplete(parts.join('\n'))) break;
      piece = t.slice(2);
    } else if (continued) piece = t.slice(2);
    else if (reader.incomplete === 'heredoc' || (reader.incomplete === 'backslash' && !matchPrompt(t, prompts))) piece = t;
    else break;
    parts.push(piece);
    reader.feed(piece);
  }
  const command = parts.join('\n').trim();
  if (reader.incomplete) {
    const [what, fix] = UNFINISHED[reader.incomplete];
    return { command, next: j, incomplete: new Warning(`the command here is not complete: ${what}; it is not run`, `${ctx.file}:${block.lines[i]!.line}`, fix, true) };
  }
  return { command, next: j };
}

/** The commands of one transcript block, with the target mentions its prompts and switch lines make. */
export function parseTranscript(block: CodeBlock, ctx: TranscriptContext): TranscriptResult {
  const steps: Omit<Step, 'index'>[] = [];
  const mentions: TargetMention[] = [];
  const warnings: Warning[] = [];
  const stack: Target[] = [];
  let pending: { sw: ShellSwitch; line: number; from: Target } | null = null;
  const mention = (name: string, line: number, via: TargetMention['via'], implied?: TargetSpec) =>
    mentions.push(implied ? { name, file: ctx.file, line, via, implied } : { name, file: ctx.file, line, via });
  // A pending switch becomes a target: named after the next prompt's host when that differs from where it was typed.
  const enter = (name: string) => {
    const p = pending!;
    const implied: Exclude<TargetSpec, 'local'> = p.from.name === 'local' ? { ...p.sw.spec } : { ...p.sw.spec, via: p.from.name };
    mention(name, p.line, 'switch', implied);
    ctx.switched.add(name);
    stack.push({ name, source: 'switch' });
    pending = null;
  };
  const lines = block.lines;
  let i = 0;
  let preFirst = 0;
  let preLast = 0;
  let seenPrompt = false;
  // Root shells entered with `sudo -i` / `su -` on the current machine: their `exit` is theirs.
  let rootShells = 0;
  // The prompt found where the previous command's output ended: not matched twice.
  let promptAt = -1;
  let promptThere: ReturnType<typeof matchPrompt> = null;
  while (i < lines.length) {
    const L = lines[i]!;
    const pm = i === promptAt ? promptThere : matchPrompt(L.text, ctx.prompts);
    if (!pm) {
      if (!seenPrompt && lines[i]!.text.trim() !== '') {
        preFirst ||= lines[i]!.line;
        preLast = lines[i]!.line;
      }
      i++;
      continue;
    }
    seenPrompt = true;
    let target: Target;
    if (pm.host) {
      if (pending) enter(pending.from.name !== pm.host ? pm.host : pending.sw.name);
      target = { name: pm.host, source: 'prompt' };
      mention(pm.host, L.line, 'prompt');
    } else {
      if (pending) enter(pending.sw.name);
      target = stack[stack.length - 1] ?? ctx.target;
      if (target.source === 'on' || target.source === 'default') mention(target.name, L.line, target.source);
    }
    const { command, next, incomplete } = readCommand(block, i, pm.rest, ctx);
    if (incomplete) warnings.push(incomplete);
    let k = next;
    let found: ReturnType<typeof matchPrompt> = null;
    while (k < lines.length && !(found = matchPrompt(lines[k]!.text, ctx.prompts))) k++;
    promptAt = k;
    promptThere = found;
    i = k;
    if (command === '') continue;
    if (isRootShell(command)) {
      rootShells++;
      continue;
    }
    if (isShellExit(command) && rootShells > 0) {
      rootShells--;
      continue;
    }
    const sw = parseShellSwitch(command);
    if (sw) {
      pending = { sw, line: L.line, from: target };
      continue;
    }
    if (isShellExit(command) && (stack.length > 0 || ctx.switched.has(target.name))) {
      const at = stack.map((t) => t.name).lastIndexOf(target.name);
      stack.length = at >= 0 ? at : Math.max(0, stack.length - 1);
      continue;
    }
    const out = readExpected(lines, lines[next - 1]!.next, next, k);
    const step: Omit<Step, 'index'> = {
      kind: 'command',
      file: ctx.file,
      line: L.line,
      target: target.name,
      targetSource: target.source,
      command,
      expected: out.expected,
      insertAt: out.insertAt,
      linePrefix: block.linePrefix,
      exit: out.exitCode ?? ctx.annotations.exit ?? 0,
      // One object for the block's steps: nothing changes a step's annotations in place.
      annotations: ctx.annotations,
      headings: block.headings,
    };
    if (out.exitLine) step.exitLine = out.exitLine;
    if (incomplete) step.unrunnable = incomplete.message;
    steps.push(step);
  }
  if (pending) enter((pending as { sw: ShellSwitch }).sw.name);
  return { steps, mentions, preamble: preFirst ? { first: preFirst, last: preLast } : null, warnings };
}
