import { expect, test } from '@playwright/test';
import { keep, login, watchConsole } from './support';
import { ApiAs } from './workflow-api';

/** Today in Shanghai plus `days`, YYYY-MM-DD (the server's business dates). */
function shanghaiDate(days: number): string {
  const date = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

test.describe('搬迁节点倒排', () => {
  test('the command centre sets a village move date and sees the village on the plan and the dashboard', async ({
    page,
  }) => {
    const problems = watchConsole(page);
    const moveDate = shanghaiDate(40);
    await login(page, 'commander');
    await page.getByRole('menuitem', { name: '搬迁节点倒排' }).click();
    await expect(page).toHaveURL(/\/planning$/);
    await expect(page.getByText('节点前 30 天')).toBeVisible(); // the lead table: 已签约 30 days before

    const button = page.getByRole('button', { name: /设置节点|调整节点/ }).first();
    const village = (await button.getAttribute('data-testid'))!.replace('move-date-', '');
    await button.click();
    // A date in the past is refused in the form, before anything is sent.
    await page.getByTestId('move-date').fill(shanghaiDate(-3));
    await page.getByTestId('move-date-reason').fill('指挥部会议确定搬迁节点');
    await page.getByRole('button', { name: '保存并重新倒排' }).click();
    await expect(page.getByText(/不能早于/)).toBeVisible();
    await page.getByTestId('move-date').fill(moveDate);
    await page.getByRole('button', { name: '保存并重新倒排' }).click();
    await expect(page.getByText(new RegExp(`已设置搬迁节点 ${moveDate}，已重新倒排 \\d+ 户`))).toBeVisible();
    const row = page.locator('tr', { hasText: village }).first();
    await expect(row).toContainText(moveDate);
    await keep(page, 'planning');

    await page.getByRole('menuitem', { name: '挂图作战' }).click();
    const card = page.getByTestId('planning');
    await expect(card).toContainText(village);
    await expect(card).toContainText(`节点 ${moveDate}`);
    await keep(page, 'dashboard-planning');
    expect(problems).toEqual([]);
  });

  test('the command centre makes a batch from 户编号, takes its households out again and deletes it', async ({
    page,
    request,
  }) => {
    const problems = watchConsole(page);
    const commander = await ApiAs.login(request, 'commander');
    const listed = await commander.get<{ items: { code: string }[] }>('/households?pageSize=2&sort=-code');
    const [first, second] = listed.items.map((h) => h.code);
    const name = `E2E 批次 ${Date.now().toString(36)}`;
    await login(page, 'commander');
    await page.goto('/planning');
    await page.getByRole('button', { name: '新建批次' }).click();
    await page.getByTestId('batch-name').fill(name);
    await page.getByTestId('batch-move-date').fill(shanghaiDate(50));
    await page.getByTestId('batch-codes').fill(`${first}\n${second}, NO-SUCH-CODE`);
    await page.getByTestId('batch-reason').fill('淹没线以下先行搬迁');
    await page.getByRole('button', { name: '建立并重新倒排' }).click();
    // The unknown code is named and nothing is made; without it the batch is made.
    await expect(page.getByText(/户编号 NO-SUCH-CODE 不存在|请求参数有误/)).toBeVisible();
    await page.getByTestId('batch-codes').fill(`${first}\n${second}`);
    await page.getByRole('button', { name: '建立并重新倒排' }).click();
    await expect(page.getByText(new RegExp(`已建立批次「${name}」（2 户）`))).toBeVisible();
    const row = page.locator('tr', { hasText: name });
    await expect(row).toContainText(shanghaiDate(50));
    await expect(row.locator('td').nth(2)).toHaveText('2');

    await row.getByRole('button', { name: '移出户' }).click();
    await page.getByTestId('batch-codes').fill(second);
    await page.getByTestId('batch-reason').fill('户主申请随村搬迁');
    await page.getByRole('button', { name: '移出并重新倒排' }).click();
    await expect(page.getByText(/已移出 1 户，批次余 1 户/)).toBeVisible();
    await expect(row.locator('td').nth(2)).toHaveText('1');
    const batch = (await commander.get<{ name: string; households: number }[]>('/planning/batches')).find(
      (b) => b.name === name,
    );
    expect(batch?.households).toBe(1);
    await keep(page, 'planning-batches');

    // Emptied, the batch can be deleted (with a batch of households the button is not there: they go out first).
    await expect(row.getByRole('button', { name: /删\s*除\s*批\s*次/ })).toHaveCount(0);
    await row.getByRole('button', { name: '移出户' }).click();
    await page.getByTestId('batch-codes').fill(first);
    await page.getByTestId('batch-reason').fill('批次取消');
    await page.getByRole('button', { name: '移出并重新倒排' }).click();
    await expect(row.locator('td').nth(2)).toHaveText('0');
    await row.getByRole('button', { name: /删\s*除\s*批\s*次/ }).click();
    await page.getByRole('button', { name: /^删\s*除$/ }).click();
    await expect(page.getByText(`已删除批次「${name}」`)).toBeVisible();
    await expect(page.locator('tr', { hasText: name })).toHaveCount(0);
    const left = await commander.get<{ name: string }[]>('/planning/batches');
    expect(left.map((b) => b.name)).not.toContain(name);
    expect(problems).toEqual([]);
  });
});
