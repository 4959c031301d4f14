import { validClaims } from '../token-claims';

describe('validClaims', () => {
  const now = 1_800_000_000;
  const good = {
    sub: '0c5f1a2b-1234-4567-8901-123456789012',
    role: 'cadre',
    tv: 3,
    iat: now - 10,
    exp: now + 100,
  };

  it('accepts well-formed claims', () => {
    expect(validClaims(good, now)).toEqual(good);
    expect(validClaims({ ...good, iat: now + 60 }, now)).not.toBeNull(); // within the allowed skew
  });

  it.each([
    ['no sub', { ...good, sub: undefined }],
    ['empty sub', { ...good, sub: '' }],
    ['sub not a UUID', { ...good, sub: 'admin' }],
    ['tv missing', { ...good, tv: undefined }],
    ['tv zero', { ...good, tv: 0 }],
    ['tv fractional', { ...good, tv: 1.5 }],
    ['exp missing', { ...good, exp: undefined }],
    ['expired', { ...good, exp: now }],
    ['iat missing', { ...good, iat: undefined }],
    ['iat beyond the skew', { ...good, iat: now + 61 }],
    ['iat after exp', { ...good, iat: now + 50, exp: now + 40 }],
  ])('refuses %s', (_name, claims) => {
    expect(validClaims(claims, now)).toBeNull();
  });

  it('refuses what is not an object', () => {
    expect(validClaims(null, now)).toBeNull();
    expect(validClaims('sub', now)).toBeNull();
  });
});
