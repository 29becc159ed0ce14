// Finds the code blocks of a markdown file with mdast-util-from-markdown 2.1
// (plus frontmatter), and maps each content line back to the original text.
// mdast gives lines, not per-line offsets, and strips container prefixes
// (`> `, list indentation): the offsets are recomputed from our own line index,
// so they point into the file as read (BOM and CRLF included).
import type { Code, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { InputError } from '../errors.js';
import { readAnnotationComment } from './annotations.js';
import { deindentAdmonitions } from './admonitions.js';
import { type Break, closingFence, maskFences, type Masked } from './mask-fences.js';
import type { SourceLine } from './source-lines.js';

/** A content line of a code block, container prefix removed; offsets into the original text. */
export type ContentLine = SourceLine;

/** One code block, in document order, as the classifier sees it. */
export interface CodeBlock {
  lang: string | null;
  meta: string | null;
  /** 1-based line of the opening fence (first line for indented blocks). */
  line: number;
  fenced: boolean;
  /** Content lines between the fences, container prefix removed. */
  lines: ContentLine[];
  /** Container prefix of the block's lines (`> `, list indentation). */
  linePrefix: string;
  /** Offset of the start of the closing fence line. */
  closeStart: number;
  /** Offset just past the closing fence line and its line ending. */
  after: number;
  headings: string[];
  /** The `<!-- runbook: … -->` comment directly above, if any. */
  comment: { text: string; line: number } | null;
}

const OPEN = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*?(`{3,}|~{3,})/;

// Text of a heading, formatting dropped.
function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

// Maps mdast's prefix-stripped value lines onto source lines.
function contentLines(node: Code, lines: SourceLine[], first: number, last: number, masked = false): { content: ContentLine[]; prefix: string } {
  // A masked block (see mask-fences.ts) is at column 0: its lines are the source lines.
  if (masked) return { content: lines.slice(first - 1, last), prefix: '' };
  const values = node.value.split(/\r\n|\r|\n/);
  const content: ContentLine[] = [];
  let prefix: string | null = null;
  for (let n = first; n <= last; n++) {
    const src = lines[n - 1]!;
    const value = values[n - first] ?? '';
    let skip: number;
    if (src.text.endsWith(value)) skip = src.text.length - value.length;
    else if (prefix !== null && src.text.startsWith(prefix)) skip = prefix.length;
    else skip = /^[ \t>]*/.exec(src.text)![0].length;
    if (prefix === null && value !== '') prefix = src.text.slice(0, skip);
    content.push({ line: n, text: src.text.slice(skip), start: src.start + skip, end: src.end, next: src.next });
  }
  return { content, prefix: prefix ?? '' };
}

// Builds the block for one `code` node; throws for a fence that is never closed.
function toBlock(file: string, node: Code, delta: number, lines: SourceLine[], headings: string[], comment: CodeBlock['comment'], m: Masked): CodeBlock {
  const startLine = m.lineOf(node.position!.start.line + delta);
  const endLine = m.lineOf(node.position!.end.line + delta);
  const masked = m.masked;
  const openText = lines[startLine - 1]!.text;
  const open = OPEN.exec(openText);
  const fenced = open !== null;
  const base = { lang: node.lang ?? null, meta: node.meta ?? null, line: startLine, fenced, headings, comment };
  if (!open) {
    const { content, prefix } = contentLines(node, lines, startLine, endLine);
    const last = lines[endLine - 1]!;
    return { ...base, lines: content, linePrefix: prefix, closeStart: last.next, after: last.next };
  }
  const fence = open[1]!;
  const closeText = lines[endLine - 1]!.text.replace(/^(?:[ \t>])*/, '');
  // closeText starts past any spaces: the up to three closingFence allows are none here.
  const closing = closingFence(fence);
  if (endLine === startLine || !closing.test(closeText)) {
    throw new InputError(
      `the code fence ${fence} opened here is never closed, so everything after it would be one code block`,
      `${file}:${startLine}`,
      `add a closing ${fence} line after the block's last line`,
    );
  }
  const { content, prefix } = contentLines(node, lines, startLine + 1, endLine - 1, masked.has(startLine));
  const openPrefix = openText.slice(0, open.index + open[0].length - fence.length);
  const close = lines[endLine - 1]!;
  return { ...base, lines: content, linePrefix: content.length > 0 && prefix !== '' ? prefix : openPrefix, closeStart: close.start, after: close.next };
}

// Only the block structure matters here (fences, headings, HTML comments, lists, quotes): inline
// constructs (emphasis, links, code spans, escapes) are not parsed, which halves the parse of a
// large document. Heading text keeps its inline markup, which `--section` matching ignores.
const BLOCKS_ONLY = {
  disable: { null: ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelStartImage', 'labelStartLink', 'labelEnd'] },
};

const PARSE_OPTIONS = { extensions: [frontmatter(['yaml']), BLOCKS_ONLY], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] };

// A node of the tree and how far its lines are from the document's (it may come from the parse of
// an identical piece elsewhere in the document).
interface Placed {
  node: Nodes;
  delta: number;
  /** The heading's text, where the node is that of a stand-in (see SIMPLE_HEADING). */
  text?: string;
}

// A piece that is one ATX heading line of plain words (no character that means anything in a
// heading: no `#`, `\`, `*`, `<`, `&`, backtick, bracket; no space at either end) is parsed as the
// same heading with the text `x`: one parse per depth, and the text is the line's own.
const SIMPLE_HEADING = /^(#{1,6}) ([A-Za-z0-9](?:[\w .,:;()/'"+=-]*[\w.,:;()/'"+=-])?)(\r\n|\n|\r)$/;

const countLines = (text: string) => {
  let n = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
};

// Whether a piece's last line (it ends with a line ending) holds only spaces and tabs.
function endsBlank(piece: string): boolean {
  let k = piece.length - 1;
  if (piece.charCodeAt(k) === 10 && piece.charCodeAt(k - 1) === 13) k--;
  while (--k >= 0) {
    const c = piece.charCodeAt(k);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return true;
}
const BREAK_START = /^[^ \t\-+*0-9\r\n]/;
// Put between two pieces where the first ends in a blank line (a list may still be open) and the
// second does not start with a line that ends whatever is: a thematic break, which does.
const SEPARATOR = '***\n';

// The top-level nodes of `text` in order. At each break (mask-fences.ts) no block is open, so the
// text after it parses as a document of its own: the text is cut at its breaks, each distinct piece
// is parsed once (most of a long runbook repeats itself: the same prose, the same fence lines), in
// one micromark run of the distinct pieces end to end — where one ends in a blank line and the next
// could continue what it left open, a thematic break between them — and every piece of the
// document takes its nodes from there. The first piece (frontmatter is only read at the very
// start) and the last (it need not end at a break) are never shared.
function topLevel(text: string, breaks: Break[]): Placed[] | null {
  const cuts = [0, ...breaks.map((b) => b.at).filter((b) => b > 0 && b < text.length), text.length];
  const pieces: string[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) pieces.push(text.slice(cuts[k], cuts[k + 1]));
  const last = pieces.length - 1;
  const ids = new Map<string, number>();
  const distinct: string[] = [];
  const texts = new Map<number, string>();
  const idOf = pieces.map((piece, k) => {
    if (k === 0 || k === last) return distinct.push(piece) - 1;
    let p = piece;
    const heading = SIMPLE_HEADING.exec(piece);
    if (heading) {
      texts.set(k, heading[2]!);
      p = `${heading[1]} x${heading[3]}`;
    }
    const seen = ids.get(p);
    if (seen !== undefined) return seen;
    ids.set(p, distinct.length);
    return distinct.push(p) - 1;
  });
  // Ids follow first appearance, so the last piece, never shared, is also last in the parsed text.
  const firstLine = new Array<number>(distinct.length);
  const parts: string[] = [];
  // Lines of the parsed text that are separators (their thematic breaks are no piece's).
  const separators = new Set<number>();
  let line = 1;
  distinct.forEach((p, id) => {
    if (id > 0 && endsBlank(distinct[id - 1]!) && !BREAK_START.test(p)) {
      parts.push(SEPARATOR);
      separators.add(line++);
    }
    parts.push(p);
    firstLine[id] = line;
    line += countLines(p);
  });
  const tree: Root = fromMarkdown(parts.join(''), PARSE_OPTIONS);
  // Each top-level node to its piece; one that runs into the next piece would mean a break was wrong.
  const nodes: Nodes[][] = distinct.map(() => []);
  let id = 0;
  for (const node of tree.children) {
    const start = node.position!.start.line;
    if (separators.has(start)) {
      if (node.type !== 'thematicBreak' || node.position!.end.line !== start) return null;
      continue;
    }
    while (id + 1 < distinct.length && firstLine[id + 1]! <= start) id++;
    if (id + 1 < distinct.length && node.position!.end.line >= firstLine[id + 1]! - (separators.has(firstLine[id + 1]! - 1) ? 1 : 0)) return null;
    nodes[id]!.push(node);
  }
  const placed: Placed[] = [];
  line = 1;
  for (const k of texts.keys()) {
    const [node, ...more] = nodes[idOf[k]!]!;
    if (node?.type !== 'heading' || more.length > 0 || plainText(node) !== 'x') return null;
  }
  for (let k = 0; k < pieces.length; k++) {
    const from = idOf[k]!;
    const text = texts.get(k);
    for (const node of nodes[from]!) placed.push(text === undefined ? { node, delta: line - firstLine[from]! } : { node, delta: line - firstLine[from]!, text });
    line += countLines(pieces[k]!);
  }
  return placed;
}

/** Every code block of the file in document order, with headings and annotation comments attached. */
export function collectBlocks(file: string, source: string, lines: SourceLine[], options: { mask?: boolean; split?: boolean } = {}): CodeBlock[] {
  // `mask: false` parses every line with micromark, in one piece; `split: false` parses the masked
  // text in one piece (what the fast paths are tested against).
  const m = options.mask === false ? { text: source, masked: new Set<number>(), lineOf: (n: number) => n, breaks: [] } : maskFences(source, lines);
  const text = deindentAdmonitions(m.text);
  // Admonition content moved left is not what the breaks were found in: none at or after it.
  let same = 0;
  if (text !== m.text) while (same < text.length && text.charCodeAt(same) === m.text.charCodeAt(same)) same++;
  const breaks = text === m.text ? m.breaks : m.breaks.filter((b) => b.at < same);
  const placed = (breaks.length > 0 && options.split !== false ? topLevel(text, breaks) : null) ?? (fromMarkdown(text, PARSE_OPTIONS) as Root).children.map((node) => ({ node, delta: 0 }));
  const blocks: CodeBlock[] = [];
  const headings: string[] = [];
  const lineOf = (node: Nodes, delta: number) => m.lineOf(node.position!.start.line + delta);
  const walk = (children: Placed[]) => {
    children.forEach(({ node, delta, text: headingText }, i) => {
      if (node.type === 'heading') {
        headings.length = Math.min(headings.length, node.depth - 1);
        while (headings.length < node.depth - 1) headings.push('');
        headings.push(headingText ?? plainText(node).trim());
      } else if (node.type === 'code') {
        const prev = children[i - 1];
        const text = prev?.node.type === 'html' ? readAnnotationComment(prev.node.value) : null;
        const comment = text === null ? null : { text, line: lineOf(prev!.node, prev!.delta) };
        blocks.push(toBlock(file, node, delta, lines, headings.filter((h) => h !== ''), comment, m));
      } else if (node.type === 'html' && readAnnotationComment(node.value) !== null && children[i + 1]?.node.type !== 'code') {
        throw new InputError('this runbook annotation comment is not directly above a code block', `${file}:${lineOf(node, delta)}`, 'move the <!-- runbook: … --> comment to the line just above the fence it is for');
      } else if ('children' in node) walk((node.children as Nodes[]).map((child) => ({ node: child, delta })));
    });
  };
  walk(placed);
  return blocks;
}
