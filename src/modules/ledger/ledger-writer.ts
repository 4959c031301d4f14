import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommonErrors, DomainError } from '../../common/errors/domain-error';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { Actor } from '../../common/policy/actor';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { householdAuditView } from '../households/household.view';
import { IntentChange, IntentsService } from '../intents/intents.service';
import { HOUSEHOLD_SHEET, HouseholdKey } from './ledger-format';
import { WritePlan } from './ledger-planner';
import { chunks } from '../../common/chunks';
import { HouseholdRegister } from '../households/household-register';
import { householdRow } from '../households/household-access';

/** Which import wrote an entry: on every household's audit entry, so the timeline can name the file. */
export interface ImportStamp {
  importId: string;
  file: string;
  sha256: string;
}

/**
 * Households per transaction. On SQLite a batch holds the one writer (other requests queue behind it):
 * 500 households (intents included) take a fraction of a second, and fewer, larger commits write less WAL.
 */
export const BATCH_SIZE = 500;
/** PostgreSQL takes several writers at once: batches touch disjoint rows, so they can run side by side. */
const POSTGRES_PARALLEL_BATCHES = 3;

class StaleRow extends Error {}

export interface WriteFailure {
  key: HouseholdKey | null;
  message: string;
}

/**
 * Writes planned households in batches, each household with its members, audit entry and intent record.
 * A batch that fails (a conflict nobody could see beforehand) is retried one household per transaction,
 * so one bad household never takes the others with it.
 */
@Injectable()
export class LedgerWriter {
  private readonly logger = new Logger(LedgerWriter.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly ledger: HouseholdRegister,
    private readonly audit: AuditService,
    private readonly intents: IntentsService,
    private readonly pii: PiiCipher,
  ) {}

  /** Returns the plans that could not be written, with the reason and the column it concerns. */
  async write(plans: WritePlan[], actor: Actor, stamp: ImportStamp): Promise<Map<WritePlan, WriteFailure>> {
    const failures = new Map<WritePlan, WriteFailure>();
    const batches = chunks(plans, BATCH_SIZE);
    const writeNext = async (): Promise<void> => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        await this.writeOrRetry(batch, actor, stamp, failures);
      }
    };
    const workers = this.transactions.isPostgres ? POSTGRES_PARALLEL_BATCHES : 1;
    await Promise.all(Array.from({ length: workers }, writeNext));
    return failures;
  }

  private async writeOrRetry(
    batch: WritePlan[],
    actor: Actor,
    stamp: ImportStamp,
    failures: Map<WritePlan, WriteFailure>,
  ): Promise<void> {
    try {
      await this.transactions.run((manager) => this.writeBatch(manager, batch, actor, stamp));
    } catch {
      for (const plan of batch) {
        try {
          await this.transactions.run((manager) => this.writeBatch(manager, [plan], actor, stamp));
        } catch (error) {
          failures.set(plan, this.reason(error));
        }
      }
    }
  }

  async recordSummary(actor: Actor, stamp: ImportStamp, summary: Record<string, unknown>): Promise<void> {
    await this.transactions.run((manager) =>
      this.audit.record(manager, actor, {
        action: 'import',
        entityType: 'ledger_import',
        entityId: stamp.importId,
        context: { file: stamp.file, sha256: stamp.sha256, ...summary },
      }),
    );
  }

  private async writeBatch(
    manager: EntityManager,
    batch: WritePlan[],
    actor: Actor,
    stamp: ImportStamp,
  ): Promise<void> {
    // Copies, so a retry starts again from the plan: the intent columns are merged into them below.
    const plans = batch.map((plan) => ({
      ...plan,
      entity: householdRow(plan.entity),
      fields: plan.fields && { ...plan.fields },
    }));
    // The household's own audit entry shows what the row changed besides the intent (which has its own).
    const entries: AuditRecord[] = plans
      .filter((p) => p.kind === 'create' || p.fields)
      .map((p) => ({
        action: 'import',
        entityType: 'household',
        entityId: p.entity.id,
        before: p.before ? householdAuditView(p.before, this.pii, p.beforeMembers) : null,
        after: householdAuditView(p.entity, this.pii, p.members ?? p.beforeMembers),
        context: { ...stamp, sheet: HOUSEHOLD_SHEET, row: p.source.row.row },
      }));
    const intents = this.applyIntents(plans, actor, stamp);
    const creates = plans.filter((p) => p.kind === 'create');
    await this.ledger.insertHouseholds(
      manager,
      creates.map((p) => p.entity),
      actor.id,
    );
    const updates = plans.filter((p) => p.kind === 'update');
    for (const plan of updates) {
      if (
        plan.fields &&
        !(await this.ledger.update(
          manager,
          plan.before!,
          plan.fields,
          actor.id,
          plan.fields.updatedAt ?? plan.before!.updatedAt,
        ))
      )
        throw new StaleRow();
    }
    const replaced = updates.filter((p) => p.members);
    await this.ledger.deleteMembers(
      manager,
      replaced.map((p) => p.before!.id),
    );
    await this.ledger.insertMembers(
      manager,
      plans.flatMap((p) => p.members ?? []),
    );
    await this.intents.insertRecords(manager, intents);
    entries.push(...intents.map((change) => change.audit));
    await this.audit.record(manager, actor, ...entries);
  }

  /**
   * Intents go into the household's own INSERT or UPDATE, and their records into multi-row INSERTs: one
   * intent per household the API's way would be four statements each on SQLite's one connection.
   */
  private applyIntents(plans: WritePlan[], actor: Actor, stamp: ImportStamp): IntentChange[] {
    const intents: IntentChange[] = [];
    for (const plan of plans) {
      if (!plan.intent) continue;
      const change = this.intents.prepare(actor, plan.before ?? plan.entity, plan.intent, 'import');
      // Like the household's own entry: the timeline names the file and row the intent came from.
      change.audit.context = {
        ...change.audit.context,
        ...stamp,
        sheet: HOUSEHOLD_SHEET,
        row: plan.source.row.row,
      };
      intents.push(change);
      Object.assign(plan.entity, change.fields);
      if (plan.kind === 'update') {
        if (!plan.fields) plan.entity.version = plan.before!.version + 1;
        plan.fields = { ...plan.fields, ...change.fields };
      }
    }
    return intents;
  }

  private reason(error: unknown): WriteFailure {
    if (error instanceof StaleRow)
      return { key: 'code', message: `${CommonErrors.staleVersion().message}，本户未导入` };
    if (error instanceof DomainError) {
      return { key: error.code === 'INTENT_FROZEN' ? 'intentOption' : null, message: error.message };
    }
    const violation = uniqueViolation(error);
    if (violation && /code/i.test(violation)) return { key: 'code', message: '户编号已被使用' };
    if (violation) return { key: 'headIdNumber', message: '身份证号已登记在其他户' };
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { key: null, message: '写入失败，请稍后重试' };
  }
}
