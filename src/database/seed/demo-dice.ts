/**
 * Order-independent dice for the demo history: the same question (seed and parts, e.g. household code and day)
 * always gets the same answer, whatever was asked before. The services hand back rows in id order (random
 * UUIDs), so a sequential generator consumed in that order would make every demo database different.
 */
export class DemoDice {
  constructor(private readonly seed: number) {}

  /** A number in [0, 1) for this question. */
  roll(...parts: (string | number)[]): number {
    // FNV-1a over the question, then murmur3's finalizer so that similar questions scatter.
    let hash = 0x811c9dc5 ^ this.seed;
    const text = parts.join('|');
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
    return (hash >>> 0) / 4_294_967_296;
  }

  chance(probability: number, ...parts: (string | number)[]): boolean {
    return this.roll(...parts) < probability;
  }

  int(min: number, max: number, ...parts: (string | number)[]): number {
    return min + Math.floor(this.roll(...parts) * (max - min + 1));
  }

  pick<T>(items: readonly T[], ...parts: (string | number)[]): T {
    return items[Math.floor(this.roll(...parts) * items.length)];
  }

  /** One of the table's values, each as likely as its weight. */
  weighted<T>(table: readonly (readonly [T, number])[], ...parts: (string | number)[]): T {
    const total = table.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.roll(...parts) * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1][0];
  }
}
