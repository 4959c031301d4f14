import { makeResidentId } from '../../common/pii/resident-id';

/** A small deterministic generator, so every demo database looks the same. */
export class SeededRandom {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return this.state / 2_147_483_648;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

export const DEMO_VILLAGES = [
  { name: '大兴寨村', code: '433101100201', abbreviation: 'DXZ' },
  { name: '德茹村', code: '433101100202', abbreviation: 'DR' },
  { name: '坪滩村', code: '433101100203', abbreviation: 'PT' },
  { name: '聚福村', code: '433101100204', abbreviation: 'JF' },
  { name: '大龙村', code: '433101100205', abbreviation: 'DL' },
];

export const SURNAMES = [
  '龙',
  '石',
  '吴',
  '麻',
  '杨',
  '田',
  '彭',
  '向',
  '张',
  '王',
  '李',
  '滕',
  '施',
  '欧',
  '梁',
  '符',
];
export const GIVEN_MALE = [
  '老三',
  '金贵',
  '光明',
  '志强',
  '德胜',
  '建国',
  '永福',
  '正华',
  '大山',
  '文才',
  '春生',
  '国庆',
];
export const GIVEN_FEMALE = [
  '秀英',
  '桂花',
  '金花',
  '翠兰',
  '春梅',
  '玉珍',
  '小芳',
  '美玲',
  '银花',
  '丽萍',
  '秋菊',
  '冬梅',
];
export const ETHNICITY_WEIGHTS: [string, number][] = [
  ['06', 0.5],
  ['15', 0.3],
  ['01', 0.2],
];

export function pickEthnicity(random: SeededRandom): string {
  let roll = random.next();
  for (const [code, weight] of ETHNICITY_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return code;
  }
  return '01';
}

/** Unique, checksum-correct resident IDs for 吉首市 (433101). */
export class ResidentIdFactory {
  private readonly used = new Set<string>();
  constructor(private readonly random: SeededRandom) {}

  make(birthYear: number, sex: 'male' | 'female'): { idNumber: string; birthDate: string } {
    for (;;) {
      const birthDate = `${birthYear}-${String(this.random.int(1, 12)).padStart(2, '0')}-${String(this.random.int(1, 28)).padStart(2, '0')}`;
      let sequence = this.random.int(0, 998);
      if ((sequence % 2 === 1) !== (sex === 'male')) sequence += 1;
      const idNumber = makeResidentId('433101', birthDate, sequence);
      if (!this.used.has(idNumber)) {
        this.used.add(idNumber);
        return { idNumber, birthDate };
      }
    }
  }
}
