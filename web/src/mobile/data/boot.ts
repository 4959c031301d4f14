import { mobileDb, type MobileDb } from './db';
import type { HouseholdRow, MobileUser, Options } from './types';

/** What the first screen shows: read before React's first render, so that render is already the list. */
export interface BootSnapshot {
  user: MobileUser | null;
  needsLogin: boolean;
  options: Options | null;
  households: HouseholdRow[];
}

let snapshot: BootSnapshot | undefined;
const taken = new Set<keyof BootSnapshot>();

/** What m/public/early-read.js leaves on the page: the meta and rows stores as read before the app loaded. */
export type EarlyRead = Promise<null | { meta: { key: string; value: unknown }[]; rows: HouseholdRow[] }>;

function fromEarly(read: Awaited<EarlyRead>): BootSnapshot | undefined {
  if (!read) return undefined;
  const meta = new Map(read.meta.map((record) => [record.key, record.value]));
  return {
    user: (meta.get('user') as MobileUser | undefined) ?? null,
    needsLogin: (meta.get('needsLogin') as boolean | undefined) ?? false,
    options: (meta.get('options') as Options | undefined) ?? null,
    households: read.rows,
  };
}

/**
 * Reads the signed-in cadre, the option lists and the households' list rows before React's first render. Without
 * it the first screen came in steps — a spinner, the frame once the user was read, then the list once the list's
 * own query ran from its effect — each a render: 0.6 s of a 4×-slowed phone's offline start. The read itself was
 * started by m/public/early-read.js while the JavaScript loaded; when that found nothing (first start, an older
 * schema) it is done here through Dexie. A failure (storage blocked) leaves no snapshot: the screens read alone.
 */
export async function loadBoot(
  db: MobileDb = mobileDb(),
  early: EarlyRead | undefined = (globalThis as { __dxzEarlyRead?: EarlyRead }).__dxzEarlyRead,
): Promise<void> {
  try {
    snapshot = fromEarly((await early) ?? null);
    if (snapshot) return;
    snapshot = await db.transaction('r', db.meta, db.rows, async () => {
      const [user, needsLogin, options, households] = await Promise.all([
        db.user(),
        db.getMeta<boolean>('needsLogin'),
        db.options(),
        db.rows.toArray(),
      ]);
      return { user: user ?? null, needsLogin: needsLogin ?? false, options: options ?? null, households };
    });
  } catch {
    snapshot = undefined;
  }
}

/**
 * A value of the snapshot, once: the first screen starts from it, and a screen opened later (whose data may have
 * changed since) reads for itself.
 */
export function takeBoot<K extends keyof BootSnapshot>(key: K): BootSnapshot[K] | undefined {
  if (!snapshot || taken.has(key)) return undefined;
  taken.add(key);
  return snapshot[key];
}
