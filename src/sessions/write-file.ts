// `file=PATH` blocks: the command that writes content byte for byte on the target.
import { shellQuote } from './quote.js';

// A bash command writing `content` to `path` exactly (no newline added), creating parent directories.
export function writeFileCommand(path: string, content: string): string {
  const p = shellQuote(path);
  return `mkdir -p -- "$(dirname -- ${p})" && printf '%s' ${shellQuote(content)} > ${p}`;
}
