import { expect, test } from '@playwright/test';
import { keep, login, watchConsole } from './support';
import { ApiAs, settled } from './workflow-api';

type Household = { id: string; code: string };
type User = { id: string; displayName: string; username: string };

test.describe('包保责任', () => {
  test('the command centre hands a village to another leader and its households show the new chain', async ({
    page,
    request,
  }) => {
    const problems = watchConsole(page);
    const commander = await ApiAs.login(request, 'commander');
    await login(page, 'commander');
    await page.getByRole('menuitem', { name: '包保责任' }).click();
    await expect(page).toHaveURL(/\/responsibility$/);

    // The last village of the matrix (the demo gave each village its township's official as 包村领导).
    const table = page.getByTestId('responsibility-levels');
    const row = table
      .locator('tr[data-row-key]', { has: page.getByRole('cell', { name: '村', exact: true }) })
      .last();
    const villageId = (await row.getAttribute('data-row-key'))!;
    const levels = await commander.get<{ scopeId: string; role: string; holder: { id: string } }[]>(
      '/responsibles?scopeType=village',
    );
    const current = levels.find((l) => l.scopeId === villageId && l.role === 'village_leader')?.holder.id;
    const leaders = await commander.get<{ items: User[] }>('/users?role=commander&pageSize=200');
    const next = leaders.items.find((u) => u.id !== current)!;

    await row.getByRole('button', { name: '设置' }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('包村领导');
    await dialog.getByTestId('responsible-holder-select').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `（${next.username}）` })
      .click();
    await dialog.getByLabel('交接原因').fill('指挥部调整包村领导');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText(/已更新，影响 \d+ 户/)).toBeVisible();
    await expect(row).toContainText(next.displayName);
    await keep(page, 'responsibility');

    // One of the village's households that sets no leader of its own: its chain names the new one.
    const households = await commander.get<{ items: Household[] }>(
      `/households?villageId=${villageId}&pageSize=20`,
    );
    let household: Household | null = null;
    for (const candidate of households.items) {
      const chain = await commander.get<{ roles: { role: string; source: string | null }[] }>(
        `/households/${candidate.id}/responsibles`,
      );
      if (chain.roles.find((r) => r.role === 'village_leader')?.source === 'village') {
        household = candidate;
        break;
      }
    }
    expect(household, 'a household of the village that inherits its leader').not.toBeNull();
    await page.goto(`/households/${household!.id}`);
    await expect(page.getByTestId('household-title')).toContainText(household!.code);
    await page.getByRole('tab', { name: '包保责任' }).click();
    const panel = page.getByTestId('responsibility-panel');
    await expect(panel).toContainText(`包村领导：${next.displayName}`);
    await expect(panel).toContainText('包户干部：');
    await expect(panel).toContainText(/包户分配 · 自 \d{4}-\d{2}-\d{2}/); // since its cadre was assigned
    await expect(panel.getByRole('row', { name: /指挥部调整包村领导/ })).toContainText(next.displayName);
    await settled(page);
    await keep(page, 'household-responsibility');
    expect(problems).toEqual([]);
  });
});
