import { expect, type Page, test } from '@playwright/test';
import { keep, login, watchConsole } from './support';
import { ApiAs } from './workflow-api';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let sequence = 100 + Math.floor(Math.random() * 800);

/** A valid resident ID born on `birth` (YYYY-MM-DD) and the sex its sequence digit gives. */
function person(birth: string): { idNumber: string; sex: 'male' | 'female'; birthDate: string } {
  const first17 = `433101${birth.replaceAll('-', '')}${String(++sequence).padStart(3, '0')}`;
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return {
    idNumber: first17 + '10X98765432'[sum % 11],
    sex: sequence % 2 === 1 ? 'male' : 'female',
    birthDate: birth,
  };
}

let made = 0;

async function choose(page: Page, option: string): Promise<void> {
  await page.getByTestId('filter-status').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

async function household(
  commander: ApiAs,
  headName: string,
  extra: { phone?: string; members?: Record<string, unknown>[] } = {},
): Promise<{ id: string; code: string }> {
  const units = await commander.get<{ id: string; kind: string }[]>('/org-units');
  const village = units.find((u) => u.kind === 'village')!;
  const code = `DUP-${Date.now().toString(36).toUpperCase()}-${++made}`;
  const created = await commander.post('/households', {
    code,
    headName,
    headIdNumber: person('1961-02-02').idNumber,
    villageId: village.id,
    ...extra,
  });
  return { id: created.id, code };
}

test.describe('疑似重复人员', () => {
  test('a commander merges a person registered in two households, and refuses to merge two heads', async ({
    page,
    request,
  }) => {
    const problems = watchConsole(page);
    const commander = await ApiAs.login(request, 'commander');
    const run = Date.now().toString(36).slice(-4);
    const name = `石秀兰${run}`;
    const member = (relation: string) => ({ name, relation, ...person('1985-05-05') });
    const kept = await household(commander, `石大${run}`, { members: [member('child')] });
    const other = await household(commander, `石二${run}`, { members: [member('spouse')] });
    const phone = `139${String(Date.now()).slice(-8)}`;
    const headOne = await household(commander, `向甲${run}`, { phone });
    const headTwo = await household(commander, `向乙${run}`, { phone });

    await login(page, 'commander');
    await page.getByRole('menuitem', { name: '疑似重复人员' }).click();
    await expect(page).toHaveURL(/\/duplicates$/);
    const row = page.getByTestId('duplicates-table').locator('tr', { hasText: name });
    await expect(row).toContainText('同名同出生日期');
    await expect(row).toContainText(kept.code);
    await expect(row).toContainText(other.code);
    await expect(row).toContainText('1985-05-05');
    await expect(row).toContainText(/433101\*{8}\d{3}[\dX]/); // masked, like everywhere else
    await expect(row).toContainText('待核查');
    await keep(page, 'duplicates');

    // Same person: keep the entry of the first household; the second loses its copy.
    await row.getByRole('button', { name: '同一人' }).click();
    await page.getByRole('radio', { name: new RegExp(kept.code) }).check();
    await page.getByTestId('duplicate-note').fill('同一人，户籍在石大户');
    await page.getByRole('button', { name: '确定合并' }).click();
    await expect(page.getByText('已认定为同一人，重复记录已移除')).toBeVisible();
    await expect(row).toHaveCount(0);
    const after = await commander.get<{ members: { name: string }[] }>(`/households/${other.id}`);
    expect(after.members.map((m) => m.name)).not.toContain(name);
    expect(
      (await commander.get<{ members: { name: string }[] }>(`/households/${kept.id}`)).members.map(
        (m) => m.name,
      ),
    ).toContain(name);

    // The decided pairs: the removed entry is shown struck through with who decided.
    await choose(page, '同一人（已合并）');
    const merged = page.getByTestId('duplicates-table').locator('tr', { hasText: name });
    await expect(merged).toContainText('已从该户移除');
    await expect(merged).toContainText('同一人，户籍在石大户');
    await keep(page, 'duplicates-merged');

    // Two heads with one phone cannot be merged: the refusal says why; they are then marked different people.
    await choose(page, '待核查');
    const heads = page.getByTestId('duplicates-table').locator('tr', { hasText: headOne.code });
    await expect(heads).toContainText('户主联系电话相同');
    await expect(heads).toContainText(headTwo.code);
    await expect(heads).toContainText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    await heads.getByRole('button', { name: '同一人' }).click();
    await page.getByRole('radio', { name: new RegExp(headOne.code) }).check();
    await page.getByRole('button', { name: '确定合并' }).click();
    await expect(page.getByText(/两人都是户主，不能合并/)).toBeVisible();
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await heads.getByRole('button', { name: '不同人' }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect(page.getByText('已认定为不同人')).toBeVisible();
    await expect(heads).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
