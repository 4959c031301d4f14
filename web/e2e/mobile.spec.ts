import { expect, test } from '@playwright/test';
import { ApiAs } from './workflow-api';
import { goOffline, phoneLogin, recordVisit, sendEverything, waitForServiceWorker } from './mobile-support';
import { ADMIN, DEMO_PASSWORD, keep, watchConsole } from './support';

/**
 * The cadre's phone app (/m/) against the real server and the production build: offline start from the service
 * worker's cache, records kept in the outbox, sent once when the network returns, a lost answer retried without
 * a second record, a refusal shown with the server's reason. No mocked API: requests are only cut, never answered.
 */

const run = Date.now().toString(36);
/** HouseholdsScreen's LIST_STEP (the spec cannot import the screen: it pulls in antd-mobile's CSS). */
const LIST_STEP = 20;

function householdIdOf(url: string): string {
  const match = /\/m\/households\/([0-9a-f-]{36})/.exec(url);
  if (!match) throw new Error(`not a household page: ${url}`);
  return match[1];
}

test('offline: the app opens from cache, five records wait, and reach the server exactly once', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await phoneLogin(page, 'cadre02');
  // Red lights first: the list starts with the households that most need a visit.
  const lights = await page
    .getByTestId('household-item')
    .locator('.m-light')
    .evaluateAll((dots) => dots.map((dot) => dot.getAttribute('aria-label')));
  const order = { 红灯: 0, 黄灯: 1, 绿灯: 2 } as Record<string, number>;
  expect(lights.map((l) => order[l ?? ''])).toEqual([...lights.map((l) => order[l ?? ''])].sort());
  await page.screenshot({ path: '../docs/mobile-households.png' });

  await goOffline(context, page);
  await page.reload();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(page.getByTestId('household-item').first()).toBeVisible();

  // The earliest stage on the list (an intent there is recorded at once; after signing it needs an approval),
  // then search narrows it further — all on the phone, offline.
  const stageFilter = page.getByLabel('按阶段筛选');
  const earliest = await stageFilter.locator('option').nth(1).innerText();
  await stageFilter.selectOption({ index: 1 });
  await expect(page.getByTestId('household-item').first()).toContainText(earliest);
  const first = page.getByTestId('household-item').first();
  const name = (await first.locator('.m-row-title').innerText()).split(/[（\n]/)[0].trim();
  await page.getByLabel('搜索').fill(name);
  await expect(page.getByTestId('household-item').first()).toContainText(name);
  await page.getByTestId('household-item').first().click();
  await expect(page.getByRole('button', { name: '记录走访' })).toBeVisible();
  const householdId = householdIdOf(page.url());

  for (const n of [1, 2, 3])
    await recordVisit(page, `离线走访${n}-${run}：宣讲补偿政策`, n === 1 ? '孩子转学' : undefined);
  await expect(page.getByTestId('household-waiting')).toContainText('本机待同步（3）');

  await page.getByRole('button', { name: '登记意愿' }).click();
  await page.getByText('货币/自谋出路', { exact: true }).click();
  await page.getByRole('textbox').last().fill(`离线意愿-${run}`);
  await page.getByRole('button', { name: '保存意愿' }).click();
  await expect(page.getByRole('button', { name: '记录走访' })).toBeVisible();

  await page.getByRole('button', { name: '反映问题' }).click();
  await page.getByText('资金兑付', { exact: true }).click();
  await page.getByPlaceholder('什么问题、涉及哪些人、群众的诉求').fill(`离线问题-${run}：过渡费未到账`);
  await page.getByRole('button', { name: '提交问题' }).click();
  await expect(page.getByTestId('household-waiting')).toContainText('本机待同步（5）');
  await expect(page.getByTestId('pending-badge')).toHaveText('5');

  // Close the app and open it again, still without a network.
  await page.close();
  const again = await context.newPage();
  await again.goto('/m/sync');
  await expect(again.getByTestId('pending-count')).toHaveText('5');
  await expect(again.getByTestId('pending-item')).toHaveCount(5);
  await keep(again, 'mobile-sync-pending');

  // The network returns: the app sends by itself.
  await context.setOffline(false);
  await expect(again.getByTestId('pending-count')).toHaveText('0', { timeout: 30_000 });
  await expect(again.getByTestId('rejected-count')).toHaveText('0');
  await expect(again.getByTestId('last-sync')).not.toContainText('尚未同步');

  const commander = await ApiAs.login(request, 'commander');
  const visits = await commander.get<{
    items: { summary: string; concerns: string | null; clientId: string }[];
  }>(`/visits?householdId=${householdId}&pageSize=200`);
  const ours = visits.items.filter((v) => v.summary.includes(run));
  expect(ours.map((v) => v.summary).sort()).toEqual(
    [1, 2, 3].map((n) => `离线走访${n}-${run}：宣讲补偿政策`),
  );
  expect(ours.find((v) => v.summary.startsWith('离线走访1'))?.concerns).toBe('孩子转学');
  expect(new Set(ours.map((v) => v.clientId)).size).toBe(3);
  const intents = await commander.get<
    { note: string | null; option: string }[] | { items: { note: string | null; option: string }[] }
  >(`/households/${householdId}/intents`);
  const intentList = Array.isArray(intents) ? intents : intents.items;
  expect(intentList.filter((i) => i.note === `离线意愿-${run}`).map((i) => i.option)).toEqual(['cash']);
  const problemsList = await commander.get<{ items: { description: string; category: string }[] }>(
    `/problems?householdId=${householdId}&pageSize=200`,
  );
  expect(problemsList.items.filter((p) => p.description.includes(run)).map((p) => p.category)).toEqual([
    'payment',
  ]);
  expect(problems).toEqual([]);
});

test('the list renders a screenful first and the rest as the cadre scrolls', async ({ page }) => {
  await phoneLogin(page, 'cadre01');
  const title = await page.locator('.adm-nav-bar-title').innerText();
  const total = Number(/（(\d+)）/.exec(title)?.[1]);
  expect(total).toBeGreaterThan(LIST_STEP); // cadre01 keeps about 40 households in the demo
  await expect(page.getByTestId('household-item')).toHaveCount(LIST_STEP);
  await expect(page.getByText(`还有 ${total - LIST_STEP} 户`)).toBeAttached();
  // Scrolled to the end (again, while more keep coming), every household is there.
  await expect(async () => {
    await page.locator('.m-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
    await expect(page.getByTestId('household-item')).toHaveCount(total, { timeout: 1_000 });
  }).toPass();
  await expect(page.getByText(/^还有 \d+ 户/)).toHaveCount(0);
});

test('a lost answer is retried without creating the visit twice', async ({ page, context, request }) => {
  test.setTimeout(120_000);
  await phoneLogin(page, 'cadre03');
  await page.getByTestId('household-item').first().click();
  const householdId = householdIdOf(page.url());

  // The first upload reaches the server, but the phone sees the connection drop before the answer.
  let uploads = 0;
  await context.route('**/api/v1/visits/sync', async (route) => {
    uploads++;
    if (uploads > 1) return route.continue();
    const response = await route.fetch();
    expect(response.status()).toBe(200);
    await route.abort('connectionreset');
  });
  const summary = `回应丢失-${run}：核实人口信息`;
  await recordVisit(page, summary);
  await expect.poll(() => uploads).toBeGreaterThanOrEqual(1);

  // The phone still holds it and sends it again (on its own after a while, or at once from 立即同步).
  await sendEverything(page);
  await expect(page.getByTestId('rejected-count')).toHaveText('0');
  expect(uploads).toBe(2);
  await expect(page.getByText('已送达')).toHaveCount(1);

  const commander = await ApiAs.login(request, 'commander');
  const visits = await commander.get<{ items: { summary: string }[] }>(
    `/visits?householdId=${householdId}&pageSize=200`,
  );
  expect(visits.items.filter((v) => v.summary === summary)).toHaveLength(1);
});

test('a problem report whose answer was lost is sent again under its Idempotency-Key: one problem', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  await phoneLogin(page, 'cadre06');
  await page.getByTestId('household-item').first().click();
  const householdId = householdIdOf(page.url());

  const keys: (string | undefined)[] = [];
  await context.route('**/api/v1/problems', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']);
    if (keys.length > 1) return route.continue();
    const response = await route.fetch();
    expect(response.status()).toBe(201);
    await route.abort('connectionreset');
  });
  const description = `回应丢失的问题-${run}：安置房漏雨`;
  await page.getByRole('button', { name: '反映问题' }).click();
  await page.getByText('资金兑付', { exact: true }).click();
  await page.getByPlaceholder('什么问题、涉及哪些人、群众的诉求').fill(description);
  await page.getByRole('button', { name: '提交问题' }).click();
  await expect.poll(() => keys.length).toBeGreaterThanOrEqual(1);

  await sendEverything(page);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^m-[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);

  const commander = await ApiAs.login(request, 'commander');
  const problems = await commander.get<{ items: { description: string }[] }>(
    `/problems?householdId=${householdId}&pageSize=200`,
  );
  expect(problems.items.filter((p) => p.description === description)).toHaveLength(1);
});

test('a task marked done offline reaches the server once, though the first answer was lost', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  // cadre09 lets households go unvisited in the demo history: the daily dispatch gave them tasks.
  await phoneLogin(page, 'cadre09');
  await page.getByText('任务', { exact: true }).last().click();
  const item = page.getByTestId('task-item').first();
  await expect(item).toBeVisible();
  const taskId = (await item.getAttribute('data-task-id'))!;
  const cadre = await ApiAs.login(request, 'cadre09');
  const open = await cadre.get<{ items: { id: string }[] }>('/tasks?status=open&pageSize=100');
  expect(open.items.map((t) => t.id)).toContain(taskId);
  const task = { id: taskId };

  await goOffline(context, page);
  await item.getByRole('button', { name: '完成' }).click();
  await page.getByPlaceholder(/^办理情况/).fill(`已入户-${run}`);
  await page.getByRole('dialog').getByRole('button', { name: '完成', exact: true }).click();
  await expect(item).toContainText('已完成 · 待同步');
  await keep(page, 'mobile-tasks');
  await expect(page.getByTestId('pending-badge')).toHaveText('1');

  // Back online: the completion reaches the server, but its answer is lost; the resend must not meet "already done".
  const keys: (string | undefined)[] = [];
  await context.route(`**/api/v1/tasks/${task.id}/complete`, async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    if (keys.length > 1) return route.continue();
    const response = await route.fetch();
    expect(response.status()).toBe(200);
    await route.abort('connectionreset');
  });
  await context.setOffline(false);
  await expect.poll(() => keys.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await sendEverything(page);
  await expect(page.getByTestId('rejected-count')).toHaveText('0');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);

  const done = await cadre.get<{ items: { id: string; status: string; note: string | null }[] }>(
    '/tasks?status=done&pageSize=100',
  );
  expect(done.items.filter((t) => t.id === task.id)).toEqual([
    expect.objectContaining({ status: 'done', note: `已入户-${run}` }),
  ]);
  // The pull brought the task back as done: it has left the phone's to-do list.
  await page.getByText('任务', { exact: true }).last().click();
  await expect(page.getByText(/^待办任务/)).toBeVisible();
  await expect(page.locator(`[data-task-id="${task.id}"]`)).toHaveCount(0);
});

test('a visit to a household reassigned while offline comes back with the server’s reason and can be discarded', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  await phoneLogin(page, 'cadre04');
  await page.getByTestId('household-item').first().click();
  const householdId = householdIdOf(page.url());

  await goOffline(context, page);
  await recordVisit(page, `已调走的户-${run}`);

  // Meanwhile the command centre gives the household to another cadre.
  const admin = await ApiAs.login(request, ADMIN.username, ADMIN.password);
  const cadres = await admin.get<{ items: { id: string; username: string }[] }>(
    '/users?role=cadre&pageSize=200',
  );
  const other = cadres.items.find((u) => u.username === 'cadre05')!;
  const commander = await ApiAs.login(request, 'commander');
  await commander.post('/households/assignments', { householdIds: [householdId], cadreId: other.id });

  await context.setOffline(false);
  await page.getByText('同步', { exact: true }).last().click();
  await expect(page.getByTestId('rejected-count')).toHaveText('1', { timeout: 30_000 });
  // The server's own words (the household is no longer visible to this cadre, or not theirs to visit).
  await expect(page.getByTestId('rejection-message')).toHaveText(
    /^(移民户不存在|只有该户的包户干部可以登记走访)$/,
  );
  await expect(page.getByTestId('rejected-item')).toContainText('该户已不在您的包保名单中');
  await expect(page.getByTestId('rejected-item')).toContainText('走访记录');
  await keep(page, 'mobile-sync-rejected');

  // The household has left this phone with the next pull.
  await page.getByText('包保户', { exact: true }).click();
  await expect(page.getByTestId('household-item').first()).toBeVisible();
  await page.goto(`/m/households/${householdId}`);
  await expect(page.getByText('该户已不在您的包保名单中')).toBeVisible();

  await page.goto('/m/sync');
  await page.getByRole('button', { name: '放弃' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '放弃' }).click();
  await expect(page.getByTestId('rejected-count')).toHaveText('0');
  await expect(page.getByTestId('pending-count')).toHaveText('0');
  const visits = await commander.get<{ items: { summary: string }[] }>(
    `/visits?householdId=${householdId}&pageSize=200`,
  );
  expect(visits.items.filter((v) => v.summary.includes(run))).toHaveLength(0);
});

test('a stage request made offline for a household put on hold meanwhile is refused with the reason, and discarded', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  await phoneLogin(page, 'cadre06');
  const cadre = await ApiAs.login(request, 'cadre06');
  const mine = await cadre.get<{ items: { id: string; stage: string; onHold: boolean }[] }>(
    '/households?pageSize=200',
  );
  const household = mine.items.find((h) => !h.onHold && h.stage !== 'closed')!;
  expect(household).toBeDefined();

  await goOffline(context, page);
  await page.goto(`/m/households/${household.id}/stage`);
  const options = await cadre.get<{ stages: { value: string; label: string }[] }>('/options');
  const index = options.stages.findIndex((s) => s.value === household.stage);
  const next = options.stages[index + 1];
  // The next stage is chosen already (the form waits for the option lists kept on the phone).
  await expect(page.locator('.adm-selector-item-active')).toHaveText(next.label);
  await page.getByPlaceholder(/已完成的工作/).fill(`离线阶段申请-${run}`);
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByTestId('pending-badge')).toHaveText('1');
  await keep(page, 'mobile-stage-offline');

  // Meanwhile the command centre stops the household's progress (信访).
  const commander = await ApiAs.login(request, 'commander');
  await commander.post(`/households/${household.id}/hold`, { reason: 'petition' });

  await context.setOffline(false);
  await page.goto('/m/sync');
  await page.getByRole('button', { name: /立即同步/ }).click();
  await expect(page.getByTestId('rejected-count')).toHaveText('1', { timeout: 30_000 });
  // The server's own Chinese reason, whichever check refused it first (on hold, or the version it saw is stale).
  await expect(page.getByTestId('rejection-message')).toHaveText(/[\u4e00-\u9fff]/);
  await keep(page, 'mobile-stage-rejected');

  await page.getByRole('button', { name: '放弃' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '放弃' }).click();
  await expect(page.getByTestId('rejected-count')).toHaveText('0');
  await expect(page.getByTestId('pending-count')).toHaveText('0');
  // Nothing moved and nothing waits for approval.
  const after = await commander.get<{ stage: string; onHold: boolean }>(`/households/${household.id}`);
  expect(after).toMatchObject({ stage: household.stage, onHold: true });
  const approvals = await commander.get<{ items: { householdId?: string; household?: { id: string } }[] }>(
    '/approvals?status=pending&pageSize=200',
  );
  expect(approvals.items.filter((a) => (a.household?.id ?? a.householdId) === household.id)).toHaveLength(0);
});

test('an expired session keeps the outbox, asks for a login, then sends', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  await phoneLogin(page, 'cadre07');
  await page.getByTestId('household-item').first().click();
  const householdId = householdIdOf(page.url());
  await goOffline(context, page);
  const summary = `会话过期前记录-${run}`;
  await recordVisit(page, summary);

  // The session ends while the phone is away (its cookie is gone as an expired one would be).
  await context.clearCookies();
  await context.setOffline(false);
  await expect(page.getByTestId('login-expired')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('pending-badge')).toHaveText('1');
  await page.getByRole('button', { name: '重新登录' }).click();
  await expect(page.getByText('本机有 1 条记录待同步，登录后继续发送。')).toBeVisible();
  await expect(page.getByPlaceholder('请输入用户名')).toHaveValue('cadre07');
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('login-expired')).toHaveCount(0);
  await page.getByText('同步', { exact: true }).last().click();
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 30_000 });

  const commander = await ApiAs.login(request, 'commander');
  const visits = await commander.get<{ items: { summary: string }[] }>(
    `/visits?householdId=${householdId}&pageSize=200`,
  );
  expect(visits.items.filter((v) => v.summary === summary)).toHaveLength(1);

  // Logging out on purpose: asked first, then the login page with the same account filled in.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await expect(page).toHaveURL(/\/m\/login/);
  await expect(page.getByPlaceholder('请输入用户名')).toHaveValue('cadre07');
});

test('the app installs: a Chinese manifest with icons, and a service worker scoped to /m/', async ({
  page,
  request,
}) => {
  const manifest = await request.get('/m/manifest.webmanifest');
  expect(manifest.headers()['cache-control']).toBe('no-cache');
  expect(await manifest.json()).toMatchObject({
    name: '大兴寨移民安置 · 包户干部',
    short_name: '移民包户',
    start_url: '/m/',
    scope: '/m/',
    display: 'standalone',
    icons: expect.arrayContaining([
      expect.objectContaining({ sizes: '192x192' }),
      expect.objectContaining({ sizes: '512x512' }),
    ]),
  });
  const script = await request.get('/m/sw.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(script.headers()['cache-control']).toBe('no-cache');
  await page.goto('/m/login');
  await waitForServiceWorker(page);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toMatch(/\/m\/$/);
});

test('inside WeChat the app asks to be opened in the system browser', async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 XWEB/1300 MMWEBSDK/20241103 MicroMessenger/8.0.55.2780(0x28003737) WeChat/arm64 Weixin NetType/4G Language/zh_CN',
  });
  const page = await context.newPage();
  await page.goto('/m/');
  await expect(page.getByTestId('wechat-banner')).toContainText('在浏览器打开');
  await context.close();
});
