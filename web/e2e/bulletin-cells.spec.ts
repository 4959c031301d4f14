import { type APIRequestContext, expect, test } from '@playwright/test';
import { addDays, defaultWeek } from '../src/features/bulletins/weeks';
import { businessDate } from '../src/lib/format';
import { DEMO_PASSWORD, keep, login, watchConsole } from './support';

interface Row {
  id: string;
  name: string;
  households: number | null;
  closed: number;
  overdue: number;
}
interface Bulletin {
  totals: { households: number; closed: number; overdueProblems: number };
  rankings: Record<string, { rows: Row[] }>;
}

/** The newest week whose stored bulletin counts households (the demo replays three weeks, bulletins on Mondays). */
async function bulletinWithHouseholds(
  request: APIRequestContext,
): Promise<{ week: string; bulletin: Bulletin }> {
  const login = await request.post('/api/v1/auth/login', {
    data: { username: 'commander', password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  const headers = {
    Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`,
  };
  let week = defaultWeek(businessDate());
  for (let i = 0; i < 6; i++, week = addDays(week, -7)) {
    const response = await request.get(`/api/v1/bulletins/weekly/${week}`, { headers });
    if (response.status() !== 200) continue;
    const bulletin = (await response.json()) as Bulletin;
    if (bulletin.totals.households > 0) return { week, bulletin };
  }
  throw new Error('no stored weekly bulletin with households: the demo data should have two');
}

test('commander: a number of the weekly bulletin opens the households or problems behind it', async ({
  page,
  request,
}) => {
  const { week, bulletin } = await bulletinWithHouseholds(request);
  const problems = watchConsole(page);
  await login(page, 'commander');
  await page.goto(`/bulletins?week=${week}`);
  await expect(page.getByTestId('bulletin-totals')).toBeVisible();

  const drawer = page.getByTestId('bulletin-cell-drawer');
  const items = page.getByTestId('bulletin-cell-items').locator('.ant-table-tbody tr.ant-table-row');
  const close = async () => {
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  };

  // The week's households: as many as the bulletin counts, as they were at week end.
  await page.getByTestId('bulletin-total-households').click();
  await expect(drawer).toContainText(`共 ${bulletin.totals.households} 户`);
  await expect(drawer).toContainText(`${addDays(week, 6)} 24 时`);
  await expect(items).toHaveCount(Math.min(bulletin.totals.households, 20));
  await keep(page, 'bulletin-cells-households');
  await close();

  // A village's 户数 in its ranking row: that village's households, not the whole week's.
  const villages = bulletin.rankings.villages.rows;
  const village = villages.find((row) => (row.households ?? 0) > 0)!;
  await page.getByRole('tab', { name: `村（${villages.length}）` }).click();
  const row = page.getByTestId('ranking-villages').locator('tr.ant-table-row', { hasText: village.name });
  await row.getByTestId('ranking-villages-households').click();
  await expect(drawer).toContainText(`${village.name} · 户数`);
  await expect(drawer).toContainText(`共 ${village.households} 户`);
  await close();

  // Problems: the week's closed ones (or, in a week that closed none, those overdue at its end).
  const [testId, count] =
    bulletin.totals.closed > 0
      ? ['bulletin-total-closed', bulletin.totals.closed]
      : ['bulletin-total-overdueProblems', bulletin.totals.overdueProblems];
  await page.getByTestId(testId).click();
  await expect(drawer).toContainText(`共 ${count} 个问题`);
  await expect(items).toHaveCount(Math.min(count, 20));
  await close();
  expect(problems).toEqual([]);
});
