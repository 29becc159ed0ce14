// Splits the session shell's stdout into the ready line and one frame per
// command. Output is committed as it arrives (for live reporters and the cap)
// except for a short tail that could be the start of a delimiter line.
import { StringDecoder } from 'node:string_decoder';

/** What one command printed, cut at its delimiter line. */
export interface Frame {
  /** Output before the delimiter line, capped, with the truncation marker when capped. */
  output: string;
  /** The status the shell reported after the command. */
  status: number;
  /** Which record (1-based, counting every record the shell read) this is the frame of. */
  seq: number;
  truncated: boolean;
  noFinalNewline: boolean;
}

export interface FrameReader {
  /** Feed raw stdout bytes; calls onReady / onFrame as lines complete. */
  push(chunk: Buffer): void;
  /** What the current (unfinished) command printed so far, e.g. when its shell died. */
  flush(): Frame;
  /** Text printed before the ready line (a remote ~/.bashrc, a banner): kept for error messages. */
  preamble(): string;
}

export interface FrameHandlers {
  onReady(pid: number): void;
  onFrame(frame: Frame): void;
  onText(text: string): void;
  /** The shell ran `exit N` (its EXIT trap printed `<delim> exit N`); what the command printed stays readable by flush(). */
  onExit(status: number): void;
}

// Where a delimiter line may be starting at the end of `text` (it starts with a
// newline), so everything before it can be shown live; text.length if nowhere.
function partialMarkAt(text: string, mark: string): number {
  const keep = text.length;
  const from = Math.max(0, text.length - mark.length + 1);
  for (let j = text.indexOf('\n', from); j >= 0; j = text.indexOf('\n', j + 1)) {
    if (mark.startsWith(text.slice(j))) return j;
  }
  return keep;
}

/** The line appended to output that went past the cap. */
export function truncationMarker(cap: number): string {
  return `[runbook: output truncated after ${cap} bytes]`;
}

// A reader for one session: `delim` is its random delimiter, `cap` the output cap in bytes.
export function createFrameReader(delim: string, cap: number, on: FrameHandlers): FrameReader {
  const decoder = new StringDecoder('utf8');
  const ready = `${delim} ready `;
  const mark = `\n${delim} `;
  let started = false;
  let before = '';
  let tail = '';
  let parts: string[] = [];
  let bytes = 0;
  let truncated = false;

  const commit = (text: string): void => {
    if (text === '' || truncated) return;
    const size = Buffer.byteLength(text);
    if (bytes + size > cap) {
      text = Buffer.from(text).subarray(0, cap - bytes).toString();
      truncated = true;
    }
    bytes += size;
    parts.push(text);
    on.onText(text);
  };

  const take = (): Frame => {
    let output = parts.join('');
    const noFinalNewline = !truncated && output !== '' && !output.endsWith('\n');
    if (truncated) output += `${output.endsWith('\n') || output === '' ? '' : '\n'}${truncationMarker(cap)}\n`;
    const frame = { output, status: -1, seq: 0, truncated, noFinalNewline };
    parts = [];
    bytes = 0;
    truncated = false;
    return frame;
  };

  const scan = (text: string): void => {
    if (!started) {
      const i = text.indexOf(ready);
      const nl = i < 0 ? -1 : text.indexOf('\n', i);
      if (nl < 0) {
        tail = text;
        return;
      }
      before += text.slice(0, i);
      started = true;
      on.onReady(Number(text.slice(i + ready.length, nl)));
      text = text.slice(nl + 1);
    }
    for (;;) {
      const i = text.indexOf(mark);
      const nl = i < 0 ? -1 : text.indexOf('\n', i + mark.length);
      if (nl < 0) {
        const keep = i >= 0 ? i : partialMarkAt(text, mark);
        commit(text.slice(0, keep));
        tail = text.slice(keep);
        return;
      }
      commit(text.slice(0, i));
      const [seq, status, traced] = text.slice(i + mark.length, nl).split(' ');
      text = text.slice(nl + 1);
      if (seq === 'exit') {
        tail = text;
        on.onExit(Number(status));
        return;
      }
      const frame = { ...take(), status: Number(status), seq: Number(seq) };
      // Under `set -x` the command ran two levels deep (an `eval` in the sourced loop): its trace lines
      // show `+++ cmd` where a terminal shows `+ cmd`.
      if (traced === 'x') frame.output = frame.output.replace(/^\+\+(\++ )/gm, '$1');
      on.onFrame(frame);
    }
  };

  return {
    push: (chunk) => scan(tail + decoder.write(chunk)),
    flush: () => {
      const rest = tail + decoder.end();
      tail = '';
      if (started) commit(rest);
      else before += rest;
      return take();
    },
    preamble: () => before + (started ? '' : tail),
  };
}
