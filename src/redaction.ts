// Redaction where text leaves the process (stdout, stderr, --output files):
// values of the environment variables named under `redact:` are masked as
// `[REDACTED:NAME]` whatever reporter, error message or -v line carries them.
// Configs register their names as they load; the CLI entry wraps its streams.

const byValue = new Map<string, string>();
let pattern: RegExp | null = null;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Adds the values of the named variables to what every later write masks. */
export function registerSecrets(names: string[], env: NodeJS.ProcessEnv = process.env): void {
  let added = false;
  for (const name of names) {
    const value = env[name];
    if (!value || byValue.has(value)) continue;
    byValue.set(value, name);
    added = true;
  }
  if (!added) return;
  // Longest value first, so a secret that contains another is masked whole.
  const values = [...byValue.keys()].sort((a, b) => b.length - a.length);
  pattern = new RegExp(values.map(escapeRegExp).join('|'), 'g');
}

/** The text with every registered secret masked. */
export function redactText(text: string): string {
  if (pattern === null || text.length === 0) return text;
  return text.replace(pattern, (value) => `[REDACTED:${byValue.get(value)}]`);
}

/** Wraps a stream's write so nothing written through it carries a registered secret. */
export function redactStream(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (pattern !== null) {
      if (typeof chunk === 'string') chunk = redactText(chunk);
      else if (chunk instanceof Uint8Array) chunk = redactText(Buffer.from(chunk).toString('utf8'));
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
