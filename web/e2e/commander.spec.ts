import { expect, type Page, test } from '@playwright/test';
import { businessDate } from '../src/lib/format';
import { keep, login, watchConsole } from './support';
import { openWorkbook, valueBeside } from './workbook';

/** A figure as a Statistic shows it (1,234 → 1234). */
async function statistic(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/,/g, ''));
}

test('commander: dashboard → matrix cell → filtered list → household → assign a cadre → run the day → report and its xlsx', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await login(page, 'commander');
  await expect(page.getByRole('heading', { name: /挂图作战/ })).toBeVisible();
  await expect(page.getByTestId('stage-matrix')).toBeVisible();
  await keep(page, 'dashboard');

  const cell = page.locator('[data-testid^="cell-"]').first();
  const count = Number(await cell.innerText());
  await cell.click();
  await expect(page).toHaveURL(/\/households\?villageId=.+&stage=.+/);
  await expect(page.getByText(`共 ${count} 户`)).toBeVisible();
  await keep(page, 'households');

  await page.getByTestId('households-table').locator('tbody tr a').first().click();
  await expect(page.getByTestId('household-title')).toBeVisible();
  await keep(page, 'household');
  await page.getByTestId('action-assign').click();
  await page.getByTestId('assign-cadre-select').click();
  const option = page.locator('.ant-select-item-option').nth(1);
  const chosen = (await option.innerText()).split('（')[0];
  await option.click();
  await page.getByRole('button', { name: '确定分配' }).click();
  await expect(page.getByText('已分配 1 户')).toBeVisible();
  await expect(page.getByTestId('household-cadre')).toHaveText(chosen);

  // 日调度: run today's cycle (today as the page reads it: Asia/Shanghai), wait for its three steps.
  const today = businessDate();
  await page.getByRole('menuitem', { name: '日调度' }).click();
  await expect(page).toHaveURL(/\/cycle$/);
  await expect(page.getByTestId('cycle-title')).toContainText(today);
  // Before the day ran (unless another journey ran it first), the page says so plainly.
  if ((await page.request.get(`/api/v1/reports/daily/${today}`)).status() === 404)
    await expect(page.getByTestId('report-missing')).toContainText(`${today} 的日汇报尚未生成`);
  await page.getByTestId('run-cycle').click();
  for (const step of ['report', 'review', 'dispatch'])
    await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('data-status', /^(done|skipped)$/, {
      timeout: 60_000,
    });
  await expect(page.getByTestId('cycle-error')).toHaveCount(0);
  // Once the chain is done (its own record closes just after the last step) the page stops asking.
  await expect(page.getByTestId('cycle-steps')).toHaveAttribute('data-phase', 'finished');
  const quietSince = Date.now();
  const polls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === `/api/v1/cycle/${today}`) polls.push(request.url());
  });

  // The report on the page is the stored one.
  const response = await page.request.get(`/api/v1/reports/daily/${today}`);
  expect(response.status()).toBe(200);
  const report = (await response.json()) as {
    totals: { households: number; visits: number };
    metricVersions: Record<string, number>;
  };
  expect(report.totals.households).toBeGreaterThan(0);
  await expect(page.getByTestId('daily-report')).toBeVisible();
  expect(await statistic(page, 'report-total-households')).toBe(report.totals.households);
  expect(await statistic(page, 'report-total-visits')).toBe(report.totals.visits);
  // The definitions it was computed with (stored with the snapshot): all first versions today.
  const versions = Object.keys(report.metricVersions);
  expect(versions.length).toBeGreaterThan(0);
  await expect(page.getByTestId('report-metric-versions')).toHaveText(
    `指标口径：${versions.length} 项指标均为第 1 版`,
  );
  await page.getByRole('tab', { name: /按村/ }).click();
  await expect(page.getByTestId('report-villages').locator('tbody tr.ant-table-row').first()).toBeVisible();
  // Dispatch sheet and overdue lists are there, even on a day with nothing to dispatch.
  await expect(page.getByTestId('dispatch-sheet')).toBeVisible();
  await expect(page.getByTestId('overdue-lists')).toBeVisible();
  await keep(page, 'cycle');
  await page.waitForTimeout(Math.max(0, 3_500 - (Date.now() - quietSince))); // two poll intervals at least
  expect(polls).toEqual([]);

  // The xlsx opens, and says what the page says.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('report-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`日汇报-${today}.xlsx`);
  const workbook = await openWorkbook(download);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    '总览',
    '阶段',
    '按村',
    '按乡镇',
    '按专班',
    '按包户干部',
    '指标口径',
  ]);
  expect(valueBeside(workbook.getWorksheet('总览')!, '日期')).toBe(today);
  expect(valueBeside(workbook.getWorksheet('总览')!, '总户数')).toBe(report.totals.households);
  expect(problems).toEqual([]);
});

test('commander: the dashboard’s overdue problems open the problems behind the figure', async ({ page }) => {
  const problems = watchConsole(page);
  await login(page, 'commander');
  const figure = page.getByTestId('problems-overdue');
  await expect(figure).toBeVisible();
  const count = Number((await figure.locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
  await figure.click();
  await expect(page).toHaveURL(/\/problems\?overdue=true/);
  await expect(page.getByText(`共 ${count} 件`)).toBeVisible();
  expect(problems).toEqual([]);
});

test('commander: today’s 走访, 阶段推进 and 待审批 open the households and requests behind the figures', async ({
  page,
}) => {
  const problems = watchConsole(page);
  await login(page, 'commander');
  const figures = page.getByTestId('today-figures');
  await expect(figures).toBeVisible();
  const card = (title: string) => figures.locator('.ant-statistic', { hasText: title });
  const householdsOf = async (title: string) =>
    Number(/(\d+)\s*户/.exec(await card(title).locator('.figure-note').innerText())![1]);

  for (const [title, filter] of [
    ['今日走访', 'visitedOn'],
    ['今日阶段推进', 'advancedOn'],
  ] as const) {
    const households = await householdsOf(title);
    await card(title).click();
    await expect(page).toHaveURL(new RegExp(`/households\\?${filter}=\\d{4}-\\d{2}-\\d{2}`));
    await expect(page.getByTestId(`filter-${filter}`)).toBeVisible();
    // An empty table shows no pager (and no total): then no row at all.
    if (households > 0) await expect(page.getByText(`共 ${households} 户`)).toBeVisible();
    else await expect(page.getByTestId('households-table').locator('.ant-empty')).toBeVisible();
    await page.goBack();
    await expect(figures).toBeVisible();
  }

  // 待审批 counts every pending request the commander may see, at any level: 全部在审, not only 待我审批.
  const pending = page.getByTestId('approvals-pending');
  const count = Number((await pending.locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
  await pending.click();
  await expect(page).toHaveURL(/\/approvals\?tab=all/);
  await expect(page.getByRole('tab', { name: '全部在审', selected: true })).toBeVisible();
  await expect(page.getByText(`共 ${count} 件`)).toBeVisible();
  expect(problems).toEqual([]);
});
