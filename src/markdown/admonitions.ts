// mkdocs-material writes admonitions (`!!! note`, `??? tip`, `???+ info`) and
// content tabs (`=== "Linux"`) as a marker line followed by content indented
// four spaces. CommonMark reads that content as an indented code block (so a
// fence in it is never seen, or seen "never closed"); the site renders it as
// markdown. So, for the parse, each such content is moved four spaces left:
// the number of lines stays, and the blocks' text and prefix are read from the
// file's own lines (the prefix is then the four spaces).

const MARKER = /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+\S|^([ \t]*)===[ \t]+["']/;

/** The text with the content of each admonition and content tab moved four spaces left. */
export function deindentAdmonitions(text: string): string {
  if (!text.includes('!!!') && !text.includes('???') && !text.includes('===')) return text;
  const parts = text.split(/(\r\n|\n|\r)/);
  // parts: line, ending, line, ending, …
  let changed = false;
  for (let i = 0; i < parts.length; i += 2) {
    const m = MARKER.exec(parts[i]!);
    if (!m) continue;
    const indent = (m[1] ?? m[2] ?? '').length;
    const inner = ' '.repeat(indent + 4);
    for (let j = i + 2; j < parts.length; j += 2) {
      const line = parts[j]!;
      if (line.trim() === '') continue;
      if (!line.startsWith(inner)) break;
      parts[j] = line.slice(0, indent) + line.slice(indent + 4);
      changed = true;
    }
  }
  return changed ? parts.join('') : text;
}
