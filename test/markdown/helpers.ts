// Shared test helpers: a default config and a parse shortcut.
import { mergeConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { parseRunbook } from '../../src/markdown/parse-runbook.js';
import type { Runbook } from '../../src/markdown/types.js';

export function config(over: Partial<Config> = {}): Config {
  return { ...mergeConfig([]), ...over };
}

export function parse(md: string, over: Partial<Config> = {}): Runbook {
  return parseRunbook('doc.md', md, config(over));
}

/** Markdown from lines joined with LF. */
export const md = (...lines: string[]) => lines.join('\n') + '\n';
