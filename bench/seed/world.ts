import { randomUUID } from 'node:crypto';
import { Random, SURNAMES, GIVEN_FEMALE, GIVEN_MALE } from './random';
import { Row } from './bulk-writer';

/** 吉首市 (433101) and 花垣县 (433124): the townships whose villages the reservoir floods. */
const TOWNSHIPS = [
  {
    name: '矮寨镇',
    code: '433101100',
    prefix: 'AZ',
    areaCode: '433101',
    villages: [
      ['大兴寨村', 'DXZ'],
      ['德茹村', 'DR'],
      ['坪滩村', 'PT'],
      ['聚福村', 'JF'],
      ['大龙村', 'DL'],
      ['排兄村', 'PX'],
      ['中黄村', 'ZH'],
      ['家庭村', 'JT'],
      ['坪年村', 'PN'],
      ['联合村', 'LH'],
      ['溪马村', 'XM'],
      ['夯坨村', 'HT'],
      ['岩科村', 'YK'],
      ['牛角山村', 'NJS'],
      ['小龙村', 'XL'],
      ['金坪村', 'JP'],
    ],
  },
  {
    name: '河溪镇',
    code: '433101101',
    prefix: 'HX',
    areaCode: '433101',
    villages: [
      ['河溪村', 'HX'],
      ['香花村', 'XH'],
      ['岩坳村', 'YA'],
      ['白岩村', 'BY'],
      ['马鞍村', 'MA'],
      ['兰溪村', 'LX'],
      ['大田村', 'DT'],
      ['竹山村', 'ZS'],
      ['茶林村', 'CL'],
    ],
  },
  {
    name: '马颈坳镇',
    code: '433101102',
    prefix: 'MJA',
    areaCode: '433101',
    villages: [
      ['马颈坳村', 'MJA'],
      ['林木村', 'LM'],
      ['隘口村', 'AK'],
      ['尖岩村', 'JY'],
      ['芷耳村', 'ZE'],
      ['团结村', 'TJ'],
      ['桐木村', 'TM'],
      ['新寨村', 'XZ'],
    ],
  },
  {
    name: '双龙镇',
    code: '433124100',
    prefix: 'SL',
    areaCode: '433124',
    villages: [
      ['双龙村', 'SL'],
      ['十八洞村', 'SBD'],
      ['板栗村', 'BL'],
      ['洞冲村', 'DC'],
      ['鸡坡村', 'JPO'],
      ['立新村', 'LXN'],
      ['岩锣村', 'YL'],
    ],
  },
] as const;

const TASK_FORCES = ['第一', '第二', '第三', '第四', '第五', '第六'].map((n) => `${n}移民专班`);
const UNITS = [
  '市自然资源和规划局',
  '市人力资源和社会保障局',
  '市教育局',
  '市卫生健康局',
  '市住房和城乡建设局',
  '市民政局',
  '市信访局',
  '市农业农村局',
  '市财政局',
  '市公安局',
  '国网吉首供电公司',
  '市交通运输局',
];

export interface Village {
  id: string;
  name: string;
  abbreviation: string;
  townshipId: string;
  townshipName: string;
  townshipPrefix: string;
  areaCode: string;
  taskForceId: string;
  /** How many households the village gets. */
  households: number;
  cadreIds: string[];
}

export interface World {
  centreId: string;
  townshipIds: string[];
  villages: Village[];
  taskForceIds: string[];
  unitIds: string[];
  /** handler user ids by unit id */
  handlers: Map<string, string>;
  cadreIds: string[];
  commanderIds: string[];
  officialByTownship: Map<string, string>;
  orgRows: Row[];
  userRows: Row[];
  usernames: string[];
}

export const ORG_COLUMNS = ['id', 'name', 'kind', 'parent_id', 'code', 'created_at'];
export const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'password_hash',
  'role',
  'org_unit_id',
  'phone_enc',
  'active',
  'version',
  'created_at',
  'updated_at',
];

/**
 * The org tree, task forces and units, and the users: admin, commanders, supervisors, one official per
 * township, one handler per unit, and `cadres` cadres spread over villages in proportion to households.
 */
export function buildWorld(options: {
  random: Random;
  households: number;
  cadres: number;
  passwordHash: string;
  createdAt: Date;
}): World {
  const { random, createdAt } = options;
  const orgRows: Row[] = [];
  const org = (name: string, kind: string, parentId: string | null, code: string | null): string => {
    const id = randomUUID();
    orgRows.push([id, name, kind, parentId, code, createdAt]);
    return id;
  };
  const centreId = org('大兴寨水库移民安置指挥部', 'command_centre', null, null);
  const taskForceIds = TASK_FORCES.map((name) => org(name, 'task_force', centreId, null));
  const unitIds = UNITS.map((name) => org(name, 'unit', centreId, null));
  const townshipIds: string[] = [];
  const villages: Village[] = [];
  for (const township of TOWNSHIPS) {
    const townshipId = org(township.name, 'township', centreId, township.code);
    townshipIds.push(townshipId);
    township.villages.forEach(([name, abbreviation], index) => {
      villages.push({
        id: org(name, 'village', townshipId, `${township.code}${200 + index + 1}`),
        name,
        abbreviation,
        townshipId,
        townshipName: township.name,
        townshipPrefix: township.prefix,
        areaCode: township.areaCode,
        taskForceId: taskForceIds[villages.length % taskForceIds.length],
        households: 0,
        cadreIds: [],
      });
    });
  }
  // Villages differ in size (a few hundred to several thousand households).
  const weights = villages.map(() => 0.4 + random.next() * 1.6);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  villages.forEach((village, i) => {
    village.households =
      i === villages.length - 1
        ? options.households - assigned
        : Math.round((options.households * weights[i]) / totalWeight);
    assigned += village.households;
  });

  const userRows: Row[] = [];
  const usernames: string[] = [];
  const user = (username: string, displayName: string, role: string, orgUnitId: string | null): string => {
    const id = randomUUID();
    userRows.push([
      id,
      username,
      displayName,
      options.passwordHash,
      role,
      orgUnitId,
      null,
      true,
      1,
      createdAt,
      createdAt,
    ]);
    usernames.push(username);
    return id;
  };
  const personName = () =>
    `${random.pick(SURNAMES)}${random.chance(0.7) ? random.pick(GIVEN_MALE) : random.pick(GIVEN_FEMALE)}`;
  user('admin', '系统管理员', 'admin', null);
  const commanderIds = [1, 2, 3].map((n) =>
    user(n === 1 ? 'commander' : `commander${n}`, `指挥部调度员${personName()}`, 'commander', centreId),
  );
  user('supervisor', `督导组${personName()}`, 'supervisor', centreId);
  user('supervisor2', `督导组${personName()}`, 'supervisor', centreId);
  const officialByTownship = new Map<string, string>();
  TOWNSHIPS.forEach((township, i) => {
    officialByTownship.set(
      townshipIds[i],
      user(
        `official-${township.prefix.toLowerCase()}`,
        `${township.name}移民办${personName()}`,
        'official',
        townshipIds[i],
      ),
    );
  });
  const handlers = new Map<string, string>();
  unitIds.forEach((unitId, i) => {
    handlers.set(
      unitId,
      user(`handler${String(i + 1).padStart(2, '0')}`, `${UNITS[i]}${personName()}`, 'handler', unitId),
    );
  });
  // Cadres per village in proportion to its households, at least one each.
  const cadreIds: string[] = [];
  let cadreNumber = 0;
  let remaining = options.cadres;
  let householdsLeft = options.households;
  for (const village of villages) {
    const share = Math.max(1, Math.round((remaining * village.households) / Math.max(1, householdsLeft)));
    remaining -= share;
    householdsLeft -= village.households;
    for (let k = 0; k < share; k++) {
      cadreNumber += 1;
      const id = user(
        `cadre${String(cadreNumber).padStart(3, '0')}`,
        personName(),
        'cadre',
        village.taskForceId,
      );
      village.cadreIds.push(id);
      cadreIds.push(id);
    }
  }
  return {
    centreId,
    townshipIds,
    villages,
    taskForceIds,
    unitIds,
    handlers,
    cadreIds,
    commanderIds,
    officialByTownship,
    orgRows,
    userRows,
    usernames,
  };
}
