import { expect, test } from '@playwright/test';
import { keep, login, watchConsole } from './support';

test('commander: dashboard → matrix cell → filtered list → household → assign a cadre', async ({ page }) => {
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
  expect(problems).toEqual([]);
});
