import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo@2026';
/** The test server's signing key: the session journey signs an expired token as the server would have. */
export const CONSOLE_JWT_SECRET = 'console-e2e-secret-not-for-production-0123456789';
export const ADMIN = { username: 'admin', password: 'Admin@2026-console' };

/** Signs in through the login form, as a person would. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** A full-page screenshot kept with the test's results (git-ignored), one per page visited. */
export async function keep(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/pages/${name}.png`, fullPage: true });
}

/**
 * Errors the page logs: CSP violations, uncaught exceptions, React warnings. The browser's own "Failed to load
 * resource" lines are left out: a 401 or 404 the console handles (no session yet, no bulletin yet) is not one.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
