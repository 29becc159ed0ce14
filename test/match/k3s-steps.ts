// The cheat sheet's own transcripts as steps (command line, expected output
// lines), replayed against a second cluster's outputs written by hand under
// fixtures/cluster-b/, all with one binding table as in a run.
import { readFileSync } from 'node:fs';
import { BindingTable } from '../../src/match/binding-table.js';
import { formatDiff } from '../../src/match/format-diff.js';
import { matchOutput } from '../../src/match/match-output.js';
import type { ExpectedLine, MatchOptions, Verdict } from '../../src/match/types.js';
import { resolveClasses } from '../../src/match/volatile-classes.js';

export const FILE = 'networking.md';
const source = readFileSync(new URL('../fixtures/k3s-networking-cheatsheet.md', import.meta.url), 'utf8').split('\n');

/** name → [line of the prompt, first expected line, last expected line] in the cheat sheet. */
export const steps: Record<string, [number, number, number]> = {
  svc: [67, 68, 70],
  pods: [71, 72, 76],
  'dns-tcpdump': [141, 142, 157],
  'kube-system-pods': [164, 165, 167],
  'describe-coredns': [198, 199, 200],
  'ctr-info': [201, 202, 217],
  'etc-hosts': [241, 242, 249],
  arp: [319, 320, 320],
  'brctl-showmacs': [321, 322, 322],
  'ipt-svc-ip': [337, 338, 339],
  'ipt-svc-chain': [340, 341, 346],
  'ipt-sep-1': [347, 348, 351],
  'ipt-sep-2': [352, 353, 356],
  'ipt-sep-3': [357, 358, 361],
  'svc-nodeport': [387, 388, 391],
  'ipt-np-ip': [400, 401, 402],
  'ipt-nat-np-chain': [406, 407, 411],
  'ipt-nodeport': [416, 417, 419],
  'ipt-ext-chain': [420, 421, 424],
};

/** The expected lines of the cheat sheet from line `from` to `to`, as the parser hands them over. */
export function expectedLines(from: number, to: number): ExpectedLine[] {
  const out: ExpectedLine[] = [];
  for (let n = from; n <= to; n++) out.push({ text: source[n - 1]!, line: n, start: 0, end: source[n - 1]!.length });
  return out;
}

/** The command of a prompt line, prompt removed. */
export function commandAt(line: number): string {
  return source[line - 1]!.replace(/^\S+[$#] /, '').trim();
}

// What a user of this cheat sheet configures: `#` author comments, and two tcpdump counters.
const classes = resolveClasses({
  volatile: {},
  normalize: [
    { name: 'ip-id', pattern: '(?<=\\bid )\\d+', mode: 'any' },
    { name: 'dns-id', pattern: '(?<=: )\\d+(?=[*+])', mode: 'bind' },
    { name: 'aging', pattern: '(?<![\\d.])\\d+\\.\\d{2}(?![\\d.])', mode: 'any' },
  ],
});

// /etc/hosts starts with a real `#` line: with the comment pattern on, it pairs with that line.
export function stepOptions(): MatchOptions {
  return { exact: false, unordered: false, classes, file: FILE, comments: /^#/ };
}

export const clusterB = (name: string): string => readFileSync(new URL(`fixtures/cluster-b/${name}.txt`, import.meta.url), 'utf8');

export interface StepRun {
  name: string;
  command: string;
  verdict: Verdict;
  diff: string[];
}

/** Runs every step in document order against `outputs`, bindings substituted into commands first. */
export function runAll(outputs: (name: string) => string = clusterB, table = new BindingTable()): StepRun[] {
  return Object.entries(steps).map(([name, [prompt, from, to]]) => {
    const { command } = table.substitute(commandAt(prompt));
    const expected = expectedLines(from, to);
    const verdict = matchOutput(expected, outputs(name), table, stepOptions());
    return { name, command, verdict, diff: formatDiff(expected, verdict, FILE) };
  });
}
