import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { chunks } from '../../common/chunks';
import { bulkInsert } from '../../database/bulk-insert';
import { HouseholdEntity } from './entities/household.entity';
import { HouseholdFields } from './household-access';
import { MemberEntity } from './entities/member.entity';
import { HouseholdFilter } from './household-scope';
import { HouseholdsRepository } from './households.repository';
import { HouseholdScope } from '../../common/policy/access-policy';
import { HouseholdLinks } from './household-links';
import { changesHistory, historyRow } from './household-history';

/** A household as the export reads it (column → property). */
export interface ExportHousehold {
  id: string;
  code: string;
  townshipId: string | null;
  villageId: string;
  group: string | null;
  headName: string;
  headIdEnc: string;
  phoneEnc: string | null;
  address: string | null;
  flags: string;
  houseFloorArea: number | null;
  houseStructure: string | null;
  cadreId: string | null;
  stage: string;
  intentOption: string;
  intentSite: string | null;
  intentLivelihood: string | null;
  note: string | null;
}

export interface ExportMember {
  householdId: string;
  name: string;
  idEnc: string;
  sex: string;
  birthDate: string;
  relation: string;
  ethnicity: string | null;
}

const EXPORT_COLUMNS: [string, keyof ExportHousehold][] = [
  ['township_id', 'townshipId'],
  ['village_id', 'villageId'],
  ['group_name', 'group'],
  ['head_name', 'headName'],
  ['head_id_enc', 'headIdEnc'],
  ['phone_enc', 'phoneEnc'],
  ['address', 'address'],
  ['flags', 'flags'],
  ['house_floor_area', 'houseFloorArea'],
  ['house_structure', 'houseStructure'],
  ['cadre_id', 'cadreId'],
  ['stage', 'stage'],
  ['intent_option', 'intentOption'],
  ['intent_site', 'intentSite'],
  ['intent_livelihood', 'intentLivelihood'],
  ['note', 'note'],
];

/** Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const HOUSEHOLDS_PER_INSERT = 400;
const MEMBERS_PER_INSERT = 1000;
const KEYS_PER_QUERY = 500;
/** Resident-ID hashes per lookup: one short query per 5,000 rather than per 500 (45,000 in a big ledger). */
const HASHES_PER_QUERY = 5000;

/**
 * The households module's gateway for the ledger (台账): its bulk reads and writes of households and members,
 * set-based, a few statements per batch.
 */
@Injectable()
export class HouseholdRegister {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly households: HouseholdsRepository,
    private readonly links: HouseholdLinks,
  ) {}

  async byCodes(
    codes: string[],
  ): Promise<{ households: HouseholdEntity[]; members: MemberEntity[]; pendingApproval: Set<string> }> {
    const households: HouseholdEntity[] = [];
    const members: MemberEntity[] = [];
    const pendingApproval = new Set<string>();
    for (const part of chunks(codes, KEYS_PER_QUERY)) {
      const found = await this.households.findByCodes(part);
      households.push(...found);
      for (const ids of chunks(
        found.map((h) => h.id),
        KEYS_PER_QUERY,
      )) {
        members.push(...(await this.households.members(ids)));
        for (const id of await this.links.approvals.pendingAmong(ids)) pendingApproval.add(id);
      }
    }
    return { households, members, pendingApproval };
  }

  /** Which of these 户编号 name a household of the database. */
  async existingCodes(codes: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(codes, KEYS_PER_QUERY)) {
      const rows = await this.dataSource
        .getRepository(HouseholdEntity)
        .createQueryBuilder('h')
        .select('h.code', 'code')
        .where('h.code IN (:...part)', { part })
        .getRawMany<{ code: string }>();
      for (const row of rows) found.add(row.code);
    }
    return found;
  }

  /** Which household holds each of these resident-ID hashes. */
  async idHashOwners(hashes: string[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    for (const part of chunks(hashes, HASHES_PER_QUERY)) {
      const rows = await this.dataSource
        .getRepository(MemberEntity)
        .createQueryBuilder('m')
        .select('m.id_hash', 'hash')
        .addSelect('m.household_id', 'householdId')
        .where('m.id_hash IN (:...part)', { part })
        .getRawMany<{ hash: string; householdId: string }>();
      for (const row of rows) owners.set(row.hash, row.householdId);
    }
    return owners;
  }

  /** New households of an import, with their first history rows. */
  async insertHouseholds(
    manager: EntityManager,
    households: HouseholdEntity[],
    actorId: string,
  ): Promise<void> {
    await bulkInsert(manager, HouseholdEntity, households, HOUSEHOLDS_PER_INSERT);
    await this.households.insertHistory(
      manager,
      households.map((h) => historyRow(h, actorId, 'ledger', h.createdAt)),
    );
  }

  insertMembers(manager: EntityManager, members: MemberEntity[]): Promise<void> {
    return bulkInsert(manager, MemberEntity, members, MEMBERS_PER_INSERT);
  }

  async deleteMembers(manager: EntityManager, householdIds: string[]): Promise<void> {
    for (const part of chunks(householdIds, KEYS_PER_QUERY)) {
      await manager
        .createQueryBuilder()
        .delete()
        .from(MemberEntity)
        .where('household_id IN (:...part)', { part })
        .execute();
    }
  }

  /** Optimistic update of an imported row; a change of village, task force, cadre or flags is kept in history. */
  async update(
    manager: EntityManager,
    before: HouseholdEntity,
    fields: HouseholdFields,
    actorId: string,
    at: Date,
  ): Promise<boolean> {
    if (!(await this.households.update(manager, before.id, before.version, fields))) return false;
    if (changesHistory(before, fields))
      await this.households.insertHistory(manager, [
        historyRow({ ...before, ...fields }, actorId, 'ledger', at),
      ]);
    return true;
  }

  /**
   * One page of the export in code order, after `afterCode` (keyset paging: no OFFSET scans), as plain
   * rows of the columns the ledger shows: no entity hydration, which at 100,000 households is most of the
   * garbage an export makes.
   */
  async exportPage(
    scope: HouseholdScope,
    filter: HouseholdFilter,
    afterCode: string | null,
    untilCode: string | null,
    size: number,
    withDetails: boolean,
  ): Promise<ExportHousehold[]> {
    const query = this.households.filtered(scope, filter).select('h.id', 'id').addSelect('h.code', 'code');
    if (withDetails) {
      for (const [column, alias] of EXPORT_COLUMNS) query.addSelect(`h.${column}`, alias);
    }
    if (afterCode !== null) query.andWhere('h.code > :afterCode', { afterCode });
    if (untilCode !== null) query.andWhere('h.code <= :untilCode', { untilCode });
    const rows = await query.orderBy('h.code', 'ASC').limit(size).getRawMany<ExportHousehold>();
    for (const row of rows) if (row.houseFloorArea !== null) row.houseFloorArea = Number(row.houseFloorArea);
    return rows;
  }

  /** Members of these households for the export, as plain rows, in household and position order. */
  exportMembers(householdIds: string[]): Promise<ExportMember[]> {
    if (householdIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .select('m.household_id', 'householdId')
      .addSelect('m.name', 'name')
      .addSelect('m.id_enc', 'idEnc')
      .addSelect('m.sex', 'sex')
      .addSelect('m.birth_date', 'birthDate')
      .addSelect('m.relation', 'relation')
      .addSelect('m.ethnicity', 'ethnicity')
      .where('m.household_id IN (:...householdIds)', { householdIds })
      .orderBy('m.household_id')
      .addOrderBy('m.position')
      .getRawMany<ExportMember>();
  }
}
