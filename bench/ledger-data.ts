import { PassThrough } from 'node:stream';
import { makeResidentId } from '../src/common/pii/resident-id';
import {
  ETHNICITIES,
  HOUSE_STRUCTURES,
  HOUSEHOLD_FLAGS,
  INTENT_OPTIONS,
  LIVELIHOODS,
} from '../src/modules/households/household.enums';
import { LedgerWorkbook } from '../src/modules/ledger/ledger-workbook';
import { GIVEN_FEMALE, GIVEN_MALE, Random, SURNAMES } from './seed/random';

export interface LedgerVillage {
  township: string;
  name: string;
}

export interface LedgerOptions {
  villages: LedgerVillage[];
  cadres: string[];
  households: number;
  /** How many households get one mistake (checksum, phone, village, structure, member sex, …). */
  bad: number;
  codePrefix: string;
  seed: number;
  /** Share of households whose row states a settlement intent (recorded through the intents service). */
  intentShare?: number;
  /** Resident-ID area codes: give each file of one run its own, so their people never collide. */
  areaCodes?: string[];
}

const labels = (map: Record<string, string>) => Object.values(map);
const STRUCTURES = labels(HOUSE_STRUCTURES);
const FLAGS = labels(HOUSEHOLD_FLAGS);
const OPTIONS = labels(INTENT_OPTIONS).filter((o) => o !== '有异议');
const LIVELIHOOD_LABELS = labels(LIVELIHOODS);
const ETHNIC = [ETHNICITIES['06'], ETHNICITIES['15'], ETHNICITIES['01']];

/** Unique, valid resident IDs whose sex digit matches the person. */
class IdMaker {
  private readonly used = new Set<string>();
  constructor(
    private readonly random: Random,
    private readonly areaCodes: string[],
  ) {}

  make(sex: 'male' | 'female', birthYear: number): string {
    for (;;) {
      const date = `${birthYear}-${String(this.random.int(1, 12)).padStart(2, '0')}-${String(this.random.int(1, 28)).padStart(2, '0')}`;
      let sequence = this.random.int(0, 998);
      if ((sequence % 2 === 1) !== (sex === 'male')) sequence += 1;
      const id = makeResidentId(this.random.pick(this.areaCodes), date, sequence);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

/**
 * A township-style ledger in the template's format: `households` rows in 户籍台账 and about 3.5 people per
 * household in 家庭成员; `bad` of the households carry one mistake each, spread through the file.
 */
export async function buildLedger(options: LedgerOptions): Promise<{ buffer: Buffer; members: number }> {
  const random = new Random(options.seed);
  const ids = new IdMaker(random, options.areaCodes ?? ['433101', '433124', '433122']);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => out.on('end', resolve));
  const townships = [...new Set(options.villages.map((v) => v.township))];
  const workbook = new LedgerWorkbook(
    out,
    { township: townships, village: options.villages.map((v) => v.name) },
    false,
  );
  const badEvery = options.bad ? Math.floor(options.households / options.bad) : 0;
  const people: (string | null)[][] = [];
  const person = (sex: 'male' | 'female') =>
    `${random.pick(SURNAMES)}${random.pick(sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE)}`;
  for (let n = 1; n <= options.households; n++) {
    const village = random.pick(options.villages);
    const code = `${options.codePrefix}-${String(n).padStart(6, '0')}`;
    const headSex = random.chance(0.8) ? 'male' : 'female';
    const headYear = random.int(1940, 1990);
    const headName = person(headSex);
    const headId = ids.make(headSex, headYear);
    const mistake = badEvery && n % badEvery === 0 && n / badEvery <= options.bad ? (n / badEvery) % 6 : -1;
    const members: (string | null)[][] = [[code, headName, headId, null, null, '户主', random.pick(ETHNIC)]];
    const others = random.int(1, 4);
    const spouseSex = headSex === 'male' ? 'female' : 'male';
    for (let k = 0; k < others; k++) {
      const relation = k === 0 ? '配偶' : random.chance(0.8) ? '子女' : '孙子女';
      const sex = k === 0 ? spouseSex : random.chance(0.5) ? 'male' : 'female';
      const year = k === 0 ? headYear + random.int(-3, 3) : Math.min(2020, headYear + random.int(20, 45));
      const id = ids.make(sex, year);
      members.push([
        code,
        person(sex),
        id,
        sex === 'male' ? '男' : '女',
        null,
        relation,
        random.pick(ETHNIC),
      ]);
    }
    if (mistake === 4) members[1][3] = members[1][3] === '男' ? '女' : '男';
    const intent = random.chance(options.intentShare ?? 0.6);
    workbook.addHousehold([
      code,
      village.township,
      mistake === 2 ? '不存在的村' : village.name,
      `${random.int(1, 9)}组`,
      mistake === 5 ? '' : headName,
      mistake === 0 ? headId.slice(0, 17) + (headId[17] === '0' ? '1' : '0') : headId,
      mistake === 1
        ? '1380000'
        : `1${random.pick(['38', '39', '58', '87'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
      `${village.township}${village.name}${random.int(1, 200)}号`,
      random.chance(0.2) ? random.pick(FLAGS) : null,
      random.int(40, 260) + random.int(0, 9) / 10,
      mistake === 3 ? '茅草房' : random.pick(STRUCTURES),
      random.pick(options.cadres),
      null,
      intent ? random.pick(OPTIONS) : '未确定',
      intent && random.chance(0.7) ? `${village.township}集中安置点` : null,
      intent ? random.pick(LIVELIHOOD_LABELS) : null,
      null,
    ]);
    people.push(...members);
  }
  workbook.endHouseholds();
  for (const member of people) workbook.addMember(member);
  await workbook.finish();
  await done;
  return { buffer: Buffer.concat(chunks), members: people.length };
}
