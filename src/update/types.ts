// What update hands to the writer: a list of splices into the runbook's source.
// Update is a splice by source offsets, never a re-serialization: every byte
// outside an edit survives as read.

/** Replace source[start, end) with text. Offsets are 0-based UTF-16 offsets into `Runbook.source`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The edits to one runbook file. No two edits overlap; order does not matter. */
export interface Patch {
  file: string;
  edits: Edit[];
}

import type { VolatileClass } from '../match/types.js';

export interface UpdateOptions {
  /** Names of environment variables whose values must never be written into the file. */
  redact: string[];
  /** Where to read those values from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /**
   * The volatile classes the run matched with (`resolveClasses(config)`), so rebinding finds values
   * exactly as the matcher did; default: the built-in classes.
   */
  classes?: VolatileClass[];
  /** The runbook's prompt patterns and `comments:` regex, so output lines that look like them are written escaped. */
  prompts?: RegExp[];
  comments?: RegExp;
}
