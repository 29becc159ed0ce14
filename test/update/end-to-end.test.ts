// update with the real parser, matcher and run loop (on scripted sessions):
// after update the runbook passes, a second update changes nothing, and the
// bytes around the changes survive.
import { describe, expect, it } from 'vitest';
import { mergeConfig } from '../../src/config/load.js';
import { parseRunbook } from '../../src/markdown/parse-runbook.js';
import { isFailure, outcomeMessage, type RunbookResult } from '../../src/run/types.js';
import { runRunbook } from '../../src/run/run-runbook.js';
import { applyPatch } from '../../src/update/apply-patch.js';
import { planUpdate } from '../../src/update/plan-update.js';
import { scriptedPool, type Script } from './support/scripted-pool.js';

/** Parses and runs `source` on the script. */
async function run(source: string, script: Script): Promise<RunbookResult> {
  const config = mergeConfig([]);
  const rb = parseRunbook('doc.md', source, config);
  return runRunbook(rb, config, scriptedPool(script), { selection: { only: [] }, bail: false, signal: new AbortController().signal, reporter: {} });
}

/** One update: run, plan, apply. */
async function update(source: string, script: Script): Promise<string> {
  return applyPatch(source, planUpdate(await run(source, script), { redact: [] }));
}

const failedSteps = (r: RunbookResult) => r.results.filter((x) => isFailure(x.outcome)).map((x) => `${x.step.line}: ${outcomeMessage(x.outcome) ?? ''}`);

const script: Script = {
  'kubectl get svc nginx': { output: 'NAME    CLUSTER-IP\nnginx   10.43.12.7\n' },
  'curl -s 10.43.12.7': { output: 'hello\nfrom nginx\n' },
  'ls /etc/app': { output: 'a.conf\nc.conf\n' },
  'grep -c x /etc/app/a.conf': { output: '0\n', exitCode: 1 },
  'uname -s': { output: 'Linux\n' },
  'date': { output: 'Sat Nov 28\n' },
};

describe('update with the real parser, matcher and run loop', () => {
  for (const eol of ['\n', '\r\n']) {
    it(`rewrites only what drifted, then the runbook passes and a second update is a no-op (${JSON.stringify(eol)})`, async () => {
      const source = [
        '\uFEFF# Service check\t ',
        '',
        'The service answers on 10.43.180.238, see below.',
        '',
        '```console',
        '$ kubectl get svc nginx',
        'NAME    CLUSTER-IP',
        'nginx   10.43.180.238',
        '$ curl -s 10.43.180.238',
        'hello',
        '```',
        '',
        '> ```console',
        '> $ ls /etc/app',
        '> a.conf',
        '> b.conf',
        '> $ grep -c x /etc/app/a.conf',
        '> 3',
        '> ```',
        '',
        '- step one:',
        '  ```console',
        '  $ uname -s',
        '  [...]',
        '  $ date',
        '  ```',
        '',
        'trailing text  ',
      ].join(eol);
      const once = await update(source, script);
      expect(once).toBe(
        [
          '\uFEFF# Service check\t ',
          '',
          'The service answers on 10.43.12.7, see below.',
          '',
          '```console',
          '$ kubectl get svc nginx',
          'NAME    CLUSTER-IP',
          'nginx   10.43.180.238',
          '$ curl -s 10.43.12.7',
          'hello',
          'from nginx',
          '```',
          '',
          '> ```console',
          '> $ ls /etc/app',
          '> a.conf',
          '> c.conf',
          '> $ grep -c x /etc/app/a.conf',
          '> 0',
          '> [1]',
          '> ```',
          '',
          '- step one:',
          '  ```console',
          '  $ uname -s',
          '  [...]',
          '  $ date',
          '  Sat Nov 28',
          '  ```',
          '',
          'trailing text  ',
        ]
          .join(eol)
          // the service IP line matched through its binding: kept as written, then rebound
          .replace('nginx   10.43.180.238', 'nginx   10.43.12.7'),
      );
      expect(failedSteps(await run(once, script))).toEqual([]);
      expect(await update(once, script)).toBe(once);
    });
  }
});
