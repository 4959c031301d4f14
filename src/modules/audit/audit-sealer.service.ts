import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditCheckpoint, AuditCheckpointKey } from './audit-checkpoint-key';
import { AuditRepository } from './audit.repository';
import { auditHash, GENESIS_HASH } from './audit-hash';

const BATCH = 1000;
// Any fixed number: all replicas agree that whoever holds this advisory lock is the one sealer.
const SEALER_LOCK = 7_310_100;

/**
 * Seals audit entries in id order: consecutive seal numbers, each hash chained to the previous one.
 * Writers never wait on the chain; one sealer at a time (a PostgreSQL advisory lock across replicas).
 */
@Injectable()
export class AuditSealerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSealerService.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly repository: AuditRepository,
    private readonly checkpointKey: AuditCheckpointKey,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'reader') return; // the cluster's writer seals (src/cluster/)
    this.timer = setInterval(() => {
      this.sealPending().catch((error) => this.logger.warn(`audit sealing failed: ${error}`));
    }, 2000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Seals everything committed so far; concurrent callers share one run. */
  async sealPending(): Promise<number> {
    let total = 0;
    for (;;) {
      this.running ??= this.sealBatch()
        .then((sealed) => {
          // Outside the database too: whoever rewrites the tables cannot rewrite what the log already shipped.
          // A readable log is a person's terminal, shipped nowhere: there a checkpoint every 2 s is only noise.
          if (sealed.checkpoint) {
            const line = `audit checkpoint ${JSON.stringify(sealed.checkpoint)}`;
            if (this.config.logFormat === 'json') this.logger.log(line);
            else this.logger.debug(line);
          }
          return sealed.sealed;
        })
        .finally(() => (this.running = null));
      const sealed = await this.running;
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  /** Everything committed so far sealed, and the chain's newest checkpoint: what a daily report keeps. */
  async checkpointNow(): Promise<AuditCheckpoint | null> {
    await this.sealPending();
    return this.repository.latestCheckpoint();
  }

  private sealBatch(): Promise<{ sealed: number; checkpoint?: AuditCheckpoint }> {
    return this.transactions.run(async (manager) => {
      if (this.transactions.isPostgres) {
        const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
          SEALER_LOCK,
        ]);
        if (!locked) return { sealed: 0 };
      }
      const entries = await this.repository.unsealed(manager, BATCH);
      if (entries.length === 0) return { sealed: 0 };
      const last = await this.repository.lastSealed(manager);
      let sealIndex = last?.sealIndex ?? 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const seals = entries.map((entry) => {
        sealIndex += 1;
        const hash = auditHash({ ...entry, sealIndex }, prevHash);
        const seal = { id: entry.id, sealIndex, hash, prevHash };
        prevHash = hash;
        return seal;
      });
      await this.repository.sealMany(manager, seals);
      const checkpoint = {
        entries: sealIndex,
        head: prevHash,
        mac: this.checkpointKey.mac(sealIndex, prevHash),
      };
      await this.repository.addCheckpoint(manager, checkpoint, this.clock.now());
      return { sealed: entries.length, checkpoint };
    });
  }
}
