// The chain names must be the ones a real kube-proxy prints: checked against the cheat sheet.
import { describe, expect, it } from 'vitest';
import { endpointChainName, externalChainName, serviceChainName } from '../../src/lab/chain-names.js';
import { kubeRouterHash, kubeRouterRules } from '../../src/lab/kube-router-rules.js';

describe('kube-proxy chain names', () => {
  it('gives the cheat sheet SVC/EXT chains', () => {
    expect(serviceChainName('default/nginx-service')).toBe('KUBE-SVC-V2OKYYMBY3REGZOG');
    expect(serviceChainName('default/nginx-np-service')).toBe('KUBE-SVC-MUSBZEOMK5UKWKKU');
    expect(externalChainName('default/nginx-np-service')).toBe('KUBE-EXT-MUSBZEOMK5UKWKKU');
    expect(serviceChainName('default/nginx-service', 'TCP')).toBe('KUBE-SVC-V2OKYYMBY3REGZOG');
  });

  it('hashes named ports and udp as kube-proxy does (well-known kube-dns and kubernetes chains)', () => {
    expect(serviceChainName('kube-system/kube-dns:dns', 'udp')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(serviceChainName('kube-system/kube-dns:dns-tcp', 'tcp')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
    expect(serviceChainName('kube-system/kube-dns:metrics', 'tcp')).toBe('KUBE-SVC-JD5MR3NA4I4DYORP');
    expect(serviceChainName('default/kubernetes:https', 'tcp')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
  });

  it('gives the cheat sheet SEP chains', () => {
    expect(endpointChainName('default/nginx-service', '10.42.0.8:80')).toBe('KUBE-SEP-LNMZPQ2U2A5TEEGP');
    expect(endpointChainName('default/nginx-service', '10.42.1.2:80')).toBe('KUBE-SEP-3Y75O4B4KDVD7TMA');
    expect(endpointChainName('default/nginx-service', '10.42.2.2:80')).toBe('KUBE-SEP-Z33JJVRDNG7R4HVW');
    expect(endpointChainName('default/nginx-np-service', '10.42.0.10:8080')).toBe('KUBE-SEP-MQVY6GCMKDVFWQIB');
    expect(endpointChainName('default/nginx-np-service', '10.42.1.6:8080')).toBe('KUBE-SEP-6BQ3QHB6G4YIKPPI');
    expect(endpointChainName('default/nginx-np-service', '10.42.2.5:8080')).toBe('KUBE-SEP-746QLTYFWXTG2Q66');
  });
});

describe("kube-router's rule hashes", () => {
  it("gives the cheat sheet's node-port whitelist (iptables-save | grep 30000 on vm1)", () => {
    const rules = kubeRouterRules();
    expect(rules).toContain(
      '-A KUBE-ROUTER-INPUT -p tcp -m comment --comment "allow LOCAL TCP traffic to node ports - LR7XO7NXDBGQJD2M" -m addrtype --dst-type LOCAL -m multiport --dports 30000:32767 -j RETURN',
    );
    expect(rules).toContain(
      '-A KUBE-ROUTER-INPUT -p udp -m comment --comment "allow LOCAL UDP traffic to node ports - 76UCBPIZNGJNWNUZ" -m addrtype --dst-type LOCAL -m multiport --dports 30000:32767 -j RETURN',
    );
    expect(rules).toContain('-A KUBE-ROUTER-INPUT -d 10.43.0.0/16 -m comment --comment "allow traffic to primary cluster IP range - TZZOAXOCHPHEHX7M" -j RETURN');
    expect(kubeRouterHash('INPUT', ['-m', 'comment', '--comment', 'kube-router netpol', '-j', 'KUBE-ROUTER-INPUT'])).toBe('4IA2OSFRMVNDXBVV');
  });
});
