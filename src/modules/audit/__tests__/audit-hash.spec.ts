import { auditHash, diffChanges, GENESIS_HASH, SealableEntry } from '../audit-hash';

const entry: SealableEntry = {
  sealIndex: 1,
  at: new Date('2026-11-27T08:00:00.123Z'),
  actorId: '6b0b2a8e-7c1b-4f5e-9a3e-2a1d3c4b5e6f',
  actorRole: 'commander',
  action: 'update',
  entityType: 'household',
  entityId: '0c7f9a40-1111-4222-8333-944455556666',
  householdId: '0c7f9a40-1111-4222-8333-944455556666',
  changes: JSON.stringify({ headName: { from: '龙老三', to: '龙老四' } }),
  requestId: 'req-1',
};

describe('auditHash', () => {
  it('is a stable sha-256 hex digest of the entry and the previous hash', () => {
    const hash = auditHash(entry, GENESIS_HASH);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...entry }, GENESIS_HASH)).toBe(hash);
  });

  it('changes when any stored field changes', () => {
    const base = auditHash(entry, GENESIS_HASH);
    const variants: Partial<SealableEntry>[] = [
      { sealIndex: 2 },
      { at: new Date('2026-11-27T08:00:00.124Z') },
      { actorId: null },
      { actorRole: 'admin' },
      { action: 'create' },
      { entityType: 'user' },
      { entityId: 'x' },
      { householdId: null },
      { changes: '{}' },
      { requestId: null },
    ];
    const hashes = variants.map((v) => auditHash({ ...entry, ...v }, GENESIS_HASH));
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it('chains: the same entry after another previous hash hashes differently', () => {
    const first = auditHash(entry, GENESIS_HASH);
    expect(auditHash(entry, first)).not.toBe(first);
  });

  it('does not let field boundaries shift (values are encoded, not concatenated)', () => {
    const a = auditHash({ ...entry, action: 'ab', entityType: 'c' }, GENESIS_HASH);
    const b = auditHash({ ...entry, action: 'a', entityType: 'bc' }, GENESIS_HASH);
    expect(a).not.toBe(b);
  });
});

describe('diffChanges', () => {
  it('lists only the fields that changed, from → to', () => {
    expect(
      diffChanges(
        { headName: '龙老三', group: '1组', flags: ['low_income'] },
        { headName: '龙老四', group: '1组', flags: ['low_income', 'disabled'] },
      ),
    ).toEqual({
      headName: { from: '龙老三', to: '龙老四' },
      flags: { from: ['low_income'], to: ['low_income', 'disabled'] },
    });
  });

  it('records a creation as from null and a removal as to null', () => {
    expect(diffChanges(null, { code: 'AZ-1', note: null })).toEqual({ code: { from: null, to: 'AZ-1' } });
    expect(diffChanges({ code: 'AZ-1' }, null)).toEqual({ code: { from: 'AZ-1', to: null } });
  });

  it('treats a missing field and null as the same', () => {
    expect(diffChanges({ address: null }, {})).toEqual({});
  });

  it('never writes personal data in clear, only that it changed', () => {
    const changes = diffChanges(
      { headIdNumber: '43310119550101011X', phone: '13812345678', password: null },
      { headIdNumber: '433101195501010128', phone: null, password: 'new-secret' },
    );
    expect(changes).toEqual({
      headIdNumber: { from: '(已加密)', to: '(已加密)' },
      phone: { from: '(已加密)', to: null },
      password: { from: null, to: '(已加密)' },
    });
    const text = JSON.stringify(changes);
    for (const secret of ['43310119550101011X', '433101195501010128', '13812345678', 'new-secret'])
      expect(text).not.toContain(secret);
  });

  it('leaves unchanged personal data out entirely', () => {
    expect(diffChanges({ phone: '13812345678' }, { phone: '13812345678' })).toEqual({});
  });
});
