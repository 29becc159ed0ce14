// A command that asks for a terminal (`kubectl exec -it`, `docker run -t`) gets
// one of its own in the session's shell, as it had where the transcript was
// typed: the program sees a terminal on stdout, lines come back with LF, the
// exit status and the session's variables are kept. Other commands do not.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantsTerminal } from '../../src/sessions/terminal-commands.js';
import { runbook, scratchWith } from '../support/cli.js';

describe('commands that ask for a terminal', () => {
  it.each([
    'kubectl exec -it test-pod -- curl http://nginx-service:80/',
    'kubectl  exec -ti -n kube-system coredns -- cat /etc/resolv.conf',
    'kubectl exec --tty -i test-pod -- ls',
    'sudo kubectl run -it --rm probe --image=busybox -- wget -qO- http://x',
    'docker run -it --rm --name x alpine ls',
    'docker exec -e A=1 -t box ls',
    'podman exec -t box ls 2>&1',
  ])('`%s` gets one', (command) => {
    expect(wantsTerminal(command)).toBe(true);
  });

  it.each([
    'kubectl exec -i test-pod -- curl http://nginx-service:80/',
    'kubectl exec test-pod -- ls -t',
    'kubectl get pods -o wide',
    'kubectl exec -it test-pod -- curl http://x | grep title',
    'kubectl exec -it test-pod -- true; echo done',
    'docker run --rm alpine ls -t',
    'A=1 kubectl exec -it test-pod -- ls',
    'echo kubectl exec -it test-pod',
  ])('`%s` does not', (command) => {
    expect(wantsTerminal(command)).toBe(false);
  });

  it('runs under a terminal of its own: LF line ends, exit status and variables kept; the others see none', async () => {
    const dir = scratchWith(
      [
        '```console',
        '$ BOX=box1',
        '$ docker exec -t $BOX check',
        'box1: stdout is a terminal',
        'second line',
        '[3]',
        '$ docker exec $BOX check',
        'box1: stdout is not a terminal',
        'second line',
        '[3]',
        '$ docker exec -t $BOX check | cat',
        'box1: stdout is not a terminal',
        'second line',
        '```',
        '',
      ].join('\n'),
    );
    // A docker of the test's own: it only says whether its stdout is a terminal.
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'docker'), '#!/bin/sh\nname=$2; [ "$2" = -t ] && name=$3\nif [ -t 1 ]; then echo "$name: stdout is a terminal"; else echo "$name: stdout is not a terminal"; fi\necho second line\nexit 3\n');
    chmodSync(join(dir, 'bin', 'docker'), 0o755);
    const r = await runbook(['run', '--reporter', 'plain', 'rb.md'], { cwd: dir, env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
    expect(r.exitCode, String(r.all)).toBe(0);
    expect(String(r.all)).toContain('4 passed, 0 failed, 0 skipped');
  });
});
