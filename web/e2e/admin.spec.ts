import { expect, type Page, test } from '@playwright/test';
import { ADMIN, keep, login, watchConsole } from './support';

/** For answers that hash a password (argon2): slow when the machine is busy. */
const slowExpect = expect.configure({ timeout: 30_000 });

/** Unique per run: every spec shares one server and one database. */
const tag = Date.now().toString(36);

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

test('admin: creates a supervisor who signs in, deactivates them, and the audit log records it intact', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000); // two browsers, a dozen round trips, on a shared two-core machine
  const problems = watchConsole(page);
  const username = `sup-${tag}`;
  const password = `Sup@${tag}-2026`;
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/admin/users');
  await expect(page.getByTestId('users-table')).toBeVisible();
  await keep(page, 'admin-users');

  // The form: the server's password rule answers in Chinese under the field.
  await page.getByTestId('create-user').click();
  await page.getByTestId('user-username').fill(username);
  await page.getByTestId('user-display-name').fill(`督导员${tag}`);
  await choose(page, 'user-role', '督导组');
  await page.getByTestId('user-org-unit').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '移民安置指挥部' })
    .click();
  await page.getByTestId('user-password').fill('short1');
  await page.getByTestId('user-password-confirm').fill('short1');
  await page.getByRole('button', { name: /创\s*建/ }).click();
  await slowExpect(page.getByText('长度不能少于 8 个字符')).toBeVisible();
  await page.getByTestId('user-password').fill(password);
  await page.getByTestId('user-password-confirm').fill(password);
  await page.getByRole('button', { name: /创\s*建/ }).click();
  await slowExpect(page.getByText(`已创建用户「${username}」`)).toBeVisible();

  await choose(page, 'filter-role', '督导组');
  const row = page.getByTestId('users-table').locator('tbody tr', { hasText: username });
  await expect(row).toContainText(`督导员${tag}`);
  await expect(row).toContainText('大兴寨水库移民安置指挥部');
  await expect(row).toContainText('启用');

  // The new user signs in in their own browser and lands on their home page; supervisors read the audit log.
  const theirs = await browser.newContext();
  const supervisor = await theirs.newPage();
  const theirProblems = watchConsole(supervisor);
  await supervisor.goto('/login');
  await supervisor.getByLabel('用户名').fill(username);
  await supervisor.getByLabel('密码').fill(password);
  await supervisor.getByRole('button', { name: /登\s*录/ }).click();
  await slowExpect(supervisor.getByTestId('current-user')).toBeVisible();
  await expect(supervisor).toHaveURL(/\/$/);
  await expect(supervisor.getByRole('heading', { name: /挂图作战/ })).toBeVisible();
  await expect(supervisor.getByTestId('current-user')).toHaveText(`督导员${tag}（督导组）`);
  await supervisor.goto('/admin/audit');
  await expect(supervisor.getByTestId('audit-table')).toBeVisible();
  await expect(supervisor.getByTestId('verify-audit')).toHaveCount(0);

  // Edit: a new display name (the version read is sent back).
  await page.getByTestId(`edit-${username}`).click();
  await page.getByTestId('user-display-name').fill(`督导组长${tag}`);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(row).toContainText(`督导组长${tag}`);

  // Deactivation, confirmed: their session ends and they cannot sign in again.
  await page.getByTestId(`deactivate-${username}`).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /停\s*用/ })
    .click();
  await expect(page.getByText(`已停用「${username}」`)).toBeVisible();
  await expect(row).toContainText('已停用');
  await supervisor.reload();
  await expect(supervisor).toHaveURL(/\/login/);
  await supervisor.getByLabel('用户名').fill(username);
  await supervisor.getByLabel('密码').fill(password);
  await supervisor.getByRole('button', { name: /登\s*录/ }).click();
  await slowExpect(supervisor.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(supervisor.getByTestId('current-user')).toHaveCount(0);
  await theirs.close();

  // The audit log: the creation, the edit and the deactivation of that user; the chain verifies.
  await page.getByTestId(`audit-${username}`).click();
  await expect(page).toHaveURL(/\/admin\/audit\?entityType=user&entityId=/);
  const entries = page.getByTestId('audit-table').locator('tbody tr');
  const created = entries.filter({ hasText: '新建' });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText(`用户名：（空） → ${username}`);
  await expect(created).toContainText('角色：（空） → 督导组');
  await expect(created).toContainText('系统管理员');
  await expect(entries.filter({ hasText: '停用' })).toContainText('启用：是 → 否');
  await expect(entries.filter({ hasText: '登录' })).toHaveCount(1);
  await expect(entries.filter({ hasText: '修改' })).toContainText(`姓名：督导员${tag} → 督导组长${tag}`);
  await page.getByTestId('verify-audit').click();
  await expect(page.getByTestId('verify-result')).toContainText('审计链完整');
  await expect(page.getByTestId('verify-result')).toContainText('最新检查点');
  await keep(page, 'admin-audit');

  expect(problems).toEqual([]);
  expect(theirProblems).toEqual([]);
});

test('admin: adds a village under a township in the org tree', async ({ page }) => {
  const problems = watchConsole(page);
  const village = `测试村${tag}`;
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/admin/org');
  const tree = page.getByTestId('org-tree');
  await expect(tree.getByTestId('org-node-大兴寨村')).toBeVisible();

  await tree.getByTestId('org-node-矮寨镇').click();
  await expect(page.getByText('在「矮寨镇」下添加')).toBeVisible();
  // Under a township only a village or a unit may be added.
  await page.getByTestId('org-kind').click();
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveText([
    '村',
    '单位',
  ]);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '村' }).click();
  await page.getByTestId('org-name').fill(village);
  await page.getByTestId('org-code').fill('433101100201'); // 大兴寨村's code: refused as a duplicate
  await page.getByTestId('org-submit').click();
  await expect(page.getByText('组织编码已存在')).toBeVisible();
  await page.getByTestId('org-code').fill('');
  await page.getByTestId('org-submit').click();
  await expect(page.getByText(`已添加「${village}」`)).toBeVisible();
  await expect(tree.getByTestId(`org-node-${village}`)).toContainText('村');
  await keep(page, 'admin-org');
  expect(problems).toEqual([]);
});
