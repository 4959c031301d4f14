import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** A checkpoint as written to the log and into each daily report: enough to check the chain against later. */
export interface AuditCheckpoint {
  entries: number;
  head: string;
  mac: string;
}

/**
 * The MAC key for checkpoints: AUDIT_KEY if set, else derived from PII_KEY (HKDF). Either way it is not in the
 * database, so whoever can rewrite the tables cannot write a checkpoint that verifies.
 */
export class AuditCheckpointKey {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'audit-checkpoint', 32));
  }

  mac(entries: number, head: string): string {
    return createHmac('sha256', this.key).update(`${entries}:${head}`).digest('hex');
  }

  verify(checkpoint: AuditCheckpoint): boolean {
    const expected = Buffer.from(this.mac(checkpoint.entries, checkpoint.head), 'hex');
    const given = Buffer.from(checkpoint.mac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
