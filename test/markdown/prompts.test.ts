import { describe, expect, it } from 'vitest';
import { matchPrompt } from '../../src/markdown/prompts.js';

describe('matchPrompt', () => {
  it('reads USER@HOST:PATH$ and # prompts', () => {
    expect(matchPrompt('ubuntu@vm1:~$ kubectl get nodes')).toEqual({ prompt: 'ubuntu@vm1:~$ ', host: 'vm1', user: 'ubuntu', rest: 'kubectl get nodes' });
    expect(matchPrompt('root@fiveg-host-24-node4:~# multipass list ')).toMatchObject({ host: 'fiveg-host-24-node4', user: 'root', rest: 'multipass list ' });
    expect(matchPrompt('me@box:/etc/nginx$ ls')).toMatchObject({ host: 'box', rest: 'ls' });
    expect(matchPrompt('me@box:~/src/x$ ls')).toMatchObject({ host: 'box', rest: 'ls' });
  });

  it('reads HOST:PATH# and $ prompts, and [user@host dir]$', () => {
    expect(matchPrompt('test-pod:~# tcpdump -vni eth0')).toEqual({ prompt: 'test-pod:~# ', host: 'test-pod', rest: 'tcpdump -vni eth0' });
    expect(matchPrompt('$ echo hi')).toEqual({ prompt: '$ ', rest: 'echo hi' });
    expect(matchPrompt('[root@centos ~]# uptime')).toMatchObject({ host: 'centos', user: 'root', rest: 'uptime' });
  });

  it('takes a prompt with nothing after it, with or without the trailing space', () => {
    expect(matchPrompt('ubuntu@vm1:~$')).toMatchObject({ host: 'vm1', rest: '' });
    expect(matchPrompt('ubuntu@vm1:~$ ')).toMatchObject({ host: 'vm1', rest: '' });
    expect(matchPrompt('$')).toEqual({ prompt: '$', rest: '' });
  });

  it('never takes comment lines or cheat-sheet output for prompts', () => {
    for (const line of [
      '# DNS REQUEST',
      '#',
      'Chain KUBE-EXT-MUSBZEOMK5UKWKKU (1 references)',
      '-A KUBE-SERVICES -d 10.43.180.238/32 -p tcp -j KUBE-SVC-V2OKYYMBY3REGZOG',
      ':KUBE-SVC-V2OKYYMBY3REGZOG - [0:0]',
      '13:09:28.510565 IP (tos 0x0, ttl 64, id 6023, offset 0, flags [DF], proto UDP (17), length 96)',
      '10.42.0.2       coredns-6799fbcd5-9ln42',
      'KUBE-MARK-MASQ  tcp  -- !fiveg-host-24-node4/16  10.43.143.108',
      'Last login: Tue Jun 11 01:57:04 2024 from 10.65.94.1',
      'http://example.com/#',
      'TCPDUMP Traces from pod:',
      '  2     16:9b:6c:12:bd:34       no                 2.45',
      '$HOME is set',
      'price: 5$ each',
    ]) {
      expect(matchPrompt(line), line).toBeNull();
    }
  });

  it('tries configured patterns first, anchored at line start, with host and user groups', () => {
    const custom = [/(?<host>[a-z0-9-]+)> /, /PS> /];
    expect(matchPrompt('router1> show ip route', custom)).toEqual({ prompt: 'router1> ', host: 'router1', rest: 'show ip route' });
    expect(matchPrompt('PS> Get-Item .', custom)).toEqual({ prompt: 'PS> ', rest: 'Get-Item .' });
    expect(matchPrompt('see router1> here', custom)).toBeNull();
    expect(matchPrompt('$ ls', custom)).toEqual({ prompt: '$ ', rest: 'ls' });
  });
});
