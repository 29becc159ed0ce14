// Decides what a code block is (PRODUCT §1): a transcript, a script, a file to
// write, the expected output of the previous script, or nothing to run, with
// the reason `plan` shows for it.
import type { CodeBlock } from './code-blocks.js';
import { matchPrompt } from './prompts.js';
import type { Annotations } from './types.js';

export const TRANSCRIPT_LANGS = new Set(['console', 'shell-session', 'sh-session', 'terminal', 'session']);
export const SCRIPT_LANGS = new Set(['sh', 'bash', 'shell', 'zsh']);

export type BlockKind = { kind: 'transcript' | 'script' | 'file' | 'output' } | { kind: 'ignored'; reason: string };

/** What to do with one block, given its annotations and the prompt patterns. */
export function classifyBlock(block: CodeBlock, annotations: Annotations, prompts: RegExp[]): BlockKind {
  if (!block.fenced) return { kind: 'ignored', reason: 'indented code block (only fenced blocks run)' };
  if (annotations.file !== undefined) return { kind: 'file' };
  if (annotations.output) return { kind: 'output' };
  const lang = block.lang?.toLowerCase() ?? null;
  if (lang !== null && TRANSCRIPT_LANGS.has(lang)) return { kind: 'transcript' };
  if (lang !== null && SCRIPT_LANGS.has(lang)) return { kind: 'script' };
  const hasPrompt = block.lines.some((l) => matchPrompt(l.text, prompts) !== null);
  if (lang === null && hasPrompt) return { kind: 'transcript' };
  if (annotations.run) return { kind: hasPrompt ? 'transcript' : 'script' };
  return { kind: 'ignored', reason: lang === null ? 'unlabeled block without a prompt line' : `${lang} block` };
}
