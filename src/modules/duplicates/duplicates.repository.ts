import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { chunks } from '../../common/chunks';
import { HouseholdScope } from '../../common/policy/access-policy';
import { bulkInsert } from '../../database/bulk-insert';
import { rawQuery } from '../../database/raw-query';
import { householdScopeSql } from '../households/household-scope';
import { DuplicateReason } from './duplicate-labels';
import { DuplicatePairEntity } from './entities/duplicate-pair.entity';

/** One person (a member row, the head included) as detection compares them. */
export interface Person {
  householdId: string;
  idHash: string;
  name: string;
  birthDate: string;
  relation: string;
}

/** A person of the database with what a note or a view shows beside them. */
export interface PersonDetail extends Person {
  code: string;
  headName: string;
  villageId: string;
  townshipId: string | null;
  idEnc: string;
  /** The household's phone, for its head only. */
  phoneEnc: string | null;
  phoneHash: string | null;
}

export interface Match {
  a: Person;
  b: Person;
  reason: DuplicateReason;
}

export interface PairFilter {
  status?: string;
  reason?: string;
  householdId?: string;
}

/** Households per detection statement: a few short indexed joins for a 500-household import batch. */
const HOUSEHOLDS_PER_QUERY = 500;
/** Keys per IN list of the dry run's probes. */
const KEYS_PER_QUERY = 1000;
const PAIRS_PER_INSERT = 200;

const PERSON_COLUMNS = (alias: string, prefix: string) =>
  `${alias}.household_id AS ${prefix}_household, ${alias}.id_hash AS ${prefix}_hash, ${alias}.name AS ${prefix}_name, ` +
  `${alias}.birth_date AS ${prefix}_birth, ${alias}.relation AS ${prefix}_relation`;

type MatchRow = Record<`${'a' | 'b'}_${'household' | 'hash' | 'name' | 'birth' | 'relation'}`, string>;

const person = (row: MatchRow, side: 'a' | 'b'): Person => ({
  householdId: row[`${side}_household`],
  idHash: row[`${side}_hash`],
  name: row[`${side}_name`],
  birthDate: row[`${side}_birth`],
  relation: row[`${side}_relation`],
});

const DETAIL_SELECT = `SELECT m.household_id, m.id_hash, m.name, m.birth_date, m.relation, m.id_enc,
    h.code, h.head_name, h.village_id, h.township_id,
    CASE WHEN m.relation = 'head' THEN h.phone_enc END AS phone_enc,
    CASE WHEN m.relation = 'head' THEN h.phone_hash END AS phone_hash
  FROM household_member m JOIN household h ON h.id = m.household_id`;

type DetailRow = Record<string, string | null>;

const detail = (row: DetailRow): PersonDetail => ({
  householdId: row.household_id!,
  idHash: row.id_hash!,
  name: row.name!,
  birthDate: row.birth_date!,
  relation: row.relation!,
  code: row.code!,
  headName: row.head_name!,
  villageId: row.village_id!,
  townshipId: row.township_id,
  idEnc: row.id_enc!,
  phoneEnc: row.phone_enc,
  phoneHash: row.phone_hash,
});

/**
 * The duplicate_pair table, and the set-based reads of the households' people that detection needs (read-only,
 * like the reports: docs/architecture.md, "Modules and layers"); the one write to a household, the merge, goes
 * through HouseholdAccess.
 */
@Injectable()
export class DuplicatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every likely match of the people of these households with a person of another household: same name and
   * birth date (index ix_member_name_birth_date), or the same phone on both heads (ix_household_phone_hash).
   */
  async matchesOf(manager: EntityManager, householdIds: string[]): Promise<Match[]> {
    const matches: Match[] = [];
    for (const ids of chunks(householdIds, HOUSEHOLDS_PER_QUERY)) {
      const byName = await rawQuery<MatchRow>(
        manager,
        `SELECT ${PERSON_COLUMNS('a', 'a')}, ${PERSON_COLUMNS('b', 'b')}
           FROM household_member a
           JOIN household_member b
             ON b.name = a.name AND b.birth_date = a.birth_date AND b.household_id <> a.household_id
          WHERE a.household_id IN (:...ids)`,
        { ids },
      );
      for (const row of byName)
        matches.push({ a: person(row, 'a'), b: person(row, 'b'), reason: 'name_birth' });
      const byPhone = await rawQuery<MatchRow>(
        manager,
        `SELECT ${PERSON_COLUMNS('ma', 'a')}, ${PERSON_COLUMNS('mb', 'b')}
           FROM household ha
           JOIN household hb ON hb.phone_hash = ha.phone_hash AND hb.id <> ha.id
           JOIN household_member ma ON ma.id_hash = ha.head_id_hash
           JOIN household_member mb ON mb.id_hash = hb.head_id_hash
          WHERE ha.id IN (:...ids) AND ha.phone_hash IS NOT NULL`,
        { ids },
      );
      for (const row of byPhone) matches.push({ a: person(row, 'a'), b: person(row, 'b'), reason: 'phone' });
    }
    return matches;
  }

  /** The pairs that name one of these households on either side. */
  async pairsTouching(manager: EntityManager, householdIds: string[]): Promise<DuplicatePairEntity[]> {
    const pairs = new Map<string, DuplicatePairEntity>();
    for (const ids of chunks(householdIds, HOUSEHOLDS_PER_QUERY)) {
      const found = await manager
        .getRepository(DuplicatePairEntity)
        .createQueryBuilder('p')
        .where('p.household_a_id IN (:...ids) OR p.household_b_id IN (:...ids)', { ids })
        .getMany();
      for (const pair of found) pairs.set(pair.id, pair);
    }
    return [...pairs.values()];
  }

  /** The pairs of these keys (pair_key). */
  async byKeys(keys: string[], manager?: EntityManager): Promise<DuplicatePairEntity[]> {
    const pairs: DuplicatePairEntity[] = [];
    for (const part of chunks(keys, KEYS_PER_QUERY)) {
      pairs.push(
        ...(await (manager ?? this.dataSource.manager)
          .getRepository(DuplicatePairEntity)
          .createQueryBuilder('p')
          .where('p.pair_key IN (:...part)', { part })
          .getMany()),
      );
    }
    return pairs;
  }

  /** New pairs; one another writer flagged a moment earlier is left as it is (never a refused write). */
  insert(manager: EntityManager, pairs: DuplicatePairEntity[]): Promise<void> {
    return bulkInsert(manager, DuplicatePairEntity, pairs, PAIRS_PER_INSERT, { ignoreConflicts: true });
  }

  async update(manager: EntityManager, id: string, fields: Partial<DuplicatePairEntity>): Promise<void> {
    await manager.getRepository(DuplicatePairEntity).update({ id }, fields);
  }

  async delete(manager: EntityManager, ids: string[]): Promise<void> {
    for (const part of chunks(ids, KEYS_PER_QUERY))
      await manager
        .createQueryBuilder()
        .delete()
        .from(DuplicatePairEntity)
        .where('id IN (:...part)', { part })
        .execute();
  }

  /** A decision, once: false when the pair is no longer open at this version (someone decided first). */
  async decide(
    manager: EntityManager,
    id: string,
    version: number,
    fields: Partial<DuplicatePairEntity>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(DuplicatePairEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where("id = :id AND version = :version AND status = 'open'", { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** A pair the scope sees: both households visible (the other side would tell of a household out of reach). */
  findVisible(
    scope: HouseholdScope,
    id: string,
    manager?: EntityManager,
  ): Promise<DuplicatePairEntity | null> {
    return this.scoped(scope, manager).andWhere('p.id = :id', { id }).getOne();
  }

  async list(scope: HouseholdScope, filter: PairFilter, page: number, pageSize: number) {
    const query = this.scoped(scope);
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.reason) query.andWhere('p.reasons LIKE :reason', { reason: `%,${filter.reason},%` });
    if (filter.householdId)
      query.andWhere('(p.household_a_id = :household OR p.household_b_id = :household)', {
        household: filter.householdId,
      });
    const [items, total] = await Promise.all([
      query
        .clone()
        .orderBy('p.detected_at', 'DESC')
        .addOrderBy('p.id', 'ASC')
        .offset((page - 1) * pageSize)
        .limit(pageSize)
        .getMany(),
      query.clone().getCount(),
    ]);
    return { items, total };
  }

  private scoped(scope: HouseholdScope, manager?: EntityManager) {
    const a = householdScopeSql(scope, 'ha');
    const b = householdScopeSql(scope, 'hb');
    return (manager ?? this.dataSource.manager)
      .getRepository(DuplicatePairEntity)
      .createQueryBuilder('p')
      .innerJoin('household', 'ha', 'ha.id = p.household_a_id')
      .innerJoin('household', 'hb', 'hb.id = p.household_b_id')
      .where(`${a.sql} AND ${b.sql}`, { ...a.params, ...b.params });
  }

  /** These people as they are now (a person merged away is missing), with their household. */
  async people(hashes: string[], manager?: EntityManager): Promise<Map<string, PersonDetail>> {
    const people = new Map<string, PersonDetail>();
    for (const part of chunks([...new Set(hashes)], KEYS_PER_QUERY)) {
      const rows = await rawQuery<DetailRow>(
        manager ?? this.dataSource.manager,
        `${DETAIL_SELECT} WHERE m.id_hash IN (:...part)`,
        { part },
      );
      for (const row of rows) people.set(row.id_hash!, detail(row));
    }
    return people;
  }

  /** People of the database with one of these names and one of these birth dates (the dry run's probe). */
  async peopleNamed(names: string[], birthDates: string[]): Promise<PersonDetail[]> {
    const found: PersonDetail[] = [];
    const dates = [...new Set(birthDates)];
    for (const part of chunks([...new Set(names)], KEYS_PER_QUERY)) {
      for (const births of chunks(dates, KEYS_PER_QUERY)) {
        const rows = await rawQuery<DetailRow>(
          this.dataSource.manager,
          `${DETAIL_SELECT} WHERE m.name IN (:...part) AND m.birth_date IN (:...births)`,
          { part, births },
        );
        found.push(...rows.map(detail));
      }
    }
    return found;
  }

  /** Heads of the database whose household has one of these phone hashes (the dry run's probe). */
  async headsWithPhones(phoneHashes: string[]): Promise<PersonDetail[]> {
    const found: PersonDetail[] = [];
    for (const part of chunks([...new Set(phoneHashes)], KEYS_PER_QUERY)) {
      const rows = await rawQuery<DetailRow>(
        this.dataSource.manager,
        `${DETAIL_SELECT} WHERE m.relation = 'head' AND h.phone_hash IN (:...part)`,
        { part },
      );
      found.push(...rows.map(detail));
    }
    return found;
  }

  /** Household ids in id order after `afterId` (the full scan's pages). */
  async householdIdsAfter(afterId: string | null, size: number): Promise<string[]> {
    const rows = await rawQuery<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM household ${afterId ? 'WHERE id > :afterId' : ''} ORDER BY id LIMIT ${Number(size)}`,
      { afterId },
    );
    return rows.map((r) => r.id);
  }
}
