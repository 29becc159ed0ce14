// The bash code that turns one long-lived shell into a command server.
//
// Why one persistent shell and not one process per command: `cd`, `export`
// and functions must persist between steps as in a terminal, and a fork per
// command costs ~7 ms here against a budget of 0.15 ms. So the per-command
// path uses builtins only, and as few system calls as bash allows:
// - each command arrives as one record on fd 62 (stdin, moved there once, so
//   commands read /dev/null): a header with its byte count (`record`), then
//   the command and a newline. `read -N` takes a counted record in one read(2)
//   where `read -d ''` takes one byte per call. No quoting at all, whatever
//   the hops;
// - it runs by `eval` (a here-string `.` per command costs a pipe, three
//   descriptors and an open: twice the time), inside a loop that is itself a
//   sourced file: so `declare` stays global, and the INT trap can `return`
//   out of a loop the shell itself runs — it leaves the sourced loop, whose
//   driver reports the command and sources it again;
// - it is followed by `\n<delimiter> <seq> <status>\n`. The delimiter is
//   random per session and arrives on stdin, never in argv/env.

import { TTY_FUNCTION } from './terminal-commands.js';

/** The exit status by which a command asks to skip its runbook (cram, scrut): the loop drops what was queued after it. */
export const SKIP_STATUS = 80;

/** Digits of a record's byte count. */
const COUNT_DIGITS = 8;

/**
 * One record as the loop reads it: a header — `a` when the command is ASCII, else `b`, then its
 * byte count — the command, a newline. `read -N` counts characters in the shell's locale; for ASCII
 * text every locale counts bytes, and only the rest is read under `LC_ALL=C` (a locale switch per
 * read costs more than the rest of the loop).
 */
export function record(command: string): string {
  const text = `${command}\n`;
  const bytes = Buffer.byteLength(text);
  if (bytes >= 10 ** COUNT_DIGITS) throw new Error(`a command of ${bytes} bytes is longer than a shell record can be`);
  return `${bytes === text.length ? 'a' : 'b'}${String(bytes).padStart(COUNT_DIGITS, '0')}${text}`;
}

/** The record that ends dropping: a header alone (only the runner writes headers, so no command can forge it). */
export const RESUME_RECORD = `r${'0'.repeat(COUNT_DIGITS)}`;

// What follows a command, in the loop and in its driver: its status first, then tracing off (`set -x`
// traces the command, never the loop: its trace lines go nowhere, fd 2 closed), then the frame. A
// traced command's frame says so (`x`): the session takes the two levels the sourced loop and `eval` add off the trace lines.
// `first` runs right after the status is taken (the driver leaves at the end of input there).
const after = (first = '') =>
  `{ __rb_s=$?; ${first}__rb_busy=0; case $- in *x*) __rb_x=1; set +x;; *) __rb_x=;; esac; __rb_t=$__rb_t$__rb_x; } 2>&-; ` +
  // One echo, one write(2) (printf writes the leading newline apart).
  `(( __rb_s == ${SKIP_STATUS} )) && __rb_drop=1; echo "\n$__rb_d $__rb_n $__rb_s\${__rb_t:+ x}"`;

/** Sent first to the shell on stdin; then the delimiter as one NUL-terminated record. */
// One `{ … }` group: bash parses all of it (the here-document too) before running any, so the
// `read` below takes the delimiter record, not the script's own next lines.
export const LOOP_SCRIPT = [
  '{',
  'exec 2>&1',
  "IFS= read -r -d '' __rb_d || exit 97",
  'exec 62<&0 </dev/null',
  '__rb_n=0; __rb_busy=0; __rb_drop=0; __rb_x=; __rb_eof=',
  // An interrupted command drops the records sent after it (pipelined commands must not run) until `resume`.
  "trap '(( __rb_busy )) && { __rb_drop=1; return 130; }' INT",
  // `exit N` says so at once, even when a background job keeps the transport's stdout open.
  "trap 'printf \"\\n%s exit %d\\n\" \"$__rb_d\" \"$?\"' EXIT",
  // A command that asks for a terminal gets one of its own (terminal-commands.ts): util-linux script, CRLF back to LF.
  `${TTY_FUNCTION}() { if [[ $(script -V 2>/dev/null) == *util-linux* ]]; then local __rb_q; printf -v __rb_q '%q ' "$@"; ` +
    "SHELL=${BASH:-/bin/bash} script -qefc \"$__rb_q\" /dev/null | sed 's/\\r$//'; return \"${PIPESTATUS[0]}\"; fi; \"$@\"; }",
  "printf '%s ready %d\\n' \"$__rb_d\" \"$$\"",
  // The driver: the sourced loop ends at the end of input, or when a `return` (the INT trap's, or a
  // command's own) leaves it in the middle of a command, which is then reported as the loop would.
  'while :; do',
  ". /dev/fd/5 5<<'__RB_LOOP'",
  'while :; do',
  // `read -N` neither splits on IFS nor stops at a delimiter: no `IFS=` needed (a command may set IFS).
  `  read -r -N ${COUNT_DIGITS + 1} -u 62 __rb_l || { __rb_eof=1; break; }`,
  '  case $__rb_l in',
  '    a*) read -r -N "$((10#${__rb_l:1}))" -u 62 __rb_c ;;',
  '    b*) LC_ALL=C read -r -N "$((10#${__rb_l:1}))" -u 62 __rb_c ;;',
  // Every record counts (its frame says which it is); exit status 80 (skip the rest) drops the queued ones too.
  '    *) (( ++__rb_n )); __rb_drop=0; continue ;;',
  '  esac || { __rb_eof=1; break; }',
  '  (( ++__rb_n )); (( __rb_drop )) && continue',
  '  __rb_busy=1; __rb_t=$__rb_x; eval "${__rb_x:+set -x; }$__rb_c"',
  `  ${after()}`,
  'done',
  '__RB_LOOP',
  after('(( __rb_eof )) && exit 0; '),
  'done',
  '}',
  '',
].join('\n');

/**
 * Run as `bash -c KILL_SCRIPT rb-kill PID INT|KILL` on the target through the
 * same transport chain (a pipe carries no Ctrl-C). INT: the session shell
 * (whose trap returns from the command) and every descendant. KILL: every
 * descendant, and INT to the shell once more.
 */
export const KILL_SCRIPT = [
  'kids() { local c; for c in $(pgrep -P "$1" 2>/dev/null || ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; kids "$c"; done; }',
  'd=$(kids "$1")',
  'if [ "$2" = KILL ]; then kill -INT "$1" 2>/dev/null; [ -n "$d" ] && kill -KILL $d 2>/dev/null',
  'else kill -INT "$1" $d 2>/dev/null; fi',
  'exit 0',
].join('\n');
