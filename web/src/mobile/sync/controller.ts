import { mobileApi } from '../api';
import { mobileDb } from '../data/db';
import { syncOnce, type SyncReport } from './engine';

/** How often a sync runs while the app is open and visible; sooner while something waits to be sent. */
export const SYNC_INTERVAL_MS = 60_000;
export const PENDING_RETRY_MS = 15_000;
let lastStarted = 0;

export interface SyncState {
  running: boolean;
  last: SyncReport | null;
}

let state: SyncState = { running: false, last: null };
const listeners = new Set<() => void>();
let inFlight: Promise<SyncReport | null> | null = null;

function set(next: Partial<SyncState>) {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

export const syncState = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => state,
};

/**
 * One sync at a time: in this tab (a second call joins the running one) and across tabs (Web Locks, where the
 * browser has them). Nothing to do without a signed-in cadre or while a new login is awaited.
 */
export function syncNow(): Promise<SyncReport | null> {
  inFlight ??= (async () => {
    lastStarted = Date.now();
    set({ running: true });
    try {
      const db = mobileDb();
      const run = async () => {
        const user = await db.user();
        if (!user || (await db.getMeta<boolean>('needsLogin'))) return null;
        return syncOnce(db, mobileApi, user.id);
      };
      const report = navigator.locks ? await navigator.locks.request('dxz-cadre-sync', run) : await run();
      set({ last: report });
      return report;
    } finally {
      set({ running: false });
      inFlight = null;
    }
  })();
  return inFlight;
}

/**
 * The foreground triggers: at start, when the network comes back, when the app is shown again, and on a timer
 * while it is open. Returns the function that removes them.
 */
export function startSyncTriggers(): () => void {
  const kick = () => void syncNow();
  const onVisible = () => {
    if (document.visibilityState === 'visible') kick();
  };
  window.addEventListener('online', kick);
  document.addEventListener('visibilitychange', onVisible);
  const timer = window.setInterval(() => {
    if (document.visibilityState !== 'visible') return;
    if (Date.now() - lastStarted >= SYNC_INTERVAL_MS) return kick();
    void mobileDb()
      .outbox.where('status')
      .equals('pending')
      .count()
      .then((pending) => {
        if (pending > 0) kick();
      });
  }, PENDING_RETRY_MS);
  // With households on the phone, the start's round waits for the list to be painted: it reads the outbox and,
  // online, writes the delta, and on a slow phone that work delayed the list it would only refresh. An empty phone
  // (the first login) has nothing to show until the round brings it: it goes at once.
  let stopped = false;
  let idle: number | undefined;
  void mobileDb()
    .rows.count()
    .catch(() => 0)
    .then((rows) => {
      if (stopped) return;
      if (rows === 0 || typeof requestIdleCallback !== 'function') return kick();
      idle = requestIdleCallback(kick, { timeout: 1_000 });
    });
  return () => {
    stopped = true;
    if (idle !== undefined) cancelIdleCallback(idle);
    window.removeEventListener('online', kick);
    document.removeEventListener('visibilitychange', onVisible);
    window.clearInterval(timer);
  };
}
