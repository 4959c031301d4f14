import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { addDays, defaultWeek, weekLabel } from '../src/features/bulletins/weeks';
import { businessDate } from '../src/lib/format';
import { DEMO_PASSWORD, keep, login, watchConsole } from './support';
import { openWorkbook, valueBeside } from './workbook';

/** A bearer token for API calls the test makes itself (the browser uses its session cookie). */
async function token(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Today's cycle has run (this spec may run before any other): run it as the commander and wait for it. */
async function ensureCycleRan(request: APIRequestContext, date: string): Promise<void> {
  const headers = { Authorization: `Bearer ${await token(request, 'commander')}` };
  expect((await request.post(`/api/v1/cycle/${date}/run`, { headers })).status()).toBe(202);
  await expect
    .poll(
      async () => {
        const status = (await (await request.get(`/api/v1/cycle/${date}`, { headers })).json()) as {
          jobs: { status: string }[];
        };
        return status.jobs.map((job) => (job.status === 'skipped' ? 'done' : job.status)).join(',');
      },
      { timeout: 60_000 },
    )
    .toBe('done,done,done');
}

/** A figure as a Statistic shows it (1,234 → 1234). */
async function statistic(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/,/g, ''));
}

test('official: reads the daily report, but has no run button, no dispatch sheet, no overdue lists', async ({
  page,
  request,
}) => {
  const today = businessDate();
  await ensureCycleRan(request, today);
  const problems = watchConsole(page);
  const forbidden: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/v1\/(cycle|dispatch|supervision)\//.test(new URL(r.url()).pathname)) forbidden.push(r.url());
  });
  await login(page, 'official');
  await page.getByRole('menuitem', { name: '日调度' }).click();
  await expect(page).toHaveURL(/\/cycle$/);

  await expect(page.getByTestId('daily-report')).toBeVisible();
  const mine = (await (await page.request.get(`/api/v1/reports/daily/${today}`)).json()) as {
    totals: { households: number };
    byVillage: unknown[];
  };
  expect(await statistic(page, 'report-total-households')).toBe(mine.totals.households);
  await expect(page.getByRole('tab', { name: `按村（${mine.byVillage.length}）` })).toBeVisible();
  await expect(page.getByRole('tab', { name: /按专班/ })).toHaveCount(0);
  await expect(page.getByTestId('run-cycle')).toHaveCount(0);
  await expect(page.getByTestId('cycle-steps')).toHaveCount(0);
  await expect(page.getByTestId('dispatch-sheet')).toHaveCount(0);
  await expect(page.getByTestId('overdue-lists')).toHaveCount(0);
  await keep(page, 'cycle-official');

  // A day without a report says so (and still offers nothing to run).
  const longAgo = addDays(today, -400);
  await page.goto(`/cycle?date=${longAgo}`);
  await expect(page.getByTestId('report-missing')).toContainText(`${longAgo} 的日汇报尚未生成`);
  await expect(page.getByTestId('run-cycle')).toHaveCount(0);
  await expect(page.getByTestId('report-export')).toHaveCount(0);
  await keep(page, 'cycle-no-report');

  expect(forbidden).toEqual([]);
  expect(problems).toEqual([]);
});

test('supervisor: reads the day’s steps, dispatch sheet and overdue lists, and cannot run', async ({
  page,
  request,
}) => {
  const today = businessDate();
  await ensureCycleRan(request, today);
  const problems = watchConsole(page);
  await login(page, 'supervisor');
  await page.goto('/cycle');
  for (const step of ['report', 'review', 'dispatch'])
    await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('data-status', /^(done|skipped)$/);
  await expect(page.getByTestId('daily-report')).toBeVisible();
  await expect(page.getByTestId('dispatch-sheet')).toBeVisible();
  await expect(page.getByTestId('overdue-lists')).toBeVisible();
  await expect(page.getByTestId('run-cycle')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('commander: generates the week’s bulletin, reads the rankings, downloads the xlsx', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'commander');

  // The week this Monday publishes, unless its bulletin exists already (demo history or another run):
  // then the newest earlier week that has none, opened by its link.
  const today = businessDate();
  let week = defaultWeek(today);
  for (let i = 0; i < 12; i++) {
    const status = (await page.request.get(`/api/v1/bulletins/weekly/${week}`)).status();
    if (status === 404) break;
    expect(status).toBe(200);
    week = addDays(week, -7);
  }
  await page.getByRole('menuitem', { name: '周通报' }).click();
  if (week !== defaultWeek(today)) await page.goto(`/bulletins?week=${week}`);
  await expect(page.getByTestId('bulletin-title')).toContainText(weekLabel(week));
  await expect(page.getByTestId('bulletin-missing')).toContainText('尚未生成');
  await page.getByTestId('run-bulletin').click();
  await expect(page.getByText('周通报已生成')).toBeVisible();

  const bulletin = (await (await page.request.get(`/api/v1/bulletins/weekly/${week}`)).json()) as {
    totals: { households: number };
    rankings: Record<string, { rows: { name: string }[] }>;
    metricVersions: Record<string, number>;
  };
  expect(await statistic(page, 'bulletin-total-households')).toBe(bulletin.totals.households);
  // Generated now, it names the definitions it used: every metric at its first version but 户数, at its second
  // (grouped by the assignment at week end).
  const versions = Object.values(bulletin.metricVersions);
  expect(bulletin.metricVersions.households).toBe(2);
  await expect(page.getByTestId('bulletin-metric-versions')).toHaveText(
    `指标口径：${versions.length - 1} 项第 1 版，1 项第 2 版`,
  );
  // Every ranking's tab counts what the API ranked. A fresh demo database has no household registered before an
  // ended week, so its rankings may be empty; with history the first row is checked too.
  const tabs: [string, string][] = [
    ['taskForces', '专班'],
    ['townships', '乡镇'],
    ['villages', '村'],
    ['units', '单位'],
    ['cadres', '包户干部'],
  ];
  for (const [key, label] of tabs) {
    const ranked = bulletin.rankings[key].rows;
    await page.getByRole('tab', { name: `${label}（${ranked.length}）` }).click();
    const rows = page.getByTestId(`ranking-${key}`).locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(ranked.length);
    if (ranked.length) await expect(rows.first()).toContainText(ranked[0].name);
    else await expect(page.getByTestId(`ranking-${key}`)).toContainText('本周无可排名对象');
  }
  await expect(page.getByTestId('bottom-three')).toBeVisible();
  await keep(page, 'bulletin');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('bulletin-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`周通报-${week}.xlsx`);
  const workbook = await openWorkbook(download);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
    expect.arrayContaining(['总览', '专班排名', '乡镇排名', '村排名', '单位排名', '包户干部排名']),
  );
  expect(valueBeside(workbook.getWorksheet('总览')!, '移民户数')).toBe(bulletin.totals.households);
  const villages = bulletin.rankings.villages.rows;
  if (villages.length)
    expect(workbook.getWorksheet('村排名')!.getRow(2).getCell(2).value).toBe(villages[0].name);
  expect(problems).toEqual([]);
});
