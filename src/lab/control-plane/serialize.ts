// `kubectl get -o yaml|json` as kubectl writes them. JSON: Go's
// encoding/json over the decoded object (keys in byte order, 4-space indent,
// <, > and & escaped as \u003c…). YAML: sigs.k8s.io/yaml, i.e. go-yaml v2 —
// keys in its "natural" order, sequences not indented under their key,
// multi-line strings as literal blocks, and a string quoted only when it would
// read as another type (`"80"`, `"true"`, `""`, a timestamp) or holds YAML
// syntax.

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** kubectl -o json. */
export function toJson(value: Value): string {
  const text = JSON.stringify(sortKeys(value, (a, b) => (a < b ? -1 : a > b ? 1 : 0)), null, 4);
  return `${text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

function sortKeys(value: Value, cmp: (a: string, b: string) => number): Value {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, cmp));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Value } = {};
  for (const k of Object.keys(value).sort(cmp)) out[k] = sortKeys(value[k]!, cmp);
  return out;
}

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** go-yaml v2's keyList.Less for string keys: letters by code point, a non-letter before a letter, digit runs by value. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

// What a plain scalar would resolve to in YAML 1.1 (go-yaml v2's resolve): anything but a string must be quoted.
const NON_STRING = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^[-+]?(?:0|[1-9][0-9_]*)$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
];

// The emitter refuses a plain scalar that starts with an indicator, has `: ` or ` #`, or leading/trailing space.
function plainAllowed(s: string): boolean {
  if (s.length === 0 || /^\s|\s$/.test(s)) return false;
  if (/^[[\]{},#&*!|>'"%@`]/.test(s)) return false;
  if (/^[-?:](?:\s|$)/.test(s)) return false;
  if (/: |:$| #|\t/.test(s)) return false;
  return !/[\u0000-\u001f\u007f]/.test(s);
}

function scalar(s: string): string {
  if (NON_STRING.some((re) => re.test(s))) return JSON.stringify(s);
  if (plainAllowed(s)) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

function block(s: string, indent: string): string {
  const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing > 0 ? s.slice(0, -1) : s;
  const lines = body.split('\n').map((l) => (l === '' ? '' : indent + l));
  return `|${chomp}\n${lines.join('\n')}`;
}

function inline(value: Value): string | null {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.includes('\n') ? null : scalar(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : null;
  return Object.keys(value).length === 0 ? '{}' : null;
}

function emit(value: Value, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      const one = inline(item);
      if (one !== null) out.push(`${pad}- ${one}`);
      else if (typeof item === 'string') out.push(`${pad}- ${block(item, `${pad}  `)}`);
      else if (Array.isArray(item)) {
        out.push(`${pad}-`);
        emit(item, indent + 2, out);
      } else {
        const lines: string[] = [];
        emit(item, indent + 2, lines);
        out.push(`${pad}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1));
      }
    }
    return;
  }
  if (value === null || typeof value !== 'object') {
    out.push(pad + inline(value)!);
    return;
  }
  const keys = Object.keys(value).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
  for (const key of keys) {
    const v = value[key]!;
    const k = scalar(key);
    const one = inline(v);
    if (one !== null) out.push(`${pad}${k}: ${one}`);
    else if (typeof v === 'string') out.push(`${pad}${k}: ${block(v, `${pad}  `)}`);
    else {
      out.push(`${pad}${k}:`);
      // go-yaml v2 writes a sequence under a mapping key at the key's own indentation.
      emit(v, Array.isArray(v) ? indent : indent + 2, out);
    }
  }
}

/** kubectl -o yaml. */
export function toYaml(value: Value): string {
  const out: string[] = [];
  emit(value, 0, out);
  return `${out.join('\n')}\n`;
}
