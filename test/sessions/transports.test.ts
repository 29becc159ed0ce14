// The real argv each transport builds, `via` nesting, and config mistakes.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { argvFor, transportName, type TransportContext } from '../../src/sessions/transports.js';

const ctx: TransportContext = { runPrefix: '/tmp/rb-test' };
const bash = ['bash', '--noprofile', '--norc'];
const sshOpts = [
  '-o', 'BatchMode=yes', '-o', 'ControlMaster=auto', '-o', 'ControlPath=/tmp/rb-test-%C', '-o', 'ControlPersist=60',
  '-o', 'StrictHostKeyChecking=accept-new', '-o', 'UserKnownHostsFile=/tmp/rb-test-known_hosts', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=20',
];

describe('argvFor', () => {
  it('runs local targets as they are', () => {
    expect(argvFor('h', { h: 'local' }, bash, ctx)).toEqual(bash);
  });

  it('builds each transport from its config word', () => {
    const targets = {
      s: { ssh: 'ubuntu@10.65.94.199', port: 2222, identity: '/k', options: ['ConnectTimeout=5', '-4'] },
      m: { multipass: 'vm1' },
      k: { kubectl: 'test-pod', namespace: 'default', container: 'c', context: 'lab' },
      d: { docker: 'web' },
      p: { podman: 'db' },
      n: { netns: 'blue' },
      c: { command: ['lxc', 'exec', 'c1', '--'] },
    };
    expect(argvFor('s', targets, bash, ctx)).toEqual([
      'ssh', '-T', '-p', '2222', '-i', '/k', '-o', 'ConnectTimeout=5', '-4', ...sshOpts, '--', 'ubuntu@10.65.94.199', 'bash --noprofile --norc',
    ]);
    expect(argvFor('m', targets, bash, ctx)).toEqual(['multipass', 'exec', 'vm1', '--', ...bash]);
    expect(argvFor('k', targets, bash, ctx)).toEqual(['kubectl', 'exec', '-i', '--context', 'lab', '-n', 'default', 'test-pod', '-c', 'c', '--', ...bash]);
    expect(argvFor('d', targets, bash, ctx)).toEqual(['docker', 'exec', '-i', 'web', ...bash]);
    expect(argvFor('p', targets, bash, ctx)).toEqual(['podman', 'exec', '-i', 'db', ...bash]);
    expect(argvFor('n', targets, bash, ctx)).toEqual(['ip', 'netns', 'exec', 'blue', ...bash]);
    expect(argvFor('c', targets, bash, ctx)).toEqual(['lxc', 'exec', 'c1', '--', ...bash]);
    expect(Object.keys(targets).map((t) => transportName(targets[t as keyof typeof targets]))).toEqual(
      ['ssh', 'multipass', 'kubectl', 'docker', 'podman', 'netns', 'command'],
    );
  });

  it('wraps the transport of a `via` target around its own, hop by hop', () => {
    const targets = {
      vm1: { multipass: 'vm1' },
      'test-pod': { kubectl: 'test-pod', via: 'vm1' },
      jump: { ssh: 'j@jump' },
      deep: { docker: 'web', via: 'jump' },
    };
    expect(argvFor('test-pod', targets, bash, ctx)).toEqual(['multipass', 'exec', 'vm1', '--', 'kubectl', 'exec', '-i', 'test-pod', '--', ...bash]);
    expect(argvFor('deep', targets, ['bash', '-c', "echo 'it''s' $HOME"], ctx)).toEqual(
      ['ssh', '-T', ...sshOpts, '--', 'j@jump', `docker exec -i web bash -c 'echo '\\''it'\\'''\\''s'\\'' $HOME'`],
    );
  });

  it('names every target of a via cycle, and how to fix it', () => {
    const targets = { a: { netns: 'a', via: 'b' }, b: { netns: 'b', via: 'a' } };
    const err = (() => { try { argvFor('a', targets, bash, ctx); } catch (e) { return e as InputError; } })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.format()).toBe('target "a" has a via cycle: a → b → a\n  remove one of the `via:` keys so the chain ends at a target without `via`');
  });

  it('names an unknown via target and where it is used', () => {
    expect(() => argvFor('pod', { pod: { kubectl: 'p', via: 'vm9' } }, bash, ctx)).toThrow('unknown target "vm9" named in `via:` of "pod"');
  });
});
