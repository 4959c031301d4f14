import { Injectable } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { AuditSealerService } from './audit-sealer.service';
import { auditHash, GENESIS_HASH } from './audit-hash';

export interface VerifyResult {
  ok: boolean;
  entries: number;
  brokenAt?: { id: number; sealIndex: number; reason: string };
}

@Injectable()
export class AuditVerifierService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly sealer: AuditSealerService,
  ) {}

  /** Walks the whole chain in seal order and reports the first entry whose hash or link does not hold. */
  async verify(): Promise<VerifyResult> {
    await this.sealer.sealPending();
    let expectedIndex = 0;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const batch = await this.repository.sealedAfter(expectedIndex, 5000);
      if (batch.length === 0) return { ok: true, entries: expectedIndex };
      for (const entry of batch) {
        expectedIndex += 1;
        const sealIndex = entry.sealIndex!;
        const broken = (reason: string): VerifyResult => ({
          ok: false,
          entries: expectedIndex - 1,
          brokenAt: { id: entry.id, sealIndex, reason },
        });
        if (sealIndex !== expectedIndex) return broken('missing entry before this one');
        if (entry.prevHash !== prevHash) return broken('link to previous entry does not match');
        if (auditHash({ ...entry, sealIndex }, prevHash) !== entry.hash)
          return broken('content does not match its hash');
        prevHash = entry.hash!;
      }
    }
  }
}
