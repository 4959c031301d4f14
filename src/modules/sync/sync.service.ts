import { Injectable } from '@nestjs/common';
import { maskPhone } from '../../common/pii/masking';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { Actor } from '../../common/policy/actor';
import { Clock, DAY_MS } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { flagsFromColumn } from '../households/household.view';
import {
  SyncHouseholdDto,
  SyncProblemDto,
  SyncPullDto,
  SyncTaskDto,
  SyncRecentVisitDto,
} from './dtos/sync.dto';
import { decodeCursor, encodeCursor } from './sync-cursor';
import { HouseholdRow, SyncRepository, TaskRow } from './sync.repository';

/** Removals are answered for this long; an older cursor gets a reset. */
export const CURSOR_MAX_AGE_MS = 30 * DAY_MS;
/** Removals are kept a day longer than a cursor lives (the database's clock wrote them, not ours). */
export const removalsBefore = (now: Date): Date => new Date(now.getTime() - CURSOR_MAX_AGE_MS - DAY_MS);
const DONE_TASKS_MS = 7 * DAY_MS;
const RECENT_VISITS = 3;

const groupBy = <T extends { householdId: string }, V>(rows: T[], view: (row: T) => V): Map<string, V[]> => {
  const map = new Map<string, V[]>();
  for (const row of rows) {
    const list = map.get(row.householdId);
    if (list) list.push(view(row));
    else map.set(row.householdId, [view(row)]);
  }
  return map;
};

/** GET /sync/pull: what the cadre's phone keeps offline, whole (reset) or as the changes since its cursor. */
@Injectable()
export class SyncService {
  constructor(
    private readonly sync: SyncRepository,
    private readonly transactions: TransactionRunner,
    private readonly pii: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async pull(actor: Actor, since: string | undefined): Promise<SyncPullDto> {
    const now = this.clock.now();
    const cursor = decodeCursor(since);
    // Another user's or too old a cursor is as good as none: the phone starts over rather than showing an error.
    const usable =
      cursor && cursor.userId === actor.id && now.getTime() - cursor.issuedAt <= CURSOR_MAX_AGE_MS
        ? cursor
        : null;
    // One transaction: on SQLite it runs in the writers' queue, so nothing is half-committed while the stamp is read.
    return this.transactions.run(async (manager) => {
      const seq = await this.sync.currentSeq(manager);
      // A cluster's reader cannot write: there the writer purges everyone's, hourly (SyncHousekeeping).
      if (!this.transactions.readOnly) await this.sync.purgeRemovals(manager, actor.id, removalsBefore(now));
      const from = usable ? this.sync.seq(manager, usable.seq) : null;
      const households = await this.sync.households(manager, actor.id, from);
      const ids = households.map((h) => h.id);
      const problems = groupBy(await this.sync.openProblems(manager, ids), SyncService.problem);
      const visits = groupBy(await this.sync.recentVisits(manager, ids, RECENT_VISITS), SyncService.visit);
      const tasks = await this.sync.tasks(
        manager,
        actor.id,
        from === null ? { doneSince: new Date(now.getTime() - DONE_TASKS_MS) } : { since: from },
      );
      return {
        cursor: encodeCursor({ seq: String(seq), issuedAt: now.getTime(), userId: actor.id }),
        reset: from === null,
        serverTime: now.toISOString(),
        households: households.map((h) =>
          this.household(h, problems.get(h.id) ?? [], visits.get(h.id) ?? []),
        ),
        removedHouseholdIds:
          from === null ? [] : await this.sync.removed(manager, 'household', actor.id, from),
        tasks: tasks.filter((t) => t.status !== 'cancelled').map(SyncService.task),
        removedTaskIds: [
          ...tasks.filter((t) => t.status === 'cancelled').map((t) => t.id),
          ...(from === null ? [] : await this.sync.removed(manager, 'task', actor.id, from)),
        ],
      };
    });
  }

  private household(
    h: HouseholdRow,
    openProblems: SyncProblemDto[],
    recentVisits: SyncRecentVisitDto[],
  ): SyncHouseholdDto {
    return {
      id: h.id,
      code: h.code,
      headName: h.headName,
      // Always masked: the phone may be lost; the full number is one audited ?reveal=true away.
      phone: maskPhone(this.pii.decryptOptional(h.phoneEnc)),
      villageId: h.villageId,
      villageName: h.villageName ?? '',
      group: h.group,
      address: h.address,
      stage: h.stage,
      intent:
        h.intentRecordedAt === null && h.intentOption === 'undecided'
          ? null
          : {
              option: h.intentOption,
              site: h.intentSite,
              livelihood: h.intentLivelihood,
              recordedAt: h.intentRecordedAt?.toISOString() ?? null,
            },
      onHold: h.onHold,
      holdReason: h.holdReason,
      light: h.light,
      lightReasons: JSON.parse(h.lightReasons) as string[],
      flags: flagsFromColumn(h.flags),
      lastVisitAt: h.lastVisitAt?.toISOString() ?? null,
      version: h.version,
      updatedAt: h.updatedAt.toISOString(),
      openProblems,
      recentVisits,
    };
  }

  private static problem(p: {
    id: string;
    category: string;
    severity: string;
    status: string;
    description: string;
    dueAt: Date;
  }): SyncProblemDto {
    return {
      id: p.id,
      category: p.category,
      severity: p.severity,
      status: p.status,
      description: p.description,
      dueAt: p.dueAt.toISOString(),
    };
  }

  private static visit(v: {
    id: string;
    visitedAt: Date;
    method: string;
    summary: string;
    attitude: string | null;
  }): SyncRecentVisitDto {
    return {
      id: v.id,
      visitedAt: v.visitedAt.toISOString(),
      method: v.method,
      summary: v.summary,
      attitude: v.attitude,
    };
  }

  private static task(t: TaskRow): SyncTaskDto {
    return {
      id: t.id,
      kind: t.kind,
      targetType: t.targetType,
      targetId: t.targetId,
      instruction: t.instruction,
      householdId: t.householdId,
      householdCode: t.householdCode,
      cycleDate: t.cycleDate,
      dueDate: t.dueDate,
      status: t.status,
      note: t.note,
      createdAt: t.createdAt.toISOString(),
      completedAt: t.completedAt?.toISOString() ?? null,
    };
  }
}
