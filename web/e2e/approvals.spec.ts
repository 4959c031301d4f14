import { expect, test } from '@playwright/test';
import { keep, login, watchConsole } from './support';
import { ApiAs, awaitNotification, settled, householdAwaitingTownship } from './workflow-api';

test.describe('审批 inbox', () => {
  test('an official hears of a request, approves it; the household moves and leaves the inbox', async ({
    page,
    request,
  }) => {
    const problems = watchConsole(page);
    const commander = await ApiAs.login(request, 'commander');
    const official = await ApiAs.login(request, 'official');
    const household = await householdAwaitingTownship(commander, '石通过');
    await awaitNotification(official, (n) => n.target?.id === household.approvalId);

    await login(page, 'official');
    // The bell: unread count, the notice with the household's code, a link to the inbox.
    await expect(page.getByTestId('notification-count').locator('.ant-badge-count')).toBeVisible();
    await page.getByTestId('notification-bell').click();
    const notice = page.getByTestId('notification-item').filter({ hasText: household.code });
    await expect(notice).toContainText('待审批');
    await expect(notice).toContainText('刚刚');
    await settled(page);
    await keep(page, 'notifications');
    await notice.getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(/\/approvals$/);

    const row = page.getByTestId('approvals-table').locator('tr', { hasText: household.code });
    await expect(row).toContainText('石通过');
    await expect(row).toContainText('实物已调查 → 实物指标已确认');
    await expect(row).toContainText('指挥部调度员'); // the requester
    await expect(row).toContainText('乡镇 待审批');
    await settled(page);
    await keep(page, 'approvals');
    await row.getByTestId(`approve-${household.code}`).click();
    await page.getByTestId('decision-comment').fill('实物指标核实无误');
    await page.getByRole('button', { name: '确定通过' }).click();
    await expect(page.getByText('已通过').first()).toBeVisible();
    await expect(row).toHaveCount(0);

    // The history: approved, by whom, with the comment; its link opens the household at the new stage.
    await page.getByRole('tab', { name: '审批记录' }).click();
    await expect(page).toHaveURL(/tab=history/);
    const decided = page.getByTestId('approvals-table').locator('tr', { hasText: household.code });
    await expect(decided).toContainText('已通过');
    await expect(decided).toContainText('矮寨镇移民办：实物指标核实无误');
    await settled(page);
    await keep(page, 'approvals-history');
    await decided.getByRole('link', { name: new RegExp(household.code) }).click();
    await expect(page.getByTestId('household-title')).toContainText(household.code);
    await expect(page.getByTestId('stage-steps').locator('.ant-steps-item-process')).toContainText(
      '实物指标已确认',
    );
    expect((await commander.get(`/households/${household.id}`)).stage).toBe('indicators_confirmed');
    expect(problems).toEqual([]);
  });

  test('an official rejects with a comment; the household stays where it was', async ({ page, request }) => {
    const problems = watchConsole(page);
    const commander = await ApiAs.login(request, 'commander');
    const household = await householdAwaitingTownship(commander, '石驳回');

    await login(page, 'official');
    await page.goto('/approvals');
    const row = page.getByTestId('approvals-table').locator('tr', { hasText: household.code });
    await row.getByTestId(`reject-${household.code}`).click();
    // A rejection needs its reason.
    await page.getByRole('button', { name: '确定驳回' }).click();
    await expect(page.getByText('请填写驳回意见')).toBeVisible();
    await page.getByTestId('decision-comment').fill('房屋面积测量有误，请复核');
    await settled(page);
    await keep(page, 'approvals-reject');
    await page.getByRole('button', { name: '确定驳回' }).click();
    await expect(page.getByText('已驳回').first()).toBeVisible();
    await expect(row).toHaveCount(0);

    await page.goto('/approvals?tab=history&status=rejected');
    const decided = page.getByTestId('approvals-table').locator('tr', { hasText: household.code });
    await expect(decided).toContainText('已驳回');
    await expect(decided).toContainText('房屋面积测量有误，请复核');
    const after = await commander.get(`/households/${household.id}`);
    expect(after.stage).toBe('surveyed');
    expect(problems).toEqual([]);
  });

  test('a request someone else decided first: said so, and the inbox refreshes', async ({
    page,
    request,
  }) => {
    const problems = watchConsole(page);
    const commander = await ApiAs.login(request, 'commander');
    const official = await ApiAs.login(request, 'official');
    const household = await householdAwaitingTownship(commander, '石抢先');

    await login(page, 'official');
    await page.goto('/approvals');
    const row = page.getByTestId('approvals-table').locator('tr', { hasText: household.code });
    await expect(row).toBeVisible();
    // A colleague at another desk decides while this page still shows the request.
    await official.post(`/approvals/${household.approvalId}/decision`, { decision: 'approve' }, 200);
    await row.getByTestId(`approve-${household.code}`).click();
    await page.getByRole('button', { name: '确定通过' }).click();
    await expect(page.getByText('该审批已被他人处理，列表已刷新')).toBeVisible();
    await expect(row).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
