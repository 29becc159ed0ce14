// The judgement of an Execution against what the document says.
import type { ExpectedLine } from '../markdown/types.js';
import type { Mode } from '../config/schema.js';

/** A volatile value class: values of it differ on every cluster (IPs, pod suffixes, hashes, ages). */
export interface VolatileClass {
  name: string;
  /** Regex source matching one value; no anchors, no capture groups of its own needed. */
  pattern: string;
  mode: Mode;
}

/** Where a binding was made, for "was X at file:line, here it is Y" messages. */
export interface BindingOrigin {
  file: string;
  line: number;
}

/** One expected value mapped to one actual value, one to one across the whole run. */
export interface Binding {
  className: string;
  expected: string;
  actual: string;
  origin: BindingOrigin;
}

/**
 * One step of the alignment of expected lines to actual lines, in order.
 * `same`: expected lines [e0,e1) matched actual lines [a0,a1) (an `[...]` line
 * may cover many actual lines, or none). `removed`: expected lines that did not
 * match. `added`: actual lines nothing expected.
 */
export type AlignOp =
  | { op: 'same'; e0: number; e1: number; a0: number; a1: number }
  | { op: 'removed'; e0: number; e1: number }
  | { op: 'added'; a0: number; a1: number };

export interface Verdict {
  ok: boolean;
  /** Actual output lines after normalization (ANSI stripped, CRLF→LF, trailing blanks dropped). */
  actualLines: string[];
  /** Alignment of expected to actual; only `same` ops when ok (except comments). */
  ops: AlignOp[];
  /** Problems that are not a plain line difference: broken bindings, bad exit status, timeout… */
  problems: string[];
  /** Bindings this step made (already recorded in the table if ok). */
  newBindings: Binding[];
}

export interface MatchOptions {
  exact: boolean;
  unordered: boolean;
  /** Keep a table's row order: tables compare as a header plus a set of rows otherwise. */
  ordered?: boolean;
  /** Expected lines matching this are author comments: kept, never compared. */
  comments?: RegExp;
  /** Classes in effect, with their modes for this block. */
  classes: VolatileClass[];
  /** Where the expected output is, for binding origins. */
  file: string;
}

export type { ExpectedLine };
