// `check --shard K/N`: the K-th of N parts of the runbooks found, each file in
// exactly one part. A file's part comes from a hash of its path relative to
// the check root, never from its place in a list, so adding or removing a
// file moves no other file to another part.
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Shard } from '../run/types.js';

const FORM = 'give it as K/N with 1 ≤ K ≤ N, e.g. --shard 1/3 for the first of 3 parts';

/** Parses `K/N`; anything else (0/3, 4/3, 1/0, x) is bad input. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InputError(`'${text}' is not of the form K/N`, '--shard', FORM);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (!Number.isSafeInteger(total) || total < 1) throw new InputError(`'${text}': N must be at least 1 in K/N`, '--shard', FORM);
  if (!Number.isSafeInteger(index) || index < 1 || index > total) throw new InputError(`'${text}': K must be from 1 to N in K/N`, '--shard', FORM);
  return { index, total };
}

/**
 * The first 48 bits of the SHA-1 of the UTF-8 bytes of `text`, as a number.
 * (FNV-1a was tried: names that differ in one letter, `a.md` `b.md` `c.md`,
 * crowd into one part of 3; SHA-1 spreads them.)
 */
export function pathHash(text: string): number {
  return createHash('sha1').update(text, 'utf8').digest().readUIntBE(0, 6);
}

/** The 1-based part (of `total`) a runbook belongs to, from its `/`-separated path relative to the check root. */
export function shardOf(key: string, total: number): number {
  return (pathHash(key) % total) + 1;
}

/** `K/N`, as the user typed it. */
export const shardName = (s: Shard) => `${s.index}/${s.total}`;
