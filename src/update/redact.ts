// Values of the environment variables named under `redact:` never reach a
// written file: each occurrence becomes `[REDACTED:NAME]`.

/** Returns a function that masks every value of the named variables in a text (longest value first). */
export function redactor(names: string[], env: NodeJS.ProcessEnv = process.env): (text: string) => string {
  const pairs = names
    .map((name) => ({ name, value: env[name] ?? '' }))
    .filter((p) => p.value !== '')
    .sort((a, b) => b.value.length - a.value.length);
  if (pairs.length === 0) return (text) => text;
  const byValue = new Map<string, string>();
  for (const p of pairs) if (!byValue.has(p.value)) byValue.set(p.value, p.name);
  const pattern = new RegExp([...byValue.keys()].map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, (value) => `[REDACTED:${byValue.get(value)}]`);
}

/** A literal string as a regex source. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
