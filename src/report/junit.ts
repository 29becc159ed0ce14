// JUnit XML: one testsuite per runbook, one testcase per step.
import { outcomeKind, outcomeMessage, type Reporter, type RunbookResult } from '../run/types.js';
import { commandHead, describeFailure, outcomeHead } from './describe-step.js';

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 forbids most control characters, even escaped.
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** JUnit XML for CI systems that show test reports. */
export function junitReporter(): Reporter {
  return {
    onRunEnd(results: RunbookResult[], totals) {
      const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
      // JUnit's two kinds of failure: <failure> for drift (the docs are wrong), <error> for steps that could not run.
      out.push(`<testsuites tests="${totals.passed + totals.failed + totals.skipped}" failures="${totals.drifted}" errors="${totals.errored + totals.blocked}" skipped="${totals.skipped}">`);
      for (const r of results) {
        const count = (...st: string[]) => r.results.filter((s) => st.includes(s.outcome.status)).length;
        out.push(`  <testsuite name="${escapeXml(r.runbook.file)}" tests="${r.results.length}" failures="${count('drifted')}" errors="${count('errored', 'blocked')}" skipped="${count('skipped')}" time="${(r.durationMs / 1000).toFixed(3)}">`);
        for (const s of r.results) {
          const name = escapeXml(`${s.step.file}:${s.step.line} [${s.step.target}] ${commandHead(s.commandRun)}`);
          const time = ((s.execution?.durationMs ?? 0) / 1000).toFixed(3);
          out.push(`    <testcase classname="${escapeXml(r.runbook.file)}" name="${name}" time="${time}">`);
          const o = s.outcome;
          if (o.status === 'skipped') out.push(`      <skipped message="${escapeXml(o.reason)}"/>`);
          if (o.status === 'drifted' || o.status === 'errored' || o.status === 'blocked') {
            const first = (outcomeMessage(o) ?? 'output differs').split('\n')[0]!;
            const tag = o.status === 'drifted' ? 'failure' : 'error';
            const type = outcomeKind(o) ?? o.status;
            out.push(`      <${tag} type="${type}" message="${escapeXml(`${outcomeHead(o)}: ${first}`)}">${escapeXml(describeFailure(s).join('\n'))}</${tag}>`);
          }
          out.push('    </testcase>');
        }
        out.push('  </testsuite>');
      }
      out.push('</testsuites>');
      return out.join('\n');
    },
  };
}
