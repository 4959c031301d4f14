import { mobileApi } from './api';
import { mobileDb } from './data/db';
import type { MobileUser } from './data/types';
import { errorOf } from './sync/classify';

export class LoginError extends Error {}

/**
 * Signs in online (the session cookie), then makes the phone this cadre's: another cadre's copy is cleared,
 * but never while that cadre still has records waiting to be sent.
 */
export async function signIn(username: string, password: string): Promise<MobileUser> {
  let result;
  try {
    result = await mobileApi.POST('/api/v1/auth/session', { body: { username, password } });
  } catch {
    throw new LoginError('网络连接失败：首次登录需要联网');
  }
  if (!result.response.ok || !result.data)
    throw new LoginError(errorOf(result.response.status, result.error).message);
  return adopt(result.data.user as MobileUser);
}

/**
 * A cadre who signed in at the console was sent here with a session already: the phone takes it over without
 * asking for the password again. Null when there is no (cadre) session.
 */
export async function resumeSession(): Promise<MobileUser | null> {
  try {
    const { data, response } = await mobileApi.GET('/api/v1/auth/me');
    if (!response.ok || !data || data.role !== 'cadre') return null;
    return await adopt(data as MobileUser);
  } catch {
    return null;
  }
}

async function adopt(user: MobileUser): Promise<MobileUser> {
  if (user.role !== 'cadre') {
    await mobileApi.DELETE('/api/v1/auth/session').catch(() => undefined);
    throw new LoginError('手机端供包户干部使用，请在电脑上打开指挥调度平台');
  }
  const db = mobileDb();
  const previous = await db.user();
  if (previous && previous.id !== user.id) {
    const waiting = (await db.outbox.toArray()).filter((item) => item.userId === previous.id).length;
    if (waiting > 0) {
      await mobileApi.DELETE('/api/v1/auth/session').catch(() => undefined);
      throw new LoginError(
        `本机还有 ${previous.displayName} 的 ${waiting} 条记录未同步，请先由其登录完成同步后再换账号`,
      );
    }
    // Another cadre's phone copy goes; their cursor with it, so the new cadre's first pull is a full one.
    await db.transaction(
      'rw',
      [db.households, db.rows, db.tasks, db.notifications, db.sent, db.meta],
      async () => {
        await Promise.all([
          db.households.clear(),
          db.rows.clear(),
          db.tasks.clear(),
          db.notifications.clear(),
          db.sent.clear(),
          db.meta.clear(),
        ]);
      },
    );
  }
  await db.setMeta('user', {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
  } satisfies MobileUser);
  await db.setMeta('needsLogin', false);
  void requestPersistence();
  return user;
}

/** Ends the session on the server; the phone keeps its data and outbox for the next login of the same cadre. */
export async function signOut(): Promise<void> {
  await mobileApi.DELETE('/api/v1/auth/session').catch(() => undefined);
  await mobileDb().setMeta('needsLogin', true);
}

/**
 * Asks the browser not to evict the phone's data under storage pressure (records waiting to be sent live there).
 * Browsers decide themselves; the answer is only a hint.
 */
export async function requestPersistence(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}

/** Inside WeChat's own browser, storage and offline start are unreliable: the cadre is asked to switch. */
export const inWeChat = (userAgent = navigator.userAgent): boolean => /MicroMessenger/i.test(userAgent);
