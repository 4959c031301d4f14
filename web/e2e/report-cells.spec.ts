import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { businessDate } from '../src/lib/format';
import { DEMO_PASSWORD, keep, login, watchConsole } from './support';

async function bearer(request: APIRequestContext): Promise<Record<string, string>> {
  const response = await request.post('/api/v1/auth/login', {
    data: { username: 'commander', password: DEMO_PASSWORD },
  });
  expect(response.status()).toBe(200);
  return { Authorization: `Bearer ${((await response.json()) as { accessToken: string }).accessToken}` };
}

/** Today's report is stored (this spec may run first): run the cycle and wait for the report. */
async function ensureReport(request: APIRequestContext, date: string) {
  const headers = await bearer(request);
  expect((await request.post(`/api/v1/cycle/${date}/run`, { headers })).status()).toBe(202);
  await expect
    .poll(async () => (await request.get(`/api/v1/reports/daily/${date}`, { headers })).status(), {
      timeout: 60_000,
    })
    .toBe(200);
  return (await (await request.get(`/api/v1/reports/daily/${date}`, { headers })).json()) as {
    totals: { households: number };
    stages: { stage: string; count: number }[];
  };
}

async function statistic(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/,/g, ''));
}

test('commander: a number of the daily report opens the households behind it', async ({ page, request }) => {
  const today = businessDate();
  const report = await ensureReport(request, today);
  const problems = watchConsole(page);
  await login(page, 'commander');
  await page.goto(`/cycle?date=${today}`);
  await expect(page.getByTestId('daily-report')).toBeVisible();

  const households = await statistic(page, 'report-total-households');
  expect(households).toBe(report.totals.households);
  await page.getByTestId('report-total-households').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(`共 ${households} 条`);
  await expect(drawer.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(Math.min(households, 20));
  await keep(page, 'report-cells-households');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // A stage's count opens the households at that stage, as many as the number.
  const stage = report.stages.find((row) => row.count > 0)!;
  await page.getByTestId(`report-stage-count-${stage.stage}`).click();
  await expect(page.getByRole('dialog')).toContainText(`共 ${stage.count} 条`);
  expect(problems).toEqual([]);
});
