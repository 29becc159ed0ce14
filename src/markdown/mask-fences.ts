// micromark tokenizes every line of a code block as it looks for the closing
// fence: 12 µs a line, most of the parse of a long transcript. A fence at
// column 0 outside any HTML block always opens a top-level code block in
// CommonMark (a fence is never a lazy continuation line), and its closing
// fence follows CommonMark's rule; so here such blocks are found and micromark
// gets their fence lines without the content between them (`lineOf` maps its
// line numbers back). At the first line whose reading is not that plain — a
// fence indented 1–3 spaces (a list item's, perhaps), a fence inside what may
// be an HTML block, a fence never closed — the rest of the file goes to
// micromark as it is. The blocks' text is always read from the source lines.
import type { SourceLine } from './source-lines.js';

const OPEN_FENCE = /^(`{3,}|~{3,})(.*)$/;
const FENCE_LIKE = /^ {0,3}(?:`{3,}|~{3,})/;
// HTML blocks of CommonMark types 1–5 run past blank lines until their end marker.
const HTML_UNTIL_MARKER: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];
// Any other line starting with a tag may open an HTML block that ends at a blank line (types 6, 7).
const HTML_UNTIL_BLANK = /^ {0,3}<\/?[A-Za-z]/;

/** What micromark parses: the source without the content of plain top-level fences. */
export interface Masked {
  text: string;
  /** Opening lines (in the file) of the fences whose content was left out. */
  masked: Set<number>;
  /** The file's line number of a line of `text`. */
  lineOf: (line: number) => number;
  /**
   * Offsets in `text` where the document can be cut and each piece parsed on its own (see
   * code-blocks.ts). Either the start of a line at column 0 that cannot continue a list (no
   * space, tab, `-`, `+`, `*` or digit first), after a blank line, outside an HTML block and
   * outside a fence: there every block before has ended (a blank line ends paragraphs and block
   * quotes, an unindented line that is not a list item ends lists and indented code and what a
   * list item or quote held, a top-level fence here was masked whole, an HTML block of types 1–5
   * is followed to its end marker). Or, `fresh`, the start of any line after a masked fence's
   * closing line or after an ATX heading that itself starts at a break: nothing is open there,
   * whatever the line.
   */
  breaks: Break[];
}

export interface Break {
  at: number;
  fresh: boolean;
}

// The line that closes a fence opened by `fence` (its character, at least as many): one per fence seen.
const closings = new Map<string, RegExp>();
export function closingFence(fence: string): RegExp {
  let re = closings.get(fence);
  if (!re) closings.set(fence, (re = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`)));
  return re;
}

const unmasked = (source: string): Masked => ({ text: source, masked: new Set(), lineOf: (n) => n, breaks: [] });
const BLANK = /^[ \t]*$/;
const BREAK = /^[^ \t\-+*0-9]/;
const ATX = /^#{1,6}(?:[ \t]|$)/;

/** The source with the content of plain top-level fences left out. */
export function maskFences(source: string, lines: SourceLine[]): Masked {
  const masked = new Set<number>();
  const out: string[] = source.charCodeAt(0) === 0xfeff ? ['\uFEFF'] : [];
  // kept[n - 1]: the file's line number of line n of the text handed on.
  const kept: number[] = [];
  const breaks: Break[] = [];
  let fresh = false;
  let length = out.length > 0 ? 1 : 0;
  let afterBlank = false;
  const keep = (l: SourceLine) => {
    const ending = source.slice(l.end, l.next);
    out.push(l.text, ending);
    kept.push(l.line);
    length += l.text.length + ending.length;
    afterBlank = BLANK.test(l.text);
  };
  let i = 0;
  // Frontmatter is the frontmatter extension's: left as it is.
  if (/^---[ \t]*$/.test(lines[0]?.text ?? '')) {
    const close = lines.findIndex((l, k) => k > 0 && /^---[ \t]*$/.test(l.text));
    if (close < 0) return unmasked(source);
    for (; i <= close; i++) keep(lines[i]!);
  }
  let htmlEnd: RegExp | null = null;
  let htmlToBlank = false;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text;
    if (htmlEnd) {
      if (htmlEnd.test(t)) htmlEnd = null;
      keep(l);
      continue;
    }
    if (htmlToBlank && BLANK.test(t)) htmlToBlank = false;
    const atBreak = fresh || (afterBlank && !htmlToBlank && BREAK.test(t));
    if (atBreak) breaks.push({ at: length, fresh });
    fresh = false;
    const open = OPEN_FENCE.exec(t);
    if (open && !htmlToBlank && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      const fence = open[1]!;
      const closing = closingFence(fence);
      let end = i + 1;
      while (end < lines.length && !closing.test(lines[end]!.text)) end++;
      if (end === lines.length) break; // never closed: micromark reports it
      masked.add(l.line);
      keep(l);
      keep(lines[end]!);
      fresh = true;
      i = end;
      continue;
    }
    if (FENCE_LIKE.test(t)) break; // indented, or inside what may be HTML: not plain
    const marker = HTML_UNTIL_MARKER.find(([start]) => start.test(t));
    if (marker) {
      if (!marker[1].test(t.slice(t.indexOf('<') + 2))) htmlEnd = marker[1];
    } else if (HTML_UNTIL_BLANK.test(t)) htmlToBlank = true;
    else if (atBreak && ATX.test(t)) fresh = true;
    keep(l);
  }
  if (masked.size === 0) return { ...unmasked(source), breaks };
  // The rest of the file, from the line that was not plain, as it is.
  for (; i < lines.length; i++) keep(lines[i]!);
  return { text: out.join(''), masked, lineOf: (n) => kept[n - 1] ?? n, breaks };
}
