// Which lines of a transcript are prompts, and which host they name.
// The default patterns insist on `HOST:PATH` with PATH starting at `~` or `/`
// then `$`/`#` then a space or the end of the line, so output such as
// `13:09:28.510565 IP …`, `Chain KUBE-…`, `-A KUBE-…` or `:KUBE-SVC-… - [0:0]`
// is never taken for a prompt.

/** A prompt found at the start of a line. */
export interface PromptMatch {
  /** The prompt text as written, including its trailing space when present. */
  prompt: string;
  /** The host the prompt names, or undefined for a bare `$ `. */
  host?: string;
  user?: string;
  /** The rest of the line: the command (may be empty: the prompt runs nothing). */
  rest: string;
}

const PATH = '(?:~[^\\s$#]*|/(?!/)[^\\s$#]*)';
const HOST = '[A-Za-z0-9][\\w.-]*';
const USER = '[A-Za-z_][\\w.-]*';

// A virtualenv or conda prefix before any prompt: `(venv) $ `, `(base) user@host:~$ `.
const ENV = '(?:\\([\\w.-]+\\) )?';

const DEFAULTS: RegExp[] = [
  // USER@HOST:PATH$ and USER@HOST:PATH#
  new RegExp(`^${ENV}(?<user>${USER})@(?<host>${HOST}):${PATH}[$#](?: |$)`),
  // [USER@HOST PATH]$ (Fedora/RHEL style)
  new RegExp(`^${ENV}\\[(?<user>${USER})@(?<host>${HOST}) [^\\]\\s]+\\][$#](?: |$)`),
  // HOST:PATH# and HOST:PATH$
  new RegExp(`^${ENV}(?<host>${HOST}):${PATH}[$#](?: |$)`),
  // $
  new RegExp(`^${ENV}\\$(?: |$)`),
  // Prompts seen in real docs, routed like `$ ` (the current target): busybox `/ # ` and `/ $ `,
  // `bash-5.1$ `, `sh-4.4# `, `~/dir$ `, `host$ `, zsh's `% ` and `❯ ` (these two need a command after them).
  new RegExp(`^${ENV}(?:/ [#$]|(?:bash|sh|zsh|ksh|ash)-\\d+(?:\\.\\d+)*[$#]|~[^\\s$#]*\\$|${HOST}\\$)(?: |$)`),
  new RegExp(`^${ENV}(?:%|❯) (?=\\S)`),
];

// Every default prompt holds one of these.
const PROMPT_END = /[$#%❯]/;

const anchored = new WeakMap<RegExp, RegExp>();

// A configured pattern matches only at the start of the line, whatever its flags.
function sticky(re: RegExp): RegExp {
  let s = anchored.get(re);
  if (!s) {
    s = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'y');
    anchored.set(re, s);
  }
  return s;
}

// A regex match at column 0 as a PromptMatch; an empty match is no prompt.
function toMatch(m: RegExpExecArray, line: string): PromptMatch | null {
  if (m.index !== 0 || m[0].length === 0) return null;
  const host = m.groups?.['host'];
  const user = m.groups?.['user'];
  const match: PromptMatch = { prompt: m[0], rest: line.slice(m[0].length) };
  if (host) match.host = host;
  if (user) match.user = user;
  return match;
}

/** The prompt at the start of `line`: configured patterns first, then the defaults; null when none. */
export function matchPrompt(line: string, custom: RegExp[] = []): PromptMatch | null {
  for (const re of custom) {
    const s = sticky(re);
    s.lastIndex = 0;
    const m = s.exec(line);
    const match = m && toMatch(m, line);
    if (match) return match;
  }
  if (line.startsWith('#')) return null;
  // The two common cases without a regex: the bare `$ ` of most transcripts, and an output line
  // holding none of the characters every default prompt ends with.
  if (line.charCodeAt(0) === 36 && (line.length === 1 || line.charCodeAt(1) === 32)) {
    const prompt = line.length === 1 ? '$' : '$ ';
    return { prompt, rest: line.slice(prompt.length) };
  }
  if (!PROMPT_END.test(line)) return null;
  for (const re of DEFAULTS) {
    const m = re.exec(line);
    if (m) return toMatch(m, line);
  }
  return null;
}
