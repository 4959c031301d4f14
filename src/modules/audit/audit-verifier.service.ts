import { Injectable } from '@nestjs/common';
import { AuditCheckpoint, AuditCheckpointKey } from './audit-checkpoint-key';
import { AuditRepository } from './audit.repository';
import { AuditSealerService } from './audit-sealer.service';
import { auditHash, GENESIS_HASH } from './audit-hash';

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The newest checkpoint the chain was held against (also in the log and in each daily report). */
  checkpoint?: AuditCheckpoint | null;
  /** The first entry (or checkpoint) that does not hold; `id` is null when the entry is missing altogether. */
  brokenAt?: { id: number | null; sealIndex: number; reason: string };
}

/** A checkpoint given from outside (a log line or a daily report): entry count and head hash. */
export interface ExternalCheckpoint {
  entries: number;
  head: string;
}

@Injectable()
export class AuditVerifierService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly sealer: AuditSealerService,
    private readonly key: AuditCheckpointKey,
  ) {}

  /**
   * Walks the whole chain in seal order and reports the first entry whose hash or link does not hold, then
   * holds it against every keyed checkpoint (and one given from outside): a rewritten entry no longer
   * matches its checkpoint's head, and a deleted tail leaves a checkpoint the chain does not reach.
   */
  async verify(external?: ExternalCheckpoint): Promise<VerifyResult> {
    await this.sealer.sealPending();
    const checkpoints = await this.repository.checkpoints();
    const forged = checkpoints.find((checkpoint) => !this.key.verify(checkpoint));
    if (forged) {
      return {
        ok: false,
        entries: 0,
        brokenAt: {
          id: null,
          sealIndex: forged.entries,
          reason: 'checkpoint does not verify: forged or altered',
        },
      };
    }
    const expected = new Map<number, { head: string; from: string }>();
    for (const checkpoint of checkpoints)
      expected.set(checkpoint.entries, { head: checkpoint.head, from: 'checkpoint' });
    if (external) expected.set(external.entries, { head: external.head, from: 'the given checkpoint' });
    const latest = checkpoints.length ? checkpoints[checkpoints.length - 1] : null;

    const walked = await this.walk(expected);
    if (walked.brokenAt) return { ...walked, ok: false, checkpoint: latest };
    const reach = Math.max(latest?.entries ?? 0, external?.entries ?? 0);
    if (reach > walked.entries) {
      return {
        ok: false,
        entries: walked.entries,
        checkpoint: latest,
        brokenAt: {
          id: null,
          sealIndex: walked.entries + 1,
          reason: `entries ${walked.entries + 1}–${reach} are missing: a checkpoint recorded ${reach} entries`,
        },
      };
    }
    return { ok: true, entries: walked.entries, checkpoint: latest };
  }

  private async walk(expected: Map<number, { head: string; from: string }>): Promise<VerifyResult> {
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
        const anchor = expected.get(sealIndex);
        if (anchor && anchor.head !== entry.hash)
          return broken(`does not match ${anchor.from}: the chain was rewritten up to here`);
        prevHash = entry.hash!;
      }
    }
  }
}
