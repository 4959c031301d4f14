import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, DAY_MS } from '../../common/time/business-clock';
import { TransactionJoiner, TransactionRunner } from '../../database/transaction-runner';
import { IdempotencyErrors } from './idempotency.errors';
import { IdempotencyRepository, StoredKey } from './idempotency.repository';

/** Keys are honoured for 7 days, then purged by the next keyed write (any user's). */
export const KEY_TTL_MS = 7 * DAY_MS;
/** How long a request waits for the answer of the one that holds its key (it committed, the answer follows). */
const WAIT_MS = 5_000;
const POLL_MS = 25;

export interface KeyedRequest {
  userId: string;
  key: string;
  requestHash: string;
}

export type Answer = { statusCode: number; body: unknown; replayed: boolean };

/** Thrown inside the write's transaction when another request holds the key: it rolls the write back. */
class KeyTaken extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Exactly once per (user, Idempotency-Key). The key's row is inserted as the first statement of the request's
 * write transaction (TransactionRunner.joining), so it commits with the write or not at all: a crash after the
 * commit leaves the key taken, never a write without its key; two requests racing on one key cannot both write.
 * The answer is stored right after the commit and replayed to later requests with the same content.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(
    request: KeyedRequest,
    handler: () => Promise<{ statusCode: number; body: unknown }>,
  ): Promise<Answer> {
    const stored = await this.live(request);
    // A key whose first request has committed but not yet stored its answer: wait for it, as a loser of the
    // claim does (answering 409 in progress here made a concurrent resend fail now and then on PostgreSQL).
    if (stored) return stored.response === null ? this.awaitAnswer(request) : this.answer(request, stored);

    const joiner = this.joiner(request);
    let result: { statusCode: number; body: unknown };
    try {
      result = await TransactionRunner.joining(joiner, handler);
    } catch (error) {
      if (error instanceof KeyTaken) return this.awaitAnswer(request);
      // A refusal (4xx) rolled its transaction back, key and all: nothing was written, so nothing is stored and
      // the same key may be tried again once the cause is fixed (the household released, the version refreshed).
      throw error;
    }
    if (!joiner.claimed) {
      // The route wrote nothing transactional (cannot happen on today's three routes): nothing to guard.
      return { ...result, replayed: false };
    }
    await this.transactions.run((manager) =>
      this.keys.complete(
        manager,
        request.userId,
        request.key,
        result.statusCode,
        JSON.stringify(result.body ?? null),
      ),
    );
    return { ...result, replayed: false };
  }

  private joiner(request: KeyedRequest): TransactionJoiner & { claimed: boolean } {
    const keys = this.keys;
    const clock = this.clock;
    return {
      claimed: false,
      async join(manager: EntityManager) {
        if (this.claimed) return;
        const at = clock.now();
        const won = await keys.claim(manager, {
          ...request,
          at,
          expiredBefore: new Date(at.getTime() - KEY_TTL_MS),
        });
        if (!won) throw new KeyTaken();
        this.claimed = true;
      },
      rolledBack() {
        this.claimed = false;
      },
    };
  }

  /** The stored key, unless it has expired (then it is as good as absent; the claim purges it). */
  private async live(request: KeyedRequest): Promise<StoredKey | null> {
    const stored = await this.keys.find(request.userId, request.key);
    if (!stored || stored.createdAt.getTime() < this.clock.now().getTime() - KEY_TTL_MS) return null;
    return stored;
  }

  private answer(request: KeyedRequest, stored: StoredKey): Answer {
    if (stored.requestHash !== request.requestHash) throw IdempotencyErrors.reused();
    if (stored.statusCode === null || stored.response === null) throw IdempotencyErrors.inProgress();
    return { statusCode: stored.statusCode, body: JSON.parse(stored.response), replayed: true };
  }

  /** Another request holds the key and has committed: wait briefly for its stored answer. */
  private async awaitAnswer(request: KeyedRequest): Promise<Answer> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const stored = await this.keys.find(request.userId, request.key);
      if (stored && (stored.requestHash !== request.requestHash || stored.response !== null)) {
        return this.answer(request, stored);
      }
      if (Date.now() >= deadline) throw IdempotencyErrors.inProgress();
      await sleep(POLL_MS);
    }
  }
}
