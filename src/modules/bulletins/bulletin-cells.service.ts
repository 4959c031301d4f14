import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../../common/policy/access-policy';
import { Actor } from '../../common/policy/actor';
import { HouseholdPastItems } from '../households/household-past-items';
import {
  BULLETIN_CELL_METRICS,
  BulletinCell,
  BulletinCellMetric,
  BulletinWeek,
  cellList,
  GROUP_KINDS,
  indexWeek,
  itemKindOf,
  METRICS_IN,
  rowOf,
  seenBy,
  WeekHousehold,
  WeekProblem,
} from './bulletin-cells';
import { BulletinCellsRepository } from './bulletin-cells.repository';
import { BulletinErrors } from './bulletins.errors';
import { BulletinsService } from './bulletins.service';
import {
  BulletinCellsPageDto,
  BulletinCellsQueryDto,
  BulletinProblemItemDto,
} from './dtos/bulletin-cells.dto';

/** Weeks kept in the process: a list pages many times, and a week's rows never change once it has ended. */
const KEPT_WEEKS = 2;

/**
 * `GET /bulletins/weekly/:weekStart/cells` (docs/architecture.md, "History"): the households or problems behind
 * one number of a stored bulletin, from one row per household and problem computed with the bulletin's own SQL
 * at its week end, so the list's total is the number. A week's rows are computed on its first request and kept
 * (two weeks, least recently used dropped); a page after that filters them and reads only its households.
 */
@Injectable()
export class BulletinCellsService {
  private readonly weeks = new Map<string, Promise<BulletinWeek>>();

  constructor(
    private readonly bulletins: BulletinsService,
    private readonly rows: BulletinCellsRepository,
    private readonly households: HouseholdPastItems,
  ) {}

  async page(actor: Actor, weekStart: string, query: BulletinCellsQueryDto): Promise<BulletinCellsPageDto> {
    this.bulletins.checkWeekStart(weekStart);
    const cell = checkCell(query);
    const stored = await this.bulletins.get(weekStart);
    if (cell.groupKind !== undefined && !rowOf(stored, cell.groupKind, cell.groupId!))
      throw BulletinErrors.rowNotFound(GROUP_KINDS[cell.groupKind]);
    const window = this.bulletins.window(weekStart);
    const week = await this.week(weekStart, stored.generatedAt);
    const scope = AccessPolicy.householdScope(actor);
    const list = cellList(week, cell).filter(seenBy(scope, await this.households.visibleCodes(scope)));
    const itemKind = itemKindOf(cell.metric, cell.groupKind);
    // As they were at week end: the last instant before it, as GET /households?asOf= the week's Sunday.
    const { slice, household } = await this.households.page(
      list,
      query,
      householdOf,
      new Date(window.weekEnd.getTime() - 1),
      window.lastDate,
    );
    return {
      weekStart,
      metric: cell.metric,
      groupKind: cell.groupKind ?? null,
      groupId: cell.groupId ?? null,
      generatedAt: stored.generatedAt,
      weekEnd: window.weekEnd.toISOString(),
      itemKind,
      total: list.length,
      page: query.page,
      pageSize: query.pageSize,
      items:
        itemKind === 'household'
          ? slice.map((item) => household(item.id)).filter((item) => item !== null)
          : (slice as WeekProblem[]).map((p): BulletinProblemItemDto => ({
              kind: 'problem',
              id: p.id,
              householdId: p.householdId,
              villageId: p.villageId,
              unitId: p.unitId,
              category: p.category,
              severity: p.severity,
              status: p.status,
              dueAt: p.dueAt.toISOString(),
              closedAt: p.closedAt?.toISOString() ?? null,
              household: household(p.householdId),
            })),
    };
  }

  /** The week's rows for the stored bulletin: computed on the first request, then kept; concurrent firsts share. */
  private week(weekStart: string, generatedAt: string): Promise<BulletinWeek> {
    const key = `${weekStart}|${generatedAt}`;
    let week = this.weeks.get(key);
    if (week) {
      this.weeks.delete(key); // re-inserted below: the most recently used is last
    } else {
      week = this.rows.week(this.bulletins.window(weekStart)).then(indexWeek);
      week.catch(() => this.weeks.delete(key));
    }
    this.weeks.set(key, week);
    while (this.weeks.size > KEPT_WEEKS) this.weeks.delete(this.weeks.keys().next().value!);
    return week;
  }
}

const householdOf = (item: WeekHousehold | WeekProblem): string | null =>
  'code' in item ? item.id : item.householdId;

/** The metric and row asked for, or a 400: a metric the bulletin does not show there, half a row. */
function checkCell(query: BulletinCellsQueryDto): BulletinCell {
  const { groupKind, groupId } = query;
  if (groupKind !== undefined && groupId === undefined) throw BulletinErrors.groupIncomplete('groupId');
  if (groupKind === undefined && groupId !== undefined) throw BulletinErrors.groupIncomplete('groupKind');
  const where = groupKind === undefined ? '总计' : `${GROUP_KINDS[groupKind]}排名`;
  const choices = METRICS_IN[groupKind ?? 'totals'];
  if (!choices.includes(query.metric as BulletinCellMetric)) {
    const known = (BULLETIN_CELL_METRICS as readonly string[]).includes(query.metric);
    throw BulletinErrors.unknownMetric(query.metric, known ? where : null, choices);
  }
  return { metric: query.metric as BulletinCellMetric, groupKind, groupId };
}
