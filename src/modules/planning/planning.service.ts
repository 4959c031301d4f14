import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/domain-error';
import { uniqueViolation } from '../../common/errors/unique-violation';
import { Page } from '../../common/http/pagination';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { HouseholdAccess } from '../households/household-access';
import { HouseholdDerived } from '../households/household-derived.service';
import { STAGE_LABELS, Stage } from '../households/household-stages';
import { OrgDirectory } from '../org/org-directory';
import {
  AtRiskHouseholdView,
  HouseholdPlanView,
  PaceView,
  PlanningOverviewView,
  SetMoveDateDto,
  VillagePlanView,
} from './dtos/planning.dto';
import { VillagePlanEntity } from './entities/village-plan.entity';
import {
  daysFromTo,
  daysNeeded,
  forecastDate,
  PACE_WINDOW_DAYS,
  plannedStages,
  planVerdict,
  remainingSteps,
  targetStage,
} from './plan';
import { PlanningErrors } from './planning.errors';
import { PlanningRepository } from './planning.repository';
import { STAGE_LEADS } from './stage-leads';
import { VillagePaces } from './village-paces';

export const paceView = (measuredOn: string | null, steps: number, openHouseholds: number): PaceView => ({
  measuredOn,
  windowDays: PACE_WINDOW_DAYS,
  steps,
  openHouseholds,
  perDay: steps / PACE_WINDOW_DAYS,
});

/** 搬迁节点倒排 (docs/architecture.md, "Planning"): move dates, a household's plan, the villages at risk. */
@Injectable()
export class PlanningService {
  constructor(
    private readonly repository: PlanningRepository,
    private readonly paces: VillagePaces,
    private readonly org: OrgDirectory,
    private readonly households: HouseholdAccess,
    private readonly derived: HouseholdDerived,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  private async requireVillage(villageId: string) {
    const village = await this.org.findById(villageId);
    if (!village || village.kind !== 'village') throw PlanningErrors.villageNotFound();
    return village;
  }

  /** Sets (or moves) a village's move date, audited; the village's lights are then replanned. */
  async setMoveDate(actor: Actor, villageId: string, dto: SetMoveDateDto): Promise<VillagePlanView> {
    await this.requireVillage(villageId);
    const now = this.clock.now();
    const today = this.paces.today(now);
    if (dto.date < today) throw PlanningErrors.moveDatePast(today);
    const reason = dto.reason.trim();
    const plan = await this.transactions
      .run(async (manager) => {
        const existing = await this.repository.findVillagePlan(villageId, manager);
        if (existing && dto.version !== undefined && dto.version !== existing.version)
          throw CommonErrors.staleVersion();
        if (existing?.moveDate === dto.date) return existing; // nothing changes: no audit entry, no replanning
        const fields = { moveDate: dto.date, reason, updatedBy: actor.id, updatedAt: now };
        if (existing) {
          if (!(await this.repository.updateMoveDate(manager, villageId, existing.version, fields)))
            throw CommonErrors.staleVersion();
        } else {
          await this.repository.insert(
            manager,
            Object.assign(new VillagePlanEntity(), {
              villageId,
              ...fields,
              version: 1,
            }),
          );
        }
        await this.audit.record(manager, actor, {
          action: 'move_date_set',
          entityType: 'village',
          entityId: villageId,
          before: existing ? { moveDate: existing.moveDate } : null,
          after: { moveDate: dto.date },
          context: { reason },
        });
        return (await this.repository.findVillagePlan(villageId, manager))!;
      })
      .catch((error: unknown) => {
        // Two first move dates of one village at once: the primary key lets one in, the other re-reads.
        if (uniqueViolation(error)) throw CommonErrors.staleVersion();
        throw error;
      });
    // After the commit: the village's pace measured and stored, every light of the village recomputed.
    const { households } = await this.derived.recomputeLights(now, villageId);
    return {
      villageId,
      moveDate: plan.moveDate,
      reason: plan.reason,
      version: plan.version,
      updatedAt: plan.updatedAt.toISOString(),
      updatedBy: plan.updatedBy,
      replanned: households,
    };
  }

  /**
   * A household's planned dates (404 outside the caller's scope): from its batch's move date, else its village's,
   * judged with the pace its light uses.
   */
  async householdPlan(actor: Actor, householdId: string): Promise<HouseholdPlanView> {
    const household = await this.households.requireVisible(actor, householdId);
    const [villagePlan, batch, stored] = [
      await this.repository.findVillagePlan(household.villageId),
      await this.repository.batchOf(householdId),
      await this.repository.findPace(household.villageId),
    ];
    const moveDate = batch?.moveDate ?? villagePlan?.moveDate ?? null;
    const today = this.paces.today(this.clock.now());
    const remaining = remainingSteps(household.stage, STAGE_LEADS);
    const base = {
      householdId,
      villageId: household.villageId,
      stage: household.stage,
      target: targetStage(STAGE_LEADS),
      remainingSteps: remaining,
      batch: batch && { id: batch.id, name: batch.name, moveDate: batch.moveDate },
      villageMoveDate: villagePlan?.moveDate ?? null,
    };
    if (!moveDate)
      return {
        ...base,
        moveDate: null,
        daysLeft: null,
        stages: [],
        behindPlan: false,
        pace: null,
        daysNeeded: null,
        cannotMakeMoveDate: false,
      };
    const pace = stored && { steps: stored.steps, openHouseholds: stored.openHouseholds };
    const verdict = planVerdict(household.stage, moveDate, today, pace, STAGE_LEADS);
    return {
      ...base,
      moveDate,
      daysLeft: daysFromTo(today, moveDate),
      stages: plannedStages(household.stage, moveDate, today, STAGE_LEADS).map((stage) => ({
        ...stage,
        label: STAGE_LABELS[stage.stage],
      })),
      behindPlan: verdict.behindPlan,
      pace: stored && paceView(stored.paceDate, stored.steps, stored.openHouseholds),
      daysNeeded: pace && daysNeeded(remaining, pace),
      cannotMakeMoveDate: verdict.cannotMakeMoveDate,
    };
  }

  /** Per village: its move date, progress, pace over the last 14 days, forecast and households at risk. */
  async overview(): Promise<PlanningOverviewView> {
    const today = this.paces.today(this.clock.now());
    const [units, plans, progress, atRisk] = [
      await this.org.all(),
      new Map((await this.repository.allVillagePlans()).map((plan) => [plan.villageId, plan])),
      await this.paces.measure(today),
      new Map((await this.repository.atRiskCounts()).map((row) => [row.villageId, row])),
    ];
    const villages = units
      .filter((unit) => unit.kind === 'village')
      .map((village) => {
        const plan = plans.get(village.id) ?? null;
        const measured = progress.get(village.id) ?? {
          households: 0,
          remaining: 0,
          steps: 0,
          openHouseholds: 0,
        };
        const risk = atRisk.get(village.id);
        const forecast = forecastDate(today, measured.remaining, measured.steps);
        return {
          villageId: village.id,
          villageName: village.name,
          townshipId: village.parentId,
          moveDate: plan?.moveDate ?? null,
          version: plan?.version ?? null,
          households: measured.households,
          openHouseholds: measured.openHouseholds,
          remainingSteps: measured.remaining,
          pace: paceView(today, measured.steps, measured.openHouseholds),
          forecastDate: forecast,
          forecastLate: !!plan && (forecast === null || forecast > plan.moveDate),
          atRisk: risk?.atRisk ?? 0,
          behindPlan: risk?.behindPlan ?? 0,
          cannotMakeMoveDate: risk?.cannotMakeMoveDate ?? 0,
        };
      })
      // Planned villages first, the earliest move date first; then the others by name.
      .sort(
        (a, b) =>
          (a.moveDate ?? '9999').localeCompare(b.moveDate ?? '9999') ||
          a.villageName.localeCompare(b.villageName),
      );
    return {
      today,
      leads: STAGE_LEADS.map((lead) => ({ ...lead, label: STAGE_LABELS[lead.stage as Stage] })),
      villages,
    };
  }

  /** A village's households whose light carries a plan reason, those who cannot make it first. */
  async atRisk(villageId: string, page: number, pageSize: number): Promise<Page<AtRiskHouseholdView>> {
    await this.requireVillage(villageId);
    const { items, total } = await this.repository.atRiskPage(villageId, page, pageSize);
    return {
      items: items.map((row) => ({ ...row, lightReasons: JSON.parse(row.lightReasons) as string[] })),
      total,
      page,
      pageSize,
    };
  }
}
