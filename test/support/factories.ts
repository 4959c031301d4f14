import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import { makeResidentId } from '../../src/common/pii/resident-id';
import { HouseholdEntity } from '../../src/modules/households/entities/household.entity';
import { UserEntity } from '../../src/modules/users/entities/user.entity';
import { TestApp } from './test-app';

let sequence = 0;
const next = () => ++sequence;

/** A unique, valid resident ID (GB 11643) for a given sex. */
export function residentId(sex: 'male' | 'female' = 'male', birthDate?: string): string {
  const n = next();
  const date =
    birthDate ??
    `19${String(50 + (n % 45)).padStart(2, '0')}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  let seq = (n * 7) % 998;
  if ((seq % 2 === 1) !== (sex === 'male')) seq += 1;
  return makeResidentId(
    String(430000 + (n % 9999))
      .padStart(6, '0')
      .replace(/^0/, '4'),
    date,
    seq,
  );
}

export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

export interface World {
  admin: string;
  commander: string;
  supervisor: string;
  centreId: string;
  townshipId: string;
  villageId: string;
  otherTownshipId: string;
  otherVillageId: string;
  taskForceId: string;
  unitId: string;
  cadre: { id: string; token: string };
  otherCadre: { id: string; token: string };
  official: { id: string; token: string };
  otherOfficial: { id: string; token: string };
  handler: { id: string; token: string };
}

const PASSWORD = 'password-123';

/** Builds an org tree with one user of each role; every call makes new names so files never collide. */
export class Factory {
  constructor(private readonly t: TestApp) {}

  async orgUnit(token: string, body: Record<string, unknown>): Promise<string> {
    const response = await this.t.http
      .post('/api/v1/org-units')
      .set('Authorization', `Bearer ${token}`)
      .send(body);
    if (response.status !== 201)
      throw new Error(`org unit: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id;
  }

  async user(
    token: string,
    role: string,
    orgUnitId?: string,
  ): Promise<{ id: string; token: string; username: string }> {
    const username = `${role}${next()}`;
    const response = await this.t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ username, password: PASSWORD, displayName: `${role} ${username}`, role, orgUnitId });
    if (response.status !== 201) throw new Error(`user: ${response.status} ${JSON.stringify(response.body)}`);
    return { id: response.body.id, username, token: await this.t.login(username, PASSWORD) };
  }

  async world(): Promise<World> {
    const admin = await this.t.login('admin', 'admin-password');
    const centreId = await this.orgUnit(admin, { name: '指挥部', kind: 'command_centre' });
    const townshipId = await this.orgUnit(admin, {
      name: `矮寨镇${next()}`,
      kind: 'township',
      parentId: centreId,
    });
    const villageId = await this.orgUnit(admin, {
      name: `大兴寨村${next()}`,
      kind: 'village',
      parentId: townshipId,
    });
    const otherTownshipId = await this.orgUnit(admin, {
      name: `其他镇${next()}`,
      kind: 'township',
      parentId: centreId,
    });
    const otherVillageId = await this.orgUnit(admin, {
      name: `其他村${next()}`,
      kind: 'village',
      parentId: otherTownshipId,
    });
    const taskForceId = await this.orgUnit(admin, {
      name: `专班${next()}`,
      kind: 'task_force',
      parentId: centreId,
    });
    const unitId = await this.orgUnit(admin, {
      name: `自然资源局${next()}`,
      kind: 'unit',
      parentId: centreId,
    });
    const commander = await this.user(admin, 'commander', centreId);
    const supervisor = await this.user(admin, 'supervisor', centreId);
    return {
      admin,
      commander: commander.token,
      supervisor: supervisor.token,
      centreId,
      townshipId,
      villageId,
      otherTownshipId,
      otherVillageId,
      taskForceId,
      unitId,
      cadre: await this.user(admin, 'cadre', taskForceId),
      otherCadre: await this.user(admin, 'cadre', taskForceId),
      official: await this.user(admin, 'official', townshipId),
      otherOfficial: await this.user(admin, 'official', otherTownshipId),
      handler: await this.user(admin, 'handler', unitId),
    };
  }

  householdBody(villageId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const n = next();
    return {
      code: `T-${process.pid}-${n}`,
      headName: `龙${n}`,
      headIdNumber: residentId('male'),
      villageId,
      phone: `138${String(10_000_000 + n).slice(-8)}`,
      ...overrides,
    };
  }

  /** Creates a household (as admin) and returns its body. */
  async household(world: World, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const response = await this.t.http
      .post('/api/v1/households')
      .set('Authorization', `Bearer ${world.admin}`)
      .send(this.householdBody(world.villageId, { cadreId: world.cadre.id, ...overrides }));
    if (response.status !== 201)
      throw new Error(`household: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Many users straight into the table, sharing one cheap argon2 hash of `password`: for tests about
 * logging in (throttling, many cadres), where creating each through the API would only cost time.
 */
export async function insertUsers(
  t: TestApp,
  role: string,
  orgUnitId: string | null,
  count: number,
  password = PASSWORD,
): Promise<{ id: string; username: string }[]> {
  const passwordHash = await argon2.hash(password, { timeCost: 2, memoryCost: 4096, parallelism: 1 });
  const now = new Date();
  const users = Array.from({ length: count }, () => {
    const username = `${role}${next()}`;
    return Object.assign(new UserEntity(), {
      id: randomUUID(),
      username,
      displayName: `${role} ${username}`,
      passwordHash,
      role,
      orgUnitId,
      phoneEnc: null,
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  });
  await t.dataSource.getRepository(UserEntity).insert(users);
  return users.map((u) => ({ id: u.id, username: u.username }));
}

/**
 * Sets household columns that later workflow modules own (stage, intent, light, hold), so list filters
 * can be tested on their own. Every call bumps `version`, as any real change would.
 */
export async function setHouseholdColumns(
  t: TestApp,
  id: string,
  fields: Partial<
    Pick<
      HouseholdEntity,
      'stage' | 'intentOption' | 'light' | 'onHold' | 'holdReason' | 'updatedAt' | 'townshipId'
    >
  >,
): Promise<void> {
  await t.dataSource
    .createQueryBuilder()
    .update(HouseholdEntity)
    .set({ ...fields, version: () => 'version + 1' })
    .where('id = :id', { id })
    .execute();
}

/** Row counts of the registry tables, to show that a refused request changed nothing. */
export async function registryCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['household', 'household_member', 'audit_entry', 'app_user', 'org_unit']) {
    const [row] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}
