import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { SyncRepository } from './sync.repository';
import { removalsBefore } from './sync.service';

const HOUR_MS = 60 * 60 * 1000;

/**
 * A single process forgets a user's old removals when that user pulls. In a cluster on SQLite the pulls are
 * served by readers, which cannot write, so the writer forgets everyone's once an hour instead.
 */
@Injectable()
export class SyncHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncHousekeeping.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly sync: SyncRepository,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role !== 'writer') return;
    this.timer = setInterval(() => {
      this.purge().catch((error) => this.logger.warn(`purging old sync removals failed: ${error}`));
    }, HOUR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  purge(): Promise<void> {
    return this.transactions.run((manager) =>
      this.sync.purgeAllRemovals(manager, removalsBefore(this.clock.now())),
    );
  }
}
