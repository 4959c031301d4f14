import { expect, test } from '@playwright/test';
import { keep, login, watchConsole } from './support';
import { ApiAs, settled } from './workflow-api';

type Household = { id: string; code: string; stage: string; light: string };
type Options = { stages: { value: string; label: string }[] };

const minusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

test.describe('历史状态', () => {
  test('the command centre reads a household as it was on a past day, as the API rebuilds it', async ({
    page,
    request,
  }) => {
    const problems = watchConsole(page);
    const commander = await ApiAs.login(request, 'commander');
    const today = (await commander.get<{ date: string }>('/dashboard/summary')).date;
    const date = minusDays(today, 14);
    // A demo household whose stage has moved since that day, so the panel must show the past, not today.
    const page1 = await commander.get<{ items: Household[] }>('/households?pageSize=100&sort=code');
    let moved: { now: Household; then: Household } | null = null;
    for (const household of page1.items) {
      const then = await commander.get<Household>(`/households/${household.id}?asOf=${date}`);
      if (then.stage !== household.stage) {
        moved = { now: household, then };
        break;
      }
    }
    expect(moved, `a demo household whose stage moved after ${date}`).not.toBeNull();
    const options = await commander.get<Options>('/options');
    const stageLabel = (stage: string) => options.stages.find((s) => s.value === stage)!.label;

    await login(page, 'commander');
    await page.goto(`/households/${moved!.now.id}`);
    await expect(page.getByTestId('household-title')).toContainText(moved!.now.code);
    await page.getByLabel('查看日期').click();
    await page.getByLabel('查看日期').fill(date);
    await page.getByLabel('查看日期').press('Enter');
    const panel = page.getByTestId('household-as-of');
    await expect(panel).toContainText(`${date} 24:00`);
    await expect(panel).toContainText(stageLabel(moved!.then.stage));
    const [past, current] = [stageLabel(moved!.then.stage), stageLabel(moved!.now.stage)];
    if (!past.includes(current)) await expect(panel).not.toContainText(current);
    await settled(page);
    await keep(page, 'household-as-of');
    expect(problems).toEqual([]);
  });
});
