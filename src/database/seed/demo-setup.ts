import { Injectable } from '@nestjs/common';
import { Actor, SYSTEM_ACTOR } from '../../common/policy/actor';
import { MemberDto } from '../../modules/households/dtos/household.dto';
import { HOUSEHOLD_FLAGS, HOUSE_STRUCTURES, keysOf } from '../../modules/households/household.enums';
import { HouseholdsService } from '../../modules/households/households.service';
import { OrgService } from '../../modules/org/org.service';
import { UserResponseDto } from '../../modules/users/dtos/user.dto';
import { Role } from '../../common/policy/role';
import { PasswordHasher } from '../../modules/users/password-hasher';
import { UsersService } from '../../modules/users/users.service';
import {
  DEMO_VILLAGES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  pickEthnicity,
  ResidentIdFactory,
  SeededRandom,
  SURNAMES,
} from './demo-data';
import { ResponsibilityChanges } from '../../modules/responsibility/responsibility-changes.service';
import { DemoWorld } from './demo-state';

export const DEMO_PASSWORD = 'Demo@2026';
const HOUSEHOLDS_PER_VILLAGE = 60;

const actorOf = (user: UserResponseDto): Actor => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  orgUnitId: user.orgUnitId,
  requestId: null,
});

/** 矮寨镇 as the ledger had it: five villages, task forces, units, the people and 300 registered households. */
@Injectable()
export class DemoSetup {
  constructor(
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly households: HouseholdsService,
    private readonly responsibles: ResponsibilityChanges,
  ) {}

  async create(): Promise<DemoWorld> {
    const random = new SeededRandom(20261128);
    const ids = new ResidentIdFactory(random);
    const actor = SYSTEM_ACTOR;
    const centre = await this.org.create(actor, { name: '大兴寨水库移民安置指挥部', kind: 'command_centre' });
    const township = await this.org.create(actor, {
      name: '矮寨镇',
      kind: 'township',
      parentId: centre.id,
      code: '433101100',
    });
    const villages = [];
    for (const v of DEMO_VILLAGES) {
      villages.push({
        ...v,
        unit: await this.org.create(actor, {
          name: v.name,
          kind: 'village',
          parentId: township.id,
          code: v.code,
        }),
      });
    }
    const taskForces = [
      await this.org.create(actor, { name: '第一移民专班', kind: 'task_force', parentId: centre.id }),
      await this.org.create(actor, { name: '第二移民专班', kind: 'task_force', parentId: centre.id }),
    ];
    const units = [];
    for (const name of ['市自然资源和规划局', '市人力资源和社会保障局', '市教育局']) {
      units.push(await this.org.create(actor, { name, kind: 'unit', parentId: centre.id }));
    }
    // One argon2 hash for all: at its full cost, sixteen of them were most of the seed's time.
    const hash = await this.passwords.hash(DEMO_PASSWORD);
    const user = async (username: string, displayName: string, role: Role, orgUnitId: string) =>
      actorOf(
        await this.users.create(
          actor,
          { username, displayName, role, orgUnitId, password: DEMO_PASSWORD },
          hash,
        ),
      );
    const commander = await user('commander', '指挥部调度员', 'commander', centre.id);
    const supervisor = await user('supervisor', '督导组组长', 'supervisor', centre.id);
    const official = await user('official', '矮寨镇移民办', 'official', township.id);
    const handler = await user('handler', '自然资源局经办人', 'handler', units[0].id);
    const cadres: Actor[] = [];
    for (let i = 1; i <= 12; i++) {
      const surname = SURNAMES[i % SURNAMES.length];
      cadres.push(
        await user(
          `cadre${String(i).padStart(2, '0')}`,
          `${surname}${GIVEN_MALE[i % GIVEN_MALE.length]}`,
          'cadre',
          taskForces[i % 2].id,
        ),
      );
    }
    // The 包保 matrix: the township's office leads every village (包村领导), each task force's first cadre leads it
    // (工作队长), and each village has a backing unit (后盾单位); the households inherit them.
    for (const [index, village] of villages.entries()) {
      const set = (role: string, holderId: string) =>
        this.responsibles.setAtLevel(commander, 'village', village.unit.id, {
          role,
          holderId,
          reason: '台账建立',
        });
      await set('village_leader', official.id);
      await set('backing_unit', units[index % units.length].id);
    }
    for (const [index, taskForce] of taskForces.entries()) {
      const leader = cadres.find((_, i) => (i + 1) % 2 === index)!;
      await this.responsibles.setAtLevel(commander, 'task_force', taskForce.id, {
        role: 'task_force_leader',
        holderId: leader.id,
        reason: '台账建立',
      });
    }
    const households: DemoWorld['households'] = [];
    for (const [villageIndex, village] of villages.entries()) {
      for (let i = 1; i <= HOUSEHOLDS_PER_VILLAGE; i++) {
        const surname = random.pick(SURNAMES);
        const ethnicity = pickEthnicity(random);
        const headYear = random.int(1940, 1985);
        const head = ids.make(headYear, 'male');
        const spouse = ids.make(headYear + random.int(-3, 3), 'female');
        const headName = `${surname}${random.pick(GIVEN_MALE)}`;
        const members: MemberDto[] = [
          {
            name: headName,
            idNumber: head.idNumber,
            sex: 'male',
            birthDate: head.birthDate,
            relation: 'head',
            ethnicity,
          },
          {
            name: `${random.pick(SURNAMES)}${random.pick(GIVEN_FEMALE)}`,
            idNumber: spouse.idNumber,
            sex: 'female',
            birthDate: spouse.birthDate,
            relation: 'spouse',
            ethnicity,
          },
        ];
        for (let c = random.int(0, 3); c > 0; c--) {
          const sex = random.next() < 0.5 ? 'male' : 'female';
          const child = ids.make(Math.min(headYear + random.int(20, 32), 2020), sex);
          const given = sex === 'male' ? random.pick(GIVEN_MALE) : random.pick(GIVEN_FEMALE);
          members.push({
            name: `${surname}${given}`,
            idNumber: child.idNumber,
            sex,
            birthDate: child.birthDate,
            relation: 'child',
            ethnicity,
          });
        }
        const flags = keysOf(HOUSEHOLD_FLAGS).filter(() => random.next() < 0.06);
        const code = `AZ-${village.abbreviation}-${String(i).padStart(4, '0')}`;
        // Cadres 1–10 share the villages two by two; cadre11 and cadre12 wait to be assigned.
        const cadreIndex = (villageIndex * 2 + (i % 3 === 0 ? 1 : 0)) % cadres.length;
        const created = await this.households.create(actor, {
          code,
          headName,
          headIdNumber: head.idNumber,
          phone: `1${random.pick(['38', '39', '51', '58', '87', '99'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
          villageId: village.unit.id,
          group: `${random.int(1, 8)}组`,
          address: `吉首市矮寨镇${village.name}${random.int(1, 8)}组${random.int(1, 99)}号`,
          flags,
          house: { floorArea: random.int(60, 260), structure: random.pick(keysOf(HOUSE_STRUCTURES)) },
          members,
          taskForceId: taskForces[villageIndex % 2].id,
          cadreId: cadres[cadreIndex].id,
        });
        households.push({ id: created.id, code, cadreIndex });
      }
    }
    return {
      townshipId: township.id,
      villageIds: villages.map((village) => village.unit.id),
      units: units.map((u) => ({ id: u.id, name: u.name })),
      commander,
      supervisor,
      official,
      handler,
      cadres,
      households,
    };
  }
}
