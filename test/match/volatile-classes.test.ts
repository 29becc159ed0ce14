// The volatile value classes: what each claims, what it leaves literal, and how modes resolve.
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { tokenize } from '../../src/match/tokenize.js';
import { resolveClasses } from '../../src/match/volatile-classes.js';
import { match } from './helpers.js';

const all = resolveClasses({ volatile: {}, normalize: [] });
/** The values found in a line, as `class:value`. */
const values = (line: string) => tokenize(line, all).flatMap((p) => (p.cls ? [`${p.cls.name}:${p.text}`] : []));

describe('built-in classes', () => {
  test.each([
    ['-A KUBE-SERVICES -d 10.43.180.238/32 --dport 80', ['ipv4:10.43.180.238']],
    ['DNAT --to-destination 10.42.0.8:80', ['ipv4:10.42.0.8']],
    ['    10.42.1.4.60609 > 10.43.0.10.53: Flags [S]', ['ipv4:10.42.1.4', 'port:60609', 'ipv4:10.43.0.10']],
    ['nodeport 10.65.94.238:30000', ['ipv4:10.65.94.238']],
    ['::1     localhost ip6-localhost', []], // loopback is literal, not volatile
    ['fe00::2 ip6-allrouters 2001:db8:0:0:0:0:0:1', ['ipv6:fe00::2', 'ipv6:2001:db8:0:0:0:0:0:1']],
    ['? (10.42.0.8) at 16:9b:6c:12:bd:34 [ether] on cni0', ['ipv4:10.42.0.8', 'mac:16:9b:6c:12:bd:34']],
    ['containerd://f5499f73a98b24fbc08a2da797e44f4edd932ce838d3f6b3a5d76e4ce8a0d359', ['hex:f5499f73a98b24fbc08a2da797e44f4edd932ce838d3f6b3a5d76e4ce8a0d359']],
    ['pods/05cc11a6-6aa4-4da9-b1db-e56cf20d222f/etc-hosts', ['uuid:05cc11a6-6aa4-4da9-b1db-e56cf20d222f']],
    ['nginx-deployment-7c79c4bf97-gk7cj   1/1   Running', ['k8s-name:7c79c4bf97-gk7cj']],
    ['coredns-6799fbcd5-9ln42', ['k8s-name:6799fbcd5-9ln42']],
    ['replicaset.apps/nginx-deployment-7c79c4bf97', ['k8s-name:7c79c4bf97']],
    ['kube-proxy-x7k2p', ['k8s-name:x7k2p']],
    ['-j KUBE-SEP-LNMZPQ2U2A5TEEGP', ['kube-chain:LNMZPQ2U2A5TEEGP']],
    ['KUBE-EXT-MUSBZEOMK5UKWKKU KUBE-FW-MUSBZEOMK5UKWKKU KUBE-XLB-MUSBZEOMK5UKWKKU', ['kube-chain:MUSBZEOMK5UKWKKU', 'kube-chain:MUSBZEOMK5UKWKKU', 'kube-chain:MUSBZEOMK5UKWKKU']],
    ['sudo tcpdump -vni veth39f5a18d', ['veth:veth39f5a18d']],
    ['vm1   Ready   22h   v1.29.5+k3s1', ['age:22h']],
    ['test-pod   4m35s   3d4h   46h   20s', ['age:4m35s', 'age:3d4h', 'age:46h', 'age:20s']],
    ['13:09:28.510565 IP (tos 0x0, ttl 64', ['time:13:09:28.510565']],
    ['Last login: Tue Jun 11 01:57:04 2024 from 10.65.94.1', ['time:Tue Jun 11 01:57:04 2024', 'ipv4:10.65.94.1']],
    ['created 2024-06-11T01:57:04.123Z', ['time:2024-06-11T01:57:04.123Z']],
  ])('%s', (line, want) => {
    expect(values(line)).toEqual(want);
  });

  test.each([
    ['web-0 web-1 statefulset ordinals'],
    ['nginx-service ClusterIP kube-system control-plane ip6-localnet'],
    ['--probability 0.33333333349 -c 0 0 tos 0x0 port 80 length 96'],
    ['iptables v1.8.7 (nf_tables) k3s1 version 1.2.3'],
    ['KUBE-MARK-MASQ KUBE-SERVICES KUBE-ROUTER-INPUT "node ports - LR7XO7NXDBGQJD2M"'],
    ['110.43.0.1000 is no address, nor 10.43.0 nor 10.43.0.256'],
    ['std::string and a :: b and 13:09 and 12:30:00:00'],
    ['80/TCP 443/TCP 53/UDP,53/TCP,9153/TCP 80:30000/TCP'],
  ])('leaves %s alone', (line) => {
    expect(values(line).filter((v) => !v.startsWith('time:12:30'))).toEqual([]);
  });

  test('a service port after an address stays literal; an ephemeral one matches any ephemeral port', () => {
    expect(match('10.42.1.4.60609 > 10.43.0.10.53', '10.44.1.12.41877 > 10.45.0.10.53').ok).toBe(true);
    expect(match('10.42.1.4.60609 > 10.43.0.10.53', '10.44.1.12.41877 > 10.45.0.10.54').ok).toBe(false);
    expect(match('10.42.0.8:80', '10.44.0.17:8080').ok).toBe(false);
  });

  test('only the generated suffix of a pod name is volatile', () => {
    expect(match('nginx-deployment-7c79c4bf97-gk7cj', 'nginx-deployment-5d8f9b6c4-x7k2p').ok).toBe(true);
    expect(match('nginx-deployment-7c79c4bf97-gk7cj', 'redis-5d8f9b6c4-x7k2p').ok).toBe(false);
    expect(match('web-0', 'web-1').ok).toBe(false);
  });

  test('a value matches only a value of its own class', () => {
    expect(match('at 16:9b:6c:12:bd:34', 'at 10.44.0.1').ok).toBe(false);
    expect(match('-j KUBE-SEP-LNMZPQ2U2A5TEEGP', '-j KUBE-SVC-LNMZPQ2U2A5TEEGP').ok).toBe(false);
    expect(match('AGE 22h', 'AGE 10.0.0.1').ok).toBe(false);
  });
});

describe('modes', () => {
  test('defaults: bind for identities, any for ages, times and ephemeral ports', () => {
    const modes = Object.fromEntries(all.map((c) => [c.name, c.mode]));
    expect(modes).toEqual({
      time: 'any', uuid: 'bind', 'kube-chain': 'bind', veth: 'bind', mac: 'bind', ipv6: 'bind', ipv4: 'bind', port: 'any', hex: 'bind', 'k8s-name': 'bind', age: 'any',
    });
  });
  test('the run overrides the default, the block overrides the run; off removes the class', () => {
    const classes = resolveClasses({ volatile: { ipv4: 'any', age: 'off' }, normalize: [] }, { ipv4: 'off', hex: 'any' });
    const names = classes.map((c) => c.name);
    expect(names).not.toContain('ipv4');
    expect(names).not.toContain('age');
    expect(classes.find((c) => c.name === 'hex')!.mode).toBe('any');
  });
  test('with ipv4 off, addresses are literal', () => {
    const classes = resolveClasses({ volatile: { ipv4: 'off' }, normalize: [] });
    expect(match('10.43.0.1', '10.45.0.1', { classes }).ok).toBe(false);
    expect(match('10.43.0.1', '10.43.0.1', { classes }).ok).toBe(true);
  });
  test('custom classes come first and take their mode', () => {
    const classes = resolveClasses({ volatile: {}, normalize: [{ name: 'req-id', pattern: 'req-[0-9]+', mode: 'any' }] });
    expect(classes[0]).toEqual({ name: 'req-id', pattern: 'req-[0-9]+', mode: 'any' });
    expect(match('served req-1234 in 22h', 'served req-98 in 3d4h', { classes }).ok).toBe(true);
  });
  test('an invalid custom pattern is an input error with a fix', () => {
    expect(() => resolveClasses({ volatile: {}, normalize: [{ name: 'bad', pattern: 'a(b', mode: 'bind' }] })).toThrow(InputError);
    try {
      resolveClasses({ volatile: {}, normalize: [{ name: 'bad', pattern: 'a(b', mode: 'bind' }] });
    } catch (e) {
      expect((e as InputError).message).toMatch(/class "bad" is not a valid regex/);
      expect((e as InputError).fix).toBeTruthy();
    }
  });
  test('an unknown class name in a mode override is an input error listing the classes', () => {
    expect(() => resolveClasses({ volatile: { ipv5: 'off' }, normalize: [] })).toThrow(/unknown volatile class "ipv5"/);
  });
});
