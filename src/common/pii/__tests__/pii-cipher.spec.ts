import { PiiCipher } from '../pii-cipher';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'hex');
const OTHER_KEY = Buffer.alloc(32, 7);

describe('PiiCipher', () => {
  const cipher = new PiiCipher(KEY);

  it('round-trips text, including Chinese', () => {
    for (const plain of ['43310119800315123X', '13812345678', '龙老三 矮寨镇']) {
      const stored = cipher.encrypt(plain);
      expect(stored.startsWith('v1:')).toBe(true);
      expect(stored).not.toContain(plain);
      expect(cipher.decrypt(stored)).toBe(plain);
    }
  });

  it('uses a fresh IV: the same text encrypts differently each time', () => {
    const a = cipher.encrypt('43310119800315123X');
    const b = cipher.encrypt('43310119800315123X');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe(cipher.decrypt(b));
  });

  it('refuses a tampered ciphertext', () => {
    const stored = cipher.encrypt('43310119800315123X');
    const raw = Buffer.from(stored.slice(3), 'base64');
    for (const index of [0, 14, raw.length - 1]) {
      const copy = Buffer.from(raw);
      copy[index] ^= 0x01;
      expect(() => cipher.decrypt(`v1:${copy.toString('base64')}`)).toThrow();
    }
  });

  it('refuses a ciphertext made with another key', () => {
    const stored = new PiiCipher(OTHER_KEY).encrypt('13812345678');
    expect(() => cipher.decrypt(stored)).toThrow();
  });

  it('refuses an unknown format version', () => {
    expect(() => cipher.decrypt('v2:AAAA')).toThrow(/version/);
  });

  it('has a stable keyed hash: equal for equal text, different for other text or another key', () => {
    const hash = cipher.hash('43310119800315123X');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new PiiCipher(KEY).hash('43310119800315123X')).toBe(hash);
    expect(cipher.hash('433101198003151236')).not.toBe(hash);
    expect(new PiiCipher(OTHER_KEY).hash('43310119800315123X')).not.toBe(hash);
  });

  it('treats empty optional values as null', () => {
    expect(cipher.encryptOptional(null)).toBeNull();
    expect(cipher.encryptOptional('')).toBeNull();
    expect(cipher.decryptOptional(null)).toBeNull();
    expect(cipher.decryptOptional(cipher.encryptOptional('13812345678'))).toBe('13812345678');
  });

  it('insists on a 32-byte key', () => {
    expect(() => new PiiCipher(Buffer.alloc(31))).toThrow(/32 bytes/);
    expect(() => new PiiCipher(Buffer.alloc(33))).toThrow(/32 bytes/);
  });
});
