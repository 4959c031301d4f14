import { Injectable } from '@nestjs/common';
import { HouseholdScope } from '../../common/policy/access-policy';
import { PiiCipher } from '../../common/pii/pii-cipher';
import { UserDirectory } from '../users/user-directory';
import { HouseholdResponseDto } from './dtos/household.dto';
import { HouseholdEntity } from './entities/household.entity';
import { householdView } from './household.view';
import { HouseholdLinks } from './household-links';
import { HouseholdsRepository } from './households.repository';

const KEPT_SCOPES = 50;
/** At most this old: bounds a PostgreSQL write that committed behind a newer mark (historyMark). */
const KEPT_VISIBLE_MS = 30_000;

/**
 * Households as a list item of a past instant, for lists other modules make (a report's drill-down): the same
 * masked item as `GET /households?asOf=`, today's names and IDs with the columns of the past.
 */
@Injectable()
export class HouseholdPastItems {
  /** Visible codes per scope, valid while the history mark is unchanged (a drill-down pages many times). */
  private readonly visible = new Map<string, { mark: number; since: number; codes: Set<string> }>();

  constructor(
    private readonly households: HouseholdsRepository,
    private readonly links: HouseholdLinks,
    private readonly users: UserDirectory,
    private readonly pii: PiiCipher,
  ) {}

  /** The codes of the households a scope sees today; null: every one (no need to read them). */
  async visibleCodes(scope: HouseholdScope): Promise<Set<string> | null> {
    if (scope.kind === 'all') return null;
    const key = JSON.stringify(scope);
    const mark = await this.households.historyMark();
    const kept = this.visible.get(key);
    if (kept?.mark === mark && Date.now() - kept.since < KEPT_VISIBLE_MS) return kept.codes;
    const codes = new Set(await this.households.codesIn(scope));
    this.visible.delete(key);
    this.visible.set(key, { mark, since: Date.now(), codes });
    if (this.visible.size > KEPT_SCOPES) this.visible.delete(this.visible.keys().next().value!);
    return codes;
  }

  /** These households at `at`, masked, by id; `asOf` is the business date the item says it answers for. */
  async items(ids: string[], at: Date, asOf: string): Promise<Map<string, HouseholdResponseDto>> {
    const [past, today] = await Promise.all([this.links.past.many(ids, at), this.households.findByIds(ids)]);
    const rows = today
      .filter((h) => past.has(h.id))
      .map((h) => Object.assign(new HouseholdEntity(), h, past.get(h.id)));
    const cadreIds = [...new Set(rows.map((h) => h.cadreId).filter((id): id is string => !!id))];
    const cadres = new Map((await this.users.findByIds(cadreIds)).map((u) => [u.id, u.displayName]));
    return new Map(
      rows.map((h) => {
        const name = h.cadreId ? cadres.get(h.cadreId) : undefined;
        const cadre = h.cadreId && name !== undefined ? { id: h.cadreId, displayName: name } : null;
        const lightReasons = past.get(h.id)!.lightReasons;
        return [h.id, { ...householdView(h, this.pii, { reveal: false, cadre, lightReasons }), asOf }];
      }),
    );
  }

  /**
   * One page of a drill-down list and its households at `at` (read for that page only): the page's things, and
   * each one's household item by id (null: none, or not registered by then).
   */
  async page<T>(
    list: T[],
    paging: { page: number; pageSize: number },
    householdOf: (thing: T) => string | null,
    at: Date,
    asOf: string,
  ): Promise<{ slice: T[]; household: (id: string | null) => HouseholdResponseDto | null }> {
    const start = (paging.page - 1) * paging.pageSize;
    const slice = list.slice(start, start + paging.pageSize);
    const ids = [...new Set(slice.map(householdOf).filter((id): id is string => id !== null))];
    const households = await this.items(ids, at, asOf);
    return { slice, household: (id) => (id === null ? null : (households.get(id) ?? null)) };
  }
}
