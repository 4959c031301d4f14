import { expect, test, type BrowserContext } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { CONSOLE_JWT_SECRET, keep, login, watchConsole } from './support';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Replaces the session cookie by the same user's token as it looks once its time is up: signed by the server's
 * key, every claim intact, `exp` an hour ago.
 */
async function expireSession(context: BrowserContext): Promise<void> {
  const cookie = (await context.cookies()).find((c) => c.name === 'dxz_session');
  if (!cookie) throw new Error('no session cookie');
  const claims = JSON.parse(Buffer.from(cookie.value.split('.')[1], 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const now = Math.floor(Date.now() / 1000);
  const body = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(
    JSON.stringify({ ...claims, iat: now - 13 * 3600, exp: now - 3600 }),
  )}`;
  const signature = createHmac('sha256', CONSOLE_JWT_SECRET).update(body).digest('base64url');
  await context.addCookies([{ ...cookie, value: `${body}.${signature}` }]);
}

test('an expired session returns to the login page, then back to the page the user was on', async ({
  page,
  context,
}) => {
  const problems = watchConsole(page);
  await login(page, 'commander');
  const where = '/households?stage=surveyed&light=red';
  await page.goto(where);
  await expect(page.getByTestId('households-table')).toBeVisible();

  await expireSession(context);
  await page.reload();
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent(where)}`);
  await keep(page, 'login-after-expiry');

  await page.getByLabel('用户名').fill('commander');
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(where);
  await expect(page.getByTestId('households-table')).toBeVisible();
  expect(problems).toEqual([]);
});

test('logging out ends the session: the pages ask for a login again', async ({ page }) => {
  await login(page, 'supervisor');
  await page.getByRole('button', { name: /退\s*出/ }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/households');
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent('/households')}`);
});

test('wrong passwords get a Chinese answer, and too many of them the lockout message', async ({ page }) => {
  // A username of its own: the lockout counts per username and address and must not touch the other journeys.
  await page.goto('/login');
  await page.getByLabel('用户名').fill('e2e-guesser');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('密码').fill(`guess-${attempt}`);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
  }
  await page.getByLabel('密码').fill('guess-6');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByRole('alert')).toHaveText(/登录失败次数过多，请 \d+ 分钟后再试/);
  await keep(page, 'login-locked');
});

test('a cadre signing in at the console is taken to the phone app, and so is every console link', async ({
  page,
}) => {
  const problems = watchConsole(page);
  await page.goto('/login');
  await page.getByLabel('用户名').fill('cadre01');
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // The phone app takes over the console's session: no second password. A first visit has no cadre on the phone
  // yet, so /m/ goes through its sign-in screen, which resumes the session and opens the list (/m/households);
  // matching /m/ alone passed only when the check caught the page before that redirect.
  await expect(page).toHaveURL(/\/m\/households$/);
  await expect(page.getByText(/我的包保户/)).toBeVisible();
  await keep(page, 'cadre-to-phone-app');
  for (const path of ['/', '/households', '/cycle', '/admin/users']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/m\/$/);
    await expect(page.getByTestId('households-table')).toHaveCount(0);
  }
  expect(problems).toEqual([]);
});
