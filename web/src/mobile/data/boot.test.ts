import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EarlyRead } from './boot';
import { MobileDb, SCHEMA_V1 } from './db';
import { household } from './fixtures.test-support';
import { toRow } from './rows';
import type { SyncHousehold } from './types';

const VISIT = {
  id: 'v',
  visitedAt: '2026-12-01T02:00:00Z',
  method: 'in_person',
  summary: '很长的走访记录',
} as unknown as SyncHousehold['recentVisits'][number];

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('the phone’s database', () => {
  it('gives a phone that kept version 1 (households only) the list’s rows when it opens version 2', async () => {
    const old = new Dexie('dxz-cadre');
    old.version(1).stores(SCHEMA_V1);
    await old
      .table('households')
      .bulkPut([household('a', { light: 'red', recentVisits: [VISIT] }), household('b')]);
    await old.table('outbox').put({ clientId: 'm-1', status: 'pending', createdAt: '2026-12-06T00:00:00Z' });
    old.close();
    // The early script does not read an older schema: the app's own read (after Dexie's upgrade) does.
    expect(await earlyRead()).toBeNull();

    const db = new MobileDb('dxz-cadre');
    opened.push(db);
    const rows = await db.rows.orderBy('id').toArray();
    expect(rows.map((r) => [r.id, r.light, r.headName])).toEqual([
      ['a', 'red', '户主a'],
      ['b', 'green', '户主b'],
    ]);
    expect(rows[0]).not.toHaveProperty('recentVisits');
    expect(await db.outbox.count()).toBe(1); // nothing waiting is lost by the upgrade
  });
});

/** The start-up module afresh (its snapshot is handed out once per page). */
let boot: typeof import('./boot');
beforeEach(async () => {
  vi.resetModules();
  boot = await import('./boot');
});

/** Runs m/public/early-read.js as the page does, before the app: what it leaves for boot.ts. */
function earlyRead(): EarlyRead {
  const script = readFileSync(new URL('../../../m/public/early-read.js', import.meta.url), 'utf8');
  const page = { __dxzEarlyRead: undefined as EarlyRead | undefined };
  new Function('self', 'indexedDB', script)(page, indexedDB);
  return page.__dxzEarlyRead!;
}

async function signedInPhone(name: string): Promise<MobileDb> {
  const db = new MobileDb(name);
  opened.push(db);
  await db.setMeta('user', { id: 'u1', username: 'cadre01', displayName: '张干部', role: 'cadre' });
  await db.setMeta('options', { stages: [] });
  await db.rows.bulkPut(
    [household('a', { light: 'red', recentVisits: [VISIT] }), household('b', { light: 'yellow' })].map(toRow),
  );
  return db;
}

describe('the start-up snapshot', () => {
  it('reads the cadre, the option lists and the list’s rows, and hands each out once', async () => {
    const db = await signedInPhone('boot-test');
    await boot.loadBoot(db, undefined);
    expect(boot.takeBoot('user')).toMatchObject({ username: 'cadre01' });
    expect(boot.takeBoot('needsLogin')).toBe(false);
    expect(boot.takeBoot('options')).toEqual({ stages: [] });
    expect(
      boot
        .takeBoot('households')
        ?.map((h) => h.id)
        .sort(),
    ).toEqual(['a', 'b']);
    // A screen opened later reads for itself: its data may have changed since the start.
    expect(boot.takeBoot('households')).toBeUndefined();
    expect(boot.takeBoot('user')).toBeUndefined();
  });

  it('takes what the early script read before the app loaded', async () => {
    const db = await signedInPhone('dxz-cadre');
    db.close(); // the page has not opened it yet
    const early = earlyRead();
    expect((await early)?.rows.map((r) => r.id).sort()).toEqual(['a', 'b']);
    await boot.loadBoot(db, early);
    expect(boot.takeBoot('user')).toMatchObject({ username: 'cadre01' });
    expect(boot.takeBoot('households')).toHaveLength(2);
  });

  it('leaves a first start to Dexie: the early script creates no database', async () => {
    expect(await earlyRead()).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('dxz-cadre');
    const db = new MobileDb('dxz-cadre');
    opened.push(db);
    await boot.loadBoot(db, earlyRead());
    expect(boot.takeBoot('user')).toBeNull();
    expect(boot.takeBoot('households')).toEqual([]);
    expect(db.verno).toBe(2);
  });
});
