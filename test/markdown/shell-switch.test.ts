import { describe, expect, it } from 'vitest';
import { isShellExit, parseShellSwitch } from '../../src/markdown/shell-switch.js';

describe('parseShellSwitch', () => {
  it('recognizes multipass, ssh, kubectl, docker, podman and netns shells', () => {
    expect(parseShellSwitch('multipass shell vm1')).toEqual({ name: 'vm1', spec: { multipass: 'vm1' } });
    expect(parseShellSwitch('ssh ubuntu@10.65.94.199')).toEqual({ name: '10.65.94.199', spec: { ssh: 'ubuntu@10.65.94.199' } });
    expect(parseShellSwitch('ssh -p 2222 -i ~/.ssh/k -l root vm2')).toEqual({ name: 'vm2', spec: { ssh: 'root@vm2', port: 2222, identity: '~/.ssh/k' } });
    expect(parseShellSwitch('kubectl  exec -it test-pod -- bash')).toEqual({ name: 'test-pod', spec: { kubectl: 'test-pod' } });
    expect(parseShellSwitch('kubectl exec -ti pod/web -n prod -c app -- /bin/sh')).toEqual({ name: 'web', spec: { kubectl: 'web', namespace: 'prod', container: 'app' } });
    expect(parseShellSwitch('kubectl --namespace=kube-system exec -it coredns-x -- sh')).toEqual({ name: 'coredns-x', spec: { kubectl: 'coredns-x', namespace: 'kube-system' } });
    expect(parseShellSwitch('sudo docker exec -it web sh')).toEqual({ name: 'web', spec: { docker: 'web' } });
    expect(parseShellSwitch('podman exec -it -u root db bash')).toEqual({ name: 'db', spec: { podman: 'db' } });
    expect(parseShellSwitch('sudo ip netns exec rb-vm1 bash')).toEqual({ name: 'rb-vm1', spec: { netns: 'rb-vm1' } });
  });

  it('leaves commands that run something else alone', () => {
    for (const c of [
      'kubectl  exec -it test-pod -- curl http://nginx-service:80/',
      'kubectl exec -it test-pod -- cat /etc/resolv.conf',
      'ssh vm2 uptime',
      'ssh vm2 "ls /"',
      'multipass list',
      'docker exec web ls',
      'ip netns exec ns1 ip addr',
      'echo multipass shell vm1',
      'multipass shell vm1 | tee log',
    ]) {
      expect(parseShellSwitch(c), c).toBeNull();
    }
  });

  it('knows exit and logout', () => {
    expect(isShellExit('exit')).toBe(true);
    expect(isShellExit(' logout ')).toBe(true);
    expect(isShellExit('exit 3')).toBe(false);
  });
});
