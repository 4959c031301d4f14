import { Injectable } from '@nestjs/common';
import { AccessPolicy, HouseholdScope } from '../../../common/policy/access-policy';
import { Actor } from '../../../common/policy/actor';
import { isValidDateString } from '../../../common/time/business-clock';
import { HouseholdPastItems } from '../../households/household-past-items';
import { DAILY_REPORTS, SnapshotStore } from '../snapshot-store';
import { CellRecordDto, ReportCellsPageDto, ReportCellsQueryDto } from './dtos/report-cells.dto';
import { OrgNamesService } from './org-names.service';
import { PastFactsRepository } from './past-facts.repository';
import { CELL_METRICS, CellMetric, cellList, CellQuery, Counted, IndexedDay, indexDay } from './report-cells';
import { DailyReportBody } from './report-builder';
import { ReportRecomputeService } from './report-recompute.service';
import { ReportErrors } from './reports.errors';

/**
 * Past days kept in the process: a past instant's facts never change. One day is ~50 MB of heap at 100,000
 * households (bench/README §12), so two: the day being read and one other.
 */
const KEPT_DAYS = 2;
/** Cells' lists kept per day: paging through one cell filters the day once. */
const KEPT_LISTS = 64;

/**
 * `GET /reports/daily/:date/cells` (docs/architecture.md, "History"): the households or records behind one figure
 * of a stored daily report, computed from the events at the report's `generatedAt` like its recompute, so the
 * list's total is the stored figure. The day's facts are computed once and kept (two days, least recently used
 * dropped); every page after the first is a filter over them and one read of the page's households.
 */
@Injectable()
export class ReportCellsService {
  private readonly days = new Map<string, Promise<IndexedDay>>();
  private readonly lists = new WeakMap<IndexedDay, Map<string, Counted[]>>();
  /** A number per set of visible codes: a scope's lists are kept while what it sees is unchanged. */
  private readonly visibleSets = new WeakMap<Set<string>, number>();
  private visibleSetCount = 0;

  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly past: PastFactsRepository,
    private readonly recompute: ReportRecomputeService,
    private readonly names: OrgNamesService,
    private readonly households: HouseholdPastItems,
  ) {}

  async page(actor: Actor, date: string, query: ReportCellsQueryDto): Promise<ReportCellsPageDto> {
    if (!isValidDateString(date)) throw ReportErrors.badDate();
    if (!Object.hasOwn(CELL_METRICS, query.metric)) throw ReportErrors.unknownMetric(query.metric);
    const metric = query.metric as CellMetric;
    const stored = await this.snapshots.find<DailyReportBody>(DAILY_REPORTS, date);
    if (!stored) throw ReportErrors.notYet(date);
    const at = new Date(stored.generatedAt);
    const day = await this.day(date, at);
    const row = (id: string | undefined) => (id === undefined ? undefined : id === 'none' ? null : id);
    const cell: CellQuery = {
      metric,
      villageId: row(query.villageId),
      townshipId: row(query.townshipId),
      taskForceId: row(query.taskForceId),
      cadreId: row(query.cadreId),
      stage: query.stage,
    };
    const scope = AccessPolicy.householdScope(actor);
    const visible = await this.households.visibleCodes(scope);
    const list =
      visible === null ? cellList(day, cell) : cellList(day, cell).filter(seenBy(scope, visible, day));
    const itemKind = CELL_METRICS[metric];
    const { slice, household } = await this.households.page(
      list,
      query,
      (thing) => thing.householdId,
      at,
      date,
    );
    return {
      date,
      metric,
      generatedAt: stored.generatedAt,
      itemKind,
      total: list.length,
      page: query.page,
      pageSize: query.pageSize,
      items:
        itemKind === 'household'
          ? slice.map((thing) => household(thing.id)).filter((item) => item !== null)
          : slice.map((thing): CellRecordDto => ({
              kind: itemKind,
              id: thing.id,
              householdId: thing.householdId,
              villageId: thing.villageId,
              household: household(thing.householdId),
            })),
    };
  }

  /** A cell's list, or a scope's part of it (`visible`: the codes it sees), from the day's kept lists. */
  private list(
    day: IndexedDay,
    cell: CellQuery,
    visible: { scope: HouseholdScope; codes: Set<string> } | null,
  ): Counted[] {
    let lists = this.lists.get(day);
    if (!lists) this.lists.set(day, (lists = new Map()));
    let key = JSON.stringify(cell);
    if (visible) {
      let set = this.visibleSets.get(visible.codes);
      if (set === undefined) this.visibleSets.set(visible.codes, (set = ++this.visibleSetCount));
      key += `|${set}`;
    }
    let list = lists.get(key);
    if (list) lists.delete(key);
    else
      list = visible
        ? this.list(day, cell, null).filter(seenBy(visible.scope, visible.codes, day))
        : cellList(day, cell);
    lists.set(key, list);
    if (lists.size > KEPT_LISTS) lists.delete(lists.keys().next().value!);
    return list;
  }

  /** The day at the report's instant: computed on the first request, then kept; concurrent firsts share it. */
  private day(date: string, at: Date): Promise<IndexedDay> {
    const key = `${date}|${at.toISOString()}`;
    let day = this.days.get(key);
    if (day) {
      this.days.delete(key); // re-inserted below: the most recently used is last
    } else {
      day = this.compute(date, at);
      day.catch(() => this.days.delete(key));
    }
    this.days.set(key, day);
    while (this.days.size > KEPT_DAYS) this.days.delete(this.days.keys().next().value!);
    return day;
  }

  private async compute(date: string, at: Date): Promise<IndexedDay> {
    const window = this.recompute.window(date);
    const [past, names] = await Promise.all([this.past.day(window, at), this.names.load()]);
    return indexDay(past, window, names.townshipOf);
  }
}

/**
 * The caller's part of a list: the things of households they see (decided today, like `?asOf=`; by code, which
 * never changes); a problem of no household by its village, as officials see problems.
 */
function seenBy(scope: HouseholdScope, visibleCodes: Set<string>, day: IndexedDay) {
  return (thing: Counted) => {
    if (thing.householdId !== null) {
      const household = day.byId.get(thing.householdId);
      return household !== undefined && visibleCodes.has(household.code);
    }
    return (
      scope.kind === 'org' &&
      (thing.villageId === scope.orgUnitId || day.townshipOf(thing.villageId) === scope.orgUnitId)
    );
  };
}
