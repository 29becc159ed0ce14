// For a terminal: coloured step lines, coloured diffs, and a live spinner line
// with elapsed time and the last output line of a long step.
import pc from 'picocolors';
import { isFailure, type Reporter, type ReporterOptions } from '../run/types.js';
import { commandHead, describeFailure, describeSubstitutions, whereOf } from './describe-step.js';
import { failureBreakdown, summaryLine } from './totals.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function colourLine(line: string): string {
  const body = line.slice(2);
  if (body.startsWith('+')) return `  ${pc.green(body)}`;
  if (body.startsWith('-')) return `  ${pc.red(body)}`;
  if (body.startsWith('@@')) return `  ${pc.cyan(body)}`;
  return line;
}

/** A reporter for people at a terminal. */
export function prettyReporter(options: ReporterOptions): Reporter {
  const live = process.stderr.isTTY === true;
  let timer: NodeJS.Timeout | undefined;
  let lastLine = '';
  const clear = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (live) process.stderr.write('\r\x1b[2K');
  };
  const mark = {
    passed: pc.green('✓'),
    drifted: pc.red('✗'),
    errored: pc.red('!'),
    blocked: pc.yellow('⊘'),
    skipped: pc.dim('-'),
  };
  return {
    onStepStart(step, command) {
      if (!live) return;
      const started = Date.now();
      let frame = 0;
      lastLine = '';
      const draw = () => {
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        const tail = lastLine ? pc.dim(` │ ${lastLine.slice(0, 60)}`) : '';
        process.stderr.write(`\r\x1b[2K${pc.cyan(FRAMES[frame++ % FRAMES.length]!)} ${step.file}:${step.line} [${step.target}] ${commandHead(command, 50)} ${pc.dim(`${secs}s`)}${tail}`);
      };
      timer = setInterval(draw, 100);
      timer.unref();
    },
    onStepOutput(_step, chunk) {
      const lines = chunk.split('\n').filter((l) => l.trim() !== '');
      if (lines.length > 0) lastLine = lines[lines.length - 1]!.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    },
    onStepEnd(r) {
      clear();
      const secs = r.execution ? pc.dim(` ${(r.execution.durationMs / 1000).toFixed(2)}s`) : '';
      const lines = [`${mark[r.outcome.status]} ${pc.dim(whereOf(r))} ${pc.bold(`[${r.step.target}]`)} ${commandHead(r.commandRun)}${secs}`];
      if (r.outcome.status === 'skipped' && options.verbose) lines.push(pc.dim(`  (${r.outcome.reason})`));
      if (options.verbose) for (const item of describeSubstitutions(r).map((l) => pc.dim(l))) lines.push(item);
      if (isFailure(r.outcome)) for (const item of describeFailure(r, options.verbose).map(colourLine)) lines.push(item);
      options.write(`${lines.join('\n')}\n`);
    },
    onRunEnd(_results, totals) {
      clear();
      const line = summaryLine(totals);
      const breakdown = failureBreakdown(totals);
      return totals.failed > 0 ? `${breakdown}\n${pc.red(line)}` : pc.green(line);
    },
  };
}
