// One self-contained HTML page for the whole run: the summary on top, then
// each runbook rendered from its own markdown (unified: remark → rehype),
// every code block that holds steps marked with its worst outcome, the steps
// listed under it, and under a failed one its diff, the command as run, the
// substitutions and the timings. No script, no font, no request: the page
// carries its CSS inline and a Content-Security-Policy that forbids the rest.
//
// Loaded lazily (registry.ts): only a run with `--reporter html` pays for it.
import type { Element, ElementContent, Root as HastRoot, Properties } from 'hast';
import { h } from 'hastscript';
import type { Code, Html, Image, Link, Root as MdastRoot, Nodes } from 'mdast';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { readAnnotationComment } from '../markdown/annotations.js';
import { formatDiff, visible } from '../match/format-diff.js';
import { redactText } from '../redaction.js';
import { isFailure, outcomeMessage, type Reporter, type ReporterOptions, type RunbookResult, type StepResult, type StepStatus, type Totals } from '../run/types.js';
import { outcomeHead } from './describe-step.js';
import { HTML_CSS } from './html-style.js';
import { countTotals, failureBreakdown, summaryLine } from './totals.js';

type Handler = NonNullable<NonNullable<RemarkRehypeOptions['handlers']>['code']>;

/** Worst first: a block shows the first of these that any of its steps has. */
const SEVERITY: StepStatus[] = ['errored', 'drifted', 'blocked', 'skipped', 'passed'];
const worst = (steps: StepResult[]): StepStatus => SEVERITY.find((s) => steps.some((r) => r.outcome.status === s)) ?? 'passed';

const TAIL_LINES = 20;

/** Per runbook: -v, and the prefix that keeps its element ids apart from the other runbooks' on the page. */
interface Ctx {
  verbose: boolean;
  id: string;
}

const stepId = (r: StepResult, ctx: Ctx) => `${ctx.id}-step-${r.step.index + 1}`;

const ms = (n: number) => (n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(n < 10_000 ? 2 : 1)} s`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// Frontmatter as the runbook parser reads it, so code blocks sit on the same lines.
function remarkFrontmatter(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(frontmatter(['yaml']));
  (data.fromMarkdownExtensions ??= []).push(frontmatterFromMarkdown(['yaml']));
}

// A link that could run code when clicked (javascript:, data:, vbscript:) keeps its text and loses its target.
const safeUrl = (url: string) => /^(?:https?:|mailto:|#|[^:/?#]*(?:[/?#]|$))/i.test(url.trim());

const badge = (status: StepStatus) => h('span', { className: ['badge', `o-${status}`] }, status);

/** What a code block of the runbook holds: the steps whose prompt (or fence) is in it, and steps whose expected output it is. */
interface BlockSteps {
  own: StepResult[];
  outputOf: StepResult[];
}

// Steps by code block, keyed by the block's first line; a step belongs to the block its line is in.
function stepsByBlock(tree: MdastRoot, results: StepResult[]): { blocks: Map<number, BlockSteps>; unplaced: StepResult[] } {
  const ranges: [number, number][] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'code' && node.position) ranges.push([node.position.start.line, node.position.end.line]);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  const blocks = new Map<number, BlockSteps>();
  const inBlock = (line: number) => ranges.find(([a, b]) => line >= a && line <= b)?.[0];
  const entry = (start: number) => {
    let e = blocks.get(start);
    if (!e) blocks.set(start, (e = { own: [], outputOf: [] }));
    return e;
  };
  const unplaced: StepResult[] = [];
  for (const r of results) {
    const start = inBlock(r.step.line);
    if (start === undefined) {
      unplaced.push(r);
      continue;
    }
    entry(start).own.push(r);
    // A script's expected output lives in the `output` block after it.
    const first = r.step.expected?.[0]?.line ?? r.step.exitLine?.line;
    const outStart = first === undefined ? undefined : inBlock(first);
    if (outStart !== undefined && outStart !== start) entry(outStart).outputOf.push(r);
  }
  return { blocks, unplaced };
}

// The lines of a code block, each numbered with its markdown line; prompt lines carry their step's outcome.
function codeLines(node: Code, prompts: Map<number, StepStatus>, ctx: Ctx): ElementContent[] {
  const values = node.value.split(/\r\n|\r|\n/);
  const start = node.position!.start.line;
  const end = node.position!.end.line;
  // A fenced block has its fence lines around the values; an indented one does not.
  const first = end - start + 1 === values.length ? start : start + 1;
  return values.map((text, i) => {
    const line = first + i;
    const status = prompts.get(line);
    const className = status ? ['line', 'prompt', `o-${status}`] : ['line'];
    return h('span', { className, dataLine: String(line), id: `${ctx.id}-L${line}` }, `${text}\n`);
  });
}

// Diff lines with a class per kind; the `-`/`+`/`@@` marks stay in the text, so it reads in black and white.
function diffBlock(lines: string[]): Element {
  const kind = (l: string) => (l.startsWith('@@') ? 'hunk' : l.startsWith('-') ? 'del' : l.startsWith('+') ? 'add' : 'ctx');
  return h('pre', { className: ['diff'] }, h('code', lines.map((l) => h('span', { className: ['dl', kind(l)] }, `${l}\n`))));
}

function field(name: string, ...value: (ElementContent | string)[]): Element {
  return h('div', { className: ['field'] }, [h('span', { className: ['name'] }, name), h('div', { className: ['value'] }, value)]);
}

// What went wrong with a failed step: why, the diff (or what it printed), the command as run, the exit status.
function failureDetail(r: StepResult, ctx: Ctx): Element {
  const o = r.outcome;
  const ex = r.execution;
  const parts: ElementContent[] = [field('outcome', outcomeHead(o))];
  const message = outcomeMessage(o);
  if (message) parts.push(field('why', h('pre', { className: ['message'] }, message)));
  if (o.status === 'blocked' && o.reportedAt) {
    // The target's one report: a link to its line when it is in this runbook.
    const line = o.reportedAt.startsWith(`${r.step.file}:`) ? o.reportedAt.slice(r.step.file.length + 1) : '';
    parts.push(field('see', /^\d+$/.test(line) ? h('a', { href: `#${ctx.id}-L${line}` }, o.reportedAt) : o.reportedAt));
  }
  if (o.status !== 'blocked') {
    if (r.verdict && !r.verdict.ok && r.step.expected) {
      const diff = formatDiff(r.step.expected, r.verdict, r.step.file);
      if (diff.length > 0) parts.push(field('diff', h('div', { className: ['legend'] }, '− expected (the markdown) · + actual output'), diffBlock(diff)));
    } else if (ex && ex.output.length > 0) {
      const lines = ex.output.replace(/\n$/, '').split('\n');
      const shown = ctx.verbose ? lines : lines.slice(-TAIL_LINES);
      const name = shown.length < lines.length ? `output (last ${shown.length} of ${lines.length} lines; -v shows all)` : 'output';
      parts.push(field(name, h('pre', { className: ['output'] }, shown.map((l) => `${visible(l)}\n`).join(''))));
    }
  }
  if (ex && o.status !== 'blocked') {
    const status = ex.exitCode === null ? 'none' : String(ex.exitCode);
    parts.push(field('exit', `${status}${r.step.exit !== 0 ? ` (expected ${r.step.exit})` : ''}`));
  }
  return h('div', { className: ['detail'] }, parts);
}

// One entry of a block's step list: outcome, line, target, command, time; the detail under a failure.
function stepItem(r: StepResult, ctx: Ctx): Element {
  const s = r.outcome.status;
  const ex = r.execution;
  const timing = [ex ? ms(ex.durationMs) : null, r.attempts > 1 ? `${r.attempts} attempts` : null].filter((t) => t !== null).join(', ');
  const head: ElementContent[] = [
    badge(s),
    h('span', { className: ['where'] }, `line ${r.step.line}`),
    h('span', { className: ['target'] }, r.step.target),
    h('code', { className: ['cmd'] }, r.step.kind === 'file' ? `write ${r.commandRun}` : (r.commandRun.split('\n')[0] ?? '') + (r.commandRun.includes('\n') ? ' …' : '')),
  ];
  if (timing) head.push(h('span', { className: ['time'] }, timing));
  const children: ElementContent[] = [h('div', { className: ['step-head'] }, head)];
  if (s === 'skipped') children.push(h('div', { className: ['reason'] }, r.outcome.reason));
  const failed = isFailure(r.outcome);
  if (failed) children.push(failureDetail(r, ctx));
  // The command as run: always under a failure, and wherever it differs from the markdown.
  if (failed || r.substitutions.length > 0) {
    children.push(field('command', h('pre', { className: ['command'] }, r.commandRun)));
  }
  if (r.substitutions.length > 0) {
    children.push(field('substituted', h('ul', { className: ['subs'] }, r.substitutions.map((x) => h('li', [h('code', x.from), ' → ', h('code', x.to), ` (${x.className})`])))));
  }
  return h('li', { className: ['step', `o-${s}`], id: stepId(r, ctx) }, children);
}

// A code block of the runbook, marked when it holds steps.
function codeHandler(byBlock: Map<number, BlockSteps>, file: string, ctx: Ctx): Handler {
  return (state, node: Code) => {
    const start = node.position!.start.line;
    const entry = byBlock.get(start);
    const prompts = new Map<number, StepStatus>();
    for (const r of entry?.own ?? []) if (r.step.kind === 'command') prompts.set(r.step.line, r.outcome.status);
    const codeProps: Properties = node.lang ? { className: [`language-${node.lang}`] } : {};
    const pre = h('pre', { className: ['code'] }, h('code', codeProps, codeLines(node, prompts, ctx)));
    const info = [node.lang, node.meta].filter(Boolean).join(' ');
    if (!entry) {
      const plain = h('figure', { className: ['block', 'no-steps'] }, info ? [h('figcaption', h('span', { className: ['info'] }, info)), pre] : [pre]);
      state.patch(node, plain);
      return plain;
    }
    const all = [...entry.own, ...entry.outputOf];
    const status = worst(all);
    const end = node.position!.end.line;
    const caption: ElementContent[] = [badge(status), h('span', { className: ['where'] }, `${file}:${start}–${end}`)];
    if (entry.own.length > 0) caption.push(h('span', { className: ['count'] }, plural(entry.own.length, 'step')));
    if (info) caption.push(h('span', { className: ['info'] }, info));
    const children: ElementContent[] = [h('figcaption', caption), pre];
    if (entry.own.length > 0) children.push(h('ol', { className: ['steps'] }, entry.own.map((r) => stepItem(r, ctx))));
    for (const r of entry.outputOf) {
      children.push(h('p', { className: ['output-of'] }, [`expected output of the step at `, h('a', { href: `#${stepId(r, ctx)}` }, `line ${r.step.line}`), ': ', badge(r.outcome.status)]));
    }
    const figure = h('figure', { className: ['block', 'has-steps', `o-${status}`], dataOutcome: status, id: `${ctx.id}-block-${start}` }, children);
    state.patch(node, figure);
    return figure;
  };
}

// Raw HTML in a runbook never becomes markup; a `<!-- runbook: … -->` annotation is shown as what it is.
const htmlHandler: Handler = (_state, node: Html) => {
  const text = readAnnotationComment(node.value);
  if (text === null) return undefined;
  return h('p', { className: ['annotation'] }, h('code', `runbook: ${text}`));
};

// Images are never loaded (the page makes no request): their alt text stands in, linked when safe.
const imageHandler: Handler = (_state, node: Image) => {
  const label = `[image: ${node.alt || node.url}]`;
  return safeUrl(node.url) ? h('a', { href: node.url, className: ['image'] }, label) : h('span', { className: ['image'] }, label);
};

// Links keep their target only when clicking it cannot run code.
const linkHandler: Handler = (state, node: Link) => {
  const props: Properties = safeUrl(node.url) ? { href: node.url } : {};
  if (node.title) props.title = node.title;
  const a = h('a', props, state.all(node));
  state.patch(node, a);
  return a;
};

// The frontmatter (the runbook's config) as a numbered block of its own.
const yamlHandler: Handler = (_state, node: { value: string; position?: Code['position'] }) => {
  const first = (node.position?.start.line ?? 1) + 1;
  const lines = node.value.split(/\r\n|\r|\n/).map((text, i) => h('span', { className: ['line'], dataLine: String(first + i) }, `${text}\n`));
  return h('figure', { className: ['block', 'frontmatter'] }, [h('figcaption', h('span', { className: ['info'] }, 'frontmatter')), h('pre', { className: ['code'] }, h('code', { className: ['language-yaml'] }, lines))]);
};

// The runbook's markdown as HTML, its step blocks marked.
function renderRunbook(r: RunbookResult, ctx: Ctx): { content: ElementContent[]; unplaced: StepResult[] } {
  const tree = unified().use(remarkParse).use(remarkFrontmatter).parse(r.runbook.source) as MdastRoot;
  const { blocks, unplaced } = stepsByBlock(tree, r.results);
  const toHast = unified().use(remarkRehype, {
    handlers: { code: codeHandler(blocks, r.runbook.file, ctx), html: htmlHandler, image: imageHandler, link: linkHandler, yaml: yamlHandler },
  });
  const hast = toHast.runSync(tree) as HastRoot;
  return { content: hast.children as ElementContent[], unplaced };
}

const countBadges = (c: Totals) =>
  h('span', { className: ['counts'] }, SEVERITY.filter((s) => c[s] > 0).reverse().map((s) => h('span', { className: ['badge', `o-${s}`] }, `${c[s]} ${s}`)));

function bindingsTable(r: RunbookResult, ctx: Ctx): Element {
  if (r.bindings.length === 0) return h('p', { className: ['none'] }, 'No values were bound.');
  return h('table', { className: ['bindings'] }, [
    h('thead', h('tr', [h('th', 'class'), h('th', 'expected'), h('th', 'actual'), h('th', 'where')])),
    h('tbody', r.bindings.map((b) => h('tr', { className: b.expected === b.actual ? [] : ['rebound'] }, [
      h('td', b.className),
      h('td', h('code', b.expected)),
      h('td', h('code', b.actual)),
      h('td', h('a', { href: `#${ctx.id}-L${b.origin.line}` }, `${b.origin.file}:${b.origin.line}`)),
    ]))),
  ]);
}

function runbookSection(r: RunbookResult, i: number, verbose: boolean): Element {
  const ctx: Ctx = { verbose, id: `r${i + 1}` };
  const { content, unplaced } = renderRunbook(r, ctx);
  const head: ElementContent[] = [
    h('h2', { className: ['runbook-file'] }, [badge(worst(r.results)), ' ', r.runbook.file]),
    h('p', { className: ['runbook-meta'] }, [countBadges(countTotals([r])), h('span', { className: ['time'] }, `${plural(r.results.length, 'step')} in ${ms(r.durationMs)}`), ...(r.interrupted ? [h('span', { className: ['interrupted'] }, 'interrupted')] : [])]),
  ];
  const body: ElementContent[] = [...head, h('article', { className: ['doc'] }, content)];
  if (unplaced.length > 0) body.push(h('h3', 'Steps outside the code blocks'), h('ol', { className: ['steps'] }, unplaced.map((s) => stepItem(s, ctx))));
  body.push(h('h3', { className: ['bindings-title'] }, 'Bindings'), bindingsTable(r, ctx));
  return h('section', { className: ['runbook'], id: `runbook-${i + 1}` }, body);
}

// Every text and attribute value of the page through the redactor, before escaping: a secret that holds `<` or `&`
// would otherwise reach the file escaped, where the boundary's redactor could not see it.
function redactTree(node: HastRoot | ElementContent): void {
  if (node.type === 'text' || node.type === 'comment') node.value = redactText(node.value);
  if (node.type === 'element') {
    for (const [k, v] of Object.entries(node.properties)) {
      if (typeof v === 'string') node.properties[k] = redactText(v);
      else if (Array.isArray(v)) node.properties[k] = v.map((x) => (typeof x === 'string' ? redactText(x) : x));
    }
  }
  if ('children' in node) for (const child of node.children) redactTree(child as ElementContent);
}

/** The whole page for a run. */
export function renderHtml(results: RunbookResult[], totals: Totals, options: { verbose: boolean; now?: Date }): string {
  const breakdown = failureBreakdown(totals);
  const duration = results.reduce((t, r) => t + r.durationMs, 0);
  const overall: StepStatus = SEVERITY.find((s) => s !== 'skipped' && totals[s as keyof Totals] > 0) ?? 'passed';
  const toc = h('nav', { className: ['toc'] }, h('ol', results.map((r, i) =>
    h('li', [h('a', { href: `#runbook-${i + 1}` }, r.runbook.file), ' ', countBadges(countTotals([r]))]))));
  const header = h('header', { className: ['report-head', `o-${overall}`] }, [
    h('h1', 'runbook report'),
    h('p', { className: ['summary'], id: 'summary' }, summaryLine(totals)),
    ...(breakdown ? [h('p', { className: ['breakdown'], id: 'breakdown' }, breakdown)] : []),
    h('p', { className: ['meta'] }, `${plural(results.length, 'runbook')} · ${ms(duration)} · ${(options.now ?? new Date()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`),
    ...(results.length > 1 ? [toc] : []),
  ]);
  const body = h('body', [header, h('main', results.map((r, i) => runbookSection(r, i, options.verbose)))]);
  const page: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          // Nothing but the inline style may load: no script, no font, no image, no request.
          h('meta', { httpEquiv: 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', `runbook: ${summaryLine(totals)}`),
          h('style', HTML_CSS),
        ]),
        body,
      ]),
    ],
  };
  redactTree(page);
  return unified().use(rehypeStringify).stringify(page);
}

/** `--reporter html`: one self-contained page, written at the end (nothing while the run goes on). */
export function htmlReporter(options: ReporterOptions): Reporter {
  return {
    onRunEnd(results, totals) {
      return renderHtml(results, totals, { verbose: options.verbose });
    },
  };
}
