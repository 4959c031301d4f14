import { expect, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './support';

/** Signs a cadre in on the phone app, online, and waits for the first sync and the service worker. */
export async function phoneLogin(page: Page, username: string): Promise<void> {
  await page.goto('/m/');
  await expect(page).toHaveURL(/\/m\/login/);
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('household-item').first()).toBeVisible({ timeout: 20_000 });
  await waitForSync(page);
  await waitForServiceWorker(page);
}

/** The service worker has precached the app and controls the page: from here on it opens with no network. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active!;
    if (worker.state !== 'activated')
      await new Promise<void>((resolve) =>
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()),
      );
    if (!navigator.serviceWorker.controller)
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      );
  });
}

/** Reads the phone's own bookkeeping (IndexedDB) the way the app does. */
export async function phoneMeta(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (metaKey) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('dxz-cadre');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('meta').objectStore('meta').get(metaKey);
          request.onsuccess = () => {
            resolve((request.result as { value?: unknown } | undefined)?.value ?? null);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    key,
  );
}

/** A full round went through since the page loaded: the outbox tried, the delta and option lists stored. */
export async function waitForSync(page: Page): Promise<void> {
  await expect.poll(() => phoneMeta(page, 'options'), { timeout: 20_000 }).not.toBeNull();
  await expect.poll(() => phoneMeta(page, 'lastSyncAt'), { timeout: 20_000 }).not.toBeNull();
}

export async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
}

/** Records a visit through the form (method stays 入户走访), as a cadre would. */
export async function recordVisit(page: Page, summary: string, concerns?: string): Promise<void> {
  await page.getByRole('button', { name: '记录走访' }).click();
  await page.getByPlaceholder('宣讲了什么政策，户主怎么说').fill(summary);
  if (concerns) await page.getByPlaceholder('群众反映的困难和诉求（没有可不填）').fill(concerns);
  await page.getByText('支持', { exact: true }).click();
  await page.getByRole('button', { name: '保存走访' }).click();
  await expect(page.getByRole('button', { name: '记录走访' })).toBeVisible();
}

/**
 * Opens 同步 and sees the outbox empty: it may have gone on its own already (a retry after a lost answer), else
 * 「立即同步」 sends it.
 */
export async function sendEverything(page: Page): Promise<void> {
  await page.getByText('同步', { exact: true }).last().click();
  await expect(page.getByTestId('pending-count')).toHaveText(/^\d+$/);
  if ((await page.getByTestId('pending-count').innerText()) !== '0')
    await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 30_000 });
}
