import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * AES-256-GCM for personal data at rest, and a keyed hash (HMAC-SHA256) so exact matches can be
 * found and made unique without decrypting. Both keys are derived from PII_KEY.
 */
export class PiiCipher {
  /** A KeyObject, made once: given a Buffer, every createDecipheriv imports it anew (~20 µs, 40 per list page). */
  private readonly encryptionKey: KeyObject;
  private readonly hashKey: KeyObject;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('PII key must be 32 bytes');
    this.encryptionKey = createSecretKey(
      Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pii-encryption-v1', 32)),
    );
    this.hashKey = createSecretKey(
      Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pii-lookup-hash-v1', 32)),
    );
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('Unknown PII ciphertext version');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  hash(plain: string): string {
    return createHmac('sha256', this.hashKey).update(plain).digest('hex');
  }

  encryptOptional(plain: string | null | undefined): string | null {
    return plain ? this.encrypt(plain) : null;
  }

  decryptOptional(stored: string | null | undefined): string | null {
    return stored ? this.decrypt(stored) : null;
  }
}
