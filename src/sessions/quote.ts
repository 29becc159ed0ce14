// POSIX shell quoting: the only place where a string becomes shell syntax.

// Quotes one word so that any POSIX shell reads it back byte for byte.
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
