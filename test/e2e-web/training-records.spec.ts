import type { Page } from '@playwright/test';
import { chooseOption } from './choose-option';
import { call, expect, rpc, test, type RunningHost } from './helpers';
import { LI_SI, THREE_TRAINEES, WANG_FANG, ZHAO_QIANG } from './trainee-data';

// A fresh host per test on a busy two-core machine: allow more than the default minute.
test.describe.configure({ timeout: 120_000 });

interface Created {
  id: string;
}

async function openWithTrainees(page: Page, host: RunningHost, trainees: object[]): Promise<string[]> {
  const ids: string[] = [];
  for (const trainee of trainees) ids.push((await call<Created>(page.request, host, 'trainees.create', trainee)).id);
  await page.goto(host.url);
  // The first load of the app on a busy two-core machine can take a while.
  await expect(page.getByTestId('trainee-total')).toHaveText(`共 ${trainees.length} 人`, { timeout: 30_000 });
  return ids;
}

test('adds a training record from a trainee, with that trainee filled in', async ({ page, host }) => {
  await openWithTrainees(page, host, [WANG_FANG]);
  await page.getByRole('row', { name: WANG_FANG.name }).click();
  await page.getByRole('dialog', { name: '学员信息' }).getByRole('button', { name: '添加培训记录' }).click();
  const form = page.getByRole('dialog', { name: '添加培训记录' });
  await expect(form.getByTitle(`${WANG_FANG.name}　230102********0045`)).toBeVisible();

  await chooseOption(form, '培训平台', '中国职业培训', '中国职业培训在线');
  await chooseOption(form, '职业（工种）', '养老', '养老护理');
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('课程名称')).toBeFocused();
  await page.keyboard.type('养老护理员（初级）');
  await form.getByLabel('学时').fill('12');
  const saved = page.waitForResponse((r) => r.url().endsWith('/rpc/enrolments.create'));
  await page.keyboard.press('Control+s');
  expect((await saved).status()).toBe(200);
  await expect(form).toBeHidden();
  // Back in the trainee's drawer; Escape closes it.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '学员信息' })).toBeHidden();

  await page.getByRole('menuitem', { name: '培训记录' }).click();
  const row = page.getByRole('row').filter({ hasText: '养老护理员（初级）' });
  await expect(row).toContainText(WANG_FANG.name);
  await expect(row).toContainText('中国职业培训在线');
});

test('quick mode: ticks trainees by keyboard, adds one course for all; the records list filters', async ({ page, host }) => {
  const ids = await openWithTrainees(page, host, THREE_TRAINEES);
  const platforms = await call<Array<{ id: string; name: string }>>(page.request, host, 'platforms.list', {});
  const other = platforms.find((p) => p.name === '中国国家人事人才培训网')!;
  // An older record on another platform, not signed in: what the filters must tell apart.
  await rpc(page.request, host, 'enrolments.create', {
    traineeId: ids[0],
    platformId: other.id,
    courseName: '安全生产常识',
    startDate: '2020-04-01',
    hours: 4,
    signedIn: false,
  });

  // Newest first: 赵强, 王芳, 李四. Space ticks the focused row, the arrow moves to the next.
  await page.getByRole('row', { name: '赵强' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('row', { name: '王芳' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByText('已勾选 2 人')).toBeVisible();
  await page.getByRole('button', { name: '为勾选的学员添加培训记录' }).click();

  const drawer = page.getByRole('dialog', { name: '批量添加培训记录' });
  await expect(drawer).toContainText('将为已勾选的 2 名学员');
  // The drawer names whom the records are for (#17 item 6).
  await expect(drawer.getByTestId('ticked-names')).toHaveText('王芳、赵强');
  await chooseOption(drawer, '培训平台', '中国职业培训', '中国职业培训在线');
  await chooseOption(drawer, '职业（工种）', '电工', '电工');
  await drawer.getByLabel('课程名称').fill('低压电工上岗培训');
  // 学时 selects its value on focus: what is typed replaces it (#17 item 3).
  await drawer.getByLabel('学时').fill('8');
  await drawer.getByLabel('课程名称').focus();
  await drawer.getByLabel('学时').focus();
  await page.keyboard.type('16');
  await expect(drawer.getByLabel('学时')).toHaveValue('16');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('已为 2 名学员添加培训记录')).toBeVisible();
  await expect(drawer).toBeHidden();
  await expect(page.getByText('已勾选 2 人')).toBeHidden();

  await page.getByRole('menuitem', { name: '培训记录' }).click();
  await expect(page.getByText('共 3 人次')).toBeVisible();
  const records = page.getByRole('row').filter({ hasText: '低压电工上岗培训' });
  await expect(records).toHaveCount(2);
  await expect(records.filter({ hasText: '赵强' })).toHaveCount(1);
  await expect(records.filter({ hasText: '王芳' })).toHaveCount(1);

  await page.getByLabel('按签到筛选').click();
  await page.getByTitle('未签到', { exact: true }).click();
  await expect(page.getByText('共 1 人次')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '安全生产常识' })).toBeVisible();
  await page.getByRole('button', { name: '清除条件' }).click();
  await expect(page.getByText('共 3 人次')).toBeVisible();

  await chooseOption(page, '按职业筛选', '电工', '电工');
  await expect(page.getByText('共 2 人次')).toBeVisible();
  await page.getByRole('button', { name: '清除条件' }).click();
  await chooseOption(page, '按培训平台筛选', '中国国家人事', '中国国家人事人才培训网');
  await expect(page.getByText('共 1 人次')).toBeVisible();
  await page.getByRole('button', { name: '清除条件' }).click();

  await page.getByPlaceholder('开始日期从').fill('2020-03-01');
  await page.keyboard.press('Enter');
  await page.getByPlaceholder('到').fill('2020-04-30');
  await page.keyboard.press('Enter');
  await expect(page.getByText('共 1 人次')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '安全生产常识' })).toBeVisible();
});

test('培训记录 searches by the trainee: name, whole ID number, its last digits', async ({ page, host }) => {
  const ids = await openWithTrainees(page, host, THREE_TRAINEES);
  const platformId = (await call<Array<{ id: string }>>(page.request, host, 'platforms.list', {}))[0]!.id;
  for (const [index, traineeId] of ids.entries()) {
    await rpc(page.request, host, 'enrolments.create', { traineeId, platformId, courseName: `课程${index + 1}`, startDate: '2020-04-05', hours: 4, signedIn: true });
  }
  await page.getByRole('menuitem', { name: '培训记录' }).click();
  await expect(page.getByText('共 3 人次')).toBeVisible();
  const search = page.getByLabel('按学员搜索培训记录');
  await search.fill('王芳');
  await expect(page.getByText('共 1 人次')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '课程2' })).toBeVisible();
  await search.fill(ZHAO_QIANG.idNumber);
  await expect(page.getByText('共 1 人次')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '赵强' })).toBeVisible();
  await search.fill(LI_SI.idNumber.slice(-4));
  await expect(page.getByText('共 1 人次')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '李四' })).toBeVisible();
  await search.fill('无此人');
  await expect(page.getByText('没有符合条件的培训记录')).toBeVisible();
  await page.getByRole('button', { name: '清除条件' }).click();
  await expect(page.getByText('共 3 人次')).toBeVisible();
});
