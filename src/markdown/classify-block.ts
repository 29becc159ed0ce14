// Decides what a code block is (PRODUCT §1): a transcript, a script, a file to
// write, the expected output of the previous script, or nothing to run, with
// the reason `plan` shows for it.
import type { CodeBlock } from './code-blocks.js';
import { matchPrompt } from './prompts.js';
import type { Annotations } from './types.js';

export const TRANSCRIPT_LANGS = new Set(['console', 'shell-session', 'sh-session', 'terminal', 'session']);
export const SCRIPT_LANGS = new Set(['sh', 'bash', 'shell', 'zsh']);

export type BlockKind = { kind: 'transcript' | 'script' | 'file' | 'output' } | { kind: 'ignored'; reason: string };

/** Fence languages from config `languages:`, added to the built-in ones. */
export interface Languages {
  transcript: string[];
  command: string[];
}

const NO_LANGUAGES: Languages = { transcript: [], command: [] };

export const isTranscriptLang = (lang: string, extra: Languages = NO_LANGUAGES) => TRANSCRIPT_LANGS.has(lang) || extra.transcript.includes(lang);
export const isScriptLang = (lang: string, extra: Languages = NO_LANGUAGES) => SCRIPT_LANGS.has(lang) || extra.command.includes(lang);

// Authors label transcripts `bash`: a command block whose first line is a `$ ` prompt is one.
function startsWithDollarPrompt(block: CodeBlock): boolean {
  const first = block.lines.find((l) => l.text.trim() !== '');
  return first !== undefined && /^\s*\$( |$)/.test(first.text);
}

/** What to do with one block, given its annotations, the prompt patterns and the configured languages. */
export function classifyBlock(block: CodeBlock, annotations: Annotations, prompts: RegExp[], languages: Languages = NO_LANGUAGES): BlockKind {
  if (!block.fenced) return { kind: 'ignored', reason: 'indented code block (only fenced blocks run)' };
  if (annotations.file !== undefined) return { kind: 'file' };
  if (annotations.output) return { kind: 'output' };
  const lang = block.lang?.toLowerCase() ?? null;
  if (lang !== null && isTranscriptLang(lang, languages)) return { kind: 'transcript' };
  if (lang !== null && isScriptLang(lang, languages)) return { kind: startsWithDollarPrompt(block) ? 'transcript' : 'script' };
  const hasPrompt = block.lines.some((l) => matchPrompt(l.text, prompts) !== null);
  if (lang === null && hasPrompt) return { kind: 'transcript' };
  if (annotations.run) return { kind: hasPrompt ? 'transcript' : 'script' };
  return { kind: 'ignored', reason: lang === null ? 'unlabeled block without a prompt line' : `${lang} block` };
}
