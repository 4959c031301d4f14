/** mulberry32: small, fast and seeded, so two generator runs with the same --seed make the same shapes. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the keys, in proportion to its weight. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let roll = this.next() * total;
    for (const [key, w] of entries) {
      roll -= w;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** Exponentially distributed with this mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Asia/Shanghai calendar date of an instant (UTC+8 all year since 1991), without Intl's cost per row. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar day starts, given any instant in it. */
export function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

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
  '时',
  '秧',
  '廖',
  '黄',
  '周',
  '刘',
  '胡',
  '唐',
  '宋',
  '贾',
  '覃',
  '姚',
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
  '明亮',
  '家富',
  '志刚',
  '树林',
  '兴旺',
  '来福',
  '成林',
  '水生',
  '海波',
  '世军',
  '松柏',
  '祖明',
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
  '月娥',
  '兰芝',
  '凤英',
  '彩霞',
  '巧云',
  '满妹',
  '二妹',
  '香莲',
];
