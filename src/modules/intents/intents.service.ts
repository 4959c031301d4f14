import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Actor } from '../../common/policy/actor';
import { businessDate, Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { ApprovalView } from '../approvals/dtos/approval.dto';
import { ApprovalsService } from '../approvals/approvals.service';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { HouseholdDerived } from '../households/household-derived.service';
import { INTENT_FROZEN_FROM } from '../stages/stage-machine';
import { stageIndex } from '../households/household-stages';
import { IntentRecordView, RecordIntentDto } from './dtos/intent.dto';
import { IntentRecordEntity } from './entities/intent-record.entity';
import { IntentErrors } from './intents.errors';
import { IntentsRepository } from './intents.repository';
import { Household, HouseholdAccess } from '../households/household-access';
import { VisitsService } from '../visits/visits.service';
import { intentRecordView } from './intent.view';

export interface IntentInput {
  option: string;
  site?: string | null;
  livelihood?: string | null;
  note?: string | null;
  visitId?: string | null;
}

/** Where an intent change came from: the API, a ledger import, or an approved change after signing. */
export type IntentSource = 'api' | 'import' | 'approval';

/** One intent change as `prepare` builds it: what to insert, which household columns change, what to audit. */
export interface IntentChange {
  record: IntentRecordEntity;
  fields: Pick<
    Household,
    'intentOption' | 'intentSite' | 'intentLivelihood' | 'intentRecordedAt' | 'updatedAt'
  >;
  audit: AuditRecord;
}

export type IntentResult =
  { recorded: true; record: IntentRecordView } | { recorded: false; approval: ApprovalView };

@Injectable()
export class IntentsService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intents: IntentsRepository,
    private readonly households: HouseholdAccess,
    private readonly visits: VisitsService,
    private readonly approvals: ApprovalsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly derived: HouseholdDerived,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.approvals.registerApplier('intent_change', async (manager, actor, approval, household) => {
      await this.recordInTransaction(
        manager,
        actor,
        household,
        JSON.parse(approval.payload ?? '{}'),
        'approval',
        approval.id,
      );
    });
  }

  static isFrozen(stage: string): boolean {
    return stageIndex(stage) >= stageIndex(INTENT_FROZEN_FROM);
  }

  /** POST /households/:id/intent: recorded at once, or after signing a command-centre approval is opened. */
  async request(actor: Actor, householdId: string, dto: RecordIntentDto): Promise<IntentResult> {
    return this.transactions.run(async (manager) => {
      const household = await this.households.requireWorkable(
        actor,
        householdId,
        manager,
        IntentErrors.notYours,
      );
      if (dto.visitId && !(await this.visits.belongsTo(manager, dto.visitId, householdId))) {
        throw IntentErrors.visitNotOfHousehold();
      }
      if (IntentsService.isFrozen(household.stage)) {
        const approval = await this.approvals.open(manager, actor, household, {
          kind: 'intent_change',
          from: household.stage,
          to: household.stage,
          levels: ['command_centre'],
          payload: {
            option: dto.option,
            site: dto.site ?? null,
            livelihood: dto.livelihood ?? null,
            note: dto.note ?? null,
            visitId: dto.visitId ?? null,
          },
          comment: dto.note,
        });
        return { recorded: false, approval };
      }
      return {
        recorded: true,
        record: await this.recordInTransaction(manager, actor, household, dto, 'api'),
      };
    });
  }

  /**
   * Records an intent inside the caller's transaction (the API, the ledger import, an approval).
   * Refused with INTENT_FROZEN after signing unless it comes from an approval.
   */
  async recordInTransaction(
    manager: EntityManager,
    actor: Actor,
    household: Household,
    input: IntentInput,
    source: IntentSource,
    approvalId: string | null = null,
  ): Promise<IntentRecordView> {
    const change = this.prepare(actor, household, input, source, approvalId);
    await this.intents.insert(manager, change.record);
    await this.households.touch(manager, household.id, change.fields);
    Object.assign(household, change.fields, { version: household.version + 1 });
    await this.audit.record(manager, actor, change.audit);
    await this.derived.refreshLight(manager, household);
    return intentRecordView(change.record);
  }

  /**
   * The record, household columns and audit entry of one intent change, written by nobody yet: for a
   * caller that writes many households at once (the ledger import puts the columns into its own INSERT or
   * UPDATE, then calls `insertRecords` and writes the audit entries with its own). An intent is not an
   * input of the light, so there is no light to recompute.
   */
  prepare(
    actor: Actor,
    household: Household,
    input: IntentInput,
    source: IntentSource,
    approvalId: string | null = null,
  ): IntentChange {
    if (source !== 'approval' && IntentsService.isFrozen(household.stage)) throw IntentErrors.frozen();
    const now = this.clock.now();
    const record = Object.assign(new IntentRecordEntity(), {
      id: randomUUID(),
      householdId: household.id,
      option: input.option,
      site: input.site ?? null,
      livelihood: input.livelihood ?? null,
      note: input.note ?? null,
      visitId: input.visitId ?? null,
      approvalId,
      previousOption: household.intentOption,
      actorId: actor.id,
      recordedAt: now,
      businessDate: businessDate(now, this.config.businessTimeZone),
    });
    const fields = {
      intentOption: record.option,
      intentSite: record.site,
      intentLivelihood: record.livelihood,
      intentRecordedAt: now,
      updatedAt: now,
    };
    const audit: AuditRecord = {
      action: source === 'import' ? 'import' : 'intent_change',
      entityType: 'household',
      entityId: household.id,
      before: {
        intent: {
          option: household.intentOption,
          site: household.intentSite,
          livelihood: household.intentLivelihood,
        },
      },
      after: { intent: { option: record.option, site: record.site, livelihood: record.livelihood } },
      context: {
        source,
        intentRecordId: record.id,
        visitId: record.visitId ?? undefined,
        approvalId: approvalId ?? undefined,
      },
    };
    return { record, fields, audit };
  }

  /** Writes prepared records in multi-row INSERTs (their households must be written first). */
  insertRecords(manager: EntityManager, changes: IntentChange[]): Promise<void> {
    return this.intents.insertMany(
      manager,
      changes.map((change) => change.record),
    );
  }

  async history(actor: Actor, householdId: string): Promise<IntentRecordView[]> {
    await this.households.requireVisible(actor, householdId);
    return (await this.intents.history(householdId)).map(intentRecordView);
  }
}
