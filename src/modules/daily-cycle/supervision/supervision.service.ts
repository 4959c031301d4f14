import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Clock, DAY_MS, daysBetween } from '../../../common/time/business-clock';
import { instant } from '../../../database/raw-query';
import { OrgNamesService } from '../reports/org-names.service';
import { APPROVAL_LEVEL_LABELS, ApprovalLevel } from '../../approvals/approval-levels';
import { STAGE_LABELS, Stage } from '../../households/household-stages';
import { SupervisionRepository, Thresholds } from './supervision.repository';
import { lightCutoffs } from '../../households/lights';
import { CHAIN_ROLE_LABELS, ChainRole } from '../../responsibility/responsibility-roles';

/** An approval still waiting after this long is chased by the dispatch. */
export const APPROVAL_AGING_DAYS = 2;

export interface OverdueItem {
  kind: 'overdue_visit' | 'stalled' | 'overdue_problem' | 'aging_approval';
  targetType: 'household' | 'problem' | 'approval';
  targetId: string;
  householdId: string | null;
  code: string | null;
  reason: string;
  since: string;
  days: number;
  owner: { type: 'user' | 'unit' | 'level'; id: string | null; name: string };
  /** The household's 包保 chain, cadre → village leader → task-force leader (empty without a household). */
  chain: ChainLink[];
}

export interface ChainLink {
  role: ChainRole;
  label: string;
  userId: string | null;
  name: string | null;
}

/** 督导: overdue visits, overdue problems, stalled households and aging approvals, each with reason and owner. */
@Injectable()
export class SupervisionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SupervisionRepository,
    private readonly names: OrgNamesService,
    private readonly clock: Clock,
  ) {}

  thresholds(now: Date): Thresholds {
    return {
      now,
      ...lightCutoffs(now, this.config.lights),
      approvalCutoff: new Date(now.getTime() - APPROVAL_AGING_DAYS * DAY_MS),
    };
  }

  counts(now: Date) {
    return this.repository.counts(this.thresholds(now));
  }

  async overdue(limit: number) {
    const now = this.clock.now();
    const t = this.thresholds(now);
    const [counts, visits, stalled, problems, approvals] = await Promise.all([
      this.repository.counts(t),
      this.repository.overdueVisits(t, limit, true),
      this.repository.stalledHouseholds(t, limit, true),
      this.repository.overdueProblems(t, limit, true),
      this.repository.agingApprovals(t, limit, true),
    ]);
    const rows = [...visits, ...stalled, ...problems, ...approvals];
    const userIds = rows.flatMap((r) => [r.cadre_id, r.village_leader_id, r.task_force_leader_id]);
    const names = await this.names.load([...new Set(userIds.filter((id): id is string => !!id))]);
    const link = (role: ChainRole, id: unknown): ChainLink => ({
      role,
      label: CHAIN_ROLE_LABELS[role],
      userId: (id as string) ?? null,
      name: id ? names.cadreName(id as string) : null,
    });
    const chain = (row: Record<string, unknown>): ChainLink[] =>
      row.code
        ? [
            link('cadre', row.cadre_id),
            link('village_leader', row.village_leader_id),
            link('task_force_leader', row.task_force_leader_id),
          ]
        : [];
    const days = (since: unknown) => daysBetween(instant(since), now);
    const iso = (since: unknown) => instant(since).toISOString();
    const cadre = (id: unknown) =>
      id
        ? { type: 'user' as const, id: id as string, name: names.cadreName(id as string) }
        : { type: 'level' as const, id: null, name: '指挥部（未分配包户干部）' };
    const item = (
      row: Record<string, unknown>,
      extra: Omit<OverdueItem, 'since' | 'days' | 'code' | 'chain'>,
    ): OverdueItem => ({
      ...extra,
      chain: chain(row),
      code: (row.code as string) ?? null,
      since: iso(row.since),
      days: days(row.since),
    });
    /** A household on a list: its cadre owns it. */
    const householdItem = (row: Record<string, unknown>, kind: OverdueItem['kind'], reason: string) =>
      item(row, {
        kind,
        targetType: 'household',
        targetId: row.id as string,
        householdId: row.id as string,
        reason,
        owner: cadre(row.cadre_id),
      });
    return {
      generatedAt: now.toISOString(),
      counts,
      overdueVisits: visits.map((r) =>
        householdItem(
          r,
          'overdue_visit',
          r.last_visit_at ? `已 ${days(r.since)} 天未走访` : `登记 ${days(r.since)} 天从未走访`,
        ),
      ),
      stalledHouseholds: stalled.map((r) =>
        householdItem(
          r,
          'stalled',
          `停留在"${STAGE_LABELS[r.stage as Stage] ?? r.stage}" ${days(r.since)} 天`,
        ),
      ),
      overdueProblems: problems.map((r) =>
        item(r, {
          kind: 'overdue_problem',
          targetType: 'problem',
          targetId: r.id as string,
          householdId: (r.household_id as string) ?? null,
          reason: `${String(r.severity).toUpperCase()} 问题超期 ${days(r.since)} 天${r.supervised ? '（挂牌督办）' : ''}`,
          owner: r.unit_id
            ? { type: 'unit', id: r.unit_id as string, name: names.unitName(r.unit_id as string) }
            : { type: 'level', id: null, name: '指挥部（尚未交办）' },
        }),
      ),
      agingApprovals: approvals.map((r) =>
        item(r, {
          kind: 'aging_approval',
          targetType: 'approval',
          targetId: r.id as string,
          householdId: r.household_id as string,
          reason: `待${APPROVAL_LEVEL_LABELS[r.current_level as ApprovalLevel] ?? r.current_level}审批已 ${days(r.since)} 天`,
          owner: {
            type: 'level',
            id: r.current_level === 'township' ? ((r.township_id as string) ?? null) : null,
            name:
              r.current_level === 'township'
                ? names.unitName((r.township_id as string) ?? null)
                : APPROVAL_LEVEL_LABELS.command_centre,
          },
        }),
      ),
    };
  }
}
