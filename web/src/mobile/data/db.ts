import { Dexie, type Table } from 'dexie';
import { toRow } from './rows';
import type {
  HouseholdRow,
  MobileNotification,
  MobileUser,
  Options,
  OutboxItem,
  SentItem,
  SyncHousehold,
  SyncTask,
} from './types';

export interface MetaRecord {
  key: MetaKey;
  value: unknown;
}

export type MetaKey =
  'user' | 'cursor' | 'lastSyncAt' | 'lastPullAt' | 'options' | 'needsLogin' | 'lastSyncError';

/** The first schema (phones that have not opened version 2 yet keep it): tests build such a phone from it. */
export const SCHEMA_V1 = {
  households: 'id, villageId, stage, light, code',
  tasks: 'id, householdId, status',
  notifications: 'id, createdAt',
  outbox: 'clientId, status, householdId, createdAt',
  sent: 'clientId, sentAt',
  meta: 'key',
};

/** Everything the cadre's phone keeps: their households, tasks, notifications, option lists, and the outbox. */
export class MobileDb extends Dexie {
  households!: Table<SyncHousehold, string>;
  /** The list's rows of the same households (HouseholdRow): kept in step with `households` by every writer. */
  rows!: Table<HouseholdRow, string>;
  tasks!: Table<SyncTask, string>;
  notifications!: Table<MobileNotification, string>;
  outbox!: Table<OutboxItem, string>;
  sent!: Table<SentItem, string>;
  meta!: Table<MetaRecord, string>;

  constructor(name = 'dxz-cadre') {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores({ rows: 'id' })
      .upgrade(async (tx) => {
        const households = (await tx.table('households').toArray()) as SyncHousehold[];
        await tx.table('rows').bulkPut(households.map(toRow));
      });
  }

  async getMeta<T>(key: MetaKey): Promise<T | undefined> {
    return (await this.meta.get(key))?.value as T | undefined;
  }

  async setMeta(key: MetaKey, value: unknown): Promise<void> {
    await this.meta.put({ key, value });
  }

  user(): Promise<MobileUser | undefined> {
    return this.getMeta<MobileUser>('user');
  }

  options(): Promise<Options | undefined> {
    return this.getMeta<Options>('options');
  }
}

let shared: MobileDb | undefined;
/** The app's one database (tests make their own). */
export function mobileDb(): MobileDb {
  shared ??= new MobileDb();
  return shared;
}
