import { describe, expect, it } from 'vitest';
import { snapshotPath } from '../../src/snapshot/snapshot-path.js';

describe('snapshotPath', () => {
  it('mirrors a runbook under runbooks/ into a sibling snapshots/', () => {
    expect(snapshotPath('runbooks/k3s-networking.md')).toBe('snapshots/k3s-networking.snap.json');
    expect(snapshotPath('/repo/runbooks/net/k3s.md')).toBe('/repo/snapshots/net/k3s.snap.json');
    expect(snapshotPath('/repo/docs/runbooks/a.markdown')).toBe('/repo/docs/snapshots/a.snap.json');
    expect(snapshotPath('/runbooks/a.md')).toBe('/snapshots/a.snap.json');
  });
  it('puts other runbooks in a snapshots/ folder beside them', () => {
    expect(snapshotPath('docs/k3s.md')).toBe('docs/snapshots/k3s.snap.json');
    expect(snapshotPath('k3s.md')).toBe('snapshots/k3s.snap.json');
  });
});
