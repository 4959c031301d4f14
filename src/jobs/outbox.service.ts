import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from './job-catalogue';
import { JobExecutor } from './job-executor';
import { OUTBOX_WAKE, OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

/**
 * How a write causes a job: inside the writer's own transaction,
 *
 *   await this.transactions.run(async (manager) => {
 *     … the write …
 *     await this.outbox.add(manager, JobName.DailyReport, { date });
 *   });
 *
 * The row commits or rolls back with the write; after the commit the relay queues it (id `report:<date>` unless
 * jobId is given). Redis being down never fails the write.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly executor: JobExecutor,
    private readonly relay: OutboxRelay,
  ) {}

  async add<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayloads[N],
    jobId?: string,
  ): Promise<void> {
    await this.write(manager, name, [payload], jobId ?? null);
  }

  /** Several jobs of one kind in one statement (a batch of visits, say); each still runs on its own. */
  async addMany<N extends JobName>(
    manager: EntityManager,
    name: N,
    payloads: JobPayloads[N][],
  ): Promise<void> {
    if (payloads.length > 0) await this.write(manager, name, payloads, null);
  }

  private async write<N extends JobName>(
    manager: EntityManager,
    name: N,
    payloads: JobPayloads[N][],
    jobId: string | null,
  ): Promise<void> {
    // A job that could never run is refused with the write, not later.
    for (const payload of payloads) this.executor.keyOf(name, payload);
    const createdAt = new Date();
    await this.repository.insert(
      manager,
      payloads.map((payload) => ({ name, payload: JSON.stringify(payload), jobId, createdAt })),
    );
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) runner.data = { ...runner.data, [OUTBOX_WAKE]: true };
    else this.relay.wake();
  }
}
