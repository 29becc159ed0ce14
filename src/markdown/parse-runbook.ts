// markdown → Runbook: the steps to run in document order, the blocks that are
// never run (with why), and every place a target name is used. Pure: reads
// nothing but `source`; errors are InputErrors naming file:line and the fix.
import type { Config } from '../config/schema.js';
import { InputError, Warning } from '../errors.js';
import { applyInlineConfig, isAnnotationFlag, parseAnnotations, splitInlineConfig, VOLATILE_CLASSES } from './annotations.js';
import { classifyBlock } from './classify-block.js';
import { collectBlocks, type CodeBlock } from './code-blocks.js';
import { readExpected } from './expected-output.js';
import { indexLines } from './source-lines.js';
import { parseTranscript, type BlockTarget } from './transcript.js';
import type { Annotations, Runbook, Step } from './types.js';

// Comment annotations are always ours and strict. Info-string words are shared with docs
// sites: unknown ones are ignored (plan lists them), a likely typo of our keys is an error.
function blockAnnotations(file: string, block: CodeBlock, classes: string[]): { annotations: Annotations; lang: string | null; ignored: string[] } {
  let lang = block.lang;
  let meta = block.meta ?? '';
  if (lang !== null && (lang.includes('=') || isAnnotationFlag(lang) || lang.startsWith('{'))) {
    meta = `${lang} ${meta}`;
    lang = null;
  }
  // scrut writes ```scrut {timeout: 1s}; a language glued to its braces (```scrut{…}) is split too.
  if (lang !== null && lang.includes('{')) {
    meta = `${lang.slice(lang.indexOf('{'))} ${meta}`;
    lang = lang.slice(0, lang.indexOf('{')) || null;
  }
  const annotations: Annotations = {};
  const ignored: string[] = [];
  if (block.comment) parseAnnotations(block.comment.text, `${file}:${block.comment.line}`, classes, annotations);
  if (meta.trim() !== '') {
    const inline = splitInlineConfig(meta);
    for (const w of applyInlineConfig(inline.config, `${file}:${block.line}`, annotations)) ignored.push(w);
    parseAnnotations(inline.rest, `${file}:${block.line}`, classes, annotations, ignored);
  }
  return { annotations, lang, ignored };
}

// Where `$ ` prompts and command blocks run when no prompt names a host: on=, else the default, else here.
function blockTarget(a: Annotations, config: Config): BlockTarget {
  if (a.on) return { name: a.on, source: 'on' };
  if (config.default) return { name: config.default, source: 'default' };
  return { name: 'local', source: 'local' };
}

/** Parses a markdown runbook into steps, ignored blocks and target mentions. */
export function parseRunbook(file: string, source: string, config: Config): Runbook {
  const lines = indexLines(source);
  const classes = [...VOLATILE_CLASSES, ...config.normalize.map((c) => c.name)];
  const runbook: Runbook = { file, source, steps: [], ignored: [], mentions: [], warnings: [] };
  const steps: Omit<Step, 'index'>[] = [];
  const switched = new Set<string>();
  let lastScript: { step: Omit<Step, 'index'>; block: CodeBlock } | null = null;
  for (const raw of collectBlocks(file, source, lines)) {
    const { annotations, lang, ignored } = blockAnnotations(file, raw, classes);
    const block = { ...raw, lang };
    const kind = classifyBlock(block, annotations, config.prompts, config.languages);
    // Words other tools put in a runnable block's info string: listed by plan, never run.
    if (ignored.length > 0 && kind.kind !== 'ignored') runbook.ignored.push({ file, line: block.line, lang: block.lang, reason: `info-string words ignored: ${ignored.join(' ')}` });
    const target = blockTarget(annotations, config);
    const previous = lastScript;
    lastScript = null;
    const base = { file, line: block.line, linePrefix: block.linePrefix, headings: block.headings, annotations };
    if (kind.kind !== 'ignored' && kind.kind !== 'output' && target.source !== 'local' && kind.kind !== 'transcript') {
      runbook.mentions.push({ name: target.name, file, line: block.line, via: target.source });
    }
    switch (kind.kind) {
      case 'ignored':
        runbook.ignored.push({
          file,
          line: block.line,
          lang: block.lang,
          reason: kind.reason,
          ...(block.fenced && block.lang === null ? { text: block.lines.map((l) => l.text).join('\n') } : {}),
        });
        break;
      case 'transcript': {
        const t = parseTranscript(block, { file, prompts: config.prompts, annotations, target, switched });
        for (const item of t.steps) steps.push(item);
        for (const item of t.mentions) runbook.mentions.push(item);
        for (const w of t.warnings) runbook.warnings.push(w);
        if (t.steps.length === 0 && block.lines.some((l) => l.text.trim() !== '')) {
          runbook.warnings.push(new Warning(`this ${block.lang ?? 'unlabeled'} block has no line that is a known prompt, so nothing in it runs`, `${file}:${block.line}`, 'start each command with a prompt such as "$ " or "user@host:~$ ", or add its prompt pattern under prompts: in the config', true));
        }
        if (t.preamble) {
          const { first, last } = t.preamble;
          runbook.ignored.push({ file, line: first, lang: block.lang, reason: `lines ${first}-${last} before the first prompt (kept, never run)` });
        }
        break;
      }
      case 'script': {
        const step: Omit<Step, 'index'> = {
          ...base,
          kind: 'script',
          target: target.name,
          targetSource: target.source,
          command: block.lines.map((l) => l.text).join('\n'),
          expected: null,
          insertAt: block.after,
          exit: annotations.exit ?? 0,
        };
        steps.push(step);
        lastScript = { step, block };
        break;
      }
      case 'file':
        steps.push({
          ...base,
          kind: 'file',
          target: target.name,
          targetSource: target.source,
          command: '',
          filePath: annotations.file!,
          fileContent: block.lines.map((l) => `${l.text}\n`).join(''),
          expected: null,
          insertAt: block.after,
          exit: annotations.exit ?? 0,
        });
        break;
      case 'output': {
        if (!previous) {
          throw new InputError('this block is annotated `output` but the block before it is not a command block (sh, bash, shell, zsh)', `${file}:${block.line}`, 'put the output block right after the ```sh block whose output it is, or remove `output`');
        }
        const out = readExpected(block.lines, block.closeStart);
        const { output: _, ...extra } = annotations;
        const step = previous.step;
        step.annotations = { ...step.annotations, ...extra, modes: { ...step.annotations.modes, ...extra.modes } };
        if (!step.annotations.modes || Object.keys(step.annotations.modes).length === 0) delete step.annotations.modes;
        step.expected = out.expected;
        step.insertAt = out.insertAt;
        step.linePrefix = block.linePrefix;
        step.exit = out.exitCode ?? step.annotations.exit ?? 0;
        if (out.exitLine) step.exitLine = out.exitLine;
        break;
      }
    }
  }
  // Numbered in place: a copy of every step of a long transcript costs more than the parse of its line.
  runbook.steps = steps.map((s, index) => Object.assign(s, { index }));
  if (runbook.steps.length === 0) {
    runbook.warnings.push(new Warning('this runbook has no step: no console transcript, no command block', file, 'write commands in a ```console block with "$ " prompts (or annotate a block `run`); `runbook plan` lists the blocks it ignored and why', true));
  }
  return runbook;
}
