// JUnit XML: one testsuite per runbook, one testcase per step.
import type { Reporter, RunbookResult } from '../run/types.js';
import { commandHead, describeFailure } from './describe-step.js';

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 forbids most control characters, even escaped.
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** JUnit XML for CI systems that show test reports. */
export function junitReporter(): Reporter {
  return {
    onRunEnd(results: RunbookResult[], totals) {
      const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
      out.push(`<testsuites tests="${totals.passed + totals.failed + totals.skipped}" failures="${totals.failed}" skipped="${totals.skipped}">`);
      for (const r of results) {
        const failed = r.results.filter((s) => s.status === 'failed').length;
        const skipped = r.results.filter((s) => s.status === 'skipped').length;
        out.push(`  <testsuite name="${escapeXml(r.runbook.file)}" tests="${r.results.length}" failures="${failed}" skipped="${skipped}" time="${(r.durationMs / 1000).toFixed(3)}">`);
        for (const s of r.results) {
          const name = escapeXml(`${s.step.file}:${s.step.line} [${s.step.target}] ${commandHead(s.commandRun)}`);
          const time = ((s.execution?.durationMs ?? 0) / 1000).toFixed(3);
          out.push(`    <testcase classname="${escapeXml(r.runbook.file)}" name="${name}" time="${time}">`);
          if (s.status === 'skipped') out.push(`      <skipped message="${escapeXml(s.reason ?? 'skipped')}"/>`);
          if (s.status === 'failed') {
            const first = (s.reason ?? 'output differs').split('\n')[0]!;
            out.push(`      <failure message="${escapeXml(first)}">${escapeXml(describeFailure(s).join('\n'))}</failure>`);
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
