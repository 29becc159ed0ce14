// The bash code that turns one long-lived shell into a command server.
//
// Why one persistent shell and not one process per command: `cd`, `export`
// and functions must persist between steps as in a terminal, and a fork per
// command costs ~7 ms here against a budget of 0.15 ms. So the per-command
// path uses builtins only: each command arrives as one NUL-terminated record
// on stdin (no quoting at all, whatever the hops), is sourced from a
// here-string (bash reads it without forking; `.` rather than a function so
// that `declare` stays global, and so that the INT trap can `return` out of a
// loop the shell itself runs), and is followed by `\n<delimiter> <seq> <status>\n`.
// The delimiter is random per session and arrives on stdin, never in argv/env.

import { TTY_FUNCTION } from './terminal-commands.js';

/** The exit status by which a command asks to skip its runbook (cram, scrut): the loop drops what was queued after it. */
export const SKIP_STATUS = 80;

/** Sent first to the shell on stdin; then the delimiter as one NUL-terminated record. */
// One `{ … }` group: bash parses all of it before running any, so the `read`
// below takes the delimiter record, not the script's own next lines.
export const LOOP_SCRIPT = [
  '{',
  'exec 2>&1',
  "IFS= read -r -d '' __rb_d || exit 97",
  '__rb_n=0; __rb_busy=0; __rb_drop=0; __rb_x=',
  // An interrupted command drops the records sent after it (pipelined commands must not run) until `resume`.
  "trap '(( __rb_busy )) && { __rb_drop=1; return 130; }' INT",
  // `exit N` says so at once, even when a background job keeps the transport's stdout open.
  "trap 'printf \"\\n%s exit %d\\n\" \"$__rb_d\" \"$?\"' EXIT",
  // A command that asks for a terminal gets one of its own (terminal-commands.ts): util-linux script, CRLF back to LF.
  `${TTY_FUNCTION}() { if [[ $(script -V 2>/dev/null) == *util-linux* ]]; then local __rb_q; printf -v __rb_q '%q ' "$@"; ` +
    "SHELL=${BASH:-/bin/bash} script -qefc \"$__rb_q\" /dev/null | sed 's/\\r$//'; return \"${PIPESTATUS[0]}\"; fi; \"$@\"; }",
  "printf '%s ready %d\\n' \"$__rb_d\" \"$$\"",
  // Every record counts (its frame says which it is); exit status 80 (skip the rest) drops the queued ones too.
  "while IFS= read -r -d '' __rb_c; do __rb_n=$((__rb_n+1)); " +
    "if [[ $__rb_c == \"$__rb_d resume\"$'\\n' ]]; then __rb_drop=0; continue; fi; (( __rb_drop )) && continue; " +
    // `set -x` traces the command, never the loop: tracing is off between commands and back on inside the next.
    "__rb_busy=1; __rb_t=$__rb_x; . /dev/fd/3 3<<<\"${__rb_x:+set -x; }$__rb_c\" </dev/null; " +
    `{ __rb_s=$?; __rb_busy=0; case $- in *x*) __rb_x=1; set +x;; *) __rb_x=;; esac; __rb_t=$__rb_t$__rb_x; } 2>/dev/null; (( __rb_s == ${SKIP_STATUS} )) && __rb_drop=1; ` +
    // A traced command's frame says so (`x`): the session takes the level its `.` adds off the trace lines.
    "printf '\\n%s %d %d%s\\n' \"$__rb_d\" \"$__rb_n\" \"$__rb_s\" \"${__rb_t:+ x}\"; done",
  'exit 0',
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
