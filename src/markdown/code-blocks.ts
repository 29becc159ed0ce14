// Finds the code blocks of a markdown file with mdast-util-from-markdown 2.1
// (plus frontmatter), and maps each content line back to the original text.
// mdast gives lines, not per-line offsets, and strips container prefixes
// (`> `, list indentation): the offsets are recomputed from our own line index,
// so they point into the file as read (BOM and CRLF included).
import type { Code, Html, Nodes, Parents, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { InputError } from '../errors.js';
import { readAnnotationComment } from './annotations.js';
import { deindentAdmonitions } from './admonitions.js';
import { maskFences, type Masked } from './mask-fences.js';
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
function toBlock(file: string, node: Code, lines: SourceLine[], headings: string[], comment: CodeBlock['comment'], m: Masked): CodeBlock {
  const startLine = m.lineOf(node.position!.start.line);
  const endLine = m.lineOf(node.position!.end.line);
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
  const closing = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
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

/** Every code block of the file in document order, with headings and annotation comments attached. */
export function collectBlocks(file: string, source: string, lines: SourceLine[], options: { mask?: boolean } = {}): CodeBlock[] {
  // `mask: false` parses every line with micromark (what the masked parse is tested against).
  const m = options.mask === false ? { text: source, masked: new Set<number>(), lineOf: (n: number) => n } : maskFences(source, lines);
  const tree: Root = fromMarkdown(deindentAdmonitions(m.text), { extensions: [frontmatter(['yaml']), BLOCKS_ONLY], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] });
  const blocks: CodeBlock[] = [];
  const headings: string[] = [];
  const walk = (parent: Parents) => {
    const children = parent.children as Nodes[];
    children.forEach((node, i) => {
      if (node.type === 'heading') {
        headings.length = Math.min(headings.length, node.depth - 1);
        while (headings.length < node.depth - 1) headings.push('');
        headings.push(plainText(node).trim());
      } else if (node.type === 'code') {
        const prev = children[i - 1];
        const text = prev?.type === 'html' ? readAnnotationComment((prev as Html).value) : null;
        const comment = text === null ? null : { text, line: m.lineOf(prev!.position!.start.line) };
        blocks.push(toBlock(file, node, lines, headings.filter((h) => h !== ''), comment, m));
      } else if (node.type === 'html' && readAnnotationComment(node.value) !== null && children[i + 1]?.type !== 'code') {
        throw new InputError('this runbook annotation comment is not directly above a code block', `${file}:${m.lineOf(node.position!.start.line)}`, 'move the <!-- runbook: … --> comment to the line just above the fence it is for');
      } else if ('children' in node) walk(node as Parents);
    });
  };
  walk(tree);
  return blocks;
}
