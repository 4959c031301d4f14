import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { HouseholdScope } from '../../common/policy/access-policy';
import { HouseholdLinks, HouseholdPast, PastFields } from '../households/household-links';
import { HouseholdFilter } from '../households/household-scope';
import { STAGES } from '../households/household-stages';
import { computeLight } from '../households/lights';
import { PastHouseholdsRepository, PastRow } from './past-households.repository';

const STAGE_ORDER = new Map<string, number>(STAGES.map((stage, index) => [stage, index]));

/** Orders of the list (households.repository's SORTS); updatedAt has no past, so it sorts by code. */
const COMPARE: Record<string, (a: PastRow, b: PastRow) => number> = {
  code: (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  headName: (a, b) => (a.headName < b.headName ? -1 : a.headName > b.headName ? 1 : 0),
  stage: (a, b) => (STAGE_ORDER.get(a.stage) ?? 99) - (STAGE_ORDER.get(b.stage) ?? 99),
};

/**
 * `?asOf=` for households (docs/architecture.md, "History"): what a household was at the end of a past business
 * day, its light computed by today's rules from what was known then. Handed to households at start-up.
 */
@Injectable()
export class PastHouseholdsService implements HouseholdPast, OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly past: PastHouseholdsRepository,
    private readonly links: HouseholdLinks,
  ) {}

  onModuleInit(): void {
    this.links.providePast(this);
  }

  async one(householdId: string, at: Date): Promise<PastFields | null> {
    const row = await this.past.one(householdId, at);
    return row && this.fields(row, at);
  }

  async many(householdIds: string[], at: Date): Promise<Map<string, PastFields>> {
    const rows = await this.past.many(householdIds, at);
    return new Map(rows.map((row) => [row.id, this.fields(row, at)]));
  }

  async list(
    scope: HouseholdScope,
    filter: HouseholdFilter,
    at: Date,
    page: number,
    pageSize: number,
  ): Promise<{ items: { id: string; fields: PastFields }[]; total: number }> {
    // The light is a rule over the facts, not a column of the past: every match is computed, then filtered.
    let rows = (await this.past.all(scope, filter, at)).map((row) => ({ row, fields: this.fields(row, at) }));
    if (filter.light) rows = rows.filter(({ fields }) => fields.light === filter.light);
    const sort = filter.sort ?? 'code';
    const compare = COMPARE[sort.replace(/^-/, '')] ?? COMPARE.code;
    const direction = sort.startsWith('-') ? -1 : 1;
    rows.sort(
      (a, b) => direction * compare(a.row, b.row) || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0),
    );
    const start = (page - 1) * pageSize;
    return {
      items: rows.slice(start, start + pageSize).map(({ row, fields }) => ({ id: row.id, fields })),
      total: rows.length,
    };
  }

  private fields(row: PastRow, at: Date): PastFields {
    const { light, reasons } = computeLight(row, at, this.config.lights);
    return {
      villageId: row.villageId,
      townshipId: row.townshipId,
      taskForceId: row.taskForceId,
      cadreId: row.cadreId,
      flags: row.flags,
      onHold: row.onHold,
      holdReason: row.holdReason,
      stage: row.stage,
      stageChangedAt: row.stageChangedAt,
      intentOption: row.intentOption,
      intentSite: row.intentSite,
      intentLivelihood: row.intentLivelihood,
      intentRecordedAt: row.intentRecordedAt,
      lastVisitAt: row.lastVisitAt,
      openProblems: row.openProblems,
      light,
      lightReasons: reasons,
    };
  }
}
