import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { SYSTEM_ACTOR } from '../../common/policy/actor';
import { MemberDto } from '../../modules/households/dtos/household.dto';
import { HOUSEHOLD_FLAGS, HOUSE_STRUCTURES, keysOf } from '../../modules/households/household.enums';
import { HouseholdsRepository } from '../../modules/households/households.repository';
import { HouseholdsService } from '../../modules/households/households.service';
import { OrgService } from '../../modules/org/org.service';
import { OrgRepository } from '../../modules/org/org.repository';
import { UsersService } from '../../modules/users/users.service';
import { Role } from '../../modules/users/entities/user.entity';
import { TransactionRunner } from '../transaction-runner';
import {
  DEMO_VILLAGES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  pickEthnicity,
  ResidentIdFactory,
  SeededRandom,
  SURNAMES,
} from './demo-data';

export const DEMO_PASSWORD = 'Demo@2026';
const HOUSEHOLDS_PER_VILLAGE = 60;

/** Demo data for a newcomer: 矮寨镇, five villages, task forces, units, 12 cadres and 300 households. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly org: OrgService,
    private readonly orgRepository: OrgRepository,
    private readonly users: UsersService,
    private readonly households: HouseholdsService,
    private readonly householdsRepository: HouseholdsRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async seedIfEmpty(): Promise<void> {
    if ((await this.orgRepository.count()) > 0) return;
    const started = Date.now();
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
    const user = (username: string, displayName: string, role: Role, orgUnitId: string) =>
      this.users.create(actor, { username, displayName, role, orgUnitId, password: DEMO_PASSWORD });
    await user('commander', '指挥部调度员', 'commander', centre.id);
    await user('supervisor', '督导组组长', 'supervisor', centre.id);
    await user('official', '矮寨镇移民办', 'official', township.id);
    await user('handler', '自然资源局经办人', 'handler', units[0].id);
    const cadres = [];
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
    let n = 0;
    for (const [villageIndex, village] of villages.entries()) {
      for (let i = 1; i <= HOUSEHOLDS_PER_VILLAGE; i++, n++) {
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
        const created = await this.households.create(actor, {
          code: `AZ-${village.abbreviation}-${String(i).padStart(4, '0')}`,
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
          cadreId: cadres[(villageIndex * 2 + (i % 3 === 0 ? 1 : 0)) % cadres.length].id,
        });
        await this.spreadProgress(created.id, random);
      }
    }
    this.logger.log(
      `Demo data: ${villages.length} villages, ${cadres.length} cadres, ${n} households in ${Date.now() - started} ms`,
    );
    this.logger.log(
      `Demo logins (password ${DEMO_PASSWORD}): commander, supervisor, official, handler, cadre01…cadre12`,
    );
  }

  /** Some households further along, so lists and reports have something to show. */
  private async spreadProgress(id: string, random: SeededRandom): Promise<void> {
    const stage = random.pick([
      'registered',
      'registered',
      'surveyed',
      'surveyed',
      'indicators_confirmed',
      'intent_collected',
    ]);
    if (stage === 'registered') return;
    const intent =
      stage === 'intent_collected'
        ? random.pick(['central_gov_built', 'scattered', 'cash', 'town_purchase'])
        : 'undecided';
    await this.transactions.run((manager) =>
      this.householdsRepository.touch(manager, id, { stage, intentOption: intent }),
    );
  }
}
