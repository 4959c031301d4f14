import { decodeCursor, encodeCursor } from '../sync-cursor';

describe('sync cursor', () => {
  const cursor = {
    seq: '9007199254740993',
    issuedAt: 1_764_900_000_000,
    userId: 'b1c2d3e4-0000-4000-8000-000000000001',
  };

  it('round-trips, keeping a stamp beyond 2^53 exact', () => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['not base64url', 'abc$%'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['other version', Buffer.from(JSON.stringify({ v: 2, s: '1', t: 1, u: 'x' })).toString('base64url')],
    ['negative stamp', Buffer.from(JSON.stringify({ v: 1, s: '-1', t: 1, u: 'x' })).toString('base64url')],
    ['numeric stamp', Buffer.from(JSON.stringify({ v: 1, s: 5, t: 1, u: 'x' })).toString('base64url')],
    ['no user', Buffer.from(JSON.stringify({ v: 1, s: '5', t: 1 })).toString('base64url')],
    ['too long', 'a'.repeat(501)],
  ])('reads %s as no cursor', (_, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});
