// Rebinding leaves the YAML frontmatter alone: it is configuration (target
// addresses, patterns), not a transcript of what a cluster printed.

/** Offset just past the frontmatter's closing `---` line, or 0 when the file has none. */
export function frontmatterEnd(source: string): number {
  const m = /^\uFEFF?---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  return m ? m[0].length : 0;
}
