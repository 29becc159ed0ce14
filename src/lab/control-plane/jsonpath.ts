// `kubectl get … -o jsonpath='{…}'`, as kubectl's JSONPath templates read it
// (k8s.io/client-go/util/jsonpath), for what cheat sheets ask of it: fields
// (`{.status.podIP}`), indexes and wildcards (`{.items[0]}`, `{.items[*].metadata.name}`),
// filters (`[?(@.type=="InternalIP")]`), `{range …}…{end}`, and quoted text
// (`{"\n"}`). Several results of one expression are joined by a space;
// strings print bare, other values as JSON. Anything else is an error, as kubectl's.
import type { Value } from './serialize.js';

type Node = { text: string } | { path: string } | { range: string; body: Node[] };

export class JsonPathError extends Error {}

// The template's pieces: text, `{expr}`, and `{range expr}` … `{end}` blocks.
function parse(template: string): Node[] {
  const stack: Node[][] = [[]];
  const open: string[] = [];
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('{', i);
    if (start < 0) {
      stack[stack.length - 1]!.push({ text: template.slice(i) });
      break;
    }
    if (start > i) stack[stack.length - 1]!.push({ text: template.slice(i, start) });
    const end = closing(template, start);
    const expr = template.slice(start + 1, end).trim();
    if (expr.startsWith('range ')) {
      stack.push([]);
      open.push(expr.slice(6).trim());
    } else if (expr === 'end') {
      const body = stack.pop();
      const range = open.pop();
      if (!body || range === undefined) throw new JsonPathError('not in range, nothing to end');
      stack[stack.length - 1]!.push({ range, body });
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(expr)) {
      stack[stack.length - 1]!.push({ text: JSON.parse(expr) as string });
    } else stack[stack.length - 1]!.push({ path: expr });
    i = end + 1;
  }
  if (open.length > 0) throw new JsonPathError('unclosed range');
  return stack[0]!;
}

// The `}` that ends the expression opened at `start` (quoted `}` inside do not count).
function closing(t: string, start: number): number {
  let quote: string | null = null;
  for (let k = start + 1; k < t.length; k++) {
    const c = t[k]!;
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return k;
  }
  throw new JsonPathError(`unclosed action`);
}

// One step of a path: a field, an index or `*`, or a filter.
type Step = { field: string } | { index: number | '*' } | { filter: { key: string[]; op: '==' | '!='; value: string } };

function steps(path: string): Step[] {
  const out: Step[] = [];
  let p = path.startsWith('$') ? path.slice(1) : path.startsWith('@') ? path.slice(1) : path;
  while (p.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^\.([A-Za-z0-9_\-/]+)/.exec(p))) out.push({ field: m[1]! });
    else if ((m = /^\[(\d+|\*)\]/.exec(p))) out.push({ index: m[1] === '*' ? '*' : Number(m[1]) });
    else if ((m = /^\.?\*/.exec(p))) out.push({ index: '*' });
    else if ((m = /^\[\?\(@((?:\.[A-Za-z0-9_\-/]+)+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\)\]/.exec(p))) {
      out.push({ filter: { key: m[1]!.slice(1).split('.'), op: m[2] as '==' | '!=', value: m[3] ?? m[4] ?? m[5]! } });
    } else if (p === '.') break;
    else throw new JsonPathError(`unrecognized identifier ${p}`);
    p = p.slice(m![0].length);
  }
  return out;
}

function walk(values: Value[], path: string): Value[] {
  let current = values;
  for (const s of steps(path)) {
    const next: Value[] = [];
    for (const v of current) {
      if ('field' in s) {
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && s.field in v) next.push(v[s.field]!);
      } else if ('index' in s) {
        const items = Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : [];
        if (s.index === '*') next.push(...items);
        else if (Array.isArray(v)) {
          if (s.index >= v.length) throw new JsonPathError(`array index out of bounds: index ${s.index}, length ${v.length}`);
          next.push(v[s.index]!);
        }
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const got = walk([item], `.${s.filter.key.join('.')}`)[0];
          const text = typeof got === 'string' ? got : JSON.stringify(got);
          if ((text === s.filter.value) === (s.filter.op === '==')) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

const show = (v: Value) => (typeof v === 'string' ? v : JSON.stringify(v));

function render(nodes: Node[], root: Value): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text;
    else if ('path' in n) out += walk([root], n.path).map(show).join(' ');
    else for (const item of walk([root], n.range)) out += render(n.body, item);
  }
  return out;
}

/** Renders a kubectl JSONPath template against an object (or a List); throws JsonPathError as kubectl would fail. */
export function jsonPath(template: string, root: Value): string {
  return render(parse(template), root);
}
